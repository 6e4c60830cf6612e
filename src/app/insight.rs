//! Mentor insight, tips and program analytics (issue 11 items 4–7): each use case checks the
//! reader's role here (a mentor's own insight, an admin's or an advisor's analytics within
//! their themes, an admin hiding a tip or setting an advisor's scope), whatever was pressed.

use chrono::{DateTime, Datelike, Duration, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

use super::errors::{Message, UserError};
use super::screens::{Coverage, InsightScreen, ScopeForm, StatsData, StatsScreen, TipForm};
use super::App;
use crate::domain::insight::{parse_tip, Cell, Scope, TipError};
use crate::domain::UserId;
use crate::storage::{audit, insight, roles, themes, tips};

/// Months of 1on1s the analytics list.
const MONTHS_SHOWN: usize = 6;
/// "Newly certified": within this many days.
const NEW_MENTOR_DAYS: i64 = 90;

#[derive(Debug, thiserror::Error)]
pub enum InsightError {
    #[error("only mentors have an insight or write tips")]
    NotMentor,
    #[error("only the program office and advisors see the analytics")]
    NotOffice,
    #[error("only program admins can do this")]
    NotAdmin,
    #[error("the theme is outside the advisor's scope")]
    OutsideScope,
    #[error("that person is not an advisor")]
    NotAdvisor,
    #[error("that tip no longer exists or is already hidden")]
    TipGone,
    #[error("the tip cannot be saved: {0:?}")]
    Tip(TipError),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl UserError for InsightError {
    fn message(&self) -> Message {
        match self {
            InsightError::NotMentor => Message::new("insight-not-mentor"),
            InsightError::NotOffice => Message::new("insight-not-office"),
            InsightError::NotAdmin => Message::new("admin-only"),
            InsightError::OutsideScope => Message::new("insight-outside-scope"),
            InsightError::NotAdvisor => Message::new("insight-not-advisor"),
            InsightError::TipGone => Message::new("insight-tip-gone"),
            InsightError::Tip(TipError::Empty) => Message::new("insight-tip-empty"),
            InsightError::Tip(TipError::TooLong) => {
                Message::new("insight-tip-too-long").number("max", crate::domain::insight::TIP_MAX)
            }
            InsightError::Tip(TipError::Unknown) => Message::new("insight-tip-unknown"),
            InsightError::Internal(_) => Message::new("error-generic"),
        }
    }
}

/// A tip as the form sent it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TipDraft {
    pub topic: Option<String>,
    pub response: Option<String>,
    pub body: String,
    pub signed: bool,
}

type Period = (DateTime<Utc>, DateTime<Utc>);

/// Local midnight of `day` in `tz` as an instant (the first instant of the day when midnight
/// falls in a daylight-saving gap).
fn local_midnight(day: chrono::NaiveDate, tz: Tz) -> DateTime<Utc> {
    (0..4)
        .find_map(|h| {
            tz.from_local_datetime(&day.and_time(NaiveTime::MIN + Duration::hours(h)))
                .earliest()
        })
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_else(|| Utc.from_utc_datetime(&day.and_time(NaiveTime::MIN)))
}

/// The current week (from Monday) and month as [start, end) in the workspace's zone `tz`,
/// for the cap counts.
fn periods(now: DateTime<Utc>, tz: Tz) -> (Period, Period) {
    let day = now.with_timezone(&tz).date_naive();
    let monday = day - Duration::days(i64::from(day.weekday().num_days_from_monday()));
    let first = day.with_day(1).unwrap_or(day);
    let next = first
        .checked_add_months(chrono::Months::new(1))
        .unwrap_or(first);
    let at = |d| local_midnight(d, tz);
    (
        (at(monday), at(monday + Duration::days(7))),
        (at(first), at(next)),
    )
}

/// The last `count` months up to the one of `now` in the workspace's zone `tz`, newest first:
/// each as its label (`YYYY-MM`) and [start, end).
fn months(now: DateTime<Utc>, tz: Tz, count: usize) -> Vec<(String, DateTime<Utc>, DateTime<Utc>)> {
    let local = now.with_timezone(&tz).date_naive();
    let first = local.with_day(1).unwrap_or(local);
    (0..count as u32)
        .filter_map(|back| {
            let start = first.checked_sub_months(chrono::Months::new(back))?;
            let end = start.checked_add_months(chrono::Months::new(1))?;
            Some((
                start.format("%Y-%m").to_string(),
                local_midnight(start, tz),
                local_midnight(end, tz),
            ))
        })
        .collect()
}

impl App {
    /// A mentor's own insight: each topic x response they have ratings in, beside the
    /// program's, hiding every group under 3 ratings.
    pub async fn mentor_insight(&self, user: &UserId) -> Result<InsightScreen, InsightError> {
        if !self.roles(user).await?.mentor {
            return Err(InsightError::NotMentor);
        }
        let mentor = user.clone();
        let (rows, custom) = self
            .db
            .read(move |c| -> anyhow::Result<_> {
                Ok((
                    insight::list_insight_cells(c, &mentor)?,
                    insight::list_topic_names(c)?,
                ))
            })
            .await?;
        let cells: Vec<Cell> = rows
            .into_iter()
            .map(|(topic, response, mine, program)| Cell {
                topic,
                response,
                mine: mine.figures(),
                program: program.figures(),
            })
            .collect();
        Ok(InsightScreen::decide(&cells, &custom))
    }

    /// The program's analytics: admins see every theme, advisors their scope (a theme outside
    /// it is refused), anyone else nothing. `theme` narrows them to one theme.
    pub async fn program_stats(
        &self,
        user: &UserId,
        theme: Option<i64>,
        now: DateTime<Utc>,
    ) -> Result<StatsScreen, InsightError> {
        let held = self.roles(user).await?;
        let restricted = !held.admin;
        if restricted && !held.advisor {
            tracing::warn!(user = %user, "refused analytics to someone neither admin nor advisor");
            return Err(InsightError::NotOffice);
        }
        let reader = user.clone();
        let scope_of_advisor = if restricted {
            Some(
                self.db
                    .read(move |c| roles::list_advisor_themes(c, &reader))
                    .await?,
            )
        } else {
            None
        };
        let (scope, coverage) = match (theme, &scope_of_advisor) {
            (Some(id), Some(mine)) if !mine.contains(&id) => {
                tracing::warn!(user = %user, theme = id, "refused a theme outside the advisor's scope");
                return Err(InsightError::OutsideScope);
            }
            (Some(id), _) => {
                let found = self.db.read(move |c| themes::get_theme(c, id)).await?;
                let Some(found) = found else {
                    return Err(InsightError::OutsideScope);
                };
                (Scope::Themes(vec![id]), Coverage::Theme(found.name))
            }
            (None, Some(mine)) => (Scope::Themes(mine.clone()), Coverage::Scope(mine.len())),
            (None, None) => (Scope::All, Coverage::All),
        };
        let tz = self.settings.default_tz;
        let (week, month) = periods(now, tz);
        let month_bounds = months(now, tz, MONTHS_SHOWN);
        let since_new = now - Duration::days(NEW_MENTOR_DAYS);
        let rows = super::screens::STATS_ROWS;
        let data = self
            .db
            .read(move |c| -> anyhow::Result<StatsData> {
                Ok(StatsData {
                    months: insight::list_months(c, &scope, &month_bounds)?,
                    themes: insight::list_theme_rows(c, &scope, rows)?,
                    categories: insight::list_category_rows(c, &scope)?,
                    load: insight::list_mentor_load(c, &scope, rows)?,
                    at_cap: insight::list_mentors_at_cap(c, &scope, week, month, rows)?,
                    never_booked: insight::list_never_booked(c, &scope, rows)?,
                    without_mentor: insight::list_themes_without_mentor(c, &scope, rows)?,
                    top: insight::list_top_cells(c, &scope, 3)?,
                    first: insight::get_first_one_on_one(c, &scope, since_new)?,
                    tips: if restricted {
                        Vec::new()
                    } else {
                        tips::list_recent_tips(c, super::screens::TIPS_LISTED)?
                    },
                    custom_topics: insight::list_topic_names(c)?,
                })
            })
            .await?;
        Ok(StatsScreen::decide(data, coverage, restricted))
    }

    /// The tip form (mentors only).
    pub async fn tip_form(&self, user: &UserId) -> Result<TipForm, InsightError> {
        if !self.roles(user).await?.mentor {
            return Err(InsightError::NotMentor);
        }
        let custom = self
            .db
            .read(crate::storage::bookings::list_custom_topics)
            .await?;
        Ok(TipForm::decide(&custom))
    }

    /// Saves a mentor's tip for a topic x response.
    pub async fn write_tip(
        &self,
        user: &UserId,
        draft: TipDraft,
        now: DateTime<Utc>,
    ) -> Result<i64, InsightError> {
        let form = self.tip_form(user).await?;
        let body = parse_tip(&draft.body).map_err(InsightError::Tip)?;
        let topic = draft
            .topic
            .filter(|t| form.topics.iter().any(|(k, _)| k == t))
            .ok_or(InsightError::Tip(TipError::Unknown))?;
        let response = draft
            .response
            .filter(|r| form.responses.contains(r))
            .ok_or(InsightError::Tip(TipError::Unknown))?;
        let author = user.clone();
        let signed = draft.signed;
        Ok(self
            .db
            .write(move |tx| tips::insert_tip(tx, &author, &topic, &response, &body, signed, now))
            .await?)
    }

    /// The office hides a tip (admins only; audited).
    pub async fn hide_tip(
        &self,
        user: &UserId,
        tip: i64,
        now: DateTime<Utc>,
    ) -> Result<(), InsightError> {
        self.require_insight_admin(user).await?;
        let by = user.clone();
        self.db
            .write(move |tx| -> Result<(), InsightError> {
                if !tips::update_tip_hidden(tx, tip, &by, now)? {
                    return Err(InsightError::TipGone);
                }
                audit::insert_audit(
                    tx,
                    by.as_str(),
                    "tip.hide",
                    &serde_json::json!({ "tip": tip }),
                    now,
                )?;
                Ok(())
            })
            .await
    }

    /// An advisor's scope as the office edits it (admins only).
    pub async fn advisor_scope(
        &self,
        user: &UserId,
        advisor: &UserId,
    ) -> Result<ScopeForm, InsightError> {
        self.require_insight_admin(user).await?;
        if !self.roles(advisor).await?.advisor {
            return Err(InsightError::NotAdvisor);
        }
        let who = advisor.clone();
        let (all, mine) = self
            .db
            .read(move |c| -> anyhow::Result<_> {
                Ok((
                    themes::list_theme_summaries(c, false, 0, 100)?.0,
                    roles::list_advisor_themes(c, &who)?,
                ))
            })
            .await?;
        Ok(ScopeForm {
            advisor: advisor.clone(),
            themes: all
                .into_iter()
                .map(|(t, _)| (t.id, t.name, mine.contains(&t.id)))
                .collect(),
        })
    }

    /// Replaces an advisor's scope with `chosen` (admins only; unknown themes are dropped;
    /// audited). Returns how many themes the scope now has.
    pub async fn set_advisor_scope(
        &self,
        user: &UserId,
        advisor: &UserId,
        chosen: Vec<i64>,
        now: DateTime<Utc>,
    ) -> Result<usize, InsightError> {
        let form = self.advisor_scope(user, advisor).await?;
        let kept: Vec<i64> = chosen
            .into_iter()
            .filter(|id| form.themes.iter().any(|(t, _, _)| t == id))
            .collect();
        let (by, who) = (user.clone(), advisor.clone());
        let n = kept.len();
        self.db
            .write(move |tx| -> anyhow::Result<()> {
                roles::replace_advisor_themes(tx, &who, &kept, &by, now)?;
                audit::insert_audit(
                    tx,
                    by.as_str(),
                    "advisor.scope",
                    &serde_json::json!({ "advisor": who.as_str(), "themes": kept }),
                    now,
                )
            })
            .await?;
        Ok(n)
    }

    async fn require_insight_admin(&self, user: &UserId) -> Result<(), InsightError> {
        if self.roles(user).await?.admin {
            return Ok(());
        }
        tracing::warn!(user = %user, "refused an office action from a non-admin");
        Err(InsightError::NotAdmin)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cap_periods_run_across_a_year_end() {
        let now = Utc.with_ymd_and_hms(2026, 12, 31, 23, 0, 0).unwrap();
        let ((week_start, week_end), (month_start, month_end)) = periods(now, chrono_tz::UTC);
        let day = |y, m, d| Utc.with_ymd_and_hms(y, m, d, 0, 0, 0).unwrap();
        assert_eq!((week_start, week_end), (day(2026, 12, 28), day(2027, 1, 4)));
        assert_eq!(
            (month_start, month_end),
            (day(2026, 12, 1), day(2027, 1, 1))
        );
    }

    #[test]
    fn months_are_the_workspaces_own_tokyo_months() {
        // 2026-12-01 08:00 in Tokyo is still November in UTC: it is December's first day here.
        let now = Utc.with_ymd_and_hms(2026, 11, 30, 23, 0, 0).unwrap();
        let tokyo = chrono_tz::Asia::Tokyo;
        let got = months(now, tokyo, 3);
        let labels: Vec<&str> = got.iter().map(|m| m.0.as_str()).collect();
        assert_eq!(labels, ["2026-12", "2026-11", "2026-10"]);
        assert_eq!(
            got[0].1,
            Utc.with_ymd_and_hms(2026, 11, 30, 15, 0, 0).unwrap()
        );
        assert_eq!(
            got[0].2,
            Utc.with_ymd_and_hms(2026, 12, 31, 15, 0, 0).unwrap()
        );
        let (_, (month_start, _)) = periods(now, tokyo);
        assert_eq!(month_start, got[0].1);
    }
}
