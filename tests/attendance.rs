//! Attendance (考勤), school calendar and rule findings through the library API, on small
//! fixture archives (DESIGN.md §2 teachers.yaml and Documents, §3 Rules, §4, §7).
//!
//! Every expected teacher set below was worked out by hand from the fixture's teachers.yaml; the
//! reasoning is written next to the assertion. Sets are compared as sorted lists of display names
//! (`王芳(T05)` for a namesake), so a teacher counted twice shows up as a failure.
//!
//! Fixtures: `tests/fixtures/{attendance, calendar-default, calendar-custom, rules-teacher,
//! rules-override, draft-private, encoding}`; the GB18030 file of `encoding` is written by
//! `tests/fixtures/gen_attendance_fixtures.py`.

use std::collections::BTreeSet;
use std::path::PathBuf;

use chrono::NaiveDate;
use yanxiu::archive::{self, Archive, LoadOptions};
use yanxiu::check::completeness::{Finding, Status};
use yanxiu::check::people::Attendance;
use yanxiu::check::{self, CheckOptions, Report};
use yanxiu::dates::{SchoolYear, Semester};
use yanxiu::diagnostic::Severity;
use yanxiu::roster::TeacherIdx;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// The fixed "today" of the test suite (same as tests/common::TODAY).
fn today() -> NaiveDate {
    day(2026, 11, 22)
}

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("fixtures")
        .join(name)
}

fn load(name: &str) -> Archive {
    archive::load(&fixture(name), &LoadOptions::default())
        .unwrap_or_else(|e| panic!("fixture {name} must load: {e:?}"))
}

fn check_on(archive: &Archive, today: NaiveDate) -> Report {
    check::run(archive, &CheckOptions { today })
}

fn load_and_check(name: &str) -> (Archive, Report) {
    let a = load(name);
    let r = check_on(&a, today());
    (a, r)
}

fn idx(archive: &Archive, path: &str) -> usize {
    archive.index_of(path).unwrap_or_else(|| {
        let all: Vec<&str> = archive.documents.iter().map(|d| d.path.as_str()).collect();
        panic!("no document {path}; documents: {all:?}")
    })
}

/// Display names (with the id for namesakes), sorted, duplicates kept.
fn names(archive: &Archive, who: &[TeacherIdx]) -> Vec<String> {
    let mut v: Vec<String> = who.iter().map(|&i| archive.roster.display(i)).collect();
    v.sort();
    v
}

fn sorted(list: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = list.iter().map(|s| s.to_string()).collect();
    v.sort();
    v
}

const ACT: &str = "2024-2025/活动/";

fn attendance<'a>(archive: &Archive, report: &'a Report, file: &str) -> &'a Attendance {
    let path = format!("{ACT}{file}");
    report.people[idx(archive, &path)]
        .attendance
        .as_ref()
        .unwrap_or_else(|| panic!("{path} is a session and must have an attendance"))
}

fn present(archive: &Archive, report: &Report, file: &str) -> Vec<String> {
    names(archive, &attendance(archive, report, file).present)
}

/// (code, severity, line) of every diagnostic of one file, in report order.
fn diags_of(report: &Report, path: &str) -> Vec<(String, Severity, Option<u32>)> {
    report
        .diagnostics
        .iter()
        .filter(|d| d.file == path)
        .map(|d| (d.code.as_str().to_string(), d.severity, d.line))
        .collect()
}

fn all_diags(report: &Report) -> String {
    report
        .diagnostics
        .iter()
        .map(|d| {
            format!(
                "  {}:{:?} {:?} {} {}",
                d.file,
                d.line,
                d.severity,
                d.code.as_str(),
                d.message
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The findings of one rule in one period, as (teacher display name, status, met, found).
fn per_teacher(
    report: &Report,
    rule: &str,
    period: &str,
) -> Vec<(String, Status, Option<bool>, u32)> {
    let mut v: Vec<_> = report
        .findings
        .iter()
        .filter(|f| &*f.rule == rule && f.period.to_string() == period)
        .map(|f| {
            let (_, name) = f
                .teacher
                .clone()
                .unwrap_or_else(|| panic!("{rule} is a per-teacher rule: {f:?}"));
            (name.to_string(), f.status, f.met, f.found)
        })
        .collect();
    v.sort_by(|a, b| a.0.cmp(&b.0));
    v
}

fn school_finding<'a>(report: &'a Report, rule: &str, period: &str) -> &'a Finding {
    let found: Vec<&Finding> = report
        .findings
        .iter()
        .filter(|f| &*f.rule == rule && f.period.to_string() == period)
        .collect();
    assert_eq!(
        found.len(),
        1,
        "exactly one finding of {rule} in {period}: {found:?}"
    );
    assert!(found[0].teacher.is_none(), "{rule} is not per teacher");
    found[0]
}

// ---------------------------------------------------------------------------------------------
// Fixture `attendance`: 9 teachers (teachers.yaml)
//   张伟 T01 语文组 [班主任]          李娜 T02 语文组 [骨干教师]
//   刘洋 T03 数学组 [班主任, 骨干教师]  陈静 T04 数学组
//   王芳 T05 英语组                  王芳 T06 英语组 [班主任]
//   吴 列 T07 数学组                 赵敏 T08 语文组, joined 2024-10-15
//   孙强 T09 英语组, left 2024-11-20
// ---------------------------------------------------------------------------------------------

/// The whole fixture yields exactly these diagnostics: one Y202 (bare 王芳) and two Y203 (a
/// named teacher not serving on the day); everything else is clean, in particular the namesakes
/// written by id, the spaced name and the speaker from outside the roster.
#[test]
fn attendance_fixture_has_only_the_intended_diagnostics() {
    let (_a, r) = load_and_check("attendance");
    let got: Vec<(String, String, Severity)> = r
        .diagnostics
        .iter()
        .map(|d| (d.file.clone(), d.code.as_str().to_string(), d.severity))
        .collect();
    let want = vec![
        (
            format!("{ACT}04-点名-同名未写编号.md"),
            "Y202".to_string(),
            Severity::Error,
        ),
        (
            format!("{ACT}09-点名-尚未入职.md"),
            "Y203".to_string(),
            Severity::Warning,
        ),
        (
            format!("{ACT}10-点名-已经离职.md"),
            "Y203".to_string(),
            Severity::Warning,
        ),
    ];
    assert_eq!(got, want, "diagnostics:\n{}", all_diags(&r));
}

/// Case 1. `attendees: 全体教师`, `absent: [陈静]`, `leave: [吴  列]` on 2024-11-01.
/// Active on 2024-11-01: all nine (赵敏 joined 10-15 ≤ 11-01; 孙强 left 11-20 ≥ 11-01).
/// present = 9 − 陈静 (absent) − 吴 列 (leave) = 7; speaker 张伟 is among them already.
#[test]
fn everyone_minus_absent_and_leave() {
    let (a, r) = load_and_check("attendance");
    let att = attendance(&a, &r, "01-全体教师-缺席请假.md");
    assert_eq!(
        names(&a, &att.present),
        sorted(&[
            "张伟",
            "李娜",
            "刘洋",
            "王芳(T05)",
            "王芳(T06)",
            "赵敏",
            "孙强"
        ])
    );
    assert_eq!(names(&a, &att.absent), sorted(&["陈静"]));
    // Written `吴  列` (two spaces), resolved to the roster's `吴 列`, shown without the space.
    assert_eq!(names(&a, &att.leave), sorted(&["吴列"]));
    assert_eq!(
        diags_of(&r, &format!("{ACT}01-全体教师-缺席请假.md")),
        vec![]
    );
}

/// Case 2. `attendees: [语文组, 班主任]` on 2024-11-05, speaker 李娜.
/// 语文组 active that day = 张伟, 李娜, 赵敏 (joined 10-15); 班主任 = 张伟, 刘洋, 王芳(T06).
/// Union = 张伟 (in both, counted once), 李娜, 赵敏, 刘洋, 王芳(T06); speaker 李娜 adds nobody.
#[test]
fn group_and_role_overlap_counts_each_teacher_once() {
    let (a, r) = load_and_check("attendance");
    let att = attendance(&a, &r, "02-教研组与角色重叠.md");
    assert_eq!(
        names(&a, &att.present),
        sorted(&["张伟", "李娜", "赵敏", "刘洋", "王芳(T06)"])
    );
    assert!(att.absent.is_empty() && att.leave.is_empty());
}

/// Case 3a. `attendees: [吴 列, T05, 王芳(T05), 王芳（T06）]`, speaker `吴列` (no space).
/// 吴 列 and 吴列 are one person; T05 and 王芳(T05) are one person; 王芳（T06）with full-width
/// parentheses is the other 王芳. present = 吴 列, 王芳(T05), 王芳(T06) — three, no duplicate.
#[test]
fn names_with_spaces_and_namesakes_by_id() {
    let (a, r) = load_and_check("attendance");
    let file = "03-点名-编号与空格.md";
    assert_eq!(
        present(&a, &r, file),
        sorted(&["吴列", "王芳(T05)", "王芳(T06)"])
    );
    let p = &r.people[idx(&a, &format!("{ACT}{file}"))];
    assert_eq!(
        p.speaker.map(|s| a.roster.display(s)).as_deref(),
        Some("吴列"),
        "speaker `吴列` resolves to the roster's `吴 列`"
    );
    assert_eq!(diags_of(&r, &format!("{ACT}{file}")), vec![]);
}

/// Case 3b. `attendees: [吴列, 王芳(T05), 王芳]`: the bare `王芳` is ambiguous (T05 and T06) →
/// Y202 error at its line (10), and neither 王芳 is added by it. present = 吴 列, 王芳(T05).
#[test]
fn bare_ambiguous_name_is_y202_and_not_present() {
    let (a, r) = load_and_check("attendance");
    let file = "04-点名-同名未写编号.md";
    assert_eq!(present(&a, &r, file), sorted(&["吴列", "王芳(T05)"]));
    assert_eq!(
        diags_of(&r, &format!("{ACT}{file}")),
        vec![("Y202".to_string(), Severity::Error, Some(10))]
    );
}

/// Case 4. joined/left days are inclusive for 全体教师 (speaker 张伟 in every one).
/// 10-14: 赵敏 not yet → 8 = all but 赵敏.   10-15 (joined day): all 9.
/// 11-20 (left day): all 9.                 11-21: 8 = all but 孙强.
#[test]
fn joined_and_left_days_are_inclusive_for_everyone() {
    let (a, r) = load_and_check("attendance");
    let all = [
        "张伟",
        "李娜",
        "刘洋",
        "陈静",
        "王芳(T05)",
        "王芳(T06)",
        "吴列",
        "赵敏",
        "孙强",
    ];
    let without = |who: &str| -> Vec<String> {
        sorted(
            &all.iter()
                .copied()
                .filter(|n| *n != who)
                .collect::<Vec<_>>(),
        )
    };
    assert_eq!(present(&a, &r, "06-入职前一天.md"), without("赵敏"));
    assert_eq!(present(&a, &r, "05-入职当天.md"), sorted(&all));
    assert_eq!(present(&a, &r, "07-离职当天.md"), sorted(&all));
    assert_eq!(present(&a, &r, "08-离职次日.md"), without("孙强"));
    for f in [
        "05-入职当天.md",
        "06-入职前一天.md",
        "07-离职当天.md",
        "08-离职次日.md",
    ] {
        // Expansion keeps only active teachers silently: no Y203 for 全体教师.
        assert_eq!(diags_of(&r, &format!("{ACT}{f}")), vec![], "{f}");
        assert!(r.people[idx(&a, &format!("{ACT}{f}"))].inactive.is_empty());
    }
}

/// Case 4, named teachers. `[张伟, 赵敏]` on 2024-10-14 (赵敏 joins 10-15) and `[陈静, 孙强]` on
/// 2024-11-21 (孙强 left 11-20): Y203 warning at the name (line 7), the teacher is listed as
/// inactive and is not present. present = 张伟 / 陈静 (also the speakers).
#[test]
fn named_teacher_not_serving_is_y203_and_not_present() {
    let (a, r) = load_and_check("attendance");
    for (file, here, gone) in [
        ("09-点名-尚未入职.md", "张伟", "赵敏"),
        ("10-点名-已经离职.md", "陈静", "孙强"),
    ] {
        assert_eq!(present(&a, &r, file), sorted(&[here]), "{file}");
        let p = &r.people[idx(&a, &format!("{ACT}{file}"))];
        assert_eq!(names(&a, &p.inactive), sorted(&[gone]), "{file}");
        assert_eq!(
            diags_of(&r, &format!("{ACT}{file}")),
            vec![("Y203".to_string(), Severity::Warning, Some(7))],
            "{file}"
        );
    }
}

/// Case 5. Speaker 刘洋 (数学组) at a 语文组 session on 2024-12-02: 语文组 = 张伟, 李娜, 赵敏;
/// the roster speaker is counted present too → 张伟, 李娜, 赵敏, 刘洋.
/// Speaker 钱教授 (not in the roster) at a 数学组 session on 2024-12-03: no diagnostic, no
/// speaker index; present = 数学组 = 刘洋, 陈静, 吴 列.
#[test]
fn roster_speaker_is_present_and_outside_speaker_is_fine() {
    let (a, r) = load_and_check("attendance");
    let f1 = "11-主讲人不在参加人员中.md";
    assert_eq!(
        present(&a, &r, f1),
        sorted(&["张伟", "李娜", "赵敏", "刘洋"])
    );
    let p1 = &r.people[idx(&a, &format!("{ACT}{f1}"))];
    assert_eq!(
        p1.speaker.map(|s| a.roster.get(s).name.clone()).as_deref(),
        Some("刘洋")
    );

    let f2 = "12-校外主讲人.md";
    assert_eq!(present(&a, &r, f2), sorted(&["刘洋", "陈静", "吴列"]));
    let p2 = &r.people[idx(&a, &format!("{ACT}{f2}"))];
    assert_eq!(p2.speaker, None);
    assert_eq!(diags_of(&r, &format!("{ACT}{f2}")), vec![]);
}

// ---------------------------------------------------------------------------------------------
// Case 6: school years and semesters.
// ---------------------------------------------------------------------------------------------

fn period_of(archive: &Archive, path: &str) -> (String, Semester) {
    let d = &archive.documents[idx(archive, path)];
    (
        d.in_year
            .unwrap_or_else(|| panic!("{path} has a school year"))
            .to_string(),
        d.in_semester
            .unwrap_or_else(|| panic!("{path} has a semester")),
    )
}

fn sources(f: &Finding) -> Vec<String> {
    let mut v: Vec<String> = f.sources.iter().map(|s| s.to_string()).collect();
    v.sort();
    v
}

/// Default calendar (school year from 09-01, 第二学期 from 02-01): one reflection by 张伟 on each
/// side of both boundaries.
#[test]
fn default_calendar_boundaries() {
    let (a, r) = load_and_check("calendar-default");
    let y = |s: &str| s.to_string();
    assert_eq!(
        period_of(&a, "反思/2024-08-31.md"),
        (y("2023-2024"), Semester::Second)
    );
    assert_eq!(
        period_of(&a, "反思/2024-09-01.md"),
        (y("2024-2025"), Semester::First)
    );
    assert_eq!(
        period_of(&a, "反思/2025-01-31.md"),
        (y("2024-2025"), Semester::First)
    );
    assert_eq!(
        period_of(&a, "反思/2025-02-01.md"),
        (y("2024-2025"), Semester::Second)
    );
    assert_eq!(r.diagnostics.len(), 0, "{}", all_diags(&r));

    // The per-teacher reflection rule counts each record in its own semester. The archive spans
    // school years 2023-2024 .. 2024-2025, so 2023-2024 第一学期 is judged too (no record: Unmet).
    let mut rows: Vec<(String, Vec<String>, Status)> = r
        .findings
        .iter()
        .filter(|f| &*f.rule == "reflection")
        .map(|f| (f.period.to_string(), sources(f), f.status))
        .collect();
    rows.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
    assert_eq!(
        rows,
        vec![
            (y("2023-2024学年第一学期"), vec![], Status::Unmet),
            (
                y("2023-2024学年第二学期"),
                vec![y("反思/2024-08-31.md")],
                Status::Met
            ),
            (
                y("2024-2025学年第一学期"),
                vec![y("反思/2024-09-01.md"), y("反思/2025-01-31.md")],
                Status::Met
            ),
            (
                y("2024-2025学年第二学期"),
                vec![y("反思/2025-02-01.md")],
                Status::Met
            ),
        ]
    );
}

/// `school_year_start: "08-20"`, `second_semester_start: "02-10"`:
/// 08-19 → 2023-2024 第二学期; 08-20 and 08-31 → 2024-2025 第一学期 (08-31 would be 2023-2024
/// under the default calendar); 02-09 → still 第一学期; 02-10 → 第二学期.
#[test]
fn configured_calendar_moves_boundaries() {
    let (a, r) = load_and_check("calendar-custom");
    let cal = a.config.calendar;
    assert_eq!(
        cal.semester_bounds(SchoolYear(2024), Semester::First),
        (day(2024, 8, 20), day(2025, 2, 9))
    );
    assert_eq!(
        cal.semester_bounds(SchoolYear(2024), Semester::Second),
        (day(2025, 2, 10), day(2025, 8, 19))
    );
    let y = |s: &str| s.to_string();
    assert_eq!(
        period_of(&a, "反思/2024-08-19.md"),
        (y("2023-2024"), Semester::Second)
    );
    assert_eq!(
        period_of(&a, "反思/2024-08-20.md"),
        (y("2024-2025"), Semester::First)
    );
    assert_eq!(
        period_of(&a, "反思/2024-08-31.md"),
        (y("2024-2025"), Semester::First)
    );
    assert_eq!(
        period_of(&a, "反思/2025-02-09.md"),
        (y("2024-2025"), Semester::First)
    );
    assert_eq!(
        period_of(&a, "反思/2025-02-10.md"),
        (y("2024-2025"), Semester::Second)
    );
    assert_eq!(r.diagnostics.len(), 0, "{}", all_diags(&r));
    let mut rows: Vec<(String, Vec<String>)> = r
        .findings
        .iter()
        .filter(|f| &*f.rule == "reflection")
        .map(|f| (f.period.to_string(), sources(f)))
        .collect();
    rows.sort();
    assert_eq!(
        rows,
        vec![
            (y("2023-2024学年第一学期"), vec![]),
            (y("2023-2024学年第二学期"), vec![y("反思/2024-08-19.md")]),
            (
                y("2024-2025学年第一学期"),
                vec![
                    y("反思/2024-08-20.md"),
                    y("反思/2024-08-31.md"),
                    y("反思/2025-02-09.md")
                ]
            ),
            (y("2024-2025学年第二学期"), vec![y("反思/2025-02-10.md")]),
        ]
    );
}

// ---------------------------------------------------------------------------------------------
// Case 7: per-teacher rules and partial service. Fixture `rules-teacher`:
//   张伟, 李娜 (always); 赵敏 joined 2024-11-01; 孙强 left 2024-12-31; 周杰 joined 2025-03-01;
//   何平 joined 2024-09-01 (the semester's first day); 郑洁 left 2025-01-31 (its last day).
//   Reflections by 张伟 on 2024-10-10 (第一学期) and 2025-03-05 (第二学期); nothing else.
// ---------------------------------------------------------------------------------------------

const SEM1: &str = "2024-2025学年第一学期"; // 2024-09-01 ..= 2025-01-31
const SEM2: &str = "2024-2025学年第二学期"; // 2025-02-01 ..= 2025-08-31

/// Today 2026-11-22: both semesters are over.
/// 第一学期: active = 张伟, 李娜, 赵敏 (joined inside), 孙强 (left inside), 何平, 郑洁; 周杰 joined
/// after it ended → no finding. 张伟 1 → Met; 李娜 0, fully active → Unmet; 赵敏, 孙强 0 → Partial,
/// met None. 何平 joined on the first day and 郑洁 left on the last day (both days of service):
/// they served the whole semester → Unmet, not Partial.
/// 第二学期: 孙强 and 郑洁 gone → no finding; 张伟 Met; 李娜, 何平 Unmet; 赵敏 served the whole
/// semester → Unmet; 周杰 joined 03-01 → Partial, though he wrote one: a teacher who served part
/// of a period is not judged, met or not, so that no rule's rate counts him only when he has it.
#[test]
fn per_teacher_rule_partial_and_unmet() {
    let (_a, r) = load_and_check("rules-teacher");
    assert_eq!(r.diagnostics.len(), 0, "{}", all_diags(&r));
    let s = |n: &str| n.to_string();
    assert_eq!(per_teacher(&r, "reflection", SEM1), {
        let mut v = vec![
            (s("张伟"), Status::Met, Some(true), 1),
            (s("李娜"), Status::Unmet, Some(false), 0),
            (s("赵敏"), Status::Partial, None, 0),
            (s("孙强"), Status::Partial, None, 0),
            (s("何平"), Status::Unmet, Some(false), 0),
            (s("郑洁"), Status::Unmet, Some(false), 0),
        ];
        v.sort_by(|a, b| a.0.cmp(&b.0));
        v
    });
    assert_eq!(per_teacher(&r, "reflection", SEM2), {
        let mut v = vec![
            (s("张伟"), Status::Met, Some(true), 1),
            (s("李娜"), Status::Unmet, Some(false), 0),
            (s("赵敏"), Status::Unmet, Some(false), 0),
            (s("周杰"), Status::Partial, None, 1),
            (s("何平"), Status::Unmet, Some(false), 0),
        ];
        v.sort_by(|a, b| a.0.cmp(&b.0));
        v
    });
    // Partial is not unmet: `check --require-complete` must not fail on it.
    let mut unmet: Vec<String> = r
        .unmet()
        .filter(|f| &*f.rule == "reflection")
        .map(|f| format!("{} {}", f.period, f.teacher.as_ref().unwrap().1))
        .collect();
    unmet.sort();
    assert_eq!(
        unmet,
        sorted(&[
            &format!("{SEM1} 李娜"),
            &format!("{SEM1} 何平"),
            &format!("{SEM1} 郑洁"),
            &format!("{SEM2} 李娜"),
            &format!("{SEM2} 赵敏"),
            &format!("{SEM2} 何平"),
        ])
    );
}

/// Today 2025-03-15 lies in 第二学期, which is then not judged: whoever has not written one yet
/// is InProgress (met None) — 李娜, 赵敏 and 何平 alike; 张伟 already has one → Met. 周杰, who
/// joins within 第二学期, is Partial: not judged when it ends either, so that is what he is now.
/// 第一学期 is over and judged exactly as above.
#[test]
fn semester_containing_today_is_in_progress() {
    let a = load("rules-teacher");
    let r = check_on(&a, day(2025, 3, 15));
    assert_eq!(r.diagnostics.len(), 0, "{}", all_diags(&r));
    let s = |n: &str| n.to_string();
    let mut want2 = vec![
        (s("张伟"), Status::Met, Some(true), 1),
        (s("李娜"), Status::InProgress, None, 0),
        (s("赵敏"), Status::InProgress, None, 0),
        (s("周杰"), Status::Partial, None, 1),
        (s("何平"), Status::InProgress, None, 0),
    ];
    want2.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(per_teacher(&r, "reflection", SEM2), want2);
    let mut want1 = vec![
        (s("张伟"), Status::Met, Some(true), 1),
        (s("李娜"), Status::Unmet, Some(false), 0),
        (s("赵敏"), Status::Partial, None, 0),
        (s("孙强"), Status::Partial, None, 0),
        (s("何平"), Status::Unmet, Some(false), 0),
        (s("郑洁"), Status::Unmet, Some(false), 0),
    ];
    want1.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(per_teacher(&r, "reflection", SEM1), want1);
    // The school-wide sessions rule: no session at all; 第二学期 in progress, 第一学期 unmet.
    assert_eq!(
        school_finding(&r, "sessions", SEM2).status,
        Status::InProgress
    );
    assert_eq!(school_finding(&r, "sessions", SEM1).status, Status::Unmet);
}

// ---------------------------------------------------------------------------------------------
// Case 8: rule overrides. Fixture `rules-override`, yanxiu.yaml:
//   rules: {required: [{id: sessions, min: 2}, {id: reading, disabled: true},
//           {id: mentor, label: 骨干教师每学年听示范课1节, kind: observation,
//            per: teacher_school_year, role: 骨干教师, form: 示范课}]}
//   Roster: 张伟 [骨干教师], 李娜 [骨干教师, 班主任], 刘洋 [], 陈静 [班主任].
//   Sessions 2024-10-10, 2024-11-12 (第一学期), 2025-03-12 (第二学期).
//   Observations (听课): 张伟 示范课, 李娜 公开课, 刘洋 示范课. Reflection: 陈静 读书心得.
// ---------------------------------------------------------------------------------------------

#[test]
fn rule_overrides_change_findings() {
    let (_a, r) = load_and_check("rules-override");
    assert_eq!(r.diagnostics.len(), 0, "{}", all_diags(&r));

    // `reading` is removed, `mentor` is added, the rest of the preset stays.
    let ids: BTreeSet<&str> = r.findings.iter().map(|f| &*f.rule).collect();
    assert_eq!(
        ids.into_iter().collect::<Vec<_>>(),
        vec![
            "annual-plan",
            "annual-summary",
            "mentor",
            "reflection",
            "sessions"
        ]
    );

    // sessions: min 2 instead of 6. 第一学期 has 2 → Met; 第二学期 has 1 → Unmet (1/2).
    let s1 = school_finding(&r, "sessions", SEM1);
    assert_eq!(
        (s1.required, s1.found, s1.met, s1.status),
        (2, 2, Some(true), Status::Met)
    );
    assert_eq!(
        sources(s1),
        vec![
            "2024-2025/活动/2024-10-10-集体备课.md".to_string(),
            "2024-2025/活动/2024-11-12-集体备课.md".to_string()
        ]
    );
    let s2 = school_finding(&r, "sessions", SEM2);
    assert_eq!(
        (s2.required, s2.found, s2.met, s2.status),
        (2, 1, Some(false), Status::Unmet)
    );
    // `{id: sessions, min: 2}` only adjusts the preset's rule: its label keeps its words but
    // says the school's number (the preset writes it as `{min}`), not the preset's 6.
    assert_eq!(&*s1.label, "每学期主题研修活动不少于2次");

    // mentor, per teacher per school year, only for 骨干教师 (张伟, 李娜), only 示范课:
    // 张伟 has a 示范课 → Met; 李娜's is a 公开课 → 0 → Unmet; 刘洋's 示范课 is not evaluated
    // (no role), 陈静 neither.
    let s = |n: &str| n.to_string();
    assert_eq!(per_teacher(&r, "mentor", "2024-2025学年"), {
        let mut v = vec![
            (s("张伟"), Status::Met, Some(true), 1),
            (s("李娜"), Status::Unmet, Some(false), 0),
        ];
        v.sort_by(|a, b| a.0.cmp(&b.0));
        v
    });
    let mentor: Vec<&Finding> = r.findings.iter().filter(|f| &*f.rule == "mentor").collect();
    assert_eq!(mentor.len(), 2);
    for f in &mentor {
        assert_eq!(&*f.label, "骨干教师每学年听示范课1节");
        assert_eq!(f.required, 1);
    }
    let zw = mentor
        .iter()
        .find(|f| &*f.teacher.as_ref().unwrap().1 == "张伟")
        .unwrap();
    assert_eq!(
        sources(zw),
        vec!["2024-2025/听课/张伟-示范课.md".to_string()]
    );

    // The 读书心得 still counts as a reflection (the `reflection` rule is untouched).
    let refl = per_teacher(&r, "reflection", SEM1);
    assert!(
        refl.contains(&(s("陈静"), Status::Met, Some(true), 1)),
        "{refl:?}"
    );
}

/// `counts_for: teacher`: a rule about giving a lesson (上示范课) counts an observation for its
/// 授课教师, not for whoever wrote it down. On a scratch copy of `rules-override` with one more
/// rule and one observation by 刘洋 of 李娜's 示范课 (a 示范课 by 张伟, written by 张伟 himself
/// with no 授课教师, counts for 张伟 only by author, as `mentor` shows above).
#[test]
fn a_rule_can_count_observations_for_the_teacher_who_gave_the_lesson() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("archive");
    copy_dir(&fixture("rules-override"), &root);
    let config = root.join("yanxiu.yaml");
    let text = std::fs::read_to_string(&config).unwrap();
    let text = text.replace(
        "form: 示范课}]}",
        "form: 示范课}, {id: demo, label: 骨干教师每学年上示范课1节, kind: observation, per: teacher_school_year, role: 骨干教师, form: 示范课, counts_for: teacher}]}",
    );
    std::fs::write(&config, text).unwrap();
    std::fs::write(
        root.join("2024-2025/听课/刘洋-听李娜示范课.md"),
        "---\ntitle: 听李娜老师的示范课\ndate: 2024-11-05\nauthor: 刘洋\nteacher: 李娜\nform: 示范课\n---\n\n板书清楚，提问有层次。\n",
    )
    .unwrap();
    let a = archive::load(&root, &LoadOptions::default()).unwrap();
    let r = check_on(&a, today());
    // The two 示范课 records that name no 授课教师 are said to count for no one (Y120).
    let mut warned: Vec<&str> = r.diagnostics.iter().map(|d| d.file.as_str()).collect();
    warned.sort();
    assert_eq!(
        warned,
        [
            "2024-2025/听课/刘洋-示范课.md",
            "2024-2025/听课/张伟-示范课.md"
        ],
        "{}",
        all_diags(&r)
    );
    assert!(r.diagnostics.iter().all(|d| d.code.as_str() == "Y120"));
    let s = |n: &str| n.to_string();
    // 李娜 gave the 示范课 刘洋 wrote down → met; 张伟's own record names no 授课教师 → 0.
    assert_eq!(
        per_teacher(&r, "demo", "2024-2025学年"),
        vec![
            (s("张伟"), Status::Unmet, Some(false), 0),
            (s("李娜"), Status::Met, Some(true), 1),
        ]
    );
    let li_na = r
        .findings
        .iter()
        .find(|f| &*f.rule == "demo" && f.teacher.as_ref().is_some_and(|t| &*t.1 == "李娜"))
        .unwrap();
    assert_eq!(
        sources(li_na),
        vec![s("2024-2025/听课/刘洋-听李娜示范课.md")]
    );
    // `mentor` (no counts_for) still counts by author: 刘洋 wrote a 示范课 record but holds no
    // role, 李娜 wrote none of her own.
    assert_eq!(
        per_teacher(&r, "mentor", "2024-2025学年"),
        vec![
            (s("张伟"), Status::Met, Some(true), 1),
            (s("李娜"), Status::Unmet, Some(false), 0),
        ]
    );
}

fn copy_dir(src: &std::path::Path, dst: &std::path::Path) {
    std::fs::create_dir_all(dst).unwrap();
    for e in std::fs::read_dir(src).unwrap() {
        let e = e.unwrap();
        let to = dst.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &to);
        } else {
            std::fs::copy(e.path(), &to).unwrap();
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Case 9: drafts and private records. Fixture `draft-private` (rules: sessions min 2, no reading):
//   反思/张伟-草稿.md   draft: true, form 心得体会 (not an allowed form → Y112, as a warning)
//   反思/李娜-内部.md   private: true, valid
//   活动/2024-10-12-草稿活动.md  draft: true, attendees [张伟], absent [李娜] (→ Y204, as a warning)
//   活动/2024-10-20-集体备课.md  a normal session
// ---------------------------------------------------------------------------------------------

#[test]
fn drafts_do_not_count_and_their_errors_are_warnings() {
    let (a, r) = load_and_check("draft-private");
    let draft_refl = "2024-2025/反思/张伟-草稿.md";
    let draft_sess = "2024-2025/活动/2024-10-12-草稿活动.md";
    let private = "2024-2025/反思/李娜-内部.md";
    assert!(a.documents[idx(&a, draft_refl)].draft);
    assert!(a.documents[idx(&a, draft_sess)].draft);
    assert!(a.documents[idx(&a, private)].private);
    assert!(!a.documents[idx(&a, private)].draft);

    // Drafts are checked; what would be errors are reported as warnings.
    assert_eq!(
        diags_of(&r, draft_refl),
        vec![("Y112".to_string(), Severity::Warning, Some(5))]
    );
    assert_eq!(
        diags_of(&r, draft_sess),
        vec![("Y204".to_string(), Severity::Warning, Some(9))]
    );
    assert_eq!(r.errors(), 0, "{}", all_diags(&r));
    assert_eq!(r.diagnostics.len(), 2, "{}", all_diags(&r));

    // sessions (min 2) in 第一学期: only the normal session counts → 1/2, Unmet.
    let s1 = school_finding(&r, "sessions", SEM1);
    assert_eq!((s1.found, s1.status), (1, Status::Unmet));
    assert_eq!(
        sources(s1),
        vec!["2024-2025/活动/2024-10-20-集体备课.md".to_string()]
    );
    // Reflections in 第一学期: 张伟's only one is a draft → 0, Unmet; 李娜's private one counts.
    let s = |n: &str| n.to_string();
    assert_eq!(per_teacher(&r, "reflection", SEM1), {
        let mut v = vec![
            (s("张伟"), Status::Unmet, Some(false), 0),
            (s("李娜"), Status::Met, Some(true), 1),
        ];
        v.sort_by(|a, b| a.0.cmp(&b.0));
        v
    });
    let ln = r
        .findings
        .iter()
        .find(|f| {
            &*f.rule == "reflection"
                && f.period.to_string() == SEM1
                && f.teacher.as_ref().is_some_and(|t| &*t.1 == "李娜")
        })
        .unwrap();
    assert_eq!(sources(ln), vec![private.to_string()]);
    // No finding anywhere cites a draft.
    for f in &r.findings {
        assert!(
            !f.sources
                .iter()
                .any(|p| &**p == draft_refl || &**p == draft_sess),
            "{f:?}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Case 10: a GB18030 file (bytes written by tests/fixtures/gen_attendance_fixtures.py).
// ---------------------------------------------------------------------------------------------

#[test]
fn gb18030_file_is_decoded_with_a_warning() {
    let (a, r) = load_and_check("encoding");
    let path = "2024-2025/反思/gb18030-读书心得.md";
    // The bytes on disk really are not UTF-8 (the generator guarantees it; guard anyway).
    let bytes = std::fs::read(fixture("encoding").join(path)).unwrap();
    assert!(std::str::from_utf8(&bytes).is_err());

    let doc = &a.documents[idx(&a, path)];
    assert_eq!(doc.title.as_deref(), Some("读《给教师的建议》有感"));
    assert_eq!(
        doc.form.as_ref().map(|f| f.value.as_str()),
        Some("读书心得")
    );
    assert!(
        doc.body()
            .contains("苏霍姆林斯基说，教师要读书、读书、再读书。"),
        "body: {}",
        doc.body()
    );
    // One whole-file warning (line null), nothing else.
    assert_eq!(
        diags_of(&r, path),
        vec![("Y402".to_string(), Severity::Warning, None)]
    );
    assert_eq!(r.diagnostics.len(), 1, "{}", all_diags(&r));
    // Named as Notepad names it, not by the encoding's standard alone (review, session 22).
    assert!(
        r.diagnostics[0]
            .message
            .contains("记事本的“ANSI”编码（gb18030）"),
        "{}",
        all_diags(&r)
    );
    // Decoded, it counts like any record: the author resolves and the 读书心得 meets `reading`.
    let p = &r.people[idx(&a, path)];
    assert_eq!(
        p.author.map(|t| a.roster.get(t).name.clone()).as_deref(),
        Some("王丽")
    );
    assert_eq!(
        per_teacher(&r, "reading", SEM1),
        vec![("王丽".to_string(), Status::Met, Some(true), 1)]
    );
}
