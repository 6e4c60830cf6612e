//! Finding a mentor: the search form (a theme choice and words, searched with `Action.Execute`)
//! and a page of results under it (mentor cards, a Request button per theme opening the
//! request dialog, paging).

use serde_json::Value;

use super::home::local_time;
use super::inputs;
use super::kit::{
    action_set, button, card, choice_set, escape, execute_data, form_data, md, separated, small,
    text, text_input, Names, TeamsMarkup,
};
use crate::app::actions::{Action, BookingAction, BookingForm, Form};
use crate::app::screens::{
    CardView, FindResultsScreen, FindScreen, PreviewScreen, ResultsScreen, ThemeFilter,
};
use crate::domain::{Lang, Reader};
use crate::i18n::{t, t_args, t_with, Markup};

/// The search form.
pub fn find_form(screen: &FindScreen, reader: &Reader) -> Value {
    let lang = reader.lang;
    let mut body = vec![text(format!("**{}**", t(lang, "find-title-plain")))];
    body.extend(form_inputs(lang, screen));
    card(
        body,
        vec![search_button(lang, &Form::Booking(BookingForm::Find))],
    )
}

/// The search form above a page of results (searching again submits the form).
pub fn find_results(screen: &FindResultsScreen, reader: &Reader) -> Value {
    find_results_with(screen, reader, &Names::new())
}

/// [`find_results`] naming the mentors.
pub fn find_results_with(screen: &FindResultsScreen, reader: &Reader, names: &Names) -> Value {
    let lang = reader.lang;
    let mut body = vec![text(format!("**{}**", t(lang, "find-title-plain")))];
    body.extend(form_inputs(lang, &screen.form));
    let form = Form::Booking(BookingForm::Results(screen.results.search.clone()));
    body.extend(action_set(vec![search_button(lang, &form)]));
    body.extend(results(reader, &screen.results, names));
    card(body, Vec::new())
}

fn search_button(lang: Lang, form: &Form) -> Value {
    execute_data(&t(lang, "button-search-plain"), form_data(form), true)
}

/// The theme choice (grouped by category in its titles) and the words.
fn form_inputs(lang: Lang, screen: &FindScreen) -> Vec<Value> {
    let mut inputs = Vec::new();
    if let ThemeFilter::List(groups) = &screen.filter {
        let choices: Vec<(String, String)> = groups
            .iter()
            .flat_map(|group| {
                let category = t(lang, &format!("category-{}", group.category.as_str()));
                group.themes.iter().map(move |theme| {
                    (format!("{category} · {}", theme.name), theme.id.to_string())
                })
            })
            .collect();
        let mut theme = choice_set(
            inputs::THEME,
            t(lang, "find-theme-label-plain"),
            &choices,
            None,
        );
        theme["placeholder"] = Value::String(t(lang, "find-theme-hint-plain"));
        inputs.push(theme);
    }
    let mut words = text_input(
        inputs::WORDS,
        t(lang, "find-words-label-plain"),
        &screen.words,
        200,
        false,
    );
    words["placeholder"] = Value::String(t(lang, "find-words-hint-plain"));
    inputs.push(words);
    inputs
}

fn results(reader: &Reader, screen: &ResultsScreen, names: &Names) -> Vec<Value> {
    let lang = reader.lang;
    let query = match (screen.search.words.trim(), screen.theme_name.as_deref()) {
        ("", None) => t(lang, "results-all"),
        ("", Some(theme)) => format!("*{}*", escape(theme)),
        (words, None) => format!("「{}」", escape(words)),
        (words, Some(theme)) => format!("*{}* 「{}」", escape(theme), escape(words)),
    };
    let key = if screen.cards.is_empty() {
        "results-empty"
    } else {
        "results-intro"
    };
    let mut body = vec![separated(text(md(&t_args(
        lang,
        key,
        &[("query", &query)],
    ))))];
    for result in &screen.cards {
        body.push(separated(mentor_card(&result.card, reader, names)));
        let requests = result
            .requests
            .iter()
            .map(|offer| {
                let label = t_args(lang, "button-request-plain", &[("theme", &offer.theme)]);
                button(&Action::Booking(offer.action.clone()), &label)
            })
            .collect();
        body.extend(action_set(requests));
    }
    let page = (screen.page + 1).into();
    let page_line = match screen.pages {
        Some(pages) if pages > 1 => Some(t_with(
            lang,
            "results-page",
            &[("page", page), ("pages", pages.into())],
        )),
        Some(_) => None,
        None => Some(t_with(lang, "results-page-open", &[("page", page)])),
    };
    if let Some(line) = page_line {
        body.push(small(line));
    }
    let paging = screen
        .actions
        .iter()
        .map(|action| {
            let key = match action {
                BookingAction::Page(_) if screen.goes_back(action) => "button-prev-plain",
                BookingAction::Page(_) => "button-next-plain",
                _ => "button-new-search-plain",
            };
            button(&Action::Booking(action.clone()), &t(lang, key))
        })
        .collect();
    body.extend(action_set(paging));
    body
}

/// The mentor's preview of their own card (from the Home), or why mentees see nothing yet.
pub fn preview(screen: &PreviewScreen, reader: &Reader, names: &Names) -> Value {
    let lang = reader.lang;
    let body = match &screen.card {
        None => vec![text(md(&t(lang, "preview-none")))],
        Some(view) => vec![
            text(md(&t(lang, "preview-intro"))),
            separated(mentor_card(view, reader, names)),
        ],
    };
    card(body, Vec::new())
}

/// A mentor card as mentees see it: name, themes with answers, the next free slot.
pub(super) fn mentor_card(card: &CardView, reader: &Reader, names: &Names) -> Value {
    let lang = reader.lang;
    let markup = TeamsMarkup { lang, names };
    let mut lines = vec![markup.mention(&card.mentor)];
    for group in card.answer_groups() {
        for theme in &group.themes {
            let category = t(lang, &format!("category-{}", theme.category.as_str()));
            lines.push(md(&t_args(
                lang,
                "card-theme",
                &[("theme", &escape(&theme.name)), ("category", &category)],
            )));
        }
        for (label, answer) in group.answers {
            lines.push(format!("_{}_\n{}", escape(label), escape(answer)));
        }
    }
    let slot = match card.next_slot {
        Some(at) => t_args(lang, "card-next-slot", &[("time", &local_time(reader, at))]),
        None => t(lang, "card-no-slot"),
    };
    lines.push(format!("_{}_", escape(&slot)));
    text(lines.join("\n\n"))
}
