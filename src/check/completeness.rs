//! The archive items the rules require (完整性), counted per period and per teacher.

use crate::archive::Archive;
use crate::archive::document::Document;
use crate::check::people::People;
use crate::dates::{Period, Semester};
use crate::roster::{Midway, TeacherIdx};
use crate::rules::{CountsFor, Per, RequiredItem};
use chrono::NaiveDate;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::Arc;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Met,
    Unmet,
    /// The period has not ended yet: not judged.
    InProgress,
    /// The teacher joined or left within the period: shown (with what they have), not judged,
    /// met or not.
    Partial,
}

/// One rule in one period (and for one teacher, for per-teacher rules). A large archive has
/// hundreds of thousands (rules × periods × teachers), so the strings they repeat (the rule,
/// the teacher's name, the records' paths) are shared, not copied into each.
/// completeness.json writes these through `report::data`, which names the teacher as
/// credits.json does.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub rule: Arc<str>,
    pub label: Arc<str>,
    pub period: Period,
    /// The teacher and how the site names them (`王芳(T05)` for a namesake).
    pub teacher: Option<(TeacherIdx, Arc<str>)>,
    pub required: u32,
    pub found: u32,
    /// `null` when not judged (period in progress, or a teacher who served part of it).
    pub met: Option<bool>,
    pub status: Status,
    /// For a per-teacher rule, whether the teacher joined, left or both within the period
    /// (an extra field of completeness.json, left out when they served all of it).
    pub midway: Option<Midway>,
    /// Paths of the records counted.
    pub sources: Vec<Arc<str>>,
}

impl Finding {
    pub fn is_unmet(&self) -> bool {
        self.status == Status::Unmet
    }
}

/// The one period of a rule's kind that a document falls in, if any.
fn period_of(doc: &Document, per: Per) -> Option<Period> {
    match per {
        Per::SchoolYear | Per::TeacherSchoolYear => doc.in_year.map(Period::SchoolYear),
        Per::Semester | Per::TeacherSemester => doc
            .in_year
            .zip(doc.in_semester)
            .map(|(y, s)| Period::Semester(y, s)),
        Per::CalendarYear => doc.calendar_year.map(Period::CalendarYear),
    }
}

fn matches_rule(doc: &Document, rule: &RequiredItem) -> bool {
    doc.counts()
        && doc.kind == Some(rule.kind)
        && !doc.unwritten()
        && rule
            .form
            .as_ref()
            .is_none_or(|f| doc.form.as_ref().is_some_and(|x| &x.value == f))
        && rule
            .domain
            .as_ref()
            .is_none_or(|f| doc.domain.as_ref().is_some_and(|x| &x.value == f))
}

/// `copies` are the exact copies of records (copy → the original of its set; see
/// [`crate::check::Report::copies`]): a record filed twice counts once, as in the ledger, for
/// the school and for each teacher; `sources` lists the record counted, not its copy (which
/// Y401 names on both files).
pub fn evaluate(
    archive: &Archive,
    people: &[People],
    copies: &HashMap<usize, usize>,
    today: NaiveDate,
) -> Vec<Finding> {
    let cal = &archive.config.calendar;
    let years = crate::credits::school_years(archive, today);
    let calendar_years: BTreeSet<i32> = archive
        .documents
        .iter()
        .filter(|d| d.counts_by(today))
        .filter_map(|d| d.calendar_year)
        .collect();
    let roster = &archive.roster;
    let names: Vec<Arc<str>> = roster.indices().map(|t| roster.display(t).into()).collect();
    let paths: Vec<Arc<str>> = archive
        .documents
        .iter()
        .map(|d| d.path.as_str().into())
        .collect();
    // The set of exact copies a record belongs to, by its first record; `None` for the (usual)
    // record that has no copy, which needs no look-up of what was counted before it.
    let firsts: HashSet<usize> = copies.values().copied().collect();
    let set_of = |i: usize| {
        copies
            .get(&i)
            .copied()
            .or_else(|| firsts.contains(&i).then_some(i))
    };
    // Rules are judged in parallel, their findings kept in the rules' order.
    let by_rule = archive.config.rules.required.par_iter().map(|rule| {
        let mut findings = Vec::new();
        let (id, label): (Arc<str>, Arc<str>) =
            (rule.id.as_str().into(), rule.label.as_str().into());
        let periods: Vec<Period> = match rule.per {
            Per::SchoolYear | Per::TeacherSchoolYear => {
                years.iter().map(|&y| Period::SchoolYear(y)).collect()
            }
            Per::Semester | Per::TeacherSemester => years
                .iter()
                .flat_map(|&y| {
                    Semester::BOTH
                        .into_iter()
                        .map(move |s| Period::Semester(y, s))
                })
                .collect(),
            Per::CalendarYear => match (calendar_years.first(), calendar_years.last()) {
                (Some(a), Some(b)) => (*a..=*b).map(Period::CalendarYear).collect(),
                _ => Vec::new(),
            },
        };
        // The matching documents by period, each in archive order: grouped once, not sought
        // anew in every period of a long archive.
        let mut matching: BTreeMap<Period, Vec<usize>> = BTreeMap::new();
        for (i, d) in archive.documents.iter().enumerate() {
            if matches_rule(d, rule)
                && let Some(p) = period_of(d, rule.per)
            {
                matching.entry(p).or_default().push(i);
            }
        }
        for period in periods {
            let (first, last) = period.bounds(cal);
            if first > today {
                continue;
            }
            let in_progress = today <= last;
            let docs: Vec<usize> = matching.remove(&period).unwrap_or_default();
            // A teacher who joined or left within the period is not judged, whether or not
            // they happen to have enough: counted as met only when they do, they would swell
            // the rate, and one rule's denominator would differ from the next one's. The credits
            // judge them the same way (不评定是否达标).
            let judge = |found: u32, partial: bool| {
                if partial {
                    (None, Status::Partial)
                } else if found >= rule.min {
                    (Some(true), Status::Met)
                } else if in_progress {
                    (None, Status::InProgress)
                } else {
                    (Some(false), Status::Unmet)
                }
            };
            if !rule.per.is_per_teacher() {
                let mut docs = docs;
                if !firsts.is_empty() {
                    // A set of copies counts once for the school: its original stands for it
                    // when it matches, else its first matching copy (copies share a kind and a
                    // date, so a set is in one period).
                    let mut seen = HashSet::new();
                    let kept: HashSet<usize> = originals_first(&docs, copies)
                        .filter(|&i| set_of(i).is_none_or(|set| seen.insert(set)))
                        .collect();
                    docs.retain(|i| kept.contains(i));
                }
                let (met, status) = judge(docs.len() as u32, false);
                findings.push(Finding {
                    rule: id.clone(),
                    label: label.clone(),
                    period,
                    teacher: None,
                    required: rule.min,
                    found: docs.len() as u32,
                    met,
                    status,
                    midway: None,
                    sources: docs.iter().map(|&i| paths[i].clone()).collect(),
                });
                continue;
            }
            let mut per_teacher: HashMap<TeacherIdx, Vec<usize>> = HashMap::new();
            // Sets of copies already counted for a teacher: a copy still counts for whoever its
            // first record did not name, as the ledger credits them.
            let mut counted: HashSet<(usize, TeacherIdx)> = HashSet::new();
            for i in originals_first(&docs, copies) {
                if let Some(kind) = archive.documents[i].kind {
                    let set = set_of(i);
                    let owners = match rule.counts_for {
                        CountsFor::Record => people[i].owners(kind),
                        CountsFor::Teacher => people[i].teacher.into_iter().collect(),
                    };
                    for t in owners {
                        if set.is_none_or(|set| counted.insert((set, t))) {
                            per_teacher.entry(t).or_default().push(i);
                        }
                    }
                }
            }
            if !firsts.is_empty() {
                for sources in per_teacher.values_mut() {
                    sources.sort_unstable();
                }
            }
            for t in roster.indices() {
                let teacher = roster.get(t);
                if !teacher.active_during(first, last) {
                    continue;
                }
                if rule.role.as_ref().is_some_and(|r| !roster.has_role(t, r)) {
                    continue;
                }
                let sources = per_teacher.remove(&t).unwrap_or_default();
                let found = sources.len() as u32;
                let midway = teacher.midway(first, last);
                let (met, status) = judge(found, midway.is_some());
                findings.push(Finding {
                    rule: id.clone(),
                    label: label.clone(),
                    period,
                    teacher: Some((t, names[t.0 as usize].clone())),
                    required: rule.min,
                    found,
                    met,
                    status,
                    midway,
                    sources: sources.iter().map(|&i| paths[i].clone()).collect(),
                });
            }
        }
        findings
    });
    by_rule.collect::<Vec<Vec<Finding>>>().concat()
}

/// `docs` (in archive order) with the records that are not copies first, then the copies: an
/// original counts for its set before any copy of it does, as in the ledger.
fn originals_first<'d>(
    docs: &'d [usize],
    copies: &'d HashMap<usize, usize>,
) -> impl Iterator<Item = usize> + 'd {
    let copy = |i: &&usize| copies.contains_key(*i);
    docs.iter()
        .filter(move |i| !copy(i))
        .chain(docs.iter().filter(copy))
        .copied()
}
