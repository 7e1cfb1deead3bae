//! A census upload as the result page shows it: the sheet-level message of
//! a rejected file, the row errors of a checked one, or the count of an
//! imported one.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::report::RowError;
use crate::i18n::Text;

/// Largest sheet in mebibytes; equals `read::MAX_FILE_BYTES`, which is
/// server-only.
pub const MAX_SHEET_MIB: usize = 10;

/// Largest request body the upload form may send, in bytes: the sheet limit
/// plus room for the multipart envelope.
pub const MAX_UPLOAD_BYTES: usize = MAX_SHEET_MIB * 1024 * 1024 + 64 * 1024;

/// Hours an upload waits for confirmation before it is deleted.
pub const UPLOAD_LIFETIME_HOURS: i64 = 24;

/// Maximum row errors the result page lists; the downloadable report has
/// all of them (up to [`super::MAX_REPORTED_ERRORS`]).
pub const PAGE_ERRORS: usize = 500;

/// One uploaded sheet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UploadView {
    pub token: String,
    pub file_name: String,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub outcome: UploadOutcome,
}

/// What became of an upload.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum UploadOutcome {
    /// The file as a whole could not be read; nothing can be imported.
    Rejected { message: Text },
    /// Every row was checked.
    Checked(CheckedSheet),
    /// The rows were imported as resources awaiting review.
    Imported { count: u32, at: DateTime<Utc> },
}

/// The validation result of a readable sheet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CheckedSheet {
    pub total_rows: usize,
    pub valid_rows: usize,
    /// The first [`PAGE_ERRORS`] errors, sorted by row.
    pub errors: Vec<RowError>,
    /// All errors in the report, listed or not.
    pub error_count: usize,
    /// Rows flagged as duplicates of another row or a stored resource.
    pub duplicate_rows: usize,
    /// Whether the sheet has no error and can be imported as a whole.
    pub importable: bool,
}

/// Problem with an upload form post, found before the sheet was read. The
/// redirect back to the upload page carries it in the `error` parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UploadProblem {
    NoFile,
    TooLarge,
    Unreadable,
    NotAllowed,
    LoginRequired,
    Busy,
}

impl UploadProblem {
    pub const ALL: [UploadProblem; 6] = [
        UploadProblem::NoFile,
        UploadProblem::TooLarge,
        UploadProblem::Unreadable,
        UploadProblem::NotAllowed,
        UploadProblem::LoginRequired,
        UploadProblem::Busy,
    ];

    /// Value of the `error` query parameter.
    pub fn code(self) -> &'static str {
        match self {
            UploadProblem::NoFile => "no_file",
            UploadProblem::TooLarge => "too_large",
            UploadProblem::Unreadable => "unreadable",
            UploadProblem::NotAllowed => "not_allowed",
            UploadProblem::LoginRequired => "login_required",
            UploadProblem::Busy => "busy",
        }
    }

    pub fn from_code(code: &str) -> Option<UploadProblem> {
        Self::ALL.into_iter().find(|problem| problem.code() == code)
    }

    /// The message shown above the upload form.
    pub fn message(self) -> Text {
        match self {
            UploadProblem::NoFile => Text::new(
                "请选择要上传的普查表文件（.xlsx 或 .csv）",
                "Choose the census sheet to upload (.xlsx or .csv)",
            ),
            UploadProblem::TooLarge => Text::new(
                format!("文件太大，上限为 {} MB，请拆分成几个文件分别导入", MAX_SHEET_MIB),
                format!(
                    "The file is too large (limit {} MB); split it into several files",
                    MAX_SHEET_MIB
                ),
            ),
            UploadProblem::Unreadable => Text::new(
                "上传没有完成，请重新选择文件后再试",
                "The upload did not complete; choose the file and try again",
            ),
            UploadProblem::NotAllowed => Text::new(
                "只有已通过审核的资源单位的管理员和工作人员可以导入普查表",
                "Only administrators and staff of approved providers can import census sheets",
            ),
            UploadProblem::LoginRequired => Text::new("请先登录后再上传", "Log in before you upload"),
            UploadProblem::Busy => Text::new("系统繁忙，请稍后重试", "The system is busy; please try again shortly"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problem_codes_round_trip() {
        for problem in UploadProblem::ALL {
            assert_eq!(UploadProblem::from_code(problem.code()), Some(problem));
        }
        assert_eq!(UploadProblem::from_code("other"), None);
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn sheet_limit_matches_reader() {
        assert_eq!(MAX_SHEET_MIB * 1024 * 1024, crate::census::read::MAX_FILE_BYTES);
    }

    #[test]
    fn too_large_names_limit() {
        let message = UploadProblem::TooLarge.message();
        assert!(message.zh.contains("10 MB"), "{}", message.zh);
    }
}
