//! What the pages of a site look things up in, computed once per build: each record's page and
//! summary, each teacher's, which records point at which. Bodies are not kept here: a school
//! year's bodies are rendered when its pages are (see `pages::Batch::Year`), so a build never
//! holds every body of the archive at once.

use crate::archive::document::Document;
use crate::check::references::{plan_holding, plans};
use crate::commands::Analysis;
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
}

/// What one teacher wrote, researched and attended, for the 成长记录袋.
#[derive(Debug, Default)]
pub struct Portfolio {
    /// Every research project they lead or join, whatever its year.
    pub research: Vec<usize>,
    pub years: BTreeMap<SchoolYear, YearFolio>,
}

pub struct Catalog<'a> {
    pub a: &'a Analysis,
    pub urls: Urls,
    pub include_private: bool,
    refs: Vec<Option<RecordRef>>,
    teachers: Vec<TeacherRef>,
    /// Each teacher's link, by roster position.
    teacher_links: Vec<Link>,
    /// Published records, in date order (undated last), per kind and per school year.
    pub by_kind: BTreeMap<Kind, Vec<usize>>,
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
    /// Ledger entries (indices) by the record that granted them, by document index.
    granted: Vec<Vec<usize>>,
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
    teachers: Vec<TeacherRef>,
    teacher_links: Vec<Link>,
    by_kind: BTreeMap<Kind, Vec<usize>>,
    by_year: BTreeMap<SchoolYear, Vec<usize>>,
    about_session: HashMap<usize, Vec<usize>>,
    held_for: HashMap<(usize, String), Vec<usize>>,
    plan_of: HashMap<usize, (usize, String)>,
    portfolios: Vec<Portfolio>,
    granted: Vec<Vec<usize>>,
    neighbours: Vec<(Option<usize>, Option<usize>)>,
}

impl Structure {
    /// The URLs alone, for a catalog planned again (they depend only on which files exist).
    pub fn into_urls(self) -> Urls {
        self.urls
    }
}

/// Whether a record's text (body, summary, attachments, quoted lines) goes on the site: a
/// private record shows only its metadata unless the build includes private records.
fn shows_text(doc: &Document, include_private: bool) -> bool {
    !doc.private || include_private
}

fn year_folio(
    portfolios: &mut [Portfolio],
    t: TeacherIdx,
    year: Option<SchoolYear>,
) -> Option<&mut YearFolio> {
    let years = &mut portfolios[t.0 as usize].years;
    let y = year?;
    // Records come in date order, so mostly to the teacher's latest year.
    if years.last_key_value().is_some_and(|(last, _)| *last == y) {
        return years.last_entry().map(|e| e.into_mut());
    }
    Some(years.entry(y).or_default())
}

/// A record's summary for lists and links, when it has a page.
fn record_ref(
    a: &Analysis,
    urls: &Urls,
    include_private: bool,
    i: usize,
    d: &Document,
) -> Option<RecordRef> {
    let roster = &a.archive.roster;
    let url = urls.record(i)?.to_string();
    // As the roster names them: `T09` is written for 王芳(T09), and a list must not show an
    // inspector the bare id.
    let people = &a.report.people[i];
    let person = [
        (&d.author, people.author),
        (&d.speaker, people.speaker),
        (&d.leader, people.leader),
    ]
    .into_iter()
    .find_map(|(written, resolved)| {
        let written = written.as_ref()?;
        Some(match resolved {
            Some(t) => roster.display(t),
            None => written.value.clone(),
        })
    });
    Some(RecordRef {
        url,
        title: d.display_title().to_string(),
        date: date_text(d),
        kind: d.kind.map(Kind::as_str).unwrap_or("other"),
        kind_label: d.kind.map(Kind::label).unwrap_or("其他"),
        form: d.form.as_ref().map(|f| f.value.clone()),
        domain: d.domain.as_ref().map(|f| f.value.clone()),
        // A private record's summary is part of what it keeps to the school.
        summary: d.summary.clone().filter(|_| shows_text(d, include_private)),
        private: d.private,
        person,
        source: d.path.clone(),
    })
}

/// Diagnostics (indices into the report's) by file.
fn problems(a: &Analysis) -> HashMap<&str, Vec<usize>> {
    let mut problems: HashMap<&str, Vec<usize>> = HashMap::new();
    for (n, d) in a.report.diagnostics.iter().enumerate() {
        problems.entry(d.file.as_str()).or_default().push(n);
    }
    problems
}

fn date_text(doc: &Document) -> String {
    match (doc.date(), doc.in_year, doc.year) {
        // Not through chrono's formatter, which parses its format string on every call: a date
        // is written for every record each time the site is planned, the live preview's too.
        (Some(d), _, _) => {
            use chrono::Datelike;
            let mut s = String::with_capacity(10);
            let (y, m, day) = (d.year(), d.month(), d.day());
            if !(0..=9999).contains(&y) {
                return d.format("%Y-%m-%d").to_string();
            }
            for digit in [y / 1000, y / 100 % 10, y / 10 % 10, y % 10] {
                s.push(char::from(b'0' + digit as u8));
            }
            for (sep, n) in [('-', m), ('-', day)] {
                s.push(sep);
                s.push(char::from(b'0' + (n / 10) as u8));
                s.push(char::from(b'0' + (n % 10) as u8));
            }
            s
        }
        (None, Some(y), _) => format!("{y}学年"),
        (None, None, Some(y)) => format!("{y}年度"),
        _ => String::new(),
    }
}

/// Rendered bodies of some records, by document index.
pub type Bodies = HashMap<usize, Body>;

impl<'a> Catalog<'a> {
    pub fn new(a: &'a Analysis, include_private: bool) -> Catalog<'a> {
        Catalog::assemble(a, include_private, Urls::plan(&a.archive))
    }

    /// A catalog from URLs planned earlier: they depend only on which files exist, so an update
    /// that added or removed none keeps them.
    pub fn assemble(a: &'a Analysis, include_private: bool, urls: Urls) -> Catalog<'a> {
        let archive = &a.archive;
        let roster = &archive.roster;
        let teachers: Vec<TeacherRef> = roster
            .indices()
            .map(|t| TeacherRef {
                url: urls.teacher(t),
                name: roster.display(t),
                group: roster.get(t).group.clone(),
            })
            .collect();
        let teacher_links = teachers
            .iter()
            .map(|r| {
                Link::Shared(tera::Value::from_serializable(&Link::new(
                    r.name.clone(),
                    Some(r.url.clone()),
                )))
            })
            .collect();
        let refs: Vec<Option<RecordRef>> = archive
            .documents
            .par_iter()
            .enumerate()
            .map(|(i, d)| record_ref(a, &urls, include_private, i, d))
            .collect();

        // Documents are in path order, so among equals the index orders by path. The keys are
        // gathered first: fetched from the documents at each comparison, they cost more than
        // the comparisons.
        let mut keyed: Vec<_> = (0..archive.documents.len())
            .filter(|&i| refs[i].is_some())
            .map(|i| {
                let d = &archive.documents[i];
                (d.date().is_none(), d.date(), d.in_year, i)
            })
            .collect();
        keyed.sort_unstable();
        let order: Vec<usize> = keyed.into_iter().map(|(.., i)| i).collect();
        let mut by_kind: BTreeMap<Kind, Vec<usize>> = BTreeMap::new();
        let mut by_year: BTreeMap<SchoolYear, Vec<usize>> = BTreeMap::new();
        for &i in &order {
            let d = &archive.documents[i];
            if let Some(k) = d.kind {
                by_kind.entry(k).or_default().push(i);
            }
            if let Some(y) = d.in_year {
                by_year.entry(y).or_default().push(i);
            }
        }

        let mut about_session: HashMap<usize, Vec<usize>> = HashMap::new();
        for &i in &order {
            let d = &archive.documents[i];
            let Some(s) = &d.session else { continue };
            if let crate::archive::Target::Found(rel) = archive.resolve(d, &s.value)
                && let Some(target) = archive.index_of(&rel)
            {
                about_session.entry(target).or_default().push(i);
            }
        }

        let all_plans = plans(archive);
        let plan_index: HashMap<&str, usize> = all_plans
            .iter()
            .filter_map(|p| archive.index_of(&p.path).map(|i| (p.path.as_str(), i)))
            .collect();
        let mut held_for: HashMap<(usize, String), Vec<usize>> = HashMap::new();
        let mut plan_of = HashMap::new();
        for &i in &order {
            let d = &archive.documents[i];
            // A plan naming its own item says nothing about carrying it out.
            let Some(item) = d.plan_item.as_ref().filter(|_| d.kind != Some(Kind::Plan)) else {
                continue;
            };
            let wanted = item.value.trim();
            if let Some(p) = plan_holding(&all_plans, d, wanted) {
                let pi = plan_index[p.path.as_str()];
                held_for
                    .entry((pi, wanted.to_string()))
                    .or_default()
                    .push(i);
                plan_of.insert(i, (pi, wanted.to_string()));
            }
        }

        // One pass in date order, so every list comes out sorted.
        let mut portfolios: Vec<Portfolio> =
            roster.indices().map(|_| Portfolio::default()).collect();
        for &i in &order {
            let d = &archive.documents[i];
            let p = &a.report.people[i];
            if let Some(t) = p.author
                && let Some(y) = year_folio(&mut portfolios, t, d.in_year)
            {
                y.authored.push(i);
            }
            if d.kind == Some(Kind::Observation)
                && let Some(t) = p.teacher
                && let Some(y) = year_folio(&mut portfolios, t, d.in_year)
            {
                y.observed.push(i);
            }
            if d.kind == Some(Kind::Research) {
                for t in p.owners(Kind::Research) {
                    if let Some(y) = year_folio(&mut portfolios, t, d.in_year) {
                        y.research.push(i);
                    }
                    portfolios[t.0 as usize].research.push(i);
                }
            }
            if let Some(att) = &p.attendance {
                for &t in &att.present {
                    if let Some(y) = year_folio(&mut portfolios, t, d.in_year) {
                        y.attended.push(i);
                    }
                }
                for &t in &att.absent {
                    if let Some(y) = year_folio(&mut portfolios, t, d.in_year) {
                        y.absent.push(i);
                    }
                }
                for &t in &att.leave {
                    if let Some(y) = year_folio(&mut portfolios, t, d.in_year) {
                        y.leave.push(i);
                    }
                }
            }
        }

        let mut granted: Vec<Vec<usize>> = vec![Vec::new(); archive.documents.len()];
        for (n, e) in a.ledger.entries.iter().enumerate() {
            granted[e.doc].push(n);
        }
        let mut neighbours = vec![(None, None); archive.documents.len()];
        for list in by_kind.values() {
            for (n, &i) in list.iter().enumerate() {
                let prev = n.checked_sub(1).map(|p| list[p]);
                neighbours[i] = (prev, list.get(n + 1).copied());
            }
        }
        let problems = problems(a);

        Catalog {
            a,
            portfolios,
            granted,
            neighbours,
            problems,
            urls,
            include_private,
            refs,
            teachers,
            teacher_links,
            by_kind,
            by_year,
            about_session,
            held_for,
            plan_of,
            entry_rows: PerRecord::new(archive.documents.len()),
        }
    }

    /// A catalog from one planned for an analysis that differed from `a` only in what the
    /// records `edited` show (see [`Structure`]): their summaries are made again, the rest kept.
    pub fn revise(
        a: &'a Analysis,
        include_private: bool,
        s: Structure,
        edited: &[usize],
    ) -> Catalog<'a> {
        let mut refs = s.refs;
        for &i in edited {
            refs[i] = record_ref(a, &s.urls, include_private, i, &a.archive.documents[i]);
        }
        Catalog {
            a,
            problems: problems(a),
            urls: s.urls,
            include_private,
            refs,
            teachers: s.teachers,
            teacher_links: s.teacher_links,
            by_kind: s.by_kind,
            by_year: s.by_year,
            about_session: s.about_session,
            held_for: s.held_for,
            plan_of: s.plan_of,
            portfolios: s.portfolios,
            granted: s.granted,
            neighbours: s.neighbours,
            entry_rows: PerRecord::new(a.archive.documents.len()),
        }
    }

    /// What [`Catalog::assemble`] and [`Catalog::revise`] can take again.
    pub fn into_structure(self) -> Structure {
        Structure {
            urls: self.urls,
            refs: self.refs,
            teachers: self.teachers,
            teacher_links: self.teacher_links,
            by_kind: self.by_kind,
            by_year: self.by_year,
            about_session: self.about_session,
            held_for: self.held_for,
            plan_of: self.plan_of,
            portfolios: self.portfolios,
            granted: self.granted,
            neighbours: self.neighbours,
        }
    }

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

    /// The ledger entries (indices) record `i` granted.
    pub fn granted(&self, i: usize) -> &[usize] {
        &self.granted[i]
    }

    /// The published records of the same kind before and after record `i`, when published.
    pub fn neighbours(&self, i: usize) -> (Option<usize>, Option<usize>) {
        self.neighbours[i]
    }

    /// Summaries of the given records that have pages.
    pub fn records(&self, docs: impl IntoIterator<Item = usize>) -> Vec<&RecordRef> {
        docs.into_iter().filter_map(|i| self.record(i)).collect()
    }

    /// A record by its archive-relative path, linked when it has a page.
    pub fn source_link(&self, path: &str) -> Link {
        let i = self.a.archive.index_of(path);
        Link::new(
            i.map(|i| self.doc(i).display_title().to_string())
                .unwrap_or_else(|| path.to_string()),
            i.and_then(|i| self.record(i)).map(|r| r.url.clone()),
        )
    }

    /// See [`shows_text`].
    pub fn shows_text(&self, doc: &Document) -> bool {
        shows_text(doc, self.include_private)
    }

    /// Whether the site may quote lines of this file: not of drafts, not of private records
    /// (unless published), not of files that are no record (the roster holds private data).
    pub fn quotable(&self, path: &str) -> bool {
        match self.a.archive.index_of(path) {
            Some(i) => {
                let d = self.doc(i);
                !d.draft && self.shows_text(d)
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

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    #[test]
    fn a_date_is_written_as_chrono_writes_it() {
        let mut doc = crate::archive::document::Document::default();
        for (y, m, d) in [
            (2024, 3, 5),
            (1999, 12, 31),
            (205, 1, 9),
            (10000, 6, 30),
            (-1, 2, 3),
        ] {
            let date = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            doc.date = Some(crate::archive::document::Spanned::new(date, None));
            assert_eq!(super::date_text(&doc), date.format("%Y-%m-%d").to_string());
        }
    }
}
