//! Block Kit for series and nudges: their DMs, the series fields of the request form, what
//! the mentee sees once a series is sent, the Home's nudge switch and the office's nudge
//! block and settings.

use slack_morphism::prelude::*;

use super::kit::{input, modal, option, static_select, text_input};
use super::render::{buttons, divider, message_mrkdwn, section};
use crate::app::actions::{
    Action, BookingAction, BookingForm, Form, NudgeAction, NudgeForm, SeriesAction,
};
use crate::app::errors::Message;
use crate::app::screens::{series_sent, Entered, FollowupDm, NudgesHome};
use crate::app::series::SeriesSent;
use crate::domain::followup::{FollowupNotice, NUDGE_WEEKS_MAX};
use crate::domain::{Lang, Reader};
use crate::i18n::{t, t_args, t_with};
use crate::slack::blocks::render::fit;

/// Block and action ids of the series fields and the nudge settings.
pub mod inputs {
    pub const EVERY: &str = "series.every";
    pub const COUNT: &str = "series.count";
    pub const WEEKS: &str = "nudge.weeks";
}

/// A button's label, by what it does.
fn label(lang: Lang, action: &Action) -> String {
    let key = match action {
        Action::Series(SeriesAction::Accept { .. }) => "button-series-accept-plain",
        Action::Series(SeriesAction::Decline { .. }) => "button-series-decline-plain",
        Action::Booking(BookingAction::BookNext { .. }) => "button-book-again-plain",
        Action::Booking(BookingAction::Accept { .. }) => "button-accept-plain",
        Action::Booking(BookingAction::Decline { .. }) => "button-decline-plain",
        Action::Nudge(NudgeAction::Off) => "button-nudges-off-plain",
        Action::Nudge(NudgeAction::On) => "button-nudges-on-plain",
        _ => "button-nudge-settings-plain",
    };
    t(lang, key)
}

/// Paragraphs with a bulleted list under the first one.
fn lines_with_list(reader: &Reader, lines: &[Message], list: &[Message]) -> Vec<String> {
    lines
        .iter()
        .enumerate()
        .map(|(i, line)| {
            let mut text = message_mrkdwn(reader, line);
            if i == 0 && !list.is_empty() {
                for item in list {
                    text.push_str(&format!("\n• {}", message_mrkdwn(reader, item)));
                }
            }
            fit(text, 3000)
        })
        .collect()
}

/// A DM about a series or a nudge, as `app::screens::FollowupDm` decided it.
pub fn followup_message(notice: &FollowupNotice, reader: &Reader) -> SlackMessageContent {
    let dm = FollowupDm::decide(notice, &reader.user);
    let texts = lines_with_list(reader, &dm.lines, &dm.list);
    let mut blocks: Vec<SlackBlock> = texts
        .iter()
        .enumerate()
        .map(|(i, text)| section(&format!("followup.{i}"), text.clone()))
        .collect();
    if !dm.actions.is_empty() {
        let items = dm
            .actions
            .iter()
            .map(|a| (a.clone(), label(reader.lang, a)))
            .collect();
        blocks.push(buttons("followup.actions", items));
    }
    SlackMessageContent::new()
        .with_text(texts.first().cloned().unwrap_or_default())
        .with_blocks(blocks)
}

/// The series fields of the request form: how often (or once), and how many times (what the
/// mentee entered kept).
pub fn series_fields(
    lang: Lang,
    every_weeks: &[u32],
    max: u32,
    entered: &Entered,
) -> Vec<SlackBlock> {
    let mut options = vec![option(t(lang, "series-once-plain"), "once".into())];
    options.extend(every_weeks.iter().map(|w| {
        option(
            t_with(
                lang,
                "series-every-plain",
                &[("weeks", (*w as usize).into())],
            ),
            w.to_string(),
        )
    }));
    vec![
        input(
            inputs::EVERY,
            t(lang, "series-every-label-plain"),
            static_select(inputs::EVERY, options, entered.every.as_deref()).into(),
        )
        .with_optional(true)
        .into(),
        input(
            inputs::COUNT,
            t_with(
                lang,
                "series-count-label-plain",
                &[("max", (max as usize).into())],
            ),
            text_input(inputs::COUNT, &entered.count, 2, false),
        )
        .with_optional(true)
        .into(),
    ]
}

/// What the mentee sees once a series is sent: every occurrence, which moved and to when.
pub fn series_sent_view(reader: &Reader, sent: &SeriesSent) -> SlackView {
    let (head, list) = series_sent(sent);
    let blocks = lines_with_list(reader, &[head], &list)
        .into_iter()
        .map(|text| section("series.sent", text))
        .collect();
    modal(
        reader.lang,
        "request-sent-title-plain",
        &Form::Booking(BookingForm::Done),
        blocks,
        None,
    )
}

/// The Home's nudge switch.
pub fn home_blocks(reader: &Reader, nudges: &NudgesHome) -> Vec<SlackBlock> {
    let lang = reader.lang;
    let key = if nudges.on {
        "home-nudges-on"
    } else {
        "home-nudges-off"
    };
    let action = Action::Nudge(nudges.action);
    vec![
        divider("home.nudges.divider"),
        section("home.nudges", t(lang, key)),
        buttons(
            "home.nudges.actions",
            vec![(action.clone(), label(lang, &action))],
        ),
    ]
}

/// The admin console's "Nudges" block: the weeks set, and a button to change them.
pub fn console_nudges(lang: Lang, weeks: u32) -> SlackBlock {
    let action = Action::Nudge(NudgeAction::Settings);
    let encoded = crate::app::wire::encode(&action);
    let button = SlackBlockButtonElement::new(pt!(label(lang, &action)))
        .with_action_id(encoded.action_id.into())
        .with_value(encoded.value);
    SlackSectionBlock::new()
        .with_block_id("console.nudges".into())
        .with_text(md!(t_with(
            lang,
            "admin-nudges",
            &[("weeks", (weeks as usize).into())]
        )))
        .with_accessory(SlackSectionBlockElement::Button(button))
        .into()
}

/// The office's nudge settings.
pub fn nudge_settings_view(lang: Lang, weeks: u32) -> SlackView {
    let blocks = vec![
        section("nudge.intro", t(lang, "nudge-settings-intro")),
        input(
            inputs::WEEKS,
            t_with(
                lang,
                "nudge-weeks-label-plain",
                &[("max", (NUDGE_WEEKS_MAX as usize).into())],
            ),
            text_input(inputs::WEEKS, &weeks.to_string(), 2, false),
        )
        .into(),
    ];
    modal(
        lang,
        "nudge-settings-title-plain",
        &Form::Nudge(NudgeForm::Settings),
        blocks,
        Some("button-save-plain"),
    )
}

/// A one-line modal (saved, refused).
pub fn notice_view(lang: Lang, text: String) -> SlackView {
    modal(
        lang,
        "nudge-settings-title-plain",
        &Form::Booking(BookingForm::Done),
        vec![section("nudge.done", text)],
        None,
    )
}

/// The text of a one-line reply saying whether nudges are now on.
pub fn nudges_now(lang: Lang, on: bool) -> String {
    t_args(
        lang,
        if on {
            "nudges-now-on"
        } else {
            "nudges-now-off"
        },
        &[],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_repeat_choices_read_naturally_in_both_languages() {
        let entered = Entered {
            every: Some("2".into()),
            count: "6".into(),
            ..Entered::default()
        };
        let labels = |lang| {
            let blocks =
                serde_json::to_value(series_fields(lang, &[1, 2, 4], 12, &entered)).unwrap();
            let options = blocks[0]["element"]["options"].as_array().unwrap().clone();
            let chosen = blocks[0]["element"]["initial_option"]["value"].clone();
            let texts: Vec<String> = options
                .iter()
                .map(|o| o["text"]["text"].as_str().unwrap().to_string())
                .collect();
            (texts, chosen, blocks[1]["element"]["initial_value"].clone())
        };
        let (ja, chosen, count) = labels(Lang::Ja);
        assert_eq!(ja, ["1回だけ", "毎週", "2週ごと", "4週ごと"]);
        assert_eq!(
            (chosen, count),
            ("2".into(), "6".into()),
            "what was entered is kept"
        );
        let (en, _, _) = labels(Lang::En);
        assert_eq!(
            en,
            ["Just once", "Every week", "Every 2 weeks", "Every 4 weeks"]
        );
    }
}
