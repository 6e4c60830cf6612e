//! `manifest.yml` is a valid Slack app manifest, and asks for exactly what the bot uses.

use crate::support;

use std::collections::BTreeSet;

use serde_json::Value;
use support::bot::fixtures_dir;

fn manifest() -> Value {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/manifest.yml")).unwrap();
    serde_yaml::from_str(&text).expect("manifest.yml is YAML")
}

#[test]
fn the_manifest_validates_against_slacks_schema() {
    // The top-level schema dispatches by URL; offline, v1 manifests validate against 1.0.0.
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(fixtures_dir().join("manifest/manifest.schema.1.0.0.json"))
            .unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).expect("Slack's schema compiles");
    let manifest = manifest();
    let errors: Vec<String> = validator
        .iter_errors(&manifest)
        .map(|e| format!("{} at {}", e, e.instance_path))
        .collect();
    assert!(
        errors.is_empty(),
        "manifest.yml is invalid:\n{}",
        errors.join("\n")
    );

    // And the schema is strict enough to catch a broken manifest.
    let mut broken = manifest.clone();
    broken["features"]["slash_commands"][0]["command"] = Value::from(42);
    broken["settings"]["no_such_setting"] = Value::from(true);
    assert!(validator.iter_errors(&broken).count() >= 1);
}

#[test]
fn the_manifest_wires_every_endpoint_the_bot_serves() {
    let m = manifest();
    assert_eq!(m["features"]["slash_commands"][0]["command"], "/mentor");
    assert!(m["features"]["slash_commands"][0]["url"]
        .as_str()
        .unwrap()
        .ends_with("/slack/commands"));
    assert!(m["settings"]["interactivity"]["request_url"]
        .as_str()
        .unwrap()
        .ends_with("/slack/interactions"));
    assert!(m["settings"]["event_subscriptions"]["request_url"]
        .as_str()
        .unwrap()
        .ends_with("/slack/events"));
    assert_eq!(m["features"]["app_home"]["home_tab_enabled"], true);
    let events: Vec<&str> = m["settings"]["event_subscriptions"]["bot_events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e.as_str().unwrap())
        .collect();
    assert_eq!(events, ["app_home_opened"]);
}

#[test]
fn the_manifest_asks_only_for_the_scopes_the_bot_uses() {
    let m = manifest();
    let scopes: BTreeSet<&str> = m["oauth_config"]["scopes"]["bot"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    // commands: /mentor; chat:write: chat.postMessage; im:write: conversations.open;
    // im:history: conversations.history (crash reconciliation); users:read: users.info;
    // users:read.email: users.lookupByEmail (CSV import); files:read: files.info (CSV upload)
    // and files.list (an invite interrupted by a crash);
    // files:write: the calendar invites shared in DMs.
    let used: BTreeSet<&str> = [
        "commands",
        "chat:write",
        "im:write",
        "im:history",
        "users:read",
        "users:read.email",
        "files:read",
        "files:write",
    ]
    .into();
    assert_eq!(scopes, used);
}
