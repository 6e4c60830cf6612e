//! What a person is told when a use case refuses or a field is wrong: a catalog message with
//! its arguments, chosen once here for every channel. A channel only translates it
//! (`i18n::message`) and writes mentions its own way. Internal errors are not user errors:
//! they are logged with their whole cause chain and the person reads `error-generic`.

use chrono::{DateTime, Utc};

use super::admin::AdminError;
use super::booking::BookingError;
use super::mentor::MentorError;
use crate::domain::availability::WindowError;
use crate::domain::booking::{RequestField, RequestFieldError};
use crate::domain::{FieldError, UserId};

/// A catalog message and its arguments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub key: &'static str,
    pub args: Vec<(&'static str, MessageArg)>,
}

/// One argument of a [`Message`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MessageArg {
    /// Text shown as it is (a name the person typed, a time already formatted).
    Text(String),
    /// A count, which plural selectors read.
    Number(i64),
    /// Another catalog message, translated first (e.g. a status name).
    Key(String),
    /// A person, written the channel's way (a Slack mention, a Teams name).
    User(UserId),
    /// An instant, shown in the reader's zone and language.
    Time(DateTime<Utc>),
}

impl Message {
    pub fn new(key: &'static str) -> Self {
        Self {
            key,
            args: Vec::new(),
        }
    }

    pub fn with(mut self, name: &'static str, arg: MessageArg) -> Self {
        self.args.push((name, arg));
        self
    }

    pub fn text(self, name: &'static str, text: impl Into<String>) -> Self {
        self.with(name, MessageArg::Text(text.into()))
    }

    pub fn number(self, name: &'static str, n: usize) -> Self {
        self.with(
            name,
            MessageArg::Number(i64::try_from(n).unwrap_or(i64::MAX)),
        )
    }
}

/// An error whose text a person reads. `Internal` variants answer `error-generic`.
pub trait UserError {
    fn message(&self) -> Message;
}

const GENERIC: &str = "error-generic";

impl UserError for AdminError {
    fn message(&self) -> Message {
        match self {
            AdminError::NotAdmin => Message::new("admin-only"),
            AdminError::NotFound => Message::new("admin-not-found"),
            AdminError::Archived => Message::new("admin-archived"),
            AdminError::ConfiguredAdmin(user) => {
                Message::new("admin-configured").with("user", MessageArg::User(user.clone()))
            }
            AdminError::OwnAdminRole => Message::new("admin-own-role"),
            AdminError::NotGrantable => Message::new("admin-not-grantable"),
            AdminError::Invalid(_) | AdminError::Internal(_) => Message::new(GENERIC),
        }
    }
}

impl UserError for MentorError {
    fn message(&self) -> Message {
        match self {
            MentorError::NotCertified => Message::new("setup-not-certified"),
            MentorError::NotMentor => Message::new("hours-not-mentor"),
            MentorError::Archived => Message::new("setup-archived"),
            MentorError::Missing(_) => Message::new("setup-missing"),
            MentorError::InvalidChoice(_) => Message::new("setup-invalid-choice"),
            MentorError::Internal(_) => Message::new(GENERIC),
        }
    }
}

impl UserError for BookingError {
    fn message(&self) -> Message {
        match self {
            BookingError::NotFound => Message::new("booking-not-found"),
            BookingError::Forbidden => Message::new("booking-forbidden"),
            BookingError::MentorOnly => Message::new("booking-mentor-only"),
            BookingError::SelfRequest => Message::new("booking-self"),
            BookingError::NotAvailable => Message::new("booking-unavailable"),
            BookingError::SlotTaken { .. } => Message::new("request-taken"),
            BookingError::MenteeBusy => Message::new("request-busy"),
            BookingError::AlreadyDone(status) => Message::new("booking-already").with(
                "status",
                MessageArg::Key(format!("booking-status-{status}")),
            ),
            BookingError::SeriesWaiting => Message::new("booking-series-waiting"),
            BookingError::Invalid(_) | BookingError::Internal(_) => Message::new(GENERIC),
        }
    }
}

impl UserError for FieldError {
    fn message(&self) -> Message {
        match self {
            FieldError::Empty => Message::new("field-empty"),
            FieldError::TooLong { max } => Message::new("field-too-long").number("max", *max),
            FieldError::DuplicateName { existing } => {
                Message::new("field-duplicate-name").text("existing", existing)
            }
            FieldError::TooFewOptions => Message::new("field-too-few-options"),
            FieldError::TooManyOptions { max } => {
                Message::new("field-too-many-options").number("max", *max)
            }
            FieldError::OptionTooLong { option, max } => Message::new("field-option-too-long")
                .text("option", option)
                .number("max", *max),
            FieldError::DuplicateOption { option } => {
                Message::new("field-duplicate-option").text("option", option)
            }
            FieldError::UnknownChoice => Message::new("field-unknown-choice"),
        }
    }
}

impl UserError for WindowError {
    fn message(&self) -> Message {
        match self {
            WindowError::Unreadable { text } => {
                Message::new("hours-error-unreadable").text("text", text)
            }
            WindowError::EndNotAfterStart { text } => {
                Message::new("hours-error-order").text("text", text)
            }
            WindowError::Overlap { a, b } => Message::new("hours-error-overlap")
                .text("a", a)
                .text("b", b),
            WindowError::TooShort { text, minutes } => Message::new("hours-error-short")
                .text("text", text)
                .number("minutes", *minutes as usize),
        }
    }
}

/// A request form field's error: an unknown time reads differently from an unknown choice.
pub fn request_field_message(field: RequestField, error: &RequestFieldError) -> Message {
    match (field, error) {
        (_, RequestFieldError::Empty) => Message::new("field-empty"),
        (_, RequestFieldError::TooLong { max }) => {
            Message::new("field-too-long").number("max", *max)
        }
        (RequestField::Slot, RequestFieldError::Unknown) => Message::new("field-slot-unknown"),
        (_, RequestFieldError::Unknown) => Message::new("field-unknown-choice"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Lang;
    use crate::i18n;

    /// Slack's way, as the Slack adapter writes it.
    struct SlackLike;

    impl i18n::Markup for SlackLike {
        fn mention(&self, user: &UserId) -> String {
            format!("<@{user}>")
        }
        fn text(&self, text: &str) -> String {
            text.to_string()
        }
    }

    fn text(lang: Lang, m: &Message) -> String {
        i18n::message(lang, chrono_tz::UTC, m, &SlackLike)
    }

    #[test]
    fn every_refusal_names_a_key_both_catalogs_have() {
        let user = UserId::parse("U1").unwrap();
        let messages = [
            AdminError::NotAdmin.message(),
            AdminError::NotFound.message(),
            AdminError::Archived.message(),
            AdminError::ConfiguredAdmin(user).message(),
            AdminError::OwnAdminRole.message(),
            AdminError::NotGrantable.message(),
            MentorError::NotCertified.message(),
            MentorError::NotMentor.message(),
            MentorError::Archived.message(),
            MentorError::Missing(vec![1]).message(),
            MentorError::InvalidChoice(1).message(),
            BookingError::NotFound.message(),
            BookingError::Forbidden.message(),
            BookingError::MentorOnly.message(),
            BookingError::SelfRequest.message(),
            BookingError::NotAvailable.message(),
            BookingError::SlotTaken { next: Vec::new() }.message(),
            BookingError::MenteeBusy.message(),
            BookingError::AlreadyDone("expired").message(),
            FieldError::TooLong { max: 1 }.message(),
            WindowError::TooShort {
                text: "10:00-10:15".into(),
                minutes: 30,
            }
            .message(),
            request_field_message(RequestField::Slot, &RequestFieldError::Unknown),
        ];
        for lang in Lang::ALL {
            let keys = i18n::keys(lang);
            for m in &messages {
                assert!(keys.contains(m.key), "{} missing in {}", m.key, lang.code());
                let text = text(lang, m);
                assert!(!text.contains(m.key), "{text}");
            }
        }
    }

    #[test]
    fn arguments_are_translated_counted_and_mentioned_the_channels_way() {
        let already = BookingError::AlreadyDone("declined").message();
        assert_eq!(
            text(Lang::En, &already),
            i18n::t_args(Lang::En, "booking-already", &[("status", "declined")])
        );
        let admin = AdminError::ConfiguredAdmin(UserId::parse("UADMIN").unwrap()).message();
        assert!(text(Lang::En, &admin).contains("<@UADMIN>"));
        let one = FieldError::TooLong { max: 1 }.message();
        assert!(text(Lang::En, &one).contains("1 character,"));
    }
}
