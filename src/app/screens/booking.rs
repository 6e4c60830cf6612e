//! 1on1 screens: the slot picker of the request and reschedule forms, and the buttons each DM
//! about a 1on1 offers.

use chrono::NaiveDate;
use chrono_tz::Tz;

use crate::app::actions::{BookingAction, MentorAction};
use crate::app::errors::{Message, MessageArg};
use crate::app::ports::Outgoing;
use crate::domain::availability::Slot;
use crate::domain::booking::DmOutcome;
use crate::domain::{BookingInfo, Notice, UserId};

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
        Outgoing::AfterPrompt {
            booking,
            for_mentor: false,
            ..
        } => vec![
            BookingAction::Rate {
                one_on_one: booking.id,
            },
            BookingAction::BookNext {
                one_on_one: booking.id,
            },
        ],
        Outgoing::AfterPrompt {
            booking,
            for_mentor: true,
            ..
        } => vec![
            BookingAction::MarkHeld {
                one_on_one: booking.id,
                held: true,
            },
            BookingAction::MarkHeld {
                one_on_one: booking.id,
                held: false,
            },
        ],
        Outgoing::Notice(_)
        | Outgoing::File { .. }
        | Outgoing::Invite { .. }
        | Outgoing::Closed { .. }
        | Outgoing::Summary { .. }
        | Outgoing::OfferAnswered { .. } => Vec::new(),
    }
}

/// A DM about a 1on1 as every channel shows it: what happened first, an optional second line,
/// the 1on1 it is about (as it was when the DM was queued, or as it is now for a reminder or a
/// redrawn DM), a brief's latest shared-memo entries, and its buttons.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookingDm {
    pub head: Message,
    pub extra: Option<Message>,
    pub booking: BookingInfo,
    /// For the mentor's brief: the latest shared-memo entries, (author, text).
    pub memo: Vec<(UserId, String)>,
    pub actions: Vec<BookingAction>,
    /// The memo of the 1on1 (on the confirmation, a move and the reminder).
    pub memo_actions: Vec<crate::app::actions::MemoAction>,
    /// For the mentor's brief: other mentors' tips for this topic x response, (the author
    /// when they signed, text).
    pub tips: Vec<(Option<UserId>, String)>,
}

impl BookingDm {
    /// The DM `message` is, for `reader`; `None` for DMs that are not about a 1on1 (and for
    /// calendar files, which are shared as files).
    pub fn decide(message: &Outgoing, reader: &UserId) -> Option<Self> {
        let user = |u: &UserId| MessageArg::User(u.clone());
        let (head, extra, booking) = match message {
            Outgoing::Notice(notice) => match notice {
                Notice::RequestReceived { booking } => (
                    Message::new("dm-request").with("mentee", user(&booking.mentee)),
                    None,
                    booking,
                ),
                Notice::Confirmed { booking, auto } => {
                    let key = if *auto {
                        "dm-confirmed-auto"
                    } else {
                        "dm-confirmed"
                    };
                    let other = other_party(booking, reader);
                    (Message::new(key).with("other", user(other)), None, booking)
                }
                Notice::Declined { booking, message } => (
                    Message::new("dm-declined").with("mentor", user(&booking.mentor)),
                    message
                        .as_ref()
                        .map(|m| Message::new("dm-declined-message").text("message", m)),
                    booking,
                ),
                Notice::Expired { booking } => (
                    Message::new("dm-expired")
                        .with("mentor", user(&booking.mentor))
                        .with("mentee", user(&booking.mentee)),
                    None,
                    booking,
                ),
                Notice::Cancelled { booking, by } => (
                    Message::new("dm-cancelled").with("by", user(by)),
                    None,
                    booking,
                ),
                Notice::Moved { booking, from, by } => (
                    Message::new("dm-moved")
                        .with("by", user(by))
                        .with("from", MessageArg::Time(*from)),
                    None,
                    booking,
                ),
                _ => return None,
            },
            Outgoing::Reminder { booking, brief } => {
                let time = MessageArg::Time(booking.start);
                let head = match brief {
                    Some(b) => Message::new("dm-brief")
                        .with("mentee", user(&booking.mentee))
                        .with("time", time)
                        .with("sessions", MessageArg::Number(b.sessions)),
                    None => Message::new("dm-reminder")
                        .with("other", user(other_party(booking, reader)))
                        .with("time", time),
                };
                (head, None, booking)
            }
            Outgoing::Closed { booking, outcome } => {
                let head = match outcome {
                    DmOutcome::Accepted => Message::new("dm-closed-accepted"),
                    DmOutcome::Declined => Message::new("dm-closed-declined"),
                    DmOutcome::Expired => Message::new("dm-closed-expired"),
                    DmOutcome::Cancelled => Message::new("dm-closed-cancelled"),
                    DmOutcome::Moved => Message::new("dm-closed-moved")
                        .with("time", MessageArg::Time(booking.start)),
                };
                (head, None, booking)
            }
            Outgoing::AfterPrompt {
                booking,
                for_mentor,
                reminder,
            } => {
                let key = match (for_mentor, reminder) {
                    (false, false) => "dm-after-mentee",
                    (false, true) => "dm-after-mentee-reminder",
                    (true, false) => "dm-after-mentor",
                    (true, true) => "dm-after-mentor-reminder",
                };
                let head = Message::new(key).with("other", user(other_party(booking, reader)));
                (head, None, booking)
            }
            Outgoing::Summary { booking, .. } => (
                Message::new("dm-summary")
                    .with("mentor", user(&booking.mentor))
                    .with("mentee", user(&booking.mentee)),
                Some(Message::new("dm-summary-why")),
                booking,
            ),
            Outgoing::Invite { .. } | Outgoing::File { .. } | Outgoing::OfferAnswered { .. } => {
                return None
            }
        };
        let memo = match message {
            Outgoing::Reminder {
                brief: Some(brief), ..
            } => brief
                .memo
                .iter()
                .filter_map(|(author, text)| UserId::parse(author).ok().map(|a| (a, text.clone())))
                .collect(),
            Outgoing::Summary { memo, .. } => memo.clone(),
            _ => Vec::new(),
        };
        let tips = match message {
            Outgoing::Reminder {
                brief: Some(brief), ..
            } => brief
                .tips
                .iter()
                .map(|(author, text)| {
                    (
                        author.as_deref().and_then(|a| UserId::parse(a).ok()),
                        text.clone(),
                    )
                })
                .collect(),
            _ => Vec::new(),
        };
        Some(Self {
            tips,
            head,
            extra,
            booking: booking.clone(),
            memo,
            actions: dm_actions(message),
            memo_actions: super::dm_memo_actions(message),
        })
    }
}

/// A DM from the program office (welcome, certification, revocation, a theme archived or
/// restored, questions that need an answer): a short fallback for notifications, its
/// paragraphs, a list under the first one, and its buttons.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfficeDm {
    pub fallback: Message,
    pub lines: Vec<Message>,
    pub list: Vec<String>,
    pub actions: Vec<MentorAction>,
}

impl OfficeDm {
    /// `None` for DMs about a 1on1 (see [`BookingDm`]).
    pub fn decide(notice: &Notice) -> Option<Self> {
        let theme_msg = |key: &'static str, theme: &str| Message::new(key).text("theme", theme);
        let dm = |fallback: Message, lines: Vec<Message>| Self {
            fallback,
            lines,
            list: Vec::new(),
            actions: Vec::new(),
        };
        Some(match notice {
            Notice::Welcome => dm(
                Message::new("welcome-fallback"),
                vec![Message::new("welcome-text")],
            ),
            Notice::Certified {
                theme_id,
                theme,
                questions,
                required,
                started,
            } => {
                let next = if *started {
                    Message::new("certified-started")
                } else if *questions == 0 {
                    Message::new("certified-no-questions")
                } else {
                    Message::new("certified-questions")
                        .number("questions", *questions)
                        .number("required", *required)
                };
                Self {
                    actions: vec![MentorAction::Setup { theme: *theme_id }],
                    ..dm(
                        theme_msg("certified-fallback", theme),
                        vec![theme_msg("certified-text", theme), next],
                    )
                }
            }
            Notice::CertificationRevoked { theme } => dm(
                theme_msg("revoked-fallback", theme),
                vec![theme_msg("revoked-text", theme)],
            ),
            Notice::ThemeArchived { theme, .. } => dm(
                theme_msg("theme-archived-fallback", theme),
                vec![theme_msg("theme-archived-text", theme)],
            ),
            Notice::ThemeRestored { theme, .. } => dm(
                theme_msg("theme-restored-fallback", theme),
                vec![theme_msg("theme-restored-text", theme)],
            ),
            Notice::AnswersNeeded {
                theme_id,
                theme,
                questions,
            } => Self {
                list: questions.clone(),
                actions: vec![MentorAction::Setup { theme: *theme_id }],
                ..dm(
                    theme_msg("answers-needed-fallback", theme),
                    vec![theme_msg("answers-needed-text", theme)],
                )
            },
            Notice::RequestReceived { .. }
            | Notice::Confirmed { .. }
            | Notice::Declined { .. }
            | Notice::Expired { .. }
            | Notice::Cancelled { .. }
            | Notice::Moved { .. }
            | Notice::Reminder { .. }
            | Notice::Invite { .. }
            | Notice::AfterOneOnOne { .. }
            | Notice::Summary { .. }
            | Notice::TodoDue { .. }
            | Notice::Followup(_)
            | Notice::Survey { .. }
            | Notice::SurveyExport { .. }
            | Notice::SurveyExportAnswer { .. } => return None,
        })
    }
}

fn other_party<'a>(booking: &'a BookingInfo, reader: &UserId) -> &'a UserId {
    if *reader == booking.mentor {
        &booking.mentee
    } else {
        &booking.mentor
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::UserId;
    use chrono::{DateTime, Duration, TimeZone, Utc};

    fn uid(id: &str) -> UserId {
        UserId::parse(id).unwrap()
    }

    fn at(hours: i64) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 1, 0, 0, 0).unwrap() + Duration::hours(hours)
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
    fn a_dm_says_what_happened_in_catalog_messages_with_people_and_times_as_arguments() {
        use crate::domain::booking::Topic;
        use crate::domain::Brief;
        let booking = BookingInfo {
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
        let moved = Outgoing::Notice(Notice::Moved {
            booking: booking.clone(),
            from: at(2),
            by: uid("UE"),
        });
        let dm = BookingDm::decide(&moved, &uid("UM")).unwrap();
        assert_eq!(dm.head.key, "dm-moved");
        assert_eq!(
            dm.head.args,
            [
                ("by", MessageArg::User(uid("UE"))),
                ("from", MessageArg::Time(at(2)))
            ]
        );
        assert_eq!(dm.actions.len(), 2, "Reschedule / Cancel");

        // The mentor's brief names the mentee and carries the latest shared memo.
        let brief = Outgoing::Reminder {
            booking: booking.clone(),
            brief: Some(Brief {
                sessions: 2,
                memo: vec![("UE".into(), "復帰後の働き方".into())],
                tips: vec![(None, "ask".into()), (Some("UX".into()), "listen".into())],
            }),
        };
        let dm = BookingDm::decide(&brief, &uid("UM")).unwrap();
        assert_eq!(dm.head.key, "dm-brief");
        assert!(dm.head.args.contains(&("sessions", MessageArg::Number(2))));
        assert_eq!(dm.memo, [(uid("UE"), "復帰後の働き方".to_string())]);
        assert_eq!(
            dm.tips,
            [
                (None, "ask".to_string()),
                (Some(uid("UX")), "listen".to_string())
            ]
        );
        // The mentee's plain reminder names the other person of the pair.
        let reminder = Outgoing::Reminder {
            booking: booking.clone(),
            brief: None,
        };
        let dm = BookingDm::decide(&reminder, &uid("UE")).unwrap();
        assert_eq!(dm.head.key, "dm-reminder");
        assert_eq!(dm.head.args[0], ("other", MessageArg::User(uid("UM"))));

        // A decline carries the mentor's message as a second line; a redrawn DM has no buttons.
        let declined = Outgoing::Notice(Notice::Declined {
            booking: booking.clone(),
            message: Some("来週なら".into()),
        });
        let dm = BookingDm::decide(&declined, &uid("UE")).unwrap();
        assert_eq!(dm.extra.unwrap().key, "dm-declined-message");
        let closed = Outgoing::Closed {
            booking,
            outcome: DmOutcome::Moved,
        };
        let dm = BookingDm::decide(&closed, &uid("UE")).unwrap();
        assert_eq!(dm.head.key, "dm-closed-moved");
        assert!(dm.actions.is_empty());
    }

    #[test]
    fn an_office_dm_names_the_theme_and_offers_set_up_where_there_is_something_to_do() {
        let certified = Notice::Certified {
            theme_id: 3,
            theme: "育休".into(),
            questions: 2,
            required: 1,
            started: false,
        };
        let dm = OfficeDm::decide(&certified).unwrap();
        assert_eq!(
            dm.lines[0],
            Message::new("certified-text").text("theme", "育休")
        );
        assert_eq!(
            dm.lines[1],
            Message::new("certified-questions")
                .number("questions", 2)
                .number("required", 1)
        );
        assert_eq!(dm.actions, [MentorAction::Setup { theme: 3 }]);
        let needed = Notice::AnswersNeeded {
            theme_id: 3,
            theme: "育休".into(),
            questions: vec!["期間".into()],
        };
        let dm = OfficeDm::decide(&needed).unwrap();
        assert_eq!(dm.list, ["期間"]);
        assert_eq!(dm.actions, [MentorAction::Setup { theme: 3 }]);
        let revoked = OfficeDm::decide(&Notice::CertificationRevoked {
            theme: "育休".into(),
        })
        .unwrap();
        assert!(revoked.actions.is_empty());
        assert!(OfficeDm::decide(&Notice::Reminder {
            one_on_one_id: 1,
            sequence: 0,
            for_mentor: true
        })
        .is_none());
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
}
