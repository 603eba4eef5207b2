//! Where a file's front matter is, and why a file seemingly meant to have one has none (blank
//! lines before it, or a line of the wrong dashes: `——`, `－－－`).

/// Where a file's front matter and body are.
pub(super) enum Split {
    None,
    Unclosed,
    Found {
        fm_start: usize,
        fm_end: usize,
        body_start: usize,
        body_line: u32,
    },
}

/// Finds the front matter between a first line `---` and the next `---` (or `...`).
pub(super) fn split_front_matter(text: &str) -> Split {
    let mut offset = 0;
    let mut fm_start = None;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        let fence = crate::archive::mend::without_invisibles(line);
        let bare = fence.trim_end();
        if i == 0 {
            if bare != "---" {
                return Split::None;
            }
            fm_start = Some(line.len());
        } else if bare == "---" || bare == "..." {
            return Split::Found {
                fm_start: fm_start.unwrap_or(0),
                fm_end: offset,
                body_start: offset + line.len(),
                body_line: i as u32 + 2,
            };
        }
        offset += line.len();
    }
    if fm_start.is_some() {
        Split::Unclosed
    } else {
        Split::None
    }
}

/// Why a file that seems meant to open with front matter does not.
pub(super) enum Slip {
    BlankLinesBefore,
    NotHyphens(String),
    /// Text (often the title) above the `---` on this line.
    TextBefore,
    /// `key: value` lines from the first line to this one, with no `---` around them.
    NoFences,
}

/// The first non-blank line, when it is a `---` after blank lines or a line of the wrong dashes;
/// a `---` further down with text above it; or `key: value` lines at the top with no `---`.
pub(super) fn opening_slip(text: &str) -> Option<(u32, Slip)> {
    let (i, line) = text
        .lines()
        .enumerate()
        .find(|(_, l)| !l.trim().is_empty())?;
    let line = line.trim();
    let n = i as u32 + 1;
    if line == "---" && n > 1 {
        return Some((n, Slip::BlankLinesBefore));
    }
    if looks_like_hyphens(line) {
        return Some((n, Slip::NotHyphens(line.to_string())));
    }
    // A `---` a few lines down, with a `key: value` after it: the front matter, under a title.
    let lines: Vec<&str> = text.lines().collect();
    if let Some(at) = lines.iter().take(6).position(|l| l.trim_end() == "---")
        && lines.get(at + 1).is_some_and(|l| is_key_line(l))
    {
        return Some((at as u32 + 1, Slip::TextBefore));
    }
    // `标题: …` lines from the top, as if the `---` were implied.
    let keys = lines[i..].iter().take_while(|l| is_key_line(l)).count();
    (keys > 0).then(|| ((i + keys) as u32, Slip::NoFences))
}

/// `标题: …` or `title：…` at the start of a line, the key one a record may have.
fn is_key_line(line: &str) -> bool {
    line.split_once([':', '：'])
        .is_some_and(|(key, _)| crate::archive::keys::Key::parse(key.trim()).is_some())
}

/// A line of dashes that is not `---`: `——`, `－－－`, `- - -`, `—-—`, `----`.
pub(super) fn looks_like_hyphens(line: &str) -> bool {
    let marks = line.chars().filter(|&c| c != ' ').count();
    // One dash alone is what Word makes of a typed `---` (an em dash): a lone `-` or 一 could be
    // anything else.
    let one_dash = marks == 1 && line.trim().chars().all(|c| matches!(c, '—' | '－' | '–'));
    line != "---"
        && (marks >= 2 || one_dash)
        && line
            .chars()
            .all(|c| matches!(c, '-' | '—' | '－' | '–' | '一' | ' '))
}
