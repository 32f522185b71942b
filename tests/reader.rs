//! The record reader of delimited text (`table::reader`) at its boundary: cells, quotes, blank
//! lines and spreadsheet row numbers, encodings, and the record limit (issue 9): a record over
//! `MAX_RECORD_BYTES` is cut and reading resumes at the next line, the same at every chunk size,
//! with bounded buffers; quoted fields over many lines or open at the end are warned about.
//! (Moved here from the module's unit tests, which made the file too long.)

use tthc_analytics::basics::limits::MAX_RECORD_BYTES;
use tthc_analytics::table::reader::*;

fn rows(v: &[&[&str]]) -> Vec<Vec<String>> {
    v.iter()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect()
}

/// Every chunk size gives the same table.
fn read(bytes: &[u8]) -> Table {
    let whole = read_all(bytes);
    for chunk in [1, 2, 3, 5, 64] {
        assert_eq!(read_chunked(bytes, chunk), whole, "chunk size {chunk}");
    }
    whole
}

#[test]
fn quotes_across_lines_and_escaped_quotes() {
    let t = read("a;b;c\r\n\"x;y\";\"say \"\"hi\"\"\";3\n\"multi\nline\";2;\n".as_bytes());
    assert_eq!(t.delimiter, b';');
    assert_eq!(t.encoding, "utf-8");
    assert_eq!(
        t.rows,
        rows(&[
            &["a", "b", "c"],
            &["x;y", "say \"hi\"", "3"],
            &["multi\nline", "2", ""]
        ])
    );
}

#[test]
fn blank_lines_are_rows_crlf_or_not() {
    let want = rows(&[
        &["a", "b"],
        &[""],
        &["x;\ny", "q\"q"],
        &[""],
        &[""],
        &["last", "1"],
    ]);
    let crlf = read("a;b\r\n\r\n\"x;\ny\";\"q\"\"q\"\r\n\r\n\r\nlast;1".as_bytes());
    assert_eq!(crlf.rows, want);
    let lf = read("a;b\n\n\"x;\ny\";\"q\"\"q\"\n\n\nlast;1\n".as_bytes());
    assert_eq!(lf.rows, want);
    // blank lines at the start, and after the last record
    let t = read(b"\n\r\na,b\n1,2\n\n");
    assert_eq!(
        t.rows,
        rows(&[&[""], &[""], &["a", "b"], &["1", "2"], &[""]])
    );
}

#[test]
fn row_numbers_are_spreadsheet_rows() {
    struct Rows(Vec<(u64, String)>);
    impl Sink for Rows {
        fn record(&mut self, row: u64, r: &Record<'_>) {
            self.0.push((row, String::from_utf8_lossy(r.get(0)).into()));
        }
        fn blank_lines(&mut self, last_row: u64, count: u64) {
            for k in 0..count {
                self.0.push((last_row + 1 + k - count, String::new()));
            }
        }
    }
    let text = b"h,x\r\n\r\n\"a\r\nb\",1\r\n \r\nc,\"\"\"\"\r\n\r\nd,2";
    for chunk in [1, 3, text.len()] {
        let mut r = Reader::new();
        let mut s = Rows(Vec::new());
        for c in text.chunks(chunk) {
            r.push(c, &mut s);
        }
        r.finish(&mut s);
        let got: Vec<u64> = s.0.iter().map(|x| x.0).collect();
        assert_eq!(got, [1, 2, 3, 4, 5, 6, 7], "chunk {chunk}: {:?}", s.0);
        assert_eq!(s.0[2].1, "a\r\nb");
        assert_eq!(s.0[4].1, "c");
        assert_eq!(r.rows(), 7);
    }
}

#[test]
fn utf16_with_and_without_bom() {
    let text = "Mã,Tên\r\n1,Á\r\n\r\n\"2\n3\",Ư\r\n";
    let want = rows(&[&["Mã", "Tên"], &["1", "Á"], &[""], &["2\n3", "Ư"]]);
    let le: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(|u| u.to_le_bytes()))
        .collect();
    let be: Vec<u8> = [0xFE, 0xFF]
        .into_iter()
        .chain(text.encode_utf16().flat_map(|u| u.to_be_bytes()))
        .collect();
    let bare: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
    for (bytes, enc) in [(le, "utf-16le"), (be, "utf-16be"), (bare, "utf-16le")] {
        let t = read(&bytes);
        assert_eq!((t.encoding, t.delimiter), (enc, b','));
        assert_eq!(t.rows, want);
    }
    let bom8: Vec<u8> = [0xEF, 0xBB, 0xBF].into_iter().chain(text.bytes()).collect();
    let t = read(&bom8);
    assert_eq!(t.encoding, "utf-8-bom");
    assert_eq!(t.rows, want);
}

#[test]
fn format_comes_first_and_warns_on_doubtful_encoding() {
    struct S(Vec<String>);
    impl Sink for S {
        fn format(&mut self, f: &Format) {
            self.0.push(format!(
                "{} {} {}",
                f.encoding,
                f.delimiter as char,
                f.warnings.len()
            ));
        }
        fn record(&mut self, row: u64, _: &Record<'_>) {
            self.0.push(format!("r{row}"));
        }
        fn blank_lines(&mut self, last_row: u64, count: u64) {
            self.0.push(format!("b{last_row}x{count}"));
        }
    }
    let mut r = Reader::new();
    let mut s = S(Vec::new());
    r.push(b"a|b|c\n\xff|2|3\n\n\n", &mut s);
    r.finish(&mut s);
    // not UTF-8, and not Vietnamese in any legacy encoding: read as TCVN3, with a warning
    assert_eq!(s.0, ["tcvn3 | 1", "r1", "r2", "b3x1", "b4x1"]);
    // an empty file still has a format
    let t = read(b"");
    assert_eq!((t.encoding, t.delimiter, t.rows.len()), ("utf-8", b',', 0));
}

#[test]
fn cells_trimmed_and_raw() {
    let mut r = Reader::new();
    struct S(Vec<(Vec<u8>, Vec<u8>, bool)>);
    impl Sink for S {
        fn record(&mut self, _: u64, rec: &Record<'_>) {
            self.0
                .push((rec.raw(1).to_vec(), rec.get(1).to_vec(), rec.is_blank()));
            assert_eq!(rec.get(9), b"");
        }
        fn blank_lines(&mut self, _: u64, _: u64) {}
    }
    let mut s = S(Vec::new());
    r.push(b"a, b ,c\n , ,\n", &mut s);
    r.finish(&mut s);
    assert_eq!(
        s.0,
        [
            (b" b ".to_vec(), b"b".to_vec(), false),
            (b" ".to_vec(), b"".to_vec(), true)
        ]
    );
}

#[test]
fn same_rows_as_sheet_read_table() {
    for text in [
        "a;b;c\r\n\"x;y\";\"say \"\"hi\"\"\";3\n\"multi\nline\";2;\n",
        "a;b\r\n\r\n\"x;\ny\";\"q\"\"q\"\r\nlast;1",
        "Mã,Tên\n\n1,Á\n\n",
    ] {
        let old = tthc_analytics::table::sheet::read_table(text.as_bytes());
        let new = read(text.as_bytes());
        assert_eq!(
            (new.rows, new.delimiter),
            (old.rows, old.delimiter),
            "{text:?}"
        );
    }
}

/// What a sink saw, in order: records (row, first cell), blank lines, rejections, warnings.
#[derive(Default, Debug, PartialEq)]
struct Events(Vec<String>);
impl Sink for Events {
    fn record(&mut self, row: u64, r: &Record<'_>) {
        let first = String::from_utf8_lossy(r.get(0));
        let first: String = first.chars().take(12).collect();
        self.0.push(format!("r{row} {first} ×{}", r.len()));
    }
    fn blank_lines(&mut self, last_row: u64, count: u64) {
        self.0.push(format!("b{last_row}x{count}"));
    }
    fn too_long(&mut self, row: u64, why: &str) {
        assert!(why.starts_with(&format!("Dòng {row} dài hơn ")), "{why}");
        self.0.push(format!("long{row}"));
    }
    fn open_quote(&mut self, row: u64, why: &str) {
        assert!(why.contains(&format!("dòng {row}")), "{why}");
        self.0.push(format!("quote{row}"));
    }
}

/// Reads `bytes` in chunks of `chunk` with a record limit of `max`; the events and the most
/// the reader held at any point.
fn events(bytes: &[u8], chunk: usize, max: usize) -> (Events, usize) {
    let mut r = Reader::new();
    r.set_max_record_bytes(max);
    let mut s = Events::default();
    let mut held = 0;
    for c in bytes.chunks(chunk.max(1)) {
        r.push(c, &mut s);
        held = held.max(r.held_bytes());
    }
    r.finish(&mut s);
    (s, held.max(r.held_bytes()))
}

#[test]
fn records_over_the_limit_are_skipped_to_the_next_line_whatever_the_chunking() {
    let long = "x".repeat(40);
    let commas = ",".repeat(45);
    // past the sniffed text, so that the chunks reach the reader as they come
    let pad = "p,q\n".repeat(SNIFF_BYTES / 4);
    let text = format!(
        "a,b\n{pad}1,2\n{long},3\n4,5\r\n\r\n{commas}\n6,\"q\"\n\"{long}\n7,8\n\
         \"{long}\",\"a\nb\"\n9,9\nexact,{}\n10,\"multi\nline\"\n11,{long}",
        "y".repeat(24)
    );
    let n = SNIFF_BYTES as u64 / 4 + 1;
    let want: Vec<String> = [
        "r1 1 ×2",
        "long2",
        "r3 4 ×2",
        "b4x1",
        "long5",
        "r6 6 ×2",
        // a stray quote opens a field that passes the limit: cut there, the quote ignored
        "long7",
        "quote7",
        "r8 7 ×2",
        // a quoted field past the limit, open where it is cut: «b"» is read as a line
        "long9",
        "quote9",
        "r10 b\" ×1",
        "r11 9 ×2",
        "r12 exact ×2",
        "r13 10 ×2",
        "long14",
    ]
    .iter()
    .map(|e| {
        let at = e.find(|c: char| c.is_ascii_digit()).unwrap();
        let end = at
            + e[at..]
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(e.len() - at);
        let row: u64 = e[at..end].parse().unwrap();
        format!("{}{}{}", &e[..at], row + n, &e[end..])
    })
    .collect();
    for chunk in [1, 2, 3, 5, 7, 16, 64, text.len()] {
        let (got, held) = events(text.as_bytes(), chunk, 30);
        assert_eq!(got.0[..n as usize][0], "r1 a ×2");
        assert_eq!(got.0[n as usize..], want, "chunk {chunk}");
        // csv-core's buffers stop at the limit; the rest is the sniffed text
        assert!(
            held <= SNIFF_BYTES + 64 * 31,
            "chunk {chunk}: {held} bytes held"
        );
    }
}

#[test]
fn a_ten_megabyte_line_is_dropped_and_the_buffers_stay_small() {
    let mut text = b"a,b\n1,2\n".to_vec();
    text.extend(std::iter::repeat_n(b'0', 10_000_000));
    text.extend_from_slice(b"\n3,4\n");
    let mut quoted = b"a,b\n1,2\n\"".to_vec();
    quoted.extend(std::iter::repeat_n(b"0,\n".as_slice(), 3_000_000).flatten());
    for (what, bytes) in [("zeros", &text), ("open quote", &quoted)] {
        for chunk in [4096, 1 << 16, 1 << 20, 3_000_001, bytes.len()] {
            let (got, held) = events(bytes, chunk, MAX_RECORD_BYTES);
            assert_eq!(
                &got.0[..3],
                ["r1 a ×2", "r2 1 ×2", "long3"],
                "{what} {chunk}"
            );
            assert!(
                held <= SNIFF_BYTES + 2 * MAX_RECORD_BYTES + (1 << 16),
                "{what}, chunk {chunk}: {held} bytes held"
            );
        }
        let (got, _) = events(bytes, 1 << 16, MAX_RECORD_BYTES);
        if what == "zeros" {
            assert_eq!(got.0, ["r1 a ×2", "r2 1 ×2", "long3", "r4 3 ×2"]);
        } else {
            // cut at the limit, inside the quoted field; reading goes on line by line
            assert_eq!(got.0[3], "quote3");
            assert_eq!(got.0[4], "r4 0 ×2");
        }
    }
}

#[test]
fn quoted_fields_over_many_lines_or_to_the_end_are_warned_about() {
    let many = format!("a,b\n1,\"{}\"\n2,3\n", "l\n".repeat(150));
    let few = "a,b\n1,\"one\ntwo\nthree\"\n2,3\n";
    let open = "a,b\n1,2\n3,\"never closed\n4,5\n6,7\n";
    for chunk in [1, 3, 64, 1 << 20] {
        let (got, _) = events(many.as_bytes(), chunk, MAX_RECORD_BYTES);
        assert_eq!(
            got.0,
            ["r1 a ×2", "quote2", "r2 1 ×2", "r3 2 ×2"],
            "{chunk}"
        );
        let (got, _) = events(few.as_bytes(), chunk, MAX_RECORD_BYTES);
        assert_eq!(got.0, ["r1 a ×2", "r2 1 ×2", "r3 2 ×2"], "{chunk}");
        let (got, _) = events(open.as_bytes(), chunk, MAX_RECORD_BYTES);
        assert_eq!(
            got.0,
            ["r1 a ×2", "r2 1 ×2", "quote3", "r3 3 ×2"],
            "{chunk}"
        );
    }
}

#[test]
fn read_all_keeps_row_numbers_past_a_long_row() {
    let text = format!("a,b\n{},1\nc,d\n", "z".repeat(MAX_RECORD_BYTES + 1));
    let t = read_all(text.as_bytes());
    assert_eq!(t.rows, rows(&[&["a", "b"], &[""], &["c", "d"]]));
}

/// A lone CR (an old Mac line end, or a stray byte) ends a record as csv-core reads it, both in
/// the sniffed text and after it, whatever the chunking: found by the `part` fuzz target, where
/// the fast path read «/\rai» as one line when the line came whole and as two when a chunk cut
/// it. A CR inside quotes stays in the cell.
#[test]
fn a_lone_cr_ends_a_record_whatever_the_chunking() {
    let pad = "p,q\n".repeat(SNIFF_BYTES / 4);
    let ours = |t: &Table| -> Vec<String> {
        t.rows
            .iter()
            .filter(|r| r[0] != "p")
            .map(|r| r.join("|"))
            .collect()
    };
    for (tail, want) in [
        ("x,\ry\n", &["x|", "y"][..]),
        ("\"a\rb\",c\rd,e\r\nf,g\n", &["a\rb|c", "d|e", "f|g"]),
        ("a,b\r\r\nc\rd\n", &["a|b", "", "c", "d"]),
    ] {
        for text in [format!("h,k\n{tail}{pad}"), format!("h,k\n{pad}{tail}")] {
            let whole = read_all(text.as_bytes());
            assert_eq!(ours(&whole)[1..], *want, "{tail:?}");
            for chunk in [1, 2, 3, 5, 7, 64, 4096] {
                let got = read_chunked(text.as_bytes(), chunk);
                assert_eq!(ours(&got), ours(&whole), "{tail:?}, chunk {chunk}");
                assert_eq!(got.rows.len(), whole.rows.len(), "{tail:?}, chunk {chunk}");
            }
        }
    }
}
