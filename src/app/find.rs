//! Finding a mentor at a cost of one page: ranked mentor ids for the page (storage orders them
//! by relevance and by each mentor's stored next free slot), then the page's cards read in a
//! few queries, each card's next slot computed only up to its first free day.

use std::collections::HashMap;
use std::sync::Mutex;

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;

use super::mentor::{MentorCard, MentorTheme};
use super::screens::{FindResultsScreen, FindScreen, ResultsScreen, CARDS_PER_PAGE, LISTED_THEMES};
use super::App;
use crate::app::actions::FindCtx;
use crate::domain::availability::{next_free_slot, Hours, Slot};
use crate::domain::{CertStatus, Lang, UserId};
use crate::storage::availability::{self, DueAvailability};
use crate::storage::{cards, certifications, mentors, search, themes, users, Conn};

/// How many searches' first pages (and further pages) are kept; past that the cache starts over.
const CACHED_PAGES: usize = 512;

/// What finding keeps between requests: one refresh of stale rows at a time, and the pages and
/// form themes last read, valid while nothing was written and the minute is the same (free
/// slots move with time: a page is never more than a minute old).
#[derive(Default)]
pub struct Finding {
    refresh: tokio::sync::Mutex<()>,
    cache: Mutex<FindCache>,
    /// People's languages as last read, for answers that must not wait on the database.
    langs: Mutex<HashMap<UserId, Lang>>,
}

/// How many people's languages [`Finding`] remembers before it starts over.
const REMEMBERED_LANGS: usize = 50_000;

/// See [`App::shared_find_key`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SharedFindKey {
    /// The database generation and minute.
    pub at: (u64, i64),
    pub search: FindCtx,
}

#[derive(Default)]
struct FindCache {
    /// The database generation and minute the entries were read at.
    at: (u64, i64),
    themes: Option<Vec<crate::domain::Theme>>,
    /// Nothing was due at `at`.
    none_due: bool,
    /// Whether a reader mentors anything (certifications are searched tables, so this holds
    /// while the generation does).
    mentors: HashMap<UserId, bool>,
    /// By (words, theme, page): pages as a reader who is no mentor sees them.
    pages: HashMap<(String, Option<i64>, usize), ResultsScreen>,
}

impl Finding {
    /// The cache, emptied first if it was read at another generation or minute.
    fn cache_at(&self, at: (u64, i64)) -> std::sync::MutexGuard<'_, FindCache> {
        let mut cache = self.cache.lock().unwrap_or_else(|e| e.into_inner());
        if cache.at != at {
            *cache = FindCache {
                at,
                ..FindCache::default()
            };
        }
        cache
    }
}

/// How many stale rows one refresh pass recomputes before it writes them.
const REFRESH_BATCH: usize = 500;
/// 1on1s this far back count towards a cap (a month's cap counts the whole month).
const CAP_LOOKBACK_DAYS: i64 = 32;
/// A mentor with no free slot is looked at again after this long (days enter the horizon,
/// an away period ends).
const NO_SLOT_RECHECK: Duration = Duration::hours(1);

impl App {
    /// The person's language as the bot already knows it, without asking Slack (what an
    /// answer that cannot wait, such as "busy", is written in).
    pub async fn known_lang(&self, user: &UserId) -> Lang {
        let langs = &self.finding.langs;
        if let Some(lang) = langs.lock().unwrap_or_else(|e| e.into_inner()).get(user) {
            return *lang;
        }
        let id = user.clone();
        let lang = match self.db.read(move |c| users::get_user(c, &id)).await {
            Ok(Some(profile)) => self.reader(&profile).lang,
            _ => return self.settings.default_lang,
        };
        let mut langs = langs.lock().unwrap_or_else(|e| e.into_inner());
        if langs.len() >= REMEMBERED_LANGS {
            langs.clear();
        }
        langs.insert(user.clone(), lang);
        lang
    }

    /// The search form above a page of results: what `/mentor find [words]` opens.
    pub async fn find_with_results(
        &self,
        reader: &UserId,
        search: FindCtx,
        now: DateTime<Utc>,
    ) -> anyhow::Result<FindResultsScreen> {
        let at = self.cache_key(now);
        let cached = self.finding.cache_at(at).themes.clone();
        let form_themes = match cached {
            Some(themes) => themes,
            None => {
                let themes = self
                    .db
                    .read(|c| cards::list_live_themes(c, LISTED_THEMES + 1))
                    .await?;
                self.finding.cache_at(at).themes = Some(themes.clone());
                themes
            }
        };
        let form = FindScreen::decide(&form_themes, &search.words);
        let results = self.find_page(reader, search, now).await?;
        Ok(FindResultsScreen { form, results })
    }

    /// One page of mentors for the words and theme (mentors with no free slot are hidden),
    /// never the reader, best first (see `search::list_ranked_mentors`).
    pub async fn find_page(
        &self,
        reader: &UserId,
        search: FindCtx,
        now: DateTime<Utc>,
    ) -> anyhow::Result<ResultsScreen> {
        self.refresh_availability_if_due(now).await?;
        let at = self.cache_key(now);
        // A mentor never sees themselves, so their pages differ from everyone else's.
        let known = self.finding.cache_at(at).mentors.get(reader).copied();
        let mentor = match known {
            Some(mentor) => mentor,
            None => {
                let me = reader.clone();
                let mentor = self
                    .db
                    .read(move |c| certifications::has_certification(c, &me))
                    .await?;
                self.finding
                    .cache_at(at)
                    .mentors
                    .insert(reader.clone(), mentor);
                mentor
            }
        };
        let shared = !mentor;
        let key = (search.words.clone(), search.theme, search.page);
        if shared {
            if let Some(page) = self.finding.cache_at(at).pages.get(&key) {
                return Ok(page.clone());
            }
        }
        let page = self.read_page(reader, search, now).await?;
        if shared {
            let mut cache = self.finding.cache_at(at);
            if cache.pages.len() >= CACHED_PAGES {
                cache.pages.clear();
            }
            cache.pages.insert(key, page.clone());
        }
        Ok(page)
    }

    /// What identifies the screen `find_with_results` gives `reader` for `search` right now,
    /// when it is the one every reader who mentors nothing gets (read at this database
    /// generation and minute, nothing due): equal keys, equal screens, so an adapter may keep
    /// what it drew from one. `None` when unknown yet or the reader's own (a mentor).
    pub fn shared_find_key(
        &self,
        reader: &UserId,
        search: &FindCtx,
        now: DateTime<Utc>,
    ) -> Option<SharedFindKey> {
        let at = self.cache_key(now);
        let cache = self.finding.cache_at(at);
        let shared = cache.none_due && cache.mentors.get(reader) == Some(&false);
        shared.then(|| SharedFindKey {
            at,
            search: search.clone(),
        })
    }

    /// The generation and minute a cached read is valid at.
    fn cache_key(&self, now: DateTime<Utc>) -> (u64, i64) {
        (self.db.generation(), now.timestamp().div_euclid(60))
    }

    async fn read_page(
        &self,
        reader: &UserId,
        search: FindCtx,
        now: DateTime<Utc>,
    ) -> anyhow::Result<ResultsScreen> {
        let words = search::search_words(&search.words);
        let me = reader.clone();
        let (theme, asked) = (search.theme, search.page);
        let default_tz = self.settings.default_tz;
        let (cards, more, theme_name, page) = self
            .db
            .read(move |c| -> anyhow::Result<_> {
                // One more than a page says whether there is a next page.
                let ranked = |page: usize| {
                    let offset = page * CARDS_PER_PAGE;
                    search::list_ranked_mentors(c, &words, theme, &me, offset, CARDS_PER_PAGE + 1)
                };
                let mut page = asked;
                let mut ids = ranked(page)?;
                if ids.is_empty() && page > 0 {
                    // A page past the end (the results changed since): the first page.
                    page = 0;
                    ids = ranked(page)?;
                }
                let more = ids.len() > CARDS_PER_PAGE;
                ids.truncate(CARDS_PER_PAGE);
                let cards = load_cards(c, &ids, default_tz, now)?;
                let theme_name = match theme {
                    Some(id) => themes::get_theme(c, id)?.map(|t| t.name),
                    None => None,
                };
                Ok((cards, more, theme_name, page))
            })
            .await?;
        let search = FindCtx { page, ..search };
        // A stored next slot can be a moment stale: a card without a free slot now is left out.
        let cards: Vec<MentorCard> = cards
            .into_iter()
            .filter(|card| card.next_slot.is_some() && !card.themes.is_empty())
            .collect();
        Ok(ResultsScreen::page(search, theme_name, &cards, more))
    }

    /// Brings stale next-free-slot rows up to date, if any are due and no other search is
    /// already doing it (that one's results are a moment old at worst).
    pub async fn refresh_availability_if_due(&self, now: DateTime<Utc>) -> anyhow::Result<()> {
        let at = self.cache_key(now);
        if self.finding.cache_at(at).none_due {
            return Ok(());
        }
        let due = self
            .db
            .read(move |c| availability::has_due_availability(c, now))
            .await?;
        if !due {
            self.finding.cache_at(at).none_due = true;
            return Ok(());
        }
        let Ok(_only_one) = self.finding.refresh.try_lock() else {
            return Ok(());
        };
        self.refresh_availability(now).await.map(|_| ())
    }

    /// Recomputes every row due by `now`; returns how many were stored.
    pub async fn refresh_availability(&self, now: DateTime<Utc>) -> anyhow::Result<usize> {
        let default_tz = self.settings.default_tz;
        let mut stored = 0;
        loop {
            let computed = self
                .db
                .read(move |c| -> anyhow::Result<_> {
                    let due = availability::list_due_availability(c, now, REFRESH_BATCH)?;
                    let users: Vec<UserId> = due.iter().map(|d| d.user.clone()).collect();
                    let mut slots = next_slots(c, &users, default_tz, now)?;
                    Ok(due
                        .into_iter()
                        .map(|d| {
                            // No hours any more: nothing free, and nothing to recheck soon.
                            let next = slots.remove(&d.user).unwrap_or(NextFree {
                                slot: None,
                                recheck_at: now + NO_SLOT_RECHECK,
                            });
                            (d, next)
                        })
                        .collect::<Vec<(DueAvailability, NextFree)>>())
                })
                .await?;
            if computed.is_empty() {
                return Ok(stored);
            }
            let batch = computed.len();
            stored += self
                .db
                .write(move |tx| -> anyhow::Result<usize> {
                    let mut n = 0;
                    for (due, next) in &computed {
                        n += usize::from(availability::update_availability(
                            tx,
                            due,
                            next.slot.map(|s| s.start),
                            next.recheck_at,
                        )?);
                    }
                    Ok(n)
                })
                .await?;
            if batch < REFRESH_BATCH {
                return Ok(stored);
            }
        }
    }
}

/// A mentor's next free slot, and when time alone may change it: when the slot falls inside
/// the notice period (it is then no longer bookable), or soon when there is none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct NextFree {
    slot: Option<Slot>,
    recheck_at: DateTime<Utc>,
}

/// The next free slot of each of `users` who has hours, in four queries for all of them.
fn next_slots(
    c: &Conn,
    users: &[UserId],
    default_tz: Tz,
    now: DateTime<Utc>,
) -> anyhow::Result<HashMap<UserId, NextFree>> {
    if users.is_empty() {
        return Ok(HashMap::new());
    }
    let zones: HashMap<UserId, Tz> = cards::list_names_and_zones(c, users)?
        .into_iter()
        .map(|(user, _, tz)| (user, tz.parse().unwrap_or(default_tz)))
        .collect();
    let mut held: HashMap<UserId, Vec<Slot>> = HashMap::new();
    for (user, slot) in
        mentors::list_held_slots_for(c, users, now - Duration::days(CAP_LOOKBACK_DAYS))?
    {
        held.entry(user).or_default().push(slot);
    }
    Ok(mentors::list_hours_for(c, users)?
        .into_iter()
        .map(|(user, hours): (UserId, Hours)| {
            let tz = zones.get(&user).copied().unwrap_or(default_tz);
            let taken = held.get(&user).map(Vec::as_slice).unwrap_or(&[]);
            let slot = next_free_slot(&hours, tz, taken, now);
            let notice = Duration::hours(i64::from(hours.notice_hours));
            let recheck_at = slot.map_or(now + NO_SLOT_RECHECK, |s| (s.start - notice).max(now));
            (user, NextFree { slot, recheck_at })
        })
        .collect())
}

/// The cards of `mentors`, in that order: started themes of live themes with their answers,
/// the name the bot knows, and the next free slot computed now.
fn load_cards(
    c: &Conn,
    mentors: &[UserId],
    default_tz: Tz,
    now: DateTime<Utc>,
) -> anyhow::Result<Vec<MentorCard>> {
    let rows = cards::list_card_rows(c, mentors)?;
    let names: HashMap<UserId, String> = cards::list_names_and_zones(c, mentors)?
        .into_iter()
        .map(|(user, name, _)| (user, name))
        .collect();
    let slots = next_slots(c, mentors, default_tz, now)?;
    let mut themes: HashMap<&UserId, Vec<MentorTheme>> = HashMap::new();
    for started in &rows.themes {
        let questions = rows
            .questions
            .iter()
            .filter(|q| q.theme_id == started.theme.id)
            .map(|q| {
                let answer = rows
                    .answers
                    .iter()
                    .find(|(cert, question, _)| {
                        *cert == started.certification_id && *question == q.id
                    })
                    .map(|(_, _, value)| value.clone());
                (q.clone(), answer)
            })
            .collect();
        themes
            .entry(&started.mentor)
            .or_default()
            .push(MentorTheme {
                theme: started.theme.clone(),
                status: CertStatus::Started,
                questions,
            });
    }
    Ok(mentors
        .iter()
        .map(|mentor| MentorCard {
            mentor: mentor.clone(),
            name: names
                .get(mentor)
                .cloned()
                .unwrap_or_else(|| mentor.to_string()),
            themes: themes.remove(mentor).unwrap_or_default(),
            next_slot: slots.get(mentor).and_then(|n| n.slot).map(|s| s.start),
        })
        .collect())
}
