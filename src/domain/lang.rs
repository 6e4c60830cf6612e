//! The two languages the bot speaks, and how a Slack locale maps onto them.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Ja,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Ja, Lang::En];

    /// `ja` / `en` (as in `MENTOR_BOT_DEFAULT_LOCALE`), or a full tag like `en-US`.
    pub fn parse(value: &str) -> Option<Lang> {
        let primary = value.split(['-', '_']).next()?.trim().to_ascii_lowercase();
        match primary.as_str() {
            "ja" => Some(Lang::Ja),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The reader's language from their Slack locale (`ja-JP`, `en-GB`, …), or `default`
    /// for a locale we have no catalog for.
    pub fn from_slack_locale(locale: Option<&str>, default: Lang) -> Lang {
        locale.and_then(Lang::parse).unwrap_or(default)
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Ja => "ja",
            Lang::En => "en",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slack_locales_pick_the_language_and_unknown_ones_fall_back() {
        assert_eq!(Lang::from_slack_locale(Some("ja-JP"), Lang::En), Lang::Ja);
        assert_eq!(Lang::from_slack_locale(Some("en-GB"), Lang::Ja), Lang::En);
        assert_eq!(Lang::from_slack_locale(Some("fr-FR"), Lang::Ja), Lang::Ja);
        assert_eq!(Lang::from_slack_locale(None, Lang::En), Lang::En);
        assert_eq!(Lang::parse("EN"), Some(Lang::En));
    }
}
