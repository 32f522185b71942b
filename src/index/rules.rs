//! The point rules of an indicator (linear, threshold, capped, composite with its rounding
//! order and cap), their Vietnamese formula text, how a methodology file writes them, and the
//! parts of a rule that carry their own evidence ([`Check`]).

use super::methodology::InputDef;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

fn positive(x: f64) -> bool {
    x.is_finite() && x > 0.0
}

fn num(v: f64) -> String {
    crate::basics::format::dec_trim(v, 3)
}

/// A term of a composite rule: `min(cap, weight × numerator / denominator)`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    pub key: String,
    #[serde(default)]
    pub name: String,
    pub weight: f64,
    #[serde(default)]
    pub cap: Option<f64>,
    /// Alternatives, the first whose items are all present is used.
    pub inputs: Vec<InputDef>,
    /// What one more unit of the numerator is, for the what-if («hồ sơ thanh toán trực tuyến»).
    #[serde(default)]
    pub lever: Option<String>,
}

/// The point rule of an indicator. Rates are percentages (0–100).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Rule {
    /// `max × rate / 100` (a rate above 100% is reported and held at the maximum).
    Linear,
    /// `min(max, max × rate / T)`, T in percent.
    Threshold { threshold: f64 },
    /// `min(max, max × rate / 100)`.
    Capped,
    /// `min(cap, Σ min(cap, weight × ratio))`, ratio = 0 when its denominator is 0; the terms
    /// rounded to 2 decimals before the sum or the sum rounded, as `rounding` says.
    Composite {
        terms: Vec<Term>,
        /// The order of rounding: `sum` (the sum rounded, the default) or `terms` (each term
        /// rounded to 2 decimals, then summed).
        rounding: Rounding,
        /// The most the sum may give (`cap` in the file; the indicator's maximum when absent).
        cap: Option<f64>,
    },
}

/// The order in which a composite rule rounds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Rounding {
    /// The unrounded terms summed, the sum rounded to 2 decimals.
    Sum,
    /// Each term rounded to 2 decimals, then summed.
    Terms,
}

/// One part of an indicator's rule and whether a source shows the portal applies it: the
/// page and the CLI say «chưa kiểm chứng» where not.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Check {
    /// `rule`, `zero`, `cap`, `rounding` or `scope`.
    pub part: String,
    /// The part in Vietnamese («quy tắc mẫu số 0»…).
    #[serde(default)]
    pub label: String,
    pub verified: bool,
    /// The evidence, or why it is missing.
    #[serde(default)]
    pub source: String,
}

/// The parts a [`Check`] may name, with their Vietnamese labels.
pub const CHECK_PARTS: [(&str, &str); 5] = [
    ("rule", "công thức tính điểm"),
    ("zero", "quy tắc mẫu số bằng 0"),
    ("cap", "mức trần điểm"),
    ("rounding", "thứ tự làm tròn"),
    ("scope", "phạm vi áp dụng"),
];

impl Rule {
    /// Vietnamese formula text for the page and the summary.
    pub fn describe(&self, max: f64) -> String {
        let m = crate::basics::format::dec_trim(max, 2);
        match self {
            Rule::Linear => format!("{m} × tỷ lệ"),
            Rule::Capped => format!("min({m}; {m} × tỷ lệ)"),
            Rule::Threshold { threshold } => {
                format!(
                    "min({m}; {m} × tỷ lệ / {}%)",
                    crate::basics::format::dec_trim(*threshold, 2)
                )
            }
            Rule::Composite {
                terms,
                rounding,
                cap,
            } => {
                let sum = terms
                    .iter()
                    .map(|t| {
                        let w = crate::basics::format::dec_trim(t.weight, 2);
                        match t.cap {
                            Some(c) => format!(
                                "min({}; {w}{})",
                                crate::basics::format::dec_trim(c, 2),
                                t.key
                            ),
                            None => format!("{w}{}", t.key),
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(" + ");
                let sum = match cap {
                    Some(c) => format!("min({}; {sum})", crate::basics::format::dec_trim(*c, 2)),
                    None => sum,
                };
                match rounding {
                    Rounding::Terms => format!("{sum}, làm tròn từng thành phần"),
                    Rounding::Sum => sum,
                }
            }
        }
    }
}

pub(super) fn parse_rule(id: &str, v: &Value) -> Result<Rule, String> {
    let kind = match v {
        Value::String(s) => s.as_str(),
        Value::Object(o) => o.get("kind").and_then(Value::as_str).ok_or_else(|| {
            format!("Chỉ tiêu {id}: quy tắc tính điểm thiếu «kind» (linear, threshold, capped, composite)")
        })?,
        _ => {
            return Err(format!(
                "Chỉ tiêu {id}: quy tắc tính điểm phải là chuỗi hoặc đối tượng JSON"
            ))
        }
    };
    let obj = v.as_object();
    let allowed: &[&str] = match kind {
        "linear" | "capped" => &["kind"],
        "threshold" => &["kind", "threshold"],
        "composite" => &["kind", "terms", "rounding", "cap"],
        other => {
            return Err(format!(
                "Chỉ tiêu {id}: quy tắc «{other}» không được hỗ trợ (chỉ có linear, threshold, capped, composite)"
            ))
        }
    };
    if let Some(o) = obj {
        if let Some(k) = o.keys().find(|k| !allowed.contains(&k.as_str())) {
            return Err(format!("Chỉ tiêu {id}: quy tắc «{kind}» có khóa lạ «{k}»"));
        }
    }
    Ok(match kind {
        "linear" => Rule::Linear,
        "capped" => Rule::Capped,
        "threshold" => {
            let t = obj
                .and_then(|o| o.get("threshold"))
                .and_then(Value::as_f64)
                .ok_or_else(|| {
                    format!(
                        "Chỉ tiêu {id}: quy tắc threshold cần «threshold» (phần trăm, ví dụ 90)"
                    )
                })?;
            if !(t > 0.0 && t <= 100.0) {
                return Err(format!(
                    "Chỉ tiêu {id}: ngưỡng {} phải trong khoảng (0; 100] (phần trăm)",
                    num(t)
                ));
            }
            Rule::Threshold { threshold: t }
        }
        _ => {
            let terms = obj
                .and_then(|o| o.get("terms"))
                .ok_or_else(|| format!("Chỉ tiêu {id}: quy tắc composite cần danh sách «terms»"))?;
            let terms: Vec<Term> = serde_json::from_value(terms.clone())
                .map_err(|e| format!("Chỉ tiêu {id}: «terms» không hợp lệ: {e}"))?;
            let rounding = match obj.and_then(|o| o.get("rounding")) {
                None => Rounding::Sum,
                Some(v) => match v.as_str() {
                    Some("sum") => Rounding::Sum,
                    Some("terms") => Rounding::Terms,
                    _ => {
                        return Err(format!(
                            "Chỉ tiêu {id}: «rounding» phải là «sum» (làm tròn tổng) hoặc «terms» (làm tròn từng thành phần)"
                        ))
                    }
                },
            };
            let cap = match obj.and_then(|o| o.get("cap")) {
                None => None,
                Some(v) => Some(v.as_f64().filter(|c| positive(*c)).ok_or_else(|| {
                    format!("Chỉ tiêu {id}: mức trần «cap» phải là số lớn hơn 0")
                })?),
            };
            Rule::Composite {
                terms,
                rounding,
                cap,
            }
        }
    })
}
