//! The reschedule form: another free slot of the mentor, picked day then time.

use slack_morphism::prelude::*;

use super::picker::slot_picker;
use crate::app::actions::{BookingForm, Form};
use crate::app::screens::RescheduleScreen;
use crate::domain::Reader;
use crate::i18n::t;
use crate::slack::blocks::kit::modal;
use crate::slack::blocks::render::section;

/// The reschedule form as `app::screens` decided it.
pub fn reschedule_form(reader: &Reader, screen: &RescheduleScreen) -> SlackView {
    let lang = reader.lang;
    let mut blocks: Vec<SlackBlock> = Vec::new();
    if screen.slot_taken {
        blocks.push(section("reschedule.warning", t(lang, "request-taken")));
    }
    let (Some(picker), Some(form)) = (&screen.picker, &screen.submit) else {
        blocks.push(section("reschedule.none", t(lang, "request-no-slots")));
        return modal(
            lang,
            "reschedule-title-plain",
            &Form::Booking(BookingForm::Done),
            blocks,
            None,
        );
    };
    blocks.extend(slot_picker(reader, picker, "reschedule-slot-label-plain"));
    modal(
        lang,
        "reschedule-title-plain",
        &Form::Booking(form.clone()),
        blocks,
        Some("button-save-plain"),
    )
}
