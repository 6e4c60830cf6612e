//! Message catalogs (Fluent, Japanese and English): every user-facing text comes from here.

use std::collections::BTreeSet;
use std::sync::LazyLock;

use chrono::{DateTime, Datelike, Timelike};
use chrono_tz::Tz;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use unic_langid::langid;

use crate::app::errors::{Message, MessageArg};
use crate::domain::booking::Topic;
use crate::domain::{Lang, UserId};

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

/// A placeholder's value: text, or a number, which Fluent's plural selectors read
/// (`{ $count -> [one] … *[other] … }`). Counts must be passed as numbers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Arg<'a> {
    Text(&'a str),
    Number(i64),
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(text: &'a str) -> Self {
        Arg::Text(text)
    }
}

impl<'a> From<&'a String> for Arg<'a> {
    fn from(text: &'a String) -> Self {
        Arg::Text(text)
    }
}

macro_rules! number_arg {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg<'_> {
            fn from(n: $t) -> Self {
                Arg::Number(i64::try_from(n).unwrap_or(i64::MAX))
            }
        }
        impl From<&$t> for Arg<'_> {
            fn from(n: &$t) -> Self {
                Arg::from(*n)
            }
        }
    )*};
}
number_arg!(i32, i64, u32, u64, usize);

/// The text for `key` in `lang`.
pub fn t(lang: Lang, key: &str) -> String {
    t_with(lang, key, &[])
}

/// The text for `key` in `lang` with text placeholders filled in.
pub fn t_args(lang: Lang, key: &str, args: &[(&str, &str)]) -> String {
    let args: Vec<(&str, Arg<'_>)> = args.iter().map(|(k, v)| (*k, Arg::Text(v))).collect();
    t_with(lang, key, &args)
}

/// The text for `key` in `lang` with placeholders of text or numbers filled in. A missing key
/// is logged and shown as the key itself rather than failing the whole screen.
pub fn t_with(lang: Lang, key: &str, args: &[(&str, Arg<'_>)]) -> String {
    let (text, errors) = format(lang, key, args);
    if !errors.is_empty() {
        tracing::error!(key, lang = lang.code(), ?errors, "message catalog error");
    }
    text
}

/// How a channel writes what a [`Message`] carries besides catalog text: a person (a Slack
/// mention, a Teams name) and text a person typed (escaped for the channel's markup).
pub trait Markup {
    fn mention(&self, user: &UserId) -> String;
    fn text(&self, text: &str) -> String;
}

/// A use case's [`Message`] for a reader of `lang` in zone `tz`, written with `markup`.
pub fn message(lang: Lang, tz: Tz, message: &Message, markup: &dyn Markup) -> String {
    let texts: Vec<String> = message
        .args
        .iter()
        .map(|(_, arg)| match arg {
            MessageArg::Text(text) => markup.text(text),
            MessageArg::Number(_) => String::new(),
            MessageArg::Key(key) => t(lang, key),
            MessageArg::User(user) => markup.mention(user),
            MessageArg::Time(at) => format_datetime(lang, at.with_timezone(&tz)),
        })
        .collect();
    let args: Vec<(&str, Arg<'_>)> = message
        .args
        .iter()
        .zip(&texts)
        .map(|((name, arg), text)| match arg {
            MessageArg::Number(n) => (*name, Arg::Number(*n)),
            _ => (*name, Arg::Text(text)),
        })
        .collect();
    t_with(lang, message.key, &args)
}

/// The text and any formatting errors (a missing key is one).
fn format(lang: Lang, key: &str, args: &[(&str, Arg<'_>)]) -> (String, Vec<String>) {
    let bundle = catalog(lang);
    let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
        return (key.to_string(), vec![format!("missing key {key}")]);
    };
    let mut fluent_args = FluentArgs::new();
    for (name, value) in args {
        match value {
            Arg::Text(text) => fluent_args.set(*name, *text),
            Arg::Number(n) => fluent_args.set(*name, *n),
        }
    }
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
    (
        text.into_owned(),
        errors.iter().map(|e| e.to_string()).collect(),
    )
}

/// A 1on1's topic as its reader names it: a default topic in their language, an office's topic
/// or the mentee's own words as written.
pub fn topic_label(lang: Lang, topic: &Topic) -> String {
    match topic {
        Topic::Default { key } => t(lang, &format!("topic-{key}")),
        Topic::Custom { name, .. } => name.clone(),
        Topic::Other { text } => text.clone(),
    }
}

/// An expected response (stored by key) in the reader's language.
pub fn response_label(lang: Lang, key: &str) -> String {
    t(lang, &format!("response-{key}"))
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

/// A day as a reader of `lang` writes it (no time: a due date is a day in its owner's zone).
pub fn format_date(lang: Lang, day: chrono::NaiveDate) -> String {
    let month = day.month().to_string();
    let weekday = day.weekday().num_days_from_monday().to_string();
    t_args(
        lang,
        "memo-date",
        &[
            ("year", &day.year().to_string()),
            ("month", &month),
            ("month-name", &t(lang, &format!("month-{month}"))),
            ("day", &day.day().to_string()),
            ("weekday", &t(lang, &format!("weekday-{weekday}"))),
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

    /// Every variable a message refers to, in its value and in every variant of a selector.
    fn variables(lang: Lang) -> Vec<(String, BTreeSet<String>)> {
        use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};
        fn inline(e: &InlineExpression<&str>, out: &mut BTreeSet<String>) {
            if let InlineExpression::VariableReference { id } = e {
                out.insert(id.name.to_string());
            }
        }
        fn walk(p: &Pattern<&str>, out: &mut BTreeSet<String>) {
            for element in &p.elements {
                let PatternElement::Placeable { expression } = element else {
                    continue;
                };
                match expression {
                    Expression::Inline(e) => inline(e, out),
                    Expression::Select { selector, variants } => {
                        inline(selector, out);
                        variants.iter().for_each(|v| walk(&v.value, out));
                    }
                }
            }
        }
        let source = match lang {
            Lang::Ja => JA,
            Lang::En => EN,
        };
        let resource = fluent_syntax::parser::parse(source).unwrap_or_else(|(r, _)| r);
        resource
            .body
            .iter()
            .filter_map(|entry| match entry {
                Entry::Message(m) => {
                    let mut vars = BTreeSet::new();
                    if let Some(value) = &m.value {
                        walk(value, &mut vars);
                    }
                    Some((m.id.name.to_string(), vars))
                }
                _ => None,
            })
            .collect()
    }

    /// Placeholders that carry a count somewhere in the catalogs.
    const COUNTS: &[&str] = &[
        "count",
        "n",
        "total",
        "certified",
        "started",
        "waiting",
        "already",
        "rows",
        "done",
        "themes",
        "questions",
        "required",
        "max",
        "minutes",
        "sessions",
        "page",
        "pages",
        "limit",
        "position",
        "row",
        "expected",
        "found",
        "slot",
        "horizon",
        "notice",
    ];

    #[test]
    fn every_message_with_a_count_reads_right_with_one_and_with_two() {
        let singular_noun_after_one = |text: &str| {
            let words: Vec<&str> = text.split_whitespace().collect();
            words.windows(2).find_map(|w| {
                let noun = w[1].trim_matches(|c: char| !c.is_alphabetic());
                // A plural noun ("rows", "days"), not a verb after a number ("column 1 has").
                let verb = ["has", "is", "was", "does"].contains(&noun);
                let plural =
                    noun.len() > 2 && noun.ends_with('s') && !noun.ends_with("ss") && !verb;
                (w[0].trim_start_matches(['(', '*']) == "1" && (plural || noun == "people"))
                    .then(|| format!("1 {noun}"))
            })
        };
        let mut checked = 0;
        for lang in Lang::ALL {
            for (key, vars) in variables(lang) {
                if !vars.iter().any(|v| COUNTS.contains(&v.as_str())) {
                    continue;
                }
                for n in [1i64, 2] {
                    let args: Vec<(&str, Arg<'_>)> = vars
                        .iter()
                        .map(|v| {
                            let value = if COUNTS.contains(&v.as_str()) {
                                Arg::Number(n)
                            } else {
                                Arg::Text("x")
                            };
                            (v.as_str(), value)
                        })
                        .collect();
                    let (text, errors) = format(lang, &key, &args);
                    assert!(
                        errors.is_empty(),
                        "{key} ({}) with {n}: {errors:?}",
                        lang.code()
                    );
                    if lang == Lang::En && n == 1 {
                        assert_eq!(singular_noun_after_one(&text), None, "{key}: {text}");
                    }
                    checked += 1;
                }
            }
        }
        assert!(checked > 40, "{checked} renderings");
        // The selectors are really used: one and other read differently.
        let people = |n: i64| {
            t_with(
                Lang::En,
                "certify-done",
                &[("count", n.into()), ("theme", "T".into())],
            )
        };
        assert!(
            people(1).starts_with("Certified 1 person for"),
            "{}",
            people(1)
        );
        assert!(
            people(2).starts_with("Certified 2 people for"),
            "{}",
            people(2)
        );
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
