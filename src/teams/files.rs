//! Calendar files for Teams users, by signed link: Teams' personal chats with a bot take no
//! file uploads, so an invite DM carries a Download button to `GET /teams/files/{token}`.
//! The token names the 1on1 and the person and when it stops working, signed with HMAC-SHA256
//! under a key derived from `TEAMS_APP_PASSWORD`; the file is read from the database when the
//! link is opened (a cancelled 1on1 gives the cancellation), and anything else is a 404.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use chrono::{DateTime, Utc};
use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::app::App;
use crate::domain::UserId;

type HmacSha256 = Hmac<Sha256>;

/// What a link's key is derived for (a new purpose gets a new key from the same secret).
const PURPOSE: &[u8] = b"mentor-bot teams calendar files v1";

/// Makes and checks download links.
#[derive(Clone)]
pub struct FileLinks {
    key: [u8; 32],
    /// `TEAMS_PUBLIC_URL`, without a trailing slash.
    base: String,
}

impl FileLinks {
    pub fn new(public_url: &str, app_password: &str) -> Self {
        let mut mac = HmacSha256::new_from_slice(app_password.as_bytes()).expect("any key length");
        mac.update(PURPOSE);
        Self {
            key: mac.finalize().into_bytes().into(),
            base: public_url.trim_end_matches('/').to_string(),
        }
    }

    fn mac(&self, payload: &str) -> HmacSha256 {
        let mut mac = HmacSha256::new_from_slice(&self.key).expect("any key length");
        mac.update(payload.as_bytes());
        mac
    }

    /// `{id}.{user}.{expires (unix seconds)}.{signature (hex)}`.
    pub fn token(&self, one_on_one: i64, user: &UserId, expires: DateTime<Utc>) -> String {
        let payload = format!("{one_on_one}.{user}.{}", expires.timestamp());
        let signature = hex::encode(self.mac(&payload).finalize().into_bytes());
        format!("{payload}.{signature}")
    }

    /// The download link of 1on1 `one_on_one`'s calendar file for `user`, until `expires`.
    pub fn link(&self, one_on_one: i64, user: &UserId, expires: DateTime<Utc>) -> String {
        format!(
            "{}/teams/files/{}",
            self.base,
            self.token(one_on_one, user, expires)
        )
    }

    /// The 1on1 and person a token names, if it is ours (checked in constant time) and has
    /// not expired at `now`.
    pub fn check(&self, token: &str, now: DateTime<Utc>) -> Option<(i64, UserId)> {
        let (payload, signature) = token.rsplit_once('.')?;
        let signature = hex::decode(signature).ok()?;
        self.mac(payload).verify_slice(&signature).ok()?;
        let mut parts = payload.split('.');
        let (id, user, expires) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() {
            return None;
        }
        let expires = DateTime::from_timestamp(expires.parse().ok()?, 0)?;
        if expires <= now {
            return None;
        }
        Some((id.parse().ok()?, UserId::parse(user).ok()?))
    }
}

struct FilesState {
    app: App,
    links: FileLinks,
    clock: fn() -> DateTime<Utc>,
}

/// `GET /teams/files/{token}`.
pub fn router(app: App, links: FileLinks, clock: fn() -> DateTime<Utc>) -> Router {
    Router::new()
        .route("/teams/files/{token}", get(on_get))
        .with_state(Arc::new(FilesState { app, links, clock }))
}

async fn on_get(State(state): State<Arc<FilesState>>, Path(token): Path<String>) -> Response {
    let now = (state.clock)();
    let Some((one_on_one, user)) = state.links.check(&token, now) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    match state.app.calendar_file(one_on_one, &user, now).await {
        Ok(Some((file_name, ics))) => (
            [
                (
                    header::CONTENT_TYPE,
                    "text/calendar; charset=utf-8".to_string(),
                ),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{file_name}\""),
                ),
                (header::CACHE_CONTROL, "no-store".to_string()),
            ],
            ics,
        )
            .into_response(),
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(e) => {
            tracing::error!(error = ?e, "could not make a calendar file");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone};

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 1, 0, 0, 0).unwrap()
    }

    #[test]
    fn a_token_names_its_1on1_and_person_until_it_expires_and_no_other_key_or_edit_passes() {
        let links = FileLinks::new("https://bot.example/", "secret");
        let user = UserId::parse("UEN").unwrap();
        let token = links.token(42, &user, now() + Duration::days(3));
        assert_eq!(links.check(&token, now()), Some((42, user.clone())));
        assert_eq!(
            links.link(42, &user, now() + Duration::days(3)),
            format!("https://bot.example/teams/files/{token}")
        );
        // Expired.
        assert_eq!(links.check(&token, now() + Duration::days(3)), None);
        // Another secret's key.
        assert_eq!(FileLinks::new("x", "other").check(&token, now()), None);
        // Another 1on1, or the expiry pushed out, with the same signature.
        let signature = token.rsplit_once('.').unwrap().1;
        let later = (now() + Duration::days(30)).timestamp();
        for forged in [
            format!(
                "43.UEN.{}.{signature}",
                (now() + Duration::days(3)).timestamp()
            ),
            format!("42.UEN.{later}.{signature}"),
            "42.UEN".to_string(),
            String::new(),
        ] {
            assert_eq!(links.check(&forged, now()), None, "{forged}");
        }
    }
}
