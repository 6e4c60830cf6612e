//! Submitted 1on1 modals: the search, the request (a slot lost to someone else redraws the
//! form with what was typed), the decline message and the reschedule.

use std::sync::Arc;

use chrono::{DateTime, Utc};

use super::{entered, error_text, reader_of, results_view};
use crate::app::actions::BookingForm;
use crate::app::booking::BookingError;
use crate::app::screens::Redraw;
use crate::domain::booking::RequestDraft;
use crate::domain::UserId;
use crate::i18n::{t, t_args};
use crate::slack::blocks::booking::{self as views, inputs, FindCtx};
use crate::slack::inbound::context::{InteractionReply, SlackState};
use crate::slack::inbound::payload::ViewRef;

pub async fn on_submission(
    state: &Arc<SlackState>,
    user: &UserId,
    form: BookingForm,
    view: &ViewRef,
    now: DateTime<Utc>,
) -> InteractionReply {
    match submit(state, user, form, view, now).await {
        Ok(reply) => reply,
        Err(e) => {
            tracing::error!(user = %user, error = ?e, "1on1 submission failed");
            let lang = state.app.settings.default_lang;
            InteractionReply::Update(views::done(lang, t(lang, "error-generic")))
        }
    }
}

async fn submit(
    state: &SlackState,
    user: &UserId,
    form: BookingForm,
    view: &ViewRef,
    now: DateTime<Utc>,
) -> anyhow::Result<InteractionReply> {
    let app = &state.app;
    let reader = reader_of(state, user, now).await?;
    let lang = reader.lang;
    let done = |e: BookingError| -> anyhow::Result<InteractionReply> {
        match e {
            BookingError::Internal(e) => Err(e),
            e => Ok(InteractionReply::Update(views::done(
                lang,
                error_text(lang, &e),
            ))),
        }
    };
    match form {
        BookingForm::Rate { one_on_one } => {
            crate::slack::inbound::after::on_rating(state, user, one_on_one, view, now).await
        }
        // The search form, alone or above results: search again from the first page.
        BookingForm::Find | BookingForm::Results(_) => {
            let theme = view.choice(inputs::THEME).and_then(|t| t.parse().ok());
            let ctx = FindCtx {
                words: view.text(inputs::WORDS),
                theme,
                page: 0,
            };
            Ok(InteractionReply::Update(
                results_view(state, user, &reader, &ctx, now).await?,
            ))
        }
        BookingForm::Request {
            mentor,
            theme,
            version,
        } => {
            let options = match app.request_options(user, &mentor, theme, now).await {
                Ok(options) => options,
                Err(e) => return done(e),
            };
            let entered = entered(view);
            let slot_block = inputs::slot(version);
            let draft = RequestDraft::parse(
                view.choice(&slot_block).as_deref(),
                entered.topic.as_deref(),
                &entered.other,
                entered.response.as_deref(),
                &entered.note,
                &options.custom_topics,
            );
            let draft = match draft {
                Ok(draft) => draft,
                Err(errors) => {
                    return Ok(InteractionReply::Errors(views::request_errors(
                        lang, &errors, version,
                    )))
                }
            };
            let series = crate::slack::inbound::followup::series_request(
                state, &reader, user, &mentor, theme, &draft, view, version, now,
            );
            if let Some(reply) = series.await? {
                return Ok(reply);
            }
            match app
                .request_one_on_one(user, &mentor, theme, draft, now)
                .await
            {
                Ok((one, info)) => Ok(InteractionReply::Update(views::request_sent(
                    &reader, &one, &info,
                ))),
                // Lost the race: same form, fresh times, what they typed kept, and the time
                // select renamed so the taken time is no longer selected.
                Err(BookingError::SlotTaken { .. }) => {
                    let redraw = Redraw::after(version, true);
                    match app
                        .request_screen(&reader, &mentor, theme, entered, redraw, now)
                        .await
                    {
                        Ok(screen) => Ok(InteractionReply::Update(views::request_form(
                            &reader, &screen,
                        ))),
                        Err(e) => done(e),
                    }
                }
                Err(BookingError::MenteeBusy) => Ok(InteractionReply::Errors(
                    [(slot_block, t(lang, "request-busy"))].into(),
                )),
                Err(e) => done(e),
            }
        }
        BookingForm::Decline { one_on_one: id } => {
            let message = Some(view.text(inputs::MESSAGE));
            match app.decline_request(user, id, message, now).await {
                Ok(_) => Ok(InteractionReply::Update(views::done(
                    lang,
                    t(lang, "booking-declined"),
                ))),
                Err(e) => done(e),
            }
        }
        BookingForm::Reschedule {
            one_on_one: id,
            version,
        } => {
            let slot_block = inputs::slot(version);
            let start = view
                .choice(&slot_block)
                .and_then(|s| s.parse::<i64>().ok())
                .and_then(|s| DateTime::from_timestamp(s, 0));
            let Some(start) = start else {
                return Ok(InteractionReply::Errors(
                    [(slot_block, t(lang, "field-slot-unknown"))].into(),
                ));
            };
            match app.reschedule_one_on_one(user, id, start, now).await {
                Ok(moved) => {
                    let text = t_args(
                        lang,
                        "booking-moved",
                        &[(
                            "time",
                            &crate::slack::blocks::render::local_time(&reader, moved.start),
                        )],
                    );
                    Ok(InteractionReply::Update(views::done(lang, text)))
                }
                Err(BookingError::SlotTaken { .. }) => {
                    let day = view.date_choice(inputs::DAY);
                    let redraw = Redraw::after(version, true);
                    match app.reschedule_screen(&reader, id, day, redraw, now).await {
                        Ok(screen) => Ok(InteractionReply::Update(views::reschedule_form(
                            &reader, &screen,
                        ))),
                        Err(e) => done(e),
                    }
                }
                Err(e) => done(e),
            }
        }
        BookingForm::Done => Ok(InteractionReply::Ack),
    }
}
