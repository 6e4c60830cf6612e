//! CSV import from Slack: the admin uploads a file in a modal; the bot answers at once, then
//! downloads, checks and imports it in the background, showing progress in a DM it updates.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use crate::app::admin::{Actor, AdminError};
use crate::app::errors::Message;
use crate::app::forms::{ImportInput, ImportRequest};
use crate::app::import::{ImportOutcome, ImportProgress, ImportStage};
use crate::app::import_report::{import_report, ReportLine};
use crate::app::ports::Messenger;
use crate::domain::{ChannelId, Lang};
use crate::i18n::{t, t_args, t_with};
use crate::slack::blocks::admin::{self as views, inputs, Ctx};
use crate::slack::blocks::render::SlackMarkup;
use crate::slack::inbound::context::{InteractionReply, SlackState};
use crate::slack::inbound::payload::ViewRef;

pub async fn on_submission(
    state: &Arc<SlackState>,
    actor: &Actor,
    lang: Lang,
    view: &ViewRef,
    _ctx: &Ctx,
    now: DateTime<Utc>,
) -> Result<InteractionReply, AdminError> {
    state.app.require_admin(actor).await?;
    let input = ImportInput {
        files: view.file_ids(inputs::IMPORT_FILE),
        theme: view.text(inputs::IMPORT_THEME),
    };
    let ImportRequest {
        file: file_id,
        theme,
    } = match input.validate() {
        Ok(request) => request,
        Err(errors) => return Ok(InteractionReply::Errors(views::field_errors(lang, &errors))),
    };
    let Actor::User(admin) = actor.clone() else {
        return Err(AdminError::NotAdmin);
    };
    let state = state.clone();
    tokio::spawn(async move {
        if let Err(e) = run(&state, admin.clone(), lang, &file_id, theme, now).await {
            tracing::error!(user = %admin, file_id, error = ?e, "CSV import failed");
        }
    });
    Ok(InteractionReply::Update(views::notice(
        lang,
        "import-title-plain",
        t(lang, "import-started"),
    )))
}

/// Shows progress by editing one DM, at most about once a second.
struct DmProgress {
    state: Arc<SlackState>,
    channel: ChannelId,
    ts: String,
    lang: Lang,
    last: Mutex<Option<Instant>>,
}

#[async_trait]
impl ImportProgress for DmProgress {
    async fn stage(&self, stage: ImportStage) {
        {
            let mut last = self.last.lock().unwrap_or_else(|e| e.into_inner());
            if last.is_some_and(|at| at.elapsed() < Duration::from_secs(1))
                && !matches!(stage, ImportStage::Importing { .. })
            {
                return;
            }
            *last = Some(Instant::now());
        }
        let text = match stage {
            ImportStage::Checking { rows } => {
                t_with(self.lang, "import-checking", &[("rows", rows.into())])
            }
            ImportStage::LookingUpEmails { done, total } => t_with(
                self.lang,
                "import-emails",
                &[("done", done.into()), ("total", total.into())],
            ),
            ImportStage::Importing { rows } => {
                t_with(self.lang, "import-importing", &[("rows", rows.into())])
            }
        };
        if let Err(e) = self
            .state
            .gateway
            .update_text(&self.channel, &self.ts, &text)
            .await
        {
            tracing::warn!(error = %e, "could not update import progress");
        }
    }
}

async fn run(
    state: &Arc<SlackState>,
    admin: crate::domain::UserId,
    lang: Lang,
    file_id: &str,
    theme: Option<String>,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let channel = state.gateway.open_dm(&admin).await?;
    let ts = state
        .gateway
        .post_text(&channel, &t(lang, "import-downloading"))
        .await?;
    let progress = DmProgress {
        state: state.clone(),
        channel: channel.clone(),
        ts: ts.clone(),
        lang,
        last: Mutex::new(None),
    };
    let result = match state.gateway.download_file(file_id).await {
        Err(e) => t_args(lang, "import-download-failed", &[("error", &e.message)]),
        Ok((name, bytes)) => {
            match state
                .app
                .import_mentors(&Actor::User(admin), bytes, theme, &progress, now)
                .await
            {
                Ok(outcome) => result_text(lang, &name, &outcome),
                Err(AdminError::Internal(e)) => {
                    tracing::error!(error = ?e, "import failed");
                    t(lang, "error-generic")
                }
                Err(other) => views::error_text(lang, &other),
            }
        }
    };
    state.gateway.update_text(&channel, &ts, &result).await?;
    Ok(())
}

/// The final report, as `app::import_report` words it, in Slack's mrkdwn.
pub fn result_text(lang: Lang, file: &str, outcome: &ImportOutcome) -> String {
    let markup = SlackMarkup { mrkdwn: true };
    let say = |m: &Message| crate::i18n::message(lang, chrono_tz::UTC, m, &markup);
    import_report(file, outcome)
        .iter()
        .map(|line| match line {
            ReportLine::Head(m) => say(m),
            ReportLine::Problem(place, what) => format!("• {}: {}", say(place), say(what)),
        })
        .collect::<Vec<_>>()
        .join("\n")
}
