//! Block Kit for a survey's results as `app::surveys::results` decided them for the reader:
//! every aggregate or "not enough answers yet", and the admins-only parts when present.

use slack_morphism::prelude::*;

use super::kit::modal;
use super::render::{escape, mention, section};
use crate::app::actions::{Form, SurveyForm};
use crate::app::surveys::results::{QuestionSummary, SurveyResults, TrendRow};
use crate::domain::Lang;
use crate::i18n::{t, t_args, t_with};

fn average(tenths: u32) -> String {
    format!("{}.{}", tenths / 10, tenths % 10)
}

fn trend_lines(lang: Lang, rows: &[TrendRow]) -> String {
    rows.iter()
        .map(|r| match r.average_tenths {
            Some(avg) => t_with(
                lang,
                "survey-results-trend",
                &[
                    ("label", r.label.as_str().into()),
                    ("avg", average(avg).as_str().into()),
                    ("n", r.answered.into()),
                ],
            ),
            None => t_args(lang, "survey-results-trend-hidden", &[("label", &r.label)]),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The results as `app::surveys::results` decided them for this reader.
pub fn results_view(lang: Lang, r: &SurveyResults) -> SlackView {
    let hidden = || t(lang, "survey-results-hidden");
    let mut blocks = vec![section(
        "survey.results.title",
        t_args(lang, "survey-results-head", &[("title", &escape(&r.title))]),
    )];
    blocks.push(section("survey.results.rate", r.rate_line(lang)));
    blocks.push(section("survey.results.growth", r.growth_line(lang)));
    for (id, head, rows) in [
        (
            "survey.results.month",
            "survey-results-by-month",
            &r.by_month,
        ),
        (
            "survey.results.theme",
            "survey-results-by-theme",
            &r.by_theme,
        ),
    ] {
        if !rows.is_empty() {
            blocks.push(section(
                id,
                format!("{}\n{}", t(lang, head), trend_lines(lang, rows)),
            ));
        }
    }
    for (i, q) in r.questions.iter().enumerate() {
        let text = match &q.summary {
            QuestionSummary::Hidden => hidden(),
            QuestionSummary::Average(avg) => {
                t_args(lang, "survey-results-average", &[("avg", &average(*avg))])
            }
            QuestionSummary::Choices(counts) => counts
                .iter()
                .map(|(c, n)| format!("{c}: {n}"))
                .collect::<Vec<_>>()
                .join(" · "),
            QuestionSummary::Texts => {
                t_with(lang, "survey-results-texts", &[("n", q.answered.into())])
            }
        };
        blocks.push(section(
            &format!("survey.results.q.{i}"),
            format!("*{}*\n{text}", escape(&q.text)),
        ));
    }
    if let Some(free) = &r.free_text {
        for (i, (question, texts)) in free.iter().enumerate() {
            let list: String = texts.iter().map(|t| format!("\n• {}", escape(t))).collect();
            blocks.push(section(
                &format!("survey.results.text.{i}"),
                format!(
                    "{}{list}",
                    t_args(
                        lang,
                        "survey-results-free-text",
                        &[("question", &escape(question))]
                    )
                ),
            ));
        }
    }
    if let Some(low) = &r.low_scores {
        let lines: String = low
            .iter()
            .map(|l| format!("\n• {} — {}", mention(&l.user), l.growth))
            .collect();
        let none = if low.is_empty() {
            format!("\n{}", t(lang, "survey-results-low-none"))
        } else {
            String::new()
        };
        blocks.push(section(
            "survey.results.low",
            format!(
                "{}{lines}{none}",
                t_with(
                    lang,
                    "survey-results-low",
                    &[("max", u32::from(r.low_growth).into())]
                )
            ),
        ));
    }
    modal(
        lang,
        "survey-results-title-plain",
        &Form::Survey(SurveyForm::Done),
        blocks,
        None,
    )
}
