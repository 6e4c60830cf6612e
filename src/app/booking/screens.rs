//! The 1on1 screens built here for every channel: the search form and a page of results, the
//! request and reschedule forms.

use chrono::{DateTime, NaiveDate, Utc};

use super::{BookingError, BookingResult};
use crate::app::actions::FindCtx;
use crate::app::screens::{
    theme_groups, Entered, FindScreen, Redraw, RequestScreen, RescheduleScreen, ResultsScreen,
    ThemeGroup, LISTED_THEMES,
};
use crate::app::App;
use crate::domain::{Reader, Theme, UserId};
use crate::storage::cards;

impl App {
    /// A page of the mentors matching the words and theme, each with a free slot (mentors
    /// away, at their cap, or without hours are hidden), never the reader, best first.
    pub async fn find_mentors(
        &self,
        reader: &UserId,
        query: &str,
        theme: Option<i64>,
        page: usize,
        now: DateTime<Utc>,
    ) -> anyhow::Result<ResultsScreen> {
        let search = FindCtx {
            words: query.to_string(),
            theme,
            page,
        };
        self.find_page(reader, search, now).await
    }

    /// The search form, with the themes mentees can filter by (a page of them: past
    /// [`LISTED_THEMES`] the filter is a type-ahead).
    pub async fn find_screen(&self, words: &str) -> anyhow::Result<FindScreen> {
        let themes = self
            .db
            .read(|c| cards::list_live_themes(c, LISTED_THEMES + 1))
            .await?;
        Ok(FindScreen::decide(&themes, words))
    }

    /// The themes a type-ahead filter offers for what was typed.
    pub async fn theme_suggestions(&self, typed: &str) -> anyhow::Result<Vec<ThemeGroup>> {
        Ok(theme_groups(&self.themes_for_mentees().await?, typed))
    }

    /// The request form as `reader` (the mentee) sees it, keeping what they `entered`.
    pub async fn request_screen(
        &self,
        reader: &Reader,
        mentor: &UserId,
        theme_id: i64,
        entered: Entered,
        redraw: Redraw,
        now: DateTime<Utc>,
    ) -> BookingResult<RequestScreen> {
        let options = self
            .request_options(&reader.user, mentor, theme_id, now)
            .await?;
        let mut screen = RequestScreen::decide(&options, reader.tz, entered, redraw);
        screen.follow_up(self.follow_up(&reader.user, mentor, theme_id, now).await?);
        Ok(screen)
    }

    /// The reschedule form for one of the pair: the mentor's free slots in the reader's zone.
    pub async fn reschedule_screen(
        &self,
        reader: &Reader,
        id: i64,
        day: Option<NaiveDate>,
        redraw: Redraw,
        now: DateTime<Utc>,
    ) -> BookingResult<RescheduleScreen> {
        let one = self.one_on_one(id).await?;
        if one.mentor != reader.user && one.mentee != reader.user {
            return Err(BookingError::Forbidden);
        }
        // Only a 1on1 that is still ahead can move (the submission checks again).
        if !one.status.is_live() {
            return Err(super::already(one.status));
        }
        if one.start <= now {
            return Err(BookingError::AlreadyDone("started"));
        }
        let slots = self.free_slots(&one.mentor, now).await?;
        Ok(RescheduleScreen::decide(id, &slots, reader.tz, day, redraw))
    }

    /// Whether `actor` may open the decline form of request `id`: only its mentor, and only
    /// while it waits for an answer (the submission checks again).
    pub async fn open_decline(
        &self,
        actor: &UserId,
        id: i64,
        now: DateTime<Utc>,
    ) -> BookingResult<()> {
        let one = self.one_on_one(id).await?;
        if one.mentor != *actor {
            return Err(super::decider_error(&one, actor));
        }
        if one.status != crate::domain::booking::BookingStatus::Requested {
            return Err(super::already(one.status));
        }
        if crate::domain::booking::request_lapsed(&one, now) {
            return Err(BookingError::AlreadyDone("expired"));
        }
        Ok(())
    }

    /// Themes mentees can filter by (not archived), by name; read without mentor counts (a
    /// filter needs none).
    pub async fn themes_for_mentees(&self) -> anyhow::Result<Vec<Theme>> {
        self.db
            .read(|c| cards::list_live_themes(c, usize::MAX))
            .await
    }
}
