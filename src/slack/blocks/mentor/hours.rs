//! The hours form and the one-line summary of the hours on the App Home.

use chrono::NaiveDate;
use chrono_tz::Tz;
use slack_morphism::prelude::*;

use super::{inputs, modal, select};
use crate::app::actions::MentorForm;
use crate::app::errors::UserError;
use crate::app::forms::{cap_value, CAP_COUNTS, HORIZON_WEEKS, NOTICE_HOURS};
use crate::app::mentor::HoursScreen;
use crate::domain::availability::{Cap, Hours, WindowError, SLOT_LENGTHS};
use crate::domain::Lang;
use crate::i18n::{t, t_args, t_with};
use crate::slack::blocks::kit::{input, option, text_option};
use crate::slack::blocks::render::{message_text, section};

fn day_windows(hours: &Hours, day: u8) -> String {
    hours.typed_windows(day)
}

/// The hours form: one line per weekday, then the rules.
pub fn hours_form(lang: Lang, screen: &HoursScreen) -> SlackView {
    let (hours, tz) = (&screen.hours, screen.tz);
    let mut blocks: Vec<SlackBlock> = vec![section(
        "hours.intro",
        t_args(lang, "hours-intro", &[("tz", tz.name())]),
    )];
    for day in 0..7u8 {
        let block = inputs::day(day);
        let mut e = SlackBlockPlainTextInputElement::new()
            .with_action_id(block.clone().into())
            .with_max_length(200);
        let current = day_windows(hours, day);
        if !current.is_empty() {
            e = e.with_initial_value(current);
        }
        blocks.push(
            input(&block, t(lang, &format!("day-{day}-plain")), e.into())
                .with_optional(true)
                .with_hint(pt!(t(lang, "hours-day-hint-plain")))
                .into(),
        );
    }
    let n = |key: &str, n: u32| t_with(lang, key, &[("n", n.into())]);
    let slots = SLOT_LENGTHS
        .iter()
        .map(|m| option(n("hours-minutes-plain", *m), m.to_string()))
        .collect();
    blocks.push(
        input(
            inputs::SLOT,
            t(lang, "hours-slot-label-plain"),
            select(inputs::SLOT, slots, Some(&hours.slot_minutes.to_string())),
        )
        .into(),
    );
    let horizons = HORIZON_WEEKS
        .iter()
        .map(|w| option(n("hours-weeks-plain", *w), (w * 7).to_string()))
        .collect();
    blocks.push(
        input(
            inputs::HORIZON,
            t(lang, "hours-horizon-label-plain"),
            select(
                inputs::HORIZON,
                horizons,
                Some(&hours.horizon_days.to_string()),
            ),
        )
        .into(),
    );
    let notices = NOTICE_HOURS
        .iter()
        .map(|h| {
            let label = if *h >= 24 && h % 24 == 0 {
                n("hours-notice-days-plain", h / 24)
            } else {
                n("hours-notice-hours-plain", *h)
            };
            option(label, h.to_string())
        })
        .collect();
    blocks.push(
        input(
            inputs::NOTICE,
            t(lang, "hours-notice-label-plain"),
            select(
                inputs::NOTICE,
                notices,
                Some(&hours.notice_hours.to_string()),
            ),
        )
        .into(),
    );
    let mut caps = vec![option(t(lang, "hours-cap-none-plain"), cap_value(None))];
    caps.extend(CAP_COUNTS.iter().map(|c| {
        option(
            n("hours-cap-week-plain", *c),
            cap_value(Some(Cap::PerWeek(*c))),
        )
    }));
    caps.extend(CAP_COUNTS.iter().map(|c| {
        option(
            n("hours-cap-month-plain", *c),
            cap_value(Some(Cap::PerMonth(*c))),
        )
    }));
    let current_cap = cap_value(hours.cap);
    blocks.push(
        input(
            inputs::CAP,
            t(lang, "hours-cap-label-plain"),
            select(inputs::CAP, caps, Some(&current_cap)),
        )
        .into(),
    );
    let mut away = SlackBlockDatePickerElement::new().with_action_id(inputs::AWAY.into());
    if let Some(date) = hours.away_until {
        away = away.with_initial_date(date.format("%Y-%m-%d").to_string());
    }
    blocks.push(
        input(inputs::AWAY, t(lang, "hours-away-label-plain"), away.into())
            .with_optional(true)
            .into(),
    );
    let auto = text_option(t(lang, "hours-auto-option-plain"), "auto");
    let mut auto_box =
        SlackBlockCheckboxesElement::new(vec![auto.clone()]).with_action_id(inputs::AUTO.into());
    if hours.auto_accept {
        auto_box = auto_box.with_initial_options(vec![auto]);
    }
    blocks.push(
        input(
            inputs::AUTO,
            t(lang, "hours-auto-label-plain"),
            auto_box.into(),
        )
        .with_optional(true)
        .into(),
    );
    modal(lang, "hours-title-plain", MentorForm::Hours, blocks, true)
}

/// A window error as the mentor reads it.
pub fn window_error(lang: Lang, error: &WindowError) -> String {
    message_text(lang, &error.message())
}

/// One line summing up the hours, for the App Home.
pub fn hours_summary(lang: Lang, hours: &Hours, tz: Tz) -> String {
    let windows = (0..7u8)
        .filter_map(|day| {
            let list = day_windows(hours, day);
            (!list.is_empty()).then(|| format!("{} {list}", t(lang, &format!("weekday-{day}"))))
        })
        .collect::<Vec<_>>()
        .join(" · ");
    let cap = match hours.cap {
        None => String::new(),
        Some(Cap::PerWeek(c)) => t_with(lang, "home-hours-cap-week", &[("count", c.into())]),
        Some(Cap::PerMonth(c)) => t_with(lang, "home-hours-cap-month", &[("count", c.into())]),
    };
    let away = hours
        .away_until
        .map(|d: NaiveDate| {
            t_args(
                lang,
                "home-hours-away",
                &[("date", &d.format("%Y-%m-%d").to_string())],
            )
        })
        .unwrap_or_default();
    let auto = if hours.auto_accept {
        t(lang, "home-hours-auto")
    } else {
        String::new()
    };
    let rules = t_with(
        lang,
        "home-hours-rules",
        &[
            ("slot", hours.slot_minutes.into()),
            ("horizon", hours.horizon_days.into()),
            ("notice", hours.notice_hours.into()),
            ("cap", (&cap).into()),
            ("away", (&away).into()),
            ("auto", (&auto).into()),
        ],
    );
    format!(
        "{}\n{rules}",
        t_args(
            lang,
            "home-hours",
            &[("tz", tz.name()), ("windows", &windows)]
        )
    )
}
