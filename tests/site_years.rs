//! A school year's page lists the year's reflections and observations per teacher (DESIGN.md §6:
//! "per school year: … reflections"; "long lists paginated so that no page grows with the
//! archive"): one row per teacher of the year with the count per semester, each count linked to
//! the teacher's page of the year, which lists the records with the session each is about.
//!
//! Every test runs the real binary on `content-example/` or a scratch copy of it, with "today"
//! pinned.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::*;
use tempfile::TempDir;

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("content-example")
}

/// Builds `dir` into `out`; the build must succeed.
fn build_into(dir: &Path, out: &Path) {
    let r = build_to(dir, out);
    assert_eq!(
        r.code,
        Some(0),
        "build of {}\n{}",
        dir.display(),
        r.describe()
    );
}

/// Builds `dir` into `<tempdir>/out`.
fn build_ok(dir: &Path) -> (TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    build_into(dir, &out);
    (tmp, out)
}

fn read(out: &Path, rel: &str) -> String {
    fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("reading {rel}: {e}"))
}

/// The `<section id="…">` of a page, up to its end.
fn section<'h>(html: &'h str, id: &str) -> &'h str {
    let start = html
        .find(&format!("<section id=\"{id}\">"))
        .unwrap_or_else(|| panic!("no section #{id}"));
    let end = html[start..].find("</section>").expect("the section ends") + start;
    &html[start..end]
}

/// The number in a section's heading: `<h2>教学反思（10 篇）</h2>` → 10.
fn heading_count(section: &str) -> usize {
    let h2 = &section[section.find("<h2>").expect("a heading")..];
    let open = h2.find('（').expect("a count in the heading") + '（'.len_utf8();
    let digits: String = h2[open..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().expect("a number")
}

/// The `href`s of a piece of HTML, in order.
fn hrefs(html: &str) -> Vec<&str> {
    html.split("href=\"")
        .skip(1)
        .map(|s| &s[..s.find('"').unwrap()])
        .collect()
}

/// One row of a per-teacher table: the teacher's link text, the cells' text, the last cell's
/// link.
struct Row {
    teacher: String,
    cells: Vec<String>,
    link: Option<String>,
}

fn rows(section: &str) -> Vec<Row> {
    let body = &section[section.find("<tbody>").expect("a table")..];
    body.split("<tr>")
        .skip(1)
        .map(|tr| {
            let cells: Vec<String> = tr
                .split("<td")
                .skip(1)
                .map(|td| {
                    let inner = &td[td.find('>').unwrap() + 1..td.find("</td>").unwrap()];
                    let mut text = String::new();
                    let mut in_tag = false;
                    for c in inner.chars() {
                        match c {
                            '<' => in_tag = true,
                            '>' => in_tag = false,
                            _ if !in_tag => text.push(c),
                            _ => {}
                        }
                    }
                    text.trim().to_string()
                })
                .collect();
            let first = &tr[tr.find("<a ").expect("the teacher is linked")..];
            let teacher = first[first.find('>').unwrap() + 1..first.find("</a>").unwrap()].into();
            let last = &tr[tr.rfind("<td").unwrap()..];
            Row {
                teacher,
                cells,
                link: hrefs(last).first().map(|h| h.to_string()),
            }
        })
        .collect()
}

#[test]
fn a_year_page_counts_each_teachers_writing_and_links_their_page() {
    let (_tmp, out) = build_ok(&example());
    let year = read(&out, "years/2024-2025.html");
    let credits: serde_json::Value =
        serde_json::from_str(&read(&out, "data/credits.json")).unwrap();
    let teachers = credits["years"]
        .as_array()
        .unwrap()
        .iter()
        .find(|y| y["school_year"] == "2024-2025")
        .expect("2024-2025 in credits.json")["teachers"]
        .as_array()
        .unwrap()
        .len();

    for (id, kind_folder, source) in [
        ("reflections", "fan-si", "反思"),
        ("observations", "ting-ke", "听课"),
    ] {
        let s = section(&year, id);
        let rows = rows(s);
        assert_eq!(
            rows.len(),
            teachers,
            "#{id}: one row per teacher of the year"
        );
        let total = heading_count(s);
        let published = fs::read_dir(out.join("records/2024-2025").join(kind_folder))
            .unwrap()
            .count();
        // Private records have no page, and are counted as the checklist counts them.
        let private = fs::read_dir(example().join("2024-2025").join(source))
            .unwrap()
            .filter(|f| {
                let text = fs::read_to_string(f.as_ref().unwrap().path()).unwrap();
                text.contains("\n内部: true") || text.contains("\nprivate: true")
            })
            .count();
        assert_eq!(
            total,
            published + private,
            "#{id}: the heading counts the year's records"
        );
        let mut sum = 0;
        for r in &rows {
            // 第一学期, 第二学期, 合计: the semesters add up to the total.
            let n: Vec<usize> = r.cells[1..]
                .iter()
                .map(|c| c.trim_end_matches(" 篇").parse().unwrap())
                .collect();
            assert_eq!(n.len(), 3, "#{id} {}: {:?}", r.teacher, r.cells);
            assert_eq!(n[0] + n[1], n[2], "#{id} {}: semesters add up", r.teacher);
            sum += n[2];
            // A count links to the teacher's page of the year, which lists as many.
            match (&r.link, n[2]) {
                (None, 0) => {}
                (Some(link), n) => {
                    let page = link.strip_prefix("../").expect("relative to years/");
                    let (page, anchor) = page.split_once('#').expect("an anchor");
                    assert!(
                        page.starts_with("teachers/") && page.ends_with("/2024-2025.html"),
                        "#{id} {}: links {link}",
                        r.teacher
                    );
                    assert_eq!(anchor, id, "#{id} {}: links {link}", r.teacher);
                    let html = read(&out, page);
                    assert_eq!(
                        heading_count(section(&html, id)),
                        n,
                        "{page}#{id} lists {n}"
                    );
                }
                (None, n) => panic!("#{id} {}: a count of {n} without a link", r.teacher),
            }
        }
        assert_eq!(
            sum, total,
            "#{id}: the teachers' counts add up to the year's"
        );
        // The records themselves are on the teachers' pages: the year's page names none, so
        // that it does not grow with them.
        assert!(
            hrefs(s).iter().all(|h| !h.contains("records/")),
            "#{id} lists records: {:?}",
            hrefs(s)
        );
    }

    // Whoever joined or left midway says so beside the count (a zero is no gap then).
    let reflections = rows(section(&year, "reflections"));
    let liu = reflections
        .iter()
        .find(|r| r.teacher == "刘志明")
        .expect("刘志明's row");
    assert!(liu.cells[0].contains("中途离职"), "{:?}", liu.cells);

    // Whether a teacher reflected on a session: their page of the year names it.
    let t05 = reflections
        .iter()
        .find(|r| r.teacher == "王芳(T05)" || r.teacher == "王芳（T05）")
        .expect("王芳(T05)'s row");
    let page = t05.link.as_deref().unwrap().trim_start_matches("../");
    let page = page.split('#').next().unwrap();
    let html = read(&out, page);
    let listed = section(&html, "reflections");
    assert!(listed.contains("关联活动"), "{page}: {listed}");
    assert!(
        hrefs(listed)
            .iter()
            .any(|h| h.ends_with("records/2024-2025/huo-dong/2024-10-17-tong-ke-yi-gou.html")),
        "{page} links the session her reflection is about: {listed}"
    );
}

/// The example with `n` more reflections by 陈建华 in the first semester of 2024-2025, built.
fn with_reflections(n: usize) -> (TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let archive = tmp.path().join("archive");
    copy_dir(&example(), &archive);
    let folder = archive.join("2024-2025/反思");
    for k in 0..n {
        let (month, day) = (9 + k % 4, 1 + k % 28);
        fs::write(
            folder.join(format!("陈建华-随笔{k:03}.md")),
            format!(
                "---\n标题: 随笔第{k}篇\n日期: 2024-{month:02}-{day:02}\n作者: 陈建华\n\
                 形式: 教学随笔\n---\n\n第{k}篇随笔的正文。\n"
            ),
        )
        .unwrap();
    }
    let out = tmp.path().join("out");
    build_into(&archive, &out);
    (tmp, out)
}

#[test]
fn a_year_page_does_not_grow_with_its_reflections() {
    let (_a, some) = with_reflections(100);
    let (_b, more) = with_reflections(200);
    let before = read(&some, "years/2024-2025.html");
    let after = read(&more, "years/2024-2025.html");
    let (s, b) = (
        section(&before, "reflections"),
        section(&after, "reflections"),
    );
    assert_eq!(heading_count(b), heading_count(s) + 100);
    assert_eq!(rows(b).len(), rows(s).len(), "one row per teacher, still");
    assert_eq!(hrefs(b).len(), hrefs(s).len(), "as many links as before");
    let chen = rows(b)
        .into_iter()
        .find(|r| r.teacher == "陈建华")
        .expect("陈建华's row");
    assert_eq!(chen.cells[1], "201", "{:?}", chen.cells);
    // Nor anything else on the page: the checklist names a few of a teacher's records, and
    // their page of the year has them all.
    assert_eq!(
        hrefs(&after).len(),
        hrefs(&before).len(),
        "100 more reflections added links to the year page"
    );
    assert!(
        after.len() < before.len() + 50,
        "100 more reflections grew the year page from {} to {} bytes",
        before.len(),
        after.len()
    );
}

/// 全部学年 counts a year's records as the year's page does: 2024-2025 has a private reflection
/// (listed on the year page as 内部记录), so both say 10 reflections (全部学年 said 9).
#[test]
fn the_years_index_counts_as_each_year_page_does() {
    let (_tmp, out) = build_ok(&example());
    let year = read(&out, "years/2024-2025.html");
    let reflections = heading_count(section(&year, "reflections"));
    let index = read(&out, "years.html");
    let row = index
        .split("<tr>")
        .find(|r| r.contains("<td class=\"name\"><a href=\"years/2024-2025.html\""))
        .expect("a row for 2024-2025");
    let cells: Vec<usize> = row
        .split("<td class=\"num\">")
        .skip(1)
        .map(|s| s[..s.find('<').unwrap()].parse().unwrap())
        .collect();
    // 记录, then 计划, 活动, 反思, 听课, 课题, 总结.
    assert_eq!(cells[3], reflections, "{row}");
    assert_eq!(reflections, 10);
    assert_eq!(cells[0], cells[1..].iter().sum::<usize>(), "{row}");
}
