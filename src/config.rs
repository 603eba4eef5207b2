//! yanxiu.yaml: the school, the site and the rules in force.

use crate::dates::{MonthDay, SchoolCalendar};
use crate::diagnostic::{Code, Diagnostic, Position};
use crate::error::FatalError;
use crate::roster::Roster;
use crate::rules::{Rules, RulesError};
use crate::yaml::{self, Value};

pub const CONFIG_FILE: &str = "yanxiu.yaml";

#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub school: String,
    pub title: String,
    pub region: Option<String>,
    pub base_url: String,
    pub calendar: SchoolCalendar,
    pub preset: String,
    pub rules: Rules,
    pub theme: String,
}

const CONFIG_KEYS: &[(&str, &[&str])] = &[
    ("school", &["学校"]),
    ("title", &["标题"]),
    ("region", &["地区"]),
    ("base_url", &["网址前缀"]),
    ("school_year_start", &["学年开始"]),
    ("second_semester_start", &["第二学期开始"]),
    ("preset", &["预设"]),
    ("rules", &["规则"]),
    ("domains", &["领域"]),
    ("forms", &["形式"]),
    ("theme", &["主题"]),
];

fn config_key(name: &str) -> Option<&'static str> {
    CONFIG_KEYS
        .iter()
        .find(|(en, zh)| *en == name || zh.contains(&name))
        .map(|(en, _)| *en)
}

/// Parses yanxiu.yaml. Anything that makes the rules unknowable stops the run; every such
/// problem the file has is said at once, each with its line and fix.
pub fn parse(text: &str) -> Result<(Config, Vec<Diagnostic>), FatalError> {
    let fatal = |line: Option<u32>, msg: String, help: &str| {
        FatalError::setup(Code::ConfigBroken, CONFIG_FILE, line, msg, help)
    };
    let value = yaml::parse(text).map_err(|e| {
        let (line, msg, help) = yaml::explain_file(text, &e, CONFIG_FILE);
        fatal(line, msg, &help)
    })?;
    let lines = yaml::top_level_keys(text);
    let line_of = |key: &str| lines.iter().find(|k| k.key == key).map(|k| k.line);
    let map = match value {
        Value::Mapping(m) => m,
        Value::Null => {
            return Err(fatal(
                None,
                "yanxiu.yaml 是空的".into(),
                "至少写上 school: 学校名称",
            ));
        }
        _ => {
            return Err(fatal(
                Some(1),
                "yanxiu.yaml 应为“键: 值”的列表".into(),
                "至少写上 school: 学校名称",
            ));
        }
    };
    let mut diags = Vec::new();
    // What stops the run, gathered: the school mends them all before running again.
    let mut errors: Vec<FatalError> = Vec::new();
    let mut found: Vec<(&'static str, Value, String)> = Vec::new();
    for (k, v) in map {
        let written = k
            .as_str()
            .map(str::to_string)
            .unwrap_or_else(|| yaml::describe(&k));
        match config_key(&written) {
            Some(key) => {
                if let Some((_, _, first)) = found.iter().find(|(fk, _, _)| *fk == key) {
                    errors.push(fatal(
                        line_of(&written),
                        format!("“{written}”与“{first}”是同一个设置，写了两次"),
                        "删除其中一个",
                    ));
                    continue;
                }
                found.push((key, v, written));
            }
            None => {
                // A semester's start is the second's (the first begins with the school year):
                // 学期开始 is nearest 学年开始 by its characters, and following that would move
                // the whole school year.
                let semester = written.contains("学期") && !written.contains("学年");
                let suggestion = if semester {
                    Some("第二学期开始")
                } else {
                    crate::archive::keys::did_you_mean(
                        &written,
                        CONFIG_KEYS
                            .iter()
                            .flat_map(|(en, zh)| std::iter::once(*en).chain(zh.iter().copied())),
                    )
                };
                diags.push(
                    Diagnostic::new(
                        Code::ConfigUnknownKey,
                        CONFIG_FILE,
                        format!("无法识别的设置“{written}”，已忽略"),
                    )
                    .at(line_of(&written).map(Position::line))
                    .help(match suggestion {
                        Some(s) if semester => format!(
                            "是不是“{s}”？第一学期从学年开始（学年开始，默认 09-01）算起，这里只写第二学期的开始日，如 {s}: \"02-15\""
                        ),
                        Some(s) => format!("是不是“{s}”？"),
                        None => format!(
                            "可用的设置：{}",
                            CONFIG_KEYS
                                .iter()
                                .map(|(en, _)| *en)
                                .collect::<Vec<_>>()
                                .join("、")
                        ),
                    }),
                );
            }
        }
    }
    let get = |key: &str| {
        found
            .iter()
            .find(|(k, _, _)| *k == key)
            .map(|(_, v, w)| (v, line_of(w)))
    };
    // A setting's text; when it is not text, the problem is noted and the setting left out.
    let text_of = |key: &str, errors: &mut Vec<FatalError>| -> Option<String> {
        match get(key) {
            None | Some((Value::Null, _)) => None,
            Some((v, line)) => match yaml::scalar_text(v) {
                Some(s) => Some(s.trim().to_string()),
                None => {
                    errors.push(fatal(
                        line,
                        format!("{key} 应为一段文字，这里是{}", yaml::describe(v)),
                        &format!("写成 {key}: 值"),
                    ));
                    None
                }
            },
        }
    };
    let before = errors.len();
    let school = text_of("school", &mut errors).filter(|s| !s.is_empty());
    if school.is_none() && errors.len() == before {
        errors.push(fatal(
            get("school").and_then(|(_, l)| l),
            "yanxiu.yaml 缺少学校名称 school（学校）".into(),
            "加上一行 school: 学校名称",
        ));
    }
    let mut month_day = |key: &str, default: MonthDay| -> MonthDay {
        let Some(s) = text_of(key, &mut errors) else {
            return default;
        };
        MonthDay::parse(&s).unwrap_or_else(|| {
            errors.push(fatal(
                get(key).and_then(|(_, l)| l),
                format!("{key} 的值“{s}”不是“月-日”"),
                "写成 \"09-01\" 的形式（带引号）",
            ));
            default
        })
    };
    let defaults = SchoolCalendar::default();
    let calendar = SchoolCalendar {
        school_year_start: month_day("school_year_start", defaults.school_year_start),
        second_semester_start: month_day("second_semester_start", defaults.second_semester_start),
    };
    let preset = text_of("preset", &mut errors).unwrap_or_else(|| "default".to_string());
    let rules_value = get("rules").map(|(v, _)| v.clone()).unwrap_or(Value::Null);
    // A rules problem with the line it is written on in yanxiu.yaml.
    let placed = |e: RulesError| -> (Option<u32>, String, String) {
        match e {
            RulesError::At {
                top,
                path,
                message,
                help,
            } => {
                let line = get(top)
                    .and_then(|(_, l)| l)
                    .map(|l| yaml::line_of_path(text, l, &path));
                (line, message, help)
            }
            RulesError::Other(message) => {
                let line = get("rules")
                    .and_then(|(_, l)| l)
                    .or_else(|| get("preset").and_then(|(_, l)| l));
                (
                    line,
                    message,
                    "对照 README 中“规则与预设”一节修改 rules".into(),
                )
            }
        }
    };
    let rules = match Rules::build(
        &preset,
        &rules_value,
        get("domains").map(|(v, _)| v),
        get("forms").map(|(v, _)| v),
    ) {
        Ok(rules) => Some(rules),
        Err(found) => {
            for e in found {
                let (line, message, help) = placed(e);
                errors.push(fatal(line, message, &help));
            }
            None
        }
    };
    for (code, e) in rules.iter().flat_map(|rules| {
        let unreachable = rules.unreachable(&rules_value).into_iter();
        let misdirected = rules.misdirected(&rules_value).into_iter();
        unreachable
            .map(|e| (Code::RuleUnreachable, e))
            .chain(misdirected.map(|e| (Code::RuleCountsOtherTeacher, e)))
    }) {
        let (line, message, help) = placed(e);
        diags.push(
            Diagnostic::new(code, CONFIG_FILE, message)
                .at(line.map(Position::line))
                .help(help),
        );
    }
    let theme = text_of("theme", &mut errors).unwrap_or_else(|| "default".to_string());
    if theme != "default" {
        // The only theme is the built-in one; a school changes it through templates/.
        diags.push(
            Diagnostic::new(
                Code::ConfigValueUnusable,
                CONFIG_FILE,
                format!("没有名为“{theme}”的主题，已使用默认主题 default"),
            )
            .at(line_of("theme")
                .or_else(|| line_of("主题"))
                .map(Position::line))
            .help("删除这一行；要改变网站的样子，把自己的模板放在档案的 templates/ 文件夹（见 themes/default/README.md）"),
        );
    }
    // `init` without a name leaves a placeholder, which the site would print as the school's.
    if school.as_deref() == Some(crate::scaffold::SCHOOL_PLACEHOLDER) {
        diags.push(
            Diagnostic::new(
                Code::ConfigValueUnusable,
                CONFIG_FILE,
                format!(
                    "学校名称还是 init 留下的“{}”，网站和学时表会照此显示",
                    crate::scaffold::SCHOOL_PLACEHOLDER
                ),
            )
            .at(line_of("school")
                .or_else(|| line_of("学校"))
                .map(Position::line))
            .help("在 yanxiu.yaml 中把这一行改为本校名称，如 学校: 青溪镇中心小学"),
        );
    }
    let title = text_of("title", &mut errors);
    let region = text_of("region", &mut errors);
    let base_url = text_of("base_url", &mut errors);
    let (Some(school), Some(rules), true) = (school, rules, errors.is_empty()) else {
        // In the order they are written; a problem of the whole file first.
        errors.sort_by_key(|e| match e {
            FatalError::Setup { line, .. } => *line,
            _ => None,
        });
        return Err(FatalError::all(errors));
    };
    let config = Config {
        title: title.unwrap_or_else(|| format!("{school}校本研修档案")),
        region,
        base_url: base_url.unwrap_or_else(|| "/".to_string()),
        theme,
        school,
        calendar,
        preset,
        rules,
    };
    Ok((config, diags))
}

/// Rules that count only teachers of a role no one in the roster holds (`role: 骨干` where the
/// roster says 骨干教师): they apply to nobody and would pass unseen. Found here, once the roster
/// is read, with the line of yanxiu.yaml that names the role.
pub fn roles_nobody_holds(config: &Config, roster: &Roster, text: &str) -> Vec<Diagnostic> {
    let held: Vec<&str> = {
        let mut v: Vec<&str> = roster
            .indices()
            .flat_map(|i| roster.get(i).roles.iter().map(String::as_str))
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    };
    let mut found = Vec::new();
    for r in &config.rules.required {
        let Some(role) = r.role.as_deref() else {
            continue;
        };
        if roster.indices().any(|i| roster.has_role(i, role)) {
            continue;
        }
        let line = text
            .lines()
            .position(|l| l.contains("role") && l.contains(role))
            .map(|n| n as u32 + 1);
        let help = match crate::archive::keys::did_you_mean(role, held.iter().copied()) {
            Some(s) => format!("是不是“{s}”？名册中的角色写在各位教师的 roles（角色）下"),
            None if held.is_empty() => {
                "名册中还没有教师写角色：在 teachers.yaml 中给相应教师加上 roles: [角色名]".into()
            }
            None => format!("名册（teachers.yaml）中的角色：{}", held.join("、")),
        };
        found.push(
            Diagnostic::new(
                Code::RuleUnreachable,
                CONFIG_FILE,
                format!(
                    "规则“{}”只计角色为“{role}”的教师，但名册中没有人是“{role}”，这条规则对谁都不适用",
                    r.label
                ),
            )
            .at(line.map(Position::line))
            .help(help),
        );
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_aliases_and_defaults() {
        let (c, d) =
            parse("学校: 青溪小学\n地区: 某县\nsecond_semester_start: \"02-15\"\nrulez: 1\n")
                .unwrap();
        assert_eq!(c.school, "青溪小学");
        assert_eq!(c.title, "青溪小学校本研修档案");
        assert_eq!(
            c.calendar.second_semester_start,
            MonthDay { month: 2, day: 15 }
        );
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].code, Code::ConfigUnknownKey);
        // A semester's start is never offered as the school year's.
        for key in ["学期开始", "下学期开始"] {
            let (_, d) = parse(&format!("学校: 青溪小学\n{key}: \"02-01\"\n")).unwrap();
            let help = d[0].help.as_deref().unwrap_or_default();
            assert!(help.starts_with("是不是“第二学期开始”？"), "{key}: {help}");
        }
        assert_eq!(d[0].line, Some(4));
        assert_eq!(d[0].help.as_deref(), Some("是不是“rules”？"));
    }

    #[test]
    fn a_theme_that_does_not_exist_is_said() {
        let (c, d) = parse("学校: 青溪小学\n主题: 蓝色\n").unwrap();
        assert_eq!(c.theme, "蓝色");
        let got: Vec<_> = d.iter().map(|d| (d.code, d.line)).collect();
        assert_eq!(got, [(Code::ConfigValueUnusable, Some(2))]);
        assert!(d[0].message.contains("蓝色"));
        let (_, d) = parse("school: x\ntheme: default\n").unwrap();
        assert!(d.is_empty(), "{d:?}");
    }

    #[test]
    fn broken_config_names_the_line() {
        let e = parse("school: x\nrules:\n  required: [{id: a, kind: 会议}]\n").unwrap_err();
        // The kind that is none, and the rule's missing label and per, both at its line.
        let first = match e {
            FatalError::Several(all) => all.into_iter().next().expect("one at least"),
            one => one,
        };
        match first {
            FatalError::Setup { file, line, .. } => {
                assert_eq!(file, "yanxiu.yaml");
                // The line of the wrong kind, not of `rules:`.
                assert_eq!(line, Some(3));
            }
            other => panic!("{other:?}"),
        }
        assert!(parse("title: 无学校\n").is_err());
        assert!(parse("school: [\n").is_err());
    }
}
