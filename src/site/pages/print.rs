//! A school year printed as one document, as a binder is filed: the year at a glance (its
//! checklist, every teacher's hours, the sessions with attendance), then the plan, the records in
//! date order and the summary, each with the rows of its panel as text.

use crate::dates::SchoolYear;
use crate::kind::Kind;
use crate::report::data::standing;
use crate::site::Page;
use crate::site::catalog::{Bodies, Catalog, RecordRef};
use crate::site::pages::years::session_row;
use crate::site::pages::{credits, findings, records};
use crate::site::urls::{Urls, root_of};
use serde::Serialize;
use std::collections::BTreeMap;

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
    /// Attached pictures, printed with the record (paper has no links to follow).
    images: Vec<crate::site::catalog::Link>,
}

#[derive(Serialize)]
struct PrintPage<'c> {
    title: String,
    school_year: String,
    /// The year at a glance before its records, as a binder opens: the checklist, every
    /// teacher's hours and the sessions with attendance, in plain text (paper has no links).
    checklist: Vec<PrintCheck>,
    credits: Vec<PrintCredit>,
    min_hours: String,
    sessions: Vec<PrintSession>,
    records: Vec<PrintRecord<'c>>,
}

/// A row of the checklist: a school-level item, or a per-teacher rule with every teacher who
/// fell short named.
#[derive(Serialize)]
struct PrintCheck {
    label: String,
    period: String,
    status_label: &'static str,
    tally: String,
    gap: String,
}

#[derive(Serialize)]
struct PrintCredit {
    name: String,
    group: Option<String>,
    semesters: [credits::SemesterHours; 2],
    hours: String,
    status: &'static str,
}

#[derive(Serialize)]
struct PrintSession {
    date: String,
    title: String,
    speaker: Option<String>,
    hours: Option<String>,
    present: usize,
    absent: Vec<String>,
    leave: Vec<String>,
    uncounted: Vec<String>,
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

pub(super) fn page(c: &Catalog, y: SchoolYear, bodies: &Bodies) -> Page {
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
                let content = (plan.activity(id))
                    .filter(|_| c.shows_text(plan))
                    .and_then(|a| a.content.clone());
                put(
                    "计划项",
                    Some(match content {
                        Some(t) => {
                            format!("{}：第 {id} 项 {t}", plan.public_title(c.include_private))
                        }
                        None => format!("{}：第 {id} 项", plan.public_title(c.include_private)),
                    }),
                );
            }
            let attachments = records::attachments(c, d);
            if c.shows_text(d) {
                let files: Vec<String> = attachments.iter().map(|l| l.text()).collect();
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
                let uncounted =
                    crate::check::people::uncounted_absentees(&c.a.archive.roster, d, att);
                if !uncounted.is_empty() {
                    put(
                        "未计入考勤",
                        Some(format!(
                            "{}（写在缺席或请假中，但没有计入考勤，原因见档案检查）",
                            uncounted.join("、")
                        )),
                    );
                }
            }
            put("源文件", Some(d.path.clone()));
            Some(PrintRecord {
                activities: records::activities(c, i, d),
                approvals: records::approvals(d),
                meta,
                body: bodies.get(&i).map(|b| b.html_at(&root)),
                hidden: !c.shows_text(d),
                images: records::images(&attachments),
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
            checklist: checklist(c, y),
            credits: credit_rows(c, y),
            min_hours: c.a.ledger.min_hours.to_string(),
            sessions: c
                .of_kind_in(Kind::Session, y)
                .into_iter()
                .filter_map(|i| session_row(c, i))
                .map(|s| PrintSession {
                    date: s.record.date.clone(),
                    title: s.record.title.clone(),
                    speaker: s.speaker,
                    hours: s.hours,
                    present: s.present,
                    absent: s.absent.iter().map(|l| l.text()).collect(),
                    leave: s.leave.iter().map(|l| l.text()).collect(),
                    uncounted: s.uncounted,
                })
                .collect(),
            records,
        },
    )
}

fn checklist(c: &Catalog, y: SchoolYear) -> Vec<PrintCheck> {
    let (school, groups) = findings::grouped(
        c.a.report
            .findings
            .iter()
            .filter(|f| findings::in_year(f, y)),
    );
    let school = school.into_iter().map(|f| {
        let row = findings::row(c, f);
        PrintCheck {
            label: row.label,
            period: row.period,
            status_label: row.status_label,
            tally: format!("{}/{}", row.found, row.required),
            gap: row.missing.unwrap_or_default(),
        }
    });
    let teachers = groups.iter().map(|fs| {
        let head = findings::group_head(c, fs);
        // The teachers short of the rule, by how many they have: one phrase for all those
        // with none, where a phrase each filled the column with the same words.
        let mut by_found: BTreeMap<(u32, u32), Vec<String>> = BTreeMap::new();
        for f in fs.iter().filter(|f| f.is_unmet()) {
            if let Some((t, _)) = &f.teacher {
                by_found
                    .entry((f.found, f.required))
                    .or_default()
                    .push(c.a.archive.roster.display(*t));
            }
        }
        let short: Vec<String> = by_found
            .into_iter()
            .map(|((found, required), names)| {
                format!(
                    "已有{found}{u}（要求{required}{u}）：{}",
                    names.join("、"),
                    u = head.unit
                )
            })
            .collect();
        // Those not judged are named too, so that the count of the judged and the names add
        // up to the staff on paper.
        let partial: Vec<String> = fs
            .iter()
            .filter(|f| f.status == crate::check::completeness::Status::Partial)
            .filter_map(|f| Some(c.a.archive.roster.display(f.teacher.as_ref()?.0)))
            .collect();
        let mut gap = Vec::new();
        if !short.is_empty() {
            gap.push(format!("未完成，{}", short.join("；")));
        }
        if !partial.is_empty() {
            gap.push(format!("中途入职或离职，不评定：{}", partial.join("、")));
        }
        PrintCheck {
            label: head.label,
            period: head.period,
            status_label: head.status_label,
            tally: format!("{}/{} 人", head.met, head.judged),
            gap: gap.join("；"),
        }
    });
    school.chain(teachers).collect()
}

fn credit_rows(c: &Catalog, y: SchoolYear) -> Vec<PrintCredit> {
    let Some(year) = c.a.ledger.years.iter().find(|l| l.school_year == y) else {
        return Vec::new();
    };
    year.teachers
        .iter()
        .map(|t| PrintCredit {
            name: c.a.archive.roster.display(t.teacher),
            group: c.teacher(t.teacher).group.clone(),
            semesters: credits::semester_hours(t),
            hours: t.hours.to_string(),
            status: standing(t, year.in_progress),
        })
        .collect()
}
