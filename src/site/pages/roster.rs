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

/// The roster split: on the staff (in the roster's order), and gone by today (latest leaver
/// first).
struct Split {
    staff: Vec<TeacherIdx>,
    former: Vec<TeacherIdx>,
}

fn split(c: &Catalog) -> Split {
    let roster = &c.a.archive.roster;
    let (mut former, staff): (Vec<TeacherIdx>, Vec<TeacherIdx>) = roster
        .indices()
        .partition(|&t| roster.get(t).left.is_some_and(|left| left < c.a.today));
    former.sort_by_key(|&t| std::cmp::Reverse(roster.get(t).left));
    Split { staff, former }
}

pub fn plan<'c>(c: &'c Catalog) -> Vec<Deferred<'c>> {
    let split = Arc::new(split(c));
    let rows = split.staff.len() + split.former.len();
    let count = rows.div_ceil(ROWS_PER_PAGE).max(1);
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
    let (from, to) = ((n - 1) * ROWS_PER_PAGE, n * ROWS_PER_PAGE);
    let staff_total = split.staff.len();
    let staff = split.staff[from.min(staff_total)..to.min(staff_total)]
        .iter()
        .map(|&t| row(t))
        .collect();
    let former = split.former[from.saturating_sub(staff_total).min(split.former.len())
        ..to.saturating_sub(staff_total).min(split.former.len())]
        .iter()
        .map(|&t| row(t))
        .collect();
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
            staff_total,
            former_total: split.former.len(),
            pages: pager.links(n, url),
            prev: pager.prev,
            next: pager.next,
        },
    )
}
