//! The static site: plan every page from the checked archive and its ledger, render them with
//! the theme's templates in parallel, and hand the files to [`crate::output`] to write.

pub mod catalog;
mod context;
pub mod markdown;
mod pages;
pub mod slug;
pub mod theme;
pub mod urls;

use crate::commands::Analysis;
use crate::error::FatalError;
use crate::output::{OutputFile, Sink};
use catalog::Catalog;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeSet;
use theme::Theme;

#[derive(Debug, Clone, Copy, Default)]
pub struct SiteOptions {
    /// Publish the bodies and attachments of records marked `private` (内部).
    pub include_private: bool,
}

/// One page to render: its output path, its template and what the template is given.
pub struct Page {
    pub path: String,
    pub template: &'static str,
    pub context: tera::Context,
}

impl Page {
    pub fn new<T: Serialize>(path: String, template: &'static str, data: &T) -> Page {
        // Page data are this crate's own structs with string keys: a failure is a bug, and an
        // empty context would hide it as a blank page.
        let mut context = context::of(data).expect("page data serialise to a map");
        context.insert("root", &urls::root_of(&path));
        context.insert("page_path", &path);
        Page {
            path,
            template,
            context,
        }
    }
}

/// A page whose data are made when it is rendered: a batch of many pages (a long list, every
/// year's credit table) then holds the data of the pages being rendered, not of all of them.
pub struct Deferred<'c>(Box<dyn FnOnce() -> Page + Send + 'c>);

impl<'c> Deferred<'c> {
    pub fn new(plan: impl FnOnce() -> Page + Send + 'c) -> Deferred<'c> {
        Deferred(Box::new(plan))
    }

    /// A page planned already.
    pub fn ready(page: Page) -> Deferred<'c> {
        Deferred::new(move || page)
    }

    pub fn plan(self) -> Page {
        (self.0)()
    }
}

/// School years named in every page's navigation: an archive of twenty years would otherwise
/// carry twenty links on every page (and a page's size would grow with the archive).
const RECENT_YEARS: usize = 5;

/// What every page shows in its header and footer.
#[derive(Serialize)]
struct SiteInfo<'a> {
    title: &'a str,
    school: &'a str,
    region: Option<&'a str>,
    /// Every school year, oldest first.
    years: Vec<String>,
    /// The latest few, newest first, for the navigation; the rest are on `years.html`.
    recent_years: Vec<String>,
    more_years: bool,
    include_private: bool,
    errors: usize,
    warnings: usize,
    /// The name of the credits overview: 学分汇总 when hours convert to 学分, otherwise
    /// 学时汇总 (a page of hours alone titled 学分 sends the reader looking for them).
    credits_label: &'static str,
}

/// Which pages to render.
#[derive(Debug, Clone)]
pub enum Selection {
    All,
    /// After an edit that changed only these records' bodies: their pages, their years' pages
    /// (the print page shows bodies) and their search shards. Attachments always (those the
    /// bodies link to, of the years rendered).
    Bodies(Vec<usize>),
    /// After an edit that changed only how these records are shown (title, summary, body…):
    /// every page that shows them (see [`pages::shown`]).
    Shown(Vec<usize>),
}

/// Every page of the site, the search index and the copied attachments, handed to `sink` as
/// each is ready (the theme's assets are `theme.assets`, put last by the caller so that a
/// school's static file never takes the place of a page).
pub fn render(
    a: &Analysis,
    theme: &Theme,
    options: SiteOptions,
    sink: &dyn Sink,
) -> Result<(), FatalError> {
    render_catalog(
        &Catalog::new(a, options.include_private),
        theme,
        &Selection::All,
        sink,
    )
}

/// The selected pages of a site whose catalog is made. Batches of pages are planned and
/// rendered in parallel; no batch waits for the whole site.
pub fn render_catalog(
    catalog: &Catalog,
    theme: &Theme,
    selection: &Selection,
    sink: &dyn Sink,
) -> Result<(), FatalError> {
    let a = catalog.a;
    let mut tera = theme.tera.clone();
    let config = &a.archive.config;
    tera.global_context().insert(
        "site",
        &SiteInfo {
            title: &config.title,
            school: &config.school,
            region: config.region.as_deref(),
            years: catalog.years().map(|y| y.to_string()).collect(),
            recent_years: catalog
                .years()
                .rev()
                .take(RECENT_YEARS)
                .map(|y| y.to_string())
                .collect(),
            more_years: catalog.years().len() > RECENT_YEARS,
            include_private: catalog.include_private,
            errors: a.report.errors(),
            warnings: a.report.warnings(),
            credits_label: pages::credits::label(&a.ledger),
        },
    );
    let chrome = theme::Chrome::new(&tera)?;
    let batches = match selection {
        Selection::All => pages::batches(catalog),
        Selection::Bodies(docs) => pages::record_pages(catalog, docs.iter().copied()),
        Selection::Shown(docs) => pages::shown(catalog, docs),
    };
    // Batches run in parallel, and so do the pages within a batch (a year's record pages in
    // chunks), each page's data made just before it is rendered: memory holds the data of the
    // pages being rendered and the bodies of a few school years.
    let linked = batches
        .par_iter()
        // A batch each: any idle core takes the next batch, not half of the remaining ones.
        .with_max_len(1)
        .map(|batch| batch.render(catalog, &tera, &chrome, sink))
        .try_reduce(BTreeSet::new, |mut a, b| {
            a.extend(b);
            Ok(a)
        })?;
    for f in attachments(catalog, linked) {
        sink.put(f)?;
    }
    Ok(())
}

/// The files records attach, and those their rendered bodies link to (`linked`), each copied
/// once; private records' only when published.
fn attachments(c: &Catalog, mut wanted: BTreeSet<String>) -> Vec<OutputFile> {
    let archive = &c.a.archive;
    for (i, d) in archive.documents.iter().enumerate() {
        if c.record(i).is_none() || !c.shows_text(d) {
            continue;
        }
        for att in &d.attachments {
            if let crate::archive::Target::Found(rel) = archive.resolve(d, &att.value)
                && archive.files.contains(&rel)
            {
                wanted.insert(rel);
            }
        }
    }
    wanted
        .into_iter()
        .filter_map(|rel| {
            let out = c.urls.file(&rel)?;
            Some(OutputFile::copy(out, archive.root.join(&rel)))
        })
        .collect()
}
