//! The records a mistyped path probably meant: the did-you-mean of a 关联活动 that leads
//! nowhere. Teachers name a session by its date, its topic or a near copy of its file name,
//! so each of these counts.

use crate::archive::Archive;
use crate::archive::document::Document;
use crate::kind::Kind;
use chrono::NaiveDate;

/// At most this many suggestions: more would be a list, not a hint.
const MAX: usize = 3;
/// Below this score a session shares too little with what was written to be offered.
const THRESHOLD: f64 = 30.0;
/// Suggestions scoring below this share of the best one are left out.
const CLOSE: f64 = 0.8;

/// The session records closest to the archive-relative path `wanted` that `from` named,
/// best first.
pub fn sessions<'a>(archive: &'a Archive, from: &Document, wanted: &str) -> Vec<&'a Document> {
    let w = Name::of(wanted);
    let folder = wanted.rsplit_once('/').map_or("", |(f, _)| f);
    let mut scored: Vec<(f64, i64, &Document)> = archive
        .documents
        .iter()
        .filter(|d| d.kind == Some(Kind::Session) && !d.broken)
        // A reflection is about a session of its own school year: one of the same topic a year
        // on is not what was meant, and following the hint would link the wrong evidence.
        .filter(|d| from.in_year.is_none() || d.in_year.is_none() || d.in_year == from.in_year)
        .filter_map(|d| {
            let mut score = score(&w, &Name::of(&d.path), d);
            if score < THRESHOLD {
                return None;
            }
            if d.folder() == folder {
                score += 3.0;
            }
            // Among equals, the session nearest the record's own date: reflections follow
            // the session they are about.
            let distance = match (from.date(), d.date()) {
                (Some(a), Some(b)) => (a - b).num_days().abs(),
                _ => i64::MAX,
            };
            Some((score, distance, d))
        })
        .collect();
    scored.sort_by(|a, b| {
        b.0.total_cmp(&a.0)
            .then(a.1.cmp(&b.1))
            .then_with(|| a.2.path.cmp(&b.2.path))
    });
    // A clear winner stands alone; near-equals are all offered, for the teacher to choose.
    let best = scored.first().map_or(0.0, |s| s.0);
    scored
        .into_iter()
        .take_while(|s| s.0 >= best * CLOSE)
        .take(MAX)
        .map(|(_, _, d)| d)
        .collect()
}

/// A file name taken apart the way teachers name sessions: `2024-09-12-集体备课.md`.
struct Name {
    /// The file name, lower case.
    file: String,
    /// Without the extension.
    stem: String,
    /// The date the name starts with.
    date: Option<NaiveDate>,
    /// What follows the date: the topic.
    topic: String,
}

impl Name {
    fn of(path: &str) -> Name {
        let file = path.rsplit('/').next().unwrap_or(path).to_lowercase();
        let stem = crate::archive::markdown_stem(&file)
            .unwrap_or(&file)
            .to_string();
        let (date, rest) = leading_date(&stem);
        let topic = rest
            .trim_start_matches(['-', '_', ' ', '—', '·'])
            .to_string();
        Name {
            file,
            stem,
            date,
            topic,
        }
    }
}

/// The date a file name starts with (`2024-09-12`, `2024年9月12日`, `20240912`), and the rest.
fn leading_date(stem: &str) -> (Option<NaiveDate>, &str) {
    let ends: Vec<usize> = stem
        .char_indices()
        .map(|(i, c)| i + c.len_utf8())
        .take(12)
        .collect();
    for &end in ends.iter().rev() {
        let rest = &stem[end..];
        if rest.starts_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        if let Ok(d) = crate::dates::parse_date(&stem[..end]) {
            return (Some(d), rest);
        }
    }
    if let Some(digits) = stem.get(..8)
        && digits.bytes().all(|b| b.is_ascii_digit())
    {
        let dashed = format!("{}-{}-{}", &digits[..4], &digits[4..6], &digits[6..]);
        if let Ok(d) = crate::dates::parse_date(&dashed) {
            return (Some(d), &stem[8..]);
        }
    }
    (None, stem)
}

fn similarity(a: &str, b: &str) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    strsim::normalized_levenshtein(a, b)
}

/// How much the written name `w` and the session `d` (named `c`) have in common.
fn score(w: &Name, c: &Name, d: &Document) -> f64 {
    if w.file == c.file {
        return 100.0;
    }
    let mut score = 0.0;
    if w.date.is_some() && (w.date == d.date() || w.date == c.date) {
        score += 40.0;
    }
    let title = d.title.as_deref().unwrap_or("").to_lowercase();
    let topic = &w.topic;
    if topic.chars().count() >= 2 {
        if *topic == c.topic || *topic == title {
            score += 40.0;
        } else if [&c.topic, &title].iter().any(|t| {
            t.chars().count() >= 2 && (t.contains(topic.as_str()) || topic.contains(t.as_str()))
        }) {
            score += 30.0;
        } else {
            let sim = similarity(topic, &c.topic).max(similarity(topic, &title));
            if sim >= 0.5 {
                score += 30.0 * sim;
            }
        }
    }
    let sim = similarity(&w.stem, &c.stem);
    if sim >= 0.75 {
        score += 35.0 * sim;
    }
    score
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_at_the_start_of_a_name() {
        let d = NaiveDate::from_ymd_opt(2024, 9, 12);
        assert_eq!(leading_date("2024-09-12-集体备课"), (d, "-集体备课"));
        assert_eq!(leading_date("2024年9月12日集体备课"), (d, "集体备课"));
        assert_eq!(leading_date("20240912集体备课"), (d, "集体备课"));
        assert_eq!(leading_date("集体备课"), (None, "集体备课"));
        assert_eq!(leading_date("第一学期集体备课"), (None, "第一学期集体备课"));
    }
}
