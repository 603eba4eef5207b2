//! `yanxiu serve` as a user meets it: the real binary on a scratch copy of the example archive,
//! asked for pages over HTTP; a record edited on disk reaches the page that a browser holds
//! open, and Ctrl+C removes the preview's temporary folder.

mod common;

use std::process::Command;
use std::time::Duration;

use common::preview::{get, start};
use common::*;

const REFLECTION: &str = "2024-2025/反思/周敏-读语文课程标准.md";
const REFLECTION_PAGE: &str =
    "/records/2024-2025/fan-si/zhou-min-du-yu-wen-ke-cheng-biao-zhun.html";

#[test]
fn an_edit_reaches_the_open_page_and_ctrl_c_removes_the_preview() {
    let (_tmp, archive) = common::preview::scratch_example();
    let p = start(&archive);

    let (status, home) = get(p.port, "/");
    assert_eq!(status, 200);
    assert!(home.contains("青溪镇中心小学"), "{home}");
    assert!(
        home.contains("/__yanxiu/wait?v="),
        "the page reloads itself"
    );
    let on_disk = std::fs::read_to_string(p.site.join("index.html")).unwrap();
    assert!(
        !on_disk.contains("__yanxiu"),
        "the files stay as yanxiu build writes them"
    );
    let (status, page) = get(p.port, REFLECTION_PAGE);
    assert_eq!(status, 200);
    assert!(page.contains("学习任务群"));

    // A browser holding the page open waits for a change…
    let port = p.port;
    let waiting = std::thread::spawn(move || get(port, "/__yanxiu/wait?v=0"));
    std::thread::sleep(Duration::from_millis(300));
    let file = archive.join(REFLECTION);
    let text = std::fs::read_to_string(&file).unwrap();
    let edited = text.replacen("中的“学习任务群”", "中的学习任务群（修订）", 1);
    assert_ne!(text, edited);
    std::fs::write(&file, edited).unwrap();
    // …and learns of it once the site is up to date.
    let (status, generation) = waiting.join().unwrap();
    assert_eq!((status, generation.as_str()), (200, "1"));
    let (_, page) = get(p.port, REFLECTION_PAGE);
    assert!(page.contains("学习任务群（修订）"), "{page}");
    let update = p.line_with("已更新", Duration::from_secs(10));
    assert!(update.contains(REFLECTION), "{update}");

    // A record with a problem: its message is shown as soon as it is saved.
    std::fs::write(
        archive.join("2024-2025/反思/新反思.md"),
        "---\n标题: 新的反思\n日期: 2024-10-10\n作者: 查无此人\n形式: 教学反思\n---\n正文\n",
    )
    .unwrap();
    let problem = p.line_with("Y201", Duration::from_secs(10));
    assert!(problem.contains("查无此人"), "{problem}");

    // Nothing outside the site is served.
    for url in [
        "/../Cargo.toml",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/no-such-page.html",
    ] {
        let (status, body) = get(p.port, url);
        assert_eq!(status, 404, "{url}");
        assert!(body.contains("找不到页面"));
    }

    #[cfg(unix)]
    {
        let mut p = p;
        let pid = p.child.id().to_string();
        assert!(
            Command::new("kill")
                .args(["-INT", &pid])
                .status()
                .unwrap()
                .success()
        );
        let status = p.child.wait().unwrap();
        assert_eq!(status.code(), Some(0));
        assert!(
            !p.site.exists(),
            "Ctrl+C removes the preview folder {}",
            p.site.display()
        );
    }
}

#[test]
fn a_taken_port_is_explained_in_chinese() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let r = run(["serve", "content-example", "--port", &port]);
    assert_eq!(r.code, Some(2), "{}", r.describe());
    assert!(r.stderr.contains(&format!("端口 {port}")), "{}", r.stderr);
    assert!(r.stderr.contains("--port"), "{}", r.stderr);
}

#[test]
fn a_broken_roster_keeps_the_old_site_until_it_is_mended() {
    let (_tmp, archive) = common::preview::scratch_example();
    let p = start(&archive);
    let roster = archive.join("teachers.yaml");
    let good = std::fs::read_to_string(&roster).unwrap();
    std::fs::write(&roster, "teachers: [\n").unwrap();
    let said = p.line_with("预览暂未更新", Duration::from_secs(10));
    assert!(said.contains("改正后保存"), "{said}");
    let (status, home) = get(p.port, "/");
    assert_eq!(status, 200, "the last good site is still served");
    assert!(home.contains("青溪镇中心小学"));

    std::fs::write(&roster, good).unwrap();
    let line = p.line_with("已更新（teachers.yaml）", Duration::from_secs(10));
    assert!(line.contains("0 个错误"), "{line}");
}

/// Stopped by the system or a task manager (SIGTERM), not by Ctrl+C, the preview still removes
/// its folder (it was left behind in the system's temporary folder).
#[cfg(unix)]
#[test]
fn a_preview_stopped_by_sigterm_removes_its_folder() {
    let (_tmp, archive) = common::preview::scratch_example();
    let mut p = start(&archive);
    assert!(p.site.exists(), "{}", p.site.display());
    let pid = p.child.id().to_string();
    assert!(
        Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .unwrap()
            .success()
    );
    let status = p.child.wait().unwrap();
    assert_eq!(status.code(), Some(0));
    assert!(!p.site.exists(), "{}", p.site.display());
}
