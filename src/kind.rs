//! The six kinds of record an archive holds.

use serde::Serialize;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Plan,
    Summary,
    Session,
    Reflection,
    Observation,
    Research,
}

impl Kind {
    pub const ALL: [Kind; 6] = [
        Kind::Plan,
        Kind::Summary,
        Kind::Session,
        Kind::Reflection,
        Kind::Observation,
        Kind::Research,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Plan => "plan",
            Kind::Summary => "summary",
            Kind::Session => "session",
            Kind::Reflection => "reflection",
            Kind::Observation => "observation",
            Kind::Research => "research",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Kind::Plan => "计划",
            Kind::Summary => "总结",
            Kind::Session => "活动",
            Kind::Reflection => "反思",
            Kind::Observation => "听课",
            Kind::Research => "课题",
        }
    }

    /// A `kind` value as written in front matter or a rule: English or Chinese.
    pub fn parse(text: &str) -> Option<Kind> {
        let t = text.trim();
        Kind::ALL
            .into_iter()
            .find(|k| k.as_str().eq_ignore_ascii_case(t) || k.label() == t)
    }

    /// A folder name that decides the kind of the documents below it.
    pub fn from_folder(name: &str) -> Option<Kind> {
        let lower = name.to_ascii_lowercase();
        let kind = match lower.as_str() {
            "plan" | "plans" | "计划" => Kind::Plan,
            "summary" | "summaries" | "总结" => Kind::Summary,
            "session" | "sessions" | "活动" | "研修活动" => Kind::Session,
            "reflection" | "reflections" | "反思" => Kind::Reflection,
            "observation" | "observations" | "听课" | "听课记录" => Kind::Observation,
            "research" | "researches" | "课题" => Kind::Research,
            _ => return None,
        };
        Some(kind)
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Kind {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for Kind {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Kind::parse(&s).ok_or_else(|| serde::de::Error::custom(format!("未知的记录类型“{s}”")))
    }
}
