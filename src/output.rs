//! Writing an output folder safely: everything goes into a temporary folder beside it, which
//! replaces the old output only when complete; a folder yanxiu did not make is never touched.

use crate::OUTPUT_MARKER;
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

/// Refuses an output that is a file, or a folder yanxiu did not make: it is never written into.
/// Nor one that is the archive (canonical path `archive`) or holds it, marker or not: the output
/// is replaced whole, and the archive with it. Nor the current folder or one above it.
fn may_take(out: &Path, archive: &Path) -> Result<(), FatalError> {
    if out.canonicalize().is_ok_and(|out| archive.starts_with(out)) {
        return Err(FatalError::Output(format!(
            "输出文件夹 {} 是档案文件夹本身或包含档案；生成网站会替换整个输出文件夹，档案会随之删除，因此未做任何改动。请用 -o 指定档案以外的文件夹，或档案中的 public 等子文件夹",
            out.display()
        )));
    }
    // The output is replaced by renaming folders: the folder a shell stands in cannot be
    // renamed away (`-o .`), and where it can, the shell is left in a deleted folder.
    let cwd = std::env::current_dir().and_then(|c| c.canonicalize());
    if let (Ok(real), Ok(cwd)) = (out.canonicalize(), cwd)
        && cwd.starts_with(&real)
    {
        return Err(FatalError::Output(format!(
            "输出文件夹 {} {}当前所在的文件夹：生成网站时要用新生成的文件夹整体替换它，不能在它里面进行，因此未做任何改动。请先回到输出文件夹之外（如 cd {}），再运行 yanxiu build 档案文件夹 -o 输出文件夹",
            out.display(),
            if cwd == real { "就是" } else { "包含" },
            real.parent()
                .map_or_else(|| "..".into(), |p| p.display().to_string()),
        )));
    }
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
    Ok(())
}

/// The folder `out` names: where a symbolic link points (a site published through a link to
/// the web server's folder), so that the folder there is replaced and the link kept, not the
/// link replaced by a folder of its own.
fn through_link(out: &Path) -> Result<PathBuf, FatalError> {
    if !std::fs::symlink_metadata(out).is_ok_and(|m| m.file_type().is_symlink()) {
        return Ok(out.to_path_buf());
    }
    out.canonicalize().map_err(|_| {
        FatalError::Output(format!(
            "输出位置 {} 是一个链接，但它指向的位置不存在；请先建好它指向的文件夹，或用 -o 指定其他文件夹",
            out.display()
        ))
    })
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

/// A build in progress: files go into a temporary folder beside OUT, which replaces OUT only on
/// [`Staging::commit`]. Dropped without a commit, it removes the temporary folder and OUT stays
/// as it was.
pub struct Staging {
    out: PathBuf,
    tmp: PathBuf,
    old: PathBuf,
    claims: Claims,
    folders: Folders,
    committed: bool,
    /// [`BUILDING`] in the temporary folder, locked while the build runs (when the file system
    /// can lock files).
    building: Option<std::fs::File>,
}

/// The file a build holds locked in its temporary folder while it runs. A build stopped
/// without cleaning up (Ctrl-C, killed, the power cut) leaves its temporary folder, which can
/// be as large as the site, hidden beside OUT (inside the archive, for the default OUT); the
/// next build finds the lock free and removes the folder.
const BUILDING: &str = ".yanxiu-building";

/// How old an unlocked [`BUILDING`] file must be before its folder counts as abandoned: a
/// build makes the file and then locks it, and between the two it is not abandoned.
const ABANDONED_AFTER: std::time::Duration = std::time::Duration::from_secs(60);

/// Removes the temporary folders (named `prefix` and a process id) of builds that ended
/// without cleaning up: those whose [`BUILDING`] file is old and whose lock is free. A folder
/// without the file is left alone: it is not known to be a build's.
fn remove_abandoned(parent: &Path, prefix: &str, ours: &Path) {
    for dir in named_with_pid(parent, prefix) {
        let lock = dir.join(BUILDING);
        if dir == ours || !changed_long_ago(&lock) {
            continue;
        }
        let free = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open(&lock)
            .is_ok_and(|f| f.try_lock().is_ok());
        if free {
            let _ = std::fs::remove_dir_all(&dir);
        }
    }
}

/// Removes earlier outputs left beside OUT after being replaced (named `prefix` and a process
/// id): a build removes its own right after the swap, but one stopped at that moment, or
/// without the right to delete a file, left it for good. Only folders carrying our marker, and
/// only after [`ABANDONED_AFTER`], so that a build swapping at this moment keeps its fallback.
fn remove_replaced(parent: &Path, prefix: &str) {
    for dir in named_with_pid(parent, prefix) {
        if changed_long_ago(&dir) && dir.join(OUTPUT_MARKER).is_file() {
            let _ = std::fs::remove_dir_all(&dir);
        }
    }
}

/// The entries of `parent` named `prefix` and a process id: what builds leave beside OUT.
fn named_with_pid(parent: &Path, prefix: &str) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return Vec::new();
    };
    entries
        .filter_map(Result::ok)
        .filter(|e| {
            e.file_name()
                .to_str()
                .and_then(|n| n.strip_prefix(prefix))
                .is_some_and(|pid| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()))
        })
        .map(|e| e.path())
        .collect()
}

/// Whether `path` (not followed if a link) was last modified [`ABANDONED_AFTER`] ago or more.
fn changed_long_ago(path: &Path) -> bool {
    std::fs::symlink_metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.elapsed().ok())
        .is_some_and(|age| age >= ABANDONED_AFTER)
}

/// Makes [`BUILDING`] in `dir` and locks it; `None` (and no file) where the file system cannot
/// lock, so that no other build takes the folder for abandoned.
fn hold_building(dir: &Path) -> Result<Option<std::fs::File>, FatalError> {
    let path = dir.join(BUILDING);
    let file = std::fs::File::create(&path).map_err(io(&path))?;
    if file.lock().is_ok() {
        return Ok(Some(file));
    }
    drop(file);
    std::fs::remove_file(&path).map_err(io(&path))?;
    Ok(None)
}

/// The temporary folder of the build in progress, removed if the build is interrupted; taken
/// (under the lock) by the commit, so that Ctrl+C waits for the swap to finish.
static IN_PROGRESS: Mutex<Option<PathBuf>> = Mutex::new(None);
/// Set by Ctrl+C: no more files are written.
static INTERRUPTED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

fn in_progress() -> std::sync::MutexGuard<'static, Option<PathBuf>> {
    IN_PROGRESS.lock().unwrap_or_else(|e| e.into_inner())
}

/// Makes Ctrl+C during a build stop writing, remove the build's temporary folder and exit with
/// 130; the previous output stays as it was. Without this the process died at once and left a
/// folder the size of the site beside the output, until a later build found it.
pub fn remove_temporary_on_interrupt() {
    // Fails only if a handler is set already (as `serve` does): that one then applies.
    let _ = ctrlc::set_handler(|| {
        INTERRUPTED.store(true, std::sync::atomic::Ordering::SeqCst);
        if let Some(tmp) = in_progress().take() {
            // A writer may still add a file while the folder goes: try again.
            for _ in 0..5 {
                if std::fs::remove_dir_all(&tmp).is_ok() || !tmp.exists() {
                    break;
                }
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
        }
        eprintln!("{INTERRUPTED_MESSAGE}");
        std::process::exit(130);
    });
}

const INTERRUPTED_MESSAGE: &str = "已中断，未生成新的输出；原有的输出文件夹没有改动。";

fn interrupted() -> Result<(), FatalError> {
    if INTERRUPTED.load(std::sync::atomic::Ordering::SeqCst) {
        return Err(FatalError::Output(INTERRUPTED_MESSAGE.into()));
    }
    Ok(())
}

impl Staging {
    /// Checks that OUT may be replaced and makes the temporary folder.
    pub fn begin(out: &Path, archive: &Path) -> Result<Staging, FatalError> {
        let out = &through_link(out)?;
        may_take(out, archive)?;
        let parent = out
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent).map_err(io(parent))?;
        let name = out
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        let prefix = format!(".{name}.yanxiu-new-");
        let tmp = parent.join(format!("{prefix}{}", std::process::id()));
        let old = parent.join(format!(".{name}.yanxiu-old-{}", std::process::id()));
        remove_abandoned(parent, &prefix, &tmp);
        remove_replaced(parent, &format!(".{name}.yanxiu-old-"));
        if tmp.exists() {
            std::fs::remove_dir_all(&tmp).map_err(io(&tmp))?;
        }
        std::fs::create_dir_all(&tmp).map_err(io(&tmp))?;
        *in_progress() = Some(tmp.clone());
        let mut staging = Staging {
            out: out.to_path_buf(),
            tmp,
            old,
            claims: Claims::default(),
            folders: Folders::default(),
            committed: false,
            building: None,
        };
        // Made after the folder is ours to remove on failure (the `Staging` drops it).
        staging.building = hold_building(&staging.tmp)?;
        Ok(staging)
    }

    /// How many files were written.
    pub fn written(&self) -> usize {
        self.claims.count()
    }

    /// Paths that were not written because an earlier file had taken them.
    pub fn dropped(&self) -> Vec<String> {
        self.claims.dropped()
    }

    /// Files of the archive that could not be read and are not in the site, with why.
    pub fn unread(&self) -> Vec<(PathBuf, String)> {
        self.claims.unread()
    }

    /// Marks the folder as ours and swaps it in for OUT.
    pub fn commit(mut self) -> Result<(), FatalError> {
        // Held to the end: Ctrl+C now waits for the swap instead of removing the folder.
        let mut running = in_progress();
        interrupted()?;
        running.take();
        // Not part of the site. Unlocked first: Windows cannot delete an open file.
        if self.building.take().is_some() {
            let lock = self.tmp.join(BUILDING);
            std::fs::remove_file(&lock).map_err(io(&lock))?;
        }
        write_marker(&self.tmp)?;
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
        interrupted()?;
        if !self.claims.claim(&file.path) {
            return Ok(());
        }
        self.folders.make_for(&self.tmp, &file.path)?;
        write_one(&self.tmp, &file, &self.claims)
    }

    fn put_with(&self, path: &str, write: &mut Writer<'_>) -> Result<(), FatalError> {
        interrupted()?;
        if !self.claims.claim(path) {
            return Ok(());
        }
        self.folders.make_for(&self.tmp, path)?;
        stream_to(&self.tmp.join(path), write, None)
    }

    fn scratch(&self) -> &Path {
        &self.tmp
    }
}

fn write_marker(dir: &Path) -> Result<(), FatalError> {
    let marker = dir.join(OUTPUT_MARKER);
    std::fs::write(
        &marker,
        "此文件夹由 yanxiu 生成，重新生成时会被整体替换。\n",
    )
    .map_err(io(&marker))
}

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
/// a file is written again only when what it is made from differs. Unlike [`Staging`], a
/// reader may see the folder between two files of one update.
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

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            self.building = None;
            let _ = std::fs::remove_dir_all(&self.tmp);
        }
    }
}
