//! Errors that stop the server before it serves: bad settings, an unreachable
//! database, a port in use. Each prints as one line, Chinese then English.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StartupError {
    pub zh: String,
    pub en: String,
}

impl StartupError {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Self {
        Self {
            zh: zh.into(),
            en: en.into(),
        }
    }
}

impl fmt::Display for StartupError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Messages may quote values that contain line breaks; keep one line.
        let zh = self.zh.replace(['\r', '\n'], " ");
        let en = self.en.replace(['\r', '\n'], " ");
        write!(f, "启动失败：{zh}。 | Startup failed: {en}.")
    }
}

impl std::error::Error for StartupError {}
