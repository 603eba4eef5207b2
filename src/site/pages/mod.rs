//! Every page of the site, planned from the catalog: what each shows and where it goes.

pub mod credits;
mod dashboard;
pub mod findings;
mod lists;
mod problems;
pub mod records;
pub mod search;
pub mod teachers;
mod years;

use crate::site::Page;
use crate::site::catalog::Catalog;

pub fn plan(c: &Catalog) -> Vec<Page> {
    let mut pages = vec![dashboard::plan(c), problems::plan(c), search::page()];
    pages.extend(years::plan(c));
    pages.extend(lists::plan(c));
    pages.extend(teachers::plan(c));
    pages.extend(credits::plan(c));
    pages.extend(records::plan(c));
    pages
}
