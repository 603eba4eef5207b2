//! Reading teachers.yaml into a [`Roster`]: each entry's keys (English or Chinese, with a slip of
//! a key caught before it changes a figure), dates, groups and roles tidied, and the entries
//! that cannot stand (namesakes without ids, a name that is also a group) refused at their line.

use super::*;

const ROSTER_KEYS: &[(&str, &str)] = &[
    ("name", "姓名"),
    ("id", "编号"),
    ("group", "教研组"),
    ("roles", "角色"),
    ("joined", "入职"),
    ("left", "离职"),
];

fn roster_key(name: &str) -> Option<&'static str> {
    ROSTER_KEYS
        .iter()
        .find(|(en, zh)| *en == name || *zh == name)
        .map(|(en, _)| *en)
}

/// Other facts a roster may well record whose names sit one character from a roster key
/// (入党 from 入职): taken for typos, they would stop a school whose roster is right.
const NOT_TYPOS: &[&str] = &["入党", "入团"];

/// The roster key an unknown key was probably meant to be, as the spelling to suggest:
/// `离职日期`, `离校` → `离职`; `joined_date` → `joined`. `given` are the keys the entry
/// already has: a teacher with both `姓名` and `姓名拼音` has a name, so the second is not a
/// slip for the first. `id` is never suggested: a roster may keep a 工号 beside no 编号, and a
/// missing id cannot change a figure unseen (namesakes without one are Y004, and a record
/// naming an id the roster lacks is Y201).
pub(super) fn probable_key(written: &str, given: &[&str]) -> Option<&'static str> {
    if NOT_TYPOS.contains(&written) {
        return None;
    }
    let lower = written.to_lowercase();
    let wanted = ROSTER_KEYS
        .iter()
        .filter(|(en, _)| *en != "id" && !given.contains(en));
    let spellings = wanted.clone().flat_map(|(en, zh)| [*en, *zh]);
    if let Some(s) = crate::archive::keys::did_you_mean(&lower, spellings) {
        return Some(s);
    }
    // A longer name around the key: 离职日期, 入职时间, left_date.
    wanted
        .flat_map(|(en, zh)| [*zh, *en])
        .find(|s| lower.contains(s))
}

/// Parses teachers.yaml. A broken roster stops the run; namesakes without ids are diagnostics.
/// A file that cannot be read as a whole (bad YAML, no list, two lists) stops at once; every
/// problem of its entries, and of the entries together, is said at once, in file order, so that
/// a roster of 200 teachers with three slips is mended in one go.
pub fn parse(text: &str) -> Result<(Roster, Vec<Diagnostic>), FatalError> {
    let fatal = |line: Option<u32>, msg: String, help: &str| {
        FatalError::setup(Code::RosterBroken, ROSTER_FILE, line, msg, help)
    };
    let (mended, mut warnings) = mend_separators(text);
    let text = mended.as_str();
    let value = yaml::parse(text).map_err(|e| {
        let (line, msg, help) = yaml::explain_file(text, &e, ROSTER_FILE);
        fatal(line, msg, &help)
    })?;
    let entry_lines = list_item_lines(text);
    // `teachers:` and `教师:` both: one list would be read and the other dropped unseen.
    let top = yaml::top_level_keys(text);
    let lists: Vec<&yaml::KeyLine> = top
        .iter()
        .filter(|k| matches!(k.key.as_str(), "teachers" | "教师"))
        .collect();
    if let [first, second, ..] = lists.as_slice() {
        return Err(fatal(
            Some(second.line),
            format!(
                "“{}”与第 {} 行的“{}”是同一个列表，写了两次",
                second.key, first.line, first.key
            ),
            "把两处的教师合并到一个 teachers（教师）列表中",
        ));
    }
    let list = match &value {
        Value::Mapping(m) => m
            .iter()
            .find(|(k, _)| matches!(k.as_str(), Some("teachers" | "教师")))
            .map(|(_, v)| v),
        _ => None,
    };
    let empty = Vec::new();
    let items = match list {
        Some(Value::Sequence(items)) => items,
        // `teachers:` with nothing under it yet, as `yanxiu init` writes it.
        Some(Value::Null) => &empty,
        _ => {
            return Err(fatal(
                None,
                "teachers.yaml 中没有 teachers（教师）列表".into(),
                "按如下格式填写：\nteachers:\n  - name: 王丽\n    group: 语文组",
            ));
        }
    };
    let mut teachers = Vec::with_capacity(items.len());
    // What stops the run, gathered entry by entry.
    let mut errors: Vec<FatalError> = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let line = entry_lines.get(i).copied().unwrap_or(1);
        // Where a key of this entry is written, and how the entry is named in a message.
        let place = |written: &str, name: &str| {
            let end = entry_lines.get(i + 1).copied();
            let at = key_line(text, line, end, written).unwrap_or(line);
            let who = if name.is_empty() {
                format!("第 {} 位教师", i + 1)
            } else {
                format!("“{name}”")
            };
            (at, who)
        };
        let Value::Mapping(map) = item else {
            // `- 姓名：李明` reads as the text "姓名：李明", not a key and a value.
            if let Some(text) = item.as_str()
                && let Some((key, _)) = text.split_once('：')
            {
                errors.push(fatal(
                    Some(line),
                    format!(
                        "第 {} 位教师：“{key}”后面用了全角冒号“：”，读不出这一行",
                        i + 1
                    ),
                    &format!("改成半角冒号加空格：- {key}: …"),
                ));
            } else {
                errors.push(fatal(
                    Some(line),
                    format!("第 {} 位教师的写法不对", i + 1),
                    "每位教师写成一行 - 姓名: 张三（或 - name: 张三），其下再写 编号、教研组 等",
                ));
            }
            continue;
        };
        let mut t = Teacher {
            name: String::new(),
            id: None,
            group: None,
            roles: Vec::new(),
            joined: None,
            left: None,
            line,
        };
        let mut seen: Vec<(&str, &str)> = Vec::new();
        // Keys the roster does not know, with the value written: checked once the entry's
        // known keys are all seen.
        let mut unknown: Vec<(&str, &Value)> = Vec::new();
        for (k, v) in map {
            let Some(key) = k.as_str().and_then(roster_key) else {
                // Other keys (phone, QQ…) are allowed and stay private.
                if let Some(written) = k.as_str() {
                    unknown.push((written, v));
                }
                continue;
            };
            // `name` and `姓名` both: which one is the teacher's name?
            let written = k.as_str().unwrap_or_default();
            if let Some((_, before)) = seen.iter().find(|(s, _)| *s == key) {
                // The first one is kept, so that the entry's other problems are said too.
                errors.push(fatal(
                    Some(line),
                    format!(
                        "第 {} 位教师同时写了“{before}”和“{written}”，是同一项",
                        i + 1
                    ),
                    "删除其中一个（中文和英文键名只用一种）",
                ));
                continue;
            }
            seen.push((key, written));
            let text_of = |v: &Value| yaml::scalar_text(v).map(|s| s.trim().to_string());
            match key {
                "name" => t.name = text_of(v).unwrap_or_default(),
                "id" => t.id = text_of(v).filter(|s| !s.is_empty()),
                "group" => t.group = text_of(v).filter(|s| !s.is_empty()),
                "roles" => {
                    // `角色: 班主任、骨干教师` and `[班主任、骨干教师]` are two roles, as a record
                    // would read them: one role so named could never be written in a record.
                    let written: Vec<String> = match v {
                        Value::Sequence(s) => s.iter().filter_map(text_of).collect(),
                        Value::Null => Vec::new(),
                        other => text_of(other).into_iter().collect(),
                    };
                    t.roles.clear();
                    for role in written
                        .iter()
                        .flat_map(|s| s.split(crate::archive::frontmatter::NAME_SEPARATORS))
                        .map(str::trim)
                    {
                        if !role.is_empty() && !t.roles.iter().any(|r| r == role) {
                            t.roles.push(role.to_string());
                        }
                    }
                }
                "joined" | "left" => {
                    if v.is_null() {
                        continue;
                    }
                    let date = text_of(v)
                        .ok_or(crate::dates::DateError::Unrecognised)
                        .and_then(|raw| crate::dates::parse_date(&raw));
                    let date = match date {
                        Ok(date) => date,
                        Err(e) => {
                            let (at, who) = place(written, &t.name);
                            let (msg, help) = bad_date(&who, written, v, e);
                            errors.push(fatal(Some(at), msg, &help));
                            continue;
                        }
                    };
                    if key == "joined" {
                        t.joined = Some(date);
                    } else {
                        t.left = Some(date);
                    }
                }
                _ => {}
            }
        }
        // `离职日期:` for `离职:` would drop the date without a word, and with it the teacher's
        // standing for the year: a slip in a key that decides figures stops the run, at its line.
        let given: Vec<&str> = seen.iter().map(|(key, _)| *key).collect();
        for (written, v) in unknown {
            let Some(meant) = probable_key(written, &given) else {
                continue;
            };
            let (at, who) = place(written, &t.name);
            let value = yaml::scalar_text(v)
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .unwrap_or_else(|| "…".into());
            errors.push(fatal(
                Some(at),
                format!(
                    "{who}的“{written}”不是名册使用的项目，是不是“{meant}”？写错的这一项会被忽略，学时会算错"
                ),
                &format!(
                    "改成 {meant}: {value}。名册按 姓名、编号、教研组、角色、入职、离职（或 name、id、group、roles、joined、left）计算学时，其它项目（如 电话）只保存、不使用；若“{written}”确是另外的信息，请换一个名称，如 备注"
                ),
            ));
        }
        if t.name.is_empty() {
            errors.push(fatal(
                Some(line),
                format!("第 {} 位教师没有姓名", i + 1),
                "补上一行 姓名: 张三（或 name: 张三）",
            ));
            continue;
        }
        // Left before joining: every record would find the teacher inactive, each with its
        // own warning, where the mistake is one date here.
        if let (Some(joined), Some(left)) = (t.joined, t.left)
            && left < joined
        {
            errors.push(fatal(
                Some(line),
                format!("“{}”的离职日期 {left} 早于入职日期 {joined}", t.name),
                "核对两个日期；调离后又调回的教师，只写最近一次的入职日期",
            ));
        }
        teachers.push(t);
    }
    tidy_group_and_role_names(&mut teachers);
    // Names are one person however spaced (DESIGN §2); the site and the data files give the
    // name without the spaces (`郑  涛` is 郑涛), so that a filter on 郑涛 finds them.
    for t in &mut teachers {
        t.name = tidy_spaces(&t.name);
    }
    let roster = Roster::from_teachers(teachers);
    errors.extend(name_clashes(&roster));
    let mut diags = std::mem::take(&mut warnings);
    let mut seen_ids: HashMap<&str, u32> = HashMap::new();
    for idx in roster.indices() {
        let t = roster.get(idx);
        if let Some(id) = &t.id {
            if let Some(first) = seen_ids.get(id.as_str()) {
                errors.push(fatal(
                    Some(t.line),
                    format!("编号 {id} 被两位教师使用（另一位在第 {first} 行）"),
                    "每位教师的编号必须唯一",
                ));
            } else {
                seen_ids.insert(id, t.line);
            }
        }
        if roster.is_namesake(idx) && t.id.is_none() {
            diags.extend(namesake_without_id(&roster, idx));
        }
    }
    diags.extend(super::group_roles::groups_named_like_roles(&roster, text));
    diags.extend(super::group_roles::groups_that_split(&roster, text));
    if !errors.is_empty() {
        // In the order they are written (a stable sort: an entry's own problems keep theirs).
        errors.sort_by_key(|e| match e {
            FatalError::Setup { line, .. } => *line,
            _ => None,
        });
        return Err(FatalError::all(errors));
    }
    Ok((roster, diags))
}

/// Y004 for a teacher without an id who shares the name. A row pasted twice (same name, same
/// group, neither numbered) is one person written twice, not two namesakes: it is said once,
/// at the later row, with both lines, and its fix is to delete a row.
fn namesake_without_id(roster: &Roster, idx: TeacherIdx) -> Option<Diagnostic> {
    let t = roster.get(idx);
    let same_row = |other: &Teacher| other.id.is_none() && other.group == t.group;
    let others: Vec<&Teacher> = roster.by_name[&name_key(&t.name)]
        .iter()
        .filter(|&&i| i != idx)
        .map(|&i| roster.get(i))
        .collect();
    let name = &t.name;
    let eg = roster.unused_id();
    if let Some(first) = others.iter().find(|o| o.line < t.line && same_row(o)) {
        return Some(
            Diagnostic::new(
                Code::RosterNamesake,
                ROSTER_FILE,
                format!(
                    "第 {} 行与第 {} 行的“{name}”姓名、教研组都相同，都没有编号，像是同一行写了两次",
                    t.line, first.line
                ),
            )
            .at(Some(Position::line(t.line)))
            .help(format!(
                "删除重复的一行；若确是两位同名教师，给每位加上编号（如 编号: {eg}），记录中写作 {name}({eg}) 或 {eg}"
            )),
        );
    }
    // Its only namesakes are later copies of this row: those say it.
    if others.iter().all(|o| o.line > t.line && same_row(o)) {
        return None;
    }
    Some(
        Diagnostic::new(
            Code::RosterNamesake,
            ROSTER_FILE,
            format!("名册中有不止一位“{name}”，这一位没有编号"),
        )
        .at(Some(Position::line(t.line)))
        .help(format!(
            "给同名的每位“{name}”加上编号（如 编号: {eg}），记录中写作 {name}({eg}) 或 {eg}"
        )),
    )
}

/// Teachers named like a group, a role or 全体教师. A name is looked up before groups and
/// roles, so such an entry (a group pasted into the name column) would silently take every
/// `参加人员: 语文组` for itself and the group's teachers would lose those hours.
fn name_clashes(roster: &Roster) -> Vec<FatalError> {
    let first_line = |members: &[TeacherIdx]| {
        members
            .iter()
            .map(|&i| roster.get(i).line)
            .min()
            .unwrap_or(1)
    };
    let mut clashes = Vec::new();
    for t in &roster.teachers {
        let key = name_key(&t.name);
        let name = &t.name;
        let (msg, help) = if key == EVERYONE {
            (
                format!("“{name}”不能作为教师姓名：记录中写“{EVERYONE}”指当天在职的每一位教师"),
                "这一行像是填错了位置：改成这位教师的姓名，或删除这一行".to_string(),
            )
        } else if let Some(members) = roster.groups.get(&key) {
            // As the roster spells it: every member's group has this key.
            let group = members
                .iter()
                .find_map(|&i| roster.get(i).group.clone())
                .unwrap_or_default();
            (
                format!(
                    "教师姓名“{name}”与教研组“{group}”（见第 {} 行）同名：记录中写“{group}”时会被当成这一位教师，组里其他教师就计不到学时",
                    first_line(members)
                ),
                "这一行像是把教研组名填进了姓名：改成这位教师的姓名，或删除这一行；若确有教师叫这个名字，请给教研组换一个名称"
                    .to_string(),
            )
        } else if let Some(members) = roster.roles.get(&key) {
            let role = members
                .iter()
                .find_map(|&i| {
                    let roles = &roster.get(i).roles;
                    roles.iter().find(|r| name_key(r) == key).cloned()
                })
                .unwrap_or_default();
            (
                format!(
                    "教师姓名“{name}”与角色“{role}”（见第 {} 行）同名：记录中写“{role}”时会被当成这一位教师，有这个角色的其他教师就计不到学时",
                    first_line(members)
                ),
                "这一行像是把角色名填进了姓名：改成这位教师的姓名，或删除这一行；若确有教师叫这个名字，请给角色换一个名称"
                    .to_string(),
            )
        } else {
            continue;
        };
        clashes.push(FatalError::setup(
            Code::RosterBroken,
            ROSTER_FILE,
            Some(t.line),
            msg,
            help,
        ));
    }
    clashes
}

/// `数学 组` and `数学组` are one group to every record (names are compared without white
/// space), so they must be one group in every table too: each group and role is shown as the
/// first spelling the roster gives it, without the stray spaces.
fn tidy_group_and_role_names(teachers: &mut [Teacher]) {
    let mut shown: HashMap<String, String> = HashMap::new();
    let mut canonical = |name: &mut String| {
        let tidy = tidy_spaces(name);
        *name = shown.entry(name_key(&tidy)).or_insert(tidy).clone();
    };
    for t in teachers.iter_mut() {
        if let Some(g) = &mut t.group {
            canonical(g);
        }
        t.roles.iter_mut().for_each(&mut canonical);
    }
}

/// White space dropped, except one space between two Latin letters or digits: `数学 组` →
/// `数学组`, `Grade 3  Math` → `Grade 3 Math`.
fn tidy_spaces(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        let joins_words = out
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_alphanumeric())
            && word.starts_with(|c: char| c.is_ascii_alphanumeric());
        if joins_words {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The line (from 1) where `key` is written in the entry that starts at `first` and ends
/// before `end`: a wrong date is mended on its own line, not the entry's first.
pub(super) fn key_line(text: &str, first: u32, end: Option<u32>, key: &str) -> Option<u32> {
    text.lines()
        .enumerate()
        .skip(first.saturating_sub(1) as usize)
        .take_while(|(i, _)| end.is_none_or(|e| (*i as u32 + 1) < e))
        .find(|(_, l)| {
            let l = l.trim_start();
            let l = l.strip_prefix('-').map_or(l, str::trim_start);
            l.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with([':', '：']))
        })
        .map(|(i, _)| i as u32 + 1)
}

/// The message and the fix for a 入职/离职 date that cannot be used; `written` is the key as
/// the school wrote it.
fn bad_date(who: &str, written: &str, v: &Value, e: crate::dates::DateError) -> (String, String) {
    use crate::dates::DateError;
    let what = if matches!(written, "joined" | "入职") {
        "入职"
    } else {
        "离职"
    };
    let shown = yaml::describe(v);
    let msg = match e {
        _ if yaml::scalar_text(v).is_none() => {
            format!("{who}的{what}日期写成了{shown}，应为一个日期")
        }
        DateError::Impossible { month, .. } if !(1..=12).contains(&month) => {
            format!("{who}的{what}日期“{shown}”不存在：没有{month}月")
        }
        DateError::Impossible { year, month, day } => {
            format!("{who}的{what}日期“{shown}”不存在：{year}年{month}月没有{day}日")
        }
        DateError::Unrecognised => format!("{who}的{what}日期“{shown}”无法识别"),
    };
    let help = format!(
        "写成 {written}: 2019-09-01（也可写 2019/9/1、2019.9.1、2019年9月1日），年月日都要写；不知道日期就删除这一行"
    );
    (msg, help)
}

/// Lines (from 1) of the items of the outermost list in a YAML text.
fn list_item_lines(text: &str) -> Vec<u32> {
    let items: Vec<(usize, u32)> = text
        .lines()
        .enumerate()
        .filter_map(|(i, l)| {
            let indent = l.len() - l.trim_start().len();
            l.trim_start()
                .starts_with('-')
                .then_some((indent, i as u32 + 1))
        })
        .collect();
    let min = items.iter().map(|(ind, _)| *ind).min().unwrap_or(0);
    items
        .into_iter()
        .filter(|(ind, _)| *ind == min)
        .map(|(_, l)| l)
        .collect()
}

/// `入职：2020-09-01`, `姓名:　李明`, `离职:2025-07-15`, `电话：139…`: a key of the roster typed
/// with a full-width colon, a full-width space or no space after its colon, which YAML cannot
/// read and which would stop every check of the archive. As in a record (Y103), the line is
/// read as meant and warned about. Line numbers are kept.
fn mend_separators(text: &str) -> (String, Vec<Diagnostic>) {
    let mut out = String::with_capacity(text.len());
    let mut warnings = Vec::new();
    for (n, line) in text.split_inclusive('\n').enumerate() {
        // Invisible characters first (Y124): a zero-width space in a name would make every
        // record's mention of that teacher unknown, with a fix that looks the same.
        let mut seen = Vec::new();
        let clean = crate::archive::mend::visible(line, n as u32 + 1, &mut seen);
        warnings.extend(seen.into_iter().map(|d| Diagnostic {
            file: ROSTER_FILE.to_string(),
            ..d
        }));
        let line = clean.as_deref().unwrap_or(line);
        let Some((key, said, value)) = slipped_key(line) else {
            out.push_str(line);
            continue;
        };
        let body = line.trim_start_matches([' ', '-']);
        let lead = &line[..line.len() - body.len()];
        let column = lead.chars().count() as u32 + key.chars().count() as u32 + 1;
        // A help is published on 档案检查: the value of a key the site shows (a name, a group,
        // a date), without its comment; nothing of other keys (a phone number stays inside).
        let shown = match roster_key(key) {
            Some(_) => value.split(" #").next().unwrap_or_default().trim(),
            None => "…",
        };
        warnings.push(
            Diagnostic::new(Code::FullWidthColon, ROSTER_FILE, said)
                .at(Some(Position {
                    line: n as u32 + 1,
                    column,
                    width: 1,
                }))
                .help(format!("改成半角冒号加一个半角空格：{key}: {shown}")),
        );
        out.push_str(lead);
        out.push_str(key);
        out.push_str(": ");
        out.push_str(value);
    }
    (out, warnings)
}

/// A line's key, what is wrong after it, and its value, when the line starts with a key (after
/// its indent and list marker) written with a slip of the separator.
fn slipped_key(line: &str) -> Option<(&str, String, &str)> {
    let body = line.trim_start_matches([' ', '-']);
    let end = body.find(|c: char| c == ':' || c == '：' || c.is_whitespace())?;
    let key = &body[..end];
    // A word: not a comment, a quoted or bracketed value, or a time such as 12:30.
    if key.is_empty()
        || key.chars().count() > 12
        || key.starts_with(['#', '"', '\'', '[', '{', '&', '*', '!'])
        || key.starts_with(|c: char| c.is_ascii_digit())
    {
        return None;
    }
    let rest = &body[end..];
    let spaced = rest.trim_start_matches([' ', '　']);
    if let Some(v) = spaced.strip_prefix('：') {
        return Some((
            key,
            format!("“{key}”后面用了全角冒号“：”，已按半角冒号读取"),
            v.trim_start_matches([' ', '　']),
        ));
    }
    let v = rest.strip_prefix(':')?;
    if let Some(v) = v.strip_prefix('　') {
        return Some((
            key,
            format!("“{key}:”后面是全角空格，已按半角空格读取"),
            v.trim_start_matches([' ', '　']),
        ));
    }
    // `离职:2025-07-15`: no space, so YAML reads one word, not a key. Not `http://…`.
    if !v.is_empty() && !v.starts_with([' ', '\n', '\r', '/']) {
        return Some((
            key,
            format!("“{key}:”后面少了一个空格，已按“{key}: ”读取"),
            v,
        ));
    }
    None
}
