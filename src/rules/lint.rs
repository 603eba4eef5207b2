//! What a school's rules say that cannot be what it means, found once the rules are built: for
//! the school to hear of as warnings, not to stop the run (a preset's rule can be left so by the
//! school's own list of 形式).

use super::shape::written_rule;
use super::{CountsFor, Rules, RulesError};
use crate::archive::keys::did_you_mean;
use crate::kind::Kind;
use crate::yaml::Value;

/// After building: a rule that counts only one 形式 or 领域 must name one the rules allow, or
/// no record could ever meet it (`form: 读书笔记` where the forms say 读书心得).
pub fn filters(rules: &Rules, over: &Value) -> Vec<RulesError> {
    let mut found = Vec::new();
    for r in &rules.required {
        let checks = [
            ("form", "形式", r.form.as_deref(), rules.forms_for(r.kind)),
            (
                "domain",
                "领域",
                r.domain.as_deref(),
                Some(&rules.domains[..]),
            ),
        ];
        for (key, name, value, allowed) in checks {
            let (Some(value), Some(allowed)) = (value, allowed) else {
                continue;
            };
            if allowed.iter().any(|a| a == value) {
                continue;
            }
            let message = format!(
                "规则“{}”只计{name}为“{value}”的{}，但{name}中没有“{value}”，这条规则永远无法达到",
                r.label,
                r.kind.label()
            );
            let help = match did_you_mean(value, allowed.iter().map(String::as_str)) {
                Some(s) => format!("是不是“{s}”？"),
                None => format!("可用的{name}：{}", allowed.join("、")),
            };
            let id = Value::String(r.id.clone());
            found.push(match written_rule(over, &id) {
                Some(at) => at.key(key).error(message, help),
                // The preset's rule, left without its 形式 by the school's own list.
                None => RulesError::Other(format!(
                    "{message}。{help}；或者在 rules 的 required 中写 {{id: {}, disabled: true}} 停用这条规则",
                    r.id
                )),
            });
        }
    }
    found
}

/// Words of a rule's label that say the teacher gives the lesson (上示范课, 执教公开课).
const GIVING: &[&str] = &[
    "上课",
    "执教",
    "授课",
    "开课",
    "献课",
    "上示范课",
    "上公开课",
    "上汇报课",
    "上展示课",
    "上研讨课",
];
/// Words that say the teacher watches it (听课, 听示范课, 观课议课).
const WATCHING: &[&str] = &["听", "观课", "观摩", "评课"];

/// Per-teacher rules on observations whose label says one person and whose `counts_for` counts
/// the other: 骨干教师每学年上示范课1节 counted for whoever wrote the 听课记录 (the observer), as
/// an earlier example in the README had it, lets the observers meet it and not the teacher who
/// gave the lesson; 每人每学期听课10节 with `counts_for: teacher` does the reverse. A label with
/// words of both is left alone: it may mean either.
pub fn misdirected(rules: &Rules, over: &Value) -> Vec<RulesError> {
    let mut found = Vec::new();
    for r in &rules.required {
        if r.kind != Kind::Observation || !r.per.is_per_teacher() {
            continue;
        }
        let says = |words: &[&str]| words.iter().any(|w| r.label.contains(w));
        let (giving, watching) = (says(GIVING), says(WATCHING));
        let (message, help) = match r.counts_for {
            CountsFor::Record if giving && !watching => (
                format!(
                    "规则“{}”说的是本人上课，却按听课记录的作者（听课的人）统计：上课的教师不会因此达到要求，写了听课记录的人反而会",
                    r.label
                ),
                "在这条规则中加上 counts_for: teacher，按听课记录中的授课教师统计；若要求的确是去听这类课，把名称改为“听……课”",
            ),
            CountsFor::Teacher if watching && !giving => (
                format!(
                    "规则“{}”说的是听课，却写了 counts_for: teacher，按授课教师统计：听课的教师不会因此达到要求，上课的人反而会",
                    r.label
                ),
                "删去 counts_for: teacher，按听课记录的作者（听课的人）统计；若要求的确是上课，把名称改为“上……课”",
            ),
            _ => continue,
        };
        let id = Value::String(r.id.clone());
        found.push(match written_rule(over, &id) {
            Some(at) => at.key("label").error(message, help),
            None => RulesError::Other(format!("{message}。{help}")),
        });
    }
    found
}
