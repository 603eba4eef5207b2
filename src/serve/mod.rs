//! `yanxiu serve`: the live preview. The site is built into a temporary folder with the
//! incremental engine, served on 127.0.0.1, and brought up to date when a file of the archive
//! changes; open pages reload themselves (their script waits on [`http::WAIT_PATH`]).

pub mod http;

use crate::commands::{EXIT_OK, describe_fatal};
use crate::error::FatalError;
use crate::incremental::{LiveBuild, Update};
use crate::report::human::{self, Style};
use crate::site::SiteOptions;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

/// The port tried first when none is given; the next few are tried when it is taken.
pub const DEFAULT_PORT: u16 = 8765;
const PORTS_TRIED: u16 = 10;

#[derive(Debug, Clone)]
pub struct ServeArgs {
    pub dir: PathBuf,
    /// `None`: [`DEFAULT_PORT`] or the first free one after it.
    pub port: Option<u16>,
    pub include_private: bool,
    pub style: Style,
}

/// How many times the site has changed since the server started. A page knows the count it was
/// served at and asks to be told when it grows.
#[derive(Default)]
pub struct Generation {
    count: Mutex<u64>,
    grown: Condvar,
}

impl Generation {
    pub fn current(&self) -> u64 {
        *self.count.lock().expect("not poisoned")
    }

    fn advance(&self) {
        *self.count.lock().expect("not poisoned") += 1;
        self.grown.notify_all();
    }

    /// The count once it is past `seen`, or as it is after `timeout`.
    pub fn wait_past(&self, seen: u64, timeout: Duration) -> u64 {
        let count = self.count.lock().expect("not poisoned");
        let (count, _) = self
            .grown
            .wait_timeout_while(count, timeout, |c| *c <= seen)
            .expect("not poisoned");
        *count
    }
}

/// How long a page's question waits before it is answered with no change (it asks again).
const WAIT_LIMIT: Duration = Duration::from_secs(20);
/// Editors save in several steps (a temporary file, a rename): changes closer together than
/// this are taken as one.
const SETTLE: Duration = Duration::from_millis(10);

/// Builds, serves and watches until the process is stopped (Ctrl+C), which removes the
/// temporary folder. Returns only when it cannot start.
pub fn serve(args: &ServeArgs, log: &mut dyn Write) -> Result<i32, FatalError> {
    if !args.dir.is_dir() {
        return Err(FatalError::NoArchive(args.dir.clone()));
    }
    let server = listen(args.port)?;
    let port = server.server_addr().to_ip().map_or(0, |a| a.port());
    // Watching starts before the first build: a file saved while it runs is not missed.
    let (_watcher, changes) = watch_archive(&args.dir)?;
    let scratch = tempfile::Builder::new()
        .prefix("yanxiu-serve-")
        .tempdir()
        .map_err(|e| FatalError::Write {
            path: std::env::temp_dir(),
            source: e,
        })?
        // Removed by the Ctrl+C handler: a `TempDir` is not dropped when the process is stopped.
        .keep();
    let out = scratch.join("site");
    remove_on_stop(scratch.clone())?;

    say(log, "正在生成预览……\n")?;
    let started = Instant::now();
    let options = SiteOptions {
        include_private: args.include_private,
    };
    let (mut live, first) = match LiveBuild::open(&args.dir, &out, options) {
        Ok(opened) => opened,
        Err(e) => {
            let _ = std::fs::remove_dir_all(&scratch);
            return Err(e);
        }
    };
    for d in &live.analysis().report.diagnostics {
        say(log, &(human::diagnostic(d, args.style) + "\n\n"))?;
    }
    let a = live.analysis();
    say(
        log,
        &format!(
            "已生成预览（{} 个文件，用时 {:.1} 秒）：{} 份记录，{} 个错误，{} 个警告。\n\
预览地址：http://127.0.0.1:{port}/\n\
预览文件在 {}，结束时删除。\n\
修改档案中的文件并保存后，打开的页面会自动刷新。按 Ctrl+C 结束预览。\n",
            first.written.len(),
            started.elapsed().as_secs_f64(),
            a.archive.documents.len(),
            a.report.errors(),
            a.report.warnings(),
            out.display(),
        ),
    )?;

    let generation = Arc::new(Generation::default());
    let site = Arc::new(out);
    {
        let (generation, site) = (generation.clone(), site.clone());
        std::thread::spawn(move || answer_requests(server, &site, &generation));
    }
    follow(args, changes, &mut live, &generation, log)?;
    Ok(EXIT_OK)
}

fn listen(port: Option<u16>) -> Result<tiny_http::Server, FatalError> {
    let ports = match port {
        Some(p) => p..=p,
        None => DEFAULT_PORT..=DEFAULT_PORT + PORTS_TRIED - 1,
    };
    let mut last = String::new();
    for p in ports.clone() {
        match tiny_http::Server::http(("127.0.0.1", p)) {
            Ok(server) => return Ok(server),
            Err(e) => {
                last = match e.downcast_ref::<std::io::Error>() {
                    Some(io) => crate::error::io_text(io),
                    None => e.to_string(),
                }
            }
        }
    }
    let tried = if ports.start() == ports.end() {
        format!("端口 {}", ports.start())
    } else {
        format!("端口 {}–{}", ports.start(), ports.end())
    };
    Err(FatalError::Output(format!(
        "无法在 127.0.0.1 的{tried} 上开始预览：{last}。\n提示: 可能已有程序占用，请用 --port 指定其他端口，如 --port 9000"
    )))
}

fn remove_on_stop(scratch: PathBuf) -> Result<(), FatalError> {
    ctrlc::set_handler(move || {
        let _ = std::fs::remove_dir_all(&scratch);
        eprintln!("\n已结束预览。");
        std::process::exit(EXIT_OK);
    })
    .map_err(|e| FatalError::Output(format!("无法设置 Ctrl+C 的处理：{e}")))
}

fn answer_requests(server: tiny_http::Server, site: &Arc<PathBuf>, generation: &Arc<Generation>) {
    for request in server.incoming_requests() {
        let (site, generation) = (site.clone(), generation.clone());
        // A page's wait for changes holds its request open: each request has its own thread.
        std::thread::spawn(move || {
            let url = request.url().to_string();
            let reply = if url.starts_with(http::WAIT_PATH) {
                let seen = url
                    .split_once("v=")
                    .and_then(|(_, v)| v.parse().ok())
                    .unwrap_or(0);
                let now = generation.wait_past(seen, WAIT_LIMIT);
                http::Reply {
                    status: 200,
                    content_type: "text/plain; charset=utf-8",
                    body: now.to_string().into_bytes(),
                }
            } else {
                http::answer(&site, &url, generation.current())
            };
            let response = tiny_http::Response::from_data(reply.body)
                .with_status_code(reply.status)
                .with_header(header("Content-Type", reply.content_type))
                // Always the file as it is now: the site changes under the browser.
                .with_header(header("Cache-Control", "no-store"));
            let _ = request.respond(response);
        });
    }
}

fn header(name: &str, value: &str) -> tiny_http::Header {
    tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("ASCII header")
}

type Changes = mpsc::Receiver<notify::Result<notify::Event>>;

/// A watcher of every file below `dir` (kept alive by the caller) and its events.
fn watch_archive(dir: &Path) -> Result<(notify::RecommendedWatcher, Changes), FatalError> {
    use notify::Watcher;
    let cannot = |e: notify::Error| FatalError::Output(format!("无法监视档案文件夹的改动：{e}"));
    let (tx, rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event| {
        let _ = tx.send(event);
    })
    .map_err(cannot)?;
    watcher
        .watch(dir, notify::RecursiveMode::Recursive)
        .map_err(cannot)?;
    Ok((watcher, rx))
}

/// Brings the site up to date after each change, until the watcher stops.
fn follow(
    args: &ServeArgs,
    rx: Changes,
    live: &mut LiveBuild,
    generation: &Generation,
    log: &mut dyn Write,
) -> Result<(), FatalError> {
    // After a failed update the site may be behind: the next change renders all of it.
    let mut behind = false;
    while let Ok(first) = rx.recv() {
        let mut changed = Vec::new();
        take(first, &mut changed);
        while let Ok(more) = rx.recv_timeout(SETTLE) {
            take(more, &mut changed);
        }
        if changed.is_empty() {
            continue;
        }
        changed.sort();
        changed.dedup();
        let started = Instant::now();
        let named = touched(live, &changed);
        let result = if behind {
            live.refresh()
        } else {
            live.update(&changed)
        };
        match result {
            Ok(update) => {
                behind = false;
                // Open pages reload only when a file of the site changed.
                if update.changed_site() {
                    generation.advance();
                }
                report(args, live, &named, &update, started, log)?;
            }
            Err(e) => {
                behind = true;
                say(
                    log,
                    &format!(
                        "{}预览暂未更新；改正后保存，预览会重新生成。\n",
                        describe_fatal(&e)
                    ),
                )?;
            }
        }
    }
    Ok(())
}

/// The changed paths to name in the report, as the archive names them: what the teacher
/// touched, not an editor's temporary file that came and went within the change (a path that
/// is gone now and never was in the archive). Asked before the update, which forgets deleted
/// records.
fn touched(live: &LiveBuild, changed: &[PathBuf]) -> Vec<String> {
    let archive = &live.analysis().archive;
    changed
        .iter()
        .filter_map(|p| {
            let name = live.archive_path(p)?;
            let known = archive.knows(&name) || !archive.known_under(&name).is_empty();
            (p.exists() || known).then_some(name)
        })
        .collect()
}

/// The paths of a watcher's event that may change the site (reads are not changes).
fn take(event: notify::Result<notify::Event>, into: &mut Vec<PathBuf>) {
    if let Ok(event) = event
        && !matches!(event.kind, notify::EventKind::Access(_))
    {
        into.extend(event.paths);
    }
}

/// One line for an update, then the problems of the files it changed, so that a teacher who
/// saved a reflection sees at once what is wrong with it.
fn report(
    args: &ServeArgs,
    live: &LiveBuild,
    named: &[String],
    update: &Update,
    started: Instant,
    log: &mut dyn Write,
) -> Result<(), FatalError> {
    if *update == Update::default() {
        return Ok(());
    }
    let a = live.analysis();
    let time = chrono::Local::now().format("%H:%M:%S");
    let what = if !update.changed_site() {
        "网站没有变化".to_string()
    } else {
        format!(
            "写入 {} 个文件，删除 {} 个",
            update.written.len(),
            update.removed.len()
        )
    };
    say(
        log,
        &format!(
            "[{time}] 已更新（{}）：{what}，用时 {} 毫秒；共 {} 个错误，{} 个警告。\n",
            shown_paths(named),
            started.elapsed().as_millis(),
            a.report.errors(),
            a.report.warnings(),
        ),
    )?;
    for d in &a.report.diagnostics {
        if named.contains(&d.file) {
            say(log, &(human::diagnostic(d, args.style) + "\n\n"))?;
        }
    }
    Ok(())
}

fn shown_paths(paths: &[String]) -> String {
    match paths {
        [] => "档案".to_string(),
        [one] => one.clone(),
        [first, rest @ ..] => format!("{first} 等 {} 个文件", rest.len() + 1),
    }
}

fn say(log: &mut dyn Write, text: &str) -> Result<(), FatalError> {
    log.write_all(text.as_bytes())
        .and_then(|_| log.flush())
        .map_err(|e| FatalError::Output(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wait_ends_when_the_site_changes_or_at_the_limit() {
        let g = Arc::new(Generation::default());
        assert_eq!(g.wait_past(0, Duration::from_millis(10)), 0);
        let waiter = {
            let g = g.clone();
            std::thread::spawn(move || g.wait_past(0, Duration::from_secs(30)))
        };
        std::thread::sleep(Duration::from_millis(20));
        g.advance();
        assert_eq!(waiter.join().unwrap(), 1);
        // A page served before the change learns of it at once.
        assert_eq!(g.wait_past(0, Duration::from_secs(30)), 1);
    }

    #[test]
    fn an_update_names_its_files() {
        assert_eq!(shown_paths(&[]), "档案");
        assert_eq!(shown_paths(&["a.md".into()]), "a.md");
        assert_eq!(
            shown_paths(&["a.md".into(), "b.md".into(), "c.md".into()]),
            "a.md 等 3 个文件"
        );
    }

    #[test]
    fn an_editors_temporary_file_is_not_named() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("archive");
        std::fs::create_dir_all(dir.join("2024-2025/反思")).unwrap();
        std::fs::write(dir.join("yanxiu.yaml"), "学校: 青溪镇中心小学\n").unwrap();
        std::fs::write(dir.join("teachers.yaml"), "教师:\n  - 姓名: 周敏\n").unwrap();
        let record = "2024-2025/反思/周敏-读书.md";
        let old = "2024-2025/反思/周敏-旧.md";
        for r in [record, old] {
            std::fs::write(
                dir.join(r),
                "---\n标题: 读书\n日期: 2024-10-10\n作者: 周敏\n---\n正文\n",
            )
            .unwrap();
        }
        let (live, _) =
            LiveBuild::open(&dir, &tmp.path().join("site"), SiteOptions::default()).unwrap();
        // `sed -i` and many editors write a temporary file and rename it onto the record;
        // the other record was deleted.
        std::fs::remove_file(dir.join(old)).unwrap();
        let changed = [
            dir.join("2024-2025/反思/sedAb12Cd"),
            dir.join(record),
            dir.join(old),
            dir.join("2024-2025/反思/新建文件夹"),
        ];
        assert_eq!(touched(&live, &changed), [record, old]);
    }

    #[test]
    fn an_unknown_folder_cannot_be_served() {
        let args = ServeArgs {
            dir: PathBuf::from("/no/such/archive"),
            port: Some(0),
            include_private: false,
            style: Style {
                color: false,
                ascii: true,
            },
        };
        let mut log = Vec::new();
        assert!(matches!(
            serve(&args, &mut log),
            Err(FatalError::NoArchive(_))
        ));
    }
}
