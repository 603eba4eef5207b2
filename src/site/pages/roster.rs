//! 教师成长记录袋's index: every teacher of the roster with their latest year, those on the staff
//! first and those who have left (by today) after them, latest leaver first.
//!
//! A roster keeps everyone who ever taught at the school, so an archive of twenty years has a
//! long one: it goes in pages of [`ROWS_PER_PAGE`] (`teachers.html`, then `roster/2.html` …).

use crate::roster::TeacherIdx;
use crate::site::catalog::{Catalog, Link};
use crate::site::pages::lists::{PageLink, Pager};
use crate::site::pages::teachers::{YearSummary, summary, years_of};
use crate::site::{Deferred, Page};
use serde::Serialize;
use std::sync::Arc;

pub const ROWS_PER_PAGE: usize = 100;

/// The roster's page numbered `n`.
pub fn url(n: usize) -> String {
    if n <= 1 {
        "teachers.html".into()
    } else {
        format!("roster/{n}.html")
    }
}

#[derive(Serialize)]
struct TeacherRow {
    teacher: Link,
    group: Option<String>,
    roles: Vec<String>,
    left: Option<String>,
    latest: Option<YearSummary>,
}

#[derive(Serialize)]
struct RosterPage {
    title: String,
    /// This page's teachers on the staff, then those who left.
    staff: Vec<TeacherRow>,
    former: Vec<TeacherRow>,
    /// Over every page.
    staff_total: usize,
    former_total: usize,
    pages: Vec<PageLink>,
    prev: Option<String>,
    next: Option<String>,
}

/// The roster in the order it is listed: on the staff (in the roster's order), then gone by
/// today (latest leaver first); `staff` are the first so many.
struct Split {
    order: Vec<TeacherIdx>,
    staff: usize,
}

fn split(c: &Catalog) -> Split {
    let roster = &c.a.archive.roster;
    let (mut former, mut order): (Vec<TeacherIdx>, Vec<TeacherIdx>) = roster
        .indices()
        .partition(|&t| roster.get(t).left.is_some_and(|left| left < c.a.today));
    former.sort_by_key(|&t| std::cmp::Reverse(roster.get(t).left));
    let staff = order.len();
    order.extend(former);
    Split { order, staff }
}

pub fn plan<'c>(c: &'c Catalog) -> Vec<Deferred<'c>> {
    let split = Arc::new(split(c));
    let count = split.order.len().div_ceil(ROWS_PER_PAGE).max(1);
    (1..=count)
        .map(|n| {
            let split = Arc::clone(&split);
            Deferred::new(move || page(c, &split, n, count))
        })
        .collect()
}

fn page(c: &Catalog, split: &Split, n: usize, count: usize) -> Page {
    let roster = &c.a.archive.roster;
    let row = |t: TeacherIdx| {
        let who = roster.get(t);
        TeacherRow {
            teacher: c.teacher_link(t),
            group: who.group.clone(),
            roles: who.roles.clone(),
            left: who.left.map(|d| d.to_string()),
            latest: years_of(c, t).last().map(|(y, x)| summary(c, y, x)),
        }
    };
    // This page's rows, cut where the staff end.
    let end = (n * ROWS_PER_PAGE).min(split.order.len());
    let from = ((n - 1) * ROWS_PER_PAGE).min(end);
    let cut = split.staff.clamp(from, end);
    let rows = |r: &[TeacherIdx]| r.iter().map(|&t| row(t)).collect();
    let (staff, former) = (rows(&split.order[from..cut]), rows(&split.order[cut..end]));
    let pager = Pager::with(n, count, url);
    Page::new(
        url(n),
        "teachers.html",
        &RosterPage {
            title: if n > 1 {
                format!("教师成长记录袋（第 {n} 页）")
            } else {
                "教师成长记录袋".into()
            },
            staff,
            former,
            staff_total: split.staff,
            former_total: split.order.len() - split.staff,
            pages: pager.links(n, url),
            prev: pager.prev,
            next: pager.next,
        },
    )
}
