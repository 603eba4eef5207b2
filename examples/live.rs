//! Times the incremental engine (issue 5): builds an archive once with `LiveBuild::open`, then
//! edits records one at a time and times `LiveBuild::update` from the changed path to the
//! written output.
//!
//! Usage: live ARCHIVE OUT [EDITS]      (EDITS per kind, default 20)
//!
//! ARCHIVE is modified: give it a scratch copy. Two kinds of edit, EDITS each, on records spread
//! over the archive: a sentence added to the body (what a teacher does most), and the title
//! changed (front matter: lists and other pages show it). Prints one line per kind:
//! `<kind> edits=N median_ms=… max_ms=… whole_site=K written_median=…`.

use std::path::PathBuf;
use std::time::{Duration, Instant};
use yanxiu::incremental::LiveBuild;
use yanxiu::site::SiteOptions;

// As the yanxiu binary: the live server will use the same allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn median(v: &mut [Duration]) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        eprintln!("usage: live ARCHIVE OUT [EDITS]");
        std::process::exit(2);
    }
    let (archive, out) = (PathBuf::from(&args[1]), PathBuf::from(&args[2]));
    let edits: usize = args
        .get(3)
        .map_or(20, |s| s.parse().expect("EDITS is a number"));

    let t = Instant::now();
    let (mut live, first) =
        LiveBuild::open(&archive, &out, SiteOptions::default()).expect("the first build works");
    println!(
        "open ms={:.0} files={}",
        ms(t.elapsed()),
        first.written.len()
    );

    // Published records with a title line, spread evenly over the archive.
    let candidates: Vec<String> = live
        .analysis()
        .archive
        .documents
        .iter()
        .filter(|d| !d.draft && !d.broken && d.title.is_some())
        .map(|d| d.path.clone())
        .collect();
    assert!(candidates.len() >= edits, "too few records to edit");
    let step = candidates.len() / edits;
    let picked: Vec<&String> = (0..edits).map(|k| &candidates[k * step]).collect();

    type Edit = fn(&str, usize) -> String;
    let kinds: [(&str, Edit); 2] = [
        ("body", |text, k| {
            format!("{text}\n\n第 {k} 次修改：补充了一句课后的想法。\n")
        }),
        ("title", |text, k| {
            text.replacen("\ntitle: ", &format!("\ntitle: （修订{k}）"), 1)
                .replacen("\n标题: ", &format!("\n标题: （修订{k}）"), 1)
        }),
    ];
    for (name, change) in kinds {
        let mut times = Vec::new();
        let mut written = Vec::new();
        let mut whole = 0;
        for (k, rel) in picked.iter().enumerate() {
            let path = archive.join(rel);
            let text = std::fs::read_to_string(&path).expect("the record is readable");
            std::fs::write(&path, change(&text, k)).expect("the record is writable");
            let t = Instant::now();
            let u = live
                .update(std::slice::from_ref(&path))
                .expect("the update works");
            times.push(t.elapsed());
            whole += usize::from(u.whole_site);
            written.push(u.written.len());
        }
        written.sort();
        let max = *times.iter().max().expect("some edits");
        println!(
            "{name} edits={edits} median_ms={:.1} max_ms={:.1} whole_site={whole} written_median={}",
            ms(median(&mut times)),
            ms(max),
            written[written.len() / 2]
        );
    }
}
