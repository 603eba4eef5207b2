//! Checking a loaded archive: every problem of every record, then the rules.

pub mod completeness;
pub mod duplicates;
pub mod fields;
pub mod nearest;
pub mod people;
pub mod references;
mod strays;
pub mod years;

use crate::archive::Archive;
use crate::diagnostic::{self, Diagnostic, Severity};
use chrono::NaiveDate;
use completeness::Finding;
use duplicates::Fingerprint;
use people::People;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};

#[derive(Debug, Clone, Copy)]
pub struct CheckOptions {
    /// Dates after this are in the future; periods after it are not judged.
    pub today: NaiveDate,
}

impl CheckOptions {
    /// Today from `YANXIU_TODAY` (YYYY-MM-DD, for reproducible tests and reports), else the clock.
    pub fn from_env() -> CheckOptions {
        let today = std::env::var("YANXIU_TODAY")
            .ok()
            .and_then(|s| crate::dates::parse_date(&s).ok())
            .unwrap_or_else(|| chrono::Local::now().date_naive());
        CheckOptions { today }
    }
}

/// What `check` found: diagnostics (sorted by file and line), the people each record names
/// (indexed like `archive.documents`), and the rules' findings.
#[derive(Debug, PartialEq)]
pub struct Report {
    pub diagnostics: Vec<Diagnostic>,
    pub people: Vec<People>,
    pub findings: Vec<Finding>,
    /// Exact copies of a record (same kind, date, person and body; see
    /// [`duplicates::duplicates`]), by index: copy → the original of the set (not simply the
    /// first by path: a file named like a copy is not the original). A teacher is credited once
    /// for all of them, by the original where it names them.
    pub copies: HashMap<usize, usize>,
}

impl Report {
    pub fn errors(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    pub fn warnings(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count()
    }

    pub fn unmet(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| f.is_unmet())
    }
}

/// What checking each document by itself found, by document index: the first, and most
/// costly, part of [`run`]. The live preview keeps it, to check again after an edit only the
/// documents the edit can have changed.
#[derive(Debug, Clone, Default)]
pub struct DocumentChecks {
    pub people: Vec<People>,
    pub diagnostics: Vec<Vec<Diagnostic>>,
    pub prints: Vec<Fingerprint>,
}

impl DocumentChecks {
    /// Every document checked.
    pub fn all(archive: &Archive, options: &CheckOptions) -> DocumentChecks {
        let plans = references::plans(archive);
        let (people, (diagnostics, prints)) = archive
            .documents
            .par_iter()
            .map(|doc| {
                let (people, diagnostics) = check_document(archive, &plans, options, doc);
                (people, (diagnostics, Fingerprint::of(doc)))
            })
            .unzip();
        DocumentChecks {
            people,
            diagnostics,
            prints,
        }
    }

    /// These checks with the documents `redo` (indices) checked again. A document's checks
    /// depend on itself, the roster, the configuration, `today`, which files exist, and the
    /// contents of the sessions and plans it names: the caller redoes every document when any
    /// of those others changed.
    pub fn redo(&mut self, archive: &Archive, options: &CheckOptions, redo: &[usize]) {
        let plans = references::plans(archive);
        let done: Vec<(usize, (People, Vec<Diagnostic>))> = redo
            .par_iter()
            .map(|&i| {
                let doc = &archive.documents[i];
                (i, check_document(archive, &plans, options, doc))
            })
            .collect();
        for (i, (people, diagnostics)) in done {
            self.people[i] = people;
            self.diagnostics[i] = diagnostics;
            self.prints[i] = Fingerprint::of(&archive.documents[i]);
        }
    }
}

fn check_document(
    archive: &Archive,
    plans: &[&crate::archive::document::Document],
    options: &CheckOptions,
    doc: &crate::archive::document::Document,
) -> (People, Vec<Diagnostic>) {
    let rules = &archive.config.rules;
    if doc.broken {
        // Its front matter is unreadable (reported when loading); the body is still checked,
        // so that mending the YAML brings no second round of surprises.
        let mut diags = Vec::new();
        if let Some(kind) = doc.kind {
            fields::sections(doc, kind, rules, &mut diags);
        }
        references::links(archive, doc, &mut diags);
        return (People::default(), diags);
    }
    let (people, mut diags) = people::resolve(doc, &archive.roster);
    fields::check(doc, rules, options.today, &mut diags);
    references::check(archive, plans, doc, &mut diags);
    (people, diags)
}

pub fn run(archive: &Archive, options: &CheckOptions) -> Report {
    let DocumentChecks {
        people,
        diagnostics,
        prints,
    } = DocumentChecks::all(archive, options);
    finish(
        archive,
        options,
        people,
        &prints,
        diagnostics.into_iter().flatten(),
    )
}

/// The report, from each document's checks: the checks across documents (copies, the rules)
/// added, drafts' problems made warnings, and the diagnostics sorted.
pub fn finish(
    archive: &Archive,
    options: &CheckOptions,
    people: Vec<People>,
    prints: &[Fingerprint],
    per_document: impl IntoIterator<Item = Diagnostic>,
) -> Report {
    let mut diagnostics = archive.diagnostics.clone();
    diagnostics.extend(per_document);
    diagnostics.extend(years::lone_years(archive, options.today));
    diagnostics.extend(strays::strays(archive));
    let copies = duplicates::duplicates(archive, prints, &mut diagnostics);
    // A draft's problems are reported, but as warnings: it is work in progress.
    let drafts: HashSet<&str> = archive
        .documents
        .iter()
        .filter(|d| d.draft)
        .map(|d| d.path.as_str())
        .collect();
    for d in &mut diagnostics {
        if drafts.contains(d.file.as_str()) {
            d.severity = Severity::Warning;
        }
        if d.source_line.is_none()
            && let (Some(line), Some(doc)) = (d.line, archive.document(&d.file))
        {
            d.source_line = doc.source_line(line).map(str::to_string);
        }
    }
    diagnostic::sort(&mut diagnostics);
    let findings = completeness::evaluate(archive, &people, &copies, options.today);
    Report {
        diagnostics,
        people,
        findings,
        copies,
    }
}
