//! Certifying mentors by CSV: from a Slack upload and from the CLI, with the same rules.

use crate::support;

use chrono::Utc;
use mentor_bot::app::admin::Actor;
use mentor_bot::app::import::{ImportOutcome, NoProgress, Problem};
use mentor_bot::app::App;
use mentor_bot::domain::mentor_csv::CsvErrorKind;
use mentor_bot::domain::{QuestionDraft, ThemeDraft};
use mentor_bot::startup;
use serde_json::json;
use support::bot::*;
use support::fake_slack::{FakeSlack, FakeUser};

/// An app without a running server, with two themes (one with a required choice question).
async fn app_with_themes() -> (FakeSlack, App, tempfile::TempDir) {
    let fake = FakeSlack::start().await;
    fake.add_user(
        FakeUser::new("UEN")
            .with_email("emma@example.com")
            .with_locale("en-US"),
    );
    fake.add_user(FakeUser::new("UJA").with_email("sato@example.co.jp"));
    let dir = tempfile::tempdir().unwrap();
    let config = config_for(&fake, &dir);
    let db = startup::open_db(&config).await.unwrap();
    let (app, _) = startup::build(&config, db).unwrap();
    let now = Utc::now();
    let dx = app
        .create_theme(
            &Actor::Cli,
            ThemeDraft::parse("DX推進", Some("work"), "").unwrap(),
            now,
        )
        .await
        .unwrap();
    let question =
        QuestionDraft::parse("前の部署", Some("choice"), "営業\n開発\n人事", true).unwrap();
    app.add_question(&Actor::Cli, dx, question, now)
        .await
        .unwrap();
    let free = QuestionDraft::parse("話せること", Some("text"), "", false).unwrap();
    app.add_question(&Actor::Cli, dx, free, now).await.unwrap();
    app.create_theme(
        &Actor::Cli,
        ThemeDraft::parse("育休", Some("programs"), "").unwrap(),
        now,
    )
    .await
    .unwrap();
    (fake, app, dir)
}

async fn import(app: &App, bytes: &[u8], theme: Option<&str>) -> ImportOutcome {
    app.import_mentors(
        &Actor::Cli,
        bytes.to_vec(),
        theme.map(str::to_string),
        &NoProgress,
        Utc::now(),
    )
    .await
    .unwrap()
}

async fn count(app: &App, sql: &'static str) -> i64 {
    app.db
        .call(move |c| Ok(c.query_row(sql, [], |r| r.get(0))?))
        .await
        .unwrap()
}

#[tokio::test]
async fn a_utf8_file_with_bom_certifies_everyone_and_reimporting_it_changes_nothing() {
    let (_fake, app, _dir) = app_with_themes().await;
    let csv = "\u{feff}person,theme,started,前の部署,話せること\n\
               UEN,DX推進,yes,開発,\"社内DXの立ち上げ\n失敗談も\"\n\
               UJA,育休,,,\n";
    let ImportOutcome::Imported(report) = import(&app, csv.as_bytes(), None).await else {
        panic!("rejected")
    };
    assert_eq!(
        (
            report.rows,
            report.certified,
            report.already,
            report.started
        ),
        (2, 2, 0, 1)
    );
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM certifications WHERE status = 'started'"
        )
        .await,
        1
    );
    assert_eq!(count(&app, "SELECT COUNT(*) FROM mentor_answers").await, 2);
    let answer: String = app
        .db
        .call(|c| {
            Ok(c.query_row(
                "SELECT value FROM mentor_answers WHERE value LIKE '社内%'",
                [],
                |r| r.get(0),
            )?)
        })
        .await
        .unwrap();
    assert_eq!(
        answer, "社内DXの立ち上げ\n失敗談も",
        "a quoted field keeps its newline"
    );
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM outbox WHERE dedupe_key LIKE 'certified:%'"
        )
        .await,
        2
    );

    let ImportOutcome::Imported(again) = import(&app, csv.as_bytes(), None).await else {
        panic!("rejected")
    };
    assert_eq!(
        (again.certified, again.already, again.answers_changed),
        (0, 2, 0)
    );
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM outbox").await,
        2,
        "no second DM"
    );
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM audit_log WHERE action = 'certification.import'"
        )
        .await,
        2
    );
}

#[tokio::test]
async fn a_shift_jis_file_from_excel_imports() {
    let (_fake, app, _dir) = app_with_themes().await;
    let text =
        "ユーザー,テーマ,開始済み,前の部署\r\nUEN,ＤＸ推進,はい,営業\r\nUJA,dx推進,いいえ,\r\n";
    let (bytes, _, unmappable) = encoding_rs::SHIFT_JIS.encode(text);
    assert!(!unmappable);
    let ImportOutcome::Imported(report) = import(&app, &bytes, None).await else {
        panic!("rejected")
    };
    assert_eq!((report.certified, report.started), (2, 1));
}

#[tokio::test]
async fn a_broken_row_among_good_ones_imports_nothing_and_names_every_problem() {
    let (_fake, app, _dir) = app_with_themes().await;
    let csv = "person,theme,started,前の部署\n\
               UEN,DX推進,yes,開発\n\
               UJA,DX推進,yes,経理\n\
               nobody@example.com,育休,,\n\
               UEN,存在しないテーマ,,\n\
               not-a-person,育休,,\n\
               UJA,DX推進,yes,\n";
    let ImportOutcome::Rejected(problems) = import(&app, csv.as_bytes(), None).await else {
        panic!("imported")
    };
    let found: Vec<(Option<usize>, String)> = problems
        .iter()
        .map(|p| {
            let what = match &p.problem {
                Problem::InvalidChoice { .. } => "invalid choice",
                Problem::UnknownEmail { .. } => "unknown email",
                Problem::UnknownTheme { .. } => "unknown theme",
                Problem::MissingRequiredAnswer { .. } => "missing answer",
                Problem::Csv(CsvErrorKind::BadPerson { .. }) => "bad person",
                Problem::Csv(CsvErrorKind::DuplicateOf { first_row: 3 }) => "duplicate of 3",
                other => panic!("unexpected {other:?}"),
            };
            (p.row, what.to_string())
        })
        .collect();
    // One upload names every problem: a malformed person or a duplicate hides nothing else.
    assert_eq!(
        found,
        [
            (Some(3), "invalid choice".to_string()),
            (Some(4), "unknown email".to_string()),
            (Some(5), "unknown theme".to_string()),
            (Some(6), "bad person".to_string()),
            (Some(7), "duplicate of 3".to_string())
        ]
    );
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM certifications").await,
        0,
        "nothing imported"
    );

    // Fix the person and the duplicate only: the rest is still named, nothing new appears.
    let csv = "person,theme,started,前の部署\n\
               UEN,DX推進,yes,開発\n\
               UJA,DX推進,yes,経理\n\
               nobody@example.com,育休,,\n\
               UEN,存在しないテーマ,,\n\
               emma@example.com,DX推進,yes,\n";
    let ImportOutcome::Rejected(problems) = import(&app, csv.as_bytes(), None).await else {
        panic!("imported")
    };
    let rows: Vec<(Option<usize>, &str)> = problems
        .iter()
        .map(|p| {
            (
                p.row,
                match &p.problem {
                    Problem::InvalidChoice { .. } => "invalid choice",
                    Problem::UnknownEmail { .. } => "unknown email",
                    Problem::UnknownTheme { .. } => "unknown theme",
                    Problem::MissingRequiredAnswer { .. } => "missing answer",
                    other => panic!("unexpected {other:?}"),
                },
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            (Some(3), "invalid choice"),
            (Some(4), "unknown email"),
            (Some(5), "unknown theme"),
            (Some(6), "missing answer"),
        ]
    );
    assert_eq!(count(&app, "SELECT COUNT(*) FROM certifications").await, 0);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM outbox").await, 0);
}

#[tokio::test]
async fn emails_are_looked_up_in_slack_once() {
    let (fake, app, _dir) = app_with_themes().await;
    let csv = "email,theme\nEmma@Example.com,育休\nsato@example.co.jp,育休\n";
    let ImportOutcome::Imported(report) = import(&app, csv.as_bytes(), None).await else {
        panic!("rejected")
    };
    assert_eq!(report.certified, 2);
    assert_eq!(fake.calls_to("users.lookupByEmail").len(), 2);
    let users: Vec<String> = app
        .db
        .call(|c| {
            let mut s = c.prepare("SELECT user_id FROM certifications ORDER BY user_id")?;
            let rows = s
                .query_map([], |r| r.get(0))?
                .collect::<Result<Vec<String>, _>>()?;
            Ok(rows)
        })
        .await
        .unwrap();
    assert_eq!(users, ["UEN", "UJA"]);
    import(&app, csv.as_bytes(), None).await;
    assert_eq!(
        fake.calls_to("users.lookupByEmail").len(),
        2,
        "answers are cached"
    );
}

#[tokio::test]
async fn an_answer_column_that_no_theme_asks_is_refused() {
    let (_fake, app, _dir) = app_with_themes().await;
    let csv = "person,前の部署,好きな食べ物\nUEN,営業,寿司\n";
    let ImportOutcome::Rejected(problems) = import(&app, csv.as_bytes(), Some("DX推進")).await
    else {
        panic!()
    };
    assert_eq!(problems.len(), 1);
    assert_eq!(
        (problems[0].row, problems[0].column.as_deref()),
        (None, Some("好きな食べ物"))
    );
    assert_eq!(problems[0].problem, Problem::UnknownColumn);
}

#[tokio::test]
async fn ten_thousand_rows_import_in_one_go() {
    let (_fake, app, _dir) = app_with_themes().await;
    let mut csv = String::from("person,theme,前の部署\n");
    for i in 0..10_000 {
        csv.push_str(&format!("U{i:07},DX推進,営業\n"));
    }
    let ImportOutcome::Imported(report) = import(&app, csv.as_bytes(), None).await else {
        panic!("rejected")
    };
    assert_eq!((report.rows, report.certified), (10_000, 10_000));
    assert_eq!(count(&app, "SELECT COUNT(*) FROM outbox").await, 10_000);
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM mentor_answers").await,
        10_000
    );
}

#[tokio::test]
async fn the_cli_imports_and_reports_problems_by_row() {
    let (fake, app, dir) = app_with_themes().await;
    drop(app);
    let db = dir.path().join("mentor-bot.db");
    // Async, so the fake Slack on this runtime can answer the CLI's email lookups.
    let run = |file: std::path::PathBuf| {
        tokio::process::Command::new(env!("CARGO_BIN_EXE_mentor-bot"))
            .args(["import-mentors", "--theme", "育休"])
            .arg(file)
            .env_clear()
            .env("SLACK_BOT_TOKEN", support::fake_slack::BOT_TOKEN)
            .env("SLACK_SIGNING_SECRET", SIGNING_SECRET)
            .env("SLACK_API_URL", &fake.api_url)
            .env("MENTOR_BOT_DB", &db)
            .env("MENTOR_BOT_DEFAULT_LOCALE", "en")
            .output()
    };
    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, "person\nUEN\n???\n").unwrap();
    let out = run(bad).await.unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("Row 3 (person): “???” is neither a Slack user id"),
        "{stderr}"
    );
    assert!(
        stderr.contains("1 problems; nothing was imported"),
        "{stderr}"
    );

    let good = dir.path().join("good.csv");
    std::fs::write(&good, "person\nUEN\nsato@example.co.jp\n").unwrap();
    let out = run(good).await.unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("2 rows — 2 newly certified"), "{stdout}");
}

#[tokio::test]
async fn an_admin_uploads_a_csv_in_slack_and_sees_progress_then_the_result() {
    let bot = TestBot::start().await;
    let (_, body) = bot.command_with_trigger(ADMIN, "admin").await;
    assert_eq!(body, "");
    let console = bot.view_by_callback("admin.console").unwrap();
    // A theme to import into.
    bot.press(ADMIN, "admin.theme.new", "new", &console).await;
    let form = bot.view_by_callback("admin.theme.save").unwrap();
    bot.interaction_reply(&view_submission(
        ADMIN,
        &form,
        values(vec![
            text_value("theme.name", "英語"),
            choice_value("theme.category", "non_work"),
        ]),
    ))
    .await;

    bot.press(ADMIN, "admin.import.open", "import", &console)
        .await;
    let modal = bot.view_by_callback("admin.import").expect("import modal");
    let file = bot.fake.add_file(
        "mentors.csv",
        "person,theme\nUEN,英語\nUJA,英語\n".as_bytes().to_vec(),
    );
    let submission = view_submission(
        ADMIN,
        &modal,
        values(vec![(
            "import.file".into(),
            json!({"import.file": {"type": "file_input", "files": [file]}}),
        )]),
    );
    let (status, reply) = bot.interaction_reply(&submission).await;
    assert_eq!(status, 200);
    assert_eq!(reply["response_action"], "update");
    assert!(text_of(&reply["view"]).contains("progress"));

    let report = bot.dm_containing(ADMIN, "✅").await;
    assert!(report.text.unwrap().contains("2 newly certified"));
    assert!(
        !bot.fake.calls_to("chat.update").is_empty(),
        "progress was shown by editing the message"
    );
    assert_eq!(bot.fake.calls_to("files.download").len(), 1);
    eventually("both mentors told", || {
        bot.fake.messages_to("UEN").len() == 1 && bot.fake.messages_to("UJA").len() == 1
    })
    .await;

    // A bad file: nothing imported, every problem listed with its row.
    bot.press(ADMIN, "admin.import.open", "import", &console)
        .await;
    let modal = bot.view_by_callback("admin.import").unwrap();
    let bad = bot.fake.add_file(
        "bad.csv",
        "person,theme\nUEN,英語\n,英語\nUJA,数学\n"
            .as_bytes()
            .to_vec(),
    );
    let submission = view_submission(
        ADMIN,
        &modal,
        values(vec![(
            "import.file".into(),
            json!({"import.file": {"type": "file_input", "files": [bad]}}),
        )]),
    );
    bot.interaction_reply(&submission).await;
    let rejection = bot.dm_containing(ADMIN, "❌").await;
    let text = rejection.text.unwrap();
    assert!(
        text.contains("Row 3") && text.contains("the person is missing"),
        "{text}"
    );
    assert_eq!(bot.count("SELECT COUNT(*) FROM certifications"), 2);
}

/// The bot running, with a theme 「DX推進」 asking a required choice 「前の部署」 (arranged
/// through the use cases), and the admin's import modal open.
async fn bot_with_import_modal() -> (TestBot, serde_json::Value) {
    let bot = TestBot::start().await;
    let now = Utc::now();
    let dx = bot
        .app()
        .create_theme(
            &Actor::Cli,
            ThemeDraft::parse("DX推進", Some("work"), "").unwrap(),
            now,
        )
        .await
        .unwrap();
    let question =
        QuestionDraft::parse("前の部署", Some("choice"), "営業\n開発\n人事", true).unwrap();
    bot.app()
        .add_question(&Actor::Cli, dx, question, now)
        .await
        .unwrap();
    let (_, body) = bot.command_with_trigger(ADMIN, "admin").await;
    assert_eq!(body, "");
    let console = bot.view_by_callback("admin.console").unwrap();
    bot.press(ADMIN, "admin.import.open", "import", &console)
        .await;
    let modal = bot.view_by_callback("admin.import").expect("import modal");
    (bot, modal)
}

async fn upload(bot: &TestBot, modal: &serde_json::Value, name: &str, csv: &str) {
    let file = bot.fake.add_file(name, csv.as_bytes().to_vec());
    let submission = view_submission(
        ADMIN,
        modal,
        values(vec![(
            "import.file".into(),
            json!({"import.file": {"type": "file_input", "files": [file]}}),
        )]),
    );
    let (status, reply) = bot.interaction_reply(&submission).await;
    assert_eq!((status, &reply["response_action"]), (200, &json!("update")));
}

#[tokio::test]
async fn one_slack_upload_lists_every_problem_even_beside_a_malformed_person_or_a_repeated_row() {
    let (bot, modal) = bot_with_import_modal().await;
    let csv = "person,theme,started,前の部署\n\
               taro,DX推進,,\n\
               UEN,DX推進,,営業\n\
               UEN,DX推進,,営業\n\
               UJA,数学,,\n\
               UADMIN,DX推進,yes,経理\n";

    upload(&bot, &modal, "mixed.csv", csv).await;

    let text = bot.dm_containing(ADMIN, "❌").await.text.unwrap();
    assert!(text.contains("4 problems"), "{text}");
    for expected in [
        "Row 2 (person)",
        "Row 4 (person)",
        "Row 5: there is no theme “数学”",
        "Row 6 (前の部署): “経理” is not one of the choices",
    ] {
        assert!(text.contains(expected), "{expected} missing from {text}");
    }
    assert_eq!(bot.count("SELECT COUNT(*) FROM certifications"), 0);
}

#[tokio::test]
async fn a_csv_theme_or_question_written_with_inner_spaces_is_the_existing_one() {
    let (bot, modal) = bot_with_import_modal().await;
    let csv = "person,theme,started,前の 部署\n\
               UEN,DX 推進,yes,開発\n\
               UJA,ＤＸ\u{3000}推進,,\n";

    upload(&bot, &modal, "spaced.csv", csv).await;

    let text = bot.dm_containing(ADMIN, "✅").await.text.unwrap();
    assert!(text.contains("2 newly certified"), "{text}");
    assert_eq!(
        bot.count("SELECT COUNT(*) FROM certifications WHERE status = 'started'"),
        1
    );
    assert_eq!(bot.count("SELECT COUNT(*) FROM themes"), 1);
}
