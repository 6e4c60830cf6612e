//! Block Kit for mentors, one file per screen: the setup form, the card mentees see (and its
//! preview), the hours form and the mentor's part of the App Home. Pure functions drawing
//! `app` view models.

use slack_morphism::prelude::*;

use crate::app::actions::{Action, Form, MentorAction, MentorForm};
use crate::domain::{CertStatus, Lang};
use crate::i18n::t;
use crate::slack::blocks::kit;
use crate::slack::blocks::render::{button, section};

mod card;
mod home;
mod hours;
mod setup;

pub use card::{card_blocks, preview};
pub use home::home_blocks;
pub use hours::{hours_form, hours_summary, window_error};
pub use setup::{missing_errors, setup_form, setup_result};

/// Input block ids (each input's action id is the same string).
pub mod inputs {
    pub const START: &str = "setup.start";
    pub const SLOT: &str = "hours.slot";
    pub const HORIZON: &str = "hours.horizon";
    pub const NOTICE: &str = "hours.notice";
    pub const CAP: &str = "hours.cap";
    pub const AWAY: &str = "hours.away";
    pub const AUTO: &str = "hours.auto";

    pub fn answer(question_id: i64) -> String {
        format!("answer.{question_id}")
    }

    pub fn day(day: u8) -> String {
        format!("hours.day.{day}")
    }
}

fn modal(
    lang: Lang,
    title_key: &str,
    form: MentorForm,
    blocks: Vec<SlackBlock>,
    submit: bool,
) -> SlackView {
    kit::modal(
        lang,
        title_key,
        &Form::Mentor(form),
        blocks,
        submit.then_some("button-save-plain"),
    )
}

fn select(
    block: &str,
    options: Vec<SlackBlockChoiceItem<SlackBlockPlainTextOnly>>,
    initial: Option<&str>,
) -> SlackInputBlockElement {
    kit::static_select(block, options, initial).into()
}

pub fn status_name(lang: Lang, status: CertStatus) -> String {
    t(lang, &format!("status-{}", status.as_str()))
}

/// The button for a mentor action; *Stop* hides the mentor, so it asks first.
pub(crate) fn mentor_button(lang: Lang, action: MentorAction) -> SlackActionBlockElement {
    let key = match action {
        MentorAction::Setup { .. } => "button-setup-plain",
        MentorAction::Answers { .. } => "button-setup-answers-plain",
        MentorAction::Start { .. } => "button-start-plain",
        MentorAction::Preview { .. } => "button-preview-plain",
        MentorAction::Pause { .. } => "button-pause-plain",
        MentorAction::Resume { .. } => "button-resume-plain",
        MentorAction::Stop { .. } => "button-stop-plain",
        MentorAction::Hours => "button-hours-plain",
    };
    let b = button(&Action::Mentor(action), &t(lang, key));
    if !matches!(action, MentorAction::Stop { .. }) {
        return SlackActionBlockElement::Button(b);
    }
    SlackActionBlockElement::Button(b.with_style(SlackBlockButtonStyle::Danger).with_confirm(
        SlackBlockConfirmItem::new(
            pt!(t(lang, "stop-confirm-title-plain")),
            SlackBlockText::Plain(SlackBlockPlainText::new(t(lang, "stop-confirm-text-plain"))),
            pt!(t(lang, "button-stop-plain")),
            pt!(t(lang, "button-cancel-plain")),
        ),
    ))
}

/// A one-message modal for mentors.
pub fn notice(lang: Lang, text: String) -> SlackView {
    modal(
        lang,
        "setup-title-plain",
        MentorForm::Notice,
        vec![section("notice", text)],
        false,
    )
}
