//! The one application error type.
//!
//! Server functions return `Result<T, AppError>`. Each variant maps to an
//! HTTP status and to a message the user can act on, in Chinese and English.
//! Internal details (SQL, I/O) never cross the wire: they are logged on the
//! server and the client sees [`AppError::Internal`].

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

use crate::i18n::{Locale, Text};

/// A problem with one input field, shown beside that field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    /// The form field's `name` attribute.
    pub field: String,
    pub message: Text,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// 400: one or more fields are invalid.
    #[error("invalid input")]
    Validation(Vec<FieldError>),
    /// 400: the request is invalid as a whole (a message the user can act on).
    #[error("bad request")]
    BadRequest(Text),
    /// 401: no session, or it expired.
    #[error("not logged in")]
    Unauthenticated,
    /// 403: logged in, but this action or record is outside the user's scope.
    #[error("forbidden")]
    Forbidden,
    /// 403: the account must change its initial or reset password first.
    #[error("password change required")]
    PasswordChangeRequired,
    /// 404: the record does not exist, or is not visible to this user.
    #[error("not found")]
    NotFound,
    /// 409: the record changed meanwhile, or a limit is reached (已满).
    #[error("conflict")]
    Conflict(Text),
    /// 429: too many attempts; try again after the given number of seconds.
    #[error("too many requests")]
    RateLimited { retry_after_seconds: u64 },
    /// 503: the server is busy (for example waiting for the database lock).
    #[error("busy")]
    Busy,
    /// 500: a fault on the server; the details are in the server log.
    #[error("internal error")]
    Internal,
    /// The request did not reach the server or its answer was unreadable.
    #[error("network error")]
    Network,
}

impl AppError {
    /// Builds a [`AppError::Validation`] with one field error.
    pub fn field(field: &str, zh: &str, en: &str) -> Self {
        AppError::Validation(vec![FieldError {
            field: field.to_owned(),
            message: Text::new(zh, en),
        }])
    }

    /// HTTP status code of this error.
    pub fn status(&self) -> u16 {
        match self {
            AppError::Validation(_) | AppError::BadRequest(_) => 400,
            AppError::Unauthenticated => 401,
            AppError::Forbidden | AppError::PasswordChangeRequired => 403,
            AppError::NotFound => 404,
            AppError::Conflict(_) => 409,
            AppError::RateLimited { .. } => 429,
            AppError::Busy => 503,
            AppError::Internal => 500,
            AppError::Network => 502,
        }
    }

    /// The message to show the user.
    pub fn message(&self, locale: Locale) -> String {
        let text = match self {
            AppError::Validation(errors) => {
                return match errors.as_slice() {
                    [only] => only.message.get(locale).to_owned(),
                    _ => Text::new(
                        "提交的内容有误，请按提示修改",
                        "Some fields are invalid; see the notes beside them",
                    )
                    .get(locale)
                    .to_owned(),
                };
            }
            AppError::BadRequest(text) | AppError::Conflict(text) => return text.get(locale).to_owned(),
            AppError::RateLimited { retry_after_seconds } => {
                let minutes = retry_after_seconds.div_ceil(60).max(1);
                return match locale {
                    Locale::Zh => format!("尝试次数过多，请 {minutes} 分钟后重试"),
                    Locale::En => format!("Too many attempts; try again in {minutes} minute(s)"),
                };
            }
            AppError::Unauthenticated => Text::new("请先登录", "Please log in first"),
            AppError::Forbidden => Text::new("没有权限执行此操作", "You do not have permission to do this"),
            AppError::PasswordChangeRequired => Text::new(
                "请先修改初始密码，再继续使用",
                "Change your initial password before you continue",
            ),
            AppError::NotFound => Text::new("找不到该记录，可能已被删除", "Not found; it may have been deleted"),
            AppError::Busy => Text::new("系统繁忙，请稍后重试", "The system is busy; please try again shortly"),
            AppError::Internal => Text::new(
                "服务器出错了，请稍后重试；如果问题持续，请联系平台管理员",
                "Something went wrong on the server; try again later and contact the administrator if it persists",
            ),
            AppError::Network => Text::new(
                "网络连接失败，请检查网络后重试",
                "Network error; check your connection and try again",
            ),
        };
        text.get(locale).to_owned()
    }

    /// The message for one form field, if this error has one.
    pub fn field_message(&self, field: &str, locale: Locale) -> Option<String> {
        match self {
            AppError::Validation(errors) => errors
                .iter()
                .find(|e| e.field == field)
                .map(|e| e.message.get(locale).to_owned()),
            _ => None,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Request(_) | ServerFnErrorErr::Deserialization(_) => AppError::Network,
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) => AppError::BadRequest(Text::new(
                "请求内容不完整或格式不对，请刷新页面后重试",
                "The request is incomplete or malformed; reload the page and try again",
            )),
            _ => AppError::Internal,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_match_variants() {
        assert_eq!(AppError::field("name", "必填", "required").status(), 400);
        assert_eq!(AppError::Unauthenticated.status(), 401);
        assert_eq!(AppError::Forbidden.status(), 403);
        assert_eq!(AppError::Busy.status(), 503);
        assert_eq!(AppError::Internal.status(), 500);
    }

    #[test]
    fn busy_message_is_chinese_by_default() {
        assert_eq!(AppError::Busy.message(Locale::Zh), "系统繁忙，请稍后重试");
    }

    #[test]
    fn field_message_finds_field() {
        let err = AppError::field("phone", "手机号格式不对", "Invalid phone number");
        assert_eq!(
            err.field_message("phone", Locale::Zh).as_deref(),
            Some("手机号格式不对")
        );
        assert_eq!(err.field_message("name", Locale::Zh), None);
    }

    #[test]
    fn rate_limit_rounds_up_minutes() {
        let err = AppError::RateLimited {
            retry_after_seconds: 61,
        };
        assert_eq!(err.message(Locale::Zh), "尝试次数过多，请 2 分钟后重试");
    }
}
