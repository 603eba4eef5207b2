//! The incremental engine (`yanxiu::incremental::LiveBuild`) leaves the output folder byte for
//! byte as a clean `yanxiu build` of the changed archive would: after a record is edited (body
//! only, and front matter), added, deleted or renamed, after an attachment is added, and after
//! the roster, the configuration or a template changed. Each step is compared with a clean
//! build by the real binary, file by file.

mod common;

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use common::*;
use yanxiu::incremental::{LiveBuild, Update};
use yanxiu::site::SiteOptions;

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("content-example")
}

/// Every file and folder below `dir`, relative and sorted, folders ending with `/`.
fn tree(dir: &Path) -> BTreeSet<String> {
    walk(dir, dir)
}

fn walk(base: &Path, dir: &Path) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let rel = path
            .strip_prefix(base)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if path.is_dir() {
            out.insert(format!("{rel}/"));
            out.extend(walk(base, &path));
        } else {
            out.insert(rel);
        }
    }
    out
}

/// Builds `archive` from scratch with the binary and asserts that `live_out` equals it.
fn assert_same_as_clean_build(archive: &Path, live_out: &Path, step: &str) {
    let clean = tempfile::tempdir().unwrap();
    let clean_out = clean.path().join("out");
    let r = build_to(archive, &clean_out);
    assert_eq!(r.code, Some(0), "{step}: clean build\n{}", r.describe());
    let (want, have) = (tree(&clean_out), tree(live_out));
    let missing: Vec<_> = want.difference(&have).collect();
    let extra: Vec<_> = have.difference(&want).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "{step}: the live output differs from a clean build\nmissing: {missing:?}\nextra: {extra:?}"
    );
    let differing: Vec<&String> = want
        .iter()
        .filter(|f| !f.ends_with('/'))
        .filter(|f| fs::read(clean_out.join(f)).unwrap() != fs::read(live_out.join(f)).unwrap())
        .collect();
    assert!(
        differing.is_empty(),
        "{step}: files whose bytes differ from a clean build: {differing:?}"
    );
}

fn pin_today() {
    // The binary gets the same date from `common::yanxiu`; every test here sets the same value.
    unsafe { std::env::set_var("YANXIU_TODAY", TODAY) };
}

/// A scratch copy of the example archive, built live into `<tmp>/out`.
fn live_example() -> (tempfile::TempDir, PathBuf, PathBuf, LiveBuild) {
    pin_today();
    let tmp = tempfile::tempdir().unwrap();
    let archive = tmp.path().join("archive");
    copy_dir(&example(), &archive);
    let _ = fs::remove_dir_all(archive.join("public"));
    let out = tmp.path().join("out");
    let (live, first) = LiveBuild::open(&archive, &out, SiteOptions::default()).unwrap();
    assert!(first.whole_site);
    assert!(first.written.len() > 100, "{} files", first.written.len());
    assert_same_as_clean_build(&archive, &out, "first build");
    (tmp, archive, out, live)
}

fn edit(path: &Path, f: impl FnOnce(String) -> String) {
    let text = fs::read_to_string(path).unwrap();
    let changed = f(text.clone());
    assert_ne!(text, changed, "the edit changes {}", path.display());
    fs::write(path, changed).unwrap();
}

fn update(live: &mut LiveBuild, paths: &[PathBuf]) -> Update {
    live.update(paths).unwrap()
}

const REFLECTION: &str = "2024-2025/反思/周敏-读语文课程标准.md";

#[test]
fn a_body_edit_writes_only_the_pages_that_show_the_body() {
    let (_tmp, archive, out, mut live) = live_example();
    let file = archive.join(REFLECTION);
    let before = fs::read(out.join("index.html")).unwrap();
    edit(&file, |t| {
        t.replace("做了十几页笔记。", "做了二十几页笔记，还画了思维导图。")
    });
    let u = update(&mut live, std::slice::from_ref(&file));
    assert!(
        !u.whole_site,
        "a body edit renders only what shows the body"
    );
    // The record page, the year's print page and the year's search shard; nothing else.
    let written: BTreeSet<&str> = u.written.iter().map(String::as_str).collect();
    assert!(written.len() <= 4, "written: {written:?}");
    assert!(
        written.contains("years/2024-2025-print.html"),
        "{written:?}"
    );
    assert!(
        written.contains("assets/search/2024-2025.js"),
        "{written:?}"
    );
    let page = written
        .iter()
        .find(|p| p.starts_with("records/"))
        .expect("the record page is written");
    assert!(
        fs::read_to_string(out.join(page))
            .unwrap()
            .contains("二十几页笔记")
    );
    assert_eq!(before, fs::read(out.join("index.html")).unwrap());
    assert_same_as_clean_build(&archive, &out, "body edit");
}

#[test]
fn every_kind_of_change_ends_as_a_clean_build_would() {
    let (_tmp, archive, out, mut live) = live_example();

    // Front matter: the title shows on lists, the teacher's page, the dashboard…
    let file = archive.join(REFLECTION);
    edit(&file, |t| {
        t.replace("中的“学习任务群”", "中的学习任务群（修订）")
    });
    let u = update(&mut live, std::slice::from_ref(&file));
    assert!(!u.whole_site, "a title edit renders the pages that show it");
    assert!(
        u.written.len() < 60,
        "only files that differ: {:?}",
        u.written
    );
    assert_same_as_clean_build(&archive, &out, "title edit");

    // Titles of records that other pages name in other ways: a session held for a plan item
    // (its hours are in the data files), the plan (its sessions name it), a research project
    // (its members' pages list it), a reflection about a session (the session lists it), and
    // a summary and place.
    for (rel, from, to) in [
        (
            "2024-2025/活动/2024-10-24-观课议课.md",
            "title: 数学组观课议课",
            "title: 数学组观课议课（修订）",
        ),
        (
            "2024-2025/计划.md",
            "标题: 青溪镇中心小学",
            "标题: 青溪镇中心小学（修订）",
        ),
        (
            "2024-2025/课题/分层作业设计.md",
            "（开题）",
            "（开题，修订）",
        ),
        (
            "2024-2025/反思/王芳T05-秋天的雨教学反思.md",
            "同课异构后的反思",
            "同课异构后的再反思",
        ),
        (
            "2024-2025/活动/2024-10-24-观课议课.md",
            "location: 三(2)班教室",
            "location: 三(3)班教室",
        ),
        // The latest session: on the dashboard, and the evidence of an unmet rule on 档案检查.
        (
            "2025-2026/活动/2026-05-21-网络研修.md",
            "title: 网络研修：",
            "title: 网络研修（修订）：",
        ),
    ] {
        let f = archive.join(rel);
        edit(&f, |t| {
            assert!(t.contains(from), "{rel} has {from}");
            t.replacen(from, to, 1)
        });
        let u = update(&mut live, std::slice::from_ref(&f));
        assert!(!u.whole_site, "{rel}: only the pages that show it");
        assert_same_as_clean_build(&archive, &out, &format!("display edit of {rel}"));
    }

    // A record with a problem of its own is linked by its title from 档案检查: a title edit
    // that changes nothing else must still reach that page.
    let warned = archive.join("2024-2025/反思/李晓燕-读正面管教.md");
    edit(&warned, |t| {
        t.replacen("作者: 李晓燕", "作者: 李晓燕\n心情: 很好", 1)
    });
    update(&mut live, std::slice::from_ref(&warned));
    assert_same_as_clean_build(&archive, &out, "a record given an unknown key (Y104)");
    let title = |t: &str| {
        t.lines()
            .find(|l| l.starts_with("标题"))
            .unwrap()
            .to_string()
    };
    let before = title(&fs::read_to_string(&warned).unwrap());
    edit(&warned, |t| {
        t.replacen(&before, &format!("{before}（修订）"), 1)
    });
    let u = update(&mut live, std::slice::from_ref(&warned));
    assert!(
        !u.whole_site && u.written.iter().any(|w| w == "problems.html"),
        "{:?}",
        u.written
    );
    assert_same_as_clean_build(&archive, &out, "the title of a record with a problem");

    // A session a reflection is about is named on the reflection's author's page of the year,
    // whether or not the author attended it: 王芳(T05), of 语文组, reflects on a 数学组 session.
    let reflection = archive.join("2024-2025/反思/王芳T05-秋天的雨教学反思.md");
    edit(&reflection, |t| {
        t.replacen("2024-10-17-同课异构.md", "2024-10-24-观课议课.md", 1)
    });
    update(&mut live, std::slice::from_ref(&reflection));
    assert_same_as_clean_build(&archive, &out, "a reflection about another session");
    let session = archive.join("2024-2025/活动/2024-10-24-观课议课.md");
    edit(&session, |t| {
        t.replacen("《倍的认识》", "《倍的认识》第二课时", 1)
    });
    let u = update(&mut live, std::slice::from_ref(&session));
    assert!(
        !u.whole_site,
        "a session's title: only the pages that show it"
    );
    assert_same_as_clean_build(&archive, &out, "the title of a session reflected on");

    // An observation is listed on the year page of the teacher who gave the lesson (授课教师:
    // 李晓燕) as well as on its author's: its title, and its 学科 (which only her page and the
    // record's own show).
    let observation = archive.join("2024-2025/听课/2024-10-16-坐井观天.md");
    let taught = "teachers/li-xiao-yan/2024-2025.html";
    for (from, to, shows) in [
        (
            "标题: 随堂听课：《坐井观天》",
            "标题: 随堂听课：《坐井观天》第二课时",
            "第二课时",
        ),
        ("学科: 语文", "学科: 语文阅读", "语文阅读"),
    ] {
        edit(&observation, |t| {
            assert!(t.contains(from), "the observation has {from}");
            t.replacen(from, to, 1)
        });
        let u = update(&mut live, std::slice::from_ref(&observation));
        assert!(!u.whole_site, "{to}: only the pages that show it");
        assert!(
            u.written.iter().any(|w| w == taught),
            "{to}: {:?}",
            u.written
        );
        assert!(
            fs::read_to_string(out.join(taught))
                .unwrap()
                .contains(shows)
        );
        assert_same_as_clean_build(&archive, &out, &format!("observation edit: {to}"));
    }

    // Attendance: the ledger changes.
    let session = archive.join("2024-2025/活动/2024-09-12-集体备课.md");
    let text = fs::read_to_string(&session).unwrap();
    assert!(
        text.contains("缺席") || text.contains("请假") || text.contains("参加"),
        "{text}"
    );
    edit(&session, |t| t.replacen("学时: 2", "学时: 2.5", 1));
    update(&mut live, std::slice::from_ref(&session));
    assert_same_as_clean_build(&archive, &out, "hours edit");

    // A record's own problems: only the edited record is checked again, and its problems
    // appear and go as a clean build's do.
    let reflection = archive.join("2024-2025/反思/周敏-读语文课程标准.md");
    let original = fs::read_to_string(&reflection).unwrap();
    edit(&reflection, |t| {
        t.replacen("作者: 周敏", "作者: 周明", 1)
            .replacen("日期: 2025/4/10", "日期: 2025/4/31", 1)
            + "\n见[附件](../../附件/没有的文件.pdf)。\n"
    });
    update(&mut live, std::slice::from_ref(&reflection));
    let problems = fs::read_to_string(out.join("problems.html")).unwrap();
    assert!(problems.contains("周明"), "the unknown author is reported");
    assert_same_as_clean_build(&archive, &out, "a record's own problems");
    // Its 关联活动 leads nowhere: the message offers sessions by title, so a session's new
    // title changes this record's message.
    edit(&reflection, |t| {
        t.replacen(
            "形式: 读书心得",
            "形式: 读书心得\n关联活动: ../活动/2024-09-12-集体备.md",
            1,
        )
    });
    update(&mut live, std::slice::from_ref(&reflection));
    assert_same_as_clean_build(&archive, &out, "a session named that is not there");
    edit(&session, |t| {
        t.replacen(
            "标题: 新学期单元整体教学设计集体备课",
            "标题: 新学期集体备课",
            1,
        )
    });
    update(&mut live, std::slice::from_ref(&session));
    let problems = fs::read_to_string(out.join("problems.html")).unwrap();
    assert!(
        problems.contains("新学期集体备课"),
        "the hint names the session by its new title"
    );
    assert_same_as_clean_build(&archive, &out, "the session offered is renamed");
    fs::write(&reflection, &original).unwrap();
    update(&mut live, std::slice::from_ref(&reflection));
    assert_same_as_clean_build(&archive, &out, "a record's problems mended");

    // A body links to another record, which then becomes a draft: the link, on the first
    // record's pages, says the record is not published. (Rendered bodies kept between updates
    // would keep the old link: a cache of them was tried and dropped, this guards against it.)
    edit(&reflection, |t| {
        t + "\n另见[李晓燕的读书心得](李晓燕-读正面管教.md)。\n"
    });
    update(&mut live, std::slice::from_ref(&reflection));
    assert_same_as_clean_build(&archive, &out, "a body links to a record");
    let linked = archive.join("2024-2025/反思/李晓燕-读正面管教.md");
    let before = fs::read_to_string(&linked).unwrap();
    edit(&linked, |t| {
        t.replacen("作者: 李晓燕", "作者: 李晓燕\n草稿: 是", 1)
    });
    update(&mut live, std::slice::from_ref(&linked));
    assert_same_as_clean_build(&archive, &out, "the linked record made a draft");
    fs::write(&linked, &before).unwrap();
    update(&mut live, std::slice::from_ref(&linked));
    assert_same_as_clean_build(&archive, &out, "the linked record published again");
    fs::write(&reflection, &original).unwrap();
    update(&mut live, std::slice::from_ref(&reflection));

    // A record added.
    let added = archive.join("2024-2025/反思/周敏-新的反思.md");
    fs::write(
        &added,
        "---\n标题: 一次作业讲评的反思\n日期: 2025-05-20\n作者: 周敏\n形式: 教育叙事\n领域: 教师成长\n---\n\n今天的作业讲评，我先让学生互评，再集中讲共性问题，效果比以往好。\n",
    )
    .unwrap();
    update(&mut live, std::slice::from_ref(&added));
    assert_same_as_clean_build(&archive, &out, "record added");

    // Renamed: the old path is gone, the new one appears.
    let renamed = archive.join("2024-2025/反思/周敏-作业讲评.md");
    fs::rename(&added, &renamed).unwrap();
    let u = update(&mut live, &[added.clone(), renamed.clone()]);
    assert!(!u.removed.is_empty(), "the old page is removed");
    assert_same_as_clean_build(&archive, &out, "record renamed");

    // Deleted.
    fs::remove_file(&renamed).unwrap();
    update(&mut live, std::slice::from_ref(&renamed));
    assert_same_as_clean_build(&archive, &out, "record deleted");

    // An attachment added and linked from a record.
    let picture = archive.join("附件/新照片.png");
    fs::write(&picture, b"\x89PNG\r\n\x1a\nnot really").unwrap();
    edit(&file, |t| t + "\n![课堂照片](../../附件/新照片.png)\n");
    update(&mut live, &[picture.clone(), file.clone()]);
    assert_same_as_clean_build(&archive, &out, "attachment added");

    // The roster: a teacher's name is on every page that lists them.
    let roster = archive.join("teachers.yaml");
    edit(&roster, |t| t.replacen("周敏", "周 敏", 1));
    update(&mut live, std::slice::from_ref(&roster));
    assert_same_as_clean_build(&archive, &out, "roster edit");

    // The configuration: the school's name is in every page's header.
    let config = archive.join("yanxiu.yaml");
    let text = fs::read_to_string(&config).unwrap();
    let school = text
        .lines()
        .find_map(|l| l.strip_prefix("学校:"))
        .expect("the example names its school")
        .trim()
        .to_string();
    edit(&config, |t| {
        t.replacen(&school, &format!("{school}（本部）"), 1)
    });
    let u = update(&mut live, std::slice::from_ref(&config));
    assert!(u.whole_site);
    assert_same_as_clean_build(&archive, &out, "config edit");

    // A template: the school overrides the record page.
    let templates = archive.join("templates");
    fs::create_dir_all(&templates).unwrap();
    let record = yanxiu::site::theme::TEMPLATES
        .iter()
        .find(|(n, _)| *n == "record.html")
        .unwrap()
        .1;
    let custom = templates.join("record.html");
    fs::write(
        &custom,
        record.replace("{% block content %}", "{% block content %}<p>本校模板</p>"),
    )
    .unwrap();
    update(&mut live, std::slice::from_ref(&custom));
    assert!(fs::read_to_string(out.join("index.html")).is_ok());
    assert_same_as_clean_build(&archive, &out, "template added");

    // The header, which every page takes from one rendering per depth of page.
    let header = templates.join("header.html");
    fs::write(
        &header,
        "<header><a href=\"{{ root }}index.html\">本校页眉</a></header>",
    )
    .unwrap();
    let u = update(&mut live, std::slice::from_ref(&header));
    assert!(u.whole_site);
    assert!(
        fs::read_to_string(out.join("index.html"))
            .unwrap()
            .contains("本校页眉")
    );
    assert_same_as_clean_build(&archive, &out, "header template added");

    // Nothing changed: nothing is written.
    let u = update(&mut live, std::slice::from_ref(&file));
    assert!(u.written.is_empty(), "{:?}", u.written);
    assert_same_as_clean_build(&archive, &out, "no change");
}

#[test]
fn paths_outside_the_archive_or_in_the_output_are_ignored() {
    let (tmp, archive, out, mut live) = live_example();
    let outside = tmp.path().join("elsewhere.md");
    fs::write(&outside, "---\n标题: 外面\n---\n").unwrap();
    let u = update(
        &mut live,
        &[outside, out.join("index.html"), archive.join(".git/HEAD")],
    );
    assert_eq!(u, Update::default());
    assert_same_as_clean_build(&archive, &out, "ignored paths");
}

#[test]
fn a_folder_moved_or_deleted_as_a_whole_ends_as_a_clean_build_would() {
    // A file watcher reports a folder moved or deleted by the folder's path only.
    let (_tmp, archive, out, mut live) = live_example();

    let (from, to) = (
        archive.join("2025-2026/听课"),
        archive.join("2025-2026/听课记录"),
    );
    fs::rename(&from, &to).unwrap();
    let u = update(&mut live, &[from.clone(), to.clone()]);
    assert!(!u.removed.is_empty(), "the moved records' old pages go");
    assert_same_as_clean_build(&archive, &out, "folder renamed");

    let attachments = archive.join("附件");
    fs::rename(&attachments, archive.join("附件-旧")).unwrap();
    update(&mut live, &[attachments.clone(), archive.join("附件-旧")]);
    assert_same_as_clean_build(&archive, &out, "attachments folder renamed");

    let reflections = archive.join("2025-2026/反思");
    fs::remove_dir_all(&reflections).unwrap();
    let u = update(&mut live, std::slice::from_ref(&reflections));
    assert!(!u.removed.is_empty(), "the deleted records' pages go");
    assert_same_as_clean_build(&archive, &out, "folder deleted");
}

#[test]
fn a_new_folder_named_with_its_file_counts_the_file_once() {
    // Creating `2023-2024/活动/x.md` in one go, a file watcher names the year folder, the
    // folder within it and the file: each stands for the same new record.
    let (_tmp, archive, out, mut live) = live_example();
    let year = archive.join("2023-2024");
    let folder = year.join("活动");
    fs::create_dir_all(&folder).unwrap();
    let file = folder.join("2023-10-10-补记.md");
    fs::write(
        &file,
        "---\n标题: 补记的教研活动\n日期: 2023-10-10\n类型: 活动\n形式: 集体备课\n学时: 3\n主讲人: 陈建华\n参加人员: [周敏]\n---\n## 研讨记录\n记录\n## 效果分析\n分析\n",
    )
    .unwrap();
    update(&mut live, &[year, folder, file]);
    assert_same_as_clean_build(&archive, &out, "a new year folder with a record");
}

/// Marking a record private, or unmarking it, changes what other pages say of it: the item of
/// a private plan is named without its words on the sessions held for it, and a private
/// record's problems are said in their codes' words (and a record that cannot be read
/// counts as private when a line says so).
#[test]
fn marking_records_private_ends_as_a_clean_build_would() {
    let (_tmp, archive, out, mut live) = live_example();
    let plan = archive.join("2024-2025/计划.md");
    edit(&plan, |t| {
        t.replacen("负责部门: 教科室\n", "负责部门: 教科室\n内部: 是\n", 1)
    });
    update(&mut live, std::slice::from_ref(&plan));
    assert_same_as_clean_build(&archive, &out, "plan made private");

    let file = archive.join(REFLECTION);
    edit(&file, |t| {
        t.replacen("---\n", "---\n内部: 是\n标签 家访\n", 1)
    });
    update(&mut live, std::slice::from_ref(&file));
    let json = fs::read_to_string(out.join("data/diagnostics.json")).unwrap();
    assert!(!json.contains("家访"), "{json}");
    assert_same_as_clean_build(&archive, &out, "broken private reflection");

    edit(&file, |t| t.replacen("内部: 是\n", "", 1));
    update(&mut live, std::slice::from_ref(&file));
    let json = fs::read_to_string(out.join("data/diagnostics.json")).unwrap();
    assert!(json.contains("家访"), "{json}");
    assert_same_as_clean_build(&archive, &out, "broken public reflection");

    edit(&plan, |t| t.replacen("内部: 是\n", "", 1));
    update(&mut live, std::slice::from_ref(&plan));
    assert_same_as_clean_build(&archive, &out, "plan made public again");
}
