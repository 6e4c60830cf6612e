//! Insight, analytics, tips and advisor scopes in Slack: `/mentor insight`, `/mentor stats`,
//! their buttons (Home, admin console, Roles modal) and the tip and scope forms. Every
//! permission is checked by the use cases in `app::insight`.

use chrono::{DateTime, Utc};
use slack_morphism::prelude::{SlackMessageContent, SlackView};

use crate::app::actions::{InsightAction, InsightForm};
use crate::app::errors::UserError;
use crate::app::insight::{InsightError, TipDraft};
use crate::app::surveys::SurveyError;
use crate::domain::insight::TipError;
use crate::domain::{Lang, UserId};
use crate::i18n::{t, t_with, Arg};
use crate::slack::blocks::insight::{self as views, inputs};
use crate::slack::blocks::render::{message_text, plain_message};
use crate::slack::inbound::context::{show_modal, user_lang, InteractionReply, SlackState};
use crate::slack::inbound::payload::ViewRef;

/// What a refusal or failure shows.
fn refused(lang: Lang, user: &UserId, error: &InsightError) -> String {
    match error {
        InsightError::Internal(e) => {
            tracing::error!(user = %user, error = ?e, "insight failed");
            t(lang, "error-generic")
        }
        e => {
            tracing::info!(user = %user, error = %e, "insight refused");
            message_text(lang, &e.message())
        }
    }
}

/// The modal an action opens, or why not.
async fn view_for(
    state: &SlackState,
    user: &UserId,
    action: &InsightAction,
    lang: Lang,
    now: DateTime<Utc>,
) -> Result<SlackView, InsightError> {
    let app = &state.app;
    let result = match action {
        InsightAction::Mine => app
            .mentor_insight(user)
            .await
            .map(|s| views::insight_view(lang, &s)),
        InsightAction::Stats { theme } => match app.program_stats(user, *theme, now).await {
            // The surveys' results the same reader may open (advisors: their themes').
            Ok(screen) => match app.readable_surveys(user).await {
                Ok(readable) => Ok(views::stats_with_surveys_view(lang, &screen, &readable)),
                Err(SurveyError::Internal(e)) => Err(InsightError::Internal(e)),
                Err(_) => Ok(views::stats_view(lang, &screen)),
            },
            Err(e) => Err(e),
        },
        InsightAction::WriteTip => app.tip_form(user).await.map(|f| views::tip_view(lang, &f)),
        InsightAction::HideTip { tip } => app
            .hide_tip(user, *tip, now)
            .await
            .map(|()| views::notice_view(lang, t(lang, "insight-tip-hidden"))),
        InsightAction::Scope { advisor } => app
            .advisor_scope(user, advisor)
            .await
            .map(|f| views::scope_view(lang, &f)),
    };
    result
}

/// `/mentor insight` and `/mentor stats`: opens the modal, or says why not.
pub async fn on_command(
    state: &SlackState,
    user: &UserId,
    trigger_id: Option<&str>,
    action: InsightAction,
    now: DateTime<Utc>,
) -> anyhow::Result<Option<SlackMessageContent>> {
    let lang = user_lang(state, user, now).await;
    match view_for(state, user, &action, lang, now).await {
        // A refusal is an ephemeral line rather than a modal.
        Err(e) => Ok(Some(plain_message(&refused(lang, user, &e)))),
        Ok(view) => {
            show_modal(state, trigger_id, None, view).await?;
            Ok(None)
        }
    }
}

/// A pressed insight button.
pub async fn on_action(
    state: &SlackState,
    user: &UserId,
    trigger_id: Option<&str>,
    action: InsightAction,
    view: Option<&ViewRef>,
    now: DateTime<Utc>,
) {
    let lang = user_lang(state, user, now).await;
    let shown = view_for(state, user, &action, lang, now)
        .await
        .unwrap_or_else(|e| views::notice_view(lang, refused(lang, user, &e)));
    if let Err(e) = show_modal(state, trigger_id, view, shown).await {
        tracing::warn!(error = %e, "could not show the insight modal");
    }
}

/// The tip or scope form, submitted.
pub async fn on_submission(
    state: &SlackState,
    user: &UserId,
    form: InsightForm,
    view: &ViewRef,
    now: DateTime<Utc>,
) -> InteractionReply {
    let lang = user_lang(state, user, now).await;
    match form {
        InsightForm::View => InteractionReply::Ack,
        InsightForm::Tip => {
            let draft = TipDraft {
                topic: view.choice(inputs::TOPIC),
                response: view.choice(inputs::RESPONSE),
                body: view.text(inputs::BODY),
                signed: view.checked(inputs::SIGNED).iter().any(|v| v == "signed"),
            };
            match state.app.write_tip(user, draft, now).await {
                Ok(_) => {
                    InteractionReply::Update(views::notice_view(lang, t(lang, "insight-tip-saved")))
                }
                Err(e @ InsightError::Tip(kind)) => {
                    let block = match kind {
                        TipError::Unknown => inputs::TOPIC,
                        TipError::Empty | TipError::TooLong => inputs::BODY,
                    };
                    InteractionReply::Errors(
                        [(block.to_string(), message_text(lang, &e.message()))].into(),
                    )
                }
                Err(e) => {
                    InteractionReply::Update(views::notice_view(lang, refused(lang, user, &e)))
                }
            }
        }
        InsightForm::Scope { advisor } => {
            let chosen = view
                .checked(inputs::THEMES)
                .iter()
                .filter_map(|v| v.parse().ok())
                .collect();
            let text = match state
                .app
                .set_advisor_scope(user, &advisor, chosen, now)
                .await
            {
                Ok(n) => {
                    let advisor = crate::slack::blocks::render::mention(&advisor);
                    t_with(
                        lang,
                        "insight-scope-saved",
                        &[("advisor", Arg::Text(&advisor)), ("count", n.into())],
                    )
                }
                Err(e) => refused(lang, user, &e),
            };
            InteractionReply::Update(views::notice_view(lang, text))
        }
    }
}
