//! Find modals already drawn, as the JSON Slack is sent: every reader who mentors nothing sees
//! the same page for the same search in the same minute (`App::shared_find_key`), so for one
//! language and zone it is drawn and serialised once, and each further `/mentor find` only
//! wraps it with its trigger. Emptied whenever the key's generation or minute moves on, and
//! bounded in between.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use chrono_tz::Tz;
use serde_json::value::RawValue;

use crate::app::actions::FindCtx;
use crate::app::find::SharedFindKey;
use crate::domain::{Lang, Reader};

/// Drawn modals kept per generation and minute: searches × languages × zones in use (about
/// 8 KB each, so at most 4 MB).
const KEPT: usize = 512;

#[derive(Default)]
pub struct DrawnFinds {
    inner: Mutex<Drawn>,
}

#[derive(Default)]
struct Drawn {
    at: (u64, i64),
    views: HashMap<(FindCtx, Lang, Tz), Arc<RawValue>>,
}

impl DrawnFinds {
    fn at(&self, at: (u64, i64)) -> std::sync::MutexGuard<'_, Drawn> {
        let mut drawn = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        if drawn.at != at {
            *drawn = Drawn {
                at,
                views: HashMap::new(),
            };
        }
        drawn
    }

    /// The modal drawn for `key` in `reader`'s language and zone, if it was.
    pub fn get(&self, key: &SharedFindKey, reader: &Reader) -> Option<Arc<RawValue>> {
        let entry = (key.search.clone(), reader.lang, reader.tz);
        self.at(key.at).views.get(&entry).cloned()
    }

    pub fn put(&self, key: SharedFindKey, reader: &Reader, view: Arc<RawValue>) {
        let mut drawn = self.at(key.at);
        if drawn.views.len() >= KEPT {
            drawn.views.clear();
        }
        drawn
            .views
            .insert((key.search, reader.lang, reader.tz), view);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::UserId;

    fn reader(lang: Lang, tz: Tz) -> Reader {
        Reader {
            user: UserId::parse("U1").unwrap(),
            name: "a".into(),
            lang,
            tz,
        }
    }

    fn key(at: (u64, i64), words: &str) -> SharedFindKey {
        SharedFindKey {
            at,
            search: FindCtx {
                words: words.into(),
                ..FindCtx::default()
            },
        }
    }

    #[test]
    fn a_drawn_modal_is_kept_per_search_language_and_zone_until_the_generation_or_minute_moves() {
        let drawn = DrawnFinds::default();
        let view = RawValue::from_string(r#"{"type":"modal"}"#.into()).unwrap();
        let (tokyo, berlin) = (
            reader(Lang::Ja, chrono_tz::Asia::Tokyo),
            reader(Lang::Ja, chrono_tz::Europe::Berlin),
        );
        drawn.put(key((1, 10), "育休"), &tokyo, Arc::from(view));
        assert!(drawn.get(&key((1, 10), "育休"), &tokyo).is_some());
        assert!(
            drawn.get(&key((1, 10), "育休"), &berlin).is_none(),
            "another zone"
        );
        assert!(drawn
            .get(
                &key((1, 10), "育休"),
                &reader(Lang::En, chrono_tz::Asia::Tokyo)
            )
            .is_none());
        assert!(
            drawn.get(&key((1, 10), "backend"), &tokyo).is_none(),
            "another search"
        );
        assert!(
            drawn.get(&key((2, 10), "育休"), &tokyo).is_none(),
            "a write since"
        );
        assert!(
            drawn.get(&key((1, 10), "育休"), &tokyo).is_none(),
            "emptied, not kept aside"
        );
    }
}
