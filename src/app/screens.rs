//! What each screen shows, decided here and drawn by the platform adapter.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;

use super::actions::{BookingAction, MentorAction};
use super::mentor::MentorTheme;
use super::ports::Outgoing;
use super::App;
use crate::domain::availability::{Hours, Slot};
use crate::domain::booking::BookingStatus;
use crate::domain::OneOnOne;
use crate::domain::{CertStatus, MentorCounts, Notice, Reader, Roles, UserId};
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
    /// For mentors: their themes and hours.
    pub mentor: Option<MentorHome>,
    /// Everyone: the requests they must answer and their 1on1s that have not ended.
    pub one_on_ones: OneOnOnesHome,
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
}

/// The buttons a DM about a 1on1 offers: the mentor's request gets Accept / Decline; a
/// confirmation, a move and a reminder get Reschedule / Cancel; the others none (their 1on1
/// has ended, or they only tell).
pub fn dm_actions(message: &Outgoing) -> Vec<BookingAction> {
    let change = |one_on_one: i64| {
        vec![
            BookingAction::Reschedule { one_on_one },
            BookingAction::Cancel { one_on_one },
        ]
    };
    match message {
        Outgoing::Notice(Notice::RequestReceived { booking }) => vec![
            BookingAction::Accept {
                one_on_one: booking.id,
            },
            BookingAction::Decline {
                one_on_one: booking.id,
            },
        ],
        Outgoing::Notice(Notice::Confirmed { booking, .. })
        | Outgoing::Notice(Notice::Moved { booking, .. })
        | Outgoing::Reminder { booking, .. } => change(booking.id),
        Outgoing::Notice(_) | Outgoing::Invite { .. } | Outgoing::Closed { .. } => Vec::new(),
    }
}

/// How many days, and times of a day, a slot picker offers at most (a select's limit).
pub const PICKER_DAYS: usize = 100;
pub const PICKER_TIMES: usize = 100;

/// Choosing a free slot in two steps, so every slot of a mentor's horizon is reachable: the
/// reader's local days that have a free time, then the times of the chosen day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlotPicker {
    /// Local days in the reader's zone with a free time, soonest first.
    pub days: Vec<NaiveDate>,
    /// The day whose times are shown: the one asked for if it has free times, else the first.
    pub day: Option<NaiveDate>,
    /// That day's free times.
    pub times: Vec<Slot>,
    /// Changes on every redraw, so a channel can rename its time input and drop a choice the
    /// picker no longer offers (a time just taken, another day's time).
    pub version: u32,
}

impl SlotPicker {
    pub fn decide(slots: &[Slot], tz: Tz, day: Option<NaiveDate>, version: u32) -> Self {
        let local_day = |s: &Slot| s.start.with_timezone(&tz).date_naive();
        let mut days: Vec<NaiveDate> = Vec::new();
        for slot in slots {
            let d = local_day(slot);
            if days.last() != Some(&d) {
                days.push(d);
            }
        }
        days.truncate(PICKER_DAYS);
        let day = day
            .filter(|d| days.contains(d))
            .or_else(|| days.first().copied());
        let times = slots
            .iter()
            .filter(|s| Some(local_day(s)) == day)
            .take(PICKER_TIMES)
            .copied()
            .collect();
        Self {
            days,
            day,
            times,
            version,
        }
    }
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
        let mentor = match roles.mentor {
            true => {
                let themes = self.mentor_themes(user).await?;
                let (hours, hours_saved) = self.hours(user).await?;
                Some(MentorHome::decide(themes, hours, hours_saved))
            }
            false => None,
        };
        let one_on_ones = OneOnOnesHome::decide(user, self.upcoming(user, now).await?, now);
        Ok(HomeScreen {
            reader,
            roles,
            updated_at: now,
            admin,
            mentor,
            one_on_ones,
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
    fn the_slot_picker_reaches_every_day_in_the_readers_zone_across_a_dst_change() {
        // Daily 09:00 and 09:30 New York slots for three weeks across the spring-forward of
        // 8 March 2026, read in Tokyo: each New York morning is a Tokyo evening or night.
        let ny = chrono_tz::America::New_York;
        let slots: Vec<Slot> = (0..21)
            .flat_map(|d| {
                let date = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap() + Duration::days(d);
                [(9, 0), (9, 30)].map(move |(h, m)| {
                    let start = date
                        .and_hms_opt(h, m, 0)
                        .unwrap()
                        .and_local_timezone(ny)
                        .unwrap()
                        .with_timezone(&Utc);
                    Slot {
                        start,
                        end: start + Duration::minutes(30),
                    }
                })
            })
            .collect();
        let tokyo = chrono_tz::Asia::Tokyo;
        let picker = SlotPicker::decide(&slots, tokyo, None, 0);
        assert_eq!(picker.days.len(), 21);
        assert_eq!(picker.day, Some(picker.days[0]));
        assert_eq!(picker.times, slots[..2]);

        let last = *picker.days.last().unwrap();
        let picker = SlotPicker::decide(&slots, tokyo, Some(last), 3);
        assert_eq!(picker.times, slots[40..], "the last day's two times");
        assert_eq!(picker.version, 3);
        // 09:00 New York is 23:00 in Tokyo before the change and 22:00 after it.
        let tokyo_time = |s: &Slot| s.start.with_timezone(&tokyo).format("%H:%M").to_string();
        assert_eq!(tokyo_time(&slots[0]), "23:00");
        assert_eq!(tokyo_time(&slots[40]), "22:00");

        // A day with no free time (or none asked for) falls back to the first day.
        let nowhere = NaiveDate::from_ymd_opt(2027, 1, 1).unwrap();
        assert_eq!(
            SlotPicker::decide(&slots, tokyo, Some(nowhere), 0).day,
            Some(picker.days[0])
        );
        assert!(SlotPicker::decide(&[], tokyo, None, 0).days.is_empty());
    }

    #[test]
    fn a_dm_offers_the_buttons_that_apply_to_what_it_says() {
        use crate::domain::booking::Topic;
        let booking = crate::domain::BookingInfo {
            id: 9,
            mentor: uid("UM"),
            mentee: uid("UE"),
            theme: "T".into(),
            start: at(5),
            end: at(6),
            topic: Topic::Default {
                key: "career".into(),
            },
            response: "listen".into(),
            note: String::new(),
        };
        let request = Outgoing::Notice(Notice::RequestReceived {
            booking: booking.clone(),
        });
        assert_eq!(
            dm_actions(&request),
            [
                BookingAction::Accept { one_on_one: 9 },
                BookingAction::Decline { one_on_one: 9 }
            ]
        );
        let change = [
            BookingAction::Reschedule { one_on_one: 9 },
            BookingAction::Cancel { one_on_one: 9 },
        ];
        let confirmed = Outgoing::Notice(Notice::Confirmed {
            booking: booking.clone(),
            auto: false,
        });
        assert_eq!(dm_actions(&confirmed), change);
        let reminder = Outgoing::Reminder {
            booking: booking.clone(),
            brief: None,
        };
        assert_eq!(dm_actions(&reminder), change);
        for told in [
            Notice::Declined {
                booking: booking.clone(),
                message: None,
            },
            Notice::Expired {
                booking: booking.clone(),
            },
            Notice::Cancelled {
                booking: booking.clone(),
                by: uid("UE"),
            },
        ] {
            assert!(dm_actions(&Outgoing::Notice(told)).is_empty());
        }
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
