//! A theme's questions from the Teams console: the list dialog and its buttons (each redraws
//! the list), and the question dialog with its field errors.

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::super::actions::dialog;
use super::super::{Reply, Sender, TeamsState};
use super::{actor, input, keyed, refused_dialog};
use crate::app::actions::{AdminCtx, QuestionOp};
use crate::app::admin::AdminError;
use crate::app::errors::Message;
use crate::app::forms::QuestionInput;
use crate::teams::cards::{self, admin as views};

/// The theme's questions, each with its buttons.
pub(super) async fn list(state: &TeamsState, sender: &Sender, theme: i64) -> anyhow::Result<Reply> {
    match state.app.questions_screen(&actor(sender), theme).await {
        Ok(screen) => Ok(dialog(
            &crate::i18n::t(sender.reader.lang, "questions-title-plain"),
            views::questions_dialog(&screen, &sender.reader),
        )),
        Err(e) => refused_dialog(sender, e),
    }
}

/// The question dialog: the question's values (or what was typed) and the field errors.
pub(super) async fn form(
    state: &TeamsState,
    sender: &Sender,
    theme: i64,
    question: Option<i64>,
    entered: Option<QuestionInput>,
    errors: &[(&str, Message)],
) -> anyhow::Result<Reply> {
    let screen = match state
        .app
        .question_form_screen(&actor(sender), theme, question)
        .await
    {
        Ok(screen) => screen,
        Err(e) => return refused_dialog(sender, e),
    };
    let entered = entered.unwrap_or_else(|| match &screen.question {
        Some(q) => QuestionInput {
            label: q.label.clone(),
            kind: Some(screen.kind.to_string()),
            options: q.kind.options().join("\n"),
            required: q.required,
        },
        None => QuestionInput::default(),
    });
    let ctx = AdminCtx {
        theme: Some(theme),
        question,
        ..AdminCtx::default()
    };
    let errors = cards::kit::error_texts(&sender.reader, errors);
    let card = views::question_dialog(&screen, &sender.reader, &entered, &errors, &ctx);
    let title = if question.is_some() {
        "question-edit-title-plain"
    } else {
        "question-new-title-plain"
    };
    Ok(dialog(&crate::i18n::t(sender.reader.lang, title), card))
}

/// A question's button in the list: the theme it carries, then the edit dialog or the list
/// redrawn after the move or removal.
pub(super) async fn press(
    state: &TeamsState,
    sender: &Sender,
    question: i64,
    op: QuestionOp,
    data: &Value,
    now: DateTime<Utc>,
) -> anyhow::Result<Reply> {
    let Some(theme) = data.get(views::THEME_KEY).and_then(Value::as_i64) else {
        return refused_dialog(sender, AdminError::NotFound);
    };
    let who = actor(sender);
    let done = match op {
        QuestionOp::Edit => return form(state, sender, theme, Some(question), None, &[]).await,
        QuestionOp::Up | QuestionOp::Down => {
            let up = op == QuestionOp::Up;
            state.app.move_question(&who, question, up, now).await
        }
        QuestionOp::Remove => state.app.remove_question(&who, question, now).await,
    };
    match done {
        Ok(()) => list(state, sender, theme).await,
        Err(e) => refused_dialog(sender, e),
    }
}

/// The question dialog submitted: saved, then the list again; or the dialog with its errors.
pub(super) async fn submit(
    state: &TeamsState,
    sender: &Sender,
    ctx: &AdminCtx,
    data: &Value,
    now: DateTime<Utc>,
) -> anyhow::Result<Reply> {
    let Some(theme) = ctx.theme else {
        return refused_dialog(sender, AdminError::NotFound);
    };
    let entered = QuestionInput {
        label: input(data, views::inputs::LABEL),
        kind: Some(input(data, views::inputs::KIND)).filter(|k| !k.is_empty()),
        options: input(data, views::inputs::OPTIONS),
        required: input(data, views::inputs::REQUIRED) == "true",
    };
    let draft = match entered.validate() {
        Ok(draft) => draft,
        Err(errors) => {
            let errors = keyed(errors);
            return form(state, sender, theme, ctx.question, Some(entered), &errors).await;
        }
    };
    let who = actor(sender);
    let saved = match ctx.question {
        Some(id) => state.app.update_question(&who, id, draft, now).await,
        None => state
            .app
            .add_question(&who, theme, draft, now)
            .await
            .map(|_| ()),
    };
    match saved {
        Ok(()) => list(state, sender, theme).await,
        Err(AdminError::Invalid(errors)) => {
            let errors = keyed(crate::app::forms::admin_field_errors(&errors));
            form(state, sender, theme, ctx.question, Some(entered), &errors).await
        }
        Err(e) => refused_dialog(sender, e),
    }
}
