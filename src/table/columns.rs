//! Header cells to columns: one matcher for every table the crate reads (dossier exports, the
//! procedure catalogue, ranking tables). Names are compared after [`fold`], so the Vietnamese,
//! the no-diacritic/snake_case and the DVCQG CamelCase families are the same name.

use crate::basics::text::fold;

/// How well a folded header names one of `aliases`: 3 exact, 2 an alias followed by more words
/// («Ngày tiếp nhận hồ sơ (dd/mm/yyyy)»), 0 not at all.
pub fn alias_score(folded: &str, aliases: &[&str]) -> u8 {
    let mut best = 0;
    for a in aliases {
        if folded == *a {
            return 3;
        }
        if folded.len() > a.len() && folded.starts_with(a) && folded.as_bytes()[a.len()] == b' ' {
            best = 2;
        }
    }
    best
}

/// Maps each field (key, aliases) to at most one column and each column to at most one field:
/// best score first, then the leftmost column, then the earlier field. `taken` columns are
/// skipped. The one column matcher of the crate: dossier headers and the index's tables.
pub fn match_columns<K: Copy + PartialEq>(
    cells: &[String],
    fields: &[(K, &[&str])],
    taken: &[usize],
) -> Vec<(K, usize)> {
    let mut cands: Vec<(u8, usize, usize)> = Vec::new();
    for (col, cell) in cells.iter().enumerate() {
        let h = fold(cell);
        if h.is_empty() || taken.contains(&col) {
            continue;
        }
        for (fi, (_, aliases)) in fields.iter().enumerate() {
            let s = alias_score(&h, aliases);
            if s > 0 {
                cands.push((s, col, fi));
            }
        }
    }
    cands.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut out: Vec<(K, usize)> = Vec::new();
    for (_, col, fi) in cands {
        let key = fields[fi].0;
        if !out.iter().any(|&(k, c)| k == key || c == col) {
            out.push((key, col));
        }
    }
    out
}

/// A user's override of one field: the header text of the column to use, or "" for none.
/// Returns the column, `Ok(None)` for «not used», or `Err(NoSuchColumn)` when no header matches.
pub fn find_column(cells: &[String], wanted: &str) -> Result<Option<usize>, NoSuchColumn> {
    if wanted.trim().is_empty() {
        return Ok(None);
    }
    let w = fold(wanted);
    cells
        .iter()
        .position(|c| c.trim() == wanted.trim())
        .or_else(|| cells.iter().position(|c| fold(c) == w))
        .map(Some)
        .ok_or(NoSuchColumn)
}

/// An override named a header the file does not have.
#[derive(Debug, PartialEq, Eq)]
pub struct NoSuchColumn;
