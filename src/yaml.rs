//! The one door to the YAML crate, so that it can be swapped without touching the rest.

pub use serde_yaml::{Mapping, Value};

/// A YAML syntax error, located by line and column inside the parsed text (both from 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    pub line: Option<u32>,
    pub column: Option<u32>,
    /// The parser's own words, kept for the curious.
    pub detail: String,
}

impl YamlError {
    /// A Chinese explanation and a fix for the parser's most common complaints.
    pub fn explain(&self) -> (String, String) {
        let d = self.detail.as_str();
        let (msg, help) = if d.contains("mapping values are not allowed") {
            (
                "这一行的值里有“: ”（冒号加空格），YAML 把它当成了新的键",
                "给整个值加上引号，例如 标题: \"活动：主题研讨\"",
            )
        } else if d.contains("duplicate entry") || d.contains("duplicate key") {
            ("同一个键出现了两次", "删除重复的一行，或把两处内容合并")
        } else if d.contains("did not find expected key") || d.contains("expected <block end>") {
            (
                "缩进不一致，YAML 无法判断这一行属于哪个键",
                "检查这一行与上一行的缩进：同一层的键要对齐，只用空格，不用 Tab",
            )
        } else if d.contains("found character that cannot start any token") {
            (
                "这一行有 YAML 不允许出现在开头的字符（常见的是 Tab 或 @、`）",
                "把 Tab 换成空格；以特殊字符开头的值请加引号",
            )
        } else if d.contains("did not find expected '-'") {
            (
                "列表项的缩进不一致",
                "同一列表的每一项（- 开头）要对齐，只用空格，不用 Tab",
            )
        } else if d.contains("while parsing a flow") || d.contains("did not find expected ',' or") {
            (
                "方括号或引号没有配对",
                "检查 [ ] 与引号是否成对，列表项之间用英文逗号分隔",
            )
        } else if d.contains("invalid type") || d.contains("expected a") {
            (
                "前置元数据的整体结构不对，应为“键: 值”的列表",
                "每行写成 键: 值",
            )
        } else {
            (
                "前置元数据不是合法的 YAML",
                "每行写成 键: 值；含有冒号、# 或以特殊字符开头的值请加引号",
            )
        };
        (format!("{msg}（解析器：{d}）"), help.to_string())
    }
}

pub fn parse(text: &str) -> Result<Value, YamlError> {
    serde_yaml::from_str::<Value>(text).map_err(|e| {
        let loc = e.location();
        YamlError {
            line: loc.as_ref().map(|l| l.line() as u32),
            column: loc.as_ref().map(|l| l.column() as u32),
            detail: strip_location(&e.to_string()),
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

/// A scalar as text: strings as they are, numbers and booleans printed. `None` for lists and maps.
pub fn scalar_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// A short human rendering of a value for messages.
pub fn describe(v: &Value) -> String {
    match v {
        Value::Null => "（空）".into(),
        Value::Sequence(_) => "一个列表".into(),
        Value::Mapping(_) => "一组键值".into(),
        other => scalar_text(other).unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_lines_are_one_based() {
        let e = parse("a: 1\nb: [1, 2\nc: 3\n").unwrap_err();
        assert!(e.line.is_some());
        assert!(e.line.unwrap() >= 2, "{e:?}");
    }
}

/// A top-level key as written in a YAML text, with its line (from 1, counted in `text`) and
/// the character column where its value starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyLine {
    pub key: String,
    pub line: u32,
    /// Lines `line..end` (exclusive) belong to this key's value.
    pub end: u32,
}

/// Finds the top-level keys of a block mapping by reading lines, because the YAML crate does
/// not tell where a key was written.
pub fn top_level_keys(text: &str) -> Vec<KeyLine> {
    let mut out: Vec<KeyLine> = Vec::new();
    let mut last_line = 0;
    for (i, line) in text.lines().enumerate() {
        let n = i as u32 + 1;
        last_line = n;
        let Some(first) = line.chars().next() else {
            continue;
        };
        if first.is_whitespace() || matches!(first, '#' | '-' | '[' | '{' | ']' | '}') {
            continue;
        }
        let Some(colon) = find_key_colon(line) else {
            continue;
        };
        let key = line[..colon].trim().trim_matches(['"', '\'']).to_string();
        if let Some(prev) = out.last_mut() {
            prev.end = n;
        }
        out.push(KeyLine {
            key,
            line: n,
            end: n + 1,
        });
    }
    if let Some(prev) = out.last_mut() {
        prev.end = last_line + 1;
    }
    out
}

/// Byte index of the `:` that ends a key on this line (followed by space or end of line).
fn find_key_colon(line: &str) -> Option<usize> {
    let bytes = line.as_bytes();
    let mut in_quote: Option<u8> = None;
    for (i, &b) in bytes.iter().enumerate() {
        match (in_quote, b) {
            (Some(q), c) if c == q => in_quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') if i == 0 => in_quote = Some(b),
            (None, b':') if bytes.get(i + 1).is_none_or(|n| *n == b' ' || *n == b'\t') => {
                return Some(i);
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod key_tests {
    use super::*;

    #[test]
    fn finds_keys_and_their_spans() {
        let t =
            "title: 关于: 冒号\n参加人员:\n  - 王丽\n  - 李明\nhours: 2\n# note\nurl: http://x\n";
        let k = top_level_keys(t);
        let names: Vec<(&str, u32, u32)> =
            k.iter().map(|k| (k.key.as_str(), k.line, k.end)).collect();
        assert_eq!(
            names,
            vec![
                ("title", 1, 2),
                ("参加人员", 2, 5),
                ("hours", 5, 7),
                ("url", 7, 8)
            ]
        );
    }
}
