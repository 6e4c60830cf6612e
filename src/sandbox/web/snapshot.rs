//! What one person sees on the page, drawn from what the fake Slack recorded: their DM with the
//! app, ephemeral replies, the top modal of their stack, their Home, shared files, the clock.

use std::collections::HashMap;

use serde_json::{json, Value};

use crate::sandbox::blockkit::{self, Surface};
use crate::sandbox::demo::PEOPLE;
use crate::sandbox::mrkdwn;
use crate::sandbox::workspace::Workspace;

/// Everything `user` sees: the DM, ephemeral replies, the top modal, the Home, files, the clock.
pub(super) async fn snapshot(ws: &Workspace, user: &str) -> Value {
    let names = |id: &str| {
        PEOPLE
            .iter()
            .find(|p| p.id == id)
            .map(|p| p.name.to_string())
    };
    let people: Vec<(String, String)> = PEOPLE
        .iter()
        .map(|p| (p.id.to_string(), p.name.to_string()))
        .collect();
    let no_errors = HashMap::new();
    let surface = Surface {
        names: &names,
        people: &people,
        errors: &no_errors,
    };
    let dm: String = ws
        .fake
        .messages_to(user)
        .iter()
        .map(|m| {
            let body = if m.blocks.is_array() {
                blockkit::blocks(&m.blocks, &surface)
            } else {
                mrkdwn::to_html(m.text.as_deref().unwrap_or_default(), &names)
            };
            format!(
                "<div class=\"msg\" data-ts=\"{}\"><div class=\"msg-from\">mentor-bot{}</div>{body}</div>",
                mrkdwn::escape(&m.ts),
                if m.edits > 0 { " <span class=\"edited\">(edited)</span>" } else { "" }
            )
        })
        .collect();
    let ephemerals: String = ws
        .ephemerals(user)
        .iter()
        .map(|content| {
            let body = if content["blocks"].is_array() {
                blockkit::blocks(&content["blocks"], &surface)
            } else {
                mrkdwn::to_html(content["text"].as_str().unwrap_or_default(), &names)
            };
            format!("<div class=\"msg ephemeral\"><div class=\"msg-from\">mentor-bot <span class=\"only-you\">Only visible to you</span></div>{body}</div>")
        })
        .collect();
    let stack = ws.stack(user);
    let modal = stack.last().and_then(|id| ws.view(id)).map(|view| {
        let errors = ws.errors_of(view["id"].as_str().unwrap_or_default());
        let surface = Surface { names: &names, people: &people, errors: &errors };
        json!({
            "id": view["id"],
            "hash": view["hash"],
            "depth": stack.len(),
            "title": blockkit::text(&view["title"], &surface),
            "submit": if view["submit"].is_null() { Value::Null } else { json!(blockkit::text(&view["submit"], &surface)) },
            "close": if view["close"].is_null() { json!("Close") } else { json!(blockkit::text(&view["close"], &surface)) },
            "html": blockkit::blocks(&view["blocks"], &surface),
            "errors": errors,
        })
    });
    let home = ws.fake.published_home(user);
    let home_html = home
        .as_ref()
        .map(|v| blockkit::blocks(&v["blocks"], &surface));
    let files: Vec<Value> = ws
        .fake
        .shared_files(user)
        .iter()
        .enumerate()
        .map(|(i, (name, _, comment))| json!({"index": i, "name": name, "comment": comment}))
        .collect();
    let now = ws.clock.now();
    let tz: chrono_tz::Tz = PEOPLE
        .iter()
        .find(|p| p.id == user)
        .and_then(|p| p.tz.parse().ok())
        .unwrap_or(chrono_tz::UTC);
    json!({
        "me": user,
        "people": PEOPLE.iter().map(|p| json!({"id": p.id, "name": p.name, "role": p.role, "tz": p.tz})).collect::<Vec<_>>(),
        "clock": now.with_timezone(&tz).format("%Y-%m-%d %H:%M %Z").to_string(),
        "ahead_minutes": ws.clock.offset().num_minutes(),
        "dm": dm,
        "ephemerals": ephemerals,
        "modal": modal,
        "home": home_html,
        "home_id": home.as_ref().map(|v| v["id"].clone()),
        "files": files,
        "refusals": ws.refusals(),
    })
}
