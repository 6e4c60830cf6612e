//! A mentor's card as mentees see it (in search results, the mentor's preview and the setup
//! result): which themes it shows, with which answers, and the next free slot.

use chrono::{DateTime, Utc};

use crate::app::mentor::{MentorCard, StatusChange};
use crate::domain::{CertStatus, Theme, UserId};

/// How many themes a card shows at most (a results page holds several cards in one modal,
/// and a card's text grows with each).
pub const CARD_THEMES_SHOWN: usize = 8;

/// A mentor card to draw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardView {
    pub mentor: UserId,
    /// At most [`CARD_THEMES_SHOWN`] started themes, in the card's order.
    pub themes: Vec<CardTheme>,
    /// The soonest free slot; `None` says the mentor has no free time.
    pub next_slot: Option<DateTime<Utc>>,
}

/// One theme on a card with the questions the mentor answered (unanswered ones are left out).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardTheme {
    pub theme: Theme,
    /// (question label, answer).
    pub answers: Vec<(String, String)>,
}

impl CardView {
    pub fn decide(card: &MentorCard) -> Self {
        let themes = card
            .themes
            .iter()
            .take(CARD_THEMES_SHOWN)
            .map(|mt| CardTheme {
                theme: mt.theme.clone(),
                answers: mt
                    .questions
                    .iter()
                    .filter_map(|(q, a)| Some((q.label.clone(), a.clone()?)))
                    .collect(),
            })
            .collect();
        Self {
            mentor: card.mentor.clone(),
            themes,
            next_slot: card.next_slot,
        }
    }
}

/// Themes of a card shown under one set of answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SharedAnswers<'a> {
    pub themes: Vec<&'a Theme>,
    /// (question label, answer), the same for every theme of the group.
    pub answers: &'a [(String, String)],
}

impl CardView {
    /// The card's themes with the same answers shown once, under the first of them: a CSV
    /// import gives each of a mentor's themes the same profile, and a card that repeats a
    /// paragraph per theme is longer to read, not more useful. Themes without answers stay
    /// on their own; the order is the card's, by each group's first theme.
    pub fn answer_groups(&self) -> Vec<SharedAnswers<'_>> {
        let mut groups: Vec<SharedAnswers<'_>> = Vec::with_capacity(self.themes.len());
        for shown in &self.themes {
            let same = (!shown.answers.is_empty())
                .then(|| {
                    groups
                        .iter_mut()
                        .find(|g| g.answers == shown.answers.as_slice())
                })
                .flatten();
            match same {
                Some(group) => group.themes.push(&shown.theme),
                None => groups.push(SharedAnswers {
                    themes: vec![&shown.theme],
                    answers: &shown.answers,
                }),
            }
        }
        groups
    }
}

/// The mentor's preview of their own card (from the App Home).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreviewScreen {
    /// `None` while no theme is started: mentees see nothing, and the preview says so.
    pub card: Option<CardView>,
}

impl PreviewScreen {
    pub fn decide(card: &MentorCard) -> Self {
        Self {
            card: (!card.themes.is_empty()).then(|| CardView::decide(card)),
        }
    }
}

/// What saving a theme's setup did, with the card mentees now see when the theme is started.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetupResultScreen {
    pub theme: String,
    pub change: StatusChange,
    /// Only once the theme is started (before that, mentees see nothing).
    pub card: Option<CardView>,
}

impl SetupResultScreen {
    pub fn decide(theme: String, change: StatusChange, card: &MentorCard) -> Self {
        Self {
            theme,
            change,
            card: (change.after == CertStatus::Started).then(|| CardView::decide(card)),
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::app::mentor::MentorTheme;
    use crate::domain::{Category, CertStatus, Question, QuestionKind};

    pub(crate) fn mentor_theme(id: i64, answered: bool) -> MentorTheme {
        let question = |qid: i64, answer: Option<&str>| {
            (
                Question {
                    id: qid,
                    theme_id: id,
                    position: qid,
                    label: format!("Q{qid}"),
                    kind: QuestionKind::Text,
                    required: false,
                    revision: 1,
                },
                answer.map(str::to_string),
            )
        };
        MentorTheme {
            theme: Theme {
                id,
                name: format!("Theme {id}"),
                category: Category::Work,
                description: String::new(),
                archived: false,
            },
            status: CertStatus::Started,
            questions: vec![question(1, answered.then_some("yes")), question(2, None)],
        }
    }

    pub(crate) fn card(mentor: &str, themes: i64) -> MentorCard {
        MentorCard {
            mentor: UserId::parse(mentor).unwrap(),
            name: mentor.into(),
            themes: (1..=themes).map(|i| mentor_theme(i, i % 2 == 1)).collect(),
            next_slot: None,
        }
    }

    #[test]
    fn a_card_shows_at_most_eight_themes_and_only_the_answered_questions() {
        let view = CardView::decide(&card("UM", 12));
        assert_eq!(view.themes.len(), CARD_THEMES_SHOWN);
        assert_eq!(view.themes[0].answers, [("Q1".into(), "yes".into())]);
        assert!(view.themes[1].answers.is_empty());
    }

    #[test]
    fn themes_with_the_same_answers_are_shown_once_under_the_first_and_unanswered_ones_alone() {
        let mut view = CardView::decide(&card("UM", 5));
        let profile = vec![("Profile".to_string(), "Architect".to_string())];
        view.themes[0].answers = profile.clone();
        view.themes[1].answers = vec![("Profile".into(), "Other".into())];
        view.themes[3].answers = profile.clone();
        view.themes[2].answers.clear();
        view.themes[4].answers.clear();
        let groups = view.answer_groups();
        let ids: Vec<Vec<i64>> = groups
            .iter()
            .map(|g| g.themes.iter().map(|t| t.id).collect())
            .collect();
        assert_eq!(ids, [vec![1, 4], vec![2], vec![3], vec![5]]);
        assert_eq!(groups[0].answers, profile.as_slice());
        assert!(groups[2].answers.is_empty() && groups[3].answers.is_empty());
    }

    #[test]
    fn the_setup_result_shows_the_card_only_once_the_theme_is_started() {
        let change = |after| StatusChange {
            before: CertStatus::Certified,
            after,
        };
        let started =
            SetupResultScreen::decide("T".into(), change(CertStatus::Started), &card("UM", 1));
        assert_eq!(started.card.unwrap().themes.len(), 1);
        let waiting =
            SetupResultScreen::decide("T".into(), change(CertStatus::NeedsAnswers), &card("UM", 1));
        assert_eq!(waiting.card, None);
    }

    #[test]
    fn the_preview_says_when_mentees_see_no_card() {
        assert_eq!(PreviewScreen::decide(&card("UM", 0)).card, None);
        assert!(PreviewScreen::decide(&card("UM", 1)).card.is_some());
    }
}
