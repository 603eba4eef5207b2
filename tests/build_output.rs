//! Where `yanxiu build` may write (DESIGN §7): the output is replaced whole, so a folder the
//! user stands in is refused before anything is written, and the archive is never touched.

mod common;

use std::fs;
use std::path::Path;

use common::*;

/// Every file below `dir` with its bytes, to see that nothing changed.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    list_files(dir)
        .into_iter()
        .map(|f| {
            let bytes = fs::read(dir.join(&f)).unwrap();
            (f, bytes)
        })
        .collect()
}

#[test]
fn building_into_the_folder_one_stands_in_is_refused_and_changes_nothing() {
    let (tmp, archive) = scratch_copy("clean");
    let public = archive.join("public");
    let first = run(["build".as_ref(), archive.as_os_str()]);
    assert_eq!(first.code, Some(0), "{}", first.describe());
    assert!(public.join("index.html").is_file());
    let archive_before = snapshot(&archive);
    let beside_before = list_files(tmp.path());

    let public_abs = public.canonicalize().unwrap();
    let cases: [(&Path, Vec<&std::ffi::OsStr>); 3] = [
        // cd public && yanxiu build .. -o .
        (
            &public,
            vec!["build".as_ref(), "..".as_ref(), "-o".as_ref(), ".".as_ref()],
        ),
        // the same folder written out in full
        (
            &public,
            vec![
                "build".as_ref(),
                archive.as_os_str(),
                "-o".as_ref(),
                public_abs.as_os_str(),
            ],
        ),
        // from a folder inside the output
        (
            &public.join("assets"),
            vec![
                "build".as_ref(),
                "../..".as_ref(),
                "-o".as_ref(),
                "..".as_ref(),
            ],
        ),
    ];
    for (cwd, args) in cases {
        let r = run_in(Some(cwd), &args);
        assert_eq!(r.code, Some(2), "{args:?}\n{}", r.describe());
        assert!(
            r.stderr.contains("当前所在的文件夹") && r.stderr.contains("未做任何改动"),
            "{args:?}\n{}",
            r.describe()
        );
        assert!(
            r.stderr.contains("cd "),
            "says where to go: {}",
            r.describe()
        );
        // Nothing written or deleted, in the output, the archive or beside them.
        assert_eq!(snapshot(&archive), archive_before, "{args:?}");
        assert_eq!(list_files(tmp.path()), beside_before, "{args:?}");
    }
    // From outside the output the same build goes through.
    let r = run_in(Some(&archive), ["build", ".", "-o", "public"]);
    assert_eq!(r.code, Some(0), "{}", r.describe());
}

#[cfg(unix)]
#[test]
fn an_output_given_as_a_link_is_built_where_the_link_points_and_the_link_stays() {
    let (tmp, archive) = scratch_copy("clean");
    let www = tmp.path().join("www");
    fs::create_dir(&www).unwrap();
    let link = tmp.path().join("site");
    std::os::unix::fs::symlink(&www, &link).unwrap();
    for round in 1..=2 {
        let r = build_to(&archive, &link);
        assert_eq!(r.code, Some(0), "round {round}: {}", r.describe());
        let kind = fs::symlink_metadata(&link).unwrap().file_type();
        assert!(kind.is_symlink(), "round {round}: the link is kept");
        assert_eq!(fs::read_link(&link).unwrap(), www, "round {round}");
        assert!(
            www.join("index.html").is_file(),
            "round {round}: built in www"
        );
    }
    // A link to nowhere is refused, saying so.
    let dangling = tmp.path().join("gone");
    std::os::unix::fs::symlink(tmp.path().join("nowhere"), &dangling).unwrap();
    let r = build_to(&archive, &dangling);
    assert_eq!(r.code, Some(2), "{}", r.describe());
    assert!(
        r.stderr.contains("是一个链接，但它指向的位置不存在"),
        "{}",
        r.stderr
    );
    assert!(!tmp.path().join("nowhere").exists());
}

/// An output inside `templates/` or `static/` would be read back as the school's templates or
/// files by the next build: refused before anything is written. A file there that is no
/// template (a logo put in `templates/`) is said and left unread; the build goes on.
#[test]
fn an_output_among_the_templates_is_refused_and_a_logo_there_is_left_alone() {
    let (tmp, archive) = scratch_copy("clean");
    fs::create_dir_all(archive.join("templates")).unwrap();
    fs::write(
        archive.join("templates/logo.png"),
        b"\x89PNG\r\n\x1a\n\0\0\xff",
    )
    .unwrap();
    let before = snapshot(&archive);
    for folder in ["templates", "templates/site", "static"] {
        let out = archive.join(folder);
        let r = build_to(&archive, &out);
        assert_eq!(r.code, Some(2), "{folder}: {}", r.describe());
        assert!(
            r.stderr.contains("未做任何改动")
                && r.stderr.contains(&format!(
                    "{}/",
                    &folder[..folder.find('/').unwrap_or(folder.len())]
                )),
            "{folder}: {}",
            r.stderr
        );
        assert_eq!(
            snapshot(&archive),
            before,
            "{folder}: the archive is untouched"
        );
    }

    // A folder of the archive is refused before the archive is read: no problems of a scan
    // that left that folder out (its attachments "missing") come before the refusal.
    let r = build_to(&archive, &archive.join("附件"));
    assert_eq!(r.code, Some(2), "{}", r.describe());
    assert!(
        r.stderr.starts_with("错误[Y010]: 输出文件夹") && !r.stderr.contains("Y303"),
        "{}",
        r.describe()
    );

    let out = tmp.path().join("out");
    let r = build_to(&archive, &out);
    assert_eq!(r.code, Some(0), "{}", r.describe());
    assert!(
        r.stderr
            .contains("警告[Y009]: templates/logo.png 不是模板（模板是 .html 文件），没有读取"),
        "{}",
        r.stderr
    );
    assert!(out.join("index.html").is_file());
}
