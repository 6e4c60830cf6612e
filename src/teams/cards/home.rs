//! The Home as a card the bot posts in the personal chat and refreshes in place: the same
//! parts as Slack's App Home (roles, 1on1s to answer and coming, TODOs, the mentor's themes
//! and hours, the office's overview, nudges, insight), each with the buttons its view model offers.

use chrono::{DateTime, Utc};
use serde_json::{json, Value};

use super::help::{role_names, role_texts};
use super::kit::{
    action_button, action_data, action_set, card, escape, execute_data, heading, md, separated,
    small, text, Names, TeamsMarkup,
};
use crate::app::actions::{Action, BookingAction, HomeAction, MentorAction};
use crate::app::screens::{HomeOneOnOne, HomeScreen, MentorHome};
use crate::domain::memo::Todo;
use crate::domain::{Lang, Reader};
use crate::i18n::{format_date, format_datetime, t, t_args, t_with, Markup};

/// The Home as a card (refreshable: opening the chat redraws it with `home.refresh`).
pub fn home(screen: &HomeScreen, reader: &Reader) -> Value {
    home_with(screen, reader, &Names::new())
}

/// [`home`] naming the other person of each 1on1 and each TODO's owner.
pub fn home_with(screen: &HomeScreen, reader: &Reader, names: &Names) -> Value {
    let lang = reader.lang;
    let markup = TeamsMarkup { lang, names };
    let mut body = vec![
        heading(t(lang, "home-header-plain")),
        text(md(&t_args(
            lang,
            "home-greeting",
            &[("name", &escape(&reader.name))],
        ))),
        small(t_args(
            lang,
            "home-roles",
            &[("roles", &role_names(lang, &screen.roles))],
        )),
    ];
    body.extend(role_texts(lang, &screen.roles));
    body.extend(one_on_ones(screen, reader, &markup));
    body.extend(memo(screen, reader, &markup));
    if let Some(mentor) = &screen.mentor {
        body.extend(mentor_part(lang, mentor, reader));
    }
    if let Some((themes, counts)) = &screen.admin {
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
        body.push(separated(text(md(&format!(
            "{}\n\n{overview}",
            t(lang, "home-admin-header")
        )))));
        body.extend(buttons(lang, &[Action::Home(HomeAction::AdminConsole)]));
    }
    if let Some(unreachable) = &screen.unreachable {
        let lines: Vec<String> = unreachable
            .lines
            .iter()
            .map(|m| super::kit::message_md(reader, names, m))
            .collect();
        body.push(separated(text(lines.join("\n\n"))));
    }
    let nudges = if screen.nudges.on {
        "home-nudges-on"
    } else {
        "home-nudges-off"
    };
    body.push(separated(text(md(&t(lang, nudges)))));
    body.extend(buttons(lang, &[Action::Nudge(screen.nudges.action)]));
    let insight: Vec<Action> = crate::app::screens::insight_home_actions(&screen.roles)
        .into_iter()
        .map(Action::Insight)
        .collect();
    if !insight.is_empty() {
        body.push(separated(text(md(&t(lang, "home-insight-header")))));
        body.extend(buttons(lang, &insight));
    }
    body.push(separated(small(t_args(
        lang,
        "home-updated",
        &[
            ("time", &local_time(reader, screen.updated_at)),
            ("tz", reader.tz.name()),
        ],
    ))));
    let actions = [HomeAction::Help, HomeAction::Refresh]
        .map(|a| action_button(lang, &Action::Home(a)))
        .to_vec();
    let mut card = card(body, actions);
    // Teams redraws the card with this action when the person opens the chat.
    let refresh = execute_data(
        &t(lang, "button-refresh-plain"),
        action_data(&Action::Home(HomeAction::Refresh)),
        false,
    );
    card["refresh"] = json!({ "action": refresh });
    card
}

/// An instant in the reader's zone and language.
pub(super) fn local_time(reader: &Reader, at: DateTime<Utc>) -> String {
    format_datetime(reader.lang, at.with_timezone(&reader.tz))
}

/// A row of buttons for `actions`.
fn buttons(lang: Lang, actions: &[Action]) -> Option<Value> {
    action_set(actions.iter().map(|a| action_button(lang, a)).collect())
}

fn one_on_ones(screen: &HomeScreen, reader: &Reader, markup: &TeamsMarkup) -> Vec<Value> {
    let lang = reader.lang;
    let home = &screen.one_on_ones;
    let mut body = Vec::new();
    let rows = |body: &mut Vec<Value>, rows: &[HomeOneOnOne]| {
        for row in rows {
            body.push(text(line(reader, row, markup)));
            let mut actions: Vec<Action> =
                row.actions.iter().cloned().map(Action::Booking).collect();
            actions.extend(row.memo_actions.iter().cloned().map(Action::Memo));
            body.extend(buttons(lang, &actions));
        }
    };
    let more = |body: &mut Vec<Value>, count: usize| {
        if count > 0 {
            body.push(small(t_with(lang, "home-more", &[("count", count.into())])));
        }
    };
    if !home.waiting.is_empty() {
        body.push(separated(text(md(&t(lang, "home-waiting-header")))));
        rows(&mut body, &home.waiting);
        more(&mut body, home.more_waiting);
    }
    body.push(separated(text(md(&t(lang, "home-upcoming-header")))));
    if home.upcoming.is_empty() {
        body.push(small(t(lang, "home-upcoming-none")));
    }
    rows(&mut body, &home.upcoming);
    more(&mut body, home.more_upcoming);
    body.extend(buttons(lang, &[Action::Booking(BookingAction::Find)]));
    body
}

fn line(reader: &Reader, row: &HomeOneOnOne, markup: &TeamsMarkup) -> String {
    let lang = reader.lang;
    md(&t_args(
        lang,
        "home-one-line",
        &[
            ("time", &local_time(reader, row.one.start)),
            ("theme", &escape(&row.theme)),
            ("other", &markup.mention(&row.other)),
            (
                "status",
                &t(lang, &format!("booking-status-{}", row.one.status.as_str())),
            ),
        ],
    ))
}

fn memo(screen: &HomeScreen, reader: &Reader, markup: &TeamsMarkup) -> Vec<Value> {
    let lang = reader.lang;
    let home = &screen.memo;
    let mut body = vec![separated(text(md(&t(lang, "home-todos-header"))))];
    if home.todos.is_empty() {
        body.push(small(t(lang, "memo-todos-none")));
    }
    for row in &home.todos {
        body.push(text(todo_line(reader, &row.todo, markup)));
        let actions: Vec<Action> = row.actions.iter().cloned().map(Action::Memo).collect();
        body.extend(buttons(lang, &actions));
    }
    if home.more_todos > 0 {
        body.push(small(t_with(
            lang,
            "home-more",
            &[("count", home.more_todos.into())],
        )));
    }
    let actions: Vec<Action> = home.actions.iter().cloned().map(Action::Memo).collect();
    body.extend(buttons(lang, &actions));
    body
}

/// A TODO: its mark, text, owner and due day.
pub(super) fn todo_line(reader: &Reader, todo: &Todo, markup: &TeamsMarkup) -> String {
    let mark = if todo.done { "☑" } else { "☐" };
    let mut line = format!(
        "{mark} {} — {}",
        escape(&todo.text),
        markup.mention(&todo.owner)
    );
    if let Some(due) = todo.due {
        line.push_str(&format!(
            " · {}",
            t_args(
                reader.lang,
                "todo-due-on",
                &[("date", &format_date(reader.lang, due))]
            )
        ));
    }
    line
}

fn mentor_part(lang: Lang, home: &MentorHome, reader: &Reader) -> Vec<Value> {
    let mut body = vec![separated(text(md(&t(lang, "home-mentor-header"))))];
    for row in &home.themes {
        let theme = &row.theme.theme;
        let status = crate::slack::blocks::mentor::status_name(lang, row.theme.status);
        let line = if theme.archived {
            t_args(
                lang,
                "home-mentor-theme-archived",
                &[("theme", &escape(&theme.name))],
            )
        } else {
            t_args(
                lang,
                "home-mentor-theme",
                &[("theme", &escape(&theme.name)), ("status", &status)],
            )
        };
        body.push(text(md(&line)));
        let actions: Vec<Action> = row.actions.iter().map(|a| Action::Mentor(*a)).collect();
        body.extend(buttons(lang, &actions));
    }
    if home.more_themes > 0 {
        body.push(small(t_with(
            lang,
            "home-more",
            &[("count", home.more_themes.into())],
        )));
    }
    let hours = if home.hours_saved {
        crate::slack::blocks::mentor::hours_summary(lang, &home.hours, reader.tz)
    } else {
        t(lang, "home-hours-none")
    };
    body.push(text(md(&hours)));
    body.extend(buttons(lang, &[Action::Mentor(MentorAction::Hours)]));
    body
}
