//! The program office's screens in Slack: admin buttons and menu choices call the admin use
//! cases and show the screens they return. The role is checked by the use cases on every
//! action, so a forged payload gets "only program admins can do this" and changes nothing.

use chrono::{DateTime, Utc};
use slack_morphism::prelude::*;

use crate::app::actions::{AdminAction, Form, QuestionOp, ThemeOp, TopicOp};
use crate::app::admin::{Actor, AdminError};
use crate::app::wire::admin_ctx;
use crate::domain::{Lang, UserId};
use crate::slack::blocks::admin::{self as views, Ctx};
use crate::slack::inbound::context::{show_modal, user_lang, SlackState};
use crate::slack::inbound::payload::ViewRef;

mod auto_share;
mod submit;

pub use submit::on_submission;

/// Opens the console (from `/mentor admin` or the App Home button).
pub async fn open_console(
    state: &SlackState,
    user: &UserId,
    trigger_id: &str,
    now: DateTime<Utc>,
) -> Result<(), AdminError> {
    let lang = user_lang(state, user, now).await;
    let screen = state
        .app
        .console_screen(&Actor::User(user.clone()), 0, false)
        .await?;
    state
        .gateway
        .open_view(trigger_id, views::console(lang, &screen))
        .await
        .map_err(|e| AdminError::Internal(e.into()))
}

/// A button or menu choice on an admin screen.
pub async fn on_action(
    state: &SlackState,
    user: &UserId,
    trigger_id: Option<&str>,
    action: AdminAction,
    view: Option<&ViewRef>,
    form: Option<&Form>,
    now: DateTime<Utc>,
) {
    let lang = user_lang(state, user, now).await;
    let result = act(state, user, lang, trigger_id, &action, view, form, now).await;
    if let Err(error) = result {
        if let AdminError::Internal(e) = &error {
            tracing::error!(user = %user, action = ?action, error = ?e, "admin action failed");
        }
        let Some(trigger_id) = trigger_id else { return };
        let notice = views::notice(lang, error_title(&error), views::error_text(lang, &error));
        let shown = show_modal(state, Some(trigger_id), view, notice).await;
        if let Err(e) = shown {
            tracing::warn!(error = %e, "could not show the admin error");
        }
    }
}

/// The title of the notice that shows a refusal.
fn error_title(error: &AdminError) -> &'static str {
    if matches!(error, AdminError::NotAdmin) {
        "admin-denied-title-plain"
    } else {
        "admin-title-plain"
    }
}

#[allow(clippy::too_many_arguments)]
async fn act(
    state: &SlackState,
    user: &UserId,
    lang: Lang,
    trigger_id: Option<&str>,
    action: &AdminAction,
    view: Option<&ViewRef>,
    form: Option<&Form>,
    now: DateTime<Utc>,
) -> Result<(), AdminError> {
    let app = &state.app;
    let actor = Actor::User(user.clone());
    let ctx = admin_ctx(form);
    let here = view.and_then(|v| v.id.clone());
    // A child keeps the console's page and archived toggle, so refreshing the console after
    // the child is saved shows the admin the page they were on.
    let child = |theme: Option<i64>| Ctx {
        theme,
        parent: here.clone(),
        page: ctx.page,
        archived: ctx.archived,
        ..Ctx::default()
    };
    let push = |v: SlackView| async move {
        let trigger =
            trigger_id.ok_or_else(|| AdminError::Internal(anyhow::anyhow!("no trigger_id")))?;
        state
            .gateway
            .push_view(trigger, v)
            .await
            .map_err(|e| AdminError::Internal(e.into()))
    };
    match action {
        AdminAction::NewTheme => {
            let screen = app.theme_form_screen(&actor, None).await?;
            push(views::theme_form(lang, &screen, child(None))).await
        }
        &AdminAction::Theme {
            theme: theme_id,
            op,
        } => match op {
            ThemeOp::Edit => {
                let screen = app.theme_form_screen(&actor, Some(theme_id)).await?;
                push(views::theme_form(lang, &screen, child(Some(theme_id)))).await
            }
            ThemeOp::Questions => {
                let screen = app.questions_screen(&actor, theme_id).await?;
                push(views::questions(lang, &screen, child(Some(theme_id)))).await
            }
            ThemeOp::Certify => {
                let screen = app.certify_screen(&actor, theme_id).await?;
                push(views::certify(lang, &screen, child(Some(theme_id)))).await
            }
            ThemeOp::Archive | ThemeOp::Restore => {
                app.set_theme_archived(&actor, theme_id, op == ThemeOp::Archive, now)
                    .await?;
                refresh_console(state, &actor, lang, here.as_deref(), &ctx).await
            }
        },
        &AdminAction::Page(page) => {
            refresh_console(state, &actor, lang, here.as_deref(), &Ctx { page, ..ctx }).await
        }
        &AdminAction::ShowArchived(archived) => {
            let ctx = Ctx {
                page: 0,
                archived,
                ..ctx
            };
            refresh_console(state, &actor, lang, here.as_deref(), &ctx).await
        }
        AdminAction::OpenRoles => {
            let screen = app.roles_screen(&actor, None).await?;
            push(views::roles(lang, &screen, child(None))).await
        }
        AdminAction::OpenTopics => {
            let screen = app.topics_screen(&actor, None).await?;
            push(views::topics(lang, &screen, child(None))).await
        }
        &AdminAction::Topic { topic, op } => match op {
            TopicOp::Rename => {
                let screen = app.topic_rename_screen(&actor, topic).await?;
                let form_ctx = Ctx {
                    topic: Some(topic),
                    parent: here.clone(),
                    ..Ctx::default()
                };
                push(views::topic_form(lang, &screen, form_ctx)).await
            }
            TopicOp::Retire => {
                let screen = app.retire_topic(&actor, topic, now).await?;
                update(state, here.as_deref(), views::topics(lang, &screen, ctx)).await
            }
        },
        AdminAction::OpenImport => {
            let screen = app.import_screen(&actor).await?;
            push(views::import_form(lang, &screen, child(None))).await
        }
        &AdminAction::AddQuestion { theme: theme_id } => {
            let screen = app.question_form_screen(&actor, theme_id, None).await?;
            push(views::question_form(lang, &screen, child(Some(theme_id)))).await
        }
        &AdminAction::Question {
            question: question_id,
            op,
        } => {
            let theme_id = ctx.theme.ok_or(AdminError::NotFound)?;
            match op {
                QuestionOp::Edit => {
                    let screen = app
                        .question_form_screen(&actor, theme_id, Some(question_id))
                        .await?;
                    let form_ctx = Ctx {
                        question: Some(question_id),
                        ..child(Some(theme_id))
                    };
                    push(views::question_form(lang, &screen, form_ctx)).await
                }
                QuestionOp::Up | QuestionOp::Down => {
                    app.move_question(&actor, question_id, op == QuestionOp::Up, now)
                        .await?;
                    refresh_questions(state, &actor, lang, here.as_deref(), &ctx).await
                }
                QuestionOp::Remove => {
                    app.remove_question(&actor, question_id, now).await?;
                    refresh_questions(state, &actor, lang, here.as_deref(), &ctx).await
                }
            }
        }
        AdminAction::RevokeCertification { theme, mentor } => {
            app.revoke_certification(&actor, *theme, mentor.clone(), now)
                .await?;
            let screen = app.certify_screen(&actor, *theme).await?;
            update(state, here.as_deref(), views::certify(lang, &screen, ctx)).await
        }
        AdminAction::RevokeRole { role, user: holder } => {
            app.revoke_role(&actor, holder.clone(), *role, now).await?;
            let screen = app.roles_screen(&actor, None).await?;
            update(state, here.as_deref(), views::roles(lang, &screen, ctx)).await
        }
        AdminAction::OpenAutoShare | AdminAction::RemoveAutoShare { .. } => {
            let here = here.as_deref();
            auto_share::on_action(state, &actor, lang, trigger_id, action, here, &ctx, now).await
        }
        // Teams' import preview buttons; Slack imports from its modal and never draws them.
        AdminAction::ConfirmImport | AdminAction::CancelImport => app.require_admin(&actor).await,
    }
}

/// Replaces an open view (nothing to do without one).
async fn update(
    state: &SlackState,
    view_id: Option<&str>,
    view: SlackView,
) -> Result<(), AdminError> {
    let Some(view_id) = view_id else {
        return Ok(());
    };
    state
        .gateway
        .update_view(view_id, view)
        .await
        .map_err(|e| AdminError::Internal(e.into()))
}

async fn refresh_console(
    state: &SlackState,
    actor: &Actor,
    lang: Lang,
    view_id: Option<&str>,
    ctx: &Ctx,
) -> Result<(), AdminError> {
    let screen = state
        .app
        .console_screen(actor, ctx.page, ctx.archived)
        .await?;
    update(state, view_id, views::console(lang, &screen)).await
}

async fn refresh_questions(
    state: &SlackState,
    actor: &Actor,
    lang: Lang,
    view_id: Option<&str>,
    ctx: &Ctx,
) -> Result<(), AdminError> {
    let theme_id = ctx.theme.ok_or(AdminError::NotFound)?;
    let screen = state.app.questions_screen(actor, theme_id).await?;
    update(state, view_id, views::questions(lang, &screen, ctx.clone())).await
}
