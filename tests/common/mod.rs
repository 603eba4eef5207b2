//! Helpers shared by the integration tests: running the built `yanxiu` binary on a fixture
//! archive and reading its `check --format json` output against the contract of DESIGN.md §5.
#![allow(dead_code)]

use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

pub mod preview;
use serde_json::Value;

/// "Today" for every test run, so that the future-date warning (Y109) is deterministic.
pub const TODAY: &str = "2026-11-22";

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("fixtures")
        .join(name)
}

/// The built binary with a fixed "today" and no colour forcing from the environment.
pub fn yanxiu() -> Command {
    let mut cmd = Command::cargo_bin("yanxiu").expect("the yanxiu binary is built");
    cmd.env("YANXIU_TODAY", TODAY)
        .env_remove("CLICOLOR_FORCE")
        .env_remove("FORCE_COLOR")
        .env_remove("NO_COLOR")
        .current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

pub struct Run {
    /// `None` when the process was killed by a signal.
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn all_output(&self) -> String {
        format!("{}\n{}", self.stdout, self.stderr)
    }

    pub fn describe(&self) -> String {
        format!(
            "exit code: {:?}\n--- stdout ---\n{}\n--- stderr ---\n{}",
            self.code, self.stdout, self.stderr
        )
    }
}

pub fn run_in<I, S>(cwd: Option<&Path>, args: I) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let mut cmd = yanxiu();
    if let Some(dir) = cwd {
        cmd.current_dir(dir);
    }
    let out = cmd.args(args).output().expect("yanxiu can be started");
    Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

pub fn run<I, S>(args: I) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    run_in(None, args)
}

/// `yanxiu build ARCHIVE -o OUT`.
pub fn build_to(archive: &Path, out: &Path) -> Run {
    run([
        "build".as_ref(),
        archive.as_os_str(),
        "-o".as_ref(),
        out.as_os_str(),
    ])
}

/// One element of `check --format json`.
#[derive(Debug, Clone)]
pub struct Diag {
    pub file: String,
    pub line: Option<u64>,
    pub column: Option<u64>,
    pub severity: String,
    pub code: String,
    pub message: String,
    pub help: Option<String>,
}

impl std::fmt::Display for Diag {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{}:{} {} {} {}{}",
            self.file,
            self.line.map_or("null".into(), |l| l.to_string()),
            self.column.map_or("null".into(), |c| c.to_string()),
            self.severity,
            self.code,
            self.message,
            self.help
                .as_ref()
                .map_or(String::new(), |h| format!(" (help: {h})"))
        )
    }
}

fn opt_u64(obj: &serde_json::Map<String, Value>, key: &str, raw: &Value) -> Option<u64> {
    match obj.get(key) {
        Some(Value::Null) => None,
        Some(v) => Some(
            v.as_u64()
                .filter(|n| *n >= 1)
                .unwrap_or_else(|| panic!("`{key}` must be null or a positive integer in {raw}")),
        ),
        None => panic!("diagnostic lacks the `{key}` field: {raw}"),
    }
}

fn req_str(obj: &serde_json::Map<String, Value>, key: &str, raw: &Value) -> String {
    match obj.get(key) {
        Some(Value::String(s)) => s.clone(),
        Some(other) => panic!("`{key}` must be a string, got {other} in {raw}"),
        None => panic!("diagnostic lacks the `{key}` field: {raw}"),
    }
}

/// Parses stdout of `check --format json`: exactly one JSON array of objects with the
/// seven contract fields, typed as DESIGN.md §5 says. Panics with the offending element otherwise.
pub fn parse_diags(stdout: &str) -> Vec<Diag> {
    let value: Value = serde_json::from_str(stdout.trim()).unwrap_or_else(|e| {
        panic!("stdout of `check --format json` is not one JSON document ({e}):\n{stdout}")
    });
    let items = value
        .as_array()
        .unwrap_or_else(|| panic!("`check --format json` must print a JSON array, got:\n{value}"));
    items
        .iter()
        .map(|raw| {
            let obj = raw
                .as_object()
                .unwrap_or_else(|| panic!("each diagnostic must be an object, got {raw}"));
            let severity = req_str(obj, "severity", raw);
            assert!(
                severity == "error" || severity == "warning",
                "severity must be \"error\" or \"warning\": {raw}"
            );
            let help = match obj.get("help") {
                Some(Value::Null) => None,
                Some(Value::String(s)) => Some(s.clone()),
                Some(other) => panic!("`help` must be a string or null, got {other} in {raw}"),
                None => panic!("diagnostic lacks the `help` field: {raw}"),
            };
            Diag {
                file: req_str(obj, "file", raw),
                line: opt_u64(obj, "line", raw),
                column: opt_u64(obj, "column", raw),
                severity,
                code: req_str(obj, "code", raw),
                message: req_str(obj, "message", raw),
                help,
            }
        })
        .collect()
}

/// `yanxiu check DIR [extra…]`.
pub fn check(dir: &Path, extra: &[&str]) -> Run {
    let mut args: Vec<&OsStr> = vec![OsStr::new("check"), dir.as_os_str()];
    args.extend(extra.iter().map(OsStr::new));
    run(args)
}

/// `yanxiu check DIR --format json [extra…]`: the run and its parsed diagnostics.
pub fn check_json(dir: &Path, extra: &[&str]) -> (Run, Vec<Diag>) {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(extra);
    let out = check(dir, &all);
    let diags = parse_diags(&out.stdout);
    (out, diags)
}

pub fn list_diags(diags: &[Diag]) -> String {
    if diags.is_empty() {
        return "  (none)".into();
    }
    diags
        .iter()
        .map(|d| format!("  {d}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// True when `s` contains at least one CJK unified ideograph.
pub fn has_cjk(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// Recursive copy of a fixture into a scratch directory (no symlinks in fixtures).
pub fn copy_dir(src: &Path, dst: &Path) {
    fs::create_dir_all(dst).unwrap();
    for entry in fs::read_dir(src).unwrap() {
        let entry = entry.unwrap();
        let to = dst.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &to);
        } else {
            fs::copy(entry.path(), &to).unwrap();
        }
    }
}

/// A scratch copy of `tests/fixtures/<name>`; the archive is at `<tempdir>/archive`.
pub fn scratch_copy(name: &str) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let archive = tmp.path().join("archive");
    copy_dir(&fixture(name), &archive);
    (tmp, archive)
}

/// Every file below `dir`, relative, '/'-separated, sorted.
pub fn list_files(dir: &Path) -> Vec<String> {
    fn walk(base: &Path, dir: &Path, out: &mut Vec<String>) {
        for entry in fs::read_dir(dir).unwrap() {
            let entry = entry.unwrap();
            let path = entry.path();
            if entry.file_type().unwrap().is_dir() {
                walk(base, &path, out);
            } else {
                let rel = path.strip_prefix(base).unwrap();
                let parts: Vec<String> = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                out.push(parts.join("/"));
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

/// Files of the output whose bytes contain `needle`.
pub fn files_containing(out: &Path, needle: &str) -> Vec<String> {
    list_files(out)
        .into_iter()
        .filter(|f| {
            let bytes = std::fs::read(out.join(f)).unwrap();
            bytes.windows(needle.len()).any(|w| w == needle.as_bytes())
        })
        .collect()
}

/// Replaces the first `from` by `to` in the archive's file `rel`, which must contain it.
pub fn edit(archive: &Path, rel: &str, from: &str, to: &str) {
    let path = archive.join(rel);
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{rel} has no {from:?}");
    fs::write(&path, text.replacen(from, to, 1)).unwrap();
}
