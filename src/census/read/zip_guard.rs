//! Measures an XLSX archive before calamine opens it, because calamine
//! unpacks parts into memory and trusts counts written in them.

use std::io::{Cursor, Read};

use super::super::report::SheetError;
use super::MAX_UNPACKED_BYTES;

/// Most parts (files) in an XLSX archive; a workbook has a few dozen.
const MAX_ENTRIES: usize = 1_000;

/// Largest `uniqueCount` accepted in the shared-strings part. calamine 0.38
/// reserves that many strings up front (24 bytes each), so a forged count
/// in a tiny file could exhaust memory. A full 20,000 × 18 sheet has at most
/// 360,000 strings.
const MAX_SHARED_STRINGS: u64 = 1_000_000;

/// Bytes read from the start of each part to find the `uniqueCount`
/// attribute, which sits on the root element.
const SHARED_STRINGS_HEAD: usize = 4096;

/// Unpacks every part into a counting sink and rejects the archive if it
/// is damaged, encrypted, or too large once unpacked.
///
/// # Errors
///
/// [`SheetError::MalformedWorkbook`] for an unreadable or encrypted
/// archive, [`SheetError::WorkbookTooLarge`] beyond the limits above or
/// [`MAX_UNPACKED_BYTES`] in total.
pub(super) fn check(bytes: &[u8]) -> Result<(), SheetError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| SheetError::MalformedWorkbook)?;
    if archive.len() > MAX_ENTRIES {
        return Err(SheetError::WorkbookTooLarge);
    }

    let mut total: u64 = 0;
    let mut buffer = vec![0u8; 64 * 1024];
    for index in 0..archive.len() {
        let mut entry = archive.by_index(index).map_err(|_| SheetError::MalformedWorkbook)?;
        if entry.encrypted() {
            return Err(SheetError::MalformedWorkbook);
        }
        let is_shared_strings = entry.name_raw().to_ascii_lowercase().ends_with(b"sharedstrings.xml");

        // Count what the entry really unpacks to; the sizes in its header
        // may lie.
        let mut head = Vec::new();
        loop {
            let read = entry.read(&mut buffer).map_err(|_| SheetError::MalformedWorkbook)?;
            if read == 0 {
                break;
            }
            total += read as u64;
            if total > MAX_UNPACKED_BYTES {
                return Err(SheetError::WorkbookTooLarge);
            }
            if is_shared_strings && head.len() < SHARED_STRINGS_HEAD {
                let wanted = (SHARED_STRINGS_HEAD - head.len()).min(read);
                head.extend_from_slice(buffer.get(..wanted).unwrap_or_default());
            }
        }

        if is_shared_strings && unique_count(&head).is_some_and(|count| count > MAX_SHARED_STRINGS) {
            return Err(SheetError::WorkbookTooLarge);
        }
    }
    Ok(())
}

/// Finds the value of the first `uniqueCount="…"` attribute in `xml`.
/// Leading zeros are ignored, and a number too long for u64 counts as
/// u64::MAX.
fn unique_count(xml: &[u8]) -> Option<u64> {
    const NAME: &[u8] = b"uniqueCount";
    let start = xml.windows(NAME.len()).position(|window| window == NAME)? + NAME.len();
    let rest = xml.get(start..)?;

    // Skip `=` and whitespace and a quote, as XML allows `uniqueCount = '5'`.
    let value_start = rest.iter().position(|b| b.is_ascii_digit())?;
    let between = rest.get(..value_start)?;
    if !between
        .iter()
        .all(|b| b.is_ascii_whitespace() || matches!(b, b'=' | b'"' | b'\''))
    {
        return None;
    }
    let digits: Vec<u8> = rest
        .get(value_start..)?
        .iter()
        .copied()
        .take_while(u8::is_ascii_digit)
        .skip_while(|b| *b == b'0')
        .collect();
    let text = std::str::from_utf8(&digits).ok()?;
    if text.is_empty() {
        return Some(0);
    }
    Some(text.parse().unwrap_or(u64::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unique_count_is_found() {
        assert_eq!(unique_count(br#"<sst xmlns="x" count="9" uniqueCount="7">"#), Some(7));
        assert_eq!(unique_count(br#"<sst uniqueCount = '0012'>"#), Some(12));
        assert_eq!(
            unique_count(br#"<sst uniqueCount="99999999999999999999999">"#),
            Some(u64::MAX)
        );
        assert_eq!(unique_count(br#"<sst count="3">"#), None);
    }

    #[test]
    fn non_zip_is_malformed() {
        assert_eq!(check(b"PK\x03\x04 broken"), Err(SheetError::MalformedWorkbook));
    }
}
