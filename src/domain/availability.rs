//! A mentor's preferred 1on1 hours and the free slots they give, computed in one place.
//! Windows are wall-clock times in the mentor's zone (Tuesday 10:00–12:00 stays 10:00–12:00
//! across a daylight-saving change); slots come out as UTC instants.

use chrono::{
    DateTime, Datelike, Duration, LocalResult, NaiveDate, NaiveTime, TimeZone, Utc, Weekday,
};
use chrono_tz::Tz;

/// One weekly window, e.g. Tuesday 10:00–12:00 (minutes after local midnight).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Window {
    /// 0 = Monday … 6 = Sunday.
    pub day: u8,
    pub start: u16,
    pub end: u16,
}

impl Window {
    pub fn weekday(&self) -> Weekday {
        Weekday::try_from(self.day).unwrap_or(Weekday::Mon)
    }
}

/// A cap on how many 1on1s a mentor takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cap {
    PerWeek(u32),
    PerMonth(u32),
}

impl Cap {
    pub fn limit(self) -> u32 {
        match self {
            Cap::PerWeek(n) | Cap::PerMonth(n) => n,
        }
    }
}

/// The UTC bounds of the mentor's local week (Monday 00:00) or month holding `at`.
pub fn cap_period_bounds(cap: Cap, tz: Tz, at: DateTime<Utc>) -> (DateTime<Utc>, DateTime<Utc>) {
    let date = at.with_timezone(&tz).date_naive();
    let (first, next) = match cap {
        Cap::PerWeek(_) => {
            let monday = date - Duration::days(i64::from(date.weekday().num_days_from_monday()));
            (monday, monday + Duration::days(7))
        }
        Cap::PerMonth(_) => {
            let first = date.with_day(1).unwrap_or(date);
            let next = if first.month() == 12 {
                NaiveDate::from_ymd_opt(first.year() + 1, 1, 1)
            } else {
                NaiveDate::from_ymd_opt(first.year(), first.month() + 1, 1)
            }
            .unwrap_or(first);
            (first, next)
        }
    };
    let midnight = |d: NaiveDate| {
        local_instant(tz, d, 0).unwrap_or_else(|| d.and_time(NaiveTime::MIN).and_utc())
    };
    (midnight(first), midnight(next))
}

/// Everything that decides a mentor's free slots.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hours {
    pub windows: Vec<Window>,
    /// 15, 30, 45 or 60.
    pub slot_minutes: u32,
    /// How far ahead mentees may book.
    pub horizon_days: u32,
    /// Minimum notice before a slot.
    pub notice_hours: u32,
    pub cap: Option<Cap>,
    /// No new requests on or before this local date.
    pub away_until: Option<NaiveDate>,
    pub auto_accept: bool,
}

pub const SLOT_LENGTHS: [u32; 4] = [15, 30, 45, 60];

impl Default for Hours {
    fn default() -> Self {
        Hours {
            windows: Vec::new(),
            slot_minutes: 30,
            horizon_days: 28,
            notice_hours: 24,
            cap: None,
            away_until: None,
            auto_accept: false,
        }
    }
}

impl Hours {
    /// A weekday's windows as the mentor types them in the hours form (0 = Monday):
    /// `10:00-12:00, 14:00-15:30`, empty when none.
    pub fn typed_windows(&self, day: u8) -> String {
        self.windows
            .iter()
            .filter(|w| w.day == day)
            .map(|w| w.label().replace('–', "-"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// A bookable slot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Slot {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

/// A problem with one day's windows as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WindowError {
    /// Not `HH:MM-HH:MM`.
    Unreadable {
        text: String,
    },
    EndNotAfterStart {
        text: String,
    },
    Overlap {
        a: String,
        b: String,
    },
    /// Shorter than one slot.
    TooShort {
        text: String,
        minutes: u32,
    },
}

fn fmt_minutes(m: u16) -> String {
    format!("{:02}:{:02}", m / 60, m % 60)
}

impl Window {
    pub fn label(&self) -> String {
        format!("{}–{}", fmt_minutes(self.start), fmt_minutes(self.end))
    }
}

fn parse_time(text: &str) -> Option<u16> {
    let text = text.trim();
    let (h, m) = text.split_once([':', '：']).unwrap_or((text, "0"));
    let (h, m): (u16, u16) = (h.trim().parse().ok()?, m.trim().parse().ok()?);
    // 24:00 is the end of the day.
    ((h < 24 && m < 60) || (h == 24 && m == 0)).then_some(h * 60 + m)
}

/// Every character a keyboard or input method produces for "from … to" between two times, after
/// NFKC (which already folds full-width －, ～ and half-width ｰ): ASCII hyphen and tilde, the
/// hyphens and dashes of U+2010–U+2015, minus U+2212, the wave dashes 〜 and 〰, and the
/// Japanese long-vowel mark ー that the minus key types in Japanese input mode.
const RANGE_DASHES: &[char] = &[
    '-', '~', '\u{2010}', '\u{2011}', '\u{2012}', '\u{2013}', '\u{2014}', '\u{2015}', '\u{2212}',
    '\u{2053}', '\u{301C}', '\u{3030}', '\u{30FC}', '\u{FE58}', '\u{FE63}',
];

/// Parses one day's windows as typed, e.g. `10:00-12:00, 14:00-15:30`. Full-width characters,
/// Japanese separators and every dash in [`RANGE_DASHES`] are accepted. Empty text is no
/// windows that day.
pub fn parse_day(day: u8, text: &str, slot_minutes: u32) -> Result<Vec<Window>, WindowError> {
    use unicode_normalization::UnicodeNormalization;
    let normalized: String = text
        .nfkc()
        .map(|c| match c {
            c if RANGE_DASHES.contains(&c) => '-',
            '、' | '､' | ';' | '\n' => ',',
            c => c,
        })
        .collect();
    let mut windows = Vec::new();
    for part in normalized
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        let unreadable = || WindowError::Unreadable {
            text: part.to_string(),
        };
        let (a, b) = part.split_once('-').ok_or_else(unreadable)?;
        let (start, end) = (
            parse_time(a).ok_or_else(unreadable)?,
            parse_time(b).ok_or_else(unreadable)?,
        );
        if end <= start {
            return Err(WindowError::EndNotAfterStart {
                text: part.to_string(),
            });
        }
        if u32::from(end - start) < slot_minutes {
            return Err(WindowError::TooShort {
                text: part.to_string(),
                minutes: slot_minutes,
            });
        }
        windows.push(Window { day, start, end });
    }
    windows.sort();
    for pair in windows.windows(2) {
        if pair[1].start < pair[0].end {
            return Err(WindowError::Overlap {
                a: pair[0].label(),
                b: pair[1].label(),
            });
        }
    }
    Ok(windows)
}

/// The local-midnight-based week (Monday) or month a date belongs to, for caps.
fn period_of(cap: Cap, date: NaiveDate) -> (i32, u32) {
    match cap {
        Cap::PerWeek(_) => {
            let week = date.iso_week();
            (week.year(), week.week())
        }
        Cap::PerMonth(_) => (date.year(), date.month()),
    }
}

/// The free slots between now (plus notice) and the horizon, earliest first.
///
/// `taken` are the 1on1s already requested or booked with this mentor (any status that holds
/// the slot); they remove overlapping slots and count towards the cap in their period.
pub fn free_slots(hours: &Hours, tz: Tz, taken: &[Slot], now: DateTime<Utc>) -> Vec<Slot> {
    let mut slots: Vec<Slot> = days_ahead(hours, tz, now)
        .flat_map(|date| day_slots(hours, tz, taken, now, date))
        .collect();
    slots.sort();
    slots.dedup();
    slots
}

/// The first of [`free_slots`], found day by day: it stops at the first day with a free slot
/// instead of laying out the whole horizon.
pub fn next_free_slot(hours: &Hours, tz: Tz, taken: &[Slot], now: DateTime<Utc>) -> Option<Slot> {
    days_ahead(hours, tz, now)
        .find_map(|date| day_slots(hours, tz, taken, now, date).into_iter().min())
}

/// The local dates that can hold a slot: today to the horizon (and a day more, for zones ahead).
fn days_ahead(hours: &Hours, tz: Tz, now: DateTime<Utc>) -> impl Iterator<Item = NaiveDate> {
    let today = now.with_timezone(&tz).date_naive();
    (0..=i64::from(hours.horizon_days) + 1).map(move |offset| today + Duration::days(offset))
}

/// The free slots of one local date, unordered.
fn day_slots(
    hours: &Hours,
    tz: Tz,
    taken: &[Slot],
    now: DateTime<Utc>,
    date: NaiveDate,
) -> Vec<Slot> {
    let earliest = now + Duration::hours(i64::from(hours.notice_hours));
    let latest = now + Duration::days(i64::from(hours.horizon_days));
    let length = Duration::minutes(i64::from(hours.slot_minutes));
    let mut slots = Vec::new();
    if hours.away_until.is_some_and(|away| date <= away) {
        return slots;
    }
    for window in hours
        .windows
        .iter()
        .filter(|w| w.weekday() == date.weekday())
    {
        let mut minute = u32::from(window.start);
        while minute + hours.slot_minutes <= u32::from(window.end) {
            if let Some(start) = local_instant(tz, date, minute) {
                let slot = Slot {
                    start,
                    end: start + length,
                };
                let clear = !taken
                    .iter()
                    .any(|t| t.start < slot.end && slot.start < t.end);
                if slot.start >= earliest && slot.start < latest && clear {
                    slots.push(slot);
                }
            }
            minute += hours.slot_minutes;
        }
    }
    if let Some(cap) = hours.cap {
        let limit = match cap {
            Cap::PerWeek(n) | Cap::PerMonth(n) => n as usize,
        };
        let local_date = |t: DateTime<Utc>| t.with_timezone(&tz).date_naive();
        slots.retain(|slot| {
            let period = period_of(cap, local_date(slot.start));
            taken
                .iter()
                .filter(|t| period_of(cap, local_date(t.start)) == period)
                .count()
                < limit
        });
    }
    slots
}

/// The instant a local wall-clock time names: skipped in a spring-forward gap (that time
/// does not exist), the first of the two in a fall-back overlap.
fn local_instant(tz: Tz, date: NaiveDate, minute: u32) -> Option<DateTime<Utc>> {
    let time = NaiveTime::from_num_seconds_from_midnight_opt(minute * 60, 0)?;
    match tz.from_local_datetime(&date.and_time(time)) {
        LocalResult::Single(t) => Some(t.with_timezone(&Utc)),
        LocalResult::Ambiguous(first, _) => Some(first.with_timezone(&Utc)),
        LocalResult::None => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap()
    }

    fn hours(windows: Vec<Window>) -> Hours {
        Hours {
            windows,
            notice_hours: 0,
            horizon_days: 14,
            ..Hours::default()
        }
    }

    fn local(slots: &[Slot], tz: Tz) -> Vec<String> {
        slots
            .iter()
            .map(|s| {
                s.start
                    .with_timezone(&tz)
                    .format("%a %m-%d %H:%M %Z")
                    .to_string()
            })
            .collect()
    }

    #[test]
    fn typed_windows_parse_and_bad_ones_say_why() {
        assert_eq!(
            parse_day(1, "10:00-12:00, 14:00〜15:30", 30).unwrap(),
            vec![
                Window {
                    day: 1,
                    start: 600,
                    end: 720
                },
                Window {
                    day: 1,
                    start: 840,
                    end: 930
                }
            ]
        );
        assert_eq!(
            parse_day(1, "１０：００－１２：００", 30).unwrap().len(),
            1,
            "full-width input"
        );
        // What a Japanese input method types for the minus key, and other keyboards' dashes.
        for typed in [
            "１０：００ー１２：００",
            "10:00ｰ12:00",
            "10:00−12:00",
            "10:00‐12:00",
            "10:00–12:00",
            "10:00—12:00",
            "10:00〜12:00",
            "10:00～12:00",
            "１０：００〜１２：００、１４：００ー１５：００",
        ] {
            let windows = parse_day(1, typed, 30).unwrap_or_else(|e| panic!("{typed}: {e:?}"));
            assert_eq!(windows[0].start, 600, "{typed}");
            assert_eq!(windows[0].end, 720, "{typed}");
        }
        assert_eq!(parse_day(1, "  ", 30).unwrap(), vec![]);
        assert!(matches!(
            parse_day(1, "12:00-10:00", 30),
            Err(WindowError::EndNotAfterStart { .. })
        ));
        assert!(matches!(
            parse_day(1, "10:00-11:00, 10:30-12:00", 30),
            Err(WindowError::Overlap { .. })
        ));
        assert!(matches!(
            parse_day(1, "morning", 30),
            Err(WindowError::Unreadable { .. })
        ));
        assert!(matches!(
            parse_day(1, "25:00-26:00", 30),
            Err(WindowError::Unreadable { .. })
        ));
        assert!(matches!(
            parse_day(1, "10:00-10:15", 30),
            Err(WindowError::TooShort { .. })
        ));
        assert_eq!(parse_day(6, "22:00-24:00", 60).unwrap()[0].end, 1440);
    }

    #[test]
    fn a_tokyo_mentors_tuesday_window_gives_utc_slots_after_the_notice() {
        let tz = chrono_tz::Asia::Tokyo;
        let h = Hours {
            notice_hours: 24,
            horizon_days: 7,
            ..hours(vec![Window {
                day: 1,
                start: 600,
                end: 720,
            }])
        };
        // Monday 2026-11-23 09:00 JST: Tuesday 10:00 is only 25 h away — just enough notice.
        let now = utc(2026, 11, 23, 0, 0);
        let slots = free_slots(&h, tz, &[], now);
        assert_eq!(
            local(&slots, tz),
            [
                "Tue 11-24 10:00 JST",
                "Tue 11-24 10:30 JST",
                "Tue 11-24 11:00 JST",
                "Tue 11-24 11:30 JST"
            ]
        );
        assert_eq!(slots[0].start, utc(2026, 11, 24, 1, 0));
        assert_eq!(slots[0].end - slots[0].start, Duration::minutes(30));
        // Two hours later (11:00 JST), only slots from Tuesday 11:00 have a day's notice.
        let later = free_slots(&h, tz, &[], now + Duration::hours(2));
        assert_eq!(
            local(&later, tz),
            ["Tue 11-24 11:00 JST", "Tue 11-24 11:30 JST"]
        );
    }

    #[test]
    fn new_york_windows_keep_their_wall_clock_time_across_spring_forward() {
        let tz = chrono_tz::America::New_York;
        // Sundays 01:00–04:00; DST starts Sun 2026-03-08 at 02:00 (clocks jump to 03:00).
        let h = Hours {
            slot_minutes: 60,
            ..hours(vec![Window {
                day: 6,
                start: 60,
                end: 240,
            }])
        };
        let slots = free_slots(&h, tz, &[], utc(2026, 3, 2, 12, 0));
        assert_eq!(
            local(&slots, tz),
            [
                "Sun 03-08 01:00 EST", // 02:00 does not exist that day: no slot
                "Sun 03-08 03:00 EDT",
                "Sun 03-15 01:00 EDT",
                "Sun 03-15 02:00 EDT",
                "Sun 03-15 03:00 EDT",
            ]
        );
        // Tuesday 10:00 is 15:00 UTC before the change and 14:00 UTC after it.
        let tue = hours(vec![Window {
            day: 1,
            start: 600,
            end: 630,
        }]);
        let slots = free_slots(&tue, tz, &[], utc(2026, 3, 2, 12, 0));
        assert_eq!(
            slots.iter().map(|s| s.start).collect::<Vec<_>>(),
            [utc(2026, 3, 3, 15, 0), utc(2026, 3, 10, 14, 0)]
        );
    }

    #[test]
    fn berlin_windows_survive_fall_back_and_an_ambiguous_hour_is_offered_once() {
        let tz = chrono_tz::Europe::Berlin;
        // Sundays 02:00–03:00; on 2026-10-25 02:00–03:00 happens twice (CEST, then CET).
        let h = Hours {
            slot_minutes: 30,
            ..hours(vec![Window {
                day: 6,
                start: 120,
                end: 180,
            }])
        };
        let slots = free_slots(&h, tz, &[], utc(2026, 10, 20, 0, 0));
        assert_eq!(
            local(&slots, tz),
            [
                "Sun 10-25 02:00 CEST",
                "Sun 10-25 02:30 CEST",
                "Sun 11-01 02:00 CET",
                "Sun 11-01 02:30 CET"
            ]
        );
    }

    #[test]
    fn cap_periods_are_the_mentors_local_week_and_month() {
        let tz = chrono_tz::Asia::Tokyo;
        let at = utc(2026, 11, 25, 3, 0); // Wednesday 12:00 JST
        assert_eq!(
            cap_period_bounds(Cap::PerWeek(1), tz, at),
            (utc(2026, 11, 22, 15, 0), utc(2026, 11, 29, 15, 0))
        );
        assert_eq!(
            cap_period_bounds(Cap::PerMonth(1), tz, at),
            (utc(2026, 10, 31, 15, 0), utc(2026, 11, 30, 15, 0))
        );
        let december = utc(2026, 12, 10, 0, 0);
        assert_eq!(
            cap_period_bounds(Cap::PerMonth(1), tz, december).1,
            utc(2026, 12, 31, 15, 0)
        );
    }

    #[test]
    fn taken_slots_away_days_and_caps_remove_slots() {
        let tz = chrono_tz::Asia::Tokyo;
        // Every weekday 10:00–11:00, hourly slots.
        let windows = (0..5)
            .map(|day| Window {
                day,
                start: 600,
                end: 660,
            })
            .collect();
        let base = Hours {
            slot_minutes: 60,
            ..hours(windows)
        };
        let now = utc(2026, 11, 22, 0, 0); // Sunday 09:00 JST
        let all = free_slots(&base, tz, &[], now);
        assert_eq!(all.len(), 10, "two weeks of weekdays");

        let taken = [Slot {
            start: all[0].start,
            end: all[0].end,
        }];
        assert_eq!(free_slots(&base, tz, &taken, now).len(), 9);

        let away = Hours {
            away_until: Some(NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()),
            ..base.clone()
        };
        assert_eq!(
            local(&free_slots(&away, tz, &[], now), tz)[0],
            "Mon 11-30 10:00 JST"
        );

        // Two per week: the first week already has two 1on1s, so only next week is offered.
        let capped = Hours {
            cap: Some(Cap::PerWeek(2)),
            ..base.clone()
        };
        let two = [
            Slot {
                start: all[0].start,
                end: all[0].end,
            },
            Slot {
                start: all[1].start,
                end: all[1].end,
            },
        ];
        let slots = free_slots(&capped, tz, &two, now);
        assert_eq!(slots.len(), 5);
        assert!(slots.iter().all(|s| s.start >= all[5].start));
        // One per month: one in November already, so November is full.
        let monthly = Hours {
            cap: Some(Cap::PerMonth(1)),
            ..base
        };
        let slots = free_slots(&monthly, tz, &two[..1], now);
        assert_eq!(local(&slots, tz)[0], "Tue 12-01 10:00 JST");
    }

    #[test]
    fn the_next_free_slot_is_the_first_free_slot_without_laying_out_the_horizon() {
        let tz = chrono_tz::Asia::Tokyo;
        let now = utc(2026, 3, 8, 1, 0);
        let windows = |days: &[u8]| {
            days.iter()
                .map(|&day| Window {
                    day,
                    start: 600,
                    end: 720,
                })
                .collect::<Vec<_>>()
        };
        let taken = [Slot {
            start: utc(2026, 3, 10, 1, 0),
            end: utc(2026, 3, 10, 1, 30),
        }];
        let capped = Hours {
            cap: Some(Cap::PerWeek(1)),
            ..hours(windows(&[1, 3]))
        };
        let away = Hours {
            away_until: Some(NaiveDate::from_ymd_opt(2026, 3, 12).unwrap()),
            ..hours(windows(&[0, 1, 2, 3, 4]))
        };
        for h in [
            hours(windows(&[1])),
            hours(windows(&[0, 5])),
            capped,
            away,
            hours(vec![]),
        ] {
            for taken in [&taken[..], &[]] {
                assert_eq!(
                    next_free_slot(&h, tz, taken, now),
                    free_slots(&h, tz, taken, now).first().copied(),
                    "{h:?} {taken:?}"
                );
            }
        }
    }
}
