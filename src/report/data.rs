//! The data files an inspector downloads (DESIGN §6): credits as JSON and CSV (the XLSX is
//! in [`super::xlsx`]), completeness and diagnostics as JSON.

use crate::archive::Archive;
use crate::archive::document::Hours;
use crate::check::completeness::{Finding, Status};
use crate::credits::{Ledger, TeacherYear, YearLedger};
use crate::dates::{Period, Semester};
use crate::per_record::PerRecord;
use crate::roster::{Midway, OffStaff, Roster};
use serde::Serialize;
use serde_json::value::RawValue;
use std::collections::BTreeMap;
use std::io::Write;
use std::sync::Arc;

#[derive(Serialize)]
struct CreditsFile<'a> {
    school: &'a str,
    annual_min_hours: f64,
    hours_per_credit: Option<f64>,
    years: Lazy<'a, YearOut<'a>>,
}

#[derive(Serialize)]
struct YearOut<'a> {
    school_year: String,
    in_progress: bool,
    teachers: Lazy<'a, TeacherOut<'a>>,
}

/// A list made one item at a time as it is written: the whole file (hundreds of megabytes for
/// a large archive) is never held in memory.
struct Lazy<'a, T>(Box<dyn Fn() -> Box<dyn Iterator<Item = T> + 'a> + 'a>);

impl<T: Serialize> Serialize for Lazy<'_, T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq((self.0)())
    }
}

#[derive(Serialize)]
struct TeacherOut<'a> {
    name: &'a str,
    id: Option<&'a str>,
    group: Option<&'a str>,
    hours: f64,
    credits: Option<f64>,
    by_semester: BTreeMap<&'static str, f64>,
    by_domain: BTreeMap<&'a str, f64>,
    by_form: BTreeMap<&'a str, f64>,
    meets_minimum: Option<bool>,
    partial_year: bool,
    /// Extra fields, so that a program can tell a semester off staff from one of zero hours:
    /// the roster's dates (`null` when not given), whether the teacher joined, left or both
    /// within the year (`null` when they served all of it), and each semester they were on
    /// staff on no day of, with why (`{"第一学期": "未入职"}`; `{}` when none). Such a
    /// semester's `by_semester` figure is 0, as the contract keeps both keys.
    joined: Option<String>,
    left: Option<String>,
    midway: Option<Midway>,
    off_staff: BTreeMap<&'static str, &'static str>,
    entries: Vec<Arc<RawValue>>,
}

#[derive(Serialize)]
struct EntryOut<'a> {
    source: &'a str,
    kind: crate::kind::Kind,
    hours: f64,
    date: Option<String>,
    title: &'a str,
}

/// Each record's entry as JSON, written once and copied for every teacher it credits; keyed by
/// what an entry holds besides its record (its kind and hours, alike for all of a record's
/// entries as the ledger grants them today).
type SharedEntries = PerRecord<(crate::kind::Kind, Hours), Arc<RawValue>>;

fn entry_out<'a>(
    archive: &'a Archive,
    e: &crate::credits::Entry,
    include_private: bool,
) -> EntryOut<'a> {
    let doc = &archive.documents[e.doc];
    EntryOut {
        source: &doc.path,
        kind: e.kind,
        hours: e.hours.as_f64(),
        date: doc.date().map(|d| d.to_string()),
        title: doc.public_title(include_private),
    }
}

fn teacher_out<'a>(
    archive: &'a Archive,
    ledger: &'a Ledger,
    shared: &'a SharedEntries,
    t: &'a TeacherYear,
    include_private: bool,
) -> TeacherOut<'a> {
    let teacher = archive.roster.get(t.teacher);
    TeacherOut {
        name: &teacher.name,
        id: teacher.id.as_deref(),
        group: teacher.group.as_deref(),
        hours: t.hours.as_f64(),
        credits: ledger.credits(t.hours),
        by_semester: Semester::BOTH
            .iter()
            .map(|&s| (s.label(), t.semester_hours(s).as_f64()))
            .collect(),
        by_domain: t
            .by_domain
            .iter()
            .map(|(d, h)| (&**d, h.as_f64()))
            .collect(),
        by_form: t.by_form.iter().map(|(f, h)| (&**f, h.as_f64())).collect(),
        meets_minimum: t.meets_minimum,
        partial_year: t.partial_year,
        joined: teacher.joined.map(|d| d.to_string()),
        left: teacher.left.map(|d| d.to_string()),
        midway: t.midway,
        off_staff: Semester::BOTH
            .into_iter()
            .filter_map(|s| t.off_staff(s).map(|o| (s.label(), o.label())))
            .collect(),
        entries: ledger
            .entries_of(t)
            .iter()
            .map(|e| {
                shared
                    .get(e.doc, (e.kind, e.hours), || {
                        serde_json::value::to_raw_value(&entry_out(archive, e, include_private))
                            .map(Arc::from)
                    })
                    .expect("an entry serialises")
            })
            .collect(),
    }
}

/// `credits.json`, in exactly the contract's shape (extra fields: `in_progress`; a teacher's
/// `joined`, `left`, `midway` and `off_staff`; entry `date`/`title`). Without `include_private`,
/// a private record's title is not given (see [`crate::archive::document::Document::public_title`]).
pub fn write_credits_json(
    w: &mut dyn Write,
    archive: &Archive,
    ledger: &Ledger,
    years: &[&YearLedger],
    include_private: bool,
) -> std::io::Result<()> {
    let shared = &SharedEntries::new(archive.documents.len());
    let file = CreditsFile {
        school: &archive.config.school,
        annual_min_hours: ledger.min_hours.as_f64(),
        hours_per_credit: ledger.hours_per_credit,
        years: Lazy(Box::new(move || {
            Box::new(years.iter().map(move |y| YearOut {
                school_year: y.school_year.to_string(),
                in_progress: y.in_progress,
                teachers: Lazy(Box::new(move || {
                    Box::new(
                        y.teachers
                            .iter()
                            .map(move |t| teacher_out(archive, ledger, shared, t, include_private)),
                    )
                })),
            }))
        })),
    };
    // Compact, like completeness.json: these are for programs (people have the XLSX and the
    // CSV), and indenting made a large archive's file twice as long.
    serde_json::to_writer(&mut *w, &file)?;
    w.write_all(b"\n")
}

/// `yanxiu credits --format json`: the same bytes as the site's `data/credits.json` (private
/// records' titles left out), so that a program may read either.
pub fn credits_json(archive: &Archive, ledger: &Ledger, years: &[&YearLedger]) -> String {
    let mut v = Vec::new();
    write_credits_json(&mut v, archive, ledger, years, false).expect("writing to memory");
    String::from_utf8(v).expect("JSON is UTF-8")
}

pub fn write_completeness_json(
    w: &mut dyn Write,
    roster: &Roster,
    findings: &[Finding],
) -> std::io::Result<()> {
    let rows = findings.iter().map(|f| {
        let teacher = f.teacher.as_ref().map(|(t, _)| roster.get(*t));
        FindingJson {
            rule: &f.rule,
            label: &f.label,
            period: &f.period,
            teacher: teacher.map(|t| t.name.as_str()),
            teacher_id: teacher.and_then(|t| t.id.as_deref()),
            required: f.required,
            found: f.found,
            met: f.met,
            status: f.status,
            midway: f.midway,
            sources: &f.sources,
        }
    });
    serde::Serializer::collect_seq(&mut serde_json::Serializer::new(&mut *w), rows)?;
    w.write_all(b"\n")
}

/// One line of completeness.json. The teacher is named as credits.json names them, by name and
/// id apart (`"王芳"`, `"T05"`), so that the two files join on the same fields.
#[derive(Serialize)]
struct FindingJson<'a> {
    rule: &'a str,
    label: &'a str,
    period: &'a Period,
    teacher: Option<&'a str>,
    teacher_id: Option<&'a str>,
    required: u32,
    found: u32,
    met: Option<bool>,
    status: Status,
    #[serde(skip_serializing_if = "Option::is_none")]
    midway: Option<Midway>,
    sources: &'a [Arc<str>],
}

/// A teacher's standing in words, as the table, CSV and XLSX show it.
pub fn standing(t: &TeacherYear, in_progress: bool) -> &'static str {
    match t.meets_minimum {
        Some(true) => "达标",
        Some(false) if in_progress => "未达标（学年进行中）",
        Some(false) => "未达标",
        None => match t.midway {
            Some(Midway::Joined) => "中途入职，不评定",
            Some(Midway::Left) => "中途离职，不评定",
            Some(Midway::JoinedAndLeft) => "中途入职、离职，不评定",
            None => "不评定",
        },
    }
}

pub(super) const CSV_HEADERS: [&str; 12] = [
    "学年",
    "姓名",
    "编号",
    "教研组",
    "第一学期学时",
    "第二学期学时",
    "学年合计学时",
    "学分",
    "是否达标",
    "记录数",
    "入职日期",
    "离职日期",
];

/// A semester's hours, or why there are none to count: a semester before the teacher joined
/// or after they left reads `—（未入职）` / `—（已离职）`, as on the site, never a 0 that
/// would read as "attended nothing".
pub(crate) enum SemesterCell {
    Hours(Hours),
    OffStaff(OffStaff),
}

impl SemesterCell {
    pub(crate) fn of(t: &TeacherYear, s: Semester) -> SemesterCell {
        match t.off_staff(s) {
            Some(o) => SemesterCell::OffStaff(o),
            None => SemesterCell::Hours(t.semester_hours(s)),
        }
    }
}

/// The text of an off-staff semester's cell.
pub fn off_staff_cell(o: OffStaff) -> String {
    format!("—（{}）", o.label())
}

impl std::fmt::Display for SemesterCell {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SemesterCell::Hours(h) => write!(f, "{h}"),
            SemesterCell::OffStaff(o) => f.write_str(&off_staff_cell(*o)),
        }
    }
}

/// The 领域 and 形式 that the school years' totals name, each in the order of their names (the
/// order of a teacher's page): the extra columns of `credits.csv` and of the XLSX's year
/// sheets, so that they carry credits.json's `by_domain` and `by_form` as DESIGN §6 asks.
pub struct Breakdown {
    pub domains: Vec<Arc<str>>,
    pub forms: Vec<Arc<str>>,
}

impl Breakdown {
    pub fn of(years: &[&YearLedger]) -> Breakdown {
        let names = |pick: fn(&TeacherYear) -> &crate::credits::Totals| {
            let mut v: Vec<Arc<str>> = years
                .iter()
                .flat_map(|y| &y.teachers)
                .flat_map(|t| pick(t).iter().map(|(name, _)| name.clone()))
                .collect();
            v.sort();
            v.dedup();
            v
        };
        Breakdown {
            domains: names(|t| &t.by_domain),
            forms: names(|t| &t.by_form),
        }
    }

    /// The extra headers: `领域：师德修养` …, then `形式：集体备课` …
    pub fn headers(&self) -> impl Iterator<Item = String> + '_ {
        let domains = self.domains.iter().map(|d| format!("领域：{d}"));
        domains.chain(self.forms.iter().map(|f| format!("形式：{f}")))
    }

    /// A teacher-year's hours under each extra header, 0 where it has none.
    pub fn hours<'b>(&'b self, t: &'b TeacherYear) -> impl Iterator<Item = Hours> + 'b {
        let under = |totals: &'b crate::credits::Totals, names: &'b [Arc<str>]| {
            names.iter().map(move |name| {
                totals
                    .binary_search_by(|(k, _)| k.cmp(name))
                    .map_or(Hours::default(), |n| totals[n].1)
            })
        };
        under(&t.by_domain, &self.domains).chain(under(&t.by_form, &self.forms))
    }
}

/// `credits.csv`: one row per teacher per school year, UTF-8 with a BOM so Excel reads it;
/// after the fixed columns, the hours by 领域 and by 形式 ([`Breakdown`]).
pub fn write_credits_csv(
    out: &mut dyn Write,
    archive: &Archive,
    ledger: &Ledger,
    years: &[&YearLedger],
) -> std::io::Result<()> {
    out.write_all(b"\xEF\xBB\xBF")?;
    let breakdown = Breakdown::of(years);
    {
        let mut w = csv::Writer::from_writer(out);
        w.write_record(
            CSV_HEADERS
                .iter()
                .map(|h| h.to_string())
                .chain(breakdown.headers()),
        )?;
        for y in years {
            for t in &y.teachers {
                let teacher = archive.roster.get(t.teacher);
                let fixed = [
                    y.school_year.to_string(),
                    text_cell(&teacher.name).into_owned(),
                    text_cell(teacher.id.as_deref().unwrap_or("")).into_owned(),
                    text_cell(teacher.group.as_deref().unwrap_or("")).into_owned(),
                    SemesterCell::of(t, Semester::First).to_string(),
                    SemesterCell::of(t, Semester::Second).to_string(),
                    t.hours.to_string(),
                    ledger
                        .credits(t.hours)
                        .map(|c| c.to_string())
                        .unwrap_or_default(),
                    standing(t, y.in_progress).to_string(),
                    t.entries.len().to_string(),
                    date_text(teacher.joined),
                    date_text(teacher.left),
                ];
                let split = breakdown.hours(t).map(|h| h.to_string());
                w.write_record(fixed.into_iter().chain(split))?;
            }
        }
        w.flush()?;
    }
    Ok(())
}

fn date_text(d: Option<chrono::NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

/// The columns of `credits-entries.csv`: whose hours, how many, then the record they come from.
pub const ENTRY_HEADERS: [&str; 12] = [
    "姓名",
    "编号",
    "学时",
    "依据",
    "学年",
    "学期",
    "日期",
    "类型",
    "形式",
    "领域",
    "标题",
    "记录文件",
];

/// `credits-entries.csv`: every ledger entry, a row per teacher per record, grouped by school
/// year and teacher as `credits.csv` lists them, so that each total there can be traced to its
/// records in Excel. UTF-8 with a BOM. Streamed: a large archive has millions of entries.
///
/// A session of the whole staff is an entry on every teacher's row, all alike but for the
/// teacher: each record's part of a row (hours onwards) and each teacher's part are made into
/// CSV once and copied, so a row costs two copies, not eleven fields quoted anew.
pub fn write_entries_csv(
    w: &mut dyn Write,
    archive: &Archive,
    ledger: &Ledger,
    years: &[&YearLedger],
    include_private: bool,
) -> std::io::Result<()> {
    w.write_all(b"\xEF\xBB\xBF")?;
    w.write_all(&csv_line(ENTRY_HEADERS))?;
    let mut teachers: Vec<Option<Vec<u8>>> = vec![None; archive.roster.len()];
    let records: PerRecord<crate::credits::EntryShape, Arc<[u8]>> =
        PerRecord::new(archive.documents.len());
    for y in years {
        for t in &y.teachers {
            let who = teachers[t.teacher.0 as usize].get_or_insert_with(|| {
                let teacher = archive.roster.get(t.teacher);
                let mut part = csv_line([
                    &text_cell(&teacher.name),
                    &text_cell(teacher.id.as_deref().unwrap_or("")),
                ]);
                // "姓名,编号" and the comma before the record's part.
                part.pop();
                part.push(b',');
                part
            });
            for e in ledger.entries_of(t) {
                let make = || -> Arc<[u8]> {
                    let doc = &archive.documents[e.doc];
                    let hours = e.hours.to_string();
                    let year = e.school_year.to_string();
                    let date = doc.date().map(|d| d.to_string()).unwrap_or_default();
                    Arc::from(csv_line([
                        hours.as_str(),
                        e.basis.label(),
                        &year,
                        e.semester.map_or("", |s| s.label()),
                        &date,
                        e.kind.label(),
                        &text_cell(doc.form.as_ref().map_or("", |f| f.value.as_str())),
                        &text_cell(doc.domain.as_ref().map_or("", |f| f.value.as_str())),
                        &text_cell(doc.public_title(include_private)),
                        &text_cell(&doc.path),
                    ]))
                };
                let record = records
                    .get(e.doc, e.shape(), || {
                        Ok::<_, std::convert::Infallible>(make())
                    })
                    .unwrap_or_else(|never| match never {});
                w.write_all(who)?;
                w.write_all(&record)?;
            }
        }
    }
    Ok(())
}

/// A text field as the CSVs write it: one that starts like a formula (`=`, `+`, `-`, `@`, or a
/// tab or carriage return before one) gets a leading `'`. Excel reads such a cell as a formula
/// and shows `#NAME?` (a title `-3℃的认识`) or a result (a name `=1+1` as 2), and a crafted one
/// can run a command on the inspector's computer. The XLSX stores text as text and needs none.
pub(super) fn text_cell(s: &str) -> std::borrow::Cow<'_, str> {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}").into()
    } else {
        s.into()
    }
}

/// One CSV line (quoted as the `csv` crate quotes, ended by `\n`).
fn csv_line<const N: usize>(fields: [&str; N]) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(fields).expect("write to memory");
    w.into_inner().expect("write to memory")
}
