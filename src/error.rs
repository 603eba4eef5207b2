//! Errors that stop yanxiu from running at all (exit code 2). Problems inside documents are
//! never errors of this kind: they are diagnostics, and the run goes on.

use crate::diagnostic::Code;
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum FatalError {
    #[error("找不到档案文件夹 {0}")]
    NoArchive(PathBuf),

    /// A record's file given where the archive's folder belongs (`yanxiu build 反思.md`);
    /// only `check` takes one file.
    #[error(
        "{0} 是一个文件，不是档案文件夹：请写档案文件夹，或在档案的任一文件夹中直接运行（不写文件夹）；只检查一份记录请用 yanxiu check 文件名"
    )]
    NotAFolder(PathBuf),

    #[error("找不到文件 {0}")]
    NoSuchFile(PathBuf),

    /// A record named without its `.md` (`check 反思/周敏-读书笔记`): `meant` is the file that
    /// exists with it.
    #[error("找不到 {}", path.display())]
    WithoutExtension {
        path: PathBuf,
        meant: PathBuf,
        help: String,
    },

    /// A file given to `check` with no yanxiu.yaml in its folder or any folder above.
    #[error("{0} 不在任何档案中：它所在的文件夹和各级上级文件夹里都没有 yanxiu.yaml")]
    NotInArchive(PathBuf),

    /// A file given to `check` that is in an archive but is not one of its records.
    #[error("{} 不是记录：{why}", path.display())]
    NotARecord {
        path: PathBuf,
        why: String,
        help: String,
    },

    #[error("{file}{}: {message}", line.map(|l| format!(":{l}")).unwrap_or_default())]
    Setup {
        code: Code,
        /// Relative to the archive root.
        file: String,
        line: Option<u32>,
        message: String,
        help: String,
    },

    /// Every problem found in one setup file (each a [`FatalError::Setup`]), said together so
    /// that they are all mended in one go.
    #[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
    Several(Vec<FatalError>),

    #[error("无法读取 {path}：{}", io_text(source))]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("无法写入 {path}：{}", io_text(source))]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("{0}")]
    Output(String),

    #[error("模板 {name} 有误（以下是模板引擎的原文，--> 后是模板名、行号和列号）：\n{message}")]
    Template { name: String, message: String },
}

impl FatalError {
    pub fn setup(
        code: Code,
        file: &str,
        line: Option<u32>,
        message: impl Into<String>,
        help: impl Into<String>,
    ) -> Self {
        FatalError::Setup {
            code,
            file: file.to_string(),
            line,
            message: message.into(),
            help: help.into(),
        }
    }

    /// One error for `problems` (at least one): itself when alone, else [`FatalError::Several`].
    pub fn all(mut problems: Vec<FatalError>) -> Self {
        if problems.len() == 1 {
            problems.remove(0)
        } else {
            FatalError::Several(problems)
        }
    }

    /// The file or folder the error is about, when it is about one.
    pub fn path(&self) -> Option<&std::path::Path> {
        match self {
            FatalError::NoArchive(p)
            | FatalError::NotAFolder(p)
            | FatalError::NoSuchFile(p)
            | FatalError::NotInArchive(p)
            | FatalError::WithoutExtension { path: p, .. }
            | FatalError::NotARecord { path: p, .. } => Some(p),
            _ => None,
        }
    }

    pub fn help(&self) -> Option<&str> {
        match self {
            FatalError::Setup { help, .. }
            | FatalError::NotARecord { help, .. }
            | FatalError::WithoutExtension { help, .. } => Some(help),
            FatalError::NoArchive(_) => Some(
                "检查文件夹名；在档案的任一文件夹中运行时可以不写文件夹；新建档案请用 yanxiu init",
            ),
            FatalError::NoSuchFile(_) => {
                Some("检查文件名和所在文件夹（输入文件名时按 Tab 键可自动补全）")
            }
            FatalError::NotInArchive(_) => {
                Some("把记录放进档案的文件夹（如 档案/2024-2025/反思/）后再检查，或写出档案文件夹")
            }
            FatalError::Template { .. } => {
                Some("修改档案 templates/ 中同名的模板，或删除它以使用默认主题的模板")
            }
            _ => None,
        }
    }
}

/// What went wrong reading or writing a file, in words a teacher reads (the system's own words
/// are English), with the system's text after it for whoever must look further.
pub fn io_text(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    let said = match e.kind() {
        K::NotFound => "文件或文件夹不存在",
        K::PermissionDenied => "没有权限（请检查文件的权限，让当前用户可以读写）",
        K::InvalidData => "内容不是 UTF-8 文本",
        K::AlreadyExists => "已经存在",
        K::StorageFull => "磁盘已满",
        K::ReadOnlyFilesystem => "所在的磁盘是只读的",
        K::IsADirectory => "这是一个文件夹，不是文件",
        K::NotADirectory => "路径中有一段是文件，不是文件夹",
        K::AddrInUse => "端口已被占用",
        _ => return e.to_string(),
    };
    format!("{said}（{e}）")
}
