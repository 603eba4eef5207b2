//! Front-matter keys and their Chinese aliases.

use crate::kind::Kind;

/// A front-matter key of a document, whatever language it was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Key {
    Title,
    Date,
    Kind,
    Tags,
    Domain,
    Summary,
    Author,
    Draft,
    Private,
    Attachments,
    Speaker,
    Form,
    Hours,
    Attendees,
    Absent,
    Leave,
    Location,
    Organizer,
    PlanItem,
    Guests,
    Session,
    Teacher,
    Subject,
    Class,
    Leader,
    Members,
    Level,
    Stage,
    SchoolYear,
    Semester,
    Year,
    Activities,
    Approvals,
    Extra,
}

/// (key, English name, Chinese aliases). The first alias is the one shown in messages.
const TABLE: &[(Key, &str, &[&str])] = &[
    (Key::Title, "title", &["标题"]),
    (Key::Date, "date", &["日期"]),
    (Key::Kind, "kind", &["类型"]),
    (Key::Tags, "tags", &["标签"]),
    (Key::Domain, "domain", &["领域"]),
    (Key::Summary, "summary", &["摘要"]),
    (Key::Author, "author", &["作者"]),
    (Key::Draft, "draft", &["草稿"]),
    // 內部 as typed in traditional characters; 私密, 保密, 不公开 as teachers say it.
    (
        Key::Private,
        "private",
        &["内部", "內部", "私密", "保密", "不公开"],
    ),
    (Key::Attachments, "attachments", &["附件"]),
    (Key::Speaker, "speaker", &["主讲人"]),
    (Key::Form, "form", &["形式"]),
    (Key::Hours, "hours", &["学时"]),
    (Key::Attendees, "attendees", &["参加人员"]),
    (Key::Absent, "absent", &["缺席"]),
    (Key::Leave, "leave", &["请假"]),
    (Key::Location, "location", &["地点"]),
    (Key::Organizer, "organizer", &["负责部门"]),
    (Key::PlanItem, "plan_item", &["计划项"]),
    (Key::Guests, "guests", &["来宾"]),
    (Key::Session, "session", &["关联活动"]),
    (Key::Teacher, "teacher", &["授课教师"]),
    (Key::Subject, "subject", &["学科"]),
    (Key::Class, "class", &["班级"]),
    (Key::Leader, "leader", &["负责人"]),
    (Key::Members, "members", &["成员"]),
    (Key::Level, "level", &["级别"]),
    (Key::Stage, "stage", &["阶段"]),
    (Key::SchoolYear, "school_year", &["学年"]),
    (Key::Semester, "semester", &["学期"]),
    (Key::Year, "year", &["年度"]),
    (Key::Activities, "activities", &["活动安排"]),
    (Key::Approvals, "approvals", &["审批"]),
    (Key::Extra, "extra", &["扩展"]),
];

impl Key {
    /// Keys whose value is a list of names, tags or paths.
    pub fn is_list(self) -> bool {
        matches!(
            self,
            Key::Tags
                | Key::Attendees
                | Key::Absent
                | Key::Leave
                | Key::Guests
                | Key::Members
                | Key::Attachments
        )
    }

    pub fn parse(name: &str) -> Option<Key> {
        let n = name.trim();
        TABLE
            .iter()
            // `Title:`, `Private:`: capitals out of habit, not another key.
            .find(|(_, en, zh)| en.eq_ignore_ascii_case(n) || zh.contains(&n))
            .map(|(k, _, _)| *k)
    }

    pub fn name(self) -> &'static str {
        TABLE
            .iter()
            .find(|(k, _, _)| *k == self)
            .map(|(_, en, _)| *en)
            .unwrap_or("")
    }

    pub fn alias(self) -> &'static str {
        TABLE
            .iter()
            .find(|(k, _, _)| *k == self)
            .map(|(_, _, zh)| zh[0])
            .unwrap_or("")
    }

    /// `学时（hours）`: how a key is named in a message to a teacher.
    pub fn shown(self) -> String {
        format!("{}（{}）", self.alias(), self.name())
    }

    /// Every spelling of every key, for did-you-mean suggestions.
    pub fn all_spellings() -> impl Iterator<Item = &'static str> {
        TABLE
            .iter()
            .flat_map(|(_, en, zh)| std::iter::once(*en).chain(zh.iter().copied()))
    }
}

/// How a record spells the keys it has (`学时` or `hours`), for messages: by key, which of its
/// names was written. A few bytes kept in the record itself, with no allocation: a large
/// archive has tens of thousands of records, each with a dozen keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spellings([u8; Key::Extra as usize + 1]);

impl Default for Spellings {
    fn default() -> Spellings {
        Spellings([0; Key::Extra as usize + 1])
    }
}

impl Spellings {
    /// Notes that `key` was written as `written` (one of its names).
    pub fn note(&mut self, key: Key, written: &str) {
        let written = written.trim();
        let Some((_, en, zh)) = TABLE.iter().find(|(k, _, _)| *k == key) else {
            return;
        };
        // 0: not written; 1: the English name; 2 + n: the n-th Chinese alias.
        self.0[key as usize] = if *en == written {
            1
        } else {
            zh.iter()
                .position(|z| *z == written)
                .map_or(0, |n| 2 + n as u8)
        };
    }

    /// The name `key` was written with, if it was.
    pub fn get(&self, key: Key) -> Option<&'static str> {
        let (_, en, zh) = TABLE.iter().find(|(k, _, _)| *k == key)?;
        match self.0[key as usize] {
            0 => None,
            1 => Some(en),
            n => zh.get(n as usize - 2).copied(),
        }
    }
}

/// Keys of one entry of a plan's `activities` table (the 武进 plan form).
pub const ACTIVITY_KEYS: &[(&str, &str)] = &[
    ("id", "序号"),
    ("content", "内容"),
    ("time", "时间"),
    ("audience", "对象"),
    ("department", "负责部门"),
    ("owner", "负责人"),
    ("note", "备注"),
];

/// Keys of one entry of a plan's `approvals`.
pub const APPROVAL_KEYS: &[(&str, &str)] = &[("by", "部门"), ("opinion", "意见"), ("date", "日期")];

/// Canonical English name of a nested key, given a table of (English, Chinese) pairs.
pub fn nested_key(table: &[(&'static str, &'static str)], name: &str) -> Option<&'static str> {
    let n = name.trim();
    table
        .iter()
        .find(|(en, zh)| *en == n || *zh == n)
        .map(|(en, _)| *en)
}

/// Everyday words a teacher writes for a key, too far from its spelling to be taken for a typo
/// (`题目` for `标题`, `时间` for `日期`).
const EVERYDAY: &[(&str, &[&str])] = &[
    ("标题", &["题目", "题名", "名称", "文章标题"]),
    (
        "日期",
        &[
            "时间",
            "活动时间",
            "活动日期",
            "听课时间",
            "听课日期",
            "撰写日期",
        ],
    ),
    (
        "参加人员",
        &[
            "参与人员",
            "参会人员",
            "参加者",
            "出席人员",
            "参加对象",
            "与会人员",
        ],
    ),
    ("主讲人", &["主讲", "讲座人", "讲座教师", "主讲教师"]),
    (
        "授课教师",
        &[
            "执教",
            "执教者",
            "执教教师",
            "上课教师",
            "授课人",
            "授课老师",
        ],
    ),
    ("作者", &["撰写人", "作者姓名", "执笔", "执笔人"]),
    ("学时", &["时长"]),
    ("关联活动", &["相关活动", "对应活动"]),
];

/// Everyday words for a research record's keys, which other records use otherwise.
const EVERYDAY_RESEARCH: &[(&str, &[&str])] = &[
    ("成员", &["参与人员", "参加人员", "课题组成员", "组员"]),
    ("负责人", &["主持人", "课题负责人", "主持"]),
];

/// The key an unknown key of a record of `kind` most likely means: an everyday word for it,
/// else the closest spelling.
pub fn meant_key(word: &str, kind: Option<Kind>) -> Option<&'static str> {
    let research = if kind == Some(Kind::Research) {
        EVERYDAY_RESEARCH
    } else {
        &[]
    };
    research
        .iter()
        .chain(EVERYDAY)
        .find(|(_, words)| words.contains(&word))
        .map(|(key, _)| *key)
        .or_else(|| did_you_mean(word, Key::all_spellings()))
}

/// The closest known spelling to `word`, if any is close enough to be a plausible typo.
pub fn did_you_mean<'a>(word: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let w: Vec<char> = word.chars().collect();
    let mut best: Option<(&str, f64)> = None;
    for c in candidates {
        let score = strsim::normalized_levenshtein(word, c);
        // Short Chinese words differ by one character in half their length; accept that.
        let cc = c.chars().count();
        let close_enough =
            score >= 0.5 || (w.len() <= 3 && cc <= 3 && strsim::levenshtein(word, c) <= 1);
        if close_enough && best.is_none_or(|(_, s)| score > s) {
            best = Some((c, score));
        }
    }
    best.map(|(c, _)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_map_to_one_key() {
        assert_eq!(Key::parse("学时"), Some(Key::Hours));
        assert_eq!(Key::parse("hours"), Some(Key::Hours));
        assert_eq!(Key::parse("参加人员"), Some(Key::Attendees));
        assert_eq!(Key::parse("nonsense"), None);
    }

    #[test]
    fn everyday_words_for_a_key_are_offered_it() {
        assert_eq!(meant_key("题目", None), Some("标题"));
        assert_eq!(meant_key("时间", Some(Kind::Reflection)), Some("日期"));
        assert_eq!(meant_key("执教", None), Some("授课教师"));
        // A research record's people are its 成员 and 负责人.
        assert_eq!(meant_key("参与人员", Some(Kind::Research)), Some("成员"));
        assert_eq!(meant_key("参与人员", Some(Kind::Session)), Some("参加人员"));
        assert_eq!(meant_key("主持人", Some(Kind::Research)), Some("负责人"));
        // Every word offered names a key.
        for (key, _) in EVERYDAY.iter().chain(EVERYDAY_RESEARCH) {
            assert!(Key::parse(key).is_some(), "{key}");
        }
    }

    #[test]
    fn suggestions_for_typos() {
        assert_eq!(
            did_you_mean("参与人员", Key::all_spellings()),
            Some("参加人员")
        );
        assert_eq!(
            did_you_mean("atendees", Key::all_spellings()),
            Some("attendees")
        );
        assert_eq!(did_you_mean("完全无关的东西", Key::all_spellings()), None);
    }

    #[test]
    fn a_key_is_named_as_it_was_written() {
        let mut s = Spellings::default();
        s.note(Key::Hours, "学时");
        s.note(Key::Title, " title ");
        assert_eq!(s.get(Key::Hours), Some("学时"));
        assert_eq!(s.get(Key::Title), Some("title"));
        assert_eq!(s.get(Key::Date), None);
        s.note(Key::Hours, "hours");
        assert_eq!(s.get(Key::Hours), Some("hours"));
    }
}
