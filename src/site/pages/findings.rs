//! The rules' findings as pages show them: a school-level item with its evidence, or a
//! per-teacher rule summed up over the teachers of a period.

use crate::check::completeness::{Finding, Status};
use crate::dates::{Period, SchoolYear};
use crate::site::catalog::{Catalog, Link};
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
        sources: f.sources.iter().map(|s| c.source_link(s)).collect(),
    }
}

/// A per-teacher rule in one period, over all the teachers it applies to.
#[derive(Serialize)]
pub struct TeacherRuleRow {
    pub label: String,
    pub period: String,
    pub status: &'static str,
    pub status_label: &'static str,
    pub met: usize,
    pub judged: usize,
    pub unmet: Vec<Shortfall>,
    pub not_judged: Vec<Link>,
}

#[derive(Serialize)]
pub struct Shortfall {
    pub teacher: Link,
    pub found: u32,
    pub required: u32,
}

pub fn in_year(f: &Finding, year: SchoolYear) -> bool {
    match f.period {
        Period::SchoolYear(y) | Period::Semester(y, _) => y == year,
        Period::CalendarYear(_) => false,
    }
}

/// The year's checklist: school-level items one by one, per-teacher rules summed up.
pub fn checklist<'f>(
    c: &Catalog,
    findings: impl Iterator<Item = &'f Finding>,
) -> (Vec<FindingRow>, Vec<TeacherRuleRow>) {
    let mut school = Vec::new();
    let mut grouped: BTreeMap<(Period, Arc<str>), Vec<&Finding>> = BTreeMap::new();
    for f in findings {
        if f.teacher.is_some() {
            grouped
                .entry((f.period, f.rule.clone()))
                .or_default()
                .push(f);
        } else {
            school.push(row(c, f));
        }
    }
    let teachers = grouped
        .into_values()
        .map(|fs| {
            let judged: Vec<&&Finding> = fs.iter().filter(|f| f.met.is_some()).collect();
            let unmet: Vec<Shortfall> = fs
                .iter()
                .filter(|f| f.is_unmet())
                .map(|f| Shortfall {
                    teacher: c.teacher_link(f.teacher.as_ref().expect("per teacher").0),
                    found: f.found,
                    required: f.required,
                })
                .collect();
            let in_progress = fs.iter().any(|f| f.status == Status::InProgress);
            let status = if in_progress {
                Status::InProgress
            } else if unmet.is_empty() {
                Status::Met
            } else {
                Status::Unmet
            };
            TeacherRuleRow {
                label: fs[0].label.to_string(),
                period: fs[0].period.to_string(),
                status: status_class(status),
                status_label: match status {
                    Status::Met => "全部完成",
                    Status::Unmet => "有缺失",
                    _ => status_label(status),
                },
                met: judged.iter().filter(|f| f.met == Some(true)).count(),
                judged: judged.len(),
                unmet,
                not_judged: fs
                    .iter()
                    .filter(|f| f.status == Status::Partial)
                    .map(|f| c.teacher_link(f.teacher.as_ref().expect("per teacher").0))
                    .collect(),
            }
        })
        .collect();
    (school, teachers)
}
