//! The credits ledger (学时/学分, DESIGN.md §4), `yanxiu credits` (§5) and the data files
//! `credits.json`, `credits.csv`, `credits.xlsx` (§6), on the fixture `tests/fixtures/credits/`.
//!
//! Every total below was worked out by hand from the fixture; the arithmetic is written next to
//! the expectation. "Today" is 2026-11-22 throughout, so both school years of the fixture are over.
//!
//! ## The fixture
//! `yanxiu.yaml`: `rules: {annual_min_hours: 10, hours_per_credit: 10,
//! credit: {reflection: 1, research: 2}}` — a reflection grants 1 学时 to its author, a research
//! project 2 学时 to its leader and each member; 学分 = 学时 / 10.
//!
//! `teachers.yaml` (roster order = table order):
//!
//! | id  | name     | group  | roles            | served                 |
//! |-----|----------|--------|------------------|------------------------|
//! | T01 | 张伟     | 语文组 | 班主任           |                        |
//! | T02 | 李娜     | 语文组 | 骨干教师         |                        |
//! | T03 | 刘洋     | 数学组 | 班主任, 骨干教师 |                        |
//! | T04 | 欧阳晓晴 | 数学组 |                  |                        |
//! | T05 | 王芳     | 英语组 |                  |                        |
//! | T06 | 王芳     | 英语组 | 班主任           |                        |
//! | T07 | 赵敏     | 语文组 |                  | joined 2024-10-15      |
//! | T08 | 孙强     | 数学组 |                  | left 2025-03-20        |
//!
//! Records of 2024-2025 (2024-09-01..2025-08-31; 第一学期 ..2025-01-31, 第二学期 2025-02-01..):
//!
//! | tag | file (under 2024-2025/)            | date       | h   | form/domain       | present (earn the hours)                       |
//! |-----|------------------------------------|------------|-----|-------------------|------------------------------------------------|
//! | A   | 活动/2024-09-01-开学全体会          | 2024-09-01 | 1.5 | 主题教研/师德修养 | 全体教师 on 09-01 = T01..T06,T08 (T07 not yet); absent 张伟, leave 王芳(T06) → T02 T03 T04 T05 T08 |
//! | B   | 活动/2024-09-20-专家讲座            | 2024-09-20 | 2.5 | 专家讲座/教师成长 | [数学组, 骨干教师] = {T03,T04,T08} ∪ {T02,T03}; absent 欧阳晓晴 → T02 T03 T08 (T03 once) |
//! | C   | 活动/2024-10-14-语文组集体备课      | 2024-10-14 | 1   | 集体备课/教师成长 | [语文组, 赵敏]: 语文组 on 10-14 = T01 T02; 赵敏 named the day before joining → warning, nothing |
//! | D   | 活动/2024-10-15-观课议课            | 2024-10-15 | 2   | 观课议课/学生成长 | [T05, 王芳(T06), 赵敏] + speaker 刘洋 (not listed, counted present) → T03 T05 T06 T07 |
//! | R1  | 反思/张伟-教学反思                  | 2024-11-05 | 1   | 反思日记/教师成长 | author 张伟 → T01 (rules.credit.reflection) |
//! | K1  | 课题/分层作业设计                   | 2024-12-01 | 2   | —/学生成长        | leader 刘洋, members 王芳(T06), 孙强 → T03 T06 T08 (rules.credit.research) |
//! | E   | 活动/2025-01-31-期末小组研讨 (private) | 2025-01-31 | 1.5 | 小组研讨/学校发展 | 全体教师 = T01..T08; leave 刘洋 → T01 T02 T04 T05 T06 T07 T08 (第一学期) |
//! | F   | 活动/2025-02-01-开学主题教研        | 2025-02-01 | 2   | 主题教研/师德修养 | 全体教师 = T01..T08; absent 赵敏 → T01..T06 T08 (第二学期) |
//! | G   | 活动/2025-03-10-草稿活动 (draft)    | 2025-03-10 | 3   |                   | draft → nobody |
//! | H1  | 活动/2025-03-20-数学组课题指导      | 2025-03-20 | 1   | 课题指导/学校发展 | 数学组 on 孙强's last day (inclusive) → T03 T04 T08 |
//! | H2  | 活动/2025-03-21-网络研修            | 2025-03-21 | 0.5 | 网络研修/教师成长 | [全体教师, 孙强]: T01..T07; 孙强 left the day before → warning, nothing |
//! | R2  | 反思/王芳-读书心得 (author `T05`)   | 2025-04-10 | 1   | 读书心得/教师成长 | T05 |
//! | R3  | 反思/李娜-草稿 (draft)              | 2025-05-06 | 1   |                   | draft → nobody |
//! | I   | 活动/2025-08-31-暑期工作坊          | 2025-08-31 | 3   | 工作坊/学生成长   | [英语组, 班主任] = {T05,T06} ∪ {T01,T03,T06} → T01 T03 T05 T06 (T06 once) |
//!
//! Records of 2025-2026 (孙强 has left: not listed; 赵敏 serves the whole year: not partial):
//!
//! | tag | file (under 2025-2026/)            | date       | h   | form/domain         | present |
//! |-----|------------------------------------|------------|-----|---------------------|---------|
//! | L   | 活动/2025-09-01-新学年集体备课      | 2025-09-01 | 2   | 集体备课/教师成长   | 全体教师 = T01..T07; absent 王芳(T05) → T01 T02 T03 T04 T06 T07 |
//! | N   | 反思/赵敏-教育叙事                  | 2025-10-20 | 1   | 教育叙事/学生成长   | T07 |
//! | M   | 活动/2026-03-05-同课异构            | 2026-03-05 | 2.5 | 同课异构/学生成长   | 语文组 = T01 T02 T07 |
//! | O   | 活动/2026-08-31-名师工作室          | 2026-08-31 | 8   | 名师工作室/学校发展 | [刘洋, 欧阳晓晴] (speaker 刘洋 listed too, once) → T03 T04 |

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use calamine::{Data, Reader, Xlsx};
use chrono::NaiveDate;
use serde_json::Value;
use yanxiu::archive::{self, Archive, LoadOptions};
use yanxiu::check::{self, CheckOptions, Report};
use yanxiu::credits::{Basis, Ledger, TeacherYear};
use yanxiu::dates::{SchoolYear, Semester};
use yanxiu::diagnostic::Severity;
use yanxiu::kind::Kind;
use yanxiu::roster::TeacherIdx;

// ---------------------------------------------------------------------------------------------
// Record paths
// ---------------------------------------------------------------------------------------------

const A: &str = "2024-2025/活动/2024-09-01-开学全体会.md";
const B: &str = "2024-2025/活动/2024-09-20-专家讲座.md";
const C: &str = "2024-2025/活动/2024-10-14-语文组集体备课.md";
const D: &str = "2024-2025/活动/2024-10-15-观课议课.md";
const R1: &str = "2024-2025/反思/张伟-教学反思.md";
const K1: &str = "2024-2025/课题/分层作业设计.md";
const E: &str = "2024-2025/活动/2025-01-31-期末小组研讨.md";
const F: &str = "2024-2025/活动/2025-02-01-开学主题教研.md";
const G_DRAFT: &str = "2024-2025/活动/2025-03-10-草稿活动.md";
const H1: &str = "2024-2025/活动/2025-03-20-数学组课题指导.md";
const H2: &str = "2024-2025/活动/2025-03-21-网络研修.md";
const R2: &str = "2024-2025/反思/王芳-读书心得.md";
const R3_DRAFT: &str = "2024-2025/反思/李娜-草稿.md";
const I: &str = "2024-2025/活动/2025-08-31-暑期工作坊.md";
const L: &str = "2025-2026/活动/2025-09-01-新学年集体备课.md";
const N: &str = "2025-2026/反思/赵敏-教育叙事.md";
const M: &str = "2025-2026/活动/2026-03-05-同课异构.md";
const O: &str = "2025-2026/活动/2026-08-31-名师工作室.md";

const Y1: &str = "2024-2025";
const Y2: &str = "2025-2026";

/// Total number of ledger entries: 47 in 2024-2025 (6+6+8+5+7+6+3+6) and 12 in 2025-2026
/// (2+2+2+2+0+1+3), one per (teacher, record).
const ENTRY_COUNT: usize = 59;

// ---------------------------------------------------------------------------------------------
// Expected totals
// ---------------------------------------------------------------------------------------------

/// One teacher's expected totals in one school year.
struct Exp {
    year: &'static str,
    id: &'static str,
    name: &'static str,
    group: &'static str,
    hours: f64,
    /// 第一学期, 第二学期.
    semesters: (f64, f64),
    meets: Option<bool>,
    partial: bool,
    domains: &'static [(&'static str, f64)],
    forms: &'static [(&'static str, f64)],
    /// Entries in date order.
    sources: &'static [&'static str],
}

fn expected() -> Vec<Exp> {
    vec![
        // ---- 2024-2025 ----
        // 张伟: C 1 + R1 1 + E 1.5 = 3.5 (第一学期); F 2 + H2 0.5 + I 3 = 5.5 (第二学期);
        // 9 < 10 → not met. A: absent, no hours.
        Exp {
            year: Y1,
            id: "T01",
            name: "张伟",
            group: "语文组",
            hours: 9.0,
            semesters: (3.5, 5.5),
            meets: Some(false),
            partial: false,
            // 教师成长 C 1 + R1 1 + H2 0.5 = 2.5; 学校发展 E 1.5; 师德修养 F 2; 学生成长 I 3.
            domains: &[
                ("教师成长", 2.5),
                ("学校发展", 1.5),
                ("师德修养", 2.0),
                ("学生成长", 3.0),
            ],
            forms: &[
                ("集体备课", 1.0),
                ("反思日记", 1.0),
                ("小组研讨", 1.5),
                ("主题教研", 2.0),
                ("网络研修", 0.5),
                ("工作坊", 3.0),
            ],
            sources: &[C, R1, E, F, H2, I],
        },
        // 李娜: A 1.5 + B 2.5 + C 1 + E 1.5 = 6.5; F 2 + H2 0.5 = 2.5; 9 → not met.
        // Her draft reflection R3 gives nothing.
        Exp {
            year: Y1,
            id: "T02",
            name: "李娜",
            group: "语文组",
            hours: 9.0,
            semesters: (6.5, 2.5),
            meets: Some(false),
            partial: false,
            // 师德修养 A 1.5 + F 2 = 3.5; 教师成长 B 2.5 + C 1 + H2 0.5 = 4; 学校发展 E 1.5.
            domains: &[("师德修养", 3.5), ("教师成长", 4.0), ("学校发展", 1.5)],
            forms: &[
                ("主题教研", 3.5),
                ("专家讲座", 2.5),
                ("集体备课", 1.0),
                ("小组研讨", 1.5),
                ("网络研修", 0.5),
            ],
            sources: &[A, B, C, E, F, H2],
        },
        // 刘洋 (数学组 and 骨干教师 and 班主任, counted once each time):
        // A 1.5 + B 2.5 + D 2 (speaker) + K1 2 (leader) = 8; E: leave, nothing;
        // F 2 + H1 1 + H2 0.5 + I 3 = 6.5; 14.5 ≥ 10 → met.
        Exp {
            year: Y1,
            id: "T03",
            name: "刘洋",
            group: "数学组",
            hours: 14.5,
            semesters: (8.0, 6.5),
            meets: Some(true),
            partial: false,
            // 师德修养 A 1.5 + F 2 = 3.5; 教师成长 B 2.5 + H2 0.5 = 3;
            // 学生成长 D 2 + K1 2 + I 3 = 7; 学校发展 H1 1.  3.5 + 3 + 7 + 1 = 14.5.
            domains: &[
                ("师德修养", 3.5),
                ("教师成长", 3.0),
                ("学生成长", 7.0),
                ("学校发展", 1.0),
            ],
            // The research project has no form: it is totalled under its kind, 课题, so that
            // the forms too add up to 14.5.
            forms: &[
                ("主题教研", 3.5),
                ("专家讲座", 2.5),
                ("观课议课", 2.0),
                ("课题指导", 1.0),
                ("网络研修", 0.5),
                ("工作坊", 3.0),
                ("课题", 2.0),
            ],
            sources: &[A, B, D, K1, F, H1, H2, I],
        },
        // 欧阳晓晴: A 1.5 + E 1.5 = 3 (B: absent); F 2 + H1 1 + H2 0.5 = 3.5; 6.5 → not met.
        Exp {
            year: Y1,
            id: "T04",
            name: "欧阳晓晴",
            group: "数学组",
            hours: 6.5,
            semesters: (3.0, 3.5),
            meets: Some(false),
            partial: false,
            // 师德修养 A 1.5 + F 2 = 3.5; 学校发展 E 1.5 + H1 1 = 2.5; 教师成长 H2 0.5.
            domains: &[("师德修养", 3.5), ("学校发展", 2.5), ("教师成长", 0.5)],
            forms: &[
                ("主题教研", 3.5),
                ("小组研讨", 1.5),
                ("课题指导", 1.0),
                ("网络研修", 0.5),
            ],
            sources: &[A, E, F, H1, H2],
        },
        // 王芳(T05): A 1.5 + D 2 (as `T05`) + E 1.5 = 5; F 2 + H2 0.5 + R2 1 (author `T05`) + I 3
        // = 6.5; 11.5 → met.
        Exp {
            year: Y1,
            id: "T05",
            name: "王芳",
            group: "英语组",
            hours: 11.5,
            semesters: (5.0, 6.5),
            meets: Some(true),
            partial: false,
            // 师德修养 A 1.5 + F 2 = 3.5; 学生成长 D 2 + I 3 = 5; 学校发展 E 1.5;
            // 教师成长 H2 0.5 + R2 1 = 1.5.
            domains: &[
                ("师德修养", 3.5),
                ("学生成长", 5.0),
                ("学校发展", 1.5),
                ("教师成长", 1.5),
            ],
            forms: &[
                ("主题教研", 3.5),
                ("观课议课", 2.0),
                ("小组研讨", 1.5),
                ("网络研修", 0.5),
                ("读书心得", 1.0),
                ("工作坊", 3.0),
            ],
            sources: &[A, D, E, F, H2, R2, I],
        },
        // 王芳(T06): A: leave, nothing; D 2 (as `王芳(T06)`) + K1 2 (member) + E 1.5 = 5.5;
        // F 2 + H2 0.5 + I 3 (英语组 and 班主任, once) = 5.5; 11 → met.
        Exp {
            year: Y1,
            id: "T06",
            name: "王芳",
            group: "英语组",
            hours: 11.0,
            semesters: (5.5, 5.5),
            meets: Some(true),
            partial: false,
            // 学生成长 D 2 + K1 2 + I 3 = 7; 学校发展 E 1.5; 师德修养 F 2; 教师成长 H2 0.5.
            domains: &[
                ("学生成长", 7.0),
                ("学校发展", 1.5),
                ("师德修养", 2.0),
                ("教师成长", 0.5),
            ],
            forms: &[
                ("观课议课", 2.0),
                ("小组研讨", 1.5),
                ("主题教研", 2.0),
                ("网络研修", 0.5),
                ("工作坊", 3.0),
                ("课题", 2.0),
            ],
            sources: &[D, K1, E, F, H2, I],
        },
        // 赵敏 joined 2024-10-15: A, B (全体/groups before joining) and C (named the day before)
        // give nothing; D 2 (joining day, inclusive) + E 1.5 = 3.5; F: absent; H2 0.5;
        // 4 hours, partial year → meets_minimum null.
        Exp {
            year: Y1,
            id: "T07",
            name: "赵敏",
            group: "语文组",
            hours: 4.0,
            semesters: (3.5, 0.5),
            meets: None,
            partial: true,
            domains: &[("学生成长", 2.0), ("学校发展", 1.5), ("教师成长", 0.5)],
            forms: &[("观课议课", 2.0), ("小组研讨", 1.5), ("网络研修", 0.5)],
            sources: &[D, E, H2],
        },
        // 孙强 left 2025-03-20: A 1.5 + B 2.5 + K1 2 (member) + E 1.5 = 7.5;
        // F 2 + H1 1 (his last day, inclusive) = 3; H2 (named the day after leaving) and I give
        // nothing. 10.5 ≥ 10 but partial year → meets_minimum null all the same.
        Exp {
            year: Y1,
            id: "T08",
            name: "孙强",
            group: "数学组",
            hours: 10.5,
            semesters: (7.5, 3.0),
            meets: None,
            partial: true,
            // 师德修养 A 1.5 + F 2 = 3.5; 教师成长 B 2.5; 学生成长 K1 2; 学校发展 E 1.5 + H1 1 = 2.5.
            domains: &[
                ("师德修养", 3.5),
                ("教师成长", 2.5),
                ("学生成长", 2.0),
                ("学校发展", 2.5),
            ],
            forms: &[
                ("主题教研", 3.5),
                ("专家讲座", 2.5),
                ("小组研讨", 1.5),
                ("课题指导", 1.0),
                ("课题", 2.0),
            ],
            sources: &[A, B, K1, E, F, H1],
        },
        // ---- 2025-2026 ----
        // 张伟: L 2; M 2.5 → 4.5, not met.
        Exp {
            year: Y2,
            id: "T01",
            name: "张伟",
            group: "语文组",
            hours: 4.5,
            semesters: (2.0, 2.5),
            meets: Some(false),
            partial: false,
            domains: &[("教师成长", 2.0), ("学生成长", 2.5)],
            forms: &[("集体备课", 2.0), ("同课异构", 2.5)],
            sources: &[L, M],
        },
        // 李娜: L 2 (also the speaker, counted once); M 2.5 → 4.5.
        Exp {
            year: Y2,
            id: "T02",
            name: "李娜",
            group: "语文组",
            hours: 4.5,
            semesters: (2.0, 2.5),
            meets: Some(false),
            partial: false,
            domains: &[("教师成长", 2.0), ("学生成长", 2.5)],
            forms: &[("集体备课", 2.0), ("同课异构", 2.5)],
            sources: &[L, M],
        },
        // 刘洋: L 2; O 8 on 2026-08-31, the year's last day → 10 = the minimum → met.
        Exp {
            year: Y2,
            id: "T03",
            name: "刘洋",
            group: "数学组",
            hours: 10.0,
            semesters: (2.0, 8.0),
            meets: Some(true),
            partial: false,
            domains: &[("教师成长", 2.0), ("学校发展", 8.0)],
            forms: &[("集体备课", 2.0), ("名师工作室", 8.0)],
            sources: &[L, O],
        },
        // 欧阳晓晴: L 2; O 8 → 10 → met.
        Exp {
            year: Y2,
            id: "T04",
            name: "欧阳晓晴",
            group: "数学组",
            hours: 10.0,
            semesters: (2.0, 8.0),
            meets: Some(true),
            partial: false,
            domains: &[("教师成长", 2.0), ("学校发展", 8.0)],
            forms: &[("集体备课", 2.0), ("名师工作室", 8.0)],
            sources: &[L, O],
        },
        // 王芳(T05): absent from L (written `王芳(T05)`), nothing else → 0, still listed, not met.
        Exp {
            year: Y2,
            id: "T05",
            name: "王芳",
            group: "英语组",
            hours: 0.0,
            semesters: (0.0, 0.0),
            meets: Some(false),
            partial: false,
            domains: &[],
            forms: &[],
            sources: &[],
        },
        // 王芳(T06): L 2 → 2.
        Exp {
            year: Y2,
            id: "T06",
            name: "王芳",
            group: "英语组",
            hours: 2.0,
            semesters: (2.0, 0.0),
            meets: Some(false),
            partial: false,
            domains: &[("教师成长", 2.0)],
            forms: &[("集体备课", 2.0)],
            sources: &[L],
        },
        // 赵敏 (joined 2024-10-15, before this year began: a full year): L 2 + N 1 = 3; M 2.5
        // → 5.5, not met.
        Exp {
            year: Y2,
            id: "T07",
            name: "赵敏",
            group: "语文组",
            hours: 5.5,
            semesters: (3.0, 2.5),
            meets: Some(false),
            partial: false,
            // 教师成长 L 2; 学生成长 N 1 + M 2.5 = 3.5.
            domains: &[("教师成长", 2.0), ("学生成长", 3.5)],
            forms: &[("集体备课", 2.0), ("教育叙事", 1.0), ("同课异构", 2.5)],
            sources: &[L, N, M],
        },
    ]
}

/// Roster order of the teachers listed in each year.
fn expected_ids(year: &str) -> Vec<&'static str> {
    match year {
        Y1 => vec!["T01", "T02", "T03", "T04", "T05", "T06", "T07", "T08"],
        // 孙强 (T08) left on 2025-03-20, before 2025-2026 began.
        Y2 => vec!["T01", "T02", "T03", "T04", "T05", "T06", "T07"],
        _ => unreachable!(),
    }
}

/// The kind of each record, as `credits.json` spells it.
fn kind_of(path: &str) -> &'static str {
    if path.contains("/反思/") {
        "reflection"
    } else if path.contains("/课题/") {
        "research"
    } else {
        "session"
    }
}

/// The hours one entry of each record grants.
fn hours_of(path: &str) -> f64 {
    match path {
        A | E => 1.5,
        B | M => 2.5,
        C | H1 => 1.0,
        D | F | L => 2.0,
        H2 => 0.5,
        I => 3.0,
        O => 8.0,
        // rules.credit: reflection 1, research 2.
        R1 | R2 | N => 1.0,
        K1 => 2.0,
        other => panic!("no record {other} should be credited"),
    }
}

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

fn dir() -> PathBuf {
    common::fixture("credits")
}

struct Setup {
    archive: Archive,
    report: Report,
    ledger: Ledger,
}

fn setup() -> Setup {
    let archive = archive::load(&dir(), &LoadOptions::default())
        .unwrap_or_else(|e| panic!("fixture credits must load: {e:?}"));
    let report = check::run(&archive, &CheckOptions { today: today() });
    let ledger = Ledger::compute(&archive, &report, today());
    Setup {
        archive,
        report,
        ledger,
    }
}

fn teacher(s: &Setup, id: &str) -> TeacherIdx {
    s.archive
        .roster
        .indices()
        .find(|&t| s.archive.roster.get(t).id.as_deref() == Some(id))
        .unwrap_or_else(|| panic!("no teacher {id} in the roster"))
}

fn year<'a>(s: &'a Setup, y: &str) -> &'a yanxiu::credits::YearLedger {
    let sy = SchoolYear::parse(y).unwrap();
    s.ledger
        .year(sy)
        .unwrap_or_else(|| panic!("the ledger has no year {y}"))
}

fn teacher_year<'a>(s: &'a Setup, y: &str, id: &str) -> &'a TeacherYear {
    let t = teacher(s, id);
    year(s, y)
        .teachers
        .iter()
        .find(|ty| ty.teacher == t)
        .unwrap_or_else(|| panic!("{id} is not listed in {y}"))
}

fn map_of(pairs: &[(&str, f64)]) -> BTreeMap<String, f64> {
    pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

/// Display width as a terminal shows it: CJK ideographs and full-width forms take two columns.
fn display_width(s: &str) -> usize {
    s.chars()
        .map(|c| {
            let u = c as u32;
            let wide = (0x1100..=0x115F).contains(&u)
                || (0x2E80..=0xA4CF).contains(&u)
                || (0xAC00..=0xD7A3).contains(&u)
                || (0xF900..=0xFAFF).contains(&u)
                || (0xFE30..=0xFE4F).contains(&u)
                || (0xFF00..=0xFF60).contains(&u)
                || (0xFFE0..=0xFFE6).contains(&u);
            if wide { 2 } else { 1 }
        })
        .sum()
}

fn run_bytes(args: &[&std::ffi::OsStr]) -> std::process::Output {
    common::yanxiu()
        .args(args)
        .output()
        .expect("yanxiu can be started")
}

fn os(s: &str) -> &std::ffi::OsStr {
    std::ffi::OsStr::new(s)
}

/// Runs `yanxiu build DIR -o OUT` and returns OUT's credits.json bytes.
fn build_into(out: &Path) -> std::process::Output {
    run_bytes(&[os("build"), dir().as_os_str(), os("-o"), out.as_os_str()])
}

fn credits_json_stdout(extra: &[&str]) -> Vec<u8> {
    let d = dir();
    let mut args = vec![os("credits"), d.as_os_str(), os("--format"), os("json")];
    args.extend(extra.iter().map(|s| os(s)));
    let out = run_bytes(&args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "credits --format json failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

fn obj<'a>(v: &'a Value, what: &str) -> &'a serde_json::Map<String, Value> {
    v.as_object()
        .unwrap_or_else(|| panic!("{what} must be a JSON object, got {v}"))
}

fn has_keys(v: &Value, keys: &[&str], what: &str) {
    let o = obj(v, what);
    for k in keys {
        assert!(
            o.contains_key(*k),
            "{what} lacks the contract field `{k}`: {v}"
        );
    }
}

fn num(v: &Value, what: &str) -> f64 {
    v.as_f64()
        .unwrap_or_else(|| panic!("{what} must be a number, got {v}"))
}

fn json_map(v: &Value, what: &str) -> BTreeMap<String, f64> {
    obj(v, what)
        .iter()
        .map(|(k, x)| (k.clone(), num(x, what)))
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Library: the ledger
// ---------------------------------------------------------------------------------------------

#[test]
fn fixture_has_no_errors_and_warns_about_the_two_inactive_people() {
    let s = setup();
    let errors: Vec<String> = s
        .report
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| format!("{} {:?} {}", d.file, d.code, d.message))
        .collect();
    assert!(errors.is_empty(), "the fixture must be clean: {errors:#?}");
    // 赵敏 named on C (the day before joining) and 孙强 on H2 (the day after leaving): warnings,
    // no credit (DESIGN §7 "named person not active on the record's date").
    let warned: BTreeSet<&str> = s
        .report
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .map(|d| d.file.as_str())
        .collect();
    assert_eq!(
        warned,
        BTreeSet::from([C, H2]),
        "{:#?}",
        s.report.diagnostics
    );
}

#[test]
fn years_list_every_teacher_active_in_them_in_roster_order() {
    let s = setup();
    let years: Vec<String> = s
        .ledger
        .years
        .iter()
        .map(|y| y.school_year.to_string())
        .collect();
    assert_eq!(years, vec![Y1, Y2]);
    for y in [Y1, Y2] {
        let yl = year(&s, y);
        assert!(!yl.in_progress, "{y} ended before 2026-11-22");
        let ids: Vec<&str> = yl
            .teachers
            .iter()
            .map(|t| s.archive.roster.get(t.teacher).id.as_deref().unwrap())
            .collect();
        assert_eq!(ids, expected_ids(y), "teachers listed in {y}");
    }
    assert_eq!(s.ledger.min_hours.as_f64(), 10.0);
    assert_eq!(s.ledger.hours_per_credit, Some(10.0));
}

#[test]
fn totals_per_teacher_per_year_match_the_hand_computation() {
    let s = setup();
    for e in expected() {
        let who = format!("{} {}({})", e.year, e.name, e.id);
        let t = teacher_year(&s, e.year, e.id);
        assert_eq!(t.hours.as_f64(), e.hours, "{who}: hours");
        // by_semester: both keys always present.
        let sem: Vec<(Semester, f64)> = Semester::BOTH
            .iter()
            .map(|&k| (k, t.semester_hours(k).as_f64()))
            .collect();
        assert_eq!(
            sem,
            vec![
                (Semester::First, e.semesters.0),
                (Semester::Second, e.semesters.1)
            ],
            "{who}: by_semester"
        );
        assert_eq!(
            e.semesters.0 + e.semesters.1,
            e.hours,
            "{who}: the expectation itself is inconsistent"
        );
        let domains: BTreeMap<String, f64> = t
            .by_domain
            .iter()
            .map(|(k, v)| (k.to_string(), v.as_f64()))
            .collect();
        assert_eq!(domains, map_of(e.domains), "{who}: by_domain");
        // Every credited record of the fixture has a domain, so domains add up to the total.
        assert_eq!(domains.values().sum::<f64>(), e.hours, "{who}: Σ by_domain");
        let forms: BTreeMap<String, f64> = t
            .by_form
            .iter()
            .map(|(k, v)| (k.to_string(), v.as_f64()))
            .collect();
        assert_eq!(forms, map_of(e.forms), "{who}: by_form");
        assert_eq!(forms.values().sum::<f64>(), e.hours, "{who}: Σ by_form");
        assert_eq!(t.meets_minimum, e.meets, "{who}: meets_minimum");
        assert_eq!(t.partial_year, e.partial, "{who}: partial_year");

        // Entries: count, records (in date order), and the total is their sum.
        assert_eq!(t.entries.len(), e.sources.len(), "{who}: number of entries");
        let sources: Vec<&str> = s
            .ledger
            .entries_of(t)
            .iter()
            .map(|e| s.archive.documents[e.doc].path.as_str())
            .collect();
        assert_eq!(sources, e.sources, "{who}: entry sources");
        let mut sum = 0.0;
        for entry in s.ledger.entries_of(t) {
            let path = &s.archive.documents[entry.doc].path;
            assert_eq!(
                entry.teacher, t.teacher,
                "{who}: entry {path} of another teacher"
            );
            assert_eq!(
                entry.school_year.to_string(),
                e.year,
                "{who}: entry {path} year"
            );
            assert_eq!(
                entry.hours.as_f64(),
                hours_of(path),
                "{who}: entry {path} hours"
            );
            assert_eq!(
                entry.kind.as_str(),
                kind_of(path),
                "{who}: entry {path} kind"
            );
            sum += entry.hours.as_f64();
        }
        assert_eq!(sum, t.hours.as_f64(), "{who}: total = Σ entries");
        // 学分 = 学时 / 10, to two decimals.
        let credits = s.ledger.credits(t.hours).expect("hours_per_credit is set");
        assert!(close(credits, e.hours / 10.0), "{who}: credits {credits}");
    }
    // Every teacher-year is covered by the expectations, and the ledger holds nothing else.
    let listed: usize = s.ledger.years.iter().map(|y| y.teachers.len()).sum();
    assert_eq!(listed, expected().len());
    assert_eq!(s.ledger.entries.len(), ENTRY_COUNT);
    let per_year: usize = s
        .ledger
        .years
        .iter()
        .flat_map(|y| &y.teachers)
        .map(|t| t.entries.len())
        .sum();
    assert_eq!(
        per_year, ENTRY_COUNT,
        "every entry belongs to one teacher-year"
    );
}

#[test]
fn semester_and_school_year_boundaries() {
    let s = setup();
    let entry_of = |path: &str| {
        s.ledger
            .entries
            .iter()
            .find(|e| s.archive.documents[e.doc].path == path)
            .unwrap_or_else(|| panic!("no entry for {path}"))
    };
    // Jan 31 / Feb 1 split the semesters; Aug 31 / Sep 1 split the school years.
    let cases = [
        (A, Y1, Semester::First),  // 2024-09-01, first day of 2024-2025
        (E, Y1, Semester::First),  // 2025-01-31
        (F, Y1, Semester::Second), // 2025-02-01
        (I, Y1, Semester::Second), // 2025-08-31
        (L, Y2, Semester::First),  // 2025-09-01
        (O, Y2, Semester::Second), // 2026-08-31, last day of 2025-2026
    ];
    for (path, y, sem) in cases {
        let e = entry_of(path);
        assert_eq!(e.school_year.to_string(), y, "{path}: school year");
        assert_eq!(e.semester, Some(sem), "{path}: semester");
    }
}

#[test]
fn drafts_are_left_out_and_private_records_counted() {
    let s = setup();
    let credited: BTreeSet<&str> = s
        .ledger
        .entries
        .iter()
        .map(|e| s.archive.documents[e.doc].path.as_str())
        .collect();
    assert!(
        !credited.contains(G_DRAFT),
        "a draft session grants nothing"
    );
    assert!(
        !credited.contains(R3_DRAFT),
        "a draft reflection grants nothing"
    );
    // E is private: counted for T01 T02 T04 T05 T06 T07 T08 (刘洋 on leave).
    let doc = &s.archive.documents[s.archive.index_of(E).unwrap()];
    assert!(doc.private, "E is marked private in the fixture");
    let mut got: Vec<&str> = s
        .ledger
        .entries
        .iter()
        .filter(|e| s.archive.documents[e.doc].path == E)
        .map(|e| s.archive.roster.get(e.teacher).id.as_deref().unwrap())
        .collect();
    got.sort();
    assert_eq!(got, vec!["T01", "T02", "T04", "T05", "T06", "T07", "T08"]);
}

#[test]
fn absent_and_leave_earn_nothing_and_are_reported() {
    let s = setup();
    let ix = |p: &str| s.archive.index_of(p).unwrap();
    let credited = |path: &str, id: &str| {
        let t = teacher(&s, id);
        s.ledger
            .entries
            .iter()
            .any(|e| e.teacher == t && s.archive.documents[e.doc].path == path)
    };
    // (record, teacher, how) — each one neither earns the hours nor goes unreported.
    let missed = [
        (A, "T01", "absent"),
        (A, "T06", "leave"),
        (B, "T04", "absent"),
        (E, "T03", "leave"),
        (F, "T07", "absent"),
        (L, "T05", "absent"),
    ];
    for (path, id, how) in missed {
        assert!(!credited(path, id), "{id} is {how} at {path}: no hours");
        let att = Ledger::attendance(&s.archive, &s.report, teacher(&s, id));
        let list = if how == "absent" {
            &att.absent
        } else {
            &att.leave
        };
        assert!(
            list.contains(&ix(path)),
            "{id} reported as {how} at {path}: {att:?}"
        );
        assert!(!att.attended.contains(&ix(path)));
    }
    // 刘洋 was 主讲人 of D without being among its attendees: counted present.
    let att = Ledger::attendance(&s.archive, &s.report, teacher(&s, "T03"));
    assert!(att.attended.contains(&ix(D)));
    // A draft session is left out of attendance as it is of credits (DESIGN §2).
    let draft = ix("2024-2025/活动/2025-03-10-草稿活动.md");
    for t in s.archive.roster.indices() {
        let att = Ledger::attendance(&s.archive, &s.report, t);
        assert!(
            !att.attended.contains(&draft)
                && !att.absent.contains(&draft)
                && !att.leave.contains(&draft)
        );
    }
}

#[test]
fn overlapping_groups_and_roles_count_a_teacher_once() {
    let s = setup();
    // B: 数学组 ∪ 骨干教师 both hold 刘洋; I: 英语组 ∪ 班主任 both hold 王芳(T06);
    // O: 刘洋 listed and the speaker. One entry per (teacher, record).
    let mut seen = BTreeSet::new();
    for e in &s.ledger.entries {
        assert!(
            seen.insert((e.teacher, e.doc)),
            "two entries for {} on {}",
            s.archive.roster.display(e.teacher),
            s.archive.documents[e.doc].path
        );
    }
    let present = |path: &str| -> Vec<String> {
        let mut v: Vec<String> = s
            .ledger
            .entries
            .iter()
            .filter(|e| s.archive.documents[e.doc].path == path)
            .map(|e| s.archive.roster.display(e.teacher))
            .collect();
        v.sort();
        v
    };
    let sorted = |v: &[&str]| {
        let mut v: Vec<String> = v.iter().map(|s| s.to_string()).collect();
        v.sort();
        v
    };
    assert_eq!(present(B), sorted(&["李娜", "刘洋", "孙强"]));
    assert_eq!(
        present(I),
        sorted(&["张伟", "刘洋", "王芳(T05)", "王芳(T06)"])
    );
    assert_eq!(present(O), sorted(&["刘洋", "欧阳晓晴"]));
    // D names namesakes by id: `T05` and `王芳(T06)`.
    assert_eq!(
        present(D),
        sorted(&["刘洋", "王芳(T05)", "王芳(T06)", "赵敏"])
    );
}

#[test]
fn reflections_and_research_are_credited_through_rules_credit() {
    let s = setup();
    let mut got: Vec<(String, String, f64, Basis)> = s
        .ledger
        .entries
        .iter()
        .filter(|e| e.kind != Kind::Session)
        .map(|e| {
            (
                s.archive.documents[e.doc].path.clone(),
                s.archive.roster.get(e.teacher).id.clone().unwrap(),
                e.hours.as_f64(),
                e.basis,
            )
        })
        .collect();
    got.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
    let mut want = vec![
        (R1.to_string(), "T01".to_string(), 1.0, Basis::Authored),
        (R2.to_string(), "T05".to_string(), 1.0, Basis::Authored),
        (N.to_string(), "T07".to_string(), 1.0, Basis::Authored),
        (K1.to_string(), "T03".to_string(), 2.0, Basis::Research),
        (K1.to_string(), "T06".to_string(), 2.0, Basis::Research),
        (K1.to_string(), "T08".to_string(), 2.0, Basis::Research),
    ];
    want.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
    assert_eq!(got, want);
}

// ---------------------------------------------------------------------------------------------
// CLI and data files
// ---------------------------------------------------------------------------------------------

#[test]
fn credits_json_equals_the_built_file_and_has_the_contract_fields() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let built = build_into(&out);
    assert_eq!(
        built.status.code(),
        Some(0),
        "build failed: {}",
        String::from_utf8_lossy(&built.stderr)
    );
    let file = fs::read(out.join("data/credits.json")).expect("build writes data/credits.json");
    let printed = credits_json_stdout(&[]);
    assert!(
        printed == file,
        "`credits --format json` differs from data/credits.json:\n--- stdout ---\n{}\n--- file ---\n{}",
        String::from_utf8_lossy(&printed),
        String::from_utf8_lossy(&file)
    );

    let v: Value = serde_json::from_slice(&file).expect("credits.json is JSON");
    has_keys(
        &v,
        &["school", "annual_min_hours", "hours_per_credit", "years"],
        "credits.json",
    );
    assert_eq!(v["school"], "学时测试中学");
    assert_eq!(num(&v["annual_min_hours"], "annual_min_hours"), 10.0);
    assert_eq!(num(&v["hours_per_credit"], "hours_per_credit"), 10.0);
    let years = v["years"].as_array().expect("years is an array");
    let names: Vec<&str> = years
        .iter()
        .map(|y| y["school_year"].as_str().expect("school_year is a string"))
        .collect();
    assert_eq!(names, vec![Y1, Y2]);

    let exp = expected();
    let mut entry_total = 0;
    for y in years {
        has_keys(y, &["school_year", "teachers"], "years[]");
        let yname = y["school_year"].as_str().unwrap();
        let teachers = y["teachers"].as_array().expect("teachers is an array");
        let ids: Vec<&str> = teachers
            .iter()
            .map(|t| t["id"].as_str().expect("every fixture teacher has an id"))
            .collect();
        assert_eq!(ids, expected_ids(yname), "{yname}: teachers, roster order");
        for t in teachers {
            has_keys(
                t,
                &[
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
                ],
                "years[].teachers[]",
            );
            let id = t["id"].as_str().unwrap();
            let e = exp.iter().find(|e| e.year == yname && e.id == id).unwrap();
            let who = format!("credits.json {yname} {}({id})", e.name);
            assert_eq!(t["name"], e.name, "{who}: name");
            assert_eq!(t["group"], e.group, "{who}: group");
            assert_eq!(num(&t["hours"], "hours"), e.hours, "{who}: hours");
            assert!(
                close(num(&t["credits"], "credits"), e.hours / 10.0),
                "{who}: credits {}",
                t["credits"]
            );
            let sem = json_map(&t["by_semester"], "by_semester");
            assert_eq!(
                sem,
                map_of(&[("第一学期", e.semesters.0), ("第二学期", e.semesters.1)]),
                "{who}: by_semester"
            );
            assert_eq!(
                json_map(&t["by_domain"], "by_domain"),
                map_of(e.domains),
                "{who}"
            );
            assert_eq!(json_map(&t["by_form"], "by_form"), map_of(e.forms), "{who}");
            let meets = match &t["meets_minimum"] {
                Value::Null => None,
                Value::Bool(b) => Some(*b),
                other => panic!("{who}: meets_minimum must be a bool or null, got {other}"),
            };
            assert_eq!(meets, e.meets, "{who}: meets_minimum");
            assert_eq!(
                t["partial_year"],
                Value::Bool(e.partial),
                "{who}: partial_year"
            );
            let entries = t["entries"].as_array().expect("entries is an array");
            let mut sum = 0.0;
            let mut sources = Vec::new();
            for en in entries {
                has_keys(en, &["source", "kind", "hours"], "entries[]");
                let src = en["source"].as_str().expect("source is a string");
                assert_eq!(en["kind"], kind_of(src), "{who}: kind of {src}");
                let h = num(&en["hours"], "entry hours");
                assert_eq!(h, hours_of(src), "{who}: hours of {src}");
                assert!(
                    dir().join(src).is_file(),
                    "{who}: source {src} is a path relative to the archive"
                );
                sum += h;
                sources.push(src);
            }
            assert_eq!(sources, e.sources, "{who}: entry sources");
            assert_eq!(sum, e.hours, "{who}: total = Σ entries");
            entry_total += entries.len();
        }
    }
    assert_eq!(entry_total, ENTRY_COUNT);
}

#[test]
fn credits_json_year_filter_keeps_one_year() {
    let v: Value = serde_json::from_slice(&credits_json_stdout(&["--year", Y1])).unwrap();
    let years = v["years"].as_array().unwrap();
    assert_eq!(years.len(), 1);
    assert_eq!(years[0]["school_year"], Y1);
    assert_eq!(years[0]["teachers"].as_array().unwrap().len(), 8);
    // The year as schools name it by its first calendar year, with or without 学年.
    for spelled in ["2024", "2024学年", "2024-2025学年"] {
        assert_eq!(
            credits_json_stdout(&["--year", spelled]),
            credits_json_stdout(&["--year", Y1]),
            "{spelled}"
        );
    }
}

/// The header row of `credits.csv`, as `src/report/data.rs` (CSV_HEADERS) defines it.
const CSV_HEADERS: [&str; 12] = [
    "学年",
    "姓名",
    "编号",
    "教研组",
    "第一学期学时",
    "第二学期学时",
    "学年合计学时",
    "学分",
    "是否达标",
    "记录数",
    "入职日期",
    "离职日期",
];

/// The roster's 入职 / 离职 dates of a teacher of this fixture, by id, as the downloads give them.
fn roster_dates(id: &str) -> (&'static str, &'static str) {
    match id {
        "T07" => ("2024-10-15", ""),
        "T08" => ("", "2025-03-20"),
        _ => ("", ""),
    }
}

#[test]
fn credits_csv_has_a_bom_chinese_headers_and_a_row_per_teacher_year() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    assert_eq!(build_into(&out).status.code(), Some(0));
    let bytes = fs::read(out.join("data/credits.csv")).expect("build writes data/credits.csv");
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "credits.csv starts with the UTF-8 BOM"
    );
    // `credits --format csv` prints the same bytes.
    let d = dir();
    let printed = run_bytes(&[os("credits"), d.as_os_str(), os("--format"), os("csv")]);
    assert_eq!(printed.status.code(), Some(0));
    assert!(
        printed.stdout == bytes,
        "credits --format csv differs from data/credits.csv"
    );

    let text = std::str::from_utf8(&bytes[3..]).expect("UTF-8 after the BOM");
    assert!(
        !text.contains('"'),
        "no field of this fixture needs quoting"
    );
    let rows: Vec<Vec<&str>> = text
        .lines()
        .filter(|l| !l.is_empty())
        .map(|l| l.split(',').collect())
        .collect();
    assert_eq!(rows[0][..CSV_HEADERS.len()], CSV_HEADERS, "header row");
    let exp = expected();
    assert_eq!(
        rows.len(),
        1 + exp.len(),
        "one row per teacher per school year"
    );
    for e in &exp {
        let who = format!("credits.csv {} {}({})", e.year, e.name, e.id);
        let row = rows
            .iter()
            .find(|r| r[0] == e.year && r[2] == e.id)
            .unwrap_or_else(|| panic!("{who}: no row"));
        assert_eq!(row.len(), rows[0].len(), "{who}: {row:?}");
        assert_eq!(row[1], e.name, "{who}: name");
        assert_eq!(row[3], e.group, "{who}: group");
        let n = |i: usize| -> f64 {
            row[i].parse().unwrap_or_else(|_| {
                panic!("{who}: column {} is not a number: {row:?}", CSV_HEADERS[i])
            })
        };
        assert_eq!(n(4), e.semesters.0, "{who}: 第一学期");
        assert_eq!(n(5), e.semesters.1, "{who}: 第二学期");
        assert_eq!(n(6), e.hours, "{who}: total");
        assert!(close(n(7), e.hours / 10.0), "{who}: 学分 {}", row[7]);
        match e.meets {
            Some(true) => assert_eq!(row[8], "达标", "{who}"),
            Some(false) => assert!(row[8].starts_with("未达标"), "{who}: {}", row[8]),
            // Not judged, saying which: 赵敏 joined within 2024-2025, 孙强 left within it.
            None => {
                let why = match e.id {
                    "T07" => "中途入职，不评定",
                    "T08" => "中途离职，不评定",
                    other => panic!("{who}: {other} is not partial in this fixture"),
                };
                assert_eq!(row[8], why, "{who}: partial year not judged");
            }
        }
        assert_eq!(n(9), e.sources.len() as f64, "{who}: 记录数");
        let (joined, left) = roster_dates(e.id);
        assert_eq!(
            (row[10], row[11]),
            (joined, left),
            "{who}: 入职日期, 离职日期"
        );
    }
    // After the fixed columns, the hours by 领域 and by 形式: credits.json's by_domain and
    // by_form, one column per name any teacher-year has, 0 where a teacher has none; each
    // group adds up to the year's hours.
    let json: Value =
        serde_json::from_slice(&fs::read(out.join("data/credits.json")).unwrap()).unwrap();
    let extra = &rows[0][CSV_HEADERS.len()..];
    let mut named = BTreeSet::new();
    for y in json["years"].as_array().unwrap() {
        let year = y["school_year"].as_str().unwrap();
        for t in y["teachers"].as_array().unwrap() {
            let id = t["id"].as_str().unwrap();
            let who = format!("credits.csv {year} {id}");
            let row = rows.iter().find(|r| r[0] == year && r[2] == id).unwrap();
            for (key, prefix) in [("by_domain", "领域："), ("by_form", "形式：")] {
                let mut sum = 0.0;
                for (c, head) in extra.iter().enumerate() {
                    let Some(name) = head.strip_prefix(prefix) else {
                        continue;
                    };
                    let cell: f64 = row[CSV_HEADERS.len() + c].parse().unwrap();
                    let want = t[key].get(name).map_or(0.0, |h| num(h, "by_*"));
                    assert_eq!(cell, want, "{who}: {head}");
                    sum += cell;
                }
                for name in t[key].as_object().unwrap().keys() {
                    named.insert(format!("{prefix}{name}"));
                }
                assert_eq!(sum, num(&t["hours"], "hours"), "{who}: Σ {prefix}");
            }
        }
    }
    let extra: BTreeSet<String> = extra.iter().map(|h| h.to_string()).collect();
    assert_eq!(
        extra, named,
        "a column for every 领域 and 形式 of credits.json"
    );
    assert!(
        extra.contains("领域：教师成长") && extra.contains("领域：学生成长"),
        "{extra:?}"
    );
}

#[test]
fn credits_xlsx_reads_back_with_numbers_as_numbers() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    assert_eq!(build_into(&out).status.code(), Some(0));
    let json: Value =
        serde_json::from_slice(&fs::read(out.join("data/credits.json")).unwrap()).unwrap();
    let mut book: Xlsx<_> =
        calamine::open_workbook(out.join("data/credits.xlsx")).expect("credits.xlsx opens");
    assert_eq!(
        book.sheet_names(),
        vec!["2024-2025学年", "2025-2026学年", "计入学时的记录"]
    );
    let text = |d: &Data| -> String {
        match d {
            Data::String(s) => s.clone(),
            Data::Empty => String::new(),
            other => panic!("expected a text cell, got {other:?}"),
        }
    };
    let float = |d: &Data, what: &str| -> f64 {
        match d {
            Data::Float(f) => *f,
            other => panic!("{what}: expected a number cell (Data::Float), got {other:?}"),
        }
    };
    for y in json["years"].as_array().unwrap() {
        let yname = y["school_year"].as_str().unwrap();
        let range = book
            .worksheet_range(&format!("{yname}学年"))
            .expect("a sheet per school year");
        let rows: Vec<&[Data]> = range.rows().collect();
        let header: Vec<String> = rows[0].iter().map(text).collect();
        // The year sheet leaves out the 学年 column (the sheet is the year); then the hours by
        // 领域 and by 形式, as in credits.csv.
        let fixed = CSV_HEADERS.len() - 1;
        assert_eq!(header[..fixed], CSV_HEADERS[1..], "{yname}: header cells");
        let csv = fs::read_to_string(out.join("data/credits.csv")).unwrap();
        let csv_header: Vec<&str> = csv
            .trim_start_matches('\u{feff}')
            .lines()
            .next()
            .unwrap()
            .split(',')
            .collect();
        assert_eq!(
            header[fixed..],
            csv_header[CSV_HEADERS.len()..],
            "{yname}: the 领域 and 形式 columns of credits.csv"
        );
        assert!(header.len() > fixed, "{yname}: {header:?}");
        let teachers = y["teachers"].as_array().unwrap();
        assert_eq!(rows.len(), 1 + teachers.len(), "{yname}: a row per teacher");
        for (t, row) in teachers.iter().zip(&rows[1..]) {
            let id = t["id"].as_str().unwrap();
            let who = format!("xlsx {yname} {id}");
            assert_eq!(text(&row[0]), t["name"].as_str().unwrap(), "{who}: name");
            assert_eq!(text(&row[1]), id, "{who}: id");
            assert_eq!(text(&row[2]), t["group"].as_str().unwrap(), "{who}: group");
            let sem = &t["by_semester"];
            assert_eq!(
                float(&row[3], &who),
                num(&sem["第一学期"], "s1"),
                "{who}: 第一学期"
            );
            assert_eq!(
                float(&row[4], &who),
                num(&sem["第二学期"], "s2"),
                "{who}: 第二学期"
            );
            assert_eq!(
                float(&row[5], &who),
                num(&t["hours"], "hours"),
                "{who}: total"
            );
            assert!(
                close(float(&row[6], &who), num(&t["credits"], "credits")),
                "{who}: 学分"
            );
            assert_eq!(
                float(&row[8], &who),
                t["entries"].as_array().unwrap().len() as f64,
                "{who}: 记录数"
            );
            // 入职日期 and 离职日期: date cells (days since Excel's epoch), or none.
            let (joined, left) = roster_dates(id);
            for (c, date) in [(9, joined), (10, left)] {
                match (row.get(c), date) {
                    (None | Some(Data::Empty), "") => {}
                    (Some(Data::DateTime(d)), date) if !date.is_empty() => {
                        let date = NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap();
                        let epoch = NaiveDate::from_ymd_opt(1899, 12, 30).unwrap();
                        assert_eq!(d.as_f64(), (date - epoch).num_days() as f64, "{who}: {c}");
                    }
                    (got, date) => panic!("{who}: column {c}: {got:?}, expected {date:?}"),
                }
            }
            for (c, head) in header.iter().enumerate().skip(fixed) {
                let (key, name) = match head.split_once('：') {
                    Some(("领域", name)) => ("by_domain", name),
                    Some((_, name)) => ("by_form", name),
                    None => unreachable!(),
                };
                let want = t[key].get(name).map_or(0.0, |h| num(h, "by_*"));
                assert_eq!(float(&row[c], &who), want, "{who}: {head} a number");
            }
        }
    }
    // 计入学时的记录: a row per record that grants hours, with how many teachers it credits and
    // the hours in all; the rows account for every entry and every hour of the ledger, and
    // each record's 计入人数 is the number of entries naming its path in credits.json.
    let range = book.worksheet_range("计入学时的记录").unwrap();
    let rows: Vec<&[Data]> = range.rows().collect();
    let heads: Vec<String> = rows[0].iter().map(text).collect();
    assert_eq!(
        heads,
        [
            "学年",
            "学期",
            "日期",
            "类型",
            "形式",
            "领域",
            "标题",
            "每人学时",
            "计入人数",
            "学时合计",
            "记录文件"
        ]
    );
    let mut by_source: BTreeMap<String, (usize, f64)> = BTreeMap::new();
    for y in json["years"].as_array().unwrap() {
        for t in y["teachers"].as_array().unwrap() {
            for e in t["entries"].as_array().unwrap() {
                let n = by_source
                    .entry(e["source"].as_str().unwrap().to_string())
                    .or_default();
                n.0 += 1;
                n.1 += num(&e["hours"], "entry hours");
            }
        }
    }
    assert_eq!(rows.len(), 1 + by_source.len(), "a row per credited record");
    let mut people = 0.0;
    for row in &rows[1..] {
        let source = text(&row[10]);
        let (count, hours) = by_source[&source];
        assert_eq!(float(&row[8], &source), count as f64, "{source}: 计入人数");
        assert_eq!(float(&row[9], &source), hours, "{source}: 学时合计");
        if let Data::Float(each) = row[7] {
            assert_eq!(each * count as f64, hours, "{source}: 每人学时");
        }
        people += float(&row[8], &source);
    }
    assert_eq!(
        people, ENTRY_COUNT as f64,
        "Σ 计入人数 = the ledger's entries"
    );
    // Ordered by school year, then date.
    let keys: Vec<(String, String)> = rows[1..]
        .iter()
        .map(|r| (text(&r[0]), text(&r[2])))
        .collect();
    assert!(keys.is_sorted(), "{keys:?}");
}

#[test]
fn credits_entries_csv_traces_every_total_to_its_records() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    assert_eq!(build_into(&out).status.code(), Some(0));
    let bytes = fs::read(out.join("data/credits-entries.csv")).expect("credits-entries.csv");
    let text = bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .expect("credits-entries.csv starts with the UTF-8 BOM");
    let mut reader = csv::Reader::from_reader(text);
    let heads: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        heads,
        [
            "姓名",
            "编号",
            "学时",
            "依据",
            "学年",
            "学期",
            "日期",
            "类型",
            "形式",
            "领域",
            "标题",
            "记录文件"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), ENTRY_COUNT, "a row per ledger entry");
    // Each teacher-year's rows add up to its total and name exactly its records.
    for e in expected() {
        let mine: Vec<&csv::StringRecord> = rows
            .iter()
            .filter(|r| &r[1] == e.id && &r[4] == e.year)
            .collect();
        let sum: f64 = mine.iter().map(|r| r[2].parse::<f64>().unwrap()).sum();
        assert_eq!(sum, e.hours, "Σ 学时 for {} {}", e.year, e.id);
        let mut got: Vec<&str> = mine.iter().map(|r| &r[11]).collect();
        let mut want: Vec<&str> = e.sources.to_vec();
        got.sort();
        want.sort();
        assert_eq!(got, want, "{} {}: records", e.year, e.id);
        for r in &mine {
            assert_eq!(&r[0], e.name, "{r:?}");
            assert!(["出席", "主讲", "撰写", "课题"].contains(&&r[3]), "{r:?}");
        }
    }
}

#[test]
fn credits_teacher_prints_each_entrys_record() {
    let run = common::run([
        os("credits"),
        dir().as_os_str(),
        os("--teacher"),
        os("刘洋"),
    ]);
    assert_eq!(run.code, Some(0), "{}", run.describe());
    let e1 = expected();
    for e in e1.iter().filter(|e| e.id == "T03") {
        for src in e.sources {
            assert!(
                run.stdout.contains(src),
                "{src} missing from:\n{}",
                run.stdout
            );
        }
    }
    // The session he was on leave from is not one of his credited records but is shown as missed.
    assert!(run.stdout.contains(E), "{}", run.stdout);

    // A namesake written with the id.
    let run = common::run([
        os("credits"),
        dir().as_os_str(),
        os("--teacher"),
        os("王芳(T06)"),
        os("--year"),
        os(Y1),
    ]);
    assert_eq!(run.code, Some(0), "{}", run.describe());
    for src in [D, K1, E, F, H2, I] {
        assert!(
            run.stdout.contains(src),
            "{src} missing from:\n{}",
            run.stdout
        );
    }
    assert!(!run.stdout.contains(R2), "T05's reflection is not T06's");
    assert!(
        !run.stdout.contains(Y2),
        "--year keeps 2024-2025 only:\n{}",
        run.stdout
    );
}

#[test]
fn credits_teacher_with_an_ambiguous_name_exits_2_listing_the_ids() {
    let run = common::run([
        os("credits"),
        dir().as_os_str(),
        os("--teacher"),
        os("王芳"),
    ]);
    assert_eq!(run.code, Some(2), "{}", run.describe());
    let all = run.all_output();
    // Each as it can be typed: quoted, as a shell reads the brackets as its own.
    assert!(
        all.contains("--teacher \"王芳(T05)\" 或 --teacher \"王芳(T06)\""),
        "{}",
        run.describe()
    );
    // A group is no teacher; it was answered 是不是“语文组”？
    let run = common::run([
        os("credits"),
        dir().as_os_str(),
        os("--teacher"),
        os("语文组"),
    ]);
    assert_eq!(run.code, Some(2), "{}", run.describe());
    assert!(
        run.all_output().contains("“语文组”不是一位教师"),
        "{}",
        run.describe()
    );
}

#[test]
fn credits_year_limits_the_table() {
    let run = common::run([os("credits"), dir().as_os_str(), os("--year"), os(Y1)]);
    assert_eq!(run.code, Some(0), "{}", run.describe());
    assert!(run.stdout.contains(Y1), "{}", run.stdout);
    assert!(!run.stdout.contains(Y2), "{}", run.stdout);
    assert!(run.stdout.contains("孙强"), "{}", run.stdout);

    let run = common::run([os("credits"), dir().as_os_str(), os("--year"), os(Y2)]);
    assert_eq!(run.code, Some(0), "{}", run.describe());
    assert!(!run.stdout.contains(Y1), "{}", run.stdout);
    assert!(
        !run.stdout.contains("孙强"),
        "孙强 left before 2025-2026:\n{}",
        run.stdout
    );
}

/// The cells of a table line split at ASCII spaces, each with the display columns it spans
/// (`start`, `end` exclusive).
fn cells(line: &str) -> Vec<(&str, usize, usize)> {
    let mut out = Vec::new();
    let mut offset = 0;
    for part in line.split(' ') {
        if !part.is_empty() {
            let start = display_width(&line[..offset]);
            out.push((part, start, start + display_width(part)));
        }
        offset += part.len() + 1;
    }
    out
}

#[test]
fn credits_table_columns_line_up_by_display_width() {
    let run = common::run([os("credits"), dir().as_os_str(), os("--year"), os(Y1)]);
    assert_eq!(run.code, Some(0), "{}", run.describe());
    assert!(!run.stdout.contains('\x1b'), "no colour when piped");
    let header = run
        .stdout
        .lines()
        .find(|l| l.starts_with("教师"))
        .unwrap_or_else(|| panic!("no header row:\n{}", run.stdout));
    // Rows whose names differ in display width: 张伟 (4), 欧阳晓晴 (8), 王芳(T05) (9); 赵敏's
    // status 中途入职，不评定 is wider than the others.
    let names = ["张伟", "欧阳晓晴", "王芳(T05)", "赵敏", "孙强"];
    let mut table: Vec<Vec<(&str, usize, usize)>> = vec![cells(header)];
    for name in names {
        let line = run
            .stdout
            .lines()
            .find(|l| l.starts_with(name))
            .unwrap_or_else(|| panic!("no row for {name}:\n{}", run.stdout));
        table.push(cells(line));
    }
    let width = table[0].len();
    for row in &table {
        assert_eq!(
            row.len(),
            width,
            "every row has one cell per column: {row:?}"
        );
    }
    // 编号 and 教研组 (after the names of different widths) start at one display column, in
    // the header and in every row: the name column is padded by display width.
    for c in [1, 2] {
        let starts: BTreeSet<usize> = table.iter().map(|r| r[c].1).collect();
        assert_eq!(
            starts.len(),
            1,
            "column {:?} starts at one display column: {table:?}\n{}",
            table[0][c].0,
            run.stdout
        );
    }
    // Every other column is aligned too, on the left or (numbers) on the right.
    for c in 0..width {
        let starts: BTreeSet<usize> = table.iter().map(|r| r[c].1).collect();
        let ends: BTreeSet<usize> = table.iter().map(|r| r[c].2).collect();
        assert!(
            starts.len() == 1 || ends.len() == 1,
            "column {:?} is ragged on both sides: {table:?}\n{}",
            table[0][c].0,
            run.stdout
        );
    }
    // The cells are the expected ones (so the checks above looked at the right columns).
    assert_eq!(table[3][0].0, "王芳(T05)");
    assert_eq!(table[3][1].0, "T05");
    assert_eq!(table[3][2].0, "英语组");
    assert_eq!(table[2][5].0, "6.5", "欧阳晓晴's 合计学时");
}

#[test]
fn build_refuses_a_folder_it_did_not_make() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("mine");
    fs::create_dir(&out).unwrap();
    fs::write(out.join("notes.txt"), "教师自己的文件").unwrap();
    let run = build_into(&out);
    assert_eq!(
        run.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(!run.stderr.is_empty(), "the refusal is explained");
    let listing: Vec<String> = fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        listing,
        vec!["notes.txt"],
        "nothing added to or removed from the folder"
    );
    assert_eq!(
        fs::read_to_string(out.join("notes.txt")).unwrap(),
        "教师自己的文件"
    );
    let beside: Vec<String> = fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(beside, vec!["mine"], "no temporary folder left beside it");
}

#[test]
fn a_second_build_replaces_the_first() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let first = build_into(&out);
    assert_eq!(
        first.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    assert!(
        out.join(yanxiu::OUTPUT_MARKER).is_file(),
        "marker after the first build"
    );
    let original = fs::read(out.join("data/credits.json")).unwrap();
    // Tamper with the first output: a stray file and a damaged data file.
    fs::write(out.join("stale.txt"), "old").unwrap();
    fs::write(out.join("data/credits.json"), "damaged").unwrap();
    let second = build_into(&out);
    assert_eq!(
        second.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&second.stderr)
    );
    assert!(
        out.join(yanxiu::OUTPUT_MARKER).is_file(),
        "marker after the second build"
    );
    assert!(
        !out.join("stale.txt").exists(),
        "the second build replaces the whole folder"
    );
    assert_eq!(fs::read(out.join("data/credits.json")).unwrap(), original);
    for f in [
        "credits.csv",
        "credits-entries.csv",
        "credits.xlsx",
        "completeness.json",
        "diagnostics.json",
    ] {
        assert!(out.join("data").join(f).is_file(), "data/{f} written");
    }
    let beside: Vec<String> = fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        beside,
        vec!["out"],
        "no temporary folder left beside the output"
    );
}

#[test]
fn the_mean_says_whom_it_covers_when_some_teachers_are_not_judged() {
    let out = run_bytes(&[
        os("credits"),
        dir().as_os_str(),
        os("--format"),
        os("table"),
    ]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let totals: Vec<&str> = text.lines().filter(|l| l.starts_with("合计：")).collect();
    // 2024-2025: 赵敏 and 孙强 joined or left within the year, yet count in the mean.
    assert!(
        totals[0].ends_with("人均 9.5 学时（按全部 8 位教师计）"),
        "{totals:?}"
    );
    // 2025-2026 judges everyone: nothing to explain.
    assert!(totals[1].ends_with("学时"), "{totals:?}");
}

#[test]
fn completeness_json_names_a_teacher_as_credits_json_does() {
    // Two teachers named 王芳 (T05, T06): completeness.json gives the name and the id apart,
    // as credits.json does, so that an inspector can join the two files on them.
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let built = build_into(&out);
    assert_eq!(built.status.code(), Some(0));
    let read = |f: &str| -> Value {
        serde_json::from_slice(&fs::read(out.join("data").join(f)).unwrap()).unwrap()
    };
    let credits = read("credits.json");
    let mut in_credits = BTreeSet::new();
    for y in credits["years"].as_array().unwrap() {
        for t in y["teachers"].as_array().unwrap() {
            in_credits.insert((t["name"].to_string(), t["id"].to_string()));
        }
    }
    let findings = read("completeness.json");
    let per_teacher: Vec<&Value> = findings
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| !f["teacher"].is_null())
        .collect();
    assert!(!per_teacher.is_empty(), "the fixture has per-teacher rules");
    for f in &per_teacher {
        let who = (f["teacher"].to_string(), f["teacher_id"].to_string());
        assert!(
            in_credits.contains(&who),
            "{who:?} of completeness.json is not a (name, id) of credits.json: {f}"
        );
    }
    let wang: BTreeSet<&str> = per_teacher
        .iter()
        .filter(|f| f["teacher"] == "王芳")
        .map(|f| f["teacher_id"].as_str().unwrap())
        .collect();
    assert_eq!(wang, BTreeSet::from(["T05", "T06"]));
}

#[test]
fn one_teacher_s_credits_come_as_csv_and_json_when_asked() {
    // `--teacher` with `--format csv|json` printed the human listing: a script got no data.
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    assert_eq!(build_into(&out).status.code(), Some(0));
    let d = dir();
    let run = |format: &str| {
        let r = run_bytes(&[
            os("credits"),
            d.as_os_str(),
            os("--teacher"),
            os("T05"),
            os("--format"),
            os(format),
        ]);
        assert_eq!(r.status.code(), Some(0));
        String::from_utf8(r.stdout).unwrap()
    };
    // JSON: credits.json's shape, with T05's years and nobody else.
    let mine: Value = serde_json::from_str(&run("json")).expect("JSON");
    let all: Value =
        serde_json::from_slice(&fs::read(out.join("data/credits.json")).unwrap()).unwrap();
    let mut expected = all.clone();
    for y in expected["years"].as_array_mut().unwrap() {
        y["teachers"]
            .as_array_mut()
            .unwrap()
            .retain(|t| t["id"] == "T05");
    }
    expected["years"]
        .as_array_mut()
        .unwrap()
        .retain(|y| !y["teachers"].as_array().unwrap().is_empty());
    assert!(!expected["years"].as_array().unwrap().is_empty());
    assert_eq!(mine, expected);
    // CSV: credits-entries.csv's header and T05's rows of it, in its order.
    let csv = run("csv");
    let entries = fs::read_to_string(out.join("data/credits-entries.csv")).unwrap();
    let mut lines = entries.lines();
    let header = lines.next().unwrap();
    let theirs: Vec<&str> = lines
        .filter(|l| l.split(',').nth(1) == Some("T05"))
        .collect();
    assert!(!theirs.is_empty());
    let printed: Vec<&str> = csv.lines().collect();
    assert_eq!(printed[0], header);
    assert_eq!(&printed[1..], &theirs[..]);
}

/// A text cell that starts like a formula is written with a leading `'` in the CSVs: Excel
/// showed the title `-3℃的认识` as `#NAME?` and a group `@组` as a formula. The XLSX keeps
/// text as text, unchanged (review, session 22).
#[test]
fn csv_cells_that_start_like_a_formula_are_kept_as_text() {
    let (_tmp, archive) = common::scratch_copy("credits");
    common::edit(
        &archive,
        "2024-2025/活动/2024-09-01-开学全体会.md",
        "title: 开学全体会",
        "title: -3℃的认识",
    );
    common::edit(
        &archive,
        "2024-2025/活动/2024-09-20-专家讲座.md",
        "title: ",
        "title: =号的认识，",
    );
    let mut roster = fs::read_to_string(archive.join("teachers.yaml")).unwrap();
    roster.push_str("  - name: 钱新\n    group: \"@组\"\n");
    fs::write(archive.join("teachers.yaml"), roster).unwrap();
    let out = archive.join("public");
    let run = run_bytes(&[os("build"), archive.as_os_str(), os("-o"), out.as_os_str()]);
    assert_eq!(run.status.code(), Some(0), "{run:?}");

    let read = |name: &str| -> Vec<Vec<String>> {
        let text = fs::read_to_string(out.join("data").join(name)).unwrap();
        csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes())
            .records()
            .map(|r| r.unwrap().iter().map(str::to_string).collect())
            .collect()
    };
    let entries = read("credits-entries.csv");
    let titles: BTreeSet<&str> = entries.iter().map(|r| r[10].as_str()).collect();
    assert!(titles.contains("'-3℃的认识"), "{titles:?}");
    assert!(
        titles.iter().any(|t| t.starts_with("'=号的认识，")),
        "{titles:?}"
    );
    assert!(
        titles.iter().all(|t| !t.starts_with(['-', '='])),
        "{titles:?}"
    );
    let credits = read("credits.csv");
    let qian = credits.iter().find(|r| r[1] == "钱新").expect("钱新's row");
    assert_eq!(qian[3], "'@组", "{qian:?}");

    // The XLSX has the titles as they are, in text cells.
    let mut book: Xlsx<_> = calamine::open_workbook(out.join("data/credits.xlsx")).unwrap();
    let range = book.worksheet_range("计入学时的记录").unwrap();
    let cells: Vec<&Data> = range.rows().map(|r| &r[6]).collect();
    assert!(
        cells.contains(&&Data::String("-3℃的认识".into())),
        "{cells:?}"
    );
}
