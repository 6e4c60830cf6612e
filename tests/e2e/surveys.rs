//! Surveys (issue 11 items 1–3): a monthly schedule in Asia/Tokyo across a month end and a
//! year end (`run-due` at chosen instants: exactly the due runs, never twice, a missed run
//! caught up while open and not after it closed, one reminder), the office's form in Slack
//! (an eleventh question refused with a field error, forged admin actions refused), answers
//! through the DM's Answer button (editable, only by recipients), and results that hide every
//! group smaller than 3 and show free text and named low scores to admins only.

use crate::support;

use chrono::{DateTime, Duration, TimeZone, Utc};
use mentor_bot::app::admin::Actor;
use mentor_bot::app::surveys::SurveyInput;
use mentor_bot::domain::Role;
use serde_json::Value;
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

/// The newest modal under `callback`, as the fake holds it.
fn view(bot: &TestBot, callback: &str) -> Value {
    bot.view_by_callback(callback)
        .unwrap_or_else(|| panic!("a {callback} view"))
}

fn blocks_text(v: &Value) -> String {
    v["blocks"].to_string()
}

/// `mentee` had a confirmed 1on1 with `mentor` in `theme` three days ago (the `i`-th slot).
async fn met(bot: &TestBot, mentee: &str, mentor: &str, theme: i64, i: usize) {
    let app = bot.app();
    let then = Utc::now() - Duration::days(3);
    let slots = app.free_slots(&uid(mentor), then).await.unwrap();
    let (one, _) = app
        .request_one_on_one(
            &uid(mentee),
            &uid(mentor),
            theme,
            draft(slots[i].start),
            then,
        )
        .await
        .unwrap();
    app.accept_request(&uid(mentor), one.id, then)
        .await
        .unwrap();
}

/// The results `user` is shown when pressing Results of `survey`.
async fn results(bot: &TestBot, survey: i64, user: &str) -> String {
    bot.press_in_message(
        user,
        &format!("survey.results.{survey}"),
        &survey.to_string(),
    )
    .await;
    blocks_text(&view(bot, "survey.done"))
}

/// `user` answers `run` through the DM's Answer button; returns the reply to the submission.
async fn answer(
    bot: &TestBot,
    user: &str,
    run: i64,
    growth: &str,
    text_q: i64,
    text: &str,
) -> Value {
    let status = bot
        .press_in_message(user, &format!("survey.answer.{run}"), &run.to_string())
        .await;
    assert_eq!(status, 200);
    let form = view(bot, "survey.answer");
    let values = values(vec![
        choice_value("survey.growth", growth),
        text_value(&format!("survey.q.{text_q}"), text),
    ]);
    let (status, reply) = bot
        .interaction_reply(&view_submission(user, &form, values))
        .await;
    assert_eq!(status, 200);
    reply
}

#[tokio::test]
async fn the_office_defines_a_survey_in_slack_and_results_hide_groups_smaller_than_three() {
    let bot = TestBot::start().await;
    for id in ["UM1", "UM2", "UAD"] {
        bot.fake.add_user(
            FakeUser::new(id)
                .with_name(id)
                .with_tz("Asia/Tokyo")
                .with_locale("en-US"),
        );
    }
    let theme = bot
        .started_mentor_with_hours("UEN", "育休からの復帰", "programs", None)
        .await;
    for (i, mentee) in ["UJA", "UM1", "UM2"].into_iter().enumerate() {
        met(&bot, mentee, "UEN", theme, i).await;
    }

    // The console's Surveys block opens the list; New survey opens the form.
    let (status, _) = bot.command_with_trigger(ADMIN, "admin").await;
    assert_eq!(status, 200);
    let console = view(&bot, "admin.console");
    assert!(blocks_text(&console).contains("survey.list"));
    bot.press(ADMIN, "survey.list", "list", &console).await;
    let list = view(&bot, "survey.done");
    assert!(blocks_text(&list).contains("No survey yet"));
    bot.press(ADMIN, "survey.new", "new", &list).await;
    let form = view(&bot, "survey.define");

    // An eleventh question is refused with a field error; nothing is saved.
    let eleven = ["text: q"; 11].join("\n");
    let fields = |questions: &str, schedule: &str| {
        values(vec![
            text_value("survey.title", "Monthly check-in"),
            text_value("survey.schedule", schedule),
            text_value("survey.open_days", "7"),
            choice_value("survey.audience", "themes"),
            checked_value("survey.themes", &[&theme.to_string()]),
            text_value("survey.questions", questions),
        ])
    };
    let (_, reply) = bot
        .interaction_reply(&view_submission(
            ADMIN,
            &form,
            fields(&eleven, "first-weekday"),
        ))
        .await;
    assert_eq!(reply["response_action"], "errors", "{reply}");
    assert!(
        reply["errors"]["survey.questions"]
            .as_str()
            .unwrap()
            .contains("At most 10 questions: this has 11"),
        "{reply}"
    );
    assert_eq!(bot.count("SELECT COUNT(*) FROM surveys"), 0);

    // A non-admin's forged form and buttons change nothing.
    let (_, reply) = bot
        .interaction_reply(&view_submission("UEN", &form, fields("text: q", "")))
        .await;
    assert!(reply.to_string().contains("Only program admins"), "{reply}");
    assert_eq!(bot.count("SELECT COUNT(*) FROM surveys"), 0);

    // Ten questions are fine; this survey runs once, an hour ago (a 7-field cron with the
    // year), so the preview shows what recipients will see.
    let hour_ago = (Utc::now() - Duration::hours(1)).with_timezone(&tokyo());
    let schedule = hour_ago.format("0 %M %H %d %m * %Y").to_string();
    let (_, reply) = bot
        .interaction_reply(&view_submission(
            ADMIN,
            &form,
            fields(
                "text: What helped most?\n? scale: How useful were the 1on1s?",
                &schedule,
            ),
        ))
        .await;
    assert_eq!(reply["response_action"], "update", "{reply}");
    let preview = reply["view"].to_string();
    assert!(
        preview.contains("survey.growth") && preview.contains("What helped most?"),
        "{preview}"
    );
    let survey: i64 = bot.count("SELECT id FROM surveys");
    bot.press_in_message(
        "UEN",
        &format!("survey.pause.{survey}"),
        &format!("{survey}:1"),
    )
    .await;
    assert!(blocks_text(&view(&bot, "survey.done")).contains("Only program admins"));
    assert_eq!(
        bot.count("SELECT paused FROM surveys"),
        0,
        "a forged pause changes nothing"
    );

    // (Defined after the hour: the test moves its creation back so that the hour counts.)
    let created = (Utc::now() - Duration::hours(2))
        .format("%Y-%m-%dT%H:%M:%S%.3fZ")
        .to_string();
    bot.db()
        .execute("UPDATE surveys SET created_at = ?1", [created])
        .unwrap();
    bot.app().queue_surveys(Utc::now()).await.unwrap();
    assert_eq!(bot.count("SELECT COUNT(*) FROM survey_runs"), 1);
    assert_eq!(bot.count("SELECT COUNT(*) FROM survey_recipients"), 3);
    let run: i64 = bot.count("SELECT id FROM survey_runs");
    // (Delivery of the DM is proven with run-due above; the worker here has a backlog of
    // the arranged 1on1s' DMs, so the test presses the DM's button itself.)
    assert_eq!(
        bot.count(&format!(
            "SELECT COUNT(*) FROM outbox WHERE dedupe_key = 'survey:{run}:UJA'"
        )),
        1
    );
    let text_q: i64 = bot.count("SELECT MIN(id) FROM survey_questions");

    // Someone the survey was not sent to cannot answer it.
    let form_for_uja = {
        bot.press_in_message("UJA", &format!("survey.answer.{run}"), &run.to_string())
            .await;
        view(&bot, "survey.answer")
    };
    let forged = values(vec![
        choice_value("survey.growth", "5"),
        text_value(&format!("survey.q.{text_q}"), "forged"),
    ]);
    let (_, reply) = bot
        .interaction_reply(&view_submission(ADMIN, &form_for_uja, forged))
        .await;
    assert!(reply.to_string().contains("was not sent to you"), "{reply}");
    assert_eq!(bot.count("SELECT COUNT(*) FROM survey_answers"), 0);

    // A required answer left out is a field error; then 佐藤 answers, and changes it.
    let (_, reply) = bot
        .interaction_reply(&view_submission(
            "UJA",
            &form_for_uja,
            values(vec![choice_value("survey.growth", "3")]),
        ))
        .await;
    assert_eq!(reply["response_action"], "errors", "{reply}");
    assert!(
        reply["errors"][format!("survey.q.{text_q}")].is_string(),
        "{reply}"
    );
    let reply = answer(&bot, "UJA", run, "3", text_q, "先輩の経験談").await;
    assert!(reply.to_string().contains("回答を保存しました"), "{reply}");
    let reply = answer(&bot, "UJA", run, "1", text_q, "先輩の経験談が役立った").await;
    assert_eq!(reply["response_action"], "update", "{reply}");
    let again = {
        bot.press_in_message("UJA", &format!("survey.answer.{run}"), &run.to_string())
            .await;
        view(&bot, "survey.answer")
    };
    assert!(
        again.to_string().contains("先輩の経験談が役立った"),
        "earlier answers are shown"
    );
    assert_eq!(
        bot.count("SELECT growth FROM survey_recipients WHERE user_id = 'UJA'"),
        1
    );
    answer(&bot, "UM1", run, "5", text_q, "Practical advice").await;

    // Two answers: no aggregate is shown, but admins see the free text and low scores.
    let two = results(&bot, survey, ADMIN).await;
    assert!(two.contains("Not enough answers yet"), "{two}");
    assert!(!two.contains("1: 1 · 2: 0"), "{two}");
    assert!(
        two.contains("先輩の経験談が役立った") && two.contains("<@UJA>"),
        "{two}"
    );

    // Three answers: the distribution, response rate and trend appear.
    answer(&bot, "UM2", run, "4", text_q, "Time to think").await;
    let three = results(&bot, survey, ADMIN).await;
    assert!(
        three.contains("1: 1 · 2: 0 · 3: 0 · 4: 1 · 5: 1"),
        "{three}"
    );
    assert!(three.contains("3 of 3 answered (100%)"), "{three}");
    assert!(three.contains("average 3.3 (3 answers)"), "{three}");

    // An advisor of the theme sees the aggregates, never the free text or who scored low; a
    // mentee is refused.
    let app = bot.app();
    app.grant_role(&Actor::Cli, uid("UAD"), Role::Advisor, Utc::now())
        .await
        .unwrap();
    app.db
        .call(move |c| {
            mentor_bot::storage::roles::replace_advisor_themes(
                c,
                &uid("UAD"),
                &[theme],
                &uid(ADMIN),
                Utc::now(),
            )
        })
        .await
        .unwrap();
    let advisor = results(&bot, survey, "UAD").await;
    assert!(
        advisor.contains("1: 1 · 2: 0 · 3: 0 · 4: 1 · 5: 1"),
        "{advisor}"
    );
    assert!(
        !advisor.contains("先輩の経験談") && !advisor.contains("<@UJA>"),
        "{advisor}"
    );
    let mentee = results(&bot, survey, "UM1").await;
    assert!(mentee.contains("Only program admins"), "{mentee}");

    // The CSV button queues both exports to the admin's DM; a forged press queues nothing.
    bot.press_in_message(
        "UM1",
        &format!("survey.export.{survey}"),
        &survey.to_string(),
    )
    .await;
    assert_eq!(
        bot.count("SELECT COUNT(*) FROM outbox WHERE dedupe_key LIKE 'survey-export:%'"),
        0
    );
    bot.press(
        ADMIN,
        &format!("survey.export.{survey}"),
        &survey.to_string(),
        &list,
    )
    .await;
    assert!(blocks_text(&view(&bot, "survey.done")).contains("on their way to your DM"));
    assert_eq!(
        bot.count("SELECT COUNT(*) FROM outbox WHERE dedupe_key LIKE 'survey-export:%:UADMIN:%'"),
        3
    );
}
