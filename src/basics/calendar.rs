//! Working days: which days a public office works, as data. Saturday and Sunday are the weekly
//! rest days; the public holidays of each year are the days the government announced for
//! civil servants (công chức, viên chức) — the holiday itself, the compensatory day when it
//! falls on a weekend (nghỉ bù, Bộ luật Lao động 2019 Điều 111 khoản 3), and the swapped days
//! (hoán đổi: a weekday off, a Saturday worked instead, listed as a working day).
//!
//! The data is `calendar/vn-holidays.json` (2020–2026), embedded at compile time; every year
//! and entry names its source, and an entry marked `"verified": false` is one not yet checked
//! against the announcement (README.md, «Ngày làm việc»). A user file in the same format
//! extends it: its days off and working days are applied after the embedded ones, so a user
//! working day overrides an embedded day off and a user day off an embedded working Saturday.
//!
//! Counting is O(1): [`Calendar::working_days_between`] is the difference of a prefix count
//! `W(d)` = weekdays up to `d` (closed form) + the corrections of the covered years up to `d`,
//! looked up in a table of `W` over the covered years (one `i32` a day). Outside the covered years only
//! weekends count as days off; [`Calendar::warnings`] says so for the days a report used.
//!
//! The on-time rule does not use this: a dossier is on time when it ends on or before its due
//! date (the forms' rule). Working days are only the measure of how late, and how long.

use crate::basics::time::{civil_from_days, days_from_civil, days_in_month, vi_date, Day};
use serde::Deserialize;
use std::sync::{Arc, OnceLock};

/// The embedded calendar file.
const EMBEDDED: &str = include_str!("calendar/vn-holidays.json");

/// The `kind` of a calendar file.
pub const CALENDAR_KIND: &str = "tthc-calendar";

/// A calendar file (the embedded one, or the user's).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    kind: String,
    version: u32,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    #[allow(dead_code)]
    updated: Option<String>,
    #[serde(default)]
    #[allow(dead_code)]
    note: Option<String>,
    years: Vec<YearData>,
}

/// One year's days off and working days, with the announcement(s) they come from.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct YearData {
    year: i32,
    #[serde(default)]
    #[allow(dead_code)]
    source: Option<String>,
    #[serde(default)]
    days_off: Vec<Entry>,
    #[serde(default)]
    working_days: Vec<Entry>,
}

/// A day (`date`) or an inclusive range (`from`, `to`), as `yyyy-mm-dd` or `dd/mm/yyyy`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    from: Option<String>,
    #[serde(default)]
    to: Option<String>,
    name: String,
    #[serde(default = "yes")]
    verified: bool,
    #[serde(default)]
    #[allow(dead_code)]
    source: Option<String>,
}

fn yes() -> bool {
    true
}

/// A day's state as the files set it (before the weekend rule).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Set {
    Off,
    Work,
}

/// An entry not yet checked against its announcement: its days and its name.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Unverified {
    from: Day,
    to: Day,
    name: String,
}

/// Working days of public offices: weekends, and the holidays and swapped days of the covered
/// years. See the module docs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Calendar {
    /// What the Report calls it.
    pub name: String,
    /// The years the data covers, ascending (other years: weekends only).
    pub years: Vec<i32>,
    /// The table's first day (1 January of the first covered year).
    start: Day,
    /// `through[i]` = working days up to and including `start + i` (the prefix count `W`), for
    /// every day of the covered years: a lookup instead of the weekday arithmetic.
    through: Vec<i32>,
    /// Σ over the covered days of (working − weekday): −1 for a weekday off, +1 for a Saturday
    /// worked; what `W` adds to the weekday count after the table.
    adj_after: i32,
    unverified: Vec<Unverified>,
}

/// Monday 29/12/1969: the origin of the weekday count.
pub const MONDAY: Day = -3;

/// Weekdays (Monday–Friday) from an origin Monday up to and including `d`, as a prefix count:
/// `weekdays_through(d) − weekdays_through(d − 1)` is 1 for a weekday, 0 for a weekend day.
#[inline]
pub fn weekdays_through(d: Day) -> i32 {
    let n = d - MONDAY + 1;
    5 * n.div_euclid(7) + n.rem_euclid(7).min(5)
}

/// Whether `d` is a Saturday or a Sunday.
pub fn is_weekend(d: Day) -> bool {
    (d - MONDAY).rem_euclid(7) >= 5
}

/// A date of a calendar file: `yyyy-mm-dd` or `dd/mm/yyyy`.
fn parse_date(s: &str) -> Option<Day> {
    let s = s.trim();
    let parts: Vec<&str> = s.split(['-', '/']).collect();
    let [a, b, c] = parts[..] else { return None };
    let (y, m, d) = if s.contains('-') {
        (a, b, c)
    } else {
        (c, b, a)
    };
    let (y, m, d): (i32, u32, u32) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    let ok = y.to_string().len() == 4 && (1..=12).contains(&m);
    (ok && d >= 1 && d <= days_in_month(y, m)).then(|| days_from_civil(y, m, d))
}

impl Entry {
    /// The entry's days, checked; the error names the year and the entry.
    fn days(&self, year: i32) -> Result<(Day, Day), String> {
        let at = |what: &str| format!("năm {year}, «{}»: {what}", self.name);
        let date = |s: &String| {
            parse_date(s).ok_or_else(|| {
                at(&format!(
                    "ngày «{s}» không hợp lệ (cần yyyy-mm-dd hoặc dd/mm/yyyy)"
                ))
            })
        };
        let (from, to) = match (&self.date, &self.from, &self.to) {
            (Some(d), None, None) => (date(d)?, date(d)?),
            (None, Some(f), Some(t)) => (date(f)?, date(t)?),
            _ => return Err(at("cần \"date\", hoặc cả \"from\" và \"to\"")),
        };
        if from > to {
            return Err(at("«from» phải trước hoặc bằng «to»"));
        }
        if to - from > 31 {
            return Err(at("một mục không quá 32 ngày"));
        }
        if civil_from_days(from).0 != year && civil_from_days(to).0 != year {
            return Err(at("ngày không thuộc năm này"));
        }
        Ok((from, to))
    }
}

/// A calendar file read and checked: its name, and its days in the order they apply.
struct Parsed {
    name: Option<String>,
    years: Vec<i32>,
    days: Vec<(Day, Day, Set)>,
    unverified: Vec<Unverified>,
}

fn parse(text: &str) -> Result<Parsed, String> {
    let bad = |e: &dyn std::fmt::Display| format!("Tệp lịch nghỉ lễ không hợp lệ: {e}");
    let file: File =
        serde_json::from_str(text.trim_start_matches('\u{feff}')).map_err(|e| bad(&e))?;
    if file.kind != CALENDAR_KIND || file.version != 1 {
        return Err(bad(&format!(
            "cần \"kind\": \"{CALENDAR_KIND}\", \"version\": 1"
        )));
    }
    let mut p = Parsed {
        name: file.name.filter(|n| !n.trim().is_empty()),
        years: Vec::new(),
        days: Vec::new(),
        unverified: Vec::new(),
    };
    for y in &file.years {
        if !(1900..=2100).contains(&y.year) {
            return Err(bad(&format!("năm {} không hợp lệ", y.year)));
        }
        p.years.push(y.year);
        let mut mine: Vec<(Day, Day, Set, &str)> = Vec::new();
        for (list, set) in [(&y.days_off, Set::Off), (&y.working_days, Set::Work)] {
            for e in list {
                let (from, to) = e.days(y.year).map_err(|e| bad(&e))?;
                if let Some(o) = mine.iter().find(|o| o.2 != set && o.0 <= to && from <= o.1) {
                    return Err(bad(&format!(
                        "năm {}, «{}»: trùng ngày với «{}» (một ngày không thể vừa nghỉ vừa làm việc)",
                        y.year, e.name, o.3
                    )));
                }
                mine.push((from, to, set, &e.name));
                if !e.verified {
                    p.unverified.push(Unverified {
                        from,
                        to,
                        name: e.name.clone(),
                    });
                }
            }
        }
        p.days.extend(mine.iter().map(|&(f, t, s, _)| (f, t, s)));
    }
    Ok(p)
}

impl Calendar {
    /// The embedded calendar (built once).
    pub fn embedded() -> Arc<Calendar> {
        static CAL: OnceLock<Arc<Calendar>> = OnceLock::new();
        CAL.get_or_init(|| {
            let p = parse(EMBEDDED).expect("the embedded calendar is valid");
            let name = p.name.clone().unwrap_or_default();
            Arc::new(Calendar::from_files(name, &[p]))
        })
        .clone()
    }

    /// The embedded calendar extended by a user file in the same format (its entries applied
    /// after the embedded ones). The error is a Vietnamese sentence naming the entry.
    pub fn with_user(text: &str) -> Result<Calendar, String> {
        let base = parse(EMBEDDED).expect("the embedded calendar is valid");
        let user = parse(text)?;
        let name = format!(
            "{} + {}",
            base.name.clone().unwrap_or_default(),
            user.name
                .clone()
                .unwrap_or_else(|| "lịch của người dùng".into())
        );
        Ok(Calendar::from_files(name, &[base, user]))
    }

    /// Only weekends (no holidays at all).
    pub fn weekends_only() -> Calendar {
        Calendar::from_files("Chỉ thứ Bảy, Chủ nhật".into(), &[])
    }

    fn from_files(name: String, files: &[Parsed]) -> Calendar {
        let mut years: Vec<i32> = files.iter().flat_map(|p| p.years.clone()).collect();
        years.sort_unstable();
        years.dedup();
        let (Some(&first), Some(&last)) = (years.first(), years.last()) else {
            return Calendar {
                name,
                years,
                start: 0,
                through: Vec::new(),
                adj_after: 0,
                unverified: Vec::new(),
            };
        };
        let start = days_from_civil(first, 1, 1);
        let end = days_from_civil(last, 12, 31);
        let mut set: Vec<Option<Set>> = vec![None; (end - start + 1) as usize];
        for p in files {
            for &(from, to, s) in &p.days {
                for d in from.max(start)..=to.min(end) {
                    set[(d - start) as usize] = Some(s);
                }
            }
        }
        let mut through = Vec::with_capacity(set.len());
        let mut acc = 0;
        for (i, s) in set.iter().enumerate() {
            let d = start + i as Day;
            let weekend = is_weekend(d);
            acc += match s {
                Some(Set::Off) if !weekend => -1,
                Some(Set::Work) if weekend => 1,
                _ => 0,
            };
            through.push(weekdays_through(d) + acc);
        }
        let unverified = files.iter().flat_map(|p| p.unverified.clone()).collect();
        Calendar {
            name,
            years,
            start,
            through,
            adj_after: acc,
            unverified,
        }
    }

    /// Working days up to and including `d` (from an arbitrary origin): a prefix count.
    #[inline]
    fn through(&self, d: Day) -> i32 {
        // a day before the table wraps to a large index and falls to the arithmetic
        match self.through.get(d.wrapping_sub(self.start) as u32 as usize) {
            Some(&w) => w,
            None if d < self.start => weekdays_through(d),
            None => weekdays_through(d) + self.adj_after,
        }
    }

    /// The working days after `from` up to and including `to`: 0 when `to == from`, 1 from a
    /// working day to the next working day, and negative (minus the working days after `to` up
    /// to `from`) when `to` is before `from`. So a dossier due on Friday and finished on Monday
    /// is 1 working day late; received on Wednesday 7/2/2024 and finished on Thursday 15/2/2024
    /// (Tết 8–14/2 between) it took 1 working day.
    #[inline]
    pub fn working_days_between(&self, from: Day, to: Day) -> i32 {
        self.through(to) - self.through(from)
    }

    /// The working-day count as another engine computes it (the SQL of `dossier::sql`): the
    /// prefix count up to `d` is [`weekdays_through`]`(d)` plus the offset of the last step on
    /// or before `d` (0 before the first step). Steps `(first day, offset)`, ascending: one per
    /// change (a weekday off, a Saturday worked), so a few per covered year.
    pub fn offset_steps(&self) -> Vec<(Day, i32)> {
        let mut steps = Vec::new();
        let mut last = 0;
        for (i, &w) in self.through.iter().enumerate() {
            let d = self.start + i as Day;
            let off = w - weekdays_through(d);
            if off != last {
                steps.push((d, off));
                last = off;
            }
        }
        if self.adj_after != last {
            steps.push((self.start + self.through.len() as Day, self.adj_after));
        }
        steps
    }

    /// Whether offices work on `d`.
    pub fn is_working_day(&self, d: Day) -> bool {
        self.through(d) - self.through(d - 1) == 1
    }

    /// Whether the data covers the year of `d`.
    pub fn covers(&self, d: Day) -> bool {
        self.years.binary_search(&civil_from_days(d).0).is_ok()
    }

    /// What a report that counted working days over `from ..= to` should say: the years there
    /// that the data does not cover (weekends only), and the entries there not yet checked
    /// against their announcement.
    pub fn warnings(&self, from: Day, to: Day) -> Vec<String> {
        if from > to {
            return Vec::new();
        }
        let mut out = Vec::new();
        let (y0, y1) = (civil_from_days(from).0, civil_from_days(to).0);
        // the missing years, consecutive ones as one range («2017–2019»)
        let mut runs: Vec<(i32, i32)> = Vec::new();
        for y in (y0..=y1).filter(|y| self.years.binary_search(y).is_err()) {
            match runs.last_mut() {
                Some(r) if r.1 + 1 == y => r.1 = y,
                _ => runs.push((y, y)),
            }
        }
        if !runs.is_empty() {
            let list: Vec<String> = runs
                .iter()
                .map(|&(a, b)| {
                    if a == b {
                        a.to_string()
                    } else {
                        format!("{a}–{b}")
                    }
                })
                .collect();
            out.push(format!(
                "Lịch nghỉ lễ không có năm {}: với các năm này, ngày làm việc chỉ trừ thứ Bảy, Chủ nhật.",
                list.join(", ")
            ));
        }
        for u in &self.unverified {
            if u.from <= to && from <= u.to {
                let when = if u.from == u.to {
                    vi_date(u.from)
                } else {
                    format!("{} – {}", vi_date(u.from), vi_date(u.to))
                };
                out.push(format!(
                    "Ngày nghỉ, làm bù «{}» ({when}) chưa được đối chiếu với văn bản công bố.",
                    u.name
                ));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> Day {
        days_from_civil(y, m, d)
    }

    /// The steps (the SQL's form of the count) give the table's count on every day of the
    /// covered years and around them.
    #[test]
    fn offset_steps_give_the_same_count() {
        for cal in [Calendar::embedded(), Arc::new(Calendar::weekends_only())] {
            let steps = cal.offset_steps();
            assert!(steps.windows(2).all(|w| w[0].0 < w[1].0));
            let (first, last) = match (cal.years.first(), cal.years.last()) {
                (Some(&a), Some(&b)) => (day(a, 1, 1), day(b, 12, 31)),
                _ => (day(2024, 1, 1), day(2024, 12, 31)),
            };
            for d in first - 30..=last + 30 {
                let off = steps.iter().rev().find(|s| s.0 <= d).map_or(0, |s| s.1);
                assert_eq!(weekdays_through(d) + off, cal.through(d), "{}", cal.name);
            }
            if !cal.years.is_empty() {
                assert!(steps.len() > 5 * cal.years.len(), "{}", steps.len());
            }
        }
    }

    #[test]
    fn weekday_count_is_a_prefix_count() {
        // 1/1/1970 was a Thursday, 10/2/2024 a Saturday
        assert!(!is_weekend(0) && is_weekend(2) && is_weekend(3) && !is_weekend(4));
        assert!(is_weekend(day(2024, 2, 10)));
        let cal = Calendar::weekends_only();
        for d in -800..800 {
            let one = i32::from(!is_weekend(d));
            assert_eq!(cal.working_days_between(d - 1, d), one, "{d}");
            assert_eq!(cal.is_working_day(d), one == 1);
        }
        // Monday → next Monday: 5
        assert_eq!(
            cal.working_days_between(day(2030, 3, 4), day(2030, 3, 11)),
            5
        );
    }

    /// The table of the calendar: which days are off, and the counts across Tết, swaps and 2/9.
    #[test]
    fn holidays_2020_2026() {
        let cal = Calendar::embedded();
        assert_eq!(cal.years, (2020..=2026).collect::<Vec<_>>());
        // Tết Giáp Thìn: 8–14/2/2024 off; 7/2 and 15/2 work
        for d in 8..=14 {
            assert!(!cal.is_working_day(day(2024, 2, d)), "{d}/2/2024");
        }
        assert!(cal.is_working_day(day(2024, 2, 7)) && cal.is_working_day(day(2024, 2, 15)));
        let cases = [
            // (from, to, working days after from up to to, what)
            (day(2024, 2, 7), day(2024, 2, 15), 1, "Tết 2024"),
            (day(2024, 2, 7), day(2024, 2, 16), 2, "Tết 2024"),
            (
                day(2024, 2, 5),
                day(2024, 2, 19),
                5,
                "Tết 2024: 6, 7, 15, 16, 19/2",
            ),
            (day(2024, 2, 15), day(2024, 2, 7), -1, "reversed"),
            (day(2024, 2, 9), day(2024, 2, 9), 0, "same day"),
            (day(2025, 1, 24), day(2025, 2, 3), 1, "Tết 2025: 25/1–2/2"),
            (day(2026, 2, 13), day(2026, 2, 23), 1, "Tết 2026: 14–22/2"),
            (day(2023, 1, 19), day(2023, 1, 27), 1, "Tết 2023: 20–26/1"),
            // 2/9/2025: 1/9 (Monday) and 2/9 (Tuesday) off
            (day(2025, 8, 29), day(2025, 9, 3), 1, "Quốc khánh 2025"),
            // 30/4/2024: Saturday 4/5 worked instead of Monday 29/4
            (
                day(2024, 4, 26),
                day(2024, 5, 6),
                4,
                "2/5, 3/5, Saturday 4/5, 6/5/2024",
            ),
            (
                day(2025, 4, 25),
                day(2025, 4, 28),
                2,
                "Saturday 26/4/2025 worked",
            ),
            // 262 weekdays in 2024 (1/1 excluded: 261), 12 of them off (11 after 1/1), 1 Saturday worked
            (day(2024, 1, 1), day(2024, 12, 31), 261 - 11 + 1, "2024"),
        ];
        for (from, to, n, what) in cases {
            assert_eq!(cal.working_days_between(from, to), n, "{what}");
        }
        assert!(
            cal.is_working_day(day(2024, 5, 4)),
            "a swapped Saturday works"
        );
        assert!(!cal.is_working_day(day(2024, 4, 29)), "its Monday is off");
        assert!(!cal.is_working_day(day(2025, 9, 1)) && !cal.is_working_day(day(2025, 9, 2)));
        assert!(cal.is_working_day(day(2025, 9, 3)));
        assert!(
            !cal.is_working_day(day(2021, 9, 3)),
            "2/9 plus one day from 2021"
        );
        assert!(cal.is_working_day(day(2020, 9, 3)), "one day only in 2020");
    }

    #[test]
    fn outside_the_data_weekends_only_and_said() {
        let cal = Calendar::embedded();
        // 2019 and 2027: Tết days are working days here, and the report says so
        assert!(cal.is_working_day(day(2019, 2, 5)) && cal.is_working_day(day(2027, 2, 8)));
        assert_eq!(
            cal.working_days_between(day(2019, 12, 31), day(2020, 1, 2)),
            1
        );
        // across the table's end: Friday 1/1/2027 and Monday 4/1 (2027 not in the data)
        assert_eq!(
            cal.working_days_between(day(2026, 12, 31), day(2027, 1, 4)),
            2
        );
        assert_eq!(
            cal.working_days_between(day(2019, 1, 1), day(2027, 12, 31)),
            {
                let weekends = Calendar::weekends_only();
                let off_2020_2026: i32 = (day(2020, 1, 1)..=day(2026, 12, 31))
                    .filter(|&d| weekends.is_working_day(d) != cal.is_working_day(d))
                    .map(|d| if cal.is_working_day(d) { -1 } else { 1 })
                    .sum();
                weekends.working_days_between(day(2019, 1, 1), day(2027, 12, 31)) - off_2020_2026
            }
        );
        let w = cal.warnings(day(2019, 6, 1), day(2019, 12, 31));
        assert_eq!(w.len(), 1);
        assert!(w[0].contains("không có năm 2019:"), "{w:?}");
        let w = cal.warnings(day(2015, 6, 1), day(2027, 1, 5));
        assert!(w[0].contains("không có năm 2015–2019, 2027:"), "{w:?}");
        assert!(cal.warnings(day(2024, 1, 1), day(2024, 12, 31)).is_empty());
        let w = cal.warnings(day(2026, 1, 1), day(2026, 12, 31));
        assert!(w.iter().any(|s| s.contains("chưa được đối chiếu")), "{w:?}");
    }

    #[test]
    fn a_user_file_extends_and_overrides() {
        let user = r#"{
            "kind": "tthc-calendar", "version": 1, "name": "Lịch tỉnh X",
            "years": [
                { "year": 2024,
                  "days_off": [ { "date": "03/06/2024", "name": "Nghỉ do bão" } ],
                  "working_days": [ { "date": "2024-02-14", "name": "Trực Tết" } ] },
                { "year": 2027,
                  "days_off": [ { "from": "2027-02-05", "to": "2027-02-11", "name": "Tết Đinh Mùi", "verified": false } ] }
            ]
        }"#;
        let cal = Calendar::with_user(user).unwrap();
        assert!(cal.name.ends_with("+ Lịch tỉnh X"), "{}", cal.name);
        assert!(!cal.is_working_day(day(2024, 6, 3)));
        assert!(
            cal.is_working_day(day(2024, 2, 14)),
            "the user's working day wins"
        );
        assert!(
            !cal.is_working_day(day(2024, 2, 13)),
            "the rest of Tết stays"
        );
        assert!(!cal.is_working_day(day(2027, 2, 8)));
        assert!(cal.covers(day(2027, 2, 8)) && !cal.covers(day(2028, 1, 3)));
        // still counted in O(1) across the gap-free table 2020–2027
        assert_eq!(
            cal.working_days_between(day(2024, 2, 7), day(2024, 2, 15)),
            2
        );
        for (bad, says) in [
            ("{", "Tệp lịch nghỉ lễ không hợp lệ"),
            (r#"{"kind":"x","version":1,"years":[]}"#, "tthc-calendar"),
            (
                r#"{"kind":"tthc-calendar","version":1,"years":[{"year":2024,"days_off":[{"date":"2024-02-30","name":"Lễ A"}]}]}"#,
                "năm 2024, «Lễ A»: ngày «2024-02-30» không hợp lệ",
            ),
            (
                r#"{"kind":"tthc-calendar","version":1,"years":[{"year":2024,"days_off":[{"from":"2024-05-02","to":"2024-05-01","name":"Lễ B"}]}]}"#,
                "«Lễ B»: «from» phải trước",
            ),
            (
                r#"{"kind":"tthc-calendar","version":1,"years":[{"year":2024,"days_off":[{"date":"2025-01-02","name":"Lễ C"}]}]}"#,
                "«Lễ C»: ngày không thuộc năm này",
            ),
            (
                r#"{"kind":"tthc-calendar","version":1,"years":[{"year":2024,"days_off":[{"date":"2024-05-02","name":"Lễ D"}],"working_days":[{"date":"2024-05-02","name":"Làm E"}]}]}"#,
                "«Làm E»: trùng ngày với «Lễ D»",
            ),
            (
                r#"{"kind":"tthc-calendar","version":1,"years":[{"year":2024,"days_off":[{"name":"Lễ F"}]}]}"#,
                "«Lễ F»: cần \"date\"",
            ),
        ] {
            let e = Calendar::with_user(bad).unwrap_err();
            assert!(e.contains(says), "{e}");
        }
    }
}
