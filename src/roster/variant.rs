//! A teacher written another way than the roster writes them: `王芳（Ｔ05）`, `t05`, `Ｔ０５`,
//! `王芳(T07)` where 王芳 is T05. None of these is credited (a record must name its people as
//! the roster does); they are found only to say which teacher was probably meant and how to
//! write them.

use super::{Roster, TeacherIdx, name_key, split_name_id};

/// Why a word is taken for a roster teacher it does not match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Variant {
    /// The teacher's name or id in full-width letters or digits, or another case: `Ｔ05`,
    /// `t05`, `王芳（Ｔ０５）`.
    Spelling,
    /// The teacher's name with an id that is no teacher's: `王芳(T07)` (as written: `T07`).
    WrongId(String),
}

/// Full-width letters, digits and brackets made half-width, Latin letters upper-case, and
/// white space (also zero-width) dropped: how an id or name is compared to find a variant.
/// `T5` and `T05`: the same letters before the same number, the zeros before it aside.
fn same_id_number(a: &str, b: &str) -> bool {
    let split = |s: &str| {
        let digits = s.find(|c: char| c.is_ascii_digit())?;
        let (letters, number) = s.split_at(digits);
        number.chars().all(|c| c.is_ascii_digit()).then(|| {
            (
                letters.to_string(),
                number.trim_start_matches('0').to_string(),
            )
        })
    };
    a != b && split(a).is_some_and(|x| Some(x) == split(b))
}

fn fold(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .filter(|c| !c.is_whitespace() && !matches!(c, '\u{200B}'..='\u{200D}' | '\u{FEFF}'))
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

impl Roster {
    /// The one teacher a word not in the roster was probably meant to be, and why; `None`
    /// when no single teacher is meant.
    pub fn variant_of(&self, word: &str) -> Option<(TeacherIdx, Variant)> {
        let folded = fold(word);
        let only = |found: Vec<TeacherIdx>| match found.as_slice() {
            [one] => Some(*one),
            _ => None,
        };
        let by_id = |id: &str| {
            only(
                self.indices()
                    .filter(|&i| self.get(i).id.as_deref().is_some_and(|t| fold(t) == id))
                    .collect(),
            )
        };
        let by_name = |name: &str| {
            only(
                self.indices()
                    .filter(|&i| fold(&self.get(i).name) == name)
                    .collect(),
            )
        };
        if let Some((name, id)) = split_name_id(&folded) {
            if let Some(idx) = by_id(id) {
                // `吴列(t05)` where T05 is 王芳: which of the two was meant is a guess.
                return (fold(&self.get(idx).name) == name).then_some((idx, Variant::Spelling));
            }
            let key = name_key(word);
            let written = split_name_id(&key).map_or(id, |(_, id)| id).to_string();
            return by_name(name).map(|idx| (idx, Variant::WrongId(written)));
        }
        by_id(&folded)
            .or_else(|| by_name(&folded))
            .or_else(|| {
                // `王芳T05`: the id written after the name without brackets; `T5` for T05.
                only(
                    self.indices()
                        .filter(|&i| {
                            let t = self.get(i);
                            t.id.as_deref().is_some_and(|id| {
                                folded == format!("{}{}", fold(&t.name), fold(id))
                                    || same_id_number(&folded, &fold(id))
                            })
                        })
                        .collect(),
                )
            })
            .map(|idx| (idx, Variant::Spelling))
    }

    /// Which teacher a variant probably meant and how to write them: `是不是名册中的“王芳”
    /// （编号 T05）？…写成“王芳”或编号“T05”`.
    pub fn variant_help(&self, idx: TeacherIdx, why: &Variant) -> String {
        let t = self.get(idx);
        let name = &t.name;
        let how = match &t.id {
            // A namesake's bare name would be ambiguous: only with the id.
            Some(id) if self.is_namesake(idx) => format!("写成“{name}({id})”或编号“{id}”"),
            Some(id) => format!("写成“{name}”或编号“{id}”"),
            None => format!("写成“{name}”"),
        };
        let whom = match &t.id {
            Some(id) => format!("“{name}”（编号 {id}）"),
            None => format!("“{name}”"),
        };
        match (why, &t.id) {
            (Variant::Spelling, _) => format!(
                "是不是名册中的{whom}？姓名和编号要与名册写得一样（字母、数字用半角，字母大小写相同）：{how}"
            ),
            (Variant::WrongId(written), Some(id)) => {
                format!("是不是名册中的{whom}？名册中“{name}”的编号是 {id}，不是 {written}：{how}")
            }
            (Variant::WrongId(_), None) => {
                format!("是不是名册中的{whom}？名册中“{name}”没有编号：{how}")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::roster::parse;

    fn roster() -> Roster {
        let text = "teachers:\n  - name: 王芳\n    id: T05\n  - name: 陈建华\n  - name: 李明\n    id: T02\n  - name: 李明\n    id: T03\n";
        parse(text).unwrap().0
    }

    #[test]
    fn variants_name_their_teacher() {
        let r = roster();
        let wang = Some((TeacherIdx(0), Variant::Spelling));
        for w in [
            "t05",
            "Ｔ05",
            "Ｔ０５",
            "王芳（Ｔ05）",
            "王芳(t05)",
            "王芳（Ｔ０５）",
            "王 芳（ｔ05）",
        ] {
            assert_eq!(r.variant_of(w), wang, "{w}");
        }
        assert_eq!(
            r.variant_of("王芳(T07)"),
            Some((TeacherIdx(0), Variant::WrongId("T07".into())))
        );
        assert_eq!(
            r.variant_of("陈建华（T07）"),
            Some((TeacherIdx(1), Variant::WrongId("T07".into())))
        );
        assert_eq!(
            r.variant_of("李明(t03)"),
            Some((TeacherIdx(3), Variant::Spelling))
        );
        // Guesses are not made: a name shared, an id of someone else, a stranger.
        for w in ["李明(T09)", "陈建华(t05)", "张三", "t09"] {
            assert_eq!(r.variant_of(w), None, "{w}");
        }
    }

    #[test]
    fn help_says_how_to_write_the_teacher() {
        let r = roster();
        let h = r.variant_help(TeacherIdx(0), &Variant::Spelling);
        assert!(
            h.contains("“王芳”（编号 T05）") && h.ends_with("写成“王芳”或编号“T05”"),
            "{h}"
        );
        let h = r.variant_help(TeacherIdx(3), &Variant::Spelling);
        assert!(h.ends_with("写成“李明(T03)”或编号“T03”"), "{h}");
        let h = r.variant_help(TeacherIdx(1), &Variant::WrongId("T07".into()));
        assert!(h.contains("没有编号") && h.ends_with("写成“陈建华”"), "{h}");
    }
}
