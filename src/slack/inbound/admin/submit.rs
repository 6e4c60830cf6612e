//! Submitted admin modals: each form is read into its `app::forms` input, validated there,
//! and handed to its use case; field errors go back keyed by this form's input blocks.

use std::sync::Arc;

use chrono::{DateTime, Utc};

use super::{error_title, refresh_console, refresh_questions, update};
use crate::app::actions::AdminForm;
use crate::app::admin::{Actor, AdminError};
use crate::app::forms::{
    admin_field_errors, AdminFieldErrors, CertifyInput, QuestionInput, RoleInput, ThemeInput,
    TopicInput,
};
use crate::app::screens::role_granted;
use crate::domain::{Lang, UserId};
use crate::slack::blocks::admin::{self as views, inputs, Ctx};
use crate::slack::inbound::context::{user_lang, InteractionReply, SlackState};
use crate::slack::inbound::payload::ViewRef;

/// A submitted admin modal.
pub async fn on_submission(
    state: &Arc<SlackState>,
    user: &UserId,
    form: AdminForm,
    ctx: &Ctx,
    view: &ViewRef,
    now: DateTime<Utc>,
) -> InteractionReply {
    let lang = user_lang(state, user, now).await;
    let actor = Actor::User(user.clone());
    let result = submit(state, &actor, lang, form, view, ctx, now).await;
    match result {
        Ok(reply) => reply,
        Err(AdminError::Invalid(errors)) => errors_reply(lang, &admin_field_errors(&errors)),
        Err(error) => {
            if let AdminError::Internal(e) = &error {
                tracing::error!(user = %user, form = ?form, error = ?e, "admin submission failed");
            }
            let text = views::error_text(lang, &error);
            InteractionReply::Update(views::notice(lang, error_title(&error), text))
        }
    }
}

fn errors_reply(lang: Lang, errors: &AdminFieldErrors) -> InteractionReply {
    InteractionReply::Errors(views::field_errors(lang, errors))
}

async fn submit(
    state: &Arc<SlackState>,
    actor: &Actor,
    lang: Lang,
    form: AdminForm,
    view: &ViewRef,
    ctx: &Ctx,
    now: DateTime<Utc>,
) -> Result<InteractionReply, AdminError> {
    let app = &state.app;
    match form {
        AdminForm::Theme => {
            let input = ThemeInput {
                name: view.text(inputs::THEME_NAME),
                category: view.choice(inputs::THEME_CATEGORY),
                description: view.text(inputs::THEME_DESCRIPTION),
            };
            let draft = match input.validate() {
                Ok(draft) => draft,
                Err(errors) => return Ok(errors_reply(lang, &errors)),
            };
            match ctx.theme {
                Some(id) => app.update_theme(actor, id, draft, now).await?,
                None => {
                    app.create_theme(actor, draft, now).await?;
                }
            }
            refresh_parent_later(state, actor.clone(), lang, ctx.clone(), false);
            Ok(InteractionReply::Ack)
        }
        AdminForm::Question => {
            let theme_id = ctx.theme.ok_or(AdminError::NotFound)?;
            let input = QuestionInput {
                label: view.text(inputs::QUESTION_LABEL),
                kind: view.choice(inputs::QUESTION_KIND),
                options: view.text(inputs::QUESTION_OPTIONS),
                // The checkbox's one option.
                required: view
                    .checked(inputs::QUESTION_REQUIRED)
                    .iter()
                    .any(|v| v == "required"),
            };
            let draft = match input.validate() {
                Ok(draft) => draft,
                Err(errors) => return Ok(errors_reply(lang, &errors)),
            };
            match ctx.question {
                Some(id) => app.update_question(actor, id, draft, now).await?,
                None => {
                    app.add_question(actor, theme_id, draft, now).await?;
                }
            }
            let parent = Ctx {
                theme: Some(theme_id),
                ..ctx.clone()
            };
            refresh_parent_later(state, actor.clone(), lang, parent, true);
            Ok(InteractionReply::Ack)
        }
        AdminForm::Certify => {
            let theme_id = ctx.theme.ok_or(AdminError::NotFound)?;
            let input = CertifyInput {
                users: view.users(inputs::CERTIFY_USERS),
            };
            let users = match input.validate() {
                Ok(users) => users,
                Err(errors) => return Ok(errors_reply(lang, &errors)),
            };
            let report = app.certify(actor, theme_id, users, now).await?;
            let screen = app.certify_result_screen(actor, theme_id, report).await?;
            refresh_parent_later(state, actor.clone(), lang, ctx.clone(), false);
            Ok(InteractionReply::Update(views::certify_result(
                lang, &screen,
            )))
        }
        AdminForm::Roles => {
            let input = RoleInput {
                user: view.users(inputs::ROLE_USER).into_iter().next(),
                role: view.choice(inputs::ROLE_ROLE),
            };
            let (user, role) = match input.validate() {
                Ok(choice) => choice,
                Err(errors) => return Ok(errors_reply(lang, &errors)),
            };
            let granted = app.grant_role(actor, user.clone(), role, now).await?;
            let flash = role_granted(&user, role, granted);
            let screen = app.roles_screen(actor, Some(flash)).await?;
            Ok(InteractionReply::Update(views::roles(
                lang,
                &screen,
                ctx.clone(),
            )))
        }
        AdminForm::Topics => {
            // The role first: a non-admin learns nothing from the form's errors.
            app.require_admin(actor).await?;
            let input = TopicInput {
                name: view.text(inputs::TOPIC_NAME),
            };
            let name = match input.validate() {
                Ok(name) => name,
                Err(errors) => return Ok(errors_reply(lang, &errors)),
            };
            let id = app.add_topic(actor, name.as_str(), now).await?;
            let screen = app.topics_after_add(actor, id).await?;
            Ok(InteractionReply::Update(views::topics(
                lang,
                &screen,
                ctx.clone(),
            )))
        }
        AdminForm::TopicRename => {
            let topic = ctx.topic.ok_or(AdminError::NotFound)?;
            app.require_admin(actor).await?;
            let input = TopicInput {
                name: view.text(inputs::TOPIC_NAME),
            };
            let name = match input.validate() {
                Ok(name) => name,
                Err(errors) => return Ok(errors_reply(lang, &errors)),
            };
            app.rename_topic(actor, topic, name.as_str(), now).await?;
            if let Some(parent) = ctx.parent.clone() {
                let (state, actor) = (state.clone(), actor.clone());
                tokio::spawn(async move {
                    let refreshed = async {
                        let screen = state.app.topics_screen(&actor, None).await?;
                        let view = views::topics(lang, &screen, Ctx::default());
                        update(&state, Some(&parent), view).await
                    };
                    if let Err(e) = refreshed.await {
                        tracing::warn!(error = %e, "could not refresh the topics view");
                    }
                });
            }
            Ok(InteractionReply::Ack)
        }
        AdminForm::Import => {
            crate::slack::inbound::import::on_submission(state, actor, lang, view, ctx, now).await
        }
        AdminForm::AutoShare => {
            super::auto_share::on_submission(state, actor, lang, view, ctx, now).await
        }
        AdminForm::Console | AdminForm::Questions | AdminForm::CertifyDone | AdminForm::Notice => {
            tracing::debug!(form = ?form, "admin view without a submission handler");
            Ok(InteractionReply::Ack)
        }
    }
}

/// Refreshes a parent modal in the background (the submission's answer should not wait on it).
fn refresh_parent_later(
    state: &Arc<SlackState>,
    actor: Actor,
    lang: Lang,
    ctx: Ctx,
    questions: bool,
) {
    let Some(parent) = ctx.parent.clone() else {
        return;
    };
    let state = state.clone();
    tokio::spawn(async move {
        let parent_ctx = Ctx {
            parent: None,
            ..ctx
        };
        let result = if questions {
            refresh_questions(&state, &actor, lang, Some(&parent), &parent_ctx).await
        } else {
            // The console as the admin left it: same page, same archived toggle.
            let console = Ctx {
                page: parent_ctx.page,
                archived: parent_ctx.archived,
                ..Ctx::default()
            };
            refresh_console(&state, &actor, lang, Some(&parent), &console).await
        };
        if let Err(e) = result {
            tracing::warn!(error = %e, "could not refresh the parent admin view");
        }
    });
}
