//! What each screen shows and which actions it offers, as plain view models built by the use
//! cases; every channel draws them and decides nothing itself.

mod admin;
mod auto_share;
mod booking;
mod card;
mod find;
mod followup;
mod home;
mod insight;
mod memo;
mod request;
mod teams_unreachable;

pub use admin::*;
pub use auto_share::*;
pub use booking::*;
pub use card::*;
pub use find::*;
pub use followup::*;
pub use home::*;
pub use insight::*;
pub use memo::*;
pub use request::*;
pub use teams_unreachable::*;
