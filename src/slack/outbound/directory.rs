//! Who people are, from Slack's `users.info` and `users.lookupByEmail` (the app's
//! `Directory` port).

use async_trait::async_trait;
use slack_morphism::prelude::*;

use super::gateway::{classify, is_code, SlackGateway};
use crate::app::ports::{Directory, PortError};
use crate::domain::{DirectoryProfile, UserId};

#[async_trait]
impl Directory for SlackGateway {
    async fn describe(&self, user: &UserId) -> Result<Option<DirectoryProfile>, PortError> {
        let request = SlackApiUsersInfoRequest::new(user.as_str().into()).with_include_locale(true);
        match self
            .call_raw("users.info", self.session().users_info(&request))
            .await?
        {
            Ok(response) => {
                let u = response.user;
                let profile_name = u.profile.as_ref().and_then(|p| {
                    p.display_name
                        .clone()
                        .filter(|n| !n.trim().is_empty())
                        .or_else(|| p.real_name.clone())
                });
                let email = u
                    .profile
                    .as_ref()
                    .and_then(|p| p.email.as_ref())
                    .map(|e| e.to_string());
                Ok(Some(DirectoryProfile {
                    email,
                    display_name: profile_name.or(u.real_name).or(u.name).unwrap_or_default(),
                    tz: u.tz,
                    locale: u.locale.map(|l| l.to_string()),
                    is_bot: u.flags.is_bot.unwrap_or(false),
                    deleted: u.deleted.unwrap_or(false),
                }))
            }
            Err(e)
                if is_code(
                    &e,
                    &["user_not_found", "users_not_found", "account_inactive"],
                ) =>
            {
                Ok(None)
            }
            Err(e) => Err(classify(e)),
        }
    }

    async fn find_by_email(&self, email: &str) -> Result<Option<UserId>, PortError> {
        let request = SlackApiUsersLookupByEmailRequest::new(email.into());
        match self
            .call_raw(
                "users.lookupByEmail",
                self.session().users_lookup_by_email(&request),
            )
            .await?
        {
            Ok(response) => Ok(UserId::parse(response.user.id.as_ref()).ok()),
            Err(e) if is_code(&e, &["users_not_found", "user_not_found"]) => Ok(None),
            Err(e) => Err(classify(e)),
        }
    }
}
