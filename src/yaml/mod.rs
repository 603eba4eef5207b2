//! The one door to the YAML crate, so that it can be swapped without touching the rest.

mod depth;
mod explain;
mod lines;

pub use explain::{Diagnosis, diagnose, diagnose_all, explain_file};
pub use lines::{KeyLine, PathSeg, line_of_path, top_level_keys};

pub use serde_yaml::{Mapping, Value};

/// How a record's front matter is named to a teacher; a configuration file is named by its
/// file name instead.
pub const FRONT: &str = "文件开头的信息区";

/// A YAML syntax error, located by line and column inside the parsed text (both from 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    pub line: Option<u32>,
    pub column: Option<u32>,
    /// The parser's own words, kept for the curious.
    pub detail: String,
    /// Nested too deeply to be given to the parser at all (see [`depth::too_deep`]).
    pub too_deep: bool,
}

pub fn parse(text: &str) -> Result<Value, YamlError> {
    if let Some((line, column)) = depth::too_deep(text) {
        return Err(YamlError {
            line: Some(line),
            column: Some(column),
            detail: format!("nested deeper than {} levels", depth::MAX_DEPTH),
            too_deep: true,
        });
    }
    serde_yaml::from_str::<Value>(text).map_err(|e| {
        let loc = e.location();
        YamlError {
            line: loc.as_ref().map(|l| l.line() as u32),
            column: loc.as_ref().map(|l| l.column() as u32),
            detail: strip_location(&e.to_string()),
            too_deep: false,
        }
    })
}

/// The parser counts lines from the start of the text it was given, which is not the file's
/// first line for front matter; the diagnostic carries the right line, so drop the parser's.
fn strip_location(detail: &str) -> String {
    match detail.find(" at line ") {
        Some(i) => detail[..i].to_string(),
        None => detail.to_string(),
    }
}

pub fn from_value<T: serde::de::DeserializeOwned>(value: Value) -> Result<T, String> {
    serde_yaml::from_value(value).map_err(|e| e.to_string())
}

/// The one item of a one-item list (`学时: [2]`, `草稿: [否]`), else the value itself: one item in
/// brackets where one value is asked means that item.
pub fn lone_item(v: &Value) -> &Value {
    match v {
        Value::Sequence(items) if items.len() == 1 => &items[0],
        other => other,
    }
}

/// A value that says nothing: `~`, `""`, a string of spaces, `[]`, or a list of one such item.
/// A teacher who writes `学时: ""` has left the hours out as surely as with `学时:`.
pub fn is_blank(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.trim_matches([' ', '\u{3000}', '\t']).is_empty(),
        Value::Sequence(items) => match items.as_slice() {
            [] => true,
            [one] => !matches!(one, Value::Sequence(_)) && is_blank(one),
            _ => false,
        },
        _ => false,
    }
}

/// A scalar as text: strings as they are, numbers and booleans printed. `None` for lists and maps.
pub fn scalar_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// A yes or no as a teacher writes it: `true`/`false`, 是/否, 对/不, yes/no. The one reading
/// of a yes/no for record front matter and yanxiu.yaml alike; `None` for anything else.
pub fn yes_no(v: &Value) -> Option<bool> {
    if let Value::Bool(b) = v {
        return Some(*b);
    }
    yes_no_text(&scalar_text(v)?)
}

/// [`yes_no`] of a value's text as written.
pub fn yes_no_text(text: &str) -> Option<bool> {
    match text.trim().to_ascii_lowercase().as_str() {
        "是" | "true" | "yes" | "对" => Some(true),
        "否" | "false" | "no" | "不" => Some(false),
        _ => None,
    }
}

/// A short human rendering of a value for messages.
pub fn describe(v: &Value) -> String {
    match v {
        Value::Null => "（空）".into(),
        Value::Sequence(_) => "一个列表".into(),
        // `作者: 孙丽: 副校长` or an indented `孙丽: …` under the key: a teacher sees colons.
        Value::Mapping(_) => "带冒号的“名称: 内容”".into(),
        other => scalar_text(other).unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_parsers_common_complaints_are_said_in_chinese() {
        // The parser's words for each, which must not reach a teacher.
        for (text, english) in [
            ("标题: 反思\n形式:读书心得\n", "could not find expected ':'"),
            ("标题: ? 反思\n", "mapping keys are not allowed"),
            ("标题: - 反思\n", "block sequence entries are not allowed"),
            ("标题: \"反思\\q\"\n", "unknown escape character"),
            ("标题: \"反思\n", "end of stream"),
        ] {
            let e = parse(text).unwrap_err();
            assert!(e.detail.contains(english), "{text:?}: {}", e.detail);
            let (msg, help) = e.explain();
            assert!(
                msg.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
                    && !format!("{msg}{help}").contains(english)
                    && !msg.contains("YAML"),
                "{text:?}: {msg} / {help}"
            );
        }
    }

    #[test]
    fn error_lines_are_one_based() {
        let e = parse("a: 1\nb: [1, 2\nc: 3\n").unwrap_err();
        assert!(e.line.is_some());
        assert!(e.line.unwrap() >= 2, "{e:?}");
    }
}
