//! Roles from the Teams console: the dialog granting admin or advisor to a person named by
//! email, and revoking a holder's role from it.

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::super::{Reply, Sender, TeamsState};
use super::{actor, input, keyed, refused_dialog, unknown};
use crate::app::errors::{Message, MessageArg};
use crate::app::forms::RoleInput;
use crate::app::screens::role_granted;
use crate::teams::cards::{self, admin as views};

/// The roles dialog, with what the last grant did, the address typed and the field errors.
pub(super) async fn dialog(
    state: &TeamsState,
    sender: &Sender,
    flash: Option<Message>,
    email: &str,
    errors: &[(&str, Message)],
) -> anyhow::Result<Reply> {
    let screen = match state.app.roles_screen(&actor(sender), flash).await {
        Ok(screen) => screen,
        Err(e) => return refused_dialog(sender, e),
    };
    let mut people: Vec<_> = screen.holders.iter().map(|h| h.user.clone()).collect();
    if let Some(flash) = &screen.flash {
        people.extend(flash.args.iter().filter_map(|(_, arg)| match arg {
            MessageArg::User(user) => Some(user.clone()),
            _ => None,
        }));
    }
    let names = state.app.display_names(people).await?;
    let errors = cards::kit::error_texts(&sender.reader, errors);
    let card = views::roles_dialog(&screen, &sender.reader, &names, email, &errors);
    let title = crate::i18n::t(sender.reader.lang, "roles-title-plain");
    Ok(super::super::actions::dialog(&title, card))
}

/// The roles dialog submitted: the role granted to the person behind the address, then the
/// dialog again saying so; or the dialog with the address's error.
pub(super) async fn submit(
    state: &TeamsState,
    sender: &Sender,
    data: &Value,
    now: DateTime<Utc>,
) -> anyhow::Result<Reply> {
    let (app, who) = (&state.app, actor(sender));
    let typed = input(data, views::inputs::EMAIL);
    // One person: the address as typed (several would be one unknown address).
    let list: Vec<String> = Some(typed.clone())
        .filter(|t| !t.is_empty())
        .into_iter()
        .collect();
    let found = match app.people_by_email(&who, &list).await {
        Ok(found) => found,
        Err(e) => return refused_dialog(sender, e),
    };
    if !found.unknown.is_empty() {
        let errors = [(views::inputs::EMAIL, unknown(&found.unknown))];
        return dialog(state, sender, None, &typed, &errors).await;
    }
    let chosen = RoleInput {
        user: found.found.into_iter().next(),
        role: Some(input(data, views::inputs::ROLE)).filter(|r| !r.is_empty()),
    };
    let (user, role) = match chosen.validate() {
        Ok(chosen) => chosen,
        Err(errors) => return dialog(state, sender, None, &typed, &keyed(errors)).await,
    };
    match app.grant_role(&who, user.clone(), role, now).await {
        Ok(granted) => {
            let flash = role_granted(&user, role, granted);
            dialog(state, sender, Some(flash), "", &[]).await
        }
        Err(e) => refused_dialog(sender, e),
    }
}
