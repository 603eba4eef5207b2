//! Every page of the site, planned from the catalog: what each shows and where it goes.
//!
//! Pages are planned and rendered in batches, each small and independent, so that a build of a
//! large archive holds only a few batches' worth of page data at a time.

pub mod credits;
mod dashboard;
pub mod findings;
mod lists;
mod problems;
pub mod records;
pub mod search;
pub mod teachers;
mod years;

use crate::dates::SchoolYear;
use crate::site::Page;
use crate::site::catalog::Catalog;
use std::ops::Range;

/// A group of pages planned together.
#[derive(Debug, Clone)]
pub enum Batch {
    /// The dashboard, 档案检查, search, the roster, the list of school years.
    Front,
    /// Lists by kind, 领域, 形式, 标签.
    Lists,
    Credits,
    /// A school year's page and its print page.
    Year(SchoolYear),
    /// Roster positions: each teacher's page and their year pages.
    Teachers(Range<usize>),
    /// Document indices: record pages.
    Records(Range<usize>),
}

const RECORDS_PER_BATCH: usize = 128;
const TEACHERS_PER_BATCH: usize = 1;

pub fn batches(c: &Catalog) -> Vec<Batch> {
    let mut v = vec![Batch::Front, Batch::Lists, Batch::Credits];
    v.extend(c.years().map(Batch::Year));
    let teachers = c.a.archive.roster.len();
    v.extend(
        (0..teachers)
            .step_by(TEACHERS_PER_BATCH)
            .map(|s| Batch::Teachers(s..(s + TEACHERS_PER_BATCH).min(teachers))),
    );
    let docs = c.a.archive.documents.len();
    v.extend(
        (0..docs)
            .step_by(RECORDS_PER_BATCH)
            .map(|s| Batch::Records(s..(s + RECORDS_PER_BATCH).min(docs))),
    );
    v
}

impl Batch {
    pub fn plan(&self, c: &Catalog) -> Vec<Page> {
        match self {
            Batch::Front => vec![
                dashboard::plan(c),
                problems::plan(c),
                search::page(c),
                teachers::roster_page(c),
                years::index(c),
            ],
            Batch::Lists => lists::plan(c),
            Batch::Credits => credits::plan(c),
            Batch::Year(y) => years::plan(c, *y),
            Batch::Teachers(r) => teachers::plan(c, r.clone()),
            Batch::Records(r) => records::plan(c, r.clone()),
        }
    }
}
