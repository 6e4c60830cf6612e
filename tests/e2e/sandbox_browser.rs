//! The local sandbox in a real headless Chromium (Debian's `chromium` and `chromium-driver`,
//! driven over WebDriver with fantoccini): a mentee finds a mentor and requests a 1on1, the
//! mentor accepts from the DM and, after time travel, gets the pre-1on1 brief; a modal error
//! shows under its field; the admin's App Home. Screenshots go to `sandbox-screenshots/` in
//! Cargo's target tmp dir; `MENTOR_BOT_UPDATE_SCREENSHOT=1` also refreshes docs/sandbox.png.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use mentor_bot::domain::booking::BookingStatus;
use mentor_bot::domain::UserId;
use mentor_bot::sandbox::RunningSandbox;
use serde_json::json;

const WAIT: Duration = Duration::from_secs(20);

/// chromedriver and Chromium, or why the test cannot run. Never a silent skip: without a
/// browser the test fails, unless the developer said MENTOR_BOT_SKIP_BROWSER_TESTS=1 outside CI.
fn browser_binaries() -> Option<(PathBuf, PathBuf)> {
    let find = |names: &[&str]| {
        let path = std::env::var_os("PATH").unwrap_or_default();
        std::env::split_paths(&path)
            .flat_map(|dir| names.iter().map(move |n| dir.join(n)))
            .find(|p| p.is_file())
    };
    let found = find(&["chromedriver"]).zip(find(&["chromium", "chromium-browser"]));
    let in_ci = std::env::var("CI").is_ok_and(|v| v == "true" || v == "1");
    let skip = std::env::var("MENTOR_BOT_SKIP_BROWSER_TESTS").is_ok_and(|v| v == "1");
    match found {
        Some(found) => Some(found),
        None if skip && !in_ci => {
            eprintln!("SKIPPED: no chromium/chromedriver and MENTOR_BOT_SKIP_BROWSER_TESTS=1");
            None
        }
        None => panic!(
            "the sandbox browser tests need Chromium and chromedriver on PATH: \
             apt-get install chromium chromium-driver (.ci/run does it){}",
            if in_ci {
                ""
            } else {
                ", or set MENTOR_BOT_SKIP_BROWSER_TESTS=1 to skip them"
            }
        ),
    }
}

struct Browser {
    client: Client,
    driver: Child,
    shots: PathBuf,
    url: String,
    sandbox: Option<RunningSandbox>,
    dir: tempfile::TempDir,
}

impl Browser {
    async fn start(test: &str) -> Option<Browser> {
        let (chromedriver, chromium) = browser_binaries()?;
        let dir = tempfile::tempdir().unwrap();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let sandbox = mentor_bot::sandbox::launch(dir.path().join("sandbox.db"), listener)
            .await
            .expect("the sandbox starts");
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let driver = Command::new(chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let profile = dir.path().join("profile");
        let caps = json!({
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": chromium,
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                    "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                    "--window-size=1280,860", format!("--user-data-dir={}", profile.display()),
                ]
            }
        });
        let caps: fantoccini::wd::Capabilities = caps.as_object().unwrap().clone();
        let deadline = Instant::now() + WAIT;
        let client = loop {
            let connector = hyper_util::client::legacy::connect::HttpConnector::new();
            match ClientBuilder::new(connector)
                .capabilities(caps.clone())
                .connect(&format!("http://127.0.0.1:{port}"))
                .await
            {
                Ok(client) => break client,
                Err(e) if Instant::now() > deadline => panic!("cannot start Chromium: {e}"),
                Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
            }
        };
        let shots = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
            .join("sandbox-screenshots")
            .join(test);
        std::fs::create_dir_all(&shots).unwrap();
        Some(Browser {
            url: format!("http://{}", sandbox.addr),
            client,
            driver,
            shots,
            sandbox: Some(sandbox),
            dir,
        })
    }

    async fn open_as(&self, user: &str) {
        self.client
            .goto(&format!("{}/?as={user}", self.url))
            .await
            .unwrap();
        self.wait(&format!("[data-testid=person-{user}].active"))
            .await;
    }

    async fn wait(&self, css: &str) -> fantoccini::elements::Element {
        self.client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("waiting for {css}: {e}"))
    }

    /// Clicks `css` once it is there (the page redraws parts, so a stale element is retried).
    async fn click(&self, css: &str) {
        let deadline = Instant::now() + WAIT;
        loop {
            let tried = match self.client.find(Locator::Css(css)).await {
                Ok(e) => e.click().await.map_err(|e| e.to_string()),
                Err(e) => Err(e.to_string()),
            };
            match tried {
                Ok(()) => return,
                Err(e) if Instant::now() > deadline => panic!("cannot click {css}: {e}"),
                Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
            }
        }
    }

    async fn select(&self, css: &str, value: Option<&str>) {
        let deadline = Instant::now() + WAIT;
        loop {
            let tried = match self.client.find(Locator::Css(css)).await {
                Ok(e) => match value {
                    Some(v) => e.select_by_value(v).await,
                    None => e.select_by_index(1).await,
                }
                .map_err(|e| e.to_string()),
                Err(e) => Err(e.to_string()),
            };
            match tried {
                Ok(()) => return,
                Err(e) if Instant::now() > deadline => panic!("cannot choose in {css}: {e}"),
                Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
            }
        }
    }

    /// Waits until the text of `css` contains `needle`; returns that text.
    async fn text_containing(&self, css: &str, needle: &str) -> String {
        let deadline = Instant::now() + WAIT;
        let mut last = String::new();
        while Instant::now() < deadline {
            if let Ok(e) = self.client.find(Locator::Css(css)).await {
                last = e.text().await.unwrap_or_default();
                if last.contains(needle) {
                    return last;
                }
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("{css} never showed {needle:?}; it shows:\n{last}");
    }

    /// Closes the open modals one by one, as Slack's Close does (the results under the form).
    async fn close_modals(&self) {
        for _ in 0..5 {
            let layer = self.wait("#modal-layer").await;
            if !layer.is_displayed().await.unwrap_or(false) {
                return;
            }
            self.click("[data-testid=modal-close]").await;
            tokio::time::sleep(Duration::from_millis(300)).await;
        }
        panic!("the modals did not close");
    }

    async fn screenshot(&self, name: &str) -> Vec<u8> {
        let png = self.client.screenshot().await.unwrap();
        std::fs::write(self.shots.join(format!("{name}.png")), &png).unwrap();
        png
    }

    async fn app(&self) -> mentor_bot::app::App {
        let sandbox = self.sandbox.as_ref().unwrap();
        sandbox.sandbox.workspace().await.app.clone()
    }

    async fn close(mut self) {
        let _ = self.client.clone().close().await;
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        if let Some(sandbox) = self.sandbox.take() {
            sandbox.shutdown().await;
        }
    }
}

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
    b.click("#modal button[data-action='booking.request.UEMMA.1']")
        .await;
    b.wait("#modal select[data-action='booking.slot']").await;
}

#[tokio::test]
async fn a_mentee_requests_a_1on1_the_mentor_accepts_from_the_dm_and_time_travel_brings_the_brief()
{
    let Some(b) = Browser::start("booking").await else {
        return;
    };
    open_request_form(&b).await;
    b.select("#modal select[data-action='booking.slot']", None)
        .await;
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
    b.select("#modal select[data-action='booking.slot']", None)
        .await;
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

/// A screenshot with a real page on it: many colours, no single colour covering it all.
fn assert_not_blank(png_bytes: &[u8]) {
    let decoder = png::Decoder::new(std::io::Cursor::new(png_bytes));
    let mut reader = decoder.read_info().expect("a PNG");
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).expect("a PNG frame");
    let samples = info.color_type.samples();
    let pixels: Vec<&[u8]> = buf[..info.buffer_size()].chunks(samples).collect();
    let mut counts = std::collections::HashMap::new();
    for p in &pixels {
        *counts.entry(*p).or_insert(0usize) += 1;
    }
    let most = counts.values().max().copied().unwrap_or(0);
    assert!(
        info.width >= 800 && counts.len() > 50,
        "{}x{} with {} colours",
        info.width,
        info.height,
        counts.len()
    );
    assert!(
        most < pixels.len() * 9 / 10,
        "one colour covers {most} of {} pixels",
        pixels.len()
    );
}
