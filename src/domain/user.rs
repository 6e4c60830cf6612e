//! People as the bot knows them: name, zone and language, and how fresh that knowledge is.

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;

use super::{Lang, UserId};

/// A stored profile older than this is fetched again from Slack.
pub const PROFILE_MAX_AGE: Duration = Duration::days(1);

/// What Slack's directory (`users.info`) said about someone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DirectoryProfile {
    pub display_name: String,
    /// Needs the users:read.email scope; used for calendar invites.
    pub email: Option<String>,
    pub tz: Option<String>,
    pub locale: Option<String>,
    pub is_bot: bool,
    pub deleted: bool,
}

/// A person as stored: zone and locale as Slack gave them (or the workspace defaults).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserProfile {
    pub id: UserId,
    pub display_name: String,
    /// IANA zone name.
    pub tz: String,
    /// Slack locale such as `ja-JP`; `None` when unknown.
    pub locale: Option<String>,
    pub is_bot: bool,
    pub deleted: bool,
    /// False when Slack could not describe this person and defaults were used.
    pub described: bool,
    pub email: Option<String>,
    pub refreshed_at: DateTime<Utc>,
}

impl UserProfile {
    /// The profile built from what Slack said, or from the workspace defaults when Slack
    /// could not describe the person (`profile` is `None`).
    pub fn resolve(
        id: UserId,
        profile: Option<DirectoryProfile>,
        default_tz: Tz,
        now: DateTime<Utc>,
    ) -> Self {
        match profile {
            Some(p) => {
                let tz =
                    p.tz.filter(|tz| tz.parse::<Tz>().is_ok())
                        .unwrap_or_else(|| default_tz.name().to_string());
                let display_name = if p.display_name.trim().is_empty() {
                    id.to_string()
                } else {
                    p.display_name
                };
                UserProfile {
                    id,
                    display_name,
                    tz,
                    locale: p.locale,
                    is_bot: p.is_bot,
                    deleted: p.deleted,
                    described: true,
                    email: p.email,
                    refreshed_at: now,
                }
            }
            None => UserProfile {
                display_name: id.to_string(),
                id,
                tz: default_tz.name().to_string(),
                locale: None,
                is_bot: false,
                deleted: false,
                described: false,
                email: None,
                refreshed_at: now,
            },
        }
    }

    pub fn is_stale(&self, now: DateTime<Utc>) -> bool {
        now - self.refreshed_at >= PROFILE_MAX_AGE
    }

    pub fn reader(&self, default_lang: Lang, default_tz: Tz) -> Reader {
        Reader {
            user: self.id.clone(),
            name: self.display_name.clone(),
            lang: Lang::from_slack_locale(self.locale.as_deref(), default_lang),
            tz: self.tz.parse().unwrap_or(default_tz),
        }
    }
}

/// Whoever a text is rendered for: their language and zone decide how it reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reader {
    pub user: UserId,
    pub name: String,
    pub lang: Lang,
    pub tz: Tz,
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 21, 0, 0, 0).unwrap()
    }

    #[test]
    fn a_user_slack_cannot_describe_gets_the_workspace_defaults() {
        let p = UserProfile::resolve(
            UserId::parse("U1").unwrap(),
            None,
            chrono_tz::Asia::Tokyo,
            now(),
        );
        assert!(!p.described);
        let r = p.reader(Lang::Ja, chrono_tz::Asia::Tokyo);
        assert_eq!((r.lang, r.tz), (Lang::Ja, chrono_tz::Asia::Tokyo));
    }

    #[test]
    fn slack_zone_and_locale_win_and_a_bogus_zone_falls_back() {
        let id = UserId::parse("U1").unwrap();
        let good = DirectoryProfile {
            display_name: "Ann".into(),
            email: None,
            tz: Some("America/New_York".into()),
            locale: Some("en-US".into()),
            is_bot: false,
            deleted: false,
        };
        let r = UserProfile::resolve(
            id.clone(),
            Some(good.clone()),
            chrono_tz::Asia::Tokyo,
            now(),
        )
        .reader(Lang::Ja, chrono_tz::Asia::Tokyo);
        assert_eq!((r.lang, r.tz), (Lang::En, chrono_tz::America::New_York));
        let bogus = DirectoryProfile {
            tz: Some("Nowhere/Else".into()),
            ..good
        };
        let p = UserProfile::resolve(id, Some(bogus), chrono_tz::Asia::Tokyo, now());
        assert_eq!(p.tz, "Asia/Tokyo");
    }

    #[test]
    fn profiles_go_stale_after_a_day() {
        let p = UserProfile::resolve(UserId::parse("U1").unwrap(), None, chrono_tz::UTC, now());
        assert!(!p.is_stale(now() + Duration::hours(23)));
        assert!(p.is_stale(now() + Duration::hours(24)));
    }
}
