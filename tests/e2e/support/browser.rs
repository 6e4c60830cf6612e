//! A real headless Chromium (Debian's `chromium` and `chromium-driver`) driven over WebDriver
//! with fantoccini, on a freshly seeded local sandbox; screenshots go to
//! `sandbox-screenshots/<test>/` in Cargo's target tmp dir.

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use mentor_bot::sandbox::RunningSandbox;
use serde_json::json;

pub const WAIT: Duration = Duration::from_secs(20);

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

pub struct Browser {
    pub client: Client,
    driver: Child,
    shots: PathBuf,
    url: String,
    pub sandbox: Option<RunningSandbox>,
    pub dir: tempfile::TempDir,
}

impl Browser {
    pub async fn start(test: &str) -> Option<Browser> {
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

    pub async fn open_as(&self, user: &str) {
        self.client
            .goto(&format!("{}/?as={user}", self.url))
            .await
            .unwrap();
        self.wait(&format!("[data-testid=person-{user}].active"))
            .await;
    }

    pub async fn wait(&self, css: &str) -> fantoccini::elements::Element {
        self.client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("waiting for {css}: {e}"))
    }

    /// Clicks `css` once it is there (the page redraws parts, so a stale element is retried).
    pub async fn click(&self, css: &str) {
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

    /// Chooses the option of `value` in the menu `css`, or its first option (after the
    /// placeholder) when `value` is `None`.
    pub async fn select(&self, css: &str, value: Option<&str>) {
        match value {
            Some(v) => self.choose(css, Choice::Value(v)).await,
            None => self.choose(css, Choice::Nth(1)).await,
        }
    }

    /// Chooses the `nth` option of the menu `css` (1 is the first after the placeholder).
    pub async fn select_nth(&self, css: &str, nth: usize) {
        self.choose(css, Choice::Nth(nth)).await
    }

    async fn choose(&self, css: &str, choice: Choice<'_>) {
        let deadline = Instant::now() + WAIT;
        loop {
            let tried = match self.client.find(Locator::Css(css)).await {
                Ok(e) => match choice {
                    Choice::Value(v) => e.select_by_value(v).await.map_err(|e| e.to_string()),
                    // Counted over the whole menu (`select_by_index` is `option:nth-of-type`,
                    // which counts within each <optgroup> of a grouped menu).
                    Choice::Nth(n) => match e.find_all(Locator::Css("option")).await {
                        Ok(options) => match options.get(n) {
                            Some(option) => option.click().await.map_err(|e| e.to_string()),
                            None => Err(format!("{} options, no option {n}", options.len())),
                        },
                        Err(err) => Err(err.to_string()),
                    },
                },
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
    pub async fn text_containing(&self, css: &str, needle: &str) -> String {
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
    pub async fn close_modals(&self) {
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

    pub async fn screenshot(&self, name: &str) -> Vec<u8> {
        let png = self.client.screenshot().await.unwrap();
        std::fs::write(self.shots.join(format!("{name}.png")), &png).unwrap();
        png
    }

    pub async fn app(&self) -> mentor_bot::app::App {
        let sandbox = self.sandbox.as_ref().unwrap();
        sandbox.sandbox.workspace().await.app.clone()
    }

    /// Quits Chromium (the WebDriver session), then chromedriver and the sandbox.
    pub async fn close(mut self) {
        let _ = self.client.clone().close().await;
        if let Some(sandbox) = self.sandbox.take() {
            sandbox.shutdown().await;
        }
    }
}

impl Drop for Browser {
    /// Also when a test fails before `close`: chromedriver does not outlive the test.
    fn drop(&mut self) {
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

/// A screenshot with a real page on it: many colours, no single colour covering it all.
pub fn assert_not_blank(png_bytes: &[u8]) {
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

#[derive(Clone, Copy)]
enum Choice<'a> {
    Value(&'a str),
    Nth(usize),
}
