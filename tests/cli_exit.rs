//! `yanxiu check` exit codes and human output (DESIGN.md §5, §7):
//! 0 no errors; 1 errors, or warnings with `--deny-warnings`, or unmet rules with
//! `--require-complete`; 2 cannot run (yanxiu.yaml / teachers.yaml missing or broken).

mod common;

use std::fs;

use common::*;

/// A reflection whose only problem is an unknown key (Y104, a warning).
const WARNING_ONLY_DOC: &str = "---\n\
title: 只有警告的反思\n\
date: 2024-11-20\n\
author: 王丽\n\
form: 反思日记\n\
loaction: 三楼\n\
---\n\
\n\
这篇反思只有一个拼错的键名。\n";

fn assert_code(run: &Run, want: i32, what: &str) {
    assert_eq!(run.code, Some(want), "{what}\n{}", run.describe());
}

fn mentions_line(text: &str, file: &str, line: u32) -> bool {
    [
        format!("{file}:{line}"),
        format!("第{line}行"),
        format!("第 {line} 行"),
        format!("line {line}"),
        format!("行 {line}"),
        format!("行{line}"),
    ]
    .iter()
    .any(|p| text.contains(p.as_str()))
}

#[test]
fn clean_archive_exits_0_with_an_empty_array() {
    let dir = fixture("clean");
    let (run, diags) = check_json(&dir, &[]);
    assert!(
        diags.is_empty(),
        "clean fixture has diagnostics:\n{}",
        list_diags(&diags)
    );
    assert_code(&run, 0, "clean archive");
}

#[test]
fn clean_archive_exits_0_even_with_strict_flags() {
    // every rule of the clean fixture is met and there is no warning
    let dir = fixture("clean");
    let (run, diags) = check_json(&dir, &["--deny-warnings", "--require-complete"]);
    assert!(diags.is_empty(), "{}", list_diags(&diags));
    assert_code(
        &run,
        0,
        "clean archive with --deny-warnings --require-complete",
    );
}

#[test]
fn human_format_is_the_default_and_exits_0_on_clean() {
    let dir = fixture("clean");
    let run = check(&dir, &[]);
    assert_code(&run, 0, "clean archive, human format");
    assert!(
        serde_json::from_str::<serde_json::Value>(run.stdout.trim()).is_err()
            || run.stdout.trim().is_empty(),
        "the default format is human, not JSON:\n{}",
        run.stdout
    );
}

#[test]
fn dir_defaults_to_the_current_directory() {
    let (_tmp, archive) = scratch_copy("clean");
    let run = run_in(Some(&archive), ["check", "--format", "json"]);
    assert_code(&run, 0, "check without DIR inside a clean archive");
    assert!(parse_diags(&run.stdout).is_empty(), "{}", run.stdout);

    // A teacher in one of its folders means the archive, as git would.
    let folder = std::fs::read_dir(&archive)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.is_dir())
        .expect("the fixture has a folder");
    let run = run_in(Some(&folder), ["check"]);
    assert_code(&run, 0, "check without DIR in a folder of the archive");
    assert!(run.stdout.contains("份记录"), "{}", run.stdout);
    // Named as DIR, the folder is explained, not met with advice to make an archive there…
    let run = run_in(Some(&archive), ["check".as_ref(), folder.as_os_str()]);
    assert_code(&run, 2, "check of a folder inside the archive");
    assert!(run.stderr.contains("档案在"), "{}", run.stderr);
    assert!(!run.stderr.contains("yanxiu init"), "{}", run.stderr);
    // …and `init` there refuses to make an archive inside the archive.
    let run = run_in(Some(&folder), ["init"]);
    assert_code(&run, 2, "init inside an archive");
    assert!(!folder.join("yanxiu.yaml").exists());
}

#[test]
fn defects_exit_1() {
    let (run, diags) = check_json(&fixture("defects"), &[]);
    assert!(
        diags.iter().any(|d| d.severity == "error"),
        "{}",
        list_diags(&diags)
    );
    assert_code(&run, 1, "archive with errors");
}

#[test]
fn defects_exit_1_in_human_format_too() {
    let dir = fixture("defects");
    let run = check(&dir, &[]);
    assert_code(&run, 1, "archive with errors, human format");
}

#[test]
fn warnings_only_exit_0_but_1_with_deny_warnings() {
    let (_tmp, archive) = scratch_copy("clean");
    fs::create_dir_all(archive.join("2024-2025/反思")).unwrap();
    fs::write(
        archive.join("2024-2025/反思/王丽-警告.md"),
        WARNING_ONLY_DOC,
    )
    .unwrap();

    let (run, diags) = check_json(&archive, &[]);
    assert!(
        diags
            .iter()
            .any(|d| d.code == "Y104" && d.severity == "warning"),
        "expected a Y104 warning:\n{}",
        list_diags(&diags)
    );
    assert!(
        diags.iter().all(|d| d.severity == "warning"),
        "expected warnings only:\n{}",
        list_diags(&diags)
    );
    assert_code(&run, 0, "warnings only, no flag");

    let (run, _) = check_json(&archive, &["--deny-warnings"]);
    assert_code(&run, 1, "warnings only, --deny-warnings");
}

#[test]
fn unmet_rule_exits_0_but_1_with_require_complete() {
    let (_tmp, archive) = scratch_copy("clean");
    // the clean archive without its 学年总结: rule `annual-summary` is unmet
    fs::remove_file(archive.join("2024-2025/总结.md")).unwrap();

    let (run, diags) = check_json(&archive, &[]);
    assert!(
        diags.is_empty(),
        "an unmet rule is a finding, not a diagnostic:\n{}",
        list_diags(&diags)
    );
    assert_code(&run, 0, "unmet rule, no flag");

    let (run, _) = check_json(&archive, &["--require-complete"]);
    assert_code(&run, 1, "unmet rule, --require-complete");

    let human = check(&archive, &[]);
    assert_code(&human, 0, "unmet rule, human format, no flag");
    let out = human.all_output();
    let at = out
        .find("完整性")
        .unwrap_or_else(|| panic!("human output lacks the 完整性 heading:\n{out}"));
    let after = &out[at..];
    assert!(
        after.contains("学年校本研修总结") || after.contains("annual-summary"),
        "the unmet rule annual-summary (学年校本研修总结) should be listed under 完整性:\n{out}"
    );
}

#[test]
fn missing_yanxiu_yaml_exits_2() {
    let (_tmp, archive) = scratch_copy("clean");
    fs::remove_file(archive.join("yanxiu.yaml")).unwrap();
    let run = check(&archive, &["--format", "json"]);
    assert_code(&run, 2, "yanxiu.yaml missing");
    assert!(
        run.stderr.contains("yanxiu.yaml"),
        "stderr should name yanxiu.yaml:\n{}",
        run.describe()
    );
}

#[test]
fn broken_yanxiu_yaml_exits_2_naming_file_and_line() {
    let (_tmp, archive) = scratch_copy("clean");
    // line 2: "mapping values are not allowed in this context"
    fs::write(
        archive.join("yanxiu.yaml"),
        "school: 测试小学\ntitle: 档案: 第二个冒号\n",
    )
    .unwrap();
    let run = check(&archive, &[]);
    assert_code(&run, 2, "yanxiu.yaml broken");
    assert!(
        run.stderr.contains("yanxiu.yaml"),
        "stderr should name yanxiu.yaml:\n{}",
        run.describe()
    );
    assert!(
        mentions_line(&run.stderr, "yanxiu.yaml", 2),
        "stderr should give the line (2) of the YAML error:\n{}",
        run.describe()
    );
}

#[test]
fn yanxiu_yaml_without_school_exits_2() {
    let (_tmp, archive) = scratch_copy("clean");
    fs::write(archive.join("yanxiu.yaml"), "region: 测试区\n").unwrap();
    let run = check(&archive, &[]);
    assert_code(&run, 2, "yanxiu.yaml lacks the required `school`");
    assert!(run.stderr.contains("yanxiu.yaml"), "{}", run.describe());
}

#[test]
fn missing_teachers_yaml_exits_2() {
    let (_tmp, archive) = scratch_copy("clean");
    fs::remove_file(archive.join("teachers.yaml")).unwrap();
    let run = check(&archive, &[]);
    assert_code(&run, 2, "teachers.yaml missing");
    assert!(
        run.stderr.contains("teachers.yaml"),
        "stderr should name teachers.yaml:\n{}",
        run.describe()
    );
}

#[test]
fn malformed_teachers_yaml_exits_2_naming_file_and_line() {
    let (_tmp, archive) = scratch_copy("clean");
    // line 3 is indented by three spaces: "did not find expected '-' indicator at line 3"
    fs::write(
        archive.join("teachers.yaml"),
        "teachers:\n  - name: 王丽\n   id: T01\n  - name: 李明\n",
    )
    .unwrap();
    let run = check(&archive, &["--format", "json"]);
    assert_code(&run, 2, "teachers.yaml malformed");
    assert!(
        run.stderr.contains("teachers.yaml"),
        "stderr should name teachers.yaml:\n{}",
        run.describe()
    );
    assert!(
        mentions_line(&run.stderr, "teachers.yaml", 3),
        "stderr should give the line (3) of the YAML error:\n{}",
        run.describe()
    );

    // A full-width colon is read as meant and named at its own line, in Chinese, with the
    // fix: a warning, not the end of the run.
    fs::write(
        archive.join("teachers.yaml"),
        "teachers:\n  - name: 王丽\n  - 姓名：李明\n  - name: 张华\n",
    )
    .unwrap();
    let (run, diags) = check_json(&archive, &[]);
    assert_ne!(run.code, Some(2), "{}", run.describe());
    let d = diags
        .iter()
        .find(|d| d.file == "teachers.yaml")
        .unwrap_or_else(|| panic!("{}", run.describe()));
    assert_eq!(
        (d.code.as_str(), d.line),
        ("Y103", Some(3)),
        "{}",
        run.describe()
    );
    assert!(d.message.contains("全角冒号"), "{}", run.describe());
}

#[test]
fn a_record_given_to_build_is_explained() {
    let (_tmp, archive) = scratch_copy("clean");
    let record = list_files(&archive)
        .into_iter()
        .find(|f| f.ends_with(".md"))
        .unwrap();
    let out = archive.join("out");
    let run = build_to(&archive.join(record), &out);
    assert_code(&run, 2, "build of one record's file");
    assert!(
        run.stderr.contains("是一个文件，不是档案文件夹") && run.stderr.contains("yanxiu check"),
        "{}",
        run.describe()
    );
    assert!(!out.exists());
    let help = common::run(["check", "--help"]);
    assert!(
        help.stdout.contains("只显示这份记录的问题"),
        "{}",
        help.stdout
    );
}

#[test]
fn check_of_one_record_shows_only_its_problems() {
    let dir = fixture("defects");
    let file = "2024-2025/反思/y301-missing-session.md";
    // Its only problem is a reference, which needs the other records to be loaded.
    let (run, diags) = check_json(&dir.join(file), &[]);
    assert_code(&run, 1, "one record with an error");
    assert!(!diags.is_empty(), "{}", run.describe());
    assert!(
        diags.iter().all(|d| d.file == file) && diags.iter().any(|d| d.code == "Y301"),
        "only {file}'s problems:\n{}",
        list_diags(&diags)
    );

    // From the record's own folder, as a teacher would type it; human output says what it shows.
    let run = run_in(
        Some(&dir.join("2024-2025/反思")),
        ["check", "y201-unknown-name.md"],
    );
    assert_code(&run, 1, "one record, human format");
    assert!(
        run.stdout.contains(
            "只显示 2024-2025/反思/y201-unknown-name.md 的问题；整个档案请运行 yanxiu check"
        ),
        "{}",
        run.describe()
    );
    assert!(
        run.stdout.contains("Y201") && run.stdout.contains("李铭"),
        "{}",
        run.describe()
    );
    assert!(
        !run.stdout.contains("y106-wrong-type"),
        "{}",
        run.describe()
    );
    // The archive's unmet rules are not this file's business.
    assert!(!run.stdout.contains("完整性"), "{}", run.describe());

    // A sound record in an archive full of errors: exit 0; its `session` resolves because the
    // whole archive was read.
    let run = check(&dir.join("2024-2025/反思/王丽-小数的意义.md"), &[]);
    assert_code(&run, 0, "a sound record in a broken archive");
    assert!(run.stdout.contains("没有发现问题"), "{}", run.describe());
    // Its warnings count with --deny-warnings, and no one else's.
    let warned = "2024-2025/反思/y104-unknown-key.md";
    assert_code(&check(&dir.join(warned), &[]), 0, "warning only");
    assert_code(
        &check(&dir.join(warned), &["--deny-warnings"]),
        1,
        "warning with --deny-warnings",
    );
}

#[test]
fn check_of_a_file_that_is_no_record_exits_2_saying_why() {
    let dir = fixture("defects");
    for (path, said) in [
        (dir.join("附件/签到表-0912.pdf"), "不是记录"),
        (dir.join("teachers.yaml"), "教师名册"),
        (
            dir.join("2024-2025/反思/y404-saved-as-text.md.txt"),
            "改名为 y404-saved-as-text.md",
        ),
        (dir.join("2024-2025/反思/没有这份.md"), "找不到文件"),
    ] {
        let run = check(&path, &[]);
        assert_code(&run, 2, &path.display().to_string());
        assert!(run.stderr.contains(said), "{}", run.describe());
        assert!(run.stdout.is_empty(), "{}", run.describe());
    }
    let tmp = tempfile::tempdir().unwrap();
    let loose = tmp.path().join("反思.md");
    fs::write(&loose, "---\ntitle: 档案外\n---\n").unwrap();
    let run = check(&loose, &[]);
    assert_code(&run, 2, "a record outside any archive");
    assert!(run.stderr.contains("不在任何档案中"), "{}", run.describe());
}

#[test]
fn a_record_named_without_md_is_offered_with_it() {
    let dir = fixture("clean");
    let run = run_in(Some(&dir), ["check", "2024-2025/活动/2024-10-10-集体备课"]);
    assert_code(&run, 2, "a record without its .md");
    assert!(
        run.stderr
            .starts_with("错误[Y010]: 找不到 2024-2025/活动/2024-10-10-集体备课\n")
            && run
                .stderr
                .contains("是不是 2024-2025/活动/2024-10-10-集体备课.md？")
            && run
                .stderr
                .contains("yanxiu check 2024-2025/活动/2024-10-10-集体备课.md"),
        "{}",
        run.describe()
    );
    assert!(!run.stderr.contains("档案文件夹"), "{}", run.describe());
    // What the hint says to run works.
    let run = run_in(
        Some(&dir),
        ["check", "2024-2025/活动/2024-10-10-集体备课.md"],
    );
    assert_code(&run, 0, "the record with its .md");
}

#[test]
fn check_of_two_files_says_it_takes_one_and_how_to_check_each() {
    let dir = fixture("clean");
    let run = run_in(
        Some(&dir),
        [
            "check",
            "2024-2025/计划.md",
            "--format",
            "json",
            "2024-2025/总结.md",
        ],
    );
    assert_code(&run, 2, "check a.md b.md");
    assert!(
        run.stderr.starts_with(
            "错误: check 一次只检查一个档案文件夹或一份记录文件，这里写了 2 个：2024-2025/计划.md、2024-2025/总结.md\n"
        ),
        "{}",
        run.describe()
    );
    for each in [
        "\n  yanxiu check --format json 2024-2025/计划.md\n",
        "\n  yanxiu check --format json 2024-2025/总结.md\n",
    ] {
        assert!(run.stderr.contains(each), "{each}\n{}", run.describe());
    }
    assert!(!run.stderr.contains("引号"), "{}", run.describe());
    // One name with a space in it, unquoted, still asks for quotes.
    let (_tmp, archive) = scratch_copy("clean");
    fs::write(archive.join("2024-2025/我的 反思.md"), "").unwrap();
    let run = run_in(Some(&archive), ["check", "2024-2025/我的", "反思.md"]);
    assert_code(&run, 2, "a name with a space, unquoted");
    assert!(run.stderr.contains("加上引号"), "{}", run.describe());
}

#[test]
fn missing_archive_dir_exits_2() {
    let tmp = tempfile::tempdir().unwrap();
    let nowhere = tmp.path().join("no-such-archive");
    let run = check(&nowhere, &[]);
    assert_code(&run, 2, "archive folder does not exist");
    assert!(
        !run.stderr.trim().is_empty(),
        "a reason on stderr:\n{}",
        run.describe()
    );
}

#[test]
fn human_output_has_location_code_source_and_completeness() {
    let dir = fixture("defects");
    let run = check(&dir, &["--format", "human"]);
    assert_code(&run, 1, "defects, human format");
    let out = run.all_output();

    let loc = "2024-2025/活动/y106-wrong-type.md:7:";
    let at = out
        .find(loc)
        .unwrap_or_else(|| panic!("human output lacks the location `{loc}<column>`:\n{out}"));
    assert!(
        out[at + loc.len()..].starts_with(|c: char| c.is_ascii_digit()),
        "`文件:行:列`: a column number follows `{loc}`:\n{out}"
    );
    assert!(
        out.contains("Y106"),
        "human output shows the code Y106:\n{out}"
    );
    assert!(
        out.contains("学时: 两小时"),
        "human output shows the source line:\n{out}"
    );
    assert!(
        out.contains("2024-2025/反思/y110-missing-author.md") && out.contains("Y110"),
        "whole-file problems are shown too:\n{out}"
    );

    let at = out
        .find("完整性")
        .unwrap_or_else(|| panic!("human output lacks the 完整性 heading:\n{out}"));
    assert!(
        out[at..].contains("每学期主题研修活动不少于6次") || out[at..].contains("sessions"),
        "the unmet rule `sessions` (fewer than 6 sessions a semester) is listed under 完整性:\n{out}"
    );
}

#[test]
fn no_ansi_escapes_when_piped() {
    let dir = fixture("defects");
    let run = check(&dir, &[]);
    assert!(!run.all_output().is_empty(), "{}", run.describe());
    assert!(
        !run.stdout.contains('\u{1b}') && !run.stderr.contains('\u{1b}'),
        "no ANSI escape codes when output is not a terminal:\n{:?}",
        run.all_output()
    );
}

#[test]
fn json_output_has_no_ansi_and_is_only_json() {
    let (run, diags) = check_json(&fixture("defects"), &[]);
    assert!(!diags.is_empty());
    assert!(!run.stdout.contains('\u{1b}'), "{}", run.stdout);
}

#[test]
fn check_writes_nothing() {
    let (_tmp, archive) = scratch_copy("clean");
    let before = list_files(&archive);
    let run = check(&archive, &[]);
    assert_code(&run, 0, "check on clean copy");
    let (run, _) = check_json(&archive, &["--require-complete"]);
    assert_code(&run, 0, "check --format json on clean copy");
    assert_eq!(
        list_files(&archive),
        before,
        "check must write nothing into the archive"
    );
}

#[test]
fn command_line_mistakes_and_help_are_in_chinese() {
    for (args, said) in [
        (vec!["chek"], "是不是 yanxiu check"),
        (vec!["new", "反思", "我的", "反思"], "加上引号"),
        (vec!["check", "--format", "xml"], "可以是：human、json"),
        (vec!["serve", "--port", "abc"], "不能是“abc”"),
        (vec!["new"], "缺少 <类型>"),
    ] {
        let r = run(&args);
        assert_code(&r, 2, &format!("{args:?}"));
        assert!(r.stderr.starts_with("错误: "), "{args:?}\n{}", r.stderr);
        assert!(r.stderr.contains(said), "{args:?}\n{}", r.stderr);
        assert!(!r.stderr.contains("error:"), "{args:?}\n{}", r.stderr);
    }
    for args in [vec!["--help"], vec!["help", "build"], vec!["check", "-h"]] {
        let r = run(&args);
        assert_code(&r, 0, &format!("{args:?}"));
        assert!(r.stdout.contains("用法: yanxiu"), "{args:?}\n{}", r.stdout);
        for english in ["Usage:", "Options:", "Print help"] {
            assert!(!r.stdout.contains(english), "{args:?}\n{}", r.stdout);
        }
    }
}

#[test]
fn a_roster_that_says_one_thing_twice_exits_2_instead_of_dropping_one() {
    let (_tmp, archive) = scratch_copy("clean");
    let roster = archive.join("teachers.yaml");
    let original = fs::read_to_string(&roster).unwrap();
    // A second list under the other name of the key: its teachers were dropped unseen.
    fs::write(&roster, format!("{original}教师:\n  - 姓名: 额外老师\n")).unwrap();
    let run = check(&archive, &[]);
    assert_code(&run, 2, "two teacher lists");
    let second = original.lines().count() as u32 + 1;
    assert!(
        mentions_line(&run.stderr, "teachers.yaml", second),
        "{}",
        run.describe()
    );
    assert!(run.stderr.contains("写了两次"), "{}", run.describe());
    // One teacher with both `name` and `姓名`.
    fs::write(&roster, "teachers:\n  - name: 王丽\n    姓名: 别名\n").unwrap();
    let run = check(&archive, &[]);
    assert_code(&run, 2, "name and 姓名 both");
    assert!(run.stderr.contains("同时写了"), "{}", run.describe());
}

#[test]
fn a_teacher_who_left_before_joining_exits_2_naming_the_line() {
    let (_tmp, archive) = scratch_copy("clean");
    fs::write(
        archive.join("teachers.yaml"),
        "teachers:\n  - name: 王丽\n  - name: 李明\n    joined: 2012-09-01\n    left: 2010-01-01\n",
    )
    .unwrap();
    let run = check(&archive, &[]);
    assert_code(&run, 2, "left before joining");
    assert!(
        mentions_line(&run.stderr, "teachers.yaml", 3),
        "{}",
        run.describe()
    );
    assert!(run.stderr.contains("早于入职日期"), "{}", run.describe());
}

#[test]
fn a_roster_date_that_cannot_be_used_exits_2_at_its_line_with_how_to_write_it() {
    let (_tmp, archive) = scratch_copy("clean");
    for (key, value, said) in [
        (
            "入职",
            "2024-02-30",
            "“李明”的入职日期“2024-02-30”不存在：2024年2月没有30日",
        ),
        ("入职", "去年", "“李明”的入职日期“去年”无法识别"),
        (
            "left",
            "2024/13/1",
            "“李明”的离职日期“2024/13/1”不存在：没有13月",
        ),
        ("入职", "[2019]", "“李明”的入职日期写成了一个列表"),
    ] {
        fs::write(
            archive.join("teachers.yaml"),
            format!(
                "teachers:\n  - name: 王丽\n  - name: 李明\n    group: 语文组\n    {key}: {value}\n  - name: 张华\n"
            ),
        )
        .unwrap();
        let run = check(&archive, &[]);
        assert_code(&run, 2, &format!("{key}: {value}"));
        // The date's own line, inside 李明's entry.
        assert!(
            run.stderr.contains(&format!("teachers.yaml:5: {said}")),
            "{}",
            run.describe()
        );
        assert!(
            run.stderr.contains(&format!("写成 {key}: 2019-09-01")),
            "{}",
            run.describe()
        );
    }
}

#[test]
fn rules_of_the_wrong_shape_are_named_in_chinese_at_their_key() {
    let (_tmp, archive) = scratch_copy("clean");
    // (what follows `rules:`, the line of the mistake, what the message says, what the help says)
    let cases = [
        (
            "  annual_min_hours: 二十四\n",
            3,
            "rules（规则） → annual_min_hours 应为数字，这里是“二十四”",
            "annual_min_hours: 24",
        ),
        (
            "  hours_per_credit: 10\n  annual_min_hours: [24]\n",
            4,
            "annual_min_hours 应为数字，这里是一个列表",
            "不加引号",
        ),
        (
            "  required:\n    - {id: sessions, min: 4}\n    - id: reading\n      min: 六\n",
            6,
            "required 第 2 条 → min 应为 0 或正整数，这里是“六”",
            "min: 6",
        ),
        (
            "  fields:\n    session: speaker\n",
            4,
            "fields → session 应为一个列表",
            "[第一项, 第二项]",
        ),
        (
            "  credit: {反射: 1}\n",
            3,
            "credit 中的“反射”不是记录类型",
            "reflection 反思",
        ),
        (
            "  domain: [甲, 乙]\n",
            3,
            "rules 中没有“domain”这一项",
            "domains",
        ),
        (
            "  required:\n    - {id: sesions, min: 4}\n",
            4,
            "required 中的规则“sesions”缺少 label、kind、per",
            "sessions",
        ),
        (
            "  required:\n    - {id: demo, label: 示范课, kind: observation, per: teacher_school_year, counts_for: 听课人}\n",
            4,
            "required 第 1 条 → counts_for 的“听课人”不是可用的计入对象",
            "counts_for: teacher",
        ),
        (
            "  required:\n    - {id: demo, label: 示范课, kind: reflection, per: teacher_school_year, counts_for: teacher}\n",
            4,
            "规则“demo”写了 counts_for: teacher（按授课教师统计），这只适用于听课记录（kind: observation）的每人规则",
            "把 kind 改为 observation",
        ),
    ];
    for (rules, line, said, hint) in cases {
        fs::write(
            archive.join("yanxiu.yaml"),
            format!("school: 测试小学\nrules:\n{rules}"),
        )
        .unwrap();
        let run = check(&archive, &[]);
        assert_code(&run, 2, rules);
        let first = run.stderr.lines().next().unwrap_or("");
        assert!(
            first.starts_with(&format!("错误[Y001]: yanxiu.yaml:{line}: ")) && first.contains(said),
            "{rules}\n{}",
            run.describe()
        );
        assert!(run.stderr.contains(hint), "{rules}\n{}", run.describe());
        for english in ["invalid type", "expected", "unknown field", "missing field"] {
            assert!(!run.stderr.contains(english), "{rules}\n{}", run.describe());
        }
    }
}

#[test]
fn every_mistake_of_yanxiu_yaml_is_said_at_once_each_at_its_line() {
    let (_tmp, archive) = scratch_copy("clean");
    fs::write(
        archive.join("yanxiu.yaml"),
        "school: 测试小学\n\
         school_year_start: 九月一日\n\
         rules:\n  annual_min_hours: 二十四\n\
         \x20 required:\n    - {id: sessions, min: 四}\n    - {id: x, per: weekly}\n\
         domains: 师德\n\
         学校: 重复的学校\n",
    )
    .unwrap();
    let run = check(&archive, &[]);
    assert_code(&run, 2, "yanxiu.yaml with several mistakes");
    assert!(
        run.stderr.starts_with("yanxiu.yaml 中有 7 处问题"),
        "{}",
        run.describe()
    );
    // (line, what is said, the fix), in the order they are written.
    let want = [
        (2, "“九月一日”不是“月-日”", "\"09-01\""),
        (4, "annual_min_hours 应为数字", "annual_min_hours: 24"),
        (6, "min 应为 0 或正整数", "min: 6"),
        (7, "“weekly”不是可用的统计周期", "semester"),
        (
            7,
            "required 中的规则“x”缺少 label、kind",
            "新增的规则要写全",
        ),
        (8, "domains（领域） 应为一个列表", "[第一项, 第二项]"),
        (9, "“学校”与“school”是同一个设置", "删除其中一个"),
    ];
    let errors: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("错误[Y001]: "))
        .collect();
    assert_eq!(errors.len(), want.len(), "{}", run.describe());
    for ((line, said, fix), got) in want.iter().zip(&errors) {
        assert!(
            got.starts_with(&format!("错误[Y001]: yanxiu.yaml:{line}: ")) && got.contains(said),
            "{got}\n{}",
            run.describe()
        );
        assert!(run.stderr.contains(fix), "{fix}\n{}", run.describe());
    }
    assert_eq!(
        run.stderr.matches("提示: ").count(),
        want.len(),
        "each with its fix\n{}",
        run.describe()
    );
}

#[test]
fn a_rule_is_disabled_with_the_chinese_yes_as_with_true() {
    let (_tmp, archive) = scratch_copy("clean");
    let config = |reflection: &str, reading: &str| {
        format!(
            "school: 测试小学\nrules:\n  annual_min_hours: 4\n  required:\n    - {{id: sessions, label: 每学期至少1次主题研修活动, kind: session, per: semester, min: 1}}\n    - {{id: reflection, disabled: {reflection}}}\n    - {{id: reading, disabled: {reading}}}\n"
        )
    };
    // 是 and 对 remove the rules as true does: nothing left unmet.
    fs::write(archive.join("yanxiu.yaml"), config("是", "对")).unwrap();
    let run = check(&archive, &["--require-complete"]);
    assert_code(&run, 0, "disabled: 是 / 对");
    assert!(
        run.stdout.contains("所有规定项目均已达到"),
        "{}",
        run.describe()
    );
    // 否 keeps the rule, which this archive does not meet.
    fs::write(archive.join("yanxiu.yaml"), config("否", "true")).unwrap();
    let run = check(&archive, &["--require-complete"]);
    assert_code(&run, 1, "disabled: 否 keeps the reflection rule");
    // Anything else is refused, saying what to write.
    fs::write(archive.join("yanxiu.yaml"), config("停用", "true")).unwrap();
    let run = check(&archive, &[]);
    assert_code(&run, 2, "disabled: 停用");
    assert!(
        run.stderr.contains("错误[Y001]: yanxiu.yaml:6: ")
            && run
                .stderr
                .contains("disabled 应为 true 或 false（也可写“是”或“否”），这里是“停用”")
            && run.stderr.contains("写 disabled: true"),
        "{}",
        run.describe()
    );
}

#[cfg(unix)]
#[test]
fn a_link_to_the_archive_folder_is_still_the_archive() {
    let (tmp, archive) = scratch_copy("clean");
    let link = tmp.path().join("档案链接");
    std::os::unix::fs::symlink(&archive, &link).unwrap();
    let run = check(&link, &[]);
    assert_code(&run, 0, "check through a link to the archive");
    assert!(run.stdout.contains("份记录"), "{}", run.describe());
}

#[test]
fn a_rule_no_record_can_meet_or_that_fits_no_one_is_y006_at_its_line() {
    let (_tmp, archive) = scratch_copy("clean");
    // (what follows `rules:`, the line, what the warning says, what the help suggests)
    let cases = [
        (
            "  required:\n    - {id: mentor, label: 每学年示范课, kind: observation, per: teacher_school_year, form: 示范 课}\n",
            4,
            "只计形式为“示范 课”的听课",
            "是不是“示范课”？",
        ),
        (
            "  required:\n    - {id: sessions, min: 2}\n    - id: mentor\n      label: 骨干教师每学年示范课\n      kind: observation\n      per: teacher_school_year\n      role: 骨干\n",
            9,
            "只计角色为“骨干”的教师，但名册中没有人是“骨干”",
            "teachers.yaml",
        ),
    ];
    for (rules, line, said, hint) in cases {
        fs::write(
            archive.join("yanxiu.yaml"),
            format!("school: 测试小学\nrules:\n{rules}"),
        )
        .unwrap();
        let run = check(&archive, &["--format", "json"]);
        let found: Vec<serde_json::Value> = serde_json::from_str(&run.stdout).unwrap();
        let y006: Vec<&serde_json::Value> = found.iter().filter(|d| d["code"] == "Y006").collect();
        assert_eq!(y006.len(), 1, "{rules}\n{}", run.describe());
        let d = y006[0];
        assert_eq!(d["file"], "yanxiu.yaml");
        assert_eq!(d["severity"], "warning");
        assert_eq!(d["line"], line, "{rules}\n{d}");
        assert!(d["message"].as_str().unwrap().contains(said), "{d}");
        assert!(d["help"].as_str().unwrap().contains(hint), "{d}");
    }
    // The preset's own rule, left without its 形式 by the school's list: a warning, not a stop.
    fs::write(
        archive.join("yanxiu.yaml"),
        "school: 测试小学\nforms: [讲座, 沙龙]\n",
    )
    .unwrap();
    let run = check(&archive, &["--format", "json"]);
    assert_ne!(run.code, Some(2), "{}", run.describe());
    assert!(
        run.stdout.contains("Y006") && run.stdout.contains("disabled: true"),
        "{}",
        run.describe()
    );
}

/// The README's example of a per-teacher rule on observations once counted the observer for
/// 骨干教师每学年上示范课1节; a school that copied it hears that the label and the counting
/// disagree (Y008), at the label's line, and how to count the teacher who gave the lesson.
#[test]
fn a_rule_that_says_giving_a_lesson_but_counts_the_observer_is_y008() {
    let (_tmp, archive) = scratch_copy("clean");
    let rule = |label: &str, counts_for: &str| {
        format!(
            "school: 测试小学\nrules:\n  required:\n    - id: mentor\n      label: {label}\n      kind: observation\n      per: teacher_school_year\n{counts_for}"
        )
    };
    let y008 = |yaml: String| -> Vec<serde_json::Value> {
        fs::write(archive.join("yanxiu.yaml"), yaml).unwrap();
        let run = check(&archive, &["--format", "json"]);
        assert_ne!(
            run.code,
            Some(2),
            "a warning, not a stop\n{}",
            run.describe()
        );
        let found: Vec<serde_json::Value> = serde_json::from_str(&run.stdout).unwrap();
        found.into_iter().filter(|d| d["code"] == "Y008").collect()
    };
    // The old example: the label says 上示范课, the rule counts whoever wrote the record.
    let found = y008(rule("骨干教师每学年上示范课1节", ""));
    assert_eq!(found.len(), 1, "{found:?}");
    let d = &found[0];
    assert_eq!(d["file"], "yanxiu.yaml");
    assert_eq!(d["severity"], "warning");
    assert_eq!(d["line"], 5, "the label's line: {d}");
    assert!(
        d["message"].as_str().unwrap().contains("说的是本人上课"),
        "{d}"
    );
    assert!(
        d["help"].as_str().unwrap().contains("counts_for: teacher"),
        "{d}"
    );
    // Counted for the teacher who gave it: nothing to say.
    assert!(
        y008(rule(
            "骨干教师每学年上示范课1节",
            "      counts_for: teacher\n"
        ))
        .is_empty()
    );
    // The reverse: 听课 counted for the teacher observed.
    let found = y008(rule("每人每学年听课10节", "      counts_for: teacher\n"));
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0]["help"]
            .as_str()
            .unwrap()
            .contains("删去 counts_for"),
        "{:?}",
        found[0]
    );
    // Watching a model lesson is an observer's rule; a plain 听课 rule too.
    assert!(y008(rule("每人每学年听示范课2节", "")).is_empty());
    assert!(y008(rule("每人每学期听课记录至少1篇", "")).is_empty());
}

/// A rule written on one line in braces with `{min}` unquoted in its label: the braces are
/// paired, but YAML reads the inner ones as the end of the rule. Said so, with the quoted form.
#[test]
fn min_in_an_unquoted_label_inside_braces_is_said_with_the_quotes_to_add() {
    let (_tmp, archive) = scratch_copy("clean");
    fs::write(
        archive.join("yanxiu.yaml"),
        "school: 测试小学\nrules:\n  required:\n    - {id: yr, label: 每人每学年听课不少于{min}节, kind: observation, per: teacher_school_year, min: 2}\n",
    )
    .unwrap();
    let run = check(&archive, &[]);
    assert_code(&run, 2, "an unreadable yanxiu.yaml");
    assert!(
        run.stderr.contains("yanxiu.yaml:4")
            && run.stderr.contains("值里有花括号")
            && run
                .stderr
                .contains("label: \"每人每学期听课不少于{min}节\""),
        "{}",
        run.describe()
    );
    // Quoted, it is read, and the label shows the number.
    fs::write(
        archive.join("yanxiu.yaml"),
        "school: 测试小学\nrules:\n  required:\n    - {id: yr, label: \"每人每学年听课不少于{min}节\", kind: observation, per: teacher_school_year, min: 2}\n",
    )
    .unwrap();
    let run = check(&archive, &[]);
    assert_ne!(run.code, Some(2), "{}", run.describe());
    assert!(
        run.stdout.contains("每人每学年听课不少于2节"),
        "{}",
        run.describe()
    );
}

/// A problem of `yanxiu.yaml` that stops the run has its code like every diagnostic, and a
/// program asking for JSON gets it as the diagnostics array (it got nothing on stdout before),
/// still with exit code 2.
#[test]
fn a_setup_problem_has_its_code_and_reaches_json_readers() {
    let (_tmp, archive) = scratch_copy("clean");
    fs::remove_file(archive.join("yanxiu.yaml")).unwrap();
    let human = check(&archive, &[]);
    assert_code(&human, 2, "no yanxiu.yaml");
    assert!(
        human
            .stderr
            .starts_with("错误[Y001]: yanxiu.yaml: 档案中没有 yanxiu.yaml"),
        "{}",
        human.describe()
    );
    for args in [
        vec!["check", archive.to_str().unwrap(), "--format", "json"],
        vec!["credits", archive.to_str().unwrap(), "--format", "json"],
    ] {
        let r = run(&args);
        assert_code(&r, 2, &args.join(" "));
        let v: serde_json::Value =
            serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("{e}: {}", r.describe()));
        assert_eq!(v[0]["code"], "Y001", "{}", r.stdout);
        assert_eq!(v[0]["file"], "yanxiu.yaml");
        assert_eq!(v[0]["severity"], "error");
    }
}

/// yanxiu.yaml's problems are said at once, each at its line: a mistyped preset at the preset's
/// line with the name meant; a mistyped key of `rules:` and a mistyped rule id together (the id
/// was said only on the next run), the id with the preset's rule it was meant to be.
#[test]
fn a_mistyped_preset_and_rule_id_are_said_at_their_lines_at_once() {
    let (_tmp, archive) = scratch_copy("clean");
    fs::write(
        archive.join("yanxiu.yaml"),
        "学校: 青溪\npreset: zhejiang\nrules:\n  hours_per_credit: 10\n",
    )
    .unwrap();
    let run = check(&archive, &[]);
    assert_code(&run, 2, "preset: zhejiang");
    assert!(
        run.stderr
            .starts_with("错误[Y001]: yanxiu.yaml:2: 没有名为“zhejiang”的规则预设")
            && run.stderr.contains("是不是“zhejiang-2019”？"),
        "{}",
        run.describe()
    );
    fs::write(
        archive.join("yanxiu.yaml"),
        "学校: 青溪\nrules:\n  annual_min_hour: 20\n  required:\n    - {id: sesions, min: 3}\n",
    )
    .unwrap();
    let run = check(&archive, &[]);
    assert_code(&run, 2, "two mistakes");
    assert!(
        run.stderr
            .contains("yanxiu.yaml:3: rules 中没有“annual_min_hour”这一项")
            && run
                .stderr
                .contains("yanxiu.yaml:5: required 中的规则“sesions”缺少 label、kind、per")
            && run.stderr.contains("是不是预设中的“sessions”？"),
        "{}",
        run.describe()
    );
    // Every incomplete rule, and a rule to stop that is none of the preset's (it was dropped
    // without a word, and the preset's rule meant stayed).
    fs::write(
        archive.join("yanxiu.yaml"),
        "学校: 青溪\nrules:\n  required:\n    - {id: readng, disabled: true}\n    - {id: sesions, min: 8}\n    - {id: mentor, label: x, kind: observation}\n",
    )
    .unwrap();
    let run = check(&archive, &[]);
    assert_code(&run, 2, "three rule mistakes");
    for said in [
        "yanxiu.yaml:4: 要停用的规则“readng”不是 default 预设中的规则",
        "是不是预设中的“reading”？",
        "yanxiu.yaml:5: required 中的规则“sesions”缺少 label、kind、per",
        "yanxiu.yaml:6: required 中的规则“mentor”缺少 per",
    ] {
        assert!(run.stderr.contains(said), "{said}\n{}", run.describe());
    }
}

#[test]
fn a_run_that_cannot_start_has_a_code_and_with_json_a_diagnostic_on_stdout() {
    // No archive where one was named: Y010 on stderr, and with --format json the one-item array
    // a program reading stdout expects (it printed nothing there).
    let tmp = tempfile::tempdir().unwrap();
    let missing = tmp.path().join("没有这个档案");
    let human = run([std::ffi::OsStr::new("check"), missing.as_os_str()]);
    assert_code(&human, 2, "check of a missing folder");
    assert!(
        human.stderr.starts_with("错误[Y010]: 找不到档案文件夹") && human.stderr.contains("提示: "),
        "{}",
        human.stderr
    );
    for command in ["check", "credits"] {
        let json = run([
            std::ffi::OsStr::new(command),
            missing.as_os_str(),
            std::ffi::OsStr::new("--format"),
            std::ffi::OsStr::new("json"),
        ]);
        assert_code(&json, 2, command);
        let v: serde_json::Value = serde_json::from_str(&json.stdout)
            .unwrap_or_else(|e| panic!("{command}: stdout is not JSON ({e}): {}", json.describe()));
        let items = v.as_array().unwrap();
        assert_eq!(items.len(), 1, "{v}");
        assert_eq!(items[0]["code"], "Y010");
        assert_eq!(items[0]["severity"], "error");
        assert_eq!(items[0]["file"], missing.display().to_string());
    }
}
