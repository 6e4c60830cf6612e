//! A survey's answer dialog in Teams: the growth feeling 1–5 and each question of the survey
//! (1–5, one choice, or free text), earlier answers filled in, required ones marked, field
//! errors under their question.

use serde_json::{json, Value};

use super::home::local_time;
use super::kit::{card, choice_set, error_texts, escape, md, required, submit, text, text_input};
use crate::app::actions::{Form, SurveyForm};
use crate::app::errors::Message;
use crate::app::surveys::AnswerScreen;
use crate::domain::survey::QuestionKind;
use crate::domain::Reader;
use crate::i18n::{t, t_args};

/// The growth feeling's input id.
pub const GROWTH: &str = "growth";

/// A question's input id.
pub fn question_input(question: i64) -> String {
    format!("q{question}")
}

fn scale() -> Vec<(String, String)> {
    (1..=5).map(|n| (n.to_string(), n.to_string())).collect()
}

/// The answer dialog of a run for `reader`, `errors` keyed by input id.
pub fn survey_answer_dialog(
    screen: &AnswerScreen,
    reader: &Reader,
    errors: &[(&str, Message)],
) -> Value {
    let lang = reader.lang;
    let errors = error_texts(reader, errors);
    let mut body = vec![text(md(&t_args(
        lang,
        "survey-answer-intro",
        &[
            ("title", &escape(&screen.title)),
            ("closes", &local_time(reader, screen.closes_at)),
        ],
    )))];
    let growth = screen.growth.map(|g| g.to_string());
    let mut fields = vec![required(
        expanded(choice_set(
            GROWTH,
            t(lang, "survey-growth-label-plain"),
            &scale(),
            growth.as_deref(),
        )),
        t(lang, "survey-answer-required"),
    )];
    for q in &screen.questions {
        let id = question_input(q.id);
        let earlier = screen
            .answers
            .iter()
            .find(|(qid, _)| *qid == q.id)
            .map(|(_, v)| v.as_str());
        let label = q.def.text.clone();
        let input = match q.def.kind {
            QuestionKind::Text => text_input(&id, label, earlier.unwrap_or_default(), 2000, true),
            QuestionKind::Scale => expanded(choice_set(&id, label, &scale(), earlier)),
            QuestionKind::Choice => {
                let choices: Vec<(String, String)> = q
                    .def
                    .choices
                    .iter()
                    .map(|c| (c.clone(), c.clone()))
                    .collect();
                choice_set(&id, label, &choices, earlier)
            }
        };
        fields.push(match q.def.required {
            true => required(input, t(lang, "survey-answer-required")),
            false => input,
        });
    }
    body.extend(super::kit::with_errors(fields, &errors));
    card(
        body,
        vec![submit(
            &t(lang, "button-survey-send-plain"),
            &Form::Survey(SurveyForm::Answer { run: screen.run }),
        )],
    )
}

fn expanded(mut input: Value) -> Value {
    input["style"] = json!("expanded");
    input
}
