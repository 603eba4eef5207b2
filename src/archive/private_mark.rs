//! Whether a front matter marks its record private, read line by line as a teacher reads it.
//!
//! In doubt, a record is kept to the school: publishing what a teacher meant to keep is the
//! mistake that cannot be taken back, where a record kept back by mistake costs a line to mend.
//! So a `内部` line that does not read as a clear yes or no marks the record private, and so do
//! the words a teacher may use for it that the parser does not know (`私有: 是`, `internal:
//! true`, `公开: 否`).

/// Keys read as 内部 (besides the keys the parser knows as 内部, see [`crate::archive::keys`]).
const PRIVATE_KEYS: [&str; 13] = [
    "private",
    "internal",
    "is_private",
    "confidential",
    "hidden",
    "私有",
    "机密",
    "内部记录",
    "是否内部",
    "不对外",
    "仅限校内",
    "不发布",
    "不公布",
];
/// Keys that say the opposite: private when they say no.
const PUBLIC_KEYS: [&str; 5] = ["public", "published", "公开", "是否公开", "发布"];

/// What one line of front matter says of the record's privacy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Says {
    Private,
    Public,
    Nothing,
}

/// The first line (from 0) of a front matter that can be read that marks it private: a line
/// at the left edge (an indented one is another key's value, `扩展:` then `  内部: 是`).
pub(crate) fn in_readable(front_matter: &str) -> Option<usize> {
    front_matter
        .lines()
        .position(|line| !line.starts_with(' ') && says(line) == Says::Private)
}

/// Whether this one line of front matter, read alone, marks its record private.
pub(crate) fn marks_private(line: &str) -> bool {
    says(line) == Says::Private
}

/// Whether a front matter that cannot be read marks its record private. A line at the left edge
/// decides, a yes before a no; failing one, an indented line does, as the indent may be the
/// slip — unless it lies in a block of text (`摘要: |`), where it is text.
pub(crate) fn in_unreadable(front_matter: &str) -> bool {
    let mut top = Says::Nothing;
    let mut nested = false;
    // A block of text: the indent of its key, and of its text once seen.
    let mut block: Option<(usize, Option<usize>)> = None;
    for line in front_matter.lines() {
        let indent = line.len() - line.trim_start_matches(' ').len();
        if line.trim().is_empty() {
            continue;
        }
        if let Some((key, text)) = block {
            match text {
                None if indent > key => {
                    block = Some((key, Some(indent)));
                    continue;
                }
                Some(text) if indent >= text => continue,
                // Less indented than the text yet more than its key: a slip, not text.
                _ => block = None,
            }
        }
        let said = says(line);
        match said {
            Says::Private if indent == 0 => return true,
            Says::Private => nested = true,
            Says::Public if indent == 0 => top = Says::Public,
            _ => {}
        }
        if said == Says::Nothing && starts_block(line) {
            block = Some((indent, None));
        }
    }
    top != Says::Public && nested
}

/// `摘要: |`, `摘要: >-`, `摘要: |2 # 注释`: a key whose value is the block of text below it.
fn starts_block(line: &str) -> bool {
    let Some((_, value)) = line.split_once([':', '：']) else {
        return false;
    };
    let value = value.split(" #").next().unwrap_or_default().trim();
    // Tags and anchors before the sign: `!!str |`, `&x |`.
    let value = value.rsplit(' ').next().unwrap_or_default();
    value.starts_with(['|', '>'])
        && value[1..]
            .chars()
            .all(|c| c.is_ascii_digit() || c == '-' || c == '+')
}

/// What a line's key and value say of privacy, when its key is about it.
struct Mark {
    /// The key is one the parser reads as 内部.
    known: bool,
    /// The key means private (内部 or a word for it), else public (公开, published …).
    private: bool,
    yes: bool,
    no: bool,
}

/// A line's key as written and the rest of it: the key up to its colon; without a colon, up to
/// the first space (`内部 是`).
fn split_key(line: &str) -> (&str, &str) {
    let line = line.trim_start_matches([' ', '\u{3000}', '\t']);
    let split = line
        .find([':', '：'])
        .or_else(|| line.find(['=', ' ', '\u{3000}', '\t']));
    match split {
        Some(at) => line.split_at(at),
        None => (line, ""),
    }
}

/// A line's key as written, its quotes aside (`"内部"`), for messages.
pub(crate) fn written_key(line: &str) -> &str {
    split_key(line).0.trim().trim_matches(['"', '\''])
}

fn mark(line: &str) -> Option<Mark> {
    let (key, value) = split_key(line);
    // Spaces in the key dropped (`内 部: 是`).
    let key: String = key
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{3000}' | '\t' | '"' | '\''))
        // Full-width letters (ｐｒｉｖａｔｅ) as typed with a Chinese input method.
        .map(|c| match c {
            '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
            c => c,
        })
        .collect();
    let key = key.as_str();
    let known = crate::archive::keys::Key::parse(key) == Some(crate::archive::keys::Key::Private);
    let private = known || PRIVATE_KEYS.iter().any(|k| k.eq_ignore_ascii_case(key));
    let public = PUBLIC_KEYS.iter().any(|k| k.eq_ignore_ascii_case(key));
    if !private && !public {
        return None;
    }
    // The whole value, a comment aside: `否 # 已确认` is a no, `不 公开` no clear one.
    let value = value.trim_start_matches([':', '：', '=', ' ', '\u{3000}', '\t']);
    // A comment: `#` after a space or a Tab.
    let value = match value
        .find([' ', '\t'])
        .filter(|&at| value[at..].trim_start().starts_with('#'))
    {
        Some(at) => &value[..at],
        None => value,
    };
    // Brackets and quotes only in pairs (`["否"]`): a stray one (`否"`) leaves no clear no.
    let value = value.trim();
    let value = value
        .strip_prefix('[')
        .and_then(|v| v.strip_suffix(']'))
        .unwrap_or(value)
        .trim();
    let value = ['"', '\'']
        .into_iter()
        .find_map(|q| value.strip_prefix(q).and_then(|v| v.strip_suffix(q)))
        .unwrap_or(value)
        .trim()
        .to_ascii_lowercase();
    let said = crate::yaml::yes_no_text(&value);
    // Besides the parser's yes: how a teacher says yes to 公开.
    let yes = said == Some(true) || matches!(value.as_str(), "是的" | "可以");
    let no = said == Some(false);
    Some(Mark {
        known,
        private,
        yes,
        no,
    })
}

fn says(line: &str) -> Says {
    let Some(m) = mark(line) else {
        return Says::Nothing;
    };
    match m.private {
        true if m.no => Says::Public,
        true => Says::Private,
        false if m.no => Says::Private,
        false if m.yes => Says::Public,
        // `公开:` left empty or unclear: in doubt.
        false => Says::Private,
    }
}

/// Whether a line marks its record private without being a clear `内部: 是` (a key the parser
/// reads as 内部, with a yes): `内部:` left empty, `internal: true`, `公开: 否`.
pub(crate) fn in_doubt(line: &str) -> bool {
    says(line) == Says::Private && !mark(line).is_some_and(|m| m.known && m.yes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_is_private_in_doubt_and_public_only_by_a_clear_no() {
        for line in [
            "内部: 是",
            "内部:",
            "内部: 不 公开",
            "内部: 是，不公开",
            "\"内部\": 是",
            "Private: true",
            "内部 是",
            "内部：是",
            "内部=是",
            "internal: yes",
            "私密: 是",
            "公开: 否",
            "public: false",
            // A stray quote leaves no clear no (review of session 25).
            "内部: 否\"",
            "内部: \"否",
        ] {
            assert_eq!(in_readable(line), Some(0), "{line}");
            assert!(in_unreadable(line), "{line}");
        }
        for line in [
            "内部: 否",
            "内部: 否 # 已确认可公开",
            "内部: \"否\"",
            "内部: [否]",
            "内部: ['否']",
            "private: false",
            "公开: 是",
            "标签: [内部]",
        ] {
            assert_eq!(in_readable(line), None, "{line}");
            assert!(!in_unreadable(line), "{line}");
        }
    }

    #[test]
    fn only_a_clear_yes_under_the_key_for_private_is_no_doubt() {
        for line in ["内部: 是", "\"内部\": 是", "私密: 是", "内部：是 # 已确认"] {
            assert!(!in_doubt(line), "{line}");
        }
        for line in [
            "内部:",
            "内部: 是，不公开",
            "internal: true",
            "公开: 否",
            "机密: 是",
        ] {
            assert!(in_doubt(line), "{line}");
        }
        for line in ["内部: 否", "公开: 是", "标题: 内部"] {
            assert!(!in_doubt(line), "{line}");
        }
    }

    #[test]
    fn an_indented_mark_counts_only_where_it_may_be_a_slip() {
        // Another key's value where the front matter reads.
        assert_eq!(in_readable("扩展:\n  内部: 是"), None);
        // Where it does not, an indented mark may be the slip…
        assert!(in_unreadable("标题: 甲\n  内部: 是\n坏行 x"));
        // …unless the record says no at the left edge, or the line is text of a block.
        assert!(!in_unreadable("内部: 否\n摘要: |\n  内部: 是\n坏行 x"));
        assert!(!in_unreadable("摘要: |\n  内部: 是\n坏行 x"));
        assert!(in_unreadable("摘要: |\n  内部: 是\n内部: 是\n坏行 x"));
        // A block's own value is no block (third review: `内部: |` then `  是`).
        assert!(in_unreadable("内部: |\n  是\n坏行 x"));
        // Less indented than the block's text: a slip, not text.
        assert!(in_unreadable("摘要: |\n    x\n  内部: 是\n坏行 x"));
        assert!(!in_unreadable("摘要: !!str |2 # 注释\n  内部: 是\n坏行 x"));
    }

    #[test]
    fn keys_are_read_as_typed() {
        for line in [
            "内 部: 是",
            "ｐｒｉｖａｔｅ: true",
            "机密: 是",
            "published: false",
            "内部: 不 公开 # x",
        ] {
            assert_eq!(in_readable(line), Some(0), "{line}");
        }
        for line in ["公开: 是的", "内部: 否\t#已确认"] {
            assert_eq!(in_readable(line), None, "{line}");
        }
    }
}
