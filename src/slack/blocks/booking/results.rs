//! A page of search results: mentor cards, each with its Request control, and paging.

use slack_morphism::prelude::*;

use crate::app::actions::{Action::Booking, BookingAction, BookingForm, Form};
use crate::app::screens::{FindResultsScreen, RequestOffer, ResultsScreen};
use crate::domain::{Lang, Reader};
use crate::i18n::{t, t_args, t_with};
use crate::slack::blocks::kit::{action_menu, modal};
use crate::slack::blocks::mentor::card_blocks;
use crate::slack::blocks::render::{button, context, escape, section};

/// One page of mentor cards, each with its Request control, and paging.
pub fn results(reader: &Reader, screen: &ResultsScreen) -> SlackView {
    modal(
        reader.lang,
        "results-title-plain",
        &Form::Booking(BookingForm::Results(screen.search.clone())),
        result_blocks(reader, screen),
        None,
    )
}

/// The search form (submitting it searches again) above a page of results: what
/// `/mentor find [words]` opens, and what every search and page after it shows.
pub fn find_results(reader: &Reader, screen: &FindResultsScreen) -> SlackView {
    let mut blocks = super::find::form_blocks(reader.lang, &screen.form);
    blocks.extend(result_blocks(reader, &screen.results));
    modal(
        reader.lang,
        "find-title-plain",
        &Form::Booking(BookingForm::Results(screen.results.search.clone())),
        blocks,
        Some("button-search-plain"),
    )
}

fn result_blocks(reader: &Reader, screen: &ResultsScreen) -> Vec<SlackBlock> {
    let lang = reader.lang;
    let query = match (screen.search.words.trim(), screen.theme_name.as_deref()) {
        ("", None) => t(lang, "results-all"),
        ("", Some(theme)) => format!("*{}*", escape(theme)),
        (words, None) => format!("「{}」", escape(words)),
        (words, Some(theme)) => format!("*{}* 「{}」", escape(theme), escape(words)),
    };
    let mut blocks = Vec::new();
    if screen.cards.is_empty() {
        blocks.push(section(
            "results.empty",
            t_args(lang, "results-empty", &[("query", &query)]),
        ));
    } else {
        blocks.push(section(
            "results.intro",
            t_args(lang, "results-intro", &[("query", &query)]),
        ));
    }
    for (i, result) in screen.cards.iter().enumerate() {
        // No block id: nothing refers to it, and each one is bytes in every results modal.
        blocks.push(SlackDividerBlock::new().into());
        blocks.extend(card_blocks(
            &result.card,
            reader,
            &format!("card.{i}"),
            request_control(lang, &result.requests),
        ));
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
        blocks.push(context("results.page", line));
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
            SlackActionBlockElement::Button(button(&Booking(action.clone()), &t(lang, key)))
        })
        .collect();
    blocks.push(
        SlackActionsBlock::new(paging)
            .with_block_id("results.paging".into())
            .into(),
    );
    blocks
}

/// The card's Request control, beside the mentor's name: a button when the card offers one
/// theme, else a select of its themes (choosing one opens that theme's request form). One
/// control per card, where a row of "Request — theme" buttons under each card made up two
/// fifths of every results modal.
fn request_control(lang: Lang, offers: &[RequestOffer]) -> Option<SlackSectionBlockElement> {
    match offers {
        [] => None,
        [only] => Some(SlackSectionBlockElement::Button(button(
            &Booking(only.action.clone()),
            &t(lang, "button-request-one-plain"),
        ))),
        several => action_menu(
            t(lang, "request-menu-plain"),
            several
                .iter()
                .map(|offer| (Booking(offer.action.clone()), offer.theme.clone()))
                .collect(),
        )
        .map(SlackSectionBlockElement::StaticSelect),
    }
}
