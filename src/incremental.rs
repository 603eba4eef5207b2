//! Keeping a built site up to date as files change, for the live preview: the analysis and the
//! site's URLs stay in memory; an update re-reads only the changed files, checks again the
//! documents the change can have affected (each document's own checks are kept; the checks
//! across documents and the ledger are made again, in memory), and renders again only what can
//! differ, writing only the files whose bytes differ.
//!
//! Three ways through an update:
//! - an edit that changed only records' bodies — same front matter, same diagnostics, same
//!   findings, same ledger — renders those records' pages, their years' pages (the print page
//!   shows bodies) and their search shards: the common case of a teacher writing a reflection;
//! - an edit that changed only how records are shown (a title, a summary …) with the same
//!   analysis renders the pages that show those records (see `site::pages::shown`), and the
//!   data files only when the records granted hours (the data files name them);
//! - anything else renders every page again, and writes only the files that differ.
//!
//! Either way the output folder ends byte for byte as a clean `yanxiu build` would leave it.

use crate::archive::document::Document;
use crate::archive::{self, LoadOptions, Role};
use crate::check::{self, CheckOptions, DocumentChecks};
use crate::commands::{self, Analysis, DataFiles};
use crate::credits::Ledger;
use crate::error::FatalError;
use crate::kind::Kind;
use crate::output::{InPlace, PassResult, Sink};
use crate::site::catalog::{Catalog, Structure};
use crate::site::theme::{self, Theme};
use crate::site::urls::Urls;
use crate::site::{self, Selection, SiteOptions};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// A site built into a folder, with what it was built from.
pub struct LiveBuild {
    dir: PathBuf,
    options: SiteOptions,
    load: LoadOptions,
    /// The output folder relative to the archive, when inside it: changes there are ours.
    out_in_archive: Option<String>,
    theme: Theme,
    analysis: Analysis,
    kept: Kept,
    folder: InPlace,
    /// Each document's own checks, kept from the last update (made at the first): checking
    /// every document again was most of an update's work.
    checks: Option<DocumentChecks>,
}

/// What the next catalog takes from the last one.
enum Kept {
    /// The URLs alone: they depend only on which files exist.
    Urls(Urls),
    /// The whole catalog, for an edit of what records only show.
    Catalog(Box<Structure>),
}

impl Default for Kept {
    fn default() -> Kept {
        Kept::Urls(Urls::default())
    }
}

impl Kept {
    fn into_urls(self) -> Urls {
        match self {
            Kept::Urls(urls) => urls,
            Kept::Catalog(s) => s.into_urls(),
        }
    }
}

/// What an update did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Update {
    /// Every page was rendered again (not only the edited records').
    pub whole_site: bool,
    /// Output paths written, because they were new or their bytes differed.
    pub written: Vec<String>,
    /// Output paths removed, because the site no longer has them.
    pub removed: Vec<String>,
    /// Files of the school's `static/` not copied, because a page or data file has their path.
    pub shadowed: Vec<String>,
}

impl Update {
    /// Whether a file of the site was written or removed.
    pub fn changed_site(&self) -> bool {
        !self.written.is_empty() || !self.removed.is_empty()
    }
}

impl LiveBuild {
    /// Builds the site of the archive at `dir` into `out` (absent, empty, or made by yanxiu),
    /// and keeps what it was built from.
    pub fn open(
        dir: &Path,
        out: &Path,
        options: SiteOptions,
    ) -> Result<(LiveBuild, Update), FatalError> {
        let load = LoadOptions {
            output_dir: Some(out.to_path_buf()),
        };
        let theme = theme::load(dir)?;
        let analysis = commands::analyse(dir, &load)?;
        let folder = InPlace::open(out, &analysis.archive.root)?;
        let out_in_archive = out
            .canonicalize()
            .ok()
            .and_then(|o| {
                o.strip_prefix(&analysis.archive.root)
                    .ok()
                    .map(Path::to_path_buf)
            })
            .map(|p| p.to_string_lossy().replace('\\', "/"));
        let kept = Kept::Urls(Urls::plan(&analysis.archive, options.include_private));
        let mut live = LiveBuild {
            dir: dir.to_path_buf(),
            options,
            load,
            out_in_archive,
            theme,
            analysis,
            kept,
            folder,
            checks: None,
        };
        let update = live.render_whole()?;
        Ok((live, update))
    }

    /// Reads the whole archive and the theme again and renders every page, writing only the
    /// files that differ: after an update failed part way, or whenever in doubt.
    pub fn refresh(&mut self) -> Result<Update, FatalError> {
        self.theme = theme::load(&self.dir)?;
        self.analysis = commands::analyse(&self.dir, &self.load)?;
        self.kept = Kept::Urls(Urls::plan(
            &self.analysis.archive,
            self.options.include_private,
        ));
        self.checks = None;
        self.render_whole()
    }

    /// A changed path as the archive names it (`/`-separated, relative to its root); `None`
    /// for a path outside the archive.
    pub fn archive_path(&self, path: &Path) -> Option<String> {
        relative_to(&self.analysis.archive.root, &self.dir, path)
    }

    /// The analysis the site now shows.
    pub fn analysis(&self) -> &Analysis {
        &self.analysis
    }

    /// Brings the site up to date after files changed (edited, added, deleted; a rename is
    /// a deletion and an addition; a folder's path stands for everything in it). Paths may be
    /// absolute or relative to the archive.
    pub fn update(&mut self, changed: &[PathBuf]) -> Result<Update, FatalError> {
        let root = self.analysis.archive.root.clone();
        // A new folder is named with the folders and files in it, and each stands for its files:
        // a file named twice would be read in twice.
        let paths: BTreeSet<String> = changed
            .iter()
            .filter_map(|p| relative_to(&root, &self.dir, p))
            .flat_map(|rel| self.with_contents(&root, rel))
            .collect();
        let roles: Vec<(String, Role)> = paths
            .into_iter()
            .map(|rel| {
                let role = archive::role(&rel, self.out_in_archive.as_deref());
                (rel, role)
            })
            .filter(|(_, role)| *role != Role::Ignored)
            .collect();
        if roles.is_empty() {
            return Ok(Update::default());
        }
        let whole_archive = roles.iter().any(|(rel, role)| {
            matches!(role, Role::Config | Role::Roster | Role::Theme)
                || std::fs::symlink_metadata(root.join(rel)).is_ok_and(|m| m.is_symlink())
        });
        if whole_archive {
            // The configuration, the roster and the theme shape every page: start again.
            return self.refresh();
        }

        let reread = self.analysis.archive.reread(&roles);
        let options = CheckOptions::from_env();
        let report = self.check(&reread, &options);
        // Whether no path changed, the day is the same, and every edit is of this kind.
        let edits_only = |same: fn(&Document, &Document) -> bool| {
            !reread.paths_changed
                && options.today == self.analysis.today
                && reread
                    .edited
                    .iter()
                    .all(|(i, old)| same(old, &self.analysis.archive.documents[*i]))
        };
        let (only_bodies, only_display) = (edits_only(same_but_body), edits_only(same_but_display));
        let same_report = report == self.analysis.report;
        // The ledger is made of the report and of fields a display edit leaves alone: with the
        // same report it would come out the same.
        let same_ledger = (same_report && only_display) || {
            let ledger = Ledger::compute(&self.analysis.archive, &report, options.today);
            let same = ledger == self.analysis.ledger;
            self.analysis.ledger = ledger;
            same
        };
        let same_analysis = same_report && same_ledger;
        self.analysis.report = report;
        self.analysis.today = options.today;
        let (only_bodies, only_display) =
            (only_bodies && same_analysis, only_display && same_analysis);
        let edited: Vec<usize> = reread.edited.iter().map(|(i, _)| *i).collect();
        if only_bodies {
            return self.render_part(&Selection::Bodies(edited), None);
        }

        if only_display {
            // The data files name a record's title only beside the hours it granted.
            let granted = self
                .analysis
                .ledger
                .entries
                .iter()
                .any(|e| edited.contains(&e.doc));
            let data = granted.then_some(DataFiles::Titled);
            return self.render_part(&Selection::Shown(edited), data);
        }

        self.kept = Kept::Urls(Urls::plan(
            &self.analysis.archive,
            self.options.include_private,
        ));
        self.render_whole()
    }

    /// The report after `reread`: only the edited documents checked again when nothing else a
    /// document's checks depend on can have changed (see [`DocumentChecks::redo`]). Sessions
    /// and plans are named by other records, which are then checked against them: an edit of
    /// one checks every document again, as does a file added or removed, or a new day.
    fn check(&mut self, reread: &archive::Reread, options: &CheckOptions) -> check::Report {
        let archive = &self.analysis.archive;
        let named = |d: &Document| matches!(d.kind, Some(Kind::Session | Kind::Plan));
        let only_edited = !reread.paths_changed
            && options.today == self.analysis.today
            && reread
                .edited
                .iter()
                .all(|(i, old)| !named(old) && !named(&archive.documents[*i]));
        let checks = match self.checks.take() {
            Some(mut checks) if only_edited => {
                let edited: Vec<usize> = reread.edited.iter().map(|(i, _)| *i).collect();
                checks.redo(archive, options, &edited);
                checks
            }
            _ => DocumentChecks::all(archive, options),
        };
        let report = check::finish(
            archive,
            options,
            checks.people.clone(),
            &checks.prints,
            checks.diagnostics.iter().flatten().cloned(),
        );
        self.checks = Some(checks);
        report
    }

    /// A changed path, and when it is a folder (moved, added or deleted as a whole) every file
    /// in it now and every file the archive knew in it: a file watcher names only the folder.
    fn with_contents(&self, root: &Path, rel: String) -> Vec<String> {
        let path = root.join(&rel);
        // A file (the common edit) stands for itself: no need to look through the archive.
        if path.is_file() || archive::role(&rel, self.out_in_archive.as_deref()) == Role::Ignored {
            return vec![rel];
        }
        let mut all = self.analysis.archive.known_under(&rel);
        if path.is_dir() {
            all.extend(
                walkdir::WalkDir::new(&path)
                    .into_iter()
                    .filter_entry(|e| {
                        e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.')
                    })
                    .filter_map(Result::ok)
                    .filter(|e| !e.file_type().is_dir())
                    .filter_map(|e| relative_to(root, &self.dir, e.path())),
            );
        }
        all.push(rel);
        all.sort();
        all.dedup();
        all
    }

    /// Renders some pages (and with `data` those data files); the other files stay as they are.
    fn render_part(
        &mut self,
        selection: &Selection,
        data: Option<DataFiles>,
    ) -> Result<Update, FatalError> {
        let pass = self.render(selection, data)?;
        let written = pass.written.clone();
        self.folder.finish_part(pass);
        Ok(Update {
            whole_site: false,
            written,
            ..Update::default()
        })
    }

    fn render_whole(&mut self) -> Result<Update, FatalError> {
        let pass = self.render(&Selection::All, Some(DataFiles::All))?;
        let (written, shadowed) = (pass.written.clone(), pass.dropped.clone());
        let removed = self.folder.finish_whole(pass)?;
        Ok(Update {
            whole_site: true,
            written,
            removed,
            shadowed,
        })
    }

    /// Renders the selected pages into the folder; with `data`, those data files too, and with
    /// all of them the theme's assets, in the order `build` puts them.
    fn render(
        &mut self,
        selection: &Selection,
        data: Option<DataFiles>,
    ) -> Result<PassResult, FatalError> {
        let include_private = self.options.include_private;
        let catalog = match (std::mem::take(&mut self.kept), selection) {
            // Only what the edited records show changed since the last catalog was made.
            (Kept::Catalog(s), Selection::Bodies(edited) | Selection::Shown(edited)) => {
                Catalog::revise(&self.analysis, include_private, *s, edited)
            }
            (kept, _) => Catalog::assemble(&self.analysis, include_private, kept.into_urls()),
        };
        let pass = self.folder.pass();
        let result = (|| {
            if let Some(which) = data {
                let (files, pages) = rayon::join(
                    || commands::data_files(&self.analysis, &pass, which, include_private),
                    || site::render_catalog(&catalog, &self.theme, selection, &pass),
                );
                pages?;
                files?;
                if which == DataFiles::All {
                    for f in self.theme.assets.iter().cloned() {
                        pass.put(f)?;
                    }
                }
            } else {
                site::render_catalog(&catalog, &self.theme, selection, &pass)?;
            }
            Ok::<(), FatalError>(())
        })();
        self.kept = Kept::Catalog(Box::new(catalog.into_structure()));
        result?;
        Ok(pass.end())
    }
}

/// A changed path as the archive names it; `None` for paths outside the archive.
fn relative_to(root: &Path, dir: &Path, p: &Path) -> Option<String> {
    let rel = if p.is_absolute() {
        p.strip_prefix(root)
            .or_else(|_| p.strip_prefix(dir))
            .ok()?
            .to_path_buf()
    } else {
        p.to_path_buf()
    };
    let parts: Vec<String> = rel
        .components()
        .map(|c| match c {
            std::path::Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect::<Option<_>>()?;
    Some(parts.join("/"))
}

/// Whether two versions of a record differ at most in what only its pages show: the title, the
/// summary, the place, the organiser, the lesson's subject and class, the guests and the body.
/// Nothing else depends on these (the checks, the ledger and the URLs compare equal apart).
fn same_but_display(old: &Document, new: &Document) -> bool {
    let mut new = new.clone();
    new.title.clone_from(&old.title);
    new.summary.clone_from(&old.summary);
    new.location.clone_from(&old.location);
    new.organizer.clone_from(&old.organizer);
    new.subject.clone_from(&old.subject);
    new.class.clone_from(&old.class);
    new.guests.clone_from(&old.guests);
    new.text.clone_from(&old.text);
    new.body_start = old.body_start;
    new.body_line = old.body_line;
    new == *old
}

/// Whether two versions of a record differ at most in their body.
fn same_but_body(old: &Document, new: &Document) -> bool {
    old.text[..old.body_start] == new.text[..new.body_start] && {
        let mut new = new.clone();
        new.text.clone_from(&old.text);
        new == *old
    }
}
