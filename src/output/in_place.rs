//! A folder kept up to date in place for the live preview: a file is written again only when
//! what it is made from differs from what was written last.

use super::owner::{may_take, write_marker};
use super::{Claims, Content, Folders, OutputFile, Sink, Writer, io, stream_to, write_one};
use crate::OUTPUT_MARKER;
use crate::error::FatalError;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use xxhash_rust::xxh3::Xxh3;

/// What a file in the output was made from, to tell without reading it whether it must be
/// written again.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Stamp {
    /// Found in the folder, made by an earlier run: written again.
    Unknown,
    /// The hash of its bytes.
    Bytes(u64),
    /// Copied from this file when it had this size and modification time.
    Copy(PathBuf, u64, Option<std::time::SystemTime>),
}

impl Stamp {
    fn of(content: &Content) -> Stamp {
        match content {
            Content::Bytes(b) => Stamp::Bytes(xxhash_rust::xxh3::xxh3_64(b)),
            Content::Copy(from) => {
                let meta = std::fs::metadata(from).ok();
                Stamp::Copy(
                    from.clone(),
                    meta.as_ref().map_or(0, |m| m.len()),
                    meta.and_then(|m| m.modified().ok()),
                )
            }
        }
    }
}

/// An output folder kept up to date in place, for a live preview: it knows what it wrote, and
/// a file is written again only when what it is made from differs. Unlike
/// [`Staging`](super::Staging), a reader may see the folder between two files of one update.
pub struct InPlace {
    out: PathBuf,
    files: std::collections::HashMap<String, Stamp>,
}

/// One pass over an [`InPlace`] folder: the files it is given, and which of them were written.
pub struct Pass<'a> {
    folder: &'a InPlace,
    claims: Claims,
    folders: Folders,
    seen: Mutex<Vec<(String, Stamp)>>,
    written: Mutex<Vec<String>>,
}

impl InPlace {
    /// Takes OUT for a live preview: it must be absent, empty or ours. Files already there are
    /// written again by the first pass, and removed if it does not make them.
    pub fn open(out: &Path, archive: &Path) -> Result<InPlace, FatalError> {
        may_take(out, archive)?;
        std::fs::create_dir_all(out).map_err(io(out))?;
        write_marker(out)?;
        // Whatever is there, from a build or an older version, is unknown: it will be rewritten.
        let files = walkdir::WalkDir::new(out)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .filter_map(|e| {
                let rel = e
                    .path()
                    .strip_prefix(out)
                    .ok()?
                    .to_string_lossy()
                    .replace('\\', "/");
                (rel != OUTPUT_MARKER).then_some((rel, Stamp::Unknown))
            })
            .collect();
        Ok(InPlace {
            out: out.to_path_buf(),
            files,
        })
    }

    pub fn pass(&self) -> Pass<'_> {
        Pass {
            folder: self,
            claims: Claims::default(),
            folders: Folders::default(),
            seen: Mutex::new(Vec::new()),
            written: Mutex::new(Vec::new()),
        }
    }

    /// Records a pass that gave some of the files: the others stay as they are.
    pub fn finish_part(&mut self, pass: PassResult) {
        self.files.extend(pass.seen);
    }

    /// Records a pass that gave every file of the site: those it did not give are removed,
    /// with folders left empty. Returns the paths removed.
    pub fn finish_whole(&mut self, pass: PassResult) -> Result<Vec<String>, FatalError> {
        let now: std::collections::HashMap<String, Stamp> = pass.seen.into_iter().collect();
        let mut gone: Vec<String> = self
            .files
            .keys()
            .filter(|p| !now.contains_key(*p))
            .cloned()
            .collect();
        gone.sort();
        for rel in &gone {
            let path = self.out.join(rel);
            if let Err(e) = std::fs::remove_file(&path)
                && e.kind() != std::io::ErrorKind::NotFound
            {
                return Err(io(&path)(e));
            }
            // Folders left empty go too, as a clean build would not have them.
            let mut dir = path.parent();
            while let Some(d) = dir.filter(|d| *d != self.out) {
                if std::fs::remove_dir(d).is_err() {
                    break;
                }
                dir = d.parent();
            }
        }
        self.files = now;
        Ok(gone)
    }
}

/// What a [`Pass`] saw and wrote.
pub struct PassResult {
    seen: Vec<(String, Stamp)>,
    /// Paths written, because they were new or differed.
    pub written: Vec<String>,
    /// Paths not written because an earlier file had taken them.
    pub dropped: Vec<String>,
}

impl Pass<'_> {
    pub fn end(self) -> PassResult {
        PassResult {
            seen: self.seen.into_inner().expect("not poisoned"),
            written: self.written.into_inner().expect("not poisoned"),
            dropped: self.claims.dropped(),
        }
    }
}

impl Sink for Pass<'_> {
    fn put(&self, file: OutputFile) -> Result<(), FatalError> {
        if !self.claims.claim(&file.path) {
            return Ok(());
        }
        let stamp = Stamp::of(&file.content);
        let known = self.folder.files.get(&file.path);
        if known.is_none_or(|k| *k == Stamp::Unknown || *k != stamp) {
            self.folders.make_for(&self.folder.out, &file.path)?;
            write_one(&self.folder.out, &file, &self.claims)?;
            self.written
                .lock()
                .expect("not poisoned")
                .push(file.path.clone());
        }
        self.seen
            .lock()
            .expect("not poisoned")
            .push((file.path, stamp));
        Ok(())
    }

    fn put_with(&self, path: &str, write: &mut Writer<'_>) -> Result<(), FatalError> {
        if !self.claims.claim(path) {
            return Ok(());
        }
        self.folders.make_for(&self.folder.out, path)?;
        // Written beside its place and hashed on the way; it replaces the file only if it differs.
        let part = self
            .folder
            .out
            .join(format!("{path}.yanxiu-part-{}", std::process::id()));
        let mut hash = Xxh3::new();
        let result = stream_to(&part, write, Some(&mut hash));
        if let Err(e) = result {
            let _ = std::fs::remove_file(&part);
            return Err(e);
        }
        let stamp = Stamp::Bytes(hash.digest());
        let known = self.folder.files.get(path);
        if known.is_none_or(|k| *k == Stamp::Unknown || *k != stamp) {
            let target = self.folder.out.join(path);
            std::fs::rename(&part, &target).map_err(io(&target))?;
            self.written
                .lock()
                .expect("not poisoned")
                .push(path.to_string());
        } else {
            std::fs::remove_file(&part).map_err(io(&part))?;
        }
        self.seen
            .lock()
            .expect("not poisoned")
            .push((path.to_string(), stamp));
        Ok(())
    }

    fn scratch(&self) -> &Path {
        &self.folder.out
    }
}
