//! What the preview server answers: a file of the built site for a URL, with a small script in
//! every page that reloads it when the site changes. The script is added to the answer only;
//! the files on disk stay as `yanxiu build` writes them.

use std::path::{Path, PathBuf};

/// Where a page's script asks whether the site changed (see [`super::Generation`]).
pub const WAIT_PATH: &str = "/__yanxiu/wait";

/// An answer to a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    pub status: u16,
    pub content_type: &'static str,
    pub body: Vec<u8>,
}

/// The answer to a GET of `url` from the site in `root`, built as of `generation`.
pub fn answer(root: &Path, url: &str, generation: u64) -> Reply {
    let Some(path) = resolve(root, url) else {
        // Browsers ask for it on their own; the site has none unless the school adds one.
        if url.split(['?', '#']).next() == Some("/favicon.ico") {
            return Reply {
                status: 204,
                content_type: "image/x-icon",
                body: Vec::new(),
            };
        }
        return not_found(url);
    };
    let Ok(bytes) = std::fs::read(&path) else {
        return not_found(url);
    };
    let content_type = content_type(&path);
    let body = if content_type.starts_with("text/html") {
        with_reload_script(bytes, generation)
    } else {
        bytes
    };
    Reply {
        status: 200,
        content_type,
        body,
    }
}

/// The file a URL names below `root`: a folder's `index.html`; `None` for anything that would
/// lead outside `root` or is not valid UTF-8 once decoded.
pub fn resolve(root: &Path, url: &str) -> Option<PathBuf> {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let decoded = percent_encoding::percent_decode_str(path)
        .decode_utf8()
        .ok()?;
    let mut file = root.to_path_buf();
    for part in decoded.split('/').filter(|p| !p.is_empty()) {
        // A drive, a parent or a Windows separator could leave the site.
        if part == "." || part == ".." || part.contains(['\\', ':', '\0']) {
            return None;
        }
        file.push(part);
    }
    if file.is_dir() {
        file.push("index.html");
    }
    file.is_file().then_some(file)
}

fn content_type(path: &Path) -> &'static str {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "csv" => "text/csv; charset=utf-8",
        "txt" | "md" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "xls" => "application/vnd.ms-excel",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "doc" => "application/msword",
        "pptx" => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "ppt" => "application/vnd.ms-powerpoint",
        "mp4" => "video/mp4",
        "mp3" => "audio/mpeg",
        "zip" => "application/zip",
        _ => "application/octet-stream",
    }
}

/// The page with a script before its last `</body>` (or at its end) that waits for the site
/// to change after `generation` and then reloads the page.
fn with_reload_script(mut page: Vec<u8>, generation: u64) -> Vec<u8> {
    let script = format!(
        "<script>/* yanxiu serve：档案改动后自动刷新 */(function(){{var seen={generation};\
function wait(){{fetch(\"{WAIT_PATH}?v=\"+seen,{{cache:\"no-store\"}})\
.then(function(r){{return r.text()}})\
.then(function(t){{if(parseInt(t,10)>seen){{location.reload()}}else{{wait()}}}})\
.catch(function(){{setTimeout(wait,1000)}})}}wait()}})();</script>\n"
    );
    let at = page
        .windows(7)
        .rposition(|w| w == b"</body>")
        .unwrap_or(page.len());
    page.splice(at..at, script.into_bytes());
    page
}

fn not_found(url: &str) -> Reply {
    let shown = url
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    let body = format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>找不到页面</title></head>\
<body><h1>找不到页面</h1><p>预览的网站中没有 <code>{shown}</code>。</p>\
<p><a href=\"/index.html\">回到首页</a></p></body></html>\n"
    );
    Reply {
        status: 404,
        content_type: "text/html; charset=utf-8",
        body: body.into_bytes(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("records/2024-2025")).unwrap();
        std::fs::write(
            dir.path().join("index.html"),
            "<html><body><p>首页</p></body></html>",
        )
        .unwrap();
        std::fs::write(dir.path().join("records/2024-2025/a b.html"), "<p>甲</p>").unwrap();
        std::fs::write(dir.path().join("style.css"), "p{}").unwrap();
        dir
    }

    #[test]
    fn a_url_names_a_file_of_the_site_and_a_folder_its_index() {
        let s = site();
        let root = s.path();
        assert_eq!(resolve(root, "/"), Some(root.join("index.html")));
        assert_eq!(
            resolve(root, "/index.html?q=%E5%8F%8D%E6%80%9D#top"),
            Some(root.join("index.html"))
        );
        assert_eq!(
            resolve(root, "/records/2024-2025/a%20b.html"),
            Some(root.join("records/2024-2025/a b.html"))
        );
        assert_eq!(resolve(root, "/records/none.html"), None);
    }

    #[test]
    fn no_url_leads_outside_the_site() {
        let s = site();
        let root = s.path().join("records");
        for url in [
            "/../index.html",
            "/%2e%2e/index.html",
            "/2024-2025/..%2F..%2Findex.html",
            "/..\\index.html",
            "/C:/Windows/win.ini",
        ] {
            assert_eq!(resolve(&root, url), None, "{url}");
        }
    }

    #[test]
    fn pages_get_the_reload_script_and_other_files_stay_as_they_are() {
        let s = site();
        let page = answer(s.path(), "/index.html", 7);
        assert_eq!(page.status, 200);
        let html = String::from_utf8(page.body).unwrap();
        assert!(html.contains("<p>首页</p><script>"), "{html}");
        assert!(html.contains("var seen=7;"), "{html}");
        assert!(html.ends_with("</script>\n</body></html>"), "{html}");
        // A fragment without </body> gets the script at its end.
        let bare = answer(s.path(), "/records/2024-2025/a%20b.html", 1);
        assert!(
            String::from_utf8(bare.body)
                .unwrap()
                .starts_with("<p>甲</p><script>")
        );
        let css = answer(s.path(), "/style.css", 7);
        assert_eq!(
            (css.content_type, css.body),
            ("text/css; charset=utf-8", b"p{}".to_vec())
        );
        assert_eq!(
            std::fs::read_to_string(s.path().join("index.html")).unwrap(),
            "<html><body><p>首页</p></body></html>",
            "the file on disk is unchanged"
        );
    }

    #[test]
    fn a_missing_page_is_a_404_in_chinese() {
        let s = site();
        let r = answer(s.path(), "/records/<x>.html", 1);
        assert_eq!(r.status, 404);
        let html = String::from_utf8(r.body).unwrap();
        assert!(html.contains("找不到页面"));
        assert!(html.contains("&lt;x&gt;"), "{html}");
        assert_eq!(answer(s.path(), "/favicon.ico", 1).status, 204);
    }
}
