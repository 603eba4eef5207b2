//! 档案检查 of an archive of many years (DESIGN.md §6: "档案检查: every diagnostic and unmet rule,
//! linked"; "long lists paginated so that no page grows with the archive"): the gaps go in pages
//! of a few school years each, latest first, every gap on exactly one page, the diagnostics on
//! the first.
//!
//! Every test runs the real binary on a scratch archive, with "today" pinned.

mod common;

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use common::*;

/// A school of three teachers with one session in each of 24 school years (2000-2001 to
/// 2023-2024): each year misses its plan, its summary, sessions and every teacher's
/// reflections, so each has gaps of its own. One record has a problem.
fn many_years(root: &Path) {
    fs::write(root.join("yanxiu.yaml"), "school: 测试小学\n").unwrap();
    fs::write(
        root.join("teachers.yaml"),
        "teachers:\n  - {name: 张三}\n  - {name: 李四}\n  - {name: 王五}\n",
    )
    .unwrap();
    for y in 2000..2024 {
        let dir = root.join(format!("{y}-{}/活动", y + 1));
        fs::create_dir_all(&dir).unwrap();
        fs::write(
            dir.join(format!("{y}-10-10-教研.md")),
            format!(
                "---\n标题: {y}学年教研活动\n日期: {y}-10-10\n类型: 活动\n形式: 集体备课\n学时: 2\n参加人员: 全体教师\n---\n正文\n"
            ),
        )
        .unwrap();
    }
    // A problem in an old year: its diagnostic is on the first page all the same.
    fs::write(
        root.join("2001-2002/活动/2001-10-10-教研.md"),
        "---\n标题: 2001学年教研活动\n日期: 2001-10-10\n类型: 活动\n形式: 集体备课\n学时: 2\n参加人员: 全体教师、赵六\n---\n正文\n",
    )
    .unwrap();
}

/// Builds `archive` into `<dir>/out`; the build must succeed.
fn build(archive: &Path, dir: &Path) -> PathBuf {
    let out = dir.join("out");
    let r = build_to(archive, &out);
    assert_eq!(r.code, Some(0), "{}", r.describe());
    out
}

fn read(out: &Path, rel: &str) -> String {
    fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("reading {rel}: {e}"))
}

/// The school years whose sections a page of 档案检查 has, in page order.
fn years_on(html: &str) -> Vec<String> {
    html.split("<section class=\"year-gaps\" id=\"y")
        .skip(1)
        .map(|s| s[..9].to_string())
        .collect()
}

#[test]
fn problems_of_many_years_go_in_pages_latest_first_each_gap_once() {
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("archive");
    fs::create_dir_all(&archive).unwrap();
    many_years(&archive);
    let out = build(&archive, dir.path());

    let first = read(&out, "problems.html");
    let mut pages = vec![first.clone()];
    for n in 2.. {
        let rel = format!("problems/{n}.html");
        if !out.join(&rel).exists() {
            break;
        }
        pages.push(read(&out, &rel));
    }
    assert!(
        pages.len() >= 3,
        "24 years of gaps in several pages, not {}",
        pages.len()
    );

    // Every year with gaps on exactly one page, latest first throughout.
    let years: Vec<String> = pages.iter().flat_map(|p| years_on(p)).collect();
    let expected: Vec<String> = (2000..2024)
        .rev()
        .map(|y| format!("{y}-{}", y + 1))
        .collect();
    assert_eq!(years, expected, "each year once, latest first");
    assert!(
        first.contains("id=\"y2023-2024\"") && !first.contains("id=\"y2000-2001\""),
        "the first page holds the latest years"
    );

    // Each unmet rule of a year is on its year's page: the summary of 2000-2001 is missing,
    // and said where 2000-2001 is.
    let last = pages.last().unwrap();
    assert!(
        last.contains("学年校本研修总结") && last.contains("2000-2001学年</td>"),
        "the oldest year's missing summary is on the last page"
    );
    let summary_rows: usize = pages
        .iter()
        .map(|p| {
            p.matches("<td data-label=\"要求\">学年校本研修总结</td>")
                .count()
        })
        .sum();
    assert_eq!(summary_rows, 24, "one missing summary per year, each once");

    // The diagnostic of an old year's record on the first page, and only there.
    assert!(
        first.contains("赵六"),
        "the diagnostic is on the first page"
    );
    for p in &pages[1..] {
        assert!(
            !p.contains("赵六"),
            "diagnostics are on the first page only"
        );
        assert!(
            p.contains("problems.html#diagnostics"),
            "a later page links to the diagnostics"
        );
    }

    // The pages link to each other: the first to the second, each later one back.
    let links = |html: &str| -> BTreeSet<String> {
        html.split("href=\"")
            .skip(1)
            .map(|s| s[..s.find('"').unwrap()].to_string())
            .filter(|h| h.contains("problems"))
            .collect()
    };
    assert!(
        links(&first).contains("problems/2.html"),
        "{:?}",
        links(&first)
    );
    assert!(links(&pages[1]).contains("../problems.html"));
    // No page holds more than a few years.
    for (n, p) in pages.iter().enumerate() {
        let y = years_on(p).len();
        assert!((1..=12).contains(&y), "page {} holds {y} years", n + 1);
    }
}

/// A year in progress with teachers short of hours so far, and nothing yet unmet: its section
/// must not say the year's requirements are met while some are still open.
#[test]
fn a_year_in_progress_says_what_is_still_open() {
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("archive");
    fs::create_dir_all(archive.join("2026-2027/活动")).unwrap();
    fs::write(archive.join("yanxiu.yaml"), "school: 测试小学\n").unwrap();
    fs::write(
        archive.join("teachers.yaml"),
        "teachers:\n  - {name: 张三}\n  - {name: 李四}\n",
    )
    .unwrap();
    // Today (common::TODAY) is in the first semester of 2026-2027.
    fs::write(
        archive.join("2026-2027/活动/2026-10-10-教研.md"),
        "---\n标题: 开学教研活动\n日期: 2026-10-10\n类型: 活动\n形式: 集体备课\n学时: 2\n参加人员: 全体教师\n---\n正文\n",
    )
    .unwrap();
    let out = build(&archive, dir.path());
    let page = read(&out, "problems.html");
    let section = page
        .split("id=\"y2026-2027\">")
        .nth(1)
        .and_then(|s| s.split("</section>").next())
        .expect("2026-2027 has a section (its teachers are short of hours so far)");
    assert!(section.contains("hours-short"), "{section}");
    assert!(
        !section.contains("均已达到"),
        "nothing is said to be met: {section}"
    );
    assert!(
        section.contains("还没有结束") && section.contains("years/2026-2027.html#checklist"),
        "the open requirements are counted and linked: {section}"
    );
    // On the year's checklist, a per-teacher rule in progress counts every teacher it judges:
    // none of the two has written a reflection yet (0/2, not 0/0 as if no one were judged).
    let year = read(&out, "years/2026-2027.html");
    let row = year
        .split("<tr")
        .find(|r| r.contains("教学反思") && r.contains("进行中"))
        .expect("the reflections rule in progress");
    assert!(row.contains("0/2 人"), "{row}");
}

/// A messy archive: 130 records with an unknown key (a warning each) and 30 with a date that
/// cannot be read (an error each). The problems go on pages of about a hundred, files with an
/// error first, each problem on exactly one page, and the pages linked both ways.
#[test]
fn many_problems_go_in_pages_errors_first_each_once() {
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("archive");
    let folder = archive.join("2024-2025/反思");
    fs::create_dir_all(&folder).unwrap();
    fs::write(archive.join("yanxiu.yaml"), "school: 测试小学\n").unwrap();
    fs::write(
        archive.join("teachers.yaml"),
        "teachers:\n  - {name: 张三}\n",
    )
    .unwrap();
    for n in 0..160 {
        // Warnings sort first by name (a-…), errors last (z-…): the page must reorder them.
        let (name, date, extra) = if n < 130 {
            (format!("a-{n:03}"), "2024-10-10".to_string(), "标记: 无\n")
        } else {
            (format!("z-{n:03}"), format!("2024年13月{n}日"), "")
        };
        fs::write(
            folder.join(format!("{name}.md")),
            format!(
                "---\n标题: 反思{n}\n日期: {date}\n类型: 反思\n形式: 反思日记\n作者: 张三\n{extra}---\n第{n}篇的正文\n"
            ),
        )
        .unwrap();
    }
    let out = dir.path().join("out");
    let r = build_to(&archive, &out);
    assert!(out.join("index.html").exists(), "{}", r.describe());

    let mut pages = vec![read(&out, "problems.html")];
    for n in 2.. {
        let rel = format!("problems/diagnostics-{n}.html");
        if !out.join(&rel).exists() {
            break;
        }
        pages.push(read(&out, &rel));
    }
    assert_eq!(pages.len(), 2, "160 problems on two pages");

    // Each file's problems on exactly one page, and no page over a hundred problems and a file.
    let files_on = |html: &str| -> Vec<String> {
        html.split("<div class=\"file-problems\">")
            .skip(1)
            .map(|s| {
                let s = &s[s.find("<code>").unwrap() + 6..];
                s[..s.find("</code>").unwrap()].to_string()
            })
            .collect()
    };
    let all: Vec<String> = pages.iter().flat_map(|p| files_on(p)).collect();
    let unique: BTreeSet<&String> = all.iter().collect();
    assert_eq!(all.len(), 160, "every file once");
    assert_eq!(unique.len(), 160, "no file twice");
    for p in &pages {
        assert!(files_on(p).len() <= 100, "{}", files_on(p).len());
    }
    // The files with an error come first, on the first page.
    let first = files_on(&pages[0]);
    assert!(
        first[..30].iter().all(|f| f.contains("/z-")),
        "errors first: {:?}",
        &first[..31]
    );
    assert!(first[30..].iter().all(|f| f.contains("/a-")));
    // The pages link to each other, and a later page back to the gaps.
    assert!(pages[0].contains("href=\"problems/diagnostics-2.html#diagnostics\""));
    assert!(pages[1].contains("href=\"../problems.html#diagnostics\""));
    assert!(pages[1].contains("href=\"../problems.html#unmet\""));
    assert!(pages[0].contains("共 160 个问题"), "the total is said");
}
