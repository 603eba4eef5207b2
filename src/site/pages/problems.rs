//! 档案检查: every diagnostic, file by file with the line and the fix, and every unmet rule and
//! every school year with teachers short of hours, latest year first.
//!
//! An archive of twenty years has twenty years of gaps: the gaps go in pages of a few school
//! years each (`problems.html`, `problems/2.html` …), so that no page grows with the archive and
//! the first page shows the years an inspector asks about first.

use crate::check::completeness::{Finding, Status};
use crate::credits::YearLedger;
use crate::dates::{Period, SchoolCalendar, SchoolYear};
use crate::site::catalog::Catalog;
use crate::site::pages::findings::{self, FindingRow, MissingGroup};
use crate::site::pages::lists::{self, Pager};
use crate::site::pages::{credits, diagnostics};
use crate::site::urls::Urls;
use crate::site::{Deferred, Page};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// Rows a page holds before the next school year goes on the next page (a year is never split:
/// one with more rows has a page of its own).
pub const ROWS_PER_PAGE: usize = 40;

const BASE: &str = "problems";

#[derive(Serialize)]
struct ProblemsPage {
    title: String,
    errors: usize,
    warnings: usize,
    /// The diagnostics' first page is on the first page only; the others link to it.
    diagnostics: Option<diagnostics::Section>,
    /// This page's years, latest first.
    years: Vec<YearGaps>,
    /// Totals over every page.
    unmet: usize,
    not_judged: usize,
    /// Records whose front matter could not be read: they count for nothing in what follows.
    unread: usize,
    min_hours: String,
    /// Every page of gaps, by the years each holds (empty when there is one page).
    pages: Vec<PageLink>,
    prev: Option<String>,
    next: Option<String>,
}

#[derive(Serialize)]
struct PageLink {
    url: String,
    label: String,
    current: bool,
}

/// One school year's gaps (or one calendar year's, for rules counted by 年度): school-level items
/// missing, then per-teacher rules some teachers missed, one row per rule and period (so a row
/// grows with neither the teachers nor the years), then the teachers short of hours.
#[derive(Serialize)]
struct YearGaps {
    label: String,
    /// An anchor for the year's section.
    id: String,
    items: Vec<FindingRow>,
    groups: Vec<MissingGroup>,
    short: Option<ShortYear>,
    /// Rows of the year's checklist still in progress (the period has not ended): not gaps
    /// yet, but a year with none of these rows is not a year with nothing left to do.
    in_progress: usize,
    /// The year's page, whose checklist shows them.
    year_url: Option<String>,
}

/// Teachers named per year on this page; the year's credit table lists them all.
const NAMED: usize = 20;

/// One school year's teachers below the annual minimum: what school staff must see before an
/// inspector does, even though no rule of `required` says it.
#[derive(Serialize)]
struct ShortYear {
    in_progress: bool,
    table_url: String,
    short: usize,
    judged: usize,
    named: Vec<ShortTeacher>,
}

#[derive(Serialize)]
struct ShortTeacher {
    name: String,
    url: String,
    hours: String,
}

/// What a page of 档案检查 holds whole: a school year, or a calendar year for rules counted by
/// 年度.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Span {
    School(SchoolYear),
    Calendar(i32),
}

impl Span {
    fn of(p: Period) -> Span {
        match p {
            Period::SchoolYear(y) | Period::Semester(y, _) => Span::School(y),
            Period::CalendarYear(y) => Span::Calendar(y),
        }
    }

    fn end(self, cal: &SchoolCalendar) -> NaiveDate {
        match self {
            Span::School(y) => cal.year_bounds(y).1,
            Span::Calendar(y) => Period::CalendarYear(y).bounds(cal).1,
        }
    }

    fn label(self) -> String {
        match self {
            Span::School(y) => format!("{y}学年"),
            Span::Calendar(y) => format!("{y}年度"),
        }
    }

    fn id(self) -> String {
        match self {
            Span::School(y) => format!("y{y}"),
            Span::Calendar(y) => format!("c{y}"),
        }
    }
}

/// A span's gaps, before they are made into rows.
#[derive(Default)]
struct Gaps<'c> {
    school: Vec<&'c Finding>,
    groups: Vec<Vec<&'c Finding>>,
    short: Option<&'c YearLedger>,
    in_progress: usize,
}

impl Gaps<'_> {
    fn rows(&self) -> usize {
        self.school.len() + self.groups.len() + usize::from(self.short.is_some())
    }
}

/// Every span with a gap, latest first.
fn gaps<'c>(c: &'c Catalog) -> Vec<(Span, Gaps<'c>)> {
    let mut by_span: BTreeMap<Span, Gaps> = BTreeMap::new();
    let (school, groups) = findings::grouped(c.a.report.findings.iter());
    for f in school.into_iter().filter(|f| f.is_unmet()) {
        by_span
            .entry(Span::of(f.period))
            .or_default()
            .school
            .push(f);
    }
    for fs in groups.into_iter().filter(|fs| findings::any_unmet(fs)) {
        by_span
            .entry(Span::of(fs[0].period))
            .or_default()
            .groups
            .push(fs);
    }
    for y in &c.a.ledger.years {
        if y.teachers.iter().any(|t| t.meets_minimum == Some(false)) {
            by_span
                .entry(Span::School(y.school_year))
                .or_default()
                .short = Some(y);
        }
    }
    // Counted as the checklist shows them: one row per rule and period, a per-teacher rule's
    // teachers in one.
    let mut in_progress: BTreeMap<Span, BTreeSet<(Period, &str)>> = BTreeMap::new();
    for f in
        c.a.report
            .findings
            .iter()
            .filter(|f| f.status == Status::InProgress)
    {
        in_progress
            .entry(Span::of(f.period))
            .or_default()
            .insert((f.period, &*f.rule));
    }
    for (span, gaps) in &mut by_span {
        gaps.in_progress = in_progress.get(span).map_or(0, BTreeSet::len);
    }
    let cal = &c.a.archive.config.calendar;
    let mut v: Vec<(Span, Gaps)> = by_span.into_iter().collect();
    v.sort_by_key(|(s, _)| std::cmp::Reverse((s.end(cal), *s)));
    v
}

/// Spans in pages of about [`ROWS_PER_PAGE`] rows; always one page, if empty.
fn paginate<T>(spans: Vec<(Span, T)>, rows: impl Fn(&T) -> usize) -> Vec<Vec<(Span, T)>> {
    lists::fill(spans, |(_, g)| rows(g), ROWS_PER_PAGE)
}

fn short_year(c: &Catalog, y: &YearLedger) -> ShortYear {
    let short: Vec<_> = y
        .teachers
        .iter()
        .filter(|t| t.meets_minimum == Some(false))
        .collect();
    ShortYear {
        in_progress: y.in_progress,
        table_url: credits::year_url(y.school_year),
        short: short.len(),
        judged: y
            .teachers
            .iter()
            .filter(|t| t.meets_minimum.is_some())
            .count(),
        named: short
            .iter()
            .take(NAMED)
            .map(|t| ShortTeacher {
                name: c.a.archive.roster.display(t.teacher),
                url: c.urls.teacher_year(t.teacher, y.school_year),
                hours: t.hours.to_string(),
            })
            .collect(),
    }
}

/// "2025-2026学年" for a page of one year, "2025-2026学年至 2023-2024学年" for several.
fn range_label(spans: &[Span]) -> String {
    match spans {
        [] => "缺失项目".into(),
        [one] => one.label(),
        [first, .., last] => format!("{} 至 {}", first.label(), last.label()),
    }
}

/// The pages of 档案检查.
pub fn plan<'c>(c: &'c Catalog) -> Vec<Deferred<'c>> {
    let problems = Arc::new(diagnostics::Pages::of(c));
    let pages = paginate(gaps(c), Gaps::rows);
    // Every page names every page it links to: one list, shared.
    let labels: Arc<[String]> = pages
        .iter()
        .map(|p| range_label(&p.iter().map(|(s, _)| *s).collect::<Vec<_>>()))
        .collect();
    let count = pages.len();
    let mut planned: Vec<Deferred> = pages
        .into_iter()
        .zip(1..)
        .map(|(spans, n)| {
            let labels = Arc::clone(&labels);
            let problems = (n == 1).then(|| Arc::clone(&problems));
            Deferred::new(move || {
                let diagnostics = problems.map(|p| p.section(c, 1));
                page(c, spans, n, count, &labels, diagnostics)
            })
        })
        .collect();
    planned.extend(diagnostics::Pages::plan(problems, c));
    planned
}

fn page(
    c: &Catalog,
    spans: Vec<(Span, Gaps)>,
    n: usize,
    count: usize,
    labels: &[String],
    diagnostics: Option<diagnostics::Section>,
) -> Page {
    let report = &c.a.report;
    let pager = Pager::of(BASE, n, count);
    let years = spans
        .into_iter()
        .map(|(span, g)| YearGaps {
            label: span.label(),
            id: span.id(),
            items: g.school.iter().map(|f| findings::row(c, f)).collect(),
            groups: g
                .groups
                .iter()
                .map(|fs| findings::missing_group(c, fs))
                .collect(),
            short: g.short.map(|y| short_year(c, y)),
            in_progress: g.in_progress,
            year_url: match span {
                Span::School(y) => Some(format!("{}#checklist", Urls::year(y))),
                Span::Calendar(_) => None,
            },
        })
        .collect();
    Page::new(
        Urls::paged(BASE, n),
        "problems.html",
        &ProblemsPage {
            title: if n > 1 {
                format!("档案检查：{}", labels[n - 1])
            } else {
                "档案检查".into()
            },
            errors: report.errors(),
            warnings: report.warnings(),
            diagnostics,
            years,
            unmet: report.unmet().count(),
            not_judged: report.findings.iter().filter(|f| f.met.is_none()).count(),
            unread: c.a.archive.documents.iter().filter(|d| d.unread()).count(),
            min_hours: c.a.ledger.min_hours.to_string(),
            pages: pager
                .numbers
                .into_iter()
                .map(|p| PageLink {
                    url: Urls::paged(BASE, p),
                    label: labels[p - 1].clone(),
                    current: p == n,
                })
                .collect(),
            prev: pager.prev,
            next: pager.next,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(rows: &[usize]) -> Vec<(Span, usize)> {
        rows.iter()
            .enumerate()
            .map(|(i, &r)| (Span::School(SchoolYear(2024 - i as i32)), r))
            .collect()
    }

    #[test]
    fn years_fill_a_page_up_to_its_rows_and_are_never_split() {
        let pages = paginate(spans(&[10, 20, 15, 50, 5]), |r| *r);
        let sizes: Vec<Vec<usize>> = pages
            .iter()
            .map(|p| p.iter().map(|(_, r)| *r).collect())
            .collect();
        assert_eq!(sizes, vec![vec![10, 20], vec![15], vec![50], vec![5]]);
    }

    #[test]
    fn no_gap_is_still_one_page() {
        assert_eq!(paginate(spans(&[]), |r| *r).len(), 1);
    }
}
