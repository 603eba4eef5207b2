//! Finding the archive's files, and what each is to the loader: the configuration, the roster,
//! the school's theme, a record (with the kind its folder gives), or any other file.

use super::FileIndex;
use crate::config::CONFIG_FILE;
use crate::diagnostic::{Code, Diagnostic};
use crate::kind::Kind;
use crate::roster::ROSTER_FILE;
use rayon::prelude::*;
use std::path::Path;

/// Folders at the archive root that hold no records.
const NOT_RECORDS: &[&str] = &["templates", "static", "public"];

/// What a path of the archive is to the loader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Config,
    Roster,
    /// Under `templates/` or `static/`: the school's theme.
    Theme,
    /// A Markdown record, with the kind its folder gives.
    Record(Option<Kind>),
    /// Any other file: an attachment or the like.
    File,
    /// Hidden, or in a folder that holds no records (the output among them).
    Ignored,
}

/// The role of an archive-relative path (`/`-separated), by the same rules as
/// [`load`](super::load). `output` is the output folder relative to the archive, when it lies
/// inside it.
pub fn role(rel: &str, output: Option<&str>) -> Role {
    let parts: Vec<&str> = rel.split('/').collect();
    if rel.is_empty() || parts.iter().any(|p| p.starts_with('.') || p.is_empty()) {
        return Role::Ignored;
    }
    if output.is_some_and(|o| rel == o || rel.starts_with(&format!("{o}/"))) {
        return Role::Ignored;
    }
    match parts.as_slice() {
        [CONFIG_FILE] => Role::Config,
        [ROSTER_FILE] => Role::Roster,
        ["templates" | "static", _, ..] => Role::Theme,
        [first, _, ..] if NOT_RECORDS.contains(first) => Role::Ignored,
        [file] if is_readme(file) => Role::Ignored,
        _ if is_markdown(rel) => Role::Record(folder_kind(&parts[..parts.len() - 1])),
        _ => Role::File,
    }
}

/// A git repository keeps a `README.md` at its root saying what it holds; schools that keep
/// their archive in one do too, and it is no record (it has no front matter to check).
pub fn is_readme(file: &str) -> bool {
    markdown_stem(file).is_some_and(|stem| stem.eq_ignore_ascii_case("readme"))
}

fn is_markdown(rel: &str) -> bool {
    markdown_stem(rel).is_some()
}

/// The path without its Markdown extension (`.md`, `.markdown`, in any case: Windows keeps
/// `.MD`); `None` when it has none.
pub fn markdown_stem(rel: &str) -> Option<&str> {
    [".md", ".markdown"].iter().find_map(|ext| {
        let at = rel.len().checked_sub(ext.len())?;
        (rel.is_char_boundary(at) && rel[at..].eq_ignore_ascii_case(ext)).then(|| &rel[..at])
    })
}

/// A text file that begins like a record (`---`) but will not be read as one: Notepad saves
/// `反思.txt` or `反思.md.txt` unless told otherwise, and the teacher believes it handed in.
fn looks_like_a_record(path: &Path, rel: &str) -> bool {
    let lower = rel.to_ascii_lowercase();
    if !lower.ends_with(".txt") {
        return false;
    }
    let mut head = [0u8; 8];
    let n = std::fs::File::open(path)
        .and_then(|mut f| std::io::Read::read(&mut f, &mut head))
        .unwrap_or(0);
    let head = &head[..n];
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    head.starts_with(b"---")
}

/// The kind the nearest folder named for one gives.
fn folder_kind(folders: &[&str]) -> Option<Kind> {
    folders.iter().rev().find_map(|f| Kind::from_folder(f))
}

/// Lists the Markdown records (with the kind their folder gives) and every other file. The
/// top-level folders (the school years) are walked in parallel, and their findings put together
/// in name order, as one walk would have listed them.
pub(super) fn walk(root: &Path, output: Option<&Path>) -> Walked {
    // `depth` counts from `root` (its entries are at 1).
    let keep = |e: &walkdir::DirEntry, depth: usize| {
        let name = e.file_name().to_string_lossy();
        if name.starts_with('.') {
            return false;
        }
        if depth == 1 && e.file_type().is_dir() && NOT_RECORDS.contains(&name.as_ref()) {
            return false;
        }
        output.is_none_or(|o| e.path() != o)
    };
    // The top level's own problems (a school year's folder that cannot be read).
    let mut own = Walked::default();
    let top: Vec<walkdir::DirEntry> = walkdir::WalkDir::new(root)
        .min_depth(1)
        .max_depth(1)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_map(|e| e.map_err(|e| own.unreadable(root, &e)).ok())
        .filter(|e| keep(e, 1))
        .collect();
    let parts: Vec<Walked> = top
        .par_iter()
        .map(|t| {
            let mut part = Walked::default();
            part.visit(root, t, 1);
            if t.file_type().is_dir() {
                let below = walkdir::WalkDir::new(t.path())
                    .min_depth(1)
                    .follow_links(false)
                    .sort_by_file_name()
                    .into_iter()
                    .filter_entry(|e| keep(e, e.depth() + 1));
                for e in below {
                    match e {
                        Ok(e) => part.visit(root, &e, e.depth() + 1),
                        Err(e) => part.unreadable(root, &e),
                    }
                }
            }
            part
        })
        .collect();
    let mut md = Vec::new();
    let mut index = FileIndex::default();
    let mut problems = own.problems;
    for part in parts {
        md.extend(part.md);
        index.files.extend(part.index.files);
        index.escaping.extend(part.index.escaping);
        problems.extend(part.problems);
    }
    Walked {
        md,
        index,
        problems,
    }
}

/// What a part of the walk found.
#[derive(Default)]
pub(super) struct Walked {
    pub(super) md: Vec<(String, Option<Kind>)>,
    pub(super) index: FileIndex,
    /// Folders that could not be read, and records or folders that lead outside the archive:
    /// each would otherwise drop records without a word.
    pub(super) problems: Vec<Diagnostic>,
}

/// A record whose path is not UTF-8: most often a zip made on a Chinese Windows (its names in
/// GBK) and unpacked elsewhere. It cannot be read under the name it has; said with the name
/// as GBK reads it, where it does.
fn name_not_utf8(path: &Path, lossy: &str) -> Diagnostic {
    // Each name of the path on its own: the folders above may be UTF-8 already.
    #[cfg(unix)]
    let shown = {
        use std::os::unix::ffi::OsStrExt;
        let names: Option<Vec<String>> = path
            .components()
            .map(|c| {
                let bytes = c.as_os_str().as_bytes();
                match std::str::from_utf8(bytes) {
                    Ok(s) => Some(s.to_string()),
                    Err(_) => {
                        let (text, _, bad) = encoding_rs::GBK.decode(bytes);
                        (!bad).then(|| text.into_owned())
                    }
                }
            })
            .collect();
        names.map_or_else(|| lossy.to_string(), |n| n.join("/"))
    };
    #[cfg(not(unix))]
    let shown = {
        let _ = path;
        lossy.to_string()
    };
    Diagnostic::new(
        Code::Unreadable,
        lossy,
        format!(
            "文件名“{shown}”不是 UTF-8 编码，这份记录无法读取（常见于在 Windows 上压缩、在其他系统上解压的 zip）"
        ),
    )
    .help("把这个文件（及名字显示为乱码的文件夹）重新改名，或用能识别中文文件名的方式重新解压（如 unzip -O GBK）")
}

impl Walked {
    /// A folder or file the walk could not enter or read (permissions, mostly).
    fn unreadable(&mut self, root: &Path, e: &walkdir::Error) {
        let Some(path) = e.path() else { return };
        let rel = path
            .strip_prefix(root)
            .map(|r| r.to_string_lossy().replace('\\', "/"))
            .unwrap_or_else(|_| path.display().to_string());
        let why = e
            .io_error()
            .map(|io| match io.kind() {
                std::io::ErrorKind::PermissionDenied => "没有读取权限".to_string(),
                _ => io.to_string(),
            })
            .unwrap_or_else(|| e.to_string());
        self.problems.push(
            Diagnostic::new(
                Code::Unreadable,
                &rel,
                format!("无法读取这个文件夹（{why}），其中的记录都未检查"),
            )
            .help("检查文件夹的权限（Windows：属性 → 安全），让当前用户可以读取"),
        );
    }

    /// Takes note of `entry`, `depth` levels below `root`.
    fn visit(&mut self, root: &Path, entry: &walkdir::DirEntry, depth: usize) {
        let Ok(rel_path) = entry.path().strip_prefix(root) else {
            return;
        };
        let rel = rel_path.to_string_lossy().replace('\\', "/");
        let ft = entry.file_type();
        // A record under a name that is not UTF-8 cannot be read under the name it has: said
        // so. Any other file goes on as before (a Word file still gets its Y404).
        if rel_path.to_str().is_none() && ft.is_file() && is_markdown(&rel) {
            self.problems.push(name_not_utf8(rel_path, &rel));
            return;
        }
        if ft.is_symlink() {
            match entry.path().canonicalize() {
                Ok(target) if target.starts_with(root) => {
                    if target.is_file() {
                        self.index.files.insert(rel.clone());
                    }
                }
                _ => {
                    // A record or a folder of them, linked in from outside: never read, but
                    // said, or the teacher's record would vanish without a word.
                    if is_markdown(&rel) || entry.path().is_dir() {
                        self.problems.push(
                            Diagnostic::new(
                                Code::OutsideArchive,
                                &rel,
                                "这是指向档案文件夹之外的链接（符号链接），未读取",
                            )
                            .help("把文件或文件夹本身复制进档案，再删除这个链接"),
                        );
                    }
                    self.index.escaping.insert(rel);
                }
            }
            return;
        }
        if !ft.is_file() || (depth == 1 && (rel == CONFIG_FILE || rel == ROSTER_FILE)) {
            return;
        }
        if depth == 1 && is_readme(&rel) {
            return;
        }
        if is_markdown(&rel) {
            let folders: Vec<&str> = rel.split('/').collect();
            let kind = folder_kind(&folders[..folders.len() - 1]);
            self.md.push((rel, kind));
        } else {
            if looks_like_a_record(entry.path(), &rel) {
                let name = rel.rsplit('/').next().unwrap_or(&rel);
                let stem = name.strip_suffix(".txt").unwrap_or(name);
                let stem = markdown_stem(stem).unwrap_or(stem);
                self.problems.push(
                    Diagnostic::new(
                        Code::NotMarkdown,
                        &rel,
                        "这个文件像一份记录（开头是 ---），但扩展名不是 .md，没有当作记录读取",
                    )
                    .help(format!(
                        "把文件改名为 {stem}.md（记事本“另存为”时，保存类型选“所有文件”）"
                    )),
                );
            }
            self.index.files.insert(rel);
        }
    }
}
