//! The floor: the least work any generator must do for a yanxiu corpus, used by `bench/run.sh`
//! as a reference. For every `.md` file, in parallel: read it, parse its YAML front matter into a
//! generic value, render its Markdown body to HTML, write one HTML file per document. No
//! templates, no checks, no lists.
//!
//! Usage: `cargo run --release --example floor -- CORPUS OUT`

use std::path::Path;

use anyhow::{Context, Result};
use pulldown_cmark::{Options, Parser, html};
use rayon::prelude::*;
use walkdir::WalkDir;

// The same allocator as the yanxiu binary, so the ratio compares the work, not the allocators.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let [_, corpus, out] = args.as_slice() else {
        anyhow::bail!("usage: floor CORPUS OUT");
    };
    let (corpus, out) = (Path::new(corpus), Path::new(out));
    let files: Vec<_> = WalkDir::new(corpus)
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.into_path())
        .collect();
    files.par_iter().try_for_each(|path| -> Result<()> {
        let text = std::fs::read_to_string(path).with_context(|| path.display().to_string())?;
        let (front, body) = split_front_matter(&text);
        let _meta: serde_yaml::Value =
            serde_yaml::from_str(front).with_context(|| path.display().to_string())?;
        let options = Options::ENABLE_TABLES
            | Options::ENABLE_FOOTNOTES
            | Options::ENABLE_STRIKETHROUGH
            | Options::ENABLE_TASKLISTS;
        let mut page = String::with_capacity(body.len() * 3 / 2);
        html::push_html(&mut page, Parser::new_ext(body, options));
        let target = out.join(path.strip_prefix(corpus)?).with_extension("html");
        std::fs::create_dir_all(target.parent().expect("a file has a parent"))?;
        std::fs::write(&target, page).with_context(|| target.display().to_string())
    })?;
    println!("{}", files.len());
    Ok(())
}

/// `---\nYAML\n---\nBODY` → (YAML, BODY); a file without front matter is all body.
fn split_front_matter(text: &str) -> (&str, &str) {
    text.strip_prefix("---\n")
        .and_then(|rest| rest.split_once("\n---\n"))
        .unwrap_or(("", text))
}
