//! `yanxiu new KIND [TITLE] [--author NAME]`: a record dated today, in its school year's folder
//! for its kind, with the fields and body sections the archive's rules ask of that kind. What
//! only the writer knows (hours, form, …) is left empty with the allowed values beside it, and
//! the check's messages for the new file are shown at once.

use super::create_new;
use crate::archive::document::Document;
use crate::archive::{self, Archive, LoadOptions};
use crate::check::CheckOptions;
use crate::commands::{EXIT_OK, analyse};
use crate::dates::{SchoolYear, Semester};
use crate::error::FatalError;
use crate::kind::Kind;
use crate::report::human::{self, Style};
use crate::roster::Referent;
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, Clone)]
pub struct NewArgs {
    pub dir: PathBuf,
    /// As typed: English or Chinese.
    pub kind: String,
    pub title: Option<String>,
    pub author: Option<String>,
    pub style: Style,
}

pub fn new_record(args: &NewArgs, log: &mut dyn Write) -> Result<i32, FatalError> {
    let kind = Kind::parse(&args.kind).ok_or_else(|| {
        FatalError::Output(format!(
            "不认识的记录类型“{}”。\n提示: 可用 计划、总结、活动、反思、听课、课题（或 plan、summary、session、reflection、observation、research），例如 yanxiu new 反思 \"标题\" --author 姓名",
            args.kind
        ))
    })?;
    let archive = archive::load(&args.dir, &LoadOptions::default())?;
    let author = match (&args.author, kind) {
        (Some(a), _) => Some(known_teacher(&archive, a)?),
        (None, Kind::Reflection | Kind::Observation) => {
            return Err(FatalError::Output(format!(
                "{}记录须写明作者。\n提示: 加上 --author 姓名，例如 yanxiu new {} \"{}\" --author 王丽",
                kind.label(),
                kind.label(),
                args.title.as_deref().unwrap_or("标题")
            )));
        }
        (None, _) => None,
    };
    let today = CheckOptions::from_env().today;
    let year = archive.config.calendar.school_year_of(today);
    let title = args
        .title
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map_or_else(|| format!("新建{}", kind.label()), str::to_string);

    let (_, this_semester) = archive.config.calendar.semester_of(today);
    let semester = match one_a_year(&archive, kind, year, this_semester) {
        Cover::Free => None,
        Cover::OtherSemester => Some(this_semester),
        Cover::Taken { path, draft } => return Err(taken(kind, year, path, draft)),
    };
    let folder = folder_for(&archive, kind, year);
    let stem = match kind {
        // A semester's plan beside the other semester's: 计划-第二学期.md.
        Kind::Plan | Kind::Summary => match semester {
            Some(s) => format!("{}-{}", kind.label(), s.label()),
            None => kind.label().to_string(),
        },
        Kind::Session => format!("{today}-{}", file_safe(&title)),
        Kind::Reflection | Kind::Observation => format!(
            "{}-{}",
            file_safe(author.as_deref().unwrap_or("")),
            file_safe(&title)
        ),
        Kind::Research => file_safe(&title),
    };
    let text = record_text(
        &archive,
        kind,
        &title,
        today,
        (year, semester),
        author.as_deref(),
    );
    let rel = write_unique(&archive, &folder, &stem, &text)?;

    // The new file as the archive now reads it: its problems tell the writer what to fill in.
    let a = analyse(&args.dir, &LoadOptions::default())?;
    let mut out = format!("已新建 {rel}\n");
    let own: Vec<_> = a
        .report
        .diagnostics
        .iter()
        .filter(|d| d.file == rel)
        .collect();
    if own.is_empty() {
        out.push_str("写好正文后保存即可；yanxiu serve 可以边写边看。\n");
    } else {
        out.push_str(&format!(
            "还有 {} 处要补写（写好后 yanxiu check 不再提示）：\n\n",
            own.len()
        ));
        for d in own {
            out.push_str(&human::diagnostic(d, args.style));
            out.push_str("\n\n");
        }
    }
    log.write_all(out.as_bytes())
        .map_err(|e| FatalError::Output(e.to_string()))?;
    Ok(EXIT_OK)
}

/// Whether the school year's plan (or summary) is written already.
enum Cover<'a> {
    /// No plan covers today: none in the year, or `kind` is not a plan or summary.
    Free,
    /// The year's plans are each for a semester, none for today's: a plan for it is wanted.
    OtherSemester,
    /// This plan covers today (the whole year, or today's semester); perhaps a draft still.
    Taken { path: &'a str, draft: bool },
}

/// A year has one plan and one summary, or one for each semester: a second (`计划-2.md`) would
/// leave the sessions' 计划项 to whichever the site takes.
fn one_a_year(archive: &Archive, kind: Kind, year: SchoolYear, today: Semester) -> Cover<'_> {
    if !matches!(kind, Kind::Plan | Kind::Summary) {
        return Cover::Free;
    }
    let theirs: Vec<&Document> = archive
        .documents
        .iter()
        .filter(|d| d.kind == Some(kind) && d.in_year == Some(year))
        .collect();
    if theirs.is_empty() {
        return Cover::Free;
    }
    // The whole year's or today's semester's, a finished one before a draft (the draft is not
    // the one to go on with).
    let covering = theirs
        .into_iter()
        .filter(|d| d.semester.as_ref().is_none_or(|s| s.value == today))
        .min_by_key(|d| d.draft);
    match covering {
        Some(d) => Cover::Taken {
            path: &d.path,
            draft: d.draft,
        },
        None => Cover::OtherSemester,
    }
}

/// Why `new` writes no second plan (or summary) for the year, and what to do instead.
fn taken(kind: Kind, year: SchoolYear, existing: &str, draft: bool) -> FatalError {
    let label = kind.label();
    let ahead = if kind == Kind::Plan {
        let next = SchoolYear(year.0 + 1);
        format!(
            "；提前写{next}学年的计划，请在 {next}/ 文件夹中新建 计划.md（可复制 {existing} 后修改）"
        )
    } else {
        String::new()
    };
    FatalError::Output(if draft {
        format!(
            "{year}学年已有{label}的草稿：{existing}，未新建。\n提示: 请接着修改这份草稿，写好后删去其中的 草稿: 是（或 draft: true），它就计入检查{ahead}"
        )
    } else {
        format!(
            "{year}学年已有{label}：{existing}，未新建。\n提示: 一个学年只有一份{label}（或每学期各一份），请直接修改这个文件{ahead}"
        )
    })
}

/// The author as the roster names them (`周 敏` → 周敏, `T05` → 王芳(T05)); a name two
/// teachers share stops with both ids, an unknown one with the closest name.
fn known_teacher(archive: &Archive, name: &str) -> Result<String, FatalError> {
    let roster = &archive.roster;
    match roster.resolve(name) {
        Referent::Teacher(t) => Ok(roster.display(t)),
        Referent::Ambiguous(who) => {
            // Quoted: a shell reads the brackets of 王芳(T05) as its own.
            let options: Vec<String> = who
                .iter()
                .map(|&t| format!("--author \"{}\"", roster.display(t)))
                .collect();
            Err(FatalError::Output(format!(
                "名册中有不止一位“{name}”，未新建记录。\n提示: 请写明编号：{}",
                options.join(" 或 ")
            )))
        }
        Referent::Group(_) | Referent::Role(_) | Referent::Everyone => {
            Err(FatalError::Output(format!(
                "“{name}”不是一位教师（是教研组、角色或全体教师），未新建记录。\n提示: --author 请写作者本人的姓名"
            )))
        }
        _ => {
            let hint = match archive.roster.suggest(name) {
                Some(s) => format!("是不是“{s}”？请核对 teachers.yaml 中的姓名"),
                None => "请核对 teachers.yaml 中的姓名；同名教师写编号，如 王芳(T05)".to_string(),
            };
            Err(FatalError::Output(format!(
                "“{name}”不是名册中的教师，未新建记录。\n提示: {hint}"
            )))
        }
    }
}

/// Where a record of `kind` for `year` goes: beside the latest such record of that year, else
/// in the year's folder (where its plan or any record of it is) under the folder name the
/// archive uses for the kind, else `<year>/<活动|反思|听课|课题>`. Plans and summaries go in the
/// year's folder itself.
fn folder_for(archive: &Archive, kind: Kind, year: SchoolYear) -> String {
    let parent = |p: &str| {
        p.rsplit_once('/')
            .map_or(String::new(), |(d, _)| d.to_string())
    };
    let docs = &archive.documents;
    if let Some(d) = docs
        .iter()
        .rev()
        .find(|d| d.kind == Some(kind) && d.in_year == Some(year))
    {
        return parent(&d.path);
    }
    let year_folder = docs
        .iter()
        .filter(|d| d.in_year == Some(year))
        .find(|d| matches!(d.kind, Some(Kind::Plan | Kind::Summary)))
        .map(|d| parent(&d.path))
        .unwrap_or_else(|| year.to_string());
    if matches!(kind, Kind::Plan | Kind::Summary) {
        return year_folder;
    }
    // The archive's own name for the kind's folder (反思, reflections, …).
    let name = docs
        .iter()
        .filter(|d| d.kind == Some(kind))
        .filter_map(|d| {
            let folder = parent(&d.path);
            let last = folder.rsplit('/').next()?.to_string();
            (Kind::from_folder(&last) == Some(kind)).then_some(last)
        })
        .next_back()
        .unwrap_or_else(|| kind.label().to_string());
    if year_folder.is_empty() {
        name
    } else {
        format!("{year_folder}/{name}")
    }
}

/// A title as part of a file name on every system: no separators or characters Windows
/// refuses, no spaces, at most 30 characters.
fn file_safe(text: &str) -> String {
    let cleaned: String = text
        .chars()
        .filter(|c| !c.is_control())
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '-',
            c if c.is_whitespace() => '-',
            c => c,
        })
        .take(30)
        .collect();
    let trimmed = cleaned.trim_matches(['-', '.']);
    if trimmed.is_empty() {
        "未命名".to_string()
    } else {
        trimmed.to_string()
    }
}

/// Writes the record as `folder/stem.md`, or `stem-2.md`, `stem-3.md` … when taken; returns
/// its archive-relative path.
fn write_unique(
    archive: &Archive,
    folder: &str,
    stem: &str,
    text: &str,
) -> Result<String, FatalError> {
    for n in 1.. {
        let name = if n == 1 {
            format!("{stem}.md")
        } else {
            format!("{stem}-{n}.md")
        };
        let rel = if folder.is_empty() {
            name
        } else {
            format!("{folder}/{name}")
        };
        if create_new(&archive.root.join(&rel), text)? {
            return Ok(rel);
        }
    }
    unreachable!("some numbered name is free")
}

/// `period`: the school year, and for a semester's plan or summary, the semester.
fn record_text(
    archive: &Archive,
    kind: Kind,
    title: &str,
    today: chrono::NaiveDate,
    (year, semester): (SchoolYear, Option<Semester>),
    author: Option<&str>,
) -> String {
    let rules = &archive.config.rules;
    let choices = |values: &[String]| -> String {
        if values.is_empty() {
            String::new()
        } else {
            format!("# 可选：{}", values.join("、"))
        }
    };
    let form = rules.forms_for(kind).map(choices).unwrap_or_default();
    let domain = choices(&rules.domains);
    let mut fm = vec![format!("标题: {}", yaml_text(title))];
    let mut field = |key: &str, value: &str, note: &str| {
        let line = match (value.is_empty(), note.is_empty()) {
            (_, true) => format!("{key}: {value}"),
            (true, false) => format!("{key}:   {note}"),
            (false, false) => format!("{key}: {value}   {note}"),
        };
        fm.push(line.trim_end().to_string());
    };
    match kind {
        Kind::Plan | Kind::Summary => {
            // In the year's own folder, where no folder name gives the kind.
            field("类型", kind.label(), "");
            field("学年", &format!("\"{year}\""), "");
            if let Some(s) = semester {
                field("学期", s.label(), "");
            }
        }
        _ => field("日期", &today.to_string(), ""),
    }
    let author = author.unwrap_or("");
    match kind {
        Kind::Session => {
            field("形式", "", &form);
            field("主讲人", author, "");
            field("学时", "", "# 如 2 或 1.5（0.5 的整数倍）");
            // Left for the writer as the hours are: a template that said 全体教师 would credit
            // the whole staff for a session the writer forgot to fill in.
            field(
                "参加人员",
                "",
                "# 如 全体教师，或教研组、角色、姓名，多项写成 [语文组, 王丽]",
            );
            field("缺席", "[]", "");
            field("请假", "[]", "");
            field("地点", "", "");
            field("领域", "", &domain);
        }
        Kind::Reflection => {
            field("作者", author, "");
            field("形式", "", &form);
            field("领域", "", &domain);
            field(
                "# 关联活动",
                "",
                "# 相关活动记录的路径，如 ../活动/2024-09-12-集体备课.md",
            );
        }
        Kind::Observation => {
            field("作者", author, "");
            field("授课教师", "", "");
            field("学科", "", "");
            field("班级", "", "");
            field("形式", "", &form);
            field("领域", "", &domain);
        }
        Kind::Research => {
            field("负责人", author, "");
            field("成员", "[]", "");
            field("级别", "", &choices(&rules.levels));
            field("阶段", "", &choices(&rules.stages));
            field("领域", "", &domain);
        }
        Kind::Plan | Kind::Summary => {}
    }
    field("标签", "[]", "");
    let mut text = format!("---\n{}\n---\n\n", fm.join("\n"));
    let sections = rules.sections.get(&kind).map(Vec::as_slice).unwrap_or(&[]);
    for s in sections {
        text.push_str(&format!("## {s}\n\n\n"));
    }
    text
}

/// A title as a YAML value: quoted when YAML would read it as something else.
pub(super) fn yaml_text(s: &str) -> String {
    let plain = !s.is_empty()
        && !s.starts_with([
            ' ', '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"',
            '%', '@', '`',
        ])
        && !s.contains(": ")
        && !s.contains(['\n', '\r', '\t'])
        && !s.contains(" #")
        && !s.ends_with([' ', ':'])
        && s.parse::<f64>().is_err()
        && !matches!(s, "true" | "false" | "null" | "~" | "yes" | "no");
    if plain {
        s.to_string()
    } else {
        serde_json::to_string(s).expect("a string")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_become_file_names_on_every_system() {
        assert_eq!(file_safe("读《课标》有感"), "读《课标》有感");
        assert_eq!(file_safe("a/b\\c: d?"), "a-b-c--d");
        assert_eq!(file_safe("  ..  "), "未命名");
        assert_eq!(file_safe(&"长".repeat(40)).chars().count(), 30);
    }

    #[test]
    fn titles_yaml_would_misread_are_quoted() {
        assert_eq!(yaml_text("读书心得"), "读书心得");
        assert_eq!(yaml_text("2024"), "\"2024\"");
        assert_eq!(yaml_text("[草稿] 反思"), "\"[草稿] 反思\"");
        assert_eq!(yaml_text("反思: 第一次"), "\"反思: 第一次\"");
    }
}
