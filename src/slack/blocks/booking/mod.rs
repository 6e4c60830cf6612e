//! Block Kit for 1on1s, one file per screen: finding mentors, the results, the request and
//! reschedule forms, DMs about requests and 1on1s, and the 1on1 part of the App Home. Each
//! draws an `app::screens` view model; times always in the reader's zone and language.

use slack_morphism::prelude::*;

use crate::app::actions::{Action::Booking, BookingAction, BookingForm, Form};
use crate::domain::Lang;
use crate::i18n::t;
use crate::slack::blocks::kit::modal;
use crate::slack::blocks::render::{button, section};

mod find;
mod home;
mod notices;
mod picker;
mod request;
mod reschedule;
mod results;

pub use find::{find_form, theme_suggestions};
pub use home::home_blocks;
pub use notices::{booking_notice, invite_comment, outgoing_message};
pub use request::{decline_form, request_errors, request_form, request_sent};
pub use reschedule::reschedule_form;
pub use results::{find_results, results};

/// Search state carried in the results view.
pub use crate::app::actions::FindCtx;
/// What the mentee had entered, kept when the form is redrawn.
pub use crate::app::screens::Entered;

pub mod inputs {
    pub const THEME: &str = "find.theme";
    pub const WORDS: &str = "find.words";
    /// The day of the slot pickers (its change redraws the form with that day's times).
    pub const DAY: &str = crate::app::wire::DAY_SELECT;
    pub const SLOT: &str = "booking.slot";
    pub const TOPIC: &str = "booking.topic";
    pub const OTHER: &str = "booking.topic_other";
    pub const RESPONSE: &str = "booking.response";
    pub const NOTE: &str = "booking.note";
    pub const MESSAGE: &str = "booking.message";

    /// The time select's block id in a form's `version`: a new id makes Slack forget a choice
    /// that is no longer offered (a time just taken, or another day's).
    pub fn slot(version: u32) -> String {
        match version {
            0 => SLOT.to_string(),
            v => format!("{SLOT}.{v}"),
        }
    }
}

/// A one-message modal.
pub fn done(lang: Lang, text: String) -> SlackView {
    modal(
        lang,
        "booking-done-title-plain",
        &Form::Booking(BookingForm::Done),
        vec![section("done", text)],
        None,
    )
}

fn cancel_button(lang: Lang, id: i64) -> SlackActionBlockElement {
    let confirm = SlackBlockConfirmItem::new(
        pt!(t(lang, "cancel-confirm-title-plain")),
        SlackBlockText::Plain(SlackBlockPlainText::new(t(
            lang,
            "cancel-confirm-text-plain",
        ))),
        pt!(t(lang, "button-cancel-1on1-plain")),
        pt!(t(lang, "button-keep-plain")),
    );
    SlackActionBlockElement::Button(
        button(
            &Booking(BookingAction::Cancel { one_on_one: id }),
            &t(lang, "button-cancel-1on1-plain"),
        )
        .with_style(SlackBlockButtonStyle::Danger)
        .with_confirm(confirm),
    )
}

/// The button for a 1on1 action a screen offers; `None` for actions that are not a button of
/// their own (a page of results is "previous" or "next" by where it is; a day is a select).
pub(crate) fn booking_button(
    lang: Lang,
    action: &BookingAction,
) -> Option<SlackActionBlockElement> {
    let plain = |key: &str| button(&Booking(action.clone()), &t(lang, key));
    let element = match action {
        BookingAction::Accept { .. } => SlackActionBlockElement::Button(
            plain("button-accept-plain").with_style(SlackBlockButtonStyle::Primary),
        ),
        BookingAction::Decline { .. } => {
            SlackActionBlockElement::Button(plain("button-decline-plain"))
        }
        BookingAction::Reschedule { .. } => {
            SlackActionBlockElement::Button(plain("button-reschedule-plain"))
        }
        BookingAction::Cancel { one_on_one } => cancel_button(lang, *one_on_one),
        BookingAction::Find => SlackActionBlockElement::Button(plain("button-find-plain")),
        BookingAction::NewSearch => {
            SlackActionBlockElement::Button(plain("button-new-search-plain"))
        }
        BookingAction::Request { .. } => {
            SlackActionBlockElement::Button(plain("button-request-plain"))
        }
        BookingAction::Page(_) | BookingAction::PickDay(_) => return None,
        BookingAction::BookNext { .. } => {
            SlackActionBlockElement::Button(plain("button-book-next-plain"))
        }
        BookingAction::Rate { .. } => SlackActionBlockElement::Button(
            plain("button-rate-plain").with_style(SlackBlockButtonStyle::Primary),
        ),
        BookingAction::MarkHeld { held: true, .. } => SlackActionBlockElement::Button(
            plain("button-held-plain").with_style(SlackBlockButtonStyle::Primary),
        ),
        BookingAction::MarkHeld { held: false, .. } => {
            SlackActionBlockElement::Button(plain("button-not-held-plain"))
        }
    };
    Some(element)
}
