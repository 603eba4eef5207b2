//! How deeply a YAML text nests, found before the parser sees it: the parser's scanner slows
//! with the square of the nesting (100,000 `[` on one line took 25 s), and no file of an
//! archive needs more than a few levels.

/// More levels than any archive file needs (a plan's 活动安排 is three); the parser's own
/// limit (128) is reached only after its slow scan.
pub const MAX_DEPTH: usize = 32;

/// Where (line and character column, from 1) the nesting first goes deeper than
/// [`MAX_DEPTH`]: `[` and `{` that open flow collections, and `- ` items opened on one line
/// (`- - - x`). Quoted text and comments do not count; a `[` inside a plain value (`a[b`)
/// opens nothing. One pass over the bytes, so that every record can afford it.
pub fn too_deep(text: &str) -> Option<(u32, u32)> {
    // Each level opens with a `[`, a `{` or a `-`: a text with no more of them than the limit
    // allows cannot go too deep, and so almost every record is passed after one counting loop.
    let openers = text
        .bytes()
        .filter(|&b| matches!(b, b'[' | b'{' | b'-'))
        .count();
    if openers <= MAX_DEPTH {
        return None;
    }
    let mut flow = 0usize;
    let mut quote: Option<u8> = None;
    for (n, line) in text.split('\n').enumerate() {
        let b = line.as_bytes();
        let mut i = 0;
        if flow == 0 && quote.is_none() {
            match block_value(b, &mut i) {
                Start::TooDeep => return Some(at(n, line, i)),
                Start::Flow => {
                    flow = 1;
                    i += 1;
                }
                Start::Quote(q) => {
                    quote = Some(q);
                    i += 1;
                }
                Start::Nothing => continue,
            }
        }
        // Inside a flow collection or a quoted value, to the end of the line or of either.
        let mut token_start = true;
        while i < b.len() {
            let c = b[i];
            match quote {
                Some(b'"') if c == b'\\' => i += 1,
                Some(q) if c == q => {
                    if q == b'\'' && b.get(i + 1) == Some(&b'\'') {
                        i += 1;
                    } else {
                        quote = None;
                        if flow == 0 {
                            break;
                        }
                    }
                }
                Some(_) => {}
                None => match c {
                    b'[' | b'{' => {
                        flow += 1;
                        if flow > MAX_DEPTH {
                            return Some(at(n, line, i));
                        }
                    }
                    b']' | b'}' => {
                        flow = flow.saturating_sub(1);
                        if flow == 0 {
                            break;
                        }
                    }
                    b'"' | b'\'' if token_start => quote = Some(c),
                    b'#' if i == 0 || b[i - 1] == b' ' => break,
                    _ => {}
                },
            }
            token_start = matches!(c, b'[' | b'{' | b',' | b':' | b' ');
            i += 1;
        }
    }
    None
}

enum Start {
    /// A value begins with `[` or `{` at byte `i`.
    Flow,
    /// A value begins with a quote at byte `i`.
    Quote(u8),
    /// Too many `- ` items opened on this line, the last at byte `i`.
    TooDeep,
    /// Nothing that nests, or goes on past this line.
    Nothing,
}

/// Reads a line in block context up to where a flow collection or a quoted value starts.
fn block_value(b: &[u8], i: &mut usize) -> Start {
    let skip_spaces = |i: &mut usize| {
        while b.get(*i) == Some(&b' ') {
            *i += 1;
        }
    };
    skip_spaces(i);
    let mut dashes = 0;
    while b.get(*i) == Some(&b'-') && matches!(b.get(*i + 1), None | Some(b' ')) {
        dashes += 1;
        if dashes > MAX_DEPTH {
            return Start::TooDeep;
        }
        *i += 1;
        skip_spaces(i);
    }
    let mut value_start = true;
    while *i < b.len() {
        let c = b[*i];
        if value_start {
            match c {
                b'[' | b'{' => return Start::Flow,
                b'"' | b'\'' => return Start::Quote(c),
                _ => {}
            }
        }
        if c == b'#' && (*i == 0 || b[*i - 1] == b' ') {
            break;
        }
        value_start = false;
        *i += 1;
        if c == b':' && matches!(b.get(*i), None | Some(b' ')) {
            skip_spaces(i);
            value_start = true;
        }
    }
    Start::Nothing
}

/// Line `n` (from 0) and byte `i` of `line` as a line and a character column, from 1.
fn at(n: usize, line: &str, i: usize) -> (u32, u32) {
    let i = i.min(line.len());
    let column = line.char_indices().take_while(|(at, _)| *at < i).count();
    (n as u32 + 1, column as u32 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_archives_write_is_not_too_deep() {
        for text in [
            "title: a[b[c[d\n",
            "活动安排: [{序号: \"1\", 内容: \"a[[[[b\"}, {序号: '2''[', 内容: x}]\n",
            "tags: [甲, 乙] # [[[[[[\n",
            "members:\n  - [a, [b, {c: d}]]\n",
        ] {
            assert_eq!(too_deep(text), None, "{text}");
        }
        let ok = format!("x: {}{}\n", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert_eq!(too_deep(&ok), None);
    }

    #[test]
    fn deep_nesting_is_found_where_it_passes_the_limit() {
        let deep = format!("title: 深\ntags: {}\n", "[".repeat(100_000));
        // `tags: ` is six characters; the 33rd `[` is the one too many.
        assert_eq!(too_deep(&deep), Some((2, 7 + MAX_DEPTH as u32)));
        let spread = format!("a:\n{}", "  {\n".repeat(40));
        // Line 2 opens the first level, line 34 the 33rd.
        assert_eq!(too_deep(&spread), Some((2 + MAX_DEPTH as u32, 3)));
        let dashes = format!("- {}x\n", "- ".repeat(100));
        assert!(too_deep(&dashes).is_some());
    }
}
