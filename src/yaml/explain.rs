//! Saying in a teacher's words what is wrong with YAML that does not parse: the parser's
//! complaints translated, and the usual slips found by reading the lines, at their cause.

use super::lines::find_key_colon;
use super::{FRONT, YamlError, depth};

impl YamlError {
    /// A Chinese explanation and a fix for the parser's most common complaints.
    pub fn explain(&self) -> (String, String) {
        if self.too_deep {
            return (
                format!(
                    "嵌套超过 {} 层（方括号 [ ]、花括号 {{ }} 或一行中连续的 - ），无法读取",
                    depth::MAX_DEPTH
                ),
                "列表只需一层方括号，如 标签: [甲, 乙]；检查这一行是不是误输入或误粘贴了大量 [ 或 {"
                    .to_string(),
            );
        }
        let d = self.detail.as_str();
        // The parser's complaints, most common first, in the teacher's words. `FRONT` is
        // replaced by the file's name for yanxiu.yaml and teachers.yaml.
        let (msg, help) = if d.contains("mapping values are not allowed") {
            (
                "这一行的值里有“: ”（冒号加空格），被当成了又一个“键: 值”",
                "给整个值加上引号，例如 标题: \"活动：主题研讨\"",
            )
        } else if d.contains("duplicate entry") || d.contains("duplicate key") {
            ("同一个键出现了两次", "删除重复的一行，或把两处内容合并")
        } else if d.contains("did not find expected key") || d.contains("expected <block end>") {
            (
                "缩进不一致，无法判断这一行属于哪个键",
                "检查这一行与上一行的缩进：同一层的键要对齐，只用空格，不用 Tab",
            )
        } else if d.contains("could not find expected ':'") {
            (
                "这一行不是“键: 值”：缺少冒号，或冒号后面少了空格",
                "写成 键: 值（半角冒号后加一个半角空格）",
            )
        } else if d.contains("found character that cannot start any token") {
            (
                "这一行开头有不能这样用的字符（常见的是 Tab 或 @、`）",
                "把 Tab 换成空格；以特殊符号开头的值请加引号",
            )
        } else if d.contains("tab character") {
            ("这一行用 Tab 缩进了", "把行首的 Tab 换成半角空格")
        } else if d.contains("did not find expected '-'") {
            (
                "列表项的缩进不一致",
                "同一列表的每一项（- 开头）要对齐，只用空格，不用 Tab",
            )
        } else if d.contains("block sequence entries are not allowed") {
            (
                "“- ”只能用在单独一行的列表项开头，这里写在了值里",
                "值本身以 - 开头时请加引号，例如 标题: \"- 反思\"；列表的每一项另起一行写 - 项",
            )
        } else if d.contains("mapping keys are not allowed") {
            (
                "值以“? ”开头，这个写法有特殊含义",
                "给整个值加上引号，例如 标题: \"? 反思\"",
            )
        } else if d.contains("found unexpected end of stream") || d.contains("quoted scalar") {
            (
                "引号没有配对",
                "检查每个值的引号是否成对；值中要用引号时请用中文引号“ ”",
            )
        } else if d.contains("unknown escape character") || d.contains("hexadecimal") {
            (
                "双引号里的反斜杠 \\ 不能这样用（如 \"C:\\Users\\…\"）",
                "路径请用 / 分隔，或把双引号换成单引号；电脑上的文件要先复制进档案的 附件/ 文件夹",
            )
        } else if d.contains("did not find expected comment or line break") {
            (
                "引号或括号结束后，同一行还有别的文字",
                "给整个值换一种引号，或把多余的文字放进引号里",
            )
        } else if d.contains("while parsing a flow") || d.contains("did not find expected ',' or") {
            (
                "方括号或引号没有配对",
                "检查 [ ] 与引号是否成对，列表项之间用英文逗号分隔",
            )
        } else if d.contains("alias") || d.contains("anchor") || d.contains("tag") {
            (
                "值以 *、& 或 ! 开头，这些符号有特殊含义",
                "给整个值加上引号，例如 标题: \"*反思\"",
            )
        } else if d.contains("control characters") || d.contains("UTF-8") {
            (
                "这一行有看不见的控制字符",
                "删掉这一行重新输入（常见于从网页或 Word 粘贴的文字）",
            )
        } else if d.contains("invalid type") || d.contains("expected a") {
            ("FRONT的整体结构不对，应为“键: 值”的列表", "每行写成 键: 值")
        } else {
            // Not one we know: said in Chinese, with the parser's words last for whoever helps.
            return (
                format!("{FRONT}有一处写法读不懂"),
                format!(
                    "每行写成 键: 值；含有冒号、# 或以特殊符号开头的值请加引号（程序的原始说明：{d}）"
                ),
            );
        };
        (msg.replace("FRONT", FRONT), help.to_string())
    }
}

/// What to tell about a YAML file that does not parse (yanxiu.yaml, teachers.yaml): the line
/// and words of [`diagnose`] when it finds the cause, else the parser's.
pub fn explain_file(text: &str, e: &YamlError, file: &str) -> (Option<u32>, String, String) {
    if e.too_deep {
        let (msg, help) = e.explain();
        return (e.line, msg, help);
    }
    match diagnose(text, false) {
        Some((line, _, msg, help)) => (Some(line), msg, help),
        None => {
            let (msg, help) = e.explain();
            (e.line, msg.replace(FRONT, file), help)
        }
    }
}

/// A slip as [`diagnose`] tells it: line and column (from 1), message, help.
pub type Found = (u32, u32, String, String);

/// A mistake the YAML parser would report late, vaguely or in English, found by reading the
/// lines the way a teacher writes them: (line from 1, column from 1, message, help). The
/// parser points at where it gave up (often the closing `---`); this points at the cause.
/// `front_matter`: the text is a record's front matter, whose end a teacher may forget.
pub fn diagnose(text: &str, front_matter: bool) -> Option<Found> {
    find_slip(text, front_matter).map(|s| (s.line, s.column, s.message, s.help))
}

/// What [`diagnose_all`] found: every slip, in line order, and what the parser still cannot
/// read once they are set aside (`None` when the rest reads).
#[derive(Debug)]
pub struct Diagnosis {
    pub slips: Vec<Found>,
    pub rest: Option<YamlError>,
    /// The line of a slip that ends the keys (the closing `---` forgotten): it and the lines
    /// below are the body.
    pub keys_end: Option<u32>,
}

/// Every slip in a record's front matter that does not parse, in line order, and what the parser
/// still cannot read once they are set aside (`rest`, `None` when the rest reads). DESIGN §7 wants every
/// problem of a file said at once: a teacher with a Tab on one line and an unclosed `[` on another
/// should not have to fix one, run again and only then learn of the other. After each slip its
/// line, and the lines indented under it, are blanked and the slips looked for again, up to
/// `limit`; a slip that ends the keys (the closing `---` forgotten) ends the search, as every
/// line below it is the body.
pub fn diagnose_all(text: &str, limit: usize) -> Diagnosis {
    let mut slips = Vec::new();
    let mut text = text.to_string();
    loop {
        let error = match super::parse(&text) {
            Ok(_) => {
                return Diagnosis {
                    slips,
                    rest: None,
                    keys_end: None,
                };
            }
            Err(e) => e,
        };
        if error.too_deep || slips.len() >= limit {
            return Diagnosis {
                slips,
                rest: Some(error),
                keys_end: None,
            };
        }
        let Some(slip) = find_slip(&text, true) else {
            return Diagnosis {
                slips,
                rest: Some(error),
                keys_end: None,
            };
        };
        let (ends, line) = (slip.ends_keys, slip.line);
        text = without_line(&text, slip.line);
        slips.push((slip.line, slip.column, slip.message, slip.help));
        if ends {
            return Diagnosis {
                slips,
                rest: None,
                keys_end: Some(line),
            };
        }
    }
}

/// `text` with line `n` (from 1) blank, and, when that line is a key whose value follows on
/// the lines below (`标签:`), those indented lines too: what is left reads as it would have
/// without that key, and keeps its line numbers.
fn without_line(text: &str, n: u32) -> String {
    let mut out = String::with_capacity(text.len());
    let mut opens_block = false;
    let mut blanking = false;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        let this = i as u32 + 1;
        if this == n {
            opens_block = line.trim_end().ends_with([':', '：']);
            blanking = true;
        } else if blanking {
            let indented = line.starts_with([' ', '\t', '\u{3000}']) || line.trim().is_empty();
            blanking = opens_block && indented;
        }
        if blanking {
            out.push_str(if line.ends_with('\n') { "\n" } else { "" });
        } else {
            out.push_str(line);
        }
    }
    out
}

/// A slip found by [`find_slip`].
struct Slip {
    line: u32,
    column: u32,
    message: String,
    help: String,
    /// From this line on the text is the body (the closing `---` was forgotten): nothing
    /// below it is a key.
    ends_keys: bool,
}

impl Slip {
    fn new(line: u32, column: u32, message: String, help: String) -> Slip {
        Slip {
            line,
            column,
            message,
            help,
            ends_keys: false,
        }
    }

    fn ending_keys(self) -> Slip {
        Slip {
            ends_keys: true,
            ..self
        }
    }
}

fn find_slip(text: &str, front_matter: bool) -> Option<Slip> {
    let mut previous_has_value = false;
    // The closer of a `[` or `{` left open on an earlier line: the lines up to it are items.
    let mut open: Option<char> = None;
    // The indent of a key whose value is a block of text (`摘要: |`): lines indented deeper are
    // that text, whatever they look like.
    let mut block_text: Option<usize> = None;
    for (i, line) in text.lines().enumerate() {
        let n = i as u32 + 1;
        if let Some(closer) = open {
            if line.contains(closer) {
                open = None;
            }
            continue;
        }
        let trimmed = line.trim_start_matches([' ', '\u{3000}']);
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let indent = line.len() - trimmed.len();
        match block_text {
            Some(at) if indent > at => continue,
            _ => block_text = None,
        }
        // A slip of what one line says (a quote, a bracket, a sign): only when the parser cannot
        // read that line on its own either. A valid line (`摘要: 'Tom''s 课'`, a plan row
        // `- {序号: "1", …}`) is never blamed for another line's slip.
        let unreadable_alone = || super::parse(trimmed).is_err();
        let column = line[..indent].chars().count() as u32 + 1;
        // `　作者: 周敏`: a key after full-width spaces only, which the parser reads as the key it
        // is (no slip, and no indented line either); a list item or a value after them it cannot.
        let fullwidth_key = indent > 0
            && line[..indent].chars().all(|c| c == '\u{3000}')
            && !trimmed.starts_with(['\t', '-'])
            && find_key_colon(trimmed).is_some();
        let indent = if fullwidth_key { 0 } else { indent };
        if trimmed.starts_with('\t') || line[..indent].contains('\u{3000}') {
            // Named for what it is: a Tab shows as spaces, and a teacher looking for a space
            // to delete sees nothing wrong.
            let (what, help) = if trimmed.starts_with('\t') {
                (
                    "Tab（制表符，看上去像几个空格）",
                    "把光标放在行首，删掉这段空白后重新输入；需要缩进时只用半角空格",
                )
            } else {
                ("全角空格", "删掉行首的全角空格；需要缩进时只用半角空格")
            };
            return Some(Slip::new(
                n,
                1,
                format!("这一行开头有 {what}，读不出这一行"),
                help.into(),
            ));
        }
        // `-王芳` at the left edge of a front matter reads alone as a word, yet in a front matter
        // it is a line without a key, which is where the parser stops: the next line.
        if let Some(rest) = trimmed.strip_prefix('-')
            && !rest.is_empty()
            && !rest.starts_with([' ', '-'])
            && (unreadable_alone()
                || (front_matter && indent == 0 && find_key_colon(trimmed).is_none()))
        {
            return Some(Slip::new(
                n,
                column,
                format!("列表项“{trimmed}”的 - 后面没有空格"),
                if previous_has_value {
                    // `作者: 周敏` then `-王小明`: a list item belongs under a key with no value.
                    format!("写成 - {rest}，放在它所属的键下面（那个键的冒号后面不写值）")
                } else {
                    format!("写成 - {rest}")
                },
            ));
        }
        // The key of a list item's map (`- 姓名: 周敏`) is read like any other.
        let dash = if trimmed.starts_with("- ") { 2 } else { 0 };
        let item = &trimmed[dash..];
        // A row written on one line in braces or brackets (`- {序号: "1", 内容: 备课}`): read
        // whole, or, when it does not close on its line, up to the line that closes it.
        if let Some(closer) = match item.chars().next() {
            Some('{') => Some('}'),
            Some('[') => Some(']'),
            _ => None,
        } {
            if !unreadable_alone() {
                previous_has_value = false;
                continue;
            }
            // Closed on a later line, when the lines between go on with it rather than start
            // items of their own.
            let goes_on = text
                .lines()
                .skip(i + 1)
                .find(|l| !l.trim().is_empty())
                .is_some_and(|l| !l.trim_start().starts_with('-'));
            if !item.contains(closer)
                && goes_on
                && text.lines().skip(i + 1).any(|l| l.contains(closer))
            {
                open = Some(closer);
                continue;
            }
            // `{id: r1, label: 听课不少于{min}节}`: braces inside a word of a value (a rule's
            // `{min}`) end the line's own braces for YAML; they are paired, the value is not
            // quoted.
            let chars: Vec<char> = item.chars().collect();
            let inner_brace =
                chars.iter().enumerate().skip(1).any(|(k, &c)| {
                    c == '{' && !matches!(chars[k - 1], ' ' | ':' | ',' | '{' | '[')
                });
            if closer == '}' && inner_brace {
                return Some(Slip::new(
                    n,
                    column,
                    "这一行的一个值里有花括号 { }（如 {min}），而整行写在 { } 里，读不出来"
                        .to_string(),
                    "给含花括号的值加上引号，例如 label: \"每人每学期听课不少于{min}节\""
                        .to_string(),
                ));
            }
            // A plan's row is the usual line in braces; a line in brackets is most often an
            // item of a list of words written with brackets it does not need.
            let example = if closer == '}' {
                "检查这一行的括号和引号是否成对，例如 - {序号: \"1\", 内容: 集体备课, 时间: 9月}"
            } else {
                "检查这一行的方括号和引号是否成对；列表的一项直接写文字即可，例如 - 反思"
            };
            return Some(Slip::new(
                n,
                column,
                format!("这一行的 {} {closer} 或引号没有配对，读不出来", &item[..1]),
                example.to_string(),
            ));
        }
        let Some(colon) = find_key_colon(item) else {
            // `作着:郑涛`: no space after the colon, so YAML reads one word, not a key. (A known
            // key is mended before the parser sees it; this is for the others.)
            if let Some(at) = item.find(':')
                && plausible_key(&item[..at])
                && !item[at + 1..].starts_with("//")
            {
                let key = &item[..at];
                let value = item[at + 1..].trim_end();
                return Some(Slip::new(
                    n,
                    column + dash as u32 + key.chars().count() as u32 + 1,
                    format!("“{key}:”后面少了一个空格"),
                    format!("在冒号后加一个半角空格，写成 {key}: {value}"),
                ));
            }
            // `学校：青溪镇中心小学`: a full-width colon, which YAML does not take for one.
            if let Some(at) = item.find('：') {
                let key = &item[..at];
                if !key.is_empty()
                    && key.chars().count() <= 20
                    && !key.contains(char::is_whitespace)
                {
                    return Some(Slip::new(
                        n,
                        column + dash as u32 + key.chars().count() as u32,
                        format!("“{key}”后面用了全角冒号“：”，读不出这一行"),
                        format!("改成半角冒号加空格：{key}: …"),
                    ));
                }
            }
            // `作者 徐丽君`: a key and its value with a space where the colon should be. Told
            // from the first line of a body by keys below it, or by being as short as a key line.
            if indent == 0
                && dash == 0
                && let Some((word, rest)) = item.trim_end().split_once([' ', '\u{3000}', '\t'])
                && plausible_key(word)
                && word.chars().count() <= 8
                && !rest.trim().is_empty()
                && (!front_matter
                    || item.chars().count() <= 30
                    || text.lines().skip(i + 1).any(|l| {
                        !l.starts_with([' ', '\t', '#', '-']) && find_key_colon(l).is_some()
                    }))
            {
                return Some(Slip::new(
                    n,
                    column + word.chars().count() as u32,
                    format!("“{word}”后面少了冒号，读不出这一行"),
                    format!("写成 {word}: {}（半角冒号加一个空格）", rest.trim()),
                ));
            }
            // A line of its own at the left edge that is no `key: value`: in a record, most
            // often the body, written on after the keys without the closing `---`.
            if front_matter
                && indent == 0
                && dash == 0
                && !item.starts_with(['[', ']', '{', '}', '"', '\'', '-', '?', '|', '>'])
            {
                let shown: String = item.trim_end().chars().take(20).collect();
                let more = if item.trim_end().chars().count() > 20 {
                    "…"
                } else {
                    ""
                };
                return Some(Slip::new(
                    n,
                    1,
                    format!("“{shown}{more}”不是“键: 值”：文件开头的信息区好像少了结束的 ---"),
                    "如果从这一行起是正文，请在它上面单独加一行 ---；如果它是上一行的值，请接在上一行的冒号后面"
                        .into(),
                ).ending_keys());
            }
            previous_has_value = false;
            continue;
        };
        let key = item[..colon].trim();
        let value = item[colon + 1..].trim();
        // A key indented under a key that already has its value on its own line.
        if indent > 0 && previous_has_value && dash == 0 {
            return Some(Slip::new(
                n,
                1,
                format!("“{key}”这一行前面多了空格"),
                "删掉行首的空格，让它与上面的键对齐".into(),
            ));
        }
        let block = value.starts_with(['|', '>']) && value.len() <= 3;
        if block {
            block_text = Some(indent);
        }
        // Only a top-level key with its value on its line has nothing below it.
        previous_has_value = indent == 0 && !value.is_empty() && !value.starts_with('#') && !block;
        let value_column = |v: &str| {
            let at = line
                .find(':')
                .map_or(0, |c| c + line[c..].find(v).unwrap_or(0));
            line[..at].chars().count() as u32 + 1
        };
        let quoted = |q: char| -> Option<Slip> {
            let body = value.strip_prefix(q)?;
            match body.find(q) {
                None => Some(Slip::new(
                    n,
                    value_column(value),
                    format!("“{key}”的值以引号 {q} 开头，却没有配对的 {q} 结尾"),
                    format!("在值的末尾补上 {q}，或去掉开头的引号"),
                )),
                Some(end)
                    if !body[end + q.len_utf8()..].trim().is_empty()
                        && !body[end + q.len_utf8()..].trim().starts_with('#') =>
                {
                    Some(Slip::new(
                        n,
                        value_column(value),
                        format!("“{key}”的值以引号开头，引号后面还有文字，读不出来"),
                        format!(
                            "给整个值换一种引号，例如 {key}: \"{}\"",
                            chinese_quotes(value)
                        ),
                    ))
                }
                _ => None,
            }
        };
        if let Some(found) = quoted('"').or_else(|| quoted('\''))
            && unreadable_alone()
        {
            return Some(found);
        }
        // `标题: 教后反思: 小数`: a second `: ` in the value, which YAML takes for a key of its
        // own. Word's quotes (“…”) around the value do not quote it for YAML.
        let uncommented = value.find(" #").map_or(value, |c| &value[..c]).trim_end();
        let colon_at = uncommented
            .find(": ")
            .or_else(|| uncommented.strip_suffix(':').map(str::len));
        if !value.starts_with(['"', '\'', '[', '{', '|', '>', '#'])
            && let Some(at) = colon_at
            && unreadable_alone()
        {
            let (inner, quotes) = match value.strip_prefix('“').and_then(|v| v.strip_suffix('”'))
            {
                Some(inner) => (inner, "“ ”是中文引号，不起作用；"),
                None => (value, ""),
            };
            return Some(Slip::new(
                n,
                value_column(value) + value[..at].chars().count() as u32,
                format!("“{key}”的值里有冒号“:”（后面是空格或行尾），会被当成又一个“键: 值”"),
                format!(
                    "{quotes}给整个值加上半角引号，写成 {key}: \"{}\"",
                    chinese_quotes(inner)
                ),
            ));
        }
        // `标题: - 反思`, `标题: ? 反思`: a list item or a complex key to YAML, not text.
        if let Some(sign) = ["- ", "? "].iter().find(|p| value.starts_with(**p))
            && unreadable_alone()
        {
            return Some(Slip::new(
                n,
                value_column(value),
                format!(
                    "“{key}”的值以“{}”开头，这个写法有特殊含义，读不出来",
                    sign.trim_end()
                ),
                format!("给整个值加上引号，例如 {key}: \"{value}\""),
            ));
        }
        // `标签: [正面管教, "读书]`: a quote opened in a list and never closed; the parser reads
        // on to the end of the front matter and says so at the closing ---.
        if value.starts_with('[')
            && let Some(q) = ['"', '\'']
                .into_iter()
                .find(|&q| value.matches(q).count() % 2 == 1)
            && unreadable_alone()
        {
            let at = value.rfind(q).unwrap_or(0);
            return Some(Slip::new(
                n,
                value_column(value) + value[..at].chars().count() as u32,
                format!("“{key}”的列表里有一个引号 {q} 没有配对"),
                format!("删掉这个 {q}，或在这一项的末尾补上另一个 {q}"),
            ));
        }
        for (opener, closer) in [('[', ']'), ('{', '}')] {
            if value.starts_with(opener) && !value.contains(closer) {
                open = Some(closer);
            }
        }
        // `标签: [读书, [反思]`: a `[` more than `]` on a line whose next line is a key of its
        // own; the parser reads on into that line and says nothing of this one.
        let next_is_key = || {
            text.lines()
                .skip(i + 1)
                .find(|l| !l.trim().is_empty())
                .is_none_or(|l| {
                    l.trim_end() == "---"
                        || (!l.starts_with([' ', '\t']) && find_key_colon(l).is_some())
                })
        };
        if value.starts_with('[')
            && value.matches(']').count() > value.matches('[').count()
            && unreadable_alone()
        {
            let mended = format!(
                "{}]",
                value.trim_end_matches(|c: char| c == ']' || c.is_whitespace())
            );
            return Some(Slip::new(
                n,
                value_column(value),
                format!("“{key}”的值里 ] 比 [ 多，方括号没有配对"),
                format!("删掉多余的 ]，写成 {key}: {mended}"),
            ));
        }
        if value.starts_with('[')
            && value.matches('[').count() > value.matches(']').count()
            && value.contains(']')
            && next_is_key()
            && unreadable_alone()
        {
            return Some(Slip::new(
                n,
                value_column(value),
                format!("“{key}”的值里 [ 比 ] 多，方括号没有配对"),
                format!("列表只用一层方括号，例如 {key}: [第一项, 第二项]"),
            ));
        }
        if let Some(body) = value.strip_prefix('[')
            && unreadable_alone()
        {
            match body.find(']') {
                // Open on its line with a key of its own next: a list may go on over lines,
                // but not into the next key (found when the `]` was on a later line, the
                // parser's complaint fell on a line with nothing wrong).
                None if next_is_key() || !text.lines().skip(i + 1).any(|l| l.contains(']')) => {
                    return Some(Slip::new(
                        n,
                        value_column(value),
                        format!("“{key}”的值以 [ 开头，却没有 ] 结尾"),
                        format!("补上 ]，例如 {key}: [第一项, 第二项]"),
                    ));
                }
                Some(end)
                    if !body[end + 1..].trim().is_empty()
                        && !body[end + 1..].trim().starts_with('#') =>
                {
                    return Some(Slip::new(
                        n,
                        value_column(value),
                        format!("“{key}”的值以 [ 开头，被当成了列表"),
                        format!("给整个值加上引号，例如 {key}: \"{value}\""),
                    ));
                }
                _ => {}
            }
        }
        if value.starts_with(['*', '&', '!', '@', '`', '%', '|', '>', '{'])
            && !(value.starts_with('{') && value.ends_with('}'))
            && !block
            && unreadable_alone()
        {
            return Some(Slip::new(
                n,
                value_column(value),
                format!("“{key}”的值以“{}”开头，这个符号在这里另有含义", &value[..1]),
                format!("给整个值加上引号，例如 {key}: \"{value}\""),
            ));
        }
    }
    None
}

/// A word that can be a key a person typed: short, one word, not a time or a number.
fn plausible_key(key: &str) -> bool {
    !key.is_empty()
        && key.chars().count() <= 20
        && !key.contains(char::is_whitespace)
        && !key.chars().all(|c| c.is_ascii_digit())
}

/// `"Unit 3" 教学反思` with its quotes made Chinese ones, opening and closing in turn
/// (“Unit 3” 教学反思), so that the whole can go between ASCII quotes.
fn chinese_quotes(value: &str) -> String {
    let mut inside = false;
    value
        .chars()
        .map(|c| match c {
            '"' => {
                inside = !inside;
                if inside { '“' } else { '”' }
            }
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::parse;

    #[test]
    fn quotes_inside_a_value_become_chinese_ones_in_turn() {
        assert_eq!(chinese_quotes("\"Unit 3\" 教学反思"), "“Unit 3” 教学反思");
        assert_eq!(chinese_quotes("\"a\" 和 \"b\""), "“a” 和 “b”");
    }

    /// `-王小明` at the left edge reads alone as a word, so the parser's complaint fell on the
    /// next line, which is fine.
    #[test]
    fn a_dash_without_its_space_at_the_left_edge_is_said_where_it_is() {
        let text = "标题: 家访\n作者: 周敏\n-王小明\n形式: 反思日记\n";
        let (line, _, message, help) = diagnose(text, true).expect("a slip");
        assert_eq!(line, 3, "{message}");
        assert!(message.contains("-王小明"), "{message}");
        assert!(help.contains("它所属的键下面"), "{help}");
        let text = "标题: 家访\n标签:\n-读书\n- 反思\n";
        let (line, _, _, help) = diagnose(text, true).expect("a slip");
        assert_eq!((line, help.as_str()), (3, "写成 - 读书"));
        // A key that starts with a dash is a key.
        assert!(diagnose("标题: 家访\n-备注: 无\n", true).is_none());
    }

    #[test]
    fn diagnose_points_at_the_cause_of_a_teachers_usual_slips() {
        let at = |text: &str| diagnose(text, true).map(|(l, c, m, _)| (l, c, m));
        let case = |line: &str| format!("标题: 反思\n{line}\n形式: 反思日记\n");
        assert_eq!(at(&case("\t作者: 周敏")).map(|x| x.0), Some(2));
        assert_eq!(at(&case("  作者: 周敏")).map(|x| x.0), Some(2));
        for (line, said) in [
            ("作者: [三年级]周敏", "当成了列表"),
            ("作者: '周'敏", "引号后面还有文字"),
            ("作者: \"周敏", "没有配对"),
            ("作者: [周敏", "没有 ] 结尾"),
            ("作者: *周敏", "另有含义"),
        ] {
            let (l, c, m) = at(&case(line)).unwrap_or_else(|| panic!("{line}"));
            assert_eq!((l, c), (2, 5), "{line}");
            assert!(m.contains(said), "{line}: {m}");
        }
        // A quote opened in a list and never closed: at its line, not the end of the front
        // matter (review, session 22).
        let (l, c, m) = at(&case("标签: [正面管教, \"读书]")).unwrap();
        assert_eq!((l, c), (2, 12));
        assert!(m.contains("引号 \" 没有配对"), "{m}");
        assert_eq!(at(&case("标签: [正面管教, \"读书\"]")), None);
        // A `]` further down (another key's list) does not close it.
        let (l, c, m) = at("标题: 反思\n作者: [周敏\n形式: 反思日记\n标签: [读书]\n").unwrap();
        assert_eq!((l, c), (2, 5));
        assert!(m.contains("没有 ] 结尾"), "{m}");
        // Nested lists and maps, quoted values and block lists are not slips.
        let fine = "标题: \"活动：研讨\"\n活动安排:\n  - 序号: 1\n    内容: 备课\n参加人员: [王丽, 李明]\n标签:\n  - 读书\n";
        assert_eq!(at(fine), None);
        assert!(parse(fine).is_ok());
    }

    #[test]
    fn diagnose_finds_a_missing_space_a_special_sign_and_a_forgotten_end() {
        let at = |text: &str| diagnose(text, true);
        let (l, c, m, h) = at("标题: 反思\n作着:周敏\n").unwrap();
        assert_eq!((l, c), (2, 4));
        assert_eq!(m, "“作着:”后面少了一个空格");
        assert_eq!(h, "在冒号后加一个半角空格，写成 作着: 周敏");
        for sign in ["-", "?"] {
            let (l, c, m, h) = at(&format!("作者: 周敏\n标题: {sign} 反思\n")).unwrap();
            assert_eq!((l, c), (2, 5), "{sign}");
            assert!(m.contains(&format!("以“{sign}”开头")), "{m}");
            assert_eq!(h, format!("给整个值加上引号，例如 标题: \"{sign} 反思\""));
        }
        let (l, _, m, _) = at("标题: 反思\n作者: 周敏\n\n今天读了一本书。\n").unwrap();
        assert_eq!(l, 4);
        assert!(m.contains("少了结束的 ---"), "{m}");
        // A list left open on its line is not the body.
        assert_eq!(at("标签: [读书,\n反思]\n作者: 周敏\n"), None);
        // In yanxiu.yaml or teachers.yaml there is no closing --- to forget.
        assert_eq!(diagnose("school: 小学\n今天\n", false), None);
    }

    #[test]
    fn a_tab_is_named_a_tab_and_a_key_after_full_width_spaces_is_no_slip() {
        let Diagnosis { slips, rest, .. } = diagnose_all(
            "标题: 反思\n\t作者: 周敏\n　形式: 反思日记\n标签: [读书\n",
            10,
        );
        let said: Vec<(u32, &str)> = slips.iter().map(|s| (s.0, s.2.as_str())).collect();
        assert_eq!(
            said,
            [
                (
                    2,
                    "这一行开头有 Tab（制表符，看上去像几个空格），读不出这一行"
                ),
                (4, "“标签”的值以 [ 开头，却没有 ] 结尾"),
            ]
        );
        assert_eq!(rest, None);
        // A list item after full-width spaces is what the parser cannot read.
        let slips = diagnose_all("标签:\n　- 读书\n", 10).slips;
        assert!(
            slips.len() == 1 && slips[0].2.contains("全角空格"),
            "{slips:?}"
        );
    }
}
