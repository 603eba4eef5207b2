//! Which folders yanxiu may take as its output: absent, empty, or marked as made by it, and
//! never the archive, a folder holding it, or the folder the shell stands in.

use super::io;
use crate::OUTPUT_MARKER;
use crate::error::FatalError;
use std::path::{Path, PathBuf};

/// Refuses an output that is a file, or a folder yanxiu did not make: it is never written into.
/// Nor one that is the archive (canonical path `archive`) or holds it, marker or not: the output
/// is replaced whole, and the archive with it. Nor the current folder or one above it.
pub(super) fn may_take(out: &Path, archive: &Path) -> Result<(), FatalError> {
    if out.canonicalize().is_ok_and(|out| archive.starts_with(out)) {
        return Err(FatalError::Output(format!(
            "输出文件夹 {} 是档案文件夹本身或包含档案；生成网站会替换整个输出文件夹，档案会随之删除，因此未做任何改动。请用 -o 指定档案以外的文件夹，或档案中的 public 等子文件夹",
            out.display()
        )));
    }
    // Files there are read as the school's templates and static files: the next build would
    // take the site's own pages for templates.
    let real = out.canonicalize().ok().or_else(|| {
        let parent = out.parent().filter(|p| !p.as_os_str().is_empty());
        let parent = parent.unwrap_or(Path::new(".")).canonicalize().ok()?;
        Some(parent.join(out.file_name()?))
    });
    if let Some(real) = real
        && let Some(folder) = ["templates", "static"]
            .into_iter()
            .find(|f| real.starts_with(archive.join(f)))
    {
        return Err(FatalError::Output(format!(
            "输出文件夹 {} 在档案的 {folder}/ 文件夹中：{}，因此未做任何改动。请用 -o 指定档案以外的文件夹，或档案中的 public 等子文件夹",
            out.display(),
            if folder == "templates" {
                "那里的文件会被当作学校的模板读入，下次生成网站就会出错"
            } else {
                "那里的文件会原样复制进网站，下次生成时网站会把上次的自己再复制一遍"
            }
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
pub(super) fn through_link(out: &Path) -> Result<PathBuf, FatalError> {
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
fn is_ours(dir: &Path) -> bool {
    match std::fs::read_dir(dir) {
        Err(_) => !dir.exists(),
        Ok(mut entries) => entries.next().is_none() || dir.join(OUTPUT_MARKER).is_file(),
    }
}

/// Marks `dir` as made by yanxiu, so that a later build may replace it.
pub(super) fn write_marker(dir: &Path) -> Result<(), FatalError> {
    let marker = dir.join(OUTPUT_MARKER);
    std::fs::write(
        &marker,
        "此文件夹由 yanxiu 生成，重新生成时会被整体替换。\n",
    )
    .map_err(io(&marker))
}
