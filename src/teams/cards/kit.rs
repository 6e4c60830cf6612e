//! Small Adaptive Card builders the screens share: the card itself, text (Slack-flavoured catalog
//! text turned into Teams' Markdown subset), buttons carrying typed actions, dialogs' inputs.

use std::collections::HashMap;

use serde_json::{json, Value};

use crate::app::actions::{Action, Form};
use crate::app::errors::Message;
use crate::app::wire;
use crate::domain::{Lang, Reader, UserId};
use crate::i18n::t;

/// The `verb` of every `Action.Execute` the bot draws (the action itself is in `data`).
pub const VERB: &str = "mb";
/// The keys a card action's `data` carries.
pub const ACTION_KEY: &str = "mb_action";
pub const VALUE_KEY: &str = "mb_value";
pub const FORM_KEY: &str = "mb_form";
pub const META_KEY: &str = "mb_meta";

/// A TextBlock's text is cut here (far below Teams' message limit, long enough for any memo).
const TEXT_MAX: usize = 4000;
/// Button titles are cut here (Teams truncates long ones anyway).
const TITLE_MAX: usize = 80;

/// People's names, by id: Teams cannot draw a Slack mention, so a card writes the name.
pub type Names = HashMap<UserId, String>;

/// How Teams writes a message's people (their name in bold) and text a person typed (escaped
/// so their `*` or `[` is not read as Markdown).
pub struct TeamsMarkup<'a> {
    pub lang: Lang,
    pub names: &'a Names,
}

impl crate::i18n::Markup for TeamsMarkup<'_> {
    fn mention(&self, user: &UserId) -> String {
        bold(&name_of(self.lang, self.names, user))
    }
    fn text(&self, text: &str) -> String {
        escape(text)
    }
}

/// A person's name as a card shows it, "a colleague" when it is not known.
pub fn name_of(lang: Lang, names: &Names, user: &UserId) -> String {
    names
        .get(user)
        .cloned()
        .unwrap_or_else(|| t(lang, "teams-someone"))
}

/// `**name**` with the name escaped.
pub fn bold(text: &str) -> String {
    format!("**{}**", escape(text))
}

/// A use case's message for `reader` in Teams Markdown (times in their zone).
pub fn message_md(reader: &Reader, names: &Names, message: &Message) -> String {
    let markup = TeamsMarkup {
        lang: reader.lang,
        names,
    };
    md(&crate::i18n::message(
        reader.lang,
        reader.tz,
        message,
        &markup,
    ))
}

/// Escapes what Teams' Markdown (and [`md`]) would read in text a person typed: emphasis,
/// links, code marks and a Slack-style `<url|link>`.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '*' | '_' | '[' | ']' | '`' | '<') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Catalog text (written for Slack's mrkdwn) in Teams' Markdown subset: `*bold*` becomes
/// `**bold**`, `<url|text>` a link, a quote's `> ` goes, a `code` span bold, `:wave:` its
/// emoji, and the `/mentor ` before a command goes (in Teams people type the command itself). Escaped
/// characters (`\*`) and bold already written the Teams way (`**`) are kept.
pub fn md(text: &str) -> String {
    let text = text.replace("/mentor ", "").replace(":wave:", "👋");
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 16);
    let mut i = 0;
    let mut line_start = true;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\\' if i + 1 < chars.len() => {
                out.push(c);
                out.push(chars[i + 1]);
                i += 2;
                line_start = false;
                continue;
            }
            '*' => {
                let run = chars[i..].iter().take_while(|c| **c == '*').count();
                out.push_str("**");
                i += run;
                line_start = false;
                continue;
            }
            // A quote has no Markdown in Teams' subset: its text stands alone.
            '>' if line_start && chars.get(i + 1) == Some(&' ') => {
                i += 2;
                line_start = false;
                continue;
            }
            '<' => {
                if let Some(len) = chars[i + 1..].iter().position(|c| *c == '>') {
                    let inner: String = chars[i + 1..i + 1 + len].iter().collect();
                    if inner.starts_with("http") || inner.starts_with("slack://") {
                        match inner.split_once('|') {
                            Some((url, label)) => out.push_str(&format!("[{label}]({url})")),
                            None => out.push_str(&inner),
                        }
                        i += len + 2;
                        line_start = false;
                        continue;
                    }
                }
                out.push(c);
            }
            // A command in a code span reads in bold (Teams' subset has no code).
            '`' => out.push_str("**"),
            _ => out.push(c),
        }
        line_start = c == '\n';
        i += 1;
    }
    out
}

/// Cuts `text` to at most `max` characters, marking the cut.
pub fn fit(text: String, max: usize) -> String {
    if text.chars().count() <= max {
        return text;
    }
    let mut cut: String = text.chars().take(max - 1).collect();
    cut.push('…');
    cut
}

/// An Adaptive Card 1.5 with `body` and `actions`.
pub fn card(body: Vec<Value>, actions: Vec<Value>) -> Value {
    let mut card = json!({
        "type": "AdaptiveCard",
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "version": "1.5",
        "body": body,
    });
    if !actions.is_empty() {
        card["actions"] = Value::Array(actions);
    }
    card
}

/// Every line break kept as one: Markdown joins the lines of a paragraph, so each line becomes
/// a paragraph of its own, except between the items of a list.
fn breaks(markdown: &str) -> String {
    let lines: Vec<&str> = markdown.lines().collect();
    let mut out = String::with_capacity(markdown.len() + lines.len());
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            let before = lines[i - 1];
            let list = before.starts_with("- ") && line.starts_with("- ");
            out.push_str(if list || before.is_empty() || line.is_empty() {
                "\n"
            } else {
                "\n\n"
            });
        }
        out.push_str(line.trim_end());
    }
    out
}

/// A wrapped TextBlock of Markdown.
pub fn text(markdown: String) -> Value {
    json!({"type": "TextBlock", "text": fit(breaks(&markdown), TEXT_MAX), "wrap": true})
}

/// A heading.
pub fn heading(plain: String) -> Value {
    json!({"type": "TextBlock", "text": fit(escape(&plain), 200), "wrap": true,
           "style": "heading", "size": "large", "weight": "bolder"})
}

/// Small, quieter text (Slack's context block).
pub fn small(markdown: String) -> Value {
    json!({"type": "TextBlock", "text": fit(breaks(&markdown), TEXT_MAX), "wrap": true,
           "size": "small", "isSubtle": true})
}

/// A field error under its input.
pub fn error_text(markdown: String) -> Value {
    json!({"type": "TextBlock", "text": fit(markdown, 500), "wrap": true,
           "color": "attention", "size": "small"})
}

/// A thin line between parts of a card: the next element starts with a separator.
pub fn separated(mut element: Value) -> Value {
    element["separator"] = Value::Bool(true);
    element["spacing"] = json!("medium");
    element
}

/// The `data` of a button carrying `action` (Slack's strings).
pub fn action_data(action: &Action) -> Value {
    let encoded = wire::encode(action);
    json!({ACTION_KEY: encoded.action_id, VALUE_KEY: encoded.value})
}

/// The `data` of a dialog's or form's submit button carrying `form`.
pub fn form_data(form: &Form) -> Value {
    let (callback, metadata) = wire::encode_form(form);
    let mut data = json!({FORM_KEY: callback});
    if let Some(metadata) = metadata {
        data[META_KEY] = Value::String(metadata);
    }
    data
}

/// A button: `Action.Execute` (the card is refreshed in place with the answer) with an
/// `Action.Submit` fallback for older clients, both carrying `data`.
pub fn execute_data(title: &str, data: Value, positive: bool) -> Value {
    let title = fit(title.to_string(), TITLE_MAX);
    let mut button = json!({
        "type": "Action.Execute",
        "title": title,
        "verb": VERB,
        "data": data,
        "fallback": {"type": "Action.Submit", "title": title, "data": data},
    });
    if positive {
        button["style"] = json!("positive");
    }
    button
}

/// A button pressing `action`: opens a dialog (`task/fetch`) when the action opens a form,
/// else `Action.Execute`.
pub fn button(action: &Action, title: &str) -> Value {
    let positive = super::labels::is_primary(action);
    if super::labels::opens_dialog(action) {
        let mut data = action_data(action);
        data["msteams"] = json!({"type": "task/fetch"});
        let mut button = json!({
            "type": "Action.Submit",
            "title": fit(title.to_string(), TITLE_MAX),
            "data": data,
        });
        if positive {
            button["style"] = json!("positive");
        }
        return button;
    }
    execute_data(title, action_data(action), positive)
}

/// A button for `action` with its usual label.
pub fn action_button(lang: Lang, action: &Action) -> Value {
    button(action, &super::labels::label(lang, action))
}

/// A row of buttons inside the body (Teams shows at most about six in a row).
pub fn action_set(buttons: Vec<Value>) -> Option<Value> {
    (!buttons.is_empty()).then(|| json!({"type": "ActionSet", "actions": buttons}))
}

/// A dialog's submit button: `Action.Submit` with the form's data (Teams sends the inputs
/// beside it in `task/submit`).
pub fn submit(title: &str, form: &Form) -> Value {
    json!({
        "type": "Action.Submit",
        "title": fit(title.to_string(), TITLE_MAX),
        "style": "positive",
        "data": form_data(form),
    })
}

/// A text input (multi-line when `multiline`), with `value` filled in when not empty.
pub fn text_input(id: &str, label: String, value: &str, max: usize, multiline: bool) -> Value {
    let mut input = json!({
        "type": "Input.Text",
        "id": id,
        "label": fit(label, 200),
        "maxLength": max,
        "isMultiline": multiline,
    });
    if !value.is_empty() {
        input["value"] = Value::String(value.chars().take(max).collect());
    }
    input
}

/// A compact choice set of (title, value), with `value` chosen when it is one of them.
pub fn choice_set(
    id: &str,
    label: String,
    choices: &[(String, String)],
    value: Option<&str>,
) -> Value {
    let list: Vec<Value> = choices
        .iter()
        .map(|(title, value)| json!({"title": fit(title.clone(), 150), "value": value}))
        .collect();
    let mut input = json!({
        "type": "Input.ChoiceSet",
        "id": id,
        "label": fit(label, 200),
        "style": "compact",
        "choices": list,
    });
    if let Some(v) = value.filter(|v| choices.iter().any(|(_, c)| c == v)) {
        input["value"] = Value::String(v.to_string());
    }
    input
}

/// Marks an input required, with the message Teams shows when it is left empty.
pub fn required(mut input: Value, message: String) -> Value {
    input["isRequired"] = Value::Bool(true);
    input["errorMessage"] = Value::String(fit(message, 200));
    input
}

/// Inputs followed, each, by their field errors (`errors` keyed by input id).
pub fn with_errors(inputs: Vec<Value>, errors: &[(String, String)]) -> Vec<Value> {
    let mut body = Vec::new();
    for input in inputs {
        let id = input["id"].as_str().unwrap_or_default().to_string();
        body.push(input);
        for (field, text) in errors {
            if *field == id {
                body.push(error_text(text.clone()));
            }
        }
    }
    body
}

/// Field errors in Markdown, keyed by input id.
pub fn error_texts(reader: &Reader, errors: &[(&str, Message)]) -> Vec<(String, String)> {
    errors
        .iter()
        .map(|(field, message)| {
            (
                field.to_string(),
                message_md(reader, &Names::new(), message),
            )
        })
        .collect()
}
