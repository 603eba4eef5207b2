//! One pass over the front matter's lines, before the YAML parser sees them, for the slips of
//! hand typing that the parser would either reject (`标题：…`) or read as something the teacher
//! did not mean (`标题: 反思 #1`). Each is warned about at its line; where the meaning is clear
//! the line is mended so that the value is read as meant.
//!
//! Most lines have none of these slips: a line is only looked at closely (its key looked up)
//! when a cheap byte search finds a full-width colon, a separator without a space, or ` #`.

use crate::archive::keys::{self, ACTIVITY_KEYS, APPROVAL_KEYS, Key};
use crate::diagnostic::{Code, Diagnostic, Position};

/// How the key of a line was separated from its value.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Sep {
    /// `key: value` or `key:` at the end of the line.
    Proper,
    /// `key：value`.
    FullWidth,
    /// `key:　value` (a full-width space, which YAML does not take for a separator).
    FullWidthSpace,
    /// `key:value`: no space at all, so YAML reads the line as one word, not a key.
    NoSpace,
}

/// What a line's key is, once looked up.
#[derive(Clone, Copy)]
enum Known {
    Top(Key),
    /// A key of a plan's activity or approval entry.
    Nested(&'static str),
}

fn look_up(key: &str) -> Option<Known> {
    Key::parse(key).map(Known::Top).or_else(|| {
        keys::nested_key(ACTIVITY_KEYS, key)
            .or_else(|| keys::nested_key(APPROVAL_KEYS, key))
            .map(Known::Nested)
    })
}

/// Where the key of `rest` (a line without its indent and `- `) ends, and how it is separated.
fn separator(rest: &str) -> Option<(usize, Sep)> {
    let ascii = rest.find(':');
    let full = rest.find('：');
    match (ascii, full) {
        (Some(a), f) if f.is_none_or(|f| a < f) => match rest[a + 1..].chars().next() {
            Some('\u{3000}') => Some((a, Sep::FullWidthSpace)),
            Some(c) if c != ' ' && c != '\t' && c != '\r' && c != '\n' => Some((a, Sep::NoSpace)),
            _ => Some((a, Sep::Proper)),
        },
        (_, Some(f)) => Some((f, Sep::FullWidth)),
        _ => None,
    }
}

/// Keys whose value is free text that a ` #` would cut short. Not 形式, 领域, 级别, 阶段:
/// `yanxiu new` writes `# 可选：…` after them, and a teacher who fills in the value before
/// that note loses nothing.
fn is_free_text(k: Known) -> bool {
    match k {
        Known::Top(k) => matches!(
            k,
            Key::Title
                | Key::Summary
                | Key::Author
                | Key::Speaker
                | Key::Location
                | Key::Organizer
                | Key::Teacher
                | Key::Subject
                | Key::Class
                | Key::Leader
        ),
        Known::Nested(k) => k != "date",
    }
}

/// The lines of `fm` (file lines from `first_line` on), mended where the slip is clear, with
/// a diagnostic for each slip.
pub(super) fn mend_lines(fm: &str, first_line: u32, diags: &mut Vec<Diagnostic>) -> String {
    let mut out = String::with_capacity(fm.len() + 8);
    // Inside a `|` or `>` block the lines are the value's text, not keys.
    let mut in_block = false;
    for (i, line) in fm.split_inclusive('\n').enumerate() {
        let n = i as u32 + first_line;
        let seen;
        let line = match visible(line, n, diags) {
            Some(mended) => {
                seen = mended;
                seen.as_str()
            }
            None => line,
        };
        let indent = line.len() - line.trim_start().len();
        if in_block {
            if indent > 0 || line.trim().is_empty() {
                out.push_str(line);
                continue;
            }
            in_block = false;
        }
        let rest = &line[indent..];
        let dash = if rest.starts_with("- ") { 2 } else { 0 };
        let rest = &rest[dash..];
        let Some((at, sep)) = separator(rest) else {
            out.push_str(line);
            continue;
        };
        let byte = indent + dash + at;
        let sep_len = if sep == Sep::FullWidth {
            '：'.len_utf8()
        } else {
            1
        };
        let value = line[byte + sep_len..].trim_start_matches([' ', '\t', '\u{3000}']);
        let bare = value.trim_end();
        if bare.starts_with(['|', '>']) && bare.len() <= 3 {
            in_block = true;
        }
        // Every line of every record passes here: a byte search first, the exact test only for
        // the few lines holding a `#` or a full-width form (［ and ］ begin with byte 0xEF).
        let bytes = value.as_bytes();
        let commented = memchr::memchr(b'#', bytes).is_some()
            && (value.contains(" #") || value.contains("\t#") || value.starts_with('#'));
        let bracketed = memchr::memchr(0xEF, bytes).is_some() && value.contains(['［', '］']);
        if sep == Sep::Proper && !commented && !bracketed {
            out.push_str(line);
            continue;
        }
        let key = rest[..at].trim();
        let Some(known) = look_up(key) else {
            out.push_str(line);
            continue;
        };
        if commented && is_free_text(known) {
            cut_by_comment(line, n, key, value, diags);
        }
        let listed = match known {
            Known::Top(k) if bracketed && k.is_list() => {
                full_width_brackets(line, n, key, value, diags)
            }
            _ => None,
        };
        if sep == Sep::Proper {
            match listed {
                Some(list) => {
                    out.push_str(&line[..byte]);
                    out.push_str(": ");
                    out.push_str(&list);
                }
                None => out.push_str(line),
            }
            continue;
        }
        let colon_column = line[..byte].chars().count() as u32 + 1;
        let (column, message, help) = match sep {
            Sep::FullWidth => (
                colon_column,
                format!("“{key}”后面用了全角冒号“：”，已按半角冒号读取"),
                format!("改成半角冒号加半角空格：{key}: …"),
            ),
            // Points at the full-width space after the colon.
            Sep::FullWidthSpace => (
                colon_column + 1,
                format!("“{key}:”后面是全角空格，已按半角空格读取"),
                format!("改成半角冒号加半角空格：{key}: …"),
            ),
            // Points at the value that should have a space before it.
            _ => {
                let shown = format!("{key}: {}", value.trim_end());
                (
                    colon_column + 1,
                    format!("“{key}:”后面少了一个空格，已按“{shown}”读取"),
                    format!("在冒号后加一个半角空格，写成 {shown}"),
                )
            }
        };
        diags.push(
            Diagnostic::new(Code::FullWidthColon, "", message)
                .at(Some(Position {
                    line: n,
                    column,
                    width: 1,
                }))
                .help(help),
        );
        out.push_str(&line[..byte]);
        out.push_str(": ");
        match listed {
            Some(list) => out.push_str(&list),
            None => {
                out.push_str(value);
                if !value.ends_with('\n') && line.ends_with('\n') {
                    out.push('\n');
                }
            }
        }
    }
    out
}

/// Spaces that look like a space but are none to YAML (a no-break space, from a web page or a
/// WeChat message), and characters that show as nothing (a zero-width space).
const ODD_SPACES: [char; 11] = [
    '\u{a0}', '\u{2002}', '\u{2003}', '\u{2004}', '\u{2005}', '\u{2006}', '\u{2007}', '\u{2008}',
    '\u{2009}', '\u{200a}', '\u{202f}',
];
const INVISIBLE: [char; 5] = ['\u{200b}', '\u{200c}', '\u{200d}', '\u{2060}', '\u{feff}'];

/// `line` without its odd spaces and invisible characters: a `---` with a zero-width or a
/// no-break space before it is the fence the teacher sees.
pub(crate) fn without_invisibles(line: &str) -> std::borrow::Cow<'_, str> {
    if !may_hold_invisibles(line) || !line.contains(|c| is_odd_space(c) || is_invisible(c)) {
        return line.into();
    }
    line.chars()
        .filter(|&c| !is_invisible(c) && !is_odd_space(c))
        .collect::<String>()
        .into()
}

/// Whether `line` may hold an odd space or an invisible character. All of them are three bytes
/// from 0xE2 but the no-break space (0xC2 0xA0) and the BOM (0xEF); Chinese text is 0xE3–0xE9,
/// so most lines hold none of these bytes and are not looked at closer.
fn may_hold_invisibles(line: &str) -> bool {
    memchr::memchr3(0xC2, 0xE2, 0xEF, line.as_bytes()).is_some()
}

fn is_odd_space(c: char) -> bool {
    ODD_SPACES.contains(&c)
}

fn is_invisible(c: char) -> bool {
    INVISIBLE.contains(&c)
}

/// `line` with its odd spaces made plain spaces and its invisible characters taken out, and a
/// Y124 at the first of them; `None` when it has none. The teacher sees a space, or nothing,
/// where the parser saw a letter: a no-break space after `标题:` read as no space at all, one
/// in the indent as the end of the front matter, a zero-width one in a name as another name.
pub(crate) fn visible(line: &str, n: u32, diags: &mut Vec<Diagnostic>) -> Option<String> {
    // A comment is read by no one.
    if !may_hold_invisibles(line) || line.trim_start().starts_with('#') {
        return None;
    }
    let first = line.find(|c| is_odd_space(c) || is_invisible(c))?;
    let mended: String = line
        .chars()
        .filter(|&c| !is_invisible(c))
        .map(|c| if is_odd_space(c) { ' ' } else { c })
        .collect();
    let spaces = line.contains(is_odd_space);
    let hidden = line.contains(is_invisible);
    let (what, done, help) = match (spaces, hidden) {
        (true, true) => (
            "特殊空格（不换行空格）和看不见的零宽字符",
            "已按普通空格读取、零宽字符已去掉",
            "把这一行删掉，用键盘重新输入",
        ),
        (true, false) => (
            "看起来是空格、其实是特殊空格（不换行空格）的字符",
            "已按普通空格读取",
            "删掉这一行里的空格，用键盘重新输入",
        ),
        _ => ("看不见的零宽字符", "已去掉", "把这一行删掉，用键盘重新输入"),
    };
    diags.push(
        Diagnostic::new(
            Code::InvisibleCharacter,
            "",
            format!("第 {n} 行有{what}（常随从网页、微信复制的文字带来），{done}"),
        )
        .at(Some(Position {
            line: n,
            column: line[..first].chars().count() as u32 + 1,
            width: 1,
        }))
        .help(help),
    );
    Some(mended)
}

/// `标签: ［读书，反思］`: a Chinese keyboard's brackets, which YAML takes for letters, so the
/// tags would be `［读书` and `反思］`. Read as the list meant, warned at the first bracket. The
/// mended value (with the line's end), or `None` when the value is not bracketed whole.
fn full_width_brackets(
    line: &str,
    n: u32,
    key: &str,
    value: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<String> {
    let v = value.trim_end();
    let inner = v.strip_prefix(['［', '['])?;
    let inner = inner.strip_suffix(['］', ']'])?;
    if !v.starts_with('［') && !v.ends_with('］') {
        return None;
    }
    let value_byte = line.len() - value.len();
    let first = v.find(['［', '］']).unwrap_or(0);
    diags.push(
        Diagnostic::new(
            Code::FullWidthBrackets,
            "",
            format!("“{key}”的值用了全角方括号“［ ］”，已按半角 [ ] 读成列表"),
        )
        .at(Some(Position {
            line: n,
            column: line[..value_byte + first].chars().count() as u32 + 1,
            width: 1,
        }))
        .help(format!(
            "改成半角方括号（英文输入法下输入）：{key}: [{inner}]"
        )),
    );
    let end = if line.ends_with('\n') { "\n" } else { "" };
    Some(format!("[{inner}]{end}"))
}

/// `标题: 反思 #1 第一课`: YAML takes ` #` and what follows for a note and drops it, so the
/// title would be stored as `反思` without a word. Said at the `#`, with what was kept.
fn cut_by_comment(line: &str, n: u32, key: &str, value: &str, diags: &mut Vec<Diagnostic>) {
    // A quoted value keeps its `#`; a list or a map is not free text.
    if value.starts_with(['"', '\'', '[', '{', '|', '>']) {
        return;
    }
    // `标题: #1 第一课` loses the whole value.
    let hash = if value.starts_with('#') {
        0
    } else {
        match [" #", "\t#"].iter().filter_map(|p| value.find(p)).min() {
            Some(at) => at + 1,
            None => return,
        }
    };
    let kept = value[..hash].trim_end();
    let whole = value.trim_end();
    let value_byte = line.len() - value.len();
    let column = line[..value_byte + hash].chars().count() as u32 + 1;
    diags.push(
        Diagnostic::new(
            Code::CutByHash,
            "",
            format!("“{key}”这一行“ #”后面的文字被当作备注略去了，只读到了“{kept}”",),
        )
        .at(Some(Position {
            line: n,
            column,
            width: whole[hash..].chars().count() as u32,
        }))
        .help(format!(
            "要保留整段文字，请给它加上半角引号：{key}: \"{}\"",
            whole.replace('"', "“")
        )),
    );
}
