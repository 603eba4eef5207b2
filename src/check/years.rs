//! School years that only misfiled records bring into the archive (Y118).
//!
//! A record is counted in the school year of its date, even when it sits in another year's
//! folder (Y117). When its date is mistyped by a year, it can be the only record of a year
//! before or after all the others; that year then joins the archive's range, and every
//! requirement of it (the plan, the summary, each teacher's hours) is listed as unmet. One typo
//! would make the school look non-compliant without saying why.

use crate::archive::Archive;
use crate::archive::document::Document;
use crate::dates::SchoolYear;
use crate::diagnostic::{Code, Diagnostic};
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet};

/// One warning per school year outside the years of the records filed where they belong, that
/// misfiled records alone open: on the first such record, at its date.
pub fn lone_years(archive: &Archive, today: NaiveDate) -> Vec<Diagnostic> {
    // The records that place a year in the archive (see `credits::school_years`), split by
    // whether they are filed where they belong.
    let (misfiled, filed): (Vec<&Document>, Vec<&Document>) = archive
        .documents
        .iter()
        .filter(|d| d.counts_by(today))
        .partition(|d| d.counted_elsewhere());
    let filed: BTreeSet<SchoolYear> = filed.iter().filter_map(|d| d.in_year).collect();
    let (Some(&first), Some(&last)) = (filed.first(), filed.last()) else {
        return Vec::new();
    };
    let mut lone: BTreeMap<SchoolYear, Vec<&Document>> = BTreeMap::new();
    for d in misfiled {
        if let Some(y) = d.in_year
            && !(first..=last).contains(&y)
        {
            lone.entry(y).or_default().push(d);
        }
    }
    let cal = &archive.config.calendar;
    lone.into_iter()
        // A year not over yet (a new one just begun, its first record filed under last year's
        // folder) is expected to be thin: Y117 says where the record belongs.
        .filter(|(year, _)| cal.year_bounds(*year).1 < today)
        .filter_map(|(year, docs)| {
            let d = docs[0];
            let folder = d.folder_year()?;
            let message = match docs.len() {
                1 => format!(
                    "{year} 学年只有这一份记录，而它放在 {folder}/ 文件夹中：{year} 学年因此出现在学时统计和完整性检查中，它的各项要求都将列为未达到"
                ),
                n => format!(
                    "{year} 学年只有 {n} 份放在其他学年文件夹中的记录（这是第一份）：{year} 学年因此出现在学时统计和完整性检查中，它的各项要求都将列为未达到"
                ),
            };
            let (from, to) = cal.year_bounds(folder);
            // Placed by its 学年 when it has one (学年: 2015-2016 in 2025-2026/), else by its date.
            let (what, at) = match &d.school_year {
                Some(y) => ("学年".to_string(), y.pos),
                None => (
                    format!("日期（{folder} 学年是 {from} 至 {to}）"),
                    d.date.as_ref().and_then(|s| s.pos),
                ),
            };
            let help = format!(
                "若{what}写错，改正后 {year} 学年就不再出现；若记录确属 {year} 学年，把它移到 {year}/ 文件夹，并补齐该学年的计划、总结等档案"
            );
            Some(
                Diagnostic::new(Code::LoneYear, d.path.clone(), message)
                    .at(at)
                    .help(help),
            )
        })
        .collect()
}
