//! Teams: a mentor's own setup. An admin certifies a Teams person; the certification card
//! arrives in their language; they answer in the setup dialog (an empty required answer comes
//! back with its error under the field, what they typed kept), start, preview their card; a
//! Teams mentee finds them; Pause on the Home hides them, Resume shows them again; Stop says
//! its consequence; Start after a stop refuses the same way while a required answer is empty;
//! presses and submits forged by someone else are refused and change nothing.

use chrono::Utc;
use fake_teams::User;
use mentor_bot::app::actions::{Action, MentorAction};
use mentor_bot::app::admin::Actor;
use mentor_bot::domain::availability::{Hours, Window};
use mentor_bot::domain::{Lang, QuestionDraft, ThemeDraft};
use mentor_bot::i18n::t as tr;
use mentor_bot::teams::cards::kit::action_data;
use serde_json::Value;

use crate::support::bot::eventually;
use crate::support::teams::{
    action_titled, button_data, card_of, card_text, kana, liam, submit_data, teams_uid,
    with_inputs, TeamsBot,
};
use crate::teams_after::card_with_button;

/// A catalog text's words after its last placeholder, without Markdown marks: what a card
/// shows whatever the theme's name.
fn tail(lang: Lang, key: &str) -> String {
    let text = tr(lang, key);
    let after = text.rsplit('}').next().unwrap_or_default();
    after
        .trim_matches(|c: char| c == '*' || c.is_whitespace())
        .split('*')
        .next()
        .unwrap_or_default()
        .trim()
        .to_string()
}

fn status(t: &TeamsBot, user: &User) -> String {
    t.bot
        .db()
        .query_row(
            "SELECT status FROM certifications WHERE user_id = ?1",
            [teams_uid(user).as_str()],
            |r| r.get(0),
        )
        .unwrap()
}

fn answers(t: &TeamsBot, user: &User) -> i64 {
    t.bot.count(&format!(
        "SELECT COUNT(*) FROM mentor_answers a JOIN certifications c ON c.id = a.certification_id \
         WHERE c.user_id = '{}'",
        teams_uid(user)
    ))
}

/// The input with this id in a card, and the element drawn right after it.
fn input_and_next(card: &Value, id: &str) -> (Value, Value) {
    let body = card["body"].as_array().expect("a card body");
    let i = body
        .iter()
        .position(|e| e["id"] == id)
        .unwrap_or_else(|| panic!("no input {id:?} in {card}"));
    (
        body[i].clone(),
        body.get(i + 1).cloned().unwrap_or(Value::Null),
    )
}

/// The dialog's card when `task/submit` answered with one (checked against the schema).
fn dialog_card(t: &TeamsBot, body: &Value) -> Value {
    assert_eq!(body["task"]["type"], "continue", "{body}");
    let card = body["task"]["value"]["card"]["content"].clone();
    t.teams.check_card(&card).expect("a valid dialog card");
    card
}

/// `user` types a search; returns the results card.
async fn find(t: &TeamsBot, user: &User, words: &str) -> String {
    let before = t.chat(user).len();
    assert_eq!(t.say(user, &format!("find {words}")).await, 200);
    eventually("the results card", || t.chat(user).len() > before).await;
    card_text(&card_of(t.chat(user).last().unwrap()))
}

/// `user` types `home`; returns the Home card once it offers a `prefix` button.
async fn home_with(t: &TeamsBot, user: &User, prefix: &str) -> Value {
    assert_eq!(t.say(user, "home").await, 200);
    card_with_button(t, user, prefix).await
}

#[tokio::test]
async fn a_teams_mentor_sets_up_starts_previews_pauses_resumes_and_stops_in_teams() {
    let t = TeamsBot::start().await;
    let kana = t.installed(kana()).await;
    let liam = t.installed(liam()).await;
    let app = t.bot.app();
    let now = Utc::now();
    let theme = app
        .create_theme(
            &Actor::Cli,
            ThemeDraft::parse("育休からの復帰", Some("programs"), "").unwrap(),
            now,
        )
        .await
        .unwrap();
    let q1 = QuestionDraft::parse(
        "育休の期間",
        Some("choice"),
        "半年未満\n半年〜1年\n1年以上",
        true,
    )
    .unwrap();
    let q1 = app.add_question(&Actor::Cli, theme, q1, now).await.unwrap();
    let q2 = QuestionDraft::parse("話せること", Some("text"), "", false).unwrap();
    let q2 = app.add_question(&Actor::Cli, theme, q2, now).await.unwrap();
    let (a1, a2) = (format!("a{q1}"), format!("a{q2}"));
    app.certify(&Actor::Cli, theme, vec![teams_uid(&kana)], now)
        .await
        .unwrap();

    // The certification card, in Japanese; its Set up opens the setup dialog.
    let dm = t
        .card_containing(&kana, &tail(Lang::Ja, "certified-text"))
        .await;
    let setup = button_data(&dm, "mentor.setup");
    let dialog = t.fetch_dialog(&kana, setup).await;
    let text = card_text(&dialog);
    let required = tr(Lang::Ja, "setup-required-suffix-plain");
    assert!(text.contains(&format!("育休の期間 {required}")), "{text}");
    assert!(!text.contains(&format!("話せること {required}")), "{text}");
    assert_eq!(
        input_and_next(&dialog, "start").0["value"],
        "true",
        "Set up ticks Start"
    );

    // Start with the required answer empty: the dialog again, the error under that question,
    // the typed answer kept, nothing saved.
    let submit = submit_data(&dialog);
    let refused = t
        .submit_dialog(
            &kana,
            with_inputs(&submit, &[(&a2, "復帰後の働き方"), ("start", "true")]),
        )
        .await;
    let again = dialog_card(&t, &refused);
    let (_, under) = input_and_next(&again, &a1);
    assert_eq!(under["text"], tr(Lang::Ja, "setup-missing"), "{again}");
    assert_eq!(input_and_next(&again, &a2).0["value"], "復帰後の働き方");
    assert_eq!(status(&t, &kana), "certified");
    assert_eq!(answers(&t, &kana), 0);

    // Answered: started, and the card as mentees see it.
    let saved = t
        .submit_dialog(
            &kana,
            with_inputs(
                &submit,
                &[
                    (&a1, "半年〜1年"),
                    (&a2, "復帰後の働き方"),
                    ("start", "true"),
                ],
            ),
        )
        .await;
    let result = card_text(&dialog_card(&t, &saved));
    assert!(
        result.contains(&tail(Lang::Ja, "setup-started")),
        "{result}"
    );
    assert!(
        result.contains("小林 加奈") && result.contains("半年〜1年"),
        "{result}"
    );
    assert_eq!(status(&t, &kana), "started");

    // From the Home: Answers has the earlier answers filled in; Preview shows the card.
    let home = home_with(&t, &kana, "mentor.pause").await;
    // Stop says what it does on its button.
    action_titled(&home, &tr(Lang::Ja, "teams-button-stop"));
    let answers_dialog = t
        .fetch_dialog(&kana, button_data(&home, "mentor.answers"))
        .await;
    assert_eq!(input_and_next(&answers_dialog, &a1).0["value"], "半年〜1年");
    assert_eq!(
        input_and_next(&answers_dialog, &a2).0["value"],
        "復帰後の働き方"
    );
    let preview = card_text(
        &t.fetch_dialog(&kana, button_data(&home, "mentor.preview"))
            .await,
    );
    assert!(
        preview.contains(tr(Lang::Ja, "preview-intro").trim_end_matches('：')),
        "{preview}"
    );
    assert!(preview.contains("復帰後の働き方"), "{preview}");

    // A Teams mentee finds her once she has hours.
    let hours = Hours {
        windows: (0..7)
            .map(|day| Window {
                day,
                start: 540,
                end: 720,
            })
            .collect(),
        slot_minutes: 60,
        ..Hours::default()
    };
    app.save_hours(&teams_uid(&kana), hours, now).await.unwrap();
    assert!(find(&t, &liam, "育休").await.contains("小林 加奈"));

    // Forged by Liam (not a mentor of the theme): refused, nothing changes.
    let forged = t
        .execute(
            &liam,
            action_data(&Action::Mentor(MentorAction::Pause { theme })),
        )
        .await;
    assert!(
        card_text(&forged).contains(&tr(Lang::En, "setup-not-certified")),
        "{forged}"
    );
    let forged_submit = t
        .submit_dialog(
            &liam,
            with_inputs(&submit, &[(&a1, "1年以上"), ("start", "false")]),
        )
        .await;
    assert_eq!(forged_submit["task"]["type"], "message", "{forged_submit}");
    assert_eq!(status(&t, &kana), "started");
    assert_eq!(answers(&t, &liam), 0);
    assert_eq!(
        input_and_next(
            &t.fetch_dialog(&kana, button_data(&home, "mentor.answers"))
                .await,
            &a1
        )
        .0["value"],
        "半年〜1年"
    );

    // Pause on the Home hides her from find; Resume shows her again.
    let paused = t.execute(&kana, button_data(&home, "mentor.pause")).await;
    assert!(
        card_text(&paused).contains(&tail(Lang::Ja, "mentor-paused")),
        "{paused}"
    );
    assert_eq!(status(&t, &kana), "paused");
    assert!(!find(&t, &liam, "育休").await.contains("小林 加奈"));
    let home = home_with(&t, &kana, "mentor.resume").await;
    let resumed = t.execute(&kana, button_data(&home, "mentor.resume")).await;
    assert!(
        card_text(&resumed).contains(&tail(Lang::Ja, "mentor-resumed")),
        "{resumed}"
    );
    assert_eq!(status(&t, &kana), "started");
    assert!(find(&t, &liam, "育休").await.contains("小林 加奈"));

    // Stop: its consequence said; mentees no longer find her.
    let home = home_with(&t, &kana, "mentor.stop").await;
    let stopped = t.execute(&kana, button_data(&home, "mentor.stop")).await;
    let said = card_text(&stopped);
    assert!(said.contains("メンティ"), "{said}");
    assert_eq!(status(&t, &kana), "certified");
    assert!(!find(&t, &liam, "育休").await.contains("小林 加奈"));

    // Start on the Home: the form on the card, Start ticked; the same refusal while the
    // required answer is empty (sent from the card, as clients without dialogs do).
    let home = home_with(&t, &kana, "mentor.start").await;
    let form = t.execute(&kana, button_data(&home, "mentor.start")).await;
    assert_eq!(input_and_next(&form, "start").0["value"], "true");
    let before = t.chat(&kana).len();
    let empty = with_inputs(&submit_data(&form), &[(&a1, ""), ("start", "true")]);
    let (code, _) = t.post(&t.teams.submit_action(&kana, empty, None)).await;
    assert_eq!(code, 200);
    eventually("the refusal card", || t.chat(&kana).len() > before).await;
    let answer = card_of(t.chat(&kana).last().unwrap());
    assert_eq!(
        input_and_next(&answer, &a1).1["text"],
        tr(Lang::Ja, "setup-missing")
    );
    assert_eq!(status(&t, &kana), "certified");
    let full = with_inputs(&submit_data(&form), &[(&a1, "1年以上"), ("start", "true")]);
    let (code, _) = t.post(&t.teams.submit_action(&kana, full, None)).await;
    assert_eq!(code, 200);
    eventually("started again", || status(&t, &kana) == "started").await;
    assert!(find(&t, &liam, "育休").await.contains("小林 加奈"));
    assert!(
        t.teams.rejections().is_empty(),
        "{:?}",
        t.teams.rejections()
    );
}
