//! A group written as a role (`教研组: 骨干教师`): a record naming the word reaches only the
//! teachers whose *group* it is (groups are looked up before roles), never those who hold the
//! role, and a group named 班主任 is no 教研组 at all.

use super::*;

/// Role words common in schools, beside those the roster's own `roles` use.
const COMMON_ROLES: &[&str] = &[
    "骨干教师",
    "班主任",
    "新教师",
    "青年教师",
    "教研组长",
    "备课组长",
    "学科带头人",
];

/// Y007 for each group named like a role: at the `group`/`教研组` line of its first teacher.
/// `text` is teachers.yaml, to find that line.
pub(super) fn groups_named_like_roles(roster: &Roster, text: &str) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut lines: Vec<u32> = roster.teachers.iter().map(|t| t.line).collect();
    lines.sort_unstable();
    // Groups in the order they are first written.
    let mut groups: Vec<(&String, &Vec<TeacherIdx>)> = roster.groups.iter().collect();
    groups.sort_by_key(|(_, members)| members.iter().map(|&i| roster.get(i).line).min());
    for (key, members) in groups {
        let holders = roster.roles.get(key);
        if holders.is_none() && !COMMON_ROLES.contains(&key.as_str()) {
            continue;
        }
        let Some(&first) = members.iter().min_by_key(|&&i| roster.get(i).line) else {
            continue;
        };
        let t = roster.get(first);
        let word = t.group.clone().unwrap_or_else(|| key.clone());
        let at = group_line(text, &lines, t);
        let others: Vec<String> = members
            .iter()
            .map(|&i| roster.get(i).line)
            .filter(|&l| l != t.line)
            .map(|l| l.to_string())
            .collect();
        let mut message = format!("“{}”的教研组写成了角色名“{word}”", t.name);
        if !others.is_empty() {
            message.push_str(&format!("（第 {} 行也是）", others.join("、")));
        }
        match holders {
            Some(holders) => {
                let left_out: Vec<String> = holders
                    .iter()
                    .filter(|i| !members.contains(i))
                    .map(|&i| roster.display(i))
                    .collect();
                message.push_str(&format!(
                    "；“{word}”既是教研组又是角色，记录中写“{word}”（如 参加人员、对象）时只算教研组为“{word}”的教师"
                ));
                if !left_out.is_empty() {
                    message.push_str(&format!("，担任{word}的{}计不到", left_out.join("、")));
                }
            }
            None => message.push_str(&format!(
                "；记录中写“{word}”时只算这个“教研组”的教师，不是担任{word}的教师"
            )),
        }
        out.push(
            Diagnostic::new(Code::RosterGroupIsRole, ROSTER_FILE, message)
                .at(Some(Position::line(at)))
                .help(format!(
                    "{word} 是角色：写成 roles: [{word}]（角色: [{word}]），教研组写学科组，如 语文组"
                )),
        );
    }
    out
}

/// Y011 for each group whose name holds what separates names in a record (`语文,数学组`,
/// `语文、数学组`): a record writing it (参加人员: 语文,数学组) has it split into `语文` and
/// `数学组`, and no record can name that group. At its first teacher's line that writes it.
/// (Roles are split as records split them: `[班主任、骨干教师]` is two roles.)
pub(super) fn groups_that_split(roster: &Roster, text: &str) -> Vec<Diagnostic> {
    use crate::archive::frontmatter::NAME_SEPARATORS;
    let mut out = Vec::new();
    let mut said: Vec<&str> = Vec::new();
    let mut lines: Vec<u32> = roster.teachers.iter().map(|t| t.line).collect();
    lines.sort_unstable();
    let mut teachers: Vec<&Teacher> = roster.teachers.iter().collect();
    teachers.sort_by_key(|t| t.line);
    for t in teachers {
        let Some(word) = &t.group else { continue };
        let Some(sep) = word.chars().find(|c| NAME_SEPARATORS.contains(c)) else {
            continue;
        };
        if said.contains(&word.as_str()) {
            continue;
        }
        said.push(word);
        let at = group_line(text, &lines, t);
        let parts: Vec<&str> = word
            .split(NAME_SEPARATORS)
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        let read_as = match parts.as_slice() {
            [] => "什么也读不到".to_string(),
            [one] => format!("读到的是“{one}”"),
            _ => format!("会被拆成“{}”", parts.join("”“")),
        };
        let example = match parts.concat() {
            joined if joined.is_empty() => "语文组".to_string(),
            joined => joined,
        };
        out.push(
            Diagnostic::new(
                Code::RosterNameSplits,
                ROSTER_FILE,
                format!(
                    "教研组“{word}”的名称中有“{sep}”：记录中写“{word}”（如 参加人员）时{read_as}，引用不到这个教研组"
                ),
            )
            .at(Some(Position::line(at)))
            .help(format!(
                "改名，去掉“{sep}”，如 {example}（名册中写它的每一处都要改）"
            )),
        );
    }
    out
}

/// The line of teacher `t`'s `group`/`教研组` in teachers.yaml (`text`), else of the entry;
/// `lines` are the entries' first lines, sorted, which end `t`'s entry.
fn group_line(text: &str, lines: &[u32], t: &Teacher) -> u32 {
    let end = lines.iter().copied().find(|&l| l > t.line);
    ["group", "教研组"]
        .iter()
        .find_map(|k| super::parse::key_line(text, t.line, end, k))
        .unwrap_or(t.line)
}
