//! How fast mentors are certified from a CSV file, through the real use case.
//!
//! Run it with `cargo bench --bench import_csv` (or `scripts/bench.sh`, which runs every bench).
//!
//! Each import is `App::import_mentors(&Actor::Cli, bytes, None, &NoProgress, now)` on an `App`
//! built by `startup::build` against the fake Slack, with a SQLite file in a fresh temp
//! directory per run, and one theme ("DX推進": a required choice question and a free-text
//! question). The timed span is the whole call: decoding, parsing, checking every row against
//! the catalog, and the one transaction that certifies, stores the answers and queues one DM per
//! new mentor.
//!
//! 1. 10,000 rows by Slack user id, UTF-8, both answers in every row; then the same file again,
//!    which must change nothing.
//! 2. The same 10,000 rows encoded as Shift_JIS (as Excel saves a Japanese CSV).
//! 3. 50,000 rows (the parser's maximum, `mentor_csv::MAX_ROWS`).
//! 4. `parse_mentor_csv` alone on the 50,000-row file (no database).
//!
//! No email rows: those are looked up in Slack one by one, paced by its rate limits, so they
//! would measure the fake rather than the import. Every outcome is checked (the report's counts
//! and the rows in the database), so a broken import panics instead of printing a fast number.

use std::time::{Duration, Instant};

use chrono::Utc;
use mentor_bot::app::admin::Actor;
use mentor_bot::app::import::{ImportOutcome, ImportReport, NoProgress};
use mentor_bot::app::App;
use mentor_bot::config::{Config, Secret, Settings, SlackConfig};
use mentor_bot::domain::mentor_csv::{parse_mentor_csv, MAX_ROWS};
use mentor_bot::domain::{Lang, QuestionDraft, ThemeDraft, UserId};
use mentor_bot::startup;
use tempfile::TempDir;

use fake_slack::{FakeSlack, BOT_TOKEN};

const RUNS: usize = 3;
const ROWS: usize = 10_000;
const MAX_FILE_ROWS: usize = MAX_ROWS;

const THEME: &str = "DX推進";
const CHOICE_QUESTION: &str = "前の部署";
const CHOICES: [&str; 3] = ["営業", "開発", "人事"];
const TEXT_QUESTION: &str = "話せること";
/// Answer columns per row, all filled in.
const ANSWERS_PER_ROW: usize = 2;

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    runtime.block_on(run());
}

async fn run() {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let fake = FakeSlack::start().await;

    let text = mentor_csv(ROWS);
    let (sjis, _, unmappable) = encoding_rs::SHIFT_JIS.encode(&text);
    assert!(
        !unmappable,
        "every character of the file has a Shift_JIS form"
    );
    let sjis = sjis.into_owned();
    let utf8 = text.into_bytes();
    assert!(
        std::str::from_utf8(&sjis).is_err(),
        "the Shift_JIS file must not also be valid UTF-8, or it would not test decoding"
    );
    let max = mentor_csv(MAX_FILE_ROWS).into_bytes();
    println!(
        "import_csv: {cores} CPU(s), {RUNS} runs each, temp databases under {}",
        std::env::temp_dir().display()
    );
    println!(
        "files: {ROWS} rows UTF-8 {} KiB, Shift_JIS {} KiB; {MAX_FILE_ROWS} rows UTF-8 {} KiB",
        utf8.len() / 1024,
        sjis.len() / 1024,
        max.len() / 1024
    );

    let mut first = Vec::with_capacity(RUNS);
    let mut again = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let bench = BenchApp::new(&fake).await;
        first.push(bench.import_new(&utf8, ROWS).await);
        again.push(bench.import_unchanged(&utf8, ROWS).await);
    }

    let mut shift_jis = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let bench = BenchApp::new(&fake).await;
        shift_jis.push(bench.import_new(&sjis, ROWS).await);
    }

    let mut largest = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let bench = BenchApp::new(&fake).await;
        largest.push(bench.import_new(&max, MAX_FILE_ROWS).await);
    }

    let mut parse_only = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let started = Instant::now();
        let parsed = parse_mentor_csv(&max, None);
        let elapsed = started.elapsed();
        let parsed = parsed.unwrap_or_else(|errors| {
            panic!(
                "parse: {} errors, first: {:?}",
                errors.len(),
                errors.first()
            )
        });
        assert_eq!(parsed.rows.len(), MAX_FILE_ROWS, "parse: rows");
        assert_eq!(
            parsed.answer_columns,
            [CHOICE_QUESTION, TEXT_QUESTION],
            "parse: answer columns"
        );
        assert!(
            parsed
                .rows
                .iter()
                .all(|r| r.answers.iter().all(|(_, v)| !v.is_empty())),
            "parse: every row has its answers"
        );
        parse_only.push(elapsed);
    }

    let lookups = fake.calls_to("users.lookupByEmail").len() + fake.calls_to("users.info").len();
    assert_eq!(
        lookups, 0,
        "an import by user id must not ask Slack anything"
    );

    println!();
    println!("== CSV import of mentors (App::import_mentors, whole call) ==");
    println!(
        "{:<40} {:>7} {:>4} {:>10} {:>10} {:>10}",
        "scenario", "rows", "n", "min ms", "median ms", "rows/s"
    );
    Stats::of(first).row(&format!("{ROWS} rows UTF-8, new"), ROWS);
    Stats::of(again).row(&format!("{ROWS} rows UTF-8, re-import (no change)"), ROWS);
    Stats::of(shift_jis).row(&format!("{ROWS} rows Shift_JIS, new"), ROWS);
    Stats::of(largest).row(&format!("{MAX_FILE_ROWS} rows UTF-8, new"), MAX_FILE_ROWS);
    Stats::of(parse_only).row(
        &format!("{MAX_FILE_ROWS} rows, parse_mentor_csv only"),
        MAX_FILE_ROWS,
    );
    println!("rows/s is rows / median.");
}

/// `rows` data rows by Slack user id (`U0000001`…) for [`THEME`], both answers filled in.
fn mentor_csv(rows: usize) -> String {
    let mut csv = format!("person,theme,{CHOICE_QUESTION},{TEXT_QUESTION}\r\n");
    for i in 1..=rows {
        let choice = CHOICES[i % CHOICES.len()];
        csv.push_str(&format!(
            "U{i:07},{THEME},{choice},{choice}で{i}件の案件を担当。社内DXの立ち上げと失敗談\r\n"
        ));
    }
    csv
}

/// An app on a fresh temp database with the bench's theme; the directory lives as long as it.
struct BenchApp {
    app: App,
    _dir: TempDir,
}

impl BenchApp {
    async fn new(fake: &FakeSlack) -> BenchApp {
        let dir = tempfile::tempdir().expect("temp dir");
        let config = config_for(fake, &dir);
        let db = startup::open_db(&config).await.expect("open the database");
        let (app, _) = startup::build(&config, db).expect("build the app");
        let now = Utc::now();
        let theme = app
            .create_theme(
                &Actor::Cli,
                ThemeDraft::parse(THEME, Some("work"), "").expect("theme draft"),
                now,
            )
            .await
            .expect("create the theme");
        let choice =
            QuestionDraft::parse(CHOICE_QUESTION, Some("choice"), &CHOICES.join("\n"), true)
                .expect("choice question draft");
        app.add_question(&Actor::Cli, theme, choice, now)
            .await
            .expect("add the choice question");
        let text =
            QuestionDraft::parse(TEXT_QUESTION, Some("text"), "", false).expect("text draft");
        app.add_question(&Actor::Cli, theme, text, now)
            .await
            .expect("add the text question");
        BenchApp { app, _dir: dir }
    }

    /// Times one import and returns its report; panics if the file was rejected.
    async fn import(&self, bytes: &[u8]) -> (Duration, ImportReport) {
        let bytes = bytes.to_vec();
        let now = Utc::now();
        let started = Instant::now();
        let outcome = self
            .app
            .import_mentors(&Actor::Cli, bytes, None, &NoProgress, now)
            .await;
        let elapsed = started.elapsed();
        match outcome.expect("import_mentors failed") {
            ImportOutcome::Imported(report) => (elapsed, report),
            ImportOutcome::Rejected(problems) => panic!(
                "the file was rejected: {} problems, first: {:?}",
                problems.len(),
                &problems[..problems.len().min(5)]
            ),
        }
    }

    /// The first import of `rows` mentors into an empty database.
    async fn import_new(&self, bytes: &[u8], rows: usize) -> Duration {
        let (elapsed, report) = self.import(bytes).await;
        let expected = ImportReport {
            rows,
            certified: rows,
            already: 0,
            started: 0,
            answers_changed: rows * ANSWERS_PER_ROW,
        };
        assert_eq!(report, expected, "first import");
        self.check_database(rows, 1).await;
        elapsed
    }

    /// The same file again: everyone is already certified, nothing changes, no new DM.
    async fn import_unchanged(&self, bytes: &[u8], rows: usize) -> Duration {
        let (elapsed, report) = self.import(bytes).await;
        let expected = ImportReport {
            rows,
            certified: 0,
            already: rows,
            started: 0,
            answers_changed: 0,
        };
        assert_eq!(report, expected, "re-import");
        self.check_database(rows, 2).await;
        elapsed
    }

    /// What the database holds after `imports` imports of the same `rows` mentors.
    async fn check_database(&self, rows: usize, imports: usize) {
        let counts = self
            .app
            .db
            .call(|c| {
                let count =
                    |sql: &str| -> rusqlite::Result<i64> { c.query_row(sql, [], |r| r.get(0)) };
                Ok([
                    count("SELECT COUNT(*) FROM certifications WHERE status = 'certified'")?,
                    count("SELECT COUNT(*) FROM mentor_answers")?,
                    count("SELECT COUNT(*) FROM outbox WHERE dedupe_key LIKE 'certified:%'")?,
                    count("SELECT COUNT(*) FROM audit_log WHERE action = 'certification.import'")?,
                ])
            })
            .await
            .expect("count rows");
        let expected = [rows, rows * ANSWERS_PER_ROW, rows, imports].map(|n| n as i64);
        assert_eq!(
            counts, expected,
            "[certifications, answers, certified DMs queued, import audit entries]"
        );
    }
}

/// The bot's configuration pointing at `fake` (as tests/e2e/support/bot.rs `config_for`).
fn config_for(fake: &FakeSlack, dir: &TempDir) -> Config {
    Config {
        settings: Settings {
            db_path: dir.path().join("mentor-bot.db"),
            addr: "127.0.0.1:0".parse().expect("address"),
            admins: vec![UserId::parse("UADMIN").expect("admin id")],
            default_lang: Lang::Ja,
            default_tz: chrono_tz::Asia::Tokyo,
            request_ttl: chrono::Duration::hours(48),
            reminder_leads: vec![chrono::Duration::days(1)],
        },
        slack: Some(SlackConfig {
            bot_token: Secret::new(BOT_TOKEN),
            signing_secret: Some(Secret::new("bench-signing-secret")),
            app_token: None,
            api_url: fake.api_url.clone(),
            max_pending: mentor_bot::config::DEFAULT_MAX_PENDING,
        }),
        teams: None,
    }
}

/// Min and median of a few timings.
struct Stats {
    sorted: Vec<Duration>,
}

impl Stats {
    fn of(mut samples: Vec<Duration>) -> Self {
        assert!(!samples.is_empty(), "no samples");
        samples.sort_unstable();
        Stats { sorted: samples }
    }

    fn median(&self) -> Duration {
        let n = self.sorted.len();
        if n % 2 == 1 {
            self.sorted[n / 2]
        } else {
            (self.sorted[n / 2 - 1] + self.sorted[n / 2]) / 2
        }
    }

    fn row(&self, name: &str, rows: usize) {
        let ms = |d: Duration| d.as_secs_f64() * 1e3;
        let median = self.median();
        println!(
            "{:<40} {:>7} {:>4} {:>10.1} {:>10.1} {:>10.0}",
            name,
            rows,
            self.sorted.len(),
            ms(self.sorted[0]),
            ms(median),
            rows as f64 / median.as_secs_f64()
        );
    }
}
