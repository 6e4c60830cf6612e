//! The slot picker of the request and reschedule forms: a day select that redraws the form,
//! then the times of that day.

use chrono::NaiveDate;
use slack_morphism::prelude::*;

use super::inputs;
use crate::app::actions::{Action::Booking, BookingAction};
use crate::app::screens::SlotPicker;
use crate::app::wire as actions;
use crate::domain::Reader;
use crate::i18n::{format_datetime, t};
use crate::slack::blocks::kit::{input, option, static_select};

/// A day as an option text, in the reader's language ("Tue, Mar 3, 2026").
fn day_label(reader: &Reader, day: NaiveDate) -> String {
    // Noon exists on every day, whatever a daylight-saving change does to the night.
    let noon = day.and_hms_opt(12, 0, 0).unwrap_or_default();
    let Some(at) = noon.and_local_timezone(reader.tz).earliest() else {
        return day.format("%Y-%m-%d").to_string();
    };
    let text = format_datetime(reader.lang, at);
    text.rsplit_once(' ')
        .map(|(d, _)| d.to_string())
        .unwrap_or(text)
}

/// A day option's value: the day select presses [`BookingAction::PickDay`].
fn day_value(day: NaiveDate) -> String {
    actions::encode(&Booking(BookingAction::PickDay(day))).value
}

/// The two selects of a [`SlotPicker`]: the day (its change redraws the form) and the times
/// of that day, the time select named after the picker's version.
pub(super) fn slot_picker(
    reader: &Reader,
    picker: &SlotPicker,
    label_key: &str,
) -> Vec<SlackBlock> {
    let lang = reader.lang;
    let day_options = picker
        .days
        .iter()
        .map(|d| option(day_label(reader, *d), day_value(*d)))
        .collect();
    let chosen_value = picker.day.map(day_value);
    let day_block = input(
        inputs::DAY,
        t(lang, "request-day-label-plain"),
        static_select(inputs::DAY, day_options, chosen_value.as_deref()).into(),
    )
    .with_dispatch_action(true)
    .with_hint(pt!(t(lang, "request-day-hint-plain")));
    let block = inputs::slot(picker.version);
    let times = picker
        .times
        .iter()
        .map(|slot| {
            let (start, end) = (
                slot.start.with_timezone(&reader.tz),
                slot.end.with_timezone(&reader.tz),
            );
            let text = format!("{}–{}", start.format("%H:%M"), end.format("%H:%M"));
            option(text, slot.start.timestamp().to_string())
        })
        .collect();
    let time_block = input(
        &block,
        t(lang, label_key),
        SlackBlockStaticSelectElement::new()
            .with_action_id(block.clone().into())
            .with_options(times)
            .into(),
    );
    vec![day_block.into(), time_block.into()]
}
