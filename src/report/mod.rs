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
        .map(|d| as_published(archive, d, include_private))
        .collect();
    serde_json::to_string_pretty(&shown).expect("diagnostics serialise")
}

/// A diagnostic as the site publishes it: in the code's words when its record, or a record it
/// speaks for, is kept to the school (see [`crate::archive::document::Document::withheld`]).
pub fn as_published<'d>(
    archive: &Archive,
    d: &'d Diagnostic,
    include_private: bool,
) -> Cow<'d, Diagnostic> {
    let withheld = |path: &str| {
        archive
            .index_of(path)
            .is_some_and(|i| archive.documents[i].withheld(include_private))
    };
    if withheld(&d.file) {
        Cow::Owned(d.withheld())
    } else if d.related.iter().any(|p| withheld(p)) {
        Cow::Owned(d.withheld_for_related())
    } else {
        Cow::Borrowed(d)
    }
}
