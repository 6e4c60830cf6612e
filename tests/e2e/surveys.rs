//! Surveys (issue 11 items 1–3): a monthly schedule in Asia/Tokyo across a month end and a
//! year end (`run-due` at chosen instants: exactly the due runs, never twice, a missed run
//! caught up while open and not after it closed, one reminder), and the office's exports in
//! the admin's DM (CSV equal to the database, UTF-8 with BOM; the PNG chart). The Slack flows
//! are in `surveys_slack`.

use crate::support;

use chrono::{DateTime, Duration, TimeZone, Utc};
use mentor_bot::app::admin::Actor;
use mentor_bot::app::surveys::SurveyInput;
use support::bot::*;
use support::fake_slack::FakeUser;
use support::world::{draft, morning_hours, uid, World};

const ASK_JA: &str = "ご回答ください";
const ASK_EN: &str = "Please answer the survey";

fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
}

#[tokio::test]
async fn a_monthly_survey_in_tokyo_runs_once_per_occurrence_across_month_and_year_end() {
    let t0 = utc(2026, 11, 20, 0, 0);
    let mut w = World::start(t0, morning_hours(60)).await;
    // 佐藤 (Tokyo, ja) and Ben (Berlin, en) each have a confirmed 1on1 with Nora.
    let slots = w.app.free_slots(&uid("UNY"), t0).await.unwrap();
    for (mentee, slot) in [("UMA", &slots[0]), ("UMB", &slots[1])] {
        let (one, _) = w
            .app
            .request_one_on_one(&uid(mentee), &uid("UNY"), w.theme, draft(slot.start), t0)
            .await
            .unwrap();
        w.app.accept_request(&uid("UNY"), one.id, t0).await.unwrap();
    }
    // The default schedule: 10:00 Tokyo on the first weekday of each month, open 7 days.
    let input = SurveyInput {
        title: "月次サーベイ".into(),
        schedule: String::new(),
        open_days: "7".into(),
        audience: Some("themes".into()),
        themes: vec![w.theme],
        questions: "scale: 1on1の満足度".into(),
        low_growth: String::new(),
    };
    w.app.create_survey(&Actor::Cli, &input, t0).await.unwrap();
    let asked = |w: &World| {
        (
            w.dms_containing("UMA", ASK_JA).len(),
            w.dms_containing("UMB", ASK_EN).len(),
        )
    };

    // Tuesday 1 December 10:00 in Tokyo is 01:00 UTC: nothing a minute before, then one each.
    w.run_due(utc(2026, 12, 1, 0, 59)).await;
    assert_eq!(asked(&w), (0, 0));
    w.run_due(utc(2026, 12, 1, 1, 0)).await;
    assert_eq!(asked(&w), (1, 1));
    let dm = &w.dms_containing("UMA", ASK_JA)[0];
    let run: i64 = w.count("SELECT MAX(id) FROM survey_runs").await;
    assert!(
        dm.to_string().contains(&format!("survey.answer.{run}")),
        "the DM has its Answer button: {dm}"
    );
    assert!(
        text_of(dm).contains("12月8日") || text_of(dm).contains("12/8"),
        "closes in 7 days, Tokyo time: {}",
        text_of(dm)
    );

    // Again, after a restart, and as a separate `run-due` process: nothing twice.
    w.run_due(utc(2026, 12, 1, 1, 0)).await;
    w.restart().await;
    let stdout = w.run_due_command(utc(2026, 12, 1, 2, 0)).await;
    assert!(stdout.contains("surveys"), "{stdout}");
    assert_eq!(asked(&w), (1, 1));
    assert_eq!(w.count("SELECT COUNT(*) FROM survey_runs").await, 1);

    // Ben answers; a day before it closes only 佐藤 is reminded, once.
    let question: i64 = w.count("SELECT MAX(id) FROM survey_questions").await;
    w.app
        .answer_survey(
            &uid("UMB"),
            run,
            Some("4"),
            &[(question, "5".into())],
            utc(2026, 12, 2, 0, 0),
        )
        .await
        .unwrap();
    w.run_due(utc(2026, 12, 7, 1, 0)).await;
    w.run_due(utc(2026, 12, 7, 3, 0)).await;
    assert_eq!(w.dms_containing("UMA", "リマインド").len(), 1);
    assert!(w.dms_containing("UMB", "Reminder: the survey").is_empty());
    // Closed: answers can no longer change.
    let late = w
        .app
        .answer_survey(&uid("UMB"), run, Some("1"), &[], utc(2026, 12, 8, 1, 0))
        .await;
    assert!(late.is_err(), "closed");
    assert_eq!(
        w.count("SELECT growth FROM survey_recipients WHERE user_id = 'UMB'")
            .await,
        4
    );

    // The office's CSV export: in the admin's DM, UTF-8 with a BOM, equal to the database;
    // a second run (or a restart) shares nothing twice.
    w.fake.add_user(
        FakeUser::new(ADMIN)
            .with_name("Ada")
            .with_tz("Europe/Berlin")
            .with_locale("en-GB"),
    );
    let survey: i64 = w.count("SELECT id FROM surveys").await;
    let at = utc(2026, 12, 9, 0, 0);
    w.app
        .export_survey(&Actor::User(uid(ADMIN)), survey, at)
        .await
        .unwrap();
    w.run_due(at).await;
    w.restart().await;
    w.run_due(at + Duration::minutes(5)).await;
    let files = w.fake.shared_files(ADMIN);
    assert_eq!(
        files.len(),
        3,
        "two CSV files and the chart: {:?}",
        files.iter().map(|f| &f.0).collect::<Vec<_>>()
    );
    let (name, bytes, _) = files
        .iter()
        .find(|f| f.0.starts_with("survey-1-answers"))
        .expect("the answers CSV");
    assert!(name.ends_with(".csv"));
    assert!(bytes.starts_with(&[0xEF, 0xBB, 0xBF]), "UTF-8 with BOM");
    let mut csv = csv::Reader::from_reader(&bytes[3..]);
    let header: Vec<String> = csv.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        header,
        [
            "run",
            "user_id",
            "theme",
            "growth",
            "answered_at",
            "1on1の満足度"
        ]
    );
    let got: Vec<Vec<String>> = csv
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    let held: Vec<Vec<String>> = w
        .app
        .db
        .call(|c| {
            let mut stmt = c.prepare(
                "SELECT u.occurs_at, r.user_id, t.name, COALESCE(r.growth, ''),
                        COALESCE(r.answered_at, ''), COALESCE(a.value, '')
                 FROM survey_recipients r JOIN survey_runs u ON u.id = r.run_id
                 JOIN themes t ON t.id = r.theme_id
                 LEFT JOIN survey_answers a ON a.run_id = r.run_id AND a.user_id = r.user_id
                 ORDER BY u.occurs_at, r.user_id",
            )?;
            let rows = stmt
                .query_map([], |r| {
                    (0..6)
                        .map(|i| r.get::<_, rusqlite::types::Value>(i))
                        .collect::<Result<Vec<_>, _>>()
                })?
                .collect::<Result<Vec<_>, _>>()?;
            Ok(rows)
        })
        .await
        .unwrap()
        .into_iter()
        .map(|row| {
            row.into_iter()
                .enumerate()
                .map(|(i, v)| match v {
                    rusqlite::types::Value::Integer(n) => n.to_string(),
                    rusqlite::types::Value::Text(t) if (i == 0 || i == 4) && !t.is_empty() => {
                        // Stored with milliseconds; the CSV has whole seconds.
                        DateTime::parse_from_rfc3339(&t)
                            .unwrap()
                            .with_timezone(&Utc)
                            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
                    }
                    rusqlite::types::Value::Text(t) => t,
                    other => format!("{other:?}"),
                })
                .collect()
        })
        .collect();
    assert_eq!(got, held, "the CSV is what the database holds");
    assert_eq!(got.len(), 2);
    assert_eq!(got[1][1..4], ["UMB", "育休からの復帰", "4"]);
    let (_, stats, _) = files
        .iter()
        .find(|f| f.0.starts_with("1on1-statistics"))
        .expect("the 1on1 statistics CSV");
    let stats = String::from_utf8(stats[3..].to_vec()).unwrap();
    assert!(
        stats.starts_with("month,theme,requested,confirmed,declined,cancelled,expired"),
        "{stats}"
    );
    assert!(
        stats.contains("育休からの復帰,0,<3,0,0,0"),
        "two 1on1s are shown as <3: {stats}"
    );

    let (_, chart, comment) = files
        .iter()
        .find(|f| f.0.starts_with("survey-1-chart") && f.0.ends_with(".png"))
        .expect("the chart");
    let image = image::load_from_memory(chart).expect("a valid PNG");
    assert_eq!((image.width(), image.height()), (800, 600));
    assert!(
        comment
            .as_deref()
            .unwrap_or_default()
            .contains("Survey chart"),
        "{comment:?}"
    );

    // Across the year end: Friday 1 January 2027, 10:00 in Tokyo (01:00 UTC).
    w.run_due(utc(2026, 12, 31, 23, 0)).await;
    w.run_due(utc(2027, 1, 1, 0, 59)).await;
    assert_eq!(asked(&w), (1, 1));
    w.run_due(utc(2027, 1, 1, 1, 0)).await;
    assert_eq!(asked(&w), (2, 2));

    // Down from 2 January to 3 February: Monday 1 February's run is still open, so it is sent
    // on the first run after the restart, once.
    w.restart().await;
    w.run_due(utc(2027, 2, 3, 0, 0)).await;
    w.run_due(utc(2027, 2, 3, 0, 5)).await;
    assert_eq!(asked(&w), (3, 3));

    // Down through March's whole run (1–8 March): closed by then, so nothing is sent.
    w.run_due(utc(2027, 3, 9, 2, 0)).await;
    assert_eq!(asked(&w), (3, 3));
    assert_eq!(w.count("SELECT COUNT(*) FROM survey_runs").await, 3);
    assert_eq!(
        w.count("SELECT COUNT(*) FROM survey_recipients").await,
        6,
        "two people per run"
    );
}
