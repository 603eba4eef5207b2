//! The terminal report: each diagnostic with its source line, then 完整性, then a count.

use crate::archive::Archive;
use crate::check::Report;
use crate::check::completeness::{Finding, Status};
use crate::credits::Ledger;
use crate::diagnostic::{Diagnostic, Severity};
use annotate_snippets::renderer::DecorStyle;
use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};
use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Arc;

/// A rule's id and label, and the period it was judged in.
type RuleInPeriod = (Arc<str>, Arc<str>, crate::dates::Period);

#[derive(Debug, Clone, Copy, Default)]
pub struct Style {
    /// ANSI colours (only for a terminal).
    pub color: bool,
    /// ASCII drawing instead of box characters, for consoles without them.
    pub ascii: bool,
}

fn renderer(style: Style) -> Renderer {
    let r = if style.color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    r.decor_style(if style.ascii {
        DecorStyle::Ascii
    } else {
        DecorStyle::Unicode
    })
}

/// Byte range in `line` of `width` characters from character `column` (both from 1).
fn span(line: &str, column: u32, width: u32) -> std::ops::Range<usize> {
    let mut chars = line
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(line.len()));
    let start = chars
        .nth(column.saturating_sub(1) as usize)
        .unwrap_or(line.len());
    let end = if width == 0 {
        line.trim_end().len().max(start)
    } else {
        line[start..]
            .char_indices()
            .map(|(i, _)| start + i)
            .chain(std::iter::once(line.len()))
            .nth(width as usize)
            .unwrap_or(line.len())
    };
    start..end.max(start)
}

pub fn diagnostic(d: &Diagnostic, style: Style) -> String {
    let level = match d.severity {
        Severity::Error => Level::ERROR.with_name(Some("错误")),
        Severity::Warning => Level::WARNING.with_name(Some("警告")),
    };
    let title = level.primary_title(d.message.as_str()).id(d.code.as_str());
    let group = match (d.line, d.source_line.as_deref()) {
        (Some(line), Some(source)) => {
            let range = span(source, d.column.unwrap_or(1), d.width);
            Group::with_title(title).element(
                Snippet::source(source)
                    .line_start(line as usize)
                    .path(d.file.as_str())
                    .annotation(AnnotationKind::Primary.span(range)),
            )
        }
        (Some(line), None) => Group::with_title(title).element(
            Origin::path(d.file.as_str())
                .line(line as usize)
                .char_column(d.column.unwrap_or(1) as usize),
        ),
        (None, _) => Group::with_title(title).element(Origin::path(d.file.as_str())),
    };
    let mut groups = vec![group];
    if let Some(help) = &d.help {
        groups.push(Group::with_title(
            Level::HELP
                .with_name(Some("提示"))
                .secondary_title(help.as_str()),
        ));
    }
    renderer(style).render(&groups)
}

/// The whole report as `check` prints it.
pub fn render(archive: &Archive, report: &Report, ledger: &Ledger, style: Style) -> String {
    let mut out = String::new();
    for d in &report.diagnostics {
        out.push_str(&diagnostic(d, style));
        out.push_str("\n\n");
    }
    completeness(&mut out, &report.findings, style);
    hours(&mut out, archive, ledger, style);
    unread(&mut out, archive);
    let records = archive.documents.len();
    let judged = report
        .findings
        .iter()
        .filter(|f| matches!(f.status, Status::Met | Status::Unmet))
        .count();
    let unmet = report.unmet().count();
    // completeness.json lists these too; say why they are not in the count.
    let pending = report.findings.len() - judged;
    let pending = if pending > 0 {
        format!("（另有 {pending} 项进行中或中途入职或离职，不评定）")
    } else {
        String::new()
    };
    let _ = writeln!(
        out,
        "共检查 {records} 份记录：{} 个错误，{} 个警告；完整性 {judged} 项中 {unmet} 项未达到{pending}。",
        report.errors(),
        report.warnings()
    );
    out
}

/// Records whose front matter could not be read count for nothing: a teacher whose reflection
/// has a Tab in it is listed above as short of one. Said after 完整性, naming the first few.
fn unread(out: &mut String, archive: &Archive) {
    let paths: Vec<&str> = archive
        .documents
        .iter()
        .filter(|d| d.unread())
        .map(|d| d.path.as_str())
        .collect();
    if paths.is_empty() {
        return;
    }
    const NAMED: usize = 5;
    let more = if paths.len() > NAMED { "等" } else { "" };
    let _ = writeln!(
        out,
        "注意：{} 份记录的开头信息区读不出来，没有计入完整性和学时（{}{more}）；按上面的提示改正后，再运行一次。\n",
        paths.len(),
        paths[..paths.len().min(NAMED)].join("、")
    );
}

/// The report of `check FILE`: that record's problems only, said so, and how to see the rest.
pub fn render_one(report: &Report, file: &str, whole: &str, style: Style) -> String {
    let mut out = format!("只显示 {file} 的问题；整个档案请运行 {whole}\n\n");
    for d in &report.diagnostics {
        out.push_str(&diagnostic(d, style));
        out.push_str("\n\n");
    }
    let (errors, warnings) = (report.errors(), report.warnings());
    if errors + warnings == 0 {
        let _ = writeln!(out, "{file}：没有发现问题。");
    } else {
        let _ = writeln!(out, "{file}：{errors} 个错误，{warnings} 个警告。");
    }
    out
}

/// Teachers short of the annual minimum, year by year: no rule of `required` says it, but it is
/// the first figure an inspector asks for, and `check` is what the school runs before a visit.
fn hours(out: &mut String, archive: &Archive, ledger: &Ledger, style: Style) {
    if ledger.min_hours.0 == 0 || ledger.years.is_empty() {
        return;
    }
    let (bad, ok, wait) = if style.ascii {
        ("[x]", "[ok]", "[..]")
    } else {
        ("✗", "✓", "…")
    };
    let _ = writeln!(out, "学时（每学年不少于 {} 学时）", ledger.min_hours);
    let mut any = false;
    for y in ledger.years.iter().rev() {
        let judged = y.teachers.iter().filter(|t| t.meets_minimum.is_some());
        let short: Vec<String> = judged
            .clone()
            .filter(|t| t.meets_minimum == Some(false))
            .map(|t| format!("{} {}", archive.roster.display(t.teacher), t.hours))
            .collect();
        if short.is_empty() {
            continue;
        }
        any = true;
        let named = short
            .iter()
            .take(NAMED)
            .cloned()
            .collect::<Vec<_>>()
            .join("、");
        let more = if short.len() > NAMED { " 等" } else { "" };
        let (mark, state) = if y.in_progress {
            (wait, "进行中，目前 ")
        } else {
            (bad, "")
        };
        let _ = writeln!(
            out,
            "  {mark} {}学年：{state}{}/{} 位教师不足（{named}{more}）",
            y.school_year,
            short.len(),
            judged.count()
        );
    }
    if any {
        let _ = writeln!(out, "  每位教师的学时明细：yanxiu credits --teacher 姓名");
    } else {
        let _ = writeln!(out, "  {ok} 每位教师每学年的学时都已达到");
    }
    out.push('\n');
}

/// Teachers named per year in `check`'s hours section.
const NAMED: usize = 10;

fn completeness(out: &mut String, findings: &[Finding], style: Style) {
    let (bad, ok, wait) = if style.ascii {
        ("[x]", "[ok]", "[..]")
    } else {
        ("✗", "✓", "…")
    };
    let _ = writeln!(out, "完整性");
    // Rule-level findings one per line; per-teacher findings grouped by rule and period so that
    // a school of 80 teachers does not get 80 lines per semester.
    let mut grouped: BTreeMap<RuleInPeriod, Vec<&Finding>> = BTreeMap::new();
    let mut any = false;
    for f in findings {
        if f.teacher.is_none() {
            if matches!(f.status, Status::Unmet | Status::InProgress) {
                any = true;
                let mark = if f.status == Status::Unmet { bad } else { wait };
                let note = if f.status == Status::InProgress {
                    "（进行中）"
                } else {
                    ""
                };
                let _ = writeln!(
                    out,
                    "  {mark} {} {}：{}/{}{note}",
                    f.period, f.label, f.found, f.required
                );
            }
        } else {
            grouped
                .entry((f.rule.clone(), f.label.clone(), f.period))
                .or_default()
                .push(f);
        }
    }
    for ((_, label, period), list) in &grouped {
        let names = |status: Status| -> Vec<String> {
            list.iter()
                .filter(|f| f.status == status)
                .filter_map(|f| f.teacher.as_ref().map(|(_, n)| n.to_string()))
                .collect()
        };
        let unmet = names(Status::Unmet);
        let partial = names(Status::Partial);
        let pending = names(Status::InProgress);
        if unmet.is_empty() && pending.is_empty() {
            continue;
        }
        any = true;
        if !unmet.is_empty() {
            let _ = writeln!(
                out,
                "  {bad} {period} {label}：{} 位教师未达到（{}）",
                unmet.len(),
                unmet.join("、")
            );
        }
        if !pending.is_empty() {
            let _ = writeln!(
                out,
                "  {wait} {period} {label}：进行中，{} 位教师尚未达到",
                pending.len()
            );
        }
        if !partial.is_empty() {
            let _ = writeln!(
                out,
                "      学期/学年中途入职或离职，不计为未达到：{}",
                partial.join("、")
            );
        }
    }
    if !any {
        let _ = writeln!(out, "  {ok} 所有规定项目均已达到");
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_count_characters() {
        let line = "参加人员: [王丽, 李明]";
        assert_eq!(&line[span(line, 12, 2)], "李明");
        assert_eq!(&line[span(line, 1, 0)], line);
    }
}
