//! A theme's questions in Teams: the list with each question's buttons (edit, up, down,
//! remove) and the question dialog, from the same view models as Slack's modals.

use serde_json::{json, Value};

use super::super::kit::{
    action_set, button, card, choice_set, escape, heading, md, required, separated, small, submit,
    text, text_input, with_errors,
};
use crate::app::actions::{Action, AdminAction, AdminCtx, AdminForm, Form, QuestionOp};
use crate::app::forms::QuestionInput;
use crate::app::screens::{QuestionFormScreen, QuestionRow, QuestionsScreen};
use crate::domain::{Lang, QuestionKind, Reader};
use crate::i18n::{t, t_args, t_with};

/// The inputs of the question dialog.
pub mod inputs {
    pub const LABEL: &str = "label";
    pub const KIND: &str = "kind";
    pub const OPTIONS: &str = "options";
    pub const REQUIRED: &str = "required";
}

/// The key a question's button carries beside its action: the theme the list shows.
pub const THEME_KEY: &str = "mb_theme";

fn label(action: &AdminAction) -> &'static str {
    match action {
        AdminAction::Question { op, .. } => match op {
            QuestionOp::Edit => "menu-question-edit-plain",
            QuestionOp::Up => "menu-question-up-plain",
            QuestionOp::Down => "menu-question-down-plain",
            QuestionOp::Remove => "menu-question-remove-plain",
        },
        _ => "button-add-question-plain",
    }
}

fn summary(lang: Lang, row: &QuestionRow) -> String {
    let q = &row.question;
    let needed = if q.required {
        "question-required"
    } else {
        "question-optional"
    };
    let head = t_with(
        lang,
        "question-line",
        &[
            ("n", row.number.into()),
            ("label", (&escape(&q.label)).into()),
            ("required", (&t(lang, needed)).into()),
        ],
    );
    let kind = match &q.kind {
        QuestionKind::Text => t(lang, "question-free-text"),
        QuestionKind::Choice(options) => t_args(
            lang,
            "question-choices",
            &[("options", &escape(&options.join(" / ")))],
        ),
    };
    format!("{head}\n{kind}")
}

/// The questions dialog: every button opens or redraws a dialog, carrying the theme.
pub fn questions_dialog(screen: &QuestionsScreen, reader: &Reader) -> Value {
    let lang = reader.lang;
    let with_theme = |action: &AdminAction| {
        let mut b = button(&Action::Admin(action.clone()), &t(lang, label(action)));
        b["data"][THEME_KEY] = json!(screen.theme.id);
        b
    };
    let mut body = vec![
        heading(t(lang, "questions-title-plain")),
        text(md(&t_args(
            lang,
            "questions-intro",
            &[("theme", &escape(&screen.theme.name))],
        ))),
    ];
    body.extend(action_set(screen.actions.iter().map(with_theme).collect()));
    if screen.questions.is_empty() {
        body.push(text(md(&t(lang, "questions-empty"))));
    }
    for row in &screen.questions {
        body.push(separated(text(md(&summary(lang, row)))));
        body.extend(action_set(row.menu.iter().map(with_theme).collect()));
    }
    card(body, Vec::new())
}

/// The question dialog: add (no question) or edit; `entered` is what was typed (or the
/// question's values).
pub fn question_dialog(
    screen: &QuestionFormScreen,
    reader: &Reader,
    entered: &QuestionInput,
    errors: &[(String, String)],
    ctx: &AdminCtx,
) -> Value {
    let lang = reader.lang;
    let kinds: Vec<(String, String)> = screen
        .kinds
        .iter()
        .map(|k| {
            let key = match *k {
                "choice" => "question-kind-choice-plain",
                _ => "question-kind-text-plain",
            };
            (t(lang, key), k.to_string())
        })
        .collect();
    let kind = entered.kind.as_deref().unwrap_or(screen.kind);
    let toggle = json!({
        "type": "Input.Toggle",
        "id": inputs::REQUIRED,
        "title": t(lang, "question-required-option-plain"),
        "label": t(lang, "question-required-label-plain"),
        "value": if entered.required { "true" } else { "false" },
        "valueOn": "true",
        "valueOff": "false",
    });
    let fields = vec![
        required(
            text_input(
                inputs::LABEL,
                t(lang, "question-label-label-plain"),
                &entered.label,
                150,
                false,
            ),
            t(lang, "field-empty"),
        ),
        choice_set(
            inputs::KIND,
            t(lang, "question-kind-label-plain"),
            &kinds,
            Some(kind),
        ),
        text_input(
            inputs::OPTIONS,
            t(lang, "question-options-label-plain"),
            &entered.options,
            3000,
            true,
        ),
        toggle,
    ];
    let title = if screen.question.is_some() {
        "question-edit-title-plain"
    } else {
        "question-new-title-plain"
    };
    let mut body = vec![heading(t(lang, title))];
    body.extend(with_errors(fields, errors));
    body.push(small(md(&t(lang, "question-options-hint-plain"))));
    let form = Form::Admin(AdminForm::Question, ctx.clone());
    card(body, vec![submit(&t(lang, "button-save-plain"), &form)])
}
