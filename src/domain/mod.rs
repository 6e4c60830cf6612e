//! Pure rules and types: no I/O, no async, never reads the clock.

pub mod after;
pub mod availability;
pub mod booking;
pub mod calendar;
mod certification;
mod command;
mod delivery;
pub mod followup;
mod ids;
pub mod insight;
mod lang;
pub mod memo;
pub mod mentor_csv;
mod one_on_one;
mod outbox;
mod roles;
pub mod series;
pub mod survey;
mod theme;
mod user;
// Files offered before they are saved (Teams' file consent).
pub mod file_offer;

pub use certification::{Certification, Certified};
pub use command::{Command, SubCommand};
pub use delivery::{BookingInfo, Brief, Failure, Notice, OutboxKind, RetryDecision, RetryPolicy};
pub use ids::{ChannelId, IdError, Platform, TeamId, UserId};
pub use lang::Lang;
pub use one_on_one::{Conflict, NewOneOnOne, OneOnOne};
pub use outbox::{
    AdminChange, HomeCause, NudgeKind, OutboxKey, OutboxKeyPrefix, OutboxRow, SentDm,
};
pub use roles::{Role, Roles};
pub use theme::{
    answer_is_valid, name_key, unanswered_required, Category, CertStatus, Field, FieldError,
    FieldErrors, MentorCounts, Question, QuestionDraft, QuestionKind, Theme, ThemeDraft, ThemeName,
};
pub use user::{DirectoryProfile, Reader, UserProfile, PROFILE_MAX_AGE};
