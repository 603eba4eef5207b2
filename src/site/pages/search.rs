//! Full-text search that works from `file://`: the index is a script the search page loads with a
//! `<script>` tag (browsers refuse `fetch` of local files), matched by substring in the browser
//! so that 搜“反思” finds every record containing 反思, with no word segmenter.

use crate::output::OutputFile;
use crate::site::Page;
use crate::site::catalog::{Bodies, Catalog};
use serde::Serialize;

use crate::dates::SchoolYear;

/// The index is split per school year, so that an edit rewrites one small part of it and a
/// large archive's index is written by several workers at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Shard {
    Year(SchoolYear),
    /// Records with no school year (undated).
    Undated,
}

impl Shard {
    pub fn of(c: &Catalog, i: usize) -> Shard {
        c.doc(i).in_year.map_or(Shard::Undated, Shard::Year)
    }

    pub fn path(self) -> String {
        match self {
            Shard::Year(y) => format!("assets/search/{y}.js"),
            Shard::Undated => "assets/search/undated.js".to_string(),
        }
    }
}

/// Every shard that has records, in order.
pub fn shards(c: &Catalog) -> Vec<Shard> {
    let mut v: Vec<Shard> = c.years().map(Shard::Year).collect();
    if !indexed(c, Shard::Undated).is_empty() {
        v.push(Shard::Undated);
    }
    v
}

#[derive(Serialize)]
struct SearchPage {
    title: &'static str,
    indexes: Vec<String>,
}

pub fn page(c: &Catalog) -> Page {
    Page::new(
        "search.html".into(),
        "search.html",
        &SearchPage {
            title: "搜索",
            indexes: shards(c).into_iter().map(Shard::path).collect(),
        },
    )
}

/// The published records of a shard: a school year's in date order, or those with no school
/// year (of any kind, or none) in archive order.
pub fn records_of(c: &Catalog, shard: Shard) -> Vec<usize> {
    match shard {
        Shard::Year(y) => c.by_year.get(&y).cloned().unwrap_or_default(),
        Shard::Undated => (0..c.a.archive.documents.len())
            .filter(|&i| c.record(i).is_some() && c.doc(i).in_year.is_none())
            .collect(),
    }
}

/// The records a shard's index lists: those of a kind, kind by kind, each kind in date order.
fn indexed(c: &Catalog, shard: Shard) -> Vec<usize> {
    match shard {
        Shard::Year(_) => {
            let docs = records_of(c, shard);
            c.by_kind
                .keys()
                .flat_map(|&k| {
                    docs.iter()
                        .copied()
                        .filter(move |&i| c.doc(i).kind == Some(k))
                })
                .collect()
        }
        Shard::Undated => c
            .by_kind
            .values()
            .flatten()
            .copied()
            .filter(|&i| c.doc(i).in_year.is_none())
            .collect(),
    }
}

/// Where a row's text passes from the body to the record's facts (see `search.js`).
const BODY_END: char = '\u{1f}';

/// One shard of the index: `[url, title, date, kind, person, text, path]` per published record of a
/// kind, kind by kind, appended to `window.YANXIU_SEARCH`. `<` is escaped so that no text in the
/// index can close the script or open a tag. `None` for the undated shard when no record of a
/// kind is undated (the search page does not load it).
pub fn index_js(c: &Catalog, shard: Shard, bodies: &Bodies) -> Option<OutputFile> {
    let rows = indexed(c, shard);
    if shard == Shard::Undated && rows.is_empty() {
        return None;
    }
    // Row by row into one buffer: copies of it (serialised, then escaped, then wrapped) would
    // multiply the build's peak memory.
    let mut js = String::from("window.YANXIU_SEARCH = (window.YANXIU_SEARCH || []).concat([\n");
    let mut first = true;
    for i in rows {
        let d = c.doc(i);
        let r = c.record(i).expect("listed records are published");
        // The body first, so that a result's snippet shows the sentence that matched, and the
        // metadata after it so that a search for a form, a name or a tag also finds the record.
        let mut t = String::new();
        if let Some(b) = bodies.get(&i) {
            t.push_str(b.text.trim());
        }
        // The body ends at a unit separator: a snippet from the body stops there instead of
        // running on into the form, the domain and the names.
        t.push(BODY_END);
        for v in [
            &d.form, &d.domain, &d.speaker, &d.author, &d.leader, &d.teacher,
        ]
        .into_iter()
        .flatten()
        {
            t.push_str(&v.value);
            t.push(' ');
        }
        for v in r
            .summary
            .iter()
            .chain(&d.tags)
            .chain(&d.location)
            .chain(&d.organizer)
        {
            t.push_str(v);
            t.push(' ');
        }
        // A plan's substance is in its activity table and approvals, not its body: a phrase
        // from the table must find the plan. Kept out for a private plan, as its body is.
        if c.shows_text(d) {
            for a in &d.activities {
                for v in [
                    &a.content,
                    &a.time,
                    &a.audience,
                    &a.department,
                    &a.owner,
                    &a.note,
                ]
                .into_iter()
                .flatten()
                {
                    t.push_str(v);
                    t.push(' ');
                }
            }
            for a in &d.approvals {
                for v in [&a.by, &a.opinion].into_iter().flatten() {
                    t.push_str(v);
                    t.push(' ');
                }
            }
        }
        // The source path apart from the text: a search for a folder's name finds the record,
        // but a result's snippet, with its highlighted match, is from the text alone.
        // The school year the record counts in (its date's, or as written), which the year
        // filter offers: its folder need not say it.
        let year = d.in_year.map(|y| y.to_string()).unwrap_or_default();
        let row = [
            r.url.as_str(),
            &r.title,
            &r.date,
            r.kind_label,
            r.person.as_deref().unwrap_or(""),
            t.trim_end(),
            &d.path,
            &year,
        ];
        if !first {
            js.push_str(",\n");
        }
        first = false;
        let json = serde_json::to_string(&row).expect("strings serialise");
        if json.contains('<') {
            js.push_str(&json.replace('<', "\\u003c"));
        } else {
            js.push_str(&json);
        }
    }
    js.push_str("]);\n");
    Some(OutputFile::bytes(shard.path(), js))
}
