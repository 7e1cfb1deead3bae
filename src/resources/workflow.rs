//! The resource workflow: draft → submitted → approved, or returned with a
//! reason → published → offline. Which step is allowed from which status is
//! decided here; who may take it is decided by `accounts::policy`.

use serde::{Deserialize, Serialize};

use super::model::ResourceStatus;
use crate::error::AppError;
use crate::i18n::{Locale, Text};

/// A step of the workflow, as recorded in the history.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Step {
    Create,
    Edit,
    Submit,
    Approve,
    Return,
    Publish,
    TakeOffline,
    Verify,
}

impl Step {
    /// Code stored in `resource_history.action`.
    pub fn code(self) -> &'static str {
        match self {
            Step::Create => "created",
            Step::Edit => "edited",
            Step::Submit => "submitted",
            Step::Approve => "approved",
            Step::Return => "returned",
            Step::Publish => "published",
            Step::TakeOffline => "offline",
            Step::Verify => "verified",
        }
    }

    /// Label of a stored action code; the code itself when unknown.
    pub fn label_of(code: &str, locale: Locale) -> String {
        let text = match code {
            "created" => Text::new("创建", "Created"),
            "edited" => Text::new("修改", "Edited"),
            "submitted" => Text::new("提交审核", "Submitted"),
            "approved" => Text::new("审核通过", "Approved"),
            "returned" => Text::new("退回", "Returned"),
            "published" => Text::new("发布", "Published"),
            "offline" => Text::new("下线", "Taken offline"),
            "verified" => Text::new("核实", "Verified"),
            "imported" => Text::new("普查导入", "Imported from a census"),
            other => return other.to_owned(),
        };
        text.get(locale).to_owned()
    }
}

fn refused(zh: &str, en: &str) -> AppError {
    AppError::Conflict(Text::new(zh, en))
}

/// The status after `step` from `current`.
///
/// An edit of a submitted or approved record sends it back to draft, so
/// nothing unreviewed is published; an edit of a published record keeps it
/// public and takes effect at once.
///
/// NOTE: the directory therefore shows edits of published records before a
/// bureau has seen them; the review page lists them as changes since the
/// last approval.
///
/// # Errors
///
/// [`AppError::Conflict`] with a message that says what to do instead.
pub fn next_status(current: ResourceStatus, step: Step) -> Result<ResourceStatus, AppError> {
    use ResourceStatus::{Approved, Draft, Offline, Published, Returned, Submitted};
    match (step, current) {
        (Step::Create, _) => Ok(Draft),
        (Step::Edit, Draft | Returned | Submitted | Approved) => Ok(Draft),
        (Step::Edit, Published | Offline) => Ok(current),
        (Step::Submit, Draft | Returned | Offline) => Ok(Submitted),
        (Step::Submit, Submitted) => Err(refused(
            "该资源已提交，正在等待审核",
            "This resource is already awaiting review",
        )),
        (Step::Submit, _) => Err(refused(
            "该资源已通过审核，无需再次提交",
            "This resource is already approved",
        )),
        (Step::Approve | Step::Return, Submitted) => Ok(if step == Step::Approve { Approved } else { Returned }),
        (Step::Approve | Step::Return, _) => Err(refused(
            "该资源不在待审核状态，可能已被其他审核人处理，请刷新页面",
            "This resource is not awaiting review; another reviewer may have decided it. Reload the page",
        )),
        (Step::Publish, Approved) => Ok(Published),
        (Step::Publish, Published) => Err(refused("该资源已发布", "This resource is already published")),
        (Step::Publish, _) => Err(refused(
            "只有审核通过的资源才能发布，请先提交审核",
            "Only approved resources can be published; submit it for review first",
        )),
        (Step::TakeOffline, Published) => Ok(Offline),
        (Step::TakeOffline, _) => Err(refused(
            "只有已发布的资源才能下线",
            "Only published resources can be taken offline",
        )),
        (Step::Verify, _) => Ok(current),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ResourceStatus::*;

    #[test]
    fn happy_path_reaches_published() {
        let mut status = next_status(Draft, Step::Create).expect("create");
        for (step, expected) in [
            (Step::Submit, Submitted),
            (Step::Approve, Approved),
            (Step::Publish, Published),
            (Step::TakeOffline, Offline),
        ] {
            status = next_status(status, step).expect("allowed");
            assert_eq!(status, expected);
        }
    }

    #[test]
    fn returned_record_is_fixed_and_resubmitted() {
        let returned = next_status(Submitted, Step::Return).expect("return");
        assert_eq!(returned, Returned);
        assert_eq!(next_status(returned, Step::Edit).expect("edit"), Draft);
        assert_eq!(next_status(returned, Step::Submit).expect("submit"), Submitted);
    }

    #[test]
    fn unreviewed_record_cannot_be_published() {
        for status in [Draft, Submitted, Returned, Offline] {
            assert!(next_status(status, Step::Publish).is_err(), "{status:?}");
        }
    }

    #[test]
    fn editing_approved_record_needs_new_review() {
        assert_eq!(next_status(Approved, Step::Edit).expect("edit"), Draft);
        assert_eq!(next_status(Published, Step::Edit).expect("edit"), Published);
    }

    #[test]
    fn decided_record_cannot_be_decided_again() {
        assert!(next_status(Approved, Step::Approve).is_err());
        assert!(next_status(Returned, Step::Return).is_err());
    }
}
