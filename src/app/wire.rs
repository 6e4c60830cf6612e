//! The wire form of [`Action`] and [`Form`] (Slack's action id + value, callback id + private
//! metadata; Teams carries the same strings in a card action's data): one `encode` and one `parse` each. The strings are the ones earlier versions sent,
//! so buttons in DMs sent before an upgrade keep working: the data is read from the `value`
//! (or, for modals, `private_metadata`); the action id's tail only keeps ids unique in a view.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::app::actions::{
    Action, AdminAction, AdminCtx, AdminForm, BookingAction, BookingForm, FindCtx, Form,
    HomeAction, MemoAction, MemoForm, MentorAction, MentorForm, NudgeAction, NudgeForm, QuestionOp,
    SeriesAction, SurveyAction, SurveyForm, ThemeOp, TopicOp,
};
use crate::app::actions::{InsightAction, InsightForm};
use crate::domain::{Role, UserId};

/// Slack's limits on what we put in a block element.
pub const ACTION_ID_MAX: usize = 255;
pub const VALUE_MAX: usize = 2000;
/// A select option's value is shorter than a button's.
pub const OPTION_VALUE_MAX: usize = 150;
pub const CALLBACK_ID_MAX: usize = 255;
pub const PRIVATE_METADATA_MAX: usize = 3000;

/// An action as a block element carries it. Overflow and select options share the
/// element's `action_id` and differ in `value`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Encoded {
    pub action_id: String,
    pub value: String,
}

/// Why an action id, value or callback could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    #[error("unknown action id {0:?}")]
    UnknownAction(String),
    #[error("action {action_id:?} has an unreadable value {value:?}")]
    BadValue {
        action_id: String,
        value: Option<String>,
    },
    #[error("unknown callback id {0:?}")]
    UnknownCallback(Option<String>),
    #[error("modal {callback_id:?} has unreadable private_metadata {metadata:?}")]
    BadMetadata {
        callback_id: String,
        metadata: Option<String>,
    },
}

pub fn encode(action: &Action) -> Encoded {
    let (action_id, value) = match action {
        Action::Home(home) => {
            let id = match home {
                HomeAction::Help => "home.help",
                HomeAction::Refresh => "home.refresh",
                HomeAction::AdminConsole => "home.admin",
            };
            (id.to_string(), id.to_string())
        }
        Action::Admin(admin) => encode_admin(admin),
        Action::Mentor(mentor) => encode_mentor(mentor),
        Action::Booking(booking) => encode_booking(booking),
        Action::Memo(memo) => encode_memo(memo),
        Action::Series(series) => encode_series(series),
        Action::Nudge(nudge) => {
            let id = match nudge {
                NudgeAction::Off => "nudge.off",
                NudgeAction::On => "nudge.on",
                NudgeAction::Settings => "nudge.settings",
            };
            (id.to_string(), id.to_string())
        }
        Action::Insight(insight) => encode_insight(insight),
        Action::Survey(survey) => encode_survey(survey),
    };
    Encoded { action_id, value }
}

/// Memo actions: the id is in the value (the action id's tail only keeps ids unique in a view).
/// A TODO's Done and Delete share one action id, so they can sit in one overflow menu.
fn encode_memo(action: &MemoAction) -> (String, String) {
    match action {
        MemoAction::Open { one_on_one } => {
            (format!("memo.open.{one_on_one}"), one_on_one.to_string())
        }
        MemoAction::EditEntry { entry } => (format!("memo.entry.{entry}"), entry.to_string()),
        MemoAction::AddTodo { one_on_one } => (
            format!("memo.todo.add.{one_on_one}"),
            one_on_one.to_string(),
        ),
        MemoAction::TodoDone { todo } => (format!("memo.todo.{todo}"), format!("done:{todo}")),
        MemoAction::TodoDelete { todo } => (format!("memo.todo.{todo}"), format!("delete:{todo}")),
        MemoAction::History { partner, page } => (
            format!("memo.history.{page}"),
            format!(
                "{}:{page}",
                partner.as_ref().map(UserId::as_str).unwrap_or("-")
            ),
        ),
    }
}

fn encode_admin(action: &AdminAction) -> (String, String) {
    let fixed = |id: &str, value: &str| (id.to_string(), value.to_string());
    match action {
        AdminAction::NewTheme => fixed("admin.theme.new", "new"),
        AdminAction::OpenImport => fixed("admin.import.open", "import"),
        AdminAction::OpenRoles => fixed("admin.roles.open", "roles"),
        AdminAction::OpenTopics => fixed("admin.topics.open", "topics"),
        AdminAction::ShowArchived(show) => ("admin.archived".into(), show.to_string()),
        AdminAction::Page(page) => (format!("admin.page.{page}"), page.to_string()),
        AdminAction::Theme { theme, op } => {
            let verb = match op {
                ThemeOp::Edit => "edit",
                ThemeOp::Questions => "questions",
                ThemeOp::Certify => "certify",
                ThemeOp::Archive => "archive",
                ThemeOp::Restore => "restore",
            };
            (
                format!("admin.theme.menu.{theme}"),
                format!("{verb}:{theme}"),
            )
        }
        AdminAction::AddQuestion { theme } => ("admin.question.add".into(), theme.to_string()),
        AdminAction::Question { question, op } => {
            let verb = match op {
                QuestionOp::Edit => "edit",
                QuestionOp::Up => "up",
                QuestionOp::Down => "down",
                QuestionOp::Remove => "remove",
            };
            (
                format!("admin.question.menu.{question}"),
                format!("{verb}:{question}"),
            )
        }
        AdminAction::Topic { topic, op } => {
            let verb = match op {
                TopicOp::Rename => "rename",
                TopicOp::Retire => "retire",
            };
            (
                format!("admin.topic.menu.{topic}"),
                format!("{verb}:{topic}"),
            )
        }
        AdminAction::RevokeCertification { theme, mentor } => (
            format!("admin.certify.revoke.{mentor}"),
            format!("{theme}:{mentor}"),
        ),
        AdminAction::RevokeRole { role, user } => (
            format!("admin.role.revoke.{}.{user}", role.as_str()),
            format!("{}:{user}", role.as_str()),
        ),
        AdminAction::OpenAutoShare => fixed("admin.share.open", "share"),
        AdminAction::RemoveAutoShare { rule } => {
            (format!("admin.share.remove.{rule}"), rule.to_string())
        }
        AdminAction::ConfirmImport => fixed("admin.import.confirm", "confirm"),
        AdminAction::CancelImport => fixed("admin.import.cancel", "cancel"),
    }
}

fn encode_mentor(action: &MentorAction) -> (String, String) {
    let per_theme = |verb: &str, theme: &i64| (format!("mentor.{verb}.{theme}"), theme.to_string());
    match action {
        // The certification DM's button has no suffix (one per message).
        MentorAction::Setup { theme } => ("mentor.setup".into(), theme.to_string()),
        MentorAction::Answers { theme } => per_theme("answers", theme),
        MentorAction::Start { theme } => per_theme("start", theme),
        MentorAction::Preview { theme } => per_theme("preview", theme),
        MentorAction::Pause { theme } => per_theme("pause", theme),
        MentorAction::Resume { theme } => per_theme("resume", theme),
        MentorAction::Stop { theme } => per_theme("stop", theme),
        MentorAction::Hours => ("mentor.hours".into(), "hours".into()),
    }
}

fn encode_booking(action: &BookingAction) -> (String, String) {
    let per_one = |verb: &str, id: &i64| (format!("booking.{verb}.{id}"), id.to_string());
    match action {
        BookingAction::Find => ("booking.find".into(), "find".into()),
        BookingAction::NewSearch => ("booking.search".into(), "search".into()),
        BookingAction::Page(page) => (format!("booking.page.{page}"), page.to_string()),
        BookingAction::Request { mentor, theme } => (
            format!("booking.request.{mentor}.{theme}"),
            format!("{mentor}:{theme}"),
        ),
        // The day select: the element's id is its input block's id.
        BookingAction::PickDay(day) => (DAY_SELECT.into(), day.format(DAY_FORMAT).to_string()),
        BookingAction::Accept { one_on_one } => per_one("accept", one_on_one),
        BookingAction::Decline { one_on_one } => per_one("decline", one_on_one),
        BookingAction::Cancel { one_on_one } => per_one("cancel", one_on_one),
        BookingAction::Reschedule { one_on_one } => per_one("reschedule", one_on_one),
        BookingAction::BookNext { one_on_one } => per_one("next", one_on_one),
        BookingAction::Rate { one_on_one } => per_one("rate", one_on_one),
        BookingAction::MarkHeld { one_on_one, held } => (
            format!("booking.held.{one_on_one}.{held}"),
            format!("{one_on_one}:{held}"),
        ),
    }
}

fn encode_series(action: &SeriesAction) -> (String, String) {
    match action {
        SeriesAction::Accept { series } => (format!("series.accept.{series}"), series.to_string()),
        SeriesAction::Decline { series } => {
            (format!("series.decline.{series}"), series.to_string())
        }
    }
}

/// Insight actions (issue 11): ids and users are in the value.
fn encode_insight(action: &InsightAction) -> (String, String) {
    match action {
        InsightAction::Mine => ("insight.mine".into(), "mine".into()),
        InsightAction::Stats { theme } => (
            format!(
                "insight.stats.{}",
                theme.map(|t| t.to_string()).unwrap_or_default()
            ),
            theme.map(|t| t.to_string()).unwrap_or_else(|| "all".into()),
        ),
        InsightAction::WriteTip => ("insight.tip.new".into(), "tip".into()),
        InsightAction::HideTip { tip } => (format!("insight.tip.hide.{tip}"), tip.to_string()),
        InsightAction::Scope { advisor } => {
            (format!("insight.scope.{advisor}"), advisor.to_string())
        }
    }
}

/// The action id of one select offering several `action`s of a kind, told apart by their
/// values (Slack gives a select one action id, and `parse` reads these from the value):
/// a results card's Request menu, one option per theme. `None` for kinds that need their own
/// action id.
pub fn menu_action_id(action: &Action) -> Option<String> {
    match action {
        Action::Booking(BookingAction::Request { mentor, .. }) => {
            Some(format!("booking.request.{mentor}"))
        }
        _ => None,
    }
}

/// The day select of the request and reschedule forms (block id and action id).
pub const DAY_SELECT: &str = "booking.day";
const DAY_FORMAT: &str = "%Y-%m-%d";

/// Reads a pressed element back: `value` is the button's value or the chosen option's.
pub fn parse(action_id: &str, value: Option<&str>) -> Result<Action, ParseError> {
    let parts: Vec<&str> = action_id.split('.').collect();
    let bad = || ParseError::BadValue {
        action_id: action_id.to_string(),
        value: value.map(str::to_string),
    };
    let text = || value.ok_or_else(bad);
    let number = || text()?.parse::<i64>().map_err(|_| bad());
    let page = || text()?.parse::<usize>().map_err(|_| bad());
    // "verb:id" as overflow menus send it.
    let verb_id = || -> Result<(&str, i64), ParseError> {
        let (verb, id) = text()?.split_once(':').ok_or_else(bad)?;
        Ok((verb, id.parse().map_err(|_| bad())?))
    };
    let user = |id: &str| UserId::parse(id).map_err(|_| bad());
    let action = match parts.as_slice() {
        ["home", "help"] => Action::Home(HomeAction::Help),
        ["home", "refresh"] => Action::Home(HomeAction::Refresh),
        ["home", "admin"] => Action::Home(HomeAction::AdminConsole),

        ["admin", "theme", "new"] => Action::Admin(AdminAction::NewTheme),
        ["admin", "import", "open"] => Action::Admin(AdminAction::OpenImport),
        ["admin", "roles", "open"] => Action::Admin(AdminAction::OpenRoles),
        ["admin", "topics", "open"] => Action::Admin(AdminAction::OpenTopics),
        ["admin", "archived"] => Action::Admin(AdminAction::ShowArchived(text()? == "true")),
        ["admin", "page", ..] => Action::Admin(AdminAction::Page(page()?)),
        ["admin", "theme", "menu", ..] => {
            let (verb, theme) = verb_id()?;
            let op = match verb {
                "edit" => ThemeOp::Edit,
                "questions" => ThemeOp::Questions,
                "certify" => ThemeOp::Certify,
                "archive" => ThemeOp::Archive,
                "restore" => ThemeOp::Restore,
                _ => return Err(bad()),
            };
            Action::Admin(AdminAction::Theme { theme, op })
        }
        ["admin", "question", "add"] => {
            Action::Admin(AdminAction::AddQuestion { theme: number()? })
        }
        ["admin", "question", "menu", ..] => {
            let (verb, question) = verb_id()?;
            let op = match verb {
                "edit" => QuestionOp::Edit,
                "up" => QuestionOp::Up,
                "down" => QuestionOp::Down,
                "remove" => QuestionOp::Remove,
                _ => return Err(bad()),
            };
            Action::Admin(AdminAction::Question { question, op })
        }
        ["admin", "topic", "menu", ..] => {
            let (verb, topic) = verb_id()?;
            let op = match verb {
                "rename" => TopicOp::Rename,
                "retire" => TopicOp::Retire,
                _ => return Err(bad()),
            };
            Action::Admin(AdminAction::Topic { topic, op })
        }
        ["admin", "certify", "revoke", ..] => {
            let (theme, mentor) = text()?.split_once(':').ok_or_else(bad)?;
            Action::Admin(AdminAction::RevokeCertification {
                theme: theme.parse().map_err(|_| bad())?,
                mentor: user(mentor)?,
            })
        }
        ["admin", "role", "revoke", ..] => {
            let (role, holder) = text()?.split_once(':').ok_or_else(bad)?;
            Action::Admin(AdminAction::RevokeRole {
                role: Role::parse(role).ok_or_else(bad)?,
                user: user(holder)?,
            })
        }

        ["admin", "share", "open"] => Action::Admin(AdminAction::OpenAutoShare),
        ["admin", "share", "remove", ..] => {
            Action::Admin(AdminAction::RemoveAutoShare { rule: number()? })
        }
        ["admin", "import", "confirm"] => Action::Admin(AdminAction::ConfirmImport),
        ["admin", "import", "cancel"] => Action::Admin(AdminAction::CancelImport),

        ["mentor", "hours"] => Action::Mentor(MentorAction::Hours),
        ["mentor", verb, ..] => {
            let theme = number()?;
            Action::Mentor(match *verb {
                "setup" => MentorAction::Setup { theme },
                "answers" => MentorAction::Answers { theme },
                "start" => MentorAction::Start { theme },
                "preview" => MentorAction::Preview { theme },
                "pause" => MentorAction::Pause { theme },
                "resume" => MentorAction::Resume { theme },
                "stop" => MentorAction::Stop { theme },
                _ => return Err(ParseError::UnknownAction(action_id.to_string())),
            })
        }

        ["booking", "find"] => Action::Booking(BookingAction::Find),
        ["booking", "search"] => Action::Booking(BookingAction::NewSearch),
        ["booking", "page", ..] => Action::Booking(BookingAction::Page(page()?)),
        ["booking", "day"] => {
            let day = NaiveDate::parse_from_str(text()?, DAY_FORMAT).map_err(|_| bad())?;
            Action::Booking(BookingAction::PickDay(day))
        }
        ["booking", "request", ..] => {
            let (mentor, theme) = text()?.split_once(':').ok_or_else(bad)?;
            Action::Booking(BookingAction::Request {
                mentor: user(mentor)?,
                theme: theme.parse().map_err(|_| bad())?,
            })
        }
        ["booking", verb @ ("accept" | "decline" | "cancel" | "reschedule"), ..] => {
            let one_on_one = number()?;
            Action::Booking(match *verb {
                "accept" => BookingAction::Accept { one_on_one },
                "decline" => BookingAction::Decline { one_on_one },
                "cancel" => BookingAction::Cancel { one_on_one },
                _ => BookingAction::Reschedule { one_on_one },
            })
        }
        ["booking", verb @ ("next" | "rate"), ..] => {
            let one_on_one = number()?;
            Action::Booking(match *verb {
                "next" => BookingAction::BookNext { one_on_one },
                _ => BookingAction::Rate { one_on_one },
            })
        }
        ["booking", "held", ..] => {
            let (id, held) = text()?.split_once(':').ok_or_else(bad)?;
            Action::Booking(BookingAction::MarkHeld {
                one_on_one: id.parse().map_err(|_| bad())?,
                held: match held {
                    "true" => true,
                    "false" => false,
                    _ => return Err(bad()),
                },
            })
        }
        ["memo", "open", ..] => Action::Memo(MemoAction::Open {
            one_on_one: number()?,
        }),
        ["memo", "entry", ..] => Action::Memo(MemoAction::EditEntry { entry: number()? }),
        ["memo", "todo", "add", ..] => Action::Memo(MemoAction::AddTodo {
            one_on_one: number()?,
        }),
        ["memo", "todo", ..] => {
            let (verb, todo) = verb_id()?;
            Action::Memo(match verb {
                "done" => MemoAction::TodoDone { todo },
                "delete" => MemoAction::TodoDelete { todo },
                _ => return Err(bad()),
            })
        }
        ["memo", "history", ..] => {
            let (partner, page) = text()?.rsplit_once(':').ok_or_else(bad)?;
            Action::Memo(MemoAction::History {
                partner: match partner {
                    "-" => None,
                    id => Some(user(id)?),
                },
                page: page.parse().map_err(|_| bad())?,
            })
        }
        ["series", "accept", ..] => Action::Series(SeriesAction::Accept { series: number()? }),
        ["series", "decline", ..] => Action::Series(SeriesAction::Decline { series: number()? }),
        ["nudge", "off"] => Action::Nudge(NudgeAction::Off),
        ["nudge", "on"] => Action::Nudge(NudgeAction::On),
        ["nudge", "settings"] => Action::Nudge(NudgeAction::Settings),
        ["insight", "mine"] => Action::Insight(InsightAction::Mine),
        ["insight", "stats", ..] => Action::Insight(InsightAction::Stats {
            theme: match text()? {
                "all" => None,
                _ => Some(number()?),
            },
        }),
        ["insight", "tip", "new"] => Action::Insight(InsightAction::WriteTip),
        ["insight", "tip", "hide", ..] => {
            Action::Insight(InsightAction::HideTip { tip: number()? })
        }
        ["insight", "scope", ..] => Action::Insight(InsightAction::Scope {
            advisor: user(text()?)?,
        }),
        ["survey", "list"] => Action::Survey(SurveyAction::List),
        ["survey", "new"] => Action::Survey(SurveyAction::New),
        ["survey", "results", ..] => Action::Survey(SurveyAction::Results { survey: number()? }),
        ["survey", "preview", ..] => Action::Survey(SurveyAction::Preview { survey: number()? }),
        ["survey", "pause", ..] => {
            let (survey, paused) = text()?.split_once(':').ok_or_else(bad)?;
            Action::Survey(SurveyAction::Pause {
                survey: survey.parse().map_err(|_| bad())?,
                paused: match paused {
                    "1" => true,
                    "0" => false,
                    _ => return Err(bad()),
                },
            })
        }
        ["survey", "answer", ..] => Action::Survey(SurveyAction::Answer { run: number()? }),
        ["survey", "export", ..] => Action::Survey(SurveyAction::Export { survey: number()? }),
        ["survey", "edit", ..] => Action::Survey(SurveyAction::Edit { survey: number()? }),
        _ => return Err(ParseError::UnknownAction(action_id.to_string())),
    };
    Ok(action)
}

/// `private_metadata` of the booking forms, as earlier versions wrote it.
#[derive(Debug, Default, Serialize, Deserialize)]
struct BookingMeta {
    #[serde(default)]
    mentor: Option<String>,
    #[serde(default)]
    theme: Option<i64>,
    #[serde(default)]
    one_on_one: Option<i64>,
    #[serde(default)]
    version: u32,
}

/// `private_metadata` of the memo forms: the 1on1 or the entry they are about.
#[derive(Debug, Default, Serialize, Deserialize)]
struct MemoMeta {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    one_on_one: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    entry: Option<i64>,
}

#[derive(Debug, Serialize, Deserialize)]
struct SetupMeta {
    theme: i64,
}

/// A modal's `callback_id` and `private_metadata`.
pub fn encode_form(form: &Form) -> (String, Option<String>) {
    let (callback, metadata): (&str, Option<String>) = match form {
        Form::Help => ("help", None),
        Form::Admin(admin, ctx) => {
            let callback = match admin {
                AdminForm::Console => "admin.console",
                AdminForm::Theme => "admin.theme.save",
                AdminForm::Questions => "admin.questions",
                AdminForm::Question => "admin.question.save",
                AdminForm::Certify => "admin.certify",
                AdminForm::CertifyDone => "admin.certify.done",
                AdminForm::Roles => "admin.roles",
                AdminForm::Import => "admin.import",
                AdminForm::Topics => "admin.topics",
                AdminForm::TopicRename => "admin.topic.rename",
                AdminForm::Notice => "admin.notice",
                AdminForm::AutoShare => "admin.share",
            };
            (callback, json(ctx))
        }
        Form::Mentor(MentorForm::Setup { theme }) => {
            ("mentor.setup.save", json(&SetupMeta { theme: *theme }))
        }
        Form::Mentor(MentorForm::Hours) => ("mentor.hours.save", None),
        Form::Mentor(MentorForm::Notice) => ("mentor.notice", None),
        Form::Booking(BookingForm::Find) => ("booking.find.search", None),
        Form::Booking(BookingForm::Results(ctx)) => ("booking.results", json(ctx)),
        Form::Booking(BookingForm::Request {
            mentor,
            theme,
            version,
        }) => (
            "booking.request.send",
            json(&BookingMeta {
                mentor: Some(mentor.to_string()),
                theme: Some(*theme),
                one_on_one: None,
                version: *version,
            }),
        ),
        Form::Booking(BookingForm::Decline { one_on_one }) => (
            "booking.decline.send",
            json(&BookingMeta {
                one_on_one: Some(*one_on_one),
                ..BookingMeta::default()
            }),
        ),
        Form::Booking(BookingForm::Reschedule {
            one_on_one,
            version,
        }) => (
            "booking.reschedule.send",
            json(&BookingMeta {
                one_on_one: Some(*one_on_one),
                version: *version,
                ..BookingMeta::default()
            }),
        ),
        Form::Booking(BookingForm::Done) => ("booking.done", None),
        Form::Booking(BookingForm::Rate { one_on_one }) => (
            "booking.rate.send",
            json(&BookingMeta {
                one_on_one: Some(*one_on_one),
                ..BookingMeta::default()
            }),
        ),
        Form::Memo(MemoForm::Memo { one_on_one }) => (
            "memo.save",
            json(&MemoMeta {
                one_on_one: Some(*one_on_one),
                entry: None,
            }),
        ),
        Form::Memo(MemoForm::Entry { entry }) => (
            "memo.entry.save",
            json(&MemoMeta {
                one_on_one: None,
                entry: Some(*entry),
            }),
        ),
        Form::Memo(MemoForm::Todo { one_on_one }) => (
            "memo.todo.save",
            json(&MemoMeta {
                one_on_one: Some(*one_on_one),
                entry: None,
            }),
        ),
        Form::Memo(MemoForm::History) => ("memo.history", None),
        Form::Memo(MemoForm::Notice) => ("memo.notice", None),
        Form::Nudge(NudgeForm::Settings) => ("nudge.settings.save", None),
        Form::Insight(InsightForm::View) => ("insight.view", None),
        Form::Insight(InsightForm::Tip) => ("insight.tip.save", None),
        Form::Insight(InsightForm::Scope { advisor }) => {
            ("insight.scope.save", Some(advisor.to_string()))
        }
        Form::Survey(SurveyForm::Define) => ("survey.define", None),
        Form::Survey(SurveyForm::Answer { run }) => ("survey.answer", Some(run.to_string())),
        Form::Survey(SurveyForm::Done) => ("survey.done", None),
        Form::Survey(SurveyForm::Edit { survey }) => ("survey.edit", Some(survey.to_string())),
    };
    (callback.to_string(), metadata)
}

/// Metadata JSON: plain structs of numbers and strings, so serializing cannot fail.
fn json<T: Serialize>(value: &T) -> Option<String> {
    serde_json::to_string(value).ok()
}

/// Reads a modal back from its `callback_id` and `private_metadata`.
pub fn parse_form(callback_id: Option<&str>, metadata: Option<&str>) -> Result<Form, ParseError> {
    let callback = callback_id.ok_or(ParseError::UnknownCallback(None))?;
    let bad = || ParseError::BadMetadata {
        callback_id: callback.to_string(),
        metadata: metadata.map(str::to_string),
    };
    // Admin and search contexts were always read leniently (a missing field is its default).
    let admin = |form: AdminForm| {
        let ctx = metadata
            .and_then(|m| serde_json::from_str(m).ok())
            .unwrap_or_default();
        Form::Admin(form, ctx)
    };
    let booking = || -> Result<BookingMeta, ParseError> {
        serde_json::from_str(metadata.ok_or_else(bad)?).map_err(|_| bad())
    };
    let form = match callback {
        "help" => Form::Help,
        "admin.console" => admin(AdminForm::Console),
        "admin.theme.save" => admin(AdminForm::Theme),
        "admin.questions" => admin(AdminForm::Questions),
        "admin.question.save" => admin(AdminForm::Question),
        "admin.certify" => admin(AdminForm::Certify),
        "admin.certify.done" => admin(AdminForm::CertifyDone),
        "admin.roles" => admin(AdminForm::Roles),
        "admin.import" => admin(AdminForm::Import),
        "admin.topics" => admin(AdminForm::Topics),
        "admin.topic.rename" => admin(AdminForm::TopicRename),
        "admin.notice" => admin(AdminForm::Notice),
        "admin.share" => admin(AdminForm::AutoShare),
        "mentor.setup.save" => {
            let meta: SetupMeta =
                serde_json::from_str(metadata.ok_or_else(bad)?).map_err(|_| bad())?;
            Form::Mentor(MentorForm::Setup { theme: meta.theme })
        }
        "mentor.hours.save" => Form::Mentor(MentorForm::Hours),
        "mentor.notice" => Form::Mentor(MentorForm::Notice),
        "booking.find.search" => Form::Booking(BookingForm::Find),
        "booking.results" => {
            let ctx: FindCtx = metadata
                .and_then(|m| serde_json::from_str(m).ok())
                .unwrap_or_default();
            Form::Booking(BookingForm::Results(ctx))
        }
        "booking.request.send" => {
            let meta = booking()?;
            let mentor = meta.mentor.as_deref().and_then(|m| UserId::parse(m).ok());
            let (Some(mentor), Some(theme)) = (mentor, meta.theme) else {
                return Err(bad());
            };
            Form::Booking(BookingForm::Request {
                mentor,
                theme,
                version: meta.version,
            })
        }
        "booking.decline.send" => Form::Booking(BookingForm::Decline {
            one_on_one: booking()?.one_on_one.ok_or_else(bad)?,
        }),
        "booking.reschedule.send" => {
            let meta = booking()?;
            Form::Booking(BookingForm::Reschedule {
                one_on_one: meta.one_on_one.ok_or_else(bad)?,
                version: meta.version,
            })
        }
        "booking.done" => Form::Booking(BookingForm::Done),
        "booking.rate.send" => Form::Booking(BookingForm::Rate {
            one_on_one: booking()?.one_on_one.ok_or_else(bad)?,
        }),
        "memo.save" | "memo.entry.save" | "memo.todo.save" => {
            let meta: MemoMeta =
                serde_json::from_str(metadata.ok_or_else(bad)?).map_err(|_| bad())?;
            Form::Memo(match (callback, meta.one_on_one, meta.entry) {
                ("memo.save", Some(one_on_one), _) => MemoForm::Memo { one_on_one },
                ("memo.todo.save", Some(one_on_one), _) => MemoForm::Todo { one_on_one },
                ("memo.entry.save", _, Some(entry)) => MemoForm::Entry { entry },
                _ => return Err(bad()),
            })
        }
        "memo.history" => Form::Memo(MemoForm::History),
        "memo.notice" => Form::Memo(MemoForm::Notice),
        "nudge.settings.save" => Form::Nudge(NudgeForm::Settings),
        "insight.view" => Form::Insight(InsightForm::View),
        "insight.tip.save" => Form::Insight(InsightForm::Tip),
        "insight.scope.save" => Form::Insight(InsightForm::Scope {
            advisor: metadata
                .and_then(|m| UserId::parse(m).ok())
                .ok_or_else(bad)?,
        }),
        "survey.define" => Form::Survey(SurveyForm::Define),
        "survey.answer" => Form::Survey(SurveyForm::Answer {
            run: metadata.ok_or_else(bad)?.parse().map_err(|_| bad())?,
        }),
        "survey.done" => Form::Survey(SurveyForm::Done),
        "survey.edit" => Form::Survey(SurveyForm::Edit {
            survey: metadata.ok_or_else(bad)?.parse().map_err(|_| bad())?,
        }),
        other => return Err(ParseError::UnknownCallback(Some(other.to_string()))),
    };
    Ok(form)
}

/// The admin context of a modal (the default for any other view).
pub fn admin_ctx(form: Option<&Form>) -> AdminCtx {
    match form {
        Some(Form::Admin(_, ctx)) => ctx.clone(),
        _ => AdminCtx::default(),
    }
}

/// Survey actions: the id is in the value (a pause also carries its new state, `id:1`/`id:0`).
fn encode_survey(action: &SurveyAction) -> (String, String) {
    match action {
        SurveyAction::List => ("survey.list".into(), "list".into()),
        SurveyAction::New => ("survey.new".into(), "new".into()),
        SurveyAction::Results { survey } => {
            (format!("survey.results.{survey}"), survey.to_string())
        }
        SurveyAction::Preview { survey } => {
            (format!("survey.preview.{survey}"), survey.to_string())
        }
        SurveyAction::Pause { survey, paused } => (
            format!("survey.pause.{survey}"),
            format!("{survey}:{}", u8::from(*paused)),
        ),
        SurveyAction::Answer { run } => (format!("survey.answer.{run}"), run.to_string()),
        SurveyAction::Export { survey } => (format!("survey.export.{survey}"), survey.to_string()),
        SurveyAction::Edit { survey } => (format!("survey.edit.{survey}"), survey.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::actions::examples;

    #[test]
    fn every_action_survives_encode_then_parse() {
        for action in examples::actions() {
            let encoded = encode(&action);
            let parsed = parse(&encoded.action_id, Some(&encoded.value));
            assert_eq!(parsed.as_ref(), Ok(&action), "{encoded:?}");
        }
    }

    #[test]
    fn every_form_survives_encode_then_parse() {
        for form in examples::forms() {
            let (callback, metadata) = encode_form(&form);
            let parsed = parse_form(Some(&callback), metadata.as_deref());
            assert_eq!(parsed.as_ref(), Ok(&form), "{callback} {metadata:?}");
        }
    }

    #[test]
    fn encoded_ids_keep_to_slack_limits() {
        for action in examples::actions() {
            let encoded = encode(&action);
            assert!(encoded.action_id.len() <= ACTION_ID_MAX, "{encoded:?}");
            assert!(encoded.value.len() <= OPTION_VALUE_MAX, "{encoded:?}");
        }
        for form in examples::forms() {
            let (callback, metadata) = encode_form(&form);
            assert!(callback.len() <= CALLBACK_ID_MAX);
            assert!(metadata.unwrap_or_default().len() <= PRIVATE_METADATA_MAX);
        }
    }

    #[test]
    fn buttons_in_messages_sent_by_earlier_versions_still_parse() {
        let cases = [
            (
                "mentor.setup",
                "7",
                Action::Mentor(MentorAction::Setup { theme: 7 }),
            ),
            ("admin.page.0", "1", Action::Admin(AdminAction::Page(1))),
            (
                "booking.page.next",
                "3",
                Action::Booking(BookingAction::Page(3)),
            ),
            (
                "booking.accept.41",
                "41",
                Action::Booking(BookingAction::Accept { one_on_one: 41 }),
            ),
        ];
        for (action_id, value, expected) in cases {
            assert_eq!(parse(action_id, Some(value)), Ok(expected));
        }
        let request = parse_form(
            Some("booking.request.send"),
            Some(r#"{"mentor":"UEN","theme":7}"#),
        );
        assert!(matches!(
            request,
            Ok(Form::Booking(BookingForm::Request { version: 0, .. }))
        ));
    }

    #[test]
    fn a_request_menu_reads_each_option_back_from_its_value() {
        let mentor = UserId::parse("UEN").unwrap();
        let offers: Vec<Action> = [7, 12]
            .into_iter()
            .map(|theme| {
                Action::Booking(BookingAction::Request {
                    mentor: mentor.clone(),
                    theme,
                })
            })
            .collect();
        let ids: Vec<_> = offers.iter().map(menu_action_id).collect();
        assert_eq!(ids[0].as_deref(), Some("booking.request.UEN"));
        assert_eq!(ids[0], ids[1], "one action id for the menu");
        for offer in &offers {
            let value = encode(offer).value;
            assert_eq!(
                parse(ids[0].as_deref().unwrap(), Some(&value)).as_ref(),
                Ok(offer)
            );
        }
        assert_eq!(menu_action_id(&Action::Booking(BookingAction::Find)), None);
    }

    #[test]
    fn unknown_or_malformed_ids_are_errors_not_panics() {
        assert!(matches!(
            parse("surprise", Some("x")),
            Err(ParseError::UnknownAction(_))
        ));
        assert!(matches!(
            parse("mentor.dance.7", Some("7")),
            Err(ParseError::UnknownAction(_))
        ));
        for (action_id, value) in [
            ("admin.theme.menu.7", Some("explode:7")),
            ("admin.theme.menu.7", Some("edit")),
            ("admin.role.revoke.king.UEN", Some("king:UEN")),
            ("booking.request.x", Some("<script>:7")),
            ("booking.day", Some("tomorrow")),
            ("mentor.pause.7", None),
            ("", None),
        ] {
            assert!(parse(action_id, value).is_err(), "{action_id} {value:?}");
        }
        assert!(parse_form(Some("booking.decline.send"), Some("{}")).is_err());
        assert!(parse_form(Some("mentor.setup.save"), None).is_err());
        assert!(parse_form(None, None).is_err());
    }

    #[test]
    fn malformed_memo_values_are_errors_not_someone_elses_memo() {
        for (action_id, value) in [
            ("memo.open.7", Some("seven")),
            ("memo.todo.5", Some("explode:5")),
            ("memo.todo.5", Some("done")),
            ("memo.history.1", Some("<script>:1")),
            ("memo.history.1", Some("-:minus")),
            ("memo.entry.3", None),
        ] {
            assert!(parse(action_id, value).is_err(), "{action_id} {value:?}");
        }
        assert!(parse_form(Some("memo.save"), Some("{}")).is_err());
        assert!(parse_form(Some("memo.entry.save"), Some(r#"{"one_on_one":3}"#)).is_err());
        assert!(parse_form(Some("memo.todo.save"), None).is_err());
    }
}
