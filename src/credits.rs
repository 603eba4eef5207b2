//! The credit ledger (学时/学分): one entry per (teacher, record), so that every total can be
//! traced to the records that granted it.

use crate::archive::Archive;
use crate::archive::document::{Hours, Spanned};
use crate::check::Report;
use crate::dates::{SchoolYear, Semester};
use crate::diagnostic::Code;
use crate::kind::Kind;
use crate::roster::{Midway, OffStaff, TeacherIdx};
use chrono::NaiveDate;
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap};
use std::ops::Range;
use std::sync::Arc;

/// Why a teacher was granted hours by a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    /// Present at a session.
    Attended,
    /// The session's speaker (主讲人), a roster teacher counted present: the same hours as
    /// an attendee, shown as what they did.
    Spoke,
    /// Author of a reflection, observation, plan or summary credited by `rules.credit`.
    Authored,
    /// Leader or member of a research project credited by `rules.credit`.
    Research,
}

impl Basis {
    /// What the teacher did, as the ledger rows and `credits-entries.csv` say it (依据).
    pub fn label(self) -> &'static str {
        match self {
            Basis::Attended => "出席",
            Basis::Spoke => "主讲",
            Basis::Authored => "撰写",
            Basis::Research => "课题",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub teacher: TeacherIdx,
    /// Index into `archive.documents`.
    pub doc: usize,
    pub kind: Kind,
    pub hours: Hours,
    pub school_year: SchoolYear,
    pub semester: Option<Semester>,
    pub basis: Basis,
}

/// What an entry's row shows besides its record: entries of one record with the same shape
/// show the same row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EntryShape {
    pub kind: Kind,
    pub hours: Hours,
    pub semester: Option<Semester>,
    pub basis: Basis,
}

impl Entry {
    pub fn shape(&self) -> EntryShape {
        EntryShape {
            kind: self.kind,
            hours: self.hours,
            semester: self.semester,
            basis: self.basis,
        }
    }
}

/// Hours per 领域 or per 形式, in the order of their names. A sorted vector with shared names,
/// not a map of copied strings: a large archive has a teacher-year for every teacher in every
/// school year, each with a handful of these.
pub type Totals = Vec<(Arc<str>, Hours)>;

/// The one copy in `names` of a 领域 or 形式 name.
fn share<'d>(
    names: &mut HashMap<&'d str, Arc<str>>,
    v: &'d Option<Spanned<String>>,
) -> Option<Arc<str>> {
    v.as_ref().map(|v| {
        names
            .entry(v.value.as_str())
            .or_insert_with(|| v.value.as_str().into())
            .clone()
    })
}

/// Where by_domain and by_form total the hours of a record that gives no 领域 or 形式.
const UNFILLED: &str = "未填写";

fn add_to(totals: &mut Totals, name: &Arc<str>, hours: Hours) {
    match totals.binary_search_by(|(k, _)| (**k).cmp(name)) {
        Ok(n) => totals[n].1 += hours,
        Err(n) => totals.insert(n, (name.clone(), hours)),
    }
}

/// One teacher's totals in one school year.
#[derive(Debug, Clone, PartialEq)]
pub struct TeacherYear {
    pub teacher: TeacherIdx,
    pub hours: Hours,
    /// Hours per semester, in [`Semester::BOTH`] order (see [`TeacherYear::semester_hours`]).
    pub by_semester: [Hours; 2],
    pub by_domain: Totals,
    pub by_form: Totals,
    /// `None` when not judged: the teacher served only part of the year.
    pub meets_minimum: Option<bool>,
    pub partial_year: bool,
    /// Whether they joined, left or both within the year; `Some` exactly when `partial_year`.
    pub midway: Option<Midway>,
    /// Per semester (in [`Semester::BOTH`] order), why the teacher was on staff on no day of it,
    /// if so: such a semester has no hours to count, which is not the same as zero hours. The
    /// one place pages, the terminal and the downloads learn it from.
    pub off_staff: [Option<OffStaff>; 2],
    /// Where the teacher's entries of the year lie in `Ledger::entries` (see
    /// [`Ledger::entries_of`]): entries are sorted by year, teacher and date, so a teacher's
    /// year is one run of them. A range, not a list of indices: at 50,000 records a ledger
    /// has some 60,000 teacher-years and 900,000 entries.
    pub entries: Range<usize>,
}

impl TeacherYear {
    /// The hours of one semester.
    pub fn semester_hours(&self, s: Semester) -> Hours {
        self.by_semester[s as usize]
    }

    /// Why the teacher was on staff on no day of the semester, if so.
    pub fn off_staff(&self, s: Semester) -> Option<OffStaff> {
        self.off_staff[s as usize]
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct YearLedger {
    pub school_year: SchoolYear,
    /// The year has not ended yet (today falls within it).
    pub in_progress: bool,
    /// Every teacher active at any time in the year, in roster order.
    pub teachers: Vec<TeacherYear>,
}

/// Sessions a teacher was expected at, and how each went.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TeacherAttendance {
    pub attended: Vec<usize>,
    pub absent: Vec<usize>,
    pub leave: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Ledger {
    pub min_hours: Hours,
    pub hours_per_credit: Option<f64>,
    pub entries: Vec<Entry>,
    pub years: Vec<YearLedger>,
}

impl Ledger {
    pub fn compute(archive: &Archive, report: &Report, today: NaiveDate) -> Ledger {
        let rules = &archive.config.rules;
        let mut entries = Vec::new();
        // Teachers credited by each set of exact copies, keyed by its original: a record
        // filed twice grants a teacher its hours once. The original is credited in full (so
        // records come before their copies here; entries are sorted below); a copy still
        // grants whoever the original did not (a session copied for a second group).
        let mut credited_by: HashMap<usize, Vec<TeacherIdx>> = HashMap::new();
        let firsts: BTreeSet<usize> = report.copies.values().copied().collect();
        let n = archive.documents.len();
        let order = (0..n)
            .filter(|i| !report.copies.contains_key(i))
            .chain((0..n).filter(|i| report.copies.contains_key(i)));
        for i in order {
            let doc = &archive.documents[i];
            let (Some(kind), Some(year), true) =
                (doc.kind, doc.in_year, doc.counts() && !doc.unwritten())
            else {
                continue;
            };
            let people = &report.people[i];
            let set = report
                .copies
                .get(&i)
                .copied()
                .or(firsts.contains(&i).then_some(i));
            let mut grant = |teacher, hours, basis| {
                if let Some(first) = set {
                    let done = credited_by.entry(first).or_default();
                    if done.contains(&teacher) {
                        return;
                    }
                    done.push(teacher);
                }
                entries.push(Entry {
                    teacher,
                    doc: i,
                    kind,
                    hours,
                    school_year: year,
                    semester: doc.in_semester,
                    basis,
                })
            };
            if kind == Kind::Session {
                if let (Some(hours), Some(att)) = (doc.hours, &people.attendance) {
                    for &t in &att.present {
                        let basis = if people.speaker == Some(t) {
                            Basis::Spoke
                        } else {
                            Basis::Attended
                        };
                        grant(t, hours, basis);
                    }
                }
                continue;
            }
            let Some(hours) = rules.credit.get(&kind).and_then(|&h| Hours::from_f64(h)) else {
                continue;
            };
            let basis = if kind == Kind::Research {
                Basis::Research
            } else {
                Basis::Authored
            };
            for t in people.owners(kind) {
                grant(t, hours, basis);
            }
        }
        // By school year, teacher, date and path. Documents are in path order, so a document's
        // place in (date, index) order stands for its date and path, and the sort compares
        // numbers without visiting the documents; a (teacher, document) pair is one entry, so
        // no two keys tie.
        let docs = &archive.documents;
        let mut by_date: Vec<usize> = (0..docs.len()).collect();
        by_date.sort_by_key(|&i| (docs[i].date(), i));
        let mut rank = vec![0u32; docs.len()];
        for (r, &i) in by_date.iter().enumerate() {
            rank[i] = r as u32;
        }
        entries.par_sort_unstable_by_key(|e| (e.school_year, e.teacher, rank[e.doc]));
        // Grown by doubling, and kept for the whole build.
        entries.shrink_to_fit();

        let min_hours = Hours::from_f64(rules.annual_min_hours)
            .unwrap_or(Hours((rules.annual_min_hours * 2.0).round() as u32));
        // One copy of each 领域 and 形式 name for every teacher-year that counts hours under it,
        // found once per document rather than once per entry.
        let mut names: HashMap<&str, Arc<str>> = HashMap::new();
        // Hours of a record without a 领域 or 形式 are totalled under 未填写 (a research
        // project, which has no 形式, under its kind): by_domain and by_form each add up to
        // the year's hours, as an inspector reconciling them expects.
        let unfilled: Arc<str> = Arc::from(UNFILLED);
        let domain_form: Vec<[Arc<str>; 2]> = docs
            .iter()
            .map(|d| {
                let domain = share(&mut names, &d.domain).unwrap_or_else(|| unfilled.clone());
                // Sessions, reflections and observations have a 形式 (DESIGN §2); a research
                // project none to leave out, so its hours go under its kind.
                let form = share(&mut names, &d.form).unwrap_or_else(|| match d.kind {
                    Some(k @ (Kind::Research | Kind::Plan | Kind::Summary)) => names
                        .entry(k.label())
                        .or_insert_with(|| k.label().into())
                        .clone(),
                    _ => unfilled.clone(),
                });
                [domain, form]
            })
            .collect();
        let years: Vec<YearLedger> = school_years(archive, today)
            .into_par_iter()
            .map(|year| {
                let (first, last) = archive.config.calendar.year_bounds(year);
                let mut teachers: Vec<TeacherYear> = archive
                    .roster
                    .indices()
                    .filter(|&t| archive.roster.get(t).active_during(first, last))
                    .map(|t| {
                        let who = archive.roster.get(t);
                        let midway = who.midway(first, last);
                        // Only a teacher who joined or left within the year can miss a
                        // semester, so the others skip the calendar.
                        let off_staff = Semester::BOTH.map(|s| {
                            midway.and_then(|_| {
                                let (a, b) = archive.config.calendar.semester_bounds(year, s);
                                who.off_staff(a, b)
                            })
                        });
                        TeacherYear {
                            teacher: t,
                            hours: Hours(0),
                            by_semester: [Hours(0); 2],
                            by_domain: Totals::new(),
                            by_form: Totals::new(),
                            meets_minimum: None,
                            partial_year: midway.is_some(),
                            midway,
                            off_staff,
                            entries: 0..0,
                        }
                    })
                    .collect();
                // The teacher's place in `teachers`, by roster position.
                let mut slot: Vec<Option<usize>> = vec![None; archive.roster.len()];
                for (i, t) in teachers.iter().enumerate() {
                    slot[t.teacher.0 as usize] = Some(i);
                }
                let from = entries.partition_point(|e| e.school_year < year);
                let to = entries.partition_point(|e| e.school_year <= year);
                let mut start = from;
                while start < to {
                    let teacher = entries[start].teacher;
                    let end = start + entries[start..to].partition_point(|e| e.teacher == teacher);
                    // Resolution never credits a teacher on a day they were not serving, so every
                    // entry's teacher is active in its year; skip rather than panic if not.
                    if let Some(si) = slot[teacher.0 as usize] {
                        let ty = &mut teachers[si];
                        ty.entries = start..end;
                        for e in &entries[start..end] {
                            ty.hours += e.hours;
                            if let Some(s) = e.semester {
                                ty.by_semester[s as usize] += e.hours;
                            }
                            let [domain, form] = &domain_form[e.doc];
                            add_to(&mut ty.by_domain, domain, e.hours);
                            add_to(&mut ty.by_form, form, e.hours);
                        }
                        // Held until the site is written, one pair per teacher-year.
                        ty.by_domain.shrink_to_fit();
                        ty.by_form.shrink_to_fit();
                    }
                    start = end;
                }
                for t in &mut teachers {
                    t.meets_minimum = (!t.partial_year).then_some(t.hours >= min_hours);
                }
                YearLedger {
                    school_year: year,
                    in_progress: today <= last,
                    teachers,
                }
            })
            .collect();
        Ledger {
            min_hours,
            hours_per_credit: rules.hours_per_credit,
            entries,
            years,
        }
    }

    /// 学分 for a number of 学时, when the rules convert them.
    pub fn credits(&self, hours: Hours) -> Option<f64> {
        self.hours_per_credit
            .map(|per| ((hours.as_f64() / per) * 100.0).round() / 100.0)
    }

    /// A teacher-year's entries, in date order.
    pub fn entries_of(&self, t: &TeacherYear) -> &[Entry] {
        &self.entries[t.entries.clone()]
    }

    pub fn year(&self, year: SchoolYear) -> Option<&YearLedger> {
        self.years.iter().find(|y| y.school_year == year)
    }

    /// Every counted session (drafts left out) a teacher was expected at, with how it went.
    pub fn attendance(
        archive: &Archive,
        report: &Report,
        teacher: TeacherIdx,
    ) -> TeacherAttendance {
        let mut a = TeacherAttendance::default();
        for (i, p) in report.people.iter().enumerate() {
            let Some(att) = &p.attendance else { continue };
            if !archive.documents[i].counts() {
                continue;
            }
            if att.present.contains(&teacher) {
                a.attended.push(i);
            } else if att.absent.contains(&teacher) {
                a.absent.push(i);
            } else if att.leave.contains(&teacher) {
                a.leave.push(i);
            }
        }
        a
    }
}

/// A record that should count for hours but has errors that kept some or all of them out of
/// the ledger (`学时: 两小时`, a name not in the roster). Shown beside every table of figures,
/// so that a total short of these hours is never taken for complete.
#[derive(Debug, Clone, PartialEq)]
pub struct Uncounted {
    /// Index into `archive.documents`.
    pub doc: usize,
    /// Its first error: where to look and what is wrong.
    pub line: Option<u32>,
    pub code: Code,
    pub message: String,
    pub errors: usize,
    pub how: Miscount,
}

/// How a record's errors made its hours wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Miscount {
    /// None of its teachers was credited.
    Whole,
    /// Some were; a name that is not one teacher left someone out.
    Partly,
    /// Its teachers were credited, but someone written absent or on leave could not be told,
    /// and was counted present: hours may be too many.
    Doubtful,
}

impl Ledger {
    /// Records of the given school years (and records whose year cannot be told) that would
    /// grant hours but whose errors kept them out, or may have granted too many, in path order. A record that granted its
    /// hours despite an error elsewhere (a form not in the list, a missing attachment) is not
    /// one of them: its figures are whole.
    pub fn uncounted(
        &self,
        archive: &Archive,
        report: &Report,
        years: &[SchoolYear],
    ) -> Vec<Uncounted> {
        use crate::diagnostic::Code;
        let mut errors: HashMap<&str, Vec<&crate::diagnostic::Diagnostic>> = HashMap::new();
        for d in report.diagnostics.iter().filter(|d| d.is_error()) {
            errors.entry(d.file.as_str()).or_default().push(d);
        }
        let mut credited = vec![false; archive.documents.len()];
        for e in &self.entries {
            credited[e.doc] = true;
        }
        let rules = &archive.config.rules;
        let mut out = Vec::new();
        for (i, doc) in archive.documents.iter().enumerate() {
            let Some(errs) = errors.get(doc.path.as_str()) else {
                continue;
            };
            // A record whose kind cannot be told may be a session.
            let earns = match doc.kind {
                None | Some(Kind::Session) => true,
                Some(k) => rules.credit.get(&k).is_some_and(|&h| h > 0.0),
            };
            if doc.draft || !earns || doc.in_year.is_some_and(|y| !years.contains(&y)) {
                continue;
            }
            // Credited: a name that is not one teacher left someone out, or an absentee who
            // cannot be told was counted present.
            let how = if !credited[i] {
                Miscount::Whole
            } else if errs
                .iter()
                .any(|d| matches!(d.code, Code::UnknownPerson | Code::AmbiguousName))
            {
                Miscount::Partly
            } else if errs.iter().any(|d| d.code == Code::UnknownAbsentee) {
                Miscount::Doubtful
            } else {
                continue;
            };
            // The error that made the hours wrong where it can be told, else the first.
            let first = errs
                .iter()
                .filter(|d| match how {
                    Miscount::Whole => true,
                    Miscount::Partly => {
                        matches!(d.code, Code::UnknownPerson | Code::AmbiguousName)
                    }
                    Miscount::Doubtful => d.code == Code::UnknownAbsentee,
                })
                .min_by_key(|d| d.line.unwrap_or(0))
                .expect("a record listed here has an error");
            out.push(Uncounted {
                doc: i,
                line: first.line,
                code: first.code,
                message: first.message.clone(),
                errors: errs.len(),
                how,
            });
        }
        out
    }
}

/// School years from the first record's to the last's, leaving out years not yet begun.
///
/// The years between are filled in (a year with no record is a year of gaps), but only between
/// years that have a record filed in them: a record counted in another year than its folder
/// (Y117, most often a typed year, 2015 for 2025) brings in its own year (Y118 says so), not
/// every year from there to the archive's.
pub fn school_years(archive: &Archive, today: NaiveDate) -> Vec<SchoolYear> {
    let counted = || archive.documents.iter().filter(|d| d.counts_by(today));
    // Filed in the year it counts in (or in no year folder); a 学年 written to say otherwise
    // (学年: 2015-2016 in 2025-2026/) brings in its own year alone, as a misdated record does.
    let filed: BTreeSet<SchoolYear> = counted()
        .filter(|d| !d.counted_elsewhere())
        .filter_map(|d| d.in_year)
        .collect();
    let mut years: BTreeSet<SchoolYear> = counted().filter_map(|d| d.in_year).collect();
    if let (Some(a), Some(b)) = (filed.first(), filed.last()) {
        years.extend((a.0..=b.0).map(SchoolYear));
    }
    years
        .into_iter()
        .filter(|&y| archive.config.calendar.year_bounds(y).0 <= today)
        .collect()
}
