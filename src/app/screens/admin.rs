//! The program office's console and its child modals: what each lists, how many, and which
//! actions each row offers, decided here from the database and the actor's roles.

use crate::app::actions::{AdminAction, QuestionOp, ThemeOp, TopicOp};
use crate::app::admin::{CertifyReport, ThemePage};
use crate::app::errors::{Message, MessageArg};
use crate::domain::{
    Category, CertStatus, MentorCounts, Question, QuestionKind, Role, Theme, UserId,
};

/// Themes per page in the admin console.
pub const THEMES_PER_PAGE: usize = 10;
/// How many rows each child modal lists at most (a modal holds 100 blocks, its header and
/// form take the rest).
pub const QUESTIONS_SHOWN: usize = 95;
pub const MENTORS_SHOWN: usize = 40;
pub const ROLE_HOLDERS_SHOWN: usize = 90;
pub const TOPICS_SHOWN: usize = 90;

/// The admin console: its own buttons, a page of themes with a menu each, and paging.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsoleScreen {
    /// Themes in all (archived ones only when shown).
    pub total: usize,
    /// New theme, import, roles, topics, auto-share, and the archived toggle, in order.
    pub actions: Vec<AdminAction>,
    pub themes: Vec<ThemeRow>,
    pub include_archived: bool,
    /// Where there is more than one page.
    pub paging: Option<Paging>,
    /// The "Nudges" block: weeks without a 1on1 before a mentee is nudged (issue 10).
    pub nudge_weeks: u32,
}

/// One theme in the console and the choices its menu offers, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThemeRow {
    pub theme: Theme,
    pub counts: MentorCounts,
    pub menu: Vec<AdminAction>,
}

/// Which page is shown (0-based) of how many, and the previous / next page where there is one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paging {
    pub page: usize,
    pub pages: usize,
    pub actions: Vec<AdminAction>,
}

impl ConsoleScreen {
    pub fn decide(page: ThemePage) -> Self {
        let actions = vec![
            AdminAction::NewTheme,
            AdminAction::OpenImport,
            AdminAction::OpenRoles,
            AdminAction::OpenTopics,
            AdminAction::OpenAutoShare,
            AdminAction::ShowArchived(!page.include_archived),
        ];
        let themes = page
            .themes
            .into_iter()
            .map(|(theme, counts)| ThemeRow {
                menu: theme_menu(&theme),
                theme,
                counts,
            })
            .collect();
        let paging = (page.pages > 1).then(|| {
            let mut actions = Vec::new();
            if page.page > 0 {
                actions.push(AdminAction::Page(page.page - 1));
            }
            if page.page + 1 < page.pages {
                actions.push(AdminAction::Page(page.page + 1));
            }
            Paging {
                page: page.page,
                pages: page.pages,
                actions,
            }
        });
        Self {
            total: page.total,
            actions,
            themes,
            include_archived: page.include_archived,
            paging,
            nudge_weeks: crate::domain::followup::NUDGE_WEEKS_DEFAULT,
        }
    }

    /// The page shown (0-based), which a child modal carries back.
    pub fn page(&self) -> usize {
        self.paging.as_ref().map_or(0, |p| p.page)
    }
}

/// A theme's menu: edit, questions, certify, and archive (live) or restore (archived).
pub fn theme_menu(theme: &Theme) -> Vec<AdminAction> {
    let item = |op| AdminAction::Theme {
        theme: theme.id,
        op,
    };
    let archive = if theme.archived {
        ThemeOp::Restore
    } else {
        ThemeOp::Archive
    };
    vec![
        item(ThemeOp::Edit),
        item(ThemeOp::Questions),
        item(ThemeOp::Certify),
        item(archive),
    ]
}

/// Create (no `theme`) or edit a theme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThemeFormScreen {
    pub theme: Option<Theme>,
    /// The categories offered, in order.
    pub categories: Vec<Category>,
}

impl ThemeFormScreen {
    pub fn decide(theme: Option<Theme>) -> Self {
        Self {
            theme,
            categories: Category::ALL.to_vec(),
        }
    }
}

/// A theme's questions in order, each with its menu.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuestionsScreen {
    pub theme: Theme,
    /// Add a question.
    pub actions: Vec<AdminAction>,
    /// At most [`QUESTIONS_SHOWN`].
    pub questions: Vec<QuestionRow>,
}

/// One question: its number (1-based) and the choices its menu offers, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuestionRow {
    pub number: usize,
    pub question: Question,
    pub menu: Vec<AdminAction>,
}

impl QuestionsScreen {
    pub fn decide(theme: Theme, questions: Vec<Question>) -> Self {
        let count = questions.len();
        let rows = questions
            .into_iter()
            .take(QUESTIONS_SHOWN)
            .enumerate()
            .map(|(i, question)| {
                let item = |op| AdminAction::Question {
                    question: question.id,
                    op,
                };
                // Edit and Remove are always there; Up and Down where the question can move.
                let mut menu = vec![item(QuestionOp::Edit)];
                if i > 0 {
                    menu.push(item(QuestionOp::Up));
                }
                if i + 1 < count {
                    menu.push(item(QuestionOp::Down));
                }
                menu.push(item(QuestionOp::Remove));
                QuestionRow {
                    number: i + 1,
                    question,
                    menu,
                }
            })
            .collect();
        Self {
            actions: vec![AdminAction::AddQuestion { theme: theme.id }],
            theme,
            questions: rows,
        }
    }
}

/// Add (no `question`) or edit a question of a theme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuestionFormScreen {
    pub theme: i64,
    pub question: Option<Question>,
    /// The kinds offered (`text`, `choice`) and the one chosen at first.
    pub kinds: Vec<&'static str>,
    pub kind: &'static str,
}

impl QuestionFormScreen {
    pub fn decide(theme: i64, question: Option<Question>) -> Self {
        let kind = match question.as_ref().map(|q| &q.kind) {
            Some(QuestionKind::Choice(_)) => "choice",
            _ => "text",
        };
        Self {
            theme,
            question,
            kinds: vec!["text", "choice"],
            kind,
        }
    }
}

/// Certify people for a theme, and its current mentors, each with a Revoke button.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertifyScreen {
    pub theme: Theme,
    /// Over every mentor who is not revoked, not only those listed.
    pub counts: MentorCounts,
    /// At most [`MENTORS_SHOWN`], oldest first.
    pub mentors: Vec<MentorRow>,
    pub more_mentors: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MentorRow {
    pub user: UserId,
    pub status: CertStatus,
    pub revoke: AdminAction,
}

impl CertifyScreen {
    pub fn decide(theme: Theme, mentors: Vec<(UserId, CertStatus)>) -> Self {
        let count =
            |f: &dyn Fn(CertStatus) -> bool| mentors.iter().filter(|(_, s)| f(*s)).count() as i64;
        let counts = MentorCounts {
            certified: mentors.len() as i64,
            started: count(&|s| s == CertStatus::Started),
            waiting: count(&|s| matches!(s, CertStatus::Certified | CertStatus::NeedsAnswers)),
        };
        let more_mentors = mentors.len().saturating_sub(MENTORS_SHOWN);
        let rows = mentors
            .into_iter()
            .take(MENTORS_SHOWN)
            .map(|(user, status)| MentorRow {
                revoke: AdminAction::RevokeCertification {
                    theme: theme.id,
                    mentor: user.clone(),
                },
                user,
                status,
            })
            .collect();
        Self {
            theme,
            counts,
            mentors: rows,
            more_mentors,
        }
    }
}

/// What certifying did (replaces the certify modal).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertifyResultScreen {
    pub theme: Theme,
    pub report: CertifyReport,
}

/// Admins and advisors, each revocable or not, and the form to grant a role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RolesScreen {
    /// What the last grant did.
    pub flash: Option<Message>,
    /// The roles the form grants, the first chosen at first.
    pub grantable: Vec<Role>,
    /// At most [`ROLE_HOLDERS_SHOWN`]: configured admins first, then by grant.
    pub holders: Vec<RoleRow>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleRow {
    pub user: UserId,
    pub role: Role,
    pub note: Option<RoleNote>,
    /// None for configured admins and for the reader's own admin role.
    pub revoke: Option<AdminAction>,
}

/// Why a role row cannot be revoked here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoleNote {
    /// An admin through MENTOR_BOT_ADMINS.
    Configured,
    /// The reader's own admin role.
    Own,
}

impl RolesScreen {
    /// `holders`: (user, role, from MENTOR_BOT_ADMINS); `reader`: who looks at the list.
    pub fn decide(
        holders: Vec<(UserId, Role, bool)>,
        reader: Option<&UserId>,
        flash: Option<Message>,
    ) -> Self {
        let rows = holders
            .into_iter()
            .take(ROLE_HOLDERS_SHOWN)
            .map(|(user, role, configured)| {
                let note = if configured {
                    Some(RoleNote::Configured)
                } else if role == Role::Admin && reader == Some(&user) {
                    Some(RoleNote::Own)
                } else {
                    None
                };
                let revoke = note.is_none().then(|| AdminAction::RevokeRole {
                    role,
                    user: user.clone(),
                });
                RoleRow {
                    user,
                    role,
                    note,
                    revoke,
                }
            })
            .collect();
        Self {
            flash,
            grantable: vec![Role::Admin, Role::Advisor],
            holders: rows,
        }
    }
}

/// The confirmation after granting a role: granted now, or already held.
pub fn role_granted(user: &UserId, role: Role, granted: bool) -> Message {
    let key = if granted {
        "admin-role-granted"
    } else {
        "admin-role-already"
    };
    Message::new(key)
        .with("user", MessageArg::User(user.clone()))
        .with("role", MessageArg::Key(role_key(role)))
}

/// The catalog key of a role's name.
pub fn role_key(role: Role) -> String {
    format!("role-{}-plain", role.as_str())
}

/// Admin-added topics, each with its menu, and a field to add one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopicsScreen {
    /// What the last action did.
    pub flash: Option<Message>,
    /// At most [`TOPICS_SHOWN`].
    pub topics: Vec<TopicRow>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopicRow {
    pub id: i64,
    pub name: String,
    pub menu: Vec<AdminAction>,
}

impl TopicsScreen {
    pub fn decide(topics: Vec<(i64, String)>, flash: Option<Message>) -> Self {
        let rows = topics
            .into_iter()
            .take(TOPICS_SHOWN)
            .map(|(id, name)| TopicRow {
                id,
                name,
                menu: [TopicOp::Rename, TopicOp::Retire]
                    .into_iter()
                    .map(|op| AdminAction::Topic { topic: id, op })
                    .collect(),
            })
            .collect();
        Self {
            flash,
            topics: rows,
        }
    }
}

/// Rename one topic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopicRenameScreen {
    pub topic: i64,
    pub name: String,
}

/// Upload a CSV of mentors to certify.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportScreen {
    /// The file types accepted.
    pub file_types: Vec<&'static str>,
}

mod build;
#[cfg(test)]
mod tests;
