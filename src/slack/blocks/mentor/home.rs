//! The mentor's part of the App Home.

use chrono_tz::Tz;
use slack_morphism::prelude::*;

use super::{hours_summary, mentor_button, status_name};
use crate::app::actions::{Action, MentorAction};
use crate::app::screens::MentorHome;
use crate::domain::Lang;
use crate::i18n::{t, t_args, t_with};
use crate::slack::blocks::render::{buttons, context, divider, escape, section};

/// The mentor's part of the App Home, as `app::screens` decided it: each theme with its
/// buttons, then the hours.
pub fn home_blocks(lang: Lang, home: &MentorHome, tz: Tz) -> Vec<SlackBlock> {
    let mut blocks = vec![
        divider("home.mentor.divider"),
        section("home.mentor", t(lang, "home-mentor-header")),
    ];
    for row in &home.themes {
        let mt = &row.theme;
        let id = mt.theme.id;
        let text = if mt.theme.archived {
            // Archived by the program office: mentees do not see it, nothing to do here.
            t_args(
                lang,
                "home-mentor-theme-archived",
                &[("theme", &escape(&mt.theme.name))],
            )
        } else {
            t_args(
                lang,
                "home-mentor-theme",
                &[
                    ("theme", &escape(&mt.theme.name)),
                    ("status", &status_name(lang, mt.status)),
                ],
            )
        };
        blocks.push(section(&format!("home.mentor.theme.{id}"), text));
        if row.actions.is_empty() {
            continue;
        }
        let elements = row
            .actions
            .iter()
            .map(|action| mentor_button(lang, *action))
            .collect();
        blocks.push(
            SlackActionsBlock::new(elements)
                .with_block_id(format!("home.mentor.actions.{id}").into())
                .into(),
        );
    }
    if home.more_themes > 0 {
        blocks.push(context(
            "home.mentor.more",
            t_with(lang, "home-more", &[("count", home.more_themes.into())]),
        ));
    }
    let (hours, hours_saved) = (&home.hours, home.hours_saved);
    let summary = if hours_saved {
        hours_summary(lang, hours, tz)
    } else {
        t(lang, "home-hours-none")
    };
    blocks.push(section("home.mentor.hours", summary));
    blocks.push(buttons(
        "home.mentor.hours.actions",
        vec![(
            Action::Mentor(MentorAction::Hours),
            t(lang, "button-hours-plain"),
        )],
    ));
    blocks
}
