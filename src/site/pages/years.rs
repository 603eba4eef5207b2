//! Per school year: its plan and summary, the sessions with attendance, the teachers' writing,
//! research, and the year's checklist; and the year printed as one document.

use crate::dates::{SchoolYear, Semester};
use crate::kind::Kind;
use crate::site::catalog::{Bodies, Catalog, Link, RecordRef};
use crate::site::pages::findings::{self, FindingRow, TeacherRuleRow};
use crate::site::urls::Urls;
use crate::site::{Deferred, Page};
use serde::Serialize;

#[derive(Serialize)]
pub(super) struct SessionRow {
    pub(super) record: RecordRef,
    pub(super) speaker: Option<String>,
    /// The speaker's page of the year, when a roster teacher.
    pub(super) speaker_link: Option<Link>,
    pub(super) hours: Option<String>,
    pub(super) present: usize,
    pub(super) absent: Vec<Link>,
    pub(super) leave: Vec<Link>,
    /// Absentees written and not counted so (see `records::AttendanceView`).
    pub(super) uncounted: Vec<String>,
    /// Reflections and observations naming the session in 关联活动, counted apart: an inspector
    /// checks each against its own rule.
    pub(super) reflections: usize,
    pub(super) observations: usize,
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
    /// The year's private sessions left unpublished: counted in the hours and the checklist,
    /// so named here by file, without their attendance.
    private_sessions: Vec<&'c RecordRef>,
    reflections: ByTeacher<'c>,
    observations: ByTeacher<'c>,
    research: Vec<&'c RecordRef>,
    school_items: Vec<FindingRow>,
    teacher_items: Vec<TeacherRuleRow>,
}

/// A year's reflections or observations, counted per teacher and semester, each count linked
/// to the teacher's page of the year that lists them with the session each is about. One row
/// per teacher of the year, so that the page grows with the roster, not with the archive, and
/// an inspector finds a teacher by name (the rules ask for so many per teacher and semester).
#[derive(Serialize)]
struct ByTeacher<'c> {
    total: usize,
    rows: Vec<WriterRow>,
    /// Records whose author is no teacher of the year (an error or a warning, listed on
    /// 档案检查): the first few, and how many more.
    unattributed: Vec<&'c RecordRef>,
    more: usize,
}

#[derive(Serialize)]
struct WriterRow {
    teacher: Link,
    group: Option<String>,
    /// The teacher's page of the year, at the list of these records.
    url: String,
    semesters: [usize; 2],
    total: usize,
    /// `中途入职` …: why a zero may not be a gap.
    midway: Option<&'static str>,
}

const UNATTRIBUTED_SHOWN: usize = 20;

fn by_teacher<'c>(c: &'c Catalog, y: SchoolYear, kind: Kind) -> ByTeacher<'c> {
    let anchor = match kind {
        Kind::Observation => "observations",
        _ => "reflections",
    };
    let teachers =
        c.a.ledger
            .years
            .iter()
            .find(|l| l.school_year == y)
            .map_or(&[][..], |l| &l.teachers[..]);
    let rows: Vec<WriterRow> = teachers
        .iter()
        .map(|x| {
            let mut semesters = [0; 2];
            let mut total = 0;
            let folio = c.portfolios[x.teacher.0 as usize].years.get(&y);
            for &i in folio.map_or(&[][..], |f| &f.authored[..]) {
                let d = c.doc(i);
                if d.kind != Some(kind) || c.listed(i).is_none() {
                    continue;
                }
                total += 1;
                if let Some(n) = d
                    .in_semester
                    .and_then(|s| Semester::BOTH.iter().position(|&b| b == s))
                {
                    semesters[n] += 1;
                }
            }
            WriterRow {
                teacher: c.teacher_link(x.teacher),
                group: c.teacher(x.teacher).group.clone(),
                url: format!("{}#{anchor}", c.urls.teacher_year(x.teacher, y)),
                semesters,
                total,
                midway: x.midway.map(|m| m.label()),
            }
        })
        .collect();
    // Counted as the rules count them: what has nothing written yet (Y119) is not.
    let mut all = c.listed_of_kind_in(kind, y);
    all.retain(|&i| !c.doc(i).unwritten());
    let total = all.len();
    let unattributed: Vec<usize> = all
        .into_iter()
        .filter(|&i| {
            // No row holds it: no author of the roster, or one not on staff in the year. A
            // year's teachers are in roster order.
            c.a.report.people[i]
                .author
                .is_none_or(|t| teachers.binary_search_by_key(&t, |x| x.teacher).is_err())
        })
        .collect();
    ByTeacher {
        total,
        rows,
        more: unattributed.len().saturating_sub(UNATTRIBUTED_SHOWN),
        unattributed: c.listed_many(unattributed.into_iter().take(UNATTRIBUTED_SHOWN)),
    }
}

pub(super) fn session_row(c: &Catalog, i: usize) -> Option<SessionRow> {
    let d = c.doc(i);
    let att = c.a.report.people[i].attendance.as_ref();
    let about = |k: Kind| {
        c.about_session.get(&i).map_or(0, |v| {
            v.iter().filter(|&&r| c.doc(r).kind == Some(k)).count()
        })
    };
    let year_links = |ts: &[crate::roster::TeacherIdx]| -> Vec<Link> {
        match d.in_year {
            Some(y) => ts.iter().map(|&t| c.teacher_year_link(t, y)).collect(),
            None => c.teacher_links(ts),
        }
    };
    Some(SessionRow {
        record: c.record(i)?.clone(),
        speaker: d.speaker.as_ref().map(|s| s.value.clone()),
        speaker_link: c.a.report.people[i]
            .speaker
            .zip(d.in_year)
            .map(|(t, y)| c.teacher_year_link(t, y)),
        hours: d.hours.map(|h| h.to_string()),
        present: att.map_or(0, |a| a.present.len()),
        // To their pages of the year, as the speaker's: where the absence is listed.
        absent: att.map(|a| year_links(&a.absent)).unwrap_or_default(),
        leave: att.map(|a| year_links(&a.leave)).unwrap_or_default(),
        uncounted: att
            .map(|a| crate::check::people::uncounted_absentees(&c.a.archive.roster, d, a))
            .unwrap_or_default()
            .into_iter()
            .map(str::to_string)
            .collect(),
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
    // A private record of the year is listed as such: the checklist above counts it.
    let of = |k| c.listed_many(c.listed_of_kind_in(k, y));
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
            private_sessions: c.listed_many(c.kept_private_in(Kind::Session, y)),
            reflections: by_teacher(c, y, Kind::Reflection),
            observations: by_teacher(c, y, Kind::Observation),
            research: of(Kind::Research),
            school_items,
            teacher_items,
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
    // Counted as the year's page counts them: a private record of the year too (it is listed
    // there as such), a reflection with nothing written yet not (Y119).
    let count = |k: Kind, y: SchoolYear| {
        let mut listed = c.listed_of_kind_in(k, y);
        if matches!(k, Kind::Reflection | Kind::Observation) {
            listed.retain(|&i| !c.doc(i).unwritten());
        }
        listed.len()
    };
    let years = c
        .by_year
        .keys()
        .rev()
        .map(|&y| {
            let counts: Vec<usize> = KINDS.iter().map(|&k| count(k, y)).collect();
            YearRow {
                school_year: y.to_string(),
                url: Urls::year(y),
                print_url: Urls::year_print(y),
                records: counts.iter().sum(),
                counts,
            }
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
        Deferred::new(move || super::print::page(c, y, bodies)),
    ]
}
