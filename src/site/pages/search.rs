//! Full-text search that works from `file://`: the index is a script the search page loads with a
//! `<script>` tag (browsers refuse `fetch` of local files), matched by substring in the browser
//! so that 搜“反思” finds every record containing 反思, with no word segmenter.

use crate::output::OutputFile;
use crate::site::Page;
use crate::site::catalog::Catalog;
use serde::Serialize;

pub const INDEX_PATH: &str = "assets/search-index.js";

#[derive(Serialize)]
struct SearchPage {
    title: &'static str,
    index: &'static str,
}

pub fn page() -> Page {
    Page::new(
        "search.html".into(),
        "search.html",
        &SearchPage {
            title: "搜索",
            index: INDEX_PATH,
        },
    )
}

/// `[url, title, date, kind, person, text]` per published record. `<` is escaped so that no
/// text in the index can close the script or open a tag.
pub fn index_js(c: &Catalog) -> OutputFile {
    let mut rows: Vec<[&str; 6]> = Vec::new();
    let mut texts: Vec<String> = Vec::new();
    let docs: Vec<usize> = c.by_kind.values().flatten().copied().collect();
    for &i in &docs {
        let d = c.doc(i);
        // The body first, so that a result's snippet shows the sentence that matched, and the
        // metadata after it so that a search for a form, a name or a tag also finds the record.
        let mut t = String::new();
        if let Some(b) = &c.bodies[i] {
            t.push_str(b.text.trim());
            t.push(' ');
        }
        for v in [
            &d.form, &d.domain, &d.speaker, &d.author, &d.leader, &d.teacher,
        ]
        .into_iter()
        .flatten()
        {
            t.push_str(&v.value);
            t.push(' ');
        }
        if let Some(r) = c.record(i) {
            t.push_str(r.summary.as_deref().unwrap_or(""));
            t.push(' ');
        }
        for v in d.tags.iter().chain(d.location.iter()) {
            t.push_str(v);
            t.push(' ');
        }
        t.push_str(&d.path);
        texts.push(t);
    }
    for (n, &i) in docs.iter().enumerate() {
        let r = c.record(i).expect("listed records are published");
        rows.push([
            &r.url,
            &r.title,
            &r.date,
            r.kind_label,
            r.person.as_deref().unwrap_or(""),
            &texts[n],
        ]);
    }
    let json = serde_json::to_string(&rows)
        .expect("strings serialise")
        .replace('<', "\\u003c");
    OutputFile::bytes(INDEX_PATH, format!("window.YANXIU_SEARCH = {json};\n"))
}
