//! What can be said and read of a front matter that does not parse.

use super::{FM_FIRST_LINE, Parser};
use crate::diagnostic::{Code, Diagnostic, Position};
use crate::yaml;

impl Parser {
    /// Says every line of front matter that does not parse (see [`yaml::diagnose_all`]): the
    /// teachers' usual slips where they are, then what the parser still cannot read, in its
    /// words made Chinese. Gives the lines (from 1) not to read past the slips (theirs, and the
    /// body's below a forgotten closing `---`) when every slip was found.
    pub(super) fn report_unreadable(&mut self, fm: &str) -> Option<Vec<u32>> {
        let at = |line: u32, column: u32| Position {
            line: line + FM_FIRST_LINE - 1,
            column,
            width: 0,
        };
        let yaml::Diagnosis {
            slips,
            rest,
            keys_end,
        } = yaml::diagnose_all(fm, MAX_SYNTAX_REPORTS);
        let mut lines: Vec<u32> = slips.iter().map(|s| s.0).collect();
        // Below a forgotten closing `---` is the body: no entry to read there.
        if let Some(end) = keys_end {
            lines.extend(end..=fm.lines().count() as u32);
        }
        for (line, column, msg, help) in slips {
            self.push(
                Diagnostic::new(Code::YamlSyntax, "", msg),
                Some(at(line, column)),
                &help,
            );
        }
        if let Some(e) = rest {
            let (msg, help) = e.explain();
            let pos = e.line.map(|l| at(l, e.column.unwrap_or(1)));
            self.push(Diagnostic::new(Code::YamlSyntax, "", msg), pos, &help);
            return None;
        }
        Some(lines)
    }
}

/// The entries of front matter `fm` that stand on a line of their own (`日期: 2024-02-30`, not a
/// list or text running on below it), but for the lines `slips` (from 1), the others blank: what
/// can be read of a front matter that does not parse without taking a line that belongs to a
/// slip (`  李明]` under a broken `参加人员: [王丽,`) for part of another entry.
pub(super) fn standalone_entries(fm: &str, slips: &[u32]) -> String {
    let lines: Vec<&str> = fm.lines().collect();
    let continues = |l: &str| l.starts_with([' ', '\t', '\u{3000}', '-']);
    let mut out = String::with_capacity(fm.len());
    for (i, line) in lines.iter().enumerate() {
        let stands = !slips.contains(&(i as u32 + 1))
            && !line.is_empty()
            && !continues(line)
            && !line.starts_with('#')
            // A slip below is no part of the entry, whatever its indent (a Tab).
            && (slips.contains(&(i as u32 + 2)) || lines.get(i + 1).is_none_or(|n| !continues(n)));
        if stands {
            out.push_str(line);
        }
        out.push('\n');
    }
    out
}

/// Lines of one record's front matter reported as unreadable, at most: past a handful, the
/// file is likely not front matter at all, and more lines would bury the other records.
const MAX_SYNTAX_REPORTS: usize = 10;
