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
        let r = run([
            "build".as_ref(),
            archive.as_os_str(),
            "-o".as_ref(),
            link.as_os_str(),
        ]);
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
    let r = run([
        "build".as_ref(),
        archive.as_os_str(),
        "-o".as_ref(),
        dangling.as_os_str(),
    ]);
    assert_eq!(r.code, Some(2), "{}", r.describe());
    assert!(
        r.stderr.contains("是一个链接，但它指向的位置不存在"),
        "{}",
        r.stderr
    );
    assert!(!tmp.path().join("nowhere").exists());
}
