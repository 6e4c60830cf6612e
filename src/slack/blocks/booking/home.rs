//! The 1on1 part of the App Home.

use slack_morphism::prelude::*;

use super::booking_button;
use crate::app::actions::{Action::Booking, BookingAction};
use crate::app::screens::{HomeOneOnOne, OneOnOnesHome};
use crate::domain::{OneOnOne, Reader};
use crate::i18n::{t, t_args, t_with};
use crate::slack::blocks::render::mention;
use crate::slack::blocks::render::{button, context, divider, escape, local_time, section};

/// The 1on1 part of the App Home, as `app::screens` decided it: requests to answer, then
/// upcoming 1on1s, each with its buttons, and how many more there are.
pub fn home_blocks(reader: &Reader, home: &OneOnOnesHome) -> Vec<SlackBlock> {
    let lang = reader.lang;
    let mut blocks = vec![divider("home.one.divider")];
    let rows = |blocks: &mut Vec<SlackBlock>, prefix: &str, rows: &[HomeOneOnOne]| {
        for row in rows {
            let id = row.one.id;
            blocks.push(section(
                &format!("{prefix}.{id}"),
                line(reader, &row.one, &row.theme),
            ));
            let mut buttons: Vec<_> = row
                .actions
                .iter()
                .filter_map(|a| booking_button(lang, a))
                .collect();
            buttons.extend(
                row.memo_actions
                    .iter()
                    .map(|a| crate::slack::blocks::memo::memo_button(lang, a)),
            );
            blocks.push(
                SlackActionsBlock::new(buttons)
                    .with_block_id(format!("{prefix}.{id}.actions").into())
                    .into(),
            );
        }
    };
    let more = |blocks: &mut Vec<SlackBlock>, block: &str, count: usize| {
        if count > 0 {
            blocks.push(context(
                block,
                t_with(lang, "home-more", &[("count", count.into())]),
            ));
        }
    };
    if !home.waiting.is_empty() {
        blocks.push(section("home.waiting", t(lang, "home-waiting-header")));
        rows(&mut blocks, "home.waiting", &home.waiting);
        more(&mut blocks, "home.waiting.more", home.more_waiting);
    }
    blocks.push(section("home.upcoming", t(lang, "home-upcoming-header")));
    if home.upcoming.is_empty() {
        blocks.push(context("home.upcoming.none", t(lang, "home-upcoming-none")));
    }
    rows(&mut blocks, "home.one", &home.upcoming);
    more(&mut blocks, "home.upcoming.more", home.more_upcoming);
    blocks.push(
        SlackActionsBlock::new(vec![SlackActionBlockElement::Button(
            button(&Booking(BookingAction::Find), &t(lang, "button-find-plain"))
                .with_style(SlackBlockButtonStyle::Primary),
        )])
        .with_block_id("home.find".into())
        .into(),
    );
    blocks
}

fn line(reader: &Reader, one: &OneOnOne, theme: &str) -> String {
    let other = if one.mentor == reader.user {
        &one.mentee
    } else {
        &one.mentor
    };
    t_args(
        reader.lang,
        "home-one-line",
        &[
            ("time", &local_time(reader, one.start)),
            ("theme", &escape(theme)),
            ("other", &mention(other)),
            (
                "status",
                &t(
                    reader.lang,
                    &format!("booking-status-{}", one.status.as_str()),
                ),
            ),
        ],
    )
}
