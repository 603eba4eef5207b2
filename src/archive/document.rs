//! A record of the archive, as its front matter and body describe it.

use crate::dates::{SchoolYear, Semester};
use crate::diagnostic::Position;
use crate::kind::Kind;
use chrono::NaiveDate;
use std::fmt;

/// A value and where it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spanned<T> {
    pub value: T,
    pub pos: Option<Position>,
}

impl<T> Spanned<T> {
    pub fn new(value: T, pos: Option<Position>) -> Self {
        Spanned { value, pos }
    }
}

/// 学时, kept in half hours so that sums are exact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Hours(pub u32);

impl Hours {
    /// `Some` for positive multiples of 0.5.
    pub fn from_f64(h: f64) -> Option<Hours> {
        let halves = h * 2.0;
        (h > 0.0 && (halves - halves.round()).abs() < 1e-9 && halves <= u32::MAX as f64)
            .then(|| Hours(halves.round() as u32))
    }

    pub fn as_f64(self) -> f64 {
        self.0 as f64 / 2.0
    }
}

impl std::ops::Add for Hours {
    type Output = Hours;
    fn add(self, o: Hours) -> Hours {
        Hours(self.0 + o.0)
    }
}

impl std::ops::AddAssign for Hours {
    fn add_assign(&mut self, o: Hours) {
        self.0 += o.0;
    }
}

impl fmt::Display for Hours {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_multiple_of(2) {
            write!(f, "{}", self.0 / 2)
        } else {
            write!(f, "{}.5", self.0 / 2)
        }
    }
}

/// One row of a plan's activity table (武进 plan form).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PlanActivity {
    pub id: Option<String>,
    pub content: Option<String>,
    pub time: Option<String>,
    pub audience: Option<String>,
    pub department: Option<String>,
    pub owner: Option<String>,
    pub note: Option<String>,
    pub line: Option<u32>,
}

/// An approval of a plan (学校意见, 培训部门审查意见 …).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Approval {
    pub by: Option<String>,
    pub opinion: Option<String>,
    pub date: Option<NaiveDate>,
}

/// What the site and its data files call a private record they do not publish.
pub const PRIVATE_TITLE: &str = "内部记录（不公开）";

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Document {
    /// Path relative to the archive root, `/`-separated.
    pub path: String,
    pub kind: Option<Kind>,
    pub title: Option<String>,
    pub date: Option<Spanned<NaiveDate>>,
    pub school_year: Option<Spanned<SchoolYear>>,
    pub semester: Option<Spanned<Semester>>,
    pub year: Option<i32>,
    /// The school year and semester the record belongs to: as written, else from its date.
    pub in_year: Option<SchoolYear>,
    pub in_semester: Option<Semester>,
    /// The calendar year (for 年度 rules): `year` as written, else the date's year.
    pub calendar_year: Option<i32>,
    pub tags: Vec<String>,
    pub domain: Option<Spanned<String>>,
    pub summary: Option<String>,
    pub author: Option<Spanned<String>>,
    pub draft: bool,
    pub private: bool,
    pub attachments: Vec<Spanned<String>>,
    pub speaker: Option<Spanned<String>>,
    pub form: Option<Spanned<String>>,
    pub hours: Option<Hours>,
    pub attendees: Vec<Spanned<String>>,
    pub absent: Vec<Spanned<String>>,
    pub leave: Vec<Spanned<String>>,
    pub guests: Vec<String>,
    pub location: Option<String>,
    pub organizer: Option<String>,
    pub plan_item: Option<Spanned<String>>,
    pub session: Option<Spanned<String>>,
    pub teacher: Option<Spanned<String>>,
    pub subject: Option<String>,
    pub class: Option<String>,
    pub leader: Option<Spanned<String>>,
    pub members: Vec<Spanned<String>>,
    pub level: Option<Spanned<String>>,
    pub stage: Option<Spanned<String>>,
    pub activities: Vec<PlanActivity>,
    pub approvals: Vec<Approval>,
    /// Keys present in the front matter (whatever their value), and where.
    pub keys: Vec<(crate::archive::keys::Key, Position)>,
    /// Each key present, as the record spells it (`学时` or `hours`), for messages.
    pub key_spellings: crate::archive::keys::Spellings,
    /// Keys written with nothing after them (`学时:`): present, but not filled in.
    pub empty_keys: Vec<crate::archive::keys::Key>,
    /// Keys whose value was written but is of the wrong type (already said): not "missing".
    pub wrong_keys: Vec<crate::archive::keys::Key>,
    /// Keys not recognised that read as a misspelling of one (`atendees` for attendees), and
    /// where: a required field "missing" is then said to be there under the wrong name.
    pub misspelt_keys: Vec<(crate::archive::keys::Key, String, Position)>,
    /// The whole decoded text (LF line ends), so messages can quote any line.
    pub text: String,
    /// Byte offset and line (from 1) where the Markdown body starts.
    pub body_start: usize,
    pub body_line: u32,
    /// The front matter could not be read: the record is listed but counts for nothing.
    pub broken: bool,
}

impl Document {
    pub fn body(&self) -> &str {
        &self.text[self.body_start..]
    }

    /// What comes before the body: the front matter as written, its fences included.
    pub fn front_matter(&self) -> &str {
        &self.text[..self.body_start]
    }

    pub fn source_line(&self, line: u32) -> Option<&str> {
        self.text.lines().nth(line.checked_sub(1)? as usize)
    }

    pub fn has_key(&self, key: crate::archive::keys::Key) -> bool {
        self.keys.iter().any(|(k, _)| *k == key)
    }

    pub fn key_pos(&self, key: crate::archive::keys::Key) -> Option<Position> {
        self.keys.iter().find(|(k, _)| *k == key).map(|(_, p)| *p)
    }

    /// The key as this record spells it (`学时` or `hours`); its Chinese alias when absent.
    pub fn key_spelling(&self, key: crate::archive::keys::Key) -> &str {
        self.key_spellings.get(key).unwrap_or_else(|| key.alias())
    }

    /// How a message names `key`: as the record wrote it (a teacher who wrote `学时` reads
    /// `学时`, one who wrote `hours` reads `hours`); when the record lacks it, both spellings
    /// (`学时（hours）`), since either may be added.
    pub fn key_named(&self, key: crate::archive::keys::Key) -> String {
        match self.key_spellings.get(key) {
            Some(s) => s.to_string(),
            None => key.shown(),
        }
    }

    /// `key` as a fix to write it: as the record spells it, or when the record lacks it, in
    /// the language the record spells `like` in (`attendees` beside `speaker`, 参加人员 beside
    /// 主讲人).
    pub fn key_like(
        &self,
        key: crate::archive::keys::Key,
        like: crate::archive::keys::Key,
    ) -> &str {
        match self.key_spellings.get(key) {
            Some(s) => s,
            None if self.key_spelling(like).is_ascii() => key.name(),
            None => key.alias(),
        }
    }

    /// [`Self::key_named`] for a message in which Chinese follows the key: an English spelling
    /// is set off by a space (`hours 应为数字`, not `hours应为数字`), as yanxiu.yaml's messages
    /// set off theirs.
    pub fn key_lead(&self, key: crate::archive::keys::Key) -> String {
        let mut named = self.key_named(key);
        if named.ends_with(|c: char| c.is_ascii_alphanumeric()) {
            named.push(' ');
        }
        named
    }

    pub fn date(&self) -> Option<NaiveDate> {
        self.date.as_ref().map(|d| d.value)
    }

    /// Whether the site gives the record a page: not a draft, not a file that could not be read,
    /// and not a private (内部) record unless the build includes them (DESIGN §2: counted in
    /// credits and checks, page not published).
    pub fn published(&self, include_private: bool) -> bool {
        !self.draft && !self.broken && (include_private || !self.private)
    }

    /// The title as published: a private record's is kept to the school with the rest of it
    /// (a title such as 关于学生小林的家访反思 names a pupil), where the site and its data files
    /// must still show the hours it granted.
    pub fn public_title(&self, include_private: bool) -> &str {
        if self.private && !include_private {
            PRIVATE_TITLE
        } else {
            self.display_title()
        }
    }

    /// Whether the site keeps this record's words to the school, its problems' messages
    /// included: a private record, or one whose front matter cannot be read and has a line
    /// that marks it private (that line may itself be the slip, `内部 是`). A message quotes
    /// what the record says (`写成 标签: 家访……`), so a private record's would publish it.
    pub fn withheld(&self, include_private: bool) -> bool {
        if include_private {
            return false;
        }
        self.private
            || (self.broken && crate::archive::private_mark::in_unreadable(self.front_matter()))
    }

    /// The title, or the file name when the title is missing.
    pub fn display_title(&self) -> &str {
        self.title.as_deref().unwrap_or_else(|| {
            let name = self.path.rsplit('/').next().unwrap_or(&self.path);
            crate::archive::markdown_stem(name).unwrap_or(name)
        })
    }

    /// The school year its nearest `2024-2025/`-style folder names, if any.
    pub fn folder_year(&self) -> Option<SchoolYear> {
        self.path
            .rsplit('/')
            .skip(1)
            .find_map(SchoolYear::from_folder)
    }

    /// Dated in another school year than its folder names, with no 学年 written to say so
    /// (Y117): counted in its date's year, though the school filed it under another.
    pub fn misfiled(&self) -> bool {
        self.school_year.is_none()
            && self.date.is_some()
            && self.folder_year().is_some_and(|f| self.in_year != Some(f))
    }

    /// Counted in another school year than its folder names, by its date or its 学年: such a
    /// record brings in its own year only (see `credits::school_years`, Y118).
    pub fn counted_elsewhere(&self) -> bool {
        self.folder_year().is_some_and(|f| self.in_year != Some(f))
    }

    /// The folder of the record, relative to the archive root ("" at the root).
    pub fn folder(&self) -> &str {
        self.path.rsplit_once('/').map(|(d, _)| d).unwrap_or("")
    }

    /// The row of a plan's 活动安排 with this 序号 (compared without surrounding spaces).
    pub fn activity(&self, id: &str) -> Option<&PlanActivity> {
        let id = id.trim();
        self.activities
            .iter()
            .find(|a| a.id.as_deref().map(str::trim) == Some(id))
    }

    /// Counted by the rules and credits: readable and not a draft.
    pub fn counts(&self) -> bool {
        !self.broken && !self.draft
    }

    /// Meant as a record (no draft) but with a front matter that could not be read: it counts
    /// for nothing until mended, which `check` and 档案检查 say beside their figures.
    pub fn unread(&self) -> bool {
        self.broken && !self.draft
    }

    /// Counted, and not dated after `today`: what places a school year in the archive.
    pub fn counts_by(&self, today: NaiveDate) -> bool {
        self.counts() && self.date().is_none_or(|date| date <= today)
    }

    /// A reflection, observation or summary with nothing written, neither after its front
    /// matter nor in 摘要: its writing is what it is for, so it meets no requirement and earns no
    /// hours until written (Y119). A session's body is its minutes, whose gaps Y111 names; the
    /// session still took place. A draft counts for nothing anyway.
    pub fn unwritten(&self) -> bool {
        matches!(
            self.kind,
            Some(Kind::Reflection | Kind::Observation | Kind::Summary)
        ) && !self.broken
            && !self.draft
            && self.body().trim().is_empty()
            && self.summary.as_deref().is_none_or(|s| s.trim().is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hours_in_halves() {
        assert_eq!(Hours::from_f64(1.5), Some(Hours(3)));
        assert_eq!(Hours::from_f64(2.0).unwrap().to_string(), "2");
        assert_eq!(Hours::from_f64(1.5).unwrap().to_string(), "1.5");
        assert_eq!(Hours::from_f64(1.3), None);
        assert_eq!(Hours::from_f64(0.0), None);
        assert_eq!(Hours::from_f64(-1.0), None);
    }
}
