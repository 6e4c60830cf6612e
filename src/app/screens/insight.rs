//! Mentor insight, program analytics, the tip form and an advisor's scope as view models:
//! which figures a reader may see (groups under `domain::insight::MIN_GROUP` hidden) and which
//! buttons each surface offers, decided once for every channel.

use crate::app::actions::InsightAction;
use crate::domain::insight::{advisor_count, extremes, Cell, Figures};
use crate::domain::Category;
use crate::domain::{Roles, UserId};
use crate::storage::insight::{MonthRow, ThemeRow};
use crate::storage::tips::TipRow;

/// Cells listed on the insight screen (the rest are counted).
pub const INSIGHT_CELLS_SHOWN: usize = 20;
/// Rows per analytics list (themes, mentors).
pub const STATS_ROWS: usize = 10;
/// Tips the office sees (newest first), each with Hide.
pub const TIPS_LISTED: usize = 10;
/// Topics a tip can be for (a select's limit).
pub const TIP_TOPICS_MAX: usize = 100;

/// A topic as stored (`one_on_ones.topic`), to be named in the reader's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TopicName {
    /// One of `domain::booking::DEFAULT_TOPICS`.
    Default(String),
    /// An admin-added topic's name.
    Custom(String),
    Other,
}

impl TopicName {
    /// The stored key read with the admin-added topics' names.
    pub fn of(key: &str, custom: &[(i64, String)]) -> Self {
        if let Some(id) = key
            .strip_prefix("custom:")
            .and_then(|id| id.parse::<i64>().ok())
        {
            if let Some((_, name)) = custom.iter().find(|(c, _)| *c == id) {
                return TopicName::Custom(name.clone());
            }
        }
        match key {
            "other" => TopicName::Other,
            key => TopicName::Default(key.to_string()),
        }
    }
}

/// One topic x response as a mentor reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellView {
    pub topic: TopicName,
    pub response: String,
    /// `None`: fewer than 3 ratings ("not enough ratings yet").
    pub mine: Option<Figures>,
    pub program: Option<Figures>,
}

/// A mentor's insight: their cells beside the program's, strongest and weakest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InsightScreen {
    pub cells: Vec<CellView>,
    pub more: usize,
    pub strongest: Option<CellView>,
    pub weakest: Option<CellView>,
    pub actions: Vec<InsightAction>,
}

impl InsightScreen {
    pub fn decide(cells: &[Cell], custom: &[(i64, String)]) -> Self {
        let view = |c: &Cell| CellView {
            topic: TopicName::of(&c.topic, custom),
            response: c.response.clone(),
            mine: c.mine,
            program: c.program,
        };
        let pair = extremes(cells);
        Self {
            cells: cells.iter().take(INSIGHT_CELLS_SHOWN).map(view).collect(),
            more: cells.len().saturating_sub(INSIGHT_CELLS_SHOWN),
            strongest: pair.map(|(s, _)| view(s)),
            weakest: pair.map(|(_, w)| view(w)),
            actions: vec![InsightAction::WriteTip],
        }
    }
}

/// The insight buttons on someone's Home: their insight and a tip (mentors), the program's
/// analytics (admins and advisors).
pub fn insight_home_actions(roles: &Roles) -> Vec<InsightAction> {
    let mut actions = Vec::new();
    if roles.mentor {
        actions.extend([InsightAction::Mine, InsightAction::WriteTip]);
    }
    if roles.admin || roles.advisor {
        actions.push(InsightAction::Stats { theme: None });
    }
    actions
}

/// What the analytics cover.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Coverage {
    /// Every theme (admins).
    All,
    /// An advisor's themes (how many).
    Scope(usize),
    /// One theme (its name).
    Theme(String),
}

/// A count as the reader may see it (`None`: a group under 3, for advisors).
pub type Shown = Option<i64>;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthView {
    /// `YYYY-MM` (UTC).
    pub month: String,
    pub requested: Shown,
    pub held: Shown,
    pub cancelled: Shown,
    pub expired: Shown,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThemeView {
    pub name: String,
    pub category: Option<Category>,
    pub requested: Shown,
    pub held: Shown,
    /// スッキリ度 and "got it" over the theme's ratings (`None` under 3 ratings).
    pub ratings: Option<Figures>,
    /// Narrows the analytics to this theme.
    pub action: InsightAction,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TipView {
    pub topic: TopicName,
    pub response: String,
    pub body: String,
    /// The author, shown only when they signed.
    pub author: Option<UserId>,
    pub action: InsightAction,
}

/// How soon newly certified mentors had their first 1on1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FirstView {
    pub certified: Shown,
    pub booked: Shown,
    /// Average days × 10 (`None`: nobody booked yet, or too few to show).
    pub days_tenths: Option<i64>,
}

/// The program's analytics for the office or an advisor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatsScreen {
    pub coverage: Coverage,
    pub months: Vec<MonthView>,
    pub themes: Vec<ThemeView>,
    pub categories: Vec<(Option<Category>, Shown, Shown)>,
    pub load: Vec<(UserId, Shown)>,
    pub at_cap: Vec<UserId>,
    pub never_booked: (Shown, Vec<UserId>),
    pub without_mentor: Vec<String>,
    pub top: Vec<(TopicName, String, Shown)>,
    pub first: FirstView,
    /// Admins only: the newest tips, each with Hide (advisors never see free text).
    pub tips: Vec<TipView>,
    /// Back to every theme of the coverage, when narrowed to one.
    pub back: Option<InsightAction>,
}

/// What the analytics' queries returned.
#[derive(Debug, Clone, Default)]
pub struct StatsData {
    pub months: Vec<MonthRow>,
    pub themes: Vec<ThemeRow>,
    pub categories: Vec<(String, i64, i64)>,
    pub load: Vec<(UserId, i64)>,
    pub at_cap: Vec<UserId>,
    pub never_booked: (i64, Vec<UserId>),
    pub without_mentor: Vec<String>,
    pub top: Vec<(String, String, i64)>,
    pub first: (i64, i64, Option<f64>),
    pub tips: Vec<TipRow>,
    pub custom_topics: Vec<(i64, String)>,
}

impl StatsScreen {
    /// `restricted`: the reader is an advisor, so every count under 3 is hidden too (ratings
    /// under 3 are hidden for everyone) and tips are left out.
    pub fn decide(data: StatsData, coverage: Coverage, restricted: bool) -> Self {
        let count = |n: i64| {
            if restricted {
                advisor_count(n)
            } else {
                Some(n)
            }
        };
        let custom = &data.custom_topics;
        let (certified, booked, days) = data.first;
        let first = FirstView {
            certified: count(certified),
            booked: count(booked),
            days_tenths: days
                .filter(|_| !restricted || crate::domain::insight::shown(booked))
                .map(|d| (d * 10.0).round() as i64),
        };
        let back =
            matches!(coverage, Coverage::Theme(_)).then_some(InsightAction::Stats { theme: None });
        Self {
            months: data
                .months
                .iter()
                .map(|m| MonthView {
                    month: m.month.clone(),
                    requested: count(m.requested),
                    held: count(m.held),
                    cancelled: count(m.cancelled),
                    expired: count(m.expired),
                })
                .collect(),
            themes: data
                .themes
                .iter()
                .map(|t| ThemeView {
                    name: t.name.clone(),
                    category: Category::parse(&t.category),
                    requested: count(t.requested),
                    held: count(t.held),
                    ratings: t.ratings.figures(),
                    action: InsightAction::Stats { theme: Some(t.id) },
                })
                .collect(),
            categories: data
                .categories
                .iter()
                .map(|(c, r, h)| (Category::parse(c), count(*r), count(*h)))
                .collect(),
            load: data
                .load
                .iter()
                .map(|(u, n)| (u.clone(), count(*n)))
                .collect(),
            at_cap: data.at_cap,
            never_booked: (count(data.never_booked.0), data.never_booked.1),
            without_mentor: data.without_mentor,
            top: data
                .top
                .iter()
                .map(|(t, r, n)| (TopicName::of(t, custom), r.clone(), count(*n)))
                .collect(),
            first,
            tips: if restricted {
                Vec::new()
            } else {
                data.tips
                    .iter()
                    .map(|t| TipView {
                        topic: TopicName::of(&t.topic, custom),
                        response: t.response.clone(),
                        body: t.body.clone(),
                        author: t.signed.then(|| t.author.clone()),
                        action: InsightAction::HideTip { tip: t.id },
                    })
                    .collect()
            },
            coverage,
            back,
        }
    }
}

/// The tip form: which topics (default keys, then admin-added as `custom:<id>`) a tip can be
/// for, with their names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TipForm {
    pub topics: Vec<(String, TopicName)>,
    pub responses: Vec<String>,
}

impl TipForm {
    pub fn decide(custom: &[(i64, String)]) -> Self {
        let mut topics: Vec<(String, TopicName)> = crate::domain::booking::DEFAULT_TOPICS
            .iter()
            .map(|k| (k.to_string(), TopicName::Default(k.to_string())))
            .collect();
        topics.extend(
            custom
                .iter()
                .map(|(id, name)| (format!("custom:{id}"), TopicName::Custom(name.clone()))),
        );
        // A select offers at most 100 options.
        topics.truncate(TIP_TOPICS_MAX);
        Self {
            topics,
            responses: crate::domain::booking::RESPONSES
                .iter()
                .map(|r| r.to_string())
                .collect(),
        }
    }
}

/// An advisor's scope as the office edits it: every active theme, ticked when in scope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScopeForm {
    pub advisor: UserId,
    pub themes: Vec<(i64, String, bool)>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn month(n: i64) -> MonthRow {
        MonthRow {
            month: "2026-11".into(),
            requested: n,
            held: n,
            cancelled: 0,
            expired: 0,
        }
    }

    #[test]
    fn advisors_see_no_count_under_three_and_no_tips_while_admins_see_counts() {
        let data = StatsData {
            months: vec![month(2), month(3)],
            tips: vec![TipRow {
                id: 1,
                author: UserId::parse("UEN").unwrap(),
                topic: "career".into(),
                response: "listen".into(),
                body: "ask".into(),
                signed: false,
            }],
            ..StatsData::default()
        };
        let advisor = StatsScreen::decide(data.clone(), Coverage::Scope(1), true);
        assert_eq!(advisor.months[0].requested, None);
        assert_eq!(advisor.months[0].expired, Some(0));
        assert_eq!(advisor.months[1].requested, Some(3));
        assert!(advisor.tips.is_empty());
        let admin = StatsScreen::decide(data, Coverage::All, false);
        assert_eq!(admin.months[0].requested, Some(2));
        assert_eq!(admin.tips.len(), 1);
        assert_eq!(admin.tips[0].author, None, "unsigned tips name nobody");
    }

    #[test]
    fn a_custom_topic_key_reads_as_its_name() {
        let custom = [(4, "育休".to_string())];
        assert_eq!(
            TopicName::of("custom:4", &custom),
            TopicName::Custom("育休".into())
        );
        assert_eq!(TopicName::of("other", &custom), TopicName::Other);
        assert_eq!(
            TopicName::of("career", &custom),
            TopicName::Default("career".into())
        );
    }
}
