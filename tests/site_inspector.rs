//! What an inspector found missing on the built site (session 12 review): each test builds
//! `tests/fixtures/site-inspector/` (or the example) through the real CLI and reads the pages, so
//! that every figure the review asked about can be traced to its records.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::*;
use tempfile::TempDir;

fn inspector() -> PathBuf {
    fixture("site-inspector")
}

/// Builds `dir` into `<tempdir>/out`; the build must succeed.
fn build_ok(dir: &Path, extra: &[&str]) -> (TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let mut args = vec![
        "build".to_string(),
        dir.display().to_string(),
        "-o".to_string(),
        out.display().to_string(),
    ];
    args.extend(extra.iter().map(|s| s.to_string()));
    let r = run(&args);
    assert_eq!(
        r.code,
        Some(0),
        "build of {}\n{}",
        dir.display(),
        r.describe()
    );
    (tmp, out)
}

fn read(out: &Path, rel: &str) -> String {
    fs::read_to_string(out.join(rel))
        .unwrap_or_else(|e| panic!("cannot read {rel} in the output: {e}"))
}

/// The output-relative URL of the record page whose heading is `title`.
fn record_url(out: &Path, title: &str) -> String {
    let h1 = format!("<h1>{title}</h1>");
    list_files(out)
        .into_iter()
        .filter(|f| f.starts_with("records/") && f.ends_with(".html"))
        .find(|f| read(out, f).contains(&h1))
        .unwrap_or_else(|| panic!("no record page titled {title}"))
}

/// The table row of `html` that contains every one of `needles`.
fn row_with<'h>(html: &'h str, needles: &[&str]) -> &'h str {
    html.split("<tr")
        .map(|r| r.split("</tr>").next().unwrap_or(r))
        .find(|r| needles.iter().all(|n| r.contains(n)))
        .unwrap_or_else(|| panic!("no table row with {needles:?}"))
}

#[test]
fn the_per_teacher_checklist_links_the_records_behind_each_count() {
    let (_tmp, out) = build_ok(&inspector(), &[]);
    let page = read(&out, "years/2024-2025.html");
    let row = row_with(&page, &["每人每学期教学反思至少2篇", "第一学期"]);
    // 张伟 met the rule with two reflections: both are one click from his count.
    let tally = row
        .split("<span class=\"tally\">")
        .find(|t| t.contains(">张伟</a>"))
        .expect("张伟 is named in the row");
    assert!(tally.contains("（已有2篇，要求2篇："), "{tally}");
    for title in ["集体备课之后", "期中考试后的反思"] {
        let href = format!("href=\"../{}\"", record_url(&out, title));
        assert!(
            tally.contains(&href),
            "{title} is not linked from 张伟's count: {tally}"
        );
    }
    // A teacher who fell short shows the records that did count.
    let second = row_with(&page, &["每人每学期教学反思至少2篇", "第二学期"]);
    let href = format!("href=\"../{}\"", record_url(&out, "春季开学反思"));
    assert!(
        second.contains("（已有1篇，要求2篇：") && second.contains(&href),
        "{second}"
    );
    // 档案检查 names who fell short in the same words, with no fraction to misread.
    let problems = read(&out, "problems.html");
    let gaps = row_with(&problems, &["每人每学期教学反思至少2篇", "第二学期"]);
    assert!(gaps.contains(">张伟</a>（已有1篇，要求2篇）"), "{gaps}");
    assert!(!gaps.contains("（1/2）"), "{gaps}");
}

/// The cells of a table row, as their text.
fn cells(row: &str) -> Vec<String> {
    row.split("<td")
        .skip(1)
        .map(|c| {
            let inner = c.split_once('>').map_or("", |(_, rest)| rest);
            let inner = inner.split("</td>").next().unwrap_or(inner);
            let mut text = String::new();
            let mut in_tag = false;
            for ch in inner.chars() {
                match ch {
                    '<' => in_tag = true,
                    '>' => in_tag = false,
                    _ if !in_tag => text.push(ch),
                    _ => {}
                }
            }
            text.trim().to_string()
        })
        .collect()
}

#[test]
fn a_semester_off_staff_shows_a_dash_and_why_instead_of_zero_hours() {
    let (_tmp, out) = build_ok(&inspector(), &[]);
    let table = read(&out, "credits/2024-2025.html");
    // Cells: 教师, 教研组, 第一学期, 第二学期, 学年合计, …
    let joined = cells(row_with(&table, &[">周杰</a>"]));
    assert!(
        joined[2].starts_with('—') && joined[2].contains("未入职"),
        "{joined:?}"
    );
    assert_eq!(
        joined[3], "0",
        "on staff from 03-01, no hours yet: {joined:?}"
    );
    let left = cells(row_with(&table, &[">孙强</a>"]));
    assert_eq!(left[2], "2", "{left:?}");
    assert!(
        left[3].starts_with('—') && left[3].contains("已离职"),
        "{left:?}"
    );
    assert!(table.contains("未入职或已离职"), "the table explains its —");
    let full = cells(row_with(&table, &[">李娜</a>"]));
    assert_eq!((full[2].as_str(), full[3].as_str()), ("2", "0"), "{full:?}");

    let page = read(&out, "teachers/zhou-jie/2024-2025.html");
    let card = page
        .split("<h2>按学期</h2>")
        .nth(1)
        .and_then(|s| s.split("</dl>").next())
        .expect("the 按学期 card");
    let first = card.split("<dt>第一学期</dt>").nth(1).unwrap_or("");
    let first = first.split("</dd>").next().unwrap_or("");
    assert!(
        first.contains("未入职") && !first.contains("0 学时"),
        "{first}"
    );
}

#[test]
fn the_year_page_counts_reflections_and_observations_on_a_session_apart() {
    let (_tmp, out) = build_ok(&inspector(), &[]);
    let page = read(&out, "years/2024-2025.html");
    let sessions = page
        .split("id=\"sessions\"")
        .nth(1)
        .expect("the sessions table");
    let head = sessions.split("</thead>").next().unwrap();
    assert!(
        head.contains(">反思</th>") && head.contains(">听课</th>") && !head.contains("反思与听课"),
        "{head}"
    );
    // One reflection and one observation name the session: 1 and 1, not 2, each linked to the
    // session's list of them.
    let row = row_with(sessions, &["单元整体集体备课"]);
    let c = cells(row);
    assert_eq!(&c[c.len() - 2..], ["1", "1"], "{c:?}");
    let session = record_url(&out, "单元整体集体备课");
    assert!(
        row.contains(&format!("href=\"../{session}#about\"")),
        "{row}"
    );
    assert!(read(&out, &session).contains("<section id=\"about\">"));
}

#[test]
fn a_plan_item_carried_out_by_a_summary_or_research_record_is_linked_as_done() {
    let (_tmp, out) = build_ok(&inspector(), &[]);
    let plan = record_url(&out, "督导复核小学2024学年研修计划");
    let page = read(&out, &plan);
    for (item, title) in [
        ("撰写学年研修总结", "督导复核小学2024学年研修总结"),
        ("乡土资源课程开发的课题研究", "乡土资源课程开发研究"),
    ] {
        let row = row_with(&page, &[item]);
        let href = format!("href=\"../../{}\"", record_url(&out, title));
        assert!(
            row.contains("已开展") && !row.contains("未关联记录") && row.contains(&href),
            "{item}: {row}"
        );
    }
    // An item nothing names stays open, and says how a record would name it.
    let open = row_with(&page, &["校际联合教研"]);
    assert!(
        open.contains("未关联记录") && open.contains("开展后在相应记录中写 计划项: "),
        "{open}"
    );
    // The dashboard's plan execution counts them: 3 of 4 items.
    let home = read(&out, "index.html");
    assert!(row_with(&home, &["督导复核小学2024学年研修计划"]).contains("3 / 4"));
    // The summary says which plan item it carried out.
    let summary = read(&out, &record_url(&out, "督导复核小学2024学年研修总结"));
    assert!(
        summary.contains("对应计划项"),
        "the summary names its plan item"
    );
}

/// The plan's own item (制订计划) is carried out by the plan being written: a plan naming its
/// own item (`计划项: "5"`) shows it 已开展 with a link to itself, where it stood 未关联记录 and
/// the plan counted one item short (review, session 22). The plan does not name itself as the
/// plan it carries out.
#[test]
fn a_plan_naming_its_own_item_shows_it_done_by_the_plan() {
    let (_tmp, archive) = scratch_copy("site-inspector");
    let path = archive.join("2024-2025/计划.md");
    let text = fs::read_to_string(&path).unwrap();
    let text = text
        .replace(
            "负责部门: 教科室\n活动安排:",
            "负责部门: 教科室\n计划项: \"5\"\n活动安排:",
        )
        .replace(
            "审批:",
            "  - {序号: \"5\", 内容: 制订学年研修计划, 时间: 9月, 对象: 教科室, 负责部门: 教科室, 负责人: 张伟}\n审批:",
        );
    fs::write(&path, text).unwrap();
    let (_out_tmp, out) = build_ok(&archive, &[]);
    let plan = record_url(&out, "督导复核小学2024学年研修计划");
    let page = read(&out, &plan);
    let row = row_with(&page, &["制订学年研修计划"]);
    let own = plan.rsplit('/').next().unwrap();
    assert!(
        row.contains("已开展") && !row.contains("未关联记录") && row.contains(own),
        "{row}"
    );
    assert!(!page.contains("对应计划项"), "the plan points to itself");
    let home = read(&out, "index.html");
    assert!(row_with(&home, &["督导复核小学2024学年研修计划"]).contains("4 / 5"));

    // Another plan of the year numbering an item 5 too: the plan's own item 5 is still its own
    // (it was matched to the first plan in path order, review of session 23).
    fs::write(
        archive.join("2024-2025/教研组计划.md"),
        "---\n标题: 语文组2024学年教研计划\n类型: 计划\n学年: 2024-2025\n日期: 2024-09-05\n活动安排:\n  - {序号: \"5\", 内容: 语文组制订组内计划}\n---\n\n组内计划。\n",
    )
    .unwrap();
    let (_out_tmp, out) = build_ok(&archive, &[]);
    let page = read(&out, &record_url(&out, "督导复核小学2024学年研修计划"));
    let row = row_with(&page, &["制订学年研修计划"]);
    assert!(row.contains("已开展") && row.contains(own), "{row}");
    assert!(!page.contains("对应计划项"), "{page}");
}

#[test]
fn a_phrase_of_a_plans_activity_table_or_approvals_finds_the_plan() {
    let (_tmp, out) = build_ok(&inspector(), &[]);
    let index = read(&out, "assets/search/2024-2025.js");
    let plan = record_url(&out, "督导复核小学2024学年研修计划");
    let row = index
        .lines()
        .find(|l| l.contains(&format!("\"{plan}\"")))
        .expect("the plan is in the index");
    for phrase in ["乡土资源课程开发", "请按月推进并留存过程资料", "教科室"]
    {
        assert!(row.contains(phrase), "{phrase} is not searchable: {row}");
    }
    // The table's text keeps the index's escaping: no `<` can open a tag in the script.
    assert!(row.contains("每组\\u003c8人，\\u003cscript>"), "{row}");
    assert!(!index.contains('<'), "a raw < in the search index");
    // A private record's text stays out, as its page keeps it.
    assert!(!index.contains("家访细节"));
}

/// DESIGN §2: a private (内部) record is "counted in credits and checks, page not published
/// unless --include-private". Its title is kept too (a title such as this one tells of a pupil's
/// family); where it stands behind a count, the site says a private record is there and which
/// file, so the school can show it to an inspector who asks.
#[test]
fn a_private_record_has_no_page_and_its_title_stays_out_but_its_count_is_traced() {
    let (_tmp, out) = build_ok(&inspector(), &[]);
    for secret in ["家访后的内部反思", "家访细节"] {
        let found = files_containing(&out, secret);
        assert!(found.is_empty(), "{secret} is published in {found:?}");
    }
    // 李娜's count in the year's checklist names it, unlinked, by its file.
    let year = read(&out, "years/2024-2025.html");
    let row = row_with(&year, &["每人每学期教学反思至少2篇", "第一学期"]);
    let tally = row
        .split("<span class=\"tally\">")
        .find(|t| t.contains(">李娜</a>"))
        .expect("李娜 is named in the row");
    assert!(
        tally.contains("内部记录（不公开）") && tally.contains("2024-2025/反思/李娜-内部.md"),
        "{tally}"
    );
    // Her year page lists it among her reflections as the checklist counts it, by its file.
    let hers = read(&out, "teachers/li-na/2024-2025.html");
    let reflections = hers
        .split("id=\"reflections\"")
        .nth(1)
        .and_then(|s| s.split("</section>").next())
        .expect("her reflections");
    assert!(
        reflections.contains("内部记录（不公开）：2024-2025/反思/李娜-内部.md")
            && !reflections.contains("href=\"\""),
        "{reflections}"
    );

    // Built with --include-private, the record has its page, whole, linked from the count.
    let (_tmp2, all) = build_ok(&inspector(), &["--include-private"]);
    let url = record_url(&all, "家访后的内部反思");
    let page = read(&all, &url);
    assert!(page.contains("家访细节") && page.contains("内部"), "{page}");
    let year = read(&all, "years/2024-2025.html");
    assert!(year.contains(&format!("href=\"../{url}\"")));
    assert!(
        !files_containing(&all, "内部记录（不公开）")
            .iter()
            .any(|f| f.ends_with(".html"))
    );
}

#[test]
fn the_portfolio_counts_each_years_writing_and_attendance_as_its_year_page_lists_them() {
    let (_tmp, out) = build_ok(&inspector(), &[]);
    let folio = read(&out, "teachers.html");
    assert!(folio.contains(">张伟</a>"), "{folio}");
    for teacher in ["张伟", "李娜"] {
        let link = format!(">{teacher}</a>");
        let page_url = folio
            .split("href=\"")
            .find(|s| s.contains(&link) && s.starts_with("teachers/"))
            .and_then(|s| s.split('"').next())
            .unwrap_or_else(|| panic!("{teacher} is not linked from teachers.html"))
            .to_string();
        let page = read(&out, &page_url);
        // Cells: 学年, 学时, 达标情况, 计入记录, 反思, 听课, 被听课, 出勤.
        let row = cells(row_with(&page, &["2024-2025学年</a></td>"]));
        let year_url = page_url.trim_end_matches(".html").to_string() + "/2024-2025.html";
        let year = read(&out, &year_url);
        let heading = |what: &str| -> String {
            let at = year.find(what).expect("section heading") + what.len();
            year[at..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect()
        };
        assert_eq!(row[4], heading("教学反思（"), "{teacher}: {row:?}");
        assert_eq!(row[5], heading("听课记录（"), "{teacher}: {row:?}");
        assert_eq!(row[6], heading("被听课（"), "{teacher}: {row:?}");
        assert!(
            row[7].starts_with(&format!("出席 {}", heading("出席 "))),
            "{row:?}"
        );
        assert!(
            page.contains("2024-2025.html#reflections") && page.contains("#attendance"),
            "the counts link to the year page's sections"
        );
        if teacher == "张伟" {
            // Three reflections, no observation written, one lesson observed (by 李娜), and
            // the one session of the year attended.
            assert_eq!(&row[4..], ["3", "0", "1", "出席 1"], "{row:?}");
        }
    }
}

#[test]
fn problems_page_names_the_teachers_below_the_annual_minimum_with_their_hours() {
    let (_tmp, out) = build_ok(&common::fixture("credits"), &[]);
    let page = read(&out, "problems.html");
    // In the year's section of 档案检查, after its unmet rules.
    let row = page
        .split("<section class=\"year-gaps\" id=\"y2024-2025\">")
        .nth(1)
        .and_then(|s| s.split("</section>").next())
        .and_then(|s| s.split("<p class=\"hours-short\">").nth(1))
        .expect("a 学时未达标 line in 2024-2025's section");
    // 张伟 9, 李娜 9 and 欧阳晓晴 6.5 of 10; 刘洋 met it; 赵敏 joined mid-year (not judged).
    assert!(row.contains("3/6 人不足"), "{row}");
    for (name, hours) in [("张伟", "9"), ("李娜", "9"), ("欧阳晓晴", "6.5")] {
        assert!(
            row.contains(&format!(">{name}</a>（{hours}）")),
            "{name}: {row}"
        );
    }
    for name in ["刘洋", "赵敏", "孙强"] {
        assert!(!row.contains(name), "{name} is not short: {row}");
    }
    // Each name leads to that teacher's year, where the hours are itemised.
    let href = row
        .split("href=\"")
        .find(|s| s.contains(">张伟</a>"))
        .and_then(|s| s.split('"').next())
        .expect("张伟 is linked");
    let year = read(&out, href);
    assert!(
        year.contains("张伟") && year.contains("2024-2025学年"),
        "{href}"
    );
    assert!(
        row.contains("href=\"credits/2024-2025.html\""),
        "the year links its credit table: {row}"
    );
}

#[test]
fn the_print_page_opens_with_the_years_checklist_hours_and_sessions() {
    let (_tmp, out) = build_ok(&inspector(), &[]);
    let page = read(&out, "years/2024-2025-print.html");
    let overview = page
        .split("id=\"overview\">")
        .nth(1)
        .and_then(|s| s.split("</section>").next())
        .expect("a 学年概况 section");
    assert!(page.contains("href=\"#overview\""), "the contents list it");
    // The checklist, with every teacher who fell short named (paper has no links to follow),
    // and those not judged, so that the names add up to the staff.
    let second = cells(row_with(overview, &["教学反思至少2篇", "第二学期"]));
    assert_eq!(second[2], "有缺失 0/2 人", "{second:?}");
    assert_eq!(
        second[3],
        "未完成，已有0篇（要求2篇）：李娜；已有1篇（要求2篇）：张伟；中途入职或离职，不评定：周杰、何平",
        "{second:?}"
    );
    // Every teacher's hours as the credit table has them, semesters off staff marked.
    let zhou = cells(row_with(overview, &[">周杰</td>"]));
    assert_eq!(
        &zhou[2..],
        ["—（未入职）", "0", "0", "中途入职，不评定"],
        "{zhou:?}"
    );
    let zhang = cells(row_with(overview, &[">张伟</td>"]));
    assert_eq!(&zhang[2..], ["2", "0", "2", "达标"], "{zhang:?}");
    // The sessions with attendance.
    let session = cells(row_with(overview, &["单元整体集体备课"]));
    assert_eq!(
        session,
        ["2024-10-10", "单元整体集体备课", "张伟", "2", "3", "全勤"]
    );
}

/// The section of `html` whose opening tag carries `id="<id>"`, up to its end.
fn section<'h>(html: &'h str, id: &str) -> &'h str {
    html.split(&format!("<section id=\"{id}\">"))
        .nth(1)
        .and_then(|s| s.split("</section>").next())
        .unwrap_or_else(|| panic!("no section #{id}"))
}

#[test]
fn a_teachers_year_lists_the_lessons_they_gave_that_others_observed() {
    let (_tmp, out) = build_ok(&inspector(), &[]);
    // 李娜 observed 张伟's lesson (授课教师: 张伟) and wrote the record.
    let record = record_url(&out, "听张伟老师的课");
    let zhang = read(&out, "teachers/zhang-wei/2024-2025.html");
    let observed = section(&zhang, "observed");
    assert!(observed.contains("被听课（1 节）"), "{observed}");
    let row = cells(row_with(observed, &["听张伟老师的课"]));
    // Cells: 日期, 听课记录, 听课人, 形式, 学科 / 班级.
    assert_eq!(
        &row[..4],
        ["2024-10-11", "听张伟老师的课", "李娜", "随堂听课"]
    );
    assert!(
        observed.contains(&format!("href=\"../../{record}\"")),
        "the record is linked: {observed}"
    );
    assert!(
        observed.contains("href=\"../../teachers/li-na.html\">李娜</a>"),
        "the observer is linked: {observed}"
    );
    // The observer lists it among what she wrote, not among lessons she gave.
    let li = read(&out, "teachers/li-na/2024-2025.html");
    assert!(section(&li, "observations").contains("听张伟老师的课"));
    let li_observed = section(&li, "observed");
    assert!(
        li_observed.contains("被听课（0 节）") && !li_observed.contains("听张伟老师的课"),
        "{li_observed}"
    );
    // The portfolio counts it in its year's row, linked to the section.
    let folio = read(&out, "teachers/zhang-wei.html");
    assert!(folio.contains("2024-2025.html#observed\">1</a>"), "{folio}");
}

#[test]
fn a_sessions_speaker_is_credited_as_speaker_not_as_attendee() {
    let (_tmp, out) = build_ok(&inspector(), &[]);
    // 张伟 is 主讲人 of 单元整体集体备课 (参加人员: 全体教师): same hours as everyone present,
    // but the row says what he did.
    let zhang = read(&out, "teachers/zhang-wei/2024-2025.html");
    // Cells: 日期, 记录, 类型, 学期, 依据, 学时.
    let row = cells(row_with(&zhang, &["单元整体集体备课"]));
    assert_eq!(&row[2..], ["活动", "第一学期", "主讲", "2"], "{row:?}");
    let li = read(&out, "teachers/li-na/2024-2025.html");
    let row = cells(row_with(&li, &["单元整体集体备课"]));
    assert_eq!(&row[2..], ["活动", "第一学期", "出席", "2"], "{row:?}");
}

/// `data/credits.csv` as rows of cells by header, BOM removed.
fn csv_rows(out: &Path) -> Vec<std::collections::HashMap<String, String>> {
    let bytes = fs::read(out.join("data/credits.csv")).expect("data/credits.csv");
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").expect("a BOM");
    let mut reader = csv::Reader::from_reader(text);
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            header
                .iter()
                .cloned()
                .zip(r.iter().map(String::from))
                .collect()
        })
        .collect()
}

#[test]
fn the_downloads_mark_a_semester_off_staff_and_the_roster_dates_as_the_pages_do() {
    use calamine::{Data, Reader, Xlsx};
    let (_tmp, out) = build_ok(&inspector(), &[]);

    // The pages: 周杰's first semester is "— 未入职", 孙强's second "— 已离职", and each
    // partial year says which way it was partial.
    let table = read(&out, "credits/2024-2025.html");
    for (name, first, second, standing) in [
        ("周杰", "—未入职", "0", "中途入职，不评定"),
        ("孙强", "2", "—已离职", "中途离职，不评定"),
        ("何平", "0", "0", "中途入职、离职，不评定"),
        ("李娜", "2", "0", "达标"),
    ] {
        let row = cells(row_with(&table, &[&format!(">{name}</a>")]));
        let squeeze = |s: &str| s.split_whitespace().collect::<String>();
        assert_eq!(
            (squeeze(&row[2]), squeeze(&row[3])),
            (first.to_string(), second.to_string()),
            "{name} on the page: {row:?}"
        );
        assert!(row.iter().any(|c| c.ends_with(standing)), "{name}: {row:?}");
    }

    // credits.csv: the same words in the semester cells, numbers where there are hours, the
    // roster's dates beside.
    let rows = csv_rows(&out);
    let csv_row = |name: &str| {
        rows.iter()
            .find(|r| r["学年"] == "2024-2025" && r["姓名"] == name)
            .unwrap_or_else(|| panic!("no CSV row for {name}: {rows:?}"))
    };
    for (name, first, second, standing, joined, left) in [
        (
            "周杰",
            "—（未入职）",
            "0",
            "中途入职，不评定",
            "2025-03-01",
            "",
        ),
        (
            "孙强",
            "2",
            "—（已离职）",
            "中途离职，不评定",
            "",
            "2024-12-31",
        ),
        (
            "何平",
            "0",
            "0",
            "中途入职、离职，不评定",
            "2024-11-01",
            "2025-06-30",
        ),
        ("李娜", "2", "0", "达标", "", ""),
    ] {
        let r = csv_row(name);
        let got = [
            &r["第一学期学时"],
            &r["第二学期学时"],
            &r["是否达标"],
            &r["入职日期"],
            &r["离职日期"],
        ];
        assert_eq!(
            got,
            [first, second, standing, joined, left],
            "{name} in credits.csv"
        );
    }

    // credits.xlsx: the off-staff cell is that text, the hours beside it stay numbers, and the
    // dates are dates.
    let mut book: Xlsx<_> = calamine::open_workbook(out.join("data/credits.xlsx")).unwrap();
    let sheet = book.worksheet_range("2024-2025学年").unwrap();
    let xlsx_row = |name: &str| -> Vec<Data> {
        sheet
            .rows()
            .find(|r| r[0] == Data::String(name.into()))
            .unwrap_or_else(|| panic!("no sheet row for {name}"))
            .to_vec()
    };
    let zhou = xlsx_row("周杰");
    assert_eq!(zhou[3], Data::String("—（未入职）".into()), "{zhou:?}");
    assert_eq!(zhou[4], Data::Float(0.0), "{zhou:?}");
    assert_eq!(zhou[7], Data::String("中途入职，不评定".into()), "{zhou:?}");
    assert!(matches!(zhou[9], Data::DateTime(_)), "入职日期: {zhou:?}");
    assert!(matches!(zhou.get(10), None | Some(Data::Empty)), "{zhou:?}");
    let sun = xlsx_row("孙强");
    assert_eq!(sun[3], Data::Float(2.0), "{sun:?}");
    assert_eq!(sun[4], Data::String("—（已离职）".into()), "{sun:?}");
    assert!(matches!(sun[10], Data::DateTime(_)), "离职日期: {sun:?}");

    // credits.json: every contract field as it was (by_semester still numbers), and extra
    // fields that tell a semester off staff from a zero one.
    let json: serde_json::Value = serde_json::from_str(&read(&out, "data/credits.json")).unwrap();
    let teachers = json["years"][0]["teachers"].as_array().unwrap();
    let teacher = |name: &str| {
        teachers
            .iter()
            .find(|t| t["name"] == name)
            .unwrap_or_else(|| panic!("{name} in credits.json"))
    };
    for (name, off_staff, joined, left, midway) in [
        (
            "周杰",
            serde_json::json!({"第一学期": "未入职"}),
            serde_json::json!("2025-03-01"),
            serde_json::Value::Null,
            serde_json::json!("joined"),
        ),
        (
            "孙强",
            serde_json::json!({"第二学期": "已离职"}),
            serde_json::Value::Null,
            serde_json::json!("2024-12-31"),
            serde_json::json!("left"),
        ),
        (
            "何平",
            serde_json::json!({}),
            serde_json::json!("2024-11-01"),
            serde_json::json!("2025-06-30"),
            serde_json::json!("joined_and_left"),
        ),
        (
            "李娜",
            serde_json::json!({}),
            serde_json::Value::Null,
            serde_json::Value::Null,
            serde_json::Value::Null,
        ),
    ] {
        let t = teacher(name);
        for key in [
            "name",
            "id",
            "group",
            "hours",
            "credits",
            "by_semester",
            "by_domain",
            "by_form",
            "meets_minimum",
            "partial_year",
            "entries",
        ] {
            assert!(t.get(key).is_some(), "{name}: contract field {key}: {t}");
        }
        let sem = t["by_semester"].as_object().unwrap();
        assert!(
            sem.len() == 2 && sem.values().all(|v| v.is_number()),
            "{name}: by_semester keeps both keys, as numbers: {t}"
        );
        assert_eq!(t["off_staff"], off_staff, "{name}: {t}");
        assert_eq!(t["joined"], joined, "{name}: {t}");
        assert_eq!(t["left"], left, "{name}: {t}");
        assert_eq!(t["midway"], midway, "{name}: {t}");
        assert_eq!(t["partial_year"], !midway.is_null(), "{name}: {t}");
    }
}

#[test]
fn the_checklist_says_whether_a_teacher_not_judged_joined_or_left() {
    let (_tmp, out) = build_ok(&inspector(), &[]);
    let page = read(&out, "years/2024-2025.html");
    // 何平 joined in the first semester and left in the second: each semester says which.
    let first = row_with(&page, &["教学反思至少2篇", "第一学期"]);
    let first = cells(first).join(" ");
    assert!(
        first.contains("孙强（已有0篇，要求2篇，中途离职）"),
        "{first}"
    );
    assert!(
        first.contains("何平（已有0篇，要求2篇，中途入职）"),
        "{first}"
    );
    let second = cells(row_with(&page, &["教学反思至少2篇", "第二学期"])).join(" ");
    assert!(
        second.contains("周杰（已有0篇，要求2篇，中途入职）"),
        "{second}"
    );
    assert!(
        second.contains("何平（已有0篇，要求2篇，中途离职）"),
        "{second}"
    );
    assert!(
        !page.contains("中途入离职"),
        "no label that leaves which to guess"
    );
    // completeness.json carries the same as an extra field.
    let findings: serde_json::Value =
        serde_json::from_str(&read(&out, "data/completeness.json")).unwrap();
    let he_ping: Vec<(&str, &str)> = findings
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["teacher"] == "何平" && f["rule"] == "reflection")
        .map(|f| (f["period"].as_str().unwrap(), f["midway"].as_str().unwrap()))
        .collect();
    assert_eq!(he_ping.len(), 2, "{he_ping:?}");
    assert!(
        he_ping
            .iter()
            .any(|(p, m)| p.contains("第一学期") && *m == "joined")
    );
    assert!(
        he_ping
            .iter()
            .any(|(p, m)| p.contains("第二学期") && *m == "left")
    );
}

#[test]
fn the_terminal_credit_table_marks_a_semester_off_staff_as_the_downloads_do() {
    let r = run(["credits".as_ref(), inspector().as_os_str()]);
    assert_eq!(r.code, Some(0), "{}", r.describe());
    let row = |name: &str| -> Vec<&str> {
        r.stdout
            .lines()
            .find(|l| l.starts_with(name))
            .unwrap_or_else(|| panic!("no row for {name}:\n{}", r.stdout))
            .split_whitespace()
            .collect()
    };
    assert_eq!(
        row("周杰")[1..],
        ["数学组", "—（未入职）", "0", "0", "中途入职，不评定"]
    );
    assert_eq!(
        row("孙强")[1..],
        ["数学组", "2", "—（已离职）", "2", "中途离职，不评定"]
    );
    assert!(
        r.stdout.contains("另有 3 位中途入职或离职，不评定"),
        "{}",
        r.stdout
    );
}

/// Each missing item on 档案检查 and in a year's checklist says what record would fill it and
/// where it goes (inspector review, session 17): its kind (and 形式 when the rule asks for
/// one), whose, the dates it must fall between, and the folder it usually sits in.
#[test]
fn a_missing_item_says_what_record_fills_it_and_where() {
    // A school-level gap: the first semester's only session removed from `clean`.
    let (_tmp, archive) = scratch_copy("clean");
    fs::remove_file(archive.join("2024-2025/活动/2024-10-10-集体备课.md")).unwrap();
    let (_out_tmp, out) = build_ok(&archive, &[]);
    let want = "补齐：新建“活动”记录，日期在 2024-09-01 至 2025-01-31（如放在 2024-2025/活动/ 中）";
    for page in ["problems.html", "years/2024-2025.html"] {
        let html = read(&out, page);
        let row = row_with(&html, &["每学期至少1次主题研修活动", "第一学期"]);
        assert!(row.contains(want), "{page}: {row}");
    }
    // A met item says nothing of the kind.
    let year = read(&out, "years/2024-2025.html");
    assert!(!row_with(&year, &["每学期至少1次主题研修活动", "第二学期"]).contains("补齐"));

    // A per-teacher gap: whose the record is, once for the rule's row.
    let (_tmp2, out2) = build_ok(&fixture("rules-teacher"), &[]);
    let problems = read(&out2, "problems.html");
    let row = row_with(&problems, &["2024-2025学年第一学期", "人未完成"]);
    assert_eq!(row.matches("补齐：").count(), 1, "{row}");
    assert!(
        row.contains("补齐：新建“反思”记录，作者是本人，日期在 2024-09-01 至 2025-01-31（如放在 2024-2025/反思/ 中）"),
        "{row}"
    );
}

/// The folder a 补齐 line names is the one this archive files the kind in (review, session 17):
/// a school that keeps its reflections in `reflections/` is not told to make a `反思/` folder.
#[test]
fn a_missing_item_names_the_archive_own_folder() {
    let (_tmp, archive) = scratch_copy("rules-teacher");
    fs::rename(
        archive.join("2024-2025/反思"),
        archive.join("2024-2025/reflections"),
    )
    .unwrap();
    let (_out_tmp, out) = build_ok(&archive, &[]);
    let problems = read(&out, "problems.html");
    let row = row_with(&problems, &["2024-2025学年第一学期", "人未完成"]);
    assert!(
        row.contains("（如放在 2024-2025/reflections/ 中）") && !row.contains("反思/"),
        "{row}"
    );

    // The years kept one folder down: the year's folder is named where it sits.
    let (_tmp2, nested) = scratch_copy("rules-teacher");
    fs::create_dir(nested.join("docs")).unwrap();
    fs::rename(nested.join("2024-2025"), nested.join("docs/2024-2025")).unwrap();
    let (_out_tmp2, out2) = build_ok(&nested, &[]);
    let problems = read(&out2, "problems.html");
    let row = row_with(&problems, &["2024-2025学年第一学期", "人未完成"]);
    assert!(row.contains("（如放在 docs/2024-2025/反思/ 中）"), "{row}");
}

/// The dashboard says how fresh the archive is (inspector review, session 17): the date of the
/// latest record and the day it was checked as of; and, when the school year of that day has no
/// record yet, says so, instead of leaving a stale copy looking complete.
#[test]
fn the_dashboard_says_how_fresh_the_archive_is() {
    // The suite's today is 2026-11-22, in 2026-2027; `clean` ends in 2024-2025.
    let (_tmp, archive) = scratch_copy("clean");
    let (_out_tmp, out) = build_ok(&archive, &[]);
    let home = read(&out, "index.html");
    assert!(
        home.contains("记录截至 2025-07-04（最近一份记录的日期）；以 2026-11-22 为准检查。")
            && home.contains("本学年（2026-2027学年）还没有任何记录"),
        "{home}"
    );
    // A record of this school year: no such warning.
    fs::create_dir_all(archive.join("2026-2027/活动")).unwrap();
    fs::write(
        archive.join("2026-2027/活动/2026-10-08-集体备课.md"),
        "---\ntitle: 新学年集体备课\ndate: 2026-10-08\nspeaker: 王丽\nform: 集体备课\nhours: 2\nattendees: 全体教师\n---\n\n## 研讨记录\n\n讨论。\n\n## 效果分析\n\n好。\n",
    )
    .unwrap();
    let (_out_tmp2, out2) = build_ok(&archive, &[]);
    let home = read(&out2, "index.html");
    assert!(
        home.contains("记录截至 2026-10-08") && !home.contains("还没有任何记录"),
        "{home}"
    );
}

/// More figures lead to what is behind them (inspector review, session 17): a session's 出席
/// count to its attendance list, its 主讲人 (a roster teacher) to their year, and the dashboard's
/// plan execution to the plan's table of items.
#[test]
fn session_figures_and_plan_execution_link_to_what_is_behind_them() {
    let (_tmp, out) = build_ok(&inspector(), &[]);
    let year = read(&out, "years/2024-2025.html");
    let row = row_with(&year, &["2024-10-10"]);
    let session = record_url(&out, "单元整体集体备课");
    assert!(
        row.contains(&format!("href=\"../{session}#attendance\"")),
        "{row}"
    );
    assert!(
        row.contains("href=\"../teachers/zhang-wei/2024-2025.html\">张伟</a>"),
        "{row}"
    );
    assert!(read(&out, &session).contains("id=\"attendance\""));
    let home = read(&out, "index.html");
    let plan = row_with(&home, &["督导复核小学2024学年研修计划"]);
    assert!(plan.contains("#execution\""), "{plan}");
    let target = plan
        .split("href=\"")
        .nth(2)
        .and_then(|h| h.split('#').next())
        .unwrap_or("");
    assert!(read(&out, target).contains("id=\"execution\""), "{target}");
}

/// A reflection with nothing written (Y119) counts for nothing in the rules and the credits; the
/// site's counts of a teacher's reflections agree (review, session 17: they still counted it).
#[test]
fn an_unwritten_reflection_is_not_in_the_sites_counts() {
    let (_tmp, archive) = scratch_copy("rules-teacher");
    let file = archive.join("2024-2025/反思/张伟-第一学期.md");
    let written = fs::read_to_string(&file).unwrap();
    let count = |out: &Path| {
        let page = read(out, "teachers/zhang-wei.html");
        let row = row_with(&page, &["2024-2025学年</a></td>", "#reflections"]).to_string();
        row.split("#reflections\">")
            .nth(1)
            .and_then(|r| r.split('<').next())
            .unwrap_or_else(|| panic!("{row}"))
            .to_string()
    };
    let (_t1, out) = build_ok(&archive, &[]);
    assert_eq!(count(&out), "2");
    assert!(read(&out, "years/2024-2025.html").contains("教学反思（3 篇）"));
    fs::write(&file, &written[..written.rfind("---\n").unwrap() + 4]).unwrap();
    let (_t2, out) = build_ok(&archive, &[]);
    assert_eq!(count(&out), "1");
    let year = read(&out, "years/2024-2025.html");
    assert!(
        year.contains("教学反思（2 篇）"),
        "the year counts it neither"
    );
}

#[test]
fn an_absence_written_is_never_shown_as_full_attendance() {
    let (_tmp, archive) = common::preview::scratch_example();
    // An attendee group that is no group: one error (Y201), and the absentees written stay
    // absent, without an error each (Y204) that only follows from the first.
    let talk = "2024-2025/活动/2024-09-26-专家讲座.md";
    edit(
        &archive,
        talk,
        "attendees: 全体教师\nleave: [郑涛]",
        "attendees: 科学组\nabsent: [周敏, 李晓燕]",
    );
    // An absentee who is no one on the roster (Y208): shown as written, flagged.
    let lesson = "2024-2025/活动/2024-10-17-同课异构.md";
    edit(
        &archive,
        lesson,
        "参加人员: 语文组",
        "参加人员: 语文组\n缺席: [某某人]",
    );
    // Attendees who resolve to no one serving that day, with a roster speaker: still Y205.
    let observed = "2024-2025/活动/2024-10-24-观课议课.md";
    edit(&archive, observed, "attendees: 数学组", "attendees: 新教师");
    // An absentee who was not among the attendees (Y204): not counted, shown as written.
    let workshop = "2024-2025/活动/2024-11-14-主题教研.md";
    edit(
        &archive,
        workshop,
        "参加人员: 全体教师",
        "参加人员: 数学组\n缺席: [周敏]",
    );
    let (_run, diags) = check_json(&archive, &[]);
    let codes = |file: &str| -> Vec<&str> {
        diags
            .iter()
            .filter(|d| d.file == file)
            .map(|d| d.code.as_str())
            .collect()
    };
    assert_eq!(codes(talk), ["Y201"], "{}", list_diags(&diags));
    assert_eq!(codes(lesson), ["Y208"], "{}", list_diags(&diags));
    assert_eq!(codes(observed), ["Y205"], "{}", list_diags(&diags));
    let y205 = diags.iter().find(|d| d.file == observed).unwrap();
    assert!(y205.message.contains("只给主讲人“赵国强”计学时"), "{y205}");
    assert_eq!(codes(workshop), ["Y204"], "{}", list_diags(&diags));
    // The speaker written absent too: the session grants no one hours, and Y205 says so.
    edit(
        &archive,
        observed,
        "attendees: 新教师",
        "attendees: 新教师\nabsent: [赵国强]",
    );
    let (_, again) = check_json(&archive, &[]);
    let y205 = again
        .iter()
        .find(|d| d.file == observed && d.code == "Y205")
        .unwrap();
    assert!(y205.message.contains("不会给任何人计学时"), "{y205}");
    edit(
        &archive,
        observed,
        "attendees: 新教师\nabsent: [赵国强]",
        "attendees: 新教师",
    );

    let (_tmp2, out) = build_ok(&archive, &[]);
    let talk_page = read(
        &out,
        &record_url(&out, "专家讲座：大单元教学设计的理念与路径"),
    );
    assert!(
        talk_page.contains("缺席（2 人）"),
        "the two absentees stay absent"
    );
    let lesson_page = read(&out, &record_url(&out, "语文组同课异构《秋天的雨》"));
    assert!(lesson_page.contains("<dt>未计入考勤</dt>") && lesson_page.contains("某某人"));
    let year = read(&out, "years/2024-2025.html");
    let row = row_with(&year, &["语文组同课异构《秋天的雨》", "#attendance"]);
    assert!(
        row.contains("未计入考勤：某某人") && !row.contains("全勤"),
        "{row}"
    );
    let row = row_with(&year, &["“双减”背景下分层作业设计主题教研", "#attendance"]);
    assert!(
        row.contains("未计入考勤：周敏") && !row.contains("全勤"),
        "{row}"
    );
    let print = read(&out, "years/2024-2025-print.html");
    let row = row_with(&print, &["<td>语文组同课异构《秋天的雨》</td>"]);
    assert!(
        row.contains("未计入考勤：某某人") && !row.contains("全勤"),
        "{row}"
    );
}

/// The example's 2024-2025 plan with the 序号 of its activities left out, but for `keep`.
fn plan_without_numbers(archive: &Path, keep: usize) -> String {
    let plan = "2024-2025/计划.md";
    let text = fs::read_to_string(archive.join(plan)).unwrap();
    let mut bare = String::new();
    let mut n = 0;
    for line in text.lines() {
        bare.push_str(&match line.find("序号: \"") {
            Some(at) => {
                n += 1;
                let end = at + line[at..].find("\", ").unwrap() + 3;
                if n == keep {
                    line.to_string()
                } else {
                    format!("{}{}", &line[..at], &line[end..])
                }
            }
            None => line.to_string(),
        });
        bare.push('\n');
    }
    fs::write(archive.join(plan), &bare).unwrap();
    bare
}

#[test]
fn an_unreadable_plan_item_keeps_its_place_and_a_half_numbered_plan_is_warned_of() {
    let plan = "2024-2025/计划.md";
    // Numbered by place as written: the third item written as plain text (an error at its
    // line) leaves the fourth the fourth, linked to the sessions that say 计划项: 4.
    let (_tmp, archive) = common::preview::scratch_example();
    let (_tmp2, before) = build_ok(&archive, &[]);
    let bare = plan_without_numbers(&archive, 0);
    let third = bare
        .lines()
        .filter(|l| l.starts_with("  - {"))
        .nth(2)
        .unwrap();
    fs::write(
        archive.join(plan),
        bare.replacen(third, "  - 专家讲座——大单元教学设计（9月）", 1),
    )
    .unwrap();
    let (_tmp3, after) = build_ok(&archive, &[]);
    let page = record_url(&after, "青溪镇中心小学2024学年校本研修工作计划");
    let row = |out: &Path, n: &str| -> String {
        let html = read(out, &page);
        let table = html.split("id=\"execution\"").nth(1).unwrap().to_string();
        table
            .split("<tr")
            .find(|r| r.contains(&format!("<td>{n}</td>")) || r.contains(&format!(">{n}</td>")))
            .map(str::to_string)
            .unwrap_or_default()
    };
    assert!(!row(&before, "4").is_empty());
    assert_eq!(row(&after, "4"), row(&before, "4"));
    // Only the first numbered: each of the others is a warning at its line.
    let (_tmp4, archive) = common::preview::scratch_example();
    plan_without_numbers(&archive, 1);
    let (_, diags) = check_json(&archive, &[]);
    let y123: Vec<&Diag> = diags.iter().filter(|d| d.code == "Y123").collect();
    assert_eq!(y123.len(), 11, "{}", list_diags(&diags));
    assert!(
        y123.iter()
            .all(|d| d.file == plan && d.line.is_some() && d.severity == "warning")
    );
}

#[test]
fn a_plan_written_without_numbers_is_numbered_in_its_order() {
    let (_tmp, archive) = common::preview::scratch_example();
    let plan = "2024-2025/计划.md";
    let (_, numbered) = check_json(&archive, &[]);
    let (_tmp2, before) = build_ok(&archive, &[]);
    // The same plan with every 序号 left out: the sessions' 计划项 still find their items.
    let text = fs::read_to_string(archive.join(plan)).unwrap();
    let mut bare = String::new();
    for line in text.lines() {
        bare.push_str(&match line.find("序号: \"") {
            Some(at) => {
                let end = at + line[at..].find("\", ").unwrap() + 3;
                format!("{}{}", &line[..at], &line[end..])
            }
            None => line.to_string(),
        });
        bare.push('\n');
    }
    assert!(!bare.contains("序号"), "{bare}");
    fs::write(archive.join(plan), bare).unwrap();
    let (_, unnumbered) = check_json(&archive, &[]);
    assert_eq!(list_diags(&unnumbered), list_diags(&numbered));
    let (_tmp3, after) = build_ok(&archive, &[]);
    let page = record_url(&after, "青溪镇中心小学2024学年校本研修工作计划");
    assert_eq!(read(&after, &page), read(&before, &page));
    assert_eq!(read(&after, "index.html"), read(&before, "index.html"));
}

#[test]
fn the_timeline_links_absentees_to_their_year_as_it_links_the_speaker() {
    let (_tmp, out) = build_ok(&common::preview::scratch_example().1, &[]);
    let year = read(&out, "years/2024-2025.html");
    let row = row_with(&year, &["新学期单元整体教学设计集体备课", "#attendance"]);
    // 陈建华 spoke, 刘志明 was on leave: both linked to their 2024-2025 pages.
    assert!(row.contains("/2024-2025.html\">陈建华</a>"), "{row}");
    assert!(row.contains("/2024-2025.html\">刘志明</a>"), "{row}");
}

#[test]
fn the_dashboard_says_what_its_short_lists_leave_out() {
    // Three earlier years, each with a plan: the dashboard shows the latest 4 plans and the
    // latest 2 years' rates, and says how many more there are and where.
    let (_tmp, archive) = common::preview::scratch_example();
    let plan = fs::read_to_string(archive.join("2024-2025/计划.md")).unwrap();
    for start in [2021, 2022, 2023] {
        let year = format!("{start}-{}", start + 1);
        fs::create_dir_all(archive.join(&year)).unwrap();
        let text = plan
            .replace("2024-2025", &year)
            .replace("2024学年", &format!("{start}学年"))
            .replace("2024-09-", &format!("{start}-09-"));
        fs::write(archive.join(&year).join("计划.md"), text).unwrap();
    }
    let (_tmp2, out) = build_ok(&archive, &[]);
    let index = read(&out, "index.html");
    assert!(
        index.contains("以上为最近 4 份计划，另有 1 份更早的计划"),
        "{index}"
    );
    assert!(index.contains("以上为最近 2 个学年，另有 3 个学年见学时汇总"));
}

#[test]
fn a_teacher_s_year_page_says_which_of_their_rules_are_met() {
    // The year's checklist links each 未完成 name to the teacher's year page: that page lists
    // the teacher's own rules of the year, each as completeness.json has it.
    let (_tmp, out) = build_ok(&common::preview::scratch_example().1, &[]);
    let findings: serde_json::Value =
        serde_json::from_str(&read(&out, "data/completeness.json")).unwrap();
    let page = read(&out, "teachers/zheng-tao/2024-2025.html");
    let section = page
        .split("id=\"checklist\"")
        .nth(1)
        .and_then(|s| s.split("</section>").next())
        .unwrap_or_else(|| panic!("no checklist on the page"));
    let mut rows = 0;
    for f in findings.as_array().unwrap() {
        let period = f["period"].as_str().unwrap();
        if f["teacher"] != "郑涛" || !period.starts_with("2024-2025学年") {
            continue;
        }
        let semester = period.trim_start_matches("2024-2025学年");
        let shown = if semester.is_empty() {
            "全学年"
        } else {
            semester
        };
        let row = row_with(section, &[f["label"].as_str().unwrap(), shown]);
        assert!(
            row.contains(&format!(
                "已有 {} 篇，要求 {} 篇",
                f["found"], f["required"]
            )),
            "{row}\n{f}"
        );
        let missing = f["status"] == "unmet";
        assert_eq!(row.contains("缺失"), missing, "{row}\n{f}");
        rows += 1;
    }
    assert!(rows >= 4, "郑涛 has per-teacher rules in each semester");
    // Not judged, and why: 林晓雨 joined in the second semester of 2024-2025.
    let page = read(&out, "teachers/lin-xiao-yu/2024-2025.html");
    assert!(
        page.contains("不评定</span> 已有 0 篇，要求 1 篇（本期间中途入职）"),
        "{page}"
    );
    assert_eq!(section.matches("<tr>").count(), rows + 1, "{section}");
}

#[test]
fn lists_of_published_records_say_how_many_private_ones_they_leave_out() {
    // The year pages and the checklists count a private record; the dashboard and the kind's
    // list, which show published records only, say it is there.
    let (_tmp, archive) = common::preview::scratch_example();
    let private = list_files(&archive)
        .into_iter()
        .filter(|f| f.contains("/反思/") && f.ends_with(".md"))
        .filter(|f| {
            let text = fs::read_to_string(archive.join(f)).unwrap();
            text.lines()
                .any(|l| ["内部: 是", "内部: true", "private: true"].contains(&l))
        })
        .count();
    assert_eq!(private, 1, "the example's one private reflection");
    let (_tmp2, out) = build_ok(&archive, &[]);
    let list = read(&out, "kinds/reflection.html");
    assert!(
        list.contains("（另有 1 篇内部记录不公开，已计入学时和检查）"),
        "{list}"
    );
    assert!(read(&out, "index.html").contains("另 1 篇内部记录"));
    assert!(!read(&out, "kinds/session.html").contains("内部记录不公开"));
}

#[test]
fn a_research_team_written_as_a_group_is_shown_as_its_teachers() {
    let (_tmp, archive) = common::preview::scratch_example();
    edit(
        &archive,
        "2024-2025/课题/分层作业设计.md",
        "成员: [赵国强, 孙丽, 刘志明, 李晓燕]",
        "成员: [数学组, 李晓燕]",
    );
    let (_tmp2, out) = build_ok(&archive, &[]);
    let page = read(
        &out,
        &record_url(&out, "“双减”背景下农村小学分层作业设计的实践研究（开题）"),
    );
    let row = page
        .split("<dt>成员</dt>")
        .nth(1)
        .and_then(|s| s.split("</dd>").next())
        .expect("a 成员 row");
    // 数学组 on 2024-11-05: 赵国强, 孙丽, 刘志明, 王芳(T09) (the leader), each linked.
    for name in ["赵国强", "孙丽", "刘志明", "王芳(T09)", "李晓燕"] {
        assert!(row.contains(&format!(">{name}</a>")), "{name}: {row}");
    }
    assert!(!row.contains("数学组"), "{row}");
}

/// A private plan's table of activities is its substance: a session that names one of its
/// items says which (第 3 项) on its page and on the print page, without the item's words,
/// which the plan's own page would have shown had it been published.
#[test]
fn a_session_under_a_private_plan_does_not_quote_the_plans_item() {
    let (_tmp, archive) = common::preview::scratch_example();
    let plan = archive.join("2024-2025/计划.md");
    let text = fs::read_to_string(&plan).unwrap();
    let secret = "机密讲座内容甲";
    let text = text
        .replace(
            "负责部门: 教科室\n计划项:",
            "负责部门: 教科室\n内部: 是\n计划项:",
        )
        .replace("专家讲座——大单元教学设计", secret);
    assert!(text.contains("内部: 是") && text.contains(secret));
    fs::write(&plan, text).unwrap();
    let (_out_dir, out) = build_ok(&archive, &[]);
    let page = read(
        &out,
        "records/2024-2025/huo-dong/2024-09-26-zhuan-jia-jiang-zuo.html",
    );
    assert!(page.contains("第 3 项"), "the item is named");
    let print = read(&out, "years/2024-2025-print.html");
    assert!(
        print.contains("内部记录（不公开）：第 3 项"),
        "the item is named"
    );
    let found = files_containing(&out, secret);
    assert!(found.is_empty(), "{found:?} quote the private plan's item");
    let (_open_dir, open) = build_ok(&archive, &["--include-private"]);
    let page = read(
        &open,
        "records/2024-2025/huo-dong/2024-09-26-zhuan-jia-jiang-zuo.html",
    );
    assert!(page.contains(secret), "published with --include-private");
}
