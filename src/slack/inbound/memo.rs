//! Memos, TODOs and looking back in Slack: the buttons (in DMs, on the Home, in the memo
//! modal), the submitted memo forms and `/mentor history [@person]`. Who may read or write
//! what is decided by the use cases (`app::memo`); a refusal is shown, nothing changes.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use slack_morphism::prelude::SlackView;

use crate::app::actions::{MemoAction, MemoForm};
use crate::app::errors::UserError;
use crate::app::memo::MemoError;
use crate::domain::memo::{TodoDraft, TodoField};
use crate::domain::{Lang, UserId};
use crate::i18n::t;
use crate::slack::blocks::memo::{self as views, inputs};
use crate::slack::blocks::render::message_text;
use crate::slack::inbound::context::{show_modal, user_lang, InteractionReply, SlackState};
use crate::slack::inbound::payload::ViewRef;

fn refusal(lang: Lang, e: &MemoError) -> SlackView {
    views::notice(lang, message_text(lang, &e.message()))
}

pub async fn on_action(
    state: &SlackState,
    user: &UserId,
    trigger_id: Option<&str>,
    action: MemoAction,
    view: Option<&ViewRef>,
    now: DateTime<Utc>,
) {
    if let Err(e) = act(state, user, trigger_id, &action, view, now).await {
        tracing::error!(user = %user, action = ?action, error = ?e, "memo action failed");
    }
}

async fn act(
    state: &SlackState,
    user: &UserId,
    trigger_id: Option<&str>,
    action: &MemoAction,
    view: Option<&ViewRef>,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let app = &state.app;
    let lang = user_lang(state, user, now).await;
    let shown: Result<SlackView, MemoError> = match action {
        &MemoAction::Open { one_on_one } => app
            .memo_screen(user, one_on_one, now)
            .await
            .map(|s| views::memo_modal(&s)),
        &MemoAction::EditEntry { entry } => app
            .entry_screen(user, entry, now)
            .await
            .map(|s| views::entry_modal(&s)),
        &MemoAction::AddTodo { one_on_one } => app
            .todo_screen(user, one_on_one, now)
            .await
            .map(|s| views::todo_modal(&s)),
        &MemoAction::TodoDone { todo } => {
            let done = app.complete_todo(user, todo, now).await;
            return after_todo(
                state,
                user,
                trigger_id,
                view,
                lang,
                done.map(|_| "todo-done-saved"),
                now,
            )
            .await;
        }
        &MemoAction::TodoDelete { todo } => {
            let deleted = app.delete_todo(user, todo, now).await;
            return after_todo(
                state,
                user,
                trigger_id,
                view,
                lang,
                deleted.map(|_| "todo-deleted"),
                now,
            )
            .await;
        }
        MemoAction::History { partner, page } => {
            let screen = app.history_screen(user, partner.clone(), *page, now).await;
            let shown = screen.map(|s| views::history_modal(&s));
            // Paging redraws the history in place.
            if let (Ok(history), Some(id)) = (&shown, view.and_then(|v| v.id.as_deref())) {
                if view.is_some_and(ViewRef::is_modal) {
                    state.gateway.update_view(id, history.clone()).await?;
                    return Ok(());
                }
            }
            shown
        }
    };
    let modal = match shown {
        Ok(modal) => modal,
        Err(MemoError::Internal(e)) => return Err(e),
        Err(e) => refusal(lang, &e),
    };
    show_modal(state, trigger_id, view, modal).await
}

/// After Done or Delete: the memo modal it was pressed in is redrawn; elsewhere (a DM, the
/// Home) a short modal says what happened. The Home refreshes through the outbox.
async fn after_todo(
    state: &SlackState,
    user: &UserId,
    trigger_id: Option<&str>,
    view: Option<&ViewRef>,
    lang: Lang,
    result: Result<&'static str, MemoError>,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let key = match result {
        Ok(key) => key,
        Err(MemoError::Internal(e)) => return Err(e),
        Err(e) => return show_modal(state, trigger_id, view, refusal(lang, &e)).await,
    };
    let memo_modal = view.filter(|v| v.is_modal() && v.callback_id.as_deref() == Some("memo.save"));
    if let Some(v) = memo_modal {
        let one =
            crate::app::wire::parse_form(v.callback_id.as_deref(), v.private_metadata.as_deref());
        if let (Ok(crate::app::actions::Form::Memo(MemoForm::Memo { one_on_one })), Some(id)) =
            (one, v.id.as_deref())
        {
            if let Ok(screen) = state.app.memo_screen(user, one_on_one, now).await {
                state
                    .gateway
                    .update_view(id, views::memo_modal(&screen))
                    .await?;
                return Ok(());
            }
        }
    }
    show_modal(state, trigger_id, view, views::notice(lang, t(lang, key))).await
}

/// `/mentor history [@person]`: opens the history modal, or answers why not.
pub async fn open_history(
    state: &SlackState,
    user: &UserId,
    trigger_id: Option<&str>,
    args: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<Option<String>> {
    let app = &state.app;
    let lang = user_lang(state, user, now).await;
    let partner = match app.history_partner(user, args, now).await {
        Ok(partner) => partner,
        Err(MemoError::Internal(e)) => return Err(e),
        Err(e) => return Ok(Some(message_text(lang, &e.message()))),
    };
    let screen = match app.history_screen(user, partner, 0, now).await {
        Ok(screen) => screen,
        Err(MemoError::Internal(e)) => return Err(e),
        Err(e) => return Ok(Some(message_text(lang, &e.message()))),
    };
    show_modal(state, trigger_id, None, views::history_modal(&screen)).await?;
    Ok(None)
}

pub async fn on_submission(
    state: &SlackState,
    user: &UserId,
    form: MemoForm,
    view: &ViewRef,
    now: DateTime<Utc>,
) -> InteractionReply {
    let lang = user_lang(state, user, now).await;
    match submit(state, user, form, view, lang, now).await {
        Ok(reply) => reply,
        Err(MemoError::Internal(e)) => {
            tracing::error!(user = %user, error = ?e, "memo submission failed");
            InteractionReply::Update(views::notice(lang, t(lang, "error-generic")))
        }
        Err(e) => InteractionReply::Update(refusal(lang, &e)),
    }
}

async fn submit(
    state: &SlackState,
    user: &UserId,
    form: MemoForm,
    view: &ViewRef,
    lang: Lang,
    now: DateTime<Utc>,
) -> Result<InteractionReply, MemoError> {
    let app = &state.app;
    let field = |block: &str, e: &crate::domain::FieldError| {
        InteractionReply::Errors(HashMap::from([(
            block.to_string(),
            message_text(lang, &e.message()),
        )]))
    };
    match form {
        MemoForm::Memo { one_on_one } => {
            let shared = view.text(inputs::ADD);
            let private = view.text(inputs::PRIVATE);
            match app
                .save_memo(user, one_on_one, &shared, &private, now)
                .await
            {
                Ok(()) => Ok(InteractionReply::Update(views::notice(
                    lang,
                    t(lang, "memo-saved"),
                ))),
                Err(MemoError::Invalid(e)) => Ok(field(inputs::ADD, &e)),
                Err(MemoError::InvalidPrivate(e)) => Ok(field(inputs::PRIVATE, &e)),
                Err(e) => Err(e),
            }
        }
        MemoForm::Entry { entry } => match app
            .edit_entry(user, entry, &view.text(inputs::ENTRY), now)
            .await
        {
            Ok(()) => Ok(InteractionReply::Update(views::notice(
                lang,
                t(lang, "memo-saved"),
            ))),
            Err(MemoError::Invalid(e)) => Ok(field(inputs::ENTRY, &e)),
            Err(e) => Err(e),
        },
        MemoForm::Todo { one_on_one } => {
            let screen = app.todo_screen(user, one_on_one, now).await?;
            let draft = TodoDraft::parse(
                &view.text(inputs::TODO_TEXT),
                view.choice(inputs::TODO_OWNER).as_deref(),
                view.date(inputs::TODO_DUE),
                screen.today,
            );
            let draft = match draft {
                Ok(draft) => draft,
                Err(errors) => {
                    let errors = crate::app::memo::todo_field_messages(&errors)
                        .into_iter()
                        .map(|(field, message)| {
                            let block = match field {
                                TodoField::Text => inputs::TODO_TEXT,
                                TodoField::Owner => inputs::TODO_OWNER,
                                TodoField::Due => inputs::TODO_DUE,
                            };
                            (block.to_string(), message_text(lang, &message))
                        })
                        .collect();
                    return Ok(InteractionReply::Errors(errors));
                }
            };
            app.add_todo(user, one_on_one, draft, now).await?;
            Ok(InteractionReply::Update(views::notice(
                lang,
                t(lang, "todo-saved"),
            )))
        }
        MemoForm::History | MemoForm::Notice => Ok(InteractionReply::Ack),
    }
}
