//! Browser tests of the site that `yanxiu build` writes, opened from file:// in headless
//! Chromium: navigation, search and console errors (driven by `tests/browser/site.mjs` with
//! playwright-core), printing the school-year pages to PDF, and the checklists of a staff of a
//! hundred (`tests/browser/checklist.mjs`).
//!
//! Needs Debian's Chromium (`/usr/bin/chromium`, or env `CHROMIUM`), Node.js and
//! `tests/browser/node_modules` (`cd tests/browser && npm ci`). Without them the tests print a
//! notice and pass, unless `YANXIU_REQUIRE_BROWSER=1` (as in CI), where they fail.

mod common;

use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use common::Run;

/// "Today" for the build, so that the site's content does not depend on the day of the run.
const TODAY: &str = "2026-09-01";
/// Longest a browser run may take before it is killed and the test fails.
const TIMEOUT: Duration = Duration::from_secs(180);

fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The Chromium to use when everything the browser tests need is installed. Otherwise `None`
/// after a notice on stderr, or a panic when `YANXIU_REQUIRE_BROWSER=1`.
fn chromium() -> Option<PathBuf> {
    let chromium = std::env::var_os("CHROMIUM")
        .filter(|v| !v.is_empty())
        .map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from);
    let node_ok = Command::new("node")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    let modules = manifest_dir().join("tests/browser/node_modules/playwright-core");

    let mut missing = Vec::new();
    if !chromium.is_file() {
        missing.push(format!(
            "Chromium at {} (apt-get install -y chromium, or set CHROMIUM)",
            chromium.display()
        ));
    }
    if !node_ok {
        missing.push("Node.js `node` on PATH (apt-get install -y nodejs npm)".to_string());
    }
    if !modules.is_dir() {
        missing.push(format!(
            "{} (cd tests/browser && npm ci)",
            modules.parent().unwrap().display()
        ));
    }
    if missing.is_empty() {
        return Some(chromium);
    }
    let list = missing.join("\n  - ");
    if std::env::var("YANXIU_REQUIRE_BROWSER").as_deref() == Ok("1") {
        panic!("YANXIU_REQUIRE_BROWSER=1 but the browser tests cannot run; install:\n  - {list}");
    }
    // Written to stderr directly, not with eprintln!, so that `cargo test` shows it although the
    // test passes (the test harness captures only the print macros).
    let _ = writeln!(
        std::io::stderr(),
        "notice: skipping the browser test, missing:\n  - {list}\n\
         (set YANXIU_REQUIRE_BROWSER=1 to make this a failure)"
    );
    None
}

/// Builds content-example into `<tmp>/site` with the real binary and returns that folder.
fn build_site(tmp: &Path) -> PathBuf {
    build(Path::new("content-example"), &tmp.join("site"))
}

/// Builds `archive` into `site` with the real binary and returns `site`.
fn build(archive: &Path, site: &Path) -> PathBuf {
    let out = common::yanxiu()
        .env("YANXIU_TODAY", TODAY)
        .arg("build")
        .arg(archive)
        .arg("-o")
        .arg(site)
        .output()
        .expect("yanxiu can be started");
    let run = Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    assert_eq!(
        run.code,
        Some(0),
        "`yanxiu build {} -o {}` failed\n{}",
        archive.display(),
        site.display(),
        run.describe()
    );
    assert!(
        site.join("index.html").is_file(),
        "the build wrote no index.html\n{}",
        run.describe()
    );
    site.to_path_buf()
}

/// Runs `cmd` with its output in files under `logs` (no pipe to fill up), killing it after
/// `TIMEOUT`.
fn run_logged(mut cmd: Command, logs: &Path, name: &str) -> Run {
    let out_path = logs.join(format!("{name}.stdout"));
    let err_path = logs.join(format!("{name}.stderr"));
    cmd.stdin(Stdio::null())
        .stdout(File::create(&out_path).unwrap())
        .stderr(File::create(&err_path).unwrap());
    let mut child = cmd
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {cmd:?}: {e}"));
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break Some(status);
        }
        if started.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        thread::sleep(Duration::from_millis(50));
    };
    let read = |p: &Path| String::from_utf8_lossy(&fs::read(p).unwrap_or_default()).into_owned();
    let mut stderr = read(&err_path);
    if status.is_none() {
        stderr.push_str(&format!("\n(killed after {}s: {cmd:?})", TIMEOUT.as_secs()));
    }
    Run {
        code: status.and_then(|s| s.code()),
        stdout: read(&out_path),
        stderr,
    }
}

/// `file://` URL of an absolute path, percent-encoding every byte but unreserved ones and '/'.
fn file_url(path: &Path) -> String {
    let mut url = String::from("file://");
    for &b in path.as_os_str().as_encoded_bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            url.push(b as char);
        } else {
            url.push_str(&format!("%{b:02X}"));
        }
    }
    url
}

/// Number of page objects in a PDF: `/Type /Page` (or `/Type/Page`) not followed by `s`.
fn pdf_pages(pdf: &[u8]) -> usize {
    let mut pages = 0;
    let mut i = 0;
    while let Some(at) = find(&pdf[i..], b"/Type") {
        let mut j = i + at + b"/Type".len();
        while j < pdf.len() && pdf[j].is_ascii_whitespace() {
            j += 1;
        }
        if pdf[j..].starts_with(b"/Page")
            && !pdf
                .get(j + b"/Page".len())
                .is_some_and(|c| c.is_ascii_alphanumeric())
        {
            pages += 1;
        }
        i = j;
    }
    pages
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Prints `site/<page>` with headless Chromium to `<tmp>/<pdf_name>`; returns its page count.
fn print_to_pdf(chromium: &Path, tmp: &Path, site: &Path, page: &str, pdf_name: &str) -> usize {
    let html = site.join(page);
    assert!(html.is_file(), "the build wrote no {page}");
    let pdf = tmp.join(pdf_name);
    let mut cmd = Command::new(chromium);
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-pdf-header-footer",
        // A profile of its own, and no background connections (the CI machine's network is closed).
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ])
    .arg(format!(
        "--user-data-dir={}",
        tmp.join("chromium-profile").display()
    ))
    .arg(format!("--print-to-pdf={}", pdf.display()))
    .arg(file_url(&html));
    let run = run_logged(cmd, tmp, pdf_name);
    assert_eq!(
        run.code,
        Some(0),
        "chromium --print-to-pdf of {page} failed\n{}",
        run.describe()
    );
    let bytes = fs::read(&pdf).unwrap_or_else(|e| {
        panic!(
            "chromium wrote no {} for {page} ({e})\n{}",
            pdf.display(),
            run.describe()
        )
    });
    assert!(
        bytes.starts_with(b"%PDF-"),
        "{} is not a PDF ({} bytes)",
        pdf.display(),
        bytes.len()
    );
    let pages = pdf_pages(&bytes);
    eprintln!("{page} → {pdf_name}: {pages} pages, {} bytes", bytes.len());
    pages
}

#[test]
fn site_navigation_search_and_pages_have_no_errors_in_chromium() {
    let Some(chromium) = chromium() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let site = build_site(tmp.path());
    run_script(&chromium, tmp.path(), "site.mjs", &site, &[]);
}

/// A research project filed in a folder of its own, outside the school years' folders (DESIGN
/// §2 allows any layout): search once opened its year filter on 未注明学年 and listed that one
/// record of 23 matches, and took a record's year from its folder rather than its date.
#[test]
fn search_lists_every_match_when_a_record_lies_outside_the_years_folders() {
    let Some(chromium) = chromium() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let archive = tmp.path().join("archive");
    common::copy_dir(Path::new("content-example"), &archive);
    fs::create_dir_all(archive.join("课题")).unwrap();
    fs::write(
        archive.join("课题/整本书阅读三年规划.md"),
        "---\n标题: 整本书阅读三年规划\n日期: 2024-11-01\n类型: 课题\n负责人: 周敏\n成员: [陈建华, 李晓燕]\n级别: 校级\n阶段: 立项\n---\n\n三年规划，每学期末组织反思交流。\n",
    )
    .unwrap();
    let site = build(&archive, &tmp.path().join("site"));
    let href = "records/ke-ti/zheng-ben-shu-yue-du-san-nian-gui-hua.html";
    assert!(site.join(href).is_file(), "no page at {href}");
    run_script(
        &chromium,
        tmp.path(),
        "search.mjs",
        &site,
        &["反思", "2024-2025", href],
    );
}

/// Runs `node tests/browser/<script> <site> <args>…` with Chromium and asserts that every check
/// of the script passed.
fn run_script(chromium: &Path, tmp: &Path, script: &str, site: &Path, args: &[&str]) {
    let mut cmd = Command::new("node");
    cmd.arg(manifest_dir().join("tests/browser").join(script))
        .arg(site)
        .args(args)
        .env("CHROMIUM", chromium)
        .current_dir(manifest_dir());
    let run = run_logged(cmd, tmp, script);
    eprintln!("{}", run.stdout);
    assert_eq!(
        run.code,
        Some(0),
        "node tests/browser/{script} {} failed\n{}",
        site.display(),
        run.describe()
    );
}

#[test]
fn year_pages_print_to_multi_page_pdfs() {
    let Some(chromium) = chromium() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let site = build_site(tmp.path());

    for (page, pdf) in [
        ("years/2024-2025-print.html", "year.pdf"),
        ("years/2024-2025.html", "year-web.pdf"),
    ] {
        let pages = print_to_pdf(&chromium, tmp.path(), &site, page, pdf);
        assert!(
            pages > 1,
            "{page} printed to {pages} page(s); a school year's archive must take more than one page"
        );
        if page.ends_with("-print.html") {
            // Records follow one another on the sheets: a record starting each on a fresh sheet
            // printed the example's 30 records (and the year's overview) on 41 pages, many of
            // them a few lines long; they fit in under 38.
            let records = std::fs::read_to_string(site.join(page))
                .unwrap()
                .matches("<article class=\"record print-record\"")
                .count();
            assert!(records >= 30, "{records} records on {page}");
            assert!(
                pages < records + 8,
                "{page}: {records} records printed to {pages} pages"
            );
        }
    }
}

#[test]
fn pdf_page_counting() {
    assert_eq!(pdf_pages(b"<< /Type /Pages /Count 2 >>"), 0);
    assert_eq!(
        pdf_pages(b"<</Type/Page>> << /Type /Page /Parent 1 0 R >> <</Type\n/Page>>"),
        3
    );
    assert_eq!(pdf_pages(b"/Type /PageLabel"), 0);
}

#[test]
fn an_open_page_of_the_live_preview_reloads_after_an_edit() {
    let Some(chromium) = chromium() else { return };
    let (tmp, archive) = common::preview::scratch_example();
    let preview = common::preview::start(&archive);
    let record = archive.join("2024-2025/反思/周敏-读语文课程标准.md");
    let mut cmd = Command::new("node");
    cmd.arg(manifest_dir().join("tests/browser/serve.mjs"))
        .arg(format!(
            "http://127.0.0.1:{}/records/2024-2025/fan-si/zhou-min-du-yu-wen-ke-cheng-biao-zhun.html",
            preview.port
        ))
        .arg(&record)
        .arg("学习任务群")
        .arg("学习任务群（修订稿）")
        .env("CHROMIUM", &chromium)
        .current_dir(manifest_dir());
    let run = run_logged(cmd, tmp.path(), "serve.mjs");
    eprintln!("{}", run.stdout);
    assert_eq!(
        run.code,
        Some(0),
        "node tests/browser/serve.mjs failed\n{}",
        run.describe()
    );
}

/// Writes an archive of one school year whose staff is a hundred teachers, so that each row of
/// a per-teacher rule in the year's checklist lists a hundred of them, and builds it into
/// `<tmp>/staff-site`.
fn build_large_staff_site(tmp: &Path) -> PathBuf {
    let archive = tmp.join("staff");
    fs::create_dir_all(archive.join("2024-2025/反思")).unwrap();
    fs::write(
        archive.join("yanxiu.yaml"),
        "school: 大成中学\ntitle: 大成中学校本研修档案\n",
    )
    .unwrap();
    let names: Vec<String> = "赵钱孙李周吴郑王冯陈"
        .chars()
        .flat_map(|s| {
            "一二三四五六七八九十"
                .chars()
                .map(move |g| format!("{s}{g}明"))
        })
        .collect();
    let roster: String = names
        .iter()
        .map(|n| format!("  - name: {n}\n    group: 语文组\n"))
        .collect();
    fs::write(
        archive.join("teachers.yaml"),
        format!("teachers:\n{roster}"),
    )
    .unwrap();
    fs::write(
        archive.join("2024-2025/计划.md"),
        "---\ntitle: 2024-2025学年校本研修计划\ndate: 2024-09-02\nkind: plan\n---\n\n本学年的研修计划。\n",
    )
    .unwrap();
    // Half the staff wrote a reflection, so the rows list teachers with and without one.
    for n in names.iter().step_by(2) {
        fs::write(
            archive.join(format!("2024-2025/反思/{n}-2024-10-08.md")),
            format!(
                "---\ntitle: {n}的教学反思\ndate: 2024-10-08\nkind: reflection\nauthor: {n}\nform: 反思日记\n---\n\n课后的反思。\n"
            ),
        )
        .unwrap();
    }
    build(&archive, &tmp.join("staff-site"))
}

#[test]
fn checklists_of_a_large_staff_keep_their_requirement_readable() {
    let Some(chromium) = chromium() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let site = build_large_staff_site(tmp.path());
    run_script(
        &chromium,
        tmp.path(),
        "checklist.mjs",
        &site,
        &[
            "years/2024-2025.html=100",
            "index.html=20",
            "problems.html=20",
        ],
    );
}
