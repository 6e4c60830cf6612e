//! Tests of `storage::search`: what is found for what is typed, and in which order.
use super::*;
use crate::storage::Db;

const NOW: &str = "2026-03-08T00:00:00.000Z";

/// A migrated database file with themes, questions and mentors added by plain SQL.
struct Fixture {
    _dir: tempfile::TempDir,
    conn: Connection,
}

impl Fixture {
    fn new() -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        drop(Db::open(&path).unwrap());
        let conn = Connection::open(&path).unwrap();
        Fixture { _dir: dir, conn }
    }

    fn theme(&self, name: &str) -> i64 {
        self.conn
            .execute(
                "INSERT INTO themes (name, name_key, category, description, created_by, created_at, updated_at)
                 VALUES (?1, ?2, 'work', '', 'cli', ?3, ?3)",
                params![name, crate::domain::name_key(name), NOW],
            )
            .unwrap();
        self.conn.last_insert_rowid()
    }

    fn question(&self, theme_id: i64, label: &str) -> i64 {
        self.conn
            .execute(
                "INSERT INTO theme_questions (theme_id, position, label, kind, created_at, updated_at)
                 VALUES (?1, (SELECT COALESCE(MAX(position), 0) + 1 FROM theme_questions WHERE theme_id = ?1),
                         ?2, 'text', ?3, ?3)",
                params![theme_id, label, NOW],
            )
            .unwrap();
        self.conn.last_insert_rowid()
    }

    /// A started mentor of the theme, indexed.
    fn mentor(&self, theme_id: i64, user: &str) -> i64 {
        self.conn
            .execute(
                "INSERT INTO certifications (theme_id, user_id, status, certified_by, certified_at, started_at, updated_at)
                 VALUES (?1, ?2, 'started', 'cli', ?3, ?3, ?3)",
                params![theme_id, user, NOW],
            )
            .unwrap();
        let id = self.conn.last_insert_rowid();
        update_search_row(&self.conn, id).unwrap();
        id
    }

    fn answer(&self, certification_id: i64, question_id: i64, value: &str) {
        self.conn
            .execute(
                "INSERT INTO mentor_answers (certification_id, question_id, value, answered_at)
                 VALUES (?1, ?2, ?3, ?4)",
                params![certification_id, question_id, value, NOW],
            )
            .unwrap();
        update_search_row(&self.conn, certification_id).unwrap();
    }

    fn set_status(&self, certification_id: i64, status: &str) {
        self.conn
            .execute(
                "UPDATE certifications SET status = ?2 WHERE id = ?1",
                params![certification_id, status],
            )
            .unwrap();
        update_search_row(&self.conn, certification_id).unwrap();
    }

    /// The mentors found for what a reader U0 typed, in order.
    fn search(&self, query: &str) -> Vec<String> {
        self.search_in(query, None)
    }

    fn search_in(&self, query: &str, theme_id: Option<i64>) -> Vec<String> {
        let reader = UserId::parse("U0").unwrap();
        list_search_hits(&self.conn, &search_words(query), theme_id, &reader, 50)
            .unwrap()
            .into_iter()
            .map(|hit| hit.mentor.to_string())
            .collect()
    }
}

/// One theme with one question; each (user, answer) is a started mentor who answered it.
fn one_question(theme: &str, mentors: &[(&str, &str)]) -> (Fixture, i64) {
    let f = Fixture::new();
    let theme_id = f.theme(theme);
    let q = f.question(theme_id, "どんな経験がありますか");
    for (user, answer) in mentors {
        let c = f.mentor(theme_id, user);
        f.answer(c, q, answer);
    }
    (f, theme_id)
}

#[test]
fn a_two_character_word_is_found_inside_an_answer() {
    let (f, _) = one_question(
        "働き方",
        &[("U1", "育休から復帰して半年です"), ("U2", "転職して三年")],
    );
    assert_eq!(f.search("育休"), ["U1"]);
    assert_eq!(f.search("三年"), ["U2"]);
    assert_eq!(f.search("年"), ["U1", "U2"]);
}

#[test]
fn a_word_of_three_or_more_characters_is_found_through_the_trigram_index() {
    let (f, _) = one_question(
        "働き方",
        &[("U1", "育休から復帰して半年です"), ("U2", "復帰はまだ")],
    );
    assert_eq!(f.search("復帰して"), ["U1"]);
    assert_eq!(f.search("から復"), ["U1"]);
}

#[test]
fn dx_finds_a_theme_name_and_an_answer_written_in_full_width() {
    let f = Fixture::new();
    let dx = f.theme("DX推進");
    f.mentor(dx, "U1");
    let other = f.theme("キャリア");
    let q = f.question(other, "経験");
    let c = f.mentor(other, "U2");
    f.answer(c, q, "ＤＸ推進の部署にいました");
    f.mentor(other, "U3");

    // "dx推進" sorts before "キャリア".
    assert_eq!(f.search("DX"), ["U1", "U2"]);
    assert_eq!(f.search("ｄｘ"), ["U1", "U2"]);
    assert_eq!(f.search("DX推進"), ["U1", "U2"]);
}

#[test]
fn ascii_letters_match_in_either_case() {
    let (f, _) = one_question("英語", &[("U1", "TOEIC 900点"), ("U2", "英検1級")]);
    assert_eq!(f.search("toeic"), ["U1"]);
    assert_eq!(f.search("Toeic"), ["U1"]);
    assert_eq!(f.search("ｔｏｅｉｃ"), ["U1"]);
}

#[test]
fn every_word_must_match() {
    let (f, _) = one_question(
        "働き方",
        &[
            ("U1", "育休のあと海外赴任しました"),
            ("U2", "育休を二回取りました"),
            ("U3", "海外赴任は三年"),
        ],
    );
    assert_eq!(f.search("育休 海外"), ["U1"]);
    assert_eq!(f.search("育休　海外赴任"), ["U1"]);
    assert_eq!(f.search("海外赴任 三年"), ["U3"]);
    assert_eq!(f.search("海外赴任 しました"), ["U1"]);
    assert_eq!(f.search("育休 英語"), Vec::<String>::new());
}

#[test]
fn a_theme_filter_keeps_only_that_themes_mentors() {
    let f = Fixture::new();
    let a = f.theme("育休と復帰");
    let b = f.theme("育休中の学び");
    f.mentor(a, "U1");
    f.mentor(b, "U2");
    assert_eq!(f.search_in("育休", Some(b)), ["U2"]);
    assert_eq!(f.search_in("", Some(a)), ["U1"]);
    assert_eq!(f.search_in("育休", None), ["U1", "U2"]);
}

#[test]
fn the_reader_is_never_among_the_hits() {
    let (f, _) = one_question("育休", &[("U0", "育休"), ("U1", "育休")]);
    assert_eq!(f.search("育休"), ["U1"]);
    assert_eq!(f.search(""), ["U1"]);
}

#[test]
fn no_words_lists_every_started_mentor_by_theme_name_then_mentor_within_the_limit() {
    let f = Fixture::new();
    let b = f.theme("Bテーマ");
    let a = f.theme("aテーマ");
    f.mentor(b, "U2");
    f.mentor(a, "U3");
    f.mentor(a, "U1");
    let certified = f.mentor(a, "U4");
    f.set_status(certified, "certified");

    assert_eq!(f.search(""), ["U1", "U3", "U2"]);
    let reader = UserId::parse("U0").unwrap();
    let hits = list_search_hits(&f.conn, &[], None, &reader, 2).unwrap();
    assert_eq!(hits.len(), 2);
    assert_eq!(hits[0].theme_id, a);
    assert_eq!(hits[0].mentor.as_str(), "U1");
}

#[test]
fn mentors_not_started_or_of_archived_themes_are_found_again_once_restarted() {
    let f = Fixture::new();
    let theme = f.theme("育休と復帰");
    let paused = f.mentor(theme, "U1");
    let certified = f.mentor(theme, "U2");
    let revoked = f.mentor(theme, "U3");
    f.set_status(paused, "paused");
    f.set_status(certified, "certified");
    f.set_status(revoked, "revoked");
    assert_eq!(f.search("育休"), Vec::<String>::new());
    assert_eq!(f.search("育休と復帰"), Vec::<String>::new());

    for id in [paused, certified, revoked] {
        f.set_status(id, "started");
    }
    assert_eq!(f.search("育休"), ["U1", "U2", "U3"]);

    f.conn
        .execute(
            "UPDATE themes SET archived_at = ?2 WHERE id = ?1",
            params![theme, NOW],
        )
        .unwrap();
    update_search_rows_for_theme(&f.conn, theme).unwrap();
    assert_eq!(f.search("育休と復帰"), Vec::<String>::new());
    let rows: i64 = f
        .conn
        .query_row("SELECT COUNT(*) FROM mentor_search", [], |r| r.get(0))
        .unwrap();
    assert_eq!(rows, 0, "archived themes keep no search rows");

    f.conn
        .execute(
            "UPDATE themes SET archived_at = NULL WHERE id = ?1",
            [theme],
        )
        .unwrap();
    update_search_rows_for_theme(&f.conn, theme).unwrap();
    assert_eq!(f.search("育休と復帰"), ["U1", "U2", "U3"]);
}

#[test]
fn answers_to_removed_questions_and_renamed_themes_follow_the_current_theme() {
    let f = Fixture::new();
    let theme = f.theme("旧テーマ名");
    let kept = f.question(theme, "今の質問");
    let removed = f.question(theme, "消した質問");
    let c = f.mentor(theme, "U1");
    f.answer(c, kept, "英語で面接");
    f.answer(c, removed, "海外赴任");
    assert_eq!(f.search("海外"), ["U1"]);

    f.conn
        .execute(
            "UPDATE theme_questions SET removed_at = ?2 WHERE id = ?1",
            params![removed, NOW],
        )
        .unwrap();
    f.conn
        .execute(
            "UPDATE themes SET name = '新テーマ名' WHERE id = ?1",
            [theme],
        )
        .unwrap();
    update_search_rows_for_theme(&f.conn, theme).unwrap();

    assert_eq!(f.search("海外"), Vec::<String>::new());
    assert_eq!(f.search("消した質問"), Vec::<String>::new());
    assert_eq!(f.search("旧テーマ"), Vec::<String>::new());
    assert_eq!(f.search("新テーマ"), ["U1"]);
    assert_eq!(f.search("今の質問 面接"), ["U1"]);
}

#[test]
fn fts5_syntax_and_like_wildcards_are_matched_literally() {
    let (f, _) = one_question(
        "記号",
        &[
            ("U1", r#"彼は"はい"と言った"#),
            ("U2", "NEAR(a b) という書き方"),
            ("U3", "星印 * ひとつ"),
            ("U4", "100% 出社"),
            ("U5", r"a_b と c\d"),
            ("U6", "ふつうの答え a b"),
        ],
    );
    assert_eq!(f.search(r#"""#), ["U1"]);
    assert_eq!(f.search(r#""はい""#), ["U1"]);
    assert_eq!(f.search(r#"は"と"#), Vec::<String>::new());
    assert_eq!(f.search("NEAR(a b)"), ["U2"]);
    assert_eq!(f.search("*"), ["U3"]);
    assert_eq!(f.search("* ひとつ"), ["U3"]);
    assert_eq!(f.search("%"), ["U4"]);
    assert_eq!(f.search("100%"), ["U4"]);
    assert_eq!(f.search("_"), ["U5"]);
    assert_eq!(f.search(r"c\d"), ["U5"]);
    assert_eq!(f.search(r"\"), ["U5"]);
    for query in [
        "OR", "a OR b", "body:a", "^ab", "\"a", "(((", "NOT x", "-", "+", "{body}",
    ] {
        f.search(query);
    }
    let reader = UserId::parse("U0").unwrap();
    let words = ["NEAR(a b)".to_string(), "a\0bc".to_string()];
    assert_eq!(
        list_search_hits(&f.conn, &words[..1], None, &reader, 10)
            .unwrap()
            .len(),
        1
    );
    list_search_hits(&f.conn, &words[1..], None, &reader, 10).unwrap();
}

/// Stores a mentor's next free slot (what `app::find` computes), as a day of March 2026.
fn free_on(f: &Fixture, user: &str, day: u32) {
    f.conn
        .execute(
            "INSERT INTO mentor_availability (user_id, next_free_at, recheck_at) VALUES (?1, ?2, '9999')
             ON CONFLICT (user_id) DO UPDATE SET next_free_at = excluded.next_free_at",
            params![user, format!("2026-03-{day:02}T00:00:00.000Z")],
        )
        .unwrap();
}

/// `sql`'s plan starts down the `next_free_at` index and never sorts every mentor.
fn assert_walks_the_availability_index(f: &Fixture, sql: &str, args: impl rusqlite::Params) {
    let plan: Vec<String> = f
        .conn
        .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
        .unwrap()
        .query_map(args, |r| r.get::<_, String>(3))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(plan[0].contains("mentor_availability_next"), "{plan:?}");
    assert!(
        !plan.iter().any(|p| p.contains("TEMP B-TREE")),
        "no sort of every mentor: {plan:?}"
    );
}

fn ranked(f: &Fixture, query: &str, offset: usize, limit: usize) -> Vec<String> {
    let reader = UserId::parse("U0").unwrap();
    list_ranked_mentors(&f.conn, &search_words(query), None, &reader, offset, limit)
        .unwrap()
        .into_iter()
        .map(|u| u.to_string())
        .collect()
}

#[test]
fn theme_names_rank_before_answers_then_the_earliest_free_slot_in_every_page() {
    let f = Fixture::new();
    let architecture = f.theme("Backend Architecture");
    let q = f.question(architecture, "Experience");
    let testing = f.theme("Backend Testing");
    for (user, day) in [("UA1", 8), ("UA2", 11)] {
        let c = f.mentor(architecture, user);
        f.answer(c, q, "much testing of services");
        free_on(&f, user, day);
    }
    f.mentor(architecture, "UNONE");
    free_on(&f, "UNONE", 8);
    for (user, day) in [("UT1", 10), ("UT2", 9)] {
        f.mentor(testing, user);
        free_on(&f, user, day);
    }
    f.mentor(testing, "UBUSY"); // no free slot: never shown

    assert_eq!(
        ranked(&f, "backend testing", 0, 10),
        ["UT2", "UT1", "UA1", "UA2"]
    );
    assert_eq!(
        ranked(&f, "Backend", 0, 10),
        ["UA1", "UNONE", "UT2", "UT1", "UA2"],
        "every word in the name: one tier"
    );
    assert_eq!(
        ranked(&f, "backend testing", 0, 1),
        ["UT2"],
        "a page of name matches"
    );
    assert_eq!(
        ranked(&f, "backend testing", 1, 2),
        ["UT1", "UA1"],
        "a page across tiers"
    );
    assert_eq!(ranked(&f, "testing", 0, 10), ["UT2", "UT1", "UA1", "UA2"]);
    assert_eq!(
        ranked(&f, "", 0, 3),
        ["UA1", "UNONE", "UT2"],
        "no words: the soonest free"
    );
    assert_eq!(ranked(&f, "", 3, 3), ["UT1", "UA2"]);
}

#[test]
fn opening_find_without_words_reads_the_availability_index_in_order() {
    let f = Fixture::new();
    assert_walks_the_availability_index(&f, SOONEST_FREE, params!["U0", 6, 0]);
}

#[test]
fn search_words_splits_on_any_space_normalises_and_caps() {
    assert_eq!(
        search_words("  育休　ＤＸ\tｶﾀｶﾅ\n"),
        ["育休", "DX", "カタカナ"]
    );
    assert_eq!(search_words("a b c d e f g"), ["a", "b", "c", "d", "e"]);
    assert_eq!(search_words(&"長".repeat(80)), ["長".repeat(50)]);
    assert_eq!(search_words("　 \u{3000}"), Vec::<String>::new());
    assert_eq!(search_words("a\0b"), ["a", "b"]);
}

#[test]
fn a_short_japanese_word_in_a_theme_name_ranks_before_the_same_word_in_an_answer_in_every_page() {
    let f = Fixture::new();
    let leave = f.theme("育休と復帰");
    let career = f.theme("キャリア");
    let q = f.question(career, "話せること");
    for (user, day) in [("UL1", 12), ("UL2", 10)] {
        f.mentor(leave, user);
        free_on(&f, user, day);
    }
    // UL1 also wrote 育休 in an answer: ranked once, at its name tier.
    let also = f.mentor(career, "UL1");
    f.answer(also, q, "育休のあとの働き方");
    for (user, day) in [("UC1", 15), ("UC2", 9), ("UC3", 11), ("UC4", 9)] {
        let c = f.mentor(career, user);
        f.answer(c, q, "育休を取りました");
        free_on(&f, user, day);
    }
    let other = f.mentor(career, "UOTHER");
    f.answer(other, q, "転職の話");
    free_on(&f, "UOTHER", 8);
    let busy = f.mentor(career, "UBUSY"); // no free slot: never shown
    f.answer(busy, q, "育休");

    let all = ranked(&f, "育休", 0, 10);
    assert_eq!(all, ["UL2", "UL1", "UC2", "UC4", "UC3", "UC1"]);
    assert_eq!(
        ranked(&f, "育休 復帰", 0, 10),
        ["UL2", "UL1"],
        "both words in the name"
    );
    for (offset, limit) in [(0, 1), (1, 2), (2, 2), (3, 2), (5, 2), (6, 2), (4, 10)] {
        let end = (offset + limit).min(all.len());
        assert_eq!(
            ranked(&f, "育休", offset, limit),
            all[offset.min(end)..end],
            "page {offset}+{limit}"
        );
    }
    let reader = UserId::parse("U0").unwrap();
    let in_career: Vec<String> =
        list_ranked_mentors(&f.conn, &search_words("育休"), Some(career), &reader, 0, 10)
            .unwrap()
            .into_iter()
            .map(|u| u.to_string())
            .collect();
    assert_eq!(
        in_career,
        ["UC2", "UC4", "UC3", "UL1", "UC1"],
        "within one theme: no name match, so UL1 by its answer"
    );
}

/// `n` started mentors of one theme who all wrote 「育休」, free on days spread over March.
fn many_short_word_mentors(n: usize) -> Fixture {
    let f = Fixture::new();
    let theme = f.theme("キャリア");
    let q = f.question(theme, "話せること");
    for i in 0..n {
        let user = format!("UM{i:05}");
        let c = f.mentor(theme, &user);
        f.answer(c, q, "育休を取りました");
        free_on(&f, &user, 1 + (i % 28) as u32);
    }
    f
}

/// The SQLite virtual machine steps of one page of the short-word walk, not bounded.
fn steps_for_a_short_word_page(f: &Fixture) -> i32 {
    let words = search_words("育休");
    let (named_sql, named_args) = named_hits(&words, None);
    let (conditions, word_args) = word_conditions(&words);
    let exclude = Value::from("U0".to_string());
    let search = ShortWords {
        named_sql: &named_sql,
        named_args: &named_args,
        conditions: &conditions,
        word_args: &word_args,
        theme_id: None,
        exclude: &exclude,
    };
    // Bounded past everyone: the plan and steps of the walk as the search runs it.
    let sql = short_words_sql(SHORT_WORDS_WALK, &search, true);
    let mut args: Vec<Value> = vec![
        Value::from("9999-12-31".to_string()),
        Value::from(String::new()),
        exclude.clone(),
    ];
    args.extend(named_args.iter().cloned());
    args.extend(word_args.iter().cloned());
    args.extend([Value::from(5), Value::from(0)]);
    assert_walks_the_availability_index(f, &sql, params_from_iter(args.clone()));
    let mut stmt = f.conn.prepare(&sql).unwrap();
    let found = stmt
        .query_map(params_from_iter(args), |r| r.get::<_, String>(0))
        .unwrap()
        .count();
    assert_eq!(found, 5);
    stmt.get_status(rusqlite::StatementStatus::VmStep)
}

#[test]
fn a_short_word_page_walks_the_availability_index_and_costs_the_same_for_more_mentors() {
    let few = many_short_word_mentors(100);
    let many = many_short_word_mentors(1_500);
    // Two mentors wrote a rarer word, and are free last: past the walk, so the text is searched.
    let theme = many.theme("新規事業");
    let q = many.question(theme, "話せること");
    for (user, day) in [("UDX2", 30), ("UDX1", 29)] {
        let c = many.mentor(theme, user);
        many.answer(c, q, "DXの現場");
        free_on(&many, user, day);
    }

    // A theme named with the word: its mentor, free first, ranks before every answer, and
    // the answer she also wrote does not bring her back in the scan past the walk.
    let named = many.theme("DX推進");
    many.mentor(named, "UDXN");
    let hers = many.mentor(theme, "UDXN");
    many.answer(hers, q, "DXの話");
    free_on(&many, "UDXN", 1);

    let (a, b) = (
        steps_for_a_short_word_page(&few),
        steps_for_a_short_word_page(&many),
    );
    assert!(
        f64::from(b) < f64::from(a) * 1.5,
        "one page costs about the same with 15 times the mentors: {a} vs {b} steps"
    );
    assert_eq!(
        ranked(&many, "育休", 0, 3),
        ["UM00000", "UM00028", "UM00056"]
    );
    assert_eq!(
        ranked(&many, "dx", 0, 5),
        ["UDXN", "UDX1", "UDX2"],
        "the theme name first, then the answers found past the walk, each mentor once"
    );
    assert_eq!(ranked(&many, "dx", 0, 1), ["UDXN"]);
    assert_eq!(ranked(&many, "dx", 1, 1), ["UDX1"]);
    assert_eq!(ranked(&many, "dx", 1, 5), ["UDX1", "UDX2"]);
    assert_eq!(ranked(&many, "dx", 2, 5), ["UDX2"]);
    assert_eq!(ranked(&many, "dx", 3, 5), Vec::<String>::new());
    let reader = UserId::parse("U0").unwrap();
    let in_theme = |theme_id| -> Vec<String> {
        list_ranked_mentors(
            &many.conn,
            &search_words("dx"),
            Some(theme_id),
            &reader,
            0,
            5,
        )
        .unwrap()
        .into_iter()
        .map(|u| u.to_string())
        .collect()
    };
    assert_eq!(
        in_theme(theme),
        ["UDXN", "UDX1", "UDX2"],
        "within the theme, UDXN by her answer (no name match there)"
    );
    assert_eq!(in_theme(named), ["UDXN"]);
    let career = theme - 1;
    assert!(
        in_theme(career).is_empty(),
        "nobody of the other theme wrote it"
    );
}
