//! `yanxiu init` and `yanxiu new` as a school and a teacher use them: the real binary on a new
//! folder and on a scratch copy of the example archive. Neither overwrites anything; what they
//! write passes `yanxiu check` once the writer fills in what only they know.

mod common;

use std::fs;
use std::path::Path;

use common::*;

fn files_under(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<_> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().display().to_string(),
                fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    out.sort();
    out
}

fn run_at(dir: &Path, args: &[&str]) -> Run {
    run_in(Some(dir), args)
}

#[test]
fn init_makes_an_archive_that_checks_clean_and_never_overwrites() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("新档案");
    let r = run([
        "init".as_ref(),
        dir.as_os_str(),
        "--school".as_ref(),
        "青溪镇中心小学".as_ref(),
    ]);
    assert_eq!(r.code, Some(0), "{}", r.describe());
    // TODAY is 2026-11-22: the 2026-2027 school year.
    for rel in [
        "yanxiu.yaml",
        "teachers.yaml",
        "2026-2027/计划.md",
        ".gitignore",
    ] {
        assert!(r.stdout.contains(rel), "{rel} listed\n{}", r.stdout);
        assert!(dir.join(rel).is_file(), "{rel}");
    }
    for folder in [
        "2026-2027/活动",
        "2026-2027/反思",
        "2026-2027/听课",
        "2026-2027/课题",
        "附件",
    ] {
        assert!(dir.join(folder).is_dir(), "{folder}");
    }
    let config = fs::read_to_string(dir.join("yanxiu.yaml")).unwrap();
    assert!(config.contains("学校: 青溪镇中心小学"), "{config}");
    let plan = fs::read_to_string(dir.join("2026-2027/计划.md")).unwrap();
    assert!(
        plan.contains("标题: 青溪镇中心小学2026-2027学年校本研修计划"),
        "{plan}"
    );

    let c = check(&dir, &[]);
    assert_eq!(
        c.code,
        Some(0),
        "the new archive has no errors\n{}",
        c.describe()
    );
    assert!(
        c.all_output().contains("0 个错误，0 个警告"),
        "{}",
        c.describe()
    );

    // A second init changes nothing.
    let before = files_under(&dir);
    let again = run(["init".as_ref(), dir.as_os_str()]);
    assert_eq!(again.code, Some(2), "{}", again.describe());
    assert!(again.stderr.contains("已经是一个档案"), "{}", again.stderr);
    assert_eq!(files_under(&dir), before);
}

#[test]
fn init_in_a_folder_with_files_keeps_them() {
    let tmp = tempfile::tempdir().unwrap();
    fs::write(tmp.path().join(".gitignore"), "*.bak\n").unwrap();
    fs::write(tmp.path().join("说明.txt"), "学校的说明").unwrap();
    let r = run_at(tmp.path(), &["init"]);
    assert_eq!(r.code, Some(0), "{}", r.describe());
    assert_eq!(
        fs::read_to_string(tmp.path().join(".gitignore")).unwrap(),
        "*.bak\n"
    );
    assert_eq!(
        fs::read_to_string(tmp.path().join("说明.txt")).unwrap(),
        "学校的说明"
    );
    // Without --school the name is a placeholder, and the next steps say to replace it.
    assert!(r.stdout.contains("把 学校 改为本校名称"), "{}", r.stdout);
    assert!(
        !r.stdout.contains(".gitignore"),
        "an existing file is not listed as made"
    );
}

#[test]
fn new_writes_a_record_for_this_school_year_that_checks_clean_once_filled_in() {
    let (_tmp, archive) = common::preview::scratch_example();
    let r = run_at(
        &archive,
        &["new", "反思", "整本书阅读的一点体会", "--author", "周敏"],
    );
    assert_eq!(r.code, Some(0), "{}", r.describe());
    // TODAY (2026-11-22) is in 2026-2027; the example has no records of it yet, so the record
    // goes in that year's folder under the archive's name for reflections.
    let rel = "2026-2027/反思/周敏-整本书阅读的一点体会.md";
    assert!(r.stdout.contains(&format!("已新建 {rel}")), "{}", r.stdout);
    let text = fs::read_to_string(archive.join(rel)).unwrap();
    for line in [
        "标题: 整本书阅读的一点体会",
        "日期: 2026-11-22",
        "作者: 周敏",
        "标签: []",
    ] {
        assert!(text.contains(line), "{line}\n{text}");
    }
    // What only the teacher knows: the form, with the forms the rules allow beside it.
    assert!(
        text.contains("形式:   # 可选：反思日记、教育叙事"),
        "{text}"
    );
    assert!(r.stdout.contains("Y110"), "{}", r.stdout);
    assert!(
        r.stdout.contains("例如 形式: 反思日记"),
        "a reflection's form\n{}",
        r.stdout
    );

    fs::write(
        archive.join(rel),
        text.replace("形式:   #", "形式: 读书心得   #") + "读了两遍，记下三点体会。\n",
    )
    .unwrap();
    let (c, diags) = check_json(&archive, &[]);
    let own: Vec<_> = diags.iter().filter(|d| d.file == rel).collect();
    assert!(own.is_empty(), "{own:?}\n{}", c.describe());

    // The same title again: a second file, the first untouched.
    let before = fs::read(archive.join(rel)).unwrap();
    let again = run_at(
        &archive,
        &[
            "new",
            "reflection",
            "整本书阅读的一点体会",
            "--author",
            "周敏",
        ],
    );
    assert_eq!(again.code, Some(0), "{}", again.describe());
    assert!(
        archive
            .join("2026-2027/反思/周敏-整本书阅读的一点体会-2.md")
            .is_file(),
        "{}",
        again.stdout
    );
    assert_eq!(fs::read(archive.join(rel)).unwrap(), before);
}

#[test]
fn new_session_has_the_fields_and_sections_the_rules_ask_for() {
    let (_tmp, archive) = common::preview::scratch_example();
    let r = run_at(
        &archive,
        &["new", "活动", "期中质量分析会", "--author", "陈建华"],
    );
    assert_eq!(r.code, Some(0), "{}", r.describe());
    let rel = "2026-2027/活动/2026-11-22-期中质量分析会.md";
    let text = fs::read_to_string(archive.join(rel)).unwrap();
    for line in ["主讲人: 陈建华", "## 研讨记录", "## 效果分析"] {
        assert!(text.contains(line), "{line}\n{text}");
    }
    // No hours and no attendees until the writer gives them: nobody is credited by a template.
    assert!(text.contains("学时:   #"), "{text}");
    assert!(text.contains("参加人员:   # 如 全体教师"), "{text}");
    let (_, diags) = check_json(&archive, &[]);
    // The form, the hours and the attendees are left for the writer, and `check` points at
    // each line.
    let missing: Vec<(&str, Option<u64>, &str)> = diags
        .iter()
        .filter(|d| d.file == rel)
        .map(|d| (d.code.as_str(), d.line, d.message.as_str()))
        .collect();
    assert_eq!(
        missing,
        [
            ("Y110", Some(4), "必填字段 形式 没有填写"),
            ("Y110", Some(6), "必填字段 学时 没有填写"),
            ("Y110", Some(7), "必填字段 参加人员 没有填写"),
        ],
        "{diags:?}"
    );
}

#[test]
fn new_follows_the_archive_s_own_folder_names() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    fs::write(dir.join("yanxiu.yaml"), "school: 测试小学\n").unwrap();
    fs::write(dir.join("teachers.yaml"), "teachers:\n  - name: 王丽\n").unwrap();
    fs::create_dir_all(dir.join("2025-2026学年/reflections")).unwrap();
    fs::write(
        dir.join("2025-2026学年/reflections/old.md"),
        "---\ntitle: 旧反思\ndate: 2025-10-01\nauthor: 王丽\nform: 反思日记\n---\n正文\n",
    )
    .unwrap();
    fs::write(
        dir.join("2025-2026学年/plan.md"),
        "---\ntitle: 旧计划\nkind: plan\nschool_year: \"2025-2026\"\n---\n",
    )
    .unwrap();
    fs::create_dir_all(dir.join("2026-2027学年")).unwrap();
    fs::write(
        dir.join("2026-2027学年/plan.md"),
        "---\ntitle: 新计划\nkind: plan\nschool_year: \"2026-2027\"\n---\n",
    )
    .unwrap();
    let r = run_at(dir, &["new", "反思", "新学年第一篇", "--author", "王丽"]);
    assert_eq!(r.code, Some(0), "{}", r.describe());
    assert!(
        dir.join("2026-2027学年/reflections/王丽-新学年第一篇.md")
            .is_file(),
        "{}",
        r.stdout
    );
}

#[test]
fn new_refuses_what_it_cannot_write_well_and_writes_nothing() {
    let (_tmp, archive) = common::preview::scratch_example();
    let before = files_under(&archive);
    for (args, said) in [
        (vec!["new", "反思", "没有作者"], "须写明作者"),
        (
            vec!["new", "反思", "名字写错", "--author", "周民"],
            "是不是“周敏”",
        ),
        (
            vec!["new", "随笔", "不认识的类型"],
            "不认识的记录类型“随笔”",
        ),
        // Quoted, so that it can be typed as it is (unquoted, bash stops at the bracket).
        (
            vec!["new", "反思", "同名的作者", "--author", "王芳"],
            "--author \"王芳(T05)\" 或 --author \"王芳(T09)\"",
        ),
        (
            vec!["new", "反思", "写成教研组", "--author", "语文组"],
            "“语文组”不是一位教师",
        ),
    ] {
        let r = run_at(&archive, &args);
        assert_eq!(r.code, Some(2), "{args:?}\n{}", r.describe());
        assert!(r.stderr.contains(said), "{args:?}\n{}", r.stderr);
    }
    assert_eq!(files_under(&archive), before);
}

/// A school's name that YAML would misread (a colon and a space, quotes, ` #`) is written
/// quoted: the archive `init` makes checks at once, with the name as typed, where the next
/// check stopped on yanxiu.yaml (Y001).
#[test]
fn init_quotes_a_school_name_yaml_would_misread() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("a");
    let name = "青溪: \"分校\" #1";
    let r = run([
        "init".as_ref(),
        dir.as_os_str(),
        "--school".as_ref(),
        name.as_ref(),
    ]);
    assert_eq!(r.code, Some(0), "{}", r.describe());
    let checked = check(&dir, &[]);
    assert_eq!(checked.code, Some(0), "{}", checked.describe());
    let json = run(["credits", dir.to_str().unwrap(), "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(v["school"], name, "{}", json.stdout);
}

/// `init` without `--school` leaves a placeholder for the name; `check` says so (Y005) at its
/// line, or the site would be published under 「（请填写学校名称）」.
#[test]
fn the_placeholder_school_name_is_warned_about() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("a");
    let r = run(["init".as_ref(), dir.as_os_str()]);
    assert_eq!(r.code, Some(0), "{}", r.describe());
    let (_run, diags) = check_json(&dir, &[]);
    let d: Vec<(&str, &str, Option<u64>)> = diags
        .iter()
        .map(|d| (d.code.as_str(), d.file.as_str(), d.line))
        .collect();
    assert_eq!(
        d,
        [("Y005", "yanxiu.yaml", Some(2))],
        "{}",
        list_diags(&diags)
    );
    assert!(diags[0].message.contains("（请填写学校名称）"));
}

#[test]
fn new_makes_one_plan_and_one_summary_a_year() {
    // A second `new 计划` in the same school year used to write 计划-2.md without a word,
    // leaving the sessions' 计划项 to whichever plan the site took.
    let (_tmp, archive) = common::preview::scratch_example();
    for (kind, file) in [("计划", "2026-2027/计划.md"), ("总结", "2026-2027/总结.md")] {
        let first = run_at(&archive, &["new", kind]);
        assert_eq!(first.code, Some(0), "{}", first.describe());
        assert!(archive.join(file).is_file(), "{}", first.describe());
        let before = files_under(&archive);
        let again = run_at(&archive, &["new", kind, "第二份"]);
        assert_eq!(again.code, Some(2), "{}", again.describe());
        assert!(
            again
                .stderr
                .contains(&format!("2026-2027学年已有{kind}：{file}，未新建")),
            "{}",
            again.stderr
        );
        assert_eq!(files_under(&archive), before, "nothing written");
    }
    // A plan for the coming year is written in its own folder: the hint names it.
    let ahead = run_at(&archive, &["new", "计划"]);
    assert!(
        ahead.stderr.contains("在 2027-2028/ 文件夹中新建 计划.md"),
        "{}",
        ahead.stderr
    );
}

#[test]
fn new_writes_a_semester_s_plan_beside_the_other_semester_s_and_sends_to_a_draft() {
    let (_tmp, archive) = common::preview::scratch_example();
    // Today (2026-11-22) is in the first semester of 2026-2027, whose plan is the second's only.
    fs::create_dir_all(archive.join("2026-2027")).unwrap();
    fs::write(
        archive.join("2026-2027/计划.md"),
        "---\n标题: 第二学期研修计划\n类型: 计划\n学年: \"2026-2027\"\n学期: 第二学期\n日期: 2026-11-01\n---\n\n计划。\n",
    )
    .unwrap();
    let first = run_at(&archive, &["new", "计划", "第一学期研修计划"]);
    assert_eq!(first.code, Some(0), "{}", first.describe());
    let text = fs::read_to_string(archive.join("2026-2027/计划-第一学期.md")).unwrap();
    assert!(text.contains("\n学期: 第一学期\n"), "{text}");
    // Now both semesters have one: a third is refused.
    let third = run_at(&archive, &["new", "计划"]);
    assert_eq!(third.code, Some(2), "{}", third.describe());
    assert!(
        third.stderr.contains("2026-2027/计划-第一学期.md"),
        "{}",
        third.stderr
    );
    // A draft: go on with it.
    let (_tmp2, archive) = common::preview::scratch_example();
    fs::create_dir_all(archive.join("2026-2027")).unwrap();
    fs::write(
        archive.join("2026-2027/计划.md"),
        "---\n标题: 研修计划\n类型: 计划\n学年: \"2026-2027\"\n草稿: 是\n---\n\n未完。\n",
    )
    .unwrap();
    let draft = run_at(&archive, &["new", "计划"]);
    assert_eq!(draft.code, Some(2), "{}", draft.describe());
    assert!(
        draft.stderr.contains("已有计划的草稿：2026-2027/计划.md")
            && draft.stderr.contains("删去其中的 草稿: 是"),
        "{}",
        draft.stderr
    );
}
