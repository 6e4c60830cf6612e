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

// A person is identified per platform: Slack's own user ids (`U…`, `W…`), and for Microsoft
// Teams `MT` + the 32 upper-case hex digits of their Entra ID object id (`aadObjectId`), which
// stays the same across reinstalls and cannot be mistaken for a Slack id.
slack_id!(UserId, "user", "UWM");
slack_id!(TeamId, "team", "TE");
slack_id!(ChannelId, "channel", "CDG");

/// The chat platform a person is reached on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Platform {
    Slack,
    Teams,
}

const TEAMS_PREFIX: &str = "MT";

impl UserId {
    /// The id of a Teams user from their `aadObjectId` (a GUID, any case, with or without dashes).
    pub fn teams(aad_object_id: &str) -> Result<Self, IdError> {
        let hex: String = aad_object_id.chars().filter(|c| *c != '-').collect();
        if hex.len() != 32 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err(IdError {
                kind: "Teams aadObjectId",
                value: aad_object_id.chars().take(80).collect(),
            });
        }
        Self::parse(&format!("{TEAMS_PREFIX}{}", hex.to_ascii_uppercase()))
    }

    pub fn platform(&self) -> Platform {
        if self.0.starts_with(TEAMS_PREFIX) {
            Platform::Teams
        } else {
            Platform::Slack
        }
    }

    /// The `aadObjectId` of a Teams user, in the lower-case dashed form Teams sends.
    pub fn aad_object_id(&self) -> Option<String> {
        let hex = self.0.strip_prefix(TEAMS_PREFIX)?.to_ascii_lowercase();
        (hex.len() == 32).then(|| {
            format!(
                "{}-{}-{}-{}-{}",
                &hex[0..8],
                &hex[8..12],
                &hex[12..16],
                &hex[16..20],
                &hex[20..32]
            )
        })
    }
}

impl ChannelId {
    /// The stand-in "DM channel" of a Teams user: the Teams adapter keeps the real personal
    /// conversation id (and its service URL) in `teams_people` and finds it from this.
    pub fn teams_dm(user: &UserId) -> Self {
        Self(format!("D{}", user.as_str()))
    }

    /// The Teams user whose personal chat this is, if it is one.
    pub fn teams_user(&self) -> Option<UserId> {
        let user = UserId::parse(self.0.strip_prefix('D')?).ok()?;
        (user.platform() == Platform::Teams).then_some(user)
    }
}

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
    fn teams_users_have_their_own_ids_and_dm_stand_ins() {
        let aad = "6b0a4b4e-6c4b-4e0a-9f4e-1c2d3e4f5a6b";
        let user = UserId::teams(aad).unwrap();
        assert_eq!(user.as_str(), "MT6B0A4B4E6C4B4E0A9F4E1C2D3E4F5A6B");
        assert_eq!(user.platform(), Platform::Teams);
        assert_eq!(user.aad_object_id().as_deref(), Some(aad));
        assert_eq!(UserId::teams(&aad.to_uppercase()).unwrap(), user);
        let dm = ChannelId::teams_dm(&user);
        assert_eq!(dm.teams_user(), Some(user));
        assert_eq!(
            UserId::parse("U2CERLKJA").unwrap().platform(),
            Platform::Slack
        );
        assert_eq!(ChannelId::parse("D024BE91L").unwrap().teams_user(), None);
        for bad in [
            "",
            "29:1abc",
            "6b0a4b4e-6c4b-4e0a-9f4e",
            "zz0a4b4e6c4b4e0a9f4e1c2d3e4f5a6b",
        ] {
            assert!(UserId::teams(bad).is_err(), "{bad}");
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
