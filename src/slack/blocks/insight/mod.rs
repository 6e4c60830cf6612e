//! Block Kit for mentor insight, program analytics, tips and an advisor's scope, drawn from
//! `app::screens` view models (which already hid every group under 3).

use slack_morphism::prelude::*;

use super::kit::{input, modal, option, static_select, text_input, text_option};
use super::render::{button, buttons, context, divider, escape, mention, section};
use crate::app::actions::{Action, Form, InsightAction, InsightForm};
use crate::app::screens::{
    insight_home_actions, CellView, InsightScreen, ScopeForm, Shown, TipForm, TopicName,
};
use crate::domain::insight::{Figures, TIP_MAX};

mod stats;
use crate::domain::{Lang, Roles, UserId};
use crate::i18n::{response_label, t, t_args};
pub use stats::stats_view;
mod surveys;
pub use surveys::stats_with_surveys_view;

/// Input block ids (each element's action id is the same).
pub mod inputs {
    pub const TOPIC: &str = "insight.topic";
    pub const RESPONSE: &str = "insight.response";
    pub const BODY: &str = "insight.body";
    pub const SIGNED: &str = "insight.signed";
    pub const THEMES: &str = "insight.themes";
}

fn label(lang: Lang, action: &InsightAction) -> String {
    let key = match action {
        InsightAction::Mine => "button-insight-mine-plain",
        InsightAction::Stats { theme: None } => "button-insight-stats-plain",
        InsightAction::Stats { theme: Some(_) } => "button-insight-theme-plain",
        InsightAction::WriteTip => "button-insight-tip-plain",
        InsightAction::HideTip { .. } => "button-insight-hide-plain",
        InsightAction::Scope { .. } => "button-insight-scope-plain",
    };
    t(lang, key)
}

fn insight_button(lang: Lang, action: &InsightAction) -> SlackBlockButtonElement {
    button(&Action::Insight(action.clone()), &label(lang, action))
}

fn row(block_id: &str, lang: Lang, actions: &[InsightAction]) -> SlackBlock {
    buttons(
        block_id,
        actions
            .iter()
            .map(|a| (Action::Insight(a.clone()), label(lang, a)))
            .collect(),
    )
}

/// The Home's insight buttons (none for someone who is only a mentee).
pub fn home_blocks(lang: Lang, roles: &Roles) -> Vec<SlackBlock> {
    let actions = insight_home_actions(roles);
    if actions.is_empty() {
        return Vec::new();
    }
    vec![
        divider("home.insight.divider"),
        section("home.insight", t(lang, "home-insight-header")),
        row("home.insight.actions", lang, &actions),
    ]
}

/// The admin console's "Program stats" entry.
pub fn console_block(lang: Lang) -> SlackBlock {
    row(
        "console.stats",
        lang,
        &[InsightAction::Stats { theme: None }],
    )
}

/// The "Themes" button under an advisor in the Roles modal.
pub fn scope_button(lang: Lang, advisor: &UserId) -> SlackBlock {
    row(
        &format!("holder.scope.{advisor}"),
        lang,
        &[InsightAction::Scope {
            advisor: advisor.clone(),
        }],
    )
}

/// Other mentors' tips in a pre-1on1 brief.
pub fn brief_tips(lang: Lang, tips: &[(Option<UserId>, String)], block_id: &str) -> SlackBlock {
    let lines: Vec<String> = tips
        .iter()
        .map(|(author, text)| match author {
            Some(a) => format!("• {} — {}", escape(text), mention(a)),
            None => format!("• {}", escape(text)),
        })
        .collect();
    section(
        block_id,
        format!("{}\n{}", t(lang, "dm-brief-tips"), lines.join("\n")),
    )
}

fn topic_text(lang: Lang, topic: &TopicName) -> String {
    match topic {
        TopicName::Default(key) => t(lang, &format!("topic-{key}")),
        TopicName::Custom(name) => name.clone(),
        TopicName::Other => t(lang, "topic-other-plain"),
    }
}

fn cell_name(lang: Lang, topic: &TopicName, response: &str) -> String {
    format!(
        "{} × {}",
        escape(&topic_text(lang, topic)),
        response_label(lang, response)
    )
}

fn figures(lang: Lang, f: Option<Figures>) -> String {
    match f {
        Some(f) => t_args(
            lang,
            "insight-figures",
            &[
                (
                    "clarity",
                    &format!("{}.{}", f.clarity_tenths / 10, f.clarity_tenths % 10),
                ),
                ("got", &f.got_percent.to_string()),
                ("ratings", &f.ratings.to_string()),
            ],
        ),
        None => t(lang, "insight-not-enough"),
    }
}

fn shown(lang: Lang, n: Shown) -> String {
    n.map(|n| n.to_string())
        .unwrap_or_else(|| t(lang, "insight-too-few"))
}

fn cell_line(lang: Lang, key: &str, cell: &CellView) -> String {
    t_args(
        lang,
        key,
        &[
            ("cell", &cell_name(lang, &cell.topic, &cell.response)),
            ("mine", &figures(lang, cell.mine)),
            ("program", &figures(lang, cell.program)),
        ],
    )
}

/// A mentor's insight by topic x expected response.
pub fn insight_view(lang: Lang, screen: &InsightScreen) -> SlackView {
    let mut blocks = vec![section("insight.intro", t(lang, "insight-intro"))];
    if let (Some(best), Some(worst)) = (&screen.strongest, &screen.weakest) {
        blocks.push(section(
            "insight.extremes",
            format!(
                "{}\n{}",
                t_args(
                    lang,
                    "insight-strongest",
                    &[("cell", &cell_name(lang, &best.topic, &best.response))]
                ),
                t_args(
                    lang,
                    "insight-weakest",
                    &[("cell", &cell_name(lang, &worst.topic, &worst.response))]
                ),
            ),
        ));
    }
    if screen.cells.is_empty() {
        blocks.push(section("insight.empty", t(lang, "insight-empty")));
    }
    for (i, cell) in screen.cells.iter().enumerate() {
        blocks.push(section(
            &format!("insight.cell.{i}"),
            cell_line(lang, "insight-cell", cell),
        ));
    }
    if screen.more > 0 {
        blocks.push(context(
            "insight.more",
            t_args(lang, "insight-more", &[("count", &screen.more.to_string())]),
        ));
    }
    blocks.push(row("insight.actions", lang, &screen.actions));
    modal(
        lang,
        "insight-title-plain",
        &Form::Insight(InsightForm::View),
        blocks,
        None,
    )
}

fn list_or_none(lang: Lang, lines: Vec<String>) -> String {
    if lines.is_empty() {
        t(lang, "insight-none")
    } else {
        lines.join("\n")
    }
}

/// The form for a tip to other mentors.
pub fn tip_view(lang: Lang, form: &TipForm) -> SlackView {
    let topics = form
        .topics
        .iter()
        .map(|(key, name)| option(topic_text(lang, name), key.clone()))
        .collect();
    let responses = form
        .responses
        .iter()
        .map(|r| option(response_label(lang, r), r.clone()))
        .collect();
    let signed = SlackBlockCheckboxesElement::new(vec![text_option(
        t(lang, "insight-tip-sign-plain"),
        "signed",
    )])
    .with_action_id(inputs::SIGNED.into());
    let blocks = vec![
        section("insight.tip.intro", t(lang, "insight-tip-intro")),
        input(
            inputs::TOPIC,
            t(lang, "insight-tip-topic-plain"),
            static_select(inputs::TOPIC, topics, None).into(),
        )
        .into(),
        input(
            inputs::RESPONSE,
            t(lang, "insight-tip-response-plain"),
            static_select(inputs::RESPONSE, responses, None).into(),
        )
        .into(),
        input(
            inputs::BODY,
            t(lang, "insight-tip-body-plain"),
            text_input(inputs::BODY, "", TIP_MAX as u64, true),
        )
        .into(),
        input(
            inputs::SIGNED,
            t(lang, "insight-tip-signed-plain"),
            signed.into(),
        )
        .with_optional(true)
        .into(),
    ];
    modal(
        lang,
        "insight-tip-title-plain",
        &Form::Insight(InsightForm::Tip),
        blocks,
        Some("button-save-plain"),
    )
}

/// An advisor's scope of themes, as the office edits it.
pub fn scope_view(lang: Lang, form: &ScopeForm) -> SlackView {
    let options: Vec<_> = form
        .themes
        .iter()
        .map(|(id, name, _)| option(name.clone(), id.to_string()))
        .collect();
    let chosen: Vec<_> = options
        .iter()
        .zip(&form.themes)
        .filter(|(_, (_, _, on))| *on)
        .map(|(o, _)| o.clone())
        .collect();
    let mut select = SlackBlockMultiStaticSelectElement::new()
        .with_action_id(inputs::THEMES.into())
        .with_options(options);
    if !chosen.is_empty() {
        select = select.with_initial_options(chosen);
    }
    let blocks = vec![
        section(
            "insight.scope.intro",
            t_args(
                lang,
                "insight-scope-intro",
                &[("advisor", &mention(&form.advisor))],
            ),
        ),
        input(
            inputs::THEMES,
            t(lang, "insight-scope-themes-plain"),
            select.into(),
        )
        .with_optional(true)
        .into(),
    ];
    modal(
        lang,
        "insight-scope-title-plain",
        &Form::Insight(InsightForm::Scope {
            advisor: form.advisor.clone(),
        }),
        blocks,
        Some("button-save-plain"),
    )
}

/// A one-line modal (saved, refused).
pub fn notice_view(lang: Lang, text: String) -> SlackView {
    modal(
        lang,
        "insight-title-plain",
        &Form::Insight(InsightForm::View),
        vec![section("insight.done", text)],
        None,
    )
}
