//! Teams: after the 1on1 (Rate in a dialog, Held / Not held on the card, "Book the next
//! 1on1" prefilled), the mentor's decline with a message and the reschedule dialog, through
//! signed activities against the fake Bot Connector; forged presses by someone else get the
//! refusal and change nothing.

use crate::support::teams::{
    actions, again, button_data, card_of, card_text, choices, closing, kana, liam, submit_data,
    teams_uid, with_inputs, TeamsBot,
};

use chrono::Utc;
use fake_teams::{NewUser, User};
use mentor_bot::domain::booking::RequestDraft;
use mentor_bot::domain::Lang;
use mentor_bot::i18n::t as tr;
use serde_json::Value;

use crate::support::bot::eventually;

/// Waits for a card in `user`'s chat with a button whose action starts with `prefix`.
pub(crate) async fn card_with_button(t: &TeamsBot, user: &User, prefix: &str) -> Value {
    let found = || {
        t.chat(user)
            .into_iter()
            .rev()
            .map(|a| card_of(&a))
            .find(|c| {
                actions(c).iter().any(|a| {
                    a["data"]["mb_action"]
                        .as_str()
                        .is_some_and(|id| id.starts_with(prefix))
                })
            })
    };
    eventually(&format!("a Teams card with a {prefix} button"), || {
        found().is_some()
    })
    .await;
    found().expect("found above")
}

/// Mia (en, London): someone of the tenant who is in neither 1on1.
pub(crate) fn mia() -> NewUser {
    NewUser {
        aad_object_id: "5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d".into(),
        name: "Mia Chen".into(),
        email: "mia@contoso.example".into(),
        locale: "en-GB".into(),
        timezone: "Europe/London".into(),
    }
}

/// Kana (ja, Tokyo) mentors 「育休からの復帰」, Liam (en, New York) asks for her `nth` free
/// slot; confirmed when `accept`. Returns (Kana, Liam, the 1on1's id).
pub(crate) async fn kana_and_liam(t: &TeamsBot, nth: usize, accept: bool) -> (User, User, i64) {
    let kana = t.installed(kana()).await;
    let liam = t.installed(liam()).await;
    let theme = t
        .bot
        .started_mentor_with_hours(
            teams_uid(&kana).as_str(),
            "育休からの復帰",
            "programs",
            None,
        )
        .await;
    let id = request(t, &kana, &liam, theme, nth).await;
    if accept {
        t.bot
            .app()
            .accept_request(&teams_uid(&kana), id, Utc::now())
            .await
            .unwrap();
    }
    (kana, liam, id)
}

/// `mentee` asks `mentor` for their `nth` free slot (as the request dialog would).
pub(crate) async fn request(
    t: &TeamsBot,
    mentor: &User,
    mentee: &User,
    theme: i64,
    nth: usize,
) -> i64 {
    let now = Utc::now();
    let app = t.bot.app();
    let start = app.free_slots(&teams_uid(mentor), now).await.unwrap()[nth].start;
    let draft = RequestDraft::parse(
        Some(&start.timestamp().to_string()),
        Some("career"),
        "",
        Some("listen"),
        "Back in April",
        &[],
    )
    .unwrap();
    let (one, _) = app
        .request_one_on_one(&teams_uid(mentee), &teams_uid(mentor), theme, draft, now)
        .await
        .unwrap();
    one.id
}

#[tokio::test]
async fn after_the_1on1_the_mentee_rates_in_a_dialog_and_the_mentor_marks_it_held_on_the_card() {
    let t = TeamsBot::start().await;
    let (kana, liam, id) = kana_and_liam(&t, 0, true).await;
    crate::after::let_it_happen(&t.bot, id);
    t.run_due(Utc::now()).await;

    // Liam's after-1on1 card (English): Rate opens the dialog, in English.
    let card = card_with_button(&t, &liam, "booking.rate").await;
    let rate = button_data(&card, "booking.rate");
    let dialog = t.fetch_dialog(&liam, rate.clone()).await;
    assert!(
        card_text(&dialog).contains(&tr(Lang::En, "rate-clarity-label-plain")),
        "{dialog}"
    );
    assert_eq!(choices(&dialog, "score").len(), 5);
    let send = submit_data(&dialog);
    assert_eq!(send["mb_form"], "booking.rate.send", "{send}");

    // Kana (not the mentee) forging Liam's Rate: refused, no dialog, nothing saved.
    let (_, forged) = t.post(&t.teams.task_fetch(&kana, rate.clone())).await;
    assert!(
        closing(&forged).contains(&tr(Lang::Ja, "after-mentee-only")),
        "{forged}"
    );
    let forged = t
        .submit_dialog(&kana, with_inputs(&send, &[("score", "1"), ("got", "no")]))
        .await;
    assert!(!closing(&forged).contains(&tr(Lang::Ja, "rate-thanks")));

    // Sent without a score: the dialog again, the error under the field.
    let body = t
        .submit_dialog(&liam, with_inputs(&send, &[("got", "partly")]))
        .await;
    let shown = again(&t, &body);
    assert!(
        card_text(&shown).contains(&tr(Lang::En, "rate-clarity-missing")),
        "{shown}"
    );
    assert_eq!(t.bot.count("SELECT COUNT(*) FROM one_on_one_ratings"), 0);

    let body = t
        .submit_dialog(
            &liam,
            with_inputs(
                &send,
                &[
                    ("score", "4"),
                    ("got", "partly"),
                    ("comment", "Very useful"),
                ],
            ),
        )
        .await;
    assert_eq!(closing(&body), tr(Lang::En, "rate-thanks"));
    let (clarity, got, comment, mentee): (i64, String, String, String) = t
        .bot
        .db()
        .query_row(
            "SELECT clarity, got_response, comment, mentee_id FROM one_on_one_ratings WHERE one_on_one_id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .unwrap();
    assert_eq!(
        (clarity, got.as_str(), comment.as_str(), mentee.as_str()),
        (4, "partly", "Very useful", teams_uid(&liam).as_str())
    );

    // Kana's after-1on1 card (Japanese): Liam forging Held is refused; Kana's press is noted.
    let card = card_with_button(&t, &kana, "booking.held").await;
    let held = button_data(&card, &format!("booking.held.{id}.true"));
    let forged = t.execute(&liam, held.clone()).await;
    assert!(
        card_text(&forged).contains(&tr(Lang::En, "after-mentor-only")),
        "{forged}"
    );
    assert_eq!(
        t.bot
            .count("SELECT COUNT(*) FROM one_on_ones WHERE held IS NOT NULL"),
        0
    );
    let done = t.execute(&kana, held).await;
    assert!(
        card_text(&done).contains(&tr(Lang::Ja, "after-held-done")),
        "{done}"
    );
    let marked: String = t
        .bot
        .db()
        .query_row("SELECT held FROM one_on_ones WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(marked, "held");
    assert!(
        t.teams.rejections().is_empty(),
        "{:?}",
        t.teams.rejections()
    );
}

#[tokio::test]
async fn book_the_next_1on1_opens_the_request_dialog_for_the_same_mentor_prefilled() {
    let t = TeamsBot::start().await;
    let (kana, liam, id) = kana_and_liam(&t, 0, true).await;
    crate::after::let_it_happen(&t.bot, id);
    t.run_due(Utc::now()).await;
    let card = card_with_button(&t, &liam, "booking.next").await;
    let next = button_data(&card, "booking.next");

    // Kana (the mentor) cannot use the mentee's button.
    let (_, forged) = t.post(&t.teams.task_fetch(&kana, next.clone())).await;
    assert!(
        closing(&forged).contains(&tr(Lang::Ja, "after-next-mentee-only")),
        "{forged}"
    );

    let dialog = t.fetch_dialog(&liam, next).await;
    let text = card_text(&dialog);
    assert!(
        text.contains("小林 加奈") && text.contains("育休からの復帰"),
        "{text}"
    );
    let slots = choices(&dialog, "slot");
    assert!(!slots.is_empty(), "{dialog}");
    // The topic and response are chosen already (the suggestion, else the last ones).
    let preset = |id: &str| -> Value {
        fn find(v: &Value, id: &str) -> Option<Value> {
            match v {
                Value::Object(map) if map.get("id").and_then(Value::as_str) == Some(id) => {
                    Some(v.clone())
                }
                Value::Object(map) => map.values().find_map(|c| find(c, id)),
                Value::Array(items) => items.iter().find_map(|c| find(c, id)),
                _ => None,
            }
        }
        find(&dialog, id).unwrap()["value"].clone()
    };
    let (topic, response) = (preset("topic"), preset("response"));
    assert!(topic.is_string() && response.is_string(), "{dialog}");
    let send = submit_data(&dialog);
    assert_eq!(send["mb_form"], "booking.request.send", "{send}");
    let body = t
        .submit_dialog(
            &liam,
            with_inputs(
                &send,
                &[
                    ("slot", &slots[0].1),
                    ("topic", topic.as_str().unwrap()),
                    ("response", response.as_str().unwrap()),
                ],
            ),
        )
        .await;
    assert_eq!(closing(&body), tr(Lang::En, "teams-request-sent"));
    assert_eq!(
        t.bot.count(
            "SELECT COUNT(*) FROM one_on_ones WHERE status = 'requested' AND theme_id = (SELECT theme_id FROM one_on_ones WHERE id = 1)"
        ),
        1
    );
}

#[tokio::test]
async fn the_mentor_declines_with_a_message_in_a_dialog_and_the_mentee_reads_it() {
    let t = TeamsBot::start().await;
    let (kana, liam, id) = kana_and_liam(&t, 0, false).await;
    let request = card_with_button(&t, &kana, "booking.decline").await;
    let decline = button_data(&request, "booking.decline");

    // Pressing Decline asks first (nothing is declined yet), in Japanese.
    let dialog = t.fetch_dialog(&kana, decline.clone()).await;
    assert!(
        card_text(&dialog).contains(&tr(Lang::Ja, "decline-message-label-plain")),
        "{dialog}"
    );
    assert_eq!(
        t.bot
            .count("SELECT COUNT(*) FROM one_on_ones WHERE status = 'requested'"),
        1
    );
    // Liam (the mentee) forging the mentor's decline: refused, no dialog.
    let (_, forged) = t.post(&t.teams.task_fetch(&liam, decline)).await;
    assert!(!closing(&forged).is_empty());
    let send = submit_data(&dialog);
    let forged = t
        .submit_dialog(&liam, with_inputs(&send, &[("message", "forged")]))
        .await;
    assert!(!closing(&forged).contains(&tr(Lang::En, "booking-declined")));
    assert_eq!(
        t.bot
            .count("SELECT COUNT(*) FROM one_on_ones WHERE status = 'requested'"),
        1
    );

    let body = t
        .submit_dialog(
            &kana,
            with_inputs(
                &send,
                &[("message", "来週は出張です。再来週はいかがですか")],
            ),
        )
        .await;
    assert_eq!(closing(&body), tr(Lang::Ja, "booking-declined"));
    let (status, message): (String, String) = t
        .bot
        .db()
        .query_row(
            "SELECT status, decline_message FROM one_on_ones WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(
        (status.as_str(), message.as_str()),
        ("declined", "来週は出張です。再来週はいかがですか")
    );
    // Liam reads Kana's message in his chat.
    t.card_containing(&liam, "来週は出張です").await;
    assert!(
        t.teams.rejections().is_empty(),
        "{:?}",
        t.teams.rejections()
    );
}

#[tokio::test]
async fn either_side_reschedules_in_a_dialog_and_a_time_just_taken_shows_the_dialog_again() {
    let t = TeamsBot::start().await;
    let (kana, liam, id) = kana_and_liam(&t, 0, true).await;
    let mia = t.installed(mia()).await;
    let confirmed = card_with_button(&t, &liam, "booking.reschedule").await;
    let reschedule = button_data(&confirmed, "booking.reschedule");

    // Mia (in neither seat) forging the button: refused, no dialog.
    let (_, forged) = t.post(&t.teams.task_fetch(&mia, reschedule.clone())).await;
    assert!(!closing(&forged).is_empty());

    let dialog = t.fetch_dialog(&liam, reschedule).await;
    let slots = choices(&dialog, "slot");
    assert!(slots.len() > 3, "{dialog}");
    let send = submit_data(&dialog);
    assert_eq!(send["mb_form"], "booking.reschedule.send", "{send}");

    // Mia books the second slot meanwhile: Liam's choice of it comes back with the error.
    let theme: i64 = t
        .bot
        .db()
        .query_row(
            "SELECT theme_id FROM one_on_ones WHERE id = ?1",
            [id],
            |r| r.get(0),
        )
        .unwrap();
    let taken = request(&t, &kana, &mia, theme, 1).await;
    t.bot
        .app()
        .accept_request(&teams_uid(&kana), taken, Utc::now())
        .await
        .unwrap();
    let body = t
        .submit_dialog(&liam, with_inputs(&send, &[("slot", &slots[1].1)]))
        .await;
    let shown = again(&t, &body);
    assert!(
        card_text(&shown).contains(&tr(Lang::En, "request-taken")),
        "{shown}"
    );
    let before: String = t
        .bot
        .db()
        .query_row(
            "SELECT starts_at FROM one_on_ones WHERE id = ?1",
            [id],
            |r| r.get(0),
        )
        .unwrap();

    // Mia forging the submit: refused, the 1on1 stays where it was.
    let forged = t
        .submit_dialog(&mia, with_inputs(&send, &[("slot", &slots[2].1)]))
        .await;
    assert!(!closing(&forged).is_empty());

    let body = t
        .submit_dialog(&liam, with_inputs(&send, &[("slot", &slots[2].1)]))
        .await;
    let said = closing(&body);
    assert!(said.starts_with("The 1on1 is moved to"), "{said}");
    let after: String = t
        .bot
        .db()
        .query_row(
            "SELECT starts_at FROM one_on_ones WHERE id = ?1",
            [id],
            |r| r.get(0),
        )
        .unwrap();
    assert_ne!(before, after);
    let moved: chrono::DateTime<Utc> = after.parse().unwrap();
    assert_eq!(
        moved.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
        slots[2].1,
        "moved to the chosen slot"
    );
    assert!(
        t.teams.rejections().is_empty(),
        "{:?}",
        t.teams.rejections()
    );
}

#[tokio::test]
async fn on_a_client_without_dialogs_decline_asks_on_a_card_first_and_declines_with_the_message() {
    let t = TeamsBot::start().await;
    let (kana, liam, id) = kana_and_liam(&t, 0, false).await;
    let request = card_with_button(&t, &kana, "booking.decline").await;
    let mut decline = button_data(&request, "booking.decline");
    decline.as_object_mut().unwrap().remove("msteams");

    // The press arrives as a message (Action.Submit): the form comes back as a card.
    let before = t.chat(&kana).len();
    let (status, _) = t
        .post(&t.teams.submit_action(&kana, decline.clone(), None))
        .await;
    assert_eq!(status, 200);
    eventually("the decline form", || t.chat(&kana).len() > before).await;
    let form = card_of(t.chat(&kana).last().unwrap());
    assert!(
        card_text(&form).contains(&tr(Lang::Ja, "decline-message-label-plain")),
        "{form}"
    );
    assert_eq!(
        t.bot
            .count("SELECT COUNT(*) FROM one_on_ones WHERE status = 'requested'"),
        1,
        "nothing is declined without asking"
    );
    // Liam pressing it (Universal Actions): refused, nothing changes.
    let forged = t.execute(&liam, decline).await;
    assert!(!card_text(&forged).contains(&tr(Lang::Ja, "decline-message-label-plain")));

    // Submitted from the card: declined with the message, and the answer is a card.
    let mut submit = submit_data(&form);
    submit["message"] = Value::String("今月は難しいです".into());
    let before = t.chat(&kana).len();
    t.post(&t.teams.submit_action(&kana, submit, None)).await;
    eventually("the answer", || t.chat(&kana).len() > before).await;
    let answer = card_of(t.chat(&kana).last().unwrap());
    assert!(
        card_text(&answer).contains(&tr(Lang::Ja, "booking-declined")),
        "{answer}"
    );
    let message: String = t
        .bot
        .db()
        .query_row(
            "SELECT decline_message FROM one_on_ones WHERE id = ?1 AND status = 'declined'",
            [id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(message, "今月は難しいです");
}
