//! What each command does, given parsed arguments. `main.rs` only parses the command line.

use crate::archive::{self, LoadOptions};
use crate::check::{self, CheckOptions};
use crate::error::FatalError;
use crate::report::{self, human};
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
}

#[derive(Debug, Clone)]
pub struct CheckArgs {
    pub dir: PathBuf,
    pub format: Format,
    pub deny_warnings: bool,
    pub require_complete: bool,
    pub style: human::Style,
}

/// Exit codes of DESIGN §5.
pub const EXIT_OK: i32 = 0;
pub const EXIT_PROBLEMS: i32 = 1;
pub const EXIT_CANNOT_RUN: i32 = 2;

pub fn check(args: &CheckArgs, out: &mut dyn Write) -> Result<i32, FatalError> {
    let archive = archive::load(&args.dir, &LoadOptions::default())?;
    let report = check::run(&archive, &CheckOptions::from_env());
    let text = match args.format {
        Format::Json => report::diagnostics_json(&report.diagnostics) + "\n",
        Format::Human => human::render(&archive, &report, args.style),
    };
    out.write_all(text.as_bytes())
        .map_err(|e| FatalError::Output(e.to_string()))?;
    let failed = report.errors() > 0
        || (args.deny_warnings && report.warnings() > 0)
        || (args.require_complete && report.unmet().next().is_some());
    Ok(if failed { EXIT_PROBLEMS } else { EXIT_OK })
}

/// How a fatal error is shown: the file, the line and the fix, in Chinese.
pub fn describe_fatal(e: &FatalError) -> String {
    match e.help() {
        Some(help) => format!("错误: {e}\n提示: {help}\n"),
        None => format!("错误: {e}\n"),
    }
}
