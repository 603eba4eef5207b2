//! Loading an archive from disk: configuration, roster, every document, every file.
//! This is the only stage that reads; everything after it works on the [`Archive`] in memory.

pub mod document;
pub mod frontmatter;
pub mod keys;
mod locate;
pub(crate) mod mend;
pub(crate) mod private_mark;
pub mod source;
mod walk;

pub use locate::{OneRecord, archive_above, locate, record_at};
pub use walk::{Role, is_readme, markdown_stem, role};

use crate::config::{self, CONFIG_FILE, Config};
use crate::diagnostic::{Code, Diagnostic};
use crate::error::FatalError;
use crate::kind::Kind;
use crate::roster::{self, ROSTER_FILE, Roster};
use document::Document;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use walk::{Walked, walk};

#[derive(Debug, Default, Clone)]
pub struct LoadOptions {
    /// The output folder, when it lies inside the archive: never read as records.
    pub output_dir: Option<PathBuf>,
}

/// Every file of the archive that is not a record: attachments and the like.
#[derive(Debug, Default, Clone)]
pub struct FileIndex {
    /// Archive-relative paths of the files (not documents' own `.md`, which are in `documents`).
    files: HashSet<String>,
    /// Symlinks (files or folders) that lead outside the archive: nothing behind them is read.
    escaping: HashSet<String>,
}

/// Where a path written in a record leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// An archive-relative path that exists.
    Found(String),
    /// Inside the archive but nothing is there.
    Missing(String),
    /// Leads outside the archive (by `..` or through a symlink).
    Outside,
}

impl FileIndex {
    pub fn contains(&self, rel: &str) -> bool {
        self.files.contains(rel)
    }

    /// Every file, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.files.iter().map(String::as_str)
    }

    fn escapes(&self, rel: &str) -> bool {
        // Most archives have no such link, and every reference of every record is resolved.
        if self.escaping.is_empty() {
            return false;
        }
        // A path escapes when it, or any folder above it, is a symlink leading out.
        let mut prefix = String::new();
        for part in rel.split('/') {
            if !prefix.is_empty() {
                prefix.push('/');
            }
            prefix.push_str(part);
            if self.escaping.contains(&prefix) {
                return true;
            }
        }
        false
    }
}

#[derive(Debug)]
pub struct Archive {
    pub root: PathBuf,
    pub config: Config,
    pub roster: Roster,
    /// Sorted by path.
    pub documents: Vec<Document>,
    pub files: FileIndex,
    /// Problems found while reading (syntax, types, encodings); checks add the rest.
    pub diagnostics: Vec<Diagnostic>,
    by_path: HashMap<String, usize>,
}

impl Archive {
    pub fn document(&self, rel: &str) -> Option<&Document> {
        self.by_path.get(rel).map(|&i| &self.documents[i])
    }

    /// Whether `rel` is one of the archive's records or other files.
    pub fn knows(&self, rel: &str) -> bool {
        self.by_path.contains_key(rel) || self.files.contains(rel)
    }

    pub fn index_of(&self, rel: &str) -> Option<usize> {
        self.by_path.get(rel).copied()
    }

    /// Resolves a path written in the record at `from`: relative to its folder, or to the
    /// archive root when it starts with `/`. Lexical: `..` above the root is outside.
    pub fn resolve(&self, from: &Document, written: &str) -> Target {
        let written = written.trim();
        let written = written.split(['#', '?']).next().unwrap_or("");
        let decoded = percent_decode(written);
        let (base, rest) = match decoded.strip_prefix('/') {
            Some(r) => ("", r),
            None => (from.folder(), &*decoded),
        };
        let mut parts: Vec<&str> = base.split('/').filter(|p| !p.is_empty()).collect();
        for part in rest.split(['/', '\\']) {
            match part {
                "" | "." => {}
                ".." => {
                    if parts.pop().is_none() {
                        return Target::Outside;
                    }
                }
                p => parts.push(p),
            }
        }
        let rel = parts.join("/");
        if self.files.escapes(&rel) {
            return Target::Outside;
        }
        if self.files.contains(&rel) || self.by_path.contains_key(&rel) {
            Target::Found(rel)
        } else {
            Target::Missing(rel)
        }
    }

    /// Builds an archive from parts already in memory (tests, and the incremental engine later).
    pub fn from_parts(
        root: PathBuf,
        config: Config,
        roster: Roster,
        mut documents: Vec<Document>,
        files: FileIndex,
        diagnostics: Vec<Diagnostic>,
    ) -> Archive {
        documents.sort_by(|a, b| a.path.cmp(&b.path));
        let by_path = index_by_path(&documents);
        Archive {
            root,
            config,
            roster,
            documents,
            files,
            diagnostics,
            by_path,
        }
    }
}

/// A URL with a scheme (`https:`, `mailto:`, `javascript:` …) or a network path (`//host`):
/// it does not name a file of the archive, so [`Archive::resolve`] is not for it.
pub fn has_scheme(url: &str) -> bool {
    url.starts_with("//")
        || url.split_once(':').is_some_and(|(scheme, _)| {
            !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        })
}

fn percent_decode(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains('%') {
        return s.into();
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16)
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).map_or(s.into(), Into::into)
}

fn read_required(root: &Path, name: &str, code: Code) -> Result<String, FatalError> {
    let path = root.join(name);
    if leads_outside(&path, root) {
        return Err(FatalError::setup(
            code,
            name,
            None,
            format!("{name} 是指向档案文件夹之外的链接（符号链接），为安全起见未读取"),
            "把这个文件本身复制进档案根目录，代替链接",
        ));
    }
    let bytes = std::fs::read(&path).map_err(|e| {
        let msg = if e.kind() == std::io::ErrorKind::NotFound {
            format!("档案中没有 {name}")
        } else {
            format!("无法读取 {name}：{e}")
        };
        let above = (code == Code::ConfigBroken && e.kind() == std::io::ErrorKind::NotFound)
            .then(|| archive_above(root))
            .flatten();
        let help = if let Some(above) = above {
            // Not `init` here: that would make an archive inside the archive.
            &format!(
                "这是档案里的一个文件夹，档案在 {0}：请在 {0} 中运行 yanxiu，或在命令后写上这个文件夹",
                above.display()
            )
        } else if code == Code::ConfigBroken {
            "在档案根目录建立 yanxiu.yaml，至少写上 school: 学校名称（或运行 yanxiu init）"
        } else {
            "在档案根目录建立 teachers.yaml，列出教师名册（或运行 yanxiu init）"
        };
        FatalError::setup(code, name, None, msg, help)
    })?;
    let (text, _) = source::decode(bytes).ok_or_else(|| {
        FatalError::setup(
            code,
            name,
            None,
            format!("{name} 不是可识别的文本文件"),
            "用 UTF-8 编码另存该文件",
        )
    })?;
    Ok(text)
}

/// What [`Archive::reread`] changed.
#[derive(Debug, Default)]
pub struct Reread {
    /// Records read again that existed before: their index and their old version.
    pub edited: Vec<(usize, Document)>,
    /// A record or a file appeared or went away: paths, and so the site's URLs, may differ.
    pub paths_changed: bool,
}

impl Archive {
    /// The records and files known below `folder` (archive-relative, no trailing `/`): what a
    /// folder moved away or deleted took with it.
    pub fn known_under(&self, folder: &str) -> Vec<String> {
        let prefix = format!("{folder}/");
        let docs = self.documents.iter().map(|d| &d.path);
        docs.chain(self.files.files.iter())
            .filter(|p| p.starts_with(&prefix))
            .cloned()
            .collect()
    }

    /// Reads again records and files that changed on disk (edited, added or deleted), given by
    /// archive-relative path with their [`role`]. The configuration, the roster and symlinks
    /// are not for this: whoever sees them changed loads the whole archive again.
    pub fn reread(&mut self, changed: &[(String, Role)]) -> Reread {
        let mut r = Reread::default();
        let mut added = Vec::new();
        let mut removed = HashSet::new();
        for (rel, role) in changed {
            let exists = self.root.join(rel).is_file();
            match *role {
                Role::Record(kind) => {
                    let known = self.by_path.get(rel).copied();
                    if !exists {
                        if known.is_some() {
                            removed.insert(rel.clone());
                        }
                        continue;
                    }
                    let (doc, diags) = read_document(&self.root, rel, kind, &self.config.calendar);
                    self.diagnostics.retain(|d| &d.file != rel);
                    self.diagnostics.extend(diags);
                    match known {
                        Some(i) => r
                            .edited
                            .push((i, std::mem::replace(&mut self.documents[i], doc))),
                        None => added.push(doc),
                    }
                }
                Role::File => {
                    let changed = if exists {
                        self.files.files.insert(rel.clone())
                    } else {
                        self.files.files.remove(rel)
                    };
                    r.paths_changed |= changed;
                }
                _ => {}
            }
        }
        if !added.is_empty() || !removed.is_empty() {
            r.paths_changed = true;
            r.edited.clear();
            self.diagnostics.retain(|d| !removed.contains(&d.file));
            let mut documents = std::mem::take(&mut self.documents);
            documents.retain(|d| !removed.contains(&d.path));
            documents.extend(added);
            documents.sort_by(|a, b| a.path.cmp(&b.path));
            self.by_path = index_by_path(&documents);
            self.documents = documents;
        }
        r
    }
}

fn index_by_path(documents: &[Document]) -> HashMap<String, usize> {
    documents
        .iter()
        .enumerate()
        .map(|(i, d)| (d.path.clone(), i))
        .collect()
}

/// Whether `path` exists and, symbolic links followed, is not under `root` (canonical).
pub fn leads_outside(path: &Path, root: &Path) -> bool {
    path.canonicalize()
        .is_ok_and(|real| !real.starts_with(root))
}

/// Reads an archive. Fails only when the configuration or the roster cannot be read; every
/// problem of a record is a diagnostic and the record is kept.
pub fn load(dir: &Path, options: &LoadOptions) -> Result<Archive, FatalError> {
    if dir.is_file() {
        return Err(FatalError::NotAFolder(dir.to_path_buf()));
    }
    if !dir.is_dir() {
        return Err(FatalError::NoArchive(dir.to_path_buf()));
    }
    let root = dir.canonicalize().map_err(|source| FatalError::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    let config_text = read_required(&root, CONFIG_FILE, Code::ConfigBroken)?;
    let (config, mut diagnostics) = config::parse(&config_text)?;
    let (roster, roster_diags) =
        roster::parse(&read_required(&root, ROSTER_FILE, Code::RosterBroken)?)?;
    diagnostics.extend(roster_diags);
    diagnostics.extend(config::roles_nobody_holds(&config, &roster, &config_text));

    let output = options
        .output_dir
        .as_ref()
        .and_then(|o| o.canonicalize().ok());
    let Walked {
        md: md_files,
        index: files,
        problems,
    } = walk(&root, output.as_deref());
    diagnostics.extend(problems);
    let calendar = config.calendar;
    // Straight into their own vectors: gathered in pairs first, every document was moved once
    // more, on one core.
    let (documents, found): (Vec<Document>, Vec<Vec<Diagnostic>>) = md_files
        .par_iter()
        .map(|(rel, folder_kind)| read_document(&root, rel, *folder_kind, &calendar))
        .unzip();
    diagnostics.extend(found.into_iter().flatten());
    Ok(Archive::from_parts(
        root,
        config,
        roster,
        documents,
        files,
        diagnostics,
    ))
}

fn read_document(
    root: &Path,
    rel: &str,
    folder_kind: Option<Kind>,
    cal: &crate::dates::SchoolCalendar,
) -> (Document, Vec<Diagnostic>) {
    let unreadable = |msg: String, help: &str| {
        let doc = Document {
            path: rel.to_string(),
            kind: folder_kind,
            broken: true,
            ..Default::default()
        };
        let d = Diagnostic::new(Code::Unreadable, rel, msg).help(help);
        (doc, vec![d])
    };
    let bytes = match std::fs::read(root.join(rel)) {
        Ok(b) => b,
        Err(e) => {
            return unreadable(
                format!("无法读取文件：{e}"),
                "检查文件是否被其他程序占用、是否有读取权限",
            );
        }
    };
    let Some((mut text, encoding)) = source::decode(bytes) else {
        return unreadable(
            "文件既不是 UTF-8 也不是 GB18030 等可识别的编码".into(),
            "在编辑器中用“UTF-8”编码另存该文件（记事本：另存为 → 编码选 UTF-8）",
        );
    };
    // NUL characters (a damaged file, or one pasted from a binary) would reach every page
    // that shows the text.
    // Looked for 32 bytes at a time: almost every file has none.
    let nuls = memchr::memchr_iter(0, text.as_bytes()).count();
    if nuls > 0 {
        text = text.replace('\0', "");
    }
    let (doc, mut diags) = frontmatter::parse(rel.to_string(), text, folder_kind, cal);
    if nuls > 0 {
        diags.push(
            Diagnostic::new(
                Code::ControlCharacters,
                rel,
                format!("文件中有 {nuls} 个空字符（NUL），已删除"),
            )
            .help("文件可能已损坏，或混入了其他文件的内容；请核对后另存"),
        );
    }
    if let source::Encoding::Legacy(name) = encoding {
        diags.push(
            Diagnostic::new(
                Code::LegacyEncoding,
                rel,
                format!(
                    "文件不是 UTF-8 编码，是{}，已正确读取；其他工具（如网页、git）可能显示为乱码",
                    encoding_label(name)
                ),
            )
            .help("在编辑器中用“UTF-8”编码另存该文件（记事本：另存为 → 编码选 UTF-8）"),
        );
    }
    (doc, diags)
}

/// An encoding as a teacher knows it: GB18030 and GBK are what Windows Notepad calls ANSI on
/// a Chinese system.
fn encoding_label(name: &str) -> String {
    match name.to_ascii_lowercase().as_str() {
        "gb18030" | "gbk" | "gb2312" => format!("中文 Windows 记事本的“ANSI”编码（{name}）"),
        "utf-16le" | "utf-16be" => format!("记事本的“Unicode”编码（{name}）"),
        _ => format!("{name} 编码"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_extensions_in_any_case() {
        assert_eq!(markdown_stem("反思/a.md"), Some("反思/a"));
        assert_eq!(markdown_stem("反思/a.MD"), Some("反思/a"));
        assert_eq!(markdown_stem("a.Markdown"), Some("a"));
        assert_eq!(markdown_stem("a.md.txt"), None);
        assert_eq!(markdown_stem("md"), None);
    }
}
