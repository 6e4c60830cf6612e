//! Loading each admin screen: the role checked, the rows read, the view model decided.

use chrono::{DateTime, Utc};

use super::*;
use crate::app::admin::{Actor, AdminError, AdminResult, CertifyReport};
use crate::app::errors::Message;
use crate::app::App;

impl App {
    pub async fn console_screen(
        &self,
        actor: &Actor,
        page: usize,
        include_archived: bool,
    ) -> AdminResult<ConsoleScreen> {
        let page = self.theme_page(actor, page, include_archived).await?;
        Ok(ConsoleScreen {
            nudge_weeks: self.rebook_weeks().await?,
            ..ConsoleScreen::decide(page)
        })
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
        now: DateTime<Utc>,
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
