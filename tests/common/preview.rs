//! Running `yanxiu serve` in a test: the real binary on a free port, its messages read line by
//! line, pages fetched over plain HTTP.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use super::{TODAY, copy_dir};

/// A scratch copy of the example archive, without a built site.
pub fn scratch_example() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let archive = tmp.path().join("archive");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("content-example"),
        &archive,
    );
    let _ = std::fs::remove_dir_all(archive.join("public"));
    (tmp, archive)
}

pub struct Preview {
    pub child: Child,
    pub port: u16,
    /// The folder the preview writes the site into.
    pub site: PathBuf,
    log: mpsc::Receiver<String>,
}

impl Drop for Preview {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        // A killed preview cannot clean up after itself.
        if let Some(scratch) = self.site.parent() {
            let _ = std::fs::remove_dir_all(scratch);
        }
    }
}

impl Preview {
    /// The next line of the preview's messages that contains `text`, within `limit`.
    pub fn line_with(&self, text: &str, limit: Duration) -> String {
        let deadline = Instant::now() + limit;
        let mut seen = Vec::new();
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.log.recv_timeout(left) {
                Ok(line) if line.contains(text) => return line,
                Ok(line) => seen.push(line),
                Err(_) => panic!(
                    "no line with {text:?} within {limit:?}; the preview said:\n{}",
                    seen.join("\n")
                ),
            }
        }
    }
}

/// Starts `yanxiu serve ARCHIVE --port 0` and waits for its address.
pub fn start(archive: &Path) -> Preview {
    let bin = assert_cmd::cargo::cargo_bin("yanxiu");
    let mut child = Command::new(bin)
        .args([
            "serve".as_ref(),
            archive.as_os_str(),
            "--port".as_ref(),
            "0".as_ref(),
        ])
        .env("YANXIU_TODAY", TODAY)
        .env("NO_COLOR", "1")
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let (tx, log) = mpsc::channel();
    let stderr = child.stderr.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines() {
            if tx.send(line.unwrap_or_default()).is_err() {
                break;
            }
        }
    });
    let mut p = Preview {
        child,
        port: 0,
        site: PathBuf::new(),
        log,
    };
    let address = p.line_with("预览地址：", Duration::from_secs(60));
    p.port = address
        .trim_end_matches('/')
        .rsplit(':')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let folder = p.line_with("预览文件在 ", Duration::from_secs(5));
    p.site = PathBuf::from(
        folder
            .trim_start_matches("预览文件在 ")
            .trim_end_matches("，结束时删除。"),
    );
    p
}

/// Status and body of a GET.
pub fn get(port: u16, path: &str) -> (u16, String) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(40))).unwrap();
    write!(s, "GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap();
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    (status, body.to_string())
}
