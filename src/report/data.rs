//! The data files an inspector downloads (DESIGN §6): credits as JSON, CSV and XLSX,
//! completeness and diagnostics as JSON.

use crate::archive::Archive;
use crate::archive::document::Hours;
use crate::check::completeness::Finding;
use crate::credits::{Ledger, TeacherYear, YearLedger};
use crate::dates::Semester;
use crate::per_record::PerRecord;
use crate::roster::{Midway, OffStaff};
use chrono::Datelike;
use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatBorder, IntoExcelData, Workbook, XlsxError,
};
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

fn entry_out<'a>(archive: &'a Archive, e: &crate::credits::Entry) -> EntryOut<'a> {
    let doc = &archive.documents[e.doc];
    EntryOut {
        source: &doc.path,
        kind: e.kind,
        hours: e.hours.as_f64(),
        date: doc.date().map(|d| d.to_string()),
        title: doc.display_title(),
    }
}

fn teacher_out<'a>(
    archive: &'a Archive,
    ledger: &'a Ledger,
    shared: &'a SharedEntries,
    t: &'a TeacherYear,
) -> TeacherOut<'a> {
    let teacher = archive.roster.get(t.teacher);
    TeacherOut {
        name: &teacher.name,
        id: teacher.id.as_deref(),
        group: teacher.group.as_deref(),
        hours: t.hours.as_f64(),
        credits: ledger.credits(t.hours),
        by_semester: t
            .by_semester
            .iter()
            .map(|(s, h)| (s.label(), h.as_f64()))
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
        entries: t
            .entries
            .iter()
            .map(|&ei| {
                let e = &ledger.entries[ei];
                shared
                    .get(e.doc, (e.kind, e.hours), || {
                        serde_json::value::to_raw_value(&entry_out(archive, e)).map(Arc::from)
                    })
                    .expect("an entry serialises")
            })
            .collect(),
    }
}

/// `credits.json`, in exactly the contract's shape (extra fields: `in_progress`; a teacher's
/// `joined`, `left`, `midway` and `off_staff`; entry `date`/`title`).
pub fn write_credits_json(
    w: &mut dyn Write,
    archive: &Archive,
    ledger: &Ledger,
    years: &[&YearLedger],
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
                            .map(move |t| teacher_out(archive, ledger, shared, t)),
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

pub fn credits_json(archive: &Archive, ledger: &Ledger, years: &[&YearLedger]) -> String {
    let mut v = Vec::new();
    write_credits_json(&mut v, archive, ledger, years).expect("writing to memory");
    String::from_utf8(v).expect("JSON is UTF-8")
}

pub fn write_completeness_json(w: &mut dyn Write, findings: &[Finding]) -> std::io::Result<()> {
    serde_json::to_writer(&mut *w, findings)?;
    w.write_all(b"\n")
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

const CSV_HEADERS: [&str; 12] = [
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
enum SemesterCell {
    Hours(Hours),
    OffStaff(OffStaff),
}

impl SemesterCell {
    fn of(t: &TeacherYear, s: Semester) -> SemesterCell {
        match t.off_staff(s) {
            Some(o) => SemesterCell::OffStaff(o),
            None => SemesterCell::Hours(t.by_semester.get(&s).copied().unwrap_or_default()),
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

/// `credits.csv`: one row per teacher per school year, UTF-8 with a BOM so Excel reads it.
pub fn credits_csv(archive: &Archive, ledger: &Ledger, years: &[&YearLedger]) -> Vec<u8> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut w = csv::Writer::from_writer(&mut out);
        w.write_record(CSV_HEADERS).expect("write to memory");
        for y in years {
            for t in &y.teachers {
                let teacher = archive.roster.get(t.teacher);
                w.write_record([
                    y.school_year.to_string(),
                    teacher.name.clone(),
                    teacher.id.clone().unwrap_or_default(),
                    teacher.group.clone().unwrap_or_default(),
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
                ])
                .expect("write to memory");
            }
        }
        w.flush().expect("write to memory");
    }
    out
}

fn date_text(d: Option<chrono::NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

/// Column width (in Excel's character units) that fits Chinese text, which is two units wide.
fn fit(widths: &mut [f64], col: usize, text: &str) {
    let w = unicode_width::UnicodeWidthStr::width(text) as f64 + 2.0;
    if w > widths[col] {
        widths[col] = w.min(60.0);
    }
}

/// `credits.xlsx`: a sheet per school year and a sheet of every entry; header frozen, widths
/// fitted, 未达标 rows highlighted, numbers stored as numbers. `created` goes in the file's
/// properties instead of the clock, so two builds of one archive on one day are identical.
pub fn credits_xlsx(
    archive: &Archive,
    ledger: &Ledger,
    years: &[&YearLedger],
    created: chrono::NaiveDate,
    scratch: &std::path::Path,
) -> Result<Workbook, XlsxError> {
    let mut book = Workbook::new();
    // Every sheet is written row by row to an unnamed temporary file in `scratch`, inside the
    // output, instead of held in memory: a large archive has millions of entries, and a sheet
    // per school year (the library would assemble all of those at once, a thread each). Text
    // goes to the shared string table ("low memory" mode, not "constant memory"): a session's
    // title and path repeat on the row of every teacher who attended, and written inline they
    // made the sheets 70% larger.
    book.set_tempdir(scratch)?;
    // Fast compression: the file is a few MB at most, and it is made on every build.
    book.set_zip_compression_level(1);
    book.set_properties(
        &DocProperties::new().set_creation_datetime(&ExcelDateTime::from_ymd(
            created.year() as u16,
            created.month() as u8,
            created.day() as u8,
        )?),
    );
    let header = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xE8EEF4))
        .set_border_bottom(FormatBorder::Thin);
    let unmet = Format::new().set_background_color(Color::RGB(0xFDE2E1));
    let number = Format::new().set_num_format("0.0");
    let unmet_number = unmet.clone().set_num_format("0.0");
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let unmet_date = unmet.clone().set_num_format("yyyy-mm-dd");
    for y in years {
        let sheet = book.add_worksheet_with_low_memory()?;
        sheet.set_name(format!("{}学年", y.school_year))?;
        let mut widths = vec![0.0; CSV_HEADERS.len()];
        for (c, h) in CSV_HEADERS.iter().enumerate().skip(1) {
            sheet.write_string_with_format(0, (c - 1) as u16, *h, &header)?;
            fit(&mut widths, c - 1, h);
        }
        // The hours columns are formatted by column: a cell written without a format takes its
        // column's, and looking a format up for every cell hashes the whole `Format`.
        for c in 3..=6 {
            sheet.set_column_format(c, &number)?;
        }
        // 入职日期 and 离职日期: dates Excel can sort and filter by.
        for c in 9..=10 {
            sheet.set_column_format(c, &date)?;
            fit(&mut widths, c as usize, "2024-09-01");
        }
        for (r, t) in y.teachers.iter().enumerate() {
            let row = r as u32 + 1;
            let teacher = archive.roster.get(t.teacher);
            // 未达标 rows are filled; the others are written without a format and take their
            // column's.
            let (text_fmt, num_fmt, date_fmt) = if t.meets_minimum == Some(false) {
                (Some(&unmet), Some(&unmet_number), Some(&unmet_date))
            } else {
                (None, None, None)
            };
            let texts = [
                teacher.name.as_str(),
                teacher.id.as_deref().unwrap_or(""),
                teacher.group.as_deref().unwrap_or(""),
            ];
            for (c, s) in texts.iter().enumerate() {
                put(sheet, row, c as u16, *s, text_fmt)?;
                fit(&mut widths, c, s);
            }
            // A semester off staff is the text the site shows, the others numbers.
            for (i, s) in Semester::BOTH.into_iter().enumerate() {
                let col = 3 + i as u16;
                match SemesterCell::of(t, s) {
                    SemesterCell::Hours(h) => put(sheet, row, col, h.as_f64(), num_fmt)?,
                    SemesterCell::OffStaff(o) => {
                        let text = off_staff_cell(o);
                        put(sheet, row, col, text.as_str(), text_fmt)?;
                        fit(&mut widths, col as usize, &text);
                    }
                }
            }
            put(sheet, row, 5, t.hours.as_f64(), num_fmt)?;
            match ledger.credits(t.hours) {
                Some(c) => put(sheet, row, 6, c, num_fmt)?,
                None => put(sheet, row, 6, "", text_fmt)?,
            }
            let s = standing(t, y.in_progress);
            put(sheet, row, 7, s, text_fmt)?;
            fit(&mut widths, 7, s);
            put(sheet, row, 8, t.entries.len() as f64, text_fmt)?;
            for (col, d) in [(9, teacher.joined), (10, teacher.left)] {
                if let Some(d) = d {
                    let d =
                        ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)?;
                    put(sheet, row, col, &d, date_fmt)?;
                } else if let Some(f) = text_fmt {
                    // Blank, to carry the row's fill.
                    sheet.write_blank(row, col, f)?;
                }
            }
        }
        for (c, w) in widths.iter().enumerate().take(CSV_HEADERS.len() - 1) {
            sheet.set_column_width(c as u16, w.max(8.0))?;
        }
        sheet.set_freeze_panes(1, 0)?;
    }
    // Excel's sheets end at 1,048,576 rows: beyond that the entries go on in further sheets.
    let per_sheet = MAX_ROWS - 1;
    let chunks = ledger.entries.len().div_ceil(per_sheet).max(1);
    for n in 0..chunks {
        let entries = ledger.entries.iter().skip(n * per_sheet).take(per_sheet);
        let sheet = book.add_worksheet_with_low_memory()?;
        if n == 0 {
            sheet.set_name("全部记录")?;
        } else {
            sheet.set_name(format!("全部记录（{}）", n + 1))?;
        }
        entries_sheet(sheet, archive, entries, &header, &number)?;
    }
    Ok(book)
}

/// A cell, with `fmt` or else with its column's format. An empty text is a blank cell when it
/// has a format (to carry the fill) and no cell otherwise.
fn put(
    sheet: &mut rust_xlsxwriter::Worksheet,
    row: u32,
    col: u16,
    data: impl IntoExcelData,
    fmt: Option<&Format>,
) -> Result<(), XlsxError> {
    match fmt {
        Some(f) => sheet.write_with_format(row, col, data, f)?,
        None => sheet.write(row, col, data)?,
    };
    Ok(())
}

/// Rows in an Excel worksheet, the header row included.
const MAX_ROWS: usize = 1_048_576;

/// The sheet of ledger entries, one row each, with the record's path.
fn entries_sheet<'e>(
    sheet: &mut rust_xlsxwriter::Worksheet,
    archive: &Archive,
    entries: impl Iterator<Item = &'e crate::credits::Entry>,
    header: &Format,
    number: &Format,
) -> Result<(), XlsxError> {
    let heads = [
        "学年",
        "学期",
        "姓名",
        "编号",
        "日期",
        "类型",
        "形式",
        "领域",
        "学时",
        "标题",
        "记录文件",
    ];
    let mut widths = vec![0.0; heads.len()];
    for (c, h) in heads.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *h, header)?;
        fit(&mut widths, c, h);
    }
    // By column, as on the year sheets: no format is looked up per entry.
    sheet.set_column_format(8, number)?;
    // Column widths are fitted once per record and per teacher, not once per entry: a session
    // of the whole staff has an entry per teacher, all with its title and path.
    let mut fitted_doc = vec![false; archive.documents.len()];
    let mut fitted_teacher = vec![false; archive.roster.len()];
    let mut year = (None, String::new());
    for (r, e) in entries.enumerate() {
        let row = r as u32 + 1;
        let doc = &archive.documents[e.doc];
        let teacher = archive.roster.get(e.teacher);
        if year.0 != Some(e.school_year) {
            year = (Some(e.school_year), e.school_year.to_string());
            fit(&mut widths, 0, &year.1);
        }
        let date = doc.date().map(|d| d.to_string()).unwrap_or_default();
        let form = doc.form.as_ref().map_or("", |f| f.value.as_str());
        let domain = doc.domain.as_ref().map_or("", |f| f.value.as_str());
        let semester = e.semester.map_or("", |s| s.label());
        let texts: [&str; 8] = [
            &year.1,
            semester,
            &teacher.name,
            teacher.id.as_deref().unwrap_or(""),
            &date,
            e.kind.label(),
            form,
            domain,
        ];
        for (c, s) in texts.iter().enumerate() {
            sheet.write_string(row, c as u16, *s)?;
        }
        sheet.write_number(row, 8, e.hours.as_f64())?;
        sheet.write_string(row, 9, doc.display_title())?;
        sheet.write_string(row, 10, &doc.path)?;
        fit(&mut widths, 1, semester);
        fit(&mut widths, 5, e.kind.label());
        if !std::mem::replace(&mut fitted_teacher[e.teacher.0 as usize], true) {
            fit(&mut widths, 2, &teacher.name);
            fit(&mut widths, 3, teacher.id.as_deref().unwrap_or(""));
        }
        if !std::mem::replace(&mut fitted_doc[e.doc], true) {
            fit(&mut widths, 4, &date);
            fit(&mut widths, 6, form);
            fit(&mut widths, 7, domain);
            fit(&mut widths, 9, doc.display_title());
            fit(&mut widths, 10, &doc.path);
        }
    }
    for (c, w) in widths.iter().enumerate() {
        sheet.set_column_width(c as u16, w.max(8.0))?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}
