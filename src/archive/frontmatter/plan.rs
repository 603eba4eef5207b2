//! A plan's 活动安排 and 审批: tables written as lists of small maps, each entry read with its
//! own keys and line.

use super::{FM_FIRST_LINE, Parser};
use crate::archive::document::{Approval, PlanActivity, Spanned};
use crate::archive::keys::{self, ACTIVITY_KEYS, APPROVAL_KEYS, Key};
use crate::dates::{self};
use crate::diagnostic::{Code, Diagnostic, Position};
use crate::yaml::{self, Value};

impl Parser {
    pub(super) fn activities(
        &mut self,
        v: &Value,
        key_idx: Option<usize>,
        pos: Option<Position>,
    ) -> Vec<PlanActivity> {
        let Value::Sequence(items) = v else {
            if !v.is_null() {
                self.wrong_type(
                    Key::Activities,
                    v,
                    "一个列表",
                    pos,
                    "活动安排:\n  - 序号: \"1\"\n    内容: 集体备课",
                );
            }
            return Vec::new();
        };
        let item_lines = self.item_lines(key_idx);
        let mut out = Vec::new();
        // Each activity's place in the list as written, a malformed item keeping its place.
        let mut places = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let line = item_lines.get(i).copied();
            let Value::Mapping(m) = item else {
                self.wrong_type(
                    Key::Activities,
                    item,
                    "“键: 值”的一组",
                    line.map(Position::line).or(pos),
                    "- 序号: \"1\"\n    内容: 集体备课",
                );
                continue;
            };
            let mut a = PlanActivity {
                line,
                ..Default::default()
            };
            for (k, val) in m {
                let written = yaml::scalar_text(k).unwrap_or_default();
                let text = yaml::scalar_text(val).map(|s| s.trim().to_string());
                match keys::nested_key(ACTIVITY_KEYS, &written) {
                    Some("id") => a.id = text,
                    Some("content") => a.content = text,
                    Some("time") => a.time = text,
                    Some("audience") => a.audience = text,
                    Some("department") => a.department = text,
                    Some("owner") => a.owner = text,
                    Some("note") => a.note = text,
                    _ => self.unknown_nested(&written, ACTIVITY_KEYS, line),
                }
            }
            out.push(a);
            places.push(i + 1);
        }
        // A list written without 序号 is numbered in its order, as a plan's table is read: the
        // sessions can then say 计划项: 3 for the third, where no item could be linked before
        // and the plan read as carried out 0%. Numbered by place as written, so that an item
        // that could not be read does not move the ones after it onto other sessions.
        if out.iter().all(|a| a.id.is_none()) {
            for (a, place) in out.iter_mut().zip(places) {
                a.id = Some(place.to_string());
            }
        } else {
            // Some numbered, some not: the unnumbered can be named by no session.
            for a in out.iter().filter(|a| a.id.is_none()) {
                let what = a.content.as_deref().unwrap_or("这一项");
                self.push(
                    Diagnostic::new(
                        Code::ActivityWithoutId,
                        "",
                        format!("活动安排中的“{what}”没有写序号，活动记录无法用 计划项 对应到它"),
                    ),
                    a.line.map(Position::line).or(pos),
                    "给这一项写上序号，如 序号: \"5\"（各项序号不重复）；或各项都不写序号，按先后编为 1、2、3……",
                );
            }
        }
        out
    }

    pub(super) fn approvals(&mut self, v: &Value, pos: Option<Position>) -> Vec<Approval> {
        let Value::Sequence(items) = v else {
            if !v.is_null() {
                self.wrong_type(
                    Key::Approvals,
                    v,
                    "一个列表",
                    pos,
                    "审批:\n  - 部门: 学校\n    意见: 同意",
                );
            }
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in items {
            let Value::Mapping(m) = item else { continue };
            let mut a = Approval::default();
            for (k, val) in m {
                let written = yaml::scalar_text(k).unwrap_or_default();
                let text = yaml::scalar_text(val).map(|s| s.trim().to_string());
                match keys::nested_key(APPROVAL_KEYS, &written) {
                    Some("by") => a.by = text,
                    Some("opinion") => a.opinion = text,
                    Some("date") => {
                        if let Some(t) = text {
                            match dates::parse_date(&t) {
                                Ok(d) => a.date = Some(d),
                                Err(e) => self.bad_date(&Spanned::new(t, pos), e),
                            }
                        }
                    }
                    _ => self.unknown_nested(&written, APPROVAL_KEYS, None),
                }
            }
            out.push(a);
        }
        out
    }

    pub(super) fn unknown_nested(
        &mut self,
        written: &str,
        table: &[(&'static str, &'static str)],
        line: Option<u32>,
    ) {
        let all = table.iter().flat_map(|(en, zh)| [*en, *zh]);
        let help = match keys::did_you_mean(written, all) {
            Some(s) => format!("是不是“{s}”？"),
            None => format!(
                "可用的键：{}",
                table
                    .iter()
                    .map(|(en, zh)| format!("{zh}({en})"))
                    .collect::<Vec<_>>()
                    .join(" ")
            ),
        };
        self.push(
            Diagnostic::new(
                Code::UnknownKey,
                "",
                format!("无法识别的键“{written}”，已忽略"),
            ),
            line.map(Position::line),
            &help,
        );
    }

    /// File lines of the items of the list under a key.
    pub(super) fn item_lines(&self, key_idx: Option<usize>) -> Vec<u32> {
        let Some(k) = key_idx.map(|i| &self.keys[i]) else {
            return Vec::new();
        };
        let first = (k.line - 1) as usize;
        let end = ((k.end - 1) as usize).min(self.lines.len());
        let items: Vec<(usize, u32)> = (first + 1..end)
            .filter_map(|i| {
                let l = &self.lines[i];
                let indent = l.len() - l.trim_start().len();
                // `-` alone is an item too: an empty one, its trailing space trimmed by the editor.
                let item = l.trim_start();
                (item.starts_with("- ") || item.trim_end() == "-")
                    .then_some((indent, i as u32 + FM_FIRST_LINE))
            })
            .collect();
        let min = items.iter().map(|(ind, _)| *ind).min().unwrap_or(0);
        items
            .into_iter()
            .filter(|(ind, _)| *ind == min)
            .map(|(_, l)| l)
            .collect()
    }
}
