//! Reading one value of the front matter as what its key holds: text, a person, a list of
//! names, attachments, yes/no, hours; each wrong value said at its place with how to write it.

use super::{FM_FIRST_LINE, NAME_SEPARATORS, Parser};
use crate::archive::document::{Hours, Spanned};
use crate::archive::keys::Key;
use crate::dates::{self, DateError};
use crate::diagnostic::{Code, Diagnostic, Position};
use crate::yaml::{self, Value};

impl Parser {
    pub(super) fn text(&mut self, key: Key, v: &Value, pos: Option<Position>) -> Option<String> {
        // `形式: [读书心得]`: one item in brackets means that item.
        match yaml::lone_item(v) {
            Value::Null => None,
            other => match yaml::scalar_text(other) {
                Some(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
                // `形式: [读书心得, 反思日记]`: one value only, said in those words.
                None if matches!(other, Value::Sequence(items) if !items.is_empty()) => {
                    let items: Vec<String> = match other {
                        Value::Sequence(items) => items.iter().map(yaml::describe).collect(),
                        _ => Vec::new(),
                    };
                    self.doc.wrong_keys.push(key);
                    self.push(
                        Diagnostic::new(
                            Code::WrongType,
                            "",
                            format!(
                                "{}只能写一项，这里写了 {} 项：{}",
                                self.doc.key_lead(key),
                                items.len(),
                                items.join("、")
                            ),
                        ),
                        pos,
                        &format!(
                            "只留一项，例如 {}: {}",
                            self.doc.key_spelling(key),
                            items[0]
                        ),
                    );
                    None
                }
                None => {
                    self.wrong_type(
                        key,
                        v,
                        "一段文字",
                        pos,
                        &format!("{}: …", self.doc.key_spelling(key)),
                    );
                    None
                }
            },
        }
    }

    pub(super) fn spanned_text(
        &mut self,
        key: Key,
        v: &Value,
        key_idx: Option<usize>,
        pos: Option<Position>,
    ) -> Option<Spanned<String>> {
        let s = self.text(key, v, pos)?;
        let mut from = (0, 0);
        let at = self.locate(key_idx, &s, &mut from).or(pos);
        Some(Spanned::new(s, at))
    }

    /// One person (author, speaker, observed teacher, leader). `[郑涛, 孙丽]` is kept as
    /// `郑涛、孙丽`, so that the people check can say that only one person goes here and where
    /// the others go, rather than "wrong type" and "missing"; `[郑涛]` is 郑涛.
    pub(super) fn person(
        &mut self,
        key: Key,
        v: &Value,
        key_idx: Option<usize>,
        pos: Option<Position>,
    ) -> Option<Spanned<String>> {
        let Value::Sequence(items) = v else {
            return self.spanned_text(key, v, key_idx, pos);
        };
        let names: Option<Vec<String>> = items
            .iter()
            .filter(|i| !i.is_null())
            .map(|i| yaml::scalar_text(i).map(|s| s.trim().to_string()))
            .collect();
        let Some(names) = names else {
            return self.spanned_text(key, v, key_idx, pos);
        };
        let joined = names
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join("、");
        if joined.is_empty() {
            return None;
        }
        let mut from = (0, 0);
        let at = self.locate(key_idx, &joined, &mut from).or(pos);
        Some(Spanned::new(joined, at))
    }

    /// A list of words: a YAML list, or one string separated by 、 ， , ； ;
    pub(super) fn word_list(
        &mut self,
        key: Key,
        v: &Value,
        key_idx: Option<usize>,
        pos: Option<Position>,
    ) -> Vec<Spanned<String>> {
        let words: Vec<String> = match v {
            Value::Null => Vec::new(),
            Value::Sequence(items) => {
                let mut out = Vec::new();
                for item in items {
                    match yaml::scalar_text(item) {
                        // `[赵国强、孙丽]`: Chinese separators inside a list separate as they do
                        // outside one. A file name may hold any of them.
                        Some(s) if key != Key::Attachments => {
                            out.extend(s.split(NAME_SEPARATORS).map(|w| w.trim().to_string()))
                        }
                        Some(s) => out.push(s.trim().to_string()),
                        None if item.is_null() => {}
                        None => {
                            self.wrong_type(
                                key,
                                item,
                                "一串名字",
                                pos,
                                &format!("{}: [王丽, 李明]", self.doc.key_spelling(key)),
                            );
                        }
                    }
                }
                out
            }
            other => match yaml::scalar_text(other) {
                Some(s) => s
                    .split(NAME_SEPARATORS)
                    .map(|w| w.trim().to_string())
                    .collect(),
                None => {
                    self.wrong_type(
                        key,
                        v,
                        "一个列表",
                        pos,
                        &format!("{}: [王丽, 李明]", self.doc.key_spelling(key)),
                    );
                    Vec::new()
                }
            },
        };
        let mut from = (0, 0);
        words
            .into_iter()
            .filter(|w| !w.is_empty())
            .map(|w| {
                let at = self.locate(key_idx, &w, &mut from).or(pos);
                Spanned::new(w, at)
            })
            .collect()
    }

    /// The attachments' paths. An entry left empty (`- `, `- ""`, `[""]`) names no file: said
    /// at its line, or the teacher believes a file is attached that is not.
    pub(super) fn attachments(
        &mut self,
        v: &Value,
        key_idx: Option<usize>,
        pos: Option<Position>,
    ) -> Vec<Spanned<String>> {
        let blank = |v: &Value| match v {
            Value::Null => true,
            Value::String(s) => s.trim().is_empty(),
            _ => false,
        };
        let empty: Vec<usize> = match v {
            Value::Sequence(items) => (0..items.len()).filter(|&i| blank(&items[i])).collect(),
            Value::String(_) if blank(v) => vec![0],
            _ => Vec::new(),
        };
        if !empty.is_empty() {
            let lines = self.item_lines(key_idx);
            // One line per entry only for a block list; a flow list (`[…]`) is on the key's line.
            let block = matches!(v, Value::Sequence(items) if items.len() == lines.len());
            let mut from = (0, 0);
            for i in empty {
                let (at, help) = if block {
                    let line = lines[i];
                    let written = &self.lines[(line - FM_FIRST_LINE) as usize];
                    let indent = written.len() - written.trim_start().len();
                    let at = Position {
                        line,
                        column: written[..indent].chars().count() as u32 + 1,
                        width: 0,
                    };
                    (at, "请写文件路径（如 - /附件/签到表.pdf），或删除这一行")
                } else {
                    let quoted = ["\"\"", "''"]
                        .iter()
                        .find_map(|q| self.locate(key_idx, q, &mut from));
                    (
                        quoted.or(pos).unwrap_or_default(),
                        "请在这里写文件路径（如 附件: [/附件/签到表.pdf]），或删除这个空条目",
                    )
                };
                self.push(
                    Diagnostic::new(Code::EmptyAttachment, "", "附件条目是空的，没有写文件路径"),
                    Some(at).filter(|p| p.line > 0),
                    help,
                );
            }
        }
        self.word_list(Key::Attachments, v, key_idx, pos)
    }

    pub(super) fn boolean(&mut self, key: Key, v: &Value, pos: Option<Position>) -> bool {
        let v = yaml::lone_item(v);
        // Left empty: not a yes. For 内部, in doubt all the same (see `private_in_doubt`).
        if yaml::is_blank(v) {
            return false;
        }
        yaml::yes_no(v).unwrap_or_else(|| {
            let help = match key {
                // Kept to the school until mended (see `private_in_doubt`).
                Key::Private => format!(
                    "{}: 是（改正之前按内部记录处理，不在网站上公开；要公开就写 {}: 否）",
                    self.doc.key_spelling(key),
                    self.doc.key_spelling(key)
                ),
                _ => format!("{}: 是", self.doc.key_spelling(key)),
            };
            self.wrong_type(key, v, "“是”或“否”", pos, &help);
            false
        })
    }

    pub(super) fn bad_date(&mut self, s: &Spanned<String>, e: DateError) {
        let (msg, help) = match e {
            DateError::Impossible { month, .. } if !(1..=12).contains(&month) => (
                format!("日期“{}”不存在：没有{month}月", s.value),
                "月份应在 1 到 12 之间；核对后改正日期".to_string(),
            ),
            DateError::Impossible { year, month, day } => (
                format!("日期“{}”不存在：{year}年{month}月没有{day}日", s.value),
                "核对日历后改正日期".to_string(),
            ),
            DateError::Unrecognised => dates::why_unrecognised(&s.value, self.folder_bounds)
                .unwrap_or_else(|| {
                    (
                        format!("无法识别的日期“{}”", s.value),
                        "写成 2024-09-12、2024/9/12、2024.9.12 或 2024年9月12日".to_string(),
                    )
                }),
        };
        self.push(Diagnostic::new(Code::BadDate, "", msg), s.pos, &help);
    }

    pub(super) fn hours(&mut self, v: &Value, pos: Option<Position>) -> Option<Hours> {
        let v = yaml::lone_item(v);
        let n = match v {
            Value::Number(n) => n.as_f64(),
            // `２`, `1.5 小时`, `1.5h`: what a Chinese keyboard or habit writes.
            Value::String(s) => crate::dates::half_width_digits(s)
                .trim()
                .trim_end_matches("学时")
                .trim_end_matches("小时")
                .trim_end_matches(['h', 'H'])
                .trim()
                .parse::<f64>()
                .ok(),
            Value::Null => return None,
            _ => None,
        };
        let Some(n) = n else {
            let spelled = self.doc.key_spelling(Key::Hours).to_string();
            if let Some(help) = minutes_as_hours(v, &spelled) {
                self.doc.wrong_keys.push(Key::Hours);
                self.push(
                    Diagnostic::new(
                        Code::WrongType,
                        "",
                        format!(
                            "{}按小时计，这里写的是分钟：“{}”",
                            self.doc.key_lead(Key::Hours),
                            yaml::describe(v)
                        ),
                    ),
                    pos,
                    &help,
                );
                return None;
            }
            let example = format!("{spelled}: 2 或 {spelled}: 1.5");
            self.wrong_type(Key::Hours, v, "数字", pos, &example);
            return None;
        };
        match Hours::from_f64(n) {
            Some(h) => Some(h),
            None => {
                self.push(
                    Diagnostic::new(
                        Code::BadHours,
                        "",
                        format!(
                            "{}应为 0.5 的正整数倍，这里是 {n}",
                            self.doc.key_lead(Key::Hours)
                        ),
                    ),
                    pos,
                    "按半小时计，例如 1、1.5、2",
                );
                None
            }
        }
    }
}

/// `学时: 90分钟`: how to write it in hours, when the value is a number of minutes.
/// `key` is the key as the record spells it.
fn minutes_as_hours(v: &Value, key: &str) -> Option<String> {
    let Value::String(s) = v else { return None };
    let s = crate::dates::half_width_digits(s);
    let minutes: u32 = s
        .trim()
        .strip_suffix("分钟")
        .or_else(|| s.trim().strip_suffix("分"))
        .or_else(|| s.trim().strip_suffix("min"))?
        .trim()
        .parse()
        .ok()?;
    Some(if minutes > 0 && minutes.is_multiple_of(30) {
        let hours = f64::from(minutes) / 60.0;
        format!("{minutes} 分钟即 {hours} 学时，写成 {key}: {hours}")
    } else {
        format!("把分钟折算成小时，按半小时计（0.5 的整数倍），如 90 分钟写成 {key}: 1.5")
    })
}
