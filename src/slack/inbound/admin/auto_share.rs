//! The office's auto-share (自動共有) modal in Slack: open it from the console, add a rule
//! (submission), remove one (button). The admin role is checked by the use cases.

use chrono::{DateTime, Utc};

use crate::app::actions::AdminAction;
use crate::app::admin::{Actor, AdminError};
use crate::app::screens::ShareInput;
use crate::domain::Lang;
use crate::slack::blocks::admin::Ctx;
use crate::slack::blocks::after as views;
use crate::slack::inbound::context::{InteractionReply, SlackState};
use crate::slack::inbound::payload::ViewRef;

/// "Auto-share" on the console (pushed over it) and a rule's remove button (redraws it).
#[allow(clippy::too_many_arguments)]
pub(super) async fn on_action(
    state: &SlackState,
    actor: &Actor,
    lang: Lang,
    trigger_id: Option<&str>,
    action: &AdminAction,
    here: Option<&str>,
    ctx: &Ctx,
    now: DateTime<Utc>,
) -> Result<(), AdminError> {
    let internal = |e: anyhow::Error| AdminError::Internal(e);
    match *action {
        AdminAction::OpenAutoShare => {
            let screen = state.app.auto_share_screen(actor, None).await?;
            let trigger = trigger_id.ok_or_else(|| internal(anyhow::anyhow!("no trigger_id")))?;
            let child = Ctx {
                parent: here.map(str::to_string),
                ..Ctx::default()
            };
            state
                .gateway
                .push_view(trigger, views::auto_share(lang, &screen, &child))
                .await
                .map_err(|e| internal(e.into()))
        }
        AdminAction::RemoveAutoShare { rule } => {
            let screen = state.app.remove_auto_share_rule(actor, rule, now).await?;
            let Some(view_id) = here else { return Ok(()) };
            state
                .gateway
                .update_view(view_id, views::auto_share(lang, &screen, ctx))
                .await
                .map_err(|e| internal(e.into()))
        }
        _ => Ok(()),
    }
}

/// The submitted add-a-rule form: field errors, or the screen with the rule added.
pub(super) async fn on_submission(
    state: &SlackState,
    actor: &Actor,
    lang: Lang,
    view: &ViewRef,
    ctx: &Ctx,
    now: DateTime<Utc>,
) -> Result<InteractionReply, AdminError> {
    // The role first: a non-admin learns nothing from the form's errors.
    state.app.require_admin(actor).await?;
    let input = ShareInput {
        theme: view.choice(views::inputs::SHARE_THEME),
        mentee: view.users(views::inputs::SHARE_MENTEE).into_iter().next(),
        recipient: view
            .users(views::inputs::SHARE_RECIPIENT)
            .into_iter()
            .next(),
    };
    let (scope, recipient) = match input.validate() {
        Ok(rule) => rule,
        Err(errors) => return Ok(InteractionReply::Errors(views::share_errors(lang, &errors))),
    };
    let screen = state
        .app
        .add_auto_share_rule(actor, scope, recipient, now)
        .await?;
    Ok(InteractionReply::Update(views::auto_share(
        lang, &screen, ctx,
    )))
}
