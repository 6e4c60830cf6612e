//! Surveys and nudges in Teams: the survey card's Answer opens the answer dialog (required
//! questions enforced with field errors, answers editable while the run is open), `survey
//! on|off` / `アンケート オン|オフ`, `nudges on|off` and the nudge buttons. The use cases
//! check that the run was sent to this person and is still open.

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::actions::{dialog, dialog_message, text};
use super::{Reply, Sender, TeamsState};
use crate::app::errors::{Message, UserError};
use crate::app::surveys::SurveyError;
use crate::i18n::{format_datetime, t, t_args};
use crate::teams::cards;

fn closed(sender: &Sender, e: SurveyError) -> anyhow::Result<Reply> {
    match e {
        SurveyError::Internal(e) => Err(e),
        e => Ok(dialog_message(text(sender, &e.message()))),
    }
}

/// The survey card's Answer: the answer dialog with the person's earlier answers.
pub(super) async fn answer(
    state: &TeamsState,
    sender: &Sender,
    run: i64,
    errors: &[(&str, Message)],
    now: DateTime<Utc>,
) -> anyhow::Result<Reply> {
    match state.app.survey_answer_screen(&sender.user, run, now).await {
        Ok(screen) => Ok(dialog(
            &t(sender.reader.lang, "survey-answer-title-plain"),
            cards::survey_answer_dialog(&screen, &sender.reader, errors),
        )),
        Err(e) => closed(sender, e),
    }
}

/// The answer dialog submitted: saved (replacing earlier answers), or the dialog again with
/// each missing answer marked.
pub(super) async fn submit(
    state: &TeamsState,
    sender: &Sender,
    run: i64,
    data: &Value,
    now: DateTime<Utc>,
) -> anyhow::Result<Reply> {
    let app = &state.app;
    let screen = match app.survey_answer_screen(&sender.user, run, now).await {
        Ok(screen) => screen,
        Err(e) => return closed(sender, e),
    };
    let value = |id: &str| match data.get(id) {
        Some(Value::String(s)) => s.trim().to_string(),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    };
    let answers: Vec<(i64, String)> = screen
        .questions
        .iter()
        .map(|q| (q.id, value(&cards::survey_question_input(q.id))))
        .collect();
    let growth = Some(value(cards::SURVEY_GROWTH)).filter(|g| !g.is_empty());
    match app
        .answer_survey(&sender.user, run, growth.as_deref(), &answers, now)
        .await
    {
        Ok(()) => {
            let reader = &sender.reader;
            let closes = format_datetime(reader.lang, screen.closes_at.with_timezone(&reader.tz));
            Ok(dialog_message(t_args(
                reader.lang,
                "survey-answered",
                &[("closes", &closes)],
            )))
        }
        Err(SurveyError::Missing(missing)) => {
            let ids: Vec<String> = missing
                .iter()
                .map(|q| match q {
                    Some(id) => cards::survey_question_input(*id),
                    None => cards::SURVEY_GROWTH.to_string(),
                })
                .collect();
            let errors: Vec<(&str, Message)> = ids
                .iter()
                .map(|id| (id.as_str(), Message::new("survey-answer-required")))
                .collect();
            answer(state, sender, run, &errors, now).await
        }
        Err(e) => closed(sender, e),
    }
}

/// `on` / `off` in English or Japanese; `None` for nothing, `Err` for anything else.
fn switch(args: &str) -> Result<Option<bool>, ()> {
    match args.trim().to_lowercase().as_str() {
        "on" | "オン" => Ok(Some(true)),
        "off" | "オフ" => Ok(Some(false)),
        "" => Ok(None),
        _ => Err(()),
    }
}

/// `survey [on|off]`: surveys sent to everyone who opted in, on or off (or which it is).
pub(super) async fn survey_command(
    state: &TeamsState,
    sender: &Sender,
    args: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<Value> {
    let app = &state.app;
    let key = match switch(args) {
        Err(()) => "teams-more-survey-usage",
        Ok(wanted) => {
            let on = match wanted {
                Some(on) => {
                    app.set_survey_opt_in(&sender.user, on, now).await?;
                    on
                }
                None => app.survey_opted_in(&sender.user).await?,
            };
            if on {
                "teams-more-survey-now-on"
            } else {
                "teams-more-survey-now-off"
            }
        }
    };
    Ok(cards::notice(&Message::new(key), &sender.reader))
}

/// `nudges [on|off]`, or the nudge buttons: turns them on or off (or says which they are).
pub(super) async fn nudges(
    state: &TeamsState,
    sender: &Sender,
    wanted: Option<bool>,
    now: DateTime<Utc>,
) -> anyhow::Result<Value> {
    let app = &state.app;
    let on = match wanted {
        Some(on) => {
            app.set_nudges(&sender.user, on, now).await?;
            on
        }
        None => app.nudges_on(&sender.user).await?,
    };
    let key = if on {
        "nudges-now-on"
    } else {
        "teams-more-nudges-now-off"
    };
    Ok(cards::notice(&Message::new(key), &sender.reader))
}

/// `nudges …` typed in the chat.
pub(super) async fn nudges_command(
    state: &TeamsState,
    sender: &Sender,
    args: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<Value> {
    match switch(args) {
        Ok(wanted) => nudges(state, sender, wanted, now).await,
        Err(()) => Ok(cards::notice(
            &Message::new("teams-more-nudges-usage"),
            &sender.reader,
        )),
    }
}
