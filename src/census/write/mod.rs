//! Writing census files: the blank template, exports that can be edited
//! and imported again, and error reports for download.

mod errors;
mod export;
mod sheet;
mod template;

pub use errors::{error_report_csv, error_report_xlsx};
pub use export::export_xlsx;
pub use template::template_xlsx;

use crate::error::AppError;

/// Reason a file could not be written. This is a server fault, not the
/// user's, because the inputs are already validated.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("writing the workbook failed: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    #[error("writing the CSV failed: {0}")]
    Csv(#[from] ::csv::Error),
    #[error("flushing the CSV failed: {0}")]
    Io(#[from] std::io::Error),
}

impl From<WriteError> for AppError {
    fn from(error: WriteError) -> Self {
        tracing::error!(%error, "census file could not be written");
        AppError::Internal
    }
}
