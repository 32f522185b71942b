//! Legacy Vietnamese encodings at the boundary: every letter in every encoding, detection (and
//! UTF-8 never mistaken), chunk boundaries anywhere, forced encodings, and the built-in sample in
//! each legacy encoding giving the UTF-8 Report.

use tthc_analytics::dossier::report::Report;
use tthc_analytics::sample::dossiers::{Sample, TARGETS};
use tthc_analytics::table::decode::{detect, Decode, Encoding, DETECT_BYTES, NOT_UTF8};
use tthc_analytics::table::legacy::encode;
use tthc_analytics::table::reader::{Format, Reader, Record, Sink};
use tthc_analytics::table::sheet::{decode_text, decode_text_with};
use tthc_analytics::{Analyzer, Options};
use unicode_normalization::is_nfc;

const LEGACY: [Encoding; 3] = [Encoding::Windows1258, Encoding::Tcvn3, Encoding::Vni];

/// Decodes `bytes` fed in chunks of `chunk` bytes (`None`: detect the encoding).
fn decode(bytes: &[u8], enc: Option<Encoding>, chunk: usize) -> (String, &'static str) {
    decode_split(bytes, enc, &mut bytes.chunks(chunk.max(1)))
}

fn decode_split(
    bytes: &[u8],
    enc: Option<Encoding>,
    chunks: &mut dyn Iterator<Item = &[u8]>,
) -> (String, &'static str) {
    let mut d = Decode::with_encoding(enc);
    let (mut out, mut scratch, mut name) = (Vec::with_capacity(bytes.len()), Vec::new(), "");
    for c in chunks {
        if let Some(n) = d.push(c, false, &mut scratch, &mut |b| out.extend_from_slice(b)) {
            name = n;
        }
    }
    if let Some(n) = d.push(&[], true, &mut scratch, &mut |b| out.extend_from_slice(b)) {
        name = n;
    }
    (String::from_utf8(out).expect("UTF-8 out"), name)
}

/// Every Vietnamese letter: the twelve vowels × six tones, and đ; lower then upper case.
fn letters() -> Vec<char> {
    let lower: Vec<char> =
        "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ"
            .chars()
            .collect();
    let upper = lower.iter().map(|c| c.to_uppercase().next().unwrap());
    lower.iter().copied().chain(upper).collect()
}

/// What a letter decodes to after encoding: itself, except TCVN3's upper-case toned letters,
/// which TCVN3 does not have: they are written with the lower-case byte and read back lower case.
fn expected(c: char, enc: Encoding) -> char {
    let toned_upper = c.is_uppercase() && !"AĂÂEÊIOÔƠUƯYĐ".contains(c);
    if enc == Encoding::Tcvn3 && toned_upper {
        c.to_lowercase().next().unwrap()
    } else {
        c
    }
}

#[test]
fn every_letter_round_trips_in_every_encoding() {
    let letters = letters();
    assert_eq!(letters.len(), 146);
    for enc in Encoding::ALL {
        for &c in &letters {
            let want = expected(c, enc);
            // alone, between ASCII, and doubled (a VNI diacritic must not reach the next letter)
            let text = format!("{c}|x{c}{c}y");
            let bytes = encode(&text, enc);
            let got = decode(&bytes, Some(enc), usize::MAX).0;
            assert_eq!(
                got,
                format!("{want}|x{want}{want}y"),
                "{enc:?} {c} {bytes:x?}"
            );
            let one = encode(&c.to_string(), enc);
            if LEGACY.contains(&enc) {
                assert!(!one.is_empty() && one.len() <= 2, "{enc:?} {c}: {one:x?}");
            }
            if enc == Encoding::Tcvn3 {
                assert_eq!(one.len(), 1, "TCVN3 writes {c} in one byte");
            }
        }
    }
}

#[test]
fn tcvn3_upper_case_toned_letters_are_the_lower_case_bytes() {
    // «Á» does not exist in TCVN3: a title in capitals is «á» (0xB8) shown in a capital font
    assert_eq!(encode("Á", Encoding::Tcvn3), [0xB8]);
    assert_eq!(encode("á", Encoding::Tcvn3), [0xB8]);
    assert_eq!(decode(&[0xB8], Some(Encoding::Tcvn3), 1).0, "á");
    assert_eq!(
        decode(
            &encode("THỦ TỤC HÀNH CHÍNH", Encoding::Tcvn3),
            Some(Encoding::Tcvn3),
            1
        )
        .0,
        "THủ TụC HàNH CHíNH"
    );
    // the upper-case letters without tone do exist
    assert_eq!(
        encode("ĂÂÊÔƠƯĐ", Encoding::Tcvn3),
        [0xA1, 0xA2, 0xA3, 0xA4, 0xA5, 0xA6, 0xA7]
    );
}

#[test]
fn windows_1258_precomposed_or_combining_both_decode_to_nfc() {
    let w = Some(Encoding::Windows1258);
    assert_eq!(decode(b"\xE1 a\xEC Nguy\xEA\xDEn", w, 1).0, "á á Nguyễn");
    // as Windows' Vietnamese keyboard writes it: every tone a combining mark after the base
    let text = "Nguyễn Thị Hồng Ánh, Đăng ký khai tử; Ủy ban; Sở Tư pháp";
    let decomposed: String = unicode_normalization::UnicodeNormalization::nfd(text).collect();
    let mut bytes = Vec::new();
    for c in decomposed.chars() {
        let b = match c {
            '\u{300}' => vec![0xCC],
            '\u{301}' => vec![0xEC],
            '\u{303}' => vec![0xDE],
            '\u{309}' => vec![0xD2],
            '\u{323}' => vec![0xF2],
            '\u{302}' | '\u{306}' | '\u{31B}' => {
                // circumflex, breve, horn: the code page has â ă ê ô ơ ư and upper case
                let base = bytes.pop().unwrap() as char;
                let mut s = String::from(base);
                s.push(c);
                let composed: String =
                    unicode_normalization::UnicodeNormalization::nfc(s.as_str()).collect();
                encode(&composed, Encoding::Windows1258)
            }
            c => encode(&c.to_string(), Encoding::Windows1258),
        };
        bytes.extend(b);
    }
    for chunk in [1, 2, 3, 5, usize::MAX] {
        assert_eq!(decode(&bytes, w, chunk).0, text);
    }
    assert_eq!(decode(&encode(text, Encoding::Windows1258), w, 1).0, text);
}

/// A text with every letter, in words, for the chunk tests.
fn all_letters_text() -> String {
    let words: Vec<String> = letters()
        .chunks(5)
        .map(|c| format!("h{}n", c.iter().collect::<String>()))
        .collect();
    format!("Mã hồ sơ;Ngày tiếp nhận\r\n{}\r\n", words.join(" "))
}

#[test]
fn chunk_boundaries_anywhere_give_the_same_text() {
    let text = all_letters_text();
    for enc in LEGACY {
        let bytes = encode(&text, enc);
        let whole = decode(&bytes, Some(enc), usize::MAX).0;
        assert!(is_nfc(&whole));
        for chunk in [1, 2, 3, 5] {
            assert_eq!(
                decode(&bytes, Some(enc), chunk).0,
                whole,
                "{enc:?} chunk {chunk}"
            );
        }
        // one boundary at every position: a combining mark (Windows-1258) or a diacritic byte
        // (VNI) begins the second chunk at some of them
        for k in 0..=bytes.len() {
            let mut parts = [&bytes[..k], &bytes[k..]].into_iter();
            assert_eq!(
                decode_split(&bytes, Some(enc), &mut parts).0,
                whole,
                "{enc:?} at {k}"
            );
        }
    }
    // the cases named: a mark at the start of the second chunk
    let mut w = [&b"Vi"[..], b"\xEA\xF2t"].into_iter();
    assert_eq!(
        decode_split(b"", Some(Encoding::Windows1258), &mut w).0,
        "Việt"
    );
    let mut w = [&b"Vie"[..], b"\xE4t"].into_iter();
    assert_eq!(decode_split(b"", Some(Encoding::Vni), &mut w).0, "Việt");
    let mut w = [&b"Vi\xEA"[..], b"", b"\xF2", b"t"].into_iter();
    assert_eq!(
        decode_split(b"", Some(Encoding::Windows1258), &mut w).0,
        "Việt"
    );
}

#[test]
fn any_bytes_decode_to_nfc_without_panic() {
    // every pair of bytes, then every vowel with every pair of marks after it
    let mut bytes = Vec::new();
    for a in 0..=255u8 {
        for b in 0..=255u8 {
            bytes.extend_from_slice(&[a, b, b' ']);
        }
    }
    for v in b"aeiouyAEIOUY\xF4\xF6\xE2\xEA\xF5\xFD" {
        for m in 0xC0..=0xFFu8 {
            for n in [0xCC, 0xEC, 0xD2, 0xDE, 0xF2, 0xF9, 0xE2, 0xEA, 0xD9] {
                bytes.extend_from_slice(&[*v, m, n, b' ']);
            }
        }
    }
    for enc in LEGACY {
        let whole = decode(&bytes, Some(enc), usize::MAX).0;
        assert!(is_nfc(&whole), "{enc:?}");
        assert_eq!(decode(&bytes, Some(enc), 7).0, whole, "{enc:?}");
    }
}

#[test]
fn utf8_is_never_misdetected() {
    let ascii = "Ma ho so;Ngay tiep nhan\n".repeat(5000);
    let viet = "Mã hồ sơ;Ngày tiếp nhận;Trạng thái\nG22-1;05/01/2024;Đã trả kết quả\n".repeat(3000);
    // the 64 KiB window ends inside «ệ» (3 bytes): cut after its first, then its second byte
    let mut cut = Vec::new();
    for k in 3..=4 {
        let mut s = "x".repeat(DETECT_BYTES - k);
        s.push_str("Việt Nam\n");
        s.push_str(&viet);
        cut.push(s);
    }
    for text in [
        &ascii,
        &viet,
        &cut[0],
        &cut[1],
        &"a".to_string(),
        &"Mã".to_string(),
    ] {
        for chunk in [1, 3, 4096, usize::MAX] {
            assert_eq!(
                decode(text.as_bytes(), None, chunk),
                (text.clone(), "utf-8")
            );
        }
        assert_eq!(detect(text.as_bytes()).encoding, Encoding::Utf8);
    }
    // the window itself, cut inside a character
    let bytes = cut[0].as_bytes();
    assert_eq!(detect(&bytes[..DETECT_BYTES]).encoding, Encoding::Utf8);
    assert!(std::str::from_utf8(&bytes[..DETECT_BYTES]).is_err());
    // a file that ends inside a character is still UTF-8
    assert_eq!(
        detect("Việt".as_bytes().split_last().unwrap().1).encoding,
        Encoding::Utf8
    );
}

/// The built-in sample's text without its BOM.
fn sample_text(rows: usize) -> String {
    let bytes = Sample::new(rows).to_vec();
    let text = String::from_utf8(bytes).unwrap();
    text.trim_start_matches('\u{FEFF}').to_string()
}

#[test]
fn legacy_encodings_are_detected() {
    let sample = sample_text(2_000);
    let header = "Mã hồ sơ;Ngày tiếp nhận;Trạng thái;Cơ quan giải quyết\n";
    for enc in LEGACY {
        for text in [&sample, header] {
            let d = detect(&encode(text, enc));
            assert_eq!(
                (d.encoding, d.warning),
                (enc, None),
                "{enc:?} {}",
                &text[..20]
            );
        }
        let (_, name) = decode(&encode(header, enc), None, 1);
        assert_eq!(name, enc.name());
    }
}

#[test]
fn doubtful_detection_warns() {
    // «hoà» in every legacy encoding (TCVN3 reads 0xE0 as Windows-1252 «à», VNI as «ồ»)
    let d = detect(b"ho\xE0 ");
    assert_eq!(d.encoding, Encoding::Tcvn3);
    let w = d.warning.expect("a close call");
    assert!(
        w.starts_with("Không chắc bảng mã: đã đọc như TCVN3 (ABC)"),
        "{w}"
    );
    // nothing Vietnamese at all
    let d = detect(b"\x80\x81\x82 \xFF");
    assert!(d
        .warning
        .expect("implausible")
        .contains("không giống chữ Việt"));
    // the same doubt for JSON and HTML text; none when the encoding is forced
    let (text, name, doubt) = decode_text_with(b"a\xFF", None);
    assert_eq!((text.as_str(), name), ("aÿ", "tcvn3"));
    assert!(doubt.expect("implausible").contains("không giống chữ Việt"));
    let forced = decode_text_with(b"a\xFF", Some(Encoding::Windows1258));
    assert_eq!(forced, ("aÿ".to_string(), "windows-1258", None));
}

/// Rows and format of a file read by a reader.
#[derive(Default)]
struct Rows(Vec<String>, Option<Format>);

impl Sink for Rows {
    fn format(&mut self, f: &Format) {
        self.1 = Some(f.clone());
    }
    fn record(&mut self, _row: u64, r: &Record<'_>) {
        let cells: Vec<String> = (0..r.len())
            .map(|i| String::from_utf8_lossy(r.get(i)).into_owned())
            .collect();
        self.0.push(cells.join("|"));
    }
    fn blank_lines(&mut self, _: u64, _: u64) {}
}

fn read(bytes: &[u8], enc: Option<Encoding>, chunk: usize) -> Rows {
    let mut r = match enc {
        None => Reader::new(),
        e => Reader::with_encoding(e),
    };
    let mut rows = Rows::default();
    for c in bytes.chunks(chunk) {
        r.push(c, &mut rows);
    }
    r.finish(&mut rows);
    rows
}

#[test]
fn reader_names_the_encoding_and_forced_encodings_win() {
    let text = "Mã hồ sơ;Trạng thái\nH1;Đã trả kết quả\n";
    let want = ["Mã hồ sơ|Trạng thái", "H1|Đã trả kết quả"];
    for enc in LEGACY {
        let bytes = encode(text, enc);
        for chunk in [1, 2, 5, 4096] {
            let rows = read(&bytes, None, chunk);
            let f = rows.1.unwrap();
            assert_eq!(
                (f.encoding, f.delimiter, f.warnings.len()),
                (enc.name(), b';', 0)
            );
            assert_eq!(rows.0, want);
            assert_eq!(read(&bytes, Some(enc), chunk).0, want);
        }
        // a BOM that contradicts the forced encoding is skipped all the same
        for bom in [&[0xEF, 0xBB, 0xBF][..], &[0xFF, 0xFE]] {
            let with_bom = [bom, &bytes].concat();
            let rows = read(&with_bom, Some(enc), 3);
            assert_eq!(rows.1.unwrap().encoding, enc.name());
            assert_eq!(rows.0, want);
        }
        // JSON and HTML text detect the same way
        assert_eq!(decode_text(&bytes), (text.to_string(), enc.name()));
    }
    // forced: TCVN3 bytes read as VNI are what VNI makes of them; forced UTF-8 warns
    let tcvn3 = encode(text, Encoding::Tcvn3);
    let rows = read(&tcvn3, Some(Encoding::Vni), 4);
    assert_eq!(rows.1.unwrap().encoding, "vni");
    assert_ne!(rows.0, want);
    let f = read(&tcvn3, Some(Encoding::Utf8), 4).1.unwrap();
    assert_eq!(
        (f.encoding, f.warnings),
        ("utf-8", vec![NOT_UTF8.to_string()])
    );
    // a forced UTF-8 file with its BOM is still «utf-8-bom»
    let bom8 = [&[0xEF, 0xBB, 0xBF][..], text.as_bytes()].concat();
    assert_eq!(
        read(&bom8, Some(Encoding::Utf8), 1).1.unwrap().encoding,
        "utf-8-bom"
    );
}

#[test]
fn encoding_names_and_aliases() {
    for enc in Encoding::ALL {
        assert_eq!(Encoding::from_name(enc.name()), Some(enc));
        assert_eq!(Encoding::from_name(&enc.name().to_uppercase()), Some(enc));
    }
    for (alias, enc) in [
        ("UTF8", Encoding::Utf8),
        ("utf-8-bom", Encoding::Utf8),
        ("CP1258", Encoding::Windows1258),
        ("windows1258", Encoding::Windows1258),
        ("TCVN", Encoding::Tcvn3),
        ("abc", Encoding::Tcvn3),
        ("VNI-Windows", Encoding::Vni),
        ("utf_16", Encoding::Utf16Le),
    ] {
        assert_eq!(Encoding::from_name(alias), Some(enc), "{alias}");
    }
    assert_eq!(Encoding::from_name("auto"), None);
    assert_eq!(Encoding::from_name("latin-1"), None);
    assert_eq!(Encoding::Tcvn3.label(), "TCVN3 (ABC)");
    assert_eq!(Encoding::Windows1258.label(), "Windows-1258");
    assert_eq!(Encoding::Vni.label(), "VNI");
}

fn report(bytes: &[u8], chunk: usize) -> Report {
    let mut a = Analyzer::new(Options::default()).unwrap();
    a.begin_file("mau.csv");
    for c in bytes.chunks(chunk) {
        a.push(c);
    }
    a.end_file();
    a.finish_report()
}

/// A Report as JSON, without what legitimately differs between encodings of one text.
fn comparable(r: &Report) -> serde_json::Value {
    let mut v = serde_json::to_value(r).unwrap();
    for f in v["files"].as_array_mut().unwrap() {
        f["encoding"] = serde_json::Value::Null;
        f["bytes"] = serde_json::Value::Null;
    }
    v
}

#[test]
fn sample_in_each_legacy_encoding_gives_the_utf8_report_at_odd_chunk_sizes() {
    let text = sample_text(3_000);
    let want = comparable(&report(text.as_bytes(), 65_537));
    for enc in LEGACY {
        let bytes = encode(&text, enc);
        for chunk in [3, 997, 65_537] {
            let r = report(&bytes, chunk);
            assert_eq!(r.files[0].encoding, enc.name());
            assert!(r.files[0].warnings.is_empty(), "{:?}", r.files[0].warnings);
            assert_eq!(comparable(&r), want, "{enc:?} chunk {chunk}");
        }
    }
}

#[test]
fn full_sample_in_each_legacy_encoding_gives_the_utf8_report() {
    let text = sample_text(0);
    let base = report(text.as_bytes(), 1_000_003);
    let want = comparable(&base);
    for enc in LEGACY {
        let bytes = encode(&text, enc);
        let r = report(&bytes, 1_000_003);
        assert_eq!(r.files[0].encoding, enc.name());
        assert!(r.files[0].warnings.is_empty(), "{:?}", r.files[0].warnings);
        for (level, resolved, on_time, late) in TARGETS {
            let l = r.levels.iter().find(|l| l.level == level).unwrap();
            let c = &l.figures.counts;
            assert_eq!(
                (c.resolved, c.on_time, c.late),
                (resolved, on_time, late),
                "{enc:?}"
            );
        }
        assert_eq!(comparable(&r), want, "{enc:?}");
    }
}
