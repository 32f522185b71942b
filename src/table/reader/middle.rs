//! A reader placed in the middle of a file, for a part of a file read by several workers
//! (`dossier::part`).

use super::Reader;
use crate::table::decode::Decode;

impl Reader {
    /// A reader of UTF-8 delimited text from a record boundary in the middle of a file (a part
    /// of a file split between workers, `dossier::part`): `delimiter` is the one the start of
    /// the file gave; nothing is sniffed, the sink is told no format, rows count from 1 again.
    pub fn from_middle(delimiter: u8) -> Reader {
        let mut r = Reader {
            decode: Decode::utf8_from_middle(),
            encoding: Some("utf-8"),
            delimiter,
            ..Reader::default()
        };
        let rdr = csv_core::ReaderBuilder::new().delimiter(delimiter).build();
        r.line = rdr.line();
        r.rdr = Some(rdr);
        r
    }

    /// The delimiter, when the file can be split into parts read from the middle
    /// ([`Reader::from_middle`]): UTF-8 text whose delimiter is sniffed; `None` for the other
    /// encodings (their decoders hold state across line ends) and before the sniff.
    pub fn splittable(&self) -> Option<u8> {
        (self.rdr.is_some() && self.decode.passes_through()).then_some(self.delimiter)
    }

    /// Whether the bytes pushed so far end exactly at the end of a record (after its line end,
    /// outside any quote), so that the next byte starts a record: what a part read from there
    /// assumed.
    pub fn at_record_boundary(&self) -> bool {
        self.splittable().is_some() && !self.core_has_record && !self.skipping && !self.cr_pending
    }

    /// Counts `n` spreadsheet rows read elsewhere (the parts absorbed after this reader's
    /// bytes), so that rows read next are numbered after them.
    pub fn skip_rows(&mut self, n: u64) {
        self.row += n;
    }
}
