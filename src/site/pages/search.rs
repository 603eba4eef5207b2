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
    // Row by row into one buffer: the index is the largest file of the site, and copies of it
    // (serialised, then escaped, then wrapped) would multiply the build's peak memory.
    let mut js = String::from("window.YANXIU_SEARCH = [");
    let mut first = true;
    for &i in c.by_kind.values().flatten() {
        let d = c.doc(i);
        let r = c.record(i).expect("listed records are published");
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
        for v in r.summary.iter().chain(&d.tags).chain(&d.location) {
            t.push_str(v);
            t.push(' ');
        }
        t.push_str(&d.path);
        let row = [
            r.url.as_str(),
            &r.title,
            &r.date,
            r.kind_label,
            r.person.as_deref().unwrap_or(""),
            &t,
        ];
        if !first {
            js.push(',');
        }
        first = false;
        let json = serde_json::to_string(&row).expect("strings serialise");
        js.push_str(&json.replace('<', "\\u003c"));
    }
    js.push_str("];\n");
    OutputFile::bytes(INDEX_PATH, js)
}
