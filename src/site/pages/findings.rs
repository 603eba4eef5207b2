//! The rules' findings as pages show them: a school-level item with its evidence, or a
//! per-teacher rule summed up over the teachers of a period.

use crate::check::completeness::{Finding, Status};
use crate::dates::{Period, SchoolYear};
use crate::kind::Kind;
use crate::rules::CountsFor;
use crate::site::catalog::{Catalog, Link};
use crate::site::urls::Urls;
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::Arc;

pub fn status_label(s: Status) -> &'static str {
    match s {
        Status::Met => "已完成",
        Status::Unmet => "缺失",
        Status::InProgress => "进行中",
        Status::Partial => "不评定",
    }
}

pub fn status_class(s: Status) -> &'static str {
    match s {
        Status::Met => "ok",
        Status::Unmet => "bad",
        Status::InProgress | Status::Partial => "neutral",
    }
}

#[derive(Serialize)]
pub struct FindingRow {
    pub label: String,
    pub period: String,
    pub teacher: Option<Link>,
    pub required: u32,
    pub found: u32,
    pub status: &'static str,
    pub status_label: &'static str,
    /// What is missing, in words, for an unmet rule.
    pub missing: Option<String>,
    /// What record would fill the gap, and where it goes, for an unmet rule.
    pub how: Option<String>,
    pub sources: Vec<Link>,
}

pub fn row(c: &Catalog, f: &Finding) -> FindingRow {
    FindingRow {
        label: f.label.to_string(),
        period: f.period.to_string(),
        teacher: f.teacher.as_ref().map(|(t, _)| c.teacher_link(*t)),
        required: f.required,
        found: f.found,
        status: status_class(f.status),
        status_label: status_label(f.status),
        missing: f.is_unmet().then(|| {
            format!(
                "要求 {} 项，现有 {} 项，还差 {} 项",
                f.required,
                f.found,
                f.required.saturating_sub(f.found)
            )
        }),
        how: f
            .is_unmet()
            .then(|| how_to_add(c, &f.rule, f.period))
            .flatten(),
        sources: f.sources.iter().map(|s| c.source_link(s)).collect(),
    }
}

/// The record that would fill a gap of rule `rule` in `period`, said as a school writes it:
/// its kind (and 形式, 领域 when the rule asks for one), whose it is, the dates it must fall
/// between, and the folder it usually goes in. 档案检查 names the gap; this names the fix.
pub fn how_to_add(c: &Catalog, rule: &str, period: Period) -> Option<String> {
    let rule =
        c.a.archive
            .config
            .rules
            .required
            .iter()
            .find(|r| r.id == rule)?;
    let mut wanted: Vec<String> = Vec::new();
    if let Some(form) = &rule.form {
        wanted.push(format!("形式: {form}"));
    }
    if let Some(domain) = &rule.domain {
        wanted.push(format!("领域: {domain}"));
    }
    let wanted = if wanted.is_empty() {
        String::new()
    } else {
        format!("（{}）", wanted.join("，"))
    };
    let whose = match (rule.per.is_per_teacher(), rule.kind, rule.counts_for) {
        (false, ..) => "",
        (true, Kind::Observation, CountsFor::Teacher) => "，授课教师是本人",
        (true, Kind::Session, _) => "，参加人员中有本人",
        (true, Kind::Research, _) => "，负责人或成员中有本人",
        (true, Kind::Observation, _) => "，作者是本人（听课人）",
        (true, ..) => "，作者是本人",
    };
    let (first, last) = period.bounds(&c.a.archive.config.calendar);
    let folder = match period {
        Period::SchoolYear(y) | Period::Semester(y, _) => where_it_goes(c, rule.kind, y),
        Period::CalendarYear(_) => String::new(),
    };
    Some(format!(
        "补齐：新建“{}”记录{wanted}{whose}，日期在 {first} 至 {last}{folder}",
        rule.kind.label()
    ))
}

/// Where a new record of `kind` for school year `y` would go, as this archive files that kind:
/// its own folder names (`reflections/` as well as `反思/`), learnt from a record of the kind in
/// that year or, failing one, in any year; the Chinese folder names when it has none.
fn where_it_goes(c: &Catalog, kind: Kind, y: SchoolYear) -> String {
    let of_kind = |i: &&usize| c.a.archive.documents[**i].kind == Some(kind);
    let example = c
        .by_year
        .get(&y)
        .and_then(|l| l.iter().find(of_kind))
        .or_else(|| c.by_kind.get(&kind).and_then(|l| l.first()))
        .map(|&i| c.a.archive.documents[i].path.as_str());
    let folders: Vec<&str> = example
        .map(|p| p.split('/').collect::<Vec<_>>())
        .map(|mut parts| {
            parts.pop();
            parts
        })
        .unwrap_or_default();
    if let Some(k) = folders
        .iter()
        .rposition(|f| Kind::from_folder(f) == Some(kind))
    {
        // The kind's folder is the same in every year; the year's folder, wherever it sits
        // (`docs/2024-2025/reflections/`), is the gap's.
        let at: Vec<String> = folders[..=k]
            .iter()
            .map(|f| match SchoolYear::from_folder(f) {
                Some(_) => y.to_string(),
                None => f.to_string(),
            })
            .collect();
        return format!("（如放在 {}/ 中）", at.join("/"));
    }
    match kind {
        Kind::Plan | Kind::Summary => {
            let name = example
                .filter(|_| folders.len() == 1)
                .and_then(|p| p.rsplit('/').next())
                // A name with a date or a year in it belongs to its own year.
                .filter(|name| !name.chars().any(|ch| ch.is_ascii_digit()))
                .map_or_else(|| format!("{}.md", kind.label()), str::to_string);
            format!("（如 {y}/{name}）")
        }
        _ if example.is_some_and(|_| folders.len() == 1) => format!("（如放在 {y}/ 中）"),
        _ => format!("（如放在 {y}/{}/ 中）", kind.label()),
    }
}

/// How a per-teacher rule went in one period, over all the teachers it applies to: what a row
/// of the year's checklist and a row of 档案检查 both say.
#[derive(Serialize)]
pub struct GroupHead {
    pub label: String,
    pub period: String,
    pub status: &'static str,
    pub status_label: &'static str,
    pub met: usize,
    /// Teachers the rule judges: all but those who joined or left within the period. In a
    /// period not yet over, those still in progress too, so that 进行中 2/11 人 does not read as
    /// 2/2, everyone done.
    pub judged: usize,
    /// What the rule counts, per teacher: 篇 of writing, 次 of sessions attended, 项 of research.
    pub unit: &'static str,
    /// What each teacher who fell short would add (see [`how_to_add`]), when some did.
    pub how: Option<String>,
}

/// The word a count of the rule's records takes: a teacher has written 2 篇, attended 3 次.
pub fn unit(c: &Catalog, rule: &str) -> &'static str {
    let kind =
        c.a.archive
            .config
            .rules
            .required
            .iter()
            .find(|r| r.id == rule)
            .map(|r| r.kind);
    match kind {
        Some(Kind::Session) => "次",
        Some(Kind::Research) => "项",
        Some(_) => "篇",
        None => "项",
    }
}

/// A per-teacher rule in one period, naming every teacher it applies to with the records that
/// counted for them: an inspector goes from a teacher's "2/2" to the two records.
#[derive(Serialize)]
pub struct TeacherRuleRow {
    #[serde(flatten)]
    pub head: GroupHead,
    pub unmet: Vec<Shortfall>,
    pub done: Vec<Shortfall>,
    /// The period has not ended: not judged yet.
    pub in_progress: Vec<Shortfall>,
    /// Joined or left within the period: not judged.
    pub not_judged: Vec<Shortfall>,
}

pub const SOURCES_SHOWN: usize = 10;

/// One teacher's count under a per-teacher rule, with the records counted.
#[derive(Serialize)]
pub struct Shortfall {
    pub teacher: Link,
    pub found: u32,
    pub required: u32,
    /// The first [`SOURCES_SHOWN`] records counted, and how many more: a teacher's page of the
    /// year lists them all, and a checklist row must not grow with a teacher's records.
    pub sources: Vec<Link>,
    pub more: usize,
    /// `中途入职` / `中途离职` / `中途入职、离职` for a teacher not judged for that reason.
    pub note: Option<&'static str>,
}

pub fn in_year(f: &Finding, year: SchoolYear) -> bool {
    match f.period {
        Period::SchoolYear(y) | Period::Semester(y, _) => y == year,
        Period::CalendarYear(_) => false,
    }
}

/// Findings of school-level rules one by one, and of per-teacher rules grouped by period and
/// rule (in that order), each group over all the teachers the rule applies to.
pub fn grouped<'f>(
    findings: impl Iterator<Item = &'f Finding>,
) -> (Vec<&'f Finding>, Vec<Vec<&'f Finding>>) {
    let mut school = Vec::new();
    let mut groups: BTreeMap<(Period, Arc<str>), Vec<&Finding>> = BTreeMap::new();
    for f in findings {
        if f.teacher.is_some() {
            groups
                .entry((f.period, f.rule.clone()))
                .or_default()
                .push(f);
        } else {
            school.push(f);
        }
    }
    (school, groups.into_values().collect())
}

/// Whether some teacher of a group fell short.
pub fn any_unmet(group: &[&Finding]) -> bool {
    group.iter().any(|f| f.is_unmet())
}

pub fn group_head(c: &Catalog, fs: &[&Finding]) -> GroupHead {
    let status = if fs.iter().any(|f| f.status == Status::InProgress) {
        Status::InProgress
    } else if any_unmet(fs) {
        Status::Unmet
    } else {
        Status::Met
    };
    GroupHead {
        label: fs[0].label.to_string(),
        period: fs[0].period.to_string(),
        status: status_class(status),
        status_label: match status {
            Status::Met => "全部完成",
            Status::Unmet => "有缺失",
            _ => status_label(status),
        },
        met: fs.iter().filter(|f| f.met == Some(true)).count(),
        judged: fs.iter().filter(|f| f.status != Status::Partial).count(),
        unit: unit(c, &fs[0].rule),
        how: (status == Status::Unmet)
            .then(|| how_to_add(c, &fs[0].rule, fs[0].period))
            .flatten(),
    }
}

/// A teacher who fell short, linked to their page for the period's school year: that is where
/// their reflections and sessions of the year are (the portfolio page lists only totals).
fn shortfall(c: &Catalog, f: &Finding) -> Shortfall {
    let t = f.teacher.as_ref().expect("per teacher").0;
    let teacher = match f.period {
        Period::SchoolYear(y) | Period::Semester(y, _) => c.teacher_year_link(t, y),
        Period::CalendarYear(_) => c.teacher_link(t),
    };
    Shortfall {
        teacher,
        found: f.found,
        required: f.required,
        sources: f
            .sources
            .iter()
            .take(SOURCES_SHOWN)
            .map(|s| c.source_link(s))
            .collect(),
        more: f.sources.len().saturating_sub(SOURCES_SHOWN),
        note: (f.status == Status::Partial)
            .then_some(f.midway)
            .flatten()
            .map(|m| m.label()),
    }
}

/// A group of [`grouped`] as a row naming every teacher by how they stand.
pub fn teacher_rule_row(c: &Catalog, fs: &[&Finding]) -> TeacherRuleRow {
    let with = |s: Status| -> Vec<Shortfall> {
        fs.iter()
            .filter(|f| f.status == s)
            .map(|f| shortfall(c, f))
            .collect()
    };
    TeacherRuleRow {
        head: group_head(c, fs),
        unmet: with(Status::Unmet),
        done: with(Status::Met),
        in_progress: with(Status::InProgress),
        not_judged: with(Status::Partial),
    }
}

/// A per-teacher rule some teachers missed in one period: the first few teachers named, all of
/// them on the school year's page (`year_url`), so that a list of every gap grows with the
/// periods and not with teachers × periods.
#[derive(Serialize)]
pub struct MissingGroup {
    #[serde(flatten)]
    pub head: GroupHead,
    pub unmet: usize,
    /// The first [`NAMED`] of the teachers who fell short.
    pub named: Vec<Shortfall>,
    pub year_url: Option<String>,
}

/// Teachers named in a row of [`MissingGroup`].
pub const NAMED: usize = 20;

pub fn missing_group(c: &Catalog, fs: &[&Finding]) -> MissingGroup {
    MissingGroup {
        head: group_head(c, fs),
        unmet: fs.iter().filter(|f| f.is_unmet()).count(),
        named: fs
            .iter()
            .filter(|f| f.is_unmet())
            .take(NAMED)
            .map(|f| shortfall(c, f))
            .collect(),
        year_url: match fs[0].period {
            Period::SchoolYear(y) | Period::Semester(y, _) => {
                Some(format!("{}#checklist", Urls::year(y)))
            }
            Period::CalendarYear(_) => None,
        },
    }
}

/// The year's checklist: school-level items one by one, per-teacher rules summed up.
pub fn checklist<'f>(
    c: &Catalog,
    findings: impl Iterator<Item = &'f Finding>,
) -> (Vec<FindingRow>, Vec<TeacherRuleRow>) {
    let (school, groups) = grouped(findings);
    (
        school.into_iter().map(|f| row(c, f)).collect(),
        groups.iter().map(|fs| teacher_rule_row(c, fs)).collect(),
    )
}
