//! Mentor insight, program analytics and the tip dialog as Adaptive Cards, drawn from the same
//! `app::screens` view models as Slack's modals (which already hid every group under 3).

use serde_json::{json, Value};

use super::kit::{
    action_button, action_set, bold, card, choice_set, error_texts, escape, heading, md, name_of,
    required, separated, small, submit, text, text_input, with_errors, Names,
};
use crate::app::actions::{Action, Form, InsightAction, InsightForm};
use crate::app::errors::Message;
use crate::app::insight::TipDraft;
use crate::app::screens::{
    CellView, Coverage, InsightScreen, Shown, StatsScreen, TipForm, TopicName,
};
use crate::domain::insight::{Figures, TIP_MAX};
use crate::domain::{Lang, Reader, UserId};
use crate::i18n::{response_label, t, t_args};

/// The tip dialog's inputs (Teams sends each value under its id).
pub mod tip_inputs {
    pub const TOPIC: &str = "topic";
    pub const RESPONSE: &str = "response";
    pub const BODY: &str = "tip";
    pub const SIGNED: &str = "signed";
}

fn topic_text(lang: Lang, topic: &TopicName) -> String {
    match topic {
        TopicName::Default(key) => t(lang, &format!("topic-{key}")),
        TopicName::Custom(name) => name.clone(),
        TopicName::Other => t(lang, "topic-other-plain"),
    }
}

/// "topic × response", the topic escaped (an admin-added name is typed text).
fn cell_name(lang: Lang, topic: &TopicName, response: &str) -> String {
    format!(
        "{} × {}",
        escape(&topic_text(lang, topic)),
        response_label(lang, response)
    )
}

/// スッキリ度, "got it" and n — or "not enough ratings yet" under 3 ratings.
fn figures(lang: Lang, figures: Option<Figures>) -> String {
    let Some(f) = figures else {
        return t(lang, "insight-not-enough");
    };
    let clarity = format!("{}.{}", f.clarity_tenths / 10, f.clarity_tenths % 10);
    t_args(
        lang,
        "insight-figures",
        &[
            ("clarity", &clarity),
            ("got", &f.got_percent.to_string()),
            ("ratings", &f.ratings.to_string()),
        ],
    )
}

/// A count, or "fewer than 3" where the reader may not see it.
fn shown(lang: Lang, n: Shown) -> String {
    n.map_or_else(|| t(lang, "insight-too-few"), |n| n.to_string())
}

/// A heading line and its list, "none" when empty.
fn titled_list(lang: Lang, title_key: &str, lines: Vec<String>) -> Value {
    let list = if lines.is_empty() {
        t(lang, "insight-none")
    } else {
        lines.join("\n")
    };
    text(md(&format!("{}\n{list}", t(lang, title_key))))
}

fn insight_button(lang: Lang, action: &InsightAction) -> Value {
    action_button(lang, &Action::Insight(action.clone()))
}

fn cell_text(lang: Lang, cell: &CellView) -> Value {
    text(md(&t_args(
        lang,
        "insight-cell",
        &[
            ("cell", &cell_name(lang, &cell.topic, &cell.response)),
            ("mine", &figures(lang, cell.mine)),
            ("program", &figures(lang, cell.program)),
        ],
    )))
}

/// A mentor's insight by topic × expected response beside the program's, strongest and
/// weakest, and the button that opens the tip dialog.
pub fn insight_card(screen: &InsightScreen, reader: &Reader) -> Value {
    let lang = reader.lang;
    let mut body = vec![
        heading(t(lang, "insight-title-plain")),
        text(md(&t(lang, "insight-intro"))),
    ];
    if let (Some(best), Some(worst)) = (&screen.strongest, &screen.weakest) {
        let line = |key: &str, c: &CellView| {
            t_args(
                lang,
                key,
                &[("cell", &cell_name(lang, &c.topic, &c.response))],
            )
        };
        body.push(text(md(&format!(
            "{}\n{}",
            line("insight-strongest", best),
            line("insight-weakest", worst)
        ))));
    }
    if screen.cells.is_empty() {
        body.push(text(md(&t(lang, "insight-empty"))));
    }
    body.extend(screen.cells.iter().enumerate().map(|(i, cell)| match i {
        0 => separated(cell_text(lang, cell)),
        _ => cell_text(lang, cell),
    }));
    if screen.more > 0 {
        body.push(small(md(&t_args(
            lang,
            "insight-more",
            &[("count", &screen.more.to_string())],
        ))));
    }
    let actions = screen
        .actions
        .iter()
        .map(|a| insight_button(lang, a))
        .collect();
    card(body, actions)
}

fn coverage(lang: Lang, coverage: &Coverage) -> String {
    match coverage {
        Coverage::All => t(lang, "stats-coverage-all"),
        Coverage::Scope(n) => t_args(lang, "stats-coverage-scope", &[("count", &n.to_string())]),
        Coverage::Theme(name) => t_args(lang, "stats-coverage-theme", &[("theme", &escape(name))]),
    }
}

/// The program's analytics (admins; advisors within their themes): months, themes (each with
/// the button narrowing the analytics to it), categories, load, most asked, new mentors, and
/// for admins the newest tips with Hide.
pub fn stats_card(screen: &StatsScreen, reader: &Reader, names: &Names) -> Value {
    let lang = reader.lang;
    let person = |u: &UserId| bold(&name_of(lang, names, u));
    let people = |list: &[UserId]| list.iter().map(person).collect::<Vec<_>>().join(", ");
    let mut body = vec![
        heading(t(lang, "stats-title-plain")),
        text(md(&coverage(lang, &screen.coverage))),
    ];
    body.extend(
        screen
            .back
            .iter()
            .filter_map(|b| action_set(vec![insight_button(lang, b)])),
    );
    let months = screen
        .months
        .iter()
        .map(|m| {
            let args = [
                ("month", m.month.clone()),
                ("requested", shown(lang, m.requested)),
                ("held", shown(lang, m.held)),
                ("cancelled", shown(lang, m.cancelled)),
                ("expired", shown(lang, m.expired)),
            ];
            let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
            t_args(lang, "stats-month-line", &args)
        })
        .collect();
    body.push(separated(titled_list(lang, "stats-months", months)));
    body.push(separated(text(md(&t(lang, "stats-themes")))));
    let narrowed = matches!(screen.coverage, Coverage::Theme(_));
    for theme in &screen.themes {
        let category = theme
            .category
            .map(|c| t(lang, &format!("category-{}", c.as_str())))
            .unwrap_or_default();
        body.push(text(md(&t_args(
            lang,
            "stats-theme-line",
            &[
                ("theme", &escape(&theme.name)),
                ("category", &category),
                ("requested", &shown(lang, theme.requested)),
                ("held", &shown(lang, theme.held)),
                ("ratings", &figures(lang, theme.ratings)),
            ],
        ))));
        if !narrowed {
            body.extend(action_set(vec![insight_button(lang, &theme.action)]));
        }
    }
    if screen.themes.is_empty() {
        body.push(text(t(lang, "insight-none")));
    }
    let categories = screen
        .categories
        .iter()
        .map(|(c, r, h)| {
            let name = c
                .map(|c| t(lang, &format!("category-{}", c.as_str())))
                .unwrap_or_default();
            t_args(
                lang,
                "stats-category-line",
                &[
                    ("category", &name),
                    ("requested", &shown(lang, *r)),
                    ("held", &shown(lang, *h)),
                ],
            )
        })
        .collect();
    body.push(separated(titled_list(lang, "stats-categories", categories)));
    let load = screen
        .load
        .iter()
        .map(|(u, n)| format!("• {} {}", person(u), shown(lang, *n)))
        .collect();
    body.push(separated(titled_list(lang, "stats-load", load)));
    let at_cap = if screen.at_cap.is_empty() {
        t(lang, "insight-none")
    } else {
        people(&screen.at_cap)
    };
    let (never_total, never) = &screen.never_booked;
    body.push(text(md(&format!(
        "{} {at_cap}\n{}",
        t(lang, "stats-at-cap"),
        t_args(
            lang,
            "stats-never-booked",
            &[
                ("count", &shown(lang, *never_total)),
                ("people", &people(never)),
            ],
        )
    ))));
    let without = screen
        .without_mentor
        .iter()
        .map(|n| format!("• {}", escape(n)))
        .collect();
    body.push(separated(titled_list(
        lang,
        "stats-without-mentor",
        without,
    )));
    let top = screen
        .top
        .iter()
        .map(|(topic, response, n)| {
            format!(
                "• {} ({})",
                cell_name(lang, topic, response),
                shown(lang, *n)
            )
        })
        .collect();
    body.push(separated(titled_list(lang, "stats-top", top)));
    let first = &screen.first;
    let days = first
        .days_tenths
        .map_or_else(|| "—".to_string(), |d| format!("{}.{}", d / 10, d % 10));
    body.push(separated(text(md(&t_args(
        lang,
        "stats-first",
        &[
            ("certified", &shown(lang, first.certified)),
            ("booked", &shown(lang, first.booked)),
            ("days", &days),
        ],
    )))));
    if !screen.tips.is_empty() {
        body.push(separated(text(md(&t(lang, "stats-tips")))));
    }
    for tip in &screen.tips {
        let mut line = format!(
            "**{}**\n{}",
            cell_name(lang, &tip.topic, &tip.response),
            escape(&tip.body)
        );
        if let Some(author) = &tip.author {
            line = format!("{line} — {}", person(author));
        }
        body.push(text(line));
        body.extend(action_set(vec![insight_button(lang, &tip.action)]));
    }
    card(body, Vec::new())
}

/// Everyone the analytics name: the mentors' load, those at their cap or never booked, the
/// tips' signed authors.
pub fn stats_people(screen: &StatsScreen) -> Vec<UserId> {
    let mut people: Vec<UserId> = screen.load.iter().map(|(u, _)| u.clone()).collect();
    people.extend(screen.at_cap.iter().cloned());
    people.extend(screen.never_booked.1.iter().cloned());
    people.extend(screen.tips.iter().filter_map(|t| t.author.clone()));
    people
}

/// The dialog for a tip to other mentors: topic, expected response, the tip and whether to
/// sign it, `entered` kept and each field's errors under it when it comes back.
pub fn tip_dialog(
    form: &TipForm,
    reader: &Reader,
    entered: &TipDraft,
    errors: &[(&str, Message)],
) -> Value {
    let lang = reader.lang;
    let topics: Vec<(String, String)> = form
        .topics
        .iter()
        .map(|(key, name)| (topic_text(lang, name), key.clone()))
        .collect();
    let responses: Vec<(String, String)> = form
        .responses
        .iter()
        .map(|r| (response_label(lang, r), r.clone()))
        .collect();
    let fields = vec![
        required(
            choice_set(
                tip_inputs::TOPIC,
                t(lang, "insight-tip-topic-plain"),
                &topics,
                entered.topic.as_deref(),
            ),
            t(lang, "teams-choose-one"),
        ),
        required(
            choice_set(
                tip_inputs::RESPONSE,
                t(lang, "insight-tip-response-plain"),
                &responses,
                entered.response.as_deref(),
            ),
            t(lang, "teams-choose-one"),
        ),
        required(
            text_input(
                tip_inputs::BODY,
                t(lang, "insight-tip-body-plain"),
                &entered.body,
                TIP_MAX,
                true,
            ),
            t(lang, "insight-tip-empty"),
        ),
        json!({
            "type": "Input.Toggle",
            "id": tip_inputs::SIGNED,
            "label": t(lang, "insight-tip-signed-plain"),
            "title": t(lang, "insight-tip-sign-plain"),
            "valueOn": "true",
            "valueOff": "false",
            "value": if entered.signed { "true" } else { "false" },
        }),
    ];
    let mut body = vec![text(md(&t(lang, "insight-tip-intro")))];
    body.extend(with_errors(fields, &error_texts(reader, errors)));
    card(
        body,
        vec![submit(
            &t(lang, "button-save-plain"),
            &Form::Insight(InsightForm::Tip),
        )],
    )
}
