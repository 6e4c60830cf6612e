//! Calendar invites (.ics) for a 1on1: one UID for its whole life, a SEQUENCE bumped on every
//! reschedule or cancellation, built with the `icalendar` crate.
//!
//! Times are written in UTC (`DTSTART:20261124T013000Z`), which every calendar shows in its
//! reader's own zone. A `TZID` form needs a `VTIMEZONE`, and `icalendar` 0.17 cannot write one:
//! it has no such component, and it gives every component it writes that lacks them a
//! `DTSTAMP:<now>` and a random `UID`, which RFC 5545 forbids inside `VTIMEZONE` (and which would
//! read the clock here). The reader's zone still decides the date in the file name.

use chrono::{DateTime, Timelike, Utc};
use chrono_tz::Tz;
use icalendar::{Calendar, Component, EventLike, EventStatus, Property, Role};

/// One 1on1 as a calendar event, for one reader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invite {
    /// Stable for the 1on1's whole life, e.g. `one-on-one-42@mentor-bot`.
    pub uid: String,
    /// Bumped on every reschedule and on the cancellation.
    pub sequence: u32,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub summary: String,
    /// Topic, expected response, note; several lines are fine.
    pub description: String,
    /// The mentor.
    pub organizer: Attendee,
    /// Mentor and mentee.
    pub attendees: Vec<Attendee>,
    /// `DTSTAMP`: when this version of the invite was made (passed in: no clock here).
    pub stamp: DateTime<Utc>,
    /// The zone of the person the file is for.
    pub tz: Tz,
}

/// A participant: addressed by email when known, otherwise by their Slack id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attendee {
    pub name: String,
    pub email: Option<String>,
    pub slack_id: String,
}

/// The iTIP method: a new or changed 1on1, or its cancellation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Request,
    Cancel,
}

/// The invite as an iCalendar file (CRLF line ends, lines folded at 75 octets).
pub fn invite_ics(invite: &Invite, method: Method) -> String {
    let method_name = match method {
        Method::Request => "REQUEST",
        Method::Cancel => "CANCEL",
    };
    let status = match method {
        Method::Request => EventStatus::Confirmed,
        Method::Cancel => EventStatus::Cancelled,
    };

    let mut event = icalendar::Event::new();
    event
        .uid(&invite.uid)
        .sequence(invite.sequence)
        .timestamp(whole_seconds(invite.stamp))
        .starts(whole_seconds(invite.start))
        .ends(whole_seconds(invite.end))
        .summary(&clean_text(&invite.summary))
        .description(&clean_text(&invite.description))
        .status(status)
        .append_property(
            Property::new("ORGANIZER", address(&invite.organizer))
                .add_parameter("CN", &common_name(&invite.organizer))
                .done(),
        );
    for attendee in &invite.attendees {
        event.attendee(
            icalendar::Attendee::new(address(attendee))
                .cn(common_name(attendee))
                .role(Role::ReqParticipant),
        );
    }

    let mut calendar = Calendar::empty();
    calendar
        .append_property(Property::new("PRODID", PRODID))
        .append_property(Property::new("VERSION", "2.0"))
        .append_property(Property::new("CALSCALE", "GREGORIAN"))
        .append_property(Property::new("METHOD", method_name))
        .push(event);
    refold(&calendar.to_string())
}

/// `1on1-2026-11-24.ics`: the start's date in the reader's zone (ASCII only).
pub fn file_name(invite: &Invite) -> String {
    let date = invite.start.with_timezone(&invite.tz).format("%Y-%m-%d");
    format!("1on1-{date}.ics")
}

const PRODID: &str = "-//mentor-bot//1on1//EN";

/// RFC 5545 §3.1: a content line is at most 75 octets, not counting the CRLF.
const MAX_LINE_OCTETS: usize = 75;

/// iCalendar times have whole seconds; dropping the rest keeps start and end consistent.
fn whole_seconds(at: DateTime<Utc>) -> DateTime<Utc> {
    at.with_nanosecond(0).unwrap_or(at)
}

/// A `mailto:` address, or a URN naming the Slack user (`ATTENDEE` must be a URI).
fn address(person: &Attendee) -> String {
    let email = person.email.as_deref().map(str::trim).unwrap_or_default();
    if email.is_empty() {
        format!("urn:slack:user:{}", strip_controls(person.slack_id.trim()))
    } else {
        format!("mailto:{}", strip_controls(email))
    }
}

/// `CN` is a parameter value: it may not hold a double quote or control characters (the crate
/// quotes it when it holds `:`, `;` or `,`).
fn common_name(person: &Attendee) -> String {
    let name: String = person
        .name
        .chars()
        .map(|c| match c {
            '"' => '\'',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect();
    let name = name.trim();
    if name.is_empty() {
        person.slack_id.clone()
    } else {
        name.to_string()
    }
}

/// TEXT may hold line breaks (the crate writes them as `\n`) but no other control characters;
/// a bare CR would end the content line.
fn clean_text(text: &str) -> String {
    text.replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .filter(|c| !c.is_control() || matches!(c, '\n' | '\t'))
        .collect()
}

fn strip_controls(text: &str) -> String {
    text.chars().filter(|c| !c.is_control()).collect()
}

/// Folds every content line again. The crate folds on character boundaries, but when the rest
/// of a line is exactly 75 octets it writes it after the continuation space: a 76-octet line.
fn refold(ics: &str) -> String {
    let unfolded = icalendar::parser::unfold(ics);
    let mut out = String::with_capacity(unfolded.len() + unfolded.len() / 24);
    for line in unfolded.split_terminator("\r\n") {
        let mut rest = line;
        let mut limit = MAX_LINE_OCTETS;
        while rest.len() > limit {
            let mut cut = limit;
            while !rest.is_char_boundary(cut) {
                cut -= 1;
            }
            out.push_str(&rest[..cut]);
            out.push_str("\r\n ");
            rest = &rest[cut..];
            // The continuation's leading space counts towards its 75 octets.
            limit = MAX_LINE_OCTETS - 1;
        }
        out.push_str(rest);
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone};
    use icalendar::{CalendarDateTime, DatePerhapsTime};

    fn person(name: &str, email: Option<&str>, slack_id: &str) -> Attendee {
        Attendee {
            name: name.to_string(),
            email: email.map(str::to_string),
            slack_id: slack_id.to_string(),
        }
    }

    /// A 1on1 from `start` (UTC) lasting `minutes`, read in `tz`.
    fn invite(tz: Tz, start: DateTime<Utc>, minutes: i64) -> Invite {
        let mentor = person("Emma", Some("emma@example.com"), "U0MENTOR");
        let mentee = person("佐藤", Some("sato@example.com"), "U0MENTEE");
        Invite {
            uid: "one-on-one-42@mentor-bot".to_string(),
            sequence: 0,
            start,
            end: start + Duration::minutes(minutes),
            summary: "1on1: 育休からの復帰 (Emma × 佐藤)".to_string(),
            description: "テーマ: 育休からの復帰\n期待する対応: 話を聞いてほしい\nメモ: なし"
                .to_string(),
            organizer: mentor.clone(),
            attendees: vec![mentor, mentee],
            stamp: utc(2026, 11, 1, 9, 0),
            tz,
        }
    }

    fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap()
    }

    fn parse(ics: &str) -> Calendar {
        ics.parse::<Calendar>()
            .unwrap_or_else(|e| panic!("the .ics does not parse: {e}\n{ics}"))
    }

    fn only_event(calendar: &Calendar) -> &icalendar::Event {
        let events: Vec<_> = calendar.events().collect();
        assert_eq!(events.len(), 1, "{calendar:?}");
        events[0]
    }

    fn instant(value: Option<DatePerhapsTime>) -> DateTime<Utc> {
        match value {
            Some(DatePerhapsTime::DateTime(CalendarDateTime::Utc(at))) => at,
            other => panic!("expected a UTC date-time, got {other:?}"),
        }
    }

    /// Physical lines (without their CRLF), checked byte by byte.
    fn physical_lines(ics: &str) -> Vec<&[u8]> {
        let body = ics
            .as_bytes()
            .strip_suffix(b"\n")
            .expect("a final line end");
        body.split(|&b| b == b'\n')
            .map(|line| line.strip_suffix(b"\r").expect("every line ends with CRLF"))
            .collect()
    }

    #[test]
    fn start_and_end_round_trip_exactly_in_every_zone_and_across_dst_changes() {
        let cases = [
            // 10:30 JST, no DST.
            (chrono_tz::Asia::Tokyo, utc(2026, 11, 24, 1, 30), 60),
            // 01:30 EST → 03:30 EDT: the clocks skip 02:00–03:00.
            (chrono_tz::America::New_York, utc(2026, 3, 8, 6, 30), 60),
            // 01:30 EDT → 01:30 EST: the same wall time twice.
            (chrono_tz::America::New_York, utc(2026, 11, 1, 5, 30), 60),
            // The second 01:30 (EST) to 02:15 EST.
            (chrono_tz::America::New_York, utc(2026, 11, 1, 6, 30), 45),
            // 02:30 CEST → 02:30 CET.
            (chrono_tz::Europe::Berlin, utc(2026, 10, 25, 0, 30), 60),
            (chrono_tz::Europe::Berlin, utc(2026, 3, 29, 0, 30), 90),
        ];
        for (tz, start, minutes) in cases {
            let invite = invite(tz, start, minutes);
            for method in [Method::Request, Method::Cancel] {
                let calendar = parse(&invite_ics(&invite, method));
                let event = only_event(&calendar);
                assert_eq!(instant(event.get_start()), invite.start, "{tz} {start}");
                assert_eq!(instant(event.get_end()), invite.end, "{tz} {start}");
            }
        }
    }

    #[test]
    fn the_file_name_is_the_start_date_in_the_readers_zone() {
        let start = utc(2026, 11, 23, 15, 30); // 00:30 on the 24th in Tokyo
        assert_eq!(
            file_name(&invite(chrono_tz::Asia::Tokyo, start, 30)),
            "1on1-2026-11-24.ics"
        );
        assert_eq!(
            file_name(&invite(chrono_tz::America::New_York, start, 30)),
            "1on1-2026-11-23.ics"
        );
    }

    #[test]
    fn a_request_and_its_cancellation_share_the_uid_and_carry_the_sequence() {
        let mut invite = invite(chrono_tz::Asia::Tokyo, utc(2026, 11, 24, 1, 30), 60);
        invite.sequence = 3;

        let request = parse(&invite_ics(&invite, Method::Request));
        let cancel = parse(&invite_ics(&invite, Method::Cancel));

        assert_eq!(request.property_value("METHOD"), Some("REQUEST"));
        assert_eq!(cancel.property_value("METHOD"), Some("CANCEL"));
        let (request, cancel) = (only_event(&request), only_event(&cancel));
        assert_eq!(request.get_uid(), Some("one-on-one-42@mentor-bot"));
        assert_eq!(cancel.get_uid(), request.get_uid());
        assert_eq!(request.get_sequence(), Some(3));
        assert_eq!(cancel.get_sequence(), Some(3));
        assert_eq!(request.get_status(), Some(EventStatus::Confirmed));
        assert_eq!(cancel.get_status(), Some(EventStatus::Cancelled));
        assert_eq!(cancel.get_timestamp(), Some(invite.stamp));
    }

    #[test]
    fn the_file_does_not_depend_on_the_clock() {
        let invite = invite(chrono_tz::Asia::Tokyo, utc(2026, 11, 24, 1, 30), 60);
        let first = invite_ics(&invite, Method::Request);
        assert_eq!(invite_ics(&invite, Method::Request), first);
        assert!(
            first.contains("\r\nDTSTAMP:20261101T090000Z\r\n"),
            "{first}"
        );
    }

    #[test]
    fn a_long_japanese_description_folds_at_75_octets_and_unfolds_to_the_original() {
        let mut invite = invite(chrono_tz::Asia::Tokyo, utc(2026, 11, 24, 1, 30), 60);
        invite.description = "テーマ：育休からの復帰、期待する対応；話を聞いてほしい。\n"
            .repeat(12)
            + "メモ：時短勤務との両立, 保育園のお迎え; 上司への相談の仕方 \\ など";

        let ics = invite_ics(&invite, Method::Request);

        let lines = physical_lines(&ics);
        assert!(lines.len() > 20, "the description should be folded: {ics}");
        for line in &lines {
            assert!(line.len() <= MAX_LINE_OCTETS, "{} octets", line.len());
            assert!(
                std::str::from_utf8(line).is_ok(),
                "a fold split a character"
            );
        }
        let event = only_event(&parse(&ics)).clone();
        assert_eq!(event.get_description(), Some(invite.description.as_str()));
        assert_eq!(event.get_summary(), Some(invite.summary.as_str()));
    }

    #[test]
    fn no_line_is_longer_than_75_octets_whatever_the_text_length() {
        // The crate alone writes a 76-octet continuation when the rest is exactly 75 octets.
        for prefix in ["", "a", "ab"] {
            for n in 20..200 {
                let mut invite = invite(chrono_tz::Asia::Tokyo, utc(2026, 11, 24, 1, 30), 60);
                invite.description = format!("{prefix}{}", "あ".repeat(n));
                invite.summary = "x".repeat(n);
                let ics = invite_ics(&invite, Method::Request);
                for line in physical_lines(&ics) {
                    assert!(line.len() <= MAX_LINE_OCTETS, "n={n}: {ics}");
                }
                let event = only_event(&parse(&ics)).clone();
                assert_eq!(event.get_description(), Some(invite.description.as_str()));
                assert_eq!(event.get_summary(), Some(invite.summary.as_str()));
            }
        }
    }

    #[test]
    fn commas_semicolons_backslashes_and_line_breaks_are_escaped_and_round_trip() {
        let mut invite = invite(chrono_tz::Asia::Tokyo, utc(2026, 11, 24, 1, 30), 60);
        invite.summary = "1on1: a, b; c".to_string();
        invite.description = "line 1\r\nline 2\rline 3\nC:\\path, x; y\u{7}".to_string();

        let ics = invite_ics(&invite, Method::Request);

        assert!(ics.contains("SUMMARY:1on1: a\\, b\\; c\r\n"), "{ics}");
        let event = only_event(&parse(&ics)).clone();
        assert_eq!(event.get_summary(), Some("1on1: a, b; c"));
        assert_eq!(
            event.get_description(),
            Some("line 1\nline 2\nline 3\nC:\\path, x; y")
        );
    }

    #[test]
    fn attendees_are_mailto_when_the_email_is_known_and_a_slack_urn_otherwise() {
        let mut invite = invite(chrono_tz::Asia::Tokyo, utc(2026, 11, 24, 1, 30), 60);
        invite.attendees[1].email = None;

        let ics = invite_ics(&invite, Method::Request);

        assert!(
            ics.contains("\r\nATTENDEE;CN=Emma;ROLE=REQ-PARTICIPANT:mailto:emma@example.com\r\n"),
            "{ics}"
        );
        assert!(
            ics.contains("\r\nATTENDEE;CN=佐藤;ROLE=REQ-PARTICIPANT:urn:slack:user:U0MENTEE\r\n"),
            "{ics}"
        );
        assert!(
            ics.contains("\r\nORGANIZER;CN=Emma:mailto:emma@example.com\r\n"),
            "{ics}"
        );
        let event = only_event(&parse(&ics)).clone();
        let addresses: Vec<_> = event
            .get_attendees()
            .into_iter()
            .map(|a| (a.cn, a.cal_address))
            .collect();
        assert_eq!(
            addresses,
            [
                (
                    Some("Emma".to_string()),
                    "mailto:emma@example.com".to_string()
                ),
                (
                    Some("佐藤".to_string()),
                    "urn:slack:user:U0MENTEE".to_string()
                ),
            ]
        );
    }

    #[test]
    fn an_organizer_without_email_and_awkward_names_stay_valid() {
        let mut invite = invite(chrono_tz::Asia::Tokyo, utc(2026, 11, 24, 1, 30), 60);
        invite.organizer = person("Emma \"Em\" Smith, PhD", Some("  "), "U0MENTOR");
        invite.attendees = vec![invite.organizer.clone(), person("\n", None, "U0MENTEE")];

        let ics = invite_ics(&invite, Method::Request);

        assert!(
            ics.contains("\r\nORGANIZER;CN=\"Emma 'Em' Smith, PhD\":urn:slack:user:U0MENTOR\r\n"),
            "{ics}"
        );
        assert!(
            ics.contains("ATTENDEE;CN=U0MENTEE;ROLE=REQ-PARTICIPANT:urn:slack:user:U0MENTEE"),
            "{ics}"
        );
        let event = only_event(&parse(&ics)).clone();
        assert_eq!(event.get_attendees().len(), 2);
    }
}
