//! Reading one document: split the front matter, read every key (English or Chinese), type-check
//! values, and remember where each was written so that later checks can point at it.

use crate::archive::document::{Document, Spanned};
use crate::archive::keys::{self, Key};
use crate::dates::{self, SchoolCalendar, SchoolYear, Semester};
use crate::diagnostic::{Code, Diagnostic, Position};
use crate::kind::Kind;
use crate::yaml::{self, KeyLine, Value};
use chrono::Datelike;

mod plan;
mod privacy;
mod split;
mod unreadable;
mod values;

use split::{Slip, Split, looks_like_hyphens, opening_slip, split_front_matter};
use unreadable::standalone_entries;

/// Reads a document's front matter into a [`Document`]. Never fails: problems become diagnostics
/// and a record whose front matter cannot be read at all is marked `broken`.
pub fn parse(
    path: String,
    text: String,
    folder_kind: Option<Kind>,
    cal: &SchoolCalendar,
) -> (Document, Vec<Diagnostic>) {
    let mut p = Parser {
        doc: Document {
            path,
            ..Default::default()
        },
        diags: Vec::new(),
        lines: Vec::new(),
        keys: Vec::new(),
        used_keys: Vec::new(),
        folder_kind,
        folder_bounds: None,
    };
    p.folder_bounds = p.doc.folder_year().map(|y| cal.year_bounds(y));
    let split = split_front_matter(&text);
    p.doc.text = text;
    match split {
        Split::None => {
            p.doc.broken = true;
            let slip = opening_slip(&p.doc.text);
            // Both lines typed with the wrong dashes: the closing one is said too.
            let closing = match &slip {
                Some((line, Slip::NotHyphens(_))) => botched_closing(&p.doc.text, *line),
                _ => None,
            };
            let (message, at, help) = match slip {
                Some((line, Slip::BlankLinesBefore)) => (
                    format!("--- 之前有 {} 行空行；--- 必须是文件的第一行", line - 1),
                    Some(Position::line(line)),
                    "删掉 --- 之前的空行".to_string(),
                ),
                Some((line, Slip::NotHyphens(written))) => (
                    format!("“{written}”不是三个半角减号，读不出文件开头的信息区"),
                    Some(Position::line(line)),
                    "改成 ---（英文输入法下的三个减号）".to_string(),
                ),
                Some((line, Slip::TextBefore)) => (
                    format!("第 {line} 行的 --- 上面还有文字；信息区的 --- 必须是文件的第一行"),
                    Some(Position::line(1)),
                    format!(
                        "把第 {line} 行以上的文字删去或移到正文里（标题请写在信息区中：标题: …）"
                    ),
                ),
                Some((line, Slip::NoFences)) => {
                    let lines = if line == 1 {
                        "第 1 行".to_string()
                    } else {
                        format!("第 1～{line} 行")
                    };
                    let closed =
                        p.doc.text.lines().nth(line as usize).map(str::trim_end) == Some("---");
                    if closed {
                        (
                            format!("{lines}像是信息区，但第 1 行上面少了一行 ---，读不出来"),
                            Some(Position::line(1)),
                            "在第 1 行上面加一行 ---".to_string(),
                        )
                    } else {
                        (
                            format!("{lines}像是信息区，但前后没有 --- 行，读不出来"),
                            Some(Position::line(1)),
                            format!("在第 1 行上面加一行 ---，在第 {line} 行下面也加一行 ---"),
                        )
                    }
                }
                None => (
                    "文件开头没有信息区（以 --- 开始、以 --- 结束的一段“键: 值”）".to_string(),
                    None,
                    "在文件最前面加上：\n---\n标题: …\n日期: 2024-09-12\n---".to_string(),
                ),
            };
            p.push(Diagnostic::new(Code::NoFrontMatter, "", message), at, &help);
            if let Some((line, written)) = closing {
                p.push(
                    Diagnostic::new(
                        Code::NoFrontMatter,
                        "",
                        format!("信息区结束的“{written}”也不是三个半角减号"),
                    ),
                    Some(Position::line(line)),
                    "改成 ---（英文输入法下的三个减号）",
                );
            }
        }
        Split::Unclosed => {
            p.doc.broken = true;
            // A closing line typed with the wrong dashes (——, －－－) is the usual cause.
            match botched_closing(&p.doc.text, 1) {
                Some((line, written)) => p.push(
                    Diagnostic::new(
                        Code::NoFrontMatter,
                        "",
                        format!("文件开头的信息区没有结束：“{written}”不是三个半角减号"),
                    ),
                    Some(Position::line(line)),
                    "改成 ---（英文输入法下的三个减号）",
                ),
                None => p.push(
                    Diagnostic::new(
                        Code::NoFrontMatter,
                        "",
                        "文件开头的信息区没有结束：找不到第二个 --- 行",
                    ),
                    Some(Position::line(1)),
                    "在最后一个“键: 值”之后单独写一行 ---，再写正文",
                ),
            }
        }
        Split::Found {
            fm_start,
            fm_end,
            body_start,
            body_line,
        } => {
            p.doc.body_start = body_start;
            p.doc.body_line = body_line;
            // The fences themselves, read through whatever invisible character they carry.
            let closing = &p.doc.text[fm_end..body_start];
            for (line, n) in [(&p.doc.text[..fm_start], 1), (closing, body_line - 1)] {
                crate::archive::mend::visible(line, n, &mut p.diags);
            }
            let fm = p.doc.text[fm_start..fm_end].to_string();
            p.read_front_matter(&fm);
        }
    }
    if p.doc.body_start == 0 {
        p.doc.body_line = 1;
    }
    p.finish(folder_kind, cal);
    let path = p.doc.path.clone();
    for d in &mut p.diags {
        d.file = path.clone();
        if let Some(line) = d.line {
            d.source_line = p.doc.source_line(line).map(str::to_string);
        }
    }
    (p.doc, p.diags)
}

/// The first line after line `after` (from 1) typed as dashes that are not `---`: a closing
/// line of the front matter typed with the wrong dashes (——, －－－, ----).
fn botched_closing(text: &str, after: u32) -> Option<(u32, String)> {
    text.lines()
        .enumerate()
        .skip(after as usize)
        .find_map(|(i, l)| {
            looks_like_hyphens(l.trim()).then(|| (i as u32 + 1, l.trim().to_string()))
        })
}

/// What separates the names (or tags) of a list written on one line.
pub(crate) const NAME_SEPARATORS: [char; 5] = ['、', '，', ',', '；', ';'];

/// Lines of the front matter are file lines from 2 on.
const FM_FIRST_LINE: u32 = 2;

struct Parser {
    doc: Document,
    diags: Vec<Diagnostic>,
    /// Front matter lines after full-width colons were mended.
    lines: Vec<String>,
    keys: Vec<KeyLine>,
    used_keys: Vec<bool>,
    /// The kind the record's folder names, for what its unknown keys most likely mean.
    folder_kind: Option<Kind>,
    /// The first and last day of the school year the record's folder names: the year a date
    /// written without one (`12月18日`) is most likely in.
    folder_bounds: Option<(chrono::NaiveDate, chrono::NaiveDate)>,
}

impl Parser {
    fn push(&mut self, d: Diagnostic, pos: Option<Position>, help: &str) {
        self.diags.push(d.at(pos).help(help));
    }

    fn read_front_matter(&mut self, fm: &str) {
        let fixed = crate::archive::mend::mend_lines(fm, FM_FIRST_LINE, &mut self.diags);
        let (fixed, keys) = self.drop_repeated_keys(fixed);
        // Positions are found in the lines as written, so that a column after a mended colon
        // is the teacher's column.
        self.lines = fm.lines().map(str::to_string).collect();
        self.keys = keys;
        self.used_keys = vec![false; self.keys.len()];
        let value = match yaml::parse(&fixed) {
            Ok(v) => v,
            Err(_) => {
                self.doc.broken = true;
                let slips = self.report_unreadable(&fixed);
                // The entries that stand on lines of their own are read for their own problems
                // (a date that does not exist, a misspelt key), so that these are said with the
                // slips, not after they are mended. Their values are not kept: the record counts
                // for nothing and shows nothing (not even its title: it may be private) until
                // then.
                if let Some(Ok(Value::Mapping(m))) =
                    slips.map(|lines| yaml::parse(&standalone_entries(&fixed, &lines)))
                {
                    let kept = self.doc.clone();
                    self.read_mapping(&m);
                    self.doc = kept;
                }
                self.private_words_in_unreadable(fm);
                return;
            }
        };
        let map = match value {
            Value::Mapping(m) => m,
            Value::Null => return,
            _ => {
                self.doc.broken = true;
                self.push(
                    Diagnostic::new(Code::YamlSyntax, "", "文件开头的信息区应为一行一个“键: 值”"),
                    Some(Position::line(FM_FIRST_LINE)),
                    "每行写成 键: 值，例如 title: 小数的意义教学反思",
                );
                return;
            }
        };
        self.read_mapping(&map);
        self.private_in_doubt(fm);
    }

    /// Each key of the front matter, read into the document with its problems said.
    fn read_mapping(&mut self, map: &yaml::Mapping) {
        for (k, v) in map {
            let written = yaml::scalar_text(k).unwrap_or_else(|| yaml::describe(k));
            let (key_idx, pos) = self.key_position(&written);
            let Some(key) = Key::parse(&written) else {
                let meant = meant_key(map, self.folder_kind, &written);
                if let (Some(k), Some(at)) = (meant.and_then(Key::parse), pos) {
                    self.doc.misspelt_keys.push((k, written.clone(), at));
                }
                let help = match meant {
                    Some(s) => format!("是不是“{s}”？不需要的自定义内容请放在 extra（扩展）下"),
                    None => "自定义内容请放在 extra（扩展）下；可用的键见 README".to_string(),
                };
                self.push(
                    Diagnostic::new(
                        Code::UnknownKey,
                        "",
                        format!("无法识别的键“{written}”，已忽略"),
                    ),
                    pos,
                    &help,
                );
                continue;
            };
            if let Some((_, first)) = self.doc.keys.iter().find(|(k, _)| *k == key) {
                let first_line = first.line;
                self.push(
                    Diagnostic::new(
                        Code::DuplicateKey,
                        "",
                        format!(
                            "“{written}”与第 {first_line} 行是同一个字段 {}，写了两次",
                            key.shown()
                        ),
                    ),
                    pos,
                    "删除其中一个（中文和英文键名只用一种）",
                );
                continue;
            }
            self.doc
                .keys
                .push((key, pos.unwrap_or(Position::line(FM_FIRST_LINE))));
            self.doc.key_spellings.note(key, &written);
            // `学时: [~]`, `学时: ""` and `学时: []` are as empty as `学时: ~`: said as not filled
            // in where required, rather than as a value of the wrong kind or, for a date, not
            // at all. Not a list's (`附件: [""]` is an entry left empty, said so at it), nor a
            // yes/no's (`内部: ""` stays a value to be said unreadable, not read as a no).
            let list_or_flag = key.is_list()
                || matches!(
                    key,
                    Key::Activities | Key::Approvals | Key::Extra | Key::Draft | Key::Private
                );
            let blank = yaml::is_blank(v);
            if blank {
                self.doc.empty_keys.push(key);
            }
            let v = if blank && !list_or_flag {
                &Value::Null
            } else {
                v
            };
            self.assign(key, v, key_idx, pos);
        }
    }

    /// A key written twice in the same words (`形式:` on two lines) would make the YAML parser
    /// reject the whole front matter, and every other problem of the file would go unseen.
    /// The repeat is reported at its own line and blanked (line numbers kept); the first value
    /// is read. The same key in its other language is left to the check in `read_front_matter`.
    fn drop_repeated_keys(&mut self, fixed: String) -> (String, Vec<yaml::KeyLine>) {
        let keys = yaml::top_level_keys(&fixed);
        let mut blank = Vec::new();
        for (i, k) in keys.iter().enumerate() {
            if let Some(first) = keys[..i].iter().find(|f| f.key == k.key) {
                self.diags.push(
                    Diagnostic::new(
                        Code::DuplicateKey,
                        "",
                        format!(
                            "“{}”与第 {} 行重复，写了两次；已按第 {} 行的值读取",
                            k.key,
                            first.line + FM_FIRST_LINE - 1,
                            first.line + FM_FIRST_LINE - 1
                        ),
                    )
                    .at(Some(Position {
                        line: k.line + FM_FIRST_LINE - 1,
                        column: 1,
                        width: k.key.chars().count() as u32,
                    }))
                    .help("删除多余的一行，或把两行合并为一行"),
                );
                blank.extend(k.line..k.end);
            }
        }
        if blank.is_empty() {
            return (fixed, keys);
        }
        let mut out = String::with_capacity(fixed.len());
        for (i, line) in fixed.split_inclusive('\n').enumerate() {
            if blank.contains(&(i as u32 + 1)) {
                out.push_str(if line.ends_with('\n') { "\n" } else { "" });
            } else {
                out.push_str(line);
            }
        }
        let keys = yaml::top_level_keys(&out);
        (out, keys)
    }

    /// Index of the key in `self.keys` and its position in the file.
    fn key_position(&mut self, written: &str) -> (Option<usize>, Option<Position>) {
        let found = self
            .keys
            .iter()
            .enumerate()
            .position(|(i, k)| !self.used_keys[i] && k.key == written);
        match found {
            Some(i) => {
                self.used_keys[i] = true;
                let k = &self.keys[i];
                let line = k.line + FM_FIRST_LINE - 1;
                (
                    Some(i),
                    Some(Position {
                        line,
                        column: 1,
                        width: written.chars().count() as u32,
                    }),
                )
            }
            None => (None, None),
        }
    }

    /// Where `needle` is written within a key's lines, searching from `from` (a front-matter
    /// line index and byte offset) so that repeated names find their own occurrence.
    fn locate(
        &self,
        key_idx: Option<usize>,
        needle: &str,
        from: &mut (usize, usize),
    ) -> Option<Position> {
        let k = &self.keys[key_idx?];
        let first = (k.line - 1) as usize;
        let end = ((k.end - 1) as usize).min(self.lines.len());
        if from.0 < first {
            *from = (
                first,
                self.lines
                    .get(first)
                    .and_then(|l| yaml_value_start(l))
                    .unwrap_or(0),
            );
        }
        for li in from.0..end {
            let line = &self.lines[li];
            let start = if li == from.0 { from.1 } else { 0 };
            if let Some(at) = line.get(start..).and_then(|s| s.find(needle)) {
                let byte = start + at;
                *from = (li, byte + needle.len());
                return Some(Position {
                    line: li as u32 + FM_FIRST_LINE,
                    column: line[..byte].chars().count() as u32 + 1,
                    width: needle.chars().count() as u32,
                });
            }
        }
        None
    }

    fn wrong_type(
        &mut self,
        key: Key,
        v: &Value,
        expected: &str,
        pos: Option<Position>,
        example: &str,
    ) {
        self.doc.wrong_keys.push(key);
        self.push(
            Diagnostic::new(
                Code::WrongType,
                "",
                format!(
                    "{}应为{expected}，这里是“{}”",
                    self.doc.key_lead(key),
                    yaml::describe(v)
                ),
            ),
            pos,
            &format!("例如 {example}"),
        );
    }

    fn assign(&mut self, key: Key, v: &Value, key_idx: Option<usize>, pos: Option<Position>) {
        match key {
            Key::Title => self.doc.title = self.text(key, v, pos),
            Key::Date => {
                if let Some(s) = self.spanned_text(key, v, key_idx, pos) {
                    match dates::parse_date(&s.value) {
                        Ok(d) => self.doc.date = Some(Spanned::new(d, s.pos)),
                        Err(e) => self.bad_date(&s, e),
                    }
                }
            }
            Key::Kind => {
                if let Some(s) = self.spanned_text(key, v, key_idx, pos) {
                    match Kind::parse(&s.value) {
                        Some(k) => self.doc.kind = Some(k),
                        None => self.push(
                            Diagnostic::new(Code::UnknownKind, "", format!("未知的记录类型“{}”", s.value)),
                            s.pos,
                            "类型可为：计划(plan) 总结(summary) 活动(session) 反思(reflection) 听课(observation) 课题(research)",
                        ),
                    }
                }
            }
            Key::Tags => {
                self.doc.tags = self
                    .word_list(key, v, key_idx, pos)
                    .into_iter()
                    .map(|s| s.value)
                    .collect()
            }
            Key::Domain => self.doc.domain = self.spanned_text(key, v, key_idx, pos),
            Key::Summary => self.doc.summary = self.text(key, v, pos),
            Key::Author => self.doc.author = self.person(key, v, key_idx, pos),
            Key::Draft => self.doc.draft = self.boolean(key, v, pos),
            Key::Private => self.doc.private = self.boolean(key, v, pos),
            Key::Attachments => self.doc.attachments = self.attachments(v, key_idx, pos),
            Key::Speaker => self.doc.speaker = self.person(key, v, key_idx, pos),
            Key::Form => self.doc.form = self.spanned_text(key, v, key_idx, pos),
            Key::Hours => self.doc.hours = self.hours(v, pos),
            Key::Attendees => self.doc.attendees = self.word_list(key, v, key_idx, pos),
            Key::Absent => self.doc.absent = self.word_list(key, v, key_idx, pos),
            Key::Leave => self.doc.leave = self.word_list(key, v, key_idx, pos),
            Key::Guests => {
                self.doc.guests = self
                    .word_list(key, v, key_idx, pos)
                    .into_iter()
                    .map(|s| s.value)
                    .collect()
            }
            Key::Location => self.doc.location = self.text(key, v, pos),
            Key::Organizer => self.doc.organizer = self.text(key, v, pos),
            Key::PlanItem => self.doc.plan_item = self.spanned_text(key, v, key_idx, pos),
            Key::Session => self.doc.session = self.spanned_text(key, v, key_idx, pos),
            Key::Teacher => self.doc.teacher = self.person(key, v, key_idx, pos),
            Key::Subject => self.doc.subject = self.text(key, v, pos),
            Key::Class => self.doc.class = self.text(key, v, pos),
            Key::Leader => self.doc.leader = self.person(key, v, key_idx, pos),
            Key::Members => self.doc.members = self.word_list(key, v, key_idx, pos),
            Key::Level => self.doc.level = self.spanned_text(key, v, key_idx, pos),
            Key::Stage => self.doc.stage = self.spanned_text(key, v, key_idx, pos),
            Key::SchoolYear => {
                if let Some(s) = self.spanned_text(key, v, key_idx, pos) {
                    match SchoolYear::parse(&s.value) {
                        Some(y) => self.doc.school_year = Some(Spanned::new(y, s.pos)),
                        None => self.push(
                            Diagnostic::new(
                                Code::WrongType,
                                "",
                                format!("{}“{}”的写法不对", self.doc.key_lead(key), s.value),
                            ),
                            s.pos,
                            "写成 学年: \"2024-2025\"（前后两年相差 1）",
                        ),
                    }
                }
            }
            Key::Semester => {
                if let Some(s) = self.spanned_text(key, v, key_idx, pos) {
                    match Semester::parse(&s.value) {
                        Some(sem) => self.doc.semester = Some(Spanned::new(sem, s.pos)),
                        None => self.push(
                            Diagnostic::new(
                                Code::ValueNotAllowed,
                                "",
                                format!(
                                    "{}只能是“第一学期”或“第二学期”，这里是“{}”",
                                    self.doc.key_lead(key),
                                    s.value
                                ),
                            ),
                            s.pos,
                            "写成 学期: 第一学期",
                        ),
                    }
                }
            }
            Key::Year => match yaml::lone_item(v) {
                Value::Number(n) if n.as_i64().is_some_and(|y| (1900..=2200).contains(&y)) => {
                    self.doc.year = n.as_i64().map(|y| y as i32)
                }
                Value::String(s)
                    if s.trim()
                        .trim_end_matches('年')
                        .parse::<i32>()
                        .is_ok_and(|y| (1900..=2200).contains(&y)) =>
                {
                    self.doc.year = s.trim().trim_end_matches('年').parse().ok()
                }
                Value::Null => {}
                _ => self.wrong_type(key, v, "四位数的年份", pos, "年度: 2024"),
            },
            Key::Activities => self.doc.activities = self.activities(v, key_idx, pos),
            Key::Approvals => self.doc.approvals = self.approvals(v, pos),
            Key::Extra => {}
        }
    }

    fn finish(&mut self, folder_kind: Option<Kind>, cal: &SchoolCalendar) {
        // `类型:` left empty is as if not written: the folder says the kind.
        if self.doc.kind.is_none()
            && (!self.doc.has_key(Key::Kind) || self.doc.empty_keys.contains(&Key::Kind))
        {
            self.doc.kind = folder_kind;
            if folder_kind.is_none() && !self.doc.broken {
                let (message, pos, help) = if self.doc.empty_keys.contains(&Key::Kind) {
                    (
                        "无法确定这份记录的类型：“类型”没有填写，所在文件夹也不是类型名",
                        self.doc.key_pos(Key::Kind),
                        "在这一行填上，例如 类型: 反思（或 计划、总结、活动、听课、课题），或把文件放进“反思/”等文件夹",
                    )
                } else {
                    (
                        "无法确定这份记录的类型：没有写“类型”，所在文件夹也不是类型名",
                        None,
                        "加上一行 类型: 反思（或 计划、总结、活动、听课、课题），或把文件放进“反思/”等文件夹",
                    )
                };
                self.push(Diagnostic::new(Code::UnknownKind, "", message), pos, help);
            }
        }
        let date = self.doc.date();
        let explicit_year = self.doc.school_year.as_ref().map(|s| s.value);
        self.doc.in_year = explicit_year.or_else(|| date.map(|d| cal.school_year_of(d)));
        self.year_folder_agrees(explicit_year, cal);
        self.doc.in_semester = match (&self.doc.semester, explicit_year, date) {
            (Some(s), _, _) => Some(s.value),
            (None, Some(_), _) => None,
            (None, None, Some(d)) => Some(cal.semester_of(d).1),
            _ => None,
        };
        self.doc.calendar_year = self.doc.year.or_else(|| date.map(|d| d.year()));
    }
}

/// What the unknown key `written` most likely means in a record whose front matter is `map`:
/// no key it already has (题目 beside 标题), and a research record's 参与人员 are its 成员. Looked
/// at only when a key is unknown: most records have none.
fn meant_key(
    map: &yaml::Mapping,
    folder_kind: Option<Kind>,
    written: &str,
) -> Option<&'static str> {
    let has = || {
        map.keys()
            .filter_map(yaml::scalar_text)
            .filter_map(|w| Key::parse(&w))
    };
    let kind = map
        .iter()
        .find(|(k, _)| yaml::scalar_text(k).and_then(|w| Key::parse(&w)) == Some(Key::Kind))
        .and_then(|(_, v)| yaml::scalar_text(v))
        .and_then(|v| Kind::parse(&v))
        .or(folder_kind);
    keys::meant_key(written, kind).filter(|m| Key::parse(m).is_none_or(|m| !has().any(|k| k == m)))
}

impl Parser {
    /// A record filed under `2024-2025/` but dated in another school year is counted in the
    /// year of its date, not the folder's: the folder says what the school meant, and either the
    /// date is mistyped or the file is misfiled. Either way a year's figures would change
    /// without a word.
    fn year_folder_agrees(&mut self, explicit_year: Option<SchoolYear>, cal: &SchoolCalendar) {
        let (Some(date), None) = (self.doc.date.clone(), explicit_year) else {
            return;
        };
        let Some(folder) = self.doc.folder_year() else {
            return;
        };
        let year = cal.school_year_of(date.value);
        if year == folder {
            return;
        }
        let message = format!(
            "日期 {} 属于 {year} 学年，但文件放在 {folder}/ 文件夹中；这份记录按 {year} 学年计",
            date.value
        );
        let (first, last) = cal.year_bounds(folder);
        let help = format!(
            "核对日期是否写错（{folder} 学年是 {first} 至 {last}）；日期无误时，把文件移到 {year}/ 文件夹"
        );
        self.push(
            Diagnostic::new(Code::YearFolderMismatch, "", message),
            date.pos,
            &help,
        );
    }
}

/// Byte offset where a `key: value` line's value starts.
fn yaml_value_start(line: &str) -> Option<usize> {
    let at = line.find([':', '：'])?;
    let after = at + line[at..].chars().next()?.len_utf8();
    let rest = &line[after..];
    let value = rest.trim_start_matches([' ', '\t', '\u{3000}']);
    (value.len() < rest.len() || value.is_empty()).then_some(after + rest.len() - value.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::archive::document::Hours;

    fn read(text: &str) -> (Document, Vec<Diagnostic>) {
        parse(
            "2024-2025/活动/a.md".into(),
            text.into(),
            Some(Kind::Session),
            &SchoolCalendar::default(),
        )
    }

    #[test]
    fn reads_chinese_keys_and_positions() {
        let (d, diags) = read(
            "---\n标题: 集体备课\n日期: 2024年9月12日\n学时: 1.5\n参加人员: [王丽, 李明]\n缺席:\n  - 李明\n---\n正文\n",
        );
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(d.title.as_deref(), Some("集体备课"));
        assert_eq!(d.kind, Some(Kind::Session));
        assert_eq!(d.hours, Some(Hours(3)));
        assert_eq!(d.attendees[1].value, "李明");
        assert_eq!(
            d.attendees[1].pos,
            Some(Position {
                line: 5,
                column: 12,
                width: 2
            })
        );
        assert_eq!(d.absent[0].pos.unwrap().line, 7);
        assert_eq!(d.body(), "正文\n");
        assert_eq!(d.body_line, 9);
        assert_eq!(d.in_semester, Some(Semester::First));
    }

    #[test]
    fn full_width_colon_is_mended_with_a_warning() {
        let (d, diags) = read("---\n标题：活动：主题研讨\ndate: 2024-09-12\n---\n");
        assert_eq!(d.title.as_deref(), Some("活动：主题研讨"));
        assert_eq!(diags.len(), 1);
        assert_eq!(
            (diags[0].code, diags[0].line, diags[0].column),
            (Code::FullWidthColon, Some(2), Some(3))
        );
    }

    #[test]
    fn a_full_width_space_after_the_colon_is_mended_and_columns_stay_the_teachers() {
        // A Chinese keyboard types `作者:　周民`, which YAML reads as one word, not a key.
        let (d, diags) =
            read("---\n形式：主题教研\n作者:\u{3000}周民\n参加人员: [王丽、李明]\n---\n");
        let got: Vec<_> = diags.iter().map(|d| (d.code, d.line, d.column)).collect();
        assert_eq!(
            got,
            [
                (Code::FullWidthColon, Some(2), Some(3)),
                (Code::FullWidthColon, Some(3), Some(4))
            ]
        );
        let at = |s: &Option<Spanned<String>>| s.as_ref().map(|s| (s.value.clone(), s.pos));
        // Columns count the characters as written: 形式：主题教研 has its value at column 4.
        assert_eq!(
            at(&d.form),
            Some((
                "主题教研".into(),
                Some(Position {
                    line: 2,
                    column: 4,
                    width: 4
                })
            ))
        );
        assert_eq!(
            at(&d.author),
            Some((
                "周民".into(),
                Some(Position {
                    line: 3,
                    column: 5,
                    width: 2
                })
            ))
        );
        // Chinese separators inside brackets separate names as they do outside them.
        let names: Vec<&str> = d.attendees.iter().map(|a| a.value.as_str()).collect();
        assert_eq!(names, ["王丽", "李明"]);
    }

    #[test]
    fn full_width_brackets_are_read_as_the_list_meant() {
        let (d, diags) = read("---\n标签: ［读书，反思］\n缺席：［李明］\n---\n");
        let mut got: Vec<_> = diags.iter().map(|d| (d.code, d.line, d.column)).collect();
        got.sort_by_key(|&(_, line, column)| (line, column));
        assert_eq!(
            got,
            [
                (Code::FullWidthBrackets, Some(2), Some(5)),
                (Code::FullWidthColon, Some(3), Some(3)),
                (Code::FullWidthBrackets, Some(3), Some(4)),
            ]
        );
        assert_eq!(d.tags, ["读书", "反思"]);
        assert_eq!(d.absent[0].value, "李明");
        assert_eq!(
            diags[0].help.as_deref(),
            Some("改成半角方括号（英文输入法下输入）：标签: [读书，反思]")
        );
        // Brackets inside a title are the title's.
        let (d, diags) = read("---\n标题: ［转载］读书有感\n---\n");
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(d.title.as_deref(), Some("［转载］读书有感"));
    }

    #[test]
    fn a_key_written_twice_hides_nothing_else() {
        let (d, diags) = read(
            "---\n标题: 课堂反思\n日期: 2025-09-31\n形式: 反思日记\n形式:\n  - 教育叙事\n作者: 周民\n---\n",
        );
        let got: Vec<_> = diags.iter().map(|d| (d.code, d.line)).collect();
        assert_eq!(
            got,
            [(Code::DuplicateKey, Some(5)), (Code::BadDate, Some(3))],
            "{diags:?}"
        );
        assert_eq!(d.form.map(|f| f.value).as_deref(), Some("反思日记"));
        assert_eq!(
            d.author.map(|a| (a.value, a.pos.unwrap().line)),
            Some(("周民".into(), 7))
        );
    }

    #[test]
    fn duplicate_and_unknown_keys() {
        let (_, diags) = read("---\ntitle: a\n标题: b\n参与人员: [王丽]\n---\n");
        let got: Vec<(Code, Option<u32>)> = diags.iter().map(|d| (d.code, d.line)).collect();
        assert_eq!(
            got,
            vec![(Code::DuplicateKey, Some(3)), (Code::UnknownKey, Some(4))]
        );
        assert!(diags[1].help.as_deref().unwrap().contains("参加人员"));
    }

    #[test]
    fn yaml_error_line_maps_to_file() {
        let (d, diags) = read("---\ntitle: a\nattendees: [王丽, 李明\nhours: 2\n---\n");
        assert!(d.broken);
        assert_eq!(diags[0].code, Code::YamlSyntax);
        assert!(diags[0].line.unwrap() >= 3, "{:?}", diags[0]);
    }

    #[test]
    fn type_problems() {
        let (_, diags) = read("---\n学时: 两小时\ndate: 2024-02-30\n---\n");
        let got: Vec<(Code, Option<u32>)> = diags.iter().map(|d| (d.code, d.line)).collect();
        assert_eq!(
            got,
            vec![(Code::WrongType, Some(2)), (Code::BadDate, Some(3))]
        );
        let (_, diags) = read("---\nhours: 1.3\n---\n");
        assert_eq!(diags[0].code, Code::BadHours);
        // As a Chinese keyboard or habit writes hours.
        for written in ["２", "1.5h", "１．５ 小时", "2学时"] {
            let (d, diags) = read(&format!("---\n学时: {written}\n---\n"));
            assert!(diags.is_empty(), "{written}: {diags:?}");
            assert!(d.hours.is_some(), "{written}");
        }
        let (_, diags) = read("---\ndate: 2024.13.1\n---\n");
        assert!(diags[0].message.contains("没有13月"), "{:?}", diags[0]);
    }

    #[test]
    fn no_front_matter() {
        let (d, diags) = read("# 只是正文\n");
        assert!(d.broken);
        assert_eq!(diags[0].code, Code::NoFrontMatter);
        let (_, diags) = read("---\ntitle: a\n");
        assert_eq!(diags[0].line, Some(1));
        // The usual slips, each shown at its line.
        for (text, line, said) in [
            ("\n\n---\ntitle: a\n---\n", 3, "必须是文件的第一行"),
            ("——\ntitle: a\n——\n", 1, "不是三个半角减号"),
            ("---\ntitle: a\n－－－\n正文\n", 3, "不是三个半角减号"),
        ] {
            let (_, diags) = read(text);
            assert_eq!(diags[0].code, Code::NoFrontMatter, "{text:?}");
            assert_eq!(diags[0].line, Some(line), "{text:?}");
            assert!(
                diags[0].message.contains(said),
                "{text:?}: {}",
                diags[0].message
            );
        }
    }
}
