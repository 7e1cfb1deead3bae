//! Census and import (资源普查): the sheet template, reading CSV and XLSX
//! uploads, validating every row, spotting duplicates, and writing error
//! reports and exports.
//!
//! The flow an upload page follows:
//! 1. [`read::read_sheet`] turns the uploaded bytes into a [`RawSheet`], or a
//!    [`SheetError`] when the file as a whole is unusable (wrong format, too
//!    large, header not matching the template).
//! 2. [`validate`] checks every row and returns a [`ValidationReport`] with
//!    row-level errors in Chinese and English.
//! 3. Only when the report has no errors does
//!    [`ValidationReport::valid_rows`] hand out the typed records. A sheet
//!    is imported whole or not at all.
//!
//! The types here are shared with the browser; reading and writing files
//! is server-only.

pub mod api;
pub mod columns;
pub mod duplicates;
pub mod pages;
pub mod raw;
pub mod record;
pub mod report;
pub mod texts;
pub mod upload;
pub mod validate;

#[cfg(feature = "ssr")]
pub mod entity;
#[cfg(feature = "ssr")]
pub mod http;
#[cfg(feature = "ssr")]
pub mod read;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod write;

#[cfg(all(test, feature = "ssr"))]
mod tests;

pub use columns::{COLUMNS, Column, ColumnSpec};
pub use raw::{RawCell, RawRow, RawSheet, SheetFormat, TextEncoding};
pub use record::{CensusRecord, ExistingResource, ExportRow};
pub use report::{MAX_REPORTED_ERRORS, RowError, SheetError, ValidationReport};
pub use validate::{RegionIndex, RegionLookup, validate};
