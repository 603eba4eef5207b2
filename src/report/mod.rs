//! Turning a check report into text for people (terminal) or machines (JSON).

pub mod credits_table;
pub mod data;
pub mod human;
pub mod xlsx;

use crate::diagnostic::Diagnostic;

/// The `check --format json` array (DESIGN §5), also written as `data/diagnostics.json`.
pub fn diagnostics_json(diags: &[Diagnostic]) -> String {
    serde_json::to_string_pretty(diags).expect("diagnostics serialise")
}
