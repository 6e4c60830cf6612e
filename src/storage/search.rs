//! `mentor_search`: what mentees search, one row per started certification of a live theme.

use anyhow::Context;
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension, ToSql};
use unicode_normalization::UnicodeNormalization;

use crate::domain::UserId;

/// The most words a query keeps; the rest of what was typed is ignored.
const MAX_WORDS: usize = 5;
/// Longer words are cut to this many characters.
const MAX_WORD_CHARS: usize = 50;
/// The trigram index finds nothing for shorter words, so they are matched with LIKE.
const TRIGRAM_CHARS: usize = 3;

/// A hit: the certification that matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchHit {
    pub certification_id: i64,
    pub mentor: UserId,
    pub theme_id: i64,
}

/// Rebuilds the search row of one certification: theme name, theme description, and the mentor's
/// answers to the theme's current questions (question label + answer), joined with newlines.
/// Deletes the row when the certification is not 'started' or the theme is archived (only started
/// mentors of live themes are found). Call inside the caller's transaction.
pub fn update_search_row(conn: &Connection, certification_id: i64) -> anyhow::Result<()> {
    // The row's rowid is the certification id, so replacing it needs no scan of the table.
    conn.execute(
        "DELETE FROM mentor_search WHERE rowid = ?1",
        [certification_id],
    )
    .with_context(|| format!("delete search row of certification {certification_id}"))?;
    let Some(body) = searchable_body(conn, certification_id)? else {
        return Ok(());
    };
    conn.execute(
        "INSERT INTO mentor_search (rowid, body, certification_id) VALUES (?1, ?2, ?1)",
        params![certification_id, body],
    )
    .with_context(|| format!("insert search row of certification {certification_id}"))?;
    Ok(())
}

/// Rebuilds every row of a theme (after a rename, archive/restore, or a question change).
pub fn update_search_rows_for_theme(conn: &Connection, theme_id: i64) -> anyhow::Result<()> {
    let ids = list_ids(
        conn,
        "SELECT id FROM certifications WHERE theme_id = ?1",
        &[&theme_id],
    )
    .with_context(|| format!("list certifications of theme {theme_id} to index"))?;
    ids.into_iter()
        .try_for_each(|id| update_search_row(conn, id))
}

/// Rebuilds every row: for a database whose certifications were started before search existed.
/// Builds the whole index when it is empty but started mentors exist (after an upgrade).
pub fn update_search_index_if_empty(conn: &Connection) -> anyhow::Result<()> {
    let indexed: i64 = conn
        .query_row("SELECT COUNT(*) FROM mentor_search", [], |r| r.get(0))
        .context("count search rows")?;
    let started: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM certifications WHERE status = 'started'",
            [],
            |r| r.get(0),
        )
        .context("count started mentors")?;
    if indexed == 0 && started > 0 {
        update_all_search_rows(conn)?;
    }
    Ok(())
}

pub fn update_all_search_rows(conn: &Connection) -> anyhow::Result<()> {
    let ids = list_ids(conn, "SELECT id FROM certifications", &[])
        .context("list certifications to index")?;
    ids.into_iter()
        .try_for_each(|id| update_search_row(conn, id))
}

/// Started certifications of non-archived themes matching ALL of `words` (AND), optionally only
/// `theme_id`, never `exclude` (the reader), ordered by theme name then mentor id, at most `limit`.
/// Empty `words` means every started certification (filtered by theme if given).
pub fn list_search_hits(
    conn: &Connection,
    words: &[String],
    theme_id: Option<i64>,
    exclude: &UserId,
    limit: usize,
) -> anyhow::Result<Vec<SearchHit>> {
    let mut sql = String::from(
        "SELECT c.id, c.user_id, c.theme_id FROM certifications c JOIN themes t ON t.id = c.theme_id
         WHERE c.status = 'started' AND t.archived_at IS NULL AND c.user_id != ?",
    );
    let mut args: Vec<Value> = vec![exclude.as_str().to_string().into()];
    if let Some(theme_id) = theme_id {
        sql.push_str(" AND c.theme_id = ?");
        args.push(theme_id.into());
    }
    let (conditions, word_args) = word_conditions(words);
    if !conditions.is_empty() {
        sql.push_str(" AND c.id IN (SELECT rowid FROM mentor_search WHERE ");
        sql.push_str(&conditions.join(" AND "));
        sql.push(')');
        args.extend(word_args);
    }
    // name_key is the theme name without case, width or spacing differences.
    sql.push_str(" ORDER BY t.name_key, c.user_id LIMIT ?");
    args.push(i64::try_from(limit).unwrap_or(i64::MAX).into());

    let mut stmt = conn.prepare_cached(&sql).context("prepare mentor search")?;
    let rows = stmt
        .query_map(params_from_iter(args), |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)?,
            ))
        })
        .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
        .with_context(|| format!("search mentors for {words:?}"))?;
    rows.into_iter()
        .map(|(certification_id, user, theme_id)| {
            Ok(SearchHit {
                certification_id,
                mentor: UserId::parse(&user).context("stored certification user")?,
                theme_id,
            })
        })
        .collect()
}

/// Every findable mentor but ?1, soonest free first, ?2 of them from ?3: down the
/// `next_free_at` index, so it reads about one page (tested below).
const SOONEST_FREE: &str = "SELECT a.user_id FROM mentor_availability a
     WHERE a.next_free_at IS NOT NULL AND a.user_id != ?1
       AND EXISTS (SELECT 1 FROM certifications c JOIN themes t ON t.id = c.theme_id
                   WHERE c.user_id = a.user_id AND c.status = 'started' AND t.archived_at IS NULL)
     ORDER BY a.next_free_at, a.user_id LIMIT ?2 OFFSET ?3";

/// Mentors to show for a search, best first, `limit` of them from `offset`: never `exclude`
/// (the reader), only those with a free slot (by `mentor_availability`) and a started
/// certification of a live theme (of `theme_id` if given) whose name holds every word, or
/// whose text (name, description, answers) does.
///
/// Order: a theme whose name is what was typed or starts with it, then themes whose name holds
/// every word, then matches in descriptions and answers; within each, the earliest next free
/// slot, then the mentor id. A mentor with several matching themes counts once, at the best.
///
/// Cost: without words or theme it walks the availability index in order (about one page).
/// Otherwise it first ranks only the mentors of themes matched by name (the themes table and
/// an index per theme); only when they do not fill the page does it search the text too.
pub fn list_ranked_mentors(
    conn: &Connection,
    words: &[String],
    theme_id: Option<i64>,
    exclude: &UserId,
    offset: usize,
    limit: usize,
) -> anyhow::Result<Vec<UserId>> {
    let as_i64 = |n: usize| Value::from(i64::try_from(n).unwrap_or(i64::MAX));
    let page = [as_i64(limit), as_i64(offset)];
    let exclude = Value::from(exclude.as_str().to_string());
    if words.is_empty() && theme_id.is_none() {
        return ranked_ids(conn, SOONEST_FREE, [exclude].into_iter().chain(page), words);
    }
    let (named_sql, mut named_args) = named_hits(words, theme_id);
    named_args.push(exclude.clone());
    let ranked = |hits: &str| {
        format!(
            "WITH hits AS ({hits}),
                  best AS (SELECT user_id, MIN(tier) AS tier FROM hits WHERE user_id != ?
                           GROUP BY user_id)
             SELECT b.user_id FROM best b JOIN mentor_availability a ON a.user_id = b.user_id
             WHERE a.next_free_at IS NOT NULL
             ORDER BY b.tier, a.next_free_at, b.user_id LIMIT ? OFFSET ?"
        )
    };
    // Name matches rank first: when they fill the page, the text need not be searched.
    let named = ranked_ids(
        conn,
        &ranked(&named_sql),
        named_args.iter().cloned().chain(page.clone()),
        words,
    )?;
    let (conditions, word_args) = word_conditions(words);
    if named.len() == limit || conditions.is_empty() {
        return Ok(named);
    }
    let (named_only, _) = named_args.split_at(named_args.len() - 1);
    if !conditions.iter().any(|c| c.contains("MATCH")) {
        // Only short words, which the trigram index cannot serve (see `short_words_page`).
        let named_total = if named.is_empty() && offset > 0 {
            count_named(conn, &named_sql, named_only, &exclude)?
        } else {
            offset + named.len()
        };
        let text_page = TextPage {
            offset: offset.saturating_sub(named_total),
            limit: limit - named.len(),
        };
        let mut found = named;
        found.extend(short_words_page(
            conn,
            ShortWords {
                named_sql: &named_sql,
                named_args: named_only,
                conditions: &conditions,
                word_args: &word_args,
                theme_id,
                exclude: &exclude,
            },
            text_page,
            words,
        )?);
        return Ok(found);
    }
    let mut text_sql = format!(
        "SELECT c.user_id AS user_id, 2 AS tier FROM mentor_search
         JOIN certifications c ON c.id = mentor_search.rowid
         JOIN themes t ON t.id = c.theme_id
         WHERE {} AND c.status = 'started' AND t.archived_at IS NULL",
        conditions.join(" AND ")
    );
    let mut args: Vec<Value> = word_args;
    if let Some(theme_id) = theme_id {
        text_sql.push_str(" AND c.theme_id = ?");
        args.push(theme_id.into());
    }
    let all = format!("{text_sql} UNION ALL {named_sql}");
    // The text part's arguments come first, as its SQL does.
    args.extend(named_only.iter().cloned());
    args.push(exclude);
    ranked_ids(conn, &ranked(&all), args.into_iter().chain(page), words)
}

/// What the answers tier for short words searches: the name tiers (left out of it), the
/// words' conditions on `mentor_search`, maybe a theme, and the reader (never shown).
struct ShortWords<'a> {
    named_sql: &'a str,
    named_args: &'a [Value],
    conditions: &'a [&'static str],
    word_args: &'a [Value],
    theme_id: Option<i64>,
    exclude: &'a Value,
}

/// Which of the answers tier's mentors to show.
#[derive(Clone, Copy)]
struct TextPage {
    offset: usize,
    limit: usize,
}

/// Mentors walked soonest free first, per mentor the page asks for, before searching the text
/// itself instead (at least [`WALK_MIN`]).
const WALK_PER_ROW: usize = 200;
const WALK_MIN: usize = 1_000;

/// The answers tier for words of one or two characters (「育休」, "DX"), which the trigram
/// index cannot serve. First it walks the mentors soonest free first, down the `next_free_at`
/// index, testing each one's own search rows, until the page is full: a word many mentors
/// wrote fills it at once, however many mentors there are. The walk stops after a bounded
/// number of mentors; a word too rare to fill the page within them is then looked for in the
/// search rows themselves (one pass over the text, no lookups per mentor) and only its few
/// hits are ranked. Either way the order is the same: soonest free, then mentor id.
fn short_words_page(
    conn: &Connection,
    search: ShortWords<'_>,
    page: TextPage,
    words: &[String],
) -> anyhow::Result<Vec<UserId>> {
    let walk_len = WALK_PER_ROW
        .saturating_mul(page.offset.saturating_add(page.limit))
        .max(WALK_MIN);
    // The last mentor the walk may reach, as (next free time, id): a position in the order,
    // so mentors sharing a time never stretch it; none: it reaches them all.
    let bound: Option<(String, String)> = conn
        .prepare_cached(WALK_BOUND)
        .and_then(|mut stmt| {
            stmt.query_row([i64::try_from(walk_len).unwrap_or(i64::MAX)], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()
        })
        .context("bound the walk")?;
    let page_args =
        [page.limit, page.offset].map(|n| Value::from(i64::try_from(n).unwrap_or(i64::MAX)));
    let theme = search.theme_id.map(Value::from);
    let walk = short_words_sql(SHORT_WORDS_WALK, &search, bound.is_some());
    let args = bound
        .clone()
        .into_iter()
        .flat_map(|(at, user)| [Value::from(at), Value::from(user)])
        .chain([search.exclude.clone()])
        .chain(search.named_args.iter().cloned())
        .chain(search.word_args.iter().cloned())
        .chain(theme.clone())
        .chain(page_args.clone());
    let walked = ranked_ids(conn, &walk, args, words)?;
    if walked.len() == page.limit || bound.is_none() {
        return Ok(walked);
    }
    let scan = short_words_sql(SHORT_WORDS_SCAN, &search, false);
    let args = search
        .word_args
        .iter()
        .cloned()
        .chain(theme)
        .chain([search.exclude.clone()])
        .chain(search.named_args.iter().cloned())
        .chain(page_args);
    ranked_ids(conn, &scan, args, words)
}

/// The mentor at OFFSET ?1 in the soonest-free order (an index walk): (next free time, id).
const WALK_BOUND: &str = "SELECT next_free_at, user_id FROM mentor_availability
     WHERE next_free_at IS NOT NULL ORDER BY next_free_at, user_id LIMIT 1 OFFSET ?1";

/// Mentors up to a bound in the soonest-free order ({bound}), down the `next_free_at` index,
/// each tested on their own search rows; those the name tiers ranked ({named}) are left out.
/// Parameters: the bound's time and id if bounded, the reader, {named}'s, the words', the theme
/// if any, LIMIT, OFFSET.
const SHORT_WORDS_WALK: &str = "SELECT a.user_id FROM mentor_availability a
     WHERE a.next_free_at IS NOT NULL {bound} AND a.user_id != ?
       AND a.user_id NOT IN (SELECT user_id FROM ({named}))
       AND EXISTS (SELECT 1 FROM certifications c JOIN themes t ON t.id = c.theme_id
                   JOIN mentor_search ON mentor_search.rowid = c.id
                   WHERE c.user_id = a.user_id AND c.status = 'started'
                     AND t.archived_at IS NULL AND {words} {theme})
     ORDER BY a.next_free_at, a.user_id LIMIT ? OFFSET ?";

/// The same mentors found from the search rows that hold the words (one pass over the text),
/// then ranked. Parameters: the words', the theme if any, the reader, {named}'s, LIMIT, OFFSET.
const SHORT_WORDS_SCAN: &str = "SELECT a.user_id FROM certifications c
     JOIN themes t ON t.id = c.theme_id
     JOIN mentor_availability a ON a.user_id = c.user_id
     WHERE c.id IN (SELECT rowid FROM mentor_search WHERE {words})
       AND c.status = 'started' AND t.archived_at IS NULL {theme}
       AND a.next_free_at IS NOT NULL AND a.user_id != ?
       AND a.user_id NOT IN (SELECT user_id FROM ({named}))
     GROUP BY a.user_id
     ORDER BY a.next_free_at, a.user_id LIMIT ? OFFSET ?";

/// `template` with the name tiers' SQL, the words' conditions, maybe a theme and maybe the
/// walk's bound filled in.
fn short_words_sql(template: &str, search: &ShortWords<'_>, bounded: bool) -> String {
    template
        .replace(
            "{bound}",
            if bounded {
                "AND (a.next_free_at, a.user_id) <= (?, ?)"
            } else {
                ""
            },
        )
        .replace("{named}", search.named_sql)
        .replace("{words}", &search.conditions.join(" AND "))
        .replace(
            "{theme}",
            if search.theme_id.is_some() {
                "AND c.theme_id = ?"
            } else {
                ""
            },
        )
}

/// How many mentors with a free slot the name tiers rank in all (at most the mentors of the
/// themes whose names match).
fn count_named(
    conn: &Connection,
    named_sql: &str,
    named_args: &[Value],
    exclude: &Value,
) -> anyhow::Result<usize> {
    let sql = format!(
        "SELECT COUNT(DISTINCT n.user_id) FROM ({named_sql}) n
         JOIN mentor_availability a ON a.user_id = n.user_id
         WHERE a.next_free_at IS NOT NULL AND n.user_id != ?"
    );
    let args = named_args.iter().cloned().chain([exclude.clone()]);
    let mut stmt = conn.prepare_cached(&sql).context("prepare named count")?;
    let count: i64 = stmt
        .query_row(params_from_iter(args), |r| r.get(0))
        .context("count name matches")?;
    Ok(usize::try_from(count).unwrap_or(0))
}

/// The certifications (user_id, tier) of live themes matched by name: tier 0 when the name
/// (without case, width or spaces) is what was typed or starts with it, 1 when it holds every
/// word; every started mentor of the theme when only a theme is given.
fn named_hits(words: &[String], theme_id: Option<i64>) -> (String, Vec<Value>) {
    let phrase = crate::domain::name_key(&words.join(""));
    let keys: Vec<Value> = words
        .iter()
        .map(|w| Value::from(crate::domain::name_key(w)))
        .collect();
    let every_word = vec!["instr(t.name_key, ?) > 0"; keys.len().max(1)].join(" AND ");
    let mut args: Vec<Value> = vec![phrase.clone().into(), phrase.clone().into(), phrase.into()];
    let mut sql = format!(
        "SELECT c.user_id AS user_id, n.tier AS tier FROM (
           SELECT t.id AS id,
                  CASE WHEN ? != '' AND substr(t.name_key, 1, length(?)) = ? THEN 0 ELSE 1 END AS tier
           FROM themes t WHERE t.archived_at IS NULL AND ({every_word})"
    );
    if keys.is_empty() {
        args.push(Value::from(String::new()));
    } else {
        args.extend(keys);
    }
    if let Some(theme_id) = theme_id {
        sql.push_str(" AND t.id = ?");
        args.push(theme_id.into());
    }
    // CROSS JOIN keeps SQLite to this order: the few named themes, then each one's mentors.
    sql.push_str(") n CROSS JOIN certifications c ON c.theme_id = n.id AND c.status = 'started'");
    (sql, args)
}

fn ranked_ids(
    conn: &Connection,
    sql: &str,
    args: impl IntoIterator<Item = Value>,
    words: &[String],
) -> anyhow::Result<Vec<UserId>> {
    let mut stmt = conn.prepare_cached(sql).context("prepare ranked search")?;
    let rows = stmt
        .query_map(params_from_iter(args), |r| r.get::<_, String>(0))
        .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
        .with_context(|| format!("rank mentors for {words:?}"))?;
    rows.iter()
        .map(|user| UserId::parse(user).context("stored certification user"))
        .collect()
}

/// Indexes every started certification of a live theme that has no search row (however it
/// was made: one imported as already started, with no answers, must be found too).
pub fn update_missing_search_rows(conn: &Connection) -> anyhow::Result<usize> {
    let ids = list_ids(
        conn,
        "SELECT c.id FROM certifications c JOIN themes t ON t.id = c.theme_id
         WHERE c.status = 'started' AND t.archived_at IS NULL
           AND NOT EXISTS (SELECT 1 FROM mentor_search s WHERE s.rowid = c.id)",
        &[],
    )
    .context("list unindexed certifications")?;
    let n = ids.len();
    ids.into_iter()
        .try_for_each(|id| update_search_row(conn, id))?;
    Ok(n)
}

/// Splits what a user typed into words: on whitespace (ASCII and the full-width U+3000), NFKC-normalised
/// (full-width ＤＸ → DX), empty dropped, at most 5 words, each at most 50 characters.
pub fn search_words(query: &str) -> Vec<String> {
    normalise(query)
        // Control characters separate words too: a NUL would cut an FTS5 query short.
        .split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty())
        .take(MAX_WORDS)
        .map(|w| w.chars().take(MAX_WORD_CHARS).collect())
        .collect()
}

/// The row's text, or None when the certification should not be found at all.
fn searchable_body(conn: &Connection, certification_id: i64) -> anyhow::Result<Option<String>> {
    let theme = conn
        .query_row(
            "SELECT t.id, t.name, t.description FROM certifications c JOIN themes t ON t.id = c.theme_id
             WHERE c.id = ?1 AND c.status = 'started' AND t.archived_at IS NULL",
            [certification_id],
            |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?)),
        )
        .optional()
        .with_context(|| format!("get theme of certification {certification_id} to index"))?;
    let Some((theme_id, name, description)) = theme else {
        return Ok(None);
    };
    let mut stmt = conn
        .prepare_cached(
            "SELECT q.label, a.value FROM theme_questions q
             JOIN mentor_answers a ON a.question_id = q.id AND a.certification_id = ?2
             WHERE q.theme_id = ?1 AND q.removed_at IS NULL AND trim(a.value) != ''
             ORDER BY q.position, q.id",
        )
        .context("prepare answers to index")?;
    let answers = stmt
        .query_map(params![theme_id, certification_id], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })
        .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
        .with_context(|| format!("list answers of certification {certification_id} to index"))?;

    let mut parts = vec![name, description];
    for (label, value) in answers {
        parts.extend([label, value]);
    }
    parts.retain(|p| !p.trim().is_empty());
    Ok(Some(normalise(&parts.join("\n"))))
}

/// The WHERE conditions on `mentor_search` (all must hold) and their arguments, in order.
fn word_conditions(words: &[String]) -> (Vec<&'static str>, Vec<Value>) {
    let words: Vec<String> = words
        .iter()
        // FTS5 reads its query as a C string: a NUL would end it inside a quoted word.
        .map(|w| normalise(w).replace('\0', ""))
        .filter(|w| !w.is_empty())
        .collect();
    let (long, short): (Vec<&String>, Vec<&String>) = words
        .iter()
        .partition(|w| w.chars().count() >= TRIGRAM_CHARS);
    let mut conditions = Vec::new();
    let mut args = Vec::new();
    if !long.is_empty() {
        // Every word is an FTS5 string, so nothing typed is read as FTS5 syntax.
        let query = long
            .iter()
            .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
            .collect::<Vec<_>>()
            .join(" AND ");
        conditions.push("mentor_search MATCH ?");
        args.push(query.into());
    }
    for word in short {
        conditions.push("body LIKE '%' || ? || '%' ESCAPE '\\'");
        args.push(like_escape(word).into());
    }
    (conditions, args)
}

fn like_escape(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        if matches!(c, '\\' | '%' | '_') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// NFKC, so full-width letters and digits (ＤＸ, ２０２４) and half-width kana match their usual forms.
fn normalise(text: &str) -> String {
    text.nfkc().collect()
}

fn list_ids(conn: &Connection, sql: &str, params: &[&dyn ToSql]) -> rusqlite::Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(params, |r| r.get(0))?;
    rows.collect()
}

#[cfg(test)]
#[path = "search_tests.rs"]
mod tests;
