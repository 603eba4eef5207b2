//! Dates as teachers write them, and the school calendar they fall into.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    /// The text is not any of the accepted date forms.
    Unrecognised,
    /// Well-formed but no such day (2024-02-30).
    Impossible { year: i32, month: u32, day: u32 },
}

/// `２.５` → `2.5`: full-width digits and point as a Chinese keyboard types them.
pub fn half_width_digits(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '．' => '.',
            _ => c,
        })
        .collect()
}

/// Why a date that [`parse_date`] does not recognise is not one, when the slip is a usual one:
/// (what is wrong, how to write it). Only called once a date has failed, so it may take its time.
/// `folder` is the first and last day of the school year the record is filed under, if any: a
/// date without its year is given the year that puts it in that school year.
pub fn why_unrecognised(
    text: &str,
    folder: Option<(NaiveDate, NaiveDate)>,
) -> Option<(String, String)> {
    let t = text.trim();
    // `“2024-09-03”`: Chinese quotes, which are letters to YAML, not quotes.
    let bare = t.trim_matches(['“', '”', '‘', '’', '「', '」', '"', '\'']);
    if bare != t && parse_date(bare).is_ok() {
        return Some((
            format!("日期“{t}”带了引号"),
            format!("去掉引号，写成 日期: {bare}"),
        ));
    }
    // `2024-09-03 14:30`, `2024年9月3日下午`: a time or more after the date.
    let mut ends = t
        .char_indices()
        .map(|(i, c)| i + c.len_utf8())
        .collect::<Vec<_>>();
    ends.reverse();
    if let Some(day) = ends
        .into_iter()
        .map(|end| &t[..end])
        .find(|head| head.len() < t.len() && parse_date(head).is_ok())
    {
        return Some((
            format!("日期“{t}”后面多了“{}”", t[day.len()..].trim()),
            format!("只写日期，写成 日期: {}", day.trim()),
        ));
    }
    // `9月3日`, `9-3`, `9/3`: no year.
    let normalised = half_width_digits(t);
    let digits: Vec<&str> = normalised
        .split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty())
        .collect();
    if digits.len() == 2 && digits.iter().all(|d| d.len() <= 2) {
        let (month, day) = (
            digits[0].parse::<u32>().unwrap_or(0),
            digits[1].parse::<u32>().unwrap_or(0),
        );
        // The year that puts the day in the folder's school year, when that day exists (not
        // 2025年2月29日, nor month 18 of `18/12`).
        let in_folder = folder.and_then(|(first, last)| {
            let year = if (month, day) >= (first.month(), first.day()) {
                first.year()
            } else {
                last.year()
            };
            NaiveDate::from_ymd_opt(year, month, day)?;
            Some((SchoolYear(first.year()), year))
        });
        let help = match in_folder {
            Some((sy, year)) => {
                format!("写上年份：记录在 {sy}/ 文件夹中，应是 日期: {year}年{month}月{day}日")
            }
            None => "写上年份，写成 日期: 2024年9月12日 这样的年、月、日".to_string(),
        };
        return Some((format!("日期“{t}”缺少年份"), help));
    }
    None
}

/// Parses `2024-09-12`, `2024/9/12`, `2024.9.12`, `2024年9月12日` (also with `号`), with
/// full-width digits and stray spaces tolerated.
pub fn parse_date(text: &str) -> Result<NaiveDate, DateError> {
    let normalised: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '－' | '／' | '．' | '。' => match c {
                '－' => '-',
                '／' => '/',
                _ => '.',
            },
            _ => c,
        })
        .collect();
    let s = normalised
        .trim_end_matches(['日', '号'])
        .replace(['年', '月'], "-");
    let parts: Vec<&str> = s.split(['-', '/', '.']).collect();
    if parts.len() != 3
        || parts
            .iter()
            .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err(DateError::Unrecognised);
    }
    if parts[0].len() != 4 || parts[1].len() > 2 || parts[2].len() > 2 {
        return Err(DateError::Unrecognised);
    }
    let year: i32 = parts[0].parse().map_err(|_| DateError::Unrecognised)?;
    let month: u32 = parts[1].parse().map_err(|_| DateError::Unrecognised)?;
    let day: u32 = parts[2].parse().map_err(|_| DateError::Unrecognised)?;
    NaiveDate::from_ymd_opt(year, month, day).ok_or(DateError::Impossible { year, month, day })
}

/// A school year, named by the calendar year it starts in: `SchoolYear(2024)` is 2024-2025.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SchoolYear(pub i32);

impl SchoolYear {
    /// A folder named like `2024-2025` (four digits, one sign, four digits): what [`parse`]
    /// accepts in nine bytes, without its allocations. Every record's folders are read this way
    /// on each update of the live preview (Y117, Y118), for 10,000 records at a time.
    ///
    /// [`parse`]: SchoolYear::parse
    pub fn from_folder(name: &str) -> Option<SchoolYear> {
        let b = name.as_bytes();
        let digits = |r: std::ops::Range<usize>| -> Option<i32> {
            b[r].iter().try_fold(0i32, |n, &c| {
                c.is_ascii_digit().then(|| n * 10 + i32::from(c - b'0'))
            })
        };
        if b.len() != 9 || b[4].is_ascii_digit() || b[4].is_ascii_whitespace() || !b[4].is_ascii() {
            return None;
        }
        let (a, z) = (digits(0..4)?, digits(5..9)?);
        (z == a + 1).then_some(SchoolYear(a))
    }

    /// Accepts `2024-2025`, `2024—2025`, `2024~2025`, `2024至2025`, optionally followed by `学年`.
    pub fn parse(text: &str) -> Option<SchoolYear> {
        let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        let t = t.trim_end_matches("学年");
        let digits: Vec<&str> = t
            .split(|c: char| !c.is_ascii_digit())
            .filter(|p| !p.is_empty())
            .collect();
        match digits.as_slice() {
            [a, b] if a.len() == 4 && b.len() == 4 => {
                let a: i32 = a.parse().ok()?;
                let b: i32 = b.parse().ok()?;
                (b == a + 1).then_some(SchoolYear(a))
            }
            _ => None,
        }
    }
}

impl fmt::Display for SchoolYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.0, self.0 + 1)
    }
}

impl Serialize for SchoolYear {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Semester {
    First,
    Second,
}

impl Semester {
    pub const BOTH: [Semester; 2] = [Semester::First, Semester::Second];

    /// Accepts `第一学期`/`第二学期`, `上学期`/`下学期`, `1`/`2`, `first`/`second`.
    pub fn parse(text: &str) -> Option<Semester> {
        match text.trim() {
            "第一学期" | "上学期" | "第1学期" | "1" | "一" | "first" | "First" => {
                Some(Semester::First)
            }
            "第二学期" | "下学期" | "第2学期" | "2" | "二" | "second" | "Second" => {
                Some(Semester::Second)
            }
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Semester::First => "第一学期",
            Semester::Second => "第二学期",
        }
    }
}

impl fmt::Display for Semester {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// A day of the year without a year, as `school_year_start: "09-01"` gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct MonthDay {
    pub month: u32,
    pub day: u32,
}

impl MonthDay {
    pub fn parse(text: &str) -> Option<MonthDay> {
        let (m, d) = text.trim().split_once(['-', '/', '.'])?;
        let md = MonthDay {
            month: m.parse().ok()?,
            day: d.parse().ok()?,
        };
        // 2024 is a leap year, so 02-29 is accepted as a day that exists in some years.
        NaiveDate::from_ymd_opt(2024, md.month, md.day).map(|_| md)
    }

    fn in_year(self, year: i32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, self.month, self.day)
            .or_else(|| NaiveDate::from_ymd_opt(year, self.month, self.day - 1))
            .expect("MonthDay is validated on construction")
    }
}

/// The school calendar: where school years and semesters begin.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SchoolCalendar {
    pub school_year_start: MonthDay,
    pub second_semester_start: MonthDay,
}

impl Default for SchoolCalendar {
    fn default() -> Self {
        SchoolCalendar {
            school_year_start: MonthDay { month: 9, day: 1 },
            second_semester_start: MonthDay { month: 2, day: 1 },
        }
    }
}

impl SchoolCalendar {
    pub fn school_year_of(&self, date: NaiveDate) -> SchoolYear {
        let start = self.school_year_start.in_year(date.year());
        if date >= start {
            SchoolYear(date.year())
        } else {
            SchoolYear(date.year() - 1)
        }
    }

    pub fn semester_of(&self, date: NaiveDate) -> (SchoolYear, Semester) {
        let year = self.school_year_of(date);
        let (second_start, _) = self.semester_bounds(year, Semester::Second);
        let semester = if date >= second_start {
            Semester::Second
        } else {
            Semester::First
        };
        (year, semester)
    }

    /// First and last day (inclusive) of a school year.
    pub fn year_bounds(&self, year: SchoolYear) -> (NaiveDate, NaiveDate) {
        let first = self.school_year_start.in_year(year.0);
        let next = self.school_year_start.in_year(year.0 + 1);
        (first, next.pred_opt().unwrap_or(next))
    }

    /// First and last day (inclusive) of a semester.
    pub fn semester_bounds(&self, year: SchoolYear, semester: Semester) -> (NaiveDate, NaiveDate) {
        let (first, last) = self.year_bounds(year);
        // The second semester starts on the first `second_semester_start` after the year began.
        let mut second = self.second_semester_start.in_year(year.0);
        if second <= first {
            second = self.second_semester_start.in_year(year.0 + 1);
        }
        match semester {
            Semester::First => (first, second.pred_opt().unwrap_or(second)),
            Semester::Second => (second, last),
        }
    }
}

/// A period a rule is counted over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Period {
    SchoolYear(SchoolYear),
    Semester(SchoolYear, Semester),
    CalendarYear(i32),
}

impl Period {
    pub fn bounds(&self, cal: &SchoolCalendar) -> (NaiveDate, NaiveDate) {
        match *self {
            Period::SchoolYear(y) => cal.year_bounds(y),
            Period::Semester(y, s) => cal.semester_bounds(y, s),
            Period::CalendarYear(y) => (
                NaiveDate::from_ymd_opt(y, 1, 1).expect("valid"),
                NaiveDate::from_ymd_opt(y, 12, 31).expect("valid"),
            ),
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Period::SchoolYear(y) => write!(f, "{y}学年"),
            Period::Semester(y, s) => write!(f, "{y}学年{s}"),
            Period::CalendarYear(y) => write!(f, "{y}年度"),
        }
    }
}

impl Serialize for Period {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::SchoolYear;

    /// A folder's year reads as `SchoolYear::parse` reads the same nine bytes.
    #[test]
    fn a_folder_year_is_what_parse_reads() {
        for name in [
            "2024-2025",
            "2024_2025",
            "2024.2025",
            "2024~2025",
            "2024 2025",
            "2024-2026",
            "2024-202x",
            "20242-025",
            "反思",
            "2024-2025学年",
            "",
            "0000-0001",
            "2024--025",
            "2024\t2025",
        ] {
            let parsed = (name.len() == 9).then(|| SchoolYear::parse(name)).flatten();
            assert_eq!(SchoolYear::from_folder(name), parsed, "{name:?}");
        }
        assert_eq!(SchoolYear::from_folder("2024-2025"), Some(SchoolYear(2024)));
    }

    #[test]
    fn usual_slips_in_a_date_are_named() {
        let why = |t: &str| why_unrecognised(t, None).map(|(m, h)| format!("{m} / {h}"));
        assert_eq!(
            why("2024-09-03 14:30").as_deref(),
            Some("日期“2024-09-03 14:30”后面多了“14:30” / 只写日期，写成 日期: 2024-09-03")
        );
        assert_eq!(
            why("‘2024年9月3日’").as_deref(),
            Some("日期“‘2024年9月3日’”带了引号 / 去掉引号，写成 日期: 2024年9月3日")
        );
        assert_eq!(
            why("9-03").as_deref(),
            Some("日期“9-03”缺少年份 / 写上年份，写成 日期: 2024年9月12日 这样的年、月、日")
        );
        assert_eq!(why("下周二"), None);
    }

    #[test]
    fn a_date_without_its_year_is_given_the_year_of_its_folder() {
        // Filed under 2025-2026/ (2025-09-01 to 2026-08-31): 12月 is 2025, 3月 is 2026. The
        // help once said 2024 whatever the folder, and followed literally moved the record
        // into another school year.
        let folder = Some((d(2025, 9, 1), d(2026, 8, 31)));
        let help = |t: &str| why_unrecognised(t, folder).map(|(_, h)| h);
        assert_eq!(
            help("12月18日").as_deref(),
            Some("写上年份：记录在 2025-2026/ 文件夹中，应是 日期: 2025年12月18日")
        );
        assert_eq!(
            help("3月5日").as_deref(),
            Some("写上年份：记录在 2025-2026/ 文件夹中，应是 日期: 2026年3月5日")
        );
        assert_eq!(
            help("9/1").as_deref(),
            Some("写上年份：记录在 2025-2026/ 文件夹中，应是 日期: 2025年9月1日")
        );
        // No day that does not exist is offered: 2026 has no 2月29日, no year has month 18.
        for t in ["2月29日", "18/12", "13月5日"] {
            assert_eq!(
                help(t).as_deref(),
                Some("写上年份，写成 日期: 2024年9月12日 这样的年、月、日"),
                "{t}"
            );
        }
    }

    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn accepts_every_written_form() {
        for text in [
            "2024-09-12",
            "2024/9/12",
            "2024.9.12",
            "2024年9月12日",
            "2024年9月12号",
            "２０２４年９月１２日",
            " 2024 - 9 - 12 ",
        ] {
            assert_eq!(parse_date(text), Ok(d(2024, 9, 12)), "{text}");
        }
    }

    #[test]
    fn rejects_impossible_and_garbage() {
        assert_eq!(
            parse_date("2024-02-30"),
            Err(DateError::Impossible {
                year: 2024,
                month: 2,
                day: 30
            })
        );
        assert_eq!(parse_date("九月十二日"), Err(DateError::Unrecognised));
        assert_eq!(parse_date("2024-09"), Err(DateError::Unrecognised));
        assert_eq!(parse_date("24-9-12"), Err(DateError::Unrecognised));
    }

    #[test]
    fn semester_boundaries_with_default_calendar() {
        let cal = SchoolCalendar::default();
        assert_eq!(
            cal.semester_of(d(2024, 8, 31)),
            (SchoolYear(2023), Semester::Second)
        );
        assert_eq!(
            cal.semester_of(d(2024, 9, 1)),
            (SchoolYear(2024), Semester::First)
        );
        assert_eq!(
            cal.semester_of(d(2025, 1, 31)),
            (SchoolYear(2024), Semester::First)
        );
        assert_eq!(
            cal.semester_of(d(2025, 2, 1)),
            (SchoolYear(2024), Semester::Second)
        );
        assert_eq!(
            cal.year_bounds(SchoolYear(2024)),
            (d(2024, 9, 1), d(2025, 8, 31))
        );
    }

    #[test]
    fn configured_calendar_moves_boundaries() {
        let cal = SchoolCalendar {
            school_year_start: MonthDay::parse("08-25").unwrap(),
            second_semester_start: MonthDay::parse("02-15").unwrap(),
        };
        assert_eq!(
            cal.semester_of(d(2024, 8, 25)),
            (SchoolYear(2024), Semester::First)
        );
        assert_eq!(
            cal.semester_of(d(2024, 8, 24)),
            (SchoolYear(2023), Semester::Second)
        );
        assert_eq!(
            cal.semester_of(d(2025, 2, 14)),
            (SchoolYear(2024), Semester::First)
        );
        assert_eq!(
            cal.semester_of(d(2025, 2, 15)),
            (SchoolYear(2024), Semester::Second)
        );
    }

    #[test]
    fn school_year_names() {
        assert_eq!(SchoolYear::parse("2024-2025"), Some(SchoolYear(2024)));
        assert_eq!(SchoolYear::parse("2024—2025学年"), Some(SchoolYear(2024)));
        assert_eq!(SchoolYear::parse("2024-2026"), None);
        assert_eq!(SchoolYear(2024).to_string(), "2024-2025");
    }
}
