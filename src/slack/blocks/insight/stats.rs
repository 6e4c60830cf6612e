//! The program's analytics modal (admins; advisors within their themes), as
//! `app::screens::StatsScreen` decided it.

use slack_morphism::prelude::*;

use super::{cell_name, figures, insight_button, list_or_none, row, shown};
use crate::app::actions::{Form, InsightAction, InsightForm};
use crate::app::screens::{Coverage, StatsScreen};
use crate::domain::{Lang, UserId};
use crate::i18n::{t, t_args};
use crate::slack::blocks::admin::category_name;
use crate::slack::blocks::kit::modal;
use crate::slack::blocks::render::{divider, escape, fit, mention, section};

/// The program's analytics.
pub fn stats_view(lang: Lang, screen: &StatsScreen) -> SlackView {
    let coverage = match &screen.coverage {
        Coverage::All => t(lang, "stats-coverage-all"),
        Coverage::Scope(n) => t_args(lang, "stats-coverage-scope", &[("count", &n.to_string())]),
        Coverage::Theme(name) => t_args(lang, "stats-coverage-theme", &[("theme", &escape(name))]),
    };
    let mut blocks = vec![section("stats.coverage", coverage)];
    if let Some(back) = &screen.back {
        blocks.push(row("stats.back", lang, std::slice::from_ref(back)));
    }
    let months = screen
        .months
        .iter()
        .map(|m| {
            t_args(
                lang,
                "stats-month-line",
                &[
                    ("month", &m.month),
                    ("requested", &shown(lang, m.requested)),
                    ("held", &shown(lang, m.held)),
                    ("cancelled", &shown(lang, m.cancelled)),
                    ("expired", &shown(lang, m.expired)),
                ],
            )
        })
        .collect();
    blocks.push(section(
        "stats.months",
        format!(
            "{}\n{}",
            t(lang, "stats-months"),
            list_or_none(lang, months)
        ),
    ));
    blocks.push(section("stats.themes", t(lang, "stats-themes")));
    for (i, theme) in screen.themes.iter().enumerate() {
        let category = theme
            .category
            .map(|c| category_name(lang, c))
            .unwrap_or_default();
        let text = t_args(
            lang,
            "stats-theme-line",
            &[
                ("theme", &escape(&theme.name)),
                ("category", &category),
                ("requested", &shown(lang, theme.requested)),
                ("held", &shown(lang, theme.held)),
                ("ratings", &figures(lang, theme.ratings)),
            ],
        );
        let mut block = SlackSectionBlock::new()
            .with_block_id(format!("stats.theme.{i}").into())
            .with_text(md!(fit(text, 3000)));
        if !matches!(screen.coverage, Coverage::Theme(_)) {
            block = block.with_accessory(SlackSectionBlockElement::Button(insight_button(
                lang,
                &theme.action,
            )));
        }
        blocks.push(block.into());
    }
    let categories = screen
        .categories
        .iter()
        .map(|(c, r, h)| {
            t_args(
                lang,
                "stats-category-line",
                &[
                    (
                        "category",
                        &c.map(|c| category_name(lang, c)).unwrap_or_default(),
                    ),
                    ("requested", &shown(lang, *r)),
                    ("held", &shown(lang, *h)),
                ],
            )
        })
        .collect();
    blocks.push(section(
        "stats.categories",
        format!(
            "{}\n{}",
            t(lang, "stats-categories"),
            list_or_none(lang, categories)
        ),
    ));
    let load = screen
        .load
        .iter()
        .map(|(u, n)| format!("• {} {}", mention(u), shown(lang, *n)))
        .collect();
    let people = |list: &[UserId]| list.iter().map(mention).collect::<Vec<_>>().join(" ");
    let (never_total, never) = &screen.never_booked;
    blocks.push(section(
        "stats.load",
        format!(
            "{}\n{}\n{} {}\n{}",
            t(lang, "stats-load"),
            list_or_none(lang, load),
            t(lang, "stats-at-cap"),
            if screen.at_cap.is_empty() {
                t(lang, "insight-none")
            } else {
                people(&screen.at_cap)
            },
            t_args(
                lang,
                "stats-never-booked",
                &[
                    ("count", &shown(lang, *never_total)),
                    ("people", &people(never)),
                ]
            ),
        ),
    ));
    let without: Vec<String> = screen.without_mentor.iter().map(|n| escape(n)).collect();
    blocks.push(section(
        "stats.without",
        format!(
            "{}\n{}",
            t(lang, "stats-without-mentor"),
            list_or_none(lang, without.iter().map(|n| format!("• {n}")).collect())
        ),
    ));
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
    blocks.push(section(
        "stats.top",
        format!("{}\n{}", t(lang, "stats-top"), list_or_none(lang, top)),
    ));
    let first = &screen.first;
    blocks.push(section(
        "stats.first",
        t_args(
            lang,
            "stats-first",
            &[
                ("certified", &shown(lang, first.certified)),
                ("booked", &shown(lang, first.booked)),
                (
                    "days",
                    &first
                        .days_tenths
                        .map(|d| format!("{}.{}", d / 10, d % 10))
                        .unwrap_or_else(|| "—".into()),
                ),
            ],
        ),
    ));
    if !screen.tips.is_empty() {
        blocks.push(divider("stats.tips.divider"));
        blocks.push(section("stats.tips", t(lang, "stats-tips")));
    }
    for tip in &screen.tips {
        let mut text = format!(
            "*{}*\n{}",
            cell_name(lang, &tip.topic, &tip.response),
            escape(&tip.body)
        );
        if let Some(author) = &tip.author {
            text = format!("{text} — {}", mention(author));
        }
        let InsightAction::HideTip { tip: id } = tip.action else {
            continue;
        };
        blocks.push(
            SlackSectionBlock::new()
                .with_block_id(format!("stats.tip.{id}").into())
                .with_text(md!(fit(text, 3000)))
                .with_accessory(SlackSectionBlockElement::Button(
                    insight_button(lang, &tip.action).with_style(SlackBlockButtonStyle::Danger),
                ))
                .into(),
        );
    }
    modal(
        lang,
        "stats-title-plain",
        &Form::Insight(InsightForm::View),
        blocks,
        None,
    )
}
