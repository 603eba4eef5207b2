//! One page per published record: metadata, body, attachments, attendance, backlinks, the plan's
//! activity table, the record's own problems, and the records before and after it.

use crate::archive::Target;
use crate::archive::document::Document;
use crate::check::people::uncounted_absentees;
use crate::diagnostic::Diagnostic;
use crate::kind::Kind;
use crate::roster::{Referent, TeacherIdx};
use crate::site::Page;
use crate::site::catalog::{Catalog, Link, RecordRef};
use crate::site::markdown::Body;
use crate::site::urls::{Taxonomy, Urls, root_of};
use serde::Serialize;
use std::borrow::Cow;

#[derive(Serialize)]
struct MetaRow {
    label: &'static str,
    items: Vec<Link>,
}

#[derive(Serialize)]
pub struct ProblemRow {
    pub line: Option<u32>,
    pub column: Option<u32>,
    pub severity: &'static str,
    pub severity_label: &'static str,
    pub code: &'static str,
    pub message: String,
    pub help: Option<String>,
    pub source_line: Option<String>,
}

impl ProblemRow {
    /// The source line is shown only where the site may quote the file (not of drafts, not
    /// of private records, or the line would publish them); a record kept to the school has
    /// its problems said in the codes' words, as its messages quote it.
    pub fn from(c: &Catalog, d: &Diagnostic) -> ProblemRow {
        match crate::report::as_published(&c.a.archive, d, c.include_private) {
            Cow::Owned(withheld) => ProblemRow::shown(&withheld, false),
            Cow::Borrowed(d) => ProblemRow::shown(d, c.quotable(&d.file)),
        }
    }

    fn shown(d: &Diagnostic, quote: bool) -> ProblemRow {
        ProblemRow {
            line: d.line,
            column: d.column,
            severity: match d.severity {
                crate::diagnostic::Severity::Error => "error",
                crate::diagnostic::Severity::Warning => "warning",
            },
            severity_label: d.severity.label_zh(),
            code: d.code.as_str(),
            message: d.message.clone(),
            help: d.help.clone(),
            source_line: d.source_line.clone().filter(|_| quote),
        }
    }
}

#[derive(Serialize)]
struct AttendanceView {
    present: Vec<Link>,
    absent: Vec<Link>,
    leave: Vec<Link>,
    /// Written under 缺席 or 请假 and not counted so (see `uncounted_absentees`): shown as
    /// written.
    uncounted: Vec<String>,
    guests: Vec<String>,
    inactive: Vec<Link>,
}

#[derive(Serialize)]
pub(super) struct ActivityRow<'c> {
    id: Option<String>,
    content: Option<String>,
    time: Option<String>,
    audience: Option<String>,
    department: Option<String>,
    owner: Option<String>,
    note: Option<String>,
    /// The records that carried the item out, of any kind (the name is the templates').
    sessions: Vec<&'c RecordRef>,
}

#[derive(Serialize)]
pub(super) struct ApprovalRow {
    by: Option<String>,
    opinion: Option<String>,
    date: Option<String>,
}

#[derive(Serialize)]
struct PlanItem {
    plan: Link,
    id: String,
    content: Option<String>,
}

#[derive(Serialize)]
struct Grant {
    teacher: Link,
    hours: String,
}

#[derive(Serialize)]
struct RecordPage<'a> {
    title: &'a str,
    record: &'a RecordRef,
    meta: Vec<MetaRow>,
    body: Option<String>,
    body_hidden: bool,
    attachments: Vec<Link>,
    /// The attached pictures (签到表, 现场照片), shown under the body: the evidence itself, not
    /// only its name.
    images: Vec<Link>,
    attendance: Option<AttendanceView>,
    plan_item: Option<PlanItem>,
    about: Vec<&'a RecordRef>,
    activities: Vec<ActivityRow<'a>>,
    approvals: Vec<ApprovalRow>,
    /// Who got hours, and how many; empty when `grants_to_present` says it.
    grants: Vec<Grant>,
    grant_count: usize,
    /// The hours each teacher got, when all got the same.
    grant_each: Option<String>,
    /// Every teacher present at this session, and only they, got `grant_each`: the attendance
    /// above names them, and the page says so instead of naming them again.
    grants_to_present: bool,
    problems: Vec<ProblemRow>,
    year: Option<String>,
    year_url: Option<String>,
    prev: Option<&'a RecordRef>,
    next: Option<&'a RecordRef>,
}

fn text(t: impl Into<String>) -> Link {
    Link::new(t, None)
}

fn row(label: &'static str, items: Vec<Link>) -> Option<MetaRow> {
    (!items.is_empty()).then_some(MetaRow { label, items })
}

/// A name as written, linked to the teacher's page when it names one teacher.
fn person(c: &Catalog, written: &str, resolved: Option<TeacherIdx>) -> Link {
    match resolved {
        Some(t) => c.teacher_link(t),
        None => match c.a.archive.roster.resolve(written) {
            Referent::Teacher(t) => c.teacher_link(t),
            _ => text(written),
        },
    }
}

fn term(c: &Catalog, tax: Taxonomy, value: &str) -> Link {
    Link::new(
        value,
        c.urls.term_base(tax, value).map(|b| Urls::paged(b, 1)),
    )
}

fn meta(c: &Catalog, i: usize, d: &Document) -> Vec<MetaRow> {
    let people = &c.a.report.people[i];
    let r = c.record(i).expect("published");
    let mut rows: Vec<Option<MetaRow>> = vec![
        row(
            "类型",
            vec![Link::new(
                r.kind_label.to_string(),
                d.kind.map(|k| Urls::paged(&Urls::kind_base(k), 1)),
            )],
        ),
        row(
            "日期",
            (!r.date.is_empty())
                .then(|| text(&r.date))
                .into_iter()
                .collect(),
        ),
    ];
    if let Some(y) = d.in_year {
        let label = match d.in_semester {
            Some(s) => format!("{y}学年{s}"),
            None => format!("{y}学年"),
        };
        rows.push(row("学年", vec![Link::new(label, Some(Urls::year(y)))]));
    }
    rows.extend([
        row(
            "形式",
            d.form
                .iter()
                .map(|f| term(c, Taxonomy::Form, &f.value))
                .collect(),
        ),
        row(
            "领域",
            d.domain
                .iter()
                .map(|f| term(c, Taxonomy::Domain, &f.value))
                .collect(),
        ),
        row(
            "作者",
            d.author
                .iter()
                .map(|p| person(c, &p.value, people.author))
                .collect(),
        ),
        row(
            "主讲人",
            d.speaker
                .iter()
                .map(|p| person(c, &p.value, people.speaker))
                .collect(),
        ),
        row(
            "学时",
            d.hours.iter().map(|h| text(format!("{h} 学时"))).collect(),
        ),
        row("地点", d.location.iter().map(text).collect()),
        row("负责部门", d.organizer.iter().map(text).collect()),
        row(
            "参加人员",
            d.attendees.iter().map(|p| text(&p.value)).collect(),
        ),
        row(
            "授课教师",
            d.teacher
                .iter()
                .map(|p| person(c, &p.value, people.teacher))
                .collect(),
        ),
        // A reflection or observation links to the session it is about, as the session's page
        // links back to it.
        row(
            "关联活动",
            d.session
                .iter()
                .map(|s| match c.a.archive.resolve(d, &s.value) {
                    Target::Found(rel) => c.source_link(&rel),
                    _ => text(&s.value),
                })
                .collect(),
        ),
        row("学科", d.subject.iter().map(text).collect()),
        row("班级", d.class.iter().map(text).collect()),
        row(
            "负责人",
            d.leader
                .iter()
                .map(|p| person(c, &p.value, people.leader))
                .collect(),
        ),
        // A team written as a group or a role is shown as the teachers it stood for that day.
        row(
            "成员",
            if d.members.iter().any(|m| {
                matches!(
                    c.a.archive.roster.resolve(&m.value),
                    Referent::Everyone | Referent::Group(_) | Referent::Role(_)
                )
            }) {
                c.teacher_links(&people.members)
            } else {
                d.members
                    .iter()
                    .map(|p| person(c, &p.value, None))
                    .collect()
            },
        ),
        row("级别", d.level.iter().map(|v| text(&v.value)).collect()),
        row("阶段", d.stage.iter().map(|v| text(&v.value)).collect()),
        row(
            "标签",
            d.tags.iter().map(|t| term(c, Taxonomy::Tag, t)).collect(),
        ),
        row("源文件", vec![text(&d.path)]),
    ]);
    if d.private {
        rows.push(row(
            "公开范围",
            vec![text("内部（正文仅在校内版本中公开）")],
        ));
    }
    rows.into_iter().flatten().collect()
}

pub(super) fn approvals(d: &Document) -> Vec<ApprovalRow> {
    d.approvals
        .iter()
        .map(|a| ApprovalRow {
            by: a.by.clone(),
            opinion: a.opinion.clone(),
            date: a.date.map(|x| x.to_string()),
        })
        .collect()
}

pub(super) fn attachments(c: &Catalog, d: &Document) -> Vec<Link> {
    let publish = c.shows_text(d);
    d.attachments
        .iter()
        .map(|a| {
            let name = a.value.rsplit('/').next().unwrap_or(&a.value).to_string();
            let url = match c.a.archive.resolve(d, &a.value) {
                Target::Found(rel) if publish => c.urls.file(&rel).map(str::to_string),
                _ => None,
            };
            Link::new(name, url)
        })
        .collect()
}

/// Those of a record's `attachments` that are published and a browser shows as pictures.
pub(super) fn images(attachments: &[Link]) -> Vec<Link> {
    attachments
        .iter()
        .filter(|l| match l {
            Link::Made { url: Some(u), .. } => {
                let ext = u.rsplit_once('.').map_or("", |(_, e)| e);
                ["png", "jpg", "jpeg", "gif", "webp"].contains(&ext)
            }
            _ => false,
        })
        .cloned()
        .collect()
}

fn attendance(c: &Catalog, i: usize, d: &Document) -> Option<AttendanceView> {
    let p = &c.a.report.people[i];
    let att = p.attendance.as_ref()?;
    Some(AttendanceView {
        present: c.teacher_links(&att.present),
        absent: c.teacher_links(&att.absent),
        leave: c.teacher_links(&att.leave),
        uncounted: uncounted_absentees(&c.a.archive.roster, d, att)
            .into_iter()
            .map(str::to_string)
            .collect(),
        guests: d.guests.clone(),
        inactive: c.teacher_links(&p.inactive),
    })
}

pub(super) fn activities<'c>(c: &'c Catalog, i: usize, d: &Document) -> Vec<ActivityRow<'c>> {
    d.activities
        .iter()
        .map(|a| {
            let sessions =
                a.id.as_deref()
                    .and_then(|id| c.held_for.get(&(i, id.trim().to_string())))
                    .map(|v| c.listed_many(v.iter().copied()))
                    .unwrap_or_default();
            ActivityRow {
                id: a.id.clone(),
                content: a.content.clone(),
                time: a.time.clone(),
                audience: a.audience.clone(),
                department: a.department.clone(),
                owner: a.owner.clone(),
                note: a.note.clone(),
                sessions,
            }
        })
        .collect()
}

/// The page of record `i`, when it has one; `body` is its rendered body, when published.
pub fn page(c: &Catalog, i: usize, body: Option<&Body>) -> Option<Page> {
    let docs = &c.a.archive.documents;
    let r = c.record(i)?;
    let d = &docs[i];
    let root = root_of(&r.url);
    let (prev, next) = c.neighbours(i);
    let plan_item = c.plan_of.get(&i).map(|(p, id)| PlanItem {
        plan: c.source_link(&docs[*p].path),
        id: id.clone(),
        // A private plan's table is its substance, kept to the school with the rest of it.
        content: (docs[*p].activity(id))
            .filter(|_| c.shows_text(&docs[*p]))
            .and_then(|a| a.content.clone()),
    });
    let grants: Vec<Grant> = c
        .granted(i)
        .map(|e| Grant {
            teacher: c.teacher_link(e.teacher),
            hours: e.hours.to_string(),
        })
        .collect();
    let grant_each = grants
        .first()
        .filter(|g| grants.iter().all(|x| x.hours == g.hours))
        .map(|g| g.hours.clone());
    let grant_count = grants.len();
    let grants_to_present = grant_each.is_some()
        && d.kind == Some(Kind::Session)
        && c.a.report.people[i].attendance.as_ref().is_some_and(|att| {
            let present: std::collections::BTreeSet<_> = att.present.iter().collect();
            let granted: std::collections::BTreeSet<_> = c.granted(i).map(|e| &e.teacher).collect();
            present == granted
        });
    let grants = if grants_to_present {
        Vec::new()
    } else {
        grants
    };
    let attachments = attachments(c, d);
    let page = RecordPage {
        title: d.display_title(),
        record: r,
        meta: meta(c, i, d),
        body: body.map(|b| b.html_at(&root)),
        body_hidden: !c.shows_text(d),
        images: images(&attachments),
        attachments,
        attendance: if d.kind == Some(Kind::Session) {
            attendance(c, i, d)
        } else {
            None
        },
        plan_item,
        about: c
            .about_session
            .get(&i)
            .map(|v| c.records(v.iter().copied()))
            .unwrap_or_default(),
        activities: activities(c, i, d),
        approvals: approvals(d),
        grants,
        grant_count,
        grant_each,
        grants_to_present,
        problems: c
            .problems
            .get(d.path.as_str())
            .map(|v| {
                v.iter()
                    .map(|&n| &c.a.report.diagnostics[n])
                    .map(|x| ProblemRow::from(c, x))
                    .collect()
            })
            .unwrap_or_default(),
        year: d.in_year.map(|y| y.to_string()),
        year_url: d.in_year.map(Urls::year),
        prev: prev.and_then(|p| c.record(p)),
        next: next.and_then(|n| c.record(n)),
    };
    Some(Page::new(r.url.clone(), "record.html", &page))
}
