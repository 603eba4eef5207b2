//! Checks of one record on its own: required fields and sections, allowed values, dates.

use crate::archive::document::{Document, Spanned};
use crate::archive::keys::{self, Key};
use crate::diagnostic::{Code, Diagnostic};
use crate::kind::Kind;
use crate::rules::{CountsFor, Rules};
use chrono::NaiveDate;
use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

pub fn check(doc: &Document, rules: &Rules, today: NaiveDate, out: &mut Vec<Diagnostic>) {
    let Some(kind) = doc.kind else { return };
    // A reflection saved in 活动/ is said to be one, once, instead of a session missing its
    // speaker, attendees and hours and holding a form not a session's: following those would
    // make it a session.
    let writing = looks_like_writing(doc, kind, rules);
    if let Some(what) = writing {
        out.push(misfiled_writing(doc, what));
    }
    required_fields(doc, kind, rules, writing.is_some(), out);
    if writing.is_none() {
        allowed_values(doc, kind, rules, out);
    }
    // Only a session's hours are its own; other records get what the rules give their kind.
    // A teacher who writes 学时: 1 on a reflection expects it to count, and must know it won't.
    if kind != Kind::Session
        && let Some(h) = doc.hours
    {
        let given = match rules.credit.get(&kind).copied().filter(|&h| h > 0.0) {
            Some(g) => format!("规则规定每篇{}计 {g} 学时", kind.label()),
            None => format!("按规则{}不计学时", kind.label()),
        };
        out.push(
            Diagnostic::new(
                Code::HoursNotOwn,
                &doc.path,
                format!("{}记录中写的 {h} 学时不计入：{given}", kind.label()),
            )
            .at(doc.key_pos(Key::Hours))
            .help("删除这一行；学时随活动记录计给参加人员，其他记录计多少学时由学校在 yanxiu.yaml 中统一规定"),
        );
    }
    // One session worth more than a whole year's minimum: most often a slip (20 for 2.0), and
    // it would meet the year's hours for everyone there at once.
    if kind == Kind::Session
        && let Some(h) = doc.hours
        && rules.annual_min_hours > 0.0
        && h.as_f64() > rules.annual_min_hours
    {
        out.push(
            Diagnostic::new(
                Code::HoursImplausible,
                &doc.path,
                format!(
                    "这次活动记 {h} 学时，比每学年要求的 {} 学时还多，出席的教师凭这一次就达标了",
                    rules.annual_min_hours
                ),
            )
            .at(doc.key_pos(Key::Hours))
            .help("核对学时：是不是少写了小数点（如 2.5 写成了 25）？多日的集中培训确有这么多学时，可不必理会"),
        );
    }
    if let Some(d) = &doc.date
        && d.value > today
    {
        out.push(
            Diagnostic::new(
                Code::FutureDate,
                &doc.path,
                format!("日期 {} 在今天（{today}）之后", d.value),
            )
            .at(d.pos)
            .help("核对日期；尚未开展的活动可先写上 草稿: 是"),
        );
    }
    // A reflection in 活动/ (Y121) would only be told to grow a session's sections.
    if writing.is_none() {
        sections(doc, kind, rules, out);
    }
    if kind == Kind::Observation && doc.teacher.is_none() {
        lesson_teacher_missing(doc, rules, out);
    }
    if doc.unwritten() {
        out.push(
            Diagnostic::new(
                Code::EmptyBody,
                &doc.path,
                format!(
                    "这篇{}只有开头的信息区，正文和摘要都是空的：不计入规定的篇数，也不计学时",
                    kind.label()
                ),
            )
            .at(Some(crate::diagnostic::Position::line(doc.body_line)))
            .help("在结束的 --- 下面写上正文；还没写完的，可先在信息区加一行 草稿: 是"),
        );
    }
}

/// An observation that a rule counts for the teacher who gave the lesson (`counts_for:
/// teacher`, 上示范课), but that names no 授课教师: it would count for no one, in silence.
fn lesson_teacher_missing(doc: &Document, rules: &Rules, out: &mut Vec<Diagnostic>) {
    let form = doc.form.as_ref().map(|f| f.value.as_str());
    let Some(rule) = rules.required.iter().find(|r| {
        r.kind == Kind::Observation
            && r.counts_for == CountsFor::Teacher
            && r.form.as_deref().is_none_or(|f| Some(f) == form)
    }) else {
        return;
    };
    let what = form.map_or_else(|| "听课记录".to_string(), |f| format!("{f}的听课记录"));
    // A draft counts for no one anyway; said so, or the teacher fixes the wrong thing first.
    let when = if doc.draft {
        "写成正式记录后也"
    } else {
        "它"
    };
    out.push(
        Diagnostic::new(
            Code::NoLessonTeacher,
            &doc.path,
            format!(
                "这份{what}没有写授课教师：规则“{}”按授课教师统计，{when}不会计给任何人",
                rule.label
            ),
        )
        .at(doc
            .form
            .as_ref()
            .and_then(|f| f.pos)
            .or(doc.key_pos(Key::Author)))
        .help(format!(
            "在信息区加一行“{}: ”，冒号后写上这节课的教师的姓名（名册中的写法；作者是听课的人）",
            doc.key_spelling(Key::Teacher)
        )),
    );
}

/// The body's required `##` sections. Also for a record whose front matter could not be read:
/// its body is still the teacher's, and its gaps are worth knowing in the same pass.
pub fn sections(doc: &Document, kind: Kind, rules: &Rules, out: &mut Vec<Diagnostic>) {
    if let Some(required) = rules.sections.get(&kind) {
        let headings = h2_headings(doc.body());
        for section in required {
            if headings.iter().any(|h| h.contains(section.as_str())) {
                continue;
            }
            let d = match near_heading(doc, section) {
                // Written, but not as a second-level heading: say where, and how.
                Some((line, written)) => Diagnostic::new(
                    Code::MissingSection,
                    &doc.path,
                    format!("“{written}”不是二级标题，不算“## {section}”一节"),
                )
                .at(Some(crate::diagnostic::Position {
                    line,
                    column: 1,
                    width: written.chars().count() as u32,
                }))
                .help(format!("改成 ## {section}（两个 # 加一个半角空格）")),
                None => Diagnostic::new(
                    Code::MissingSection,
                    &doc.path,
                    format!("{}记录的正文缺少“## {section}”一节", kind.label()),
                )
                .help(format!("在正文中加上一行 ## {section}，写下相应内容")),
            };
            out.push(d);
        }
    }
}

fn is_set(doc: &Document, key: Key) -> bool {
    match key {
        Key::Title => doc.title.is_some(),
        Key::Date => doc.date.is_some(),
        Key::Kind => doc.kind.is_some(),
        Key::Tags => !doc.tags.is_empty(),
        Key::Domain => doc.domain.is_some(),
        Key::Summary => doc.summary.is_some(),
        Key::Author => doc.author.is_some(),
        Key::Attachments => !doc.attachments.is_empty(),
        Key::Speaker => doc.speaker.is_some(),
        Key::Form => doc.form.is_some(),
        Key::Hours => doc.hours.is_some(),
        Key::Attendees => !doc.attendees.is_empty(),
        Key::Absent => !doc.absent.is_empty(),
        Key::Leave => !doc.leave.is_empty(),
        Key::Guests => !doc.guests.is_empty(),
        Key::Location => doc.location.is_some(),
        Key::Organizer => doc.organizer.is_some(),
        Key::PlanItem => doc.plan_item.is_some(),
        Key::Session => doc.session.is_some(),
        Key::Teacher => doc.teacher.is_some(),
        Key::Subject => doc.subject.is_some(),
        Key::Class => doc.class.is_some(),
        Key::Leader => doc.leader.is_some(),
        Key::Members => !doc.members.is_empty(),
        Key::Level => doc.level.is_some(),
        Key::Stage => doc.stage.is_some(),
        Key::SchoolYear => doc.school_year.is_some(),
        Key::Semester => doc.semester.is_some(),
        Key::Year => doc.year.is_some(),
        Key::Activities => !doc.activities.is_empty(),
        Key::Approvals => !doc.approvals.is_empty(),
        Key::Draft | Key::Private | Key::Extra => doc.has_key(key),
    }
}

/// A key whose value was written but could not be read has its own diagnostic already.
fn missing(doc: &Document, key: Key) -> bool {
    let unreadable_value = matches!(
        key,
        Key::Date | Key::Hours | Key::SchoolYear | Key::Semester | Key::Kind | Key::Year
    );
    let reported_elsewhere =
        (unreadable_value && doc.has_key(key) && !doc.empty_keys.contains(&key))
            || doc.wrong_keys.contains(&key);
    !is_set(doc, key) && !reported_elsewhere
}

/// What a record of `活动/` (its kind from the folder) most likely is, when it reads as a
/// teacher's writing: an author, none of a session's speaker, attendees or hours, and no form of
/// a session's.
fn looks_like_writing(doc: &Document, kind: Kind, rules: &Rules) -> Option<Kind> {
    let session_form = doc.form.as_ref().is_some_and(|f| {
        rules
            .forms_for(Kind::Session)
            .is_none_or(|forms| forms.contains(&f.value))
    });
    (kind == Kind::Session
        && !doc.has_key(Key::Kind)
        && doc.has_key(Key::Author)
        && !session_form
        && ![Key::Speaker, Key::Attendees, Key::Hours]
            .iter()
            .any(|&k| doc.has_key(k)))
    .then(|| {
        if doc.has_key(Key::Teacher) {
            Kind::Observation
        } else {
            Kind::Reflection
        }
    })
}

fn misfiled_writing(doc: &Document, what: Kind) -> Diagnostic {
    let (name, folder) = match what {
        Kind::Observation => ("听课记录", "听课"),
        _ => ("反思", "反思"),
    };
    Diagnostic::new(
        Code::LooksLikeAnotherKind,
        &doc.path,
        format!(
            "这份记录写了作者，没有主讲人、参加人员和学时，像一篇{name}，却放在 活动/ 文件夹中：按活动记录，它缺少主讲人、参加人员和学时"
        ),
    )
    .at(doc.key_pos(Key::Author))
    .help(format!(
        "若是{name}，把它移到本学年的 {folder}/ 文件夹（或加一行 类型: {folder}）；若确是活动记录，写上主讲人、参加人员和学时"
    ))
}

/// How to mend a required field that is missing or left empty.
enum Mend {
    /// A line to add (after `place`, where it needs saying), or to fill in when it is there.
    Line { place: &'static str, line: String },
    /// The rules' words, the same either way.
    Rule(String),
}

impl Mend {
    fn help(self, empty: bool) -> String {
        match self {
            Mend::Line { line, .. } if empty => format!("在这一行填上，例如 {line}"),
            Mend::Line { place, line } => format!("{place}加上一行 {line}"),
            Mend::Rule(help) => help,
        }
    }
}

fn required_fields(
    doc: &Document,
    kind: Kind,
    rules: &Rules,
    writing: bool,
    out: &mut Vec<Diagnostic>,
) {
    // A key written with nothing after it is shown at its line: the teacher sees the gap.
    let mut push = |key: Key, mend: Mend| {
        // Written, but under a name misspelt (`atendees`): said at that line, with the name
        // to write instead, rather than as a field to add.
        if let Some((_, written, at)) = doc.misspelt_keys.iter().find(|(k, ..)| *k == key) {
            let right = if written.is_ascii() {
                key.name()
            } else {
                key.alias()
            };
            out.push(
                Diagnostic::new(
                    Code::MissingField,
                    &doc.path,
                    format!(
                        "缺少必填字段 {}：第 {} 行的“{written}”不是可识别的键，像是把 {right} 写错了",
                        doc.key_named(key),
                        at.line
                    ),
                )
                .at(Some(*at))
                .help(format!("把第 {} 行的 {written} 改成 {right}", at.line)),
            );
            return;
        }
        let empty = doc.empty_keys.contains(&key);
        let message = if empty {
            format!("必填字段 {} 没有填写", doc.key_named(key))
        } else {
            format!("缺少必填字段 {}", doc.key_named(key))
        };
        out.push(
            Diagnostic::new(Code::MissingField, &doc.path, message)
                .at(doc.key_pos(key))
                .help(mend.help(empty)),
        );
    };
    if missing(doc, Key::Title) {
        push(
            Key::Title,
            Mend::Line {
                place: "在文件开头的信息区（两行 --- 之间）",
                line: "标题: …".into(),
            },
        );
    }
    let dated_by_period = matches!(kind, Kind::Plan | Kind::Summary)
        && (doc.has_key(Key::SchoolYear) || doc.has_key(Key::Year));
    if missing(doc, Key::Date) && !dated_by_period {
        let line = if matches!(kind, Kind::Plan | Kind::Summary) {
            "日期: 2024-09-01，或 学年: \"2024-2025\""
        } else {
            "日期: 2024-09-12"
        };
        push(
            Key::Date,
            Mend::Line {
                place: "",
                line: line.into(),
            },
        );
    }
    for &key in rules.fields.get(&kind).map(Vec::as_slice).unwrap_or(&[]) {
        // Said once, by Y121, for a reflection in 活动/.
        let said = writing && matches!(key, Key::Speaker | Key::Attendees | Key::Hours);
        if missing(doc, key) && !said {
            push(
                key,
                Mend::Rule(format!(
                    "{}记录须写明 {}，例如 {}",
                    kind.label(),
                    doc.key_named(key),
                    example(key, kind, rules)
                )),
            );
        }
    }
}

/// A line that would satisfy the rule: for a form, one this kind of record may have.
fn example(key: Key, kind: Kind, rules: &Rules) -> String {
    if key == Key::Form
        && let Some(first) = rules.forms_for(kind).and_then(<[String]>::first)
    {
        return format!("形式: {first}");
    }
    match key {
        Key::Speaker => "主讲人: 王丽",
        Key::Form => "形式: 集体备课",
        Key::Hours => "学时: 2",
        Key::Attendees => "参加人员: 全体教师",
        Key::Author => "作者: 王丽",
        Key::Leader => "负责人: 王丽",
        Key::Level => "级别: 校级",
        Key::Stage => "阶段: 开题",
        Key::Domain => "领域: 教师成长",
        _ => "键: 值",
    }
    .to_string()
}

fn allowed_values(doc: &Document, kind: Kind, rules: &Rules, out: &mut Vec<Diagnostic>) {
    let mut check = |value: &Option<Spanned<String>>, allowed: &[String], what: &str, key: Key| {
        let Some(v) = value else { return };
        if allowed.is_empty() || allowed.iter().any(|a| a == &v.value) {
            return;
        }
        let suggestion = keys::did_you_mean(&v.value, allowed.iter().map(String::as_str));
        let list = allowed.join("、");
        let help = match suggestion {
            Some(s) => format!("是不是“{s}”？可选的{what}：{list}"),
            None => format!("可选的{what}：{list}（可在 yanxiu.yaml 中配置）"),
        };
        out.push(
            Diagnostic::new(
                Code::ValueNotAllowed,
                &doc.path,
                format!("{}“{}”不在配置的{what}中", doc.key_lead(key), v.value),
            )
            .at(v.pos)
            .help(help),
        );
    };
    check(&doc.domain, &rules.domains, "领域", Key::Domain);
    if let Some(forms) = rules.forms_for(kind) {
        check(
            &doc.form,
            forms,
            &format!("{}形式", kind.label()),
            Key::Form,
        );
    }
    if kind == Kind::Research {
        check(&doc.level, &rules.levels, "级别", Key::Level);
        check(&doc.stage, &rules.stages, "阶段", Key::Stage);
    }
}

/// Texts of the `##` headings of a Markdown body.
/// A body line that is the section's heading written some other way (`### 研讨记录`,
/// `##研讨记录`, `##　研讨记录`, `# 研讨记录`, or the name alone on a line), with its line.
fn near_heading(doc: &Document, section: &str) -> Option<(u32, String)> {
    doc.body().lines().enumerate().find_map(|(n, line)| {
        let text = line.trim();
        let name = text
            .trim_start_matches(['#', '＃'])
            .trim_start_matches([' ', '\u{3000}', '\t'])
            .trim_end_matches(['：', ':']);
        (name == section || (text.starts_with(['#', '＃']) && name.starts_with(section)))
            .then(|| (doc.body_line + n as u32, text.to_string()))
    })
}

pub fn h2_headings(body: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    for event in Parser::new(body) {
        match event {
            Event::Start(Tag::Heading {
                level: HeadingLevel::H2,
                ..
            }) => current = Some(String::new()),
            Event::End(TagEnd::Heading(HeadingLevel::H2)) => out.extend(current.take()),
            Event::Text(t) | Event::Code(t) => {
                if let Some(c) = current.as_mut() {
                    c.push_str(&t);
                }
            }
            _ => {}
        }
    }
    out
}
