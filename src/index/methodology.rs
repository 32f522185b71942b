//! The methodology as data: groups, indicators, point rules and the inputs each indicator reads.
//! Two versions are embedded (`qd766-portal`, `qd766-2022`); a user's JSON file in the same
//! schema replaces them. Every file is validated on load and refused with a Vietnamese message.

use super::rules::parse_rule;
pub use super::rules::{Check, Rounding, Rule, Term, CHECK_PARTS};
use crate::basics::format::int;
use crate::basics::limits::MAX_METHODOLOGY_BYTES;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

/// The schema version this code reads.
pub const SCHEMA: u32 = 1;

const PORTAL: &str = include_str!("methodologies/qd766-portal.json");
const Y2022: &str = include_str!("methodologies/qd766-2022.json");

/// Names of the embedded methodologies, the default first.
pub const BUILTIN: [&str; 2] = ["qd766-portal", "qd766-2022"];

/// What a zero denominator gives.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Zero {
    /// 0 points.
    Zero,
    /// Full points («nothing to handle»).
    Full,
    /// Not applicable: no points and the maximum leaves the attainable total.
    Na,
}

/// Where an indicator applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// The province and every unit.
    All,
    /// The province as a whole only; a unit has it as out of scope.
    Province,
}

/// How a unit is treated for an indicator outside its scope.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum OutOfScope {
    /// Full points, marked as such.
    Full,
    /// Not applicable (the maximum leaves the attainable total).
    Na,
}

/// One way to get a ratio: data item names (a `+` joins several items into a sum).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InputDef {
    pub numerator: String,
    pub denominator: String,
    /// Where the items come from, in words.
    #[serde(default)]
    pub source: String,
    /// The ratio only approximates the official definition.
    #[serde(default)]
    pub approx: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    pub code: String,
    pub name: String,
    pub max: f64,
    /// Field names of the portal's parent/children shape that identify a file of this group.
    #[serde(default)]
    pub portal_keys: Vec<String>,
    /// Words of the portal's file names for this group (`provide-online-tree`): a record in
    /// a file so named is this group's when its fields say nothing.
    #[serde(default)]
    pub portal_files: Vec<String>,
    #[serde(default)]
    pub source: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Indicator {
    pub id: String,
    /// The portal's metric code, where it has one.
    pub code: Option<String>,
    pub name: String,
    pub group: String,
    pub max: f64,
    pub rule: Rule,
    pub zero: Zero,
    pub scope: Scope,
    /// Alternatives for simple rules, the first complete one is used (empty for composite).
    pub inputs: Vec<InputDef>,
    pub lever: Option<String>,
    /// The rule reproduces the portal's published scores [S3].
    pub verified: bool,
    /// Parts of the rule with their own evidence (zero rule, cap, rounding…).
    pub checks: Vec<Check>,
    /// Former ids (files and manual entries naming them still find the indicator).
    pub aliases: Vec<String>,
    pub note: String,
    pub source: String,
}

impl Indicator {
    /// Whether a part of the rule is verified: its own check, else the whole rule's flag.
    pub fn part_verified(&self, part: &str) -> bool {
        self.checks
            .iter()
            .find(|c| c.part == part)
            .map_or(self.verified, |c| c.verified)
    }

    /// The Vietnamese label of a part.
    pub fn part_label(part: &str) -> &'static str {
        CHECK_PARTS
            .iter()
            .find(|(p, _)| *p == part)
            .map_or("", |(_, l)| l)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Methodology {
    pub schema: u32,
    pub id: String,
    pub version: String,
    pub name: String,
    pub description: String,
    pub total: f64,
    pub out_of_scope: OutOfScope,
    pub sources: Vec<String>,
    pub groups: Vec<Group>,
    pub indicators: Vec<Indicator>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMethodology {
    schema: u32,
    id: String,
    #[serde(default)]
    version: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    description: String,
    total: f64,
    #[serde(default = "default_out_of_scope")]
    out_of_scope: OutOfScope,
    #[serde(default)]
    sources: Vec<String>,
    groups: Vec<Group>,
    indicators: Vec<RawIndicator>,
}

fn default_out_of_scope() -> OutOfScope {
    OutOfScope::Full
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIndicator {
    id: String,
    #[serde(default)]
    code: Option<String>,
    name: String,
    group: String,
    max: f64,
    rule: Value,
    #[serde(default)]
    zero: Option<String>,
    #[serde(default)]
    scope: Option<String>,
    #[serde(default)]
    inputs: Vec<InputDef>,
    #[serde(default)]
    lever: Option<String>,
    #[serde(default)]
    verified: bool,
    #[serde(default)]
    checks: Vec<Check>,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    note: String,
    #[serde(default)]
    source: String,
}

const EPS: f64 = 1e-9;

fn positive(x: f64) -> bool {
    x.is_finite() && x > 0.0
}

fn num(v: f64) -> String {
    crate::basics::format::dec_trim(v, 3)
}

fn check_inputs(id: &str, inputs: &[InputDef]) -> Result<(), String> {
    if inputs.is_empty() {
        return Err(format!(
            "Chỉ tiêu {id}: cần ít nhất một cặp tử số/mẫu số trong «inputs»"
        ));
    }
    for i in inputs {
        for (what, name) in [("tử số", &i.numerator), ("mẫu số", &i.denominator)] {
            if name.split('+').any(|p| p.trim().is_empty()) {
                return Err(format!("Chỉ tiêu {id}: tên {what} «{name}» không hợp lệ"));
            }
        }
    }
    Ok(())
}

/// A composite rule: its terms in the terms (not in «inputs»), unique keys, positive weights
/// and caps, and terms able to reach the indicator's maximum.
fn validate_composite(ind: &Indicator, terms: &[Term]) -> Result<(), String> {
    let id = &ind.id;
    if !ind.inputs.is_empty() {
        return Err(format!(
            "Chỉ tiêu {id}: quy tắc composite khai tử số/mẫu số trong từng thành phần, không dùng «inputs»"
        ));
    }
    if terms.is_empty() {
        return Err(format!(
            "Chỉ tiêu {id}: quy tắc composite không có thành phần"
        ));
    }
    let mut reach = 0.0;
    for (j, t) in terms.iter().enumerate() {
        if t.key.trim().is_empty() || t.key.contains('/') {
            return Err(format!(
                "Chỉ tiêu {id}: thành phần thứ {} thiếu «key» hợp lệ",
                j + 1
            ));
        }
        if terms[..j].iter().any(|o| o.key == t.key) {
            return Err(format!("Chỉ tiêu {id}: thành phần «{}» bị trùng", t.key));
        }
        if !positive(t.weight) {
            return Err(format!(
                "Chỉ tiêu {id}, thành phần {}: trọng số phải lớn hơn 0",
                t.key
            ));
        }
        if t.cap.is_some_and(|c| !positive(c)) {
            return Err(format!(
                "Chỉ tiêu {id}, thành phần {}: mức trần phải lớn hơn 0",
                t.key
            ));
        }
        check_inputs(&format!("{id}/{}", t.key), &t.inputs)?;
        reach += t.cap.map_or(t.weight, |c| c.min(t.weight));
    }
    if reach + EPS < ind.max {
        return Err(format!(
            "Chỉ tiêu {id}: các thành phần chỉ đạt tối đa {} điểm, thấp hơn điểm tối đa {}",
            num(reach),
            num(ind.max)
        ));
    }
    Ok(())
}

impl Methodology {
    /// An embedded methodology by name.
    pub fn builtin(name: &str) -> Result<Methodology, String> {
        match name.trim() {
            "qd766-portal" | "portal" => Methodology::from_json(PORTAL),
            "qd766-2022" | "2022" => Methodology::from_json(Y2022),
            other => Err(format!(
                "Không có phương pháp «{other}»; có sẵn: {}",
                BUILTIN.join(", ")
            )),
        }
    }

    /// A name of an embedded methodology, or the JSON text of one.
    pub fn load(name_or_json: &str) -> Result<Methodology, String> {
        let t = name_or_json.trim_start_matches('\u{feff}').trim();
        if t.starts_with('{') {
            Methodology::from_json(t)
        } else {
            Methodology::builtin(t)
        }
    }

    /// Parses and validates a methodology file.
    pub fn from_json(text: &str) -> Result<Methodology, String> {
        if text.len() > MAX_METHODOLOGY_BYTES {
            return Err(format!(
                "Tệp phương pháp tính ({} byte) lớn hơn {} MiB, giới hạn của phương pháp tính Chỉ số 766",
                int(text.len() as u64),
                MAX_METHODOLOGY_BYTES >> 20
            ));
        }
        let text = text.trim_start_matches('\u{feff}');
        let raw: RawMethodology = serde_json::from_str(text)
            .map_err(|e| format!("Tệp phương pháp tính không hợp lệ: {e}"))?;
        if raw.schema != SCHEMA {
            return Err(format!(
                "Tệp phương pháp tính theo lược đồ {} (chỉ đọc được lược đồ {SCHEMA})",
                raw.schema
            ));
        }
        let mut indicators = Vec::with_capacity(raw.indicators.len());
        for r in raw.indicators {
            let id = r.id.trim().to_string();
            if id.is_empty() {
                return Err("Có chỉ tiêu thiếu mã («id»)".into());
            }
            let rule = parse_rule(&id, &r.rule)?;
            let zero = match r.zero.as_deref().unwrap_or("zero") {
                "zero" => Zero::Zero,
                "full" => Zero::Full,
                "na" => Zero::Na,
                other => {
                    return Err(format!(
                        "Chỉ tiêu {id}: quy tắc mẫu số 0 «{other}» không hợp lệ (zero, full, na)"
                    ))
                }
            };
            let scope = match r.scope.as_deref().unwrap_or("all") {
                "all" => Scope::All,
                "province" => Scope::Province,
                other => {
                    return Err(format!(
                        "Chỉ tiêu {id}: phạm vi «{other}» không hợp lệ (all, province)"
                    ))
                }
            };
            indicators.push(Indicator {
                id,
                code: r.code.filter(|c| !c.trim().is_empty()),
                name: r.name,
                group: r.group,
                max: r.max,
                rule,
                zero,
                scope,
                inputs: r.inputs,
                lever: r.lever,
                verified: r.verified,
                checks: r.checks,
                aliases: r
                    .aliases
                    .into_iter()
                    .map(|a| a.trim().to_string())
                    .collect(),
                note: r.note,
                source: r.source,
            });
        }
        let m = Methodology {
            schema: raw.schema,
            id: raw.id,
            version: raw.version,
            name: raw.name,
            description: raw.description,
            total: raw.total,
            out_of_scope: raw.out_of_scope,
            sources: raw.sources,
            groups: raw.groups,
            indicators,
        };
        m.validate()?;
        Ok(m)
    }

    /// The checks of the schema: ids present and unique, known groups, positive maxima, group
    /// maxima summing to the total and indicator maxima to their group's.
    fn validate(&self) -> Result<(), String> {
        if self.id.trim().is_empty() {
            return Err("Tệp phương pháp tính thiếu «id»".into());
        }
        if self.groups.is_empty() {
            return Err("Tệp phương pháp tính không có nhóm chỉ số nào".into());
        }
        if !positive(self.total) {
            return Err("Tổng điểm («total») phải lớn hơn 0".into());
        }
        for (i, g) in self.groups.iter().enumerate() {
            if g.code.trim().is_empty() {
                return Err(format!("Nhóm thứ {} thiếu mã («code»)", i + 1));
            }
            if self.groups[..i].iter().any(|o| o.code == g.code) {
                return Err(format!("Mã nhóm «{}» bị trùng", g.code));
            }
            if !positive(g.max) {
                return Err(format!("Nhóm {}: điểm tối đa phải lớn hơn 0", g.code));
            }
        }
        let gsum: f64 = self.groups.iter().map(|g| g.max).sum();
        if (gsum - self.total).abs() > EPS {
            return Err(format!(
                "Tổng điểm tối đa các nhóm là {}, không bằng {}",
                num(gsum),
                num(self.total)
            ));
        }
        for i in 0..self.indicators.len() {
            self.validate_indicator(i)?;
        }
        for g in &self.groups {
            let s: f64 = self
                .indicators
                .iter()
                .filter(|i| i.group == g.code)
                .map(|i| i.max)
                .sum();
            if (s - g.max).abs() > EPS {
                return Err(format!(
                    "Nhóm {}: tổng điểm tối đa các chỉ tiêu là {}, không bằng điểm tối đa của nhóm {}",
                    g.code,
                    num(s),
                    num(g.max)
                ));
            }
        }
        Ok(())
    }

    /// The i-th indicator: unique id and portal code, a known group, a positive maximum, and
    /// inputs where its rule reads them.
    fn validate_indicator(&self, i: usize) -> Result<(), String> {
        let ind = &self.indicators[i];
        let id = &ind.id;
        if self.indicators[..i].iter().any(|o| &o.id == id) {
            return Err(format!("Mã chỉ tiêu «{id}» bị trùng"));
        }
        if let Some(c) = &ind.code {
            if self.indicators[..i].iter().any(|o| {
                o.code
                    .as_deref()
                    .is_some_and(|oc| oc.eq_ignore_ascii_case(c))
            }) {
                return Err(format!("Mã chỉ tiêu trên Cổng «{c}» bị trùng"));
            }
        }
        if !self.groups.iter().any(|g| g.code == ind.group) {
            return Err(format!(
                "Chỉ tiêu {id}: nhóm «{}» không có trong danh sách nhóm",
                ind.group
            ));
        }
        if !positive(ind.max) {
            return Err(format!("Chỉ tiêu {id}: điểm tối đa phải lớn hơn 0"));
        }
        self.validate_names(i)?;
        match &ind.rule {
            Rule::Composite { terms, cap, .. } => {
                if cap.is_some_and(|c| c + EPS < ind.max) {
                    return Err(format!(
                        "Chỉ tiêu {id}: mức trần thấp hơn điểm tối đa {}",
                        num(ind.max)
                    ));
                }
                validate_composite(ind, terms)
            }
            _ => check_inputs(id, &ind.inputs),
        }
    }

    /// The i-th indicator's checks name known parts once, and its aliases are no other
    /// indicator's alias (an alias may be another indicator's id: the id wins).
    fn validate_names(&self, i: usize) -> Result<(), String> {
        let ind = &self.indicators[i];
        let id = &ind.id;
        for (j, c) in ind.checks.iter().enumerate() {
            if !CHECK_PARTS.iter().any(|(p, _)| *p == c.part) {
                return Err(format!(
                    "Chỉ tiêu {id}: phần kiểm chứng «{}» không hợp lệ (rule, zero, cap, rounding, scope)",
                    c.part
                ));
            }
            if ind.checks[..j].iter().any(|o| o.part == c.part) {
                return Err(format!(
                    "Chỉ tiêu {id}: phần kiểm chứng «{}» bị trùng",
                    c.part
                ));
            }
        }
        for a in &ind.aliases {
            if a.is_empty() || a == id {
                return Err(format!("Chỉ tiêu {id}: mã cũ «{a}» không hợp lệ"));
            }
            if self.indicators[..i].iter().any(|o| o.aliases.contains(a)) {
                return Err(format!("Mã cũ «{a}» của chỉ tiêu {id} bị trùng"));
            }
        }
        Ok(())
    }

    pub fn group(&self, code: &str) -> Option<&Group> {
        self.groups.iter().find(|g| g.code == code)
    }

    /// An indicator by id, portal code (case-insensitive), former id (`aliases`) or name
    /// (diacritic-insensitive), in that order.
    pub fn find_indicator(&self, key: &str) -> Option<&Indicator> {
        self.candidates(key).into_iter().next()
    }

    /// Every indicator a key may name, in the order of [`Methodology::find_indicator`].
    fn candidates(&self, key: &str) -> Vec<&Indicator> {
        let k = key.trim();
        let f = crate::basics::text::fold(k);
        let tests: [&dyn Fn(&Indicator) -> bool; 4] = [
            &|i| i.id == k,
            &|i| i.code.as_deref().is_some_and(|c| c.eq_ignore_ascii_case(k)),
            &|i| i.aliases.iter().any(|a| a == k),
            &|i| !f.is_empty() && crate::basics::text::fold(&i.name) == f,
        ];
        let mut out: Vec<&Indicator> = Vec::new();
        for t in tests {
            for i in self.indicators.iter().filter(|i| t(i)) {
                if !out.iter().any(|o| o.id == i.id) {
                    out.push(i);
                }
            }
        }
        out
    }

    /// The indicator a manual entry names: with a `term`, the first candidate whose composite
    /// rule has that term (a former id of a composite indicator that is now another
    /// indicator's id still finds it); else the first candidate.
    pub fn find_entry_indicator(&self, key: &str, term: Option<&str>) -> Option<&Indicator> {
        let c = self.candidates(key);
        let has_term = |i: &&Indicator, t: &str| match &i.rule {
            Rule::Composite { terms, .. } => {
                terms.iter().any(|x| x.key.eq_ignore_ascii_case(t.trim()))
            }
            _ => false,
        };
        match term {
            Some(t) => c.iter().find(|i| has_term(i, t)).or(c.first()).copied(),
            None => c.first().copied(),
        }
    }

    /// Another indicator whose former id is `key` when `key` is also an id (a manual entry
    /// naming it is read under the new numbering; the caller warns).
    pub fn alias_shadowed(&self, key: &str) -> Option<&Indicator> {
        let k = key.trim();
        if !self.indicators.iter().any(|i| i.id == k) {
            return None;
        }
        self.indicators
            .iter()
            .find(|i| i.id != k && i.aliases.iter().any(|a| a == k))
    }
}
