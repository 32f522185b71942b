//! A file read by several workers in byte ranges (`dossier::part`) gives the Report the file read
//! in one go gives, byte for byte: cut at line starts anywhere — inside the title block, inside a
//! quoted cell that holds line breaks, between CR and LF, right after a duplicate's first copy —
//! into 2 to 5 parts, each part sent as bytes and absorbed in order.

use tthc_analytics::dossier::part::{
    cut_points, read_in_parts, Part, HEAD_BYTES, MAX_SPLIT_BYTES, MIN_SPLIT_BYTES,
};
use tthc_analytics::sample::dossiers::Sample;
use tthc_analytics::{Analyzer, Options};

const NAME: &str = "ho-so.csv";

fn opts() -> Options {
    Options {
        year: Some(2024),
        ..Options::default()
    }
}

/// The Report JSON of `bytes` read in one go.
fn one_go(bytes: &[u8]) -> String {
    let mut a = Analyzer::new(opts()).unwrap();
    a.begin_file(NAME);
    a.push(bytes);
    a.end_file();
    serde_json::to_string(&a.finish_report()).unwrap()
}

/// What the worker and the CLI do (`part::read_in_parts`, in one thread, each part through its
/// bytes): the Report JSON and how many parts were absorbed.
fn in_parts(bytes: &[u8], cuts: &[usize], chunk: usize) -> (String, usize) {
    let mut a = Analyzer::new(opts()).unwrap();
    a.begin_file(NAME);
    let absorbed = read_in_parts(&mut a, &opts(), NAME, bytes, cuts, chunk);
    a.end_file();
    (serde_json::to_string(&a.finish_report()).unwrap(), absorbed)
}

/// The line start at or after `at`.
fn line_start(bytes: &[u8], at: usize) -> usize {
    at + bytes[at..].iter().position(|&b| b == b'\n').unwrap() + 1
}

/// The sample with what makes cutting hard spliced in: quoted cells over several lines, CRLF
/// line ends, blank lines, a repeated header, duplicates far apart, placeholder ids, bad dates
/// and a unit only the second half names.
fn hard_file(rows: usize) -> Vec<u8> {
    let sample = Sample::new(rows).to_vec();
    let text = String::from_utf8(sample).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let footer = lines.pop().unwrap();
    let header = lines[4].clone();
    let n = lines.len();
    let quoted = "900001,000.00.00.H10-QUOTED-1,1.004837,\"Đăng ký\nkết hôn\nlần hai\",Hộ tịch,UBND xã Hàm Hiệp,\"Nguyễn Văn A\",Trực tiếp,25/05/2024 09:12:00,01/06/2024 17:00:00,28/05/2024 14:11:00,,Đã xử lý xong,Không,Có,";
    let late = "900002,000.00.00.H10-LATE-1,1.004837,Đăng ký kết hôn,Hộ tịch,UBND xã Mới Lập,Trần B,Trực tuyến,01/03/2024 08:00:00,05/03/2024 17:00:00,20/03/2024 10:00:00,,Đã xử lý xong,Có,Có,";
    let bad = "900003,000.00.00.H10-BAD-1,1.004837,Đăng ký kết hôn,Hộ tịch,UBND xã Hàm Hiệp,Lê C,Trực tiếp,31/02/2024 08:00:00,05/03/2024 17:00:00,,,Đang xử lý,Không,Không,";
    let placeholder = "900004,-,1.004837,Đăng ký kết hôn,Hộ tịch,UBND xã Hàm Hiệp,Lê D,Trực tiếp,01/02/2024 08:00:00,05/02/2024 17:00:00,03/02/2024 08:00:00,,Đã xử lý xong,Không,Không,";
    let dup_first = lines[10].clone();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        out.push(line.clone());
        for k in 1..8 {
            if i == 5 + k * (n - 5) / 8 {
                match k {
                    1 => out.push(quoted.replace("QUOTED-1", "QUOTED-A")),
                    2 => out.extend([String::new(), String::new()]),
                    3 => out.push(bad.into()),
                    4 => out.push(placeholder.into()),
                    5 => {
                        out.push(header.clone());
                        out.push(dup_first.clone());
                    }
                    6 => out.push(late.into()),
                    _ => out.push(quoted.replace("QUOTED-1", "QUOTED-B")),
                }
            }
        }
        if i == n / 2 {
            out.push(placeholder.replace("Lê D", "Lê E"));
        }
    }
    out.push(footer);
    let mut bytes = Vec::new();
    for (i, line) in out.iter().enumerate() {
        bytes.extend_from_slice(line.as_bytes());
        // CRLF in the second quarter
        let crlf = (out.len() / 4..out.len() / 2).contains(&i);
        bytes.extend_from_slice(if crlf { b"\r\n" } else { b"\n" });
    }
    bytes
}

#[test]
fn any_cut_gives_the_one_go_report() {
    let bytes = hard_file(20_000);
    let want = one_go(&bytes);
    let len = bytes.len();
    let quoted = |tag: &str| {
        let at = bytes
            .windows(tag.len())
            .position(|w| w == tag.as_bytes())
            .unwrap();
        line_start(&bytes, at) // inside the quoted cell: after «Đăng ký\n»
    };
    let (in_quote_a, in_quote_b) = (quoted("QUOTED-A"), quoted("QUOTED-B"));
    let mut cases: Vec<Vec<usize>> = vec![
        vec![line_start(&bytes, len / 2)],
        vec![line_start(&bytes, len / 3), line_start(&bytes, 2 * len / 3)],
        (1..5).map(|k| line_start(&bytes, k * len / 5)).collect(),
        vec![in_quote_a],
        vec![line_start(&bytes, len / 2), in_quote_b],
        vec![in_quote_a, line_start(&bytes, len / 2)],
        // before the header: the part would read title rows as data, so it is refused
        vec![line_start(&bytes, 10)],
        // the last line (the footer) alone
        vec![line_start(&bytes, len - 200)],
    ];
    // every tenth of the file, one cut each
    cases.extend((1..10).map(|k| vec![line_start(&bytes, k * len / 10)]));
    let mut absorbed_any = 0;
    for (i, cuts) in cases.iter().enumerate() {
        let chunk = [1 << 20, 65_536, 7_919][i % 3];
        let (got, absorbed) = in_parts(&bytes, cuts, chunk);
        assert!(
            got == want,
            "cuts {cuts:?} (chunk {chunk}): the Report differs"
        );
        absorbed_any += absorbed;
    }
    assert!(
        absorbed_any >= 10,
        "parts were absorbed, not all read again"
    );
}

#[test]
fn a_cut_inside_a_quoted_cell_is_read_by_the_first_worker() {
    let bytes = hard_file(3_000);
    let at = bytes.windows(8).position(|w| w == b"QUOTED-A").unwrap();
    let cut = line_start(&bytes, at);
    let (got, absorbed) = in_parts(&bytes, &[cut], 4096);
    assert_eq!(absorbed, 0, "the part started inside a record");
    assert_eq!(got, one_go(&bytes));
    // and the part behind a good cut is taken
    let (got, absorbed) = in_parts(&bytes, &[line_start(&bytes, bytes.len() / 2)], 4096);
    assert_eq!(absorbed, 1);
    assert_eq!(got, one_go(&bytes));
}

#[test]
fn the_bench_sample_splits_in_two_with_the_exact_figures() {
    let bytes = Sample::new(0).to_vec();
    let want = one_go(&bytes);
    let cuts = cut_points(bytes.len() as u64, 2, |at| {
        bytes[at as usize..bytes.len().min(at as usize + 65_536)].to_vec()
    });
    assert_eq!(cuts.len(), 1);
    let cuts: Vec<usize> = cuts.into_iter().map(|c| c as usize).collect();
    let (got, absorbed) = in_parts(&bytes, &cuts, 1 << 20);
    assert_eq!(absorbed, 1);
    assert!(got == want, "the Report differs");
    assert!(got.contains("\"resolved\":98942"), "province figure");
}

#[test]
fn a_small_file_is_read_by_the_first_worker_wherever_the_cuts() {
    // under the 64 KiB window the delimiter is sniffed from: the first worker has not started
    // reading records at any cut, so it takes no part and reads on (the parts learnt the format
    // from the whole file, as one-go reading does, but are not needed)
    let bytes = hard_file(120);
    assert!(bytes.len() < 64 << 10);
    let want = one_go(&bytes);
    let starts: Vec<usize> = (0..bytes.len() - 1)
        .filter(|&i| bytes[i] == b'\n')
        .map(|i| i + 1)
        .collect();
    for (k, &cut) in starts.iter().enumerate() {
        let (got, absorbed) = in_parts(&bytes, &[cut], 1 + k % 300);
        assert!(got == want, "cut {cut}: the Report differs");
        assert_eq!(absorbed, 0);
    }
}

#[test]
fn what_is_not_cut() {
    // not UTF-8 text: a workbook, JSON, a legacy encoding — no analyzer for a part
    for head in [
        &b"PK\x03\x04rest of a zip"[..],
        b"[{\"MaHoSo\": \"1\"}]",
        b"Ma ho so,Ngay tiep nhan\n\xe0\xe1\xe2,1\n",
    ] {
        let mut head = head.to_vec();
        head.resize(70_000, b'\n');
        assert!(Analyzer::for_part(opts(), NAME, &head).is_err());
    }
    // no header in the head
    assert!(Analyzer::for_part(opts(), NAME, &vec![b'x'; 70_000]).is_err());
    // small files, files too large to hold twice, or one part asked for
    assert!(cut_points(MIN_SPLIT_BYTES - 1, 4, |_| b"\n".to_vec()).is_empty());
    assert!(cut_points(MAX_SPLIT_BYTES + 1, 2, |_| b"\n".to_vec()).is_empty());
    assert_eq!(cut_points(MAX_SPLIT_BYTES, 2, |_| b"\n".to_vec()).len(), 1);
    assert!(cut_points(MIN_SPLIT_BYTES * 4, 1, |_| b"\n".to_vec()).is_empty());
    // no line end in the window: no cut there
    assert!(cut_points(MIN_SPLIT_BYTES * 4, 2, |_| b"abc".to_vec()).is_empty());
    // the first range 1,2 times each other one: 12 : 10 : 10 : 10 of 32 MiB
    let len = MIN_SPLIT_BYTES * 4;
    assert_eq!(
        cut_points(len, 4, |_| b"ab\n".to_vec()),
        [len * 12 / 42 + 3, len * 22 / 42 + 3, len * 32 / 42 + 3]
    );
}

#[test]
fn broken_part_bytes_are_refused_not_a_panic() {
    let bytes = hard_file(2_000);
    let head = &bytes[..bytes.len().min(HEAD_BYTES)];
    let mut a = Analyzer::for_part(opts(), NAME, head).unwrap();
    let cut = line_start(&bytes, bytes.len() / 2);
    a.push(&bytes[cut..]);
    let good = a.take_part(true).into_bytes();
    assert!(Part::from_bytes(good.clone()).is_ok());
    for n in (0..good.len()).step_by(97) {
        assert!(Part::from_bytes(good[..n].to_vec()).is_err(), "cut at {n}");
    }
    let mut extra = good.clone();
    extra.push(0);
    assert!(Part::from_bytes(extra).is_err());
    // a dossier's unit past the names, a status code out of range: refused, not a panic
    let n = good.len();
    for (at, byte) in [(n - 700, 0xff), (n / 2, 0xee), (n / 3, 0x7f)] {
        let mut bad = good.clone();
        bad[at] = byte;
        let _ = Part::from_bytes(bad);
    }
}

/// The CLI reads a large file with several threads (`TTHC_THREADS`): the same Report JSON as
/// with one, and the same exit code.
#[test]
fn the_cli_in_threads_prints_the_one_thread_report() {
    let dir = std::env::temp_dir().join(format!("tthc-parallel-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("ho-so.csv");
    let bytes = hard_file(60_000);
    assert!(bytes.len() as u64 > 2 * MIN_SPLIT_BYTES);
    std::fs::write(&path, &bytes).unwrap();
    let run = |threads: &str| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_tthc"))
            .args(["report", "--json", "--period", "2024"])
            .arg(&path)
            .env("TTHC_THREADS", threads)
            .output()
            .unwrap();
        (out.status.code(), String::from_utf8(out.stdout).unwrap())
    };
    let one = run("1");
    assert!(one.1.contains("\"resolved\""), "{}", one.1);
    for threads in ["2", "3", "7"] {
        assert!(run(threads) == one, "{threads} threads: the Report differs");
    }
    std::fs::remove_dir_all(&dir).ok();
}
