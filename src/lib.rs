//! yanxiu (研修): checks a school's 校本研修 archive and reports on it.
//!
//! The pipeline: [`archive::load`] reads the archive, [`check::run`] finds every problem and
//! evaluates the rules; reports are rendered by [`report`].

pub mod archive;
pub mod check;
pub mod commands;
pub mod config;
pub mod credits;
pub mod dates;
pub mod diagnostic;
pub mod error;
pub mod incremental;
pub mod kind;
pub mod output;
pub mod per_record;
pub mod report;
pub mod roster;
pub mod rules;
pub mod scaffold;
pub mod serve;
pub mod site;
pub mod yaml;

/// A file yanxiu writes into every output folder it makes, so it never wipes a folder it did not make.
pub const OUTPUT_MARKER: &str = ".yanxiu-output";
