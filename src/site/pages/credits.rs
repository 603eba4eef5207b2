//! 学分汇总: every school year's totals with a chart against the minimum, and the downloads.

use crate::credits::{Miscount, TeacherYear, Uncounted};
use crate::dates::{SchoolYear, Semester};
use crate::report::data::standing;
use crate::site::catalog::{Catalog, Link};
use crate::site::pages::teachers::status_class;
use crate::site::{Deferred, Page};
use serde::Serialize;

pub fn year_url(y: SchoolYear) -> String {
    format!("credits/{y}.html")
}

/// A school year's totals, as the credits overview and the dashboard show them.
#[derive(Serialize)]
pub struct YearRow {
    school_year: String,
    url: String,
    teachers: usize,
    judged: usize,
    meeting: usize,
    rate: Option<u32>,
    mean: String,
    in_progress: bool,
}

#[derive(Serialize)]
struct Overview {
    title: &'static str,
    min_hours: String,
    hours_per_credit: Option<f64>,
    years: Vec<YearRow>,
    uncounted: Option<UncountedNote>,
}

/// Records whose errors kept hours out of the page's figures (see
/// [`crate::credits::Ledger::uncounted`]), so that the table is not handed on as complete.
#[derive(Serialize)]
struct UncountedNote {
    /// Records none of whose hours were counted, records some teachers' hours of which were,
    /// and records that may have counted an absentee.
    whole: usize,
    partly: usize,
    doubtful: usize,
    /// The three counts in a sentence.
    summary: String,
    rows: Vec<UncountedRow>,
    /// Not listed here, to keep the page's size bounded: 档案检查 has them all.
    more: usize,
}

#[derive(Serialize)]
struct UncountedRow {
    /// `path:line`, linked to the record's page when it has one. The path, not the title: a
    /// title edit re-renders only the pages that show the record, and this is not one.
    record: Link,
    message: String,
    partly: bool,
    doubtful: bool,
}

const UNCOUNTED_SHOWN: usize = 20;

fn uncounted_note(c: &Catalog, list: &[Uncounted]) -> Option<UncountedNote> {
    if list.is_empty() {
        return None;
    }
    let count = |how: Miscount| list.iter().filter(|u| u.how == how).count();
    let (whole, partly, doubtful) = (
        count(Miscount::Whole),
        count(Miscount::Partly),
        count(Miscount::Doubtful),
    );
    let summary = [
        (whole, "份记录有错误，学时没有计入本页的数字"),
        (partly, "份记录有错误，其中部分教师的学时没有计入"),
        (
            doubtful,
            "份活动记录的缺席或请假中有读不出的名字，此人暂按出席计了学时，本页的数字可能多计",
        ),
    ]
    .iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, what)| format!("{n} {what}"))
    .collect::<Vec<_>>()
    .join("；");
    let rows = list
        .iter()
        .take(UNCOUNTED_SHOWN)
        .map(|u| {
            let path = &c.doc(u.doc).path;
            let at = u.line.map(|l| format!(":{l}")).unwrap_or_default();
            UncountedRow {
                record: Link::new(
                    format!("{path}{at}"),
                    c.record(u.doc).map(|r| r.url.clone()),
                ),
                // A record kept to the school: its message may quote it.
                message: if c.doc(u.doc).withheld(c.include_private) {
                    u.code.summary().to_string()
                } else {
                    u.message.clone()
                },
                partly: u.how == Miscount::Partly,
                doubtful: u.how == Miscount::Doubtful,
            }
        })
        .collect();
    Some(UncountedNote {
        whole,
        partly,
        doubtful,
        summary,
        rows,
        more: list.len().saturating_sub(UNCOUNTED_SHOWN),
    })
}

#[derive(Serialize)]
struct TeacherRow {
    teacher: Link,
    detail_url: String,
    group: Option<String>,
    semesters: [SemesterHours; 2],
    hours: String,
    credits: Option<String>,
    status: &'static str,
    status_label: &'static str,
}

/// One bar of the chart: a row of the teacher's name and hours above the bar. `y` is in pixels
/// (SVG user units), `width` in percent of the chart's width.
#[derive(Serialize)]
struct Bar {
    label: String,
    url: String,
    hours: String,
    y: u32,
    width: f64,
    status: &'static str,
}

#[derive(Serialize)]
struct Chart {
    height: u32,
    /// The line of the minimum, in percent of the chart's width.
    min_x: f64,
    bars: Vec<Bar>,
    /// The bars' statuses that occur, in the order the legend lists them.
    legend: Vec<&'static str>,
}

#[derive(Serialize)]
struct YearPage {
    title: String,
    school_year: String,
    min_hours: String,
    in_progress: bool,
    summary: YearRow,
    rows: Vec<TeacherRow>,
    /// Some teacher was off staff for a whole semester: the table explains its "—".
    off_staff: bool,
    chart: Chart,
    uncounted: Option<UncountedNote>,
}

/// A semester's hours as a teacher's pages show them: `None` for hours, with why, when the
/// teacher was on staff on no day of it (see [`crate::roster::Teacher::off_staff`]).
#[derive(Serialize)]
pub struct SemesterHours {
    pub label: &'static str,
    pub hours: Option<String>,
    pub off_staff: Option<&'static str>,
}

/// Both semesters of a teacher's school year, as the ledger tells them apart.
pub fn semester_hours(t: &TeacherYear) -> [SemesterHours; 2] {
    Semester::BOTH.map(|s| {
        let off = t.off_staff(s);
        SemesterHours {
            label: s.label(),
            hours: off.is_none().then(|| t.semester_hours(s).to_string()),
            off_staff: off.map(|o| o.label()),
        }
    })
}

pub fn percent(part: usize, whole: usize) -> Option<u32> {
    (whole > 0).then(|| ((part as f64 * 100.0) / whole as f64).round() as u32)
}

pub fn year_row(y: &crate::credits::YearLedger) -> YearRow {
    let judged = y
        .teachers
        .iter()
        .filter(|t| t.meets_minimum.is_some())
        .count();
    let meeting = y
        .teachers
        .iter()
        .filter(|t| t.meets_minimum == Some(true))
        .count();
    let sum: u32 = y.teachers.iter().map(|t| t.hours.0).sum();
    let mean = if y.teachers.is_empty() {
        0.0
    } else {
        sum as f64 / 2.0 / y.teachers.len() as f64
    };
    YearRow {
        school_year: y.school_year.to_string(),
        url: year_url(y.school_year),
        teachers: y.teachers.len(),
        judged,
        meeting,
        rate: percent(meeting, judged),
        mean: format!("{mean:.1}"),
        in_progress: y.in_progress,
    }
}

/// A bar's row: its name and hours (13px text), then the bar.
const BAR_HEIGHT: u32 = 36;

fn chart(c: &Catalog, y: &crate::credits::YearLedger) -> Chart {
    let min = c.a.ledger.min_hours.as_f64();
    let max = y
        .teachers
        .iter()
        .map(|t| t.hours.as_f64())
        .fold(min, f64::max)
        .max(1.0)
        * 1.1;
    let percent = |h: f64| (h * 1000.0 / max).round() / 10.0;
    let bars = y
        .teachers
        .iter()
        .enumerate()
        .map(|(n, t)| Bar {
            label: c.teacher(t.teacher).name.clone(),
            url: c.urls.teacher_year(t.teacher, y.school_year),
            hours: t.hours.to_string(),
            y: n as u32 * BAR_HEIGHT,
            width: percent(t.hours.as_f64()),
            status: status_class(t, y.in_progress),
        })
        .collect::<Vec<_>>();
    let legend = ["ok", "bad", "neutral"]
        .into_iter()
        .filter(|s| bars.iter().any(|b| b.status == *s))
        .collect();
    Chart {
        height: bars.len() as u32 * BAR_HEIGHT + 24,
        min_x: percent(min),
        bars,
        legend,
    }
}

/// Each year's credit table, then the overview.
pub fn plan<'c>(c: &'c Catalog) -> Vec<Deferred<'c>> {
    let ledger = &c.a.ledger;
    let min_hours = ledger.min_hours.to_string();
    let all_years: Vec<SchoolYear> = ledger.years.iter().map(|y| y.school_year).collect();
    let uncounted = ledger.uncounted(&c.a.archive, &c.a.report, &all_years);
    let mut pages: Vec<Deferred> = ledger
        .years
        .iter()
        .map(|y| {
            let min_hours = min_hours.clone();
            let in_year: Vec<Uncounted> = uncounted
                .iter()
                .filter(|u| c.doc(u.doc).in_year == Some(y.school_year))
                .cloned()
                .collect();
            Deferred::new(move || {
                let rows = y
                    .teachers
                    .iter()
                    .map(|t| TeacherRow {
                        teacher: c.teacher_link(t.teacher),
                        detail_url: c.urls.teacher_year(t.teacher, y.school_year),
                        group: c.teacher(t.teacher).group.clone(),
                        semesters: semester_hours(t),
                        hours: t.hours.to_string(),
                        credits: ledger.credits(t.hours).map(|x| x.to_string()),
                        status: status_class(t, y.in_progress),
                        status_label: standing(t, y.in_progress),
                    })
                    .collect::<Vec<_>>();
                Page::new(
                    year_url(y.school_year),
                    "credits_year.html",
                    &YearPage {
                        title: format!("{}学年学时汇总", y.school_year),
                        school_year: y.school_year.to_string(),
                        min_hours,
                        in_progress: y.in_progress,
                        summary: year_row(y),
                        off_staff: rows
                            .iter()
                            .any(|r| r.semesters.iter().any(|s| s.off_staff.is_some())),
                        rows,
                        chart: chart(c, y),
                        uncounted: uncounted_note(c, &in_year),
                    },
                )
            })
        })
        .collect();
    pages.push(Deferred::ready(Page::new(
        "credits.html".into(),
        "credits.html",
        &Overview {
            title: label(ledger),
            min_hours,
            hours_per_credit: ledger.hours_per_credit,
            years: ledger.years.iter().rev().map(year_row).collect(),
            uncounted: uncounted_note(c, &uncounted),
        },
    )));
    pages
}

/// The overview's name in the navigation, its title and its links.
pub fn label(ledger: &crate::credits::Ledger) -> &'static str {
    if ledger.hours_per_credit.is_some() {
        "学分汇总"
    } else {
        "学时汇总"
    }
}
