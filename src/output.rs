//! Writing an output folder safely: everything goes into a temporary folder beside it, which
//! replaces the old output only when complete; a folder yanxiu did not make is never touched.

use crate::OUTPUT_MARKER;
use crate::error::FatalError;
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// A file to write, at a `/`-separated path relative to the output folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: String,
    pub content: Content,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Content {
    Bytes(Vec<u8>),
    /// Copied from a file of the archive (an attachment, a static file) when the output is written.
    Copy(PathBuf),
}

impl OutputFile {
    pub fn bytes(path: impl Into<String>, bytes: impl Into<Vec<u8>>) -> OutputFile {
        OutputFile {
            path: path.into(),
            content: Content::Bytes(bytes.into()),
        }
    }

    pub fn copy(path: impl Into<String>, from: PathBuf) -> OutputFile {
        OutputFile {
            path: path.into(),
            content: Content::Copy(from),
        }
    }
}

fn write_one(root: &Path, f: &OutputFile) -> Result<(), FatalError> {
    let path = root.join(&f.path);
    match &f.content {
        Content::Bytes(b) => std::fs::write(&path, b).map_err(io(&path)),
        Content::Copy(from) => {
            if !from.is_file() {
                return Err(read_error(from)(std::io::Error::new(
                    std::io::ErrorKind::NotFound,
                    "不是文件",
                )));
            }
            std::fs::copy(from, &path).map(|_| ()).map_err(io(&path))
        }
    }
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> FatalError + '_ {
    move |source| FatalError::Write {
        path: path.to_path_buf(),
        source,
    }
}

fn read_error(path: &Path) -> impl FnOnce(std::io::Error) -> FatalError + '_ {
    move |source| FatalError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Keeps the first file for each path and returns the paths of the later ones dropped: the
/// site's own pages come first, so a file in the archive's `static/` cannot replace one.
pub fn dedupe(files: &mut Vec<OutputFile>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    let mut dropped = Vec::new();
    files.retain(|f| {
        let first = seen.insert(f.path.to_ascii_lowercase());
        if !first {
            dropped.push(f.path.clone());
        }
        first
    });
    dropped
}

/// True when `dir` is absent, empty, or carries our marker.
pub fn is_ours(dir: &Path) -> bool {
    match std::fs::read_dir(dir) {
        Err(_) => !dir.exists(),
        Ok(mut entries) => entries.next().is_none() || dir.join(OUTPUT_MARKER).is_file(),
    }
}

pub fn write_atomically(out: &Path, files: &[OutputFile]) -> Result<(), FatalError> {
    if out.exists() && !out.is_dir() {
        return Err(FatalError::Output(format!(
            "输出位置 {} 是一个文件，不是文件夹",
            out.display()
        )));
    }
    if !is_ours(out) {
        return Err(FatalError::Output(format!(
            "输出文件夹 {} 已存在且不是 yanxiu 生成的（缺少 {OUTPUT_MARKER}），为避免误删，未做任何改动。请用 -o 指定其他文件夹，或自行清空它",
            out.display()
        )));
    }
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).map_err(io(parent))?;
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    let tmp: PathBuf = parent.join(format!(".{name}.yanxiu-new-{}", std::process::id()));
    let old: PathBuf = parent.join(format!(".{name}.yanxiu-old-{}", std::process::id()));
    let result = (|| {
        std::fs::create_dir_all(&tmp).map_err(io(&tmp))?;
        let dirs: BTreeSet<&str> = files
            .iter()
            .filter_map(|f| f.path.rsplit_once('/').map(|(d, _)| d))
            .collect();
        for d in dirs {
            let dir = tmp.join(d);
            std::fs::create_dir_all(&dir).map_err(io(&dir))?;
        }
        files.par_iter().try_for_each(|f| write_one(&tmp, f))?;
        let marker = tmp.join(OUTPUT_MARKER);
        std::fs::write(
            &marker,
            "此文件夹由 yanxiu 生成，重新生成时会被整体替换。\n",
        )
        .map_err(io(&marker))?;
        if out.exists() {
            std::fs::rename(out, &old).map_err(io(out))?;
        }
        std::fs::rename(&tmp, out).map_err(io(out))?;
        Ok(())
    })();
    match result {
        Ok(()) => {
            let _ = std::fs::remove_dir_all(&old);
            Ok(())
        }
        Err(e) => {
            let _ = std::fs::remove_dir_all(&tmp);
            if old.exists() && !out.exists() {
                let _ = std::fs::rename(&old, out);
            }
            Err(e)
        }
    }
}
