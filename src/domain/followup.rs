//! The DMs of recurring series and nudges, as stored in `outbox.body` (a snapshot taken when
//! queued, rendered at send time in the reader's language and zone).

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use super::booking::Topic;
use super::UserId;

/// The default number of weeks without a 1on1 before a mentee is nudged to book again.
pub const NUDGE_WEEKS_DEFAULT: u32 = 4;
/// The most weeks the program office may set.
pub const NUDGE_WEEKS_MAX: u32 = 52;
/// How long a request waits before its mentor is reminded once.
pub const PENDING_NUDGE_AFTER: Duration = Duration::hours(24);

/// One occurrence of a series as a DM lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Occurrence {
    pub one_on_one_id: i64,
    pub start: DateTime<Utc>,
    /// When the series wanted it, if it is proposed at another time (that time was not free).
    pub wanted: Option<DateTime<Utc>>,
}

/// A DM about a series or a nudge.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FollowupNotice {
    /// To the mentor: one request for the whole series (Accept series / Decline series).
    SeriesRequested {
        series_id: i64,
        mentee: UserId,
        theme: String,
        every_weeks: u32,
        topic: Topic,
        response: String,
        occurrences: Vec<Occurrence>,
        /// Occurrences left out: no free time near the one wanted.
        left_out: Vec<DateTime<Utc>>,
    },
    /// To the mentee (and, under auto-accept, the mentor): the series is booked.
    SeriesAccepted {
        series_id: i64,
        mentor: UserId,
        mentee: UserId,
        /// Booked at once by the mentor's auto-accept.
        auto: bool,
        theme: String,
        occurrences: Vec<Occurrence>,
    },
    /// To both: nobody answered the series request in time; its times are free again.
    SeriesExpired {
        series_id: i64,
        mentor: UserId,
        mentee: UserId,
        theme: String,
    },
    /// To the mentee: the mentor declined the series.
    SeriesDeclined {
        series_id: i64,
        mentor: UserId,
        theme: String,
    },
    /// To a mentee: no 1on1 for `weeks` weeks; "Book again" with the last mentor and theme.
    Rebook {
        /// The last 1on1: "Book again" books the next one after it.
        one_on_one_id: i64,
        mentor: UserId,
        theme_id: i64,
        theme: String,
        weeks: u32,
        last: DateTime<Utc>,
    },
    /// To a mentor: a request (or a series, `series_id`) waiting for more than a day.
    PendingRequest {
        one_on_one_id: i64,
        series_id: Option<i64>,
        mentee: UserId,
        theme: String,
        start: DateTime<Utc>,
    },
}

/// Reads the weeks the program office typed: a whole number from 1 to [`NUDGE_WEEKS_MAX`].
pub fn parse_nudge_weeks(text: &str) -> Option<u32> {
    text.trim()
        .parse::<u32>()
        .ok()
        .filter(|w| (1..=NUDGE_WEEKS_MAX).contains(w))
}

/// Which `weeks`-long stretch since the last 1on1 ended `now` falls in (1 for the first full
/// stretch, 2 for the next…); `None` until the first has passed. A nudge's key names it, so a
/// mentee is nudged at most once per stretch.
pub fn rebook_period(last_end: DateTime<Utc>, now: DateTime<Utc>, weeks: u32) -> Option<i64> {
    let stretch = Duration::weeks(i64::from(weeks.max(1)));
    let periods = (now - last_end).num_seconds() / stretch.num_seconds();
    (periods >= 1).then_some(periods)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn the_rebook_period_counts_whole_stretches_since_the_last_1on1() {
        let end = Utc.with_ymd_and_hms(2026, 10, 1, 10, 0, 0).unwrap();
        assert_eq!(rebook_period(end, end + Duration::days(27), 4), None);
        assert_eq!(rebook_period(end, end + Duration::days(28), 4), Some(1));
        assert_eq!(rebook_period(end, end + Duration::days(55), 4), Some(1));
        assert_eq!(rebook_period(end, end + Duration::days(56), 4), Some(2));
    }

    #[test]
    fn nudge_weeks_are_whole_numbers_within_a_year() {
        assert_eq!(parse_nudge_weeks(" 6 "), Some(6));
        assert_eq!(parse_nudge_weeks("0"), None);
        assert_eq!(parse_nudge_weeks("53"), None);
        assert_eq!(parse_nudge_weeks("four"), None);
    }

    #[test]
    fn a_stored_series_request_reads_back() {
        let notice = FollowupNotice::SeriesDeclined {
            series_id: 3,
            mentor: UserId::parse("UEN").unwrap(),
            theme: "育休".into(),
        };
        let json = serde_json::to_string(&notice).unwrap();
        assert_eq!(
            json,
            r#"{"kind":"series_declined","series_id":3,"mentor":"UEN","theme":"育休"}"#
        );
        assert_eq!(
            serde_json::from_str::<FollowupNotice>(&json).unwrap(),
            notice
        );
    }
}
