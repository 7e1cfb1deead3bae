//! Locales and the text catalogue.
//!
//! Simplified Chinese is the default; English is the second locale. The
//! locale is chosen by the `xieyu_lang` cookie, which the `/lang` route sets
//! (so switching works without JavaScript). The server writes it into
//! `<html lang>`, and the client reads it back from there when it hydrates,
//! so both render the same text.
//!
//! Screen text lives in per-feature structs (`ShellTexts`, `RegionTexts` …),
//! one constant per locale: the compiler rejects a locale that lacks a key.
//! Messages made by business rules carry both languages in a [`Text`].

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::accounts::texts::AccountTexts;
use crate::booking::texts::BookingTexts;
use crate::calendar::texts::CalendarTexts;
use crate::census::texts::CensusTexts;
use crate::regions::texts::RegionTexts;
use crate::resources::photos::texts::PhotoTexts;
use crate::resources::texts::ResourceTexts;
use crate::shell::texts::ShellTexts;

/// Name of the cookie that stores the chosen locale.
pub const LOCALE_COOKIE: &str = "xieyu_lang";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Locale {
    #[default]
    Zh,
    En,
}

impl Locale {
    /// Parses a cookie value or language tag; anything unknown is Chinese.
    pub fn from_tag(tag: &str) -> Locale {
        if tag.trim().to_ascii_lowercase().starts_with("en") {
            Locale::En
        } else {
            Locale::Zh
        }
    }

    /// Short code stored in the cookie and used in `/lang?to=`.
    pub fn code(self) -> &'static str {
        match self {
            Locale::Zh => "zh",
            Locale::En => "en",
        }
    }

    /// BCP 47 tag for `<html lang>`.
    pub fn html_lang(self) -> &'static str {
        match self {
            Locale::Zh => "zh-CN",
            Locale::En => "en",
        }
    }

    pub fn other(self) -> Locale {
        match self {
            Locale::Zh => Locale::En,
            Locale::En => Locale::Zh,
        }
    }

    pub fn texts(self) -> &'static Texts {
        match self {
            Locale::Zh => &ZH,
            Locale::En => &EN,
        }
    }
}

/// A message in both locales, made where the rule that needs it lives.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Text {
    pub zh: String,
    pub en: String,
}

impl Text {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Self {
        Self {
            zh: zh.into(),
            en: en.into(),
        }
    }

    pub fn get(&self, locale: Locale) -> &str {
        match locale {
            Locale::Zh => &self.zh,
            Locale::En => &self.en,
        }
    }
}

/// All screen text of one locale.
pub struct Texts {
    pub shell: ShellTexts,
    pub regions: RegionTexts,
    pub calendar: CalendarTexts,
    pub accounts: AccountTexts,
    pub resources: ResourceTexts,
    pub census: CensusTexts,
    pub photos: PhotoTexts,
    pub booking: BookingTexts,
}

static ZH: Texts = Texts {
    shell: crate::shell::texts::ZH,
    regions: crate::regions::texts::ZH,
    calendar: crate::calendar::texts::ZH,
    accounts: crate::accounts::texts::ZH,
    resources: crate::resources::texts::ZH,
    census: crate::census::texts::ZH,
    photos: crate::resources::photos::texts::ZH,
    booking: crate::booking::texts::ZH,
};

static EN: Texts = Texts {
    shell: crate::shell::texts::EN,
    regions: crate::regions::texts::EN,
    calendar: crate::calendar::texts::EN,
    accounts: crate::accounts::texts::EN,
    resources: crate::resources::texts::EN,
    census: crate::census::texts::EN,
    photos: crate::resources::photos::texts::EN,
    booking: crate::booking::texts::EN,
};

/// Finds the locale of the current request (server) or page (client) and
/// puts it into context. Call once, at the top of the app.
pub fn provide_locale() -> Locale {
    let locale = current_locale();
    provide_context(locale);
    locale
}

/// The locale in context; Chinese outside the app (for example in tests).
pub fn use_locale() -> Locale {
    use_context::<Locale>().unwrap_or_default()
}

/// The text catalogue of the locale in context.
pub fn use_texts() -> &'static Texts {
    use_locale().texts()
}

#[cfg(feature = "ssr")]
fn current_locale() -> Locale {
    use_context::<http::request::Parts>()
        .map(|parts| locale_from_headers(&parts.headers))
        .unwrap_or_default()
}

#[cfg(not(feature = "ssr"))]
fn current_locale() -> Locale {
    document()
        .document_element()
        .and_then(|root| root.get_attribute("lang"))
        .map(|lang| Locale::from_tag(&lang))
        .unwrap_or_default()
}

/// Reads the locale cookie from request headers.
#[cfg(feature = "ssr")]
pub fn locale_from_headers(headers: &http::HeaderMap) -> Locale {
    headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == LOCALE_COOKIE)
        .map(|(_, value)| Locale::from_tag(value))
        .unwrap_or_default()
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    #[test]
    fn cookie_selects_locale() {
        let mut headers = http::HeaderMap::new();
        assert_eq!(locale_from_headers(&headers), Locale::Zh);

        headers.insert(http::header::COOKIE, "a=1; xieyu_lang=en".parse().unwrap());
        assert_eq!(locale_from_headers(&headers), Locale::En);

        headers.insert(http::header::COOKIE, "xieyu_lang=fr".parse().unwrap());
        assert_eq!(locale_from_headers(&headers), Locale::Zh);
    }
}
