//! Pure rules and types: no I/O, no async, never reads the clock.

mod command;
mod delivery;
mod ids;
mod lang;
mod roles;
mod user;

pub use command::{Command, SubCommand};
pub use delivery::{Failure, Notice, OutboxKind, RetryDecision, RetryPolicy};
pub use ids::{ChannelId, IdError, TeamId, UserId};
pub use lang::Lang;
pub use roles::{Role, Roles};
pub use user::{DirectoryProfile, Reader, UserProfile, PROFILE_MAX_AGE};
