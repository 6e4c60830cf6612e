//! The only place that knows Slack and slack-morphism, split by role so a second platform can
//! sit beside it with the same parts:
//! - `transport`: HTTP and Socket Mode, and request signatures;
//! - `inbound`: payload parsing, routing to the use cases, and each feature's handlers;
//! - `outbound`: the Web API gateway (the app's ports), file uploads, rate limits;
//! - `blocks`: Block Kit for every screen, grouped by feature.

pub mod blocks;
pub mod inbound;
pub mod outbound;
pub mod transport;
