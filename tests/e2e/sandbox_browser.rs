//! The local sandbox in a real headless Chromium (Debian's `chromium` and `chromium-driver`,
//! driven over WebDriver with fantoccini): a mentee finds a mentor and requests a 1on1, the
//! mentor accepts from the DM and, after time travel, gets the pre-1on1 brief; a modal error
//! shows under its field; a CSV uploaded to the import modal; a confirm dialog; the admin's
//! App Home. Screenshots go to `sandbox-screenshots/` in Cargo's target tmp dir;
//! `MENTOR_BOT_UPDATE_SCREENSHOT=1` also refreshes docs/sandbox.png.

use std::path::Path;
use std::time::{Duration, Instant};

use fantoccini::Locator;
use mentor_bot::domain::booking::BookingStatus;
use mentor_bot::domain::UserId;

use crate::support::browser::{assert_not_blank, Browser, WAIT};

/// The mentee (佐藤) opens Emma's request form from the results of `/mentor find 育休`.
async fn open_request_form(b: &Browser) {
    b.open_as("USATO").await;
    b.wait("[data-testid=composer]")
        .await
        .send_keys("/mentor find 育休")
        .await
        .unwrap();
    b.click("[data-testid=send]").await;
    let words = b.wait("#modal [data-action='find.words']").await;
    assert_eq!(words.prop("value").await.unwrap().as_deref(), Some("育休"));
    b.click("[data-testid=modal-submit]").await;
    let results = b.text_containing("#modal-body", "Emma").await;
    assert!(results.contains("育休からの復帰"), "{results}");
    // Emma's card offers several themes: its Request menu opens the chosen theme's form.
    b.select(
        "#modal select[data-action='booking.request.UEMMA']",
        Some("UEMMA:1"),
    )
    .await;
    b.wait("#modal select[data-action='booking.slot']").await;
}

/// Chooses the first time of the second day offered in the open request form. The first
/// free time may start within minutes (the demo mentors take no notice): too soon for the
/// 10-minute reminder (skipped when already past), or past by the time the form is sent.
/// The second day starts after the reader's next midnight, an hour or more past that time.
async fn choose_a_time_on_the_second_day(b: &Browser) {
    // The time select is renamed on every redraw (booking.slot, booking.slot.1, …).
    let slot = "#modal select[data-action^='booking.slot']";
    let first_day = b.wait(slot).await.attr("data-block-id").await.unwrap();
    let first_day = first_day.expect("the time select names its block");
    b.select_nth("#modal select[data-action='booking.day']", 2)
        .await;
    let second_day = format!("{slot}:not([data-block-id='{first_day}'])");
    b.wait(&second_day).await;
    b.select(&second_day, None).await;
}

#[tokio::test]
async fn a_mentee_requests_a_1on1_the_mentor_accepts_from_the_dm_and_time_travel_brings_the_brief()
{
    let Some(b) = Browser::start("booking").await else {
        return;
    };
    open_request_form(&b).await;
    choose_a_time_on_the_second_day(&b).await;
    b.select("#modal select[data-action='booking.topic']", Some("career"))
        .await;
    b.select(
        "#modal select[data-action='booking.response']",
        Some("think_together"),
    )
    .await;
    b.wait("#modal textarea[data-action='booking.note']")
        .await
        .send_keys("復帰後のキャリアについて")
        .await
        .unwrap();
    let form = b.screenshot("1-request-form").await;
    if std::env::var("MENTOR_BOT_UPDATE_SCREENSHOT").is_ok_and(|v| v == "1") {
        let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/sandbox.png");
        std::fs::write(docs, &form).unwrap();
    }
    b.click("[data-testid=modal-submit]").await;
    b.text_containing("#modal-body", "依頼を送りました").await;
    b.close_modals().await;

    // The mentor accepts from the request in her DM (in English, her language).
    b.click("[data-testid=person-UEMMA]").await;
    let dm = b.text_containing("#dm", "requests a 1on1").await;
    assert!(
        dm.contains("佐藤") && dm.contains("Future career"),
        "names, not ids: {dm}"
    );
    b.click("#dm button[data-action^='booking.accept.']").await;
    b.text_containing("#modal-body", "Accepted").await;
    b.close_modals().await;
    b.text_containing("#dm", "is confirmed").await;
    let app = b.app().await;
    let emma = UserId::parse("UEMMA").unwrap();
    let upcoming = app.upcoming(&emma, chrono::Utc::now()).await.unwrap();
    assert!(
        upcoming.iter().any(
            |(one, _)| one.status == BookingStatus::Confirmed && one.mentee.as_str() == "USATO"
        ),
        "the 1on1 is confirmed in the database"
    );
    b.wait("[data-testid=file-0]").await;
    b.screenshot("2-accepted").await;

    // Time travel to just before the 1on1: the reminder is the mentor's brief.
    b.click("[data-testid=travel-next]").await;
    let dm = b.text_containing("#dm", "Before your 1on1 with").await;
    assert!(dm.contains("佐藤"), "{dm}");
    b.text_containing("[data-testid=clock]", "+").await;
    b.screenshot("3-brief").await;
    b.close().await;
}

#[tokio::test]
async fn a_modal_error_is_shown_under_its_field() {
    let Some(b) = Browser::start("modal-error").await else {
        return;
    };
    open_request_form(&b).await;
    // A slot and a response, but no topic.
    choose_a_time_on_the_second_day(&b).await;
    b.select(
        "#modal select[data-action='booking.response']",
        Some("listen"),
    )
    .await;
    b.click("[data-testid=modal-submit]").await;
    let error = b
        .wait("#modal [data-block='booking.topic'] .bk-error")
        .await;
    assert!(!error.text().await.unwrap().trim().is_empty());
    let others = b
        .client
        .find_all(Locator::Css("#modal .bk-error"))
        .await
        .unwrap();
    assert_eq!(others.len(), 1, "only the topic is wrong");
    b.screenshot("error-under-field").await;
    let app = b.app().await;
    let sato = UserId::parse("USATO").unwrap();
    let upcoming = app.upcoming(&sato, chrono::Utc::now()).await.unwrap();
    assert!(
        upcoming
            .iter()
            .all(|(one, _)| one.mentor.as_str() != "UEMMA"),
        "nothing was requested"
    );
    b.close().await;
}

#[tokio::test]
async fn the_admins_app_home_is_drawn_and_its_screenshot_is_not_blank() {
    let Some(b) = Browser::start("admin-home").await else {
        return;
    };
    b.open_as("UADMIN").await;
    b.click("[data-testid=tab-home]").await;
    let home = b
        .text_containing("[data-testid=home]", "事務局メニュー")
        .await;
    assert!(home.contains("テーマ 6 件"), "{home}");
    b.wait("#home button[data-action='home.admin']").await;
    let png = b.screenshot("admin-home").await;
    assert_not_blank(&png);
    b.close().await;
}

#[tokio::test]
async fn an_admin_uploads_a_csv_to_the_import_modal() {
    let Some(b) = Browser::start("import").await else {
        return;
    };
    b.open_as("UADMIN").await;
    b.wait("[data-testid=composer]")
        .await
        .send_keys("/mentor admin")
        .await
        .unwrap();
    b.click("[data-testid=send]").await;
    b.click("#modal button[data-action='admin.import.open']")
        .await;
    let csv = b.dir.path().join("mentors.csv");
    std::fs::write(&csv, "person,theme\nUBEN,DX project\n").unwrap();
    b.wait("#modal input[data-kind=file_input]")
        .await
        .send_keys(csv.to_str().unwrap())
        .await
        .unwrap();
    // The page uploads the file as Slack's client does before the form can be sent.
    b.wait("#modal input[data-kind=file_input][data-files]")
        .await;
    b.click("[data-testid=modal-submit]").await;
    let report = b.text_containing("#dm", "✅").await;
    assert!(
        report.contains("mentors.csv") && report.contains("新たに認定 1 人"),
        "{report}"
    );
    let ben = UserId::parse("UBEN").unwrap();
    assert!(
        b.app().await.roles(&ben).await.unwrap().mentor,
        "Ben is certified"
    );
    b.screenshot("imported").await;
    b.close().await;
}

#[tokio::test]
async fn a_confirm_dialog_guards_cancelling_a_1on1() {
    let Some(b) = Browser::start("confirm").await else {
        return;
    };
    // 佐藤's demo 1on1 with 田中 is confirmed; its DM offers Cancel behind a confirm dialog.
    b.open_as("USATO").await;
    let cancel = "#dm button[data-action^='booking.cancel.']";
    b.click(cancel).await;
    b.text_containing("#confirm-title", "キャンセルしますか")
        .await;
    b.click("[data-testid=confirm-no]").await;
    let sato = UserId::parse("USATO").unwrap();
    let live = |b: &Browser| {
        let sato = sato.clone();
        let app = b.sandbox.as_ref().unwrap().sandbox.clone();
        async move {
            let app = app.workspace().await.app.clone();
            app.upcoming(&sato, chrono::Utc::now()).await.unwrap().len()
        }
    };
    assert_eq!(live(&b).await, 1, "deny changes nothing");
    b.click(cancel).await;
    b.click("[data-testid=confirm-yes]").await;
    let deadline = Instant::now() + WAIT;
    while live(&b).await != 0 {
        assert!(Instant::now() < deadline, "the 1on1 was not cancelled");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    b.close().await;
}
