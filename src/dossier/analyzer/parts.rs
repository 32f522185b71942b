//! The analyzer's side of a file read by several workers ([`crate::dossier::part`]): the
//! analyzer of a part, and the absorbing of parts by the analyzer that read the file's start.

use super::{Analyzer, FileSink};
use crate::dossier::options::Options;
use crate::dossier::part::{self, Meta, Part};
use crate::dossier::records::FileNotes;
use crate::table::source::FileReader;

impl Analyzer {
    /// An analyzer for a part of the file `name` that starts at a record boundary after its
    /// header: `head` is the start of the file ([`part::HEAD_BYTES`] of it; shorter: all of it), from which
    /// it learns the delimiter and the columns as the whole file's analyzer does. Push the
    /// part's bytes, then [`Analyzer::take_part`]. `Err` when the file cannot be split: not
    /// delimited UTF-8 text, no header in `head`, a form, or a required column missing.
    pub fn for_part(options: Options, name: &str, head: &[u8]) -> Result<Analyzer, String> {
        let mut probe = Analyzer::new(options.clone())?;
        probe.begin_file(name);
        probe.push(head);
        let (mut reader, mut fs) = probe.cur.take().ok_or("begun")?;
        if head.len() < part::HEAD_BYTES {
            // the whole file: read to its end, so that a file under the sniffing window has
            // its delimiter as the one-go reading finds it
            reader.finish(&mut FileSink {
                a: &mut probe,
                fs: &mut fs,
            });
        }
        let delimiter = reader
            .splittable()
            .ok_or("not delimited UTF-8 text (or under 64 KiB)")?;
        if fs.form.is_some() {
            return Err("an aggregated form".into());
        }
        let header = fs.header.ok_or("no header row in the head")?;
        if header.fatal.is_some() {
            return Err("a required column is missing".into());
        }
        let mut a = Analyzer::new(options)?;
        a.begin_file(name);
        let (_, mut fs) = a.cur.take().ok_or("begun")?;
        fs.header = Some(header);
        let reader = FileReader::from_middle(delimiter, a.settings.read.clone());
        a.cur = Some((reader, fs));
        Ok(a)
    }

    /// Whether the current file's bytes so far end at a record boundary: its reader's, or, after
    /// absorbed parts, the last part's ([`Part::at_boundary`]).
    pub fn at_record_boundary(&self) -> bool {
        self.cur.as_ref().is_some_and(|(reader, fs)| {
            fs.after_part.unwrap_or_else(|| reader.at_record_boundary())
        })
    }

    /// What this part's analyzer read. `last`: its bytes ran to the end of the file (the last
    /// record and trailing blank lines are read as at any file's end).
    pub fn take_part(mut self, last: bool) -> Part {
        let Some((mut reader, mut fs)) = self.cur.take() else {
            return Part::new(
                &self.store,
                self.problems,
                &FileNotes::default(),
                Meta::empty(),
            );
        };
        if last {
            reader.finish(&mut FileSink {
                a: &mut self,
                fs: &mut fs,
            });
        }
        let info = &self.files[fs.index];
        let unmergeable = if self.full.is_some() || fs.notes.not_stored.is_some() {
            Some("store full".to_string())
        } else {
            info.warnings.first().cloned()
        };
        let meta = Meta {
            rows: fs.rows,
            row_span: reader.rows(),
            bytes: info.bytes,
            at_boundary: last || reader.at_record_boundary(),
            unmergeable,
            ..Meta::empty()
        };
        Part::new(&self.store, self.problems, &fs.notes, meta)
    }

    /// Takes in the next part of the current file, read by another analyzer from where this
    /// one's bytes end, as if its bytes had been pushed here: dossiers, names, row counts,
    /// problems (their rows moved past this file's rows so far). Returns false, and changes
    /// nothing, when it cannot be taken so: the bytes so far do not end at a record boundary
    /// (the part started inside a record), the part's own bytes do not (its last record runs
    /// on into the next part), the part is not mergeable (`dossier::part`), or the sum would
    /// pass a limit. The caller then pushes the bytes from the part's start to the end of the
    /// file itself (the parts after it are not used).
    pub fn absorb(&mut self, part: Part) -> bool {
        let ends_well = part.meta.at_boundary;
        if !ends_well || part.meta.unmergeable.is_some() || self.full.is_some() {
            return false; // its last record is cut, or it must be read here to say things right
        }
        if !self.at_record_boundary() {
            return false;
        }
        let Analyzer {
            cur: Some((reader, fs)),
            store,
            problems,
            files,
            settings,
            ..
        } = self
        else {
            return false;
        };
        if fs.header.is_none() || fs.form.is_some() {
            return false; // the cut is before the header: the part read title rows as data
        }
        let file = u16::try_from(fs.index).unwrap_or(u16::MAX);
        if part::append(store, &part, file).is_err() {
            return false;
        }
        let m = part.meta;
        let shift = reader.rows();
        reader.skip_rows(m.row_span);
        fs.rows.add(&m.rows);
        fs.after_part = Some(m.at_boundary);
        files[fs.index].bytes += m.bytes;
        if let Some((n, row, id)) = m.placeholders {
            let first = || (0, row + shift, id);
            fs.notes.placeholders.get_or_insert_with(first).0 += n;
        }
        problems.total += m.problems_total;
        for (code, n) in m.problems_by_code {
            problems.by_code.entry(code.as_str()).or_insert((code, 0)).1 += n;
        }
        let room = settings.max_problems.saturating_sub(problems.list.len());
        problems
            .list
            .extend(m.problems.into_iter().take(room).map(|mut p| {
                p.row += shift;
                p
            }));
        true
    }
}
