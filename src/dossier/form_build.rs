//! The aggregated forms' rows (`Ingested::forms`, read by `form_read`) added into the Report by
//! `build`: into the levels (so the total and the narrative include them), the units (II.06a),
//! the fields and the fields within levels (06). A form of another period than the Report's is
//! not added (a warning on its file says so); one without a stated period is taken as the
//! Report's. The Report lists the forms in `forms`; the views that need dossiers (months, late
//! list, procedures) hold the dossiers' figures only.

use crate::basics::time::{vi_date, DayRange};
use crate::dossier::aggregate::Counts;
use crate::dossier::ingested::Ingested;
use crate::dossier::model::Level;
use crate::dossier::report::{Breakdown, FormSource, Report};

/// What the forms add to a Report.
#[derive(Default)]
pub(crate) struct FormAdds {
    /// By shown level.
    pub levels: [Counts; 3],
    units: Vec<(String, Level, Counts)>,
    fields: Vec<(String, Level, Counts)>,
    sources: Vec<FormSource>,
    /// (file index, warning).
    warnings: Vec<(usize, String)>,
}

/// The period of the first form that states one (a Report of forms alone).
pub(crate) fn forms_period(ing: &Ingested) -> Option<DayRange> {
    ing.forms.iter().find_map(|f| f.period)
}

/// The forms' rows for a Report of `period`, levels shown as `shown` says.
pub(crate) fn form_adds(
    ing: &Ingested,
    period: Option<DayRange>,
    shown: impl Fn(Level) -> Level,
) -> FormAdds {
    let mut out = FormAdds::default();
    for f in &ing.forms {
        let name = ing.files[f.file].name.clone();
        let added = match (f.period, period) {
            (Some(fp), Some(p)) if fp != p => {
                out.warnings.push((
                    f.file,
                    format!(
                        "Biểu tổng hợp là của kỳ từ ngày {} đến ngày {}, khác kỳ báo cáo đang chọn: số liệu của biểu không được cộng",
                        vi_date(fp.from),
                        vi_date(fp.to)
                    ),
                ));
                false
            }
            _ => true,
        };
        out.sources.push(FormSource {
            file: name,
            variant: f.variant,
            rows: f.rows.len() as u64,
            added,
        });
        if !added {
            continue;
        }
        for r in &f.rows {
            let l = shown(r.level);
            out.levels[l.index()] += &r.counts;
            let entry = (r.name.clone(), l, r.counts);
            match f.variant {
                crate::dossier::form::Variant::Form06 => out.fields.push(entry),
                crate::dossier::form::Variant::Ii06a => out.units.push(entry),
            }
        }
    }
    out
}

/// Adds `c` to the entry of `list` with this name and level, or appends one.
fn merge(list: &mut Vec<Breakdown>, name: &str, level: Option<Level>, c: &Counts) {
    match list.iter_mut().find(|b| b.name == name && b.level == level) {
        Some(b) => {
            let mut sum = b.figures.counts;
            sum += c;
            b.figures = sum.into();
        }
        None => list.push(Breakdown {
            name: name.to_string(),
            level,
            code: None,
            figures: (*c).into(),
        }),
    }
}

/// Most resolved first, then by name (as `build` sorts the breakdowns).
fn by_resolved(a: &Breakdown, b: &Breakdown) -> std::cmp::Ordering {
    b.figures
        .counts
        .resolved
        .cmp(&a.figures.counts.resolved)
        .then_with(|| a.name.cmp(&b.name))
}

/// The forms' units and fields merged into the Report's breakdowns (re-sorted), the forms
/// listed, their warnings on their files. The levels were added before the Report was made.
pub(crate) fn merge_into(r: &mut Report, adds: FormAdds) {
    if adds.sources.is_empty() {
        return;
    }
    for (name, l, c) in &adds.units {
        merge(&mut r.units, name, Some(*l), c);
    }
    for (name, l, c) in &adds.fields {
        merge(&mut r.fields, name, None, c);
        merge(&mut r.field_levels, name, Some(*l), c);
    }
    r.units.sort_by(by_resolved);
    r.fields.sort_by(by_resolved);
    let order: Vec<Level> = r.levels.iter().map(|l| l.level).collect();
    let rank = |b: &Breakdown| order.iter().position(|&l| Some(l) == b.level);
    r.field_levels
        .sort_by(|a, b| rank(a).cmp(&rank(b)).then_with(|| by_resolved(a, b)));
    for (file, w) in adds.warnings {
        if let Some(f) = r.files.get_mut(file) {
            f.warnings.push(w);
        }
    }
    r.forms = adds.sources;
}
