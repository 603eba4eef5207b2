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
