//! A page's data as a tera context: each field of the page's struct under its own name.
//!
//! `tera::Context::from_serialize` makes the whole struct one map value first, then copies every
//! key of it into a new string for the context; pages are rendered by the ten thousand, so here
//! each field goes straight into the context under its name, which is a `&'static str` already.

use serde::Serialize;
use serde::ser::{self, Impossible};

/// The fields of `data` (a struct) as a context; anything else as `Context::from_serialize`
/// makes it.
pub fn of<T: Serialize + ?Sized>(data: &T) -> Result<tera::Context, tera::Error> {
    let mut context = tera::Context::new();
    match data.serialize(Fields(&mut context)) {
        Ok(()) => Ok(context),
        Err(NotAStruct) => tera::Context::from_serialize(data),
    }
}

struct Fields<'c>(&'c mut tera::Context);

#[derive(Debug)]
struct NotAStruct;

impl std::fmt::Display for NotAStruct {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("page data are not a struct")
    }
}

impl std::error::Error for NotAStruct {}

impl ser::Error for NotAStruct {
    fn custom<M: std::fmt::Display>(_: M) -> NotAStruct {
        NotAStruct
    }
}

impl ser::SerializeStruct for Fields<'_> {
    type Ok = ();
    type Error = NotAStruct;

    fn serialize_field<V: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &V,
    ) -> Result<(), NotAStruct> {
        self.0.insert(key, value);
        Ok(())
    }

    fn end(self) -> Result<(), NotAStruct> {
        Ok(())
    }
}

/// Every kind of value but a struct is refused.
macro_rules! refuse {
    ($($method:ident($($arg:ty),*);)*) => {
        $(fn $method(self, $(_: $arg),*) -> Result<(), NotAStruct> {
            Err(NotAStruct)
        })*
    };
}

impl<'c> ser::Serializer for Fields<'c> {
    type Ok = ();
    type Error = NotAStruct;
    type SerializeSeq = Impossible<(), NotAStruct>;
    type SerializeTuple = Impossible<(), NotAStruct>;
    type SerializeTupleStruct = Impossible<(), NotAStruct>;
    type SerializeTupleVariant = Impossible<(), NotAStruct>;
    type SerializeMap = Impossible<(), NotAStruct>;
    type SerializeStruct = Fields<'c>;
    type SerializeStructVariant = Impossible<(), NotAStruct>;

    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Fields<'c>, NotAStruct> {
        Ok(self)
    }

    refuse! {
        serialize_bool(bool);
        serialize_i8(i8);
        serialize_i16(i16);
        serialize_i32(i32);
        serialize_i64(i64);
        serialize_u8(u8);
        serialize_u16(u16);
        serialize_u32(u32);
        serialize_u64(u64);
        serialize_f32(f32);
        serialize_f64(f64);
        serialize_char(char);
        serialize_str(&str);
        serialize_bytes(&[u8]);
        serialize_none();
        serialize_unit();
        serialize_unit_struct(&'static str);
        serialize_unit_variant(&'static str, u32, &'static str);
    }

    fn serialize_some<V: Serialize + ?Sized>(self, _: &V) -> Result<(), NotAStruct> {
        Err(NotAStruct)
    }

    fn serialize_newtype_struct<V: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: &V,
    ) -> Result<(), NotAStruct> {
        Err(NotAStruct)
    }

    fn serialize_newtype_variant<V: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &V,
    ) -> Result<(), NotAStruct> {
        Err(NotAStruct)
    }

    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, NotAStruct> {
        Err(NotAStruct)
    }

    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, NotAStruct> {
        Err(NotAStruct)
    }

    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, NotAStruct> {
        Err(NotAStruct)
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, NotAStruct> {
        Err(NotAStruct)
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, NotAStruct> {
        Err(NotAStruct)
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, NotAStruct> {
        Err(NotAStruct)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Data {
        title: &'static str,
        count: u32,
        #[serde(skip_serializing_if = "Option::is_none")]
        missing: Option<u32>,
        rows: Vec<&'static str>,
    }

    #[test]
    fn a_struct_gives_the_same_context_as_from_serialize() {
        let data = Data {
            title: "反思",
            count: 3,
            missing: None,
            rows: vec!["a", "b"],
        };
        let ours = of(&data).unwrap();
        let theirs = tera::Context::from_serialize(&data).unwrap();
        assert_eq!(ours, theirs);
        assert!(ours.get("missing").is_none());
    }

    #[test]
    fn a_map_falls_back_to_from_serialize() {
        let map: std::collections::BTreeMap<&str, u32> = [("a", 1), ("b", 2)].into();
        let ours = of(&map).unwrap();
        assert_eq!(ours, tera::Context::from_serialize(&map).unwrap());
    }
}
