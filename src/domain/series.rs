//! Recurring 1on1s: how often and how many, when each occurrence is wanted (the same
//! wall-clock time in the mentor's zone, whatever daylight saving does), and where it goes
//! when that time is not free (the nearest free slot, never silently nothing).

use chrono::{DateTime, Duration, LocalResult, TimeZone, Utc};
use chrono_tz::Tz;

use super::availability::Slot;

/// The intervals a mentee may choose, in weeks.
pub const EVERY_WEEKS: [u32; 3] = [1, 2, 4];
/// The most occurrences one series may ask for (the first included).
pub const SERIES_MAX: u32 = 12;

/// "Every `every_weeks` weeks, `count` times" (the first occurrence included).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Recurrence {
    pub every_weeks: u32,
    pub count: u32,
}

/// What is wrong with the series fields of the request form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecurrenceError {
    /// Not one of [`EVERY_WEEKS`] (only a forged form sends that).
    Every,
    /// The count is missing or not a whole number.
    CountUnreadable,
    /// Outside 2..=[`SERIES_MAX`].
    CountRange,
}

impl Recurrence {
    /// Reads the form's two fields: no interval (or "once") is a single 1on1 (`Ok(None)`).
    /// Full-width digits (typed by Japanese input methods) are read like ASCII ones.
    pub fn parse(every: Option<&str>, count: &str) -> Result<Option<Recurrence>, RecurrenceError> {
        let every = match every.map(str::trim) {
            None | Some("") | Some("once") => return Ok(None),
            Some(text) => text
                .parse::<u32>()
                .ok()
                .filter(|w| EVERY_WEEKS.contains(w))
                .ok_or(RecurrenceError::Every)?,
        };
        let digits: String = count
            .trim()
            .chars()
            .map(|c| match c {
                '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
                c => c,
            })
            .collect();
        let count: u32 = digits
            .parse()
            .map_err(|_| RecurrenceError::CountUnreadable)?;
        if !(2..=SERIES_MAX).contains(&count) {
            return Err(RecurrenceError::CountRange);
        }
        Ok(Some(Recurrence {
            every_weeks: every,
            count,
        }))
    }

    /// The instants the occurrences are wanted at: `first`'s local time in `tz`, every
    /// `every_weeks` weeks. A local time a spring-forward skips is taken an hour later; one a
    /// fall-back repeats is the first of the two.
    pub fn wanted(&self, first: DateTime<Utc>, tz: Tz) -> Vec<DateTime<Utc>> {
        let local = first.with_timezone(&tz).naive_local();
        (0..self.count)
            .map(|k| {
                let naive = local + Duration::weeks(i64::from(k * self.every_weeks));
                match tz.from_local_datetime(&naive) {
                    LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => t.with_timezone(&Utc),
                    LocalResult::None => tz
                        .from_local_datetime(&(naive + Duration::hours(1)))
                        .earliest()
                        .map(|t| t.with_timezone(&Utc))
                        .unwrap_or(first + Duration::weeks(i64::from(k * self.every_weeks))),
                }
            })
            .collect()
    }

    /// How far from its wanted time an occurrence may be proposed: less than half the
    /// interval, so occurrences keep their order.
    pub fn reach(&self) -> Duration {
        Duration::hours(i64::from(self.every_weeks) * 7 * 24 / 2 - 1)
    }
}

/// Where one occurrence goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Planned {
    pub wanted: DateTime<Utc>,
    /// `None` when no free slot is within reach: the occurrence is left out, and said so.
    pub slot: Option<Slot>,
}

impl Planned {
    /// Whether the occurrence is proposed at another time than wanted.
    pub fn moved(&self) -> bool {
        self.slot.is_some_and(|s| s.start != self.wanted)
    }
}

/// The free slot for an occurrence wanted at `wanted`: that very slot when free, otherwise
/// the nearest one within `reach` (the earlier of two equally near).
pub fn nearest_free(wanted: DateTime<Utc>, free: &[Slot], reach: Duration) -> Option<Slot> {
    free.iter()
        .filter(|s| (s.start - wanted).abs() <= reach)
        .min_by_key(|s| ((s.start - wanted).abs(), s.start))
        .copied()
}

/// Plans every occurrence in order. `free_given` answers the free slots once the slots
/// already planned are taken too (so the series counts towards the mentor's cap and never
/// takes one slot twice).
pub fn plan(
    recurrence: &Recurrence,
    wanted: &[DateTime<Utc>],
    mut free_given: impl FnMut(&[Slot]) -> Vec<Slot>,
) -> Vec<Planned> {
    let mut taken: Vec<Slot> = Vec::new();
    let mut planned = Vec::new();
    for &at in wanted {
        let slot = nearest_free(at, &free_given(&taken), recurrence.reach());
        if let Some(slot) = slot {
            taken.push(slot);
        }
        planned.push(Planned { wanted: at, slot });
    }
    planned
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Timelike;

    fn utc(y: i32, mo: u32, d: u32, h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, mo, d, h, 0, 0).unwrap()
    }

    fn slot(start: DateTime<Utc>) -> Slot {
        Slot {
            start,
            end: start + Duration::hours(1),
        }
    }

    #[test]
    fn the_series_fields_are_read_or_refused() {
        assert_eq!(Recurrence::parse(None, ""), Ok(None));
        assert_eq!(Recurrence::parse(Some("once"), "7"), Ok(None));
        assert_eq!(
            Recurrence::parse(Some("2"), " ６ "),
            Ok(Some(Recurrence {
                every_weeks: 2,
                count: 6
            }))
        );
        assert_eq!(
            Recurrence::parse(Some("3"), "4"),
            Err(RecurrenceError::Every)
        );
        assert_eq!(
            Recurrence::parse(Some("1"), "many"),
            Err(RecurrenceError::CountUnreadable)
        );
        assert_eq!(
            Recurrence::parse(Some("1"), "13"),
            Err(RecurrenceError::CountRange)
        );
        assert_eq!(
            Recurrence::parse(Some("1"), "1"),
            Err(RecurrenceError::CountRange)
        );
    }

    #[test]
    fn weekly_occurrences_keep_new_york_wall_clock_time_across_fall_back_and_spring_forward() {
        let ny = chrono_tz::America::New_York;
        let weekly = Recurrence {
            every_weeks: 1,
            count: 3,
        };
        // Tue 27 Oct 2026 10:00 EDT; clocks fall back on Sun 1 Nov.
        let fall = weekly.wanted(utc(2026, 10, 27, 14), ny);
        assert_eq!(
            fall,
            vec![
                utc(2026, 10, 27, 14),
                utc(2026, 11, 3, 15),
                utc(2026, 11, 10, 15)
            ]
        );
        // Tue 2 Mar 2027 10:00 EST; clocks spring forward on Sun 14 Mar.
        let spring = weekly.wanted(utc(2027, 3, 9, 15), ny);
        assert_eq!(spring[1], utc(2027, 3, 16, 14));
        assert!(spring.iter().all(|t| t.with_timezone(&ny).hour() == 10));
    }

    #[test]
    fn a_time_that_is_not_free_goes_to_the_nearest_free_slot_within_reach() {
        let weekly = Recurrence {
            every_weeks: 1,
            count: 2,
        };
        let wanted = [utc(2026, 12, 1, 10), utc(2026, 12, 8, 10)];
        let free = [
            slot(utc(2026, 12, 1, 10)),
            slot(utc(2026, 12, 8, 9)),
            slot(utc(2026, 12, 8, 11)),
        ];
        let planned = plan(&weekly, &wanted, |taken| {
            free.iter()
                .filter(|s| !taken.contains(s))
                .copied()
                .collect()
        });
        assert!(!planned[0].moved());
        assert_eq!(
            planned[1].slot,
            Some(slot(utc(2026, 12, 8, 9))),
            "the earlier of two equally near"
        );
        assert!(planned[1].moved());

        let far = [slot(utc(2026, 12, 12, 10))];
        assert_eq!(
            nearest_free(utc(2026, 12, 8, 10), &far, weekly.reach()),
            None,
            "four days away is beyond a weekly series' reach"
        );
    }

    #[test]
    fn planned_occurrences_never_share_a_slot() {
        let weekly = Recurrence {
            every_weeks: 1,
            count: 2,
        };
        let only = slot(utc(2026, 12, 4, 10));
        let planned = plan(
            &weekly,
            &[utc(2026, 12, 3, 10), utc(2026, 12, 5, 10)],
            |taken| [only].into_iter().filter(|s| !taken.contains(s)).collect(),
        );
        assert_eq!(planned[0].slot, Some(only));
        assert_eq!(planned[1].slot, None);
    }
}
