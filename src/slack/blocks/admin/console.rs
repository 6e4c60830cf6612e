//! The admin console: a page of themes with their mentor counts and a menu each.

use slack_morphism::prelude::*;

use super::{action_label, category_name, modal, Ctx};
use crate::app::actions::{Action::Admin, AdminAction, AdminForm};
use crate::app::screens::ConsoleScreen;
use crate::domain::{Lang, MentorCounts};
use crate::i18n::{t, t_args, t_with};
use crate::slack::blocks::kit;
use crate::slack::blocks::render::{buttons, context, divider, escape, fit, section};

pub fn console(lang: Lang, screen: &ConsoleScreen) -> SlackView {
    let ctx = Ctx {
        page: screen.page(),
        archived: screen.include_archived,
        ..Ctx::default()
    };
    let label = |action: &AdminAction| t(lang, action_label(action));
    let mut blocks = vec![
        section(
            "console.intro",
            t_with(
                lang,
                "admin-console-intro",
                &[("total", screen.total.into())],
            ),
        ),
        buttons(
            "console.actions",
            screen
                .actions
                .iter()
                .map(|a| (Admin(a.clone()), label(a)))
                .collect(),
        ),
        divider("console.divider"),
    ];
    if screen.themes.is_empty() {
        blocks.push(section("console.empty", t(lang, "admin-console-empty")));
    }
    for row in &screen.themes {
        let theme = &row.theme;
        let mut text = t_args(
            lang,
            "admin-theme-line",
            &[
                ("name", &escape(&theme.name)),
                ("category", &category_name(lang, theme.category)),
            ],
        );
        if theme.archived {
            text = format!("{text}  {}", t(lang, "admin-theme-archived"));
        }
        text = format!("{text}\n{}", counts_line(lang, &row.counts));
        let menu = kit::overflow(
            row.menu
                .iter()
                .map(|a| (Admin(a.clone()), label(a)))
                .collect(),
        );
        blocks.push(
            SlackSectionBlock::new()
                .with_block_id(format!("theme.{}", theme.id).into())
                .with_text(md!(fit(text, 3000)))
                .with_accessory(SlackSectionBlockElement::Overflow(menu))
                .into(),
        );
    }
    if let Some(paging) = &screen.paging {
        blocks.push(context(
            "console.page",
            t_with(
                lang,
                "admin-page",
                &[
                    ("page", (paging.page + 1).into()),
                    ("pages", paging.pages.into()),
                ],
            ),
        ));
        let page = |a: &AdminAction| {
            let back = matches!(a, AdminAction::Page(p) if *p < paging.page);
            let key = if back {
                "button-prev-plain"
            } else {
                "button-next-plain"
            };
            (Admin(a.clone()), t(lang, key))
        };
        blocks.push(buttons(
            "console.paging",
            paging.actions.iter().map(page).collect(),
        ));
    }
    blocks.push(crate::slack::blocks::followup::console_nudges(
        lang,
        screen.nudge_weeks,
    ));
    blocks.push(crate::slack::blocks::insight::console_block(lang));
    blocks.push(crate::slack::blocks::survey::console_surveys(lang));
    modal(
        lang,
        "admin-title-plain",
        AdminForm::Console,
        blocks,
        &ctx,
        false,
    )
}

fn counts_line(lang: Lang, counts: &MentorCounts) -> String {
    t_with(
        lang,
        "admin-theme-counts",
        &[
            ("certified", counts.certified.into()),
            ("started", counts.started.into()),
            ("waiting", counts.waiting.into()),
        ],
    )
}
