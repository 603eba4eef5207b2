//! The roster (teachers.yaml, DESIGN.md §2): slips in it that would change figures unseen stop
//! the run at their line (exit 2); its messages name the real teacher and lines.

mod common;

use std::fs;
use std::path::Path;

use common::*;

/// The `clean` fixture with `roster` as its teachers.yaml.
fn with_roster(roster: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let (tmp, archive) = scratch_copy("clean");
    fs::write(archive.join("teachers.yaml"), roster).unwrap();
    (tmp, archive)
}

fn check_run(archive: &Path) -> Run {
    check(archive, &[])
}

#[test]
fn mistyped_left_key_stops_at_its_line_with_the_key_it_meant() {
    for (written, meant) in [("离职日期", "离职"), ("离校", "离职"), ("入值", "入职")]
    {
        let roster = format!(
            "teachers:\n  - name: 王丽\n    id: T01\n    group: 语文组\n  - name: 李明\n    id: T02\n    group: 语文组\n    {written}: 2024-12-31\n"
        );
        let (_tmp, archive) = with_roster(&roster);
        let run = check_run(&archive);
        assert_eq!(run.code, Some(2), "{written}\n{}", run.describe());
        assert!(
            run.stderr.contains("teachers.yaml:8"),
            "the message names teachers.yaml and the key's line (8):\n{}",
            run.stderr
        );
        assert!(
            run.stderr.contains(&format!("“李明”的“{written}”"))
                && run.stderr.contains(&format!("是不是“{meant}”")),
            "the message names the teacher, the key written and the one meant:\n{}",
            run.stderr
        );
        assert!(
            run.stderr.contains(&format!("改成 {meant}: 2024-12-31")),
            "the fix shows the line as it should be:\n{}",
            run.stderr
        );
        // `credits` must not print figures computed without the date either.
        let credits = run_in(None, ["credits".as_ref(), archive.as_os_str()]);
        assert_eq!(credits.code, Some(2), "{}", credits.describe());
        assert!(credits.stdout.is_empty(), "{}", credits.describe());
    }
}

#[test]
fn mistyped_english_and_group_keys_are_caught_too() {
    let (_tmp, archive) = with_roster(
        "teachers:\n  - name: 王丽\n    id: T01\n    group: 语文组\n    left_date: 2025-01-31\n",
    );
    let run = check_run(&archive);
    assert_eq!(run.code, Some(2), "{}", run.describe());
    assert!(
        run.stderr.contains("teachers.yaml:5") && run.stderr.contains("是不是“left”"),
        "{}",
        run.stderr
    );

    let (_tmp, archive) = with_roster(
        "teachers:\n  - name: 王丽\n    id: T01\n    教研室: 语文组\n  - name: 李明\n    group: 语文组\n",
    );
    let run = check_run(&archive);
    assert_eq!(run.code, Some(2), "{}", run.describe());
    assert!(
        run.stderr.contains("teachers.yaml:4") && run.stderr.contains("是不是“教研组”"),
        "{}",
        run.stderr
    );
}

#[test]
fn other_private_facts_stay_allowed() {
    // Phone, staff number, party membership, a name's pinyin beside the name: none of these is
    // a slip for a roster key, and DESIGN allows such keys.
    let (_tmp, archive) = with_roster(
        "teachers:\n  - name: 王丽\n    姓名拼音: Wang Li\n    id: T01\n    group: 语文组\n    电话: 13800000000\n    入党: 2010-07-01\n    职务: 教导主任\n    职称: 一级教师\n  - 姓名: 李明\n    工号: 0042\n    教研组: 语文组\n    备注: 新调入\n    QQ: 12345\n",
    );
    let (run, diags) = check_json(&archive, &[]);
    assert_eq!(
        run.code,
        Some(0),
        "{}\n{}",
        run.describe(),
        list_diags(&diags)
    );
}

#[test]
fn a_name_equal_to_a_group_role_or_everyone_is_refused_at_its_line() {
    // `- 姓名: 语文组` pasted at the end would take every `参加人员: 语文组` for itself.
    let base = "teachers:\n  - name: 王丽\n    id: T01\n    group: 语文组\n    roles: [班主任]\n  - name: 李明\n    id: T02\n    group: 语文组\n";
    for (extra, clash, first) in [
        ("语文组", "教研组“语文组”（见第 2 行）", true),
        (
            "班 主任",
            "教师姓名“班主任”与角色“班主任”（见第 2 行）",
            true,
        ),
        ("全体教师", "不能作为教师姓名", false),
    ] {
        let (_tmp, archive) = with_roster(&format!("{base}  - 姓名: {extra}\n"));
        let run = check_run(&archive);
        assert_eq!(run.code, Some(2), "{extra}\n{}", run.describe());
        assert!(
            run.stderr.contains("teachers.yaml:9") && run.stderr.contains(clash),
            "names the entry's line (9) and what it clashes with:\n{}",
            run.stderr
        );
        if first {
            assert!(
                run.stderr.contains("改成这位教师的姓名，或删除这一行"),
                "{}",
                run.stderr
            );
        }
        let credits = run_in(None, ["credits".as_ref(), archive.as_os_str()]);
        assert_eq!(credits.code, Some(2), "{}", credits.describe());
    }
}

#[test]
fn a_group_written_with_stray_spaces_is_one_group_everywhere() {
    let (_tmp, archive) = with_roster(
        "teachers:\n  - name: 王丽\n    group: 语文组\n  - name: 李明\n    group: 语文 组\n",
    );
    let json = run_in(
        None,
        [
            "credits".as_ref(),
            archive.as_os_str(),
            "--format".as_ref(),
            "json".as_ref(),
        ],
    );
    assert_eq!(json.code, Some(0), "{}", json.describe());
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let groups: Vec<&str> = v["years"][0]["teachers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["group"].as_str().unwrap())
        .collect();
    assert_eq!(groups, ["语文组", "语文组"], "{}", json.stdout);
    // Both are 语文组 to the record that names the group: 2 + 2 hours each.
    assert_eq!(
        v["years"][0]["teachers"][1]["hours"], 4.0,
        "{}",
        json.stdout
    );
    let table = run_in(None, ["credits".as_ref(), archive.as_os_str()]);
    assert!(!table.stdout.contains("语文 组"), "{}", table.stdout);
}

#[test]
fn a_row_pasted_twice_is_called_a_duplicate_row_with_both_lines() {
    let (_tmp, archive) = with_roster(
        "teachers:\n  - name: 王丽\n    id: T01\n    group: 语文组\n  - name: 陈建华\n    group: 语文组\n  - name: 李明\n    id: T02\n    group: 语文组\n  - name: 陈建华\n    group: 语文组\n",
    );
    let (run, diags) = check_json(&archive, &[]);
    let y004: Vec<&Diag> = diags.iter().filter(|d| d.code == "Y004").collect();
    assert_eq!(
        y004.len(),
        1,
        "said once:\n{}\n{}",
        list_diags(&diags),
        run.describe()
    );
    let d = y004[0];
    assert_eq!(
        (d.file.as_str(), d.line),
        ("teachers.yaml", Some(10)),
        "{d}"
    );
    assert!(
        d.message.contains("第 10 行与第 5 行的“陈建华”") && d.message.contains("写了两次"),
        "{d}"
    );
    let help = d.help.as_deref().unwrap_or_default();
    assert!(help.starts_with("删除重复的一行"), "{d}");
    // The example id is one no teacher has yet.
    assert!(
        help.contains("编号: T03") && help.contains("陈建华(T03)"),
        "{d}"
    );
}

#[test]
fn namesake_hints_use_the_real_name_and_never_an_empty_id() {
    // Two 李明 in different groups, one numbered: Y004 on the other, and the record naming
    // 李明 (the clean fixture's second session has 主讲人: 李明) gets Y202.
    let (_tmp, archive) = with_roster(
        "teachers:\n  - name: 王丽\n    id: T01\n    group: 语文组\n  - name: 李明\n    id: T02\n    group: 语文组\n  - name: 李明\n    group: 数学组\n",
    );
    let (run, diags) = check_json(&archive, &[]);
    let y004 = diags
        .iter()
        .find(|d| d.code == "Y004")
        .unwrap_or_else(|| panic!("no Y004:\n{}\n{}", list_diags(&diags), run.describe()));
    assert_eq!(y004.line, Some(8), "{y004}");
    let help = y004.help.as_deref().unwrap_or_default();
    assert!(
        help.contains("李明(T03)") && !help.contains("王芳"),
        "the hint's example is this teacher, with a free id: {y004}"
    );
    let y202 = diags
        .iter()
        .find(|d| d.code == "Y202")
        .unwrap_or_else(|| panic!("no Y202:\n{}", list_diags(&diags)));
    let help = y202.help.as_deref().unwrap_or_default();
    assert!(
        !help.contains("(（") && !help.contains("未编号)"),
        "no id is shown as an id: {y202}"
    );
    assert!(
        help.contains("teachers.yaml 第 8 行的“李明”没有编号")
            && help.contains("李明(T03)")
            && help.contains("已有编号的写作 李明(T02)（语文组）"),
        "{y202}"
    );
}

#[test]
fn every_problem_of_the_roster_is_said_at_once_in_file_order() {
    // Three slips on three teachers: a misspelt key (line 8), an impossible date (line 11) and
    // an id given twice (line 12). One run names all three, each at its line with its fix.
    let roster = "teachers:\n  - name: 王丽\n    id: T01\n    group: 语文组\n  - name: 李明\n    id: T02\n    group: 语文组\n    离职日期: 2024-12-31\n  - name: 周敏\n    group: 数学组\n    入职: 2019-13-01\n  - name: 孙丽\n    编号: T01\n    group: 数学组\n";
    let (_tmp, archive) = with_roster(roster);
    let expected = [
        (
            "teachers.yaml:8: “李明”的“离职日期”不是名册使用的项目，是不是“离职”？",
            "改成 离职: 2024-12-31",
        ),
        (
            "teachers.yaml:11: “周敏”的入职日期“2019-13-01”不存在：没有13月",
            "写成 入职: 2019-09-01",
        ),
        (
            "teachers.yaml:12: 编号 T01 被两位教师使用（另一位在第 2 行）",
            "每位教师的编号必须唯一",
        ),
    ];
    let build_out = _tmp.path().join("site");
    for run in [
        check_run(&archive),
        run_in(
            None,
            [
                "build".as_ref(),
                archive.as_os_str(),
                "-o".as_ref(),
                build_out.as_os_str(),
            ],
        ),
    ] {
        // A broken roster still stops the run with exit code 2, as one problem did.
        assert_eq!(run.code, Some(2), "{}", run.describe());
        assert!(
            run.stderr.contains("teachers.yaml 中有 3 处问题"),
            "{}",
            run.stderr
        );
        let mut from = 0;
        for (msg, help) in expected {
            let at = run.stderr[from..]
                .find(msg)
                .unwrap_or_else(|| panic!("missing, or out of file order: {msg}\n{}", run.stderr));
            let rest = &run.stderr[from + at..];
            let fix = rest.lines().nth(1).unwrap_or_default();
            assert!(
                fix.starts_with("提示: ") && fix.contains(help),
                "each problem has its own fix under it ({help}):\n{}",
                run.stderr
            );
            from += at + msg.len();
        }
    }
    assert!(!build_out.exists(), "no site is built from a broken roster");
}

#[test]
fn each_kind_of_entry_problem_is_gathered() {
    // Every per-entry problem and both whole-roster ones, one of each, in one file.
    let roster = "teachers:\n  - 姓名 张三\n  - 王丽\n  - name: 李明\n    姓名: 李明\n    group: 语文组\n  - group: 数学组\n  - name: 周敏\n    joined: 2024-09-01\n    left: 2023-07-01\n  - name: 语文组\n    id: T09\n  - name: 孙丽\n    id: T09\n";
    let (_tmp, archive) = with_roster(roster);
    let run = check_run(&archive);
    assert_eq!(run.code, Some(2), "{}", run.describe());
    let mut from = 0;
    for msg in [
        "teachers.yaml 中有 7 处问题",
        "teachers.yaml:2: 第 1 位教师的写法不对",
        "teachers.yaml:3: 第 2 位教师的写法不对",
        "teachers.yaml:4: 第 3 位教师同时写了“name”和“姓名”，是同一项",
        "teachers.yaml:7: 第 4 位教师没有姓名",
        "teachers.yaml:8: “周敏”的离职日期 2023-07-01 早于入职日期 2024-09-01",
        "teachers.yaml:11: 教师姓名“语文组”与教研组“语文组”（见第 4 行）同名",
        "teachers.yaml:13: 编号 T09 被两位教师使用（另一位在第 11 行）",
    ] {
        let at = run.stderr[from..]
            .find(msg)
            .unwrap_or_else(|| panic!("missing, or out of file order: {msg}\n{}", run.stderr));
        from += at + msg.len();
    }
}

#[test]
fn a_roster_unreadable_as_a_whole_still_stops_at_once() {
    let (_tmp, archive) = with_roster(
        "teachers:\n  - name: 王丽\n    离职日期: 2024-12-31\n教师:\n  - name: 李明\n    入职: 2019-13-01\n",
    );
    let run = check_run(&archive);
    assert_eq!(run.code, Some(2), "{}", run.describe());
    assert!(
        run.stderr.contains("teachers.yaml:4") && run.stderr.contains("写了两次"),
        "{}",
        run.stderr
    );
    assert!(
        !run.stderr.contains("处问题") && !run.stderr.contains("离职日期"),
        "only the whole file's problem is said:\n{}",
        run.stderr
    );
}

/// `离职：…` (a full-width colon) and `姓名:　…` (a full-width space after the colon) in the
/// roster: read as meant and warned about at their line (Y103, as in a record), where they
/// stopped every check of the archive; the date still ends 李明's service.
#[test]
fn full_width_separators_in_the_roster_are_read_and_warned_about() {
    let (_tmp, archive) = with_roster(
        "teachers:\n  - name: 王丽\n    id: T01\n    group: 语文组\n    入职:2019-09-01\n    电话：139-0000-0000\n  - 姓名:　李明\n    id: T02\n    group: 语文组\n    离职：2024-12-31   # 调往县城\n",
    );
    let (run, diags) = check_json(&archive, &[]);
    assert_ne!(run.code, Some(2), "{}", run.describe());
    let roster: Vec<(&str, Option<u64>, &str)> = diags
        .iter()
        .filter(|d| d.file == "teachers.yaml")
        .map(|d| (d.code.as_str(), d.line, d.help.as_deref().unwrap_or("")))
        .collect();
    assert_eq!(
        roster,
        [
            (
                "Y103",
                Some(5),
                "改成半角冒号加一个半角空格：入职: 2019-09-01"
            ),
            // Published on 档案检查: nothing of a key the site does not show, nor a comment.
            ("Y103", Some(6), "改成半角冒号加一个半角空格：电话: …"),
            ("Y103", Some(7), "改成半角冒号加一个半角空格：姓名: 李明"),
            (
                "Y103",
                Some(10),
                "改成半角冒号加一个半角空格：离职: 2024-12-31"
            ),
        ],
        "{}",
        list_diags(&diags)
    );
    // Read as meant: 李明 left on 2024-12-31, so the second semester's session is not his.
    let json = run_in(
        None,
        [
            "credits".as_ref(),
            archive.as_os_str(),
            "--format".as_ref(),
            "json".as_ref(),
        ],
    );
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let li = v["years"][0]["teachers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == "李明")
        .expect("李明 read from the mended line");
    assert_eq!(li["left"], "2024-12-31", "{li}");
}
