//! Block Kit as HTML for the sandbox page: every block and element the bot sends, drawn as
//! Slack draws it, with `data-*` attributes the page's script turns back into Slack payloads.

use std::collections::HashMap;

use serde_json::Value;

use super::mrkdwn::{self, escape, Names};

/// What a surface needs besides its blocks: who people are, and errors by input block.
pub struct Surface<'a> {
    pub names: Names<'a>,
    /// The demo people, for users selects: `(id, name)`.
    pub people: &'a [(String, String)],
    pub errors: &'a HashMap<String, String>,
}

/// A list of blocks as HTML.
pub fn blocks(blocks: &Value, surface: &Surface) -> String {
    let Some(list) = blocks.as_array() else {
        return String::new();
    };
    list.iter()
        .enumerate()
        .map(|(i, block)| one_block(block, i, surface))
        .collect()
}

/// A text object (`plain_text` or `mrkdwn`) as HTML.
pub fn text(object: &Value, surface: &Surface) -> String {
    let raw = object["text"].as_str().unwrap_or_default();
    match object["type"].as_str() {
        Some("mrkdwn") => mrkdwn::to_html(raw, surface.names),
        _ => mrkdwn::plain(raw, object["emoji"].as_bool().unwrap_or(true)),
    }
}

fn one_block(block: &Value, index: usize, surface: &Surface) -> String {
    let block_id = block["block_id"]
        .as_str()
        .map(str::to_string)
        .unwrap_or_else(|| format!("b{index}"));
    match block["type"].as_str().unwrap_or_default() {
        "header" => format!(
            "<h3 class=\"bk-header\">{}</h3>",
            text(&block["text"], surface)
        ),
        "divider" => "<hr class=\"bk-divider\">".to_string(),
        "section" => section(block, &block_id, surface),
        "context" => {
            let items: String = array(&block["elements"])
                .map(|e| match e["type"].as_str() {
                    Some("image") => format!(
                        "<span class=\"bk-img\">[{}]</span>",
                        escape(e["alt_text"].as_str().unwrap_or("image"))
                    ),
                    _ => format!("<span>{}</span>", text(e, surface)),
                })
                .collect();
            format!("<div class=\"bk-context\">{items}</div>")
        }
        "actions" => {
            let items: String = array(&block["elements"])
                .map(|e| element(e, &block_id, true, surface))
                .collect();
            format!("<div class=\"bk-actions\">{items}</div>")
        }
        "input" => input(block, &block_id, surface),
        "image" => format!(
            "<figure class=\"bk-image\">[{}]</figure>",
            escape(block["alt_text"].as_str().unwrap_or("image"))
        ),
        "rich_text" => format!(
            "<div class=\"bk-section\">{}</div>",
            escape(&rich_text(&block["elements"]))
        ),
        other => format!("<div class=\"bk-unknown\">[{}]</div>", escape(other)),
    }
}

fn section(block: &Value, block_id: &str, surface: &Surface) -> String {
    let mut out = String::from("<div class=\"bk-section\"><div class=\"bk-main\">");
    if !block["text"].is_null() {
        out.push_str(&format!(
            "<div class=\"bk-text\">{}</div>",
            text(&block["text"], surface)
        ));
    }
    let fields: String = array(&block["fields"])
        .map(|f| format!("<div class=\"bk-field\">{}</div>", text(f, surface)))
        .collect();
    if !fields.is_empty() {
        out.push_str(&format!("<div class=\"bk-fields\">{fields}</div>"));
    }
    out.push_str("</div>");
    if !block["accessory"].is_null() {
        out.push_str(&format!(
            "<div class=\"bk-accessory\">{}</div>",
            element(&block["accessory"], block_id, true, surface)
        ));
    }
    out.push_str("</div>");
    out
}

fn input(block: &Value, block_id: &str, surface: &Surface) -> String {
    let dispatch = block["dispatch_action"].as_bool().unwrap_or(false);
    let optional = if block["optional"].as_bool().unwrap_or(false) {
        " <span class=\"bk-optional\">(optional)</span>"
    } else {
        ""
    };
    let hint = if block["hint"].is_null() {
        String::new()
    } else {
        format!(
            "<div class=\"bk-hint\">{}</div>",
            text(&block["hint"], surface)
        )
    };
    let error = surface
        .errors
        .get(block_id)
        .map(|e| {
            format!(
                "<div class=\"bk-error\" data-error-for=\"{}\">{}</div>",
                escape(block_id),
                escape(e)
            )
        })
        .unwrap_or_default();
    let class = if error.is_empty() {
        "bk-input"
    } else {
        "bk-input bk-has-error"
    };
    format!(
        "<div class=\"{class}\" data-block=\"{}\"><label class=\"bk-label\">{}{optional}</label>{}{hint}{error}</div>",
        escape(block_id),
        text(&block["label"], surface),
        element(&block["element"], block_id, dispatch, surface)
    )
}

/// An interactive element; `fires` when choosing it sends `block_actions` at once.
fn element(e: &Value, block_id: &str, fires: bool, surface: &Surface) -> String {
    let kind = e["type"].as_str().unwrap_or_default();
    let action_id = e["action_id"].as_str().unwrap_or(kind);
    let common = format!(
        "data-kind=\"{}\" data-action=\"{}\" data-block-id=\"{}\"{}",
        escape(kind),
        escape(action_id),
        escape(block_id),
        if fires { " data-fire=\"1\"" } else { "" }
    );
    let placeholder = e["placeholder"]["text"].as_str().unwrap_or_default();
    match kind {
        "button" => {
            let style = e["style"].as_str().unwrap_or("default");
            if let Some(url) = e["url"].as_str().filter(|u| u.starts_with("http")) {
                return format!(
                    "<a class=\"bk-btn {}\" href=\"{}\" target=\"_blank\" rel=\"noopener\">{}</a>",
                    escape(style),
                    escape(url),
                    text(&e["text"], surface)
                );
            }
            format!(
                "<button type=\"button\" class=\"bk-btn {}\" {common} data-value=\"{}\"{}>{}</button>",
                escape(style),
                escape(e["value"].as_str().unwrap_or_default()),
                confirm(&e["confirm"], surface),
                text(&e["text"], surface)
            )
        }
        "static_select" | "multi_static_select" => {
            let multiple = if kind.starts_with("multi") { " multiple" } else { "" };
            let initial: Vec<&str> = e["initial_option"]["value"]
                .as_str()
                .into_iter()
                .chain(array(&e["initial_options"]).filter_map(|o| o["value"].as_str()))
                .collect();
            let mut options = format!("<option value=\"\">{}</option>", escape(placeholder));
            options.push_str(&choices(&e["options"], &initial, surface));
            for group in array(&e["option_groups"]) {
                options.push_str(&format!(
                    "<optgroup label=\"{}\">{}</optgroup>",
                    escape(group["label"]["text"].as_str().unwrap_or_default()),
                    choices(&group["options"], &initial, surface)
                ));
            }
            format!("<select class=\"bk-select\" {common}{multiple}{}>{options}</select>", confirm(&e["confirm"], surface))
        }
        "external_select" | "multi_external_select" => format!(
            "<span class=\"bk-external\"><input type=\"search\" class=\"bk-filter\" placeholder=\"{}\" data-filter-for=\"{}\"><select class=\"bk-select\" {common}><option value=\"\">{}</option>{}</select></span>",
            escape(placeholder),
            escape(action_id),
            escape(placeholder),
            e["initial_option"]["value"].as_str().map(|v| format!("<option value=\"{}\" selected>{}</option>", escape(v), text(&e["initial_option"]["text"], surface))).unwrap_or_default()
        ),
        "users_select" | "multi_users_select" => {
            let multiple = if kind.starts_with("multi") { " multiple" } else { "" };
            let initial: Vec<&str> = e["initial_user"]
                .as_str()
                .into_iter()
                .chain(array(&e["initial_users"]).filter_map(Value::as_str))
                .collect();
            let options: String = surface
                .people
                .iter()
                .map(|(id, name)| {
                    let selected = if initial.contains(&id.as_str()) { " selected" } else { "" };
                    format!("<option value=\"{}\"{selected}>{}</option>", escape(id), escape(name))
                })
                .collect();
            format!("<select class=\"bk-select\" {common}{multiple}><option value=\"\">{}</option>{options}</select>", escape(placeholder))
        }
        "overflow" => {
            let options: String = array(&e["options"])
                .map(|o| format!("<option value=\"{}\">{}</option>", escape(o["value"].as_str().unwrap_or_default()), text(&o["text"], surface)))
                .collect();
            format!("<select class=\"bk-overflow\" {common} title=\"more\"><option value=\"\">⋯</option>{options}</select>")
        }
        "radio_buttons" | "checkboxes" => {
            let input_type = if kind == "radio_buttons" { "radio" } else { "checkbox" };
            let initial: Vec<&str> = e["initial_option"]["value"]
                .as_str()
                .into_iter()
                .chain(array(&e["initial_options"]).filter_map(|o| o["value"].as_str()))
                .collect();
            let items: String = array(&e["options"])
                .map(|o| {
                    let value = o["value"].as_str().unwrap_or_default();
                    let checked = if initial.contains(&value) { " checked" } else { "" };
                    let description = if o["description"].is_null() {
                        String::new()
                    } else {
                        format!("<div class=\"bk-hint\">{}</div>", text(&o["description"], surface))
                    };
                    format!(
                        "<label class=\"bk-choice\"><input type=\"{input_type}\" name=\"{}\" value=\"{}\"{checked}> <span>{}</span>{description}</label>",
                        escape(&format!("{block_id}/{action_id}")),
                        escape(value),
                        text(&o["text"], surface)
                    )
                })
                .collect();
            format!("<div class=\"bk-choices\" {common}>{items}</div>")
        }
        "datepicker" => format!(
            "<input type=\"date\" class=\"bk-date\" {common} value=\"{}\">",
            escape(e["initial_date"].as_str().unwrap_or_default())
        ),
        "timepicker" => format!(
            "<input type=\"time\" class=\"bk-time\" {common} value=\"{}\">",
            escape(e["initial_time"].as_str().unwrap_or_default())
        ),
        "datetimepicker" => format!("<input type=\"datetime-local\" class=\"bk-time\" {common}>"),
        "plain_text_input" | "email_text_input" | "url_text_input" | "number_input" => {
            let initial = escape(e["initial_value"].as_str().unwrap_or_default());
            let max = e["max_length"]
                .as_u64()
                .map(|m| format!(" data-max=\"{m}\""))
                .unwrap_or_default();
            if e["multiline"].as_bool().unwrap_or(false) {
                format!("<textarea class=\"bk-text-input\" {common}{max} placeholder=\"{}\" rows=\"3\">{initial}</textarea>", escape(placeholder))
            } else {
                let html_type = match kind {
                    "email_text_input" => "email",
                    "url_text_input" => "url",
                    "number_input" => "number",
                    _ => "text",
                };
                format!("<input type=\"{html_type}\" class=\"bk-text-input\" {common}{max} placeholder=\"{}\" value=\"{initial}\">", escape(placeholder))
            }
        }
        "file_input" => format!(
            "<input type=\"file\" class=\"bk-file\" {common} accept=\"{}\">",
            escape(&array(&e["filetypes"]).filter_map(Value::as_str).map(|t| format!(".{t}")).collect::<Vec<_>>().join(","))
        ),
        "image" => format!("<span class=\"bk-img\">[{}]</span>", escape(e["alt_text"].as_str().unwrap_or("image"))),
        other => format!("<span class=\"bk-unknown\">[{}]</span>", escape(other)),
    }
}

fn choices(options: &Value, initial: &[&str], surface: &Surface) -> String {
    array(options)
        .map(|o| {
            let value = o["value"].as_str().unwrap_or_default();
            let selected = if initial.contains(&value) {
                " selected"
            } else {
                ""
            };
            // An <option> holds text only: the label's markup is dropped, its text kept.
            let label = o["text"]["text"].as_str().unwrap_or_default();
            let _ = surface;
            format!(
                "<option value=\"{}\"{selected}>{}</option>",
                escape(value),
                mrkdwn::plain(label, true)
            )
        })
        .collect()
}

/// A confirm dialog as data attributes the page shows before sending the action.
fn confirm(c: &Value, surface: &Surface) -> String {
    if c.is_null() {
        return String::new();
    }
    format!(
        " data-confirm-title=\"{}\" data-confirm-text=\"{}\" data-confirm-yes=\"{}\" data-confirm-no=\"{}\"",
        escape(&text(&c["title"], surface)),
        escape(&text(&c["text"], surface)),
        escape(&text(&c["confirm"], surface)),
        escape(&text(&c["deny"], surface)),
    )
}

fn rich_text(elements: &Value) -> String {
    let mut out = String::new();
    for e in array(elements) {
        if let Some(t) = e["text"].as_str() {
            out.push_str(t);
        }
        out.push_str(&rich_text(&e["elements"]));
    }
    out
}

fn array(v: &Value) -> impl Iterator<Item = &Value> {
    v.as_array().into_iter().flatten()
}

#[cfg(test)]
#[path = "blockkit_tests.rs"]
mod tests;
