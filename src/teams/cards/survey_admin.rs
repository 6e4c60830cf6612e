//! The program office's surveys in Teams, from the same rows and screens as Slack's modals:
//! the console's Surveys button, the list dialog (each survey's preview, results and
//! pause / resume), the preview as recipients see it, and the results as decided for the reader.

use serde_json::{json, Value};

use super::kit::{
    action_set, button, card, choice_set, escape, heading, md, separated, small, submit, text,
    text_input, with_errors,
};
use crate::app::actions::{Action, Form, SurveyAction, SurveyForm};
use crate::app::surveys::results::{QuestionSummary, SurveyResults};
use crate::app::surveys::{AnswerScreen, SurveyField, SurveyInput};
use crate::domain::survey::{FIRST_WEEKDAY, LOW_GROWTH_DEFAULT, OPEN_DAYS_DEFAULT, QUESTIONS_MAX};
use crate::domain::{Lang, Reader};
use crate::i18n::{t, t_args, t_with};

use crate::storage::surveys::SurveyRow;

fn label(lang: Lang, action: SurveyAction) -> String {
    super::labels::label(lang, &Action::Survey(action))
}

/// A button of the list dialog: every one opens (or redraws) a dialog, pause included.
fn dialog_button(lang: Lang, action: SurveyAction) -> Value {
    let mut b = super::dialog_button(&label(lang, action), &Action::Survey(action));
    b["data"]["msteams"] = json!({"type": "task/fetch"});
    b
}

/// The console's Surveys line and the button that opens the list.
pub fn console_block(lang: Lang) -> Vec<Value> {
    let mut block = vec![text(md(&t(lang, "admin-surveys")))];
    block.extend(action_set(vec![button(
        &Action::Survey(SurveyAction::List),
        &label(lang, SurveyAction::List),
    )]));
    block
}

/// The office's surveys, newest first, each with its buttons.
pub fn list_dialog(lang: Lang, surveys: &[SurveyRow]) -> Value {
    let mut body = vec![heading(t(lang, "survey-list-title-plain"))];
    if surveys.is_empty() {
        body.push(text(md(&t(lang, "survey-list-empty"))));
    }
    body.extend(action_set(vec![dialog_button(lang, SurveyAction::New)]));
    for s in surveys.iter().rev().take(30) {
        let mut line = t_with(
            lang,
            "survey-list-line",
            &[
                ("title", escape(&s.title).as_str().into()),
                ("schedule", s.schedule.as_str().into()),
                ("days", s.open_days.into()),
            ],
        );
        if s.paused {
            line = format!("{line}  {}", t(lang, "survey-paused"));
        }
        body.push(separated(text(md(&line))));
        let buttons = [
            SurveyAction::Edit { survey: s.id },
            SurveyAction::Preview { survey: s.id },
            SurveyAction::Results { survey: s.id },
            SurveyAction::Pause {
                survey: s.id,
                paused: !s.paused,
            },
            SurveyAction::Export { survey: s.id },
        ]
        .into_iter()
        .map(|a| dialog_button(lang, a))
        .collect();
        body.extend(action_set(buttons));
    }
    card(body, Vec::new())
}

/// The answer dialog as a recipient will see it (under `intro_key`), without its send button.
pub fn preview_dialog(reader: &Reader, screen: &AnswerScreen, intro_key: &str) -> Value {
    let mut shown = super::survey_answer_dialog(screen, reader, &[]);
    if let Some(body) = shown["body"].as_array_mut() {
        body.insert(0, small(md(&t(reader.lang, intro_key))));
    }
    if let Some(fields) = shown.as_object_mut() {
        fields.remove("actions");
    }
    shown
}

fn average(tenths: u32) -> String {
    format!("{}.{}", tenths / 10, tenths % 10)
}

/// The results as the use case decided them for this reader (admins-only parts when present).
pub fn results_dialog(lang: Lang, r: &SurveyResults) -> Value {
    let hidden = || t(lang, "survey-results-hidden");
    let rate = r.rate_line(lang);
    let growth = r.growth_line(lang);
    let mut body = vec![
        heading(t_args(lang, "survey-results-head", &[("title", &r.title)])),
        text(md(&rate)),
        text(md(&growth)),
    ];
    for (head, rows) in [
        ("survey-results-by-month", &r.by_month),
        ("survey-results-by-theme", &r.by_theme),
    ] {
        if rows.is_empty() {
            continue;
        }
        let lines: Vec<String> = rows
            .iter()
            .map(|row| match row.average_tenths {
                Some(avg) => t_with(
                    lang,
                    "survey-results-trend",
                    &[
                        ("label", row.label.as_str().into()),
                        ("avg", average(avg).as_str().into()),
                        ("n", row.answered.into()),
                    ],
                ),
                None => t_args(
                    lang,
                    "survey-results-trend-hidden",
                    &[("label", &row.label)],
                ),
            })
            .collect();
        body.push(text(md(&format!(
            "{}\n{}",
            t(lang, head),
            lines.join("\n")
        ))));
    }
    for q in &r.questions {
        let summary = match &q.summary {
            QuestionSummary::Hidden => hidden(),
            QuestionSummary::Average(avg) => {
                t_args(lang, "survey-results-average", &[("avg", &average(*avg))])
            }
            QuestionSummary::Choices(counts) => counts
                .iter()
                .map(|(c, n)| format!("{}: {n}", escape(c)))
                .collect::<Vec<_>>()
                .join(" · "),
            QuestionSummary::Texts => {
                t_with(lang, "survey-results-texts", &[("n", q.answered.into())])
            }
        };
        body.push(separated(text(md(&format!(
            "**{}**\n{summary}",
            escape(&q.text)
        )))));
    }
    for (question, texts) in r.free_text.iter().flatten() {
        let list: String = texts.iter().map(|t| format!("\n- {}", escape(t))).collect();
        let head = t_args(
            lang,
            "survey-results-free-text",
            &[("question", &escape(question))],
        );
        body.push(text(md(&format!("{head}{list}"))));
    }
    if let Some(low) = &r.low_scores {
        let mut lines = t_with(
            lang,
            "survey-results-low",
            &[("max", u32::from(r.low_growth).into())],
        );
        for l in low {
            let who = crate::app::names::name_of(&l.user).unwrap_or_else(|| l.user.to_string());
            lines.push_str(&format!("\n- {} — {}", escape(&who), l.growth));
        }
        if low.is_empty() {
            lines.push_str(&format!("\n{}", t(lang, "survey-results-low-none")));
        }
        body.push(text(md(&lines)));
    }
    card(body, Vec::new())
}

/// The inputs of the survey dialog.
pub mod inputs {
    pub const TITLE: &str = "title";
    pub const SCHEDULE: &str = "schedule";
    pub const OPEN_DAYS: &str = "open_days";
    pub const AUDIENCE: &str = "audience";
    pub const THEMES: &str = "themes";
    pub const QUESTIONS: &str = "questions";
    pub const LOW_GROWTH: &str = "low_growth";
}

/// The dialog input a form field's error goes under.
pub fn field_input(field: SurveyField) -> &'static str {
    match field {
        SurveyField::Title => inputs::TITLE,
        SurveyField::Schedule => inputs::SCHEDULE,
        SurveyField::OpenDays => inputs::OPEN_DAYS,
        SurveyField::Audience => inputs::AUDIENCE,
        SurveyField::Questions => inputs::QUESTIONS,
        SurveyField::LowGrowth => inputs::LOW_GROWTH,
    }
}

fn or_default(entered: &str, default: impl ToString) -> String {
    if entered.is_empty() {
        default.to_string()
    } else {
        entered.to_string()
    }
}

/// The new / edit survey dialog (`form` says which): what was entered (or what is stored), the
/// field errors (keyed by input id) under their fields, the same fields as Slack's form.
pub fn form_dialog(
    lang: Lang,
    themes: &[(i64, String)],
    entered: &SurveyInput,
    errors: &[(String, String)],
    form: SurveyForm,
) -> Value {
    let audiences: Vec<(String, String)> = [
        ("survey-audience-had-1on1-plain", "had_1on1"),
        ("survey-audience-themes-plain", "themes"),
        ("survey-audience-opted-in-plain", "opted_in"),
    ]
    .iter()
    .map(|(key, value)| (t(lang, key), value.to_string()))
    .collect();
    let mut fields = vec![
        text_input(
            inputs::TITLE,
            t(lang, "survey-title-label-plain"),
            &entered.title,
            100,
            false,
        ),
        text_input(
            inputs::SCHEDULE,
            format!(
                "{} ({})",
                t(lang, "survey-schedule-label-plain"),
                t(lang, "survey-schedule-hint-plain")
            ),
            &or_default(&entered.schedule, FIRST_WEEKDAY),
            100,
            false,
        ),
        text_input(
            inputs::OPEN_DAYS,
            t(lang, "survey-open-days-label-plain"),
            &or_default(&entered.open_days, OPEN_DAYS_DEFAULT),
            2,
            false,
        ),
        choice_set(
            inputs::AUDIENCE,
            t(lang, "survey-audience-label-plain"),
            &audiences,
            Some(entered.audience.as_deref().unwrap_or("had_1on1")),
        ),
    ];
    if !themes.is_empty() {
        let choices: Vec<(String, String)> = themes
            .iter()
            .map(|(id, name)| (name.clone(), id.to_string()))
            .collect();
        let mut set = choice_set(
            inputs::THEMES,
            t(lang, "survey-themes-label-plain"),
            &choices,
            None,
        );
        set["isMultiSelect"] = json!(true);
        let chosen: Vec<String> = entered.themes.iter().map(i64::to_string).collect();
        if !chosen.is_empty() {
            set["value"] = json!(chosen.join(","));
        }
        fields.push(set);
    }
    fields.push(text_input(
        inputs::QUESTIONS,
        t_with(
            lang,
            "survey-questions-label-plain",
            &[("max", QUESTIONS_MAX.into())],
        ),
        &entered.questions,
        3000,
        true,
    ));
    fields.push(text_input(
        inputs::LOW_GROWTH,
        format!(
            "{} ({})",
            t(lang, "survey-low-growth-label-plain"),
            t(lang, "survey-low-growth-hint-plain")
        ),
        &or_default(&entered.low_growth, LOW_GROWTH_DEFAULT),
        1,
        false,
    ));
    let title = match form {
        SurveyForm::Edit { .. } => "survey-edit-title-plain",
        _ => "survey-define-title-plain",
    };
    let mut body = vec![
        heading(t(lang, title)),
        small(md(&t(lang, "survey-questions-hint-plain"))),
    ];
    body.extend(with_errors(fields, errors));
    card(
        body,
        vec![submit(&t(lang, "button-save-plain"), &Form::Survey(form))],
    )
}

#[cfg(test)]
mod tests;
