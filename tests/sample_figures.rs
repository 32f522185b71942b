//! The built-in sample, through the streaming analyzer, must give exactly the Bình Thuận 2024
//! figures, whatever the chunk size.

use tthc_analytics::dossier::aggregate::Counts;
use tthc_analytics::dossier::model::Level;
use tthc_analytics::sample::dossiers::{Sample, DIGITIZED, TARGETS};
use tthc_analytics::{Analyzer, Options};

#[test]
fn default_sample_reproduces_the_binh_thuan_2024_report() {
    let mut a = Analyzer::new(Options::default()).unwrap();
    a.begin_file("mau.csv");
    let mut s = Sample::new(0);
    // odd chunk size: boundaries fall inside fields and multi-byte characters
    while let Some(c) = s.next_chunk(1_000_003) {
        for part in c.chunks(65_537) {
            a.push(part);
        }
    }
    a.end_file();
    let r = a.finish_report();
    assert_eq!(r.period.from, "2024-01-01");
    assert_eq!(r.period.to, "2024-12-31");
    assert!(r.period.auto);
    assert!(!r.two_tier);
    for (level, resolved, on_time, late) in TARGETS {
        let l = r.levels.iter().find(|l| l.level == level).unwrap();
        assert_eq!(l.figures.counts.resolved, resolved, "{level:?}");
        assert_eq!(l.figures.counts.on_time, on_time, "{level:?}");
        assert_eq!(l.figures.counts.late, late, "{level:?}");
        assert_eq!(
            l.figures.counts.digitized,
            DIGITIZED[level.index()],
            "{level:?}"
        );
    }
    let t = &r.total.counts;
    assert_eq!(t.resolved, 565_073);
    assert_eq!(
        tthc_analytics::basics::format::pct(r.total.digitized_rate),
        "73,8%"
    );
    assert!(t.pending > 0 && t.pending_overdue > 0 && t.withdrawn > 0 && t.carried_over > 0);
    assert_eq!(r.rows.read, 585_006);
    assert_eq!(r.rows.counted, 585_000);
    assert_eq!(r.rows.ignored_title, 3);
    assert_eq!(r.rows.ignored_blank, 1);
    assert_eq!(r.rows.ignored_header, 1);
    assert_eq!(r.rows.ignored_total, 1);
    assert_eq!(r.rows.rejected, 0);
    assert!(r.rows.balanced());
    assert!(r.narrative.contains(
        "Cấp tỉnh đã giải quyết 98.942 hồ sơ TTHC, trong đó đúng hạn 98.783 hồ sơ (đạt 99,84%), trễ hạn 159 hồ sơ (chiếm 0,16%)."
    ), "{}", r.narrative);
    assert!(r.narrative.contains("Cấp huyện đã giải quyết 108.509 hồ sơ TTHC, trong đó đúng hạn 106.466 hồ sơ (đạt 98,12%), trễ hạn 2.043 hồ sơ (chiếm 1,88%)."));
    assert!(r.narrative.contains("Cấp xã đã giải quyết 357.622 hồ sơ TTHC, trong đó đúng hạn 351.372 hồ sơ (đạt 98,25%), trễ hạn 6.250 hồ sơ (chiếm 1,75%)."));
    // the late list holds every late dossier and the units' figures add up to the levels'
    let late_resolved = r.late.iter().filter(|d| d.kind == "resolved").count() as u64;
    assert_eq!(late_resolved, 159 + 2_043 + 6_250);
    let unit_resolved: u64 = r
        .units
        .iter()
        .filter(|u| u.level == Some(Level::District))
        .map(|u| u.figures.counts.resolved)
        .sum();
    assert_eq!(unit_resolved, 108_509);
    assert_eq!(r.months.len(), 12);
    assert_eq!(
        r.months
            .iter()
            .map(|m| m.figures.counts.resolved)
            .sum::<u64>(),
        565_073
    );
    // the months by level add up to the levels: 98.942 / 108.509 / 357.622 resolved, 159 /
    // 2.043 / 6.250 late (the monthly chart per level)
    for (i, want) in [(98_942, 159), (108_509, 2_043), (357_622, 6_250)]
        .into_iter()
        .enumerate()
    {
        let sum = |f: fn(&Counts) -> u64| -> u64 {
            r.months
                .iter()
                .map(|m| f(&m.levels[i].figures.counts))
                .sum()
        };
        assert_eq!((sum(|c| c.resolved), sum(|c| c.late)), want, "level {i}");
    }
    for m in &r.months {
        let resolved: u64 = m.levels.iter().map(|l| l.figures.counts.resolved).sum();
        assert_eq!(resolved, m.figures.counts.resolved, "{}", m.month);
    }
}

/// The same ingest under the form 06 convention: withdrawn dossiers join the resolved on time,
/// supplement and stopped ones the in-progress within time; receipts do not move.
#[test]
fn the_form_06_convention_on_the_sample() {
    let mut a = Analyzer::new(Options::default()).unwrap();
    a.begin_file("mau.csv");
    let mut s = Sample::new(0);
    while let Some(c) = s.next_chunk(1 << 20) {
        a.push(&c);
    }
    a.end_file();
    let ing = a.finish();
    let mac = tthc_analytics::dossier::build(&ing, &ing.settings);
    let options = Options {
        convention: Some("bieu-06".into()),
        ..Options::default()
    };
    let form = tthc_analytics::dossier::build(&ing, &options.check().unwrap());
    assert_eq!(mac.convention.id, "mac-dinh");
    assert_eq!(form.convention.id, "bieu-06");
    assert!(form
        .narrative
        .ends_with("Số liệu được đếm theo quy ước «Biểu 06 / II.06a»."));
    for (m, f) in mac.levels.iter().zip(&form.levels) {
        let (m, f) = (&m.figures.counts, &f.figures.counts);
        assert_eq!(f.received, m.received);
        assert_eq!(f.withdrawn, m.withdrawn);
        assert!(f.withdrawn > 0);
        assert_eq!(f.on_time + f.late, f.resolved);
        assert!(f.resolved - f.withdrawn <= m.resolved);
        assert!(f.late <= m.late);
        assert!(f.pending >= m.pending);
        assert!(f.pending_overdue <= f.pending);
    }
}
