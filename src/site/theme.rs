//! The templates and static files a site is rendered with: the default theme built into the
//! program, a school's `templates/` overriding any template by name, its `static/` added.

use crate::error::FatalError;
use crate::output::OutputFile;
use std::path::{Path, PathBuf};
use tera::Tera;

macro_rules! theme_files {
    ($dir:literal: $($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../themes/default/", $dir, "/", $name)))),*]
    };
}

/// The default theme's templates, by the name a school uses to override one.
pub const TEMPLATES: &[(&str, &str)] = theme_files!("templates":
    "base.html",
    "header.html",
    "footer.html",
    "macros.html",
    "index.html",
    "year.html",
    "years.html",
    "print.html",
    "list.html",
    "terms.html",
    "teachers.html",
    "teacher.html",
    "teacher_year.html",
    "teacher_year_entry.html",
    "credits.html",
    "credits_year.html",
    "problems.html",
    "diagnostics.html",
    "record.html",
    "search.html",
);

const ASSETS: &[(&str, &str)] = theme_files!("static": "style.css", "search.js");

pub struct Theme {
    pub tera: Tera,
    /// Files of the school's `templates/` that are no template (an image put there), left
    /// unread; relative to the archive.
    pub ignored: Vec<String>,
    /// Files copied as they are: the theme's, then the school's `static/` (which wins).
    pub assets: Vec<OutputFile>,
}

/// What the default `base.html` puts around every page's content: `header.html` and
/// `footer.html`, as `chrome.header` and `chrome.footer`. They differ between pages only by
/// `root`, so each is rendered once per depth of page instead of on each of the site's pages.
pub struct Chrome(Vec<tera::Value>);

impl Chrome {
    /// Depths rendered ahead: the site's pages are at most three folders deep. A deeper page
    /// (none is planned) gets its own.
    const DEPTHS: usize = 4;

    /// `tera` must hold the site's global context: the header shows it.
    pub fn new(tera: &Tera) -> Result<Chrome, FatalError> {
        (0..Self::DEPTHS)
            .map(|depth| chrome_at(tera, depth))
            .collect::<Result<_, _>>()
            .map(Chrome)
    }

    /// The chrome of a page at `path` (relative to the site's root).
    pub fn of(&self, tera: &Tera, path: &str) -> Result<tera::Value, FatalError> {
        let depth = crate::site::urls::depth_of(path);
        match self.0.get(depth) {
            Some(v) => Ok(v.clone()),
            None => chrome_at(tera, depth),
        }
    }
}

fn chrome_at(tera: &Tera, depth: usize) -> Result<tera::Value, FatalError> {
    let mut context = tera::Context::new();
    context.insert("root", &crate::site::urls::root_at(depth));
    let mut parts = std::collections::BTreeMap::new();
    for (key, name) in [("header", "header.html"), ("footer", "footer.html")] {
        parts.insert(key, render_value(tera, name, &context)?);
    }
    Ok(tera::Value::from_serializable(&parts))
}

fn template_error(name: &str, e: tera::Error) -> FatalError {
    // Tera's own chain says where in the template the problem is.
    let mut message = e.to_string();
    let mut source = std::error::Error::source(&e);
    while let Some(s) = source {
        message.push('；');
        message.push_str(&s.to_string());
        source = s.source();
    }
    // Read all at once, the templates' error names its file only in tera's text (`--> name:1:5`).
    let name = match name {
        "" => message
            .split_once("--> ")
            .and_then(|(_, at)| at.split(':').next())
            .unwrap_or("（名称未知）")
            .to_string(),
        name => name.to_string(),
    };
    FatalError::Template { name, message }
}

/// Regular files under `dir` (not following symlinks, which might lead out of the archive),
/// as (path relative to `dir`, full path).
fn files_under(dir: &Path) -> Vec<(String, std::path::PathBuf)> {
    if !dir.is_dir() {
        return Vec::new();
    }
    let mut v: Vec<(String, std::path::PathBuf)> = walkdir::WalkDir::new(dir)
        .follow_links(false)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let rel = e.path().strip_prefix(dir).ok()?;
            let rel: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if rel.iter().any(|p| p.starts_with('.')) {
                return None;
            }
            Some((rel.join("/"), e.path().to_path_buf()))
        })
        .collect();
    v.sort();
    v
}

/// Refuses a `templates/` or `static/` folder (or a file in one) that leads outside the archive
/// through a symbolic link: nothing outside the archive is read or published.
fn inside(
    archive_root: &Path,
    folder: &str,
    files: &[(String, PathBuf)],
) -> Result<(), FatalError> {
    let Ok(root) = archive_root.canonicalize() else {
        return Ok(());
    };
    let dir = archive_root.join(folder);
    let paths = std::iter::once(dir.clone()).chain(files.iter().map(|(_, p)| p.clone()));
    for path in paths {
        if crate::archive::leads_outside(&path, &root) {
            let shown = path.strip_prefix(archive_root).unwrap_or(&path);
            return Err(FatalError::Output(format!(
                "{} 是指向档案文件夹之外的链接（符号链接），为安全起见未读取，也未生成网站。请把其中的文件复制进档案的 {folder}/ 文件夹",
                shown.display()
            )));
        }
    }
    Ok(())
}

pub fn load(archive_root: &Path) -> Result<Theme, FatalError> {
    let templates = files_under(&archive_root.join("templates"));
    inside(archive_root, "templates", &templates)?;
    let statics = files_under(&archive_root.join("static"));
    inside(archive_root, "static", &statics)?;
    let mut sources: Vec<(String, String)> = TEMPLATES
        .iter()
        .map(|(n, t)| (n.to_string(), t.to_string()))
        .collect();
    // A template is HTML; anything else there (a logo) cannot be one, and reading it as one
    // would stop every build.
    let (templates, others): (Vec<_>, Vec<_>) = templates
        .into_iter()
        .partition(|(name, _)| name.to_ascii_lowercase().ends_with(".html"));
    let ignored = others
        .into_iter()
        .map(|(name, _)| format!("templates/{name}"))
        .collect();
    for (name, path) in templates {
        let text = std::fs::read_to_string(&path).map_err(|source| FatalError::Io {
            path: path.clone(),
            source,
        })?;
        match sources.iter_mut().find(|(n, _)| *n == name) {
            Some(slot) => slot.1 = text,
            None => sources.push((name, text)),
        }
    }
    let mut tera = Tera::default();
    // All at once: templates refer to each other (extends, components) in any order.
    tera.add_raw_templates(sources.iter().map(|(n, t)| (n.as_str(), t.as_str())))
        .map_err(|e| template_error("", e))?;
    let mut assets: Vec<OutputFile> = ASSETS
        .iter()
        .map(|(n, t)| OutputFile::bytes(format!("assets/{n}"), t.as_bytes()))
        .collect();
    for (rel, path) in statics {
        assets.retain(|a| a.path != rel);
        assets.push(OutputFile::copy(rel, path));
    }
    Ok(Theme {
        tera,
        ignored,
        assets,
    })
}

/// Renders into bytes: pages are written as bytes, and a `String` would be checked for UTF-8
/// once more for nothing.
pub fn render(tera: &Tera, name: &str, ctx: &tera::Context) -> Result<Vec<u8>, FatalError> {
    let mut out = Vec::with_capacity(16 * 1024);
    tera.render_to(name, ctx, &mut out)
        .map_err(|e| template_error(name, e))?;
    Ok(out)
}

/// Renders a part of a page into a value for the templates of other pages: the theme's own
/// HTML, its text escaped by it already, so it is marked safe and not escaped again.
pub fn render_value(
    tera: &Tera,
    name: &str,
    ctx: &tera::Context,
) -> Result<tera::Value, FatalError> {
    let html = render(tera, name, ctx)?;
    Ok(tera::Value::safe_string(&String::from_utf8_lossy(&html)))
}
