//! 档案检查's 记录中的问题: every diagnostic, file by file with the line and the fix.
//!
//! Files with an error come first: their records count for nothing until mended, so they head
//! the school's list of things to do. A messy archive has thousands of problems, so they go on
//! pages of about [`PROBLEMS_PER_PAGE`]: the first on `problems.html` beside the latest years'
//! gaps, the rest on `problems/diagnostics-2.html` and on. A file's problems are never split.

use crate::diagnostic::Severity;
use crate::site::catalog::{Catalog, Link};
use crate::site::pages::lists::{self, PageLink, Pager};
use crate::site::pages::records::ProblemRow;
use crate::site::{Deferred, Page};
use serde::Serialize;
use std::ops::Range;
use std::sync::Arc;

/// Problems a page holds before the next file goes on the next page.
pub const PROBLEMS_PER_PAGE: usize = 100;

/// The page of 记录中的问题 numbered `n`: the first is 档案检查's own page.
pub fn url(n: usize) -> String {
    if n <= 1 {
        "problems.html".into()
    } else {
        format!("problems/diagnostics-{n}.html")
    }
}

#[derive(Serialize)]
pub struct FileProblems {
    file: String,
    record: Option<Link>,
    problems: Vec<ProblemRow>,
}

/// One page's share of the problems, and the way to the others.
#[derive(Serialize)]
pub struct Section {
    pub files: Vec<FileProblems>,
    /// Page numbers to link (none when every problem is on one page).
    pages: Vec<PageLink>,
    prev: Option<String>,
    next: Option<String>,
    /// Problems and files on every page together.
    total: usize,
    total_files: usize,
    number: usize,
    count: usize,
}

#[derive(Serialize)]
struct DiagnosticsPage {
    title: String,
    errors: usize,
    warnings: usize,
    diagnostics: Section,
}

/// The report's diagnostics, each file's run (they are sorted by file) as a range of them,
/// in pages.
pub struct Pages {
    pages: Vec<Vec<Range<usize>>>,
    total_files: usize,
}

impl Pages {
    pub fn of(c: &Catalog) -> Pages {
        let all = &c.a.report.diagnostics;
        let mut runs: Vec<Range<usize>> = Vec::new();
        for (i, d) in all.iter().enumerate() {
            match runs.last_mut() {
                Some(r) if all[r.start].file == d.file => r.end = i + 1,
                _ => runs.push(i..i + 1),
            }
        }
        // A stable sort: within each kind, files stay in the report's order.
        runs.sort_by_key(|r| !all[r.clone()].iter().any(|d| d.severity == Severity::Error));
        let total_files = runs.len();
        Pages {
            pages: fill(runs, Range::len),
            total_files,
        }
    }

    pub fn count(&self) -> usize {
        self.pages.len()
    }

    /// Page `n`'s section, for 档案检查's first page or a page of its own.
    pub fn section(&self, c: &Catalog, n: usize) -> Section {
        let all = &c.a.report.diagnostics;
        let count = self.count();
        let pager = Pager::with(n, count, url);
        let files = self.pages[n - 1]
            .iter()
            .map(|r| {
                let file = &all[r.start].file;
                FileProblems {
                    file: file.clone(),
                    record: c
                        .a
                        .archive
                        .index_of(file)
                        .and_then(|i| c.record(i))
                        .map(|r| Link::new(r.title.clone(), Some(r.url.clone()))),
                    problems: all[r.clone()]
                        .iter()
                        .map(|d| ProblemRow::from(c, d))
                        .collect(),
                }
            })
            .collect();
        Section {
            files,
            pages: pager.links(n, |p| format!("{}#diagnostics", url(p))),
            prev: pager.prev.map(|u| format!("{u}#diagnostics")),
            next: pager.next.map(|u| format!("{u}#diagnostics")),
            total: all.len(),
            total_files: self.total_files,
            number: n,
            count,
        }
    }

    /// The pages after the first (which 档案检查's first page holds).
    pub fn plan<'c>(pages: Arc<Pages>, c: &'c Catalog) -> Vec<Deferred<'c>> {
        (2..=pages.count())
            .map(|n| {
                let pages = Arc::clone(&pages);
                Deferred::new(move || page(c, &pages, n))
            })
            .collect()
    }
}

fn page(c: &Catalog, pages: &Pages, n: usize) -> Page {
    Page::new(
        url(n),
        "diagnostics.html",
        &DiagnosticsPage {
            title: format!("档案检查：记录中的问题（第 {n} 页）"),
            errors: c.a.report.errors(),
            warnings: c.a.report.warnings(),
            diagnostics: pages.section(c, n),
        },
    )
}

fn fill<T>(items: Vec<T>, rows: impl Fn(&T) -> usize) -> Vec<Vec<T>> {
    lists::fill(items, rows, PROBLEMS_PER_PAGE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_fill_a_page_and_are_never_split() {
        let pages = fill(vec![60, 30, 20, 150, 1], |n| *n);
        assert_eq!(pages, vec![vec![60, 30], vec![20], vec![150], vec![1]]);
        assert_eq!(fill(Vec::<usize>::new(), |n| *n).len(), 1);
    }

    #[test]
    fn the_first_page_is_the_checks_own() {
        assert_eq!(url(1), "problems.html");
        assert_eq!(url(3), "problems/diagnostics-3.html");
    }
}
