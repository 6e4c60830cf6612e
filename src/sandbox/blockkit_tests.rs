//! Tests of the Block Kit → HTML renderer: what the page shows and sends back.

use super::*;
use serde_json::json;

fn render(v: Value, errors: &HashMap<String, String>) -> String {
    let names = |id: &str| (id == "UEMMA").then(|| "Emma".to_string());
    let people = vec![("UEMMA".to_string(), "Emma".to_string())];
    blocks(
        &v,
        &Surface {
            names: &names,
            people: &people,
            errors,
        },
    )
}

#[test]
fn sections_buttons_and_confirms_carry_what_the_page_sends_back() {
    let html = render(
        json!([
            {"type": "header", "text": {"type": "plain_text", "text": "Hi <you>"}},
            {"type": "section", "block_id": "s", "text": {"type": "mrkdwn", "text": "*<@UEMMA>*"},
             "accessory": {"type": "button", "action_id": "go.1", "value": "1", "style": "danger",
              "text": {"type": "plain_text", "text": "Go"},
              "confirm": {"title": {"type": "plain_text", "text": "Sure?"}, "text": {"type": "mrkdwn", "text": "Really"},
                          "confirm": {"type": "plain_text", "text": "Yes"}, "deny": {"type": "plain_text", "text": "No"}}}},
            {"type": "divider"},
        ]),
        &HashMap::new(),
    );
    assert!(
        html.contains("<h3 class=\"bk-header\">Hi &lt;you&gt;</h3>"),
        "{html}"
    );
    assert!(
        html.contains("<b><span class=\"mention\">@Emma</span></b>"),
        "{html}"
    );
    assert!(
        html.contains("data-action=\"go.1\" data-block-id=\"s\" data-fire=\"1\" data-value=\"1\""),
        "{html}"
    );
    assert!(
        html.contains("bk-btn danger") && html.contains("data-confirm-title=\"Sure?\""),
        "{html}"
    );
}

#[test]
fn an_input_shows_its_error_under_the_field() {
    let errors = HashMap::from([("name".to_string(), "Enter a name <now>".to_string())]);
    let html = render(
        json!([{"type": "input", "block_id": "name", "label": {"type": "plain_text", "text": "Name"},
                "element": {"type": "plain_text_input", "action_id": "name", "initial_value": "\"x\""}}]),
        &errors,
    );
    assert!(html.contains("value=\"&quot;x&quot;\""), "{html}");
    assert!(
        html.contains(
            "<div class=\"bk-error\" data-error-for=\"name\">Enter a name &lt;now&gt;</div>"
        ),
        "{html}"
    );
}

#[test]
fn choices_pickers_overflow_and_users_keep_their_values() {
    let html = render(
        json!([
            {"type": "actions", "block_id": "a", "elements": [
                {"type": "overflow", "action_id": "more", "options": [
                    {"text": {"type": "plain_text", "text": "Edit"}, "value": "edit"}]},
                {"type": "users_select", "action_id": "who", "initial_user": "UEMMA"},
                {"type": "datepicker", "action_id": "day", "initial_date": "2026-12-01"},
                {"type": "timepicker", "action_id": "at", "initial_time": "09:30"}]},
            {"type": "input", "block_id": "r", "label": {"type": "plain_text", "text": "R"},
             "element": {"type": "radio_buttons", "action_id": "r", "options": [
                {"text": {"type": "plain_text", "text": "One"}, "value": "1"},
                {"text": {"type": "mrkdwn", "text": "*Two*"}, "value": "2"}],
                "initial_option": {"text": {"type": "plain_text", "text": "Two"}, "value": "2"}}},
            {"type": "input", "block_id": "c", "optional": true, "label": {"type": "plain_text", "text": "C"},
             "element": {"type": "checkboxes", "action_id": "c", "options": [
                {"text": {"type": "plain_text", "text": "Yes"}, "value": "y"}]}},
            {"type": "input", "block_id": "f", "label": {"type": "plain_text", "text": "File"},
             "element": {"type": "file_input", "action_id": "f", "filetypes": ["csv"]}},
        ]),
        &HashMap::new(),
    );
    assert!(
        html.contains("class=\"bk-overflow\" data-kind=\"overflow\" data-action=\"more\""),
        "{html}"
    );
    assert!(
        html.contains("<option value=\"UEMMA\" selected>Emma</option>"),
        "{html}"
    );
    assert!(
        html.contains("type=\"date\"") && html.contains("value=\"2026-12-01\""),
        "{html}"
    );
    assert!(
        html.contains("type=\"time\"") && html.contains("value=\"09:30\""),
        "{html}"
    );
    assert!(
        html.contains("value=\"2\" checked> <span><b>Two</b></span>"),
        "{html}"
    );
    assert!(!html.contains("value=\"1\" checked"), "{html}");
    assert!(
        html.contains("type=\"checkbox\" name=\"c/c\" value=\"y\">"),
        "{html}"
    );
    assert!(
        html.contains("type=\"file\"") && html.contains("accept=\".csv\""),
        "{html}"
    );
    assert!(html.contains("(optional)"), "{html}");
    assert!(
        !html.contains("data-block-id=\"r\" data-fire"),
        "an input does not fire: {html}"
    );
}
