//! Planning a catalog: each record's summary, the lists by kind and by year, which records
//! point at which, and each teacher's portfolio, in one pass over the records in date order.

use super::{
    Catalog, Grants, Link, Portfolio, RecordRef, Structure, TeacherRef, YearFolio, shows_text,
};
use crate::archive::document::{Document, PRIVATE_TITLE};
use crate::check::references::{plan_holding, plans};
use crate::commands::Analysis;
use crate::dates::{Period, SchoolYear};
use crate::kind::Kind;
use crate::per_record::PerRecord;
use crate::roster::TeacherIdx;
use crate::site::urls::Urls;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};

impl<'a> Catalog<'a> {
    pub fn new(a: &'a Analysis, include_private: bool) -> Catalog<'a> {
        Catalog::assemble(a, include_private, Urls::plan(&a.archive, include_private))
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
        // The private records left unpublished are in a teacher's portfolio too (their pages
        // count them and name their files), though in no list.
        let kept_private = |d: &Document| d.counts() && !d.published(include_private);
        let mut keyed: Vec<_> = (0..archive.documents.len())
            .filter(|&i| refs[i].is_some() || kept_private(&archive.documents[i]))
            .map(|i| {
                let d = &archive.documents[i];
                (d.date().is_none(), d.date(), d.in_year, i)
            })
            .collect();
        keyed.sort_unstable();
        let folio_order: Vec<usize> = keyed.into_iter().map(|(.., i)| i).collect();
        let stand_ins: HashMap<usize, RecordRef> = folio_order
            .iter()
            .filter(|&&i| refs[i].is_none())
            .map(|&i| (i, stand_in(a, i, &archive.documents[i])))
            .collect();
        let order: Vec<usize> = folio_order
            .iter()
            .copied()
            .filter(|&i| refs[i].is_some())
            .collect();
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
        // A year whose records are all private still has its page: its checklist and hours
        // count them, and other pages link to it.
        for &i in stand_ins.keys() {
            if let Some(y) = archive.documents[i].in_year {
                by_year.entry(y).or_default();
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
        // A private record carries out its plan item too (DESIGN §2: counted in the checks).
        let mut held_for: HashMap<(usize, String), Vec<usize>> = HashMap::new();
        let mut plan_of = HashMap::new();
        for &i in &folio_order {
            let d = &archive.documents[i];
            // A plan may name an item too: its own 制订计划 is carried out by its being written
            // (else the plan page shows it 未关联 to an inspector).
            let Some(item) = &d.plan_item else {
                continue;
            };
            let wanted = item.value.trim();
            if let Some(pi) =
                plan_holding(&all_plans, d, wanted).and_then(|p| archive.index_of(&p.path))
            {
                held_for
                    .entry((pi, wanted.to_string()))
                    .or_default()
                    .push(i);
                // A plan's page does not point to itself as the plan it carries out.
                if pi != i {
                    plan_of.insert(i, (pi, wanted.to_string()));
                }
            }
        }

        // One pass in date order, so every list comes out sorted.
        let mut portfolios: Vec<Portfolio> =
            roster.indices().map(|_| Portfolio::default()).collect();
        for &i in &folio_order {
            let d = &archive.documents[i];
            let p = &a.report.people[i];
            // Nothing written yet (Y119): counted nowhere, so not in a teacher's counts either.
            if d.unwritten() {
                continue;
            }
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
        // Each teacher's own rules of the year (its semesters' too), in the report's order.
        for (n, f) in a.report.findings.iter().enumerate() {
            let year = match f.period {
                Period::SchoolYear(y) | Period::Semester(y, _) => y,
                Period::CalendarYear(_) => continue,
            };
            if let Some((t, _)) = &f.teacher
                && let Some(y) = year_folio(&mut portfolios, *t, Some(year))
            {
                y.findings.push(n);
            }
        }

        for p in &mut portfolios {
            p.years.shrink_to_fit();
        }
        let granted = Grants::new(&a.ledger.entries, archive.documents.len());
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
            stand_ins,
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
        let mut stand_ins = s.stand_ins;
        for &i in edited {
            let d = &a.archive.documents[i];
            refs[i] = record_ref(a, &s.urls, include_private, i, d);
            if let Some(r) = stand_ins.get_mut(&i) {
                *r = stand_in(a, i, d);
            }
        }
        Catalog {
            a,
            problems: problems(a),
            urls: s.urls,
            include_private,
            refs,
            stand_ins,
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
            stand_ins: self.stand_ins,
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
}

fn year_folio(
    portfolios: &mut [Portfolio],
    t: TeacherIdx,
    year: Option<SchoolYear>,
) -> Option<&mut YearFolio> {
    Some(portfolios[t.0 as usize].years.entry(year?))
}

/// What lists show for a private record left unpublished: its date, kind and person, and its
/// file in place of its title.
fn stand_in(a: &Analysis, i: usize, d: &Document) -> RecordRef {
    let people = &a.report.people[i];
    RecordRef {
        url: String::new(),
        title: format!("{PRIVATE_TITLE}：{}", d.path),
        date: date_text(d),
        kind: d.kind.map(Kind::as_str).unwrap_or("other"),
        kind_label: d.kind.map(Kind::label).unwrap_or("其他"),
        form: None,
        domain: None,
        summary: None,
        private: true,
        person: [people.author, people.speaker, people.leader]
            .into_iter()
            .flatten()
            .next()
            .map(|t| a.archive.roster.display(t)),
        source: d.path.clone(),
    }
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

pub(in crate::site) fn date_text(doc: &Document) -> String {
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
