//! Figures an inspector is handed must say what they lack: `yanxiu credits` and the 学分汇总
//! pages name the records whose errors kept hours out of them (DESIGN.md §4, §7).

mod common;

use std::fs;
use std::path::Path;

use common::*;

const FIRST: &str = "2024-2025/活动/2024-10-10-集体备课.md";
const SECOND: &str = "2024-2025/活动/2025-03-12-集体备课.md";

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

const REFLECTION: &str = "2024-2025/反思/王丽-识字教学.md";
const COPY: &str = "2024-2025/反思/王丽-识字教学(1).md";
const BODY: &str = "今天的识字课上，我让学生先猜字义再看图，发现大多数学生能借助偏旁推测字义，课堂气氛比以往活跃，下次要给基础弱的学生多留一点时间。\n";

/// The clean fixture with reflections worth 1 学时 (as in the zhejiang-2019 preset) and 王丽's
/// reflection `rel`.
fn with_reflection(
    rel: &str,
    author: &str,
    title: &str,
) -> (tempfile::TempDir, std::path::PathBuf) {
    let (tmp, archive) = scratch_copy("clean");
    edit(
        &archive,
        "yanxiu.yaml",
        "  annual_min_hours: 4\n",
        "  annual_min_hours: 4\n  credit: {reflection: 1}\n",
    );
    write_reflection(&archive, rel, author, title, BODY);
    (tmp, archive)
}

fn write_reflection(archive: &Path, rel: &str, author: &str, title: &str, body: &str) {
    let path = archive.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(
        path,
        format!(
            "---\ntitle: {title}\ndate: 2024-11-20\nauthor: {author}\nform: 反思日记\n---\n\n{body}"
        ),
    )
    .unwrap();
}

fn hours_of(archive: &Path, name: &str) -> (f64, Vec<String>) {
    let json = credits(archive, &["--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let t = v["years"][0]["teachers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == name)
        .unwrap_or_else(|| panic!("{name} in {}", json.stdout))
        .clone();
    let sources = t["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["source"].as_str().unwrap().to_string())
        .collect();
    (t["hours"].as_f64().unwrap(), sources)
}

#[test]
fn a_copied_reflection_is_credited_once_and_both_files_say_so() {
    let (_tmp, archive) = with_reflection(REFLECTION, "王丽", "识字教学反思");
    assert_eq!(
        hours_of(&archive, "王丽").0,
        5.0,
        "two sessions and the reflection"
    );
    fs::copy(archive.join(REFLECTION), archive.join(COPY)).unwrap();

    let (hours, sources) = hours_of(&archive, "王丽");
    assert_eq!(hours, 5.0, "the copy adds nothing: {sources:?}");
    assert_eq!(
        sources.iter().filter(|s| s.contains("反思")).count(),
        1,
        "{sources:?}"
    );

    let (run, diags) = check_json(&archive, &[]);
    for (file, other) in [(REFLECTION, COPY), (COPY, REFLECTION)] {
        let d = diags
            .iter()
            .find(|d| d.code == "Y401" && d.file == file)
            .unwrap_or_else(|| {
                panic!(
                    "no Y401 on {file}:\n{}\n{}",
                    list_diags(&diags),
                    run.describe()
                )
            });
        assert!(
            d.message.contains(other) && d.message.contains("副本不重复计学时"),
            "{d}"
        );
    }
    // Checking the copy alone shows it too.
    let one = run_in(None, ["check".as_ref(), archive.join(COPY).as_os_str()]);
    assert!(
        one.stdout.contains("Y401") && one.stdout.contains("副本不重复计学时"),
        "{}",
        one.describe()
    );
}

#[test]
fn two_teachers_with_the_same_text_are_both_credited() {
    // Same body (a template left as it was), different authors: a duplicate warning, but each
    // wrote their own record and each is credited.
    let (_tmp, archive) = with_reflection(REFLECTION, "王丽", "识字教学反思");
    write_reflection(
        &archive,
        "2024-2025/反思/李明-识字教学.md",
        "李明",
        "识字教学反思",
        BODY,
    );
    assert_eq!(hours_of(&archive, "王丽").0, 5.0);
    assert_eq!(hours_of(&archive, "李明").0, 5.0);
    let (_run, diags) = check_json(&archive, &[]);
    let y401: Vec<&Diag> = diags.iter().filter(|d| d.code == "Y401").collect();
    assert_eq!(y401.len(), 2, "{}", list_diags(&diags));
    assert!(
        y401.iter().all(|d| !d.message.contains("副本不重复计学时")),
        "{}",
        list_diags(&diags)
    );
}

#[test]
fn a_copied_session_credits_each_teacher_once() {
    let (_tmp, archive) = scratch_copy("clean");
    fs::copy(
        archive.join(FIRST),
        archive.join("2024-2025/活动/2024-10-10-集体备课 - 副本.md"),
    )
    .unwrap();
    assert_eq!(hours_of(&archive, "王丽").0, 4.0);
    assert_eq!(hours_of(&archive, "李明").0, 4.0);
}

#[test]
fn a_session_saved_again_after_an_edit_credits_each_teacher_once() {
    // The review's case (session 22): the record copied to …-修改.md and one word changed in
    // its body. Same date, title and speaker: one session in two versions, which granted its
    // hours twice (徐丽君 from 未达标 to 达标) with only a warning to delete one.
    let (_tmp, archive) = scratch_copy("clean");
    let before = (hours_of(&archive, "王丽").0, hours_of(&archive, "李明").0);
    let text = fs::read_to_string(archive.join(FIRST)).unwrap();
    let front_end = text.find("\n---\n").unwrap() + 5;
    let edited = format!("{}补充：会后又讨论了作业设计。\n", text);
    assert!(edited.len() > front_end);
    let version = "2024-2025/活动/2024-10-10-集体备课-修改.md";
    fs::write(archive.join(version), &edited).unwrap();
    assert_eq!(
        (hours_of(&archive, "王丽").0, hours_of(&archive, "李明").0),
        before
    );
    let (_run, diags) = check_json(&archive, &[]);
    for file in [FIRST, version] {
        let d = diags
            .iter()
            .find(|d| d.code == "Y401" && d.file == file)
            .unwrap_or_else(|| panic!("no Y401 on {file}: {}", list_diags(&diags)));
        assert!(
            d.message.contains("两个版本") && d.message.contains("只按"),
            "{d}"
        );
        assert!(
            d.help.as_deref().is_some_and(|h| h.contains("修改标题")),
            "{d}"
        );
    }
    // Given another title, it is a second session and counts.
    common::edit(&archive, version, "title: ", "title: 第二次");
    assert!(hours_of(&archive, "王丽").0 > before.0);

    // One title, day and speaker for other attendees is another session (the second review
    // of session 22: 集体备课 twice on a day for two groups lost a teacher in both her hours):
    // each credits its own, and the speaker for both.
    common::edit(&archive, version, "title: 第二次", "title: ");
    common::edit(
        &archive,
        version,
        "attendees: 全体教师",
        "attendees: [李明]",
    );
    assert_eq!(hours_of(&archive, "李明").0, before.1 + 2.0);
    assert_eq!(hours_of(&archive, "王丽").0, before.0 + 2.0);
    let (_run, diags) = check_json(&archive, &[]);
    assert!(
        diags
            .iter()
            .filter(|d| d.code == "Y401")
            .all(|d| !d.message.contains("不重复计")),
        "{}",
        list_diags(&diags)
    );
}

#[test]
fn a_copied_session_of_a_few_words_credits_each_teacher_once() {
    // The same file twice, its body too short to compare (an outline, or nothing): still one
    // session, credited once, and both files say which one counts.
    let (_tmp, archive) = scratch_copy("clean");
    let text = fs::read_to_string(archive.join(FIRST)).unwrap();
    let front_end = text.find("\n---\n").unwrap() + 5;
    let short = format!("{}\n见签到表。\n", &text[..front_end]);
    fs::write(archive.join(FIRST), &short).unwrap();
    let before = (hours_of(&archive, "王丽").0, hours_of(&archive, "李明").0);
    let copy = "2024-2025/活动/2024-10-10-集体备课 - 副本.md";
    // Saved again by an editor: a line's trailing space and a newline at the end added.
    let resaved = short.replace("见签到表。\n", "见签到表。 \n\n");
    fs::write(archive.join(copy), &resaved).unwrap();
    assert_eq!(hours_of(&archive, "王丽").0, before.0);
    assert_eq!(hours_of(&archive, "李明").0, before.1);
    let (_run, diags) = check_json(&archive, &[]);
    for file in [FIRST, copy] {
        assert!(
            diags.iter().any(|d| d.code == "Y401"
                && d.file == file
                && d.message.contains("副本不重复计学时")),
            "{file}: {}",
            list_diags(&diags)
        );
    }
}

/// `data/completeness.json` of a build of `archive`.
fn completeness(archive: &Path) -> Vec<serde_json::Value> {
    let out = archive.with_file_name("out");
    let build = run([
        "build",
        archive.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(build.code, Some(0), "{}", build.describe());
    let text = fs::read_to_string(out.join("data/completeness.json")).unwrap();
    serde_json::from_str::<serde_json::Value>(&text)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

fn finding<'f>(
    findings: &'f [serde_json::Value],
    rule: &str,
    period: &str,
    teacher: Option<&str>,
) -> &'f serde_json::Value {
    findings
        .iter()
        .find(|f| {
            f["rule"] == rule && f["period"] == period && f["teacher"] == serde_json::json!(teacher)
        })
        .unwrap_or_else(|| panic!("no finding {rule} {period} {teacher:?} in {findings:?}"))
}

#[test]
fn an_exact_copy_counts_once_towards_completeness_as_in_the_credits() {
    // Two reflections a semester per teacher; 王丽 has one, filed twice (`(1).md`); the first
    // semester's one session is filed twice too (`- 副本.md`).
    let (_tmp, archive) = with_reflection(REFLECTION, "王丽", "识字教学反思");
    edit(
        &archive,
        "yanxiu.yaml",
        "    - {id: reflection, disabled: true}\n",
        "    - {id: reflection, label: 每人每学期反思2篇, kind: reflection, per: teacher_semester, min: 2}\n",
    );
    let session_copy = "2024-2025/活动/2024-10-10-集体备课 - 副本.md";
    fs::copy(archive.join(FIRST), archive.join(session_copy)).unwrap();
    fs::copy(archive.join(REFLECTION), archive.join(COPY)).unwrap();

    let findings = completeness(&archive);
    let period = "2024-2025学年第一学期";
    let wang = finding(&findings, "reflection", period, Some("王丽"));
    assert_eq!(
        wang["found"], 1,
        "the copy is not a second reflection: {wang}"
    );
    assert_eq!(wang["met"], false, "{wang}");
    // The record counted is the one credited: the original, though the copy (`(1)`) sorts
    // before it.
    let (hours, credited) = hours_of(&archive, "王丽");
    assert_eq!(hours, 5.0, "credited once: {credited:?}");
    let credited: Vec<&String> = credited.iter().filter(|s| s.contains("反思")).collect();
    assert_eq!(
        wang["sources"],
        serde_json::json!(credited),
        "the record counted is the one credited: {wang}"
    );
    let sessions = finding(&findings, "sessions", period, None);
    assert_eq!(sessions["found"], 1, "{sessions}");
    let (_, all) = hours_of(&archive, "王丽");
    let credited: Vec<&String> = all.iter().filter(|s| s.contains("2024-10-10")).collect();
    assert_eq!(credited.len(), 1, "{all:?}");
    assert_eq!(
        sessions["sources"],
        serde_json::json!(credited),
        "{sessions}"
    );

    // Both files of each pair say the copy is not counted again, for credits or completeness.
    let (_run, diags) = check_json(&archive, &[]);
    for (file, other) in [
        (REFLECTION, COPY),
        (COPY, REFLECTION),
        (FIRST, session_copy),
        (session_copy, FIRST),
    ] {
        let d = diags
            .iter()
            .find(|d| d.code == "Y401" && d.file == file)
            .unwrap_or_else(|| panic!("no Y401 on {file}:\n{}", list_diags(&diags)));
        assert!(
            d.message.contains(other) && d.message.contains("也不重复计入完整性"),
            "{d}"
        );
    }
}

#[test]
fn the_same_text_by_two_teachers_counts_for_each_towards_completeness() {
    // Not a copy (two authors): each teacher's reflection counts for them.
    let (_tmp, archive) = with_reflection(REFLECTION, "王丽", "识字教学反思");
    edit(
        &archive,
        "yanxiu.yaml",
        "    - {id: reflection, disabled: true}\n",
        "    - {id: reflection, label: 每人每学期反思1篇, kind: reflection, per: teacher_semester, min: 1}\n",
    );
    write_reflection(
        &archive,
        "2024-2025/反思/李明-识字教学.md",
        "李明",
        "识字教学反思",
        BODY,
    );
    let findings = completeness(&archive);
    for who in ["王丽", "李明"] {
        let f = finding(&findings, "reflection", "2024-2025学年第一学期", Some(who));
        assert_eq!((&f["found"], &f["met"]), (&1.into(), &true.into()), "{f}");
    }
}

/// An absentee written so that no teacher can be told (a slip of one character) was counted
/// present: the figures may be too many, and both `credits` and the credit pages say so. `缺席: 无`
/// is how a teacher writes nobody, and is no problem.
#[test]
fn an_absentee_who_cannot_be_told_is_named_and_the_figures_flagged() {
    let (tmp, archive) = scratch_copy("clean");
    edit(
        &archive,
        FIRST,
        "attendees: 全体教师",
        "attendees: 全体教师\nabsent: [李名]",
    );
    edit(
        &archive,
        SECOND,
        "attendees: 语文组",
        "attendees: 语文组\n缺席: [无, 语文组]",
    );

    let (checked, diags) = check_json(&archive, &[]);
    let slips: Vec<&Diag> = diags
        .iter()
        .filter(|d| d.code == "Y208" && d.file == FIRST)
        .collect();
    assert_eq!(slips.len(), 1, "{}", list_diags(&diags));
    assert_eq!((slips[0].file.as_str(), slips[0].line), (FIRST, Some(8)));
    assert_eq!(
        slips[0].help.as_deref(),
        Some("是不是“李明”？"),
        "{}",
        checked.stdout
    );
    // 无 is nobody; a group is no absentee, and said to be one.
    let second: Vec<&Diag> = diags.iter().filter(|d| d.file == SECOND).collect();
    assert_eq!(second.len(), 1, "{}", list_diags(&diags));
    assert!(
        second[0].code == "Y208" && second[0].message.contains("“语文组”是一个教研组"),
        "{}",
        second[0]
    );

    let table = credits(&archive, &[]);
    assert!(
        table
            .stdout
            .contains("2 份活动记录的缺席或请假中有读不出的名字")
            && table.stdout.contains(&format!("  {FIRST}:8  "))
            && table.stdout.contains(&format!("  {SECOND}:")),
        "{}",
        table.stdout
    );
    let out = tmp.path().join("out");
    let build = run([
        "build",
        archive.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(out.join("index.html").exists(), "{}", build.describe());
    for page in ["credits.html", "credits/2024-2025.html"] {
        let html = fs::read_to_string(out.join(page)).unwrap();
        assert!(
            html.contains("本页的数字可能多计") && html.contains("（可能多计）"),
            "{page}:\n{html}"
        );
    }
}

/// The speaker written absent too: not credited while the page names them as the speaker, so
/// it is said (Y209), at the absent line.
#[test]
fn a_speaker_written_absent_is_warned_about() {
    let (_tmp, archive) = scratch_copy("clean");
    edit(
        &archive,
        FIRST,
        "attendees: 全体教师",
        "attendees: 全体教师\nabsent: [王丽]",
    );
    let (_run, diags) = check_json(&archive, &[]);
    let d: Vec<&Diag> = diags.iter().filter(|d| d.code == "Y209").collect();
    assert_eq!(d.len(), 1, "{}", list_diags(&diags));
    assert_eq!(
        (d[0].file.as_str(), d[0].line, d[0].severity.as_str()),
        (FIRST, Some(8), "warning")
    );
    assert!(
        d[0].message.contains("主讲人“王丽”又写在了缺席中"),
        "{}",
        d[0].message
    );
}

#[test]
fn hours_by_domain_and_by_form_add_up_to_the_total() {
    // A session written without 领域 (not a required field): its hours are totalled under
    // 未填写, not left out, so that an inspector can reconcile each breakdown with the total.
    let (_tmp, archive) = common::preview::scratch_example();
    edit(
        &archive,
        "2024-2025/活动/2024-09-12-集体备课.md",
        "领域: 教师成长\n",
        "",
    );
    let json = credits(&archive, &["--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let sum = |m: &serde_json::Value| -> f64 {
        m.as_object()
            .unwrap()
            .values()
            .map(|h| h.as_f64().unwrap())
            .sum()
    };
    let mut unfilled = 0;
    for y in v["years"].as_array().unwrap() {
        for t in y["teachers"].as_array().unwrap() {
            let hours = t["hours"].as_f64().unwrap();
            assert_eq!(sum(&t["by_domain"]), hours, "{t}");
            assert_eq!(sum(&t["by_form"]), hours, "{t}");
            if t["by_domain"]["未填写"].as_f64() == Some(2.0) {
                unfilled += 1;
            }
        }
    }
    assert!(
        unfilled >= 10,
        "the session's 2 hours under 未填写 for its attendees"
    );
}

#[test]
fn a_research_team_written_as_a_group_counts_its_teachers() {
    // DESIGN §2: a group stands for its teachers wherever a list of people is expected; 成员
    // gave "应为一位教师" and credited no one of the group.
    let (_tmp, archive) = scratch_copy("credits");
    let project = "2024-2025/课题/分层作业设计.md";
    edit(
        &archive,
        project,
        "members: [王芳(T06), 孙强]",
        "members: [英语组, 孙强]",
    );
    let (_run, diags) = check_json(&archive, &[]);
    assert!(
        diags.iter().all(|d| d.file != project),
        "{}",
        list_diags(&diags)
    );
    let json = credits(&archive, &["--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let credited: Vec<String> = v["years"][0]["teachers"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| {
            t["entries"]
                .as_array()
                .unwrap()
                .iter()
                .any(|e| e["source"] == project)
        })
        .map(|t| {
            format!(
                "{}({})",
                t["name"].as_str().unwrap(),
                t["id"].as_str().unwrap()
            )
        })
        .collect();
    // The leader 刘洋, the two of 英语组 (both 王芳), and 孙强.
    assert_eq!(
        credited,
        ["刘洋(T03)", "王芳(T05)", "王芳(T06)", "孙强(T08)"]
    );
}

#[test]
fn a_research_team_s_group_with_no_one_serving_is_said() {
    // 新教师 is 林晓雨 alone, who joined in 2025: a project of 2024-11-05 naming 新教师 among
    // its members counts no one for it, and says so (Y205, as for a session's attendees).
    let (_tmp, archive) = common::preview::scratch_example();
    let project = "2024-2025/课题/分层作业设计.md";
    edit(
        &archive,
        project,
        "成员: [赵国强, 孙丽, 刘志明, 李晓燕]",
        "成员: [新教师, 李晓燕]",
    );
    let (_run, diags) = check_json(&archive, &[]);
    let y205: Vec<&Diag> = diags
        .iter()
        .filter(|d| d.file == project && d.code == "Y205")
        .collect();
    assert_eq!(y205.len(), 1, "{}", list_diags(&diags));
    assert!(
        y205[0]
            .message
            .contains("成员中的“新教师”在记录日期没有一位在职教师"),
        "{}",
        y205[0]
    );
}

#[test]
fn a_research_project_s_hours_are_under_its_kind_whatever_the_forms() {
    // With one list of forms for every kind (top-level `forms:`), a research project, which
    // has no 形式, is still totalled under 课题, not 未填写 (a gap the school cannot fill).
    let (_tmp, archive) = scratch_copy("credits");
    let config = archive.join("yanxiu.yaml");
    let text = fs::read_to_string(&config).unwrap();
    fs::write(
        &config,
        format!("{text}forms: [主题教研, 专家讲座, 观课议课, 课题指导, 网络研修, 工作坊, 小组研讨, 集体备课, 读书心得, 教学反思]\n"),
    )
    .unwrap();
    let json = credits(&archive, &["--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let liu = v["years"][0]["teachers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == "T03")
        .unwrap()
        .clone();
    assert_eq!(liu["by_form"]["课题"], 2.0, "{liu}");
    assert!(liu["by_form"].get("未填写").is_none(), "{liu}");
}
