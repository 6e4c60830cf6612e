//! What the DMs of series and nudges say and offer, what the mentee sees once a series is
//! sent, and the nudge switch on the Home: decided once for every channel.

use crate::app::actions::{Action, BookingAction, NudgeAction, SeriesAction};
use crate::app::errors::{Message, MessageArg};
use crate::app::series::SeriesSent;
use crate::domain::booking::{BookingStatus, Topic};
use crate::domain::followup::{FollowupNotice, Occurrence};
use crate::domain::UserId;

/// A DM about a series or a nudge: a fallback for notifications, its paragraphs, a list
/// (the occurrences) and its buttons.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowupDm {
    pub lines: Vec<Message>,
    pub list: Vec<Message>,
    pub actions: Vec<Action>,
}

impl FollowupDm {
    /// The DM `notice` is for `reader`.
    pub fn decide(notice: &FollowupNotice, reader: &UserId) -> Self {
        let user = |u: &UserId| MessageArg::User(u.clone());
        let dm = |lines: Vec<Message>, list: Vec<Message>, actions: Vec<Action>| Self {
            lines,
            list,
            actions,
        };
        match notice {
            FollowupNotice::SeriesRequested {
                series_id,
                mentee,
                theme,
                every_weeks,
                topic,
                response,
                occurrences,
                left_out,
            } => {
                let head = Message::new("dm-series-request")
                    .with("mentee", user(mentee))
                    .number("count", occurrences.len())
                    .number("weeks", *every_weeks as usize)
                    .text("theme", theme);
                let series = *series_id;
                dm(
                    vec![head, topic_line(topic, response)],
                    occurrence_list(occurrences, left_out),
                    vec![
                        Action::Series(SeriesAction::Accept { series }),
                        Action::Series(SeriesAction::Decline { series }),
                    ],
                )
            }
            FollowupNotice::SeriesAccepted {
                mentor,
                mentee,
                auto,
                theme,
                occurrences,
                ..
            } => {
                let head = match (*auto, reader == mentor) {
                    (true, true) => {
                        Message::new("dm-series-booked-mentor").with("mentee", user(mentee))
                    }
                    (true, false) => {
                        Message::new("dm-series-booked-auto").with("mentor", user(mentor))
                    }
                    (false, _) => Message::new("dm-series-accepted").with("mentor", user(mentor)),
                };
                let head = head.number("count", occurrences.len()).text("theme", theme);
                let hint = Message::new("dm-series-each");
                dm(
                    vec![head, hint],
                    occurrence_list(occurrences, &[]),
                    Vec::new(),
                )
            }
            FollowupNotice::SeriesExpired {
                mentor,
                mentee,
                theme,
                ..
            } => dm(
                vec![Message::new("dm-series-expired")
                    .with("mentor", user(mentor))
                    .with("mentee", user(mentee))
                    .text("theme", theme)],
                Vec::new(),
                Vec::new(),
            ),
            FollowupNotice::SeriesDeclined { mentor, theme, .. } => dm(
                vec![Message::new("dm-series-declined")
                    .with("mentor", user(mentor))
                    .text("theme", theme)],
                Vec::new(),
                Vec::new(),
            ),
            FollowupNotice::Rebook {
                one_on_one_id,
                mentor,
                theme_id: _,
                theme,
                weeks,
                last,
            } => dm(
                vec![
                    Message::new("dm-nudge-rebook")
                        .number("weeks", *weeks as usize)
                        .with("mentor", user(mentor))
                        .text("theme", theme)
                        .with("last", MessageArg::Time(*last)),
                    Message::new("dm-nudge-off-hint"),
                ],
                Vec::new(),
                vec![
                    Action::Booking(BookingAction::BookNext {
                        one_on_one: *one_on_one_id,
                    }),
                    Action::Nudge(NudgeAction::Off),
                ],
            ),
            FollowupNotice::PendingRequest {
                one_on_one_id,
                series_id,
                mentee,
                theme,
                start,
            } => {
                let one_on_one = *one_on_one_id;
                let mut actions = match series_id {
                    Some(series) => vec![
                        Action::Series(SeriesAction::Accept { series: *series }),
                        Action::Series(SeriesAction::Decline { series: *series }),
                    ],
                    None => vec![
                        Action::Booking(BookingAction::Accept { one_on_one }),
                        Action::Booking(BookingAction::Decline { one_on_one }),
                    ],
                };
                actions.push(Action::Nudge(NudgeAction::Off));
                let key = match series_id {
                    Some(_) => "dm-nudge-pending-series",
                    None => "dm-nudge-pending",
                };
                dm(
                    vec![
                        Message::new(key)
                            .with("mentee", user(mentee))
                            .text("theme", theme)
                            .with("time", MessageArg::Time(*start)),
                        Message::new("dm-nudge-off-hint"),
                    ],
                    Vec::new(),
                    actions,
                )
            }
        }
    }
}

/// What the mentee reads once their series is sent: what happens next, then every occurrence
/// (a moved one says when it was wanted) and the ones left out.
pub fn series_sent(sent: &SeriesSent) -> (Message, Vec<Message>) {
    let key = match sent.status {
        BookingStatus::Confirmed => "series-sent-confirmed",
        _ => "series-sent",
    };
    let head = Message::new(key)
        .with("mentor", MessageArg::User(sent.mentor.clone()))
        .number("count", sent.occurrences.len());
    (head, occurrence_list(&sent.occurrences, &sent.left_out))
}

fn topic_line(topic: &Topic, response: &str) -> Message {
    let topic = match topic {
        Topic::Default { key } => MessageArg::Key(format!("topic-{key}")),
        Topic::Custom { name, .. } => MessageArg::Text(name.clone()),
        Topic::Other { text } => MessageArg::Text(text.clone()),
    };
    Message::new("dm-series-topic")
        .with("topic", topic)
        .with("response", MessageArg::Key(format!("response-{response}")))
}

/// One line per occurrence, in time order, then one per occurrence left out.
fn occurrence_list(
    occurrences: &[Occurrence],
    left_out: &[chrono::DateTime<chrono::Utc>],
) -> Vec<Message> {
    let mut list: Vec<Message> = occurrences
        .iter()
        .map(|o| match o.wanted {
            Some(wanted) => Message::new("series-occurrence-moved")
                .with("time", MessageArg::Time(o.start))
                .with("wanted", MessageArg::Time(wanted)),
            None => Message::new("series-occurrence").with("time", MessageArg::Time(o.start)),
        })
        .collect();
    list.extend(
        left_out
            .iter()
            .map(|t| Message::new("series-left-out").with("wanted", MessageArg::Time(*t))),
    );
    list
}

/// The nudge switch on someone's Home: whether nudges are on, and the button that flips it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NudgesHome {
    pub on: bool,
    pub action: NudgeAction,
}

impl NudgesHome {
    pub fn decide(on: bool) -> Self {
        Self {
            on,
            action: if on {
                NudgeAction::Off
            } else {
                NudgeAction::On
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};

    fn uid(id: &str) -> UserId {
        UserId::parse(id).unwrap()
    }

    #[test]
    fn a_series_request_lists_each_occurrence_says_which_moved_and_offers_one_decision() {
        let at = |d| Utc.with_ymd_and_hms(2026, 11, d, 15, 0, 0).unwrap();
        let notice = FollowupNotice::SeriesRequested {
            series_id: 4,
            mentee: uid("UJA"),
            theme: "育休".into(),
            every_weeks: 1,
            topic: Topic::Default {
                key: "career".into(),
            },
            response: "listen".into(),
            occurrences: vec![
                Occurrence {
                    one_on_one_id: 1,
                    start: at(3),
                    wanted: None,
                },
                Occurrence {
                    one_on_one_id: 2,
                    start: at(10),
                    wanted: Some(at(10) + chrono::Duration::hours(1)),
                },
            ],
            left_out: vec![at(17)],
        };
        let dm = FollowupDm::decide(&notice, &uid("UEN"));
        let keys: Vec<_> = dm.list.iter().map(|m| m.key).collect();
        assert_eq!(
            keys,
            [
                "series-occurrence",
                "series-occurrence-moved",
                "series-left-out"
            ]
        );
        assert_eq!(
            dm.actions,
            vec![
                Action::Series(SeriesAction::Accept { series: 4 }),
                Action::Series(SeriesAction::Decline { series: 4 })
            ]
        );
    }

    #[test]
    fn a_rebook_nudge_offers_the_request_form_for_the_same_mentor_and_theme() {
        let notice = FollowupNotice::Rebook {
            one_on_one_id: 41,
            mentor: uid("UEN"),
            theme_id: 7,
            theme: "育休".into(),
            weeks: 4,
            last: Utc.with_ymd_and_hms(2026, 10, 1, 0, 0, 0).unwrap(),
        };
        let dm = FollowupDm::decide(&notice, &uid("UJA"));
        assert_eq!(
            dm.actions[0],
            Action::Booking(BookingAction::BookNext { one_on_one: 41 })
        );
        assert_eq!(dm.actions[1], Action::Nudge(NudgeAction::Off));
        assert_eq!(NudgesHome::decide(false).action, NudgeAction::On);
    }
}
