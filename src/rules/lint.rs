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

/// What a rule's label says of the lesson a per-teacher rule on observations counts. A warning
/// on a rule the school wrote right does harm (it would follow the help), so each direction is
/// said only when the label is plain, and anything that may read the other way keeps it quiet.
#[derive(Debug, Default, PartialEq, Eq)]
struct Reading {
    /// A verb of giving the lesson: 上(一节)示范课, 开课, 执教, 授课, 献课, 承担, 开设; or of
    /// having one's own lesson watched: 被听课, 接受推门听课, 供全校观摩, 请同事听课, 开放课堂.
    giving: bool,
    /// The lesson is one's own, watched by others (the second kind above).
    observed: bool,
    /// Anything that may be watching it: 听, 观 (观课, 观察, 观摩), 看, 评 (评课, 点评), 读
    /// (研读), 学习, and 参加, 参与 (参加赛课 is giving, 参加听课 watching).
    maybe_watching: bool,
    /// A kind of lesson one gives (示范课, 公开课…): with no verb, 骨干教师每学年示范课1节 is read
    /// as giving it, as schools write it.
    lesson: bool,
    /// Words of a lesson given in a contest or away (赛课, 评比, 送教, 送课): not plain watching.
    elsewhere: bool,
}

const GIVING: &[&str] = &["执教", "授课", "献课", "承担", "开设"];
/// One's own lesson, watched: 被听, 接受…听, 供…观摩, 请/邀请…听, 开放课堂.
const OBSERVED: &[&str] = &["被听", "被观", "接受", "供", "请", "邀", "开放"];
const WATCHING: &[&str] = &["听", "观", "看", "评", "读", "学习", "参加", "参与"];
const LESSONS: &[&str] = &[
    "示范课",
    "公开课",
    "汇报课",
    "展示课",
    "研讨课",
    "优质课",
    "亮相课",
];
const ELSEWHERE: &[&str] = &["赛课", "评比", "送教", "送课"];
/// Characters before 上 that make it no verb: 线上, 网上, 以上, 之上, 早上, 晚上, 马上.
const NOT_A_VERB: &str = "线网以之早晚马";

fn read_label(label: &str) -> Reading {
    let chars: Vec<char> = label.chars().collect();
    let says = |words: &[&str]| words.iter().any(|w| label.contains(w));
    let observed = says(OBSERVED);
    // 上 as a verb: 上课, 上一节示范课, 上好一节研讨课, 上1节校级公开课 (a 课 within a few
    // characters), not 线上课例.
    let gives_上 = chars.iter().enumerate().any(|(i, &c)| {
        c == '上'
            && (i == 0 || !NOT_A_VERB.contains(chars[i - 1]))
            && chars[i + 1..].iter().take(8).any(|&c| c == '课')
    });
    // 开课, not the 开课 inside 公开课.
    let gives_开课 = chars
        .windows(2)
        .enumerate()
        .any(|(i, w)| w == ['开', '课'] && (i == 0 || chars[i - 1] != '公'));
    Reading {
        giving: observed || gives_上 || gives_开课 || says(GIVING),
        observed,
        maybe_watching: says(WATCHING),
        lesson: says(LESSONS),
        elsewhere: says(ELSEWHERE),
    }
}

/// How a label and a rule's `counts_for` disagree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Misdirection {
    /// The label says the teacher gives the lesson; the rule counts the observer.
    CountsObserver,
    /// The label says the teacher watches it; the rule counts the teacher observed.
    CountsTeacher,
}

fn misdirection(label: &str, counts_for: CountsFor) -> Option<Misdirection> {
    let r = read_label(label);
    match counts_for {
        // 被听课 holds a 听, said of the lesson's watchers, not of the teacher.
        CountsFor::Record if r.observed || ((r.giving || r.lesson) && !r.maybe_watching) => {
            Some(Misdirection::CountsObserver)
        }
        CountsFor::Teacher if r.maybe_watching && !r.giving && !r.elsewhere => {
            Some(Misdirection::CountsTeacher)
        }
        _ => None,
    }
}

/// Per-teacher rules on observations whose label says one person and whose `counts_for` counts
/// the other: 骨干教师每学年上示范课1节 counted for whoever wrote the 听课记录 (the observer), as
/// an earlier example in the README had it, lets the observers meet it and not the teacher who
/// gave the lesson; 每人每学期听课10节 with `counts_for: teacher` does the reverse.
pub fn misdirected(rules: &Rules, over: &Value) -> Vec<RulesError> {
    let mut found = Vec::new();
    for r in &rules.required {
        if r.kind != Kind::Observation || !r.per.is_per_teacher() {
            continue;
        }
        let (message, help) = match misdirection(&r.label, r.counts_for) {
            Some(Misdirection::CountsObserver) => (
                format!(
                    "规则“{}”说的是本人上课，却按听课记录的作者（听课的人）统计：上课的教师不会因此达到要求，写了听课记录的人反而会",
                    r.label
                ),
                "在这条规则中加上 counts_for: teacher（写在花括号 { } 里时，用逗号与前一项隔开），按听课记录中的授课教师统计；若要求的确是去听这类课，把名称写明“听……课”",
            ),
            Some(Misdirection::CountsTeacher) => (
                format!(
                    "规则“{}”说的是听课，却按授课教师统计（counts_for）：听课的教师不会因此达到要求，上课的人反而会",
                    r.label
                ),
                "删去 counts_for 这一项，按听课记录的作者（听课的人）统计；若要求的确是本人上课，把名称写明“上……课”",
            ),
            None => continue,
        };
        let id = Value::String(r.id.clone());
        found.push(match written_rule(over, &id) {
            Some(at) => at.key("label").error(message, help.to_string()),
            None => RulesError::Other(format!("{message}。{help}")),
        });
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether each label warns, counted for the record's author (the observer) and for the
    /// teacher who gave the lesson: labels a school writes.
    #[test]
    fn labels_are_read_as_schools_write_them() {
        let warns = |label: &str, counts_for: CountsFor| misdirection(label, counts_for).is_some();
        // (label, warns counted for the observer, warns counted for the teacher observed)
        let cases = [
            ("骨干教师每学年上示范课1节", true, false),
            ("青年教师每学期上汇报课1节", true, false),
            ("骨干教师每学年上一节示范课", true, false),
            ("骨干教师每学年上1节示范课", true, false),
            ("每位教师每学年至少上一节校级公开课", true, false),
            ("每人每学期上好一节研讨课", true, false),
            ("每人每学期上课", true, false),
            ("每学年开设公开课", true, false),
            ("骨干教师每学年执教示范课1节", true, false),
            ("骨干教师每学年承担示范课1节", true, false),
            ("新教师每学期汇报课1节", true, false),
            ("骨干教师每学年示范课1节", true, false),
            ("每人每学期被听课不少于2节", true, false),
            ("每人每学期接受推门听课", true, false),
            ("每人每学期授课", true, false),
            ("每人每学期听课不少于10节", false, true),
            ("每人每学期听课记录至少1篇", false, true),
            ("每人每学期听公开课2节", false, true),
            ("每人每学期观摩公开课3节", false, true),
            ("每人每学期听评课10节", false, true),
            ("每人每学期随堂听课", false, true),
            ("每人每学期推门听课5节", false, true),
            ("每人每学期观课议课", false, true),
            ("每人每学期看课不少于8节", false, true),
            ("每人每学期观看名师公开课录像", false, true),
            ("每人每学期观看线上课例2节", false, true),
            ("每人每学期参加公开课研讨", false, true),
            ("每人每学期跟岗学习听课", false, true),
            ("青年教师每学期亮相课1节", true, false),
            ("骨干教师每学年示范课供全校观摩", true, false),
            ("每人每学期开放课堂请同事观课", true, false),
            ("每人每学期邀请教研组长听课1次", true, false),
            ("每人每学期观察示范课2节", false, true),
            ("每人每学期评议公开课2节", false, true),
            ("每人每学期观公开课3节", false, true),
            ("每人每学期点评研讨课2节", false, true),
            ("每人每学期研读示范课录像", false, true),
            // Both, or neither, or a lesson in a contest or away: nothing said.
            ("青年教师每学年参加赛课1节", false, false),
            ("青年教师每学年参加优质课评比", false, false),
            ("骨干教师每学年参与送教下乡", false, false),
            ("骨干教师每学年上示范课并组织评课", false, false),
            ("新教师每学期上汇报课，师傅听课指导", false, false),
            ("骨干教师送教下乡", false, false),
            ("每人每学期说课1次", false, false),
        ];
        for (label, observer, teacher) in cases {
            assert_eq!(
                (
                    warns(label, CountsFor::Record),
                    warns(label, CountsFor::Teacher)
                ),
                (observer, teacher),
                "{label}: {:?}",
                read_label(label)
            );
        }
    }
}
