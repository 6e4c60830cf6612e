//! Help, and the short card for a refusal, a confirmation or any catalog message (what Slack
//! sends ephemerally).

use serde_json::Value;

use super::kit::{card, escape, heading, md, message_md, small, text, Names};
use crate::app::errors::Message;
use crate::app::screens::HelpScreen;
use crate::domain::{Lang, Reader, Roles, SubCommand};
use crate::i18n::{t, t_args};

/// The roles a person holds, most privileged first, in their language.
pub(super) fn role_names(lang: Lang, roles: &Roles) -> String {
    roles
        .list()
        .into_iter()
        .map(|r| t(lang, &format!("role-{}", r.as_str())))
        .collect::<Vec<_>>()
        .join(&t(lang, "list-separator-plain"))
}

/// What each held role can do, most privileged first.
pub(super) fn role_texts(lang: Lang, roles: &Roles) -> Vec<Value> {
    roles
        .list()
        .into_iter()
        .map(|role| text(md(&t(lang, &format!("role-{}-can", role.as_str())))))
        .collect()
}

/// The commands that work when typed in Teams (the rest answer that they are Slack-only for
/// now): the help card and the manifest's commandLists list exactly these.
pub const TEAMS_COMMANDS: [SubCommand; 10] = [
    SubCommand::Help,
    SubCommand::Find,
    SubCommand::Home,
    SubCommand::Hours,
    SubCommand::History,
    SubCommand::Nudges,
    SubCommand::Survey,
    SubCommand::Insight,
    SubCommand::Stats,
    SubCommand::Admin,
];

/// Whether `sub` works when typed in Teams.
pub fn works_in_teams(sub: SubCommand) -> bool {
    TEAMS_COMMANDS.contains(&sub)
}

/// `help` typed in the personal chat (and the Home's Help): the reader's roles, what each can
/// do, the commands they may type (without Slack's `/mentor`), their zone and language.
pub fn help(screen: &HelpScreen, reader: &Reader) -> Value {
    let lang = reader.lang;
    let roles = &screen.roles;
    let mut body = vec![
        heading(t(lang, "help-title-plain")),
        text(md(&t_args(
            lang,
            "help-intro",
            &[("name", &escape(&reader.name))],
        ))),
        text(md(&t_args(
            lang,
            "help-your-roles",
            &[("roles", &role_names(lang, roles))],
        ))),
    ];
    body.extend(role_texts(lang, roles));
    let commands: Vec<String> = TEAMS_COMMANDS
        .into_iter()
        .filter(|sub| match sub {
            SubCommand::Admin => roles.admin,
            SubCommand::Hours | SubCommand::Insight => roles.mentor,
            SubCommand::Stats => roles.admin || roles.advisor,
            _ => true,
        })
        .map(|sub| match sub {
            SubCommand::Home => t(lang, "teams-cmd-home"),
            SubCommand::Admin => t(lang, "teams-admin-cmd"),
            SubCommand::Insight | SubCommand::Stats => {
                t(lang, &format!("teams-insight-cmd-{}", sub.word()))
            }
            _ => t(lang, &format!("teams-more-cmd-{}", sub.word())),
        })
        .map(|line| format!("- {}", md(&line)))
        .collect();
    body.push(text(format!(
        "{}\n\n{}",
        md(&t(lang, "help-commands")),
        commands.join("\n")
    )));
    body.push(small(md(&t_args(
        lang,
        "teams-help-language",
        &[
            ("tz", reader.tz.name()),
            ("language", &t(lang, &format!("language-{}", lang.code()))),
        ],
    ))));
    card(body, Vec::new())
}

/// A word typed in the chat that is no command: say so, suggest the nearest one, point at help.
pub fn unknown_command(reader: &Reader, word: &str, suggestion: Option<SubCommand>) -> Value {
    let lang = reader.lang;
    let word: String = word.chars().take(40).collect();
    let mut lines = vec![t_args(lang, "unknown-command", &[("word", &escape(&word))])];
    if let Some(sub) = suggestion {
        lines.push(t_args(
            lang,
            "unknown-suggest",
            &[("suggestion", sub.word())],
        ));
    }
    lines.push(t(lang, "unknown-hint"));
    card(vec![text(md(&lines.join("\n")))], Vec::new())
}

/// A short card for a refusal, confirmation or any catalog message.
pub fn notice(message: &Message, reader: &Reader) -> Value {
    notice_with(message, reader, &Names::new())
}

/// [`notice`] naming the people the message mentions.
pub fn notice_with(message: &Message, reader: &Reader, names: &Names) -> Value {
    card(vec![text(message_md(reader, names, message))], Vec::new())
}
