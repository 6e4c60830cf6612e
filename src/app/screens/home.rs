//! The App Home and help: what each role's part lists, how many rows, and which actions each
//! row offers, decided here for every channel.

use chrono::{DateTime, Utc};

use crate::app::actions::{BookingAction, MentorAction};
use crate::app::mentor::MentorTheme;
use crate::app::App;
use crate::domain::availability::Hours;
use crate::domain::booking::BookingStatus;
use crate::domain::OneOnOne;
use crate::domain::{CertStatus, MentorCounts, Reader, Roles, UserId};
use crate::storage;

/// `/mentor help` and the help modal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpScreen {
    pub reader: Reader,
    pub roles: Roles,
}

/// How many rows each part of the Home shows, so that every role's part fits one Home
/// together (Slack holds 100 blocks). What is left out is counted (`more_…`).
pub const HOME_THEMES_SHOWN: usize = 10;
pub const HOME_WAITING_SHOWN: usize = 5;
pub const HOME_UPCOMING_SHOWN: usize = 6;

/// The App Home tab.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HomeScreen {
    pub reader: Reader,
    pub roles: Roles,
    pub updated_at: DateTime<Utc>,
    /// For admins: active themes and the mentor counts over them.
    pub admin: Option<(i64, MentorCounts)>,
    /// For admins: the Teams people the bot can no longer write to (None when nobody is).
    pub unreachable: Option<super::UnreachableHome>,
    /// For mentors: their themes and hours.
    pub mentor: Option<MentorHome>,
    /// Everyone: the requests they must answer and their 1on1s that have not ended.
    pub one_on_ones: OneOnOnesHome,
    /// Everyone: their open TODOs and Looking back.
    pub memo: super::MemoHome,
    /// Everyone: whether they get nudges, and the button that turns them off or on.
    pub nudges: super::NudgesHome,
}

/// The mentor's part of the App Home.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MentorHome {
    /// At most [`HOME_THEMES_SHOWN`], by theme name.
    pub themes: Vec<MentorThemeRow>,
    pub more_themes: usize,
    pub hours: Hours,
    /// False until they saved hours once (the defaults are shown as "not set").
    pub hours_saved: bool,
}

/// One certified theme on the mentor's Home and the buttons it offers, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MentorThemeRow {
    pub theme: MentorTheme,
    pub actions: Vec<MentorAction>,
}

/// The 1on1s on someone's Home.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OneOnOnesHome {
    /// Requests waiting for this mentor's answer, soonest first (Accept / Decline).
    pub waiting: Vec<HomeOneOnOne>,
    pub more_waiting: usize,
    /// Their other requested or confirmed 1on1s that have not ended (Reschedule / Cancel).
    pub upcoming: Vec<HomeOneOnOne>,
    pub more_upcoming: usize,
}

/// A 1on1 as its reader sees it on the Home.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HomeOneOnOne {
    pub one: OneOnOne,
    pub theme: String,
    /// The other person of the pair.
    pub other: UserId,
    pub actions: Vec<BookingAction>,
    /// The memo of this 1on1 (from the request on).
    pub memo_actions: Vec<crate::app::actions::MemoAction>,
}

impl MentorHome {
    /// The first [`HOME_THEMES_SHOWN`] themes, each with what the mentor may do with it.
    pub fn decide(themes: Vec<MentorTheme>, hours: Hours, hours_saved: bool) -> Self {
        let more_themes = themes.len().saturating_sub(HOME_THEMES_SHOWN);
        let themes = themes
            .into_iter()
            .take(HOME_THEMES_SHOWN)
            .map(|theme| MentorThemeRow {
                actions: mentor_actions(theme.theme.id, theme.status, theme.theme.archived),
                theme,
            })
            .collect();
        Self {
            themes,
            more_themes,
            hours,
            hours_saved,
        }
    }
}

/// What a mentor may do with a theme: edit answers and preview, then pause/resume/stop or
/// start by its status. An archived theme offers nothing (mentees do not see it anyway).
pub fn mentor_actions(theme: i64, status: CertStatus, archived: bool) -> Vec<MentorAction> {
    if archived || status == CertStatus::Revoked {
        return Vec::new();
    }
    let mut actions = vec![
        MentorAction::Answers { theme },
        MentorAction::Preview { theme },
    ];
    actions.extend(match status {
        CertStatus::Started | CertStatus::NeedsAnswers => {
            vec![MentorAction::Pause { theme }, MentorAction::Stop { theme }]
        }
        CertStatus::Paused => vec![MentorAction::Resume { theme }, MentorAction::Stop { theme }],
        CertStatus::Certified => vec![MentorAction::Start { theme }],
        CertStatus::Revoked => Vec::new(),
    });
    actions
}

impl OneOnOnesHome {
    /// Splits `user`'s live 1on1s (soonest first) into the requests they must answer as the
    /// mentor and the rest that have not ended at `now`, each list capped.
    pub fn decide(user: &UserId, list: Vec<(OneOnOne, String)>, now: DateTime<Utc>) -> Self {
        let (waiting, upcoming): (Vec<_>, Vec<_>) = list
            .into_iter()
            .filter(|(one, _)| one.end > now)
            .partition(|(one, _)| one.status == BookingStatus::Requested && one.mentor == *user);
        let row = |(one, theme): (OneOnOne, String), actions: Vec<BookingAction>| HomeOneOnOne {
            other: one.other_than(user).clone(),
            memo_actions: super::row_memo_actions(one.id),
            one,
            theme,
            actions,
        };
        let capped = |list: Vec<(OneOnOne, String)>, shown: usize, waiting: bool| {
            let more = list.len().saturating_sub(shown);
            let rows = list
                .into_iter()
                .take(shown)
                .map(|item| {
                    let one_on_one = item.0.id;
                    let actions = if waiting {
                        vec![
                            BookingAction::Accept { one_on_one },
                            BookingAction::Decline { one_on_one },
                        ]
                    } else {
                        vec![
                            BookingAction::Reschedule { one_on_one },
                            BookingAction::Cancel { one_on_one },
                        ]
                    };
                    row(item, actions)
                })
                .collect();
            (rows, more)
        };
        let (waiting, more_waiting) = capped(waiting, HOME_WAITING_SHOWN, true);
        let (upcoming, more_upcoming) = capped(upcoming, HOME_UPCOMING_SHOWN, false);
        Self {
            waiting,
            more_waiting,
            upcoming,
            more_upcoming,
        }
    }
}

impl App {
    pub async fn help_screen(
        &self,
        user: &UserId,
        now: DateTime<Utc>,
    ) -> anyhow::Result<HelpScreen> {
        let (reader, roles) = self.reader_and_roles(user, now).await?;
        Ok(HelpScreen { reader, roles })
    }

    pub async fn home_screen(
        &self,
        user: &UserId,
        now: DateTime<Utc>,
    ) -> anyhow::Result<HomeScreen> {
        let (reader, roles) = self.reader_and_roles(user, now).await?;
        let admin = match roles.admin {
            true => Some(self.db.read(storage::themes::get_overview).await?),
            false => None,
        };
        let unreachable = match roles.admin {
            true => self.unreachable_home().await?,
            false => None,
        };
        let mentor = match roles.mentor {
            true => {
                let themes = self.mentor_themes(user).await?;
                let (hours, hours_saved) = self.hours(user).await?;
                Some(MentorHome::decide(themes, hours, hours_saved))
            }
            false => None,
        };
        let one_on_ones = OneOnOnesHome::decide(user, self.upcoming(user, now).await?, now);
        let (todos, more_todos) = self.open_todos(user, super::HOME_TODOS_SHOWN).await?;
        Ok(HomeScreen {
            reader,
            roles,
            updated_at: now,
            admin,
            unreachable,
            mentor,
            one_on_ones,
            memo: super::MemoHome::decide(todos, more_todos),
            nudges: super::NudgesHome::decide(self.nudges_on(user).await?),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone};

    fn uid(id: &str) -> UserId {
        UserId::parse(id).unwrap()
    }

    fn at(hours: i64) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 1, 0, 0, 0).unwrap() + Duration::hours(hours)
    }

    fn one(id: i64, mentor: &str, mentee: &str, hours: i64, status: BookingStatus) -> OneOnOne {
        OneOnOne {
            id,
            mentor: uid(mentor),
            mentee: uid(mentee),
            theme_id: 1,
            start: at(hours),
            end: at(hours) + Duration::minutes(30),
            status,
            topic_key: "career".into(),
            topic_other: None,
            response: "listen".into(),
            note: String::new(),
            sequence: 0,
            expires_at: None,
            decline_message: None,
        }
    }

    #[test]
    fn the_home_of_a_mentor_with_eight_upcoming_1on1s_shows_six_and_counts_the_rest() {
        let mentor = "UMENTOR";
        let mut list: Vec<(OneOnOne, String)> = (0..8)
            .map(|i| {
                let confirmed = one(i, mentor, "UMENTEE", i + 1, BookingStatus::Confirmed);
                (confirmed, "育休".to_string())
            })
            .collect();
        // Two requests this mentor must answer, one request they sent as a mentee.
        list.push((
            one(20, mentor, "UA", 2, BookingStatus::Requested),
            "T".into(),
        ));
        list.push((
            one(21, mentor, "UB", 3, BookingStatus::Requested),
            "T".into(),
        ));
        list.push((
            one(22, "UOTHER", mentor, 4, BookingStatus::Requested),
            "T".into(),
        ));

        let home = OneOnOnesHome::decide(&uid(mentor), list, at(0));

        assert_eq!(
            home.waiting.iter().map(|r| r.one.id).collect::<Vec<_>>(),
            [20, 21]
        );
        assert_eq!(
            home.waiting[0].actions,
            [
                BookingAction::Accept { one_on_one: 20 },
                BookingAction::Decline { one_on_one: 20 }
            ]
        );
        assert_eq!(home.more_waiting, 0);
        assert_eq!(home.upcoming.len(), HOME_UPCOMING_SHOWN);
        assert_eq!(
            home.more_upcoming,
            9 - HOME_UPCOMING_SHOWN,
            "8 confirmed + 1 sent"
        );
        assert_eq!(
            home.upcoming[0].actions,
            [
                BookingAction::Reschedule { one_on_one: 0 },
                BookingAction::Cancel { one_on_one: 0 }
            ]
        );
        assert!(home.upcoming.iter().all(|r| r.other.as_str() != mentor));
    }

    #[test]
    fn a_1on1_that_has_ended_is_not_on_the_home() {
        let list = vec![
            (one(1, "UM", "UE", 1, BookingStatus::Confirmed), "T".into()),
            (one(2, "UM", "UE", 5, BookingStatus::Confirmed), "T".into()),
        ];
        let home = OneOnOnesHome::decide(&uid("UE"), list, at(2));
        assert_eq!(
            home.upcoming.iter().map(|r| r.one.id).collect::<Vec<_>>(),
            [2]
        );
        assert_eq!(home.upcoming[0].other, uid("UM"));
    }

    #[test]
    fn each_mentor_status_offers_what_its_buttons_say() {
        use MentorAction::*;
        let theme = 7;
        assert_eq!(
            mentor_actions(theme, CertStatus::Started, false),
            [
                Answers { theme },
                Preview { theme },
                Pause { theme },
                Stop { theme }
            ]
        );
        assert_eq!(
            mentor_actions(theme, CertStatus::Paused, false),
            [
                Answers { theme },
                Preview { theme },
                Resume { theme },
                Stop { theme }
            ]
        );
        assert_eq!(
            mentor_actions(theme, CertStatus::Certified, false),
            [Answers { theme }, Preview { theme }, Start { theme }]
        );
        assert!(mentor_actions(theme, CertStatus::Started, true).is_empty());
        assert!(mentor_actions(theme, CertStatus::Revoked, false).is_empty());
    }

    #[test]
    fn a_mentor_with_many_themes_sees_ten_and_a_count() {
        let themes: Vec<MentorTheme> = (0..13)
            .map(|id| MentorTheme {
                theme: crate::domain::Theme {
                    id,
                    name: format!("theme {id}"),
                    category: crate::domain::Category::Work,
                    description: String::new(),
                    archived: id == 0,
                },
                status: CertStatus::Started,
                questions: Vec::new(),
            })
            .collect();
        let home = MentorHome::decide(themes, Hours::default(), false);
        assert_eq!(home.themes.len(), HOME_THEMES_SHOWN);
        assert_eq!(home.more_themes, 3);
        assert!(home.themes[0].actions.is_empty(), "archived");
        assert_eq!(home.themes[1].actions.len(), 4);
    }
}
