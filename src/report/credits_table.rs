//! `yanxiu credits` in the terminal: a table per school year aligned by display width (Chinese
//! characters are two columns wide), and one teacher's entries with their records.

use crate::archive::Archive;
use crate::check::Report;
use crate::credits::{Ledger, Miscount, Uncounted, YearLedger};
use crate::dates::Semester;
use crate::report::data::{SemesterCell, standing};
use crate::roster::TeacherIdx;
use std::fmt::Write;
use unicode_width::UnicodeWidthStr;

/// What `yanxiu credits` says about records whose errors kept hours out of its figures
/// (see [`Ledger::uncounted`]); empty when there are none.
pub fn uncounted_note(archive: &Archive, list: &[Uncounted]) -> String {
    if list.is_empty() {
        return String::new();
    }
    let mut out = String::new();
    let of = |how: Miscount| -> Vec<&Uncounted> { list.iter().filter(|u| u.how == how).collect() };
    let (whole, partly, doubtful) = (
        of(Miscount::Whole),
        of(Miscount::Partly),
        of(Miscount::Doubtful),
    );
    let section = |out: &mut String, items: &[&Uncounted], head: String| {
        if items.is_empty() {
            return;
        }
        let _ = writeln!(out, "{head}");
        for u in items {
            let path = &archive.documents[u.doc].path;
            let at = u.line.map(|l| format!(":{l}")).unwrap_or_default();
            let more = if u.errors > 1 {
                format!("（另有 {} 个错误）", u.errors - 1)
            } else {
                String::new()
            };
            let _ = writeln!(out, "  {path}{at}  {}{more}", u.message);
        }
    };
    section(
        &mut out,
        &whole,
        format!("注意：{} 份记录有错误，学时没有计入统计：", whole.len()),
    );
    let head = if whole.is_empty() { "注意：" } else { "" };
    section(
        &mut out,
        &partly,
        format!(
            "{head}{} 份记录有错误，其中部分教师的学时没有计入统计：",
            partly.len()
        ),
    );
    let head = if whole.is_empty() && partly.is_empty() {
        "注意："
    } else {
        ""
    };
    section(
        &mut out,
        &doubtful,
        format!(
            "{head}{} 份活动记录的缺席或请假中有读不出的名字，此人暂按出席计了学时，可能多计：",
            doubtful.len()
        ),
    );
    let _ = writeln!(
        out,
        "改正后再运行 yanxiu credits；每个问题的位置和改法请运行 yanxiu check 查看。"
    );
    out
}

fn pad(s: &str, width: usize, right_align: bool) -> String {
    let fill = " ".repeat(width.saturating_sub(s.width()));
    if right_align {
        format!("{fill}{s}")
    } else {
        format!("{s}{fill}")
    }
}

const RED: &str = "\x1b[31m";
const RESET: &str = "\x1b[0m";

pub fn table(archive: &Archive, ledger: &Ledger, years: &[&YearLedger], color: bool) -> String {
    let mut out = String::new();
    let with_credits = ledger.hours_per_credit.is_some();
    for y in years {
        let progress = if y.in_progress {
            "，学年进行中"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "{}学年（每人每学年不少于 {} 学时{progress}）",
            y.school_year, ledger.min_hours
        );
        let mut heads = vec!["教师", "编号", "教研组", "第一学期", "第二学期", "合计学时"];
        if with_credits {
            heads.push("学分");
        }
        heads.push("状态");
        let rows: Vec<Vec<String>> = y
            .teachers
            .iter()
            .map(|t| {
                let teacher = archive.roster.get(t.teacher);
                let mut row = vec![
                    archive.roster.display(t.teacher),
                    teacher.id.clone().unwrap_or_default(),
                    teacher.group.clone().unwrap_or_default(),
                    SemesterCell::of(t, Semester::First).to_string(),
                    SemesterCell::of(t, Semester::Second).to_string(),
                    t.hours.to_string(),
                ];
                if with_credits {
                    row.push(
                        ledger
                            .credits(t.hours)
                            .map(|c| c.to_string())
                            .unwrap_or_default(),
                    );
                }
                row.push(standing(t, y.in_progress).to_string());
                row
            })
            .collect();
        let widths: Vec<usize> = (0..heads.len())
            .map(|c| {
                rows.iter()
                    .map(|r| r[c].width())
                    .chain(std::iter::once(heads[c].width()))
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let numeric = |c: usize| (3..heads.len() - 1).contains(&c);
        let line = |cells: Vec<String>| -> String {
            cells
                .iter()
                .enumerate()
                .map(|(c, s)| pad(s, widths[c], numeric(c)))
                .collect::<Vec<_>>()
                .join("  ")
                .trim_end()
                .to_string()
        };
        let _ = writeln!(
            out,
            "{}",
            line(heads.iter().map(|s| s.to_string()).collect())
        );
        let _ = writeln!(
            out,
            "{}",
            "-".repeat(widths.iter().sum::<usize>() + 2 * (widths.len() - 1))
        );
        for (t, row) in y.teachers.iter().zip(rows) {
            let text = line(row);
            if color && t.meets_minimum == Some(false) {
                let _ = writeln!(out, "{RED}{text}{RESET}");
            } else {
                let _ = writeln!(out, "{text}");
            }
        }
        let judged: Vec<_> = y
            .teachers
            .iter()
            .filter(|t| t.meets_minimum.is_some())
            .collect();
        let met = judged
            .iter()
            .filter(|t| t.meets_minimum == Some(true))
            .count();
        let partial = y.teachers.len() - judged.len();
        let total: f64 = y.teachers.iter().map(|t| t.hours.as_f64()).sum();
        let mean = if y.teachers.is_empty() {
            0.0
        } else {
            total / y.teachers.len() as f64
        };
        let rate = if judged.is_empty() {
            0.0
        } else {
            met as f64 * 100.0 / judged.len() as f64
        };
        let (partial_note, mean_note) = if partial > 0 {
            (
                format!("，另有 {partial} 位中途入职或离职，不评定"),
                format!("（按全部 {} 位教师计）", y.teachers.len()),
            )
        } else {
            (String::new(), String::new())
        };
        let _ = writeln!(
            out,
            "合计：教师 {} 人，达标 {met}/{} 人（达标率 {rate:.1}%{partial_note}），人均 {mean:.1} 学时{mean_note}\n",
            y.teachers.len(),
            judged.len()
        );
    }
    if years.is_empty() {
        out.push_str("档案中没有可统计学时的学年。\n");
    }
    out
}

/// One teacher's ledger: every entry with the record that granted it, and missed sessions.
pub fn teacher(
    archive: &Archive,
    report: &Report,
    ledger: &Ledger,
    years: &[&YearLedger],
    who: TeacherIdx,
) -> String {
    let mut out = String::new();
    let name = archive.roster.display(who);
    let attendance = Ledger::attendance(archive, report, who);
    for y in years {
        let Some(t) = y.teachers.iter().find(|t| t.teacher == who) else {
            continue;
        };
        let _ = writeln!(
            out,
            "{name}　{}学年：合计 {} 学时（{}）",
            y.school_year,
            t.hours,
            standing(t, y.in_progress)
        );
        for e in ledger.entries_of(t) {
            let doc = &archive.documents[e.doc];
            let date = doc
                .date()
                .map(|d| d.to_string())
                .unwrap_or_else(|| "----------".into());
            let _ = writeln!(
                out,
                "  {date}  {}  {:>5} 学时  {}  《{}》",
                e.kind.label(),
                e.hours.to_string(),
                doc.path,
                doc.display_title()
            );
        }
        let missed: Vec<(usize, &str)> = attendance
            .absent
            .iter()
            .map(|&i| (i, "缺席"))
            .chain(attendance.leave.iter().map(|&i| (i, "请假")))
            .filter(|(i, _)| {
                archive.documents[*i].in_year == Some(y.school_year)
                    && archive.documents[*i].counts()
            })
            .collect();
        if !missed.is_empty() {
            let _ = writeln!(out, "  未参加的活动：");
            for (i, why) in missed {
                let doc = &archive.documents[i];
                let date = doc.date().map(|d| d.to_string()).unwrap_or_default();
                let _ = writeln!(
                    out,
                    "  {date}  {why}  {}  《{}》",
                    doc.path,
                    doc.display_title()
                );
            }
        }
        out.push('\n');
    }
    if out.is_empty() {
        let _ = writeln!(out, "{name} 在所选学年没有在职记录。");
    }
    out
}
