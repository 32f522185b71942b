//! What every fuzz target shares: one file driven through the real streaming contract
//! (`Analyzer::begin_file` / `push` in chunks / `end_file` / `finish_report`), then the
//! invariants that must hold for any bytes at all. A broken invariant is a crash, so the fuzzer
//! keeps the input.

use tthc_analytics::{Analyzer, Options, Report};

/// Options and chunking taken from the first bytes of the input; the rest is the file.
pub struct Plan<'a> {
    pub options: Options,
    /// The size of the chunks the file is pushed in (1 ..= 4096).
    pub chunk: usize,
    pub file: &'a [u8],
}

/// Reads the plan: byte 0 picks the encoding (detected or forced) and the period, byte 1 the
/// chunk size. Inputs shorter than 2 bytes are a whole file read with the defaults.
pub fn plan(data: &[u8]) -> Plan<'_> {
    if data.len() < 2 {
        return Plan {
            options: Options::default(),
            chunk: 4096,
            file: data,
        };
    }
    let (a, b) = (data[0], data[1]);
    let encoding = match a & 7 {
        1 => Some("utf-8"),
        2 => Some("windows-1258"),
        3 => Some("tcvn3"),
        4 => Some("vni"),
        5 => Some("utf-16le"),
        _ => None,
    };
    let mut options = Options {
        encoding: encoding.map(str::to_string),
        ..Options::default()
    };
    match (a >> 3) & 3 {
        1 => options.year = Some(2024),
        2 => {
            options.year = Some(2024);
            options.compare_previous = Some(true);
        }
        3 => options.convention = Some("bieu-06".into()),
        _ => {}
    }
    if a & 0x40 != 0 {
        options.two_tier = Some(true);
    }
    let chunk = match b {
        0 => 1,
        b if b < 16 => b as usize,
        b => (b as usize) * 16,
    };
    Plan {
        options,
        chunk,
        file: &data[2..],
    }
}

/// Drives `files` through one Analyzer, `chunk` bytes at a time, and checks the invariants.
pub fn run(options: Options, chunk: usize, files: &[(&str, &[u8])]) -> Report {
    let mut a = match Analyzer::new(options) {
        Ok(a) => a,
        Err(e) => panic!("the fuzz options must be valid: {e}"),
    };
    for (name, bytes) in files {
        a.begin_file(name);
        for part in bytes.chunks(chunk.max(1)) {
            a.push(part);
        }
        a.end_file();
    }
    let report = a.finish_report();
    check(&report);
    report
}

/// What holds for every Report, whatever the bytes.
pub fn check(report: &Report) {
    for f in &report.files {
        assert!(
            f.rows.balanced(),
            "row accounting of {} does not add up: {:?}",
            f.name,
            f.rows
        );
    }
    // The contract serialises (numbers finite, maps with string keys).
    serde_json::to_vec(report).expect("a Report serialises");
}

/// One file through [`run`], with the plan taken from the input's first bytes; then, when the
/// plan cut it into chunks, the same file pushed whole: chunk boundaries may fall anywhere, so
/// the Report must be the same.
pub fn one_file(name: &str, data: &[u8]) {
    let p = plan(data);
    let chunked = run(p.options.clone(), p.chunk, &[(name, p.file)]);
    if p.chunk < p.file.len() {
        let whole = run(p.options, p.file.len(), &[(name, p.file)]);
        same("pushed whole", &whole, &chunked);
    }
}

/// Panics when the two Reports' JSON differ, saying where (with some context either side: what
/// CI prints is all it keeps).
fn same(what: &str, want: &Report, got: &Report) {
    let (want, got) = (
        serde_json::to_string(want).expect("serialises"),
        serde_json::to_string(got).expect("serialises"),
    );
    if want != got {
        let at = want
            .bytes()
            .zip(got.bytes())
            .take_while(|(a, b)| a == b)
            .count();
        let around = |s: &str| {
            let (a, b) = (at.saturating_sub(300), (at + 300).min(s.len()));
            String::from_utf8_lossy(&s.as_bytes()[a..b]).into_owned()
        };
        panic!(
            "{what}: the Report differs at byte {at}:\n want: …{}…\n got:  …{}…",
            around(&want),
            around(&got)
        );
    }
}

/// The file of [`plan`] repeated to past 80 KiB (so that the first worker has started reading
/// records at the cuts), cut at the line starts after the two offsets the plan's chunk byte and
/// the file's length pick, read through `dossier::part::read_in_parts` in the plan's chunks:
/// the same Report JSON as the file pushed whole in one go. Then the input as a part's bytes.
pub fn in_parts(data: &[u8]) {
    use tthc_analytics::dossier::part::{read_in_parts, Part};
    let _ = Part::from_bytes(data.to_vec());
    let p = plan(data);
    if p.file.is_empty() || !p.file.contains(&b'\n') {
        return;
    }
    let mut file = Vec::new();
    while file.len() < 80 << 10 {
        file.extend_from_slice(p.file);
    }
    let line_start = |at: usize| {
        let at = at.min(file.len());
        file[at..]
            .iter()
            .position(|&b| b == b'\n')
            .map(|i| at + i + 1)
            .filter(|&c| c < file.len())
    };
    let len = file.len();
    let mut cuts: Vec<usize> = [
        65 << 10,
        (65 << 10) + (len - (65 << 10)) * (p.chunk % 97) / 97,
    ]
    .into_iter()
    .filter_map(line_start)
    .collect();
    cuts.dedup();
    let name = "tệp.csv";
    // pushed whole, so that a Report that depends on the chunking shows here too
    let one = run(p.options.clone(), file.len(), &[(name, &file)]);
    let mut a = Analyzer::new(p.options.clone()).expect("valid options");
    a.begin_file(name);
    read_in_parts(&mut a, &p.options, name, &file, &cuts, p.chunk);
    a.end_file();
    let split = a.finish_report();
    check(&split);
    same(&format!("cuts {cuts:?}, read in parts"), &one, &split);
}

/// A valid .xlsx (stored, not deflated) around the given sheet XML, shared strings and styles,
/// so that fuzzed XML reaches calamine's and our sheet readers.
pub fn pack_xlsx(sheet: &[u8], shared: &[u8], styles: &[u8]) -> Vec<u8> {
    use std::io::Write;
    use zip::write::SimpleFileOptions;
    let parts: [(&str, &[u8]); 7] = [
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", ROOT_RELS.as_bytes()),
        ("xl/workbook.xml", WORKBOOK.as_bytes()),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS.as_bytes()),
        ("xl/worksheets/sheet1.xml", sheet),
        ("xl/sharedStrings.xml", shared),
        ("xl/styles.xml", styles),
    ];
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let o = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, bytes) in parts {
        w.start_file(name, o).expect("zip entry");
        w.write_all(bytes).expect("zip write");
    }
    w.finish().expect("zip end").into_inner()
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>"#;
const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
const WORKBOOK: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Danh sách hồ sơ" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
const WORKBOOK_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#;
