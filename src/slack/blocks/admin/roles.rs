//! Admins and advisors, each revocable or not, with a form to grant a role.

use slack_morphism::prelude::*;

use super::{action_label, flash_block, input, inputs, modal, Ctx};
use crate::app::actions::{Action::Admin, AdminForm};
use crate::app::screens::{role_key, RoleNote, RolesScreen};
use crate::domain::Lang;
use crate::i18n::{t, t_args};
use crate::slack::blocks::kit::text_option;
use crate::slack::blocks::render::mention;
use crate::slack::blocks::render::{button, divider, section};

pub fn roles(lang: Lang, screen: &RolesScreen, ctx: Ctx) -> SlackView {
    let role_options: Vec<_> = screen
        .grantable
        .iter()
        .map(|r| text_option(t(lang, &role_key(*r)), r.as_str()))
        .collect();
    let mut role_select = SlackBlockRadioButtonsElement::new(role_options.clone())
        .with_action_id(inputs::ROLE_ROLE.into());
    if let Some(first) = role_options.first() {
        role_select = role_select.with_initial_option(first.clone());
    }
    let mut blocks: Vec<SlackBlock> = flash_block(lang, "roles.flash", screen.flash.as_ref())
        .into_iter()
        .collect();
    blocks.extend([
        section("roles.intro", t(lang, "roles-intro")),
        input(
            inputs::ROLE_USER,
            "roles-user-label-plain",
            lang,
            SlackBlockUsersSelectElement::new()
                .with_action_id(inputs::ROLE_USER.into())
                .into(),
        )
        .into(),
        input(
            inputs::ROLE_ROLE,
            "roles-role-label-plain",
            lang,
            role_select.into(),
        )
        .into(),
        divider("roles.divider"),
    ]);
    // Advisors' "Themes" buttons take the blocks the holders leave under Slack's 100.
    let mut spare = 100usize.saturating_sub(blocks.len() + screen.holders.len() + 1);
    for row in &screen.holders {
        let role_name = t(lang, &role_key(row.role));
        let mut line = t_args(
            lang,
            "roles-holder-line",
            &[("user", &mention(&row.user)), ("role", &role_name)],
        );
        match row.note {
            Some(RoleNote::Configured) => line = format!("{line} {}", t(lang, "roles-from-config")),
            Some(RoleNote::Own) => line = format!("{line} {}", t(lang, "admin-roles-own")),
            None => {}
        }
        let block_id = format!("holder.{}.{}", row.role.as_str(), row.user);
        let scope = (row.role == crate::domain::Role::Advisor && spare > 0).then(|| {
            spare -= 1;
            crate::slack::blocks::insight::scope_button(lang, &row.user)
        });
        let Some(revoke) = &row.revoke else {
            blocks.push(section(&block_id, line));
            blocks.extend(scope);
            continue;
        };
        let revoke = button(&Admin(revoke.clone()), &t(lang, action_label(revoke)))
            .with_style(SlackBlockButtonStyle::Danger);
        blocks.push(
            SlackSectionBlock::new()
                .with_block_id(block_id.into())
                .with_text(md!(line))
                .with_accessory(SlackSectionBlockElement::Button(revoke))
                .into(),
        );
        blocks.extend(scope);
    }
    modal(
        lang,
        "roles-title-plain",
        AdminForm::Roles,
        blocks,
        &ctx,
        true,
    )
}
