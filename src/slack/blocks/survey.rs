//! Block Kit for surveys (issue 11): the console's "Surveys" block, the office's list, the
//! new-survey form, the answer form (and its preview), the results, and the survey DM.

use slack_morphism::prelude::*;

use super::kit::{input, modal, option, static_select, text_input};
use super::render::{button, buttons, divider, escape, local_time, section};
use crate::app::actions::{Action, Form, SurveyAction, SurveyForm};
use crate::app::surveys::{AnswerScreen, SurveyField, SurveyInput};
use crate::domain::survey::{
    QuestionKind, FIRST_WEEKDAY, LOW_GROWTH_DEFAULT, OPEN_DAYS_DEFAULT, QUESTIONS_MAX,
};
use crate::domain::{Lang, Notice, Reader};
use crate::i18n::{t, t_args, t_with};
use crate::storage::surveys::SurveyRow;

/// Block and action ids of the survey forms.
pub mod inputs {
    pub const TITLE: &str = "survey.title";
    pub const SCHEDULE: &str = "survey.schedule";
    pub const OPEN_DAYS: &str = "survey.open_days";
    pub const AUDIENCE: &str = "survey.audience";
    pub const THEMES: &str = "survey.themes";
    pub const QUESTIONS: &str = "survey.questions";
    pub const GROWTH: &str = "survey.growth";
    pub const LOW_GROWTH: &str = "survey.low_growth";
    /// A custom question's answer block: `survey.q.{id}`.
    pub fn question(id: i64) -> String {
        format!("survey.q.{id}")
    }
}

/// The input block a form field's error goes under.
pub fn field_block(field: SurveyField) -> &'static str {
    match field {
        SurveyField::Title => inputs::TITLE,
        SurveyField::Schedule => inputs::SCHEDULE,
        SurveyField::OpenDays => inputs::OPEN_DAYS,
        SurveyField::Audience => inputs::AUDIENCE,
        SurveyField::Questions => inputs::QUESTIONS,
        SurveyField::LowGrowth => inputs::LOW_GROWTH,
    }
}

fn label(lang: Lang, action: &SurveyAction) -> String {
    let key = match action {
        SurveyAction::List => "button-surveys-plain",
        SurveyAction::New => "button-survey-new-plain",
        SurveyAction::Results { .. } => "button-survey-results-plain",
        SurveyAction::Preview { .. } => "button-survey-preview-plain",
        SurveyAction::Pause { paused: true, .. } => "button-survey-pause-plain",
        SurveyAction::Pause { paused: false, .. } => "button-survey-resume-plain",
        SurveyAction::Answer { .. } => "button-survey-answer-plain",
        SurveyAction::Export { .. } => "button-survey-export-plain",
        SurveyAction::Edit { .. } => "button-survey-edit-plain",
    };
    t(lang, key)
}

fn survey_button(lang: Lang, action: SurveyAction) -> (Action, String) {
    (Action::Survey(action), label(lang, &action))
}

/// The admin console's "Surveys" block: a line and the button that opens the list.
pub fn console_surveys(lang: Lang) -> SlackBlock {
    let (action, text) = survey_button(lang, SurveyAction::List);
    SlackSectionBlock::new()
        .with_block_id("console.surveys".into())
        .with_text(md!(t(lang, "admin-surveys")))
        .with_accessory(SlackSectionBlockElement::Button(button(&action, &text)))
        .into()
}

/// A read-only modal with one text.
pub fn notice_view(lang: Lang, text: String) -> SlackView {
    modal(
        lang,
        "survey-list-title-plain",
        &Form::Survey(SurveyForm::Done),
        vec![section("survey.notice", text)],
        None,
    )
}

/// The office's surveys, each with its results, preview and pause buttons.
pub fn list_view(lang: Lang, surveys: &[SurveyRow]) -> SlackView {
    let mut blocks = vec![buttons(
        "survey.list.actions",
        vec![survey_button(lang, SurveyAction::New)],
    )];
    if surveys.is_empty() {
        blocks.push(section("survey.list.empty", t(lang, "survey-list-empty")));
    }
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
        blocks.push(section(&format!("survey.{}", s.id), line));
        blocks.push(buttons(
            &format!("survey.{}.actions", s.id),
            vec![
                survey_button(lang, SurveyAction::Results { survey: s.id }),
                survey_button(lang, SurveyAction::Preview { survey: s.id }),
                survey_button(lang, SurveyAction::Export { survey: s.id }),
                survey_button(lang, SurveyAction::Edit { survey: s.id }),
                survey_button(
                    lang,
                    SurveyAction::Pause {
                        survey: s.id,
                        paused: !s.paused,
                    },
                ),
            ],
        ));
    }
    modal(
        lang,
        "survey-list-title-plain",
        &Form::Survey(SurveyForm::Done),
        blocks,
        None,
    )
}

/// The office's form for a new survey (what was entered kept on a redraw).
pub fn define_view(lang: Lang, themes: &[(i64, String)], entered: &SurveyInput) -> SlackView {
    form_view(lang, themes, entered, Form::Survey(SurveyForm::Define))
}

/// The office's form editing `survey`, prefilled with what is stored.
pub fn edit_view(
    lang: Lang,
    themes: &[(i64, String)],
    entered: &SurveyInput,
    survey: i64,
) -> SlackView {
    form_view(
        lang,
        themes,
        entered,
        Form::Survey(SurveyForm::Edit { survey }),
    )
}

fn form_view(lang: Lang, themes: &[(i64, String)], entered: &SurveyInput, form: Form) -> SlackView {
    let schedule = if entered.schedule.is_empty() {
        FIRST_WEEKDAY.to_string()
    } else {
        entered.schedule.clone()
    };
    let days = if entered.open_days.is_empty() {
        OPEN_DAYS_DEFAULT.to_string()
    } else {
        entered.open_days.clone()
    };
    let audiences = vec![
        option(t(lang, "survey-audience-had-1on1-plain"), "had_1on1".into()),
        option(t(lang, "survey-audience-themes-plain"), "themes".into()),
        option(t(lang, "survey-audience-opted-in-plain"), "opted_in".into()),
    ];
    let mut blocks: Vec<SlackBlock> = vec![
        input(
            inputs::TITLE,
            t(lang, "survey-title-label-plain"),
            text_input(inputs::TITLE, &entered.title, 100, false),
        )
        .into(),
        input(
            inputs::SCHEDULE,
            t(lang, "survey-schedule-label-plain"),
            text_input(inputs::SCHEDULE, &schedule, 100, false),
        )
        .with_hint(pt!(t(lang, "survey-schedule-hint-plain")))
        .into(),
        input(
            inputs::OPEN_DAYS,
            t(lang, "survey-open-days-label-plain"),
            text_input(inputs::OPEN_DAYS, &days, 2, false),
        )
        .into(),
        input(
            inputs::AUDIENCE,
            t(lang, "survey-audience-label-plain"),
            static_select(
                inputs::AUDIENCE,
                audiences,
                Some(entered.audience.as_deref().unwrap_or("had_1on1")),
            )
            .into(),
        )
        .into(),
    ];
    if !themes.is_empty() {
        let options: Vec<_> = themes
            .iter()
            .map(|(id, name)| option(name.clone(), id.to_string()))
            .collect();
        let chosen: Vec<_> = themes
            .iter()
            .filter(|(id, _)| entered.themes.contains(id))
            .map(|(id, name)| option(name.clone(), id.to_string()))
            .collect();
        let mut element = SlackBlockMultiStaticSelectElement::new()
            .with_action_id(inputs::THEMES.into())
            .with_options(options);
        if !chosen.is_empty() {
            element = element.with_initial_options(chosen);
        }
        blocks.push(
            input(
                inputs::THEMES,
                t(lang, "survey-themes-label-plain"),
                element.into(),
            )
            .with_optional(true)
            .into(),
        );
    }
    blocks.push(
        input(
            inputs::QUESTIONS,
            t_with(
                lang,
                "survey-questions-label-plain",
                &[("max", QUESTIONS_MAX.into())],
            ),
            text_input(inputs::QUESTIONS, &entered.questions, 3000, true),
        )
        .with_optional(true)
        .with_hint(pt!(t(lang, "survey-questions-hint-plain")))
        .into(),
    );
    let low = if entered.low_growth.is_empty() {
        LOW_GROWTH_DEFAULT.to_string()
    } else {
        entered.low_growth.clone()
    };
    blocks.push(
        input(
            inputs::LOW_GROWTH,
            t(lang, "survey-low-growth-label-plain"),
            text_input(inputs::LOW_GROWTH, &low, 1, false),
        )
        .with_hint(pt!(t(lang, "survey-low-growth-hint-plain")))
        .into(),
    );
    modal(
        lang,
        match form {
            Form::Survey(SurveyForm::Edit { .. }) => "survey-edit-title-plain",
            _ => "survey-define-title-plain",
        },
        &form,
        blocks,
        Some("button-save-plain"),
    )
}

fn scale_options() -> Vec<SlackBlockChoiceItem<SlackBlockPlainTextOnly>> {
    (1..=5)
        .map(|n| option(n.to_string(), n.to_string()))
        .collect()
}

/// The answer form of a run with the reader's earlier answers; `preview` draws it read-only
/// for the office (with `intro` above it).
pub fn answer_view(reader: &Reader, screen: &AnswerScreen, preview: Option<String>) -> SlackView {
    let lang = reader.lang;
    let mut blocks = Vec::new();
    if let Some(intro) = &preview {
        blocks.push(section("survey.preview", intro.clone()));
        blocks.push(divider("survey.preview.divider"));
    }
    blocks.push(section(
        "survey.intro",
        t_args(
            lang,
            "survey-answer-intro",
            &[
                ("title", &escape(&screen.title)),
                ("closes", &local_time(reader, screen.closes_at)),
            ],
        ),
    ));
    let growth = screen.growth.map(|g| g.to_string());
    blocks.push(
        input(
            inputs::GROWTH,
            t(lang, "survey-growth-label-plain"),
            static_select(inputs::GROWTH, scale_options(), growth.as_deref()).into(),
        )
        .into(),
    );
    for q in &screen.questions {
        let block = inputs::question(q.id);
        let earlier = screen
            .answers
            .iter()
            .find(|(id, _)| *id == q.id)
            .map(|(_, v)| v.as_str());
        let element: SlackInputBlockElement = match q.def.kind {
            QuestionKind::Text => text_input(&block, earlier.unwrap_or_default(), 2000, true),
            QuestionKind::Scale => static_select(&block, scale_options(), earlier).into(),
            QuestionKind::Choice => {
                let options = q
                    .def
                    .choices
                    .iter()
                    .map(|c| option(c.clone(), c.clone()))
                    .collect();
                static_select(&block, options, earlier).into()
            }
        };
        blocks.push(
            input(&block, q.def.text.clone(), element)
                .with_optional(!q.def.required)
                .into(),
        );
    }
    match preview {
        Some(_) => modal(
            lang,
            "survey-preview-title-plain",
            &Form::Survey(SurveyForm::Done),
            blocks,
            None,
        ),
        None => modal(
            lang,
            "survey-answer-title-plain",
            &Form::Survey(SurveyForm::Answer { run: screen.run }),
            blocks,
            Some("button-survey-send-plain"),
        ),
    }
}

/// The survey DM (or its reminder) with its Answer button.
pub fn survey_message(notice: &Notice, reader: &Reader) -> Option<SlackMessageContent> {
    let Notice::Survey {
        run_id,
        title,
        closes_at,
        reminder,
    } = notice
    else {
        return None;
    };
    let key = if *reminder {
        "survey-reminder-dm"
    } else {
        "survey-dm"
    };
    let text = t_args(
        reader.lang,
        key,
        &[
            ("title", &escape(title)),
            ("closes", &local_time(reader, *closes_at)),
        ],
    );
    let blocks = vec![
        section("survey.dm", text.clone()),
        buttons(
            "survey.dm.actions",
            vec![survey_button(
                reader.lang,
                SurveyAction::Answer { run: *run_id },
            )],
        ),
    ];
    Some(
        SlackMessageContent::new()
            .with_text(text)
            .with_blocks(blocks),
    )
}
