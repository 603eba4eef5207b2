//! Turning a file's bytes into text: UTF-8 (with or without BOM), else GB18030 and friends.

/// How a file was encoded, when it was not UTF-8.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Legacy(&'static str),
}

/// Decodes a file. Line ends become `\n` so that line numbers agree with any editor.
/// `None` when the bytes are no text in any encoding we can recognise.
pub fn decode(mut bytes: Vec<u8>) -> Option<(String, Encoding)> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    // A file read is decoded in place: most are UTF-8 with LF line ends and are not copied.
    // Chinese text is mostly multi-byte, where the standard library's check goes byte by byte;
    // simdutf8 checks 32 bytes at a time (a tenth of the instructions on the bench corpus).
    let (text, encoding) = match simdutf8::basic::from_utf8(&bytes) {
        // SAFETY: simdutf8 has just checked that the bytes are UTF-8.
        Ok(_) => (
            normalise_newlines(unsafe { String::from_utf8_unchecked(bytes) }),
            Encoding::Utf8,
        ),
        Err(_) => {
            let enc = legacy_encoding(&bytes);
            let (cow, _, had_errors) = enc.decode(&bytes);
            if had_errors {
                return None;
            }
            (
                normalise_newlines(cow.into_owned()),
                Encoding::Legacy(enc.name()),
            )
        }
    };
    Some((text, encoding))
}

/// The encoding of a file that is not UTF-8. Notepad's "Unicode" is UTF-16 with a byte-order
/// mark. Asking the detector with a hint of China made Big5 (Traditional Chinese) come out as
/// GBK, and GBK decodes Big5 bytes without an error, into nonsense.
fn legacy_encoding(bytes: &[u8]) -> &'static encoding_rs::Encoding {
    if bytes.starts_with(b"\xFF\xFE") {
        return encoding_rs::UTF_16LE;
    }
    if bytes.starts_with(b"\xFE\xFF") {
        return encoding_rs::UTF_16BE;
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    // Asked without a hint, the detector tells the East Asian encodings apart by their text;
    // anything else (a Latin guess for a short file) is taken for what a Chinese school's
    // editor saves.
    let east_asian = [
        encoding_rs::GBK,
        encoding_rs::BIG5,
        encoding_rs::SHIFT_JIS,
        encoding_rs::EUC_JP,
        encoding_rs::EUC_KR,
    ];
    let generic = detector.guess(None, chardetng::Utf8Detection::Deny);
    let guess = if east_asian.contains(&generic) {
        generic
    } else {
        detector.guess(Some(b"cn"), chardetng::Utf8Detection::Deny)
    };
    // GB18030 is GBK's superset and decodes it exactly.
    if guess == encoding_rs::GBK || guess == encoding_rs::UTF_8 {
        encoding_rs::GB18030
    } else {
        guess
    }
}

fn normalise_newlines(s: String) -> String {
    if s.contains('\r') {
        s.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_and_crlf() {
        let (t, e) = decode("\u{feff}---\r\ntitle: 反思\r\n---\r\n".as_bytes().to_vec()).unwrap();
        assert_eq!(t, "---\ntitle: 反思\n---\n");
        assert_eq!(e, Encoding::Utf8);
    }

    #[test]
    fn big5_shift_jis_and_utf16_are_decoded_not_garbled() {
        let traditional = "---\ntitle: 教學反思與課堂觀察\nauthor: 陳靜\n---\n這節課讓我體會到學生的思維很活躍，課堂討論十分熱烈。\n";
        let (bytes, _, _) = encoding_rs::BIG5.encode(traditional);
        let (t, e) = decode(bytes.to_vec()).unwrap();
        assert_eq!((t.as_str(), e), (traditional, Encoding::Legacy("Big5")));

        let japanese = "---\ntitle: 授業の振り返り\n---\n今日の授業では、生徒たちがとても積極的に発言しました。\n";
        let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode(japanese);
        let (t, _) = decode(bytes.to_vec()).unwrap();
        assert_eq!(t, japanese);

        let mut utf16 = vec![0xFF, 0xFE];
        for u in traditional.encode_utf16() {
            utf16.extend(u.to_le_bytes());
        }
        let (t, e) = decode(utf16).unwrap();
        assert_eq!((t.as_str(), e), (traditional, Encoding::Legacy("UTF-16LE")));
    }

    #[test]
    fn gbk_is_decoded_not_garbled() {
        let original = "---\ntitle: 小数的意义教学反思\nauthor: 王丽\n---\n这节课让我体会到学生的思维很活跃。\n";
        let (bytes, _, _) = encoding_rs::GB18030.encode(original);
        let (t, e) = decode(bytes.to_vec()).unwrap();
        assert_eq!(t, original);
        assert_eq!(e, Encoding::Legacy("gb18030"));
    }
}
