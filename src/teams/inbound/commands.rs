//! What people type in the personal chat: the same words as `/mentor …` in Slack (`help`,
//! `find 育休`, `hours`, `home`, in Japanese too), answered with a card in the chat.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::{Reply, Sender, TeamsState};
use crate::app::actions::FindCtx;
use crate::app::errors::{Message, MessageArg, UserError};
use crate::domain::{Command, SubCommand};
use crate::teams::activity::Activity;
use crate::teams::cards;

/// Sends `card` into the conversation the activity came from.
pub(super) async fn reply(
    state: &TeamsState,
    activity: &Activity,
    card: Value,
) -> anyhow::Result<()> {
    let mut message = cards::message(card);
    if let Some(id) = &activity.id {
        message["replyToId"] = Value::String(id.clone());
    }
    state
        .connector
        .send(&activity.service_url, &activity.conversation.id, &message)
        .await
        .map_err(|e| anyhow::anyhow!("reply in Teams: {e}"))?;
    Ok(())
}

pub(super) async fn on_text(
    state: &Arc<TeamsState>,
    activity: &Activity,
    sender: &Sender,
    now: DateTime<Utc>,
) -> anyhow::Result<Reply> {
    let text = activity.command_text();
    // "/mentor find x" pasted from Slack habits works too.
    let text = text
        .strip_prefix("/mentor")
        .or_else(|| text.strip_prefix("mentor "))
        .unwrap_or(&text);
    let card = match Command::parse(text) {
        Command::Run {
            sub: SubCommand::Help,
            ..
        } => cards::help(
            &state.app.help_screen(&sender.user, now).await?,
            &sender.reader,
        ),
        Command::Run {
            sub: SubCommand::Home,
            ..
        } => {
            // `home` posts the Home card at the bottom of the chat; from then on the bot
            // refreshes that card in place when something on it changes (the outbox's Home rows).
            let screen = state.app.home_screen(&sender.user, now).await?;
            let mut message = cards::message(home_card(&state.app, &screen).await?);
            if let Some(id) = &activity.id {
                message["replyToId"] = Value::String(id.clone());
            }
            let posted = state
                .connector
                .send(&activity.service_url, &activity.conversation.id, &message)
                .await
                .map_err(|e| anyhow::anyhow!("post the Home card: {e}"))?;
            state.app.remember_teams_home(&sender.user, &posted).await?;
            return Ok(Reply::Empty);
        }
        Command::Run {
            sub: SubCommand::Find,
            args,
        } => {
            let search = FindCtx {
                words: args,
                ..FindCtx::default()
            };
            let screen = state
                .app
                .find_with_results(&sender.user, search, now)
                .await?;
            find_card(state, &screen, sender).await?
        }
        Command::Run {
            sub: SubCommand::Hours,
            ..
        } => match state.app.hours_screen(&sender.user, now).await {
            // A message cannot open a dialog: a card with the button that does.
            Ok(_) => cards::kit::card(
                vec![cards::kit::heading(crate::i18n::t(
                    sender.reader.lang,
                    "hours-title-plain",
                ))],
                vec![cards::kit::action_button(
                    sender.reader.lang,
                    &crate::app::actions::Action::Mentor(crate::app::actions::MentorAction::Hours),
                )],
            ),
            Err(crate::app::mentor::MentorError::Internal(e)) => return Err(e),
            Err(e) => cards::notice(&e.message(), &sender.reader),
        },
        Command::Run {
            sub: SubCommand::History,
            args,
        } => super::memo::history(state, sender, &args, now).await?,
        Command::Run {
            sub: SubCommand::Survey,
            args,
        } => super::survey::survey_command(state, sender, &args, now).await?,
        Command::Run {
            sub: SubCommand::Nudges,
            args,
        } => super::survey::nudges_command(state, sender, &args, now).await?,
        Command::Run {
            sub: sub @ (SubCommand::Insight | SubCommand::Stats),
            ..
        } => super::insight::command(state, sender, sub, now).await?,
        Command::Run {
            sub: SubCommand::Admin,
            ..
        } => super::admin::command(state, sender).await?,
        Command::Unknown { word, suggestion } => {
            let message = match suggestion {
                Some(s) => Message::new("teams-unknown-command-suggest")
                    .with("word", MessageArg::Text(word))
                    .with("suggestion", MessageArg::Text(s.word().into())),
                None => Message::new("teams-unknown-command").with("word", MessageArg::Text(word)),
            };
            cards::notice(&message, &sender.reader)
        }
    };
    reply(state, activity, card).await?;
    Ok(Reply::Empty)
}

/// The find form and results, mentors written by name.
pub(super) async fn find_card(
    state: &TeamsState,
    screen: &crate::app::screens::FindResultsScreen,
    sender: &Sender,
) -> anyhow::Result<Value> {
    let mentors = screen
        .results
        .cards
        .iter()
        .map(|c| c.card.mentor.clone())
        .collect();
    let names = state.app.display_names(mentors).await?;
    Ok(cards::find_results_with(screen, &sender.reader, &names))
}

/// The Home card, people written by name.
pub(super) async fn home_card(
    app: &crate::app::App,
    screen: &crate::app::screens::HomeScreen,
) -> anyhow::Result<Value> {
    let names = app.display_names(home_people(screen)).await?;
    Ok(cards::home_with(screen, &screen.reader, &names))
}

/// Everyone a Home names: the other side of each 1on1 listed.
pub fn home_people(screen: &crate::app::screens::HomeScreen) -> Vec<crate::domain::UserId> {
    let ones = &screen.one_on_ones;
    ones.waiting
        .iter()
        .chain(&ones.upcoming)
        .map(|o| o.other.clone())
        .collect()
}
