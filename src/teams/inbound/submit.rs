//! A dialog's submit (`task/submit`), or a form submitted from a card in the chat: the
//! request, the hours, and the forms of the other modules (after the 1on1, memos, surveys).
//! A button pressed inside a dialog carries an action instead, and answers like `task/fetch`.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::actions::{dialog, dialog_message, on_task_fetch, request_dialog, text};
use super::{Reply, Sender, TeamsState};
use crate::app::actions::{BookingForm, Form, MentorForm, SurveyForm};
use crate::app::booking::BookingError;
use crate::app::errors::{request_field_message, Message, UserError};
use crate::app::forms::{HoursField, HoursInput};
use crate::app::screens::{Entered, Redraw};
use crate::domain::booking::{RequestDraft, RequestField};
use crate::teams::cards;

fn input(data: &Value, id: &str) -> String {
    match data.get(id) {
        Some(Value::String(s)) => s.trim().to_string(),
        Some(Value::Bool(b)) => b.to_string(),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    }
}

fn choice(data: &Value, id: &str) -> Option<String> {
    Some(input(data, id)).filter(|s| !s.is_empty())
}

/// A slot's value as the form sent it: Unix seconds, or an RFC 3339 instant.
fn slot_seconds(value: Option<String>) -> Option<String> {
    let value = value?;
    match DateTime::parse_from_rfc3339(&value) {
        Ok(at) => Some(at.timestamp().to_string()),
        Err(_) => Some(value),
    }
}

fn request_input_id(field: RequestField) -> &'static str {
    match field {
        RequestField::Slot => "slot",
        RequestField::Topic => "topic",
        RequestField::TopicOther => "other",
        RequestField::Response => "response",
        RequestField::Note => "note",
    }
}

/// A dialog's submit button.
pub(super) async fn on_task_submit(
    state: &Arc<TeamsState>,
    sender: &Sender,
    data: &Value,
    now: DateTime<Utc>,
) -> anyhow::Result<Reply> {
    let app = &state.app;
    let (user, reader) = (&sender.user, &sender.reader);
    // A button inside a dialog (the memo's Done, the history's pages…) carries an action,
    // not a form: it answers like the button that opens a dialog.
    if data.get(cards::kit::FORM_KEY).is_none() && data.get(cards::kit::ACTION_KEY).is_some() {
        return on_task_fetch(state, sender, data, now).await;
    }
    let form = match cards::parse_form(data) {
        Some(Ok(form)) => form,
        _ => return Ok(dialog_message(text(sender, &Message::new("error-generic")))),
    };
    match form {
        Form::Booking(BookingForm::Request {
            mentor,
            theme,
            version,
        }) => {
            let entered = Entered {
                day: None,
                topic: choice(data, "topic"),
                other: input(data, "other"),
                response: choice(data, "response"),
                note: input(data, "note"),
                every: choice(data, "every"),
                count: input(data, "count"),
            };
            let options = match app.request_options(user, &mentor, theme, now).await {
                Ok(options) => options,
                Err(BookingError::Internal(e)) => return Err(e),
                Err(e) => return Ok(dialog_message(text(sender, &e.message()))),
            };
            let draft = RequestDraft::parse(
                slot_seconds(choice(data, "slot")).as_deref(),
                entered.topic.as_deref(),
                &entered.other,
                entered.response.as_deref(),
                &entered.note,
                &options.custom_topics,
            );
            let draft = match draft {
                Ok(draft) => draft,
                Err(errors) => {
                    let errors: Vec<(&str, Message)> = errors
                        .iter()
                        .map(|(field, e)| {
                            (request_input_id(*field), request_field_message(*field, e))
                        })
                        .collect();
                    return request_dialog(
                        state,
                        sender,
                        &mentor,
                        theme,
                        entered,
                        Redraw {
                            version,
                            slot_taken: false,
                        },
                        &errors,
                        now,
                    )
                    .await;
                }
            };
            let series = super::series::request(
                state, sender, &mentor, theme, &draft, &entered, version, now,
            );
            if let Some(reply) = series.await? {
                return Ok(reply);
            }
            match app
                .request_one_on_one(user, &mentor, theme, draft, now)
                .await
            {
                Ok(_) => Ok(dialog_message(crate::i18n::t(
                    reader.lang,
                    "teams-request-sent",
                ))),
                Err(BookingError::SlotTaken { .. }) => {
                    let taken = [("slot", Message::new("request-taken"))];
                    request_dialog(
                        state,
                        sender,
                        &mentor,
                        theme,
                        entered,
                        Redraw::after(version, true),
                        &taken,
                        now,
                    )
                    .await
                }
                Err(BookingError::MenteeBusy) => {
                    let busy = [("slot", Message::new("request-busy"))];
                    request_dialog(
                        state,
                        sender,
                        &mentor,
                        theme,
                        entered,
                        Redraw::after(version, false),
                        &busy,
                        now,
                    )
                    .await
                }
                Err(BookingError::Internal(e)) => Err(e),
                Err(e) => Ok(dialog_message(text(sender, &e.message()))),
            }
        }
        Form::Mentor(MentorForm::Hours) => {
            let days: [String; 7] = std::array::from_fn(|i| input(data, &format!("d{i}")));
            let hours_input = HoursInput {
                days,
                slot_minutes: choice(data, "slot_minutes"),
                horizon_days: choice(data, "horizon_days"),
                notice_hours: choice(data, "notice_hours"),
                cap: choice(data, "cap"),
                away_until: choice(data, "away_until").and_then(|d| d.parse().ok()),
                auto_accept: input(data, "auto_accept") == "true",
            };
            match hours_input.validate() {
                Ok(hours) => match app.save_hours(user, hours, now).await {
                    Ok(()) => {
                        let count = app.free_slots(user, now).await?.len();
                        Ok(dialog_message(crate::i18n::t_with(
                            reader.lang,
                            "hours-saved",
                            &[("count", count.into())],
                        )))
                    }
                    Err(crate::app::mentor::MentorError::Internal(e)) => Err(e),
                    Err(e) => Ok(dialog_message(text(sender, &e.message()))),
                },
                Err(errors) => {
                    let ids: Vec<String> = errors
                        .iter()
                        .map(|(HoursField::Day(d), _)| format!("d{d}"))
                        .collect();
                    let errors: Vec<(&str, Message)> = ids
                        .iter()
                        .zip(errors)
                        .map(|(id, (_, m))| (id.as_str(), m))
                        .collect();
                    match app.hours_screen(user, now).await {
                        Ok(screen) => Ok(dialog(
                            &crate::i18n::t(reader.lang, "hours-title-plain"),
                            cards::hours_dialog(&screen, reader, &errors),
                        )),
                        Err(crate::app::mentor::MentorError::Internal(e)) => Err(e),
                        Err(e) => Ok(dialog_message(text(sender, &e.message()))),
                    }
                }
            }
        }
        Form::Booking(BookingForm::Rate { one_on_one }) => {
            super::after::submit_rating(state, sender, one_on_one, data, now).await
        }
        Form::Booking(BookingForm::Decline { one_on_one }) => {
            super::after::submit_decline(state, sender, one_on_one, data, now).await
        }
        Form::Booking(BookingForm::Reschedule {
            one_on_one,
            version,
        }) => super::after::submit_reschedule(state, sender, one_on_one, version, data, now).await,
        Form::Memo(memo) => super::memo::submit(state, sender, memo, data, now).await,
        Form::Survey(SurveyForm::Answer { run }) => {
            super::survey::submit(state, sender, run, data, now).await
        }
        Form::Survey(form @ (SurveyForm::Define | SurveyForm::Edit { .. })) => {
            super::survey_admin::submit(state, sender, form, data, now).await
        }
        Form::Insight(form) => super::insight::submit(state, sender, form, data, now).await,
        Form::Mentor(MentorForm::Setup { theme }) => {
            super::mentor::submit(state, sender, theme, data, now).await
        }
        Form::Admin(form, ctx) => super::admin::submit(state, sender, form, &ctx, data, now).await,
        Form::Nudge(crate::app::actions::NudgeForm::Settings) => {
            super::admin2::nudge_submit(state, sender, data, now).await
        }
        other => {
            tracing::info!(form = ?other, "Teams submit of a form Teams does not draw yet");
            Ok(dialog_message(text(
                sender,
                &Message::new("teams-open-in-dialog"),
            )))
        }
    }
}
