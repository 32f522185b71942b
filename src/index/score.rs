//! Scoring: an entity's inputs through the methodology's rules to indicator points, group
//! subtotals and a total. Points are kept unrounded for the what-if and published rounded to
//! 2 decimals, as the portal publishes them; a group is the sum of its rounded indicator points
//! (the portal's group score equals the sum of its metric scores [S3]).

pub use super::groups::portal_group_score;
use super::groups::{group_score, losses};
use super::inputs::{Entity, EntityKind};
use super::manual::{self, ManualEntry};
use super::methodology::{
    Indicator, InputDef, Methodology, OutOfScope, Rounding, Rule, Scope, Term, Zero,
};
use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize, Serializer};
use ts_rs::TS;

/// A difference between a recomputed score and the portal's larger than this is flagged.
pub const TOLERANCE: f64 = 0.01;

pub fn round2(x: f64) -> f64 {
    let r = (x * 100.0).round() / 100.0;
    if r == 0.0 {
        0.0
    } else {
        r
    }
}

/// Scores compare by their published precision (hundredths).
pub fn cents(x: f64) -> i64 {
    (x * 100.0).round() as i64
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum State {
    /// Computed from a numerator and a denominator (or entered points).
    Ok,
    /// Denominator 0: points by the indicator's zero rule.
    ZeroDenominator,
    /// «chưa có dữ liệu»: never scored as 0 or full.
    Missing,
    NotApplicable,
    /// Outside the indicator's scope (a unit for a province-only indicator).
    OutOfScope,
    /// Not recomputable from the inputs; the portal's published points are used.
    Portal,
}

impl State {
    pub fn label(self) -> &'static str {
        match self {
            State::Ok => "đã tính",
            State::ZeroDenominator => "mẫu số bằng 0",
            State::Missing => crate::dossier::narrative::NOT_KNOWN,
            State::NotApplicable => "không áp dụng",
            State::OutOfScope => "không áp dụng (tính đủ điểm)",
            State::Portal => "điểm Cổng DVCQG",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct TermScore {
    pub key: String,
    pub name: String,
    pub weight: f64,
    pub cap: Option<f64>,
    pub numerator: Option<f64>,
    pub denominator: Option<f64>,
    /// Percent.
    pub ratio: Option<f64>,
    pub points: Option<f64>,
    pub state: State,
    pub manual: bool,
    pub approx: bool,
    pub source: Option<String>,
    pub lever: Option<String>,
    #[serde(skip)]
    pub raw: Option<f64>,
    #[serde(skip)]
    pub input: Option<InputDef>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct IndicatorScore {
    pub id: String,
    pub code: Option<String>,
    pub name: String,
    pub group: String,
    pub max: f64,
    /// The rule in words: «min(6; 6 × tỷ lệ / 90%)».
    pub rule: String,
    pub numerator: Option<f64>,
    pub denominator: Option<f64>,
    /// Percent, unrounded.
    pub rate: Option<f64>,
    /// Rounded to 2 decimals; `None` when missing or not applicable.
    pub points: Option<f64>,
    pub state: State,
    /// «đã tính», «chưa có dữ liệu», «mẫu số bằng 0»…
    pub state_label: String,
    /// Entered by hand (the indicator or one of its terms).
    pub manual: bool,
    /// The inputs only approximate the official definition (see `source`).
    pub approx: bool,
    /// Which input was used and from which file.
    pub source: Option<String>,
    /// Composite rules only.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub terms: Vec<TermScore>,
    /// The portal's published points, where a file carried them.
    pub portal_points: Option<f64>,
    /// |points − portal_points| > 0,01.
    pub mismatch: bool,
    pub lever: Option<String>,
    /// A rate above 100% held at the maximum (linear rule).
    pub over_100: bool,
    /// The parts of the rule this score relies on that no source shows the portal applies
    /// («mức trần điểm», «quy tắc mẫu số bằng 0»…): shown as «chưa kiểm chứng».
    pub unverified: Vec<String>,
    /// A composite's terms summed above its cap.
    #[serde(skip)]
    pub capped: bool,
    #[serde(skip)]
    pub raw: Option<f64>,
    #[serde(skip)]
    pub input: Option<InputDef>,
}

/// Where a group's points come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum GroupSource {
    /// The sum of its indicators' points, every indicator known.
    Computed,
    /// The portal's published group score (the indicators' sum stays beside it).
    Portal,
    /// The sum of the indicators that are known; the group is incomplete.
    Partial,
}

impl GroupSource {
    /// The stable string (`computed`).
    pub fn as_str(self) -> &'static str {
        match self {
            GroupSource::Computed => "computed",
            GroupSource::Portal => "portal",
            GroupSource::Partial => "partial",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct GroupScore {
    pub code: String,
    pub name: String,
    /// Attainable maximum (not-applicable indicators excluded).
    pub max: f64,
    pub points: Option<f64>,
    /// Sum of the indicator points that could be computed.
    pub recomputed: Option<f64>,
    pub portal_points: Option<f64>,
    pub mismatch: bool,
    /// Every indicator has points (or the portal's group score is used).
    pub complete: bool,
    /// `computed`, `portal` (the portal's group score, indicators incomplete) or `partial`.
    pub source: GroupSource,
    /// Indicators without data.
    pub missing: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct Loss {
    pub id: String,
    pub name: String,
    pub group: String,
    pub points: f64,
    pub max: f64,
    /// max − points.
    pub lost: f64,
}

/// An insertion-ordered map that serialises as a JSON object: `{CODE: points}`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct OrderedMap(pub Vec<(String, Option<f64>)>);

impl OrderedMap {
    pub fn get(&self, k: &str) -> Option<f64> {
        self.0.iter().find(|(c, _)| c == k).and_then(|(_, v)| *v)
    }
}

impl Serialize for OrderedMap {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

impl<'de> Deserialize<'de> for OrderedMap {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let m: std::collections::BTreeMap<String, Option<f64>> = Deserialize::deserialize(d)?;
        Ok(OrderedMap(m.into_iter().collect()))
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct EntityScore {
    pub name: String,
    pub kind: EntityKind,
    pub level: Option<String>,
    pub code: Option<String>,
    /// Sum of the group points that are known, rounded to 2 decimals.
    pub total: Option<f64>,
    /// Attainable maximum (100 unless some indicator is not applicable).
    pub max: f64,
    /// Every group complete: the total is final, not provisional.
    pub complete: bool,
    /// Indicators without data.
    pub missing: u32,
    /// Among the units of the province (tied totals share a rank).
    pub rank: Option<u32>,
    pub of: Option<u32>,
    /// The entity named by `--focus`.
    pub focus: bool,
    /// `{CODE: points}` in the methodology's group order.
    #[ts(type = "{ [code: string]: number | null }")]
    pub groups: OrderedMap,
    pub group_details: Vec<GroupScore>,
    pub indicators: Vec<IndicatorScore>,
    /// Points lost per indicator, largest first (indicators with points only).
    pub lost: Vec<Loss>,
    /// Points mismatching the portal's by more than 0,01.
    pub mismatches: u32,
}

/// Points of a simple rule at a rate (percent), unrounded; the flag says a linear rate > 100%.
pub fn rule_points(rule: &Rule, max: f64, rate: f64) -> (f64, bool) {
    let r = rate.max(0.0);
    match rule {
        Rule::Linear => {
            let p = max * r / 100.0;
            if p > max + 1e-9 {
                (max, true)
            } else {
                (p.min(max), false)
            }
        }
        Rule::Capped => ((max * r / 100.0).min(max), false),
        Rule::Threshold { threshold } => ((max * r / threshold).min(max), false),
        Rule::Composite { .. } => (0.0, false),
    }
}

/// Points of one composite term at a ratio (percent).
pub fn term_points(t: &Term, ratio: f64) -> f64 {
    let p = t.weight * ratio.max(0.0) / 100.0;
    t.cap.map_or(p, |c| p.min(c))
}

/// The points of an indicator (or term) with numerator `num` over `den`, unrounded; used by the
/// what-if. `None` for a zero denominator under the «na» rule.
pub fn points_at(ind: &Indicator, term: Option<&Term>, num: f64, den: f64) -> Option<f64> {
    if let Some(t) = term {
        return Some(if den > 0.0 {
            term_points(t, num / den * 100.0)
        } else {
            0.0
        });
    }
    if den > 0.0 {
        Some(rule_points(&ind.rule, ind.max, num / den * 100.0).0)
    } else {
        match ind.zero {
            Zero::Zero => Some(0.0),
            Zero::Full => Some(ind.max),
            Zero::Na => None,
        }
    }
}

/// The first alternative whose items are all present.
fn pick<'a>(e: &Entity, inputs: &'a [InputDef]) -> Option<(&'a InputDef, f64, f64, String)> {
    inputs.iter().find_map(|i| {
        let (n, fa) = e.get(&i.numerator)?;
        let (d, fb) = e.get(&i.denominator)?;
        let files = if fa == fb { fa } else { format!("{fa}, {fb}") };
        Some((i, n, d, files))
    })
}

fn source_text(i: &InputDef, files: &str) -> String {
    if i.source.is_empty() {
        format!("{} / {} ({files})", i.numerator, i.denominator)
    } else {
        format!("{} ({files})", i.source)
    }
}

fn score_term(
    e: &Entity,
    manual: &[ManualEntry],
    m: &Methodology,
    ind: &Indicator,
    t: &Term,
) -> TermScore {
    let mut ts = TermScore {
        key: t.key.clone(),
        name: t.name.clone(),
        weight: t.weight,
        cap: t.cap,
        numerator: None,
        denominator: None,
        ratio: None,
        points: None,
        state: State::Missing,
        manual: false,
        approx: false,
        source: None,
        lever: t.lever.clone(),
        raw: None,
        input: None,
    };
    let (n, d) = if let Some(me) = manual::find(manual, m, ind, Some(&t.key)) {
        ts.manual = true;
        ts.source = Some("nhập tay".into());
        if let Some(p) = me.points {
            let p = p.min(t.cap.map_or(t.weight, |c| c.min(t.weight)));
            ts.state = State::Ok;
            ts.raw = Some(p);
            ts.points = Some(round2(p));
            return ts;
        }
        match (me.numerator, me.denominator) {
            (Some(n), Some(d)) => (n, d),
            _ => return ts,
        }
    } else if let Some((i, n, d, files)) = pick(e, &t.inputs) {
        ts.approx = i.approx;
        ts.source = Some(source_text(i, &files));
        ts.input = Some(i.clone());
        (n, d)
    } else {
        return ts;
    };
    ts.numerator = Some(n);
    ts.denominator = Some(d);
    if d > 0.0 {
        let ratio = n / d * 100.0;
        ts.ratio = Some(ratio);
        ts.state = State::Ok;
        ts.raw = Some(term_points(t, ratio));
    } else {
        // a zero denominator gave ratio 0 on the portal [S3]
        ts.state = State::ZeroDenominator;
        ts.raw = Some(0.0);
    }
    ts.points = ts.raw.map(round2);
    ts
}

/// Scores one indicator for one entity: a manual entry first, else the composite terms or the
/// first complete input alternative; without inputs, the portal's points or the out-of-scope
/// rule; else «chưa có dữ liệu».
pub fn score_indicator(
    m: &Methodology,
    ind: &Indicator,
    e: &Entity,
    manual: &[ManualEntry],
) -> IndicatorScore {
    let mut s = IndicatorScore::empty(ind);
    s.portal_points = portal_points(m, ind, e);
    if let Some((n, d)) = indicator_inputs(&mut s, m, ind, e, manual) {
        s.apply_ratio(ind, n, d);
    }
    if s.raw.is_none() && s.state == State::Missing {
        if let Some(p) = s.portal_points {
            s.raw = Some(p);
            s.state = State::Portal;
        } else if ind.scope == Scope::Province && e.kind != EntityKind::Province {
            match m.out_of_scope {
                OutOfScope::Full => {
                    s.raw = Some(ind.max);
                    s.state = State::OutOfScope;
                }
                OutOfScope::Na => s.state = State::NotApplicable,
            }
        }
    }
    s.points = s.raw.map(round2);
    if let (Some(p), Some(pp)) = (s.points, s.portal_points) {
        s.mismatch = s.state != State::Portal && (p - pp).abs() > TOLERANCE + 1e-9;
    }
    s.state_label = s.state.label().to_string();
    s.unverified = unverified_parts(ind, &s);
    s
}

/// The labels of the unverified rule parts a score relies on: the formula when computed by
/// it, the zero rule when a denominator was 0, the cap when the terms reached it, the rounding
/// order of a composite, the scope when a unit was given full points out of scope. Points the
/// portal published, or entered by hand, rely on none.
fn unverified_parts(ind: &Indicator, s: &IndicatorScore) -> Vec<String> {
    let entered =
        s.manual && s.numerator.is_none() && s.terms.iter().all(|t| t.numerator.is_none());
    let computed = matches!(s.state, State::Ok | State::ZeroDenominator) && !entered;
    let zero = s.state == State::ZeroDenominator
        || s.terms.iter().any(|t| t.state == State::ZeroDenominator);
    let composite = matches!(ind.rule, Rule::Composite { .. });
    let uses = [
        ("rule", computed),
        ("zero", computed && zero),
        ("cap", computed && s.capped),
        ("rounding", computed && composite),
        ("scope", s.state == State::OutOfScope),
    ];
    uses.iter()
        .filter(|(part, used)| *used && !ind.part_verified(part))
        .map(|(part, _)| Indicator::part_label(part).to_string())
        .collect()
}

/// The portal's metric score, or its group score when the group has this one indicator.
fn portal_points(m: &Methodology, ind: &Indicator, e: &Entity) -> Option<f64> {
    ind.code
        .as_ref()
        .and_then(|c| e.portal_metrics.get(&c.to_ascii_uppercase()).map(|x| x.0))
        .or_else(|| {
            let alone = m.indicators.iter().filter(|i| i.group == ind.group).count() == 1;
            if alone {
                portal_group_score(m, e, &ind.group).map(|p| p.0)
            } else {
                None
            }
        })
}

/// Fills what the inputs give directly (entered points, composite terms, the source) and
/// returns the numerator and denominator to score by the rule, if any.
fn indicator_inputs(
    s: &mut IndicatorScore,
    m: &Methodology,
    ind: &Indicator,
    e: &Entity,
    manual: &[ManualEntry],
) -> Option<(f64, f64)> {
    if let Some(me) = manual::find(manual, m, ind, None) {
        s.manual = true;
        s.source = Some(match &me.note {
            Some(n) if !n.trim().is_empty() => format!("nhập tay: {}", n.trim()),
            _ => "nhập tay".into(),
        });
        if let Some(p) = me.points {
            s.raw = Some(p.min(ind.max));
            s.state = State::Ok;
            return None;
        }
        return me.numerator.zip(me.denominator);
    }
    if let Rule::Composite {
        terms,
        rounding,
        cap,
    } = &ind.rule
    {
        s.terms = terms
            .iter()
            .map(|t| score_term(e, manual, m, ind, t))
            .collect();
        s.sum_terms(ind.max, *rounding, *cap);
        return None;
    }
    let (i, n, d, files) = pick(e, &ind.inputs)?;
    s.approx = i.approx;
    s.source = Some(source_text(i, &files));
    s.input = Some(i.clone());
    Some((n, d))
}

impl IndicatorScore {
    /// An indicator with nothing known yet («chưa có dữ liệu»).
    fn empty(ind: &Indicator) -> IndicatorScore {
        IndicatorScore {
            id: ind.id.clone(),
            code: ind.code.clone(),
            name: ind.name.clone(),
            group: ind.group.clone(),
            max: ind.max,
            rule: ind.rule.describe(ind.max),
            numerator: None,
            denominator: None,
            rate: None,
            points: None,
            state: State::Missing,
            state_label: String::new(),
            manual: false,
            approx: false,
            source: None,
            terms: Vec::new(),
            portal_points: None,
            mismatch: false,
            lever: ind.lever.clone(),
            over_100: false,
            unverified: Vec::new(),
            capped: false,
            raw: None,
            input: None,
        }
    }

    /// A composite indicator's points, once every term has points: the sum of its terms
    /// (rounded first when the rule says `terms`), held at the rule's cap (else the maximum).
    fn sum_terms(&mut self, max: f64, rounding: Rounding, cap: Option<f64>) {
        self.manual = self.terms.iter().any(|t| t.manual);
        self.approx = self.terms.iter().any(|t| t.approx);
        if !self.terms.iter().all(|t| t.raw.is_some()) {
            return;
        }
        let sum: f64 = match rounding {
            Rounding::Sum => self.terms.iter().filter_map(|t| t.raw).sum(),
            Rounding::Terms => self.terms.iter().filter_map(|t| t.points).sum(),
        };
        let cap = cap.unwrap_or(max);
        self.capped = sum > cap + 1e-9;
        self.raw = Some(sum.min(cap));
        self.state = if self.terms.iter().all(|t| t.state == State::ZeroDenominator) {
            State::ZeroDenominator
        } else {
            State::Ok
        };
        let srcs: Vec<String> = self
            .terms
            .iter()
            .filter_map(|t| t.source.as_ref().map(|src| format!("{}: {src}", t.key)))
            .collect();
        self.source = Some(srcs.join("; "));
    }

    /// Points of a simple rule from a numerator and a denominator (the zero rule for 0).
    fn apply_ratio(&mut self, ind: &Indicator, n: f64, d: f64) {
        self.numerator = Some(n);
        self.denominator = Some(d);
        if d > 0.0 {
            let rate = n / d * 100.0;
            self.rate = Some(rate);
            let (p, over) = rule_points(&ind.rule, ind.max, rate);
            self.raw = Some(p);
            self.over_100 = over;
            self.state = State::Ok;
        } else {
            self.state = State::ZeroDenominator;
            self.raw = match ind.zero {
                Zero::Zero => Some(0.0),
                Zero::Full => Some(ind.max),
                Zero::Na => {
                    self.state = State::NotApplicable;
                    None
                }
            };
        }
    }
}

/// Scores an entity under the methodology.
pub fn score_entity(m: &Methodology, e: &Entity, manual: &[ManualEntry]) -> EntityScore {
    let indicators: Vec<IndicatorScore> = m
        .indicators
        .iter()
        .map(|i| score_indicator(m, i, e, manual))
        .collect();
    let details: Vec<GroupScore> = m
        .groups
        .iter()
        .map(|g| group_score(m, g, &indicators, e))
        .collect();
    let groups = OrderedMap(details.iter().map(|g| (g.code.clone(), g.points)).collect());
    let known: Vec<f64> = details.iter().filter_map(|g| g.points).collect();
    let total = (!known.is_empty()).then(|| round2(known.iter().sum()));
    let mismatches = indicators.iter().filter(|i| i.mismatch).count() as u32
        + details.iter().filter(|g| g.mismatch).count() as u32;
    EntityScore {
        name: e.name.clone(),
        kind: e.kind,
        level: e.level.clone(),
        code: e.code.clone(),
        total,
        max: details.iter().map(|g| g.max).sum(),
        complete: details.iter().all(|g| g.complete),
        missing: details.iter().map(|g| g.missing.len() as u32).sum(),
        rank: None,
        of: None,
        focus: false,
        groups,
        group_details: details,
        lost: losses(&indicators),
        indicators,
        mismatches,
    }
}

/// Standard competition ranking (1, 2, 2, 4) by score descending, scores compared in hundredths.
/// `None` scores are not ranked.
pub fn competition_rank(scores: &[Option<f64>]) -> Vec<Option<u32>> {
    scores
        .iter()
        .map(|s| {
            s.map(|v| {
                let c = cents(v);
                1 + scores
                    .iter()
                    .filter(|o| o.is_some_and(|x| cents(x) > c))
                    .count() as u32
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranks_share_on_ties() {
        let r = competition_rank(&[Some(90.0), Some(85.004), Some(85.0), Some(70.0), None]);
        assert_eq!(r, vec![Some(1), Some(2), Some(2), Some(4), None]);
    }

    #[test]
    fn simple_rules() {
        assert!((rule_points(&Rule::Linear, 20.0, 78.38).0 - 15.676).abs() < 1e-9);
        assert_eq!(rule_points(&Rule::Linear, 6.0, 110.0), (6.0, true));
        assert_eq!(rule_points(&Rule::Capped, 4.0, 110.0), (4.0, false));
        let t = Rule::Threshold { threshold: 80.0 };
        assert_eq!(rule_points(&t, 2.0, 40.0).0, 1.0);
        assert_eq!(rule_points(&t, 2.0, 95.0).0, 2.0);
    }
}
