//! Message catalogs (Fluent, Japanese and English): every user-facing text comes from here.

use std::collections::BTreeSet;
use std::sync::LazyLock;

use chrono::{DateTime, Datelike, Timelike};
use chrono_tz::Tz;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use unic_langid::langid;

use crate::domain::Lang;

const JA: &str = include_str!("ja.ftl");
const EN: &str = include_str!("en.ftl");

struct Catalogs {
    ja: FluentBundle<FluentResource>,
    en: FluentBundle<FluentResource>,
}

static CATALOGS: LazyLock<Catalogs> = LazyLock::new(|| Catalogs {
    ja: bundle(JA, langid!("ja")),
    en: bundle(EN, langid!("en")),
});

fn bundle(source: &str, lang: unic_langid::LanguageIdentifier) -> FluentBundle<FluentResource> {
    // The catalogs are compiled in and a test parses both, so a broken one never ships.
    let resource = FluentResource::try_new(source.to_string())
        .unwrap_or_else(|(_, errors)| panic!("message catalog {lang} does not parse: {errors:?}"));
    let mut bundle = FluentBundle::new_concurrent(vec![lang]);
    // Slack shows Unicode isolation marks as stray characters.
    bundle.set_use_isolating(false);
    bundle
        .add_resource(resource)
        .unwrap_or_else(|errors| panic!("message catalog has duplicate keys: {errors:?}"));
    bundle
}

fn catalog(lang: Lang) -> &'static FluentBundle<FluentResource> {
    match lang {
        Lang::Ja => &CATALOGS.ja,
        Lang::En => &CATALOGS.en,
    }
}

/// The text for `key` in `lang`.
pub fn t(lang: Lang, key: &str) -> String {
    t_args(lang, key, &[])
}

/// The text for `key` in `lang` with `{ $name }` placeholders filled in. A missing key is
/// logged and shown as the key itself rather than failing the whole screen.
pub fn t_args(lang: Lang, key: &str, args: &[(&str, &str)]) -> String {
    let bundle = catalog(lang);
    let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
        tracing::error!(key, lang = lang.code(), "missing message catalog key");
        return key.to_string();
    };
    let mut fluent_args = FluentArgs::new();
    for (name, value) in args {
        fluent_args.set(*name, *value);
    }
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
    if !errors.is_empty() {
        tracing::error!(
            key,
            lang = lang.code(),
            ?errors,
            "message catalog formatting error"
        );
    }
    text.into_owned()
}

/// A date and time as a reader of `lang` expects it, in the zone `t` carries.
pub fn format_datetime(lang: Lang, at: DateTime<Tz>) -> String {
    let weekday = at.weekday().num_days_from_monday().to_string();
    let month = at.month().to_string();
    t_args(
        lang,
        "datetime",
        &[
            ("year", &at.year().to_string()),
            ("month", &month),
            ("month-name", &t(lang, &format!("month-{month}"))),
            ("day", &at.day().to_string()),
            ("weekday", &t(lang, &format!("weekday-{weekday}"))),
            ("time", &format!("{:02}:{:02}", at.hour(), at.minute())),
        ],
    )
}

/// Every message key in one language's catalog.
pub fn keys(lang: Lang) -> BTreeSet<String> {
    let source = match lang {
        Lang::Ja => JA,
        Lang::En => EN,
    };
    let resource = fluent_syntax::parser::parse(source).unwrap_or_else(|(resource, _)| resource);
    resource
        .body
        .iter()
        .filter_map(|entry| match entry {
            fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_string()),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn both_catalogs_parse_without_errors() {
        for source in [JA, EN] {
            assert!(fluent_syntax::parser::parse(source).is_ok());
        }
        assert_eq!(t(Lang::Ja, "role-mentor"), "メンター");
        assert_eq!(t(Lang::En, "role-mentor"), "mentor");
    }

    #[test]
    fn every_catalog_key_exists_in_both_languages() {
        let ja = keys(Lang::Ja);
        let en = keys(Lang::En);
        assert!(ja.len() > 20);
        let only_ja: Vec<_> = ja.difference(&en).collect();
        let only_en: Vec<_> = en.difference(&ja).collect();
        assert!(
            only_ja.is_empty() && only_en.is_empty(),
            "ja only: {only_ja:?}, en only: {only_en:?}"
        );
    }

    #[test]
    fn every_key_built_at_run_time_exists_in_both_languages() {
        use crate::domain::{Role, SubCommand};
        let mut needed = Vec::new();
        for role in [Role::Admin, Role::Advisor, Role::Mentor, Role::Mentee] {
            needed.push(format!("role-{}", role.as_str()));
            needed.push(format!("role-{}-can", role.as_str()));
        }
        needed.extend(SubCommand::ALL.map(|s| format!("cmd-{}", s.word())));
        needed.extend((0..7).map(|d| format!("weekday-{d}")));
        needed.extend((1..=12).map(|m| format!("month-{m}")));
        needed.extend(Lang::ALL.map(|l| format!("language-{}", l.code())));
        needed.extend(crate::domain::Category::ALL.map(|c| format!("category-{}", c.as_str())));
        needed.extend(
            ["certified", "started", "needs_answers", "paused", "revoked"]
                .map(|s| format!("status-{s}")),
        );
        // BookingStatus::as_str() values, plus "started" (a 1on1 that began).
        needed.extend(
            [
                "requested",
                "confirmed",
                "declined",
                "cancelled",
                "expired",
                "started",
            ]
            .map(|s| format!("booking-status-{s}")),
        );
        needed.extend(crate::domain::booking::DEFAULT_TOPICS.map(|k| format!("topic-{k}")));
        needed.extend(crate::domain::booking::RESPONSES.map(|k| format!("response-{k}")));
        needed.extend((0..7).map(|d| format!("day-{d}-plain")));
        needed.extend(["admin", "advisor"].map(|r| format!("role-{r}-plain")));
        for lang in Lang::ALL {
            let keys = keys(lang);
            for key in &needed {
                assert!(keys.contains(key), "{key} missing in {}", lang.code());
            }
        }
    }

    #[test]
    fn placeholders_are_filled_without_isolation_marks() {
        let text = t_args(Lang::En, "home-greeting", &[("name", "Ann")]);
        assert_eq!(text, "Hello Ann :wave:");
        assert!(!text.contains('\u{2068}'));
    }

    #[test]
    fn a_missing_key_shows_the_key_instead_of_failing() {
        assert_eq!(t(Lang::Ja, "no-such-key"), "no-such-key");
    }

    #[test]
    fn dates_read_naturally_in_each_language() {
        let tokyo = chrono_tz::Asia::Tokyo
            .with_ymd_and_hms(2026, 11, 21, 9, 5, 0)
            .unwrap();
        assert_eq!(format_datetime(Lang::Ja, tokyo), "2026年11月21日(土) 09:05");
        assert_eq!(format_datetime(Lang::En, tokyo), "Sat, Nov 21, 2026 09:05");
    }
}
