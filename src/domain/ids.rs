//! Identifiers parsed at the edge, so nothing deeper handles raw strings.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{kind} {value:?} is not valid")]
pub struct IdError {
    kind: &'static str,
    value: String,
}

macro_rules! slack_id {
    ($name:ident, $kind:literal, $prefixes:literal) => {
        #[doc = concat!("A Slack ", $kind, " id: an upper-case letter from `", $prefixes, "` then letters and digits.")]
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            pub fn parse(value: &str) -> Result<Self, IdError> {
                let ok = value.len() >= 2
                    && value.len() <= 64
                    && value.starts_with(|c: char| $prefixes.contains(c))
                    && value.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
                if ok {
                    Ok(Self(value.to_string()))
                } else {
                    Err(IdError { kind: $kind, value: value.chars().take(80).collect() })
                }
            }
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl TryFrom<String> for $name {
            type Error = IdError;
            fn try_from(value: String) -> Result<Self, IdError> {
                Self::parse(&value)
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }
    };
}

slack_id!(UserId, "user", "UW");
slack_id!(TeamId, "team", "TE");
slack_id!(ChannelId, "channel", "CDG");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_ids_from_real_payloads_parse() {
        for id in ["U2CERLKJA", "W111", "U061F7AUR", "UBOT"] {
            assert_eq!(UserId::parse(id).unwrap().as_str(), id);
        }
    }

    #[test]
    fn malformed_ids_are_rejected() {
        for id in [
            "",
            "u123",
            "C123",
            "U12 3",
            "U",
            "U<script>",
            &"U".repeat(65),
        ] {
            assert!(UserId::parse(id).is_err(), "{id}");
        }
        assert!(ChannelId::parse("D024BE91L").is_ok());
        assert!(TeamId::parse("T0001").is_ok());
        assert!(TeamId::parse("E111").is_ok());
    }
}
