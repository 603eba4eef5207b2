//! Writing an output folder safely: everything goes into a temporary folder beside it, which
//! replaces the old output only when complete; a folder yanxiu did not make is never touched.

use crate::OUTPUT_MARKER;
use crate::error::FatalError;
use std::path::{Path, PathBuf};

/// A file to write, at a `/`-separated path relative to the output folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> FatalError + '_ {
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
        for f in files {
            let path = tmp.join(&f.path);
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir).map_err(io(dir))?;
            }
            std::fs::write(&path, &f.bytes).map_err(io(&path))?;
        }
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
