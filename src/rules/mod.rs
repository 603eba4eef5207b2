//! Rule sets: the presets shipped in the binary, and how a school's `rules:` override them.

mod lint;
mod shape;

use crate::archive::keys::Key;
use crate::kind::Kind;
use crate::yaml::{self, Mapping, Value};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

const PRESETS: &[(&str, &str)] = &[
    ("default", include_str!("../presets/default.yaml")),
    (
        "zhejiang-2019",
        include_str!("../presets/zhejiang-2019.yaml"),
    ),
];

pub fn preset_names() -> impl Iterator<Item = &'static str> {
    PRESETS.iter().map(|(n, _)| *n)
}

pub fn preset_source(name: &str) -> Option<&'static str> {
    PRESETS.iter().find(|(n, _)| *n == name).map(|(_, s)| *s)
}

/// Why the rules in force cannot be known.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum RulesError {
    /// At a place of yanxiu.yaml: `top` is its top-level key (`rules`, `domains`, `forms`)
    /// and `path` leads from there to the value.
    #[error("{message}")]
    At {
        top: &'static str,
        path: Vec<yaml::PathSeg>,
        message: String,
        help: String,
    },
    /// No place known: said as it is.
    #[error("{0}")]
    Other(String),
}

/// The period a required item is counted over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Per {
    SchoolYear,
    Semester,
    CalendarYear,
    TeacherSchoolYear,
    TeacherSemester,
}

impl Per {
    pub fn is_per_teacher(self) -> bool {
        matches!(self, Per::TeacherSchoolYear | Per::TeacherSemester)
    }
}

/// One archive item the guidance requires (`required:` in a rule set).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RequiredItem {
    pub id: String,
    pub label: String,
    pub kind: Kind,
    pub per: Per,
    #[serde(default = "one")]
    pub min: u32,
    #[serde(default)]
    pub form: Option<String>,
    #[serde(default)]
    pub domain: Option<String>,
    #[serde(default)]
    pub role: Option<String>,
    #[serde(default, skip_serializing_if = "CountsFor::is_record")]
    pub counts_for: CountsFor,
}

/// Whom a per-teacher rule counts a record for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
pub enum CountsFor {
    /// Those the record credits: its author, a session's attendees, a research team.
    #[default]
    #[serde(rename = "record")]
    Record,
    /// The teacher whose lesson an observation records (授课教师): a rule such as 骨干教师每学年
    /// 上示范课1节 is about who gave the lesson, while its 听课记录 is written by who watched it.
    #[serde(rename = "teacher", alias = "授课教师")]
    Teacher,
}

impl CountsFor {
    fn is_record(&self) -> bool {
        *self == CountsFor::Record
    }
}

fn one() -> u32 {
    1
}

/// Allowed 形式 values: one list for every kind, or a list per kind.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(untagged)]
enum FormsSpec {
    All(Vec<String>),
    PerKind(BTreeMap<String, Vec<String>>),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RulesFile {
    annual_min_hours: f64,
    #[serde(default)]
    hours_per_credit: Option<f64>,
    #[serde(default)]
    credit: BTreeMap<String, f64>,
    #[serde(default)]
    required: Vec<RequiredItem>,
    #[serde(default)]
    fields: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    sections: BTreeMap<String, Vec<String>>,
    domains: Vec<String>,
    forms: FormsSpec,
    levels: Vec<String>,
    stages: Vec<String>,
}

/// The rules in force for an archive, after the preset and the school's overrides are merged.
#[derive(Debug, Clone, PartialEq)]
pub struct Rules {
    pub annual_min_hours: f64,
    pub hours_per_credit: Option<f64>,
    /// 学时 granted per document of a kind (sessions grant their own `hours`).
    pub credit: BTreeMap<Kind, f64>,
    pub required: Vec<RequiredItem>,
    pub fields: BTreeMap<Kind, Vec<Key>>,
    pub sections: BTreeMap<Kind, Vec<String>>,
    pub domains: Vec<String>,
    forms: BTreeMap<Kind, Vec<String>>,
    forms_for_all: Option<Vec<String>>,
    pub levels: Vec<String>,
    pub stages: Vec<String>,
}

impl Rules {
    /// Allowed forms for a kind; `None` when the rules leave that kind's form free.
    pub fn forms_for(&self, kind: Kind) -> Option<&[String]> {
        self.forms_for_all
            .as_deref()
            .or_else(|| self.forms.get(&kind).map(Vec::as_slice))
    }

    pub fn preset(name: &str) -> Result<Rules, Vec<RulesError>> {
        Rules::build(name, &Value::Null, None, None)
    }

    /// Preset `name`, then `overrides` (the `rules:` map), then the top-level `domains`/`forms`.
    /// Every mistake in the school's own rules is returned, not only the first.
    pub fn build(
        name: &str,
        overrides: &Value,
        domains: Option<&Value>,
        forms: Option<&Value>,
    ) -> Result<Rules, Vec<RulesError>> {
        let mut found = Vec::new();
        if !overrides.is_null() {
            shape::rules(overrides, &mut found);
        }
        if let Some(d) = domains {
            shape::top_level("domains", d, &mut found);
        }
        if let Some(f) = forms {
            shape::top_level("forms", f, &mut found);
        }
        let Some(source) = preset_source(name) else {
            let names: Vec<&str> = preset_names().collect();
            let help = match crate::archive::keys::did_you_mean(name, names.iter().copied())
                .or_else(|| names.iter().copied().find(|n| n.starts_with(name)))
            {
                Some(n) => format!("是不是“{n}”？写成 preset: {n}"),
                None => format!("preset 写成其中一个：{}", names.join("、")),
            };
            found.insert(
                0,
                RulesError::At {
                    top: "preset",
                    path: Vec::new(),
                    message: format!("没有名为“{name}”的规则预设（可用：{}）", names.join("、")),
                    help,
                },
            );
            return Err(found);
        };
        if !found.is_empty() {
            // A rule of `required:` that is neither the preset's nor whole is said with the
            // rest, not on the next run (the merge is of values, whatever their shape).
            if let Ok(mut merged) = yaml::parse(source) {
                let ids = preset_ids(&merged);
                found.extend(shape::unknown_disabled(overrides, name, &ids));
                if !overrides.is_null() {
                    merge(&mut merged, overrides);
                }
                if let Value::Mapping(m) = &mut merged {
                    drop_disabled(m);
                }
                if let Err(more) = shape::complete(&merged, overrides, name, &ids) {
                    found.extend(more);
                }
            }
            return Err(found);
        }
        Rules::merged(name, source, overrides, domains, forms)
    }

    /// The preset's source with the school's overrides, whose shape is known to be right.
    fn merged(
        name: &str,
        source: &str,
        overrides: &Value,
        domains: Option<&Value>,
        forms: Option<&Value>,
    ) -> Result<Rules, Vec<RulesError>> {
        let mut merged = yaml::parse(source).map_err(|e| vec![RulesError::Other(e.detail)])?;
        let preset_ids = preset_ids(&merged);
        let stopped_none = shape::unknown_disabled(overrides, name, &preset_ids);
        if !overrides.is_null() {
            merge(&mut merged, overrides);
        }
        if let Value::Mapping(m) = &mut merged {
            if let Some(d) = domains {
                m.insert("domains".into(), d.clone());
            }
            if let Some(f) = forms {
                m.insert("forms".into(), f.clone());
            }
            drop_disabled(m);
        }
        let mut found = stopped_none;
        if let Err(more) = shape::complete(&merged, overrides, name, &preset_ids) {
            found.extend(more);
        }
        if !found.is_empty() {
            return Err(found);
        }
        // The shape was checked above; serde's English is left only for what that missed.
        let file: RulesFile = yaml::from_value(merged)
            .map_err(|e| vec![RulesError::Other(format!("规则的写法不对：{e}"))])?;
        Rules::from_file(file).map_err(|e| vec![RulesError::Other(e)])
    }

    /// Rules no record can ever meet, each as a [`RulesError`] for its place in `overrides`
    /// (the school's `rules:`): for the school to hear of, not to stop the run, since a
    /// preset's rule can be left so by the school's own list of 形式.
    pub fn unreachable(&self, overrides: &Value) -> Vec<RulesError> {
        lint::filters(self, overrides)
    }

    /// Per-teacher rules on observations whose label names the teacher who gave the lesson and
    /// whose `counts_for` counts the observer, or the reverse: each as a [`RulesError`] for its
    /// place in `overrides`, a warning for the school.
    pub fn misdirected(&self, overrides: &Value) -> Vec<RulesError> {
        lint::misdirected(self, overrides)
    }

    fn from_file(file: RulesFile) -> Result<Rules, String> {
        let kind_of = |k: &str| Kind::parse(k).ok_or_else(|| format!("未知的记录类型“{k}”"));
        let mut credit = BTreeMap::new();
        for (k, v) in file.credit {
            credit.insert(kind_of(&k)?, v);
        }
        let mut fields = BTreeMap::new();
        for (k, keys) in file.fields {
            let keys = keys
                .iter()
                .map(|n| Key::parse(n).ok_or_else(|| format!("fields 中的“{n}”不是已知的字段")))
                .collect::<Result<Vec<_>, _>>()?;
            fields.insert(kind_of(&k)?, keys);
        }
        let mut sections = BTreeMap::new();
        for (k, v) in file.sections {
            sections.insert(kind_of(&k)?, v);
        }
        let (forms, forms_for_all) = match file.forms {
            FormsSpec::All(list) => (BTreeMap::new(), Some(list)),
            FormsSpec::PerKind(map) => {
                let mut forms = BTreeMap::new();
                for (k, v) in map {
                    forms.insert(kind_of(&k)?, v);
                }
                (forms, None)
            }
        };
        let mut required = file.required;
        // A preset's label says its number as `{min}`: a school that only raises the minimum
        // (`{id: sessions, min: 8}`) must not see the preset's old number over its own.
        for r in &mut required {
            if r.label.contains("{min}") {
                r.label = r.label.replace("{min}", &r.min.to_string());
            }
        }
        let mut ids = std::collections::HashSet::new();
        for r in &required {
            if !ids.insert(r.id.as_str()) {
                return Err(format!("required 中有两条规则的 id 都是“{}”", r.id));
            }
        }
        if file.annual_min_hours < 0.0 {
            return Err("annual_min_hours 不能为负数".into());
        }
        if file.hours_per_credit.is_some_and(|h| h <= 0.0) {
            return Err("hours_per_credit 必须大于 0".into());
        }
        Ok(Rules {
            annual_min_hours: file.annual_min_hours,
            hours_per_credit: file.hours_per_credit,
            credit,
            required,
            fields,
            sections,
            domains: file.domains,
            forms,
            forms_for_all,
            levels: file.levels,
            stages: file.stages,
        })
    }
}

/// Maps merge key by key and lists are replaced whole, except `required`, which merges by `id`.
/// The ids of a preset's rules, in its order.
fn preset_ids(preset: &Value) -> Vec<String> {
    match preset.get("required") {
        Some(Value::Sequence(items)) => items
            .iter()
            .filter_map(|i| i.get("id").and_then(yaml::scalar_text))
            .collect(),
        _ => Vec::new(),
    }
}

fn merge(base: &mut Value, over: &Value) {
    match (base, over) {
        (Value::Mapping(b), Value::Mapping(o)) => {
            for (k, v) in o {
                if k.as_str() == Some("required") {
                    let slot = b.entry(k.clone()).or_insert(Value::Sequence(Vec::new()));
                    merge_required(slot, v);
                } else if let Some(existing) = b.get_mut(k) {
                    if existing.is_mapping() && v.is_mapping() {
                        merge(existing, v);
                    } else {
                        *existing = v.clone();
                    }
                } else {
                    b.insert(k.clone(), v.clone());
                }
            }
        }
        (b, o) => *b = o.clone(),
    }
}

/// A new id adds a rule. The same id replaces it when the override defines the rule (it gives
/// `kind` or `per`); an override that only adjusts (`{id: sessions, min: 4}`) is merged onto
/// the preset's rule, which is what a school writing that line means.
fn merge_required(base: &mut Value, over: &Value) {
    let (Value::Sequence(b), Value::Sequence(o)) = (&mut *base, over) else {
        *base = over.clone();
        return;
    };
    for item in o {
        let id = item.get("id").cloned();
        let pos = id
            .as_ref()
            .and_then(|id| b.iter().position(|x| x.get("id") == Some(id)));
        match pos {
            Some(i) => {
                let defines = item.get("kind").is_some() || item.get("per").is_some();
                if defines {
                    b[i] = item.clone();
                } else {
                    merge(&mut b[i], item);
                }
            }
            None => b.push(item.clone()),
        }
    }
}

fn drop_disabled(m: &mut Mapping) {
    if let Some(Value::Sequence(items)) = m.get_mut("required") {
        items.retain(|i| i.get("disabled").and_then(yaml::yes_no) != Some(true));
        for i in items.iter_mut() {
            if let Value::Mapping(im) = i {
                im.remove("disabled");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn y(s: &str) -> Value {
        yaml::parse(s).unwrap()
    }

    #[test]
    fn presets_parse() {
        for name in preset_names() {
            let r = Rules::preset(name).unwrap();
            assert!(r.required.len() >= 5, "{name}");
        }
        let d = Rules::preset("default").unwrap();
        assert_eq!(d.annual_min_hours, 24.0);
        assert_eq!(d.forms_for(Kind::Observation).unwrap().len(), 5);
        assert!(d.forms_for(Kind::Research).is_none());
    }

    #[test]
    fn overrides_merge_as_designed() {
        let over = y(
            "annual_min_hours: 30\ncredit: {reflection: 0.5}\nrequired:\n  - {id: sessions, min: 4}\n  - {id: reading, disabled: true}\n  - {id: annual-plan, label: 年度计划, kind: plan, per: calendar_year}\n  - {id: mentors, label: 骨干教师每学年上示范课, kind: observation, per: teacher_school_year, role: 骨干教师, form: 示范课}\nsections: {reflection: [反思]}\n",
        );
        let r = Rules::build("default", &over, None, None).unwrap();
        assert_eq!(r.annual_min_hours, 30.0);
        assert_eq!(r.credit.get(&Kind::Reflection), Some(&0.5));
        assert_eq!(
            r.credit.get(&Kind::Research),
            Some(&0.0),
            "maps merge key by key"
        );
        let ids: Vec<&str> = r.required.iter().map(|x| x.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "annual-plan",
                "annual-summary",
                "sessions",
                "reflection",
                "mentors"
            ]
        );
        let sessions = &r.required[2];
        // The label follows the school's minimum, not the preset's.
        assert_eq!(
            (sessions.min, sessions.per, sessions.label.as_str()),
            (4, Per::Semester, "每学期主题研修活动不少于4次")
        );
        assert_eq!(
            r.required[0].per,
            Per::CalendarYear,
            "a defining override replaces"
        );
        assert_eq!(r.required[0].label, "年度计划");
        assert_eq!(r.required[4].role.as_deref(), Some("骨干教师"));
        assert_eq!(
            r.sections.get(&Kind::Reflection).unwrap(),
            &vec!["反思".to_string()]
        );
        assert_eq!(r.sections.get(&Kind::Session).unwrap().len(), 2);
    }

    #[test]
    fn lists_replace_whole_and_forms_may_be_one_list() {
        let over = y("fields: {session: [hours]}\n");
        let r = Rules::build(
            "default",
            &over,
            Some(&y("[甲, 乙]")),
            Some(&y("[讲座, 沙龙]")),
        )
        .unwrap();
        assert_eq!(r.fields.get(&Kind::Session).unwrap(), &vec![Key::Hours]);
        assert_eq!(r.domains, vec!["甲", "乙"]);
        assert_eq!(r.forms_for(Kind::Session).unwrap(), ["讲座", "沙龙"]);
        assert_eq!(r.forms_for(Kind::Reflection).unwrap(), ["讲座", "沙龙"]);
    }

    #[test]
    fn bad_overrides_are_refused() {
        assert!(Rules::build("nope", &Value::Null, None, None).is_err());
        assert!(
            Rules::build(
                "default",
                &y("required: [{id: x, label: y, kind: 会议, per: semester}]"),
                None,
                None
            )
            .is_err()
        );
        assert!(
            Rules::build(
                "default",
                &y("required: [{id: x, label: y, kind: plan, per: weekly}]"),
                None,
                None
            )
            .is_err()
        );
        assert!(Rules::build("default", &y("fields: {session: [hourz]}"), None, None).is_err());
    }
}
