//! Figures an inspector is handed must say what they lack: `yanxiu credits` and the 学分汇总
//! pages name the records whose errors kept hours out of them (DESIGN.md §4, §7).

mod common;

use std::fs;
use std::path::Path;

use common::*;

const FIRST: &str = "2024-2025/活动/2024-10-10-集体备课.md";
const SECOND: &str = "2024-2025/活动/2025-03-12-集体备课.md";

fn edit(archive: &Path, rel: &str, from: &str, to: &str) {
    let path = archive.join(rel);
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{rel} has no {from:?}");
    fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

fn credits(archive: &Path, extra: &[&str]) -> Run {
    let mut args = vec!["credits", archive.to_str().unwrap()];
    args.extend_from_slice(extra);
    let run = run(args);
    assert_eq!(run.code, Some(0), "{}", run.describe());
    run
}

#[test]
fn credits_names_the_records_whose_hours_were_left_out() {
    let (_tmp, archive) = scratch_copy("clean");
    edit(&archive, FIRST, "hours: 2", "hours: 两小时");
    // An error that costs no hours: the session still credits its 2 hours.
    edit(&archive, SECOND, "form: 集体备课", "form: 不存在的形式");

    let table = credits(&archive, &[]);
    // The figures are 2 short: 王丽 has only the second session's hours.
    assert!(
        table
            .stdout
            .contains("注意：1 份记录有错误，学时没有计入统计："),
        "{}",
        table.stdout
    );
    assert!(
        table.stdout.contains(&format!("  {FIRST}:6  ")) && table.stdout.contains("两小时"),
        "the record, its line and its error:\n{}",
        table.stdout
    );
    assert!(table.stdout.contains("yanxiu check"), "{}", table.stdout);
    assert!(
        !table.stdout.contains(SECOND),
        "a record credited in full is not listed:\n{}",
        table.stdout
    );

    // CSV and JSON stay data on stdout; the note goes to stderr.
    let json = credits(&archive, &["--format", "json"]);
    serde_json::from_str::<serde_json::Value>(&json.stdout).expect("stdout is JSON only");
    assert!(
        json.stderr.contains(&format!("{FIRST}:6")) && json.stderr.contains("没有计入"),
        "{}",
        json.describe()
    );
    let csv = credits(&archive, &["--format", "csv"]);
    assert!(
        !csv.stdout.contains("注意") && !csv.stdout.contains(FIRST),
        "{}",
        csv.stdout
    );
    assert!(
        csv.stderr.contains(&format!("{FIRST}:6")),
        "{}",
        csv.describe()
    );
}

#[test]
fn a_session_that_lost_some_attendees_is_listed_as_partly_counted() {
    let (_tmp, archive) = scratch_copy("clean");
    edit(
        &archive,
        SECOND,
        "attendees: 语文组",
        "attendees: [王丽, 张三]",
    );
    let table = credits(&archive, &[]);
    assert!(
        table
            .stdout
            .contains("注意：1 份记录有错误，其中部分教师的学时没有计入统计：")
            && table.stdout.contains(&format!("  {SECOND}:7  "))
            && table.stdout.contains("张三"),
        "{}",
        table.stdout
    );
}

#[test]
fn a_clean_archive_gets_no_note() {
    let table = credits(&fixture("clean"), &[]);
    assert!(!table.stdout.contains("注意"), "{}", table.stdout);
    let json = credits(&fixture("clean"), &["--format", "json"]);
    assert!(json.stderr.is_empty(), "{}", json.describe());
}

#[test]
fn the_credits_pages_say_which_records_were_left_out_and_link_the_check_page() {
    let (tmp, archive) = scratch_copy("clean");
    edit(&archive, FIRST, "hours: 2", "hours: 两小时");
    let out = tmp.path().join("out");
    let build = run([
        "build",
        archive.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(build.code, Some(0), "{}", build.describe());
    for page in ["credits.html", "credits/2024-2025.html"] {
        let html = fs::read_to_string(out.join(page)).unwrap();
        assert!(
            html.contains("1 份记录有错误，学时没有计入本页的数字")
                && html.contains(&format!("{FIRST}:6</a>"))
                && html.contains("problems.html#diagnostics\">档案检查</a>"),
            "{page} names the record and links 档案检查:\n{html}"
        );
    }
}
