//! Block Kit for the program office: the console, theme and question forms, certification and
//! roles. Pure functions; `admin.rs` decides which to show.

use std::collections::HashMap;

use slack_morphism::prelude::*;

use crate::app::actions::{
    Action::Admin, AdminAction, AdminForm, Form, QuestionOp, ThemeOp, TopicOp,
};
use crate::app::admin::{AdminError, CertifyReport, ThemePage};
use crate::app::errors::UserError;
use crate::domain::{
    Category, CertStatus, Field, FieldError, FieldErrors, Lang, MentorCounts, Question,
    QuestionKind, Role, Theme, UserId,
};
use crate::i18n::{t, t_args, t_with};
use crate::slack::blocks::kit::{self, option, text_option};
use crate::slack::blocks::render::message_text;
use crate::slack::blocks::render::{button, buttons, context, divider, escape, fit, section};

/// Input block ids; each input's element uses the same string as its action id.
pub mod inputs {
    pub const THEME_NAME: &str = "theme.name";
    pub const THEME_CATEGORY: &str = "theme.category";
    pub const THEME_DESCRIPTION: &str = "theme.description";
    pub const QUESTION_LABEL: &str = "question.label";
    pub const QUESTION_KIND: &str = "question.kind";
    pub const QUESTION_OPTIONS: &str = "question.options";
    pub const QUESTION_REQUIRED: &str = "question.required";
    pub const CERTIFY_USERS: &str = "certify.users";
    pub const ROLE_USER: &str = "roles.user";
    pub const ROLE_ROLE: &str = "roles.role";
    pub const IMPORT_FILE: &str = "import.file";
    pub const IMPORT_THEME: &str = "import.theme";
    pub const TOPIC_NAME: &str = "topics.name";
}

/// What an admin modal is about (carried in its `private_metadata`).
pub use crate::app::actions::AdminCtx as Ctx;

fn modal(
    lang: Lang,
    title_key: &str,
    form: AdminForm,
    blocks: Vec<SlackBlock>,
    ctx: &Ctx,
    submit: bool,
) -> SlackView {
    kit::modal(
        lang,
        title_key,
        &Form::Admin(form, ctx.clone()),
        blocks,
        submit.then_some("button-save-plain"),
    )
}

fn input(
    block_id: &str,
    label_key: &str,
    lang: Lang,
    element: SlackInputBlockElement,
) -> SlackInputBlock {
    kit::input(block_id, t(lang, label_key), element)
}

fn text_input(
    block_id: &str,
    initial: Option<&str>,
    max: u64,
    multiline: bool,
) -> SlackInputBlockElement {
    kit::text_input(block_id, initial.unwrap_or_default(), max, multiline)
}

pub fn category_name(lang: Lang, category: Category) -> String {
    t(lang, &format!("category-{}", category.as_str()))
}

fn status_name(lang: Lang, status: CertStatus) -> String {
    t(lang, &format!("status-{}", status.as_str()))
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

/// The admin console: themes (paged) with their mentor counts and a menu each.
pub fn console(lang: Lang, page: &ThemePage) -> SlackView {
    let ctx = Ctx {
        page: page.page,
        archived: page.include_archived,
        ..Ctx::default()
    };
    let toggle_key = if page.include_archived {
        "button-hide-archived-plain"
    } else {
        "button-show-archived-plain"
    };
    let mut blocks = vec![
        section(
            "console.intro",
            t_with(lang, "admin-console-intro", &[("total", page.total.into())]),
        ),
        buttons(
            "console.actions",
            vec![
                (
                    Admin(AdminAction::NewTheme),
                    t(lang, "button-new-theme-plain"),
                ),
                (
                    Admin(AdminAction::OpenImport),
                    t(lang, "button-import-plain"),
                ),
                (Admin(AdminAction::OpenRoles), t(lang, "button-roles-plain")),
                (
                    Admin(AdminAction::OpenTopics),
                    t(lang, "button-topics-plain"),
                ),
                (
                    Admin(AdminAction::ShowArchived(!page.include_archived)),
                    t(lang, toggle_key),
                ),
            ],
        ),
        divider("console.divider"),
    ];
    if page.themes.is_empty() {
        blocks.push(section("console.empty", t(lang, "admin-console-empty")));
    }
    for (theme, counts) in &page.themes {
        let mut text = t_args(
            lang,
            "admin-theme-line",
            &[
                ("name", &escape(&theme.name)),
                ("category", &category_name(lang, theme.category)),
            ],
        );
        if theme.archived {
            text = format!("{text}  {}", t(lang, "admin-theme-archived"));
        }
        text = format!("{text}\n{}", counts_line(lang, counts));
        let id = theme.id;
        let item =
            |op: ThemeOp, key: &str| (Admin(AdminAction::Theme { theme: id, op }), t(lang, key));
        let archive = if theme.archived {
            item(ThemeOp::Restore, "menu-restore-plain")
        } else {
            item(ThemeOp::Archive, "menu-archive-plain")
        };
        let menu = kit::overflow(vec![
            item(ThemeOp::Edit, "menu-edit-plain"),
            item(ThemeOp::Questions, "menu-questions-plain"),
            item(ThemeOp::Certify, "menu-certify-plain"),
            archive,
        ]);
        blocks.push(
            SlackSectionBlock::new()
                .with_block_id(format!("theme.{id}").into())
                .with_text(md!(fit(text, 3000)))
                .with_accessory(SlackSectionBlockElement::Overflow(menu))
                .into(),
        );
    }
    if page.pages > 1 {
        blocks.push(context(
            "console.page",
            t_with(
                lang,
                "admin-page",
                &[
                    ("page", (page.page + 1).into()),
                    ("pages", page.pages.into()),
                ],
            ),
        ));
        let mut paging = Vec::new();
        if page.page > 0 {
            paging.push((
                Admin(AdminAction::Page(page.page - 1)),
                t(lang, "button-prev-plain"),
            ));
        }
        if page.page + 1 < page.pages {
            paging.push((
                Admin(AdminAction::Page(page.page + 1)),
                t(lang, "button-next-plain"),
            ));
        }
        blocks.push(buttons("console.paging", paging));
    }
    modal(
        lang,
        "admin-title-plain",
        AdminForm::Console,
        blocks,
        &ctx,
        false,
    )
}

/// Create (no `theme`) or edit a theme.
pub fn theme_form(lang: Lang, theme: Option<&Theme>, ctx: Ctx) -> SlackView {
    let categories: Vec<_> = Category::ALL
        .into_iter()
        .map(|c| option(category_name(lang, c), c.as_str().into()))
        .collect();
    let mut select = SlackBlockStaticSelectElement::new()
        .with_action_id(inputs::THEME_CATEGORY.into())
        .with_options(categories);
    if let Some(theme) = theme {
        select = select.with_initial_option(option(
            category_name(lang, theme.category),
            theme.category.as_str().into(),
        ));
    }
    let blocks: Vec<SlackBlock> = vec![
        input(
            inputs::THEME_NAME,
            "theme-name-label-plain",
            lang,
            text_input(
                inputs::THEME_NAME,
                theme.map(|t| t.name.as_str()),
                80,
                false,
            ),
        )
        .with_hint(pt!(t(lang, "theme-name-hint-plain")))
        .into(),
        input(
            inputs::THEME_CATEGORY,
            "theme-category-label-plain",
            lang,
            select.into(),
        )
        .into(),
        input(
            inputs::THEME_DESCRIPTION,
            "theme-description-label-plain",
            lang,
            text_input(
                inputs::THEME_DESCRIPTION,
                theme.map(|t| t.description.as_str()),
                1000,
                true,
            ),
        )
        .with_optional(true)
        .into(),
    ];
    let title = if theme.is_some() {
        "theme-edit-title-plain"
    } else {
        "theme-new-title-plain"
    };
    modal(lang, title, AdminForm::Theme, blocks, &ctx, true)
}

fn question_summary(lang: Lang, n: usize, q: &Question) -> String {
    let required = t(
        lang,
        if q.required {
            "question-required"
        } else {
            "question-optional"
        },
    );
    let head = t_with(
        lang,
        "question-line",
        &[
            ("n", n.into()),
            ("label", (&escape(&q.label)).into()),
            ("required", (&required).into()),
        ],
    );
    let kind = match &q.kind {
        QuestionKind::Text => t(lang, "question-free-text"),
        QuestionKind::Choice(options) => t_args(
            lang,
            "question-choices",
            &[("options", &escape(&options.join(" / ")))],
        ),
    };
    format!("{head}\n{kind}")
}

/// A theme's questions, in order, each with a menu.
pub fn questions(lang: Lang, theme: &Theme, questions: &[Question], ctx: Ctx) -> SlackView {
    let mut blocks = vec![
        section(
            "questions.intro",
            t_args(lang, "questions-intro", &[("theme", &escape(&theme.name))]),
        ),
        buttons(
            "questions.actions",
            vec![(
                Admin(AdminAction::AddQuestion { theme: theme.id }),
                t(lang, "button-add-question-plain"),
            )],
        ),
        divider("questions.divider"),
    ];
    if questions.is_empty() {
        blocks.push(section("questions.empty", t(lang, "questions-empty")));
    }
    // A modal holds 100 blocks; the header takes 3.
    for (i, q) in questions.iter().take(95).enumerate() {
        let id = q.id;
        let item = |op: QuestionOp, key: &str| {
            let action = Admin(AdminAction::Question { question: id, op });
            (action, t(lang, key))
        };
        let mut items = vec![item(QuestionOp::Edit, "menu-question-edit-plain")];
        if i > 0 {
            items.push(item(QuestionOp::Up, "menu-question-up-plain"));
        }
        if i + 1 < questions.len() {
            items.push(item(QuestionOp::Down, "menu-question-down-plain"));
        }
        items.push(item(QuestionOp::Remove, "menu-question-remove-plain"));
        // Edit and Remove are always there, so the overflow has the 2 options it needs.
        let accessory = SlackSectionBlockElement::Overflow(kit::overflow(items));
        blocks.push(
            SlackSectionBlock::new()
                .with_block_id(format!("question.{id}").into())
                .with_text(md!(fit(question_summary(lang, i + 1, q), 3000)))
                .with_accessory(accessory)
                .into(),
        );
    }
    modal(
        lang,
        "questions-title-plain",
        AdminForm::Questions,
        blocks,
        &ctx,
        false,
    )
}

/// Add (no `question`) or edit a question.
pub fn question_form(lang: Lang, question: Option<&Question>, ctx: Ctx) -> SlackView {
    let kinds = [
        ("text", "question-kind-text-plain"),
        ("choice", "question-kind-choice-plain"),
    ];
    let kind_options: Vec<_> = kinds
        .iter()
        .map(|(v, k)| text_option(t(lang, k), v))
        .collect();
    let mut kind = SlackBlockRadioButtonsElement::new(kind_options.clone())
        .with_action_id(inputs::QUESTION_KIND.into());
    let current = question.map(|q| q.kind.as_str()).unwrap_or("text");
    if let Some(initial) = kinds.iter().position(|(v, _)| *v == current) {
        kind = kind.with_initial_option(kind_options[initial].clone());
    }
    let required_option = text_option(t(lang, "question-required-option-plain"), "required");
    let mut required = SlackBlockCheckboxesElement::new(vec![required_option.clone()])
        .with_action_id(inputs::QUESTION_REQUIRED.into());
    if question.is_some_and(|q| q.required) {
        required = required.with_initial_options(vec![required_option]);
    }
    let options_text = question
        .map(|q| q.kind.options().join("\n"))
        .unwrap_or_default();
    let blocks: Vec<SlackBlock> = vec![
        input(
            inputs::QUESTION_LABEL,
            "question-label-label-plain",
            lang,
            text_input(
                inputs::QUESTION_LABEL,
                question.map(|q| q.label.as_str()),
                150,
                false,
            ),
        )
        .into(),
        input(
            inputs::QUESTION_KIND,
            "question-kind-label-plain",
            lang,
            kind.into(),
        )
        .into(),
        input(
            inputs::QUESTION_OPTIONS,
            "question-options-label-plain",
            lang,
            text_input(inputs::QUESTION_OPTIONS, Some(&options_text), 3000, true),
        )
        .with_optional(true)
        .with_hint(pt!(t(lang, "question-options-hint-plain")))
        .into(),
        input(
            inputs::QUESTION_REQUIRED,
            "question-required-label-plain",
            lang,
            required.into(),
        )
        .with_optional(true)
        .into(),
    ];
    let title = if question.is_some() {
        "question-edit-title-plain"
    } else {
        "question-new-title-plain"
    };
    modal(lang, title, AdminForm::Question, blocks, &ctx, true)
}

/// Certify people for a theme, and see (and revoke) its current mentors.
pub fn certify(
    lang: Lang,
    theme: &Theme,
    counts: &MentorCounts,
    mentors: &[(UserId, CertStatus)],
    ctx: Ctx,
) -> SlackView {
    const SHOWN: usize = 40;
    let intro = t_with(
        lang,
        "certify-intro",
        &[
            ("theme", (&escape(&theme.name)).into()),
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
    if !mentors.is_empty() {
        blocks.push(divider("certify.divider"));
        blocks.push(section(
            "certify.mentors",
            t(lang, "certify-mentors-header"),
        ));
    }
    for (user, status) in mentors.iter().take(SHOWN) {
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
            &Admin(AdminAction::RevokeCertification {
                theme: theme.id,
                mentor: user.clone(),
            }),
            &t(lang, "button-revoke-plain"),
        )
        .with_style(SlackBlockButtonStyle::Danger)
        .with_confirm(confirm);
        let line = t_args(
            lang,
            "certify-mentor-line",
            &[
                ("user", user.as_str()),
                ("status", &status_name(lang, *status)),
            ],
        );
        blocks.push(
            SlackSectionBlock::new()
                .with_block_id(format!("mentor.{user}").into())
                .with_text(md!(line))
                .with_accessory(SlackSectionBlockElement::Button(revoke))
                .into(),
        );
    }
    if mentors.len() > SHOWN {
        blocks.push(context(
            "certify.more",
            t_with(
                lang,
                "certify-more",
                &[("count", (mentors.len() - SHOWN).into())],
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
pub fn certify_result(lang: Lang, theme: &Theme, report: &CertifyReport) -> SlackView {
    let mut blocks = vec![section(
        "certify.done",
        t_with(
            lang,
            "certify-done",
            &[
                ("count", report.certified.len().into()),
                ("theme", (&escape(&theme.name)).into()),
            ],
        ),
    )];
    if !report.already.is_empty() {
        let users = report
            .already
            .iter()
            .map(|u| format!("<@{u}>"))
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

/// What the last action did, shown at the top of the screen it came back to.
fn flash_block(block_id: &str, flash: Option<String>) -> Option<SlackBlock> {
    flash.map(|text| section(block_id, fit(text, 3000)))
}

/// The confirmation after granting a role: granted now, or already held.
pub fn role_granted(lang: Lang, user: &UserId, role: Role, granted: bool) -> String {
    let key = if granted {
        "roles-granted"
    } else {
        "roles-already"
    };
    let role_name = t(lang, &format!("role-{}-plain", role.as_str()));
    t_args(lang, key, &[("user", user.as_str()), ("role", &role_name)])
}

/// Admins and advisors, with a form to grant a role (`flash`: what the last grant did).
pub fn roles(
    lang: Lang,
    holders: &[(UserId, Role, bool)],
    flash: Option<String>,
    ctx: Ctx,
) -> SlackView {
    let role_options: Vec<_> = [
        ("admin", "role-admin-plain"),
        ("advisor", "role-advisor-plain"),
    ]
    .iter()
    .map(|(v, k)| text_option(t(lang, k), v))
    .collect();
    let mut blocks: Vec<SlackBlock> = flash_block("roles.flash", flash).into_iter().collect();
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
            SlackBlockRadioButtonsElement::new(role_options.clone())
                .with_action_id(inputs::ROLE_ROLE.into())
                .with_initial_option(role_options[0].clone())
                .into(),
        )
        .into(),
        divider("roles.divider"),
    ]);
    for (user, role, from_config) in holders.iter().take(90) {
        let role_name = t(lang, &format!("role-{}-plain", role.as_str()));
        let mut line = t_args(
            lang,
            "roles-holder-line",
            &[("user", user.as_str()), ("role", &role_name)],
        );
        let block_id = format!("holder.{}.{user}", role.as_str());
        if *from_config {
            line = format!("{line} {}", t(lang, "roles-from-config"));
            blocks.push(section(&block_id, line));
            continue;
        }
        let revoke = button(
            &Admin(AdminAction::RevokeRole {
                role: *role,
                user: user.clone(),
            }),
            &t(lang, "button-revoke-plain"),
        )
        .with_style(SlackBlockButtonStyle::Danger);
        blocks.push(
            SlackSectionBlock::new()
                .with_block_id(block_id.into())
                .with_text(md!(line))
                .with_accessory(SlackSectionBlockElement::Button(revoke))
                .into(),
        );
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

/// A one-message modal (refusals, results).
pub fn notice(lang: Lang, title_key: &str, text: String) -> SlackView {
    modal(
        lang,
        title_key,
        AdminForm::Notice,
        vec![section("notice", text)],
        &Ctx::default(),
        false,
    )
}

/// The text for an admin error, in the reader's language.
pub fn error_text(lang: Lang, error: &AdminError) -> String {
    message_text(lang, &error.message())
}

fn field_block(field: Field) -> &'static str {
    match field {
        Field::ThemeName => inputs::THEME_NAME,
        Field::ThemeCategory => inputs::THEME_CATEGORY,
        Field::ThemeDescription => inputs::THEME_DESCRIPTION,
        Field::QuestionLabel => inputs::QUESTION_LABEL,
        Field::QuestionKind => inputs::QUESTION_KIND,
        Field::QuestionOptions => inputs::QUESTION_OPTIONS,
        Field::TopicName => inputs::TOPIC_NAME,
    }
}

fn field_error_text(lang: Lang, error: &FieldError) -> String {
    message_text(lang, &error.message())
}

/// `response_action: errors` content: each message keyed to its input block.
pub fn field_errors(lang: Lang, errors: &FieldErrors) -> HashMap<String, String> {
    let mut out = HashMap::new();
    for (field, error) in errors {
        out.entry(field_block(*field).to_string())
            .or_insert_with(|| fit(field_error_text(lang, error), 2000));
    }
    out
}

/// Upload a CSV of mentors to certify.
pub fn import_form(lang: Lang, ctx: Ctx) -> SlackView {
    let file = SlackBlockFileInputElement::new()
        .with_action_id(inputs::IMPORT_FILE.into())
        .with_filetypes(vec!["csv".into()])
        .with_max_files(1);
    let blocks: Vec<SlackBlock> = vec![
        section("import.intro", t(lang, "import-intro")),
        input(
            inputs::IMPORT_FILE,
            "import-file-label-plain",
            lang,
            file.into(),
        )
        .into(),
        input(
            inputs::IMPORT_THEME,
            "import-theme-label-plain",
            lang,
            text_input(inputs::IMPORT_THEME, None, 80, false),
        )
        .with_optional(true)
        .with_hint(pt!(t(lang, "import-theme-hint-plain")))
        .into(),
        context("import.columns", t(lang, "import-columns")),
    ];
    modal(
        lang,
        "import-title-plain",
        AdminForm::Import,
        blocks,
        &ctx,
        true,
    )
}

/// Admin-added topics, each with a Rename / Retire menu, and a field to add one
/// (`flash`: what the last action did).
pub fn topics(lang: Lang, topics: &[(i64, String)], flash: Option<String>, ctx: Ctx) -> SlackView {
    let mut blocks: Vec<SlackBlock> = flash_block("topics.flash", flash).into_iter().collect();
    blocks.extend([
        section("topics.intro", t(lang, "topics-intro")),
        input(
            inputs::TOPIC_NAME,
            "topics-name-label-plain",
            lang,
            text_input(inputs::TOPIC_NAME, None, 75, false),
        )
        .into(),
        divider("topics.divider"),
    ]);
    if topics.is_empty() {
        blocks.push(context("topics.none", t(lang, "topics-none")));
    }
    for (id, name) in topics.iter().take(90) {
        let item =
            |op: TopicOp, key: &str| (Admin(AdminAction::Topic { topic: *id, op }), t(lang, key));
        let menu = kit::overflow(vec![
            item(TopicOp::Rename, "menu-rename-plain"),
            item(TopicOp::Retire, "menu-retire-plain"),
        ]);
        blocks.push(
            SlackSectionBlock::new()
                .with_block_id(format!("topic.{id}").into())
                .with_text(md!(escape(name)))
                .with_accessory(SlackSectionBlockElement::Overflow(menu))
                .into(),
        );
    }
    kit::modal(
        lang,
        "topics-title-plain",
        &Form::Admin(AdminForm::Topics, ctx),
        blocks,
        Some("button-add-topic-plain"),
    )
}

/// Rename one topic (`ctx.topic`).
pub fn topic_form(lang: Lang, name: &str, ctx: Ctx) -> SlackView {
    let blocks: Vec<SlackBlock> = vec![input(
        inputs::TOPIC_NAME,
        "topic-rename-label-plain",
        lang,
        text_input(inputs::TOPIC_NAME, Some(name), 75, false),
    )
    .with_hint(pt!(t(lang, "topic-rename-hint-plain")))
    .into()];
    modal(
        lang,
        "topic-rename-title-plain",
        AdminForm::TopicRename,
        blocks,
        &ctx,
        true,
    )
}
