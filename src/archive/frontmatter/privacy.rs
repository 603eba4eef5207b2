//! How the parser says a record kept to the school in doubt (Y125): a `内部` line that reads as
//! no clear yes or no, or words for private the parser does not know (`internal: true`), where
//! the front matter reads and where it does not (see [`crate::archive::private_mark`]).

use super::{FM_FIRST_LINE, Parser};
use crate::archive::keys::Key;
use crate::diagnostic::{Code, Diagnostic, Position};

const PRIVATE_IN_DOUBT_HELP: &str = "不公开就写 内部: 是；要公开就写 内部: 否";

/// Y125's words for a line that marks its record private without a clear 内部 yes.
fn private_in_doubt_message(written: &str) -> String {
    let key = crate::archive::private_mark::written_key(written);
    if Key::parse(key) == Some(Key::Private) {
        "这一行写了“内部”，但读不出是“是”还是“否”：按内部记录处理，不在网站上公开".to_string()
    } else {
        format!(
            "“{written}”像是说这份记录不公开，但“{key}”不是可识别的键：按内部记录处理，不在网站上公开"
        )
    }
}

impl Parser {
    /// A `内部` line the mapping did not read as a yes (`内部:` left empty, `内部: 是，不公开`,
    /// `Private: true`, a second `private: true` under `内部: 否`) keeps the record to the
    /// school all the same: publishing what a teacher meant to keep is the mistake that cannot
    /// be taken back. Said at that line unless a problem is said there already.
    pub(super) fn private_in_doubt(&mut self, fm: &str) {
        if self.doc.private {
            return;
        }
        let Some(at) = crate::archive::private_mark::in_readable(fm) else {
            return;
        };
        self.doc.private = true;
        let line = at as u32 + FM_FIRST_LINE;
        // `internal: true` is no key the parser knows, but not ignored either.
        self.diags
            .retain(|d| !(d.line == Some(line) && d.code == Code::UnknownKey));
        // `内部: 否` then `内部: 是`: not read as the first line says.
        for d in &mut self.diags {
            if d.line == Some(line)
                && d.code == Code::DuplicateKey
                && let Some((said, _)) = d.message.split_once("；已按")
            {
                d.message = format!("{said}；其中这一行写了内部，按内部记录处理，不在网站上公开");
            }
        }
        if self.diags.iter().any(|d| d.line == Some(line)) {
            return;
        }
        let written = fm.lines().nth(at).unwrap_or_default().trim();
        self.push(
            Diagnostic::new(Code::PrivateInDoubt, "", private_in_doubt_message(written)),
            Some(Position::line(line)),
            PRIVATE_IN_DOUBT_HELP,
        );
    }

    /// In a front matter that cannot be read, a line such as `internal: true` keeps the record
    /// to the school (see [`crate::archive::private_mark::in_unreadable`]); said as ignored
    /// (Y104), it would tell the teacher the opposite of what the site does.
    pub(super) fn private_words_in_unreadable(&mut self, fm: &str) {
        use crate::archive::private_mark;
        if !private_mark::in_unreadable(fm) {
            return;
        }
        let lines: Vec<&str> = fm.lines().collect();
        // A line of doubt with nothing said at it (`内部:` left empty) is said as it is where
        // the front matter reads.
        for (at, written) in lines.iter().enumerate() {
            let line = at as u32 + FM_FIRST_LINE;
            if !written.starts_with(' ')
                && private_mark::in_doubt(written)
                && !self.diags.iter().any(|d| d.line == Some(line))
            {
                self.push(
                    Diagnostic::new(
                        Code::PrivateInDoubt,
                        "",
                        private_in_doubt_message(written.trim()),
                    ),
                    Some(Position::line(line)),
                    PRIVATE_IN_DOUBT_HELP,
                );
            }
        }
        for d in &mut self.diags {
            let Some(at) = d.line.and_then(|l| l.checked_sub(FM_FIRST_LINE)) else {
                continue;
            };
            let Some(written) = lines.get(at as usize) else {
                continue;
            };
            if d.code == Code::UnknownKey
                && !written.starts_with(' ')
                && private_mark::marks_private(written)
            {
                d.code = Code::PrivateInDoubt;
                d.message = private_in_doubt_message(written.trim());
                d.help = Some(PRIVATE_IN_DOUBT_HELP.to_string());
            }
        }
    }
}
