//! Checks between records, run once every file is loaded: 关联活动, 计划项, attachments,
//! Markdown links, and duplicates.

use crate::archive::document::{Document, Spanned};
use crate::archive::{Archive, Target, has_scheme};
use crate::diagnostic::{Code, Diagnostic, Position};
use crate::kind::Kind;
use pulldown_cmark::{Event, Parser, Tag};

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
            Target::Missing(rel) => out.push(match computer_path(&a.value) {
                // `C:\Users\…\Desktop\板书.jpg`: where the file is on the teacher's computer,
                // which the archive (and the inspector's copy of it) does not have.
                Some(name) => Diagnostic::new(
                    Code::AttachmentMissing,
                    &doc.path,
                    format!(
                        "附件“{}”是这个文件在你电脑上的位置，档案里没有这个文件",
                        a.value
                    ),
                )
                .at(a.pos)
                .help(format!(
                    "把“{name}”复制到档案的 附件/ 文件夹，再写成 /附件/{name}"
                )),
                None => Diagnostic::new(
                    Code::AttachmentMissing,
                    &doc.path,
                    format!("附件“{}”不存在（查找位置：{rel}）", a.value),
                )
                .at(a.pos)
                .help(
                    "把文件放进档案文件夹；路径相对于本记录所在文件夹，以 / 开头则相对于档案根目录",
                ),
            }),
        }
    }
    links(archive, doc, out);
}

/// The file name of a path on a Windows computer (`C:\…\板书.jpg`, `D:/照片/板书.jpg`) or in
/// a home folder (`~/…`, `/Users/…`, `/home/…`).
fn computer_path(path: &str) -> Option<&str> {
    let p = path.trim();
    let bytes = p.as_bytes();
    let drive = bytes.len() > 2
        && bytes[0].is_ascii_alphabetic()
        && bytes[1] == b':'
        && matches!(bytes[2], b'\\' | b'/');
    let home = ["~/", "/Users/", "/home/"].iter().any(|h| p.starts_with(h));
    (drive || home)
        .then(|| p.rsplit(['\\', '/']).next())
        .flatten()
        .filter(|name| !name.is_empty())
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
        Target::Found(rel) if archive.document(&rel).is_some() => {
            let target = archive.document(&rel).expect("found above");
            // A target that cannot be read says so itself; what it is cannot be told.
            let Some(kind) = target
                .kind
                .filter(|k| *k != Kind::Session && !target.unread())
            else {
                return;
            };
            let near = super::nearest::sessions(archive, doc, &rel);
            let help = match near.first() {
                Some(d) => format!(
                    "关联活动写本篇所记的那次活动的记录，例如 {}",
                    relative_from(doc.folder(), &d.path)
                ),
                None => "关联活动写本篇所记的那次活动的记录（活动/ 文件夹中的文件）；没有对应的活动就删掉这一行".to_string(),
            };
            out.push(
                Diagnostic::new(
                    Code::SessionNotSession,
                    &doc.path,
                    format!(
                        "关联活动“{}”是一份{}记录，不是活动记录：它不会列在任何活动之下",
                        s.value,
                        kind.label()
                    ),
                )
                .at(s.pos)
                .help(help),
            );
        }
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

/// The counted plans of an archive, and the records that may be plans but could not be read:
/// a session's 计划项 is not said to be missing from a plan whose own error already says what
/// to mend (13 false errors on the sessions of a year whose plan had a Tab in it).
pub fn plans(archive: &Archive) -> Vec<&Document> {
    archive
        .documents
        .iter()
        .filter(|p| {
            (p.kind == Some(Kind::Plan) && p.counts())
                || (p.unread() && (p.kind == Some(Kind::Plan) || p.kind.is_none() && named_plan(p)))
        })
        .collect()
}

/// `2025-2026/计划.md`, `学年计划-修订.md`: a record whose name says it is a plan.
fn named_plan(doc: &Document) -> bool {
    let name = doc.path.rsplit('/').next().unwrap_or_default();
    name.contains("计划") || name.to_ascii_lowercase().contains("plan")
}

/// An unreadable plan filed in `doc`'s school year, which may be the plan `doc` names; or a
/// plan covering `doc` whose 活动安排 is written but could not be read (its own error says so).
fn unread_plan_for(plan: &Document, doc: &Document) -> bool {
    (plan.unread() && plan.folder_year().is_some() && plan.folder_year() == doc.in_year)
        || (covers(plan, doc)
            && plan.activities.is_empty()
            && plan.has_key(crate::archive::keys::Key::Activities))
}

fn plan_item<'a>(
    all_plans: &[&'a Document],
    doc: &'a Document,
    item: &Spanned<String>,
    out: &mut Vec<Diagnostic>,
) {
    let wanted = item.value.trim();
    if plan_holding(all_plans, doc, wanted).is_some() {
        return;
    }
    if all_plans.iter().any(|p| unread_plan_for(p, doc)) {
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
            // A private plan's items by number only: this message is the session's, published
            // with it, and the plan's table is what the plan keeps to the school.
            .flat_map(|p| p.activities.iter().map(|a| (p.private, a)))
            .filter_map(|(private, a)| {
                a.id.as_ref().map(|id| match a.content.as_deref() {
                    Some(content) if !private => format!("{id} {content}"),
                    _ => id.to_string(),
                })
            })
            .take(11)
            .collect();
        let more = if ids.len() > 10 { "；…" } else { "" };
        let ids = &ids[..ids.len().min(10)];
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
                format!("可用的序号：{}{more}", ids.join("；"))
            },
        )
    };
    out.push(
        Diagnostic::new(Code::PlanItemMissing, &doc.path, msg)
            .at(item.pos)
            .help(help),
    );
}

/// The plan covering `doc` that lists activity `id`: where a session's `plan_item` points. A
/// plan naming one of its own items means its own (a draft one too, which is in no list of
/// plans), whatever another plan of the year numbers so.
pub fn plan_holding<'a>(
    plans: &[&'a Document],
    doc: &'a Document,
    id: &str,
) -> Option<&'a Document> {
    if doc.kind == Some(Kind::Plan) && doc.activity(id).is_some() {
        return Some(doc);
    }
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

/// Markdown links and pictures in the body, and those of raw HTML (`<img src>`, `<a href>`),
/// that lead to no record or file; and text written like a link that Markdown does not read
/// as one.
pub fn links(archive: &Archive, doc: &Document, out: &mut Vec<Diagnostic>) {
    let body = doc.body();
    if !body.contains("](") && !body.contains("]:") && !body.contains('<') {
        return;
    }
    // What the search for unread links must not look into: links read as links, code, HTML.
    let mut read: Vec<std::ops::Range<usize>> = Vec::new();
    // An HTML block is read whole (a tag may run over lines), not line by line.
    let mut html_until = 0;
    for (event, range) in Parser::new(body).into_offset_iter() {
        match event {
            Event::Start(Tag::Link { dest_url, .. })
            | Event::Start(Tag::Image { dest_url, .. }) => {
                let written = &body[range.clone()];
                let raw = written
                    .rsplit_once("](")
                    .map(|(_, d)| written_destination(d));
                link(archive, doc, &dest_url, raw, range.start, out);
                read.push(range);
            }
            Event::Start(Tag::CodeBlock(_)) | Event::Code(_) => read.push(range),
            // A picture put in as HTML (`<img src="照片.jpg">`) goes on the site as one.
            Event::Start(Tag::HtmlBlock) => {
                for url in html_urls(&body[range.clone()]) {
                    link(archive, doc, &url, None, range.start, out);
                }
                html_until = range.end;
                read.push(range);
            }
            Event::Html(_) if range.start < html_until => {}
            Event::Html(html) | Event::InlineHtml(html) => {
                for url in html_urls(&html) {
                    link(archive, doc, &url, None, range.start, out);
                }
                read.push(range);
            }
            _ => {}
        }
    }
    unread_links(doc, &read, out);
}

/// The destination of a Markdown link as written, from what follows its `](`: without its
/// title (`"…"`) and its closing bracket.
fn written_destination(after: &str) -> &str {
    let d = after.strip_suffix(')').unwrap_or(after).trim();
    let d = [" \"", " '", " ("]
        .iter()
        .filter_map(|t| d.find(t))
        .min()
        .map_or(d, |end| &d[..end]);
    d.trim_start_matches('<').trim_end_matches('>')
}

/// The relative URLs of a piece of raw HTML, as the site's sanitiser (ammonia, in
/// [`crate::site::markdown`]) reads them when it rewrites them: entities read, comments and
/// attributes that carry no URL (`data-src`) left out.
fn html_urls(html: &str) -> Vec<String> {
    struct Record<'f>(&'f std::sync::Mutex<Vec<String>>);
    impl<'a> ammonia::UrlRelativeEvaluate<'a> for Record<'a> {
        fn evaluate<'url>(&self, url: &'url str) -> Option<std::borrow::Cow<'url, str>> {
            self.0.lock().expect("not poisoned").push(url.to_string());
            None
        }
    }
    let found = std::sync::Mutex::new(Vec::new());
    let _ = ammonia::Builder::default()
        .url_relative(ammonia::UrlRelative::Custom(Box::new(Record(&found))))
        .clean(html);
    found.into_inner().expect("not poisoned")
}

/// Written like a link or a picture, `[…](…)`, but not read as one: a path with a space in it
/// is not a Markdown link, and the page shows the brackets as text (a picture that never
/// appears, and no message). Code and HTML (`read`) are not looked into.
fn unread_links(doc: &Document, read: &[std::ops::Range<usize>], out: &mut Vec<Diagnostic>) {
    let body = doc.body();
    let mut from = 0;
    while let Some(at) = body[from..].find("](") {
        let open = from + at;
        from = open + 2;
        if read.iter().any(|r| r.contains(&open)) {
            continue;
        }
        let line_end = body[open..].find('\n').map_or(body.len(), |e| open + e);
        let Some(close) = body[open + 2..line_end].find(')').map(|c| open + 2 + c) else {
            continue;
        };
        let dest = &body[open + 2..close];
        let Some(start) = body[..open].rfind('[') else {
            continue;
        };
        if !dest.contains(' ') || dest.starts_with('<') || dest.contains('"') {
            continue;
        }
        let start = if body[..start].ends_with('!') {
            start - 1
        } else {
            start
        };
        let written = &body[start..=close];
        let fixed = format!("{}<{dest}>)", &body[start..open + 2]);
        out.push(
            Diagnostic::new(
                Code::BrokenLink,
                &doc.path,
                format!("“{written}”没有显示成图片或链接：路径中有空格，Markdown 读不出"),
            )
            .at(Some(body_position(doc, start)))
            .help(format!(
                "把路径放进尖括号，写成 {fixed}；或去掉文件名中的空格"
            )),
        );
    }
}

/// The Y304 or Y305 of a link to `url` at `offset` of the body, if it leads nowhere. `raw` is
/// a Markdown link's destination as written (Markdown has read its `\` as escapes); `None`
/// for one of raw HTML.
fn link(
    archive: &Archive,
    doc: &Document,
    url: &str,
    raw: Option<&str>,
    offset: usize,
    out: &mut Vec<Diagnostic>,
) {
    if url.is_empty() || is_external(url) {
        return;
    }
    let pos = body_position(doc, offset);
    let s = Spanned::new(url.to_string(), Some(pos));
    let target = archive.resolve(doc, url);
    // `..\..\附件\x.png`: a Windows path, whose `\.` Markdown reads as `.`. Said with the path
    // as written and as it should be; a `\(` written to escape a bracket, which leads to the
    // file, is no slip.
    let written = raw.unwrap_or(url);
    if matches!(target, Target::Missing(_)) && written.contains('\\') {
        let slashed = written.replace('\\', "/");
        let found = matches!(archive.resolve(doc, &slashed), Target::Found(_));
        let why = match raw {
            Some(_) => "Markdown 把 \\ 当作转义符，读不出这个路径",
            None => "网页中的路径要用 / 分隔",
        };
        out.push(
            Diagnostic::new(
                Code::BrokenLink,
                &doc.path,
                format!(
                    "链接“{written}”用了反斜杠 \\ 分隔文件夹：{why}{}",
                    if found {
                        ""
                    } else {
                        "（改成 / 后也找不到这个文件）"
                    }
                ),
            )
            .at(Some(pos))
            .help(format!("把 \\ 改成 /，写成 {slashed}")),
        );
        return;
    }
    match target {
        Target::Found(_) => {}
        Target::Outside => out.push(outside(doc, &s)),
        // The archive's README is there, but it is no record and goes on no site.
        Target::Missing(rel) if crate::archive::is_readme(&rel) => out.push(
            Diagnostic::new(
                Code::BrokenLink,
                &doc.path,
                format!("链接“{url}”指向档案根目录的 {rel}：它是整个档案的说明，不随网站发布，链接无处可去"),
            )
            .at(Some(pos))
            .help("删除这个链接；要让读者看到其中的内容，把相关文字写进记录，或另存为 .txt 或 .pdf 文件放进 附件/ 文件夹再链接（档案中的 .md 文件都按记录检查）"),
        ),
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
