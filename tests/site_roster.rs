//! 教师成长记录袋's index (`teachers.html`) of a long roster (DESIGN.md §6: "long lists paginated
//! so that no page grows with the archive"): a roster keeps every teacher who ever taught at the
//! school. Those on the staff come first in the roster's order, those who left after them,
//! latest leaver first; a hundred to a page; every teacher on exactly one page.
//!
//! The real binary on a scratch archive, with "today" pinned.

mod common;

use std::fs;

use common::*;

#[test]
fn a_long_roster_goes_in_pages_staff_first_every_teacher_once() {
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("archive");
    fs::create_dir_all(archive.join("2025-2026/活动")).unwrap();
    fs::write(archive.join("yanxiu.yaml"), "school: 测试小学\n").unwrap();
    // 200 on the staff (T001…T200), then 30 who leave on 15 July of 2001…2030 (T201…T230):
    // those gone by today (2026-11-22) are former staff; T227…T230 leave later, still on it.
    let mut roster = String::from("teachers:\n");
    for n in 1..=230 {
        roster.push_str(&format!("  - {{name: 教师{n:03}, id: T{n:03}"));
        if n > 200 {
            roster.push_str(&format!(", 离职: {}-07-15", 2000 + n - 200));
        }
        roster.push_str("}\n");
    }
    fs::write(archive.join("teachers.yaml"), roster).unwrap();
    fs::write(
        archive.join("2025-2026/活动/2025-10-10-教研.md"),
        "---\n标题: 教研活动\n日期: 2025-10-10\n类型: 活动\n形式: 集体备课\n学时: 2\n参加人员: 全体教师\n---\n正文\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    let r = build_to(&archive, &out);
    assert!(out.join("teachers.html").exists(), "{}", r.describe());

    let read = |rel: &str| fs::read_to_string(out.join(rel)).unwrap();
    let pages = [
        read("teachers.html"),
        read("roster/2.html"),
        read("roster/3.html"),
    ];
    assert!(
        !out.join("roster/4.html").exists(),
        "230 teachers on 3 pages"
    );

    // Every teacher once, in order: the staff as in the roster, then the leavers, latest first.
    let names: Vec<String> = pages
        .iter()
        .flat_map(|p| {
            p.split("<td class=\"name\">")
                .skip(1)
                .map(|s| {
                    let s = &s[s.find("\">").unwrap() + 2..];
                    s[..s.find("</a>").unwrap()].to_string()
                })
                .collect::<Vec<_>>()
        })
        .collect();
    let mut expected: Vec<String> = (1..=200)
        .chain(227..=230)
        .map(|n| format!("教师{n:03}"))
        .collect();
    expected.extend((201..=226).rev().map(|n| format!("教师{n:03}")));
    assert_eq!(names, expected);

    // The last page holds the former staff under their own heading, with the date they left.
    assert!(pages[2].contains("<h2>已离职教师</h2>"));
    assert!(pages[2].contains("<td>2026-07-15</td>"));
    assert!(pages[0].contains("在职教师 204 人") && pages[0].contains("已离职教师 26 人"));
    // One leaving later is on the staff, the date beside the name.
    assert!(pages[2].contains("教师227</a> <small class=\"muted\">2027-07-15 离职</small>"));
    // The pages link to each other.
    assert!(pages[0].contains("href=\"roster/2.html\""));
    assert!(
        pages[1].contains("href=\"../teachers.html\"")
            && pages[1].contains("href=\"../roster/3.html\"")
    );
}
