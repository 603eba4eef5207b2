//! Where every page and copied file goes in the output: ASCII paths derived from the source,
//! the same from build to build, unique even when names sound alike.

use crate::archive::Archive;
use crate::archive::document::Document;
use crate::dates::SchoolYear;
use crate::kind::Kind;
use crate::roster::TeacherIdx;
use crate::site::slug::{disambiguator, fnv1a, shorten, slugify, slugify_name};
use std::collections::HashMap;

/// The lists a record can be filed under besides its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Taxonomy {
    Domain,
    Form,
    Tag,
}

impl Taxonomy {
    pub const ALL: [Taxonomy; 3] = [Taxonomy::Domain, Taxonomy::Form, Taxonomy::Tag];

    pub fn folder(self) -> &'static str {
        match self {
            Taxonomy::Domain => "domains",
            Taxonomy::Form => "forms",
            Taxonomy::Tag => "tags",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Taxonomy::Domain => "领域",
            Taxonomy::Form => "形式",
            Taxonomy::Tag => "标签",
        }
    }

    /// The lists besides its kind's that a record is on: its 领域, 形式 and 标签.
    pub fn of(d: &Document) -> impl Iterator<Item = (Taxonomy, &str)> {
        let domain = d
            .domain
            .iter()
            .map(|v| (Taxonomy::Domain, v.value.as_str()));
        let form = d.form.iter().map(|v| (Taxonomy::Form, v.value.as_str()));
        let tags = d.tags.iter().map(|t| (Taxonomy::Tag, t.as_str()));
        domain.chain(form).chain(tags)
    }
}

/// Output paths, all relative to the output root and `/`-separated.
#[derive(Debug, Default, PartialEq)]
pub struct Urls {
    /// By document index; `None` for records that get no page (drafts, unreadable files).
    records: Vec<Option<String>>,
    teachers: Vec<String>,
    /// Archive-relative file path → output path, for every file a record may reference.
    files: HashMap<String, String>,
    terms: HashMap<(Taxonomy, String), String>,
}

/// Paths built from `candidate`; those that collide get a suffix derived from their source.
fn unique(items: Vec<(String, String)>) -> Vec<String> {
    let mut count: HashMap<&str, usize> = HashMap::new();
    for (_, c) in &items {
        *count.entry(c.as_str()).or_default() += 1;
    }
    let colliding: Vec<bool> = items.iter().map(|(_, c)| count[c.as_str()] > 1).collect();
    items
        .iter()
        .zip(colliding)
        .map(|((source, candidate), clash)| {
            if !clash {
                return candidate.clone();
            }
            // Keep the extension last so the file still opens with the right program.
            let (stem, ext) = match candidate.rsplit_once('.') {
                Some((s, e)) if !s.ends_with('/') && !e.contains('/') => (s, Some(e)),
                _ => (candidate.as_str(), None),
            };
            let suffix = disambiguator(source);
            match ext {
                Some(e) => format!("{stem}-{suffix}.{e}"),
                None => format!("{stem}-{suffix}"),
            }
        })
        .collect()
}

/// `2024-2025/活动/集体备课.md` → `2024-2025/huo-dong/ji-ti-bei-ke` (extension handled by caller).
///
/// Pinyin spells a Chinese name out to about four times its length, and a path that fits on
/// Windows (260 characters with the folder it is unzipped into) would not once spelt out. A
/// path longer than [`MAX_SLUG_PATH`] has its folders cut short, then if need be its file name,
/// each cut ending in a hash of what it was made from, so that it stays apart from the others;
/// a path that fits keeps its name.
fn slug_path(rel: &str) -> String {
    let parts: Vec<&str> = rel.split('/').filter(|s| !s.is_empty()).collect();
    let mut slugs: Vec<String> = parts.iter().map(|p| slugify(p)).collect();
    // As joined by `/`.
    let length = |slugs: &[String]| {
        slugs
            .iter()
            .map(|s| s.len() + 1)
            .sum::<usize>()
            .saturating_sub(1)
    };
    let folders = slugs.len().saturating_sub(1);
    for i in 0..folders {
        if length(&slugs) <= MAX_SLUG_PATH {
            break;
        }
        slugs[i] = shorten(&slugs[i], parts[..=i].join("/").as_str(), SHORT_FOLDER);
    }
    let total = length(&slugs);
    if total > MAX_SLUG_PATH
        && let Some(last) = slugs.last_mut()
    {
        let room = MAX_SLUG_PATH.saturating_sub(total - last.len());
        *last = shorten(last, rel, room.max(SHORT_FOLDER));
    }
    if length(&slugs) > MAX_SLUG_PATH {
        // Folders nested deeper than any school files: the folders as one, named by a hash.
        let folder = format!("x{:08x}", fnv1a(&parts[..folders].join("/")) as u32);
        let last = shorten(&slugs[folders], rel, MAX_SLUG_PATH / 2);
        return format!("{folder}/{last}");
    }
    slugs.join("/")
}

/// The longest a record's or a file's path gets below `records/` or `files/`, in bytes (all
/// ASCII): with the prefix, a collision suffix and the extension, under 150 characters, which
/// leaves room on Windows for the folder the site is unzipped into.
const MAX_SLUG_PATH: usize = 120;

/// What a folder's name is cut to in a path too long.
const SHORT_FOLDER: usize = 24;

fn file_candidate(rel: &str) -> String {
    let (stem, ext) = match rel.rsplit_once('.') {
        Some((s, e)) if !s.is_empty() && !s.ends_with('/') && !e.contains('/') => (s, Some(e)),
        _ => (rel, None),
    };
    let ext: Option<String> = ext
        .map(|e| e.to_ascii_lowercase())
        .filter(|e| !e.is_empty() && e.chars().all(|c| c.is_ascii_alphanumeric()));
    match ext {
        Some(e) => format!("files/{}.{e}", slug_path(stem)),
        None => format!("files/{}", slug_path(stem)),
    }
}

impl Urls {
    pub fn plan(archive: &Archive, include_private: bool) -> Urls {
        let published: Vec<(usize, String)> = archive
            .documents
            .iter()
            .enumerate()
            .filter(|(_, d)| d.published(include_private))
            .map(|(i, d)| {
                let stem = crate::archive::markdown_stem(&d.path).unwrap_or(&d.path);
                (i, format!("records/{}.html", slug_path(stem)))
            })
            .collect();
        let paths = unique(
            published
                .iter()
                .map(|(i, c)| (archive.documents[*i].path.clone(), c.clone()))
                .collect(),
        );
        let mut records = vec![None; archive.documents.len()];
        for ((i, _), p) in published.iter().zip(paths) {
            records[*i] = Some(p);
        }

        // Namesakes and homophones are told apart by their roster id where they have one
        // (`wang-fang-t05`), else by a hash of the name.
        let roster = &archive.roster;
        let slugs: Vec<String> = roster
            .indices()
            .map(|t| slugify_name(&roster.get(t).name))
            .collect();
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for s in &slugs {
            *seen.entry(s.as_str()).or_default() += 1;
        }
        let teachers = roster
            .indices()
            .zip(&slugs)
            .map(|(t, slug)| {
                let who = roster.get(t);
                match (seen[slug.as_str()] > 1, &who.id) {
                    (false, _) => slug.clone(),
                    (true, Some(id)) => format!("{slug}-{}", slugify(id)),
                    (true, None) => format!("{slug}-{}", disambiguator(&who.name)),
                }
            })
            .collect();

        let mut file_list: Vec<&str> = archive.files.iter().collect();
        file_list.sort_unstable();
        let file_paths = unique(
            file_list
                .iter()
                .map(|f| (f.to_string(), file_candidate(f)))
                .collect(),
        );
        let files = file_list
            .iter()
            .map(|f| f.to_string())
            .zip(file_paths)
            .collect();

        let mut values: Vec<(Taxonomy, String)> = Vec::new();
        for d in archive.documents.iter().filter(|d| d.counts()) {
            values.extend(Taxonomy::of(d).map(|(t, v)| (t, v.to_string())));
        }
        values.sort();
        values.dedup();
        let term_paths = unique(
            values
                .iter()
                .map(|(t, v)| (v.clone(), format!("{}/{}", t.folder(), slugify(v))))
                .collect(),
        );
        let terms = values.into_iter().zip(term_paths).collect();

        Urls {
            records,
            teachers,
            files,
            terms,
        }
    }

    pub fn record(&self, doc: usize) -> Option<&str> {
        self.records.get(doc)?.as_deref()
    }

    pub fn file(&self, rel: &str) -> Option<&str> {
        self.files.get(rel).map(String::as_str)
    }

    pub fn teacher(&self, t: TeacherIdx) -> String {
        format!("teachers/{}.html", self.teachers[t.0 as usize])
    }

    pub fn teacher_year(&self, t: TeacherIdx, year: SchoolYear) -> String {
        format!("teachers/{}/{year}.html", self.teachers[t.0 as usize])
    }

    pub fn year(year: SchoolYear) -> String {
        format!("years/{year}.html")
    }

    pub fn year_print(year: SchoolYear) -> String {
        format!("years/{year}-print.html")
    }

    /// Page `n` (from 1) of a paginated list whose first page is `base.html`. Later pages go in
    /// a folder of their own, `base/2.html`: a name like `base-2.html` could be another list's.
    pub fn paged(base: &str, n: usize) -> String {
        if n <= 1 {
            format!("{base}.html")
        } else {
            format!("{base}/{n}.html")
        }
    }

    pub fn kind_base(kind: Kind) -> String {
        format!("kinds/{}", kind.as_str())
    }

    /// The base (no page number, no extension) of a 领域/形式/标签 list.
    pub fn term_base(&self, tax: Taxonomy, value: &str) -> Option<&str> {
        self.terms
            .get(&(tax, value.to_string()))
            .map(String::as_str)
    }

    pub fn terms(&self) -> impl Iterator<Item = (&(Taxonomy, String), &String)> {
        self.terms.iter()
    }
}

/// The prefix that leads from a page back to the output root: `""`, `"../"`, `"../../"` …
pub fn root_of(page: &str) -> String {
    root_at(depth_of(page))
}

/// How many folders deep a page (a path relative to the output root) is.
pub fn depth_of(page: &str) -> usize {
    page.matches('/').count()
}

/// The prefix back to the output root from a page `depth` folders deep.
pub fn root_at(depth: usize) -> String {
    "../".repeat(depth)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collisions_get_stable_suffixes_and_keep_extensions() {
        let got = unique(vec![
            ("附件/王丽.pdf".into(), "files/fu-jian/wang-li.pdf".into()),
            ("附件/王莉.pdf".into(), "files/fu-jian/wang-li.pdf".into()),
            ("附件/张三.pdf".into(), "files/fu-jian/zhang-san.pdf".into()),
        ]);
        assert_eq!(got[2], "files/fu-jian/zhang-san.pdf");
        assert_ne!(got[0], got[1]);
        assert!(got[0].starts_with("files/fu-jian/wang-li-") && got[0].ends_with(".pdf"));
        let again = unique(vec![
            ("附件/王莉.pdf".into(), "files/fu-jian/wang-li.pdf".into()),
            ("附件/王丽.pdf".into(), "files/fu-jian/wang-li.pdf".into()),
        ]);
        assert_eq!(
            again[1], got[0],
            "suffix depends on the source, not the order"
        );
    }

    #[test]
    fn file_names_keep_a_clean_extension() {
        assert_eq!(
            file_candidate("附件/签到表-0912.PDF"),
            "files/fu-jian/qian-dao-biao-0912.pdf"
        );
        assert_eq!(file_candidate("附件/说明"), "files/fu-jian/shuo-ming");
    }

    #[test]
    fn long_paths_are_cut_to_fit_windows_and_stay_apart() {
        let deep = "2024-2025/课题/农村小学中段整本书阅读推进策略研究（县级课题）/过程资料/\
                    2024学年第一学期课题组研讨活动记录/\
                    2024-10-17-整本书阅读推进课课例研讨暨中期汇报准备会议记录";
        let a = slug_path(deep);
        assert!(a.len() <= MAX_SLUG_PATH, "{} {a}", a.len());
        assert!(a.starts_with("2024-2025/ke-ti/"), "short folders kept: {a}");
        assert!(a.contains("/2024-10-17-zheng-ben-shu"), "{a}");
        assert_eq!(a, slug_path(deep), "stable");
        let b = slug_path(&deep.replace("中期汇报", "期末汇报"));
        assert_ne!(a, b, "two long names cut alike stay apart");
        let other_folder = slug_path(&deep.replace("过程资料", "结题资料"));
        assert_ne!(a, other_folder);
        // Nested past any sense: still within bounds.
        let nested = ["很长的文件夹名称用来测试"; 12].join("/") + "/记录";
        let n = slug_path(&nested);
        assert!(n.len() <= MAX_SLUG_PATH && n.is_ascii(), "{n}");
        assert!(
            n.starts_with('x') && n.ends_with("/ji-lu") && !n.contains("//"),
            "{n}"
        );
        // A path that fits is left as it is.
        assert_eq!(
            slug_path("2024-2025/活动/2024-09-12-集体备课"),
            "2024-2025/huo-dong/2024-09-12-ji-ti-bei-ke"
        );
    }

    #[test]
    fn root_prefix_counts_folders() {
        assert_eq!(root_of("index.html"), "");
        assert_eq!(root_of("records/2024-2025/a.html"), "../../");
    }
}
