//! Checks between records, run once every file is loaded: 关联活动, 计划项, attachments,
//! Markdown links, and duplicates.

use crate::archive::document::{Document, Spanned};
use crate::archive::{Archive, Target, has_scheme};
use crate::diagnostic::{Code, Diagnostic, Position};
use crate::kind::Kind;
use pulldown_cmark::{Event, Parser, Tag};
use rayon::prelude::*;
use std::collections::HashMap;

/// `plans` are the archive's counted plans, gathered once per run so that a session's
/// 计划项 is checked against a handful of plans rather than the whole archive.
pub fn check(archive: &Archive, plans: &[&Document], doc: &Document, out: &mut Vec<Diagnostic>) {
    if let Some(s) = &doc.session {
        session(archive, doc, s, out);
    }
    if let Some(item) = &doc.plan_item {
        plan_item(plans, doc, item, out);
    }
    for a in &doc.attachments {
        match archive.resolve(doc, &a.value) {
            Target::Found(_) => {}
            Target::Outside => out.push(outside(doc, a)),
            Target::Missing(rel) => out.push(
                Diagnostic::new(
                    Code::AttachmentMissing,
                    &doc.path,
                    format!("附件“{}”不存在（查找位置：{rel}）", a.value),
                )
                .at(a.pos)
                .help(
                    "把文件放进档案文件夹；路径相对于本记录所在文件夹，以 / 开头则相对于档案根目录",
                ),
            ),
        }
    }
    links(archive, doc, out);
}

fn outside(doc: &Document, s: &Spanned<String>) -> Diagnostic {
    Diagnostic::new(
        Code::OutsideArchive,
        &doc.path,
        format!("路径“{}”指向档案文件夹之外，不会读取或复制", s.value),
    )
    .at(s.pos)
    .help("只能引用档案文件夹内的文件：把文件复制进档案（如 附件/ 文件夹）再引用")
}

fn session(archive: &Archive, doc: &Document, s: &Spanned<String>, out: &mut Vec<Diagnostic>) {
    match archive.resolve(doc, &s.value) {
        Target::Outside => out.push(outside(doc, s)),
        Target::Found(rel) if archive.document(&rel).is_some() => {}
        Target::Found(rel) | Target::Missing(rel) => {
            let near = super::nearest::sessions(archive, doc, &rel);
            let shown = |d: &Document| {
                format!(
                    "{}（{} {}）",
                    relative_from(doc.folder(), &d.path),
                    d.date().map(|x| x.to_string()).unwrap_or_default(),
                    d.display_title()
                )
            };
            let hint = match near.as_slice() {
                [] => "写活动记录文件的路径，相对于本记录所在文件夹，例如 ../活动/2024-09-12-集体备课.md".to_string(),
                [one] => format!("是不是 {}？", shown(one)),
                many => format!(
                    "是不是以下活动记录之一：{}？",
                    many.iter().map(|d| shown(d)).collect::<Vec<_>>().join("；")
                ),
            };
            out.push(
                Diagnostic::new(
                    Code::SessionMissing,
                    &doc.path,
                    format!("关联活动“{}”不存在（查找位置：{rel}）", s.value),
                )
                .at(s.pos)
                .help(hint),
            );
        }
    }
}

/// The path from a folder to a file, both archive-relative.
fn relative_from(folder: &str, target: &str) -> String {
    let from: Vec<&str> = folder.split('/').filter(|p| !p.is_empty()).collect();
    let to: Vec<&str> = target.split('/').collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<&str> = vec![".."; from.len() - common];
    parts.extend(&to[common..]);
    parts.join("/")
}

/// The counted plans of an archive.
pub fn plans(archive: &Archive) -> Vec<&Document> {
    archive
        .documents
        .iter()
        .filter(|p| p.kind == Some(Kind::Plan) && p.counts())
        .collect()
}

fn plan_item(
    all_plans: &[&Document],
    doc: &Document,
    item: &Spanned<String>,
    out: &mut Vec<Diagnostic>,
) {
    let wanted = item.value.trim();
    if plan_holding(all_plans, doc, wanted).is_some() {
        return;
    }
    let plans: Vec<&Document> = all_plans
        .iter()
        .copied()
        .filter(|p| covers(p, doc))
        .collect();
    let (msg, help) = if plans.is_empty() {
        (
            format!(
                "计划项“{wanted}”无从对照：没有覆盖 {} 的计划",
                doc.date()
                    .map(|d| d.to_string())
                    .unwrap_or_else(|| "该记录日期".into())
            ),
            "先建立该学年的计划（类型: 计划），在 活动安排 中列出带 序号 的活动".to_string(),
        )
    } else {
        let ids: Vec<String> = plans
            .iter()
            .flat_map(|p| p.activities.iter())
            .filter_map(|a| {
                a.id.as_ref()
                    .map(|id| format!("{id} {}", a.content.as_deref().unwrap_or("")))
            })
            .take(10)
            .collect();
        (
            format!(
                "计划项“{wanted}”不是 {} 中的活动序号",
                plans
                    .iter()
                    .map(|p| p.path.as_str())
                    .collect::<Vec<_>>()
                    .join("、")
            ),
            if ids.is_empty() {
                "该计划的 活动安排 中没有 序号，请先给活动编号".to_string()
            } else {
                format!("可用的序号：{}", ids.join("；"))
            },
        )
    };
    out.push(
        Diagnostic::new(Code::PlanItemMissing, &doc.path, msg)
            .at(item.pos)
            .help(help),
    );
}

/// The plan covering `doc` that lists activity `id`: where a session's `plan_item` points.
pub fn plan_holding<'a>(plans: &[&'a Document], doc: &Document, id: &str) -> Option<&'a Document> {
    plans
        .iter()
        .copied()
        .find(|p| covers(p, doc) && p.activity(id).is_some())
}

/// A plan covers a record when it is for the record's school year (and semester, if the plan
/// names one), or for the calendar year of a 年度 plan.
pub fn covers(plan: &Document, doc: &Document) -> bool {
    if plan.school_year.is_none() && plan.year.is_some() {
        return plan.year == doc.calendar_year;
    }
    plan.in_year.is_some()
        && plan.in_year == doc.in_year
        && (plan.semester.is_none() || plan.in_semester == doc.in_semester)
}

fn is_external(url: &str) -> bool {
    url.starts_with('#') || has_scheme(url)
}

/// Markdown links in the body to records or files that do not exist.
pub fn links(archive: &Archive, doc: &Document, out: &mut Vec<Diagnostic>) {
    let body = doc.body();
    if !body.contains("](") && !body.contains("]:") {
        return;
    }
    for (event, range) in Parser::new(body).into_offset_iter() {
        let url = match event {
            Event::Start(Tag::Link { dest_url, .. })
            | Event::Start(Tag::Image { dest_url, .. }) => dest_url,
            _ => continue,
        };
        if url.is_empty() || is_external(&url) {
            continue;
        }
        let pos = body_position(doc, range.start);
        let s = Spanned::new(url.to_string(), Some(pos));
        match archive.resolve(doc, &url) {
            Target::Found(_) => {}
            Target::Outside => out.push(outside(doc, &s)),
            Target::Missing(rel) => out.push(
                Diagnostic::new(
                    Code::BrokenLink,
                    &doc.path,
                    format!("链接“{url}”指向的记录或文件不存在（查找位置：{rel}）"),
                )
                .at(Some(pos))
                .help("核对链接路径：相对于本记录所在文件夹，以 / 开头则相对于档案根目录"),
            ),
        }
    }
}

fn body_position(doc: &Document, offset: usize) -> Position {
    let body = doc.body();
    let before = &body[..offset];
    let line = doc.body_line + before.matches('\n').count() as u32;
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    let column = body[line_start..offset].chars().count() as u32 + 1;
    let width = body[offset..]
        .split('\n')
        .next()
        .map(|l| l.find(')').map(|e| l[..=e].chars().count()).unwrap_or(0))
        .unwrap_or(0) as u32;
    Position {
        line,
        column,
        width,
    }
}

/// What two records must share to be called duplicates.
#[derive(PartialEq, Eq)]
struct Identity<'a> {
    kind: Kind,
    date: Option<chrono::NaiveDate>,
    title: &'a str,
    /// Author, speaker or leader, spaces removed.
    person: String,
}

/// Same kind, date, title and person, or the same body: both files are flagged, each naming
/// the other (a copy's name, `…(1).md` or `… - 副本.md`, may sort before the original's, and
/// `check 副本.md` must say it is one). Returns the exact copies (see [`exact_copy`]) as
/// copy → the first record of its kind in path order, which the ledger credits once.
pub fn duplicates(archive: &Archive, out: &mut Vec<Diagnostic>) -> HashMap<usize, usize> {
    use xxhash_rust::xxh3::xxh3_64;
    // Keys are hashed in parallel (the bodies are most of the archive's bytes); a hash match is
    // confirmed by comparing the records themselves.
    type Keys<'a> = (Option<(u64, Identity<'a>)>, Option<(u64, &'a str)>);
    let keys: Vec<(usize, Keys)> = archive
        .documents
        .par_iter()
        .enumerate()
        .filter(|(_, d)| d.counts())
        .filter_map(|(i, doc)| {
            let kind = doc.kind?;
            let identity = (doc.title.is_some() && doc.date.is_some()).then(|| {
                let id = Identity {
                    kind,
                    date: doc.date(),
                    title: doc.title.as_deref().unwrap_or_default(),
                    person: person_key(doc),
                };
                let text = format!(
                    "{}\u{0}{:?}\u{0}{}\u{0}{}",
                    id.kind.as_str(),
                    id.date,
                    id.title,
                    id.person
                );
                (xxh3_64(text.as_bytes()), id)
            });
            let body = long_body(doc).map(|body| (xxh3_64(body.as_bytes()), body));
            Some((i, (identity, body)))
        })
        .collect();
    let docs = &archive.documents;
    // Sized once: the live preview checks the whole archive again after every edit.
    let mut by_identity: HashMap<u64, Vec<(&Identity, usize)>> = HashMap::with_capacity(keys.len());
    let mut by_body: HashMap<u64, Vec<(&str, usize)>> = HashMap::with_capacity(keys.len());
    let mut copies: HashMap<usize, usize> = HashMap::new();
    for (i, (identity, body)) in &keys {
        let mut first = None;
        if let Some((h, id)) = identity {
            let seen = by_identity.entry(*h).or_default();
            match seen.iter().find(|(other, _)| *other == id) {
                Some((_, f)) => first = Some((*f, "类型、日期、标题和人员都相同")),
                None => seen.push((id, *i)),
            }
        }
        if first.is_none()
            && let Some((h, text)) = body
        {
            let seen = by_body.entry(*h).or_default();
            match seen.iter().find(|(other, _)| other == text) {
                Some((_, f)) => first = Some((*f, "正文完全相同")),
                None => seen.push((text, *i)),
            }
        }
        let Some((f, why)) = first else { continue };
        let (this, other) = (&docs[*i], &docs[f]);
        let copy = exact_copy(this, other);
        if copy {
            // To the first of the set: a copy of a copy is credited once all the same.
            copies.insert(*i, copies.get(&f).copied().unwrap_or(f));
        }
        let (this_note, other_note) = if copy {
            (
                format!(
                    "；学时和完整性都只按 {} 计一次，副本不重复计学时，也不重复计入完整性",
                    other.path
                ),
                "；学时和完整性都只按这一份计一次，副本不重复计学时，也不重复计入完整性"
                    .to_string(),
            )
        } else {
            (String::new(), String::new())
        };
        let help = if copy {
            "若是重复提交，删除其中一份；若确是两份不同的记录，请修改正文加以区分（改后两份都计学时）"
        } else {
            "若是重复提交，删除其中一份；若是不同的记录，请修改标题或正文加以区分"
        };
        out.push(
            Diagnostic::new(
                Code::DuplicateRecord,
                &this.path,
                format!("与 {} 疑似重复（{why}）{this_note}", other.path),
            )
            .help(help),
        );
        out.push(
            Diagnostic::new(
                Code::DuplicateRecord,
                &other.path,
                format!("与 {} 疑似重复（{why}）{other_note}", this.path),
            )
            .help(help),
        );
    }
    copies
}

/// Author, speaker or leader, spaces removed.
fn person_key(doc: &Document) -> String {
    doc.author
        .as_ref()
        .or(doc.speaker.as_ref())
        .or(doc.leader.as_ref())
        .map(|p| crate::roster::name_key(&p.value))
        .unwrap_or_default()
}

/// The body, when long enough to compare: short bodies (a line or two) are too often alike by
/// chance to call duplicates.
fn long_body(doc: &Document) -> Option<&str> {
    let body = doc.body().trim();
    body.chars().nth(39).is_some().then_some(body)
}

/// One record filed twice: the same kind, date and person, and the same (long) body. Two
/// teachers may give one title to their reflections, and one teacher may write two on a day,
/// so a shared title alone, or a body shared by two people, is never this.
fn exact_copy(a: &Document, b: &Document) -> bool {
    let person = person_key(a);
    a.kind == b.kind
        && a.date() == b.date()
        && !person.is_empty()
        && person == person_key(b)
        && long_body(a).is_some_and(|body| Some(body) == long_body(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths() {
        assert_eq!(
            relative_from("2024-2025/反思", "2024-2025/活动/a.md"),
            "../活动/a.md"
        );
        assert_eq!(relative_from("", "a/b.md"), "a/b.md");
    }

    #[test]
    fn external_links() {
        assert!(is_external("https://example.com"));
        assert!(is_external("mailto:a@b.c"));
        assert!(is_external("#top"));
        assert!(!is_external("../活动/a.md"));
    }
}
