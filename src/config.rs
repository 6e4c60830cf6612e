//! Configuration from the environment, read in one place into typed values.

use std::fmt;
use std::net::SocketAddr;
use std::path::PathBuf;

use chrono_tz::Tz;

use crate::domain::{Lang, UserId};

/// Slack's public Web API; `SLACK_API_URL` overrides it (tests point it at a loopback fake).
pub const DEFAULT_SLACK_API_URL: &str = "https://slack.com/api";

/// The CJK font survey charts are drawn with: `MENTOR_BOT_CJK_FONT`, or where Debian's
/// `fonts-noto-cjk` puts it (`.ci/run` installs it).
pub fn cjk_font_path() -> PathBuf {
    std::env::var_os("MENTOR_BOT_CJK_FONT")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(crate::app::surveys::chart::DEFAULT_FONT))
}

/// A secret value that never reaches logs or `Debug` output.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

/// Everything the bot needs that does not talk to Slack.
#[derive(Debug, Clone)]
pub struct Settings {
    pub db_path: PathBuf,
    pub addr: SocketAddr,
    pub admins: Vec<UserId>,
    pub default_lang: Lang,
    pub default_tz: Tz,
    /// An unanswered 1on1 request expires after this long.
    pub request_ttl: chrono::Duration,
    /// How long before a confirmed 1on1 each reminder goes out.
    pub reminder_leads: Vec<chrono::Duration>,
}

/// How the bot reaches Slack.
#[derive(Debug, Clone)]
pub struct SlackConfig {
    pub bot_token: Secret,
    /// Verifies HTTP requests; required unless Socket Mode is used.
    pub signing_secret: Option<Secret>,
    /// Socket Mode when set.
    pub app_token: Option<Secret>,
    /// Base URL of the Web API without a trailing slash.
    pub api_url: String,
    /// How many acknowledged requests may wait for their modal at once; past that the bot
    /// answers "busy, try again in a moment" at once (`MENTOR_BOT_MAX_PENDING`).
    pub max_pending: usize,
}

/// `MENTOR_BOT_MAX_PENDING` unless set: well under a second of work at the bot's throughput, so
/// a modal that is accepted opens inside Slack's 3 s, and the outbound calls stay few (each
/// holds a connection and a modal's body: saturated with 64 in flight, 256 opened about 40%
/// more modals per second but peaked at 83 MB instead of 56 MB).
pub const DEFAULT_MAX_PENDING: usize = 64;

impl SlackConfig {
    pub fn socket_mode(&self) -> bool {
        self.app_token.is_some()
    }
}

#[derive(Debug, Clone)]
pub struct Config {
    pub settings: Settings,
    /// Slack, when its credentials are set (a deployment may serve Teams only).
    pub slack: Option<SlackConfig>,
    /// Microsoft Teams beside Slack, when `TEAMS_APP_ID` is set.
    pub teams: Option<TeamsConfig>,
}

/// Microsoft's defaults for a Teams bot; each has a variable so tests can point it at loopback.
pub const DEFAULT_TEAMS_OPENID_METADATA_URL: &str =
    "https://login.botframework.com/v1/.well-known/openidconfiguration";
pub const DEFAULT_TEAMS_ISSUER: &str = "https://api.botframework.com";
pub const DEFAULT_TEAMS_SERVICE_URL_HOSTS: &str =
    "smba.trafficmanager.net,smba.infra.gcc.teams.microsoft.com,smba.infra.gov.teams.microsoft.us";
/// Where files attached in a personal chat are stored (OneDrive / SharePoint).
pub const DEFAULT_TEAMS_FILE_HOSTS: &str = "sharepoint.com,sharepoint-df.com";

/// How the bot reaches Microsoft Teams (an Azure Bot, single-tenant).
#[derive(Debug, Clone)]
pub struct TeamsConfig {
    /// The bot's Microsoft App ID (a GUID): the audience of incoming tokens.
    pub app_id: String,
    pub app_password: Secret,
    pub tenant_id: String,
    pub openid_metadata_url: String,
    pub issuer: String,
    /// Where the bot's own token comes from (client credentials).
    pub token_url: String,
    /// Hosts (`host` or `host:port`) an activity's `serviceUrl` may name.
    pub service_url_hosts: Vec<String>,
    /// `TEAMS_PUBLIC_URL`: the bot's own public base URL, where Teams users download calendar
    /// files (`{url}/teams/files/…`, signed links). Without it, the card says where the file is.
    pub public_url: Option<String>,
    /// `TEAMS_FILE_HOSTS`: host suffixes a file attached to the bot may be downloaded from
    /// (a CSV import); a downloadUrl elsewhere is not fetched.
    pub file_hosts: Vec<String>,
}

impl TeamsConfig {
    /// `None` when no `TEAMS_*` variable is set (Slack only).
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Option<Self>, ConfigError> {
        let get = |k: &str| {
            get(k)
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        let app_id = get("TEAMS_APP_ID");
        let app_password = get("TEAMS_APP_PASSWORD");
        let tenant_id = get("TEAMS_TENANT_ID");
        if app_id.is_none() && app_password.is_none() && tenant_id.is_none() {
            return Ok(None);
        }
        let guid = |var: &'static str, v: Option<String>, what: &'static str| {
            let v = v.ok_or(ConfigError::Missing(var, what))?;
            let hex: String = v.chars().filter(|c| *c != '-').collect();
            if hex.len() == 32 && hex.chars().all(|c| c.is_ascii_hexdigit()) {
                Ok(v)
            } else {
                Err(ConfigError::Invalid {
                    var,
                    problem: format!("{v:?}"),
                    expected: "a GUID such as 00000000-0000-0000-0000-000000000000",
                })
            }
        };
        let app_id = guid(
            "TEAMS_APP_ID",
            app_id,
            "expected the Microsoft App ID of your Azure Bot (\"Configuration\" page)",
        )?;
        let tenant_id = guid(
            "TEAMS_TENANT_ID",
            tenant_id,
            "expected your Microsoft Entra tenant id (the bot is single-tenant)",
        )?;
        let app_password = app_password.ok_or(ConfigError::Missing(
            "TEAMS_APP_PASSWORD",
            "expected a client secret of the bot's app registration (\"Certificates & secrets\")",
        ))?;
        let url = |var: &'static str, default: String| -> Result<String, ConfigError> {
            let v = get(var).unwrap_or(default);
            if v.starts_with("https://") || v.starts_with("http://") {
                Ok(v)
            } else {
                Err(ConfigError::Invalid {
                    var,
                    problem: format!("{v:?}"),
                    expected: "an http(s) URL",
                })
            }
        };
        let openid_metadata_url = url(
            "TEAMS_OPENID_METADATA_URL",
            DEFAULT_TEAMS_OPENID_METADATA_URL.into(),
        )?;
        let token_url = url(
            "TEAMS_TOKEN_URL",
            format!("https://login.microsoftonline.com/{tenant_id}/oauth2/v2.0/token"),
        )?;
        let issuer = get("TEAMS_ISSUER").unwrap_or_else(|| DEFAULT_TEAMS_ISSUER.into());
        let service_url_hosts = get("TEAMS_SERVICE_URL_HOSTS")
            .unwrap_or_else(|| DEFAULT_TEAMS_SERVICE_URL_HOSTS.into())
            .split(',')
            .map(|h| h.trim().to_ascii_lowercase())
            .filter(|h| !h.is_empty())
            .collect();
        let public_url = match get("TEAMS_PUBLIC_URL") {
            Some(v) => Some(
                url("TEAMS_PUBLIC_URL", v)?
                    .trim_end_matches('/')
                    .to_string(),
            ),
            None => None,
        };
        let file_hosts = get("TEAMS_FILE_HOSTS")
            .unwrap_or_else(|| DEFAULT_TEAMS_FILE_HOSTS.into())
            .split(',')
            .map(|h| h.trim().trim_start_matches('.').to_ascii_lowercase())
            .filter(|h| !h.is_empty())
            .collect();
        Ok(Some(Self {
            app_id,
            app_password: Secret::new(app_password),
            tenant_id,
            openid_metadata_url,
            issuer,
            token_url,
            service_url_hosts,
            public_url,
            file_hosts,
        }))
    }
}

/// A configuration problem, phrased as the one line the operator needs.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ConfigError {
    #[error("{var} is {problem}: expected {expected}")]
    Invalid {
        var: &'static str,
        problem: String,
        expected: &'static str,
    },
    #[error(
        "no Slack credentials: set SLACK_BOT_TOKEN (the Bot User OAuth Token, xoxb-…, on your \
         Slack app's \"OAuth & Permissions\" page) and either SLACK_SIGNING_SECRET (\"Basic \
         Information\" → App Credentials) for HTTP mode, or SLACK_APP_TOKEN (xapp-…, \"Basic \
         Information\" → App-Level Tokens, scope connections:write) for Socket Mode; or, for \
         Microsoft Teams, TEAMS_APP_ID, TEAMS_APP_PASSWORD and TEAMS_TENANT_ID; see README.md"
    )]
    NoCredentials,
    #[error("{0} is not set: {1}")]
    Missing(&'static str, &'static str),
}

impl Config {
    /// Reads the whole configuration from the process environment.
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|k| std::env::var(k).ok())
    }

    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let settings = Settings::from_lookup(&get)?;
        let teams = TeamsConfig::from_lookup(&get)?;
        // No Slack credentials is fine when Teams is configured: a Teams-only deployment.
        let slack = match SlackConfig::from_lookup(&get) {
            Ok(slack) => Some(slack),
            Err(ConfigError::NoCredentials) if teams.is_some() => None,
            Err(e) => return Err(e),
        };
        Ok(Self {
            settings,
            slack,
            teams,
        })
    }
}

impl Settings {
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|k| std::env::var(k).ok())
    }

    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let get = |k: &str| {
            get(k)
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        let db_path =
            PathBuf::from(get("MENTOR_BOT_DB").unwrap_or_else(|| "./mentor-bot.db".into()));
        let addr = match get("MENTOR_BOT_ADDR") {
            None => SocketAddr::from(([127, 0, 0, 1], 3000)),
            Some(v) => v.parse().map_err(|_| ConfigError::Invalid {
                var: "MENTOR_BOT_ADDR",
                problem: format!("{v:?}"),
                expected: "an IP address and port such as 127.0.0.1:3000 or 0.0.0.0:8080",
            })?,
        };
        let admins = match get("MENTOR_BOT_ADMINS") {
            None => Vec::new(),
            Some(v) => v
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|s| {
                    // A Slack user id, or a Teams person's Entra object id (a GUID).
                    UserId::parse(s)
                        .or_else(|_| UserId::teams(s))
                        .map_err(|_| ConfigError::Invalid {
                            var: "MENTOR_BOT_ADMINS",
                            problem: format!("{s:?} is neither a Slack user id nor an Entra object id"),
                            expected: "comma-separated Slack user ids (U012ABCDEF) or, for Teams, Entra object ids (GUIDs)",
                        })
                })
                .collect::<Result<_, _>>()?,
        };
        let default_lang = match get("MENTOR_BOT_DEFAULT_LOCALE") {
            None => Lang::Ja,
            Some(v) => Lang::parse(&v).ok_or(ConfigError::Invalid {
                var: "MENTOR_BOT_DEFAULT_LOCALE",
                problem: format!("{v:?}"),
                expected: "ja or en",
            })?,
        };
        let default_tz = match get("MENTOR_BOT_DEFAULT_TZ") {
            None => chrono_tz::Asia::Tokyo,
            Some(v) => v.parse::<Tz>().map_err(|_| ConfigError::Invalid {
                var: "MENTOR_BOT_DEFAULT_TZ",
                problem: format!("{v:?}"),
                expected: "an IANA time zone name such as Asia/Tokyo or America/New_York",
            })?,
        };
        let request_ttl = match get("MENTOR_BOT_REQUEST_TTL_HOURS") {
            None => chrono::Duration::hours(48),
            Some(v) => v
                .parse::<i64>()
                .ok()
                .filter(|h| (1..=24 * 14).contains(h))
                .map(chrono::Duration::hours)
                .ok_or(ConfigError::Invalid {
                    var: "MENTOR_BOT_REQUEST_TTL_HOURS",
                    problem: format!("{v:?}"),
                    expected: "a whole number of hours from 1 to 336",
                })?,
        };
        let reminder_leads = match get("MENTOR_BOT_REMINDERS") {
            None => vec![chrono::Duration::days(1), chrono::Duration::minutes(10)],
            Some(v) => crate::domain::booking::parse_leads(&v).ok_or(ConfigError::Invalid {
                var: "MENTOR_BOT_REMINDERS",
                problem: format!("{v:?}"),
                expected: "comma-separated lead times with d, h or m, such as 1d,10m",
            })?,
        };
        Ok(Self {
            db_path,
            addr,
            admins,
            default_lang,
            default_tz,
            request_ttl,
            reminder_leads,
        })
    }
}

impl SlackConfig {
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let get = |k: &str| {
            get(k)
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        let bot_token = get("SLACK_BOT_TOKEN");
        let signing_secret = get("SLACK_SIGNING_SECRET");
        let app_token = get("SLACK_APP_TOKEN");
        if bot_token.is_none() && signing_secret.is_none() && app_token.is_none() {
            return Err(ConfigError::NoCredentials);
        }
        let bot_token = bot_token.ok_or(ConfigError::Missing(
            "SLACK_BOT_TOKEN",
            "expected the Bot User OAuth Token (xoxb-…) from your Slack app's \"OAuth & Permissions\" page",
        ))?;
        if !bot_token.starts_with("xoxb-") {
            return Err(ConfigError::Invalid {
                var: "SLACK_BOT_TOKEN",
                problem: "not a bot token".into(),
                expected: "a Bot User OAuth Token starting with xoxb-",
            });
        }
        if let Some(app) = &app_token {
            if !app.starts_with("xapp-") {
                return Err(ConfigError::Invalid {
                    var: "SLACK_APP_TOKEN",
                    problem: "not an app-level token".into(),
                    expected: "an app-level token starting with xapp- (scope connections:write)",
                });
            }
        } else if signing_secret.is_none() {
            return Err(ConfigError::Missing(
                "SLACK_SIGNING_SECRET",
                "HTTP mode needs the Signing Secret from \"Basic Information\" → App Credentials \
                 (or set SLACK_APP_TOKEN to use Socket Mode instead)",
            ));
        }
        let api_url = get("SLACK_API_URL").unwrap_or_else(|| DEFAULT_SLACK_API_URL.into());
        let api_url = api_url.trim_end_matches('/').to_string();
        if !(api_url.starts_with("https://") || api_url.starts_with("http://")) {
            return Err(ConfigError::Invalid {
                var: "SLACK_API_URL",
                problem: format!("{api_url:?}"),
                expected: "an http(s) URL such as https://slack.com/api",
            });
        }
        let max_pending = match get("MENTOR_BOT_MAX_PENDING") {
            None => DEFAULT_MAX_PENDING,
            Some(v) => v
                .parse()
                .ok()
                .filter(|n| *n > 0)
                .ok_or_else(|| ConfigError::Invalid {
                    var: "MENTOR_BOT_MAX_PENDING",
                    problem: format!("{v:?}"),
                    expected: "a whole number above 0, such as 256",
                })?,
        };
        Ok(Self {
            max_pending,
            bot_token: Secret::new(bot_token),
            signing_secret: signing_secret.map(Secret::new),
            app_token: app_token.map(Secret::new),
            api_url,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn lookup(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |k| map.get(k).cloned()
    }

    #[test]
    fn teams_file_hosts_default_to_sharepoint_and_are_read_as_a_list() {
        let base = [
            ("TEAMS_APP_ID", "3c2b1a09-8f7e-4d6c-9b5a-0123456789ab"),
            ("TEAMS_TENANT_ID", "72f988bf-86f1-41af-91ab-2d7cd011db47"),
            ("TEAMS_APP_PASSWORD", "secret"),
        ];
        let hosts = |extra: &[(&'static str, &'static str)]| {
            let pairs: Vec<_> = base.iter().chain(extra).copied().collect();
            TeamsConfig::from_lookup(lookup(&pairs))
                .unwrap()
                .unwrap()
                .file_hosts
        };
        assert_eq!(hosts(&[]), vec!["sharepoint.com", "sharepoint-df.com"]);
        assert_eq!(
            hosts(&[("TEAMS_FILE_HOSTS", " .Contoso.SharePoint.com, 127.0.0.1 ,")]),
            vec!["contoso.sharepoint.com", "127.0.0.1"]
        );
    }

    #[test]
    fn teams_public_url_is_optional_and_must_be_an_http_url() {
        let base = [
            ("TEAMS_APP_ID", "3c2b1a09-8f7e-4d6c-9b5a-0123456789ab"),
            ("TEAMS_TENANT_ID", "72f988bf-86f1-41af-91ab-2d7cd011db47"),
            ("TEAMS_APP_PASSWORD", "secret"),
        ];
        let teams = |extra: &[(&'static str, &'static str)]| {
            let pairs: Vec<_> = base.iter().chain(extra).copied().collect();
            TeamsConfig::from_lookup(lookup(&pairs))
        };
        assert_eq!(teams(&[]).unwrap().unwrap().public_url, None);
        assert_eq!(
            teams(&[("TEAMS_PUBLIC_URL", "https://bot.contoso.example/")])
                .unwrap()
                .unwrap()
                .public_url
                .as_deref(),
            Some("https://bot.contoso.example")
        );
        let err = teams(&[("TEAMS_PUBLIC_URL", "bot.contoso.example")]).unwrap_err();
        assert!(err.to_string().contains("TEAMS_PUBLIC_URL"), "{err}");
    }

    #[test]
    fn defaults_apply_when_nothing_but_credentials_is_set() {
        let c = Config::from_lookup(lookup(&[
            ("SLACK_BOT_TOKEN", "xoxb-1"),
            ("SLACK_SIGNING_SECRET", "s"),
        ]))
        .unwrap();
        assert_eq!(c.settings.db_path, PathBuf::from("./mentor-bot.db"));
        assert_eq!(c.settings.addr.to_string(), "127.0.0.1:3000");
        assert_eq!(c.settings.default_lang, Lang::Ja);
        assert_eq!(c.settings.default_tz, chrono_tz::Asia::Tokyo);
        assert_eq!(c.slack.as_ref().unwrap().api_url, DEFAULT_SLACK_API_URL);
        assert!(!c.slack.as_ref().unwrap().socket_mode());
    }

    #[test]
    fn no_credentials_at_all_says_what_to_set() {
        let err = Config::from_lookup(lookup(&[])).unwrap_err();
        assert_eq!(err, ConfigError::NoCredentials);
        let text = err.to_string();
        assert!(text.contains("SLACK_BOT_TOKEN") && text.contains("SLACK_APP_TOKEN"));
    }

    #[test]
    fn a_malformed_value_names_the_variable_and_what_it_expects() {
        let cases = [
            ("MENTOR_BOT_ADDR", "localhost", "MENTOR_BOT_ADDR"),
            ("MENTOR_BOT_DEFAULT_TZ", "Mars/Olympus", "IANA"),
            ("MENTOR_BOT_DEFAULT_LOCALE", "fr", "ja or en"),
            ("MENTOR_BOT_ADMINS", "U123, not an id", "Slack user id"),
            ("SLACK_API_URL", "slack.com/api", "http(s) URL"),
            (
                "MENTOR_BOT_REQUEST_TTL_HOURS",
                "two days",
                "hours from 1 to 336",
            ),
            ("MENTOR_BOT_REMINDERS", "the day before", "such as 1d,10m"),
            ("MENTOR_BOT_MAX_PENDING", "0", "a whole number above 0"),
        ];
        for (var, value, expected) in cases {
            let err = Config::from_lookup(lookup(&[
                ("SLACK_BOT_TOKEN", "xoxb-1"),
                ("SLACK_SIGNING_SECRET", "s"),
                (var, value),
            ]))
            .unwrap_err()
            .to_string();
            assert!(err.starts_with(var), "{err}");
            assert!(err.contains(expected), "{err}");
        }
    }

    #[test]
    fn socket_mode_needs_no_signing_secret_but_http_mode_does() {
        let socket = Config::from_lookup(lookup(&[
            ("SLACK_BOT_TOKEN", "xoxb-1"),
            ("SLACK_APP_TOKEN", "xapp-1"),
        ]))
        .unwrap();
        assert!(socket.slack.unwrap().socket_mode());
        let err = Config::from_lookup(lookup(&[("SLACK_BOT_TOKEN", "xoxb-1")])).unwrap_err();
        assert!(err.to_string().starts_with("SLACK_SIGNING_SECRET"));
        let err = Config::from_lookup(lookup(&[
            ("SLACK_BOT_TOKEN", "xoxp-user"),
            ("SLACK_SIGNING_SECRET", "s"),
        ]))
        .unwrap_err();
        assert!(err.to_string().contains("xoxb-"));
    }

    #[test]
    fn admins_are_parsed_and_secrets_are_not_printed() {
        let c = Config::from_lookup(lookup(&[
            ("SLACK_BOT_TOKEN", "xoxb-secret-value"),
            ("SLACK_SIGNING_SECRET", "very-secret"),
            ("MENTOR_BOT_ADMINS", " U01ABC , W02DEF ,"),
            ("SLACK_API_URL", "http://127.0.0.1:9/api/"),
        ]))
        .unwrap();
        assert_eq!(c.settings.admins.len(), 2);
        assert_eq!(c.slack.as_ref().unwrap().api_url, "http://127.0.0.1:9/api");
        let debug = format!("{c:?}");
        assert!(!debug.contains("secret-value") && !debug.contains("very-secret"));
    }

    #[test]
    fn teams_is_off_without_its_variables_and_needs_all_three() {
        let slack = [("SLACK_BOT_TOKEN", "xoxb-1"), ("SLACK_SIGNING_SECRET", "s")];
        let c = Config::from_lookup(lookup(&slack)).unwrap();
        assert!(c.teams.is_none());
        let app = ("TEAMS_APP_ID", "3c2b1a09-8f7e-4d6c-9b5a-0123456789ab");
        let tenant = ("TEAMS_TENANT_ID", "72f988bf-86f1-41af-91ab-2d7cd011db47");
        let password = ("TEAMS_APP_PASSWORD", "secret");
        let err = Config::from_lookup(lookup(&[slack[0], slack[1], app, tenant])).unwrap_err();
        assert!(
            matches!(err, ConfigError::Missing("TEAMS_APP_PASSWORD", _)),
            "{err}"
        );
        let err = Config::from_lookup(lookup(&[slack[0], slack[1], app, password])).unwrap_err();
        assert!(
            matches!(err, ConfigError::Missing("TEAMS_TENANT_ID", _)),
            "{err}"
        );
        let bad = ("TEAMS_APP_ID", "my-bot");
        let err =
            Config::from_lookup(lookup(&[slack[0], slack[1], bad, tenant, password])).unwrap_err();
        assert!(err.to_string().contains("TEAMS_APP_ID"), "{err}");
        let c = Config::from_lookup(lookup(&[slack[0], slack[1], app, tenant, password])).unwrap();
        let teams = c.teams.unwrap();
        assert_eq!(teams.openid_metadata_url, DEFAULT_TEAMS_OPENID_METADATA_URL);
        assert_eq!(teams.issuer, DEFAULT_TEAMS_ISSUER);
        assert_eq!(
            teams.token_url,
            "https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/oauth2/v2.0/token"
        );
        assert!(teams
            .service_url_hosts
            .contains(&"smba.trafficmanager.net".to_string()));
        assert_eq!(format!("{:?}", teams.app_password), "Secret(***)");
        // A Teams admin is named by their Entra object id.
        let admin = (
            "MENTOR_BOT_ADMINS",
            "U012ABCDEF, 0b7e3c1a-5d2f-4e8a-9c6b-1a2b3c4d5e6f",
        );
        let c = Config::from_lookup(lookup(&[app, tenant, password, admin])).unwrap();
        assert_eq!(
            c.settings.admins,
            [
                UserId::parse("U012ABCDEF").unwrap(),
                UserId::teams("0b7e3c1a-5d2f-4e8a-9c6b-1a2b3c4d5e6f").unwrap()
            ]
        );
        // Teams alone is a deployment too; nothing at all is still "no credentials".
        let c = Config::from_lookup(lookup(&[app, tenant, password])).unwrap();
        assert!(c.slack.is_none() && c.teams.is_some());
        let err = Config::from_lookup(lookup(&[])).unwrap_err();
        assert_eq!(err, ConfigError::NoCredentials);
    }
}
