//! Diagnostics: what `check` reports about a document or a configuration file.
//!
//! Codes are stable: tools and the README refer to them, so a code is never reused for another
//! meaning. Severity is separate from the code because a draft's errors are downgraded to
//! warnings without changing what the problem is.

use serde::Serialize;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn label_zh(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "警告",
        }
    }
}

macro_rules! codes {
    ($($variant:ident = $code:literal, $severity:ident, $summary:literal;)*) => {
        /// Every diagnostic code yanxiu emits, with its default severity.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code { $($variant),* }

        impl Code {
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];

            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $code),* }
            }

            pub fn default_severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$severity),* }
            }

            /// One line of Chinese describing the code, used in the README table and `--explain`-style listings.
            pub fn summary(self) -> &'static str {
                match self { $(Code::$variant => $summary),* }
            }
        }
    };
}

codes! {
    ConfigBroken = "Y001", Error, "yanxiu.yaml 缺失或无法解析（无法运行，退出码 2）";
    RosterBroken = "Y002", Error, "teachers.yaml 缺失或无法解析（无法运行，退出码 2）";
    ConfigUnknownKey = "Y003", Warning, "yanxiu.yaml 中有无法识别的键";
    RosterNamesake = "Y004", Error, "名册中有同名教师，但没有给出编号";
    ConfigValueUnusable = "Y005", Warning, "yanxiu.yaml 中的设置值无法使用，已按默认处理（如不存在的主题）";
    RuleUnreachable = "Y006", Warning, "规则只计某个形式、领域或角色，但形式、领域的列表中没有它，或名册中没有人担任该角色";
    RosterGroupIsRole = "Y007", Warning, "名册中教研组写成了角色名（如 教研组: 骨干教师），或同一个词既是教研组又是角色";
    RuleCountsOtherTeacher = "Y008", Warning, "听课的每人规则，名称说的是本人上课却按听课人统计（或名称说听课却按授课教师统计）";
    NotATemplate = "Y009", Warning, "档案的 templates/ 中有不是模板（.html）的文件，没有读取";
    RosterNameSplits = "Y011", Warning, "名册中教研组的名称含有逗号、顿号或分号，记录中写它时会被拆开，引用不到";
    CannotRun = "Y010", Error, "无法运行（退出码 2）：档案文件夹不存在，给出的路径不是档案文件夹或记录，输出文件夹被拒绝，模板有误，文件无法读写等";
    YamlSyntax = "Y101", Error, "文件开头的信息区（两行 --- 之间）写法有误，读不出来";
    NoFrontMatter = "Y102", Error, "文件开头没有信息区（两行 --- 之间的“键: 值”），或结尾的 --- 缺失";
    FullWidthColon = "Y103", Warning, "键后用了全角冒号“：”，或冒号后是全角空格、没有空格";
    UnknownKey = "Y104", Warning, "无法识别的键";
    DuplicateKey = "Y105", Error, "同一个键写了两次（如 title 与 标题）";
    WrongType = "Y106", Error, "值的类型不对（如 学时: 两小时）";
    BadHours = "Y107", Error, "学时不是 0.5 的正整数倍";
    BadDate = "Y108", Error, "日期无法识别或不存在（如 2024-02-30）";
    FutureDate = "Y109", Warning, "日期在今天之后";
    MissingField = "Y110", Error, "缺少必填字段";
    MissingSection = "Y111", Warning, "正文缺少规定的二级标题（如 ## 研讨记录）";
    ValueNotAllowed = "Y112", Error, "值不在配置允许的范围内（形式、领域、级别、阶段、学期）";
    UnknownKind = "Y113", Error, "无法确定记录类型";
    HoursNotOwn = "Y114", Warning, "活动以外的记录写了学时（学时由规则决定，写的不计入）";
    CutByHash = "Y115", Warning, "值中“ #”后面的文字被当作备注略去（如 标题: 反思 #1，请加引号）";
    FullWidthBrackets = "Y116", Warning, "列表用了全角方括号“［ ］”（已按半角 [ ] 读取）";
    YearFolderMismatch = "Y117", Warning, "日期不在记录所在学年文件夹的学年内（按日期所在学年计）";
    LoneYear = "Y118", Warning, "某学年只有日期与所在学年文件夹不符的记录：这一学年因此出现在学时统计和完整性检查中";
    EmptyBody = "Y119", Warning, "反思、听课记录或总结的正文和摘要都是空的（不计入规定的篇数，也不计学时）";
    NoLessonTeacher = "Y120", Warning, "听课记录没有写授课教师，而有规则按授课教师统计这类课（counts_for: teacher）：它不会计给任何人";
    LooksLikeAnotherKind = "Y121", Error, "活动/ 文件夹中的记录写了作者，没有主讲人、参加人员和学时，形式也不是活动的：像一篇反思或听课记录，放错了文件夹";
    HoursImplausible = "Y122", Warning, "一次活动的学时比每学年要求的学时还多（常是小数点漏写，如 20 写成了 2.0）";
    ActivityWithoutId = "Y123", Warning, "计划的活动安排中有的项写了序号、这一项没写：活动记录无法用计划项对应到它";
    InvisibleCharacter = "Y124", Warning, "信息区中有看不见的特殊字符（不换行空格、零宽字符，常随从网页、微信复制的文字带来），已按普通空格读取或去掉";
    PrivateInDoubt = "Y125", Warning, "信息区中有一行像是说这份记录不公开，却不是清楚的“内部: 是”或“内部: 否”：按内部记录处理，不在网站上公开";
    UnknownPerson = "Y201", Error, "名字不是名册中的教师、教研组、角色或“全体教师”";
    AmbiguousName = "Y202", Error, "名册中有同名教师，需写明编号";
    InactivePerson = "Y203", Warning, "该教师在记录日期时不在职（不计学时）";
    AbsentNotAttendee = "Y204", Error, "缺席或请假的人不在参加人员中";
    NobodyAttends = "Y205", Error, "参加人员（或课题成员中的教研组、角色）解析后没有任何在职教师";
    NearTeacherName = "Y206", Warning, "主讲人或授课教师不在名册中，但与一位教师的名字相近（不计学时）";
    SeveralPeople = "Y207", Error, "只能写一位的字段写了几个人（如 主讲人: 陈建华、赵国强），都不计学时";
    UnknownAbsentee = "Y208", Error, "缺席或请假中的名字读不出是名册中的哪位教师（此人暂按出席计了学时，可能多计）";
    SpeakerAbsent = "Y209", Warning, "主讲人又写在了缺席或请假中（不给他计这次活动的学时）";
    SessionMissing = "Y301", Error, "关联活动指向的记录不存在";
    PlanItemMissing = "Y302", Error, "计划项不是覆盖该日期的计划中的活动序号";
    AttachmentMissing = "Y303", Error, "附件文件不存在";
    BrokenLink = "Y304", Warning, "正文中的链接指向不存在的记录或文件";
    OutsideArchive = "Y305", Error, "路径指向档案文件夹之外";
    EmptyAttachment = "Y306", Error, "附件条目是空的（没有写文件路径）";
    SessionNotSession = "Y307", Warning, "关联活动指向的记录不是活动记录（如指向了另一篇反思）";
    DuplicateRecord = "Y401", Warning, "疑似重复的记录";
    LegacyEncoding = "Y402", Warning, "文件不是 UTF-8 编码（已按 GB18030 等编码读取）";
    Unreadable = "Y403", Error, "文件无法读取";
    NotMarkdown = "Y404", Warning, "文件像一份记录，但扩展名不是 .md，没有读取";
    ControlCharacters = "Y405", Warning, "文件中有空字符（NUL），已删除";
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// Where in a file a problem sits. Columns count characters (not bytes), from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Position {
    pub line: u32,
    pub column: u32,
    /// Characters to underline; 0 means "the whole rest of the line".
    pub width: u32,
}

impl Position {
    pub fn line(line: u32) -> Self {
        Position {
            line,
            column: 1,
            width: 0,
        }
    }
}

/// Where a problem of a record kept to the school is explained: on the school's own computer.
pub const WITHHELD_HELP: &str = "这份记录标为内部，网站上不显示它的内容；请在学校的电脑上运行 yanxiu check 查看这一条的详细说明";

/// Where a problem that names a record kept to the school is explained, when the problem's own
/// record is public.
pub const WITHHELD_RELATED_HELP: &str = "这一条涉及另一份标为内部的记录，网站上不显示详情；请在学校的电脑上运行 yanxiu check 查看这一条的详细说明";

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostic {
    /// Path relative to the archive root, with `/` separators.
    pub file: String,
    pub line: Option<u32>,
    pub column: Option<u32>,
    pub severity: Severity,
    pub code: Code,
    pub message: String,
    pub help: Option<String>,
    /// The offending source line, kept so the human report can show it without re-reading files.
    #[serde(skip)]
    pub source_line: Option<String>,
    #[serde(skip)]
    pub width: u32,
    /// Other records the message names and speaks for (a duplicate's twin): when one of them
    /// is kept to the school, the site publishes the problem in the code's words, as the
    /// message would tell what that record says.
    #[serde(skip)]
    pub related: Vec<String>,
}

impl Diagnostic {
    pub fn new(code: Code, file: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            file: file.into(),
            line: None,
            column: None,
            severity: code.default_severity(),
            code,
            message: message.into(),
            help: None,
            source_line: None,
            width: 0,
            related: Vec::new(),
        }
    }

    pub fn at(mut self, pos: Option<Position>) -> Self {
        if let Some(p) = pos {
            self.line = Some(p.line);
            self.column = Some(p.column);
            self.width = p.width;
        }
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Names another record this problem speaks for (see [`Diagnostic::related`]).
    pub fn related(mut self, path: impl Into<String>) -> Self {
        self.related.push(path.into());
        self
    }

    /// This problem as published for a record whose words the site keeps to the school
    /// ([`crate::archive::document::Document::withheld`]): what kind of problem and where, in
    /// the code's words, none of the record's.
    pub fn withheld(&self) -> Diagnostic {
        Diagnostic {
            message: self.code.summary().to_string(),
            help: Some(WITHHELD_HELP.to_string()),
            source_line: None,
            ..self.clone()
        }
    }

    /// This problem as published for a public record when a record it speaks for is kept to
    /// the school (see [`Diagnostic::related`]).
    pub fn withheld_for_related(&self) -> Diagnostic {
        Diagnostic {
            help: Some(WITHHELD_RELATED_HELP.to_string()),
            ..self.withheld()
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Sorts diagnostics the way people read them: by file, then line.
pub fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by(|a, b| {
        (
            a.file.as_str(),
            a.line.unwrap_or(0),
            a.column.unwrap_or(0),
            a.code,
        )
            .cmp(&(
                b.file.as_str(),
                b.line.unwrap_or(0),
                b.column.unwrap_or(0),
                b.code,
            ))
    });
}
