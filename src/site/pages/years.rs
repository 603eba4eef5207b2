//! Per school year: its plan and summary, the sessions with attendance, the teachers' writing,
//! research, and the year's checklist; and the year printed as one document.

use crate::dates::SchoolYear;
use crate::kind::Kind;
use crate::site::catalog::{Bodies, Catalog, Link, RecordRef};
use crate::site::pages::findings::{self, FindingRow, TeacherRuleRow};
use crate::site::pages::records;
use crate::site::urls::{Urls, root_of};
use crate::site::{Deferred, Page};
use serde::Serialize;

#[derive(Serialize)]
struct SessionRow {
    record: RecordRef,
    speaker: Option<String>,
    hours: Option<String>,
    present: usize,
    absent: Vec<Link>,
    leave: Vec<Link>,
    /// Reflections and observations naming the session in 关联活动, counted apart: an inspector
    /// checks each against its own rule.
    reflections: usize,
    observations: usize,
}

#[derive(Serialize)]
struct YearPage<'c> {
    title: String,
    school_year: String,
    print_url: String,
    credits_url: String,
    plans: Vec<&'c RecordRef>,
    summaries: Vec<&'c RecordRef>,
    sessions: Vec<SessionRow>,
    reflections: Vec<&'c RecordRef>,
    observations: Vec<&'c RecordRef>,
    research: Vec<&'c RecordRef>,
    school_items: Vec<FindingRow>,
    teacher_items: Vec<TeacherRuleRow>,
}

#[derive(Serialize)]
struct PrintRecord<'c> {
    record: RecordRef,
    meta: Vec<(String, String)>,
    /// A plan's table of activities and its approvals: the paper copy must hold the evidence
    /// the page shows.
    activities: Vec<records::ActivityRow<'c>>,
    approvals: Vec<records::ApprovalRow>,
    body: Option<String>,
    hidden: bool,
}

#[derive(Serialize)]
struct PrintPage<'c> {
    title: String,
    school_year: String,
    records: Vec<PrintRecord<'c>>,
}

fn session_row(c: &Catalog, i: usize) -> Option<SessionRow> {
    let d = c.doc(i);
    let att = c.a.report.people[i].attendance.as_ref();
    let about = |k: Kind| {
        c.about_session.get(&i).map_or(0, |v| {
            v.iter().filter(|&&r| c.doc(r).kind == Some(k)).count()
        })
    };
    Some(SessionRow {
        record: c.record(i)?.clone(),
        speaker: d.speaker.as_ref().map(|s| s.value.clone()),
        hours: d.hours.map(|h| h.to_string()),
        present: att.map_or(0, |a| a.present.len()),
        absent: att.map(|a| c.teacher_links(&a.absent)).unwrap_or_default(),
        leave: att.map(|a| c.teacher_links(&a.leave)).unwrap_or_default(),
        reflections: about(Kind::Reflection),
        observations: about(Kind::Observation),
    })
}

fn year_page(c: &Catalog, y: SchoolYear) -> Page {
    let (school_items, teacher_items) = findings::checklist(
        c,
        c.a.report
            .findings
            .iter()
            .filter(|f| findings::in_year(f, y)),
    );
    let of = |k| c.records(c.of_kind_in(k, y));
    Page::new(
        Urls::year(y),
        "year.html",
        &YearPage {
            title: format!("{y}学年"),
            school_year: y.to_string(),
            print_url: Urls::year_print(y),
            credits_url: super::credits::year_url(y),
            plans: of(Kind::Plan),
            summaries: of(Kind::Summary),
            sessions: c
                .of_kind_in(Kind::Session, y)
                .into_iter()
                .filter_map(|i| session_row(c, i))
                .collect(),
            reflections: of(Kind::Reflection),
            observations: of(Kind::Observation),
            research: of(Kind::Research),
            school_items,
            teacher_items,
        },
    )
}

/// Plan first, summary last, everything else in date order between: how a binder is filed.
fn print_order(c: &Catalog, y: SchoolYear) -> Vec<usize> {
    let mut v: Vec<usize> = c.by_year.get(&y).cloned().unwrap_or_default();
    v.sort_by_key(|&i| match c.doc(i).kind {
        Some(Kind::Plan) => 0,
        Some(Kind::Summary) => 2,
        _ => 1,
    });
    v
}

fn print_page(c: &Catalog, y: SchoolYear, bodies: &Bodies) -> Page {
    let path = Urls::year_print(y);
    let root = root_of(&path);
    let records = print_order(c, y)
        .into_iter()
        .filter_map(|i| {
            let d = c.doc(i);
            let r = c.record(i)?.clone();
            // The rows of the web page's panel, as plain text: the panel itself makes links for
            // every value, twice the work for a page that shows none (the school year is on the
            // cover, the source file at the end).
            let mut meta = vec![("类型".to_string(), r.kind_label.to_string())];
            let mut put = |k: &str, v: Option<String>| {
                if let Some(v) = v.filter(|v| !v.is_empty()) {
                    meta.push((k.to_string(), v));
                }
            };
            let shown = |p: &Option<crate::archive::document::Spanned<String>>,
                         resolved: Option<crate::roster::TeacherIdx>| {
                p.as_ref().map(|p| match resolved {
                    Some(t) => c.a.archive.roster.display(t),
                    None => p.value.clone(),
                })
            };
            let people = &c.a.report.people[i];
            let joined = |v: &[crate::archive::document::Spanned<String>]| {
                Some(
                    v.iter()
                        .map(|s| s.value.as_str())
                        .collect::<Vec<_>>()
                        .join("、"),
                )
            };
            put("日期", Some(r.date.clone()));
            put("形式", r.form.clone());
            put("领域", r.domain.clone());
            put("作者", shown(&d.author, people.author));
            put("主讲人", shown(&d.speaker, people.speaker));
            put("学时", d.hours.map(|h| format!("{h} 学时")));
            put("地点", d.location.clone());
            put("负责部门", d.organizer.clone());
            put("参加人员", joined(&d.attendees));
            if let Some(s) = &d.session {
                let about = match c.a.archive.resolve(d, &s.value) {
                    crate::archive::Target::Found(rel) => c.source_link(&rel).text(),
                    _ => s.value.clone(),
                };
                put("关联活动", Some(about));
            }
            put("授课教师", shown(&d.teacher, people.teacher));
            put("学科", d.subject.clone());
            put("班级", d.class.clone());
            put("负责人", shown(&d.leader, people.leader));
            put("成员", joined(&d.members));
            put("级别", d.level.as_ref().map(|v| v.value.clone()));
            put("阶段", d.stage.as_ref().map(|v| v.value.clone()));
            put("标签", Some(d.tags.join("、")));
            if let Some((p, id)) = c.plan_of.get(&i) {
                let plan = c.doc(*p);
                let content = plan.activity(id).and_then(|a| a.content.clone());
                put(
                    "计划项",
                    Some(match content {
                        Some(t) => format!("{}：第 {id} 项 {t}", plan.display_title()),
                        None => format!("{}：第 {id} 项", plan.display_title()),
                    }),
                );
            }
            if c.shows_text(d) {
                let files: Vec<String> = records::attachments(c, d)
                    .iter()
                    .map(|l| l.text())
                    .collect();
                put("附件", Some(files.join("、")));
            }
            if let Some(att) = &c.a.report.people[i].attendance {
                let names = |v: &[crate::roster::TeacherIdx]| {
                    v.iter()
                        .map(|&t| c.a.archive.roster.display(t))
                        .collect::<Vec<_>>()
                        .join("、")
                };
                put(
                    "出席",
                    Some(format!("{} 人：{}", att.present.len(), names(&att.present))),
                );
                put("缺席", Some(names(&att.absent)));
                put("请假", Some(names(&att.leave)));
            }
            put("源文件", Some(d.path.clone()));
            Some(PrintRecord {
                activities: records::activities(c, i, d),
                approvals: records::approvals(d),
                meta,
                body: bodies.get(&i).map(|b| b.html_at(&root)),
                hidden: !c.shows_text(d),
                record: r,
            })
        })
        .collect();
    Page::new(
        path,
        "print.html",
        &PrintPage {
            title: format!("{y}学年校本研修档案（打印版）"),
            school_year: y.to_string(),
            records,
        },
    )
}

#[derive(Serialize)]
struct YearRow {
    school_year: String,
    url: String,
    print_url: String,
    records: usize,
    /// Records per kind, in the order of `KINDS`.
    counts: Vec<usize>,
}

#[derive(Serialize)]
struct YearsPage {
    title: &'static str,
    kinds: Vec<&'static str>,
    years: Vec<YearRow>,
}

const KINDS: [Kind; 6] = [
    Kind::Plan,
    Kind::Session,
    Kind::Reflection,
    Kind::Observation,
    Kind::Research,
    Kind::Summary,
];

/// Every school year, newest first: the navigation names only the latest few, so that a page's
/// header does not grow with the archive.
pub fn index(c: &Catalog) -> Page {
    let years = c
        .by_year
        .iter()
        .rev()
        .map(|(&y, docs)| YearRow {
            school_year: y.to_string(),
            url: Urls::year(y),
            print_url: Urls::year_print(y),
            records: docs.len(),
            counts: KINDS
                .iter()
                .map(|&k| docs.iter().filter(|&&i| c.doc(i).kind == Some(k)).count())
                .collect(),
        })
        .collect();
    Page::new(
        INDEX.into(),
        "years.html",
        &YearsPage {
            title: "全部学年",
            kinds: KINDS.iter().map(|k| k.label()).collect(),
            years,
        },
    )
}

pub const INDEX: &str = "years.html";

/// The year's page and print page; `bodies` holds the year's rendered bodies.
pub fn plan<'c>(c: &'c Catalog, y: SchoolYear, bodies: &'c Bodies) -> Vec<Deferred<'c>> {
    vec![
        Deferred::new(move || year_page(c, y)),
        Deferred::new(move || print_page(c, y, bodies)),
    ]
}
