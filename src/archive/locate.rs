//! Finding the archive a command works on, from the folder or the file the user named.

use super::{Role, is_readme, markdown_stem, role};
use crate::config::CONFIG_FILE;
use crate::error::FatalError;
use crate::roster::ROSTER_FILE;
use std::path::{Path, PathBuf};

/// The archive a command works on: DIR when given; else the current folder or, when it has no
/// yanxiu.yaml, the nearest folder above it that has one (a teacher in `2024-2025/反思/` means
/// the archive, as git would).
pub fn locate(dir: Option<PathBuf>) -> PathBuf {
    if let Some(d) = dir {
        return d;
    }
    let here = PathBuf::from(".");
    if here.join(CONFIG_FILE).is_file() {
        return here;
    }
    std::env::current_dir()
        .ok()
        .and_then(|cwd| archive_above(&cwd).map(Path::to_path_buf))
        .unwrap_or(here)
}

/// The nearest folder above `root` that holds a yanxiu.yaml: where the archive probably is
/// when `root` has none.
pub fn archive_above(root: &Path) -> Option<&Path> {
    root.ancestors()
        .skip(1)
        .find(|a| a.join(CONFIG_FILE).is_file())
}

/// One record's file named where the archive belongs (`yanxiu check 反思/x.md`): the archive
/// around it, and the record's path inside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OneRecord {
    /// Canonical.
    pub root: PathBuf,
    /// Archive-relative, `/`-separated, as diagnostics name it.
    pub rel: String,
}

/// The archive holding `file` and the record's path in it. References between records need
/// the whole archive, so the caller loads all of it and shows only this file's problems.
pub fn record_at(file: &Path) -> Result<OneRecord, FatalError> {
    let not_a_record = |why: String, help: String| FatalError::NotARecord {
        path: file.to_path_buf(),
        why,
        help,
    };
    if !file.exists() {
        return Err(FatalError::NoSuchFile(file.to_path_buf()));
    }
    let name = file.file_name().unwrap_or_default().to_string_lossy();
    // The folder is made canonical, not the file: a record is its own path, never what a
    // link points to.
    let parent = match file.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let folder = parent.canonicalize().map_err(|source| FatalError::Io {
        path: parent.to_path_buf(),
        source,
    })?;
    let Some(root) = folder.ancestors().find(|a| a.join(CONFIG_FILE).is_file()) else {
        return Err(FatalError::NotInArchive(file.to_path_buf()));
    };
    let mut rel = folder
        .strip_prefix(root)
        .unwrap_or(Path::new(""))
        .to_string_lossy()
        .replace('\\', "/");
    if !rel.is_empty() {
        rel.push('/');
    }
    rel.push_str(&name);
    let whole = "要检查整个档案，请写档案文件夹，或在档案中直接运行 yanxiu check".to_string();
    if file.is_symlink() {
        return Err(not_a_record(
            "它是一个链接（符号链接），yanxiu 不把链接当作记录读取".into(),
            "把文件本身放进档案，代替链接".into(),
        ));
    }
    match role(&rel, None) {
        Role::Record(_) => Ok(OneRecord {
            root: root.to_path_buf(),
            rel,
        }),
        Role::Config | Role::Roster => Err(not_a_record(
            if rel == ROSTER_FILE {
                "它是档案的教师名册".into()
            } else {
                "它是档案的配置文件".into()
            },
            whole,
        )),
        Role::Theme => Err(not_a_record(
            "templates/ 和 static/ 中是网站的模板和素材，不是记录".into(),
            whole,
        )),
        Role::Ignored if is_readme(&rel) => Err(not_a_record(
            "档案根目录下的 README 是整个档案的说明，不算记录".into(),
            whole,
        )),
        Role::Ignored => Err(not_a_record(
            "public/ 和以 . 开头的文件夹中的文件不算记录".into(),
            whole,
        )),
        Role::File => {
            let stem = name.strip_suffix(".txt").unwrap_or(&name);
            let help = if name.to_ascii_lowercase().ends_with(".txt") {
                let stem = markdown_stem(stem).unwrap_or(stem);
                format!("记录要用 .md 扩展名：把文件改名为 {stem}.md")
            } else {
                whole
            };
            Err(not_a_record(
                "只有 .md（Markdown）文件是记录，其他文件是附件".into(),
                help,
            ))
        }
    }
}
