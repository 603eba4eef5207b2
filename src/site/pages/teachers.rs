//! 教师成长记录袋: the roster, each teacher's years at a glance, and each teacher's year in full:
//! every credited record, what they wrote, the sessions they attended and missed.

use crate::archive::Target;
use crate::archive::document::PRIVATE_TITLE;
use crate::credits::{TeacherYear, YearLedger};
use crate::dates::SchoolYear;
use crate::error::FatalError;
use crate::kind::Kind;
use crate::report::data::standing;
use crate::roster::{Midway, TeacherIdx};
use crate::site::catalog::{Catalog, Link, RecordRef, YearFolio, date_text};
use crate::site::{Page, theme};
use serde::Serialize;

#[derive(Serialize)]
pub struct YearSummary {
    school_year: String,
    url: String,
    hours: String,
    credits: Option<String>,
    status: &'static str,
    status_label: &'static str,
    entries: usize,
}

/// A row of the 成长记录袋's table of years: the hours, and what else the year page holds,
/// counted, so an inspector sees at a glance which year has no reflection or many absences.
#[derive(Serialize)]
struct FolioYear {
    #[serde(flatten)]
    summary: YearSummary,
    reflections: usize,
    observations: usize,
    /// Lessons the teacher gave that someone observed (被听课).
    observed: usize,
    attended: usize,
    absent: usize,
    leave: usize,
}

#[derive(Serialize)]
struct TeacherPage<'c> {
    title: String,
    name: String,
    group: Option<String>,
    roles: Vec<String>,
    /// 入职 and 离职 dates: why a year is 不评定, checkable by an inspector.
    joined: Option<String>,
    left: Option<String>,
    years: Vec<FolioYear>,
    research: Vec<&'c RecordRef>,
    min_hours: String,
}

/// What an entry's row shows of its record: a teacher's year can hold hundreds of entries,
/// and the whole summary of each would only be serialised to be ignored.
#[derive(Serialize)]
struct EntryRecord<'c> {
    url: &'c str,
    title: &'c str,
    date: &'c str,
}

/// The template of one row of hours on `teacher_year.html`, given `e` (an [`EntryRow`]) and
/// `root`.
pub const ENTRY_TEMPLATE: &str = "teacher_year_entry.html";

#[derive(Serialize)]
struct EntryRow<'c> {
    record: Option<EntryRecord<'c>>,
    /// The record's date, and what stands for its title when it has no page (a private record:
    /// its hours count, its page and title are kept to the school).
    date: String,
    unpublished: Option<&'static str>,
    source: &'c str,
    kind_label: &'static str,
    semester: Option<&'static str>,
    hours: String,
    basis: &'static str,
}

/// A lesson the teacher gave that a colleague observed (被听课): the observation record and who
/// wrote it.
#[derive(Serialize)]
struct ObservedLesson<'c> {
    record: &'c RecordRef,
    /// The observer (the record's author), linked when a roster teacher.
    observer: Option<Link>,
    subject: Option<&'c str>,
    class: Option<&'c str>,
}

/// A reflection or observation the teacher wrote, with the session it is about (关联活动): an
/// inspector asking whether a teacher reflected on a session finds it here.
#[derive(Serialize)]
struct Written<'c> {
    #[serde(flatten)]
    record: &'c RecordRef,
    about: Option<Link>,
}

#[derive(Serialize)]
struct Total {
    label: String,
    hours: String,
}

/// How a teacher served only part of a school year: the dates within it (`2025-02-17 入职`
/// and/or `2025-07-15 离职`) and what happened in words (`中途入职`, `中途离职` or
/// `中途入职、离职`, as the downloads say it).
#[derive(Serialize)]
struct Employment {
    dates: String,
    label: &'static str,
}

#[derive(Serialize)]
struct TeacherYearPage<'c> {
    title: String,
    name: String,
    teacher_url: String,
    school_year: String,
    summary: YearSummary,
    partial_year: bool,
    /// Why the year is not judged, when it is not.
    employment: Option<Employment>,
    min_hours: String,
    /// Rows of hours, `EntryRow`s rendered by [`ENTRY_TEMPLATE`] into HTML: a session of the
    /// whole staff is one row on every attendee's year page, rendered once.
    entries: Vec<tera::Value>,
    by_semester: [super::credits::SemesterHours; 2],
    by_domain: Vec<Total>,
    by_form: Vec<Total>,
    reflections: Vec<Written<'c>>,
    observations: Vec<Written<'c>>,
    /// Observation records naming this teacher as 授课教师.
    observed: Vec<ObservedLesson<'c>>,
    research: Vec<&'c RecordRef>,
    attended: usize,
    /// Sessions attended that granted no hours (the others are among `entries`).
    attended_uncredited: Vec<&'c RecordRef>,
    absent: Vec<&'c RecordRef>,
    leave: Vec<&'c RecordRef>,
    /// The per-teacher rules of the year and its semesters, and where the teacher stands.
    checklist: Vec<OwnFinding<'c>>,
}

/// One of a teacher's own rules in one period, as their year page lists it: what the year's
/// checklist says of them, told on the page its 未完成 names link to.
#[derive(Serialize)]
struct OwnFinding<'c> {
    label: &'c str,
    period: &'static str,
    found: u32,
    required: u32,
    /// 篇, 次 …: what is counted.
    unit: &'static str,
    status: &'static str,
    status_label: &'static str,
    /// Why it is not judged: the teacher joined or left within the period.
    why: Option<&'static str>,
}

pub fn status_class(t: &TeacherYear, in_progress: bool) -> &'static str {
    match t.meets_minimum {
        Some(true) => "ok",
        Some(false) if !in_progress => "bad",
        _ => "neutral",
    }
}

pub fn summary(c: &Catalog, y: &YearLedger, t: &TeacherYear) -> YearSummary {
    YearSummary {
        school_year: y.school_year.to_string(),
        url: c.urls.teacher_year(t.teacher, y.school_year),
        hours: t.hours.to_string(),
        credits: c.a.ledger.credits(t.hours).map(|x| x.to_string()),
        status: status_class(t, y.in_progress),
        status_label: standing(t, y.in_progress),
        entries: t.entries.len(),
    }
}

fn totals<'t, K: ToString + 't>(
    pairs: impl IntoIterator<Item = (&'t K, &'t crate::archive::document::Hours)>,
) -> Vec<Total> {
    pairs
        .into_iter()
        .map(|(k, h)| Total {
            label: k.to_string(),
            hours: h.to_string(),
        })
        .collect()
}

/// Each teacher's page and their year pages. `tera` renders the rows of hours, which are made
/// once and shared by the pages that show them.
pub fn plan(
    c: &Catalog,
    tera: &tera::Tera,
    range: std::ops::Range<usize>,
) -> Result<Vec<Page>, FatalError> {
    let mut pages = Vec::new();
    for t in range.map(|n| TeacherIdx(n as u32)) {
        pages.push(teacher_page(c, t));
        for (y, x) in years_of(c, t) {
            pages.push(year_page(c, tera, t, y, x)?);
        }
    }
    Ok(pages)
}

/// For an edit that changed how a record of `year` is shown: these teachers' pages of that
/// year, and with `main` their own pages (they list research projects).
pub fn plan_showing(
    c: &Catalog,
    tera: &tera::Tera,
    teachers: &[TeacherIdx],
    year: Option<SchoolYear>,
    main: bool,
) -> Result<Vec<Page>, FatalError> {
    let mut pages = Vec::new();
    for &t in teachers {
        if main {
            pages.push(teacher_page(c, t));
        }
        for (y, x) in years_of(c, t) {
            if Some(y.school_year) == year {
                pages.push(year_page(c, tera, t, y, x)?);
            }
        }
    }
    Ok(pages)
}

fn teacher_page(c: &Catalog, t: TeacherIdx) -> Page {
    let roster = &c.a.archive.roster;
    let who = roster.get(t);
    let folio = &c.portfolios[t.0 as usize];
    Page::new(
        c.urls.teacher(t),
        "teacher.html",
        &TeacherPage {
            title: format!("{}的成长记录袋", roster.display(t)),
            name: roster.display(t),
            group: who.group.clone(),
            roles: who.roles.clone(),
            joined: who.joined.map(|d| d.to_string()),
            left: who.left.map(|d| d.to_string()),
            years: years_of(c, t)
                .iter()
                .rev()
                .map(|(y, x)| {
                    let year = folio.years.get(&y.school_year);
                    // Counted as the year page counts them: attended sessions all, the rest
                    // only where the record is published.
                    let published = |f: fn(&YearFolio) -> &Vec<usize>| {
                        year.map_or(0, |v| {
                            f(v).iter().filter(|&&i| c.listed(i).is_some()).count()
                        })
                    };
                    let written = |k: Kind| {
                        year.map_or(0, |v| {
                            v.authored
                                .iter()
                                .filter(|&&i| c.listed(i).is_some() && c.doc(i).kind == Some(k))
                                .count()
                        })
                    };
                    FolioYear {
                        summary: summary(c, y, x),
                        reflections: written(Kind::Reflection),
                        observations: written(Kind::Observation),
                        observed: published(|v| &v.observed),
                        attended: year.map_or(0, |v| v.attended.len()),
                        absent: published(|v| &v.absent),
                        leave: published(|v| &v.leave),
                    }
                })
                .collect(),
            research: c.records(folio.research.iter().copied()),
            min_hours: c.a.ledger.min_hours.to_string(),
        },
    )
}

fn year_page(
    c: &Catalog,
    tera: &tera::Tera,
    t: TeacherIdx,
    y: &YearLedger,
    x: &TeacherYear,
) -> Result<Page, FatalError> {
    let roster = &c.a.archive.roster;
    let ledger = &c.a.ledger;
    let empty = YearFolio::default();
    let sy = y.school_year;
    let year = c.portfolios[t.0 as usize].years.get(&sy).unwrap_or(&empty);
    let in_year = |v: &[usize]| -> Vec<&RecordRef> { c.listed_many(v.iter().copied()) };
    let of_kind = |k: Kind| -> Vec<Written> {
        year.authored
            .iter()
            .filter(|&&i| c.doc(i).kind == Some(k))
            .filter_map(|&i| {
                let d = c.doc(i);
                Some(Written {
                    record: c.listed(i)?,
                    about: d
                        .session
                        .as_ref()
                        .map(|s| match c.a.archive.resolve(d, &s.value) {
                            Target::Found(rel) => c.source_link(&rel),
                            _ => Link::new(s.value.clone(), None),
                        }),
                })
            })
            .collect()
    };
    let path = c.urls.teacher_year(t, sy);
    let root = crate::site::urls::root_of(&path);
    let entries = ledger
        .entries_of(x)
        .iter()
        .map(|e| {
            // Every teacher's year page is as deep as the others; the depth is in the key all
            // the same, since the row's links are written relative to the page.
            let key = (e.shape(), root.len());
            let make = || {
                let d = c.doc(e.doc);
                let record = c.record(e.doc).map(|r| EntryRecord {
                    url: &r.url,
                    title: &r.title,
                    date: &r.date,
                });
                let row = EntryRow {
                    unpublished: (record.is_none() && d.private).then_some(PRIVATE_TITLE),
                    date: date_text(d),
                    record,
                    source: &d.path,
                    kind_label: e.kind.label(),
                    semester: e.semester.map(|s| s.label()),
                    hours: e.hours.to_string(),
                    basis: e.basis.label(),
                };
                let mut context = tera::Context::new();
                context.insert("e", &row);
                context.insert("root", &root);
                theme::render_value(tera, ENTRY_TEMPLATE, &context)
            };
            c.entry_rows.get(e.doc, key, make)
        })
        .collect::<Result<Vec<_>, FatalError>>()?;
    let credited: std::collections::BTreeSet<usize> =
        ledger.entries_of(x).iter().map(|e| e.doc).collect();
    let attended_uncredited = c.listed_many(
        year.attended
            .iter()
            .copied()
            .filter(|i| !credited.contains(i)),
    );
    Ok(Page::new(
        path,
        "teacher_year.html",
        &TeacherYearPage {
            title: format!("{}：{sy}学年", roster.display(t)),
            name: roster.display(t),
            teacher_url: c.urls.teacher(t),
            school_year: sy.to_string(),
            summary: summary(c, y, x),
            partial_year: x.partial_year,
            employment: x.midway.map(|m| {
                let who = roster.get(t);
                // Only the dates within the year: a teacher who left this year joined long
                // before, and that date explains nothing here.
                let dates: Vec<String> = [
                    (m != Midway::Left, who.joined, "入职"),
                    (m != Midway::Joined, who.left, "离职"),
                ]
                .into_iter()
                .filter_map(|(within, d, what)| d.filter(|_| within).map(|d| format!("{d} {what}")))
                .collect();
                Employment {
                    dates: dates.join("，"),
                    label: m.label(),
                }
            }),
            min_hours: ledger.min_hours.to_string(),
            entries,
            by_semester: super::credits::semester_hours(x),
            by_domain: totals(x.by_domain.iter().map(|(k, h)| (k, h))),
            by_form: totals(x.by_form.iter().map(|(k, h)| (k, h))),
            reflections: of_kind(Kind::Reflection),
            observations: of_kind(Kind::Observation),
            observed: observed_lessons(c, &year.observed),
            research: in_year(&year.research),
            attended: year.attended.len(),
            attended_uncredited,
            absent: in_year(&year.absent),
            leave: in_year(&year.leave),
            checklist: year
                .findings
                .iter()
                .map(|&n| {
                    let f = &c.a.report.findings[n];
                    OwnFinding {
                        label: &f.label,
                        period: match f.period {
                            crate::dates::Period::Semester(_, s) => s.label(),
                            _ => "全学年",
                        },
                        found: f.found,
                        required: f.required,
                        unit: super::findings::unit(c, &f.rule),
                        status: super::findings::status_class(f.status),
                        status_label: super::findings::status_label(f.status),
                        why: f.midway.map(|m| m.label()),
                    }
                })
                .collect(),
        },
    ))
}

/// The observation records of lessons a teacher gave, with their observers, as the year page
/// lists them.
fn observed_lessons<'c>(c: &'c Catalog, docs: &[usize]) -> Vec<ObservedLesson<'c>> {
    docs.iter()
        .filter_map(|&i| {
            let record = c.listed(i)?;
            let d = c.doc(i);
            let observer = match c.a.report.people[i].author {
                Some(t) => Some(c.teacher_link(t)),
                None => d.author.as_ref().map(|a| Link::new(a.value.clone(), None)),
            };
            Some(ObservedLesson {
                record,
                observer,
                subject: d.subject.as_deref(),
                class: d.class.as_deref(),
            })
        })
        .collect()
}

pub fn years_of<'c>(c: &'c Catalog, t: TeacherIdx) -> Vec<(&'c YearLedger, &'c TeacherYear)> {
    c.a.ledger
        .years
        .iter()
        // A year's teachers are in roster order: a search, not a scan of the year per teacher.
        .filter_map(|y| {
            y.teachers
                .binary_search_by_key(&t, |x| x.teacher)
                .ok()
                .map(|n| (y, &y.teachers[n]))
        })
        .collect()
}
