//! ASCII output names derived from Chinese source names: pinyin without tones, so that a path
//! stays readable (`活动/集体备课.md` → `huo-dong/ji-ti-bei-ke`) and works on every file system.

use pinyin::ToPinyin;

/// Surnames read otherwise than the character's usual reading, which pinyin gives (曾 is
/// ceng in 曾经, zeng as a surname).
const SURNAMES: &[(char, &str)] = &[
    ('曾', "zeng"),
    ('单', "shan"),
    ('解', "xie"),
    ('仇', "qiu"),
    ('朴', "piao"),
    ('区', "ou"),
    ('查', "zha"),
    ('盖', "ge"),
    ('乐', "yue"),
    ('覃', "qin"),
    ('缪', "miao"),
    ('翟', "zhai"),
    ('秘', "bi"),
    ('召', "shao"),
    ('冼', "xian"),
    ('种', "chong"),
    ('员', "yun"),
];

/// A person's name as [`slugify`] spells it, but with the surname read as a surname
/// (`曾琳` → `zeng-lin`, not `ceng-lin`).
pub fn slugify_name(name: &str) -> String {
    let name = name.trim_start();
    let mut chars = name.chars();
    match chars
        .next()
        .and_then(|c| SURNAMES.iter().find(|(s, _)| *s == c))
    {
        Some((_, reading)) if chars.as_str().trim().is_empty() => reading.to_string(),
        Some((_, reading)) => format!("{reading}-{}", slugify(chars.as_str())),
        None => slugify(name),
    }
}

/// One path segment (or a name) as lowercase ASCII words joined by `-`.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    // A separator is due before the next word: punctuation or spaces came between.
    let mut gap = false;
    let mut prev_han = false;
    for c in text.chars() {
        let mut ascii = [0u8; 4];
        let (word, han): (&str, bool) = if c.is_ascii_alphanumeric() {
            (c.to_ascii_lowercase().encode_utf8(&mut ascii), false)
        } else if let Some(d) = full_width_digit(c) {
            (d.encode_utf8(&mut ascii), false)
        } else if let Some(p) = c.to_pinyin() {
            (ascii_reading(p.plain()), true)
        } else {
            gap = true;
            continue;
        };
        // Each Chinese character is a word of its own; ASCII runs stay together.
        if !out.is_empty() && (gap || han || prev_han) {
            out.push('-');
        }
        out.push_str(word);
        gap = false;
        prev_han = han;
    }
    if out.is_empty() {
        // A name of symbols only (or of characters pinyin does not know): stable, if not pretty.
        format!("x{:08x}", fnv1a(text) as u32)
    } else if out.len() > MAX_SLUG {
        // A long Chinese file name spells out to several times its length, past what file
        // systems take (255 bytes on most, about 260 for a whole path on Windows): cut at a
        // word, and keep it apart from other long names by a hash of the whole.
        shorten(&out, text, MAX_SLUG)
    } else if is_reserved_on_windows(&out) {
        // Windows makes no file or folder named CON, AUX, NUL … whatever follows the dot:
        // unzipped there, `con.html` would be missing and every link to it broken.
        format!("{out}-1")
    } else {
        out
    }
}

/// `slug` cut at a word to at most `max` bytes, ending in a hash of `source` (what it was made
/// from) that keeps it apart from other long names cut alike.
pub fn shorten(slug: &str, source: &str, max: usize) -> String {
    if slug.len() <= max {
        return slug.to_string();
    }
    let keep = max.saturating_sub(9);
    let cut = slug[..keep].rfind('-').unwrap_or(keep);
    format!("{}-{:08x}", &slug[..cut], fnv1a(source) as u32)
}

/// The longest a name becomes, in bytes (all ASCII).
const MAX_SLUG: usize = 80;

/// A reading in plain ASCII: ü as v, as Chinese keyboards type it (绿 → lv, 略 → lve). The
/// output's paths are ASCII only: a zip names its files in the local code page unless told
/// otherwise, and on a Chinese Windows `lü` comes out as another name, its links broken.
fn ascii_reading(plain: &'static str) -> &'static str {
    if plain.is_ascii() {
        return plain;
    }
    match plain {
        "lü" => "lv",
        "nü" => "nv",
        "lüe" => "lve",
        "nüe" => "nve",
        // Readings of interjections (欸 ê); none other is outside ASCII.
        _ => "e",
    }
}

/// Names Windows keeps for devices, with or without an extension.
fn is_reserved_on_windows(slug: &str) -> bool {
    matches!(slug, "con" | "prn" | "aux" | "nul")
        || (slug.len() == 4
            && (slug.starts_with("com") || slug.starts_with("lpt"))
            && slug.as_bytes()[3].is_ascii_digit())
}

fn full_width_digit(c: char) -> Option<char> {
    ('０'..='９')
        .contains(&c)
        .then(|| char::from(b'0' + (c as u32 - '０' as u32) as u8))
}

/// A hash that is the same on every run and platform, for disambiguating suffixes.
pub fn fnv1a(text: &str) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in text.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

/// A short suffix that tells apart names whose pinyin collides (王丽 and 王莉 are both `wang-li`).
pub fn disambiguator(source: &str) -> String {
    format!("{:06x}", fnv1a(source) & 0xff_ffff)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_becomes_pinyin_words() {
        assert_eq!(slugify("集体备课"), "ji-ti-bei-ke");
        assert_eq!(slugify("2024-09-12-集体备课"), "2024-09-12-ji-ti-bei-ke");
        assert_eq!(slugify("王丽-小数的意义"), "wang-li-xiao-shu-de-yi-yi");
        assert_eq!(slugify("2024-2025"), "2024-2025");
        assert_eq!(slugify("第2次活动"), "di-2-ci-huo-dong");
        assert_eq!(slugify("Unit 3 复习课"), "unit-3-fu-xi-ke");
        assert_eq!(slugify("签到表（0912）"), "qian-dao-biao-0912");
        assert_eq!(slugify("２０２４年"), "2024-nian");
    }

    #[test]
    fn a_surname_is_read_as_a_surname() {
        assert_eq!(slugify_name("曾琳"), "zeng-lin");
        assert_eq!(slugify_name("单丽华"), "shan-li-hua");
        assert_eq!(slugify_name("解放"), "xie-fang");
        assert_eq!(slugify_name("王曾"), "wang-ceng", "only the surname");
        assert_eq!(slugify_name("陈建华"), slugify("陈建华"));
    }

    #[test]
    fn long_names_are_cut_at_a_word_and_stay_apart() {
        let long =
            "关于双减背景下农村小学语文大单元整体教学设计与分层作业实践的深度反思及下一步改进计划";
        let a = slugify(long);
        let b = slugify(&format!("{long}和建议"));
        assert!(a.len() <= MAX_SLUG && b.len() <= MAX_SLUG, "{a} {b}");
        assert!(a.starts_with("guan-yu-shuang-jian-bei-jing-xia"), "{a}");
        assert_ne!(a, b);
        assert_eq!(a, slugify(long), "stable");
        assert_eq!(
            slugify("集体备课"),
            "ji-ti-bei-ke",
            "short names are untouched"
        );
    }

    #[test]
    fn readings_with_u_umlaut_are_spelt_in_ascii() {
        assert_eq!(slugify("绿色"), "lv-se");
        assert_eq!(slugify("教学策略"), "jiao-xue-ce-lve");
        assert_eq!(slugify_name("吕律"), "lv-lv");
        assert_eq!(slugify("女生"), "nv-sheng");
        assert_eq!(slugify("虐"), "nve");
        for c in '\u{4e00}'..='\u{9fa5}' {
            let s = slugify(&c.to_string());
            assert!(s.is_ascii(), "{c} → {s}");
        }
    }

    #[test]
    fn names_windows_keeps_for_devices_get_a_suffix() {
        for (name, slug) in [
            ("CON", "con-1"),
            ("aux", "aux-1"),
            ("Nul", "nul-1"),
            ("prn", "prn-1"),
            ("COM1", "com1-1"),
            ("lpt9", "lpt9-1"),
        ] {
            assert_eq!(slugify(name), slug);
        }
        for name in ["console", "com", "com10", "lpt", "auxiliary", "con-1"] {
            assert_eq!(slugify(name), name, "not reserved");
        }
    }

    #[test]
    fn homophones_collide_and_symbols_still_get_a_name() {
        assert_eq!(slugify("王丽"), slugify("王莉"));
        assert_ne!(disambiguator("王丽"), disambiguator("王莉"));
        let s = slugify("★☆");
        assert!(s.starts_with('x') && s.len() == 9, "{s}");
        assert_eq!(s, slugify("★☆"));
    }
}
