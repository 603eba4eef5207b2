//! Writing an output folder safely: everything goes into a temporary folder beside it, which
//! replaces the old output only when complete; a folder yanxiu did not make is never touched.
//!
//! - this module: the files to write, and the [`Sink`] they are handed to as each is ready;
//! - [`owner`]: which folders yanxiu may take as its output;
//! - [`staging`]: a whole build, swapped in for the old output when complete;
//! - [`in_place`]: a folder the live preview keeps up to date, writing only what changed.

mod in_place;
mod owner;
mod staging;

pub use in_place::{InPlace, Pass, PassResult};
pub use staging::{Staging, remove_temporary_on_interrupt};

use crate::error::FatalError;
use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use xxhash_rust::xxh3::Xxh3;

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

/// Writes one file. A file of the archive that cannot be read (its permissions, mostly) is
/// not a reason to stop the whole build: it is left out and listed in `claims`.
fn write_one(root: &Path, f: &OutputFile, claims: &Claims) -> Result<(), FatalError> {
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
            let mut source = match std::fs::File::open(from) {
                Ok(s) => s,
                Err(e) => {
                    claims.unreadable(from, e);
                    return Ok(());
                }
            };
            let mut dest = std::fs::File::create(&path).map_err(io(&path))?;
            std::io::copy(&mut source, &mut dest)
                .map(|_| ())
                .map_err(io(&path))
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

/// Where rendered files go as soon as they are ready, so a build never holds the whole site
/// in memory.
pub trait Sink: Sync {
    /// Stores a file; a later file at a path already stored is dropped (see [`Staging::dropped`]).
    fn put(&self, file: OutputFile) -> Result<(), FatalError>;

    /// Stores a file as `write` produces it, never holding it whole in memory (large data
    /// files). Dropped like [`Sink::put`]'s when its path is taken.
    fn put_with(&self, path: &str, write: &mut Writer<'_>) -> Result<(), FatalError>;

    /// A folder inside the output where a library may keep temporary files while it works.
    fn scratch(&self) -> &Path;
}

/// What writes a streamed file's bytes.
pub type Writer<'a> = dyn FnMut(&mut (dyn Write + Send)) -> std::io::Result<()> + Send + 'a;

/// Runs `write` into a new file at `path`, buffered, feeding the bytes to `tee` when given.
fn stream_to(
    path: &Path,
    write: &mut Writer<'_>,
    tee: Option<&mut Xxh3>,
) -> Result<(), FatalError> {
    struct Hashing<'h, W: Write>(W, Option<&'h mut Xxh3>);
    impl<W: Write> Write for Hashing<'_, W> {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            let n = self.0.write(buf)?;
            if let Some(h) = self.1.as_mut() {
                h.update(&buf[..n]);
            }
            Ok(n)
        }
        fn flush(&mut self) -> std::io::Result<()> {
            self.0.flush()
        }
    }
    let file = std::fs::File::create(path).map_err(io(path))?;
    let mut w = Hashing(std::io::BufWriter::with_capacity(1 << 20, file), tee);
    write(&mut w).and_then(|_| w.flush()).map_err(io(path))
}

/// Which output paths are taken. Lower-cased: Windows would treat `A.html` and `a.html` as one.
/// The first file at a path wins; later ones are dropped and listed.
#[derive(Default)]
struct Claims {
    taken: Mutex<HashSet<String>>,
    dropped: Mutex<Vec<String>>,
    /// Files of the archive left out because they could not be read, and why.
    unreadable: Mutex<Vec<(PathBuf, std::io::Error)>>,
}

impl Claims {
    /// True when `path` was free and is now taken.
    fn claim(&self, path: &str) -> bool {
        let free = self
            .taken
            .lock()
            .expect("not poisoned")
            .insert(path.to_ascii_lowercase());
        if !free {
            self.dropped
                .lock()
                .expect("not poisoned")
                .push(path.to_string());
        }
        free
    }

    fn count(&self) -> usize {
        self.taken.lock().expect("not poisoned").len()
    }

    fn dropped(&self) -> Vec<String> {
        self.dropped.lock().expect("not poisoned").clone()
    }

    fn unreadable(&self, from: &Path, e: std::io::Error) {
        self.unreadable
            .lock()
            .expect("not poisoned")
            .push((from.to_path_buf(), e));
    }

    /// Each with why, in path order.
    fn unread(&self) -> Vec<(PathBuf, String)> {
        let mut v: Vec<(PathBuf, String)> = self
            .unreadable
            .lock()
            .expect("not poisoned")
            .iter()
            .map(|(p, e)| {
                let why = match e.kind() {
                    std::io::ErrorKind::PermissionDenied => "没有读取权限".to_string(),
                    _ => e.to_string(),
                };
                (p.clone(), why)
            })
            .collect();
        v.sort();
        v
    }
}

/// Folders made so far, so each is made once.
#[derive(Default)]
struct Folders(Mutex<HashSet<PathBuf>>);

impl Folders {
    /// Makes the folder that `path` (relative to `root`) goes in.
    fn make_for(&self, root: &Path, path: &str) -> Result<(), FatalError> {
        if let Some((dir, _)) = path.rsplit_once('/') {
            let dir = root.join(dir);
            if !self.0.lock().expect("not poisoned").contains(&dir) {
                std::fs::create_dir_all(&dir).map_err(io(&dir))?;
                self.0.lock().expect("not poisoned").insert(dir);
            }
        }
        Ok(())
    }
}
