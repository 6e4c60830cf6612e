//! The page's static assets, compiled into the binary (no build step).

pub const INDEX_HTML: &str = include_str!("assets/index.html");
pub const SCRIPT: &str = include_str!("assets/sandbox.js");
pub const STYLE: &str = include_str!("assets/sandbox.css");
