//! A value made once per record and shared by every output that shows the record the same way.

use std::sync::OnceLock;

/// A value made once per record, on first use, and shared (cloned, so `V` should be cheap to
/// clone: a reference count). A session of the whole staff is one entry on every attendee's
/// year page and in every attendee's credits, all alike: without this the work grew with
/// teachers × sessions. `K` says what else the value depends on; a record asked for with
/// another `K` gets a value made anew, not kept.
pub struct PerRecord<K, V>(Vec<OnceLock<(K, V)>>);

impl<K: PartialEq + Copy, V: Clone> PerRecord<K, V> {
    pub fn new(records: usize) -> PerRecord<K, V> {
        PerRecord((0..records).map(|_| OnceLock::new()).collect())
    }

    /// The value kept for record `i`, or else one made now (and kept if none is yet); a
    /// failure to make it is not kept.
    pub fn get<E>(&self, i: usize, key: K, make: impl Fn() -> Result<V, E>) -> Result<V, E> {
        if let Some((k, v)) = self.0[i].get()
            && *k == key
        {
            return Ok(v.clone());
        }
        let v = make()?;
        // Another thread may have made it meanwhile; either value is the same.
        let _ = self.0[i].set((key, v.clone()));
        Ok(v)
    }
}
