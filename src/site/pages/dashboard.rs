//! 首页: where the school stands, at a glance, with a way into every figure.

use crate::check::completeness::{Finding, Status};
use crate::kind::Kind;
use crate::site::Page;
use crate::site::catalog::{Catalog, RecordRef};
use crate::site::pages::credits::{YearRow, percent, year_row};
use crate::site::pages::findings::{self, FindingRow, MissingGroup};
use crate::site::urls::Urls;
use serde::Serialize;

#[derive(Serialize)]
struct KindCount {
    label: &'static str,
    count: usize,
    /// Private records of the kind left unpublished (counted in the checks and the hours).
    private: usize,
    url: String,
}

#[derive(Serialize)]
struct PlanExecution {
    plan: RecordRef,
    total: usize,
    held: usize,
    percent: u32,
}

#[derive(Serialize)]
struct Dashboard<'c> {
    title: &'static str,
    records: usize,
    teachers: usize,
    kinds: Vec<KindCount>,
    met: usize,
    unmet: usize,
    pending: usize,
    score: Option<u32>,
    credits: Vec<YearRow>,
    plans: Vec<PlanExecution>,
    /// Earlier plans left off the dashboard (on their years' pages).
    plans_more: usize,
    latest: Vec<&'c RecordRef>,
    errors: usize,
    warnings: usize,
    /// School-level items missing, latest period first.
    missing_items: Vec<FindingRow>,
    /// Per-teacher rules some teachers did not meet, latest period first.
    missing_groups: Vec<MissingGroup>,
    missing_more: usize,
    /// The date of the latest dated record, and the day the archive was checked as of: how
    /// fresh the site is, for an inspector opening a copy of unknown age.
    as_of: Option<String>,
    today: String,
    /// The school year of `today`, when the archive has no record of it yet.
    empty_year: Option<String>,
}

/// The latest plans the dashboard shows with their execution.
const PLANS_SHOWN: usize = 4;

pub fn plan(c: &Catalog) -> Page {
    let report = &c.a.report;
    let count = |s: Status| report.findings.iter().filter(|f| f.status == s).count();
    let (met, unmet) = (count(Status::Met), count(Status::Unmet));
    let kinds = Kind::ALL
        .iter()
        .map(|&k| KindCount {
            label: k.label(),
            count: c.by_kind.get(&k).map_or(0, Vec::len),
            private: c.kept_private_of(k),
            url: Urls::paged(&Urls::kind_base(k), 1),
        })
        .collect();
    let credits: Vec<YearRow> = c.a.ledger.years.iter().rev().map(year_row).collect();
    let mut plans: Vec<PlanExecution> = c
        .by_kind
        .get(&Kind::Plan)
        .map(|v| v.as_slice())
        .unwrap_or(&[])
        .iter()
        .rev()
        .filter(|&&i| !c.doc(i).activities.is_empty())
        .filter_map(|&i| {
            let d = c.doc(i);
            let total = d.activities.len();
            let held = d
                .activities
                .iter()
                .filter(|a| {
                    a.id.as_deref()
                        .is_some_and(|id| c.held_for.contains_key(&(i, id.trim().to_string())))
                })
                .count();
            Some(PlanExecution {
                plan: c.record(i)?.clone(),
                total,
                held,
                percent: percent(held, total).unwrap_or(0),
            })
        })
        .collect();
    let plans_more = plans.len().saturating_sub(PLANS_SHOWN);
    plans.truncate(PLANS_SHOWN);
    let latest = latest(c);
    let as_of = latest.first().and_then(|&i| c.doc(i).date());
    let today = c.a.today;
    let this_year = c.a.archive.config.calendar.school_year_of(today);
    let empty_year = c
        .by_year
        .keys()
        .next_back()
        .is_some_and(|&last| last < this_year)
        .then(|| this_year.to_string());
    let (school, groups) = findings::grouped(report.findings.iter());
    let unmet_items: Vec<&Finding> = school.into_iter().filter(|f| f.is_unmet()).collect();
    let unmet_groups: Vec<&Vec<&Finding>> =
        groups.iter().filter(|fs| findings::any_unmet(fs)).collect();
    // Enough to see where the school falls short, the latest first; the 档案检查 page lists
    // every one. Rows only for those shown: a large archive has thousands.
    const SHOWN: usize = 6;
    let missing_more =
        unmet_items.len().saturating_sub(SHOWN) + unmet_groups.len().saturating_sub(SHOWN);
    let missing_items: Vec<FindingRow> = unmet_items
        .iter()
        .rev()
        .take(SHOWN)
        .map(|f| findings::row(c, f))
        .collect();
    // The first few teachers of each, as 档案检查 names them: the year's checklist names every
    // teacher with the records behind their count, which the home page has no room for.
    let missing_groups: Vec<MissingGroup> = unmet_groups
        .iter()
        .rev()
        .take(SHOWN)
        .map(|fs| findings::missing_group(c, fs))
        .collect();
    Page::new(
        "index.html".into(),
        "index.html",
        &Dashboard {
            title: "首页",
            records: c.by_kind.values().map(Vec::len).sum(),
            teachers: c.a.archive.roster.len(),
            kinds,
            met,
            unmet,
            pending: report.findings.len() - met - unmet,
            score: percent(met, met + unmet),
            credits,
            plans,
            plans_more,
            latest: c.records(latest),
            errors: report.errors(),
            warnings: report.warnings(),
            missing_items,
            missing_groups,
            missing_more,
            as_of: as_of.map(|d| d.to_string()),
            today: today.to_string(),
            empty_year,
        },
    )
}

/// How many of the latest records the home page lists.
const LATEST_SHOWN: usize = 10;

/// The records the home page lists as the latest, the latest first.
pub fn latest(c: &Catalog) -> Vec<usize> {
    let mut latest: Vec<usize> = c.by_kind.values().flatten().copied().collect();
    let key = |&i: &usize| std::cmp::Reverse((c.doc(i).date(), i));
    if latest.len() > LATEST_SHOWN {
        latest.select_nth_unstable_by_key(LATEST_SHOWN, key);
        latest.truncate(LATEST_SHOWN);
    }
    latest.sort_by_key(key);
    latest
}
