//! `credits.xlsx`: the credit tables an inspector opens in Excel.

use super::data::{Breakdown, CSV_HEADERS, SemesterCell, off_staff_cell, standing};
use crate::archive::Archive;
use crate::archive::document::Hours;
use crate::credits::{Ledger, YearLedger};
use crate::dates::Semester;
use chrono::Datelike;
use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatBorder, IntoExcelData, Workbook, XlsxError,
};

/// `credits.xlsx`: a sheet per school year (a row per teacher) and a sheet of the records that
/// grant hours (a row per record, with how many teachers each credits); header frozen, widths
/// fitted, 未达标 rows highlighted, numbers stored as numbers. `created` goes in the file's
/// properties instead of the clock, so two builds of one archive on one day are identical.
pub fn credits_xlsx(
    archive: &Archive,
    ledger: &Ledger,
    years: &[&YearLedger],
    created: chrono::NaiveDate,
    scratch: &std::path::Path,
    include_private: bool,
) -> Result<Workbook, XlsxError> {
    let mut book = Workbook::new();
    // Every sheet is written row by row to an unnamed temporary file in `scratch`, inside the
    // output, instead of held in memory (the library would assemble every sheet at once, a
    // thread each). The entries themselves (a row per teacher per record) are not in the
    // workbook but in `credits-entries.csv`: a session of the whole staff is an entry per
    // teacher, so they grow as teachers × sessions, and this library spends about 35,000
    // instructions on a row — a third of a 50,000-document build went on that one sheet.
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
    // The same 领域 and 形式 columns on every year's sheet, as in credits.csv.
    let breakdown = Breakdown::of(years);
    let extra: Vec<String> = breakdown.headers().collect();
    // The first column after the fixed ones (学年 is the sheet's name, not a column).
    let first_extra = (CSV_HEADERS.len() - 1) as u16;
    for y in years {
        let sheet = book.add_worksheet_with_low_memory()?;
        sheet.set_name(format!("{}学年", y.school_year))?;
        let mut widths = vec![0.0; CSV_HEADERS.len() - 1 + extra.len()];
        let heads = CSV_HEADERS[1..]
            .iter()
            .copied()
            .chain(extra.iter().map(String::as_str));
        for (c, h) in heads.enumerate() {
            sheet.write_string_with_format(0, c as u16, h, &header)?;
            fit(&mut widths, c, h);
        }
        for c in 0..extra.len() as u16 {
            sheet.set_column_format(first_extra + c, &number)?;
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
            for (c, h) in breakdown.hours(t).enumerate() {
                put(sheet, row, first_extra + c as u16, h.as_f64(), num_fmt)?;
            }
        }
        for (c, w) in widths.iter().enumerate() {
            sheet.set_column_width(c as u16, w.max(8.0))?;
        }
        sheet.set_freeze_panes(1, 0)?;
    }
    records_sheets(
        &mut book,
        archive,
        ledger,
        &header,
        &number,
        include_private,
    )?;
    Ok(book)
}

/// Rows in an Excel worksheet, the header row included.
const MAX_ROWS: usize = 1_048_576;

/// What the ledger grants through one record: how many teachers, how many hours each.
struct Granted {
    entry: usize,
    teachers: usize,
    least: Hours,
    most: Hours,
    total: Hours,
}

/// The records that grant hours, a row each, ordered by school year, date and path: its hours
/// per teacher (a range when they differ, as between a project's leader and members), how many
/// teachers it credits and the hours in all. Beyond Excel's last row the records go on in
/// further sheets.
fn records_sheets(
    book: &mut Workbook,
    archive: &Archive,
    ledger: &Ledger,
    header: &Format,
    number: &Format,
    include_private: bool,
) -> Result<(), XlsxError> {
    let mut granted: Vec<Option<Granted>> = (0..archive.documents.len()).map(|_| None).collect();
    for (n, e) in ledger.entries.iter().enumerate() {
        let g = granted[e.doc].get_or_insert(Granted {
            entry: n,
            teachers: 0,
            least: e.hours,
            most: e.hours,
            total: Hours::default(),
        });
        g.teachers += 1;
        g.least = g.least.min(e.hours);
        g.most = g.most.max(e.hours);
        g.total += e.hours;
    }
    let mut rows: Vec<(usize, &Granted)> = granted
        .iter()
        .enumerate()
        .filter_map(|(i, g)| g.as_ref().map(|g| (i, g)))
        .collect();
    rows.sort_by_key(|&(i, g)| {
        let doc = &archive.documents[i];
        (ledger.entries[g.entry].school_year, doc.date(), &doc.path)
    });
    let heads = [
        "学年",
        "学期",
        "日期",
        "类型",
        "形式",
        "领域",
        "标题",
        "每人学时",
        "计入人数",
        "学时合计",
        "记录文件",
    ];
    let per_sheet = MAX_ROWS - 1;
    let chunks = rows.len().div_ceil(per_sheet).max(1);
    for n in 0..chunks {
        let sheet = book.add_worksheet_with_low_memory()?;
        if n == 0 {
            sheet.set_name("计入学时的记录")?;
        } else {
            sheet.set_name(format!("计入学时的记录（{}）", n + 1))?;
        }
        let mut widths = vec![0.0; heads.len()];
        for (c, h) in heads.iter().enumerate() {
            sheet.write_string_with_format(0, c as u16, *h, header)?;
            fit(&mut widths, c, h);
        }
        // By column, as on the year sheets: no format is looked up per cell.
        for c in [7, 9] {
            sheet.set_column_format(c, number)?;
        }
        for (r, &(i, g)) in rows.iter().skip(n * per_sheet).take(per_sheet).enumerate() {
            let row = r as u32 + 1;
            let doc = &archive.documents[i];
            let e = &ledger.entries[g.entry];
            let year = e.school_year.to_string();
            let date = doc.date().map(|d| d.to_string()).unwrap_or_default();
            let texts: [(u16, &str); 8] = [
                (0, &year),
                (1, e.semester.map_or("", |s| s.label())),
                (2, &date),
                (3, e.kind.label()),
                (4, doc.form.as_ref().map_or("", |f| f.value.as_str())),
                (5, doc.domain.as_ref().map_or("", |f| f.value.as_str())),
                (6, doc.public_title(include_private)),
                (10, &doc.path),
            ];
            for (c, s) in texts {
                sheet.write_string(row, c, s)?;
                fit(&mut widths, c as usize, s);
            }
            if g.least == g.most {
                sheet.write_number(row, 7, g.least.as_f64())?;
            } else {
                let range = format!("{}～{}", g.least, g.most);
                sheet.write_string(row, 7, &range)?;
                fit(&mut widths, 7, &range);
            }
            sheet.write_number(row, 8, g.teachers as f64)?;
            sheet.write_number(row, 9, g.total.as_f64())?;
        }
        for (c, w) in widths.iter().enumerate() {
            sheet.set_column_width(c as u16, w.max(8.0))?;
        }
        sheet.set_freeze_panes(1, 0)?;
    }
    Ok(())
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

/// Column width (in Excel's character units) that fits Chinese text, which is two units wide.
fn fit(widths: &mut [f64], col: usize, text: &str) {
    let w = unicode_width::UnicodeWidthStr::width(text) as f64 + 2.0;
    if w > widths[col] {
        widths[col] = w.min(60.0);
    }
}
