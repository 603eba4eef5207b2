//! Who a record names: authors, speakers, attendees and research teams, resolved against the
//! roster on the record's date.

use crate::archive::document::{Document, Spanned};
use crate::archive::keys::Key;
use crate::diagnostic::{Code, Diagnostic};
use crate::kind::Kind;
use crate::roster::{Referent, Roster, TeacherIdx};
use chrono::NaiveDate;

/// What a teacher writes in 缺席 or 请假 for nobody.
const NOBODY: &[&str] = &[
    "无",
    "没有",
    "暂无",
    "无人",
    "全勤",
    "0",
    "０",
    "-",
    "—",
    "——",
    "/",
    "／",
    "无缺席",
    "无请假",
    "无人缺席",
    "无人请假",
    "none",
    "None",
];

/// Attendance of a session once groups, roles and 全体教师 are expanded.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Attendance {
    /// Earn the session's hours: the attendees (and a roster speaker) minus absent and leave.
    pub present: Vec<TeacherIdx>,
    pub absent: Vec<TeacherIdx>,
    pub leave: Vec<TeacherIdx>,
}

/// The names written under 缺席 or 请假 that the attendance does not count as absent or on
/// leave, as written: no one teacher of the roster (Y208), not among the attendees (Y204), not
/// serving that day (Y203). The pages show them, so that an absence written down is never
/// shown as 全勤; why each was not counted is among the record's problems.
pub fn uncounted_absentees<'d>(
    roster: &Roster,
    doc: &'d Document,
    attendance: &Attendance,
) -> Vec<&'d str> {
    doc.absent
        .iter()
        .chain(&doc.leave)
        .map(|w| w.value.trim())
        .filter(|w| {
            !NOBODY.contains(w)
                && !matches!(roster.resolve(w), Referent::Teacher(t)
                    if attendance.absent.contains(&t) || attendance.leave.contains(&t))
        })
        .collect()
}

/// The roster teachers a record names, active on its date.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct People {
    pub author: Option<TeacherIdx>,
    pub speaker: Option<TeacherIdx>,
    /// The teacher whose lesson was observed (听课).
    pub teacher: Option<TeacherIdx>,
    pub leader: Option<TeacherIdx>,
    pub members: Vec<TeacherIdx>,
    pub attendance: Option<Attendance>,
    /// Named, but not serving on the record's date: shown, never credited.
    pub inactive: Vec<TeacherIdx>,
}

impl People {
    /// The teachers a record counts for in per-teacher rules and credits.
    pub fn owners(&self, kind: Kind) -> Vec<TeacherIdx> {
        let mut v: Vec<TeacherIdx> = match kind {
            Kind::Session => self
                .attendance
                .as_ref()
                .map(|a| a.present.clone())
                .unwrap_or_default(),
            Kind::Research => self
                .leader
                .into_iter()
                .chain(self.members.iter().copied())
                .collect(),
            _ => self.author.into_iter().collect(),
        };
        v.sort();
        v.dedup();
        v
    }
}

/// Words of respect a teacher writes after a name (`陈建华老师`), longest first so that
/// `副校长` is not read as `副` + `校长`.
const HONORIFICS: &[&str] = &[
    "特级教师",
    "副校长",
    "副主任",
    "副教授",
    "校长",
    "主任",
    "教授",
    "老师",
    "教师",
    "书记",
    "组长",
    "博士",
    "先生",
    "女士",
];

/// What separates names where one person is expected (`陈建华、赵国强`, `陈建华/赵国强`).
const JOINERS: &[char] = &['、', '，', ',', '；', ';', '/', '／'];

struct Resolver<'a> {
    doc: &'a Document,
    roster: &'a Roster,
    date: Option<NaiveDate>,
    diags: Vec<Diagnostic>,
    inactive: Vec<TeacherIdx>,
}

/// How strictly a field is held to the roster.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Strict {
    /// Must be a roster teacher (author, team).
    Roster,
    /// May be someone from outside (speaker, observed teacher); only ambiguity is an error.
    Open,
}

pub fn resolve(doc: &Document, roster: &Roster) -> (People, Vec<Diagnostic>) {
    let mut r = Resolver {
        doc,
        roster,
        date: doc.date(),
        diags: Vec::new(),
        inactive: Vec::new(),
    };
    let kind = doc.kind;
    let strict_author = matches!(kind, Some(Kind::Reflection | Kind::Observation));
    let mut people = People {
        author: doc.author.as_ref().and_then(|a| {
            r.one(
                a,
                Key::Author,
                if strict_author {
                    Strict::Roster
                } else {
                    Strict::Open
                },
            )
        }),
        speaker: doc
            .speaker
            .as_ref()
            .and_then(|s| r.one(s, Key::Speaker, Strict::Open)),
        teacher: doc
            .teacher
            .as_ref()
            .and_then(|t| r.one(t, Key::Teacher, Strict::Open)),
        leader: doc
            .leader
            .as_ref()
            .and_then(|l| r.one(l, Key::Leader, Strict::Roster)),
        members: r.members(),
        ..Default::default()
    };
    if kind == Some(Kind::Session) || !doc.attendees.is_empty() {
        people.attendance = r.attendance(people.speaker);
    }
    r.inactive.sort();
    r.inactive.dedup();
    people.inactive = r.inactive;
    (people, r.diags)
}

impl Resolver<'_> {
    fn error(&mut self, code: Code, word: &Spanned<String>, msg: String, help: String) {
        self.diags.push(
            Diagnostic::new(code, &self.doc.path, msg)
                .at(word.pos)
                .help(help),
        );
    }

    /// Y206: an outsider's name that is probably a teacher's, written otherwise.
    fn near_teacher(&mut self, word: &Spanned<String>, key: Key, help: String) {
        let msg = format!(
            "{}“{}”不在名册中，按校外人员处理，不计学时",
            self.doc.key_lead(key),
            word.value
        );
        self.error(Code::NearTeacherName, word, msg, help);
    }

    fn is_teacher(&self, word: &str) -> bool {
        matches!(
            self.roster.resolve(word),
            Referent::Teacher(_) | Referent::Ambiguous(_)
        )
    }

    /// A roster teacher's name written with a word of respect after it (`陈建华老师`) or in
    /// quotes (`“郑涛”`): the bare name, and what was around it, for the help.
    fn dressed(&self, word: &str) -> Option<(String, String)> {
        let w = word.trim();
        let bare = w.trim_matches(['“', '”', '‘', '’', '"', '\'', '「', '」', '《', '》']);
        if bare != w && self.is_teacher(bare) {
            return Some((bare.to_string(), "引号".to_string()));
        }
        HONORIFICS.iter().find_map(|h| {
            let stem = bare.strip_suffix(h)?.trim();
            (!stem.is_empty() && self.is_teacher(stem))
                .then(|| (stem.to_string(), format!("“{h}”")))
        })
    }

    /// A roster teacher's name as it should be written: the word itself, or its bare name.
    fn plain_name(&self, word: &str) -> String {
        self.dressed(word)
            .map_or_else(|| word.trim().to_string(), |(name, _)| name)
    }

    /// The people of a one-person field written with several: `陈建华、赵国强`, and
    /// `陈建华和赵国强` or `陈建华 赵国强` when every part is a teacher (和 and spaces may
    /// belong to one name).
    fn several(&self, word: &str) -> Option<Vec<String>> {
        let parts: Vec<String> = word
            .split(JOINERS)
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(str::to_string)
            .collect();
        if parts.len() > 1 {
            return Some(parts);
        }
        [
            word.split('和').collect::<Vec<_>>(),
            word.split_whitespace().collect(),
        ]
        .into_iter()
        .find(|parts| {
            parts.len() > 1
                && parts
                    .iter()
                    .all(|p| self.is_teacher(p) || self.dressed(p).is_some())
        })
        .map(|parts| parts.iter().map(|p| p.trim().to_string()).collect())
    }

    /// `主讲人: 陈建华、赵国强`: a field of one person names several, and none of them is
    /// credited; said as an error with where the others go.
    fn several_people(&mut self, word: &Spanned<String>, key: Key, parts: &[String]) {
        let names: Vec<String> = parts.iter().map(|p| self.plain_name(p)).collect();
        let first = &names[0];
        let rest = names[1..].join("、");
        let this = self.doc.key_spelling(key);
        let help = match key {
            Key::Speaker => format!(
                "写成 {this}: {first}；其他人写进 {}（{rest}），同样计学时",
                self.doc.key_like(Key::Attendees, key)
            ),
            Key::Author => {
                format!("一篇记录只有一位作者：写成 {this}: {first}；合写的请每人各写一篇")
            }
            Key::Teacher => {
                format!("写成 {this}: {first}；听了几位教师的课，请每节课各写一篇听课记录")
            }
            Key::Leader => format!(
                "写成 {this}: {first}；其他人写进 {}（{rest}）",
                self.doc.key_like(Key::Members, key)
            ),
            _ => format!("只写一位：{}: {first}", self.doc.key_spelling(key)),
        };
        let msg = format!(
            "{}只能写一位，这里写了 {} 位：{}",
            self.doc.key_lead(key),
            parts.len(),
            parts.join("、")
        );
        self.error(Code::SeveralPeople, word, msg, help);
    }

    fn ambiguous_help(&self, word: &str, who: &[TeacherIdx]) -> String {
        let group = |i: TeacherIdx| {
            let t = self.roster.get(i);
            t.group.clone().unwrap_or_else(|| "未分组".into())
        };
        let (numbered, unnumbered): (Vec<TeacherIdx>, Vec<TeacherIdx>) =
            who.iter().partition(|&&i| self.roster.get(i).id.is_some());
        let options: Vec<String> = numbered
            .iter()
            .map(|&i| {
                let id = self.roster.get(i).id.as_deref().unwrap_or_default();
                format!("{word}({id})（{}）", group(i))
            })
            .collect();
        if unnumbered.is_empty() {
            return format!("写明是哪一位：{}", options.join(" 或 "));
        }
        // A teacher without an id cannot be told apart in a record: the fix is in the roster.
        let lines: Vec<String> = unnumbered
            .iter()
            .map(|&i| self.roster.get(i).line.to_string())
            .collect();
        let eg = self.roster.unused_id();
        let whom = if unnumbered.len() > 1 {
            "每位"
        } else {
            "这位"
        };
        let mut help = format!(
            "teachers.yaml 第 {} 行的“{word}”没有编号，记录中无法写明是哪一位：先在名册中给{whom}教师加上编号（如 编号: {eg}），再在这里写作 {word}({eg})",
            lines.join("、")
        );
        if !options.is_empty() {
            help.push_str(&format!("；已有编号的写作 {}", options.join(" 或 ")));
        }
        help
    }

    /// How to mend a name that is not in the roster. `guests` when an outsider belongs in
    /// 来宾 (a session's attendance), not when the record must be a teacher's own.
    fn unknown_help(&self, word: &str, guests: bool) -> String {
        let outsider = if guests {
            format!(
                "；若确为校外人员，请写在 {}中",
                self.doc.key_lead(Key::Guests)
            )
        } else {
            String::new()
        };
        if let Some((name, what)) = self.dressed(word) {
            return format!("名册中有“{name}”：只写姓名“{name}”，不必加{what}");
        }
        // `王芳（Ｔ05）`, `t05`: a teacher written otherwise than the roster writes them.
        if let Some((idx, why)) = self.roster.variant_of(word) {
            return format!("{}{outsider}", self.roster.variant_help(idx, &why));
        }
        if let Some((_, help)) = self.spaced_names(word) {
            return help;
        }
        match self.roster.suggest(word) {
            Some(s) => match self.roster.resolve(&s) {
                Referent::Ambiguous(who) => {
                    format!("是不是“{s}”？{}{outsider}", self.ambiguous_help(&s, &who))
                }
                _ => format!("是不是“{s}”？{}", outsider.trim_start_matches('；')),
            },
            None if guests => format!(
                "请核对 teachers.yaml 中的姓名、教研组和角色；校外人员请写在 {}中",
                self.doc.key_lead(Key::Guests)
            ),
            None => "请核对 teachers.yaml 中的姓名；此处须是名册中的一位教师".to_string(),
        }
    }

    fn ambiguous(&mut self, word: &Spanned<String>, who: &[TeacherIdx]) {
        let help = self.ambiguous_help(&word.value, who);
        let msg = format!(
            "名册中有 {} 位“{}”，无法确定是哪一位",
            who.len(),
            word.value
        );
        self.error(Code::AmbiguousName, word, msg, help);
    }

    /// `周敏 孙丽 王芳(T09)`, or `• 周敏 • 孙丽` (a list typed with bullets, which YAML reads as
    /// one line): names of the roster separated by spaces, which do not separate names (a name
    /// may be written with one, `吴 列`). The message and the fix, when every part is a name.
    fn spaced_names(&self, word: &str) -> Option<(String, String)> {
        let bullet = |t: &str| {
            t.trim_start_matches(['•', '·', '●', '◆', '-', '*'])
                .trim_start_matches(|c: char| c.is_ascii_digit())
                .trim_start_matches(['.', '、', '．', ')', '）'])
                .to_string()
        };
        let tokens: Vec<&str> = word.split_whitespace().collect();
        let parts: Vec<String> = tokens
            .iter()
            .map(|t| bullet(t))
            .filter(|p| !p.is_empty())
            .collect();
        let bulleted = parts.len() < tokens.len() || tokens.iter().any(|t| bullet(t) != *t);
        let names = parts.len() > 1
            && parts
                .iter()
                .all(|p| !matches!(self.roster.resolve(p), Referent::Unknown));
        if !names {
            return None;
        }
        let joined = parts.join("、");
        Some(if bulleted {
            (
                format!("“{word}”像是一个列表，但没有按“- 姓名”的写法写，被读成了一个名字"),
                format!(
                    "写在一行，用顿号分开：{joined}；或每行写一个“- 姓名”（减号加空格，行首缩进两格）"
                ),
            )
        } else {
            (
                format!("“{word}”像是几位教师的名字用空格隔开了，被读成了一个名字"),
                format!("多个名字请用顿号或逗号分开：{joined}"),
            )
        })
    }

    fn id_mismatch(&mut self, word: &Spanned<String>, id: &str, actual: TeacherIdx) {
        if let Some((msg, help)) = self.spaced_names(&word.value) {
            self.error(Code::UnknownPerson, word, msg, help);
            return;
        }
        let actual = self.roster.get(actual).name.clone();
        let msg = format!("编号 {id} 是“{actual}”，与“{}”不符", word.value);
        self.error(Code::UnknownPerson, word, msg, "核对姓名与编号".into());
    }

    /// A teacher active on the record's date; inactive ones are warned about and not returned.
    fn active(&mut self, idx: TeacherIdx, word: &Spanned<String>) -> Option<TeacherIdx> {
        let Some(date) = self.date else {
            return Some(idx);
        };
        let t = self.roster.get(idx);
        if t.active_on(date) {
            return Some(idx);
        }
        let when = match (t.joined, t.left) {
            (Some(j), _) if date < j => format!("{j} 才入职"),
            (_, Some(l)) => format!("已于 {l} 离职"),
            _ => "不在职".to_string(),
        };
        self.inactive.push(idx);
        self.diags.push(
            Diagnostic::new(
                Code::InactivePerson,
                &self.doc.path,
                format!(
                    "“{}”在记录日期 {date} 时不在职（{when}），不计学时",
                    word.value
                ),
            )
            .at(word.pos)
            .help("核对记录日期，或 teachers.yaml 中这位教师的入职、离职日期"),
        );
        None
    }

    fn one(&mut self, word: &Spanned<String>, key: Key, strict: Strict) -> Option<TeacherIdx> {
        match self.roster.resolve(&word.value) {
            Referent::Teacher(idx) => self.active(idx, word),
            Referent::Ambiguous(who) => {
                self.ambiguous(word, &who);
                None
            }
            Referent::IdMismatch { id, actual } => {
                self.id_mismatch(word, &id, actual);
                None
            }
            // A group may give a talk with an outsider's name; a lesson is one teacher's.
            Referent::Everyone | Referent::Group(_) | Referent::Role(_)
                if strict == Strict::Roster || key == Key::Teacher =>
            {
                self.error(
                    Code::UnknownPerson,
                    word,
                    format!(
                        "{}应为一位教师，“{}”是一组人",
                        self.doc.key_lead(key),
                        word.value
                    ),
                    "写一位教师的姓名".into(),
                );
                None
            }
            // Several people where one goes: said whenever one of them is a teacher, who would
            // otherwise lose the hours unnoticed; outsiders (`张三、李四`) may share a talk.
            Referent::Unknown
                if key != Key::Members
                    && self.several(&word.value).is_some_and(|parts| {
                        strict == Strict::Roster
                            || parts
                                .iter()
                                .any(|p| self.is_teacher(p) || self.dressed(p).is_some())
                    }) =>
            {
                let parts = self.several(&word.value).unwrap_or_default();
                self.several_people(word, key, &parts);
                None
            }
            Referent::Unknown if strict == Strict::Roster => {
                let (msg, help) = self.spaced_names(&word.value).unwrap_or_else(|| {
                    (
                        format!("“{}”不是名册中的教师", word.value),
                        self.unknown_help(&word.value, false),
                    )
                });
                self.error(Code::UnknownPerson, word, msg, help);
                None
            }
            Referent::Unknown => {
                // `陈建华老师`: a teacher named politely, who would lose the hours unnoticed.
                if let Some((name, what)) = self.dressed(&word.value) {
                    self.error(
                        Code::NearTeacherName,
                        word,
                        format!(
                            "{}“{}”不在名册中，按校外人员处理，不计学时",
                            self.doc.key_lead(key),
                            word.value
                        ),
                        format!(
                            "名册中有“{name}”：只写姓名，写成 {}: {name}（不必加{what}）；确为校外人员则不必理会",
                            self.doc.key_spelling(key)
                        ),
                    );
                    return None;
                }
                // `王芳（Ｔ05）` for 王芳: the teacher, written otherwise than the roster does,
                // would lose the hours unnoticed.
                if let Some((idx, why)) = self.roster.variant_of(&word.value) {
                    let help = self.roster.variant_help(idx, &why);
                    self.near_teacher(word, key, format!("{help}；确为校外人员则不必理会"));
                    return None;
                }
                // An outsider may speak or teach, but a name one slip away from a teacher's is
                // more likely that teacher, who would otherwise lose the hours unnoticed.
                if let Some(near) = self.roster.suggest(&word.value)
                    && matches!(
                        self.roster.resolve(&near),
                        Referent::Teacher(_) | Referent::Ambiguous(_)
                    )
                {
                    let help = format!("是不是“{near}”？若是，请改正姓名；确为校外人员则不必理会");
                    self.near_teacher(word, key, help);
                }
                None
            }
            _ => None,
        }
    }

    /// A research team: teachers by name, and groups, roles or 全体教师 standing for those of
    /// them serving on the record's date (DESIGN §2: wherever a list of people is expected).
    fn members(&mut self) -> Vec<TeacherIdx> {
        let doc = self.doc;
        let mut out = Vec::new();
        for word in &doc.members {
            match self.roster.resolve(&word.value) {
                many @ (Referent::Everyone | Referent::Group(_) | Referent::Role(_)) => {
                    let team = self
                        .roster
                        .expand(&many, self.date.unwrap_or(chrono::NaiveDate::MAX));
                    if team.is_empty() {
                        self.error(
                            Code::NobodyAttends,
                            word,
                            format!(
                                "{}中的“{}”在记录日期没有一位在职教师，不会计给任何人",
                                self.doc.key_lead(Key::Members),
                                word.value
                            ),
                            "核对成员与记录日期：所列教研组或角色在该日期是否有在职教师；或写出成员的姓名".into(),
                        );
                    }
                    out.extend(team);
                }
                _ => out.extend(self.one(word, Key::Members, Strict::Roster)),
            }
        }
        out.sort();
        out.dedup();
        out
    }

    fn attendance(&mut self, speaker: Option<TeacherIdx>) -> Option<Attendance> {
        let doc = self.doc;
        let mut expected: Vec<TeacherIdx> = Vec::new();
        let mut had_error = false;
        for word in &doc.attendees {
            let referent = self.roster.resolve(&word.value);
            match &referent {
                Referent::Teacher(idx) => {
                    if let Some(i) = self.active(*idx, word) {
                        expected.push(i);
                    }
                }
                Referent::Everyone | Referent::Group(_) | Referent::Role(_) => match self.date {
                    Some(d) => expected.extend(self.roster.expand(&referent, d)),
                    None => expected.extend(self.roster.expand(&referent, chrono::NaiveDate::MAX)),
                },
                Referent::Ambiguous(who) => {
                    had_error = true;
                    self.ambiguous(word, who);
                }
                Referent::IdMismatch { id, actual } => {
                    had_error = true;
                    self.id_mismatch(word, id, *actual);
                }
                Referent::Unknown => {
                    had_error = true;
                    let (msg, help) = self.spaced_names(&word.value).unwrap_or_else(|| {
                        (
                            format!(
                                "参加人员中的“{}”不是名册中的教师、教研组、角色，也不是“全体教师”",
                                word.value
                            ),
                            self.unknown_help(&word.value, true),
                        )
                    });
                    self.error(Code::UnknownPerson, word, msg, help);
                }
            }
        }
        // Whom the attendees name, before the speaker joins them: a list that names no one
        // serving that day is a mistake even when a roster speaker gets the hours (Y205).
        let listed_nobody = expected.is_empty();
        if let Some(s) = speaker {
            expected.push(s);
        }
        expected.sort();
        expected.dedup();
        // No attendees written (Y110 says so): an absentee is no second mistake either.
        let unread = had_error || doc.attendees.is_empty();
        let absent = self.missing_ones(&doc.absent, &expected, unread, Key::Absent);
        let leave = self.missing_ones(&doc.leave, &expected, unread, Key::Leave);
        // The speaker written absent: not credited, while the page names them as the speaker.
        if let Some(s) = speaker {
            // Named in Chinese whatever the keys' spelling: the line is shown under it.
            for (words, written) in [(&doc.absent, "缺席"), (&doc.leave, "请假")] {
                let Some(word) = words.iter().find(
                    |w| matches!(self.roster.resolve(&w.value), Referent::Teacher(t) if t == s),
                ) else {
                    continue;
                };
                self.error(
                    Code::SpeakerAbsent,
                    word,
                    format!(
                        "主讲人“{}”又写在了{written}中：这次活动不给此人计学时",
                        self.roster.display(s)
                    ),
                    format!("若此人确实主讲了，从{written}中删去；若换了人主讲，改正主讲人"),
                );
            }
        }
        if listed_nobody && !had_error && !doc.attendees.is_empty() {
            let pos = doc.key_pos(Key::Attendees);
            let speaker_absent = speaker.is_some_and(|s| absent.contains(&s) || leave.contains(&s));
            let message = match speaker.filter(|_| !speaker_absent) {
                Some(s) => format!(
                    "参加人员解析后没有任何一位在职教师，这次活动只给主讲人“{}”计学时",
                    self.roster.display(s)
                ),
                None => "参加人员解析后没有任何一位在职教师，这次活动不会给任何人计学时".into(),
            };
            self.diags.push(
                Diagnostic::new(Code::NobodyAttends, &doc.path, message)
                    .at(pos)
                    .help("核对参加人员与活动日期：所列教研组或角色在该日期是否有在职教师"),
            );
        }
        let present = expected
            .iter()
            .copied()
            .filter(|i| !absent.contains(i) && !leave.contains(i))
            .collect();
        Some(Attendance {
            present,
            absent,
            leave,
        })
    }

    /// Resolves `absent`/`leave`: each must be one of the expected attendees. When the
    /// attendees could not all be read (`unread_attendees`, already an error), a roster teacher
    /// outside those read may well be among the rest: they are kept as absent, without a
    /// second error (Y204) that would only follow from the first.
    fn missing_ones(
        &mut self,
        words: &[Spanned<String>],
        expected: &[TeacherIdx],
        unread_attendees: bool,
        key: Key,
    ) -> Vec<TeacherIdx> {
        let mut out = Vec::new();
        // `缺席: 无`: what a teacher writes for nobody, alone or beside names.
        for word in words.iter().filter(|w| !NOBODY.contains(&w.value.trim())) {
            match self.roster.resolve(&word.value) {
                Referent::Teacher(idx) if expected.contains(&idx) => out.push(idx),
                // Not serving that day: the inactive warning says more than "not an attendee".
                Referent::Teacher(idx)
                    if self
                        .date
                        .is_some_and(|d| !self.roster.get(idx).active_on(d)) =>
                {
                    self.active(idx, word);
                }
                Referent::Teacher(idx) if unread_attendees => out.push(idx),
                Referent::Teacher(_) => self.error(
                    Code::AbsentNotAttendee,
                    word,
                    format!(
                        "{}中的“{}”不在这次活动的参加人员中",
                        self.doc.key_lead(key),
                        word.value
                    ),
                    "把此人加入参加人员，或从缺席/请假中删除".into(),
                ),
                // Not one teacher: whoever was meant is counted present, so the hours may be
                // too many, and the credit pages must say so (see `Ledger::uncounted`).
                Referent::Ambiguous(who) => {
                    let help = self.ambiguous_help(&word.value, &who);
                    self.error(
                        Code::UnknownAbsentee,
                        word,
                        format!(
                            "{}中的“{}”：名册中有 {} 位“{}”，读不出是哪一位；他们都暂按出席计了学时",
                            self.doc.key_lead(key),
                            word.value,
                            who.len(),
                            word.value
                        ),
                        help,
                    );
                }
                Referent::IdMismatch { id, actual } => {
                    let actual = self.roster.get(actual).name.clone();
                    self.error(
                        Code::UnknownAbsentee,
                        word,
                        format!(
                            "{}中的“{}”：编号 {id} 是“{actual}”，与姓名不符，读不出是哪位教师；他暂按出席计了学时",
                            self.doc.key_lead(key),
                            word.value
                        ),
                        "核对姓名与编号，写成与名册一致的 姓名(编号)，或只写名册中此人的编号".into(),
                    );
                }
                many @ (Referent::Everyone | Referent::Group(_) | Referent::Role(_)) => {
                    let what = match many {
                        Referent::Everyone => "全体教师",
                        Referent::Group(_) => "一个教研组",
                        _ => "一个角色",
                    };
                    self.error(
                        Code::UnknownAbsentee,
                        word,
                        format!(
                            "{}中只能写教师个人，“{}”是{what}，读不出是谁缺席；他们都暂按出席计了学时",
                            self.doc.key_lead(key),
                            word.value
                        ),
                        "写出缺席（或请假）的每一位教师的姓名，如 缺席: [王丽, 李明]".into(),
                    );
                }
                _ => {
                    let help = self.unknown_help(&word.value, false);
                    self.error(
                        Code::UnknownAbsentee,
                        word,
                        format!(
                            "{}中的“{}”不是名册中的教师，读不出是谁；这位教师暂按出席计了学时",
                            self.doc.key_lead(key),
                            word.value
                        ),
                        help,
                    );
                }
            }
        }
        out.sort();
        out.dedup();
        out
    }
}
