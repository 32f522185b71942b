//! vi-VN renderings: 98.942; 99,84%; 1.234,5.

/// Integer with `.` thousands separators.
pub fn int(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// Decimal with `,` as separator and `.` thousands, rounded half away from zero to `decimals`.
pub fn dec(x: f64, decimals: usize) -> String {
    let neg = x < 0.0;
    let scale = 10f64.powi(decimals as i32);
    let r = (x.abs() * scale).round() as u64;
    let ip = r / scale as u64;
    let fp = r % scale as u64;
    let mut s = String::new();
    if neg && r != 0 {
        s.push('-');
    }
    s.push_str(&int(ip));
    if decimals > 0 {
        s.push(',');
        s.push_str(&format!("{fp:0width$}", width = decimals));
    }
    s
}

/// Like `dec` but without trailing zeros: 73,80 → 73,8; 100,00 → 100. The style of report text.
pub fn dec_trim(x: f64, decimals: usize) -> String {
    let s = dec(x, decimals);
    if !s.contains(',') {
        return s;
    }
    s.trim_end_matches('0').trim_end_matches(',').to_string()
}

/// Percent for report text: `99,84%`, `73,8%`; `–` when undefined.
pub fn pct(x: Option<f64>) -> String {
    x.map_or_else(|| "–".into(), |v| format!("{}%", dec_trim(v, 2)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_numbers() {
        assert_eq!(int(0), "0");
        assert_eq!(int(159), "159");
        assert_eq!(int(2043), "2.043");
        assert_eq!(int(98942), "98.942");
        assert_eq!(int(1234567), "1.234.567");
        assert_eq!(dec(99.8393, 2), "99,84");
        assert_eq!(dec(0.1607, 2), "0,16");
        assert_eq!(dec(1234.5, 1), "1.234,5");
        assert_eq!(dec(-18.76, 2), "-18,76");
        assert_eq!(dec_trim(73.80001, 2), "73,8");
        assert_eq!(dec_trim(100.0, 2), "100");
        assert_eq!(pct(Some(99.8393)), "99,84%");
        assert_eq!(pct(None), "–");
    }
}
