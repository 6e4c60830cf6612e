//! The pure decisions of a 1on1 change: the status a request starts in, when it expires, and
//! which DMs, reminders, calendar files and redraws the change owes whom (as plain data that
//! the use case writes to the outbox in the change's transaction).

use chrono::{DateTime, Duration, Utc};

use super::{reminder_times, BookingStatus};
use crate::domain::{HomeCause, Notice, OneOnOne, OutboxKey, OutboxKeyPrefix, UserId};

/// What happened to a 1on1 (`after` in [`effects`] is the 1on1 as the change left it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// A mentee asked; `after.status` is `Confirmed` when the mentor's auto-accept took it.
    Requested,
    /// The mentor accepted the request.
    Accepted,
    /// The mentor declined, perhaps with a message for the mentee.
    Declined { message: Option<String> },
    /// `by` cancelled it; `was` is the status before (only a confirmed 1on1 had invites).
    Cancelled { by: UserId, was: BookingStatus },
    /// `by` moved it from `from` to `after.start`.
    Moved { by: UserId, from: DateTime<Utc> },
    /// Nobody answered the request in time.
    Expired,
}

/// What a change owes: rows to withdraw first, then rows to queue, in this order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Effects {
    pub withdraw: Vec<Withdrawal>,
    pub owed: Vec<Owed>,
}

/// Pending outbox rows no longer worth sending.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Withdrawal {
    Key(OutboxKey),
    Prefix(OutboxKeyPrefix),
}

/// One outbox row a change owes someone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Owed {
    pub key: OutboxKey,
    pub to: UserId,
    pub what: Owing,
    pub due_at: DateTime<Utc>,
    /// Not worth sending after this (a reminder once the 1on1 has started).
    pub expires_at: Option<DateTime<Utc>>,
}

// A handful per change, written at once: boxing the notice would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Owing {
    /// A DM (reminders and calendar files are references, resolved when due).
    Dm(Notice),
    /// Redraw the person's DMs about the 1on1 whose buttons no longer apply.
    Redraw { one_on_one_id: i64 },
    /// Publish the person's Home again (it lists their 1on1s).
    Home,
}

/// The status a new request starts in and when it expires: confirmed at once under
/// auto-accept (no expiry), otherwise requested until `ttl` from now or its start if sooner.
pub fn decide_request(
    auto_accept: bool,
    start: DateTime<Utc>,
    ttl: Duration,
    now: DateTime<Utc>,
) -> (BookingStatus, Option<DateTime<Utc>>) {
    if auto_accept {
        (BookingStatus::Confirmed, None)
    } else {
        (BookingStatus::Requested, Some((now + ttl).min(start)))
    }
}

/// Whether a request can no longer be accepted: past its expiry or its start (the expiry job
/// runs every minute, or not at all while the bot is down).
pub fn request_lapsed(one: &OneOnOne, now: DateTime<Utc>) -> bool {
    one.status == BookingStatus::Requested
        && (one.expires_at.is_some_and(|at| at <= now) || one.start <= now)
}

/// Everything `change` owes, given the 1on1 as it left it, its theme's name and the reminder
/// leads. A key per person, 1on1 and sequence (or state) makes a retried change owe nothing
/// twice. Both people's Homes list the 1on1, so both are refreshed, last.
pub fn effects(
    change: &Change,
    after: &OneOnOne,
    theme: &str,
    leads: &[Duration],
    now: DateTime<Utc>,
) -> Effects {
    let mut fx = change_effects(change, after, theme, leads, now);
    for user in [&after.mentor, &after.mentee] {
        fx.owed.push(Owed {
            key: OutboxKey::Home {
                user: user.clone(),
                cause: HomeCause::OneOnOne {
                    id: after.id,
                    sequence: after.sequence,
                    status: after.status,
                },
            },
            to: user.clone(),
            what: Owing::Home,
            due_at: now,
            // A Home nobody is looking at any more is not worth publishing hours late.
            expires_at: Some(now + Duration::hours(1)),
        });
    }
    fx
}

fn change_effects(
    change: &Change,
    after: &OneOnOne,
    theme: &str,
    leads: &[Duration],
    now: DateTime<Utc>,
) -> Effects {
    let mut fx = Effects::default();
    let id = after.id;
    let booking = after.booking_info(theme);
    match change {
        Change::Requested if after.status == BookingStatus::Confirmed => {
            confirm(&mut fx, after, &booking, true, leads, now);
            return fx;
        }
        Change::Requested => {
            let notice = Notice::RequestReceived { booking };
            fx.dm(
                OutboxKey::Request { one_on_one: id },
                &after.mentor,
                notice,
                now,
            );
            return fx;
        }
        Change::Accepted => confirm(&mut fx, after, &booking, false, leads, now),
        Change::Declined { message } => {
            withdraw_todo_reminders(&mut fx, id);
            let notice = Notice::Declined {
                booking,
                message: message.clone(),
            };
            fx.dm(
                OutboxKey::Declined { one_on_one: id },
                &after.mentee,
                notice,
                now,
            );
        }
        Change::Cancelled { by, was } => {
            fx.withdraw
                .push(Withdrawal::Prefix(OutboxKeyPrefix::Reminders {
                    one_on_one: id,
                }));
            withdraw_after_dms(&mut fx, id);
            withdraw_todo_reminders(&mut fx, id);
            fx.withdraw
                .push(Withdrawal::Key(OutboxKey::Request { one_on_one: id }));
            let notice = Notice::Cancelled {
                booking,
                by: by.clone(),
            };
            let key = OutboxKey::Cancelled { one_on_one: id };
            fx.dm(key, after.other_than(by), notice, now);
            if *was == BookingStatus::Confirmed {
                // The cancellation bumped the sequence: the files replace the confirmed ones.
                invites(&mut fx, after, true, now);
            }
        }
        Change::Moved { by, from } => {
            fx.withdraw
                .push(Withdrawal::Prefix(OutboxKeyPrefix::Reminders {
                    one_on_one: id,
                }));
            withdraw_after_dms(&mut fx, id);
            let notice = Notice::Moved {
                booking,
                from: *from,
                by: by.clone(),
            };
            let key = OutboxKey::Moved {
                one_on_one: id,
                sequence: after.sequence,
            };
            fx.dm(key, after.other_than(by), notice, now);
            if after.status == BookingStatus::Confirmed {
                reminders(&mut fx, after, leads, now);
                invites(&mut fx, after, false, now);
                fx.owed.extend(crate::domain::after::after_dms(after));
            }
        }
        Change::Expired => {
            withdraw_todo_reminders(&mut fx, id);
            for user in [&after.mentor, &after.mentee] {
                let notice = Notice::Expired {
                    booking: booking.clone(),
                };
                let key = OutboxKey::Expired {
                    one_on_one: id,
                    user: user.clone(),
                };
                fx.dm(key, user, notice, now);
            }
        }
    }
    // Both people's DMs whose buttons no longer apply show the outcome instead.
    for user in [&after.mentor, &after.mentee] {
        fx.owed.push(Owed {
            key: OutboxKey::Redraw {
                one_on_one: id,
                sequence: after.sequence,
                status: after.status,
                user: user.clone(),
            },
            to: user.clone(),
            what: Owing::Redraw { one_on_one_id: id },
            due_at: now,
            expires_at: None,
        });
    }
    fx
}

impl Effects {
    fn dm(&mut self, key: OutboxKey, to: &UserId, notice: Notice, now: DateTime<Utc>) {
        self.owed.push(Owed {
            key,
            to: to.clone(),
            what: Owing::Dm(notice),
            due_at: now,
            expires_at: None,
        });
    }
}

/// A confirmed 1on1: confirmations and calendar files to both, and reminders.
fn confirm(
    fx: &mut Effects,
    one: &OneOnOne,
    booking: &crate::domain::BookingInfo,
    auto: bool,
    leads: &[Duration],
    now: DateTime<Utc>,
) {
    for user in [&one.mentor, &one.mentee] {
        let key = OutboxKey::Confirmed {
            one_on_one: one.id,
            sequence: one.sequence,
            user: user.clone(),
        };
        let notice = Notice::Confirmed {
            booking: booking.clone(),
            auto,
        };
        fx.dm(key, user, notice, now);
    }
    invites(fx, one, false, now);
    reminders(fx, one, leads, now);
    fx.owed.extend(crate::domain::after::after_dms(one));
}

/// A cancelled or moved 1on1's after-1on1 questions (and reminders) are withdrawn; a move
/// queues them again for the new end.
fn withdraw_after_dms(fx: &mut Effects, id: i64) {
    fx.withdraw
        .push(Withdrawal::Prefix(OutboxKeyPrefix::AfterPrompts {
            one_on_one: id,
        }));
    fx.withdraw
        .push(Withdrawal::Prefix(OutboxKeyPrefix::AfterReminders {
            one_on_one: id,
        }));
}

/// A TODO of a 1on1 that will not take place is not reminded (it stays listed where its
/// memo can still be opened).
fn withdraw_todo_reminders(fx: &mut Effects, id: i64) {
    fx.withdraw
        .push(Withdrawal::Prefix(OutboxKeyPrefix::TodosDue {
            one_on_one: id,
        }));
}

fn invites(fx: &mut Effects, one: &OneOnOne, cancel: bool, now: DateTime<Utc>) {
    for user in [&one.mentor, &one.mentee] {
        let key = OutboxKey::Invite {
            one_on_one: one.id,
            sequence: one.sequence,
            user: user.clone(),
        };
        let notice = Notice::Invite {
            one_on_one_id: one.id,
            sequence: one.sequence,
            cancel,
        };
        fx.dm(key, user, notice, now);
    }
}

/// Reminders for both, each due `lead` before the start; one due while the bot was down is
/// still sent on restart if the 1on1 has not started.
fn reminders(fx: &mut Effects, one: &OneOnOne, leads: &[Duration], now: DateTime<Utc>) {
    for (lead, due) in reminder_times(one.start, leads, now) {
        for (user, for_mentor) in [(&one.mentor, true), (&one.mentee, false)] {
            fx.owed.push(Owed {
                key: OutboxKey::Reminder {
                    one_on_one: one.id,
                    sequence: one.sequence,
                    user: user.clone(),
                    lead_minutes: lead.num_minutes(),
                },
                to: user.clone(),
                what: Owing::Dm(Notice::Reminder {
                    one_on_one_id: one.id,
                    sequence: one.sequence,
                    for_mentor,
                }),
                due_at: due,
                expires_at: Some(one.start),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 20, 0, 0, 0).unwrap()
    }

    fn user(id: &str) -> UserId {
        UserId::parse(id).unwrap()
    }

    /// 1on1 7 between mentor UJA and mentee UEN, four days from now.
    fn one(status: BookingStatus, sequence: i64) -> OneOnOne {
        let start = now() + Duration::days(4);
        OneOnOne {
            id: 7,
            mentor: user("UJA"),
            mentee: user("UEN"),
            theme_id: 1,
            start,
            end: start + Duration::minutes(30),
            status,
            topic_key: "career".into(),
            topic_other: None,
            response: "listen".into(),
            note: String::new(),
            sequence,
            expires_at: None,
            decline_message: None,
        }
    }

    fn leads() -> Vec<Duration> {
        vec![Duration::days(1), Duration::minutes(10)]
    }

    /// The keys of the rows a change owes besides the two Home refreshes every change ends
    /// with (see `every_change_ends_by_refreshing_both_peoples_homes`).
    fn keys(fx: &Effects) -> Vec<String> {
        fx.owed
            .iter()
            .filter(|o| o.what != Owing::Home)
            .map(|o| o.key.to_string())
            .collect()
    }

    #[test]
    fn every_change_ends_by_refreshing_both_peoples_homes() {
        let cases = [
            (Change::Requested, BookingStatus::Requested, 0),
            (Change::Requested, BookingStatus::Confirmed, 0),
            (Change::Accepted, BookingStatus::Confirmed, 0),
            (
                Change::Declined { message: None },
                BookingStatus::Declined,
                0,
            ),
            (
                Change::Cancelled {
                    by: user("UJA"),
                    was: BookingStatus::Confirmed,
                },
                BookingStatus::Cancelled,
                1,
            ),
            (
                Change::Moved {
                    by: user("UJA"),
                    from: now(),
                },
                BookingStatus::Confirmed,
                1,
            ),
            (Change::Expired, BookingStatus::Expired, 0),
        ];
        for (change, status, sequence) in cases {
            let fx = effects(&change, &one(status, sequence), "Go", &leads(), now());
            let homes: Vec<String> = fx.owed[fx.owed.len() - 2..]
                .iter()
                .map(|o| {
                    assert_eq!(o.what, Owing::Home, "{change:?}");
                    assert_eq!(o.expires_at, Some(now() + Duration::hours(1)));
                    o.key.to_string()
                })
                .collect();
            let status = status.as_str();
            assert_eq!(
                homes,
                [
                    format!("home:UJA:1on1:7:{sequence}:{status}"),
                    format!("home:UEN:1on1:7:{sequence}:{status}")
                ],
                "{change:?}"
            );
        }
    }

    #[test]
    fn a_request_is_confirmed_at_once_under_auto_accept_and_otherwise_expires() {
        let start = now() + Duration::hours(10);
        let ttl = Duration::hours(48);
        assert_eq!(
            decide_request(true, start, ttl, now()),
            (BookingStatus::Confirmed, None)
        );
        assert_eq!(
            decide_request(false, start, ttl, now()),
            (BookingStatus::Requested, Some(start)),
            "a request expires at its start when that comes before the ttl"
        );
        let later = now() + Duration::days(5);
        assert_eq!(
            decide_request(false, later, ttl, now()),
            (BookingStatus::Requested, Some(now() + ttl))
        );
    }

    #[test]
    fn a_request_past_its_expiry_or_start_has_lapsed() {
        let mut request = one(BookingStatus::Requested, 0);
        request.expires_at = Some(now() + Duration::hours(1));
        assert!(!request_lapsed(&request, now()));
        assert!(request_lapsed(&request, now() + Duration::hours(1)));
        request.expires_at = None;
        assert!(request_lapsed(&request, request.start));
        assert!(!request_lapsed(
            &one(BookingStatus::Confirmed, 0),
            now() + Duration::days(9)
        ));
    }

    #[test]
    fn a_request_asks_only_the_mentor() {
        let fx = effects(
            &Change::Requested,
            &one(BookingStatus::Requested, 0),
            "Go",
            &leads(),
            now(),
        );
        assert!(fx.withdraw.is_empty());
        assert_eq!(keys(&fx), ["request:7"]);
        assert_eq!(fx.owed[0].to, user("UJA"));
        assert!(matches!(
            &fx.owed[0].what,
            Owing::Dm(Notice::RequestReceived { booking }) if booking.theme == "Go" && booking.id == 7
        ));
    }

    #[test]
    fn an_auto_accepted_request_confirms_both_sends_files_and_reminders_but_redraws_nothing() {
        let after = one(BookingStatus::Confirmed, 0);
        let fx = effects(&Change::Requested, &after, "Go", &leads(), now());
        assert_eq!(
            keys(&fx),
            [
                "confirmed:7:0:UJA",
                "confirmed:7:0:UEN",
                "invite:7:0:UJA",
                "invite:7:0:UEN",
                "reminder:7:0:UJA:1440",
                "reminder:7:0:UEN:1440",
                "reminder:7:0:UJA:10",
                "reminder:7:0:UEN:10",
                "after:7:0:UEN",
                "after-reminder:7:0:UEN",
                "after:7:0:UJA",
                "after-reminder:7:0:UJA",
            ]
        );
        assert!(matches!(
            fx.owed[0].what,
            Owing::Dm(Notice::Confirmed { auto: true, .. })
        ));
        let reminder = &fx.owed[4];
        assert_eq!(reminder.due_at, after.start - Duration::days(1));
        assert_eq!(reminder.expires_at, Some(after.start));
        assert_eq!(
            reminder.what,
            Owing::Dm(Notice::Reminder {
                one_on_one_id: 7,
                sequence: 0,
                for_mentor: true
            })
        );
    }

    #[test]
    fn an_accept_confirms_and_redraws_both_peoples_dms() {
        let fx = effects(
            &Change::Accepted,
            &one(BookingStatus::Confirmed, 0),
            "Go",
            &leads(),
            now(),
        );
        let keys = keys(&fx);
        assert_eq!(keys.len(), 14);
        assert!(matches!(
            fx.owed[0].what,
            Owing::Dm(Notice::Confirmed { auto: false, .. })
        ));
        assert_eq!(
            keys[12..],
            ["redraw:7:0:confirmed:UJA", "redraw:7:0:confirmed:UEN"]
        );
        assert_eq!(fx.owed[13].what, Owing::Redraw { one_on_one_id: 7 });
    }

    #[test]
    fn a_decline_tells_the_mentee_with_the_message() {
        let change = Change::Declined {
            message: Some("来週なら".into()),
        };
        let fx = effects(
            &change,
            &one(BookingStatus::Declined, 0),
            "Go",
            &leads(),
            now(),
        );
        assert_eq!(
            keys(&fx),
            [
                "declined:7",
                "redraw:7:0:declined:UJA",
                "redraw:7:0:declined:UEN"
            ]
        );
        assert_eq!(fx.owed[0].to, user("UEN"));
        assert!(matches!(
            &fx.owed[0].what,
            Owing::Dm(Notice::Declined { message: Some(m), .. }) if m == "来週なら"
        ));
    }

    #[test]
    fn a_cancel_withdraws_reminders_and_the_request_tells_the_other_and_cancels_the_files() {
        let change = Change::Cancelled {
            by: user("UEN"),
            was: BookingStatus::Confirmed,
        };
        // The cancellation bumped the sequence from 0 to 1.
        let fx = effects(
            &change,
            &one(BookingStatus::Cancelled, 1),
            "Go",
            &leads(),
            now(),
        );
        assert_eq!(
            fx.withdraw,
            [
                Withdrawal::Prefix(OutboxKeyPrefix::Reminders { one_on_one: 7 }),
                Withdrawal::Prefix(OutboxKeyPrefix::AfterPrompts { one_on_one: 7 }),
                Withdrawal::Prefix(OutboxKeyPrefix::AfterReminders { one_on_one: 7 }),
                Withdrawal::Prefix(OutboxKeyPrefix::TodosDue { one_on_one: 7 }),
                Withdrawal::Key(OutboxKey::Request { one_on_one: 7 }),
            ]
        );
        assert_eq!(
            keys(&fx),
            [
                "cancelled:7",
                "invite:7:1:UJA",
                "invite:7:1:UEN",
                "redraw:7:1:cancelled:UJA",
                "redraw:7:1:cancelled:UEN",
            ]
        );
        assert_eq!(fx.owed[0].to, user("UJA"), "the mentor is told");
        assert!(matches!(
            fx.owed[1].what,
            Owing::Dm(Notice::Invite {
                cancel: true,
                sequence: 1,
                ..
            })
        ));

        let request = Change::Cancelled {
            by: user("UJA"),
            was: BookingStatus::Requested,
        };
        let fx = effects(
            &request,
            &one(BookingStatus::Cancelled, 1),
            "Go",
            &leads(),
            now(),
        );
        assert_eq!(
            keys(&fx),
            [
                "cancelled:7",
                "redraw:7:1:cancelled:UJA",
                "redraw:7:1:cancelled:UEN"
            ],
            "a request had no calendar files to cancel"
        );
        assert_eq!(fx.owed[0].to, user("UEN"));
    }

    #[test]
    fn a_move_withdraws_old_reminders_tells_the_other_and_queues_the_new_sequence() {
        let from = now() + Duration::days(2);
        let change = Change::Moved {
            by: user("UJA"),
            from,
        };
        let fx = effects(
            &change,
            &one(BookingStatus::Confirmed, 2),
            "Go",
            &leads(),
            now(),
        );
        assert_eq!(
            fx.withdraw,
            [
                Withdrawal::Prefix(OutboxKeyPrefix::Reminders { one_on_one: 7 }),
                Withdrawal::Prefix(OutboxKeyPrefix::AfterPrompts { one_on_one: 7 }),
                Withdrawal::Prefix(OutboxKeyPrefix::AfterReminders { one_on_one: 7 }),
            ]
        );
        assert_eq!(
            keys(&fx),
            [
                "moved:7:2",
                "reminder:7:2:UJA:1440",
                "reminder:7:2:UEN:1440",
                "reminder:7:2:UJA:10",
                "reminder:7:2:UEN:10",
                "invite:7:2:UJA",
                "invite:7:2:UEN",
                "after:7:2:UEN",
                "after-reminder:7:2:UEN",
                "after:7:2:UJA",
                "after-reminder:7:2:UJA",
                "redraw:7:2:confirmed:UJA",
                "redraw:7:2:confirmed:UEN",
            ]
        );
        assert_eq!(fx.owed[0].to, user("UEN"));
        assert!(matches!(
            &fx.owed[0].what,
            Owing::Dm(Notice::Moved { from: f, by, .. }) if *f == from && *by == user("UJA")
        ));

        let moved_request = effects(
            &change,
            &one(BookingStatus::Requested, 1),
            "Go",
            &leads(),
            now(),
        );
        assert_eq!(
            keys(&moved_request),
            [
                "moved:7:1",
                "redraw:7:1:requested:UJA",
                "redraw:7:1:requested:UEN"
            ]
        );
    }

    #[test]
    fn an_expiry_tells_both() {
        let fx = effects(
            &Change::Expired,
            &one(BookingStatus::Expired, 0),
            "Go",
            &leads(),
            now(),
        );
        assert_eq!(
            keys(&fx),
            [
                "expired:7:UJA",
                "expired:7:UEN",
                "redraw:7:0:expired:UJA",
                "redraw:7:0:expired:UEN",
            ]
        );
    }
}
