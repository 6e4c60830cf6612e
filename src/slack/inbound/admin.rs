//! The program office's screens in Slack: routing admin buttons and modal submissions to the
//! admin use cases. The role is checked by the use cases on every action, so a forged payload
//! gets "only program admins can do this" and changes nothing.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use slack_morphism::prelude::*;

use crate::app::actions::{AdminAction, AdminForm, Form, QuestionOp, ThemeOp, TopicOp};
use crate::app::admin::{Actor, AdminError};
use crate::domain::{CertStatus, Lang, MentorCounts, QuestionDraft, Role, ThemeDraft, UserId};
use crate::i18n::t_args;
use crate::slack::actions::admin_ctx;
use crate::slack::blocks::admin::{self as views, inputs, Ctx};
use crate::slack::blocks::render::escape;
use crate::slack::inbound::context::{show_modal, user_lang, InteractionReply, SlackState};
use crate::slack::inbound::payload::ViewRef;

/// Opens the console (from `/mentor admin` or the App Home button).
pub async fn open_console(
    state: &SlackState,
    user: &UserId,
    trigger_id: &str,
    now: DateTime<Utc>,
) -> Result<(), AdminError> {
    let lang = user_lang(state, user, now).await;
    let page = state
        .app
        .theme_page(&Actor::User(user.clone()), 0, false)
        .await?;
    state
        .gateway
        .open_view(trigger_id, views::console(lang, &page))
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
        let title = if matches!(error, AdminError::NotAdmin) {
            "admin-denied-title-plain"
        } else {
            "admin-title-plain"
        };
        let notice = views::notice(lang, title, views::error_text(lang, &error));
        let shown = show_modal(state, Some(trigger_id), view, notice).await;
        if let Err(e) = shown {
            tracing::warn!(error = %e, "could not show the admin error");
        }
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
            app.require_admin(&actor).await?;
            push(views::theme_form(lang, None, child(None))).await
        }
        &AdminAction::Theme {
            theme: theme_id,
            op,
        } => match op {
            ThemeOp::Edit => {
                let (theme, _) = app.theme_with_questions(&actor, theme_id).await?;
                push(views::theme_form(lang, Some(&theme), child(Some(theme_id)))).await
            }
            ThemeOp::Questions => {
                let (theme, questions) = app.theme_with_questions(&actor, theme_id).await?;
                push(views::questions(
                    lang,
                    &theme,
                    &questions,
                    child(Some(theme_id)),
                ))
                .await
            }
            ThemeOp::Certify => {
                push(certify_view(state, &actor, lang, theme_id, child(Some(theme_id))).await?)
                    .await
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
            refresh_console(
                state,
                &actor,
                lang,
                here.as_deref(),
                &Ctx {
                    page: 0,
                    archived,
                    ..ctx
                },
            )
            .await
        }
        AdminAction::OpenRoles => {
            let holders = app.role_holders(&actor).await?;
            push(views::roles(lang, &holders, None, child(None))).await
        }
        AdminAction::OpenTopics => {
            let topics = app.custom_topics(&actor).await?;
            push(views::topics(lang, &topics, None, child(None))).await
        }
        &AdminAction::Topic { topic, op } => {
            let topics = app.custom_topics(&actor).await?;
            let name = topics
                .iter()
                .find(|(id, _)| *id == topic)
                .map(|(_, name)| name.clone())
                .ok_or(AdminError::NotFound)?;
            match op {
                TopicOp::Rename => {
                    let form_ctx = Ctx {
                        topic: Some(topic),
                        parent: here.clone(),
                        ..Ctx::default()
                    };
                    push(views::topic_form(lang, &name, form_ctx)).await
                }
                TopicOp::Retire => {
                    app.archive_topic(&actor, topic, now).await?;
                    let topics = app.custom_topics(&actor).await?;
                    let flash = t_args(lang, "topics-retired", &[("name", &escape(&name))]);
                    let view = views::topics(lang, &topics, Some(flash), ctx);
                    update(state, here.as_deref(), view).await
                }
            }
        }
        AdminAction::OpenImport => {
            app.require_admin(&actor).await?;
            push(views::import_form(lang, child(None))).await
        }
        &AdminAction::AddQuestion { theme: theme_id } => {
            app.theme_with_questions(&actor, theme_id).await?;
            push(views::question_form(lang, None, child(Some(theme_id)))).await
        }
        &AdminAction::Question {
            question: question_id,
            op,
        } => {
            let theme_id = ctx.theme.ok_or(AdminError::NotFound)?;
            match op {
                QuestionOp::Edit => {
                    let (_, questions) = app.theme_with_questions(&actor, theme_id).await?;
                    let question = questions
                        .iter()
                        .find(|q| q.id == question_id)
                        .ok_or(AdminError::NotFound)?;
                    let form_ctx = Ctx {
                        question: Some(question_id),
                        ..child(Some(theme_id))
                    };
                    push(views::question_form(lang, Some(question), form_ctx)).await
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
            let refreshed = certify_view(state, &actor, lang, *theme, ctx).await?;
            update(state, here.as_deref(), refreshed).await
        }
        AdminAction::RevokeRole { role, user: holder } => {
            app.revoke_role(&actor, holder.clone(), *role, now).await?;
            let holders = app.role_holders(&actor).await?;
            update(
                state,
                here.as_deref(),
                views::roles(lang, &holders, None, ctx),
            )
            .await
        }
    }
}

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
    let page = state.app.theme_page(actor, ctx.page, ctx.archived).await?;
    update(state, view_id, views::console(lang, &page)).await
}

async fn refresh_questions(
    state: &SlackState,
    actor: &Actor,
    lang: Lang,
    view_id: Option<&str>,
    ctx: &Ctx,
) -> Result<(), AdminError> {
    let theme_id = ctx.theme.ok_or(AdminError::NotFound)?;
    let (theme, questions) = state.app.theme_with_questions(actor, theme_id).await?;
    update(
        state,
        view_id,
        views::questions(lang, &theme, &questions, ctx.clone()),
    )
    .await
}

async fn certify_view(
    state: &SlackState,
    actor: &Actor,
    lang: Lang,
    theme_id: i64,
    ctx: Ctx,
) -> Result<SlackView, AdminError> {
    let (theme, _) = state.app.theme_with_questions(actor, theme_id).await?;
    let mentors = state.app.theme_mentors(actor, theme_id, 10_000).await?;
    let counts = MentorCounts {
        certified: mentors.len() as i64,
        started: mentors
            .iter()
            .filter(|(_, s)| *s == CertStatus::Started)
            .count() as i64,
        waiting: mentors
            .iter()
            .filter(|(_, s)| matches!(s, CertStatus::Certified | CertStatus::NeedsAnswers))
            .count() as i64,
    };
    Ok(views::certify(lang, &theme, &counts, &mentors, ctx))
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
        Err(AdminError::Invalid(errors)) => {
            InteractionReply::Errors(views::field_errors(lang, &errors))
        }
        Err(error) => {
            if let AdminError::Internal(e) = &error {
                tracing::error!(user = %user, form = ?form, error = ?e, "admin submission failed");
            }
            let title = if matches!(error, AdminError::NotAdmin) {
                "admin-denied-title-plain"
            } else {
                "admin-title-plain"
            };
            InteractionReply::Update(views::notice(lang, title, views::error_text(lang, &error)))
        }
    }
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
            let draft = ThemeDraft::parse(
                &view.text(inputs::THEME_NAME),
                view.choice(inputs::THEME_CATEGORY).as_deref(),
                &view.text(inputs::THEME_DESCRIPTION),
            )
            .map_err(AdminError::Invalid)?;
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
            let required = view
                .checked(inputs::QUESTION_REQUIRED)
                .iter()
                .any(|v| v == "required");
            let draft = QuestionDraft::parse(
                &view.text(inputs::QUESTION_LABEL),
                view.choice(inputs::QUESTION_KIND).as_deref(),
                &view.text(inputs::QUESTION_OPTIONS),
                required,
            )
            .map_err(AdminError::Invalid)?;
            match ctx.question {
                Some(id) => app.update_question(actor, id, draft, now).await?,
                None => {
                    app.add_question(actor, theme_id, draft, now).await?;
                }
            }
            refresh_parent_later(
                state,
                actor.clone(),
                lang,
                Ctx {
                    theme: Some(theme_id),
                    ..ctx.clone()
                },
                true,
            );
            Ok(InteractionReply::Ack)
        }
        AdminForm::Certify => {
            let theme_id = ctx.theme.ok_or(AdminError::NotFound)?;
            let users = view.users(inputs::CERTIFY_USERS);
            if users.is_empty() {
                let message = crate::i18n::t(lang, "field-empty");
                return Ok(InteractionReply::Errors(
                    [(inputs::CERTIFY_USERS.to_string(), message)].into(),
                ));
            }
            let report = app.certify(actor, theme_id, users, now).await?;
            let (theme, _) = app.theme_with_questions(actor, theme_id).await?;
            refresh_parent_later(state, actor.clone(), lang, ctx.clone(), false);
            Ok(InteractionReply::Update(views::certify_result(
                lang, &theme, &report,
            )))
        }
        AdminForm::Roles => {
            let user = view.users(inputs::ROLE_USER).into_iter().next();
            let role = view.choice(inputs::ROLE_ROLE).and_then(|r| Role::parse(&r));
            let (Some(user), Some(role)) = (user, role) else {
                return Ok(InteractionReply::Errors(
                    [(
                        inputs::ROLE_USER.to_string(),
                        crate::i18n::t(lang, "field-empty"),
                    )]
                    .into(),
                ));
            };
            let granted = app.grant_role(actor, user.clone(), role, now).await?;
            let holders = app.role_holders(actor).await?;
            let flash = views::role_granted(lang, &user, role, granted);
            Ok(InteractionReply::Update(views::roles(
                lang,
                &holders,
                Some(flash),
                ctx.clone(),
            )))
        }
        AdminForm::Topics => {
            let name = view.text(inputs::TOPIC_NAME);
            app.add_topic(actor, &name, now).await?;
            let topics = app.custom_topics(actor).await?;
            let added = topics
                .iter()
                .find(|(_, n)| crate::domain::name_key(n) == crate::domain::name_key(&name))
                .map(|(_, n)| n.clone())
                .unwrap_or(name);
            let flash = t_args(lang, "topics-added", &[("name", &escape(&added))]);
            Ok(InteractionReply::Update(views::topics(
                lang,
                &topics,
                Some(flash),
                ctx.clone(),
            )))
        }
        AdminForm::TopicRename => {
            let topic = ctx.topic.ok_or(AdminError::NotFound)?;
            let name = view.text(inputs::TOPIC_NAME);
            app.rename_topic(actor, topic, &name, now).await?;
            if let Some(parent) = ctx.parent.clone() {
                let (state, actor) = (state.clone(), actor.clone());
                tokio::spawn(async move {
                    let refreshed = async {
                        let topics = state.app.custom_topics(&actor).await?;
                        let view = views::topics(lang, &topics, None, Ctx::default());
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
        AdminForm::Console | AdminForm::Questions | AdminForm::CertifyDone | AdminForm::Notice => {
            tracing::debug!(form = ?form, "admin view without a submission handler");
            Ok(InteractionReply::Ack)
        }
    }
}
