//! 档案检查: every diagnostic, file by file with the line and the fix, and every unmet rule.

use crate::site::Page;
use crate::site::catalog::{Catalog, Link};
use crate::site::pages::credits;
use crate::site::pages::findings::{self, FindingRow, MissingGroup};
use crate::site::pages::records::ProblemRow;
use serde::Serialize;

#[derive(Serialize)]
struct FileProblems {
    file: String,
    record: Option<Link>,
    problems: Vec<ProblemRow>,
}

#[derive(Serialize)]
struct ProblemsPage {
    title: &'static str,
    errors: usize,
    warnings: usize,
    files: Vec<FileProblems>,
    /// School-level items missing, then per-teacher rules some teachers missed, one row per
    /// rule and period (so the page grows with the years, not with teachers × years).
    missing_items: Vec<FindingRow>,
    missing_groups: Vec<MissingGroup>,
    unmet: usize,
    not_judged: usize,
    /// Records whose front matter could not be read: they count for nothing in what follows.
    unread: usize,
    /// School years where teachers are below the annual minimum of 学时, latest first.
    short_years: Vec<ShortYear>,
    min_hours: String,
}

/// Teachers named per year on this page; the year's credit table lists them all.
const NAMED: usize = 20;

/// One school year's teachers below the annual minimum: what school staff must see before an
/// inspector does, even though no rule of `required` says it.
#[derive(Serialize)]
struct ShortYear {
    school_year: String,
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

fn short_years(c: &Catalog) -> Vec<ShortYear> {
    c.a.ledger
        .years
        .iter()
        .rev()
        .filter_map(|y| {
            let short: Vec<_> = y
                .teachers
                .iter()
                .filter(|t| t.meets_minimum == Some(false))
                .collect();
            (!short.is_empty()).then(|| ShortYear {
                school_year: y.school_year.to_string(),
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
            })
        })
        .collect()
}

pub fn plan(c: &Catalog) -> Page {
    let report = &c.a.report;
    let mut files: Vec<FileProblems> = Vec::new();
    // Diagnostics are sorted by file, so each file's run is contiguous.
    for d in &report.diagnostics {
        if files.last().is_none_or(|f| f.file != d.file) {
            let record =
                c.a.archive
                    .index_of(&d.file)
                    .and_then(|i| c.record(i))
                    .map(|r| Link::new(r.title.clone(), Some(r.url.clone())));
            files.push(FileProblems {
                file: d.file.clone(),
                record,
                problems: Vec::new(),
            });
        }
        files
            .last_mut()
            .expect("pushed above")
            .problems
            .push(ProblemRow::from(d, c.quotable(&d.file)));
    }
    let (school, groups) = findings::grouped(report.findings.iter());
    let missing_items = school
        .into_iter()
        .filter(|f| f.is_unmet())
        .map(|f| findings::row(c, f))
        .collect();
    let missing_groups = groups
        .iter()
        .filter(|fs| findings::any_unmet(fs))
        .map(|fs| findings::missing_group(c, fs))
        .collect();
    Page::new(
        "problems.html".into(),
        "problems.html",
        &ProblemsPage {
            title: "档案检查",
            errors: report.errors(),
            warnings: report.warnings(),
            files,
            missing_items,
            missing_groups,
            unmet: report.unmet().count(),
            not_judged: report.findings.iter().filter(|f| f.met.is_none()).count(),
            unread: c.a.archive.documents.iter().filter(|d| d.unread()).count(),
            short_years: short_years(c),
            min_hours: c.a.ledger.min_hours.to_string(),
        },
    )
}
