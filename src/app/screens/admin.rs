//! The program office's console and its child modals: what each lists, how many, and which
//! actions each row offers, decided here from the database and the actor's roles.

use crate::app::actions::{AdminAction, QuestionOp, ThemeOp, TopicOp};
use crate::app::admin::{Actor, AdminError, AdminResult, CertifyReport, ThemePage};
use crate::app::errors::{Message, MessageArg};
use crate::app::App;
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
    /// New theme, import, roles, topics, and the archived toggle, in order.
    pub actions: Vec<AdminAction>,
    pub themes: Vec<ThemeRow>,
    pub include_archived: bool,
    /// Where there is more than one page.
    pub paging: Option<Paging>,
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

impl App {
    pub async fn console_screen(
        &self,
        actor: &Actor,
        page: usize,
        include_archived: bool,
    ) -> AdminResult<ConsoleScreen> {
        let page = self.theme_page(actor, page, include_archived).await?;
        Ok(ConsoleScreen::decide(page))
    }

    /// The theme form, empty (`None`) or for editing a theme.
    pub async fn theme_form_screen(
        &self,
        actor: &Actor,
        theme: Option<i64>,
    ) -> AdminResult<ThemeFormScreen> {
        let theme = match theme {
            Some(id) => Some(self.theme_with_questions(actor, id).await?.0),
            None => {
                self.require_admin(actor).await?;
                None
            }
        };
        Ok(ThemeFormScreen::decide(theme))
    }

    pub async fn questions_screen(
        &self,
        actor: &Actor,
        theme: i64,
    ) -> AdminResult<QuestionsScreen> {
        let (theme, questions) = self.theme_with_questions(actor, theme).await?;
        Ok(QuestionsScreen::decide(theme, questions))
    }

    /// The question form, empty (`None`) or for editing one of the theme's questions.
    pub async fn question_form_screen(
        &self,
        actor: &Actor,
        theme: i64,
        question: Option<i64>,
    ) -> AdminResult<QuestionFormScreen> {
        let (_, questions) = self.theme_with_questions(actor, theme).await?;
        let question = match question {
            Some(id) => Some(
                questions
                    .into_iter()
                    .find(|q| q.id == id)
                    .ok_or(AdminError::NotFound)?,
            ),
            None => None,
        };
        Ok(QuestionFormScreen::decide(theme, question))
    }

    pub async fn certify_screen(&self, actor: &Actor, theme: i64) -> AdminResult<CertifyScreen> {
        let (theme, _) = self.theme_with_questions(actor, theme).await?;
        // Every mentor, so the counts are right; the screen lists the first few.
        let mentors = self.theme_mentors(actor, theme.id, 10_000).await?;
        Ok(CertifyScreen::decide(theme, mentors))
    }

    pub async fn certify_result_screen(
        &self,
        actor: &Actor,
        theme: i64,
        report: CertifyReport,
    ) -> AdminResult<CertifyResultScreen> {
        let (theme, _) = self.theme_with_questions(actor, theme).await?;
        Ok(CertifyResultScreen { theme, report })
    }

    pub async fn roles_screen(
        &self,
        actor: &Actor,
        flash: Option<Message>,
    ) -> AdminResult<RolesScreen> {
        let holders = self.role_holders(actor).await?;
        let reader = match actor {
            Actor::User(user) => Some(user),
            Actor::Cli => None,
        };
        Ok(RolesScreen::decide(holders, reader, flash))
    }

    pub async fn topics_screen(
        &self,
        actor: &Actor,
        flash: Option<Message>,
    ) -> AdminResult<TopicsScreen> {
        let topics = self.custom_topics(actor).await?;
        Ok(TopicsScreen::decide(topics, flash))
    }

    /// The topics after adding one, saying which name was stored.
    pub async fn topics_after_add(&self, actor: &Actor, added: i64) -> AdminResult<TopicsScreen> {
        let topics = self.custom_topics(actor).await?;
        let flash =
            topic_name(&topics, added).map(|name| Message::new("topics-added").text("name", name));
        Ok(TopicsScreen::decide(topics, flash))
    }

    /// Retires a topic and returns the topics left, saying which was retired.
    pub async fn retire_topic(
        &self,
        actor: &Actor,
        topic: i64,
        now: chrono::DateTime<chrono::Utc>,
    ) -> AdminResult<TopicsScreen> {
        let name = self.topic_rename_screen(actor, topic).await?.name;
        self.archive_topic(actor, topic, now).await?;
        let flash = Message::new("topics-retired").text("name", name);
        self.topics_screen(actor, Some(flash)).await
    }

    pub async fn topic_rename_screen(
        &self,
        actor: &Actor,
        topic: i64,
    ) -> AdminResult<TopicRenameScreen> {
        let topics = self.custom_topics(actor).await?;
        let name = topic_name(&topics, topic).ok_or(AdminError::NotFound)?;
        Ok(TopicRenameScreen { topic, name })
    }

    pub async fn import_screen(&self, actor: &Actor) -> AdminResult<ImportScreen> {
        self.require_admin(actor).await?;
        Ok(ImportScreen {
            file_types: vec!["csv"],
        })
    }
}

fn topic_name(topics: &[(i64, String)], id: i64) -> Option<String> {
    topics
        .iter()
        .find(|(t, _)| *t == id)
        .map(|(_, name)| name.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn uid(id: &str) -> UserId {
        UserId::parse(id).unwrap()
    }

    fn theme(id: i64, archived: bool) -> Theme {
        Theme {
            id,
            name: format!("theme {id}"),
            category: Category::NonWork,
            description: String::new(),
            archived,
        }
    }

    fn question(id: i64) -> Question {
        Question {
            id,
            theme_id: 1,
            position: id,
            label: format!("q{id}"),
            kind: QuestionKind::Text,
            required: false,
            revision: 1,
        }
    }

    #[test]
    fn the_consoles_middle_page_with_archived_shown_offers_both_pages_and_hiding_them() {
        let counts = MentorCounts::default();
        let screen = ConsoleScreen::decide(ThemePage {
            themes: vec![(theme(11, true), counts), (theme(12, false), counts)],
            page: 1,
            pages: 3,
            total: 25,
            include_archived: true,
        });
        assert_eq!(screen.total, 25);
        assert_eq!(
            screen.actions.last(),
            Some(&AdminAction::ShowArchived(false))
        );
        let paging = screen.paging.as_ref().unwrap();
        assert_eq!((paging.page, paging.pages), (1, 3));
        assert_eq!(paging.actions, [AdminAction::Page(0), AdminAction::Page(2)]);
        assert_eq!(screen.page(), 1);
        assert_eq!(screen.themes.len(), 2);
    }

    #[test]
    fn a_console_of_one_page_has_no_paging_and_offers_showing_archived() {
        let screen = ConsoleScreen::decide(ThemePage {
            themes: vec![],
            page: 0,
            pages: 1,
            total: 0,
            include_archived: false,
        });
        assert_eq!(screen.paging, None);
        assert_eq!(screen.actions[4], AdminAction::ShowArchived(true));
        let last = ConsoleScreen::decide(ThemePage {
            themes: vec![],
            page: 2,
            pages: 3,
            total: 21,
            include_archived: false,
        });
        assert_eq!(last.paging.unwrap().actions, [AdminAction::Page(1)]);
    }

    #[test]
    fn an_archived_themes_menu_offers_restore_and_a_live_ones_archive() {
        let ops = |archived| -> Vec<ThemeOp> {
            theme_menu(&theme(7, archived))
                .into_iter()
                .map(|a| match a {
                    AdminAction::Theme { theme: 7, op } => op,
                    other => panic!("{other:?}"),
                })
                .collect()
        };
        use ThemeOp::*;
        assert_eq!(ops(false), [Edit, Questions, Certify, Archive]);
        assert_eq!(ops(true), [Edit, Questions, Certify, Restore]);
    }

    #[test]
    fn questions_move_only_where_they_can() {
        let screen = QuestionsScreen::decide(theme(1, false), (1..=3).map(question).collect());
        let ops: Vec<Vec<QuestionOp>> = screen
            .questions
            .iter()
            .map(|row| {
                row.menu
                    .iter()
                    .map(|a| match a {
                        AdminAction::Question { op, .. } => *op,
                        other => panic!("{other:?}"),
                    })
                    .collect()
            })
            .collect();
        use QuestionOp::*;
        assert_eq!(
            ops,
            [
                vec![Edit, Down, Remove],
                vec![Edit, Up, Down, Remove],
                vec![Edit, Up, Remove],
            ]
        );
        assert_eq!(screen.questions[2].number, 3);
        assert_eq!(screen.actions, [AdminAction::AddQuestion { theme: 1 }]);
        let one = QuestionsScreen::decide(theme(1, false), vec![question(1)]);
        assert_eq!(one.questions[0].menu.len(), 2);
    }

    #[test]
    fn a_theme_with_many_questions_lists_what_a_modal_holds() {
        let screen = QuestionsScreen::decide(theme(1, false), (1..=120).map(question).collect());
        assert_eq!(screen.questions.len(), QUESTIONS_SHOWN);
        // The last one shown can still move down: there are more after it.
        assert!(screen.questions[QUESTIONS_SHOWN - 1]
            .menu
            .iter()
            .any(|a| matches!(
                a,
                AdminAction::Question {
                    op: QuestionOp::Down,
                    ..
                }
            )));
    }

    #[test]
    fn the_roles_list_marks_configured_admins_and_the_readers_own_admin_role_not_revocable() {
        let holders = vec![
            (uid("UCONF"), Role::Admin, true),
            (uid("UME"), Role::Admin, false),
            (uid("UME"), Role::Advisor, false),
            (uid("UOTHER"), Role::Admin, false),
        ];
        let screen = RolesScreen::decide(holders, Some(&uid("UME")), None);
        let notes: Vec<_> = screen.holders.iter().map(|r| r.note).collect();
        assert_eq!(
            notes,
            [Some(RoleNote::Configured), Some(RoleNote::Own), None, None]
        );
        assert_eq!(screen.holders[0].revoke, None);
        assert_eq!(screen.holders[1].revoke, None);
        assert_eq!(
            screen.holders[2].revoke,
            Some(AdminAction::RevokeRole {
                role: Role::Advisor,
                user: uid("UME")
            })
        );
        assert!(screen.holders[3].revoke.is_some());
        assert_eq!(screen.grantable, [Role::Admin, Role::Advisor]);
    }

    #[test]
    fn the_certify_screen_counts_every_mentor_and_lists_forty() {
        let mentors: Vec<_> = (0..50)
            .map(|i| {
                let status = match i % 3 {
                    0 => CertStatus::Started,
                    1 => CertStatus::Certified,
                    _ => CertStatus::Paused,
                };
                (uid(&format!("U{i:04}")), status)
            })
            .collect();
        let screen = CertifyScreen::decide(theme(3, false), mentors);
        assert_eq!(screen.counts.certified, 50);
        assert_eq!(screen.counts.started, 17);
        assert_eq!(screen.counts.waiting, 17);
        assert_eq!(screen.mentors.len(), MENTORS_SHOWN);
        assert_eq!(screen.more_mentors, 10);
        assert_eq!(
            screen.mentors[0].revoke,
            AdminAction::RevokeCertification {
                theme: 3,
                mentor: uid("U0000")
            }
        );
    }

    #[test]
    fn each_topic_offers_rename_and_retire_and_at_most_ninety_are_listed() {
        let screen = TopicsScreen::decide((0..100).map(|i| (i, format!("t{i}"))).collect(), None);
        assert_eq!(screen.topics.len(), TOPICS_SHOWN);
        assert_eq!(
            screen.topics[0].menu,
            [
                AdminAction::Topic {
                    topic: 0,
                    op: TopicOp::Rename
                },
                AdminAction::Topic {
                    topic: 0,
                    op: TopicOp::Retire
                }
            ]
        );
    }

    #[test]
    fn an_edited_choice_question_starts_on_choice() {
        let mut q = question(1);
        q.kind = QuestionKind::Choice(vec!["a".into(), "b".into()]);
        assert_eq!(QuestionFormScreen::decide(1, Some(q)).kind, "choice");
        assert_eq!(QuestionFormScreen::decide(1, None).kind, "text");
    }
}
