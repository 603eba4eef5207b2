//! A whole build: written into a temporary folder beside OUT, swapped in for OUT only when
//! complete; interrupted or failed, it leaves OUT as it was and removes its folder.

use super::owner::{may_take, through_link, write_marker};
use super::{Claims, Folders, OutputFile, Sink, Writer, io, stream_to, write_one};
use crate::OUTPUT_MARKER;
use crate::error::FatalError;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

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
    /// Whether OUT may be replaced, said before the archive is read: a refused output (a
    /// folder of the archive such as 附件/) would otherwise first bring the archive's problems
    /// of a scan that left it out. `archive` need not be canonical.
    pub fn may_begin(out: &Path, archive: &Path) -> Result<(), FatalError> {
        let Ok(archive) = archive.canonicalize() else {
            return Ok(());
        };
        may_take(&through_link(out)?, &archive)
    }

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

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            self.building = None;
            let _ = std::fs::remove_dir_all(&self.tmp);
        }
    }
}
