//! Turning a check report into text for people (terminal) or machines (JSON).

pub mod credits_table;
pub mod data;
pub mod human;
pub mod xlsx;

use crate::archive::Archive;
use crate::diagnostic::Diagnostic;
use std::borrow::Cow;

/// The `check --format json` array (DESIGN §5).
pub fn diagnostics_json(diags: &[Diagnostic]) -> String {
    serde_json::to_string_pretty(diags).expect("diagnostics serialise")
}

/// The same array as the site's `data/diagnostics.json`: the problems of a record the site keeps
/// to the school in the codes' words, as their messages quote it (see
/// [`crate::archive::document::Document::withheld`]).
pub fn published_diagnostics_json(
    archive: &Archive,
    diags: &[Diagnostic],
    include_private: bool,
) -> String {
    let shown: Vec<Cow<Diagnostic>> = diags
        .iter()
        .map(|d| match archive.index_of(&d.file) {
            Some(i) if archive.documents[i].withheld(include_private) => Cow::Owned(d.withheld()),
            _ => Cow::Borrowed(d),
        })
        .collect();
    serde_json::to_string_pretty(&shown).expect("diagnostics serialise")
}
