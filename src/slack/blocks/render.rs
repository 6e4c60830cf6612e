//! Block Kit, one small pure function per screen, always in the reader's language and zone.

use chrono::{DateTime, Utc};
use slack_morphism::prelude::*;

use crate::app::actions::{Action, Form, HomeAction};
use crate::app::errors::Message;
use crate::app::screens::{HelpScreen, HomeScreen, OfficeDm};
use crate::app::wire as actions;
use crate::domain::{Lang, Notice, Reader, Role, Roles, SubCommand, UserId};
use crate::i18n::{format_datetime, t, t_args, t_with};

/// Slack limits these helpers keep to (see slack-fixtures/README.md).
pub(super) const SECTION_TEXT_MAX: usize = 3000;
const HEADER_TEXT_MAX: usize = 150;
const CONTEXT_TEXT_MAX: usize = 2000;
const BUTTON_TEXT_MAX: usize = 75;
const MODAL_TITLE_MAX: usize = 24;

/// Escapes user-supplied text for mrkdwn (Slack treats `&`, `<` and `>` as control characters).
/// A person as Slack writes them in mrkdwn: a mention, or for a Teams colleague (no Slack id)
/// their name in bold.
pub fn mention(user: &UserId) -> String {
    match user.platform() {
        crate::domain::Platform::Slack => format!("<@{user}>"),
        crate::domain::Platform::Teams => {
            let name = crate::app::names::teams_name(user).unwrap_or_else(|| "Teams".into());
            format!("*{}* (Teams)", escape(&name))
        }
    }
}

/// Slack's way of writing a message's arguments: `<@U…>` mentions; text as it is (for plain
/// text such as field errors) or escaped (for mrkdwn).
pub struct SlackMarkup {
    pub mrkdwn: bool,
}

impl crate::i18n::Markup for SlackMarkup {
    fn mention(&self, user: &UserId) -> String {
        mention(user)
    }
    fn text(&self, text: &str) -> String {
        if self.mrkdwn {
            escape(text)
        } else {
            text.to_string()
        }
    }
}

/// A use case's message (a refusal, a field error) as a Slack reader reads it.
pub fn message_text(lang: Lang, message: &Message) -> String {
    crate::i18n::message(
        lang,
        chrono_tz::UTC,
        message,
        &SlackMarkup { mrkdwn: false },
    )
}

/// A use case's message in mrkdwn for `reader` (times in their zone, typed text escaped).
pub fn message_mrkdwn(reader: &Reader, message: &Message) -> String {
    crate::i18n::message(
        reader.lang,
        reader.tz,
        message,
        &SlackMarkup { mrkdwn: true },
    )
}

pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Cuts `text` to at most `max` characters, marking the cut.
pub(super) fn fit(text: String, max: usize) -> String {
    if text.chars().count() <= max {
        return text;
    }
    let mut cut: String = text.chars().take(max - 1).collect();
    cut.push('…');
    cut
}

/// Memo lines (oldest first) under `header` in one section: when they do not all fit, the
/// newest are kept and "…" stands for the older ones left out (a brief or a summary must show
/// what was written last).
pub(super) fn newest_lines(header: &str, lines: &[String]) -> String {
    let budget = SECTION_TEXT_MAX.saturating_sub(header.chars().count() + 3);
    let mut kept: Vec<String> = Vec::new();
    let mut used = 0;
    for line in lines.iter().rev() {
        let len = line.chars().count() + 1;
        if used + len > budget {
            if kept.is_empty() {
                kept.push(fit(line.clone(), budget));
            }
            kept.push("…".to_string());
            break;
        }
        used += len;
        kept.push(line.clone());
    }
    kept.reverse();
    format!("{header}\n{}", kept.join("\n"))
}

pub(super) fn section(block_id: &str, text: String) -> SlackBlock {
    SlackSectionBlock::new()
        .with_block_id(block_id.into())
        .with_text(md!(fit(text, SECTION_TEXT_MAX)))
        .into()
}

pub(super) fn header(block_id: &str, text: String) -> SlackBlock {
    SlackHeaderBlock::new(pt!(fit(text, HEADER_TEXT_MAX)))
        .with_block_id(block_id.into())
        .into()
}

pub(super) fn context(block_id: &str, text: String) -> SlackBlock {
    SlackContextBlock::new(vec![SlackContextBlockElement::MarkDown(
        SlackBlockMarkDownText::new(fit(text, CONTEXT_TEXT_MAX)),
    )])
    .with_block_id(block_id.into())
    .into()
}

pub(super) fn divider(block_id: &str) -> SlackBlock {
    SlackDividerBlock::new()
        .with_block_id(block_id.into())
        .into()
}

/// A row of buttons, each pressing its action.
pub(super) fn buttons(block_id: &str, items: Vec<(Action, String)>) -> SlackBlock {
    let elements = items
        .iter()
        .map(|(action, label)| SlackActionBlockElement::Button(button(action, label)))
        .collect();
    SlackActionsBlock::new(elements)
        .with_block_id(block_id.into())
        .into()
}

/// A button carrying `action` in Slack's encoding.
pub(super) fn button(action: &Action, label: &str) -> SlackBlockButtonElement {
    let encoded = actions::encode(action);
    SlackBlockButtonElement::new(pt!(fit(label.to_string(), BUTTON_TEXT_MAX)))
        .with_action_id(encoded.action_id.into())
        .with_value(encoded.value)
}

fn role_names(lang: Lang, roles: &Roles) -> String {
    let sep = match lang {
        Lang::Ja => "・",
        Lang::En => ", ",
    };
    roles
        .list()
        .into_iter()
        .map(|r| t(lang, &format!("role-{}", r.as_str())))
        .collect::<Vec<_>>()
        .join(sep)
}

fn language_name(lang: Lang) -> String {
    t(lang, &format!("language-{}", lang.code()))
}

/// What each held role can do, most privileged first.
fn role_sections(reader: &Reader, roles: &Roles, prefix: &str) -> Vec<SlackBlock> {
    roles
        .list()
        .into_iter()
        .map(|role: Role| {
            section(
                &format!("{prefix}.role.{}", role.as_str()),
                t(reader.lang, &format!("role-{}-can", role.as_str())),
            )
        })
        .collect()
}

fn help_blocks(screen: &HelpScreen) -> Vec<SlackBlock> {
    let r = &screen.reader;
    let lang = r.lang;
    let mut blocks = vec![
        section(
            "help.intro",
            t_args(lang, "help-intro", &[("name", &escape(&r.name))]),
        ),
        section(
            "help.roles",
            t_args(
                lang,
                "help-your-roles",
                &[("roles", &role_names(lang, &screen.roles))],
            ),
        ),
    ];
    blocks.extend(role_sections(r, &screen.roles, "help"));
    blocks.push(divider("help.divider"));
    let commands = SubCommand::ALL
        .into_iter()
        .filter(|sub| match sub {
            SubCommand::Admin => screen.roles.admin,
            SubCommand::Hours => screen.roles.mentor,
            SubCommand::Insight => screen.roles.mentor,
            SubCommand::Stats => screen.roles.admin || screen.roles.advisor,
            _ => true,
        })
        .map(|sub| t(lang, &format!("cmd-{}", sub.word())))
        .collect::<Vec<_>>()
        .join("\n");
    blocks.push(section(
        "help.commands",
        format!("{}\n{commands}", t(lang, "help-commands")),
    ));
    blocks.push(context(
        "help.language",
        t_args(
            lang,
            "help-language",
            &[("tz", r.tz.name()), ("language", &language_name(lang))],
        ),
    ));
    blocks
}

/// `/mentor help` as an ephemeral message.
pub fn help_message(screen: &HelpScreen) -> SlackMessageContent {
    SlackMessageContent::new()
        .with_text(t(screen.reader.lang, "help-fallback"))
        .with_blocks(help_blocks(screen))
}

/// The same help in a modal (from the App Home button).
pub fn help_modal(screen: &HelpScreen) -> SlackView {
    let lang = screen.reader.lang;
    SlackView::Modal(
        SlackModalView::new(
            pt!(fit(t(lang, "help-title-plain"), MODAL_TITLE_MAX)),
            help_blocks(screen),
        )
        .with_close(pt!(fit(t(lang, "modal-close-plain"), MODAL_TITLE_MAX)))
        .with_callback_id(actions::encode_form(&Form::Help).0.into()),
    )
}

/// What someone sees after pressing something the bot cannot read (a button from a much
/// older message, or a forged one): nothing happened.
pub fn error_modal(lang: Lang) -> SlackView {
    crate::slack::blocks::kit::modal(
        lang,
        "help-title-plain",
        &Form::Help,
        vec![section("error", t(lang, "error-generic"))],
        None,
    )
}

/// The App Home tab.
pub fn home_view(screen: &HomeScreen) -> SlackView {
    let r = &screen.reader;
    let lang = r.lang;
    let mut blocks = vec![
        header("home.header", t(lang, "home-header-plain")),
        section(
            "home.greeting",
            t_args(lang, "home-greeting", &[("name", &escape(&r.name))]),
        ),
        context(
            "home.roles",
            t_args(
                lang,
                "home-roles",
                &[("roles", &role_names(lang, &screen.roles))],
            ),
        ),
    ];
    blocks.extend(role_sections(r, &screen.roles, "home"));
    blocks.extend(crate::slack::blocks::booking::home_blocks(
        r,
        &screen.one_on_ones,
    ));
    blocks.extend(crate::slack::blocks::memo::home_blocks(r, &screen.memo));
    if let Some(mentor) = &screen.mentor {
        blocks.extend(crate::slack::blocks::mentor::home_blocks(
            lang, mentor, r.tz,
        ));
    }
    if let Some((themes, counts)) = &screen.admin {
        blocks.push(divider("home.admin.divider"));
        let overview = t_with(
            lang,
            "home-admin-overview",
            &[
                ("themes", themes.into()),
                ("certified", counts.certified.into()),
                ("started", counts.started.into()),
                ("waiting", counts.waiting.into()),
            ],
        );
        blocks.push(section(
            "home.admin",
            format!("{}\n{overview}", t(lang, "home-admin-header")),
        ));
        blocks.push(buttons(
            "home.admin.actions",
            vec![(
                Action::Home(HomeAction::AdminConsole),
                t(lang, "button-admin-console-plain"),
            )],
        ));
    }
    if let Some(unreachable) = &screen.unreachable {
        let lines: Vec<String> = unreachable
            .lines
            .iter()
            .map(|m| message_mrkdwn(r, m))
            .collect();
        blocks.push(section("home.admin.unreachable", lines.join("\n")));
    }
    blocks.extend(crate::slack::blocks::followup::home_blocks(
        r,
        &screen.nudges,
    ));
    blocks.extend(crate::slack::blocks::insight::home_blocks(
        lang,
        &screen.roles,
    ));
    blocks.push(buttons(
        "home.actions",
        vec![
            (Action::Home(HomeAction::Help), t(lang, "button-help-plain")),
            (
                Action::Home(HomeAction::Refresh),
                t(lang, "button-refresh-plain"),
            ),
        ],
    ));
    blocks.push(divider("home.divider"));
    blocks.push(context(
        "home.updated",
        t_args(
            lang,
            "home-updated",
            &[
                ("time", &local_time(r, screen.updated_at)),
                ("tz", r.tz.name()),
            ],
        ),
    ));
    SlackView::Home(SlackHomeView::new(blocks))
}

/// An instant as the reader reads it: their zone, their language.
pub fn local_time(reader: &Reader, at: DateTime<Utc>) -> String {
    format_datetime(reader.lang, at.with_timezone(&reader.tz))
}

/// `/mentor home`: a link that opens this app's Home tab when the ids are known.
pub fn home_link_message(
    lang: Lang,
    team_id: Option<&str>,
    app_id: Option<&str>,
) -> SlackMessageContent {
    let text = match (team_id, app_id) {
        (Some(team), Some(app)) => t_args(
            lang,
            "home-open",
            &[("url", &format!("slack://app?team={team}&id={app}&tab=home"))],
        ),
        _ => t(lang, "home-open-fallback"),
    };
    SlackMessageContent::new()
        .with_text(t(lang, "home-open-fallback"))
        .with_blocks(vec![section("home.link", text)])
}

/// An unknown sub-command: say so, suggest the nearest one, point at help.
pub fn unknown_command_message(
    lang: Lang,
    word: &str,
    suggestion: Option<SubCommand>,
) -> SlackMessageContent {
    let mut lines = vec![t_args(
        lang,
        "unknown-command",
        &[("word", &escape(word).replace('`', "'"))],
    )];
    if let Some(sub) = suggestion {
        lines.push(t_args(
            lang,
            "unknown-suggest",
            &[("suggestion", sub.word())],
        ));
    }
    lines.push(t(lang, "unknown-hint"));
    let text = lines.join("\n");
    SlackMessageContent::new()
        .with_text(text.clone())
        .with_blocks(vec![section("unknown", text)])
}

/// A one-section ephemeral message.
pub fn plain_message(text: &str) -> SlackMessageContent {
    SlackMessageContent::new()
        .with_text(text.to_string())
        .with_blocks(vec![section("message", text.to_string())])
}

/// "Something went wrong, nothing was saved."
pub fn error_message(lang: Lang) -> SlackMessageContent {
    let text = t(lang, "error-generic");
    SlackMessageContent::new()
        .with_text(text.clone())
        .with_blocks(vec![section("error", text)])
}

/// A DM the outbox delivers.
pub fn notice_message(notice: &Notice, reader: &Reader) -> SlackMessageContent {
    let lang = reader.lang;
    if let Some(dm) = crate::app::screens::TodoDueDm::decide(notice) {
        return crate::slack::blocks::memo::todo_due_message(reader, &dm);
    }
    if let Some(message) = crate::slack::blocks::survey::survey_message(notice, reader) {
        return message;
    }
    if let Notice::Followup(followup) = notice {
        return crate::slack::blocks::followup::followup_message(followup, reader);
    }
    if let Some(dm) = OfficeDm::decide(notice) {
        return office_dm(reader, notice, &dm);
    }
    crate::slack::blocks::booking::booking_notice(notice, reader)
        .unwrap_or_else(|| plain_message(&t(lang, "error-generic")))
}

/// A program office DM as `app::screens::OfficeDm` decided it.
fn office_dm(reader: &Reader, notice: &Notice, dm: &OfficeDm) -> SlackMessageContent {
    let prefix = match notice {
        Notice::Welcome => "welcome",
        Notice::Certified { .. } => "certified",
        Notice::CertificationRevoked { .. } => "revoked",
        Notice::ThemeArchived { .. } => "theme-archived",
        Notice::ThemeRestored { .. } => "theme-restored",
        _ => "answers-needed",
    };
    let mut blocks = Vec::new();
    for (i, line) in dm.lines.iter().enumerate() {
        let mut text = message_mrkdwn(reader, line);
        if i == 0 && !dm.list.is_empty() {
            let list = dm
                .list
                .iter()
                .map(|q| format!("• {}", escape(q)))
                .collect::<Vec<_>>()
                .join("\n");
            text = format!("{text}\n{list}");
        }
        let block = match i {
            0 => prefix.to_string(),
            _ => format!("{prefix}.next"),
        };
        blocks.push(section(&block, text));
    }
    if !dm.actions.is_empty() {
        let elements = dm
            .actions
            .iter()
            .map(|a| crate::slack::blocks::mentor::mentor_button(reader.lang, *a))
            .collect();
        blocks.push(
            SlackActionsBlock::new(elements)
                .with_block_id(format!("{prefix}.actions").into())
                .into(),
        );
    }
    SlackMessageContent::new()
        .with_text(message_text(reader.lang, &dm.fallback))
        .with_blocks(blocks)
}

#[cfg(test)]
mod tests {
    #[test]
    fn memo_lines_that_do_not_fit_keep_the_newest_and_mark_the_older_left_out() {
        let old = format!("<@UJA>: {}", "古".repeat(2_990));
        let lines = vec![
            old.clone(),
            "<@UEN>: today I want to talk about X".to_string(),
        ];
        let text = newest_lines("*Shared memo*", &lines);
        assert!(text.starts_with("*Shared memo*\n…\n"), "{text}");
        assert!(text.ends_with("today I want to talk about X"), "{text}");
        assert!(text.chars().count() <= SECTION_TEXT_MAX);
        // Everything fits: nothing is left out, oldest first.
        let short = vec!["a".to_string(), "b".to_string()];
        assert_eq!(newest_lines("H", &short), "H\na\nb");
        // One entry longer than a section is cut, not dropped.
        let huge = vec!["x".repeat(5_000)];
        let text = newest_lines("H", &huge);
        assert!(text.chars().count() <= SECTION_TEXT_MAX && text.contains("xxx"));
    }

    use super::*;

    #[test]
    fn user_text_is_escaped_for_mrkdwn() {
        assert_eq!(escape("<@U1> & <!here>"), "&lt;@U1&gt; &amp; &lt;!here&gt;");
    }

    #[test]
    fn long_text_is_cut_to_the_limit_on_a_character_boundary() {
        let long = "育".repeat(SECTION_TEXT_MAX + 10);
        let cut = fit(long, SECTION_TEXT_MAX);
        assert_eq!(cut.chars().count(), SECTION_TEXT_MAX);
        assert!(cut.ends_with('…'));
        assert_eq!(fit("short".into(), 10), "short");
    }
}
