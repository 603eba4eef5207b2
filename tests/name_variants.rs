//! A teacher written otherwise than the roster writes them (`王芳（Ｔ05）`, `t05`, `Ｔ０５`,
//! `王芳(T07)`) in a record's people fields: never credited, and the message names the teacher
//! probably meant and how to write them (DESIGN.md §2 teachers.yaml: a namesake is written by
//! id, `T05` or `王芳(T05)`; names are compared without white space).

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::*;

const ROSTER: &str = "teachers:\n  - name: 王丽\n    id: T01\n    group: 语文组\n  - name: 李明\n    id: T02\n    group: 语文组\n  - name: 王芳\n    id: T05\n    group: 数学组\n  - name: 陈建华\n    group: 数学组\n  - name: 张敏\n    id: T08\n    group: 数学组\n  - name: 张敏\n    id: T09\n    group: 英语组\n";

/// The `clean` fixture with [`ROSTER`], its first session given `fields` (front matter lines
/// put in place of its attendees, and of its speaker (王丽) when they give one).
fn archive_with(fields: &str) -> (tempfile::TempDir, PathBuf) {
    let (tmp, archive) = scratch_copy("clean");
    fs::write(archive.join("teachers.yaml"), ROSTER).unwrap();
    let record = archive.join("2024-2025/活动/2024-10-10-集体备课.md");
    let text = fs::read_to_string(&record).unwrap();
    let text = if fields.contains("speaker:") {
        text.replace("speaker: 王丽\n", "")
    } else {
        text
    };
    let text = text.replace("attendees: 全体教师\n", &format!("{fields}\n"));
    fs::write(&record, text).unwrap();
    (tmp, archive)
}

/// 王芳's hours in 2024-2025 by `credits --format json`.
fn hours_of_wang_fang(archive: &Path) -> f64 {
    let run = run_in(
        None,
        [
            "credits".as_ref(),
            archive.as_os_str(),
            "--format".as_ref(),
            "json".as_ref(),
        ],
    );
    let v: serde_json::Value =
        serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}\n{}", run.describe()));
    v["years"][0]["teachers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == "王芳")
        .unwrap_or_else(|| panic!("{}", run.stdout))["hours"]
        .as_f64()
        .unwrap()
}

/// The one diagnostic whose message quotes `word`.
fn about<'a>(diags: &'a [Diag], word: &str) -> &'a Diag {
    let quoted = format!("“{word}”");
    let found: Vec<&Diag> = diags
        .iter()
        .filter(|d| d.message.contains(&quoted))
        .collect();
    match found.as_slice() {
        [one] => one,
        _ => panic!("not one diagnostic about {word}:\n{}", list_diags(diags)),
    }
}

#[test]
fn each_variant_of_a_teacher_in_attendance_names_the_teacher_and_how_to_write_them() {
    let same = "是不是名册中的“王芳”（编号 T05）？姓名和编号要与名册写得一样（字母、数字用半角，字母大小写相同）：写成“王芳”或编号“T05”";
    let cases: &[(&str, &str)] = &[
        // Name and id in brackets, the id full-width or in another case.
        ("王芳（Ｔ05）", same),
        ("王芳(t05)", same),
        ("王芳（Ｔ０５）", same),
        ("王 芳（ｔ05）", same),
        // The id alone, in another case or full-width.
        ("t05", same),
        ("Ｔ05", same),
        ("Ｔ０５", same),
        // The right name with an id that is no teacher's.
        (
            "王芳(T07)",
            "是不是名册中的“王芳”（编号 T05）？名册中“王芳”的编号是 T05，不是 T07：写成“王芳”或编号“T05”",
        ),
        (
            "陈建华（T07）",
            "是不是名册中的“陈建华”？名册中“陈建华”没有编号：写成“陈建华”",
        ),
        // A namesake is written with the id.
        (
            "张敏(t09)",
            "是不是名册中的“张敏”（编号 T09）？姓名和编号要与名册写得一样（字母、数字用半角，字母大小写相同）：写成“张敏(T09)”或编号“T09”",
        ),
    ];
    let list: Vec<String> = cases.iter().map(|(w, _)| format!("\"{w}\"")).collect();
    let (_tmp, archive) = archive_with(&format!("attendees: [王丽, {}]", list.join(", ")));
    let (run, diags) = check_json(&archive, &[]);
    assert_eq!(run.code, Some(1), "{}", run.describe());
    for (word, help) in cases {
        let d = about(&diags, word);
        assert_eq!(d.code, "Y201", "{d}");
        assert_eq!(d.line, Some(7), "at the attendees line: {d}");
        assert_eq!(
            d.help.as_deref(),
            Some(format!("{help}；若确为校外人员，请写在 来宾（guests）中").as_str()),
            "{word}"
        );
    }
    // A guess is never credited: 王芳 earns nothing from this session.
    assert_eq!(hours_of_wang_fang(&archive), 0.0);
}

#[test]
fn a_variant_speaker_is_warned_about_not_silently_taken_for_an_outsider() {
    let (_tmp, archive) = archive_with("speaker: 王芳（Ｔ05）\nattendees: [王丽, 李明]");
    let (run, diags) = check_json(&archive, &[]);
    let d = about(&diags, "王芳（Ｔ05）");
    assert_eq!((d.code.as_str(), d.line), ("Y206", Some(6)), "{d}");
    assert!(d.message.contains("不计学时"), "{d}");
    assert_eq!(
        d.help.as_deref(),
        Some(
            "是不是名册中的“王芳”（编号 T05）？姓名和编号要与名册写得一样（字母、数字用半角，字母大小写相同）：写成“王芳”或编号“T05”；确为校外人员则不必理会"
        ),
        "{d}"
    );
    assert_eq!(run.code, Some(0), "a warning: {}", run.describe());
    assert_eq!(hours_of_wang_fang(&archive), 0.0);
}

#[test]
fn a_variant_in_absent_names_the_teacher_too() {
    let (_tmp, archive) = archive_with("attendees: 全体教师\nabsent: [t05]");
    let (_run, diags) = check_json(&archive, &[]);
    let d = about(&diags, "t05");
    // Counted present (who is absent cannot be told for sure): the figures may be too many.
    assert_eq!(d.code, "Y208", "{d}");
    assert!(
        d.help
            .as_deref()
            .is_some_and(|h| h.starts_with("是不是名册中的“王芳”（编号 T05）？")
                && h.contains("写成“王芳”或编号“T05”")),
        "{d}"
    );
}

#[test]
fn white_space_inside_a_name_is_the_same_name_and_credited() {
    // DESIGN: names are compared after removing white space (also a full-width space).
    let (_tmp, archive) = archive_with("attendees: [王丽, 王 芳]");
    let (run, diags) = check_json(&archive, &[]);
    assert_eq!(
        run.code,
        Some(0),
        "{}\n{}",
        run.describe(),
        list_diags(&diags)
    );
    assert_eq!(hours_of_wang_fang(&archive), 2.0);
    let (_tmp, archive) = archive_with("attendees: [王丽, 王　芳]");
    let (run, diags) = check_json(&archive, &[]);
    assert_eq!(
        run.code,
        Some(0),
        "{}\n{}",
        run.describe(),
        list_diags(&diags)
    );
    assert_eq!(hours_of_wang_fang(&archive), 2.0);
}

#[test]
fn credits_for_a_variant_teacher_says_who_was_meant() {
    let (_tmp, archive) = archive_with("attendees: 全体教师");
    let run = run_in(
        None,
        [
            "credits".as_ref(),
            archive.as_os_str(),
            "--teacher".as_ref(),
            "Ｔ05".as_ref(),
        ],
    );
    assert_eq!(run.code, Some(2), "{}", run.describe());
    assert!(
        run.stderr
            .contains("名册中没有教师“Ｔ05”，是不是名册中的“王芳”（编号 T05）？")
            && run.stderr.contains("写成“王芳”或编号“T05”"),
        "{}",
        run.stderr
    );
}

/// Words too far from any name to be a slip of one, but plain in what they mean (teacher review,
/// session 17): the id after the name without brackets, an id without its zero, 全体教师 said
/// otherwise, a group's 全体, and 陈老师 for the one teacher surnamed 陈. Never credited; the
/// fix names who was meant.
#[test]
fn words_that_plainly_mean_a_teacher_or_a_group_say_which() {
    for (written, meant) in [
        ("王芳T05", "是不是名册中的“王芳”（编号 T05）"),
        ("T5", "是不是名册中的“王芳”（编号 T05）"),
        ("全体", "是不是“全体教师”"),
        ("全校教师", "是不是“全体教师”"),
        ("数学组全体", "是不是“数学组”"),
        ("陈老师", "是不是“陈建华”"),
    ] {
        let (_tmp, archive) = archive_with(&format!("attendees: [{written}]"));
        let (run, diags) = check_json(&archive, &[]);
        let said: Vec<&Diag> = diags.iter().filter(|d| d.code == "Y201").collect();
        assert_eq!(said.len(), 1, "{written}\n{}", run.describe());
        assert!(
            said[0].help.as_deref().is_some_and(|h| h.contains(meant)),
            "{written}: {}",
            said[0]
        );
    }
    // 张敏 has a namesake: 张老师 would be a guess, so no name is offered.
    let (_tmp, archive) = archive_with("attendees: [张老师]");
    let (_, diags) = check_json(&archive, &[]);
    let said: Vec<&Diag> = diags.iter().filter(|d| d.code == "Y201").collect();
    assert!(
        said.len() == 1 && !said[0].help.as_deref().unwrap_or("").contains("是不是"),
        "{}",
        list_diags(&diags)
    );
}
