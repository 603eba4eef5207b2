//! Where things are written in a YAML text, read off its lines: the YAML crate keeps no
//! positions, and a message must name the line a teacher wrote.

/// One step of a path into a YAML value: a key of a map, or an item of a list (from 0).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathSeg {
    Key(String),
    Index(usize),
}

/// The line (from 1) where the value at `path` is written, below the top-level key written on
/// line `top`: found by reading the lines, as the parser keeps no positions. Where a step
/// cannot be followed (a flow list `[…]` on one line), the line reached so far.
pub fn line_of_path(text: &str, top: u32, path: &[PathSeg]) -> u32 {
    let lines: Vec<&str> = text.lines().collect();
    let mut at = (top as usize).saturating_sub(1);
    // The block of the top-level key ends where the next top-level line starts.
    let mut end = (at + 1..lines.len())
        .find(|&i| {
            let l = lines[i];
            !l.trim().is_empty() && !l.starts_with([' ', '\t', '#', '-'])
        })
        .unwrap_or(lines.len());
    for seg in path {
        match seg {
            PathSeg::Key(k) => match (at..end).find(|&i| writes_key(lines[i], k)) {
                Some(i) => at = i,
                None => break,
            },
            PathSeg::Index(n) => {
                let items: Vec<(usize, usize)> = (at + 1..end)
                    .filter_map(|i| {
                        let l = lines[i];
                        let t = l.trim_start();
                        (t.starts_with("- ") || t == "-").then_some((l.len() - t.len(), i))
                    })
                    .collect();
                let Some(indent) = items.iter().map(|(ind, _)| *ind).min() else {
                    break;
                };
                let items: Vec<usize> = items
                    .into_iter()
                    .filter(|(ind, _)| *ind == indent)
                    .map(|(_, i)| i)
                    .collect();
                match items.get(*n) {
                    Some(&i) => {
                        at = i;
                        end = items.get(n + 1).copied().unwrap_or(end);
                    }
                    None => break,
                }
            }
        }
    }
    at as u32 + 1
}

/// Whether `line` writes `key:` as a key: at its start, after `- `, or inside `{…}`.
fn writes_key(line: &str, key: &str) -> bool {
    line.match_indices(key).any(|(i, _)| {
        let before = line[..i].trim_end();
        let after = line[i + key.len()..].trim_start();
        (before.is_empty() || before.ends_with(['-', '{', ','])) && after.starts_with([':', '：'])
    })
}

/// A top-level key as written in a YAML text, with its line (from 1, counted in `text`) and
/// the lines its value spans.
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
pub(super) fn find_key_colon(line: &str) -> Option<usize> {
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
mod tests {
    use super::*;

    #[test]
    fn paths_are_found_on_the_lines_that_write_them() {
        let text = "school: x\nrules:\n  credit: {reflection: 1}\n  required:\n    - {id: a, min: 1}\n    - id: b\n      min: 2\ntheme: y\n";
        let key = |k: &str| PathSeg::Key(k.into());
        assert_eq!(
            line_of_path(text, 2, &[key("credit"), key("reflection")]),
            3
        );
        let second_min = [key("required"), PathSeg::Index(1), key("min")];
        assert_eq!(line_of_path(text, 2, &second_min), 7);
        let first_min = [key("required"), PathSeg::Index(0), key("min")];
        assert_eq!(line_of_path(text, 2, &first_min), 5);
        // Not found below: the line reached so far.
        assert_eq!(line_of_path(text, 2, &[key("theme")]), 2);
    }

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
