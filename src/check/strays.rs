//! Writing saved among the records in another format than Markdown: a teacher who types a
//! reflection in Word or Notepad and saves it in `反思/` would see it count for nothing, with
//! not a word said. Files a record names as its attachment are left alone.

use crate::archive::{Archive, Target};
use crate::diagnostic::{Code, Diagnostic};
use crate::kind::Kind;
use std::collections::HashSet;

/// Formats a teacher writes in, and how a message names them.
const WRITTEN_ELSEWHERE: &[(&str, &str)] = &[
    (".docx", "一个 Word 文件"),
    (".doc", "一个 Word 文件"),
    (".wps", "一个 WPS 文件"),
    (".txt", "一个纯文本文件"),
    (".rtf", "一个 RTF 文件"),
    (".odt", "一个文档"),
];

/// Folders whose records are written by teachers, one by one: their attachments are few, so a
/// document there is most likely a record in the wrong format.
const WRITTEN_BY_TEACHERS: [Kind; 2] = [Kind::Reflection, Kind::Observation];

pub fn strays(archive: &Archive) -> Vec<Diagnostic> {
    let mut candidates: Vec<(&str, &str, &str, Kind)> = archive
        .files
        .iter()
        .filter_map(|rel| {
            // `~$反思.docx`: the lock file Word keeps beside a document it has open.
            let name = rel.rsplit('/').next().unwrap_or(rel);
            if name.starts_with("~$") || name.starts_with('.') {
                return None;
            }
            // Most files are attachments of other kinds: looked at without an allocation.
            let ext = &name[name.rfind('.')?..];
            let (_, what) = WRITTEN_ELSEWHERE
                .iter()
                .find(|(e, _)| e.eq_ignore_ascii_case(ext))?;
            let (folder, _) = rel.rsplit_once('/')?;
            let (kind_folder, kind) = folder.rsplit('/').find_map(|f| {
                Kind::from_folder(f)
                    .filter(|k| WRITTEN_BY_TEACHERS.contains(k))
                    .map(|k| (f, k))
            })?;
            Some((rel, *what, kind_folder, kind))
        })
        .collect();
    if candidates.is_empty() {
        return Vec::new();
    }
    candidates.sort();
    // A `.txt` that begins as a record is said already (Y404, with its own fix).
    let said: HashSet<&str> = archive
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::NotMarkdown)
        .map(|d| d.file.as_str())
        .collect();
    let attached: HashSet<String> = archive
        .documents
        .iter()
        .flat_map(|d| {
            d.attachments
                .iter()
                .filter_map(move |a| match archive.resolve(d, &a.value) {
                    Target::Found(rel) => Some(rel),
                    _ => None,
                })
        })
        .collect();
    candidates
        .into_iter()
        .filter(|(rel, ..)| !said.contains(rel) && !attached.contains(*rel))
        .map(|(rel, what, folder, kind)| {
            Diagnostic::new(
                Code::NotMarkdown,
                rel,
                format!(
                    "这是{what}，放在 {folder}/ 中，但 yanxiu 只读取 .md 记录：它没有被检查，也不计入篇数和学时"
                ),
            )
            .help(format!(
                "把内容写进一份记录：运行 yanxiu new {} \"标题\" --author 姓名（新记录放在今天所在学年的文件夹，写的是往年的就把它移到 {}/），再把正文粘贴进去；若它是某份记录的附件，在那份记录的 附件 中写上它",
                kind.label(),
                rel.rsplit_once('/').map_or("", |(f, _)| f)
            ))
        })
        .collect()
}
