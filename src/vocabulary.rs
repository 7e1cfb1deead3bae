//! Closed vocabularies: enums with a stable code for storage and URLs,
//! and a Chinese and an English label for screens and sheets.

/// Declares a closed vocabulary: a `Copy` enum with a stable code, a Chinese
/// and an English label, `ALL`, and lookup by code or by Chinese label.
/// The invoking module must import `serde::{Deserialize, Serialize}` and
/// `crate::i18n::Locale`.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $code:literal, $zh:literal, $en:literal;)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $($variant,)+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// Stable code stored in the database and used in URLs.
            pub fn code(self) -> &'static str {
                match self {
                    $($name::$variant => $code,)+
                }
            }

            pub fn label(self, locale: Locale) -> &'static str {
                match (self, locale) {
                    $(($name::$variant, Locale::Zh) => $zh,)+
                    $(($name::$variant, Locale::En) => $en,)+
                }
            }

            pub fn from_code(code: &str) -> Option<$name> {
                match code {
                    $($code => Some($name::$variant),)+
                    _ => None,
                }
            }

            /// Parses the Chinese label as written in census sheets, or the code.
            pub fn from_label(text: &str) -> Option<$name> {
                let text = text.trim();
                match text {
                    $($zh => Some($name::$variant),)+
                    _ => $name::from_code(text),
                }
            }
        }
    };
}

pub(crate) use vocabulary;
