//! Teams across a daylight-saving change: Greta mentors from Berlin (weekly hours 15:00–17:00),
//! Liam asks from New York. "Now" is Friday 26 March 2027: New York moved to summer time on
//! the 14th, Berlin moves on Sunday the 28th. Liam books Monday the 29th, after Berlin's change:
//! the dialog, the request card, the confirmation (its meeting link in UTC) and the reminders
//! each show the right wall time for their reader, and the stored start is the right instant.
//! A weekly series begun before Berlin's change keeps Greta's 15:00; and a fortnight earlier,
//! when New York's change is the one ahead, Liam's times move while Greta's instants do not.
//! (The bot's Teams endpoint runs a second time on the same database with a fixed clock; the
//! outbox is delivered by `run_due` at chosen instants.)

use std::sync::Arc;

use chrono::{DateTime, Duration, TimeZone, Utc};
use fake_teams::{NewUser, User};
use mentor_bot::domain::availability::{Hours, Window};
use mentor_bot::startup;
use mentor_bot::teams::inbound::{router, TeamsState};
use serde_json::Value;

use crate::support::bot::eventually;
use crate::support::teams::{
    actions, button_data, card_of, card_text, choices, liam, submit_data, teams_uid, with_inputs,
    TeamsBot,
};
use crate::support::teams_flow::settled;

/// Friday 26 March 2027, 12:00 UTC: 13:00 in Berlin (CET), 08:00 in New York (EDT).
fn friday() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2027, 3, 26, 12, 0, 0).unwrap()
}

/// Greta (English, Berlin).
fn greta() -> NewUser {
    NewUser {
        aad_object_id: "6a5b4c3d-2e1f-4a0b-9c8d-7e6f5a4b3c2d".into(),
        name: "Greta Vogel".into(),
        email: "greta@contoso.example".into(),
        locale: "en-GB".into(),
        timezone: "Europe/Berlin".into(),
    }
}

/// The bot's Teams endpoint on a second loopback port whose clock reads `clock` (the same
/// database and Microsoft fakes as `t`); returns its messages URL.
async fn endpoint_at(t: &TeamsBot, clock: fn() -> DateTime<Utc>) -> String {
    let db = startup::open_db(&t.bot.config).await.unwrap();
    let (app, platforms) = startup::build(&t.bot.config, db).unwrap();
    let parts = platforms.teams.expect("Teams is configured");
    let state = TeamsState {
        app,
        verifier: parts.verifier,
        connector: parts.connector,
        downloads: parts.downloads,
        clock,
    };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/api/messages", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, router(Arc::new(state))).await });
    url
}

/// Greta (who has said something, so her zone is known) mentors a theme with hours every day
/// 15:00–17:00 in Berlin, hourly; Liam is installed; the endpoint at Friday's clock is up.
/// Returns the bot, Greta, Liam and that endpoint's URL.
async fn berlin_and_new_york() -> (TeamsBot, User, User, String) {
    let t = TeamsBot::start().await;
    let greta = t.installed(greta()).await;
    let liam = t.installed(liam()).await;
    let before = t.chat(&greta).len();
    assert_eq!(t.say(&greta, "help").await, 200);
    eventually("the help card", || t.chat(&greta).len() > before).await;
    let id = teams_uid(&greta);
    t.bot
        .started_mentor_with_hours(id.as_str(), "Returning from leave", "programs", None)
        .await;
    let hours = Hours {
        windows: (0..7)
            .map(|day| Window {
                day,
                start: 15 * 60,
                end: 17 * 60,
            })
            .collect(),
        slot_minutes: 60,
        ..Hours::default()
    };
    t.bot
        .app()
        .save_hours(&id, hours, Utc::now())
        .await
        .unwrap();
    settled(&t).await;
    let url = endpoint_at(&t, friday).await;
    (t, greta, liam, url)
}

async fn post(t: &TeamsBot, url: &str, activity: &Value) -> Value {
    let (status, body) = t.teams.post(url, activity).await;
    assert_eq!(status, 200, "{body}");
    body
}

/// The stored start of `user`'s newest 1on1s (as mentee), oldest first.
fn starts(t: &TeamsBot, mentee: &User) -> Vec<DateTime<Utc>> {
    let db = t.bot.db();
    let mut stmt = db
        .prepare("SELECT starts_at FROM one_on_ones WHERE mentee_id = ?1 ORDER BY starts_at")
        .unwrap();
    stmt.query_map([teams_uid(mentee).as_str()], |r| r.get::<_, String>(0))
        .unwrap()
        .map(|s| s.unwrap().parse().unwrap())
        .collect()
}

/// The newest card in `user`'s chat containing `marker` that was not there `before`.
fn newest_card(t: &TeamsBot, user: &User, marker: &str) -> Option<Value> {
    t.chat(user)
        .into_iter()
        .rev()
        .map(|a| card_of(&a))
        .find(|c| card_text(c).contains(marker))
}

/// Liam, in the request dialog opened from `find` through the endpoint at `url`.
async fn request_dialog(t: &TeamsBot, url: &str, liam: &User) -> Value {
    let before = t.chat(liam).len();
    post(t, url, &t.teams.message(liam, "find Returning")).await;
    eventually("the results", || t.chat(liam).len() > before).await;
    let results = t.card_containing(liam, "Greta Vogel").await;
    let request = button_data(&results, "booking.request");
    let body = post(t, url, &t.teams.task_fetch(liam, request)).await;
    let dialog = body["task"]["value"]["card"]["content"].clone();
    t.teams.check_card(&dialog).expect("a valid dialog");
    dialog
}

/// The title of the slot starting at `start` in the dialog.
fn slot_title(dialog: &Value, start: &str) -> String {
    choices(dialog, "slot")
        .into_iter()
        .find(|(_, v)| v == start)
        .unwrap_or_else(|| panic!("no slot at {start} in {dialog}"))
        .0
}

/// Liam sends the dialog for `slot`, `extra` inputs added (a series' repetition).
async fn send(
    t: &TeamsBot,
    url: &str,
    liam: &User,
    dialog: &Value,
    slot: &str,
    extra: &[(&str, &str)],
) -> Value {
    let topic = choices(dialog, "topic")[0].1.clone();
    let response = choices(dialog, "response")[0].1.clone();
    let mut inputs = vec![("slot", slot), ("topic", &topic), ("response", &response)];
    inputs.extend_from_slice(extra);
    let data = with_inputs(&submit_data(dialog), &inputs);
    post(t, url, &t.teams.task_submit(liam, data)).await
}

/// The meeting deep link on a card.
fn meeting_link(card: &Value) -> Option<String> {
    actions(card).into_iter().find_map(|a| {
        a["url"]
            .as_str()
            .filter(|u| u.contains("/l/meeting/new"))
            .map(str::to_string)
    })
}

#[tokio::test]
async fn a_teams_booking_across_berlins_dst_change_shows_each_reader_their_wall_time() {
    let (t, greta, liam, url) = berlin_and_new_york().await;

    // The dialog, in New York: Saturday's 15:00 in Berlin (CET) is 10:00, Sunday's (CEST) 09:00.
    let dialog = request_dialog(&t, &url, &liam).await;
    assert_eq!(
        slot_title(&dialog, "2027-03-27T14:00:00Z"),
        "Sat, Mar 27, 2027 10:00–11:00"
    );
    assert_eq!(
        slot_title(&dialog, "2027-03-28T13:00:00Z"),
        "Sun, Mar 28, 2027 09:00–10:00"
    );
    let body = send(&t, &url, &liam, &dialog, "2027-03-28T13:00:00Z", &[]).await;
    assert_eq!(body["task"]["type"], "message", "{body}");
    let start = Utc.with_ymd_and_hms(2027, 3, 28, 13, 0, 0).unwrap();
    assert_eq!(
        starts(&t, &liam),
        vec![start],
        "15:00 in Berlin on the 28th (CEST)"
    );

    // The request reaches Greta through the outbox: her 15:00.
    t.run_due(friday()).await;
    let request = t.card_containing(&greta, "Liam Walsh").await;
    let shown = card_text(&request);
    assert!(shown.contains("**Sun, Mar 28, 2027 15:00**"), "{shown}");
    assert!(
        !shown.contains("14:00") && !shown.contains("09:00"),
        "{shown}"
    );
    let accept = button_data(&request, "booking.accept");
    post(&t, &url, &t.teams.card_action(&greta, "mb", accept, None)).await;
    assert_eq!(
        t.bot
            .count("SELECT COUNT(*) FROM one_on_ones WHERE status = 'confirmed'"),
        1
    );

    // The confirmations: each their own wall time; the meeting link's times in UTC.
    t.run_due(friday() + Duration::minutes(1)).await;
    let (liam_sees, greta_sees) = ("Sun, Mar 28, 2027 09:00", "Sun, Mar 28, 2027 15:00");
    for (user, wall, not) in [
        (&liam, liam_sees, greta_sees),
        (&greta, greta_sees, liam_sees),
    ] {
        eventually("the confirmation", || {
            newest_card(&t, user, "is confirmed").is_some()
        })
        .await;
        let confirmed = newest_card(&t, user, "is confirmed").unwrap();
        let shown = card_text(&confirmed);
        assert!(
            shown.contains(&format!("**{wall}**")) && !shown.contains(not),
            "{shown}"
        );
        let link = meeting_link(&confirmed).expect("a meeting link");
        assert!(
            link.contains("startTime=2027-03-28T13%3A00%3A00Z")
                && link.contains("endTime=2027-03-28T14%3A00%3A00Z"),
            "{link}"
        );
    }

    // The day-before reminders go out on Saturday, before Berlin's change, and the
    // ten-minute ones on Sunday, after it: the 28th's wall time for each, every time.
    t.run_due(start - Duration::days(1) + Duration::minutes(1))
        .await;
    let reminder = t.card_containing(&liam, "Reminder").await;
    let shown = card_text(&reminder);
    assert!(
        shown.contains(&format!("Greta Vogel** starts {liam_sees}.")),
        "{shown}"
    );
    let brief = t.card_containing(&greta, "Before your 1on1").await;
    let shown = card_text(&brief);
    assert!(
        shown.contains(&format!("**Liam Walsh** ({greta_sees})")),
        "{shown}"
    );
    let seen = |user: &User| t.chat(user).len();
    let (liam_before, greta_before) = (seen(&liam), seen(&greta));
    t.run_due(start - Duration::minutes(9)).await;
    // (Liam's says when it starts; Greta's is her brief again, naming the time.)
    for (user, before, said, not) in [
        (
            &liam,
            liam_before,
            format!("Greta Vogel** starts {liam_sees}."),
            greta_sees,
        ),
        (
            &greta,
            greta_before,
            format!("**Liam Walsh** ({greta_sees})"),
            liam_sees,
        ),
    ] {
        eventually("the ten-minute reminder", || seen(user) > before).await;
        let reminder = card_of(t.chat(user).last().unwrap());
        let shown = card_text(&reminder);
        assert!(shown.contains(&said) && !shown.contains(not), "{shown}");
    }
    assert!(
        t.teams.rejections().is_empty(),
        "{:?}",
        t.teams.rejections()
    );
}

#[tokio::test]
async fn a_weekly_teams_series_across_berlins_dst_change_keeps_the_mentors_wall_time() {
    let (t, greta, liam, url) = berlin_and_new_york().await;

    // Every week from Saturday the 27th (CET) three times: the 3rd and 10th April are CEST.
    let dialog = request_dialog(&t, &url, &liam).await;
    let body = send(
        &t,
        &url,
        &liam,
        &dialog,
        "2027-03-27T14:00:00Z",
        &[("every", "1"), ("count", "3")],
    )
    .await;
    let at = |d: u32, m: u32, h: u32| Utc.with_ymd_and_hms(2027, m, d, h, 0, 0).unwrap();
    assert_eq!(
        starts(&t, &liam),
        vec![at(27, 3, 14), at(3, 4, 13), at(10, 4, 13)],
        "15:00 in Berlin each week"
    );
    // Liam reads New York's time: 10:00 before Berlin moves, 09:00 after.
    let sent = card_text(&body["task"]["value"]["card"]["content"]);
    for line in [
        "- Sat, Mar 27, 2027 10:00",
        "- Sat, Apr 3, 2027 09:00",
        "- Sat, Apr 10, 2027 09:00",
    ] {
        assert!(sent.contains(line), "{line} in {sent}");
    }

    // Greta's series card, and every calendar invite: 15:00 each week for her.
    t.run_due(friday()).await;
    let card = t.card_containing(&greta, "Liam Walsh").await;
    let shown = card_text(&card);
    for day in ["Mar 27", "Apr 3", "Apr 10"] {
        assert!(
            shown.contains(&format!("{day}, 2027 15:00")),
            "{day} in {shown}"
        );
    }
    assert!(
        !shown.contains("14:00") && !shown.contains("09:00"),
        "{shown}"
    );
    let accept = button_data(&card, "series.accept");
    post(&t, &url, &t.teams.card_action(&greta, "mb", accept, None)).await;
    assert_eq!(
        t.bot
            .count("SELECT COUNT(*) FROM one_on_ones WHERE status = 'confirmed'"),
        3
    );
    t.run_due(friday() + Duration::minutes(1)).await;
    let invites = |user: &User| {
        t.chat(user)
            .into_iter()
            .map(|a| card_text(&card_of(&a)))
            .filter(|c| c.contains("Calendar invite"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    eventually("three invites each", || {
        invites(&liam).matches("Calendar invite").count() == 3
            && invites(&greta).matches("Calendar invite").count() == 3
    })
    .await;
    let (liam_reads, greta_reads) = (invites(&liam), invites(&greta));
    for (day, liam_wall) in [("Mar 27", "10:00"), ("Apr 3", "09:00"), ("Apr 10", "09:00")] {
        assert!(
            greta_reads.contains(&format!("Liam Walsh)** — Sat, {day}, 2027 15:00")),
            "{day} in {greta_reads}"
        );
        assert!(
            liam_reads.contains(&format!("Liam Walsh)** — Sat, {day}, 2027 {liam_wall}")),
            "{day} in {liam_reads}"
        );
    }
    let decided = t.card_containing(&liam, "accepted your series").await;
    assert!(
        card_text(&decided).contains("- Sat, Apr 10, 2027 09:00"),
        "{decided}"
    );
    assert!(
        t.teams.rejections().is_empty(),
        "{:?}",
        t.teams.rejections()
    );
}

/// Friday 12 March 2027, 12:00 UTC: New York moves on Sunday the 14th, Berlin not until the 28th.
fn a_fortnight_earlier() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2027, 3, 12, 12, 0, 0).unwrap()
}

#[tokio::test]
async fn when_new_york_changes_first_the_dialog_moves_liams_times_and_not_gretas_instants() {
    let (t, _greta, liam, _) = berlin_and_new_york().await;
    let url = endpoint_at(&t, a_fortnight_earlier).await;
    let dialog = request_dialog(&t, &url, &liam).await;
    // 15:00 in Berlin (CET) is 14:00 UTC on both days: 09:00 in New York on Saturday (EST),
    // 10:00 on Monday (EDT).
    assert_eq!(
        slot_title(&dialog, "2027-03-13T14:00:00Z"),
        "Sat, Mar 13, 2027 09:00–10:00"
    );
    assert_eq!(
        slot_title(&dialog, "2027-03-15T14:00:00Z"),
        "Mon, Mar 15, 2027 10:00–11:00"
    );
    let body = send(&t, &url, &liam, &dialog, "2027-03-15T14:00:00Z", &[]).await;
    assert_eq!(body["task"]["type"], "message", "{body}");
    assert_eq!(
        starts(&t, &liam),
        vec![Utc.with_ymd_and_hms(2027, 3, 15, 14, 0, 0).unwrap()]
    );
}
