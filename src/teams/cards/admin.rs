//! The program office's console in Teams, drawn from the same view models as Slack's modals
//! (`app::screens` admin): the themes card, the theme dialog, and the certify dialog where
//! people are named by email address (Teams has no people picker in a bot's dialog).

use serde_json::{json, Value};

use super::kit::{
    action_set, bold, button, card, choice_set, escape, execute_data, heading, md, name_of,
    required, separated, small, submit, text, text_input, with_errors, Names,
};
use crate::app::actions::{Action, AdminAction, AdminCtx, AdminForm, Form, ThemeOp};
use crate::app::forms::ThemeInput;
use crate::app::screens::{
    role_key, CertifyResultScreen, CertifyScreen, ConsoleScreen, RoleNote, RolesScreen,
    ThemeFormScreen,
};
use crate::domain::{Category, Lang, MentorCounts, Reader};
use crate::i18n::{t, t_args, t_with};

mod questions;

pub use questions::{question_dialog, questions_dialog, THEME_KEY};

/// The inputs of the admin dialogs.
pub mod inputs {
    pub use super::questions::inputs::*;
    pub const NAME: &str = "name";
    pub const CATEGORY: &str = "category";
    pub const DESCRIPTION: &str = "description";
    pub const EMAILS: &str = "emails";
    pub const EMAIL: &str = "email";
    pub const ROLE: &str = "role";
}

/// The keys a console button carries beside its action: the page and the archived toggle
/// the card showed, so the card it is replaced with shows the same.
pub const PAGE_KEY: &str = "mb_page";
pub const ARCHIVED_KEY: &str = "mb_archived";

fn category_name(lang: Lang, category: Category) -> String {
    t(lang, &format!("category-{}", category.as_str()))
}

/// What each console button says (the page buttons are labelled by the console).
fn label(lang: Lang, action: &AdminAction) -> String {
    let key = match action {
        AdminAction::NewTheme => "button-new-theme-plain",
        AdminAction::OpenImport => "button-import-plain",
        AdminAction::OpenRoles => "button-roles-plain",
        AdminAction::OpenTopics => "button-topics-plain",
        AdminAction::OpenAutoShare => "button-auto-share-plain",
        AdminAction::ShowArchived(true) => "button-show-archived-plain",
        AdminAction::ShowArchived(false) => "button-hide-archived-plain",
        AdminAction::Theme { op, .. } => match op {
            ThemeOp::Edit => "menu-edit-plain",
            ThemeOp::Questions => "menu-questions-plain",
            ThemeOp::Certify => "menu-certify-plain",
            ThemeOp::Archive => "menu-archive-plain",
            ThemeOp::Restore => "menu-restore-plain",
        },
        _ => "teams-button-open",
    };
    t(lang, key)
}

/// Whether the Teams console draws `action` (import: the button explains attaching the CSV in
/// the chat); the rest is in Slack's console for now, and the card says so.
pub fn in_teams(action: &AdminAction) -> bool {
    matches!(
        action,
        AdminAction::NewTheme
            | AdminAction::OpenImport
            | AdminAction::OpenRoles
            | AdminAction::OpenTopics
            | AdminAction::OpenAutoShare
            | AdminAction::ShowArchived(_)
            | AdminAction::Page(_)
            | AdminAction::Theme { .. }
    )
}

/// A console button: a dialog for a form, else an `Action.Execute` that redraws the console,
/// carrying the page and toggle shown.
fn console_button(screen: &ConsoleScreen, action: &AdminAction, title: &str) -> Value {
    let action = Action::Admin(action.clone());
    if matches!(
        action,
        Action::Admin(
            AdminAction::NewTheme
                | AdminAction::OpenImport
                | AdminAction::OpenRoles
                | AdminAction::OpenTopics
                | AdminAction::OpenAutoShare
        ) | Action::Admin(AdminAction::Theme {
            op: ThemeOp::Edit | ThemeOp::Certify | ThemeOp::Questions,
            ..
        })
    ) {
        return button(&action, title);
    }
    let mut data = super::kit::action_data(&action);
    data[PAGE_KEY] = json!(screen.page());
    data[ARCHIVED_KEY] = json!(screen.include_archived);
    execute_data(title, data, false)
}

fn counts_line(lang: Lang, counts: &MentorCounts) -> String {
    t_with(
        lang,
        "admin-theme-counts",
        &[
            ("certified", counts.certified.into()),
            ("started", counts.started.into()),
            ("waiting", counts.waiting.into()),
        ],
    )
}

/// The console: the themes of one page with their mentor counts and buttons, paging as Slack's.
pub fn console(screen: &ConsoleScreen, reader: &Reader) -> Value {
    let lang = reader.lang;
    let mut body = vec![
        heading(t(lang, "admin-title-plain")),
        text(md(&t_with(
            lang,
            "admin-console-intro",
            &[("total", screen.total.into())],
        ))),
    ];
    let top: Vec<Value> = screen
        .actions
        .iter()
        .filter(|a| in_teams(a))
        .map(|a| console_button(screen, a, &label(lang, a)))
        .collect();
    body.extend(action_set(top));
    if screen.themes.is_empty() {
        body.push(text(md(&t(lang, "admin-console-empty"))));
    }
    for row in &screen.themes {
        let theme = &row.theme;
        let mut line = t_args(
            lang,
            "admin-theme-line",
            &[
                ("name", &escape(&theme.name)),
                ("category", &category_name(lang, theme.category)),
            ],
        );
        if theme.archived {
            line = format!("{line}  {}", t(lang, "admin-theme-archived"));
        }
        let line = format!("{line}\n{}", counts_line(lang, &row.counts));
        body.push(separated(text(md(&line))));
        let buttons: Vec<Value> = row
            .menu
            .iter()
            .filter(|a| in_teams(a))
            .map(|a| console_button(screen, a, &label(lang, a)))
            .collect();
        body.extend(action_set(buttons));
    }
    if let Some(paging) = &screen.paging {
        body.push(small(t_with(
            lang,
            "admin-page",
            &[
                ("page", (paging.page + 1).into()),
                ("pages", paging.pages.into()),
            ],
        )));
        let buttons: Vec<Value> = paging
            .actions
            .iter()
            .map(|a| {
                let back = matches!(a, AdminAction::Page(p) if *p < paging.page);
                let key = if back {
                    "button-prev-plain"
                } else {
                    "button-next-plain"
                };
                console_button(screen, a, &t(lang, key))
            })
            .collect();
        body.extend(action_set(buttons));
    }
    body.extend(super::admin2::console_buttons(lang));
    body.extend(super::survey_admin::console_block(lang));
    card(body, Vec::new())
}

/// The theme dialog: new (no theme) or edit; `entered` is what the admin typed (or the theme's
/// values), `errors` the field errors keyed by input id.
pub fn theme_dialog(
    screen: &ThemeFormScreen,
    reader: &Reader,
    entered: &ThemeInput,
    errors: &[(String, String)],
    ctx: &AdminCtx,
) -> Value {
    let lang = reader.lang;
    let categories: Vec<(String, String)> = screen
        .categories
        .iter()
        .map(|c| (category_name(lang, *c), c.as_str().to_string()))
        .collect();
    let title = if screen.theme.is_some() {
        "theme-edit-title-plain"
    } else {
        "theme-new-title-plain"
    };
    let inputs = vec![
        required(
            text_input(
                inputs::NAME,
                t(lang, "theme-name-label-plain"),
                &entered.name,
                80,
                false,
            ),
            t(lang, "teams-admin-name-required"),
        ),
        required(
            choice_set(
                inputs::CATEGORY,
                t(lang, "theme-category-label-plain"),
                &categories,
                entered.category.as_deref(),
            ),
            t(lang, "teams-admin-category-required"),
        ),
        text_input(
            inputs::DESCRIPTION,
            t(lang, "theme-description-label-plain"),
            &entered.description,
            1000,
            true,
        ),
    ];
    let mut body = vec![heading(t(lang, title))];
    body.extend(with_errors(inputs, errors));
    body.push(small(md(&t(lang, "theme-name-hint-plain"))));
    let form = Form::Admin(AdminForm::Theme, ctx.clone());
    card(body, vec![submit(&t(lang, "button-save-plain"), &form)])
}

/// The certify dialog: the theme's counts and current mentors by name, and the addresses of
/// the people to certify, one a line.
pub fn certify_dialog(
    screen: &CertifyScreen,
    reader: &Reader,
    names: &Names,
    emails: &str,
    errors: &[(String, String)],
    ctx: &AdminCtx,
) -> Value {
    let lang = reader.lang;
    let counts = &screen.counts;
    let mut body = vec![
        heading(t(lang, "certify-title-plain")),
        text(md(&t_with(
            lang,
            "certify-intro",
            &[
                ("theme", (&escape(&screen.theme.name)).into()),
                ("certified", counts.certified.into()),
                ("started", counts.started.into()),
                ("waiting", counts.waiting.into()),
            ],
        ))),
    ];
    let input = text_input(
        inputs::EMAILS,
        t(lang, "teams-admin-emails-label"),
        emails,
        4000,
        true,
    );
    body.extend(with_errors(vec![input], errors));
    body.push(small(md(&t(lang, "certify-users-hint-plain"))));
    if !screen.mentors.is_empty() {
        let mut lines = vec![md(&t(lang, "certify-mentors-header"))];
        for row in &screen.mentors {
            lines.push(format!(
                "- {}",
                t_args(
                    lang,
                    "certify-mentor-line",
                    &[
                        ("user", &bold(&name_of(lang, names, &row.user))),
                        (
                            "status",
                            &t(lang, &format!("status-{}", row.status.as_str()))
                        ),
                    ],
                )
            ));
        }
        if screen.more_mentors > 0 {
            lines.push(t_with(
                lang,
                "certify-more",
                &[("count", screen.more_mentors.into())],
            ));
        }
        body.push(separated(text(lines.join("\n"))));
    }
    let form = Form::Admin(AdminForm::Certify, ctx.clone());
    card(body, vec![submit(&t(lang, "button-save-plain"), &form)])
}

/// What certifying did: how many were certified (each gets a DM), who already was.
pub fn certify_result(screen: &CertifyResultScreen, reader: &Reader, names: &Names) -> Value {
    let lang = reader.lang;
    let report = &screen.report;
    let mut body = vec![text(md(&t_with(
        lang,
        "certify-done",
        &[
            ("count", report.certified.len().into()),
            ("theme", (&escape(&screen.theme.name)).into()),
        ],
    )))];
    if !report.already.is_empty() {
        let users = report
            .already
            .iter()
            .map(|u| bold(&name_of(lang, names, u)))
            .collect::<Vec<_>>()
            .join(", ");
        body.push(text(md(&t_args(
            lang,
            "certify-already",
            &[("users", &users)],
        ))));
    }
    card(body, Vec::new())
}

/// The roles dialog: what the last change did, the form granting a role to a person named by
/// email, and the holders, each with a button revoking their role where it can be revoked.
pub fn roles_dialog(
    screen: &RolesScreen,
    reader: &Reader,
    names: &Names,
    email: &str,
    errors: &[(String, String)],
) -> Value {
    let lang = reader.lang;
    let mut body = vec![heading(t(lang, "roles-title-plain"))];
    if let Some(flash) = &screen.flash {
        body.push(text(super::kit::message_md(reader, names, flash)));
    }
    body.push(text(md(&t(lang, "roles-intro"))));
    let roles: Vec<(String, String)> = screen
        .grantable
        .iter()
        .map(|r| (t(lang, &role_key(*r)), r.as_str().to_string()))
        .collect();
    let first = roles.first().map(|(_, v)| v.as_str());
    let inputs = vec![
        text_input(
            inputs::EMAIL,
            t(lang, "teams-admin-role-email-label"),
            email,
            320,
            false,
        ),
        choice_set(
            inputs::ROLE,
            t(lang, "roles-role-label-plain"),
            &roles,
            first,
        ),
    ];
    body.extend(with_errors(inputs, errors));
    let mut revokes = Vec::new();
    for (i, row) in screen.holders.iter().enumerate() {
        let name = name_of(lang, names, &row.user);
        let role = t(lang, &role_key(row.role));
        let mut line = t_args(
            lang,
            "roles-holder-line",
            &[("user", &bold(&name)), ("role", &role)],
        );
        match row.note {
            Some(RoleNote::Configured) => line = format!("{line} {}", t(lang, "roles-from-config")),
            Some(RoleNote::Own) => line = format!("{line} {}", t(lang, "admin-roles-own")),
            None => {}
        }
        let element = text(line);
        body.push(if i == 0 { separated(element) } else { element });
        if let Some(revoke) = &row.revoke {
            let title = t_args(
                lang,
                "teams-admin-revoke-role",
                &[("name", &name), ("role", &role)],
            );
            revokes.push(button(&Action::Admin(revoke.clone()), &title));
        }
    }
    body.extend(action_set(revokes));
    let form = Form::Admin(AdminForm::Roles, AdminCtx::default());
    card(body, vec![submit(&t(lang, "button-save-plain"), &form)])
}
