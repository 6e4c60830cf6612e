//! Surveys (issue 11): when they run (a schedule in the workspace's zone), what they ask (the
//! growth feeling plus up to 10 custom questions), and the rule that no aggregate shows a
//! group smaller than [`MIN_GROUP`].

use std::str::FromStr;

use chrono::{DateTime, Datelike, Duration, Utc, Weekday};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

/// At most this many custom questions besides the growth feeling.
pub const QUESTIONS_MAX: usize = 10;
/// No aggregate is shown for fewer answers than this (nobody can be singled out).
/// The program's one minimum group ([`crate::domain::insight::MIN_GROUP`]), as a count.
pub const MIN_GROUP: usize = crate::domain::insight::MIN_GROUP as usize;
/// Growth feelings at or below this are listed to admins for follow-up.
pub const LOW_GROWTH_DEFAULT: u8 = 2;
/// The highest follow-up threshold the office may set (5 would list everyone).
pub const LOW_GROWTH_MAX: u8 = 4;
/// How long a run stays open unless the office says otherwise.
pub const OPEN_DAYS_DEFAULT: u32 = 7;
pub const OPEN_DAYS_MAX: u32 = 28;
/// The stored name of the default schedule: 10:00 on the first weekday of each month.
pub const FIRST_WEEKDAY: &str = "first-weekday";
/// The reminder goes out this long before a run closes.
pub const REMINDER_BEFORE: Duration = Duration::days(1);

/// When a survey runs, read in the workspace's time zone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Schedule {
    /// 10:00 on the first weekday (Monday–Friday) of each month.
    FirstWeekday,
    /// A cron expression (sec min hour day-of-month month day-of-week).
    Cron(String),
}

impl Schedule {
    /// Empty or `first-weekday` is the default; anything else must be a cron expression.
    pub fn parse(text: &str) -> Option<Schedule> {
        let text = text.trim();
        if text.is_empty() || text == FIRST_WEEKDAY {
            return Some(Schedule::FirstWeekday);
        }
        cron::Schedule::from_str(text).ok()?;
        Some(Schedule::Cron(text.to_string()))
    }

    pub fn as_str(&self) -> &str {
        match self {
            Schedule::FirstWeekday => FIRST_WEEKDAY,
            Schedule::Cron(text) => text,
        }
    }

    /// Every occurrence in (`after`, `until`], as UTC instants, wall clock read in `tz`.
    pub fn occurrences(
        &self,
        tz: Tz,
        after: DateTime<Utc>,
        until: DateTime<Utc>,
    ) -> Vec<DateTime<Utc>> {
        let (expr, first_weekday) = match self {
            // Days 1–3 that are weekdays, kept only when no earlier weekday of the month exists.
            Schedule::FirstWeekday => ("0 0 10 1-3 * Mon-Fri", true),
            Schedule::Cron(text) => (text.as_str(), false),
        };
        let Ok(schedule) = cron::Schedule::from_str(expr) else {
            return Vec::new();
        };
        schedule
            .after(&after.with_timezone(&tz))
            .map(|t| (t.with_timezone(&Utc), t.day(), t.weekday()))
            .take_while(|(t, _, _)| *t <= until)
            .filter(|(_, day, weekday)| !first_weekday || *day == 1 || *weekday == Weekday::Mon)
            .map(|(t, _, _)| t)
            .collect()
    }
}

/// A survey's CSV exports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExportKind {
    /// Every recipient's answers, one row per person and run (admins only: names and text).
    Answers,
    /// 1on1s per month and theme by outcome, counts under `MIN_GROUP` written as `<3`.
    OneOnOnes,
    /// A PNG chart: the growth feeling's monthly average and 1on1s held per month.
    Chart,
}

impl ExportKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ExportKind::Answers => "answers",
            ExportKind::OneOnOnes => "1on1s",
            ExportKind::Chart => "chart",
        }
    }
}

/// Who receives a survey.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    /// Mentees with a confirmed 1on1 since the previous run (or the last `open_days` × 4).
    Had1on1,
    /// Mentees who ever had a 1on1 in one of the survey's themes.
    Themes,
    /// Everyone who turned surveys on (`/mentor survey on`).
    OptedIn,
}

impl Audience {
    pub fn as_str(self) -> &'static str {
        match self {
            Audience::Had1on1 => "had_1on1",
            Audience::Themes => "themes",
            Audience::OptedIn => "opted_in",
        }
    }
    pub fn parse(text: &str) -> Option<Audience> {
        match text {
            "had_1on1" => Some(Audience::Had1on1),
            "themes" => Some(Audience::Themes),
            "opted_in" => Some(Audience::OptedIn),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    Text,
    Choice,
    Scale,
}

impl QuestionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            QuestionKind::Text => "text",
            QuestionKind::Choice => "choice",
            QuestionKind::Scale => "scale",
        }
    }
    pub fn parse(text: &str) -> Option<QuestionKind> {
        match text {
            "text" => Some(QuestionKind::Text),
            "choice" => Some(QuestionKind::Choice),
            "scale" => Some(QuestionKind::Scale),
            _ => None,
        }
    }
}

/// A custom question as the office wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuestionDef {
    pub kind: QuestionKind,
    pub text: String,
    pub choices: Vec<String>,
    pub required: bool,
}

/// Why the questions field was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QuestionsError {
    /// More than [`QUESTIONS_MAX`] lines.
    TooMany { count: usize },
    /// A line (1-based) that is not `kind: text` with a known kind.
    Unreadable { line: usize },
    /// A choice question (line, 1-based) with fewer than two options.
    Choices { line: usize },
}

/// One question per line: `scale: text`, `text: text` or `choice: text | A | B`; a leading
/// `?` makes it optional. Blank lines are ignored.
pub fn parse_questions(text: &str) -> Result<Vec<QuestionDef>, QuestionsError> {
    let lines: Vec<(usize, &str)> = text
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim()))
        .filter(|(_, l)| !l.is_empty())
        .collect();
    if lines.len() > QUESTIONS_MAX {
        return Err(QuestionsError::TooMany { count: lines.len() });
    }
    lines
        .into_iter()
        .map(|(line, text)| {
            let (required, text) = match text.strip_prefix('?') {
                Some(rest) => (false, rest.trim()),
                None => (true, text),
            };
            let (kind, rest) = text
                .split_once(':')
                .or_else(|| text.split_once('：'))
                .ok_or(QuestionsError::Unreadable { line })?;
            let kind = QuestionKind::parse(kind.trim().to_lowercase().as_str())
                .ok_or(QuestionsError::Unreadable { line })?;
            let mut parts = rest.split('|').map(str::trim);
            let label = parts.next().unwrap_or_default().to_string();
            if label.is_empty() {
                return Err(QuestionsError::Unreadable { line });
            }
            let choices: Vec<String> = parts.filter(|p| !p.is_empty()).map(String::from).collect();
            if kind == QuestionKind::Choice && choices.len() < 2 {
                return Err(QuestionsError::Choices { line });
            }
            Ok(QuestionDef {
                kind,
                text: label,
                choices: if kind == QuestionKind::Choice {
                    choices
                } else {
                    Vec::new()
                },
                required,
            })
        })
        .collect()
}

/// The questions written back as the office types them (for the form's initial value).
pub fn questions_text(questions: &[QuestionDef]) -> String {
    questions
        .iter()
        .map(|q| {
            let optional = if q.required { "" } else { "? " };
            let mut line = format!("{optional}{}: {}", q.kind.as_str(), q.text);
            for c in &q.choices {
                line.push_str(&format!(" | {c}"));
            }
            line
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Reads the follow-up threshold (1–[`LOW_GROWTH_MAX`]; empty is the default).
pub fn parse_low_growth(text: &str) -> Option<u8> {
    let text = text.trim();
    if text.is_empty() {
        return Some(LOW_GROWTH_DEFAULT);
    }
    text.parse()
        .ok()
        .filter(|n| (1..=LOW_GROWTH_MAX).contains(n))
}

/// Reads the number of days a run stays open (1–28; empty is the default).
pub fn parse_open_days(text: &str) -> Option<u32> {
    let text = text.trim();
    if text.is_empty() {
        return Some(OPEN_DAYS_DEFAULT);
    }
    text.parse::<u32>()
        .ok()
        .filter(|d| (1..=OPEN_DAYS_MAX).contains(d))
}

/// A growth-feeling distribution (index 0 is score 1), or `None` when fewer than
/// [`MIN_GROUP`] answered.
pub fn distribution(scores: &[u8]) -> Option<[usize; 5]> {
    if scores.len() < MIN_GROUP {
        return None;
    }
    let mut counts = [0; 5];
    for s in scores.iter().filter(|s| (1..=5).contains(*s)) {
        counts[(*s - 1) as usize] += 1;
    }
    Some(counts)
}

/// The average in tenths (3.5 → 35), or `None` for fewer than [`MIN_GROUP`] values.
pub fn average_tenths(values: &[u8]) -> Option<u32> {
    if values.len() < MIN_GROUP {
        return None;
    }
    let sum: u32 = values.iter().map(|v| *v as u32).sum();
    Some((sum * 10 + values.len() as u32 / 2) / values.len() as u32)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn the_follow_up_threshold_is_one_to_four_and_empty_is_two() {
        assert_eq!(parse_low_growth(""), Some(2));
        assert_eq!(parse_low_growth(" 1 "), Some(1));
        assert_eq!(parse_low_growth("4"), Some(4));
        assert_eq!(parse_low_growth("5"), None);
        assert_eq!(parse_low_growth("0"), None);
        assert_eq!(parse_low_growth("two"), None);
    }

    fn tokyo(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
        chrono_tz::Asia::Tokyo
            .with_ymd_and_hms(y, m, d, h, 0, 0)
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn the_default_schedule_is_ten_on_the_first_weekday_of_each_month_in_tokyo() {
        let tz = chrono_tz::Asia::Tokyo;
        // Nov 2026 → Mar 2027: 1 Dec is a Tuesday, 1 Jan 2027 a Friday, 1 Feb a Monday,
        // 1 Mar a Monday; 1 Nov 2026 is a Sunday, so November's is Monday the 2nd.
        let got =
            Schedule::FirstWeekday.occurrences(tz, tokyo(2026, 10, 31, 0), tokyo(2027, 3, 31, 0));
        assert_eq!(
            got,
            vec![
                tokyo(2026, 11, 2, 10),
                tokyo(2026, 12, 1, 10),
                tokyo(2027, 1, 1, 10),
                tokyo(2027, 2, 1, 10),
                tokyo(2027, 3, 1, 10),
            ]
        );
        // 10:00 in Tokyo is 01:00 UTC: the end of a month in UTC is not the end in Tokyo.
        assert_eq!(got[1], Utc.with_ymd_and_hms(2026, 12, 1, 1, 0, 0).unwrap());
        // Looking back a week from the instant itself finds it (the job's catch-up window).
        let new_year = tokyo(2027, 1, 1, 10);
        assert_eq!(
            Schedule::FirstWeekday.occurrences(tz, new_year - Duration::days(7), new_year),
            vec![new_year]
        );
        // Saturday 1 May 2027 → Monday the 3rd.
        let may =
            Schedule::FirstWeekday.occurrences(tz, tokyo(2027, 4, 30, 0), tokyo(2027, 5, 31, 0));
        assert_eq!(may, vec![tokyo(2027, 5, 3, 10)]);
    }

    #[test]
    fn a_cron_schedule_is_read_in_the_workspace_zone_and_bad_ones_are_refused() {
        let s = Schedule::parse("0 30 9 L * *").or_else(|| Schedule::parse("0 30 9 28 * *"));
        let s = s.expect("a cron expression");
        let got = s.occurrences(
            chrono_tz::Asia::Tokyo,
            tokyo(2026, 12, 1, 0),
            tokyo(2027, 1, 31, 0),
        );
        assert!(!got.is_empty());
        assert!(Schedule::parse("every month").is_none());
        assert_eq!(Schedule::parse(""), Some(Schedule::FirstWeekday));
    }

    #[test]
    fn questions_are_read_one_per_line_and_an_eleventh_is_refused() {
        let qs =
            parse_questions("scale: 満足度\n? text: 一言\nchoice: 頻度 | 月1 | 月2\n").unwrap();
        assert_eq!(qs.len(), 3);
        assert_eq!(qs[1].kind, QuestionKind::Text);
        assert!(!qs[1].required);
        assert_eq!(qs[2].choices, ["月1", "月2"]);
        assert_eq!(parse_questions(&questions_text(&qs)).unwrap(), qs);
        let ten = ["text: q"; 10].join("\n");
        assert_eq!(parse_questions(&ten).unwrap().len(), 10);
        let eleven = ["text: q"; 11].join("\n");
        assert_eq!(
            parse_questions(&eleven),
            Err(QuestionsError::TooMany { count: 11 })
        );
        assert_eq!(
            parse_questions("choice: one | A"),
            Err(QuestionsError::Choices { line: 1 })
        );
        assert_eq!(
            parse_questions("what?"),
            Err(QuestionsError::Unreadable { line: 1 })
        );
    }

    #[test]
    fn groups_smaller_than_three_are_hidden() {
        assert_eq!(distribution(&[1, 5]), None);
        assert_eq!(distribution(&[1, 5, 5]), Some([1, 0, 0, 0, 2]));
        assert_eq!(average_tenths(&[4, 5]), None);
        assert_eq!(average_tenths(&[4, 5, 5]), Some(47));
    }
}
