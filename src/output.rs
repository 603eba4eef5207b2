//! Writing an output folder safely: everything goes into a temporary folder beside it, which
//! replaces the old output only when complete; a folder yanxiu did not make is never touched.

use crate::OUTPUT_MARKER;
use crate::error::FatalError;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

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

/// True when `dir` is absent, empty, or carries our marker.
pub fn is_ours(dir: &Path) -> bool {
    match std::fs::read_dir(dir) {
        Err(_) => !dir.exists(),
        Ok(mut entries) => entries.next().is_none() || dir.join(OUTPUT_MARKER).is_file(),
    }
}

/// Where rendered files go as soon as they are ready, so a build never holds the whole site
/// in memory.
pub trait Sink: Sync {
    /// Stores a file; a later file at a path already stored is dropped (see [`Staging::dropped`]).
    fn put(&self, file: OutputFile) -> Result<(), FatalError>;
}

/// A build in progress: files go into a temporary folder beside OUT, which replaces OUT only on
/// [`Staging::commit`]. Dropped without a commit, it removes the temporary folder and OUT stays
/// as it was.
pub struct Staging {
    out: PathBuf,
    tmp: PathBuf,
    old: PathBuf,
    /// Paths written so far, lower-cased: Windows would treat `A.html` and `a.html` as one.
    written: Mutex<HashSet<String>>,
    dirs: Mutex<HashSet<PathBuf>>,
    dropped: Mutex<Vec<String>>,
    committed: bool,
}

impl Staging {
    /// Checks that OUT may be replaced and makes the temporary folder.
    pub fn begin(out: &Path) -> Result<Staging, FatalError> {
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
        let tmp = parent.join(format!(".{name}.yanxiu-new-{}", std::process::id()));
        let old = parent.join(format!(".{name}.yanxiu-old-{}", std::process::id()));
        if tmp.exists() {
            std::fs::remove_dir_all(&tmp).map_err(io(&tmp))?;
        }
        std::fs::create_dir_all(&tmp).map_err(io(&tmp))?;
        Ok(Staging {
            out: out.to_path_buf(),
            tmp,
            old,
            written: Mutex::new(HashSet::new()),
            dirs: Mutex::new(HashSet::new()),
            dropped: Mutex::new(Vec::new()),
            committed: false,
        })
    }

    /// How many files were written.
    pub fn written(&self) -> usize {
        self.written.lock().expect("not poisoned").len()
    }

    /// Paths that were not written because an earlier file had taken them.
    pub fn dropped(&self) -> Vec<String> {
        self.dropped.lock().expect("not poisoned").clone()
    }

    /// Marks the folder as ours and swaps it in for OUT.
    pub fn commit(mut self) -> Result<(), FatalError> {
        let marker = self.tmp.join(OUTPUT_MARKER);
        std::fs::write(
            &marker,
            "此文件夹由 yanxiu 生成，重新生成时会被整体替换。\n",
        )
        .map_err(io(&marker))?;
        if self.out.exists() {
            std::fs::rename(&self.out, &self.old).map_err(io(&self.out))?;
        }
        if let Err(e) = std::fs::rename(&self.tmp, &self.out) {
            let _ = std::fs::rename(&self.old, &self.out);
            return Err(io(&self.out)(e));
        }
        self.committed = true;
        let _ = std::fs::remove_dir_all(&self.old);
        Ok(())
    }
}

impl Sink for Staging {
    fn put(&self, file: OutputFile) -> Result<(), FatalError> {
        if !self
            .written
            .lock()
            .expect("not poisoned")
            .insert(file.path.to_ascii_lowercase())
        {
            self.dropped.lock().expect("not poisoned").push(file.path);
            return Ok(());
        }
        if let Some((dir, _)) = file.path.rsplit_once('/') {
            let dir = self.tmp.join(dir);
            if !self.dirs.lock().expect("not poisoned").contains(&dir) {
                std::fs::create_dir_all(&dir).map_err(io(&dir))?;
                self.dirs.lock().expect("not poisoned").insert(dir);
            }
        }
        write_one(&self.tmp, &file)
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.tmp);
        }
    }
}
