//! Certifying people for a theme, its current mentors (each revocable), and what certifying did.

use slack_morphism::prelude::*;

use super::{action_label, input, inputs, modal, status_name, Ctx};
use crate::app::actions::{Action::Admin, AdminForm};
use crate::app::screens::{CertifyResultScreen, CertifyScreen};
use crate::domain::Lang;
use crate::i18n::{t, t_args, t_with};
use crate::slack::blocks::render::mention;
use crate::slack::blocks::render::{button, context, divider, escape, section};

pub fn certify(lang: Lang, screen: &CertifyScreen, ctx: Ctx) -> SlackView {
    let counts = &screen.counts;
    let intro = t_with(
        lang,
        "certify-intro",
        &[
            ("theme", (&escape(&screen.theme.name)).into()),
            ("certified", counts.certified.into()),
            ("started", counts.started.into()),
            ("waiting", counts.waiting.into()),
        ],
    );
    let users =
        SlackBlockMultiUsersSelectElement::new().with_action_id(inputs::CERTIFY_USERS.into());
    let mut blocks: Vec<SlackBlock> = vec![
        section("certify.intro", intro),
        input(
            inputs::CERTIFY_USERS,
            "certify-users-label-plain",
            lang,
            users.into(),
        )
        .with_hint(pt!(t(lang, "certify-users-hint-plain")))
        .into(),
    ];
    if !screen.mentors.is_empty() {
        blocks.push(divider("certify.divider"));
        blocks.push(section(
            "certify.mentors",
            t(lang, "certify-mentors-header"),
        ));
    }
    for row in &screen.mentors {
        let confirm = SlackBlockConfirmItem::new(
            pt!(t(lang, "revoke-confirm-title-plain")),
            SlackBlockText::Plain(SlackBlockPlainText::new(t(
                lang,
                "revoke-confirm-text-plain",
            ))),
            pt!(t(lang, "button-confirm-revoke-plain")),
            pt!(t(lang, "button-cancel-plain")),
        );
        let revoke = button(
            &Admin(row.revoke.clone()),
            &t(lang, action_label(&row.revoke)),
        )
        .with_style(SlackBlockButtonStyle::Danger)
        .with_confirm(confirm);
        let line = t_args(
            lang,
            "certify-mentor-line",
            &[
                ("user", &mention(&row.user)),
                ("status", &status_name(lang, row.status)),
            ],
        );
        blocks.push(
            SlackSectionBlock::new()
                .with_block_id(format!("mentor.{}", row.user).into())
                .with_text(md!(line))
                .with_accessory(SlackSectionBlockElement::Button(revoke))
                .into(),
        );
    }
    if screen.more_mentors > 0 {
        blocks.push(context(
            "certify.more",
            t_with(
                lang,
                "certify-more",
                &[("count", screen.more_mentors.into())],
            ),
        ));
    }
    modal(
        lang,
        "certify-title-plain",
        AdminForm::Certify,
        blocks,
        &ctx,
        true,
    )
}

/// What certifying did (replaces the certify modal).
pub fn certify_result(lang: Lang, screen: &CertifyResultScreen) -> SlackView {
    let report = &screen.report;
    let mut blocks = vec![section(
        "certify.done",
        t_with(
            lang,
            "certify-done",
            &[
                ("count", report.certified.len().into()),
                ("theme", (&escape(&screen.theme.name)).into()),
            ],
        ),
    )];
    if !report.already.is_empty() {
        let users = report
            .already
            .iter()
            .map(crate::slack::blocks::render::mention)
            .collect::<Vec<_>>()
            .join(" ");
        blocks.push(section(
            "certify.already",
            t_args(lang, "certify-already", &[("users", &users)]),
        ));
    }
    modal(
        lang,
        "certify-title-plain",
        AdminForm::CertifyDone,
        blocks,
        &Ctx::default(),
        false,
    )
}
