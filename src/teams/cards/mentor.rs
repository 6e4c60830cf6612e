//! A mentor's own setup in Teams: the setup dialog (the theme's questions with the earlier
//! answers, required ones marked, field errors under their question, and "Start mentoring this
//! theme") and what saving it did, with the card as mentees now see it.

use serde_json::{json, Value};

use super::kit::{
    card, choice_set, error_texts, escape, md, separated, submit, text, text_input, with_errors,
    Names,
};
use crate::app::actions::{Form, MentorForm};
use crate::app::errors::Message;
use crate::app::mentor::SetupScreen;
use crate::app::screens::SetupResultScreen;
use crate::domain::{CertStatus, QuestionKind, Reader};
use crate::i18n::{t, t_args};

/// The "Start mentoring this theme" toggle's input id (`"true"` when ticked).
pub const START: &str = "start";

/// A question's answer input id.
pub fn answer_input(question: i64) -> String {
    format!("a{question}")
}

/// The setup dialog for `reader`, `errors` keyed by input id. Every input is optional to the
/// client, so a draft can be saved; the use case refuses to start with required answers
/// missing, and the dialog comes back with the error under each of them.
pub fn setup_dialog(screen: &SetupScreen, reader: &Reader, errors: &[(&str, Message)]) -> Value {
    let lang = reader.lang;
    let mt = &screen.theme;
    let intro = if mt.questions.is_empty() {
        "setup-no-questions"
    } else {
        "setup-intro"
    };
    let mut body = vec![text(md(&t_args(
        lang,
        intro,
        &[("theme", &escape(&mt.theme.name))],
    )))];
    let mut fields = Vec::new();
    for (q, answer) in &mt.questions {
        let id = answer_input(q.id);
        let label = match q.required {
            true => format!("{} {}", q.label, t(lang, "setup-required-suffix-plain")),
            false => q.label.clone(),
        };
        fields.push(match &q.kind {
            QuestionKind::Text => text_input(
                &id,
                label,
                answer.as_deref().unwrap_or_default(),
                3000,
                true,
            ),
            QuestionKind::Choice(options) => {
                let choices: Vec<(String, String)> =
                    options.iter().map(|o| (o.clone(), o.clone())).collect();
                choice_set(&id, label, &choices, answer.as_deref())
            }
        });
    }
    fields.push(json!({
        "type": "Input.Toggle",
        "id": START,
        "label": t(lang, "setup-start-label-plain"),
        "title": t(lang, "setup-start-option-plain"),
        "valueOn": "true",
        "valueOff": "false",
        "value": if screen.start_ticked { "true" } else { "false" },
    }));
    body.extend(with_errors(fields, &error_texts(reader, errors)));
    card(
        body,
        vec![submit(
            &t(lang, "button-save-plain"),
            &Form::Mentor(MentorForm::Setup { theme: mt.theme.id }),
        )],
    )
}

/// What saving the setup did, with the card when the theme is now visible (`names`: the
/// mentor's own name).
pub fn setup_result(screen: &SetupResultScreen, reader: &Reader, names: &Names) -> Value {
    let lang = reader.lang;
    let key = match screen.change.after {
        CertStatus::Started => "setup-started",
        CertStatus::NeedsAnswers => "setup-needs",
        CertStatus::Paused => "setup-saved-paused",
        _ if screen.change.stopped() => "setup-stopped",
        _ => "setup-draft",
    };
    let mut body = vec![text(md(&t_args(
        lang,
        key,
        &[("theme", &escape(&screen.theme))],
    )))];
    if let Some(view) = &screen.card {
        body.push(separated(super::find::mentor_card(view, reader, names)));
    }
    card(body, Vec::new())
}
