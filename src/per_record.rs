//! A value made once per record and shared by every output that shows the record the same way.

use std::sync::OnceLock;

/// A value made once per record, on first use, and shared (cloned, so `V` should be cheap to
/// clone: a reference count). A session of the whole staff is one entry on every attendee's
/// year page and in every attendee's credits, all alike: without this the work grew with
/// teachers × sessions. `K` says what else the value depends on. Two values are kept per
/// record, for the first two keys asked: a record's entries mostly share one key, but not all
/// (a session's speaker is 主讲 among the attendees' 出席; a project's leader and members may
/// get different hours), and with one place the rare key, asked first, would take it from the
/// common one. A record asked for with a third key gets a value made anew, not kept.
pub struct PerRecord<K, V>(Vec<[OnceLock<(K, V)>; 2]>);

impl<K: PartialEq + Copy, V: Clone> PerRecord<K, V> {
    pub fn new(records: usize) -> PerRecord<K, V> {
        PerRecord(
            (0..records)
                .map(|_| [OnceLock::new(), OnceLock::new()])
                .collect(),
        )
    }

    /// The value kept for record `i` and `key`, or else one made now (and kept if a place is
    /// free); a failure to make it is not kept.
    pub fn get<E>(&self, i: usize, key: K, make: impl Fn() -> Result<V, E>) -> Result<V, E> {
        let slots = &self.0[i];
        if let Some(v) = slots
            .iter()
            .find_map(|s| s.get().filter(|(k, _)| *k == key))
        {
            return Ok(v.1.clone());
        }
        let v = make()?;
        // Another thread may have taken a place meanwhile, perhaps with this key; either value
        // is the same.
        for s in slots {
            if s.set((key, v.clone())).is_ok() || s.get().is_some_and(|(k, _)| *k == key) {
                break;
            }
        }
        Ok(v)
    }
}
