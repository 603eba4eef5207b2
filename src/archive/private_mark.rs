//! Whether a front matter marks its record private, read line by line as a teacher reads it.
//!
//! In doubt, a record is kept to the school: publishing what a teacher meant to keep is the
//! mistake that cannot be taken back, where a record kept back by mistake costs a line to mend.
//! So a `内部` line that does not read as a clear yes or no marks the record private, and so do
//! the words a teacher may use for it that the parser does not know (`私有: 是`, `internal:
//! true`, `公开: 否`).

/// Keys read as 内部 (besides the keys the parser knows as 内部, see [`crate::archive::keys`]).
const PRIVATE_KEYS: [&str; 6] = [
    "private",
    "internal",
    "私有",
    "内部记录",
    "是否内部",
    "不对外",
];
/// Keys that say the opposite: private when they say no.
const PUBLIC_KEYS: [&str; 3] = ["public", "公开", "是否公开"];

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

/// Whether a front matter that cannot be read marks its record private. A line at the left edge
/// decides, a yes before a no; failing one, an indented line does, as the indent may be the
/// slip — unless it lies in a block of text (`摘要: |`), where it is text.
pub(crate) fn in_unreadable(front_matter: &str) -> bool {
    let mut top = Says::Nothing;
    let mut nested = false;
    let mut block: Option<usize> = None;
    for line in front_matter.lines() {
        let indent = line.len() - line.trim_start_matches(' ').len();
        if let Some(at) = block {
            if indent > at || line.trim().is_empty() {
                continue;
            }
            block = None;
        }
        let value = line.split_once(':').map(|(_, v)| v.trim()).unwrap_or("");
        if matches!(value, "|" | ">" | "|-" | ">-" | "|+" | ">+") {
            block = Some(indent);
            continue;
        }
        match says(line) {
            Says::Private if indent == 0 => return true,
            Says::Private => nested = true,
            Says::Public if indent == 0 => top = Says::Public,
            _ => {}
        }
    }
    top != Says::Public && nested
}

fn says(line: &str) -> Says {
    let line = line.trim_start_matches([' ', '\u{3000}', '\t']);
    let (key, value) = match line.find([':', '：', '=', ' ', '\u{3000}', '\t']) {
        Some(at) => line.split_at(at),
        None => (line, ""),
    };
    let key = key.trim_matches(['"', '\'']);
    let private = crate::archive::keys::Key::parse(key) == Some(crate::archive::keys::Key::Private)
        || PRIVATE_KEYS.iter().any(|k| k.eq_ignore_ascii_case(key));
    let public = PUBLIC_KEYS.iter().any(|k| k.eq_ignore_ascii_case(key));
    if !private && !public {
        return Says::Nothing;
    }
    // The whole value, a comment aside: `否 # 已确认` is a no, `不 公开` no clear one.
    let value = value.trim_start_matches([':', '：', '=', ' ', '\u{3000}', '\t']);
    let value = match value.find(" #") {
        Some(at) => &value[..at],
        None => value,
    };
    let value = value
        .trim()
        .trim_matches(['"', '\'', '[', ']'])
        .trim()
        .to_ascii_lowercase();
    let yes = matches!(value.as_str(), "是" | "true" | "yes" | "对");
    let no = matches!(value.as_str(), "否" | "false" | "no" | "不");
    match (private, public) {
        (true, _) if no => Says::Public,
        (true, _) => Says::Private,
        (_, true) if no => Says::Private,
        (_, true) if yes => Says::Public,
        // `公开:` left empty or unclear: in doubt.
        _ => Says::Private,
    }
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
        ] {
            assert_eq!(in_readable(line), Some(0), "{line}");
            assert!(in_unreadable(line), "{line}");
        }
        for line in [
            "内部: 否",
            "内部: 否 # 已确认可公开",
            "private: false",
            "公开: 是",
            "标签: [内部]",
        ] {
            assert_eq!(in_readable(line), None, "{line}");
            assert!(!in_unreadable(line), "{line}");
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
    }
}
