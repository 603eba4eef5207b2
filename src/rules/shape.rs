//! The shape a school's `rules:` (and the top-level `domains` and `forms`) must have. Checked
//! before the preset is merged in: serde would name a mistake in English, against the merged
//! value; here it is named in Chinese, at the school's own key, with what belongs there.

use super::RulesError;
use crate::archive::keys::did_you_mean;
use crate::kind::Kind;
use crate::yaml::{self, PathSeg, Value};

const RULES_KEYS: &[&str] = &[
    "annual_min_hours",
    "hours_per_credit",
    "credit",
    "required",
    "fields",
    "sections",
    "domains",
    "forms",
    "levels",
    "stages",
];

const REQUIRED_KEYS: &[&str] = &[
    "id",
    "label",
    "kind",
    "per",
    "min",
    "form",
    "domain",
    "role",
    "counts_for",
    "disabled",
];

const PERIODS: &[&str] = &[
    "school_year",
    "semester",
    "calendar_year",
    "teacher_school_year",
    "teacher_semester",
];

/// Where a value sits: the top-level key of yanxiu.yaml and the path below it.
#[derive(Clone)]
pub(super) struct At {
    top: &'static str,
    path: Vec<PathSeg>,
}

impl At {
    pub(super) fn key(&self, k: &str) -> At {
        let mut path = self.path.clone();
        path.push(PathSeg::Key(k.to_string()));
        At {
            top: self.top,
            path,
        }
    }

    fn index(&self, i: usize) -> At {
        let mut path = self.path.clone();
        path.push(PathSeg::Index(i));
        At {
            top: self.top,
            path,
        }
    }

    /// `rules → required 第 2 条 → min`, as the school reads its own file.
    fn shown(&self) -> String {
        let mut out = match self.top {
            "rules" => "rules（规则）",
            "domains" => "domains（领域）",
            "forms" => "forms（形式）",
            other => other,
        }
        .to_string();
        for seg in &self.path {
            match seg {
                PathSeg::Key(k) => {
                    out.push_str(" → ");
                    out.push_str(k);
                }
                PathSeg::Index(i) => out.push_str(&format!(" 第 {} 条", i + 1)),
            }
        }
        out
    }

    /// The key this value is written under, for examples.
    fn last_key(&self) -> &str {
        self.path
            .iter()
            .rev()
            .find_map(|s| match s {
                PathSeg::Key(k) => Some(k.as_str()),
                PathSeg::Index(_) => None,
            })
            .unwrap_or(self.top)
    }

    /// A key `within` does not know, with the one it was probably meant to be.
    fn unknown(&self, key: &str, within: &str, known: &[&str]) -> RulesError {
        let help = match did_you_mean(key, known.iter().copied()) {
            Some(s) => format!("是不是“{s}”？"),
            None => format!("可用的项：{}", known.join("、")),
        };
        self.error(format!("{within}没有“{key}”这一项"), help)
    }

    pub(super) fn error(&self, message: String, help: impl Into<String>) -> RulesError {
        RulesError::At {
            top: self.top,
            path: self.path.clone(),
            message,
            help: help.into(),
        }
    }
}

type Checked = Result<(), RulesError>;

/// Where every mistake of the school's rules is gathered, so that all are said at once.
type Found = Vec<RulesError>;

fn keep(out: &mut Found, checked: Checked) {
    if let Err(e) = checked {
        out.push(e);
    }
}

/// `这里是“二十四”`, or `这里是一个列表` for what has no words of its own.
fn this_is(v: &Value) -> String {
    match v {
        Value::Sequence(_) | Value::Mapping(_) | Value::Null => {
            format!("这里是{}", yaml::describe(v))
        }
        _ => format!("这里是“{}”", yaml::describe(v)),
    }
}

/// The `rules:` override: every mistake in it goes to `out`.
pub fn rules(v: &Value, out: &mut Found) {
    let at = At {
        top: "rules",
        path: Vec::new(),
    };
    let Value::Mapping(m) = v else {
        out.push(at.error(
            format!("rules 应为“键: 值”的形式，{}", this_is(v)),
            "每项另起一行并缩进，如\nrules:\n  annual_min_hours: 24",
        ));
        return;
    };
    for (k, v) in m {
        let Some(key) = k.as_str() else {
            out.push(at.error(
                format!("rules 中的键“{}”不是文字", yaml::describe(k)),
                "键写成 annual_min_hours、required 等",
            ));
            continue;
        };
        let here = at.key(key);
        match key {
            "annual_min_hours" => keep(out, number(v, &here, false, "24")),
            "hours_per_credit" => keep(out, number(v, &here, true, "10")),
            "credit" => kind_map(
                v,
                &here,
                &|v, at, out| keep(out, number(v, at, false, "1")),
                "{reflection: 1}",
                out,
            ),
            "required" => required(v, &here, out),
            "fields" => kind_map(v, &here, &texts, "{session: [speaker, form, hours]}", out),
            "sections" => kind_map(v, &here, &texts, "{session: [研讨记录, 效果分析]}", out),
            "forms" => forms(v, &here, out),
            "domains" | "levels" | "stages" => texts(v, &here, out),
            other => out.push(here.unknown(other, "rules 中", RULES_KEYS)),
        }
    }
}

/// yanxiu.yaml's own `domains` or `forms`, which replace the preset's.
pub fn top_level(key: &'static str, v: &Value, out: &mut Found) {
    let at = At {
        top: key,
        path: Vec::new(),
    };
    if key == "forms" {
        forms(v, &at, out)
    } else {
        texts(v, &at, out)
    }
}

fn number(v: &Value, at: &At, may_be_empty: bool, example: &str) -> Checked {
    let key = at.last_key();
    let n = match v {
        Value::Number(n) => n.as_f64(),
        Value::Null if may_be_empty => return Ok(()),
        _ => None,
    };
    let Some(n) = n else {
        let quoted = yaml::scalar_text(v).is_some_and(|s| s.trim().parse::<f64>().is_ok());
        let message = if quoted {
            format!(
                "{} 应为数字，这里是加了引号的文字“{}”",
                at.shown(),
                yaml::describe(v)
            )
        } else {
            format!("{} 应为数字，{}", at.shown(), this_is(v))
        };
        return Err(at.error(
            message,
            format!("写阿拉伯数字，不加引号，如 {key}: {example}"),
        ));
    };
    if n < 0.0 || (key == "hours_per_credit" && n == 0.0) {
        return Err(at.error(
            format!("{} 应大于 0，这里是 {n}", at.shown()),
            format!("如 {key}: {example}"),
        ));
    }
    Ok(())
}

fn text(v: &Value, at: &At, may_be_empty: bool) -> Checked {
    match v {
        Value::String(_) => Ok(()),
        Value::Null if may_be_empty => Ok(()),
        Value::Number(_) | Value::Bool(_) => Err(at.error(
            format!("{} 应为文字，{}", at.shown(), this_is(v)),
            match at.path.last() {
                Some(PathSeg::Index(_)) => format!("给这一项加上引号：\"{}\"", yaml::describe(v)),
                _ => format!("加上引号，如 {}: \"{}\"", at.last_key(), yaml::describe(v)),
            },
        )),
        _ => Err(at.error(
            format!("{} 应为一段文字，{}", at.shown(), this_is(v)),
            format!("写成 {}: 文字", at.last_key()),
        )),
    }
}

/// A list of words: `[师德修养, 教师成长]`.
fn texts(v: &Value, at: &At, out: &mut Found) {
    let Value::Sequence(items) = v else {
        out.push(at.error(
            format!("{} 应为一个列表，{}", at.shown(), this_is(v)),
            format!(
                "写成 {}: [第一项, 第二项]（方括号，英文逗号分隔）",
                at.last_key()
            ),
        ));
        return;
    };
    for (i, item) in items.iter().enumerate() {
        keep(out, text(item, &at.index(i), false));
    }
}

/// A map from a kind to something: `credit: {reflection: 1}`.
fn kind_map(
    v: &Value,
    at: &At,
    each: &dyn Fn(&Value, &At, &mut Found),
    example: &str,
    out: &mut Found,
) {
    let Value::Mapping(m) = v else {
        out.push(at.error(
            format!(
                "{} 应为按记录类型分别写的“类型: 值”，{}",
                at.shown(),
                this_is(v)
            ),
            format!("写成 {}: {example}", at.last_key()),
        ));
        return;
    };
    for (k, v) in m {
        let written = yaml::scalar_text(k).unwrap_or_else(|| yaml::describe(k));
        let here = at.key(&written);
        if Kind::parse(&written).is_none() {
            out.push(here.error(
                format!("{} 中的“{written}”不是记录类型", at.shown()),
                kinds_help(),
            ));
            continue;
        }
        each(v, &here, out);
    }
}

fn kinds_help() -> String {
    let all: Vec<String> = Kind::ALL
        .iter()
        .map(|k| format!("{} {}", k.as_str(), k.label()))
        .collect();
    format!("记录类型可为：{}", all.join("、"))
}

/// One list for every kind, or a list per kind.
fn forms(v: &Value, at: &At, out: &mut Found) {
    match v {
        Value::Mapping(_) => kind_map(v, at, &texts, "{session: [集体备课, 专家讲座]}", out),
        _ => texts(v, at, out),
    }
}

fn required(v: &Value, at: &At, out: &mut Found) {
    let Value::Sequence(items) = v else {
        out.push(at.error(
            format!(
                "{} 应为一个列表（每条规则以 - 开头），{}",
                at.shown(),
                this_is(v)
            ),
            "写成\nrequired:\n  - {id: sessions, min: 4}",
        ));
        return;
    };
    for (i, item) in items.iter().enumerate() {
        let here = at.index(i);
        let Value::Mapping(m) = item else {
            out.push(here.error(
                format!(
                    "{} 应为一条规则（{{id: …, …}}），{}",
                    here.shown(),
                    this_is(item)
                ),
                "如 - {id: sessions, min: 4}",
            ));
            continue;
        };
        for (k, v) in m {
            keep(out, required_key(k, v, &here));
        }
    }
}

/// One `key: value` of a rule under `required:`.
fn required_key(k: &Value, v: &Value, at: &At) -> Checked {
    let key = yaml::scalar_text(k).unwrap_or_else(|| yaml::describe(k));
    let here = at.key(&key);
    match key.as_str() {
        "id" | "label" => text(v, &here, false)?,
        "form" | "domain" | "role" => text(v, &here, true)?,
        "counts_for" => {
            if !matches!(v.as_str(), Some("teacher" | "授课教师" | "record")) {
                return Err(here.error(
                    format!(
                        "{} 的“{}”不是可用的计入对象",
                        here.shown(),
                        yaml::describe(v)
                    ),
                    "要按授课教师统计听课记录（如“上示范课”），写 counts_for: teacher；按记录的作者统计时不写这一项",
                ));
            }
        }
        "kind" => {
            text(v, &here, false)?;
            if v.as_str().and_then(Kind::parse).is_none() {
                return Err(here.error(
                    format!("{} 的“{}”不是记录类型", here.shown(), yaml::describe(v)),
                    kinds_help(),
                ));
            }
        }
        "per" => {
            if !v.as_str().is_some_and(|p| PERIODS.contains(&p)) {
                return Err(here.error(
                    format!(
                        "{} 的“{}”不是可用的统计周期",
                        here.shown(),
                        yaml::describe(v)
                    ),
                    format!("per 可为：{}", PERIODS.join("、")),
                ));
            }
        }
        "min" => {
            if v.as_u64().is_none() {
                return Err(here.error(
                    format!("{} 应为 0 或正整数，{}", here.shown(), this_is(v)),
                    "写阿拉伯数字，不加引号，如 min: 6",
                ));
            }
        }
        "disabled" => {
            if yaml::yes_no(v).is_none() {
                return Err(here.error(
                    format!(
                        "{} 应为 true 或 false（也可写“是”或“否”），{}",
                        here.shown(),
                        this_is(v)
                    ),
                    "要删除这条规则，写 disabled: true；要保留它，删去 disabled 这一项",
                ));
            }
        }
        other => return Err(here.unknown(other, "规则中", REQUIRED_KEYS)),
    }
    Ok(())
}

/// After merging: a rule with a new id must be complete. `over` is the school's `rules:`, to
/// find the rule's place in the file.
pub fn complete(
    merged: &Value,
    over: &Value,
    preset: &str,
    preset_ids: &[String],
) -> Result<(), Vec<RulesError>> {
    let mut found = Vec::new();
    let Some(Value::Sequence(items)) = merged.get("required") else {
        return Ok(());
    };
    for item in items {
        keep(&mut found, by_teacher_only_for_observations(item, over));
        let missing: Vec<&str> = ["id", "label", "kind", "per"]
            .into_iter()
            .filter(|k| item.get(k).is_none_or(Value::is_null))
            .collect();
        if missing.is_empty() {
            continue;
        }
        let id = item.get("id").map(yaml::describe).unwrap_or_default();
        let place = item.get("id").and_then(|id| written_rule(over, id));
        let message = format!("required 中的规则“{id}”缺少 {}", missing.join("、"));
        // `sesions`: one of the preset's, mistyped, far likelier than a new rule half written.
        let meant = did_you_mean(&id, preset_ids.iter().map(String::as_str))
            .map(|p| format!("是不是预设中的“{p}”？"))
            .unwrap_or_default();
        let help = format!(
            "{meant}新增的规则要写全 id、label、kind、per，如 {{id: mentor, label: 骨干教师每学年上示范课1节, kind: observation, per: teacher_school_year}}；只调整预设中的规则时，id 要与预设的一致（{preset} 预设：{}）",
            preset_ids.join("、")
        );
        found.push(match place {
            Some(at) => at.error(message, help),
            None => RulesError::Other(message),
        });
    }
    if found.is_empty() { Ok(()) } else { Err(found) }
}

/// `{id: readng, disabled: true}`: a rule to stop that is none of the preset's. Dropped without
/// a word, the preset's rule the school meant to stop would stay.
pub fn unknown_disabled(over: &Value, preset: &str, preset_ids: &[String]) -> Vec<RulesError> {
    let Some(Value::Sequence(written)) = over.get("required") else {
        return Vec::new();
    };
    written
        .iter()
        .filter(|w| w.get("disabled").and_then(yaml::yes_no) == Some(true))
        .filter_map(|w| {
            let id = w.get("id")?;
            let text = yaml::scalar_text(id)?;
            if preset_ids.contains(&text) {
                return None;
            }
            let meant = did_you_mean(&text, preset_ids.iter().map(String::as_str))
                .map(|p| format!("是不是预设中的“{p}”？"))
                .unwrap_or_default();
            let at = written_rule(over, id)?;
            Some(at.error(
                format!("要停用的规则“{text}”不是 {preset} 预设中的规则，没有停用任何规则"),
                format!(
                    "{meant}停用预设中的规则时，id 要与预设的一致（{preset} 预设：{}）",
                    preset_ids.join("、")
                ),
            ))
        })
        .collect()
}

/// `counts_for: teacher` names the 授课教师 of an observation, per teacher: on another kind or a
/// school-wide period no record would ever count, and the rule would stand unmet in silence.
fn by_teacher_only_for_observations(item: &Value, over: &Value) -> Checked {
    if item
        .get("counts_for")
        .and_then(Value::as_str)
        .is_none_or(|c| c == "record")
    {
        return Ok(());
    }
    let kind = item
        .get("kind")
        .and_then(Value::as_str)
        .and_then(Kind::parse);
    let per = item.get("per").and_then(Value::as_str).unwrap_or("");
    if kind.is_none_or(|k| k == Kind::Observation)
        && (per.is_empty() || per.starts_with("teacher_"))
    {
        return Ok(());
    }
    let id = item.get("id").map(yaml::describe).unwrap_or_default();
    let message = format!(
        "规则“{id}”写了 counts_for: teacher（按授课教师统计），这只适用于听课记录（kind: observation）的每人规则（per: teacher_school_year 或 teacher_semester）"
    );
    let help = "把 kind 改为 observation、per 改为 teacher_school_year 或 teacher_semester，或删去 counts_for 这一项".to_string();
    Err(match item.get("id").and_then(|id| written_rule(over, id)) {
        Some(at) => at.error(message, help),
        None => RulesError::Other(message),
    })
}

/// Where the school wrote the rule `id` under `rules: required:`, if it did.
pub(super) fn written_rule(over: &Value, id: &Value) -> Option<At> {
    let Some(Value::Sequence(written)) = over.get("required") else {
        return None;
    };
    let i = written.iter().position(|w| w.get("id") == Some(id))?;
    Some(
        At {
            top: "rules",
            path: vec![PathSeg::Key("required".into())],
        }
        .index(i),
    )
}
