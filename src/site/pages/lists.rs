//! Lists of records by kind and by 领域, 形式 and 标签, newest first, in pages of fixed size so
//! that no page grows with the archive.

use crate::kind::Kind;
use crate::site::catalog::{Catalog, RecordRef};
use crate::site::urls::{Taxonomy, Urls};
use crate::site::{Deferred, Page};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

pub const PAGE_SIZE: usize = 50;

/// A numbered link of a pager.
#[derive(Serialize)]
pub struct PageLink {
    number: usize,
    url: String,
    current: bool,
}

#[derive(Serialize)]
struct ListPage<'c> {
    title: String,
    heading: String,
    total: usize,
    /// Private records of the list left unpublished (kind lists only).
    private: usize,
    items: Vec<&'c RecordRef>,
    pages: Vec<PageLink>,
    prev: Option<String>,
    next: Option<String>,
}

/// The pages of one list: `base.html`, `base-2.html` …; an empty list still gets its first page.
/// With `showing`, only the pages that list one of those records.
fn paged<'c>(
    c: &'c Catalog,
    base: &str,
    heading: &str,
    newest_first: Vec<usize>,
    private: usize,
    showing: Option<&BTreeSet<usize>>,
) -> Vec<Deferred<'c>> {
    let total = newest_first.len();
    let count = total.div_ceil(PAGE_SIZE).max(1);
    let mut chunks: Vec<Vec<usize>> = newest_first
        .chunks(PAGE_SIZE)
        .map(<[usize]>::to_vec)
        .collect();
    if chunks.is_empty() {
        chunks.push(Vec::new());
    }
    chunks
        .into_iter()
        .zip(1..)
        .filter(|(ids, _)| showing.is_none_or(|s| ids.iter().any(|i| s.contains(i))))
        .map(|(ids, n)| {
            let (base, heading) = (base.to_string(), heading.to_string());
            Deferred::new(move || list_page(c, &base, &heading, ids, n, count, (total, private)))
        })
        .collect()
}

/// Page `n` of `count` of a list of `total` records; `ids` are this page's.
fn list_page(
    c: &Catalog,
    base: &str,
    heading: &str,
    ids: Vec<usize>,
    n: usize,
    count: usize,
    (total, private): (usize, usize),
) -> Page {
    let pager = Pager::of(base, n, count);
    Page::new(
        Urls::paged(base, n),
        "list.html",
        &ListPage {
            title: if n > 1 {
                format!("{heading}（第 {n} 页）")
            } else {
                heading.to_string()
            },
            heading: heading.to_string(),
            total,
            private,
            items: c.records(ids),
            pages: pager.links(n, |p| Urls::paged(base, p)),
            prev: pager.prev,
            next: pager.next,
        },
    )
}

/// What page `n` of `count` of a paged list (`base.html`, `base/2.html` …) links to.
pub struct Pager {
    /// The pages near `n`, the first and the last (a list of 500 pages must not put 500 links
    /// on each); none when there is one page.
    pub numbers: Vec<usize>,
    pub prev: Option<String>,
    pub next: Option<String>,
}

impl Pager {
    pub fn of(base: &str, n: usize, count: usize) -> Pager {
        Pager::with(n, count, |p| Urls::paged(base, p))
    }

    /// The numbered links, page `current` marked.
    pub fn links(&self, current: usize, url: impl Fn(usize) -> String) -> Vec<PageLink> {
        self.numbers
            .iter()
            .map(|&p| PageLink {
                number: p,
                url: url(p),
                current: p == current,
            })
            .collect()
    }

    /// As [`Pager::of`], for pages whose addresses are not `base/N.html`.
    pub fn with(n: usize, count: usize, url: impl Fn(usize) -> String) -> Pager {
        let mut numbers: Vec<usize> = (n.saturating_sub(5).max(1)..=(n + 5).min(count)).collect();
        if numbers.first() != Some(&1) {
            numbers.insert(0, 1);
        }
        if numbers.last() != Some(&count) {
            numbers.push(count);
        }
        Pager {
            numbers: if count > 1 { numbers } else { Vec::new() },
            prev: (n > 1).then(|| url(n - 1)),
            next: (n < count).then(|| url(n + 1)),
        }
    }
}

/// Items in pages of about `per_page` rows, in order: an item with more has a page of its own,
/// and an item is never split. Always one page, if empty.
pub fn fill<T>(items: Vec<T>, rows: impl Fn(&T) -> usize, per_page: usize) -> Vec<Vec<T>> {
    let mut pages: Vec<Vec<T>> = vec![Vec::new()];
    let mut filled = 0;
    for item in items {
        let n = rows(&item);
        let page = pages.last_mut().expect("one page at least");
        if !page.is_empty() && filled + n > per_page {
            pages.push(Vec::new());
            filled = 0;
        }
        filled += n;
        pages.last_mut().expect("pushed").push(item);
    }
    pages
}

#[derive(Serialize)]
struct Term {
    value: String,
    url: String,
    count: usize,
}

#[derive(Serialize)]
struct TermGroup {
    label: &'static str,
    terms: Vec<Term>,
}

#[derive(Serialize)]
struct TermsPage {
    title: &'static str,
    kinds: Vec<Term>,
    groups: Vec<TermGroup>,
}

/// Every list page, and the page of every list.
pub fn plan<'c>(c: &'c Catalog) -> Vec<Deferred<'c>> {
    plan_showing(c, None)
}

/// With `showing`, only the list pages that show one of those records (an edit changed how
/// they are shown, not which lists hold them), and not the page of every list.
pub fn plan_showing<'c>(c: &'c Catalog, showing: Option<&BTreeSet<usize>>) -> Vec<Deferred<'c>> {
    let mut pages = Vec::new();
    let mut kinds = Vec::new();
    for k in Kind::ALL {
        let list: Vec<usize> = c.by_kind.get(&k).cloned().unwrap_or_default();
        kinds.push(Term {
            value: k.label().to_string(),
            url: Urls::paged(&Urls::kind_base(k), 1),
            count: list.len(),
        });
        let newest: Vec<usize> = list.into_iter().rev().collect();
        pages.extend(paged(
            c,
            &Urls::kind_base(k),
            &format!("{}记录", k.label()),
            newest,
            c.kept_private_of(k),
            showing,
        ));
    }

    // An edit's lists are gathered alone: the lists of a large archive hold tens of thousands.
    let wanted: Option<BTreeSet<(Taxonomy, &str)>> =
        showing.map(|s| s.iter().flat_map(|&i| Taxonomy::of(c.doc(i))).collect());
    let mut members: BTreeMap<(Taxonomy, &str), Vec<usize>> = BTreeMap::new();
    for list in c.by_kind.values() {
        for &i in list {
            for term in Taxonomy::of(c.doc(i)) {
                if wanted.as_ref().is_none_or(|w| w.contains(&term)) {
                    members.entry(term).or_default().push(i);
                }
            }
        }
    }
    let mut groups: Vec<TermGroup> = Taxonomy::ALL
        .iter()
        .map(|t| TermGroup {
            label: t.label(),
            terms: Vec::new(),
        })
        .collect();
    for ((tax, value), mut list) in members {
        let Some(base) = c.urls.term_base(tax, value) else {
            continue;
        };
        list.sort_by_key(|&i| std::cmp::Reverse((c.doc(i).date(), i)));
        let group = Taxonomy::ALL.iter().position(|t| *t == tax).expect("known");
        groups[group].terms.push(Term {
            value: value.to_string(),
            url: Urls::paged(base, 1),
            count: list.len(),
        });
        pages.extend(paged(
            c,
            base,
            &format!("{}：{value}", tax.label()),
            list,
            0,
            showing,
        ));
    }
    if showing.is_some() {
        return pages;
    }
    pages.push(Deferred::ready(Page::new(
        "terms.html".into(),
        "terms.html",
        &TermsPage {
            title: "分类浏览",
            kinds,
            groups,
        },
    )));
    pages
}
