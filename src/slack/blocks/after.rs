//! Block Kit after a 1on1: the mentee's rating form, and the office's auto-share rules.

use std::collections::HashMap;

use slack_morphism::prelude::*;

use crate::app::actions::{Action::Admin, AdminCtx, AdminForm, BookingForm, Form};
use crate::app::errors::Message;
use crate::app::screens::{AutoShareScreen, ShareField, ShareScopeView};
use crate::domain::after::{GotResponse, RatingField, COMMENT_MAX};
use crate::domain::Lang;
use crate::i18n::{t, t_args, t_with};
use crate::slack::blocks::kit::{self, input, option, static_select, text_input, text_option};
use crate::slack::blocks::render::{
    button, context, divider, escape, fit, mention, message_text, section,
};

/// Input block ids (each element's action id is the same string).
pub mod inputs {
    pub const CLARITY: &str = "rate.clarity";
    pub const GOT: &str = "rate.got";
    pub const COMMENT: &str = "rate.comment";
    pub const SHARE_THEME: &str = "share.theme";
    pub const SHARE_MENTEE: &str = "share.mentee";
    pub const SHARE_RECIPIENT: &str = "share.recipient";
}

/// "How was it?": スッキリ度 1–5, whether they got the response they hoped for, a comment.
pub fn rating_form(lang: Lang, one_on_one: i64) -> SlackView {
    let clarity = (1..=5)
        .map(|n| option(t(lang, &format!("rate-clarity-{n}-plain")), n.to_string()))
        .collect();
    let got = GotResponse::ALL
        .iter()
        .map(|g| {
            text_option(
                t(lang, &format!("rate-got-{}-plain", g.as_str())),
                g.as_str(),
            )
        })
        .collect();
    let blocks: Vec<SlackBlock> = vec![
        section("rate.intro", t(lang, "rate-intro")),
        input(
            inputs::CLARITY,
            t(lang, "rate-clarity-label-plain"),
            static_select(inputs::CLARITY, clarity, None).into(),
        )
        .into(),
        input(
            inputs::GOT,
            t(lang, "rate-got-label-plain"),
            SlackBlockRadioButtonsElement::new(got)
                .with_action_id(inputs::GOT.into())
                .into(),
        )
        .into(),
        input(
            inputs::COMMENT,
            t(lang, "rate-comment-label-plain"),
            text_input(inputs::COMMENT, "", COMMENT_MAX as u64, true),
        )
        .with_optional(true)
        .into(),
        context("rate.private", t(lang, "rate-private")),
    ];
    kit::modal(
        lang,
        "rate-title-plain",
        &Form::Booking(BookingForm::Rate { one_on_one }),
        blocks,
        Some("button-rate-send-plain"),
    )
}

/// The rating form's field errors, keyed to their blocks.
pub fn rating_errors(lang: Lang, fields: &[RatingField]) -> HashMap<String, String> {
    fields
        .iter()
        .map(|field| {
            let (block, key) = match field {
                RatingField::Clarity => (inputs::CLARITY, "rate-clarity-missing"),
                RatingField::Got => (inputs::GOT, "rate-got-missing"),
                RatingField::Comment => (inputs::COMMENT, "rate-comment-long"),
            };
            (block.to_string(), t(lang, key))
        })
        .collect()
}

/// The auto-share rules, each with a remove button, and the form that adds one.
pub fn auto_share(lang: Lang, screen: &AutoShareScreen, ctx: &AdminCtx) -> SlackView {
    let mut blocks: Vec<SlackBlock> = Vec::new();
    if let Some(flash) = &screen.flash {
        blocks.push(section("share.flash", fit(message_text(lang, flash), 3000)));
    }
    blocks.push(section("share.intro", t(lang, "share-intro")));
    let themes: Vec<_> = screen
        .themes
        .iter()
        .map(|(id, name)| option(name.clone(), id.to_string()))
        .collect();
    if !themes.is_empty() {
        blocks.push(
            input(
                inputs::SHARE_THEME,
                t(lang, "share-theme-label-plain"),
                static_select(inputs::SHARE_THEME, themes, None).into(),
            )
            .with_optional(true)
            .into(),
        );
    }
    blocks.push(
        input(
            inputs::SHARE_MENTEE,
            t(lang, "share-mentee-label-plain"),
            SlackBlockUsersSelectElement::new()
                .with_action_id(inputs::SHARE_MENTEE.into())
                .into(),
        )
        .with_optional(true)
        .into(),
    );
    blocks.push(
        input(
            inputs::SHARE_RECIPIENT,
            t(lang, "share-recipient-label-plain"),
            SlackBlockUsersSelectElement::new()
                .with_action_id(inputs::SHARE_RECIPIENT.into())
                .into(),
        )
        .into(),
    );
    blocks.push(divider("share.divider"));
    if screen.rules.is_empty() {
        blocks.push(section("share.empty", t(lang, "share-empty")));
    }
    for (i, row) in screen.rules.iter().enumerate() {
        let whose = match &row.scope {
            ShareScopeView::Theme(name) => {
                t_args(lang, "share-scope-theme", &[("theme", &escape(name))])
            }
            ShareScopeView::Mentee(user) => {
                t_args(lang, "share-scope-mentee", &[("mentee", &mention(user))])
            }
        };
        let line = t_args(
            lang,
            "share-rule-line",
            &[("whose", &whose), ("recipient", &mention(&row.recipient))],
        );
        let remove = button(&Admin(row.remove.clone()), &t(lang, "button-remove-plain"))
            .with_style(SlackBlockButtonStyle::Danger);
        blocks.push(
            SlackSectionBlock::new()
                .with_block_id(format!("share.rule.{i}").into())
                .with_text(md!(fit(line, 3000)))
                .with_accessory(SlackSectionBlockElement::Button(remove))
                .into(),
        );
    }
    if screen.more > 0 {
        blocks.push(context(
            "share.more",
            t_with(lang, "share-more", &[("count", screen.more.into())]),
        ));
    }
    kit::modal(
        lang,
        "share-title-plain",
        &Form::Admin(AdminForm::AutoShare, ctx.clone()),
        blocks,
        Some("button-save-plain"),
    )
}

/// The add-a-rule form's field errors, keyed to their blocks (the first of a field wins).
pub fn share_errors(lang: Lang, errors: &[(ShareField, Message)]) -> HashMap<String, String> {
    let mut out = HashMap::new();
    for (field, message) in errors {
        let block = match field {
            ShareField::Scope => inputs::SHARE_MENTEE,
            ShareField::Recipient => inputs::SHARE_RECIPIENT,
        };
        out.entry(block.to_string())
            .or_insert_with(|| message_text(lang, message));
    }
    out
}
