//! People's names for renderers that cannot look them up: Slack writes its own users as
//! `<@U…>` mentions, but a Teams colleague (a mentee who booked a Slack mentor, say) has no
//! Slack id, so Slack shows their name; Teams cards show everyone by name. Filled when a Teams
//! person is remembered (and at start-up from `teams_people`) and when the Teams messenger
//! renders a DM naming people (from `users`).

use std::collections::HashMap;
use std::sync::{OnceLock, RwLock};

use crate::domain::{Platform, UserId};

fn registry() -> &'static RwLock<HashMap<UserId, String>> {
    static NAMES: OnceLock<RwLock<HashMap<UserId, String>>> = OnceLock::new();
    NAMES.get_or_init(Default::default)
}

/// Remembers someone's display name.
pub fn remember(user: &UserId, name: &str) {
    if name.trim().is_empty() {
        return;
    }
    let mut names = registry().write().unwrap_or_else(|e| e.into_inner());
    if names.get(user).map(String::as_str) != Some(name) {
        names.insert(user.clone(), name.to_string());
    }
}

/// A Teams person's name, if the bot has seen them.
pub fn teams_name(user: &UserId) -> Option<String> {
    (user.platform() == Platform::Teams)
        .then(|| name_of(user))
        .flatten()
}

/// Anyone's name, if the bot has seen it.
pub fn name_of(user: &UserId) -> Option<String> {
    registry()
        .read()
        .unwrap_or_else(|e| e.into_inner())
        .get(user)
        .cloned()
}
