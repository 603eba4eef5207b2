//! A record's Markdown body as safe HTML: links to other records and files rewritten to their
//! pages in the output, raw HTML sanitised, dangerous URLs dropped; plus plain text for search.

use crate::archive::document::Document;
use crate::archive::{Archive, Target, has_scheme};
use crate::site::urls::Urls;
use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd, html};

/// Stands for the path back to the output root in rendered bodies: one body is shown on pages
/// at different depths (its record page, the year's print page), each replaces it with its own.
pub const ROOT: &str = "__yanxiu_root__/";

#[derive(Debug, Clone, Default)]
pub struct Body {
    pub html: String,
    /// The words of the body, for the search index.
    pub text: String,
    /// Archive-relative paths of files the body links to or shows: they are copied.
    pub files: Vec<String>,
    /// Whether `html` holds [`ROOT`]: most bodies link nowhere, and their HTML is shown as it is
    /// on both pages that show it, without a search through it for each.
    rooted: bool,
}

impl Body {
    /// The HTML as it must appear on the page at `root` (see [`crate::site::urls::root_of`]).
    pub fn html_at(&self, root: &str) -> String {
        if self.rooted {
            self.html.replace(ROOT, root)
        } else {
            self.html.clone()
        }
    }
}

fn is_safe_external(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    ["http://", "https://", "mailto:", "tel:"]
        .iter()
        .any(|p| lower.starts_with(p))
}

enum Dest {
    Keep,
    To(String),
    Broken(String),
}

fn rewrite(
    archive: &Archive,
    urls: &Urls,
    doc: &Document,
    url: &str,
    files: &mut Vec<String>,
) -> Dest {
    if url.starts_with('#') {
        return Dest::Keep;
    }
    if has_scheme(url) {
        return if is_safe_external(url) {
            Dest::Keep
        } else {
            // Not echoed: the point is that the URL appears nowhere in the page.
            Dest::Broken("已移除不安全的链接".to_string())
        };
    }
    let fragment = url.find('#').map(|i| &url[i..]).unwrap_or("");
    match archive.resolve(doc, url) {
        Target::Found(rel) => {
            if let Some(page) = archive.index_of(&rel).and_then(|i| urls.record(i)) {
                Dest::To(format!("{ROOT}{page}{fragment}"))
            } else if let Some(out) = urls.file(&rel) {
                files.push(rel);
                Dest::To(format!("{ROOT}{out}"))
            } else {
                Dest::Broken(format!("该记录未发布：{url}"))
            }
        }
        Target::Missing(rel) => Dest::Broken(format!("链接目标不存在：{rel}")),
        Target::Outside => Dest::Broken(format!("链接指向档案之外，未发布：{url}")),
    }
}

/// The event that opens a link or image once its destination is known, and whether it is a
/// `<span>` standing in for a link that cannot be published.
fn destination<'e>(
    dest: Dest,
    written: CowStr<'e>,
    tag: impl FnOnce(CowStr<'e>) -> Tag<'e>,
) -> (Event<'e>, bool) {
    match dest {
        Dest::Keep => (Event::Start(tag(written)), false),
        Dest::To(url) => (Event::Start(tag(CowStr::from(url))), false),
        Dest::Broken(why) => (
            Event::InlineHtml(CowStr::from(format!(
                "<span class=\"broken-link\" title=\"{}\">",
                escape_attr(&why)
            ))),
            true,
        ),
    }
}

fn escape_attr(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Rewrites relative URLs found in raw HTML like Markdown links; the ones already rewritten
/// carry [`ROOT`] and pass through.
struct RawUrls<'a> {
    archive: &'a Archive,
    urls: &'a Urls,
    doc: &'a Document,
    files: &'a std::sync::Mutex<Vec<String>>,
}

impl<'a> ammonia::UrlRelativeEvaluate<'a> for RawUrls<'a> {
    fn evaluate<'url>(&self, url: &'url str) -> Option<std::borrow::Cow<'url, str>> {
        if url.starts_with(ROOT) {
            return Some(url.into());
        }
        let mut seen = Vec::new();
        let out = match rewrite(self.archive, self.urls, self.doc, url, &mut seen) {
            Dest::Keep => Some(url.into()),
            Dest::To(u) => Some(u.into()),
            Dest::Broken(_) => None,
        };
        self.files.lock().expect("not poisoned").extend(seen);
        out
    }
}

/// Cleans the HTML of a body that contains raw HTML: no scripts, no event handlers, no
/// `javascript:` URLs, and relative URLs pointing at their pages in the output.
fn sanitise(
    archive: &Archive,
    urls: &Urls,
    doc: &Document,
    html: &str,
    files: &mut Vec<String>,
) -> String {
    let found = std::sync::Mutex::new(Vec::new());
    let clean = ammonia::Builder::default()
        .add_generic_attributes(["class", "id"])
        .url_relative(ammonia::UrlRelative::Custom(Box::new(RawUrls {
            archive,
            urls,
            doc,
            files: &found,
        })))
        .clean(html)
        .to_string();
    files.extend(found.into_inner().expect("not poisoned"));
    clean
}

pub fn render(archive: &Archive, urls: &Urls, doc: &Document) -> Body {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS;
    let mut files = Vec::new();
    let mut text = String::new();
    let mut raw_html = false;
    // For each open link or image: whether it was replaced by a `<span>`.
    let mut replaced: Vec<bool> = Vec::new();
    let events = Parser::new_ext(doc.body(), options).map(|event| match event {
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let dest = rewrite(archive, urls, doc, &dest_url, &mut files);
            let (event, span) = destination(dest, dest_url, |dest_url| Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            });
            replaced.push(span);
            event
        }
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let dest = match rewrite(archive, urls, doc, &dest_url, &mut files) {
                // Pictures from the network would not show offline and leak the reader's visit.
                Dest::Keep if has_scheme(&dest_url) => {
                    Dest::Broken(format!("外部图片未载入：{dest_url}"))
                }
                other => other,
            };
            let (event, span) = destination(dest, dest_url, |dest_url| Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            });
            replaced.push(span);
            event
        }
        Event::End(end @ (TagEnd::Link | TagEnd::Image)) => {
            if replaced.pop().unwrap_or(false) {
                Event::InlineHtml(CowStr::from("</span>"))
            } else {
                Event::End(end)
            }
        }
        raw @ (Event::Html(_) | Event::InlineHtml(_)) => {
            raw_html = true;
            raw
        }
        Event::Text(t) => {
            text.push_str(&t);
            Event::Text(t)
        }
        Event::Code(t) => {
            text.push_str(&t);
            Event::Code(t)
        }
        Event::SoftBreak | Event::HardBreak => {
            text.push(' ');
            event
        }
        Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell) => {
            text.push(' ');
            event
        }
        other => other,
    });
    let mut out = String::with_capacity(doc.body().len() * 3 / 2);
    html::push_html(&mut out, events);
    let html = if raw_html {
        sanitise(archive, urls, doc, &out, &mut files)
    } else {
        out
    };
    let rooted = html.contains(ROOT);
    Body {
        html,
        text,
        files,
        rooted,
    }
}
