//! Every page of the site, planned from the catalog: what each shows and where it goes.
//!
//! Pages are planned and rendered in batches, each small and independent, so that a build of a
//! large archive holds only a few batches' worth of page data at a time.

pub mod credits;
mod dashboard;
mod diagnostics;
pub mod findings;
mod lists;
mod print;
mod problems;
pub mod records;
mod roster;
pub mod search;
pub mod teachers;
mod years;

use crate::dates::SchoolYear;
use crate::error::FatalError;
use crate::kind::Kind;
use crate::output::{OutputFile, Sink};
use crate::roster::TeacherIdx;
use crate::site::catalog::{Bodies, Catalog};
use crate::site::{Deferred, Page, theme};
use rayon::prelude::*;
use search::Shard;
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

/// A group of pages planned together.
#[derive(Debug, Clone)]
pub enum Batch {
    /// The dashboard, 档案检查, search, the roster, the list of school years.
    Front,
    /// Lists by kind, 领域, 形式, 标签.
    Lists,
    Credits,
    /// Roster positions: each teacher's page and their year pages.
    Teachers(Range<usize>),
    /// The dashboard and 档案检查 (after an edit that changed how some records are shown).
    DashboardAndProblems,
    /// The list pages that show these records.
    ListsShowing(BTreeSet<usize>),
    /// These teachers' pages of one school year, and with `main` their own pages (they list
    /// research projects).
    Portfolios {
        teachers: Vec<TeacherIdx>,
        year: Option<SchoolYear>,
        main: bool,
    },
    /// A school year's records (or the undated ones): the record pages, the year's page and
    /// print page, and its search shard. The year's bodies are rendered once for all of them
    /// and dropped after, so no more than a few years' bodies are held at a time.
    Year(Shard, Records),
}

/// Which record pages of a year to render.
#[derive(Debug, Clone)]
pub enum Records {
    All,
    /// Only these (the rest of the year's pages and its shard are rendered all the same).
    Only(Vec<usize>),
}

const TEACHERS_PER_BATCH: usize = 1;
/// Record pages rendered by one worker in turn, within a year.
const RECORDS_PER_CHUNK: usize = 32;

/// Every batch of the site, the largest first: the small ones at the end fill the cores while
/// the last large ones finish.
pub fn batches(c: &Catalog) -> Vec<Batch> {
    let mut v: Vec<Batch> = c
        .years()
        .map(|y| Batch::Year(Shard::Year(y), Records::All))
        .collect();
    if !search::records_of(c, Shard::Undated).is_empty() {
        v.push(Batch::Year(Shard::Undated, Records::All));
    }
    v.extend([Batch::Lists, Batch::Credits, Batch::Front]);
    let teachers = c.a.archive.roster.len();
    v.extend(
        (0..teachers)
            .step_by(TEACHERS_PER_BATCH)
            .map(|s| Batch::Teachers(s..(s + TEACHERS_PER_BATCH).min(teachers))),
    );
    v
}

/// The pages of these records (those that have one), each year's with its year's page, print
/// page and search shard.
pub fn record_pages(c: &Catalog, docs: impl IntoIterator<Item = usize>) -> Vec<Batch> {
    let mut by_shard: BTreeMap<Shard, Vec<usize>> = BTreeMap::new();
    for i in docs.into_iter().filter(|&i| c.record(i).is_some()) {
        by_shard.entry(Shard::of(c, i)).or_default().push(i);
    }
    by_shard
        .into_iter()
        .map(|(s, only)| Batch::Year(s, Records::Only(only)))
        .collect()
}

/// The pages that show any of `docs`, for an edit that changed only how they are shown (their
/// title, summary, body…) and nothing the checks, the ledger or the URLs depend on: the records'
/// own pages and their years' pages, print pages and search shards; the pages of the records
/// next to them, of the plan a session was held for (and the sessions of a plan), of the session
/// a reflection is about (and the reflections on a session); the lists that show them; their
/// people's pages of that year; the dashboard and 档案检查.
pub fn shown(c: &Catalog, docs: &[usize]) -> Vec<Batch> {
    let docs: BTreeSet<usize> = docs
        .iter()
        .copied()
        .filter(|&i| c.record(i).is_some())
        .collect();
    let mut pages: BTreeSet<usize> = docs.clone();
    let mut portfolios: Vec<Batch> = Vec::new();
    for &i in &docs {
        let (prev, next) = c.neighbours(i);
        pages.extend(prev.into_iter().chain(next));
        if let Some((plan, _)) = c.plan_of.get(&i) {
            pages.insert(*plan);
        }
        for ((plan, _), sessions) in &c.held_for {
            if *plan == i {
                pages.extend(sessions);
            }
        }
        pages.extend(c.about_session.get(&i).into_iter().flatten());
        // Their authors' pages of the year name the session each is about.
        let mut writers: BTreeMap<Option<SchoolYear>, Vec<TeacherIdx>> = BTreeMap::new();
        for &r in c.about_session.get(&i).into_iter().flatten() {
            if let Some(t) = c.a.report.people[r].author {
                writers.entry(c.doc(r).in_year).or_default().push(t);
            }
        }
        for (year, mut teachers) in writers {
            teachers.sort();
            teachers.dedup();
            portfolios.push(Batch::Portfolios {
                teachers,
                year,
                main: false,
            });
        }
        for (session, about) in &c.about_session {
            if about.contains(&i) {
                pages.insert(*session);
            }
        }
        let d = c.doc(i);
        let p = &c.a.report.people[i];
        let mut teachers: Vec<TeacherIdx> = [p.author, p.speaker, p.teacher, p.leader]
            .into_iter()
            .flatten()
            .chain(p.members.iter().copied())
            .chain(p.inactive.iter().copied())
            .chain(
                p.attendance
                    .iter()
                    .flat_map(|a| a.present.iter().chain(&a.absent).chain(&a.leave).copied()),
            )
            .collect();
        teachers.sort();
        teachers.dedup();
        portfolios.push(Batch::Portfolios {
            teachers,
            year: d.in_year,
            main: d.kind == Some(Kind::Research),
        });
    }
    // The home page and 档案检查's pages are large (every unmet rule of their years) and name
    // few records; made again only when they name an edited one.
    let on_summary_pages = summary_pages_name(c);
    let summaries = docs.iter().any(|&i| on_summary_pages(i));
    let mut v = record_pages(c, pages);
    if summaries {
        v.push(Batch::DashboardAndProblems);
    }
    v.push(Batch::ListsShowing(docs));
    v.extend(portfolios);
    v
}

/// Whether the home page or 档案检查 shows a record's title: as one of the latest, a plan (its
/// execution figure), a file with problems, or a record counted towards a rule not met.
fn summary_pages_name<'c>(c: &'c Catalog) -> impl Fn(usize) -> bool + 'c {
    let latest = dashboard::latest(c);
    move |i| {
        let d = c.doc(i);
        d.kind == Some(Kind::Plan)
            || latest.contains(&i)
            || c.problems.contains_key(d.path.as_str())
            || c.a
                .report
                .findings
                .iter()
                .any(|f| f.is_unmet() && f.sources.iter().any(|s| **s == *d.path))
    }
}

fn put_page(
    tera: &tera::Tera,
    chrome: &theme::Chrome,
    sink: &dyn Sink,
    mut p: Page,
) -> Result<(), FatalError> {
    p.context.insert("chrome", &chrome.of(tera, &p.path)?);
    let html = theme::render(tera, p.template, &p.context)?;
    sink.put(OutputFile::bytes(p.path, html))
}

impl Batch {
    /// Renders the batch's pages into `sink`; returns the archive files the rendered bodies
    /// link to or show (they are copied with the attachments).
    pub fn render(
        &self,
        c: &Catalog,
        tera: &tera::Tera,
        chrome: &theme::Chrome,
        sink: &dyn Sink,
    ) -> Result<BTreeSet<String>, FatalError> {
        let pages: Vec<Deferred> = match self {
            Batch::Front => [
                Deferred::new(|| dashboard::plan(c)),
                Deferred::new(|| search::page(c)),
                Deferred::new(|| years::index(c)),
            ]
            .into_iter()
            .chain(roster::plan(c))
            .chain(problems::plan(c))
            .collect(),
            Batch::Lists => lists::plan(c),
            Batch::Credits => credits::plan(c),
            Batch::Teachers(r) => teachers::plan(c, tera, r.clone())?
                .into_iter()
                .map(Deferred::ready)
                .collect(),
            Batch::DashboardAndProblems => std::iter::once(Deferred::new(|| dashboard::plan(c)))
                .chain(problems::plan(c))
                .collect(),
            Batch::ListsShowing(docs) => lists::plan_showing(c, Some(docs)),
            Batch::Portfolios {
                teachers,
                year,
                main,
            } => teachers::plan_showing(c, tera, teachers, *year, *main)?
                .into_iter()
                .map(Deferred::ready)
                .collect(),
            Batch::Year(shard, which) => {
                return render_year(c, tera, chrome, sink, *shard, which);
            }
        };
        pages
            .into_par_iter()
            .try_for_each(|p| put_page(tera, chrome, sink, p.plan()))?;
        Ok(BTreeSet::new())
    }
}

fn render_year(
    c: &Catalog,
    tera: &tera::Tera,
    chrome: &theme::Chrome,
    sink: &dyn Sink,
    shard: Shard,
    which: &Records,
) -> Result<BTreeSet<String>, FatalError> {
    let docs = search::records_of(c, shard);
    let bodies: Bodies = c.render_bodies(&docs);
    let pages: Vec<usize> = match which {
        Records::All => docs,
        Records::Only(v) => v.clone(),
    };
    // The year's own pages and its shard beside the record pages, not after them: they are
    // made by one thread each, and would otherwise leave the other cores waiting.
    let (records, own) = rayon::join(
        || {
            pages.par_chunks(RECORDS_PER_CHUNK).try_for_each(|chunk| {
                chunk
                    .iter()
                    .filter_map(|&i| records::page(c, i, bodies.get(&i)))
                    .try_for_each(|p| put_page(tera, chrome, sink, p))
            })
        },
        || -> Result<(), FatalError> {
            if let Shard::Year(y) = shard {
                years::plan(c, y, &bodies)
                    .into_par_iter()
                    .try_for_each(|p| put_page(tera, chrome, sink, p.plan()))?;
            }
            match search::index_js(c, shard, &bodies) {
                Some(index) => sink.put(index),
                None => Ok(()),
            }
        },
    );
    records?;
    own?;
    Ok(bodies.into_values().flat_map(|b| b.files).collect())
}
