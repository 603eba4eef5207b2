//! What the pages of a site look things up in, computed once per build: each record's page and
//! summary, each teacher's, which records point at which. Bodies are not kept here: a school
//! year's bodies are rendered when its pages are (see `pages::Batch::Year`), so a build never
//! holds every body of the archive at once.

mod assemble;

pub(in crate::site) use assemble::date_text;

use crate::archive::document::Document;
use crate::commands::Analysis;
use crate::credits::Entry;
use crate::dates::SchoolYear;
use crate::kind::Kind;
use crate::per_record::PerRecord;
use crate::roster::TeacherIdx;
use crate::site::markdown::{self, Body};
use crate::site::urls::Urls;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// A record as lists show it. `url` is relative to the output root.
#[derive(Debug, Clone, Serialize)]
pub struct RecordRef {
    pub url: String,
    pub title: String,
    pub date: String,
    pub kind: &'static str,
    pub kind_label: &'static str,
    pub form: Option<String>,
    pub domain: Option<String>,
    pub summary: Option<String>,
    pub private: bool,
    /// Author, speaker or leader, as a name.
    pub person: Option<String>,
    pub source: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct TeacherRef {
    pub url: String,
    pub name: String,
    pub group: Option<String>,
}

/// A link to something that may have no page (a record that was not published, a person outside
/// the roster): the template shows the text (`text`) either way and links (`url`) when it can.
#[derive(Debug, Clone)]
pub enum Link {
    Made {
        text: String,
        url: Option<String>,
    },
    /// Made once per build as the templates' value and shared: pages list teachers by the
    /// hundred (a session of the whole staff), and making each link's value anew for every
    /// page was a large part of the page's cost.
    Shared(tera::Value),
}

impl Link {
    pub fn new(text: impl Into<String>, url: Option<String>) -> Link {
        Link::Made {
            text: text.into(),
            url,
        }
    }

    /// What the link says.
    pub fn text(&self) -> String {
        match self {
            Link::Made { text, .. } => text.clone(),
            Link::Shared(v) => v
                .get_from_path("text")
                .and_then(|t| t.as_str())
                .unwrap_or_default()
                .to_string(),
        }
    }
}

impl Serialize for Link {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        match self {
            Link::Made { text, url } => {
                let mut st = s.serialize_struct("Link", 2)?;
                st.serialize_field("text", text)?;
                st.serialize_field("url", url)?;
                st.end()
            }
            Link::Shared(v) => v.serialize(s),
        }
    }
}

/// One teacher's records in one school year, each list in date order.
#[derive(Debug, Default)]
pub struct YearFolio {
    pub authored: Vec<usize>,
    /// Observation records (听课) of lessons this teacher gave (`teacher`, 授课教师).
    pub observed: Vec<usize>,
    pub research: Vec<usize>,
    pub attended: Vec<usize>,
    pub absent: Vec<usize>,
    pub leave: Vec<usize>,
    /// The teacher's findings of per-teacher rules in the year and its semesters (indices
    /// into the report's).
    pub findings: Vec<usize>,
}

impl YearFolio {
    /// Lists grown by doubling give back what they did not fill: a catalog keeps one folio per
    /// teacher and year (some 60,000 at 50,000 records) for the whole build.
    fn shrink_to_fit(&mut self) {
        for list in [
            &mut self.authored,
            &mut self.observed,
            &mut self.research,
            &mut self.attended,
            &mut self.absent,
            &mut self.leave,
            &mut self.findings,
        ] {
            list.shrink_to_fit();
        }
    }
}

/// One teacher's folios by school year, in year order. A sorted list rather than a map: it is
/// filled in date order, mostly at its end, and a map's half-empty nodes of 168-byte folios
/// cost more than the folios.
#[derive(Debug, Default)]
pub struct YearFolios(Vec<(SchoolYear, YearFolio)>);

impl YearFolios {
    pub fn get(&self, year: &SchoolYear) -> Option<&YearFolio> {
        let n = self.0.binary_search_by_key(year, |(y, _)| *y).ok()?;
        Some(&self.0[n].1)
    }

    fn entry(&mut self, year: SchoolYear) -> &mut YearFolio {
        let n = match self.0.binary_search_by_key(&year, |(y, _)| *y) {
            Ok(n) => n,
            Err(n) => {
                self.0.insert(n, (year, YearFolio::default()));
                n
            }
        };
        &mut self.0[n].1
    }

    fn shrink_to_fit(&mut self) {
        self.0.shrink_to_fit();
        for (_, folio) in &mut self.0 {
            folio.shrink_to_fit();
        }
    }
}

/// What one teacher wrote, researched and attended, for the 成长记录袋.
#[derive(Debug, Default)]
pub struct Portfolio {
    /// Every research project they lead or join, whatever its year.
    pub research: Vec<usize>,
    pub years: YearFolios,
}

pub struct Catalog<'a> {
    pub a: &'a Analysis,
    pub urls: Urls,
    pub include_private: bool,
    refs: Vec<Option<RecordRef>>,
    /// What lists of a teacher's or a year's records show for a private record left
    /// unpublished (no link, no title, its file), by document index: those lists then count
    /// what the checklists and the hours count.
    stand_ins: HashMap<usize, RecordRef>,
    teachers: Vec<TeacherRef>,
    /// Each teacher's link, by roster position.
    teacher_links: Vec<Link>,
    /// Published records, in date order (undated last), per kind and per school year.
    pub by_kind: BTreeMap<Kind, Vec<usize>>,
    /// Every school year with a record, private ones included (with no published record, a
    /// year's list is empty).
    pub by_year: BTreeMap<SchoolYear, Vec<usize>>,
    /// Session → the reflections and observations that name it in `session`.
    pub about_session: HashMap<usize, Vec<usize>>,
    /// (plan, activity id) → the records that carried it out, in date order: mostly sessions,
    /// but a summary or a research record may name a plan item too.
    pub held_for: HashMap<(usize, String), Vec<usize>>,
    /// Record → (plan, activity id) it carried out.
    pub plan_of: HashMap<usize, (usize, String)>,
    /// By roster position.
    pub portfolios: Vec<Portfolio>,
    granted: Grants,
    /// The published records before and after each one, among records of its kind, by
    /// document index.
    neighbours: Vec<(Option<usize>, Option<usize>)>,
    /// Diagnostics (indices into the report's) by file.
    pub problems: HashMap<&'a str, Vec<usize>>,
    /// Each record's row among its people's hours (see `pages::teachers`), by record, keyed by
    /// the entry's shape and the depth of the page (its `root`'s length). A `tera::Value`:
    /// tera takes one inside page data by its reference count instead of serialising it again.
    pub entry_rows: PerRecord<(crate::credits::EntryShape, usize), tera::Value>,
}

/// What a catalog holds that an edit of what records only show (their title, summary, body…)
/// leaves as it was, but for the edited records' summaries: the live preview keeps it between
/// such edits instead of planning the catalog again (see [`Catalog::revise`]).
pub struct Structure {
    urls: Urls,
    refs: Vec<Option<RecordRef>>,
    stand_ins: HashMap<usize, RecordRef>,
    teachers: Vec<TeacherRef>,
    teacher_links: Vec<Link>,
    by_kind: BTreeMap<Kind, Vec<usize>>,
    by_year: BTreeMap<SchoolYear, Vec<usize>>,
    about_session: HashMap<usize, Vec<usize>>,
    held_for: HashMap<(usize, String), Vec<usize>>,
    plan_of: HashMap<usize, (usize, String)>,
    portfolios: Vec<Portfolio>,
    granted: Grants,
    neighbours: Vec<(Option<usize>, Option<usize>)>,
}

impl Structure {
    /// The URLs alone, for a catalog planned again (they depend only on which files exist).
    pub fn into_urls(self) -> Urls {
        self.urls
    }
}

/// The ledger's entries by the record that granted them: record `i`'s are
/// `index[start[i]..start[i + 1]]`. One flat list rather than one per record: at 50,000 records
/// the ledger has some 900,000 entries, and a list each (of `usize`, grown by doubling) took
/// three times the room.
struct Grants {
    start: Vec<u32>,
    index: Vec<u32>,
}

impl Grants {
    fn new(entries: &[Entry], records: usize) -> Grants {
        let mut start = vec![0u32; records + 1];
        for e in entries {
            start[e.doc + 1] += 1;
        }
        for i in 0..records {
            start[i + 1] += start[i];
        }
        let mut next = start.clone();
        let mut index = vec![0u32; entries.len()];
        for (n, e) in entries.iter().enumerate() {
            index[next[e.doc] as usize] = n as u32;
            next[e.doc] += 1;
        }
        Grants { start, index }
    }

    fn of(&self, i: usize) -> &[u32] {
        &self.index[self.start[i] as usize..self.start[i + 1] as usize]
    }
}

/// Whether a record's text (body, summary, attachments, quoted lines) goes on the site: a
/// private record shows only its metadata unless the build includes private records.
fn shows_text(doc: &Document, include_private: bool) -> bool {
    !doc.private || include_private
}

/// Rendered bodies of some records, by document index.
pub type Bodies = HashMap<usize, Body>;

impl<'a> Catalog<'a> {
    /// The body of record `i` as its pages show it, when the site publishes it.
    pub fn render_body(&self, i: usize) -> Option<Body> {
        let d = self.doc(i);
        (self.record(i).is_some() && self.shows_text(d))
            .then(|| markdown::render(&self.a.archive, &self.urls, d))
    }

    /// The bodies of the given records, rendered in parallel.
    pub fn render_bodies(&self, docs: &[usize]) -> Bodies {
        docs.par_iter()
            .filter_map(|&i| Some((i, self.render_body(i)?)))
            .collect()
    }

    pub fn doc(&self, i: usize) -> &'a Document {
        &self.a.archive.documents[i]
    }

    pub fn record(&self, i: usize) -> Option<&RecordRef> {
        self.refs.get(i)?.as_ref()
    }

    /// The ledger entries record `i` granted.
    pub fn granted(&self, i: usize) -> impl Iterator<Item = &'a Entry> + '_ {
        let entries = &self.a.ledger.entries;
        self.granted
            .of(i)
            .iter()
            .map(move |&n| &entries[n as usize])
    }

    /// The published records of the same kind before and after record `i`, when published.
    pub fn neighbours(&self, i: usize) -> (Option<usize>, Option<usize>) {
        self.neighbours[i]
    }

    /// Summaries of the given records that have pages.
    pub fn records(&self, docs: impl IntoIterator<Item = usize>) -> Vec<&RecordRef> {
        docs.into_iter().filter_map(|i| self.record(i)).collect()
    }

    /// A record as a teacher's or a year's list shows it: its summary when it has a page, a
    /// stand-in (no `url`) when it is a private record left unpublished.
    pub fn listed(&self, i: usize) -> Option<&RecordRef> {
        self.record(i).or_else(|| self.stand_ins.get(&i))
    }

    /// [`Catalog::listed`] of each of the given records.
    pub fn listed_many(&self, docs: impl IntoIterator<Item = usize>) -> Vec<&RecordRef> {
        docs.into_iter().filter_map(|i| self.listed(i)).collect()
    }

    /// The records of one kind in one school year that its lists show: the published ones, then
    /// the private ones left unpublished (see [`Catalog::listed`]), each in date order.
    pub fn listed_of_kind_in(&self, kind: Kind, year: SchoolYear) -> Vec<usize> {
        let mut v = self.of_kind_in(kind, year);
        v.extend(self.kept_private_in(kind, year));
        v
    }

    /// How many private records of `kind` are left unpublished: the lists of published records
    /// say so, where the year's pages and the checklists count them.
    pub fn kept_private_of(&self, kind: Kind) -> usize {
        self.stand_ins
            .keys()
            .filter(|&&i| self.doc(i).kind == Some(kind))
            .count()
    }

    /// The private records left unpublished of one kind in one school year, in date order.
    pub fn kept_private_in(&self, kind: Kind, year: SchoolYear) -> Vec<usize> {
        let mut v: Vec<usize> = self
            .stand_ins
            .keys()
            .copied()
            .filter(|&i| self.doc(i).kind == Some(kind) && self.doc(i).in_year == Some(year))
            .collect();
        v.sort_by_key(|&i| (self.doc(i).date().is_none(), self.doc(i).date(), i));
        v
    }

    /// A record by its archive-relative path, linked when it has a page. A private record
    /// without one is named by its file, which the school can open for an inspector who asks.
    pub fn source_link(&self, path: &str) -> Link {
        let i = self.a.archive.index_of(path);
        match i.and_then(|i| self.listed(i)) {
            Some(r) => Link::new(
                r.title.clone(),
                Some(r.url.clone()).filter(|u| !u.is_empty()),
            ),
            None => Link::new(
                i.map_or(path, |i| self.doc(i).display_title()).to_string(),
                None,
            ),
        }
    }

    /// See [`shows_text`].
    pub fn shows_text(&self, doc: &Document) -> bool {
        shows_text(doc, self.include_private)
    }

    /// Whether the site may quote lines of this file: not of drafts, not of private records
    /// (unless published), not of files that are no record (the roster holds private data),
    /// not of a record whose front matter cannot be read (whether it is private cannot be told).
    pub fn quotable(&self, path: &str) -> bool {
        match self.a.archive.index_of(path) {
            Some(i) => {
                let d = self.doc(i);
                !d.draft && !d.broken && self.shows_text(d)
            }
            None => path == crate::config::CONFIG_FILE,
        }
    }

    pub fn teacher(&self, t: TeacherIdx) -> &TeacherRef {
        &self.teachers[t.0 as usize]
    }

    pub fn teacher_link(&self, t: TeacherIdx) -> Link {
        self.teacher_links[t.0 as usize].clone()
    }

    /// The teacher's page for one school year when the ledger has one (the records of that
    /// year are there), else their portfolio.
    pub fn teacher_year_link(&self, t: TeacherIdx, year: SchoolYear) -> Link {
        // Both in order: the years by school year, a year's teachers by the roster.
        let years = &self.a.ledger.years;
        let has_page = years
            .binary_search_by_key(&year, |y| y.school_year)
            .is_ok_and(|n| {
                years[n]
                    .teachers
                    .binary_search_by_key(&t, |x| x.teacher)
                    .is_ok()
            });
        if !has_page {
            return self.teacher_link(t);
        }
        Link::new(
            self.a.archive.roster.display(t),
            Some(self.urls.teacher_year(t, year)),
        )
    }

    pub fn teacher_links(&self, ts: &[TeacherIdx]) -> Vec<Link> {
        ts.iter().map(|&t| self.teacher_link(t)).collect()
    }

    pub fn years(&self) -> impl DoubleEndedIterator<Item = SchoolYear> + ExactSizeIterator + '_ {
        self.by_year.keys().copied()
    }

    /// Published records of one kind in one school year, in date order.
    pub fn of_kind_in(&self, kind: Kind, year: SchoolYear) -> Vec<usize> {
        self.by_year
            .get(&year)
            .map(|v| {
                v.iter()
                    .copied()
                    .filter(|&i| self.doc(i).kind == Some(kind))
                    .collect()
            })
            .unwrap_or_default()
    }
}
