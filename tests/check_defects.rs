//! `yanxiu check tests/fixtures/defects --format json` against the diagnostic table
//! (DESIGN.md §2, §3, §5, §7): one fixture file per defect, each otherwise valid, plus fully
//! valid records that must produce nothing.

mod common;

use std::collections::BTreeSet;
use std::fs;
use std::sync::OnceLock;

use common::*;

#[derive(Debug, Clone, Copy)]
enum Line {
    Null,
    At(u64),
    /// Y102: "null or 1".
    NullOr1,
}

impl Line {
    fn matches(self, got: Option<u64>) -> bool {
        match self {
            Line::Null => got.is_none(),
            Line::At(n) => got == Some(n),
            Line::NullOr1 => got.is_none() || got == Some(1),
        }
    }
}

struct Expect {
    file: &'static str,
    code: &'static str,
    severity: &'static str,
    line: Line,
}

const fn e(file: &'static str, code: &'static str, severity: &'static str, line: Line) -> Expect {
    Expect {
        file,
        code,
        severity,
        line,
    }
}

const ERR: &str = "error";
const WARN: &str = "warning";

/// Every defect file of the fixture and the one diagnostic it must produce.
const DEFECTS: &[Expect] = &[
    e(
        "2024-2025/反思/y101-malformed-yaml.md",
        "Y101",
        ERR,
        Line::At(6),
    ),
    e(
        "2024-2025/反思/y102-no-front-matter.md",
        "Y102",
        ERR,
        Line::NullOr1,
    ),
    e(
        "2024-2025/反思/y102-unclosed.md",
        "Y102",
        ERR,
        Line::NullOr1,
    ),
    e(
        "2024-2025/反思/y103-fullwidth-colon.md",
        "Y103",
        WARN,
        Line::At(4),
    ),
    e(
        "2024-2025/反思/y104-unknown-key.md",
        "Y104",
        WARN,
        Line::At(6),
    ),
    e(
        "2024-2025/反思/y105-both-forms.md",
        "Y105",
        ERR,
        Line::At(6),
    ),
    e(
        "2024-2025/活动/y106-wrong-type.md",
        "Y106",
        ERR,
        Line::At(7),
    ),
    // a draft: same code, but only a warning
    e(
        "2024-2025/活动/y106-draft-wrong-type.md",
        "Y106",
        WARN,
        Line::At(8),
    ),
    e("2024-2025/活动/y107-bad-hours.md", "Y107", ERR, Line::At(6)),
    e(
        "2024-2025/反思/y108-impossible-date.md",
        "Y108",
        ERR,
        Line::At(3),
    ),
    e(
        "2024-2025/反思/y109-future-date.md",
        "Y109",
        WARN,
        Line::At(3),
    ),
    // In 2024-2025/ but dated in a later school year (as is y109's future date): counted in the
    // year of its date, so the folder's year loses it without a word.
    e(
        "2024-2025/反思/y109-future-date.md",
        "Y117",
        WARN,
        Line::At(3),
    ),
    e(
        "2024-2025/反思/y117-year-folder.md",
        "Y117",
        WARN,
        Line::At(3),
    ),
    // 2025-2026 has no other record: that year is in the archive only because of this one.
    e(
        "2024-2025/反思/y117-year-folder.md",
        "Y118",
        WARN,
        Line::At(3),
    ),
    // Nothing under the front matter: it meets no requirement and earns no hours until written.
    e(
        "2024-2025/反思/y119-empty-body.md",
        "Y119",
        WARN,
        Line::At(7),
    ),
    e(
        "2024-2025/反思/y110-missing-author.md",
        "Y110",
        ERR,
        Line::Null,
    ),
    // Written with nothing after the colon: shown at that line, never silently uncredited.
    e(
        "2024-2025/活动/y110-empty-hours.md",
        "Y110",
        ERR,
        Line::At(6),
    ),
    e(
        "2024-2025/反思/y110-empty-date.md",
        "Y110",
        ERR,
        Line::At(3),
    ),
    e(
        "2024-2025/活动/y111-missing-section.md",
        "Y111",
        WARN,
        Line::Null,
    ),
    e("2024-2025/活动/y112-bad-form.md", "Y112", ERR, Line::At(5)),
    e("2024-2025/y113-no-kind.md", "Y113", ERR, Line::Null),
    e("2024-2025/y113-unknown-kind.md", "Y113", ERR, Line::At(4)),
    e(
        "2024-2025/反思/y201-unknown-name.md",
        "Y201",
        ERR,
        Line::At(4),
    ),
    e(
        "2024-2025/反思/y202-ambiguous-name.md",
        "Y202",
        ERR,
        Line::At(4),
    ),
    e(
        "2024-2025/反思/y203-inactive-author.md",
        "Y203",
        WARN,
        Line::At(4),
    ),
    e(
        "2024-2025/活动/y204-absent-not-attendee.md",
        "Y204",
        ERR,
        Line::At(8),
    ),
    e(
        "2024-2025/活动/y206-near-speaker.md",
        "Y206",
        WARN,
        Line::At(4),
    ),
    // A damaged file: its NUL characters are taken out, said, and never reach a page.
    e("2024-2025/反思/y405-nul.md", "Y405", WARN, Line::Null),
    // Hours on a reflection count for nothing: the teacher is told so at the line.
    e(
        "2024-2025/反思/y114-hours-on-reflection.md",
        "Y114",
        WARN,
        Line::At(6),
    ),
    // The section is there, as a third-level heading: shown at its line.
    e(
        "2024-2025/活动/y111-wrong-heading.md",
        "Y111",
        WARN,
        Line::At(14),
    ),
    // Notepad's default: a record saved as text is not read, and said so.
    e(
        "2024-2025/反思/y404-saved-as-text.md.txt",
        "Y404",
        WARN,
        Line::Null,
    ),
    // Unreadable front matter: the body's gaps are still reported in the same pass.
    e(
        "2024-2025/活动/y101-body-still-checked.md",
        "Y101",
        ERR,
        Line::At(8),
    ),
    e(
        "2024-2025/活动/y101-body-still-checked.md",
        "Y111",
        WARN,
        Line::Null,
    ),
    e(
        "2024-2025/活动/y101-body-still-checked.md",
        "Y304",
        WARN,
        Line::At(13),
    ),
    e(
        "2024-2025/活动/y201-names-with-spaces.md",
        "Y201",
        ERR,
        Line::At(7),
    ),
    e(
        "2024-2025/反思/y103-full-width-space.md",
        "Y103",
        WARN,
        Line::At(4),
    ),
    // The closing `---` forgotten: said at the first line of the body, not at a later `---`.
    e(
        "2024-2025/反思/y101-no-closing-dashes.md",
        "Y101",
        ERR,
        Line::At(7),
    ),
    // `［王丽，李明，张华］`: read as three teachers, not `［王丽` and `张华］` (no Y201).
    e(
        "2024-2025/活动/y116-full-width-brackets.md",
        "Y116",
        WARN,
        Line::At(7),
    ),
    // A teacher named politely (`陈静老师`) would be taken for an outsider and earn nothing.
    e(
        "2024-2025/活动/y206-speaker-with-title.md",
        "Y206",
        WARN,
        Line::At(4),
    ),
    // Two people where one goes: one error saying where the other goes, not Y106 and Y110.
    e(
        "2024-2025/活动/y207-two-speakers.md",
        "Y207",
        ERR,
        Line::At(4),
    ),
    e(
        "2024-2025/反思/y207-two-authors.md",
        "Y207",
        ERR,
        Line::At(4),
    ),
    // Minutes, a date without its year, a date in Chinese quotes: each said for what it is.
    e(
        "2024-2025/活动/y106-hours-in-minutes.md",
        "Y106",
        ERR,
        Line::At(7),
    ),
    e("2024-2025/反思/y108-no-year.md", "Y108", ERR, Line::At(3)),
    e(
        "2024-2025/反思/y108-quoted-date.md",
        "Y108",
        ERR,
        Line::At(3),
    ),
    // `作者:李明`: no space after the colon. Read as meant, said at its own line.
    e("2024-2025/反思/y103-no-space.md", "Y103", WARN, Line::At(4)),
    e(
        "2024-2025/活动/y205-no-attendees.md",
        "Y205",
        ERR,
        Line::At(7),
    ),
    e(
        "2024-2025/反思/y301-missing-session.md",
        "Y301",
        ERR,
        Line::At(6),
    ),
    e(
        "2024-2025/活动/y302-bad-plan-item.md",
        "Y302",
        ERR,
        Line::At(8),
    ),
    e(
        "2024-2025/反思/y303-missing-attachment.md",
        "Y303",
        ERR,
        Line::At(7),
    ),
    e(
        "2024-2025/反思/y304-broken-link.md",
        "Y304",
        WARN,
        Line::At(10),
    ),
    e(
        "2024-2025/反思/y305-outside-path.md",
        "Y305",
        ERR,
        Line::At(6),
    ),
    // An attachment entry left empty, in each way a teacher leaves one: at the entry's line.
    e(
        "2024-2025/反思/y306-empty-attachment.md",
        "Y306",
        ERR,
        Line::At(8),
    ),
    e(
        "2024-2025/反思/y306-empty-attachment-quoted.md",
        "Y306",
        ERR,
        Line::At(7),
    ),
    e(
        "2024-2025/反思/y306-empty-attachment-flow.md",
        "Y306",
        ERR,
        Line::At(6),
    ),
    // same kind, date, title and author: reported on both files
    e("2024-2025/反思/y401-dup-a.md", "Y401", WARN, Line::Null),
    e("2024-2025/反思/y401-dup-b.md", "Y401", WARN, Line::Null),
    // same body under different titles and authors
    e("2024-2025/反思/y401-body-a.md", "Y401", WARN, Line::Null),
    e("2024-2025/反思/y401-body-b.md", "Y401", WARN, Line::Null),
    e("2024-2025/反思/y402-gbk.md", "Y402", WARN, Line::Null),
    // ` #` in a title starts a note to YAML: the rest of the title would be lost unsaid.
    e(
        "2024-2025/反思/y115-hash-in-title.md",
        "Y115",
        WARN,
        Line::At(2),
    ),
];

/// Files of the fixture that must produce no diagnostic at all.
const VALID: &[&str] = &[
    "yanxiu.yaml",
    "teachers.yaml",
    "2024-2025/计划.md",
    "2024-2025/总结.md",
    // Chinese keys, `类型: 反思` outside a kind folder, `2024年11月20日`, `陈 静`, `扩展`
    "2024-2025/随笔-陈静.md",
    // group attendees, `/`-rooted attachment, plan_item "1"
    "2024-2025/活动/2024-09-12-集体备课.md",
    // speaker outside the roster, absent/leave among attendees, 1.5 hours, title with `：`,
    // a teacher who joined on 2025-03-01, plan_item "2", relative attachment
    "2024-2025/活动/2025-03-20-同课异构.md",
    // `session` and a Markdown link to an existing record, an external link
    "2024-2025/反思/王丽-小数的意义.md",
    // namesake written `王芳(T05)`, date `2024/10/10`, title with `：`
    "2024-2025/反思/王芳-读书心得.md",
    // two teachers may give one title to their reflections on one day
    "2024-2025/反思/同题-王丽.md",
    "2024-2025/反思/同题-李明.md",
    // UTF-8 with BOM and CRLF line ends
    "2024-2025/反思/bom-crlf.md",
    // `.MD`, as Windows may keep it: read as a record
    "2024-2025/反思/陈静-大写扩展名.MD",
    // (the earlier file of each duplicate pair is not here: both files of a pair carry Y401)
    "2024-2025/听课/2024-11-05-公开课.md",
    // namesake written by bare id `T05`
    "2024-2025/课题/分层作业设计.md",
    "附件/签到表-0912.pdf",
    "附件/签到表-0320.pdf",
];

fn defects() -> &'static (Run, Vec<Diag>) {
    static RUN: OnceLock<(Run, Vec<Diag>)> = OnceLock::new();
    RUN.get_or_init(|| check_json(&fixture("defects"), &[]))
}

fn diags_of<'a>(diags: &'a [Diag], file: &str) -> Vec<&'a Diag> {
    diags.iter().filter(|d| d.file == file).collect()
}

fn owned(diags: Vec<&Diag>) -> Vec<Diag> {
    diags.into_iter().cloned().collect()
}

#[test]
fn the_table_covers_every_file_of_the_fixture() {
    let listed: BTreeSet<&str> = DEFECTS
        .iter()
        .map(|x| x.file)
        .chain(VALID.iter().copied())
        .collect();
    let on_disk = list_files(&fixture("defects"));
    let unlisted: Vec<&String> = on_disk
        .iter()
        .filter(|f| !listed.contains(f.as_str()))
        .collect();
    assert!(
        unlisted.is_empty(),
        "fixture files missing from the test table: {unlisted:?}"
    );
    for f in &listed {
        assert!(
            on_disk.iter().any(|d| d == f),
            "the test table names {f}, which is not in the fixture"
        );
    }
}

#[test]
fn json_files_are_relative_slash_separated_and_exist() {
    let (run, diags) = defects();
    let root = fixture("defects");
    for d in diags {
        assert!(
            !d.file.starts_with('/') && !d.file.contains('\\') && !d.file.contains("fixtures"),
            "`file` must be relative to DIR with '/' separators: {d}\n{}",
            run.describe()
        );
        assert!(
            root.join(&d.file).exists(),
            "`file` names no file of the archive: {d}"
        );
    }
}

#[test]
fn every_defect_is_reported_with_its_code_severity_and_line() {
    let (run, diags) = defects();
    let mut failures = Vec::new();
    for x in DEFECTS {
        let found = diags.iter().any(|d| {
            d.file == x.file
                && d.code == x.code
                && d.severity == x.severity
                && x.line.matches(d.line)
        });
        if !found {
            failures.push(format!(
                "{}: expected {} {} at line {:?}; got for this file:\n{}",
                x.file,
                x.severity,
                x.code,
                x.line,
                list_diags(&owned(diags_of(diags, x.file)))
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} defects not reported as expected:\n{}\n\nexit code {:?}, stderr:\n{}",
        failures.len(),
        DEFECTS.len(),
        failures.join("\n"),
        run.code,
        run.stderr
    );
}

#[test]
fn defect_files_report_no_other_problem() {
    let (_, diags) = defects();
    let mut failures = Vec::new();
    let files: BTreeSet<&str> = DEFECTS.iter().map(|x| x.file).collect();
    for file in files {
        let allowed: Vec<&str> = DEFECTS
            .iter()
            .filter(|x| x.file == file)
            .map(|x| x.code)
            .collect();
        let extra: Vec<Diag> = owned(
            diags_of(diags, file)
                .into_iter()
                .filter(|d| !allowed.contains(&d.code.as_str()))
                .collect(),
        );
        if !extra.is_empty() {
            failures.push(format!(
                "{file} (expected only {allowed:?}):\n{}",
                list_diags(&extra)
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "unexpected extra diagnostics:\n{}",
        failures.join("\n")
    );
}

#[test]
fn defects_are_reported_once() {
    let (_, diags) = defects();
    let mut failures = Vec::new();
    for x in DEFECTS {
        let same: Vec<Diag> = owned(
            diags_of(diags, x.file)
                .into_iter()
                .filter(|d| d.code == x.code)
                .collect(),
        );
        if same.len() > 1 {
            failures.push(format!(
                "{} reports {} {} times:\n{}",
                x.file,
                x.code,
                same.len(),
                list_diags(&same)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn valid_records_have_no_diagnostics() {
    let (_, diags) = defects();
    let mut failures = Vec::new();
    for file in VALID {
        let found = owned(diags_of(diags, file));
        if !found.is_empty() {
            failures.push(format!("{file}:\n{}", list_diags(&found)));
        }
    }
    assert!(
        failures.is_empty(),
        "valid files have diagnostics:\n{}",
        failures.join("\n")
    );
}

#[test]
fn messages_are_chinese() {
    let (run, diags) = defects();
    assert!(
        !diags.is_empty(),
        "no diagnostics at all:\n{}",
        run.describe()
    );
    let bad: Vec<Diag> = diags
        .iter()
        .filter(|d| d.message.trim().is_empty() || !has_cjk(&d.message))
        .cloned()
        .collect();
    assert!(
        bad.is_empty(),
        "messages must be non-empty Chinese:\n{}",
        list_diags(&bad)
    );
}

#[test]
fn unknown_key_and_unknown_name_get_a_did_you_mean() {
    let (_, diags) = defects();
    let key = diags_of(diags, "2024-2025/反思/y104-unknown-key.md")
        .into_iter()
        .find(|d| d.code == "Y104")
        .expect("Y104 reported for `tag:`");
    let help = key.help.as_deref().unwrap_or("");
    assert!(
        help.contains("tags") || help.contains("标签"),
        "Y104 help should suggest `tags` for `tag`: {key}"
    );

    let name = diags_of(diags, "2024-2025/反思/y201-unknown-name.md")
        .into_iter()
        .find(|d| d.code == "Y201")
        .expect("Y201 reported for `李铭`");
    let help = name.help.as_deref().unwrap_or("");
    assert!(
        help.contains("李明"),
        "Y201 help should suggest 李明 for 李铭: {name}"
    );
    // A reflection's author must be a teacher: no advice to list them as a guest.
    assert!(!help.contains("来宾"), "{name}");

    let speaker = diags_of(diags, "2024-2025/活动/y206-near-speaker.md")
        .into_iter()
        .find(|d| d.code == "Y206")
        .expect("Y206 reported for `陈净`");
    assert!(speaker.message.contains("陈净"), "{speaker}");
    assert!(
        speaker.help.as_deref().unwrap_or("").contains("陈静"),
        "{speaker}"
    );

    let spaced = diags_of(diags, "2024-2025/活动/y201-names-with-spaces.md")
        .into_iter()
        .find(|d| d.code == "Y201")
        .expect("Y201 reported for `王丽 李明 张华`");
    assert!(
        spaced
            .help
            .as_deref()
            .unwrap_or("")
            .contains("王丽、李明、张华"),
        "{spaced}"
    );
}

#[test]
fn messages_name_the_offending_value() {
    // A teacher must recognise what is wrong without opening the file.
    let (_, diags) = defects();
    let cases = [
        ("2024-2025/反思/y201-unknown-name.md", "Y201", "李铭"),
        ("2024-2025/反思/y202-ambiguous-name.md", "Y202", "王芳"),
        ("2024-2025/反思/y203-inactive-author.md", "Y203", "赵敏"),
        ("2024-2025/活动/y204-absent-not-attendee.md", "Y204", "李明"),
        ("2024-2025/活动/y112-bad-form.md", "Y112", "茶话会"),
        ("2024-2025/活动/y302-bad-plan-item.md", "Y302", "9"),
        // No stray space between the key and the words after it.
        (
            "2024-2025/活动/y106-wrong-type.md",
            "Y106",
            "学时应为数字，这里是“两小时”",
        ),
    ];
    let mut failures = Vec::new();
    for (file, code, needle) in cases {
        match diags_of(diags, file).into_iter().find(|d| d.code == code) {
            Some(d) if d.message.contains(needle) => {}
            Some(d) => failures.push(format!("{code} message should name `{needle}`: {d}")),
            None => failures.push(format!("{file}: no {code}")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_title_cut_short_by_a_hash_says_what_was_kept_and_how_to_keep_it() {
    let (_, diags) = defects();
    let d = diags_of(diags, "2024-2025/反思/y115-hash-in-title.md")
        .into_iter()
        .find(|d| d.code == "Y115")
        .expect("Y115 for `标题: 读《草房子》 #1 第一章`");
    // At the `#`, naming the key and what was kept.
    assert_eq!(d.column, Some(12), "{d}");
    assert!(
        d.message.contains("标题") && d.message.contains("只读到了“读《草房子》”"),
        "{d}"
    );
    assert_eq!(
        d.help.as_deref(),
        Some("要保留整段文字，请给它加上半角引号：标题: \"读《草房子》 #1 第一章\""),
        "{d}"
    );
}

#[test]
fn a_missing_space_after_the_colon_is_said_at_its_line_and_mended() {
    let (_, diags) = defects();
    let d = diags_of(diags, "2024-2025/反思/y103-no-space.md")
        .into_iter()
        .find(|d| d.code == "Y103")
        .expect("Y103 for `作者:李明`");
    assert_eq!((d.line, d.column), (Some(4), Some(4)), "{d}");
    assert_eq!(
        d.message, "“作者:”后面少了一个空格，已按“作者: 李明”读取",
        "{d}"
    );
    assert_eq!(
        d.help.as_deref(),
        Some("在冒号后加一个半角空格，写成 作者: 李明"),
        "{d}"
    );
}

#[test]
fn a_forgotten_closing_line_is_said_in_chinese_at_the_first_body_line() {
    let (_, diags) = defects();
    let d = diags_of(diags, "2024-2025/反思/y101-no-closing-dashes.md")
        .into_iter()
        .find(|d| d.code == "Y101")
        .expect("Y101 for the missing closing ---");
    assert!(
        d.message
            .contains("“今天读了《给教师的建议》，摘录几条体会。”不是“键: 值”")
            && d.message.contains("少了结束的 ---"),
        "{d}"
    );
    assert!(
        d.help
            .as_deref()
            .unwrap_or("")
            .contains("在它上面单独加一行 ---"),
        "{d}"
    );
}

#[test]
fn front_matter_messages_use_no_parser_words() {
    // What a teacher cannot act on: the parser's English, or the words YAML and 解析器.
    let (_, diags) = defects();
    let bad: Vec<Diag> = diags
        .iter()
        .filter(|d| {
            let text = format!("{} {}", d.message, d.help.as_deref().unwrap_or(""));
            text.contains("YAML")
                || text.contains("解析器")
                || text.contains("前置元数据")
                || text.contains("not allowed")
                || text.contains("expected")
        })
        .cloned()
        .collect();
    assert!(bad.is_empty(), "{}", list_diags(&bad));
}

#[test]
fn a_speaker_with_a_title_or_several_people_in_a_one_person_field_get_the_exact_fix() {
    // These fixtures write English keys (`speaker:`, `author:`): messages and fixes use them.
    let (_, diags) = defects();
    let find = |file: &str, code: &str| {
        diags_of(diags, file)
            .into_iter()
            .find(|d| d.code == code)
            .unwrap_or_else(|| panic!("no {code} on {file}"))
            .clone()
    };
    let titled = find("2024-2025/活动/y206-speaker-with-title.md", "Y206");
    assert_eq!(
        titled.message,
        "speaker “陈静老师”不在名册中，按校外人员处理，不计学时"
    );
    assert_eq!(
        titled.help.as_deref(),
        Some(
            "名册中有“陈静”：只写姓名，写成 speaker: 陈静（不必加“老师”）；确为校外人员则不必理会"
        )
    );
    let speakers = find("2024-2025/活动/y207-two-speakers.md", "Y207");
    assert_eq!(
        speakers.message,
        "speaker 只能写一位，这里写了 2 位：陈静、王丽"
    );
    assert_eq!(
        speakers.help.as_deref(),
        Some("写成 speaker: 陈静；其他人写进 attendees（王丽），同样计学时")
    );
    let authors = find("2024-2025/反思/y207-two-authors.md", "Y207");
    assert_eq!(
        authors.message,
        "author 只能写一位，这里写了 2 位：李明、张华"
    );
    assert_eq!(
        authors.help.as_deref(),
        Some("一篇记录只有一位作者：写成 author: 李明；合写的请每人各写一篇")
    );
}

#[test]
fn minutes_a_missing_year_and_quoted_dates_are_said_for_what_they_are() {
    let (_, diags) = defects();
    let mut failures = Vec::new();
    for (file, code, message, help) in [
        (
            "2024-2025/活动/y106-hours-in-minutes.md",
            "Y106",
            "学时按小时计，这里写的是分钟：“90分钟”",
            "90 分钟即 1.5 学时，写成 学时: 1.5",
        ),
        (
            "2024-2025/反思/y108-no-year.md",
            "Y108",
            "日期“9月3日”缺少年份",
            "写上年份：记录在 2024-2025/ 文件夹中，应是 日期: 2024年9月3日",
        ),
        (
            "2024-2025/反思/y108-quoted-date.md",
            "Y108",
            "日期““2024-10-23””带了引号",
            "去掉引号，写成 日期: 2024-10-23",
        ),
    ] {
        match diags_of(diags, file).into_iter().find(|d| d.code == code) {
            Some(d) if d.message == message && d.help.as_deref() == Some(help) => {}
            Some(d) => failures.push(format!("{file}: {d}")),
            None => failures.push(format!("{file}: no {code}")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn draft_problems_are_warnings_only() {
    let (_, diags) = defects();
    let draft = owned(diags_of(diags, "2024-2025/活动/y106-draft-wrong-type.md"));
    assert!(
        draft.iter().any(|d| d.code == "Y106"),
        "the draft's wrong hours must still be reported (as Y106):\n{}",
        list_diags(&draft)
    );
    assert!(
        draft.iter().all(|d| d.severity == "warning"),
        "a draft's problems are warnings only:\n{}",
        list_diags(&draft)
    );
}

#[test]
fn duplicates_are_reported_on_both_files_each_naming_the_other() {
    // A copy's name (`…(1).md`, `… - 副本.md`) may sort before the original's: the warning on
    // one file only was as likely to miss the copy as to find it.
    let (_, diags) = defects();
    for (a, b) in [
        (
            "2024-2025/反思/y401-dup-a.md",
            "2024-2025/反思/y401-dup-b.md",
        ),
        (
            "2024-2025/反思/y401-body-a.md",
            "2024-2025/反思/y401-body-b.md",
        ),
    ] {
        for (this, other) in [(a, b), (b, a)] {
            let on = owned(
                diags_of(diags, this)
                    .into_iter()
                    .filter(|d| d.code == "Y401")
                    .collect(),
            );
            assert_eq!(
                on.len(),
                1,
                "exactly one Y401 on {this}:\n{}",
                list_diags(&on)
            );
            assert!(
                on[0].message.contains(other),
                "the Y401 on {this} names {other}: {}",
                on[0]
            );
            // Different bodies of one title (dup: 第一次/第二次提交, two reflections) or
            // different authors (body): not one record filed twice, so both are credited and
            // the message says nothing of it.
            assert!(!on[0].message.contains("不重复计"), "{}", on[0]);
        }
    }
}

#[test]
fn duplicate_warning_names_the_earlier_file() {
    // Beyond the bare contract: a Y401 that does not say which record it duplicates cannot be acted on.
    let (_, diags) = defects();
    for (a, b) in [
        ("y401-dup-a.md", "2024-2025/反思/y401-dup-b.md"),
        ("y401-body-a.md", "2024-2025/反思/y401-body-b.md"),
    ] {
        let d = diags_of(diags, b)
            .into_iter()
            .find(|d| d.code == "Y401")
            .unwrap_or_else(|| panic!("no Y401 on {b}"));
        let text = format!("{} {}", d.message, d.help.as_deref().unwrap_or(""));
        assert!(
            text.contains(a),
            "the duplicate warning on {b} should name {a}: {d}"
        );
    }
}

#[test]
fn namesake_without_id_in_roster_is_y004() {
    let (run, diags) = check_json(&fixture("roster-namesake"), &[]);
    let found = diags
        .iter()
        .find(|d| d.code == "Y004")
        .unwrap_or_else(|| panic!("no Y004:\n{}\n{}", list_diags(&diags), run.describe()));
    assert_eq!(found.file, "teachers.yaml", "{found}");
    assert_eq!(found.severity, "error", "{found}");
    assert_eq!(
        found.line,
        Some(11),
        "Y004 at the later 张伟 (line 11): {found}"
    );
    assert!(
        found.message.contains("张伟"),
        "Y004 should name 张伟: {found}"
    );
    assert_eq!(
        run.code,
        Some(1),
        "Y004 is an error, not a cannot-run:\n{}",
        run.describe()
    );
}

#[test]
fn every_problem_of_one_file_is_reported() {
    let (_tmp, archive) = scratch_copy("clean");
    fs::write(
        archive.join("2024-2025/活动/2024-11-14-多处错误.md"),
        "---\n\
         title: 多处错误的活动\n\
         date: 2024-11-14\n\
         speaker: 王丽\n\
         form: 茶话会\n\
         hours: 0.7\n\
         attendees: [王莉莉, 李明]\n\
         ---\n\
         \n\
         ## 研讨记录\n\
         \n\
         三个错误都应报告。\n",
    )
    .unwrap();
    let (run, diags) = check_json(&archive, &[]);
    let file = "2024-2025/活动/2024-11-14-多处错误.md";
    let mine = owned(diags_of(&diags, file));
    for (code, line) in [
        ("Y112", Some(5)),
        ("Y107", Some(6)),
        ("Y201", Some(7)),
        ("Y111", None),
    ] {
        assert!(
            mine.iter().any(|d| d.code == code && d.line == line),
            "{code} at line {line:?} missing; got:\n{}\n{}",
            list_diags(&mine),
            run.describe()
        );
    }
}

#[cfg(unix)]
#[test]
fn symlink_leading_outside_the_archive_is_y305() {
    let (tmp, archive) = scratch_copy("clean");
    let outside = tmp.path().join("outside-secret.pdf");
    fs::write(&outside, "not part of the archive").unwrap();
    std::os::unix::fs::symlink(&outside, archive.join("附件/外部.pdf")).unwrap();
    fs::create_dir_all(archive.join("2024-2025/反思")).unwrap();
    fs::write(
        archive.join("2024-2025/反思/链接越界.md"),
        "---\n\
         title: 附件是指向档案外的符号链接\n\
         date: 2024-11-15\n\
         author: 王丽\n\
         form: 反思日记\n\
         attachments: [/附件/外部.pdf]\n\
         ---\n\
         \n\
         附件看似在档案内，实际指向档案外。\n",
    )
    .unwrap();
    let (run, diags) = check_json(&archive, &[]);
    let mine = owned(diags_of(&diags, "2024-2025/反思/链接越界.md"));
    assert!(
        mine.iter()
            .any(|d| d.code == "Y305" && d.severity == "error" && d.line == Some(6)),
        "a symlink pointing outside is Y305 at the key line 6; got:\n{}\n{}",
        list_diags(&mine),
        run.describe()
    );
    assert_eq!(run.code, Some(1), "{}", run.describe());
}

#[test]
fn a_missing_session_suggests_the_closest_session_records() {
    let (_tmp, archive) = scratch_copy("clean");
    fs::create_dir_all(archive.join("2024-2025/反思")).unwrap();
    let first = "../活动/2024-10-10-集体备课.md（2024-10-10 第一学期集体备课）";
    let second = "../活动/2025-03-12-集体备课.md（2025-03-12 第二学期集体备课）";
    // What the teacher wrote, what the help must offer, and what it must not.
    let cases: &[(&str, &[&str], &[&str])] = &[
        // a typo in the topic: the date picks the session
        ("../活动/2024-10-10-集体被课.md", &[first], &[second]),
        // the date alone, or written the Chinese way
        ("../活动/2024-10-10.md", &[first], &[second]),
        ("../活动/2024年10月10日集体备课.md", &[first], &[second]),
        // the session's title as the file name
        ("../活动/第一学期集体备课.md", &[first], &[second]),
        // a topic two sessions share: both, the nearer in date first
        ("../活动/集体备课.md", &[first, second], &[]),
    ];
    for (i, (written, _, _)) in cases.iter().enumerate() {
        fs::write(
            archive.join(format!("2024-2025/反思/r{i}.md")),
            format!(
                "---\ntitle: 反思{i}\ndate: 2024-11-0{}\nauthor: 王丽\nform: 反思日记\nsession: {written}\n---\n\n正文{i}。\n",
                i + 1
            ),
        )
        .unwrap();
    }
    let (run, diags) = check_json(&archive, &[]);
    for (i, (written, offered, not)) in cases.iter().enumerate() {
        let file = format!("2024-2025/反思/r{i}.md");
        let d = diags
            .iter()
            .find(|d| d.file == file && d.code == "Y301")
            .unwrap_or_else(|| panic!("no Y301 for {written}:\n{}", run.describe()));
        assert_eq!(d.line, Some(6), "{d}");
        let help = d.help.as_deref().unwrap_or("");
        assert!(help.starts_with("是不是"), "{written}: {d}");
        let mut at = 0;
        for o in *offered {
            let found = help[at..]
                .find(o)
                .unwrap_or_else(|| panic!("{written}: help should offer {o} (in order): {d}"));
            at += found + o.len();
        }
        for n in *not {
            assert!(
                !help.contains(n),
                "{written}: help should not offer {n}: {d}"
            );
        }
    }
}

#[test]
fn an_empty_attachment_entry_says_so_and_how_to_mend_it() {
    let (_, diags) = defects();
    for (file, column) in [
        ("2024-2025/反思/y306-empty-attachment.md", 3),
        ("2024-2025/反思/y306-empty-attachment-quoted.md", 3),
        // at the `""` of `附件: [""]`
        ("2024-2025/反思/y306-empty-attachment-flow.md", 6),
    ] {
        let d = diags_of(diags, file)
            .into_iter()
            .find(|d| d.code == "Y306")
            .unwrap_or_else(|| panic!("no Y306 on {file}"));
        assert!(d.message.contains("附件条目是空的"), "{d}");
        assert_eq!(d.column, Some(column), "{d}");
        let help = d.help.as_deref().unwrap_or("");
        assert!(help.contains("写文件路径") && help.contains("删除"), "{d}");
        // Not mistaken for a missing file in the record's own folder.
        assert!(
            !diags_of(diags, file).iter().any(|d| d.code == "Y303"),
            "{file}"
        );
    }
}

#[test]
fn front_matter_nested_very_deeply_is_y101_at_its_line() {
    // Written by the test rather than kept as a 100 KB fixture.
    let (_tmp, archive) = scratch_copy("clean");
    fs::create_dir_all(archive.join("2024-2025/反思")).unwrap();
    let file = "2024-2025/反思/嵌套.md";
    fs::write(
        archive.join(file),
        format!(
            "---\ntitle: 嵌套很深\ndate: 2024-11-01\nauthor: 王丽\nform: 反思日记\ntags: {}\n---\n\n正文。\n",
            "[".repeat(100_000)
        ),
    )
    .unwrap();
    let (run, diags) = check_json(&archive, &[]);
    let mine = owned(diags_of(&diags, file));
    assert!(
        mine.iter().any(|d| d.code == "Y101"
            && d.severity == "error"
            && d.line == Some(6)
            && d.message.contains("嵌套超过")),
        "Y101 at line 6 saying the nesting is too deep; got:\n{}\n{}",
        list_diags(&mine),
        run.describe()
    );
    assert_eq!(run.code, Some(1), "{}", run.describe());

    // The configuration nested so: exit 2, naming the file and the line.
    fs::write(
        archive.join("yanxiu.yaml"),
        format!("school: 测试小学\ndomains: {}\n", "{".repeat(100_000)),
    )
    .unwrap();
    let run = check(&archive, &[]);
    assert_eq!(run.code, Some(2), "{}", run.describe());
    assert!(
        run.stderr.contains("yanxiu.yaml:2") && run.stderr.contains("嵌套超过"),
        "{}",
        run.describe()
    );
}

#[test]
fn a_record_dated_outside_its_year_folder_says_which_year_counts_it_and_both_fixes() {
    let (_, diags) = defects();
    let d = diags_of(diags, "2024-2025/反思/y117-year-folder.md")
        .into_iter()
        .find(|d| d.code == "Y117")
        .expect("Y117 for 日期: 2025-10-09 in 2024-2025/");
    assert_eq!(
        d.message,
        "日期 2025-10-09 属于 2025-2026 学年，但文件放在 2024-2025/ 文件夹中；这份记录按 2025-2026 学年计",
        "{d}"
    );
    assert_eq!(
        d.help.as_deref(),
        Some(
            "核对日期是否写错（2024-2025 学年是 2024-09-01 至 2025-08-31）；日期无误时，把文件移到 2025-2026/ 文件夹"
        ),
        "{d}"
    );
}

/// A date mistyped by a year can be the only record of a school year before or after all the
/// others: that year then shows in the credits and the completeness checks with every
/// requirement unmet. Y118 says so once, at the record, with both fixes. A misfiled record in a
/// year that has records filed where they belong opens no year, and gets Y117 alone.
#[test]
fn a_school_year_only_a_misfiled_record_opens_is_said_once_with_both_fixes() {
    let (_tmp, archive) = scratch_copy("clean");
    // Both sessions of 2024-2025/ dated a year early: 2023-2024 has nothing else.
    let dated = [
        (
            "2024-2025/活动/2024-10-10-集体备课.md",
            "date: 2024-10-10",
            "date: 2023-10-10",
        ),
        (
            "2024-2025/活动/2025-03-12-集体备课.md",
            "date: 2025-03-12",
            "date: 2024-03-12",
        ),
    ];
    for (file, was, now) in dated {
        let path = archive.join(file);
        let text = fs::read_to_string(&path).unwrap();
        assert!(text.contains(was), "{file}");
        fs::write(&path, text.replacen(was, now, 1)).unwrap();
    }
    let (run, diags) = check_json(&archive, &[]);
    let lone: Vec<&Diag> = diags.iter().filter(|d| d.code == "Y118").collect();
    assert_eq!(lone.len(), 1, "{}\n{}", run.describe(), list_diags(&diags));
    assert!(
        lone[0]
            .message
            .starts_with("2023-2024 学年只有 2 份放在其他学年文件夹中的记录（这是第一份）")
            && lone[0].message.contains("它的各项要求都将列为未达到"),
        "{}",
        lone[0]
    );
    let help = lone[0].help.as_deref().unwrap_or("");
    assert!(
        help.contains("改正后 2023-2024 学年就不再出现")
            && help.contains("把它移到 2023-2024/ 文件夹"),
        "{}",
        lone[0]
    );
    assert_eq!(diags.iter().filter(|d| d.code == "Y117").count(), 2);

    // Put one back where it belongs (2023-2024/): the year now has a record filed in it, so
    // the other, still misfiled, says Y117 alone.
    let moved = archive.join("2023-2024/活动/2023-10-10-集体备课.md");
    fs::create_dir_all(moved.parent().unwrap()).unwrap();
    fs::rename(archive.join(dated[0].0), &moved).unwrap();
    let (_, diags) = check_json(&archive, &[]);
    assert!(
        !diags.iter().any(|d| d.code == "Y118"),
        "{}",
        list_diags(&diags)
    );
    assert_eq!(
        diags.iter().filter(|d| d.code == "Y117").count(),
        1,
        "{}",
        list_diags(&diags)
    );

    // A school year not over yet (today's, 2026-2027, its first record filed under last year's
    // folder) is expected to be thin: Y117 alone.
    fs::create_dir_all(archive.join("2025-2026")).unwrap();
    let text = fs::read_to_string(archive.join(dated[1].0)).unwrap();
    fs::write(
        archive.join("2025-2026/2026-10-08-集体备课.md"),
        text.replacen("date: 2024-03-12", "date: 2026-10-08", 1),
    )
    .unwrap();
    let (_, diags) = check_json(&archive, &[]);
    let about = |code: &str| {
        diags
            .iter()
            .filter(|d| d.code == code && d.file == "2025-2026/2026-10-08-集体备课.md")
            .count()
    };
    assert_eq!(
        (about("Y117"), about("Y118")),
        (1, 0),
        "{}",
        list_diags(&diags)
    );
}

#[test]
fn the_archive_readme_is_no_record_but_a_readme_in_a_year_folder_is_checked() {
    let (_tmp, archive) = scratch_copy("clean");
    // What a school writes at the top of the git repository it keeps the archive in.
    fs::write(
        archive.join("README.md"),
        "# 校本研修档案\n\n本仓库存放学校的校本研修档案。\n",
    )
    .unwrap();
    fs::write(archive.join("2024-2025/readme.md"), "本学年的说明。\n").unwrap();
    let (whole, diags) = check_json(&archive, &[]);
    assert!(
        diags_of(&diags, "README.md").is_empty(),
        "the root README was read as a record:\n{}",
        whole.describe()
    );
    assert!(
        diags_of(&diags, "2024-2025/readme.md")
            .iter()
            .any(|d| d.code == "Y102"),
        "a Markdown file inside a year folder is a record and is checked:\n{}",
        whole.describe()
    );

    // A record that links to it is told the link leads nowhere, not that the file is missing.
    let linking = "2024-2025/活动/2024-10-10-集体备课.md";
    let text = fs::read_to_string(archive.join(linking)).unwrap();
    fs::write(
        archive.join(linking),
        text + "\n见[档案说明](/README.md)。\n",
    )
    .unwrap();
    let (with_link, diags) = check_json(&archive, &[]);
    assert!(
        diags_of(&diags, linking)
            .iter()
            .any(|d| d.code == "Y304" && d.message.contains("它是整个档案的说明，不随网站发布")),
        "{}",
        with_link.describe()
    );

    let readme = archive.join("README.md");
    let one = run(["check", readme.to_str().unwrap()]);
    assert_eq!(one.code, Some(2), "{}", one.describe());
    assert!(
        one.stderr
            .contains("档案根目录下的 README 是整个档案的说明，不算记录"),
        "{}",
        one.describe()
    );
}

/// A lesson is one teacher's: a group or a role written as 授课教师 is said, as for an author
/// (review, session 18: `授课教师: 语文组` passed without a word and counted for no one).
#[test]
fn a_group_as_the_observed_teacher_is_said() {
    let (_tmp, archive) = scratch_copy("clean");
    let rel = "2024-2025/听课/2024-10-15-王丽听课.md";
    fs::create_dir_all(archive.join("2024-2025/听课")).unwrap();
    fs::write(
        archive.join(rel),
        "---\n标题: 听课记录\n日期: 2024-10-15\n作者: 王丽\n授课教师: 语文组\n形式: 随堂听课\n---\n\n板书清楚。\n",
    )
    .unwrap();
    let (run, diags) = check_json(&archive, &[]);
    let mine = diags_of(&diags, rel);
    assert!(
        mine.iter().any(|d| d.code == "Y201"
            && d.line == Some(5)
            && d.message.contains("“语文组”是一组人")),
        "{}\n{}",
        list_diags(&owned(mine.clone())),
        run.describe()
    );
}

/// Y120: a rule counts 示范课 for the teacher who gave them (`counts_for: teacher`); an
/// observation of one that names no 授课教师 would count for no one without a word.
#[test]
fn an_observation_without_its_teacher_under_a_rule_by_teacher_is_y120() {
    let (_tmp, archive) = scratch_copy("clean");
    fs::write(
        archive.join("yanxiu.yaml"),
        "school: 测试小学\nrules:\n  required:\n    - {id: demo, label: 每学年上示范课1节, kind: observation, per: teacher_school_year, form: 示范课, counts_for: teacher}\n",
    )
    .unwrap();
    fs::create_dir_all(archive.join("2024-2025/听课")).unwrap();
    let observation = |teacher: &str| {
        format!(
            "---\n标题: 听课记录\n日期: 2024-10-15\n作者: 王丽\n{teacher}形式: 示范课\n---\n\n板书清楚。\n"
        )
    };
    let without = "2024-2025/听课/2024-10-15-示范课.md";
    let with = "2024-2025/听课/2024-10-16-示范课.md";
    fs::write(archive.join(without), observation("")).unwrap();
    fs::write(archive.join(with), observation("授课教师: 李明\n")).unwrap();
    let (run, diags) = check_json(&archive, &[]);
    let mine = diags_of(&diags, without);
    assert!(
        mine.iter().any(|d| d.code == "Y120"
            && d.severity == "warning"
            && d.line == Some(5)
            && d.message.contains("规则“每学年上示范课1节”按授课教师统计")),
        "{}\n{}",
        list_diags(&owned(mine.clone())),
        run.describe()
    );
    assert!(
        diags_of(&diags, with).iter().all(|d| d.code != "Y120"),
        "{}",
        run.describe()
    );

    // A draft is told it will not count once written either, until its teacher is named.
    let draft = "2024-2025/听课/2024-10-17-示范课.md";
    fs::write(archive.join(draft), observation("草稿: 是\n")).unwrap();
    let (run, diags) = check_json(&archive, &[]);
    assert!(
        diags_of(&diags, draft)
            .iter()
            .any(|d| d.code == "Y120" && d.message.contains("写成正式记录后也不会计给任何人")),
        "{}",
        run.describe()
    );
}

/// `标签: [读书, [反思]`: one `[` too many, said at its own line, not at the next key's or the
/// closing `---`, which is where the parser gives up; one `]` too many, with the line mended
/// (quoting it, as said before, kept the brackets as text) (reviews, sessions 17 and 18).
#[test]
fn a_bracket_too_many_in_a_list_is_said_at_its_line() {
    let (_tmp, archive) = scratch_copy("clean");
    fs::create_dir_all(archive.join("2024-2025/反思")).unwrap();
    let cases = [
        (
            "王丽-中间.md",
            "标签: [读书, [反思]\n形式: 读书心得",
            5,
            "[ 比 ] 多",
            "列表只用一层方括号",
        ),
        (
            "王丽-末行.md",
            "形式: 读书心得\n标签: [[读书]",
            6,
            "[ 比 ] 多",
            "列表只用一层方括号",
        ),
        (
            "王丽-多一个.md",
            "形式: 读书心得\n标签: [读书, 反思]]",
            6,
            "] 比 [ 多",
            "写成 标签: [读书, 反思]",
        ),
        (
            "王丽-列表项.md",
            "形式: 读书心得\n标签:\n  - 读书\n  - [反思",
            8,
            "[ ] 或引号没有配对",
            "例如 - 反思",
        ),
    ];
    for (name, lines, _, _, _) in &cases {
        fs::write(
            archive.join("2024-2025/反思").join(name),
            format!("---\n标题: 读书心得\n日期: 2024-10-10\n作者: 王丽\n{lines}\n---\n\n正文。\n"),
        )
        .unwrap();
    }
    let (run, diags) = check_json(&archive, &[]);
    for (name, _, line, said, fix) in cases {
        let rel = format!("2024-2025/反思/{name}");
        let mine = diags_of(&diags, &rel);
        assert!(
            mine.iter().any(|d| d.code == "Y101"
                && d.line == Some(line)
                && d.message.contains(said)
                && d.help.as_deref().is_some_and(|h| h.contains(fix))),
            "{rel}\n{}\n{}",
            list_diags(&owned(mine.clone())),
            run.describe()
        );
    }
}
