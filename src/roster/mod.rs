//! The roster (教师名册): who the teachers are, their groups and roles, and when they served.

use crate::diagnostic::{Code, Diagnostic, Position};
use crate::error::FatalError;
use crate::yaml::{self, Value};
use chrono::NaiveDate;
use std::collections::{BTreeMap, HashMap};

mod group_roles;
mod parse;
mod variant;

pub use parse::parse;
pub use variant::Variant;

pub const ROSTER_FILE: &str = "teachers.yaml";
/// The word that stands for every teacher active on a record's date.
pub const EVERYONE: &str = "全体教师";

/// Index of a teacher in the roster.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TeacherIdx(pub u32);

#[derive(Debug, Clone, PartialEq)]
pub struct Teacher {
    pub name: String,
    pub id: Option<String>,
    pub group: Option<String>,
    pub roles: Vec<String>,
    pub joined: Option<NaiveDate>,
    pub left: Option<NaiveDate>,
    /// Line of the entry in teachers.yaml.
    pub line: u32,
}

/// See [`Teacher::off_staff`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OffStaff {
    NotYetJoined,
    Left,
}

impl OffStaff {
    pub fn label(self) -> &'static str {
        match self {
            OffStaff::NotYetJoined => "未入职",
            OffStaff::Left => "已离职",
        }
    }
}

/// How a teacher served only part of a period (see [`Teacher::midway`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Midway {
    /// Joined after the period began.
    Joined,
    /// Left before the period ended.
    Left,
    /// Both joined and left within the period.
    JoinedAndLeft,
}

impl Midway {
    /// `中途入职`, `中途离职` or `中途入职、离职`: what pages and downloads say instead of judging.
    pub fn label(self) -> &'static str {
        match self {
            Midway::Joined => "中途入职",
            Midway::Left => "中途离职",
            Midway::JoinedAndLeft => "中途入职、离职",
        }
    }
}

impl Teacher {
    /// `joined` and `left` are both days of service.
    pub fn active_on(&self, date: NaiveDate) -> bool {
        self.joined.is_none_or(|j| j <= date) && self.left.is_none_or(|l| date <= l)
    }

    pub fn active_during(&self, first: NaiveDate, last: NaiveDate) -> bool {
        self.joined.is_none_or(|j| j <= last) && self.left.is_none_or(|l| first <= l)
    }

    /// Served only part of the period: joined after it began or left before it ended.
    pub fn partial_in(&self, first: NaiveDate, last: NaiveDate) -> bool {
        self.midway(first, last).is_some()
    }

    /// Whether the teacher joined, left, or both, within the period; `None` when they served
    /// all of it (or none: see [`Teacher::active_during`]).
    pub fn midway(&self, first: NaiveDate, last: NaiveDate) -> Option<Midway> {
        let joined = self.joined.is_some_and(|j| j > first);
        let left = self.left.is_some_and(|l| l < last);
        match (joined, left) {
            (true, true) => Some(Midway::JoinedAndLeft),
            (true, false) => Some(Midway::Joined),
            (false, true) => Some(Midway::Left),
            (false, false) => None,
        }
    }

    /// Why the teacher was on staff on no day of the period, if so: a semester before they
    /// joined or after they left has no hours to count, which is not the same as zero hours.
    pub fn off_staff(&self, first: NaiveDate, last: NaiveDate) -> Option<OffStaff> {
        if self.joined.is_some_and(|j| j > last) {
            Some(OffStaff::NotYetJoined)
        } else if self.left.is_some_and(|l| l < first) {
            Some(OffStaff::Left)
        } else {
            None
        }
    }

    /// `王芳(T05)` where the name is shared, else the bare name.
    pub fn display_name(&self, shared: bool) -> String {
        match (&self.id, shared) {
            (Some(id), true) => format!("{}({id})", self.name),
            _ => self.name.clone(),
        }
    }
}

/// What a word in a list of people stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Referent {
    Everyone,
    Group(String),
    Role(String),
    Teacher(TeacherIdx),
    /// A name two or more teachers share, written without an id.
    Ambiguous(Vec<TeacherIdx>),
    /// `王芳(T09)` where T09 is not 王芳.
    IdMismatch {
        id: String,
        actual: TeacherIdx,
    },
    Unknown,
}

#[derive(Debug, Clone, Default)]
pub struct Roster {
    pub teachers: Vec<Teacher>,
    by_name: HashMap<String, Vec<TeacherIdx>>,
    by_id: HashMap<String, TeacherIdx>,
    groups: BTreeMap<String, Vec<TeacherIdx>>,
    roles: BTreeMap<String, Vec<TeacherIdx>>,
    /// By roster position: whether another teacher has the same name. Asked for every name
    /// shown, so answered once.
    namesake: Vec<bool>,
}

/// Names are compared without white space: `吴 列` and `吴列` are one person.
pub fn name_key(name: &str) -> String {
    name.chars().filter(|c| !c.is_whitespace()).collect()
}

impl Roster {
    pub fn from_teachers(teachers: Vec<Teacher>) -> Roster {
        let mut r = Roster {
            teachers,
            ..Default::default()
        };
        for (i, t) in r.teachers.iter().enumerate() {
            let idx = TeacherIdx(i as u32);
            r.by_name.entry(name_key(&t.name)).or_default().push(idx);
            if let Some(id) = &t.id {
                r.by_id.insert(id.clone(), idx);
            }
            if let Some(g) = &t.group {
                r.groups.entry(name_key(g)).or_default().push(idx);
            }
            for role in &t.roles {
                r.roles.entry(name_key(role)).or_default().push(idx);
            }
        }
        r.namesake = r
            .teachers
            .iter()
            .map(|t| {
                r.by_name
                    .get(&name_key(&t.name))
                    .is_some_and(|v| v.len() > 1)
            })
            .collect();
        r
    }

    pub fn get(&self, idx: TeacherIdx) -> &Teacher {
        &self.teachers[idx.0 as usize]
    }

    pub fn len(&self) -> usize {
        self.teachers.len()
    }

    pub fn is_empty(&self) -> bool {
        self.teachers.is_empty()
    }

    pub fn indices(&self) -> impl Iterator<Item = TeacherIdx> + '_ {
        (0..self.teachers.len() as u32).map(TeacherIdx)
    }

    /// An id no teacher has, to show in an example (`T03` where T01 and T02 are taken): an
    /// example copied as written must not make a new clash.
    pub fn unused_id(&self) -> String {
        (1..)
            .map(|n| format!("T{n:02}"))
            .find(|id| !self.by_id.contains_key(id))
            .unwrap_or_default()
    }

    pub fn is_namesake(&self, idx: TeacherIdx) -> bool {
        self.namesake[idx.0 as usize]
    }

    /// The name to show: with the id when another teacher has the same name.
    pub fn display(&self, idx: TeacherIdx) -> String {
        self.get(idx).display_name(self.is_namesake(idx))
    }

    pub fn has_role(&self, idx: TeacherIdx, role: &str) -> bool {
        let key = name_key(role);
        self.roles.get(&key).is_some_and(|v| v.contains(&idx))
    }

    pub fn group_names(&self) -> impl Iterator<Item = &str> {
        self.teachers.iter().filter_map(|t| t.group.as_deref())
    }

    /// What a word written in a record stands for.
    pub fn resolve(&self, word: &str) -> Referent {
        let key = name_key(word);
        if key == EVERYONE {
            return Referent::Everyone;
        }
        if let Some((name, id)) = split_name_id(&key) {
            return match self.by_id.get(id) {
                Some(&idx) if name_key(&self.get(idx).name) == name => Referent::Teacher(idx),
                Some(&idx) => Referent::IdMismatch {
                    id: id.to_string(),
                    actual: idx,
                },
                None => Referent::Unknown,
            };
        }
        if let Some(v) = self.by_name.get(&key) {
            return match v.as_slice() {
                [one] => Referent::Teacher(*one),
                many => Referent::Ambiguous(many.to_vec()),
            };
        }
        if let Some(&idx) = self.by_id.get(&key) {
            return Referent::Teacher(idx);
        }
        if self.groups.contains_key(&key) {
            return Referent::Group(key);
        }
        if self.roles.contains_key(&key) {
            return Referent::Role(key);
        }
        Referent::Unknown
    }

    /// Teachers a group, role or 全体教师 stands for on a date.
    pub fn expand(&self, referent: &Referent, date: NaiveDate) -> Vec<TeacherIdx> {
        let members: Vec<TeacherIdx> = match referent {
            Referent::Everyone => self.indices().collect(),
            Referent::Group(g) => self.groups.get(g).cloned().unwrap_or_default(),
            Referent::Role(r) => self.roles.get(r).cloned().unwrap_or_default(),
            Referent::Teacher(t) => vec![*t],
            _ => Vec::new(),
        };
        members
            .into_iter()
            .filter(|&i| self.get(i).active_on(date))
            .collect()
    }

    /// The closest name, group or role to an unknown word.
    pub fn suggest(&self, word: &str) -> Option<String> {
        let key = name_key(word);
        if let Some(meant) = self.said_otherwise(&key) {
            return Some(meant);
        }
        let names = self.teachers.iter().map(|t| t.name.as_str());
        let groups = self.groups.keys().map(String::as_str);
        let roles = self.roles.keys().map(String::as_str);
        let mut best: Option<(&str, usize)> = None;
        for c in names
            .chain(groups)
            .chain(roles)
            .chain(std::iter::once(EVERYONE))
        {
            let d = strsim::levenshtein(&key, &name_key(c));
            let len = c.chars().count().max(key.chars().count());
            // One wrong character in a two- or three-character name is the usual slip.
            if d <= 1.max(len / 3) && d < len && best.is_none_or(|(_, bd)| d < bd) {
                best = Some((c, d));
            }
        }
        best.map(|(c, _)| c.to_string())
    }

    /// What a teacher meant by a word too far from any name to be a slip of one: `全体`,
    /// `全校教师` (全体教师); `数学组全体` (the group); `徐老师` (the one teacher surnamed 徐).
    fn said_otherwise(&self, key: &str) -> Option<String> {
        const EVERYONE_SAID: [&str; 6] = [
            "全体",
            "全体老师",
            "全校教师",
            "全校老师",
            "所有教师",
            "所有老师",
        ];
        if EVERYONE_SAID.contains(&key) {
            return Some(EVERYONE.to_string());
        }
        for group in self.groups.keys() {
            let rest = key.strip_prefix(name_key(group).as_str());
            if rest.is_some_and(|r| {
                ["全体", "全体教师", "全体老师", "教师", "老师", "成员"].contains(&r)
            }) {
                return Some(group.clone());
            }
        }
        let surname = key
            .strip_suffix("老师")
            .filter(|s| s.chars().count() == 1)?;
        let mut bearers = self.teachers.iter().filter(|t| t.name.starts_with(surname));
        match (bearers.next(), bearers.next()) {
            (Some(t), None) => Some(t.name.clone()),
            _ => None,
        }
    }
}

/// `王芳(T05)` or `王芳（T05）` → ("王芳", "T05").
fn split_name_id(key: &str) -> Option<(&str, &str)> {
    let open = key.find(['(', '（'])?;
    let rest = &key[open..];
    let inner_start = open + rest.chars().next()?.len_utf8();
    let close = key.rfind([')', '）'])?;
    if close <= inner_start || close + key[close..].chars().next()?.len_utf8() != key.len() {
        return None;
    }
    Some((&key[..open], &key[inner_start..close]))
}

#[cfg(test)]
mod tests {
    use super::parse::probable_key;
    use super::*;

    fn roster() -> Roster {
        let text = "teachers:\n  - name: 王芳\n    id: T05\n    group: 语文组\n    roles: [班主任]\n  - 姓名: 王芳\n    编号: T09\n    教研组: 数学组\n  - name: 吴 列\n    group: 数学组\n    roles: 骨干教师、班主任\n    left: 2025-01-31\n";
        parse(text).unwrap().0
    }

    #[test]
    fn resolves_names_ids_groups_roles() {
        let r = roster();
        assert_eq!(r.resolve("吴列"), Referent::Teacher(TeacherIdx(2)));
        assert_eq!(r.resolve("吴  列"), Referent::Teacher(TeacherIdx(2)));
        assert_eq!(r.resolve("T09"), Referent::Teacher(TeacherIdx(1)));
        assert_eq!(r.resolve("王芳(T05)"), Referent::Teacher(TeacherIdx(0)));
        assert_eq!(r.resolve("王芳（T09）"), Referent::Teacher(TeacherIdx(1)));
        assert!(matches!(r.resolve("王芳"), Referent::Ambiguous(v) if v.len() == 2));
        assert!(matches!(
            r.resolve("吴列(T05)"),
            Referent::IdMismatch { .. }
        ));
        assert_eq!(r.resolve("数学组"), Referent::Group("数学组".into()));
        assert_eq!(r.resolve("班主任"), Referent::Role("班主任".into()));
        assert_eq!(r.resolve("全体教师"), Referent::Everyone);
        assert_eq!(r.resolve("张三"), Referent::Unknown);
    }

    #[test]
    fn expansion_keeps_active_teachers_with_inclusive_days() {
        let r = roster();
        let d = |s| crate::dates::parse_date(s).unwrap();
        assert_eq!(
            r.expand(&Referent::Group("数学组".into()), d("2025-01-31"))
                .len(),
            2
        );
        assert_eq!(
            r.expand(&Referent::Group("数学组".into()), d("2025-02-01"))
                .len(),
            1
        );
        assert_eq!(
            r.expand(&Referent::Role("班主任".into()), d("2024-10-01"))
                .len(),
            2
        );
    }

    #[test]
    fn entry_lines_are_found() {
        let r = roster();
        assert_eq!(
            r.teachers.iter().map(|t| t.line).collect::<Vec<_>>(),
            vec![2, 6, 9]
        );
    }

    #[test]
    fn slips_for_roster_keys_and_other_facts() {
        let none: &[&str] = &[];
        for (written, meant) in [
            ("离职日期", "离职"),
            ("离校", "离职"),
            ("入值", "入职"),
            ("入职时间", "入职"),
            ("Left", "left"),
            ("joined_date", "joined"),
            ("role", "roles"),
            ("教研室", "教研组"),
            ("姓明", "姓名"),
        ] {
            assert_eq!(probable_key(written, none), Some(meant), "{written}");
        }
        for other in [
            "电话", "手机", "QQ", "备注", "入党", "职务", "职称", "性别", "工号", "phone", "email",
            "学科",
        ] {
            assert_eq!(probable_key(other, none), None, "{other}");
        }
        // Given already: a second, longer key is another fact, not a slip.
        assert_eq!(probable_key("姓名拼音", &["name"]), None);
        assert_eq!(probable_key("离职原因", &["left"]), None);
    }

    #[test]
    fn group_spellings_become_one() {
        let text = "teachers:\n  - name: 甲\n    group: 数学 组\n    roles: [骨干 教师]\n  - name: 乙\n    group: 数学组\n    roles: 骨干教师\n  - name: 丙\n    group: Grade 3  Math\n";
        let r = parse(text).unwrap().0;
        let groups: Vec<_> = r
            .teachers
            .iter()
            .map(|t| t.group.clone().unwrap())
            .collect();
        assert_eq!(groups, ["数学组", "数学组", "Grade 3 Math"]);
        assert_eq!(r.teachers[0].roles, ["骨干教师"]);
        assert_eq!(r.teachers[1].roles, ["骨干教师"]);
    }

    #[test]
    fn suggests_near_names() {
        let r = roster();
        assert_eq!(r.suggest("吴烈").as_deref(), Some("吴列"));
        assert_eq!(r.suggest("语文组长"), Some("语文组".into()));
    }
}
