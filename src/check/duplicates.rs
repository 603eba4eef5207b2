//! Duplicate records (Y401), and which of a set of exact copies is the original: the one the
//! ledger credits and the completeness checklist counts, and the one the user keeps.

use crate::archive::Archive;
use crate::archive::document::Document;
use crate::dates::SchoolYear;
use crate::diagnostic::{Code, Diagnostic};
use crate::kind::Kind;
use std::collections::{BTreeMap, HashMap};

/// What two records must share to be called duplicates.
#[derive(PartialEq, Eq)]
struct Identity<'a> {
    kind: Kind,
    date: Option<chrono::NaiveDate>,
    title: &'a str,
    /// Author, speaker or leader, spaces removed.
    person: String,
}

/// A pair of records found alike: the later in path order, the earlier, why, and whether
/// they are one record filed twice.
struct Pair {
    this: usize,
    other: usize,
    why: &'static str,
    copy: bool,
}

/// What a document is compared by to find its duplicates: hashes of its identity (kind, date,
/// title, person) and of its long body, when it has them. Made with each document's own checks
/// (see [`super::DocumentChecks`]): the live preview keeps them, and hashes again only the
/// documents an edit read again.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Fingerprint {
    identity: Option<u64>,
    body: Option<u64>,
}

impl Fingerprint {
    pub fn of(doc: &Document) -> Fingerprint {
        use xxhash_rust::xxh3::xxh3_64;
        if !compared(doc) {
            return Fingerprint::default();
        }
        let identity = identity(doc).map(|id| {
            let text = format!(
                "{}\u{0}{:?}\u{0}{}\u{0}{}",
                id.kind.as_str(),
                id.date,
                id.title,
                id.person
            );
            xxh3_64(text.as_bytes())
        });
        Fingerprint {
            identity,
            body: long_body(doc).map(|body| xxh3_64(body.as_bytes())),
        }
    }
}

/// Whether a document is compared with others at all: counted, and of a kind.
fn compared(doc: &Document) -> bool {
    doc.counts() && doc.kind.is_some()
}

/// The identity of a compared document with a title and a date.
fn identity(doc: &Document) -> Option<Identity<'_>> {
    if !compared(doc) || doc.date.is_none() {
        return None;
    }
    Some(Identity {
        kind: doc.kind?,
        date: doc.date(),
        title: doc.title.as_deref()?,
        person: person_key(doc),
    })
}

/// Same kind, date, title and person, or the same body: both files are flagged, each naming
/// the other. Returns the exact copies (see [`exact_copy`]) as copy → the original of its set,
/// which the ledger credits and completeness counts once. The original is not simply the
/// first by path (`… - 副本.md` and `…(1).md` sort before `….md`): see [`original_rank`].
/// `prints` are the documents' [`Fingerprint`]s, by index; a hash match is confirmed by
/// comparing the records themselves.
pub fn duplicates(
    archive: &Archive,
    prints: &[Fingerprint],
    out: &mut Vec<Diagnostic>,
) -> HashMap<usize, usize> {
    let docs = &archive.documents;
    // Sized once: the live preview finds the duplicates again after every edit.
    let mut by_identity: HashMap<u64, Vec<usize>> = HashMap::with_capacity(prints.len());
    let mut by_body: HashMap<u64, Vec<usize>> = HashMap::with_capacity(prints.len());
    // Copy → the first of its set in path order, until the originals are chosen.
    let mut first_of: HashMap<usize, usize> = HashMap::new();
    let mut pairs = Vec::new();
    for (i, print) in prints.iter().enumerate() {
        let mut first = None;
        if let Some(h) = print.identity {
            let seen = by_identity.entry(h).or_default();
            // Records alike in their hash are few: the identity is made only for them.
            let id = (!seen.is_empty()).then(|| identity(&docs[i])).flatten();
            match seen
                .iter()
                .find(|&&other| id.is_some() && identity(&docs[other]) == id)
            {
                Some(&f) => first = Some((f, "类型、日期、标题和人员都相同")),
                None => seen.push(i),
            }
        }
        if first.is_none()
            && let Some(h) = print.body
        {
            let seen = by_body.entry(h).or_default();
            // As the identity: the body is fetched only for records alike in its hash.
            let text = (!seen.is_empty()).then(|| long_body(&docs[i]));
            match seen
                .iter()
                .find(|&&other| text.is_some_and(|text| long_body(&docs[other]) == text))
            {
                Some(&f) => first = Some((f, "正文完全相同")),
                None => seen.push(i),
            }
        }
        let Some((f, why)) = first else { continue };
        let copy = exact_copy(&docs[i], &docs[f]);
        if copy {
            // To the first of the set: a copy of a copy is one record all the same.
            first_of.insert(i, first_of.get(&f).copied().unwrap_or(f));
        }
        pairs.push(Pair {
            this: i,
            other: f,
            why,
            copy,
        });
    }
    let copies = choose_originals(archive, &first_of);
    for p in pairs {
        let (a, b) = (&docs[p.this], &docs[p.other]);
        if !p.copy {
            let help = "若是重复提交，删除其中一份；若是不同的记录，请修改标题或正文加以区分";
            for (this, other) in [(a, b), (b, a)] {
                out.push(
                    Diagnostic::new(
                        Code::DuplicateRecord,
                        &this.path,
                        format!("与 {} 疑似重复（{}）", other.path, p.why),
                    )
                    .help(help)
                    .related(&other.path),
                );
            }
            continue;
        }
        let original = copies.get(&p.this).copied().unwrap_or(p.this);
        let tell_apart = tell_apart(a, b);
        for (this, other) in [(p.this, p.other), (p.other, p.this)] {
            out.push(copy_diagnostic(
                docs, this, other, original, p.why, tell_apart,
            ));
        }
    }
    copies
}

/// The Y401 on `this`, one of a pair of exact copies whose set's original is `original`.
fn copy_diagnostic(
    docs: &[Document],
    this: usize,
    other: usize,
    original: usize,
    why: &str,
    tell_apart: &str,
) -> Diagnostic {
    let (path, other_path, original_path) =
        (&docs[this].path, &docs[other].path, &docs[original].path);
    let speaks_for = |d: Diagnostic| {
        let d = d.related(other_path);
        if original == this || original == other {
            d
        } else {
            d.related(original_path)
        }
    };
    const NOT_AGAIN: &str = "副本不重复计学时，也不重复计入完整性";
    let different = format!("若确是两份不同的记录，请修改{tell_apart}加以区分（改后两份都计学时）");
    if !same_text(&docs[this].text, &docs[other].text)
        && same_text(docs[this].front_matter(), docs[other].front_matter())
    {
        // The same title, date and person over two bodies: one record in two versions (saved
        // again after an edit), and which is final only the school knows.
        let counted = if this == original {
            "这一份".to_string()
        } else {
            format!(" {original_path} ")
        };
        return speaks_for(
            Diagnostic::new(
                Code::DuplicateRecord,
                path,
                format!(
                    "与 {other_path} 的信息区（标题、日期、主讲人、参加人员、学时等）一字不差，只有正文不同，像是同一次活动的两个版本；学时和完整性都只按{counted}计一次，不重复计算"
                ),
            )
            .help(format!("保留定稿的一份，删除另一份；{different}")),
        );
    }
    let (note, help) = if this == original {
        (
            format!("{other_path} 是副本，学时和完整性都只按这一份计一次，{NOT_AGAIN}"),
            format!("删除副本 {other_path}，保留这一份；{different}"),
        )
    } else {
        (
            format!("这一份是副本，学时和完整性都只按 {original_path} 计一次，{NOT_AGAIN}"),
            format!("删除这一份（{path}），保留 {original_path}；{different}"),
        )
    };
    speaks_for(
        Diagnostic::new(
            Code::DuplicateRecord,
            path,
            format!("与 {other_path} 疑似重复（{why}）；{note}"),
        )
        .help(help),
    )
}

/// Copy → the original of its set, given copy → the first of its set by path: the original is
/// the member with the lowest [`original_rank`].
fn choose_originals(archive: &Archive, first_of: &HashMap<usize, usize>) -> HashMap<usize, usize> {
    let mut sets: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (&copy, &first) in first_of {
        sets.entry(first).or_insert_with(|| vec![first]).push(copy);
    }
    let mut copies = HashMap::with_capacity(first_of.len());
    for members in sets.into_values() {
        let Some(&original) = members
            .iter()
            .min_by_key(|&&i| original_rank(archive, &archive.documents[i]))
        else {
            continue;
        };
        copies.extend(
            members
                .into_iter()
                .filter(|&i| i != original)
                .map(|i| (i, original)),
        );
    }
    copies
}

/// Which of a set of exact copies is the original, lowest first: a file whose name does not
/// look like a copy's, then one in the folder of its own school year, then the first by path.
fn original_rank<'a>(archive: &Archive, doc: &'a Document) -> (bool, bool, &'a str) {
    let name = doc.path.rsplit('/').next().unwrap_or(&doc.path);
    let stem = crate::archive::markdown_stem(name).unwrap_or(name);
    (
        looks_like_copy(stem),
        outside_its_year_folder(archive, doc),
        doc.path.as_str(),
    )
}

/// `… - 副本`, `…复制`, `… copy`, `…(1)`, `…（2）`, `… 2`: names that file managers and
/// editors give a copy.
pub fn looks_like_copy(stem: &str) -> bool {
    let stem = stem.trim();
    let lower = stem.to_lowercase();
    if ["副本", "复制", "copy"].iter().any(|w| lower.contains(w)) {
        return true;
    }
    let numbered = |open: char, close: char| {
        stem.strip_suffix(close)
            .and_then(|s| s.rsplit_once(open))
            .is_some_and(|(_, n)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
    };
    let spaced_number = stem.rsplit_once(' ').is_some_and(|(head, n)| {
        !head.trim().is_empty()
            && !n.is_empty()
            && n.len() <= 2
            && n.chars().all(|c| c.is_ascii_digit())
    });
    numbered('(', ')') || numbered('（', '）') || spaced_number
}

/// Filed under a school-year folder (`2023-2024/`) that is not the record's own year.
fn outside_its_year_folder(archive: &Archive, doc: &Document) -> bool {
    let folder = doc
        .path
        .rsplit('/')
        .skip(1)
        .find_map(|c| (c.len() == 9).then(|| SchoolYear::parse(c)).flatten());
    let year = doc.in_year.or_else(|| {
        doc.date()
            .map(|d| archive.config.calendar.school_year_of(d))
    });
    matches!((folder, year), (Some(f), Some(y)) if f != y)
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

/// The same text but for white space at the ends of lines and of the file, which an editor
/// adds or takes away on saving a copy.
fn same_text(a: &str, b: &str) -> bool {
    a.trim_end()
        .lines()
        .map(str::trim_end)
        .eq(b.trim_end().lines().map(str::trim_end))
}

/// One record filed twice: the same file in the same school year (but for trailing white
/// space), whatever its body (a session of a few words filed twice would otherwise grant its
/// hours twice); or the same kind, date and person with the same (long) body; or a session
/// saved again after its minutes were edited (`集体备课-修改.md`): the same front matter to the
/// letter (title, date, speaker, attendees, absentees, hours) over two bodies, which granted
/// every attendee the hours twice. Two sessions of one title, day and speaker for different
/// attendees are two sessions; two teachers may give one title to their reflections, and one
/// teacher may write two reflections on a day under one title, so a shared title alone, a body
/// shared by two people, or two reflections' bodies are never this.
fn exact_copy(a: &Document, b: &Document) -> bool {
    if a.kind == b.kind && a.in_year == b.in_year && same_text(&a.text, &b.text) {
        return true;
    }
    let person = person_key(a);
    let same_session =
        a.kind == Some(Kind::Session) && same_text(a.front_matter(), b.front_matter());
    a.kind == b.kind
        && a.date() == b.date()
        && !person.is_empty()
        && person == person_key(b)
        && (same_session || long_body(a).is_some_and(|body| Some(body) == long_body(b)))
}

/// What to change so that two records taken for one are counted as two: what they share of
/// title and body.
fn tell_apart(a: &Document, b: &Document) -> &'static str {
    match (
        a.title == b.title,
        long_body(a).is_some() && long_body(a) == long_body(b),
    ) {
        (true, false) => "标题",
        (false, true) => "正文",
        _ => "标题和正文",
    }
}

#[cfg(test)]
mod tests {
    use super::looks_like_copy;

    #[test]
    fn names_of_copies() {
        for copy in [
            "反思 - 副本",
            "反思复制",
            "反思 Copy",
            "反思(1)",
            "反思（2）",
            "反思 2",
        ] {
            assert!(looks_like_copy(copy), "{copy}");
        }
        for original in ["2024-10-25-1", "反思", "第2课", "2024-10-10-集体备课"] {
            assert!(!looks_like_copy(original), "{original}");
        }
    }
}
