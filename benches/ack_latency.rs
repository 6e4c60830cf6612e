//! How fast the bot acks `/mentor help`, and how much memory the process holds.
//!
//! Run it with `scripts/bench.sh` (builds the release binary first), or
//! `MENTOR_BOT_BIN=target/release/mentor-bot cargo bench --bench ack_latency`.
//!
//! 1. Ack latency over loopback: the real bot (`startup::launch` on 127.0.0.1:0, a temp SQLite
//!    file) against the fake Slack Web API, with signed slash-command requests:
//!    first contact (the bot asks `users.info`), warm sequential, and 32 in flight.
//! 2. Memory of the real binary (`MENTOR_BOT_BIN`, default `target/release/mentor-bot`) run as
//!    a child process against the same fake: VmRSS / VmHWM when idle and after some requests.
//!
//! Every response must be HTTP 200 with `response_type: ephemeral` and the help blocks; the
//! bench panics otherwise. The bot, the fake and the client share this process's tokio runtime
//! in part 1, so the numbers include the client's own cost.

use std::future::Future;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use futures::stream::{self, StreamExt};
use mentor_bot::config::{Config, Secret, Settings, SlackConfig};
use mentor_bot::domain::{Lang, UserId};
use mentor_bot::slack::transport::verify::sign;
use mentor_bot::startup;
use serde_json::Value;

use fake_slack::{FakeSlack, FakeUser, BOT_TOKEN};

const SIGNING_SECRET: &str = "bench-signing-secret";
const ADMIN: &str = "UADMIN";
const WARM_USER: &str = "UBENCH";
const MEM_USER: &str = "UMEMORY";

/// Distinct, unknown users: each one costs a `users.info` call (Slack tier 4, ~100/min).
const FIRST_CONTACT_SAMPLES: usize = 10;
const WARMUP_REQUESTS: usize = 200;
const WARM_REQUESTS: usize = 2_000;
const CONCURRENT_REQUESTS: usize = 2_000;
const IN_FLIGHT: usize = 32;
const MEMORY_REQUESTS: usize = 200;
const IDLE_WAIT: Duration = Duration::from_secs(2);
const STARTUP_TIMEOUT: Duration = Duration::from_secs(15);
const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    runtime.block_on(run());
}

async fn run() {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!("ack_latency: {cores} CPU(s), loopback only");

    let fake = FakeSlack::start().await;
    let dir = tempfile::tempdir().expect("temp dir");
    let config = config_for(&fake, &dir.path().join("mentor-bot.db"));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind the bot's port");
    let bot = startup::launch(config, listener)
        .await
        .expect("the bot starts");
    let client = Client::new(bot.addr);

    // (a) First contact: the bot does not know the user and asks the fake's users.info.
    println!("first contact: 1 warm-up + {FIRST_CONTACT_SAMPLES} unknown users, one request each");
    // One unmeasured first contact opens the client → bot and bot → fake connections.
    fake.add_user(FakeUser::new("UFIRSTWARMUP"));
    client.help("UFIRSTWARMUP").await;
    let lookups_before = fake.calls_to("users.info").len();
    let mut first = Vec::with_capacity(FIRST_CONTACT_SAMPLES);
    for i in 0..FIRST_CONTACT_SAMPLES {
        let user = format!("UFIRST{i:03}");
        fake.add_user(FakeUser::new(&user).with_name(&format!("First {i}")));
        first.push(client.help(&user).await);
    }
    let lookups = fake.calls_to("users.info").len() - lookups_before;
    assert_eq!(
        lookups, FIRST_CONTACT_SAMPLES,
        "every first contact should have called users.info exactly once"
    );
    let first = Stats::of(first, None);

    // (b) Warm, sequential, one known user.
    fake.add_user(FakeUser::new(WARM_USER).with_name("Bench"));
    println!("warm: {WARMUP_REQUESTS} warm-up + {WARM_REQUESTS} sequential requests");
    for _ in 0..WARMUP_REQUESTS {
        client.help(WARM_USER).await;
    }
    let lookups_before = fake.calls_to("users.info").len();
    let mut warm = Vec::with_capacity(WARM_REQUESTS);
    let started = Instant::now();
    for _ in 0..WARM_REQUESTS {
        warm.push(client.help(WARM_USER).await);
    }
    let warm = Stats::of(warm, Some(started.elapsed()));

    // (c) Concurrent: IN_FLIGHT requests at a time from the same (known) user.
    println!("concurrent: {CONCURRENT_REQUESTS} requests, {IN_FLIGHT} in flight");
    let started = Instant::now();
    let concurrent: Vec<Duration> = stream::iter(0..CONCURRENT_REQUESTS)
        .map(|_| client.help(WARM_USER))
        .buffer_unordered(IN_FLIGHT)
        .collect()
        .await;
    let concurrent = Stats::of(concurrent, Some(started.elapsed()));
    assert_eq!(
        fake.calls_to("users.info").len(),
        lookups_before,
        "a known, fresh user must not cost a users.info call"
    );
    bot.shutdown().await;

    // Part 2: the real binary as a child process.
    let memory = measure_memory(&fake).await;

    println!();
    println!("== /mentor help ack latency over loopback (ms) ==");
    println!(
        "{:<28} {:>5} {:>8} {:>8} {:>8} {:>8} {:>8} {:>9}",
        "scenario", "n", "min", "p50", "p95", "p99", "max", "req/s"
    );
    first.row("first contact (users.info)");
    warm.row("warm, sequential");
    concurrent.row(&format!("concurrent, {IN_FLIGHT} in flight"));
    println!();
    match memory {
        Ok(m) => {
            println!("== memory of {} (MiB) ==", m.binary.display());
            println!("{:<28} {:>8} {:>8}", "", "VmRSS", "VmHWM");
            println!(
                "{:<28} {:>8.1} {:>8.1}",
                format!("idle ({} s after start)", IDLE_WAIT.as_secs()),
                mib(m.idle.rss_kib),
                mib(m.idle.hwm_kib)
            );
            println!(
                "{:<28} {:>8.1} {:>8.1}",
                format!("after {MEMORY_REQUESTS} /mentor help"),
                mib(m.after.rss_kib),
                mib(m.after.hwm_kib)
            );
        }
        Err(why) => println!("== memory: skipped: {why} =="),
    }
}

/// The bot's configuration, pointing at `fake` (as tests/e2e/support/bot.rs `config_for`).
fn config_for(fake: &FakeSlack, db_path: &Path) -> Config {
    Config {
        settings: Settings {
            db_path: db_path.to_path_buf(),
            addr: "127.0.0.1:0".parse().unwrap(),
            admins: vec![UserId::parse(ADMIN).unwrap()],
            default_lang: Lang::Ja,
            default_tz: chrono_tz::Asia::Tokyo,
            request_ttl: chrono::Duration::hours(48),
            reminder_leads: vec![chrono::Duration::days(1)],
        },
        slack: Some(SlackConfig {
            bot_token: Secret::new(BOT_TOKEN),
            signing_secret: Some(Secret::new(SIGNING_SECRET)),
            app_token: None,
            api_url: fake.api_url.clone(),
            max_pending: mentor_bot::config::DEFAULT_MAX_PENDING,
        }),
        teams: None,
    }
}

/// Posts signed slash commands to one bot and checks each answer.
struct Client {
    http: reqwest::Client,
    url: String,
}

impl Client {
    fn new(addr: SocketAddr) -> Self {
        Client {
            http: reqwest::Client::builder()
                .timeout(REQUEST_TIMEOUT)
                .build()
                .expect("HTTP client"),
            url: format!("http://{addr}/slack/commands"),
        }
    }

    /// `/mentor help` as `user`; the time from sending to the whole answer being read.
    fn help(&self, user: &str) -> impl Future<Output = Duration> {
        let body = slash_form(user, "help");
        let ts = now_unix().to_string();
        let signature = sign(SIGNING_SECRET, &ts, body.as_bytes());
        let request = self
            .http
            .post(&self.url)
            .header("content-type", "application/x-www-form-urlencoded")
            .header("x-slack-request-timestamp", ts)
            .header("x-slack-signature", signature)
            .body(body);
        let user = user.to_string();
        async move {
            let started = Instant::now();
            let response = request
                .send()
                .await
                .unwrap_or_else(|e| panic!("/mentor help as {user}: request failed: {e}"));
            let status = response.status();
            let bytes = response
                .bytes()
                .await
                .unwrap_or_else(|e| panic!("/mentor help as {user}: reading the answer: {e}"));
            let elapsed = started.elapsed();
            check_help_answer(&user, status.as_u16(), &bytes);
            elapsed
        }
    }
}

/// Panics unless the answer is a 200 ephemeral help message (not the generic error message).
fn check_help_answer(user: &str, status: u16, body: &[u8]) {
    let text = String::from_utf8_lossy(body);
    assert_eq!(status, 200, "/mentor help as {user}: HTTP {status}: {text}");
    let json: Value = serde_json::from_slice(body)
        .unwrap_or_else(|e| panic!("/mentor help as {user}: answer is not JSON ({e}): {text}"));
    assert_eq!(
        json["response_type"], "ephemeral",
        "/mentor help as {user}: not ephemeral: {text}"
    );
    let is_help = json["blocks"].as_array().is_some_and(|blocks| {
        blocks.iter().any(|b| {
            b["block_id"]
                .as_str()
                .is_some_and(|id| id.starts_with("help."))
        })
    });
    assert!(
        is_help,
        "/mentor help as {user}: not the help message: {text}"
    );
}

/// A slash-command form body for `/mentor <text>`.
fn slash_form(user: &str, text: &str) -> String {
    serde_urlencoded::to_string([
        ("token", "x"),
        ("team_id", "T0001"),
        ("user_id", user),
        ("command", "/mentor"),
        ("text", text),
        ("trigger_id", "1.2.3"),
        ("api_app_id", "A0001"),
    ])
    .expect("form body")
}

fn now_unix() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("clock after 1970")
        .as_secs()
}

/// Latency percentiles (nearest rank on the sorted samples).
struct Stats {
    sorted: Vec<Duration>,
    /// Wall time of the whole run, for the throughput column.
    wall: Option<Duration>,
}

impl Stats {
    fn of(mut samples: Vec<Duration>, wall: Option<Duration>) -> Self {
        assert!(!samples.is_empty(), "no samples");
        samples.sort_unstable();
        Stats {
            sorted: samples,
            wall,
        }
    }

    fn percentile(&self, p: f64) -> Duration {
        let n = self.sorted.len();
        let rank = ((p / 100.0) * n as f64).ceil() as usize;
        self.sorted[rank.clamp(1, n) - 1]
    }

    fn row(&self, name: &str) {
        let ms = |d: Duration| d.as_secs_f64() * 1e3;
        let rate = self.wall.map_or_else(
            || "-".to_string(),
            |w| format!("{:.0}", self.sorted.len() as f64 / w.as_secs_f64()),
        );
        println!(
            "{:<28} {:>5} {:>8.3} {:>8.3} {:>8.3} {:>8.3} {:>8.3} {:>9}",
            name,
            self.sorted.len(),
            ms(self.sorted[0]),
            ms(self.percentile(50.0)),
            ms(self.percentile(95.0)),
            ms(self.percentile(99.0)),
            ms(self.sorted[self.sorted.len() - 1]),
            rate
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Part 2: memory of the real binary
// ---------------------------------------------------------------------------------------------

struct Memory {
    binary: PathBuf,
    idle: ProcMemory,
    after: ProcMemory,
}

struct ProcMemory {
    rss_kib: u64,
    hwm_kib: u64,
}

fn mib(kib: u64) -> f64 {
    kib as f64 / 1024.0
}

/// Runs the binary against `fake`; `Err` says why the measurement was skipped.
async fn measure_memory(fake: &FakeSlack) -> Result<Memory, String> {
    let binary = std::env::var_os("MENTOR_BOT_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("target/release/mentor-bot"));
    let binary = if binary.is_relative() {
        Path::new(env!("CARGO_MANIFEST_DIR")).join(binary)
    } else {
        binary
    };
    if !binary.is_file() {
        return Err(format!(
            "{} does not exist; build it with `cargo build --release --bin mentor-bot` \
             or run scripts/bench.sh (MENTOR_BOT_BIN overrides the path)",
            binary.display()
        ));
    }
    if !Path::new("/proc/self/status").is_file() {
        return Err("no /proc/<pid>/status on this system (Linux only)".into());
    }
    warn_if_stale(&binary);
    println!(
        "memory: running {} against the fake Slack",
        binary.display()
    );

    fake.add_user(FakeUser::new(MEM_USER).with_name("Memory"));
    let dir = tempfile::tempdir().map_err(|e| format!("temp dir: {e}"))?;
    let log_path = dir.path().join("mentor-bot.log");
    let log = std::fs::File::create(&log_path).map_err(|e| format!("log file: {e}"))?;
    // Reserve a free port, then hand it to the child (it binds it itself).
    let addr = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map_err(|e| format!("free port: {e}"))?;

    let mut child = tokio::process::Command::new(&binary)
        .arg("serve")
        .env("SLACK_BOT_TOKEN", BOT_TOKEN)
        .env("SLACK_SIGNING_SECRET", SIGNING_SECRET)
        .env("SLACK_API_URL", &fake.api_url)
        .env("MENTOR_BOT_DB", dir.path().join("mentor-bot.db"))
        .env("MENTOR_BOT_ADDR", addr.to_string())
        .env("MENTOR_BOT_LOG", "warn")
        .env_remove("SLACK_APP_TOKEN")
        .env_remove("MENTOR_BOT_ADMINS")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(log)
        .kill_on_drop(true)
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", binary.display()))?;
    let pid = child.id().expect("a running child has a pid");

    wait_healthy(&mut child, addr, &log_path).await;
    tokio::time::sleep(IDLE_WAIT).await;
    let idle = proc_memory(pid);
    let client = Client::new(addr);
    for _ in 0..MEMORY_REQUESTS {
        client.help(MEM_USER).await;
    }
    let after = proc_memory(pid);

    child.start_kill().expect("stop mentor-bot");
    tokio::time::timeout(Duration::from_secs(5), child.wait())
        .await
        .expect("mentor-bot stops within 5 s")
        .expect("wait for mentor-bot");
    Ok(Memory {
        binary,
        idle,
        after,
    })
}

/// Polls GET /healthz until it answers 200, the child exits, or the timeout passes.
async fn wait_healthy(child: &mut tokio::process::Child, addr: SocketAddr, log: &Path) {
    let http = reqwest::Client::builder()
        .timeout(Duration::from_secs(1))
        .build()
        .expect("HTTP client");
    let url = format!("http://{addr}/healthz");
    let deadline = Instant::now() + STARTUP_TIMEOUT;
    while Instant::now() < deadline {
        if let Ok(Some(status)) = child.try_wait() {
            let output = std::fs::read_to_string(log).unwrap_or_default();
            panic!("mentor-bot exited during startup ({status}):\n{output}");
        }
        if let Ok(response) = http.get(&url).send().await {
            if response.status().is_success() {
                return;
            }
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let output = std::fs::read_to_string(log).unwrap_or_default();
    panic!(
        "mentor-bot did not answer {url} within {}s:\n{output}",
        STARTUP_TIMEOUT.as_secs()
    );
}

/// VmRSS and VmHWM of `pid`, in KiB.
fn proc_memory(pid: u32) -> ProcMemory {
    let path = format!("/proc/{pid}/status");
    let status = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {path}: {e}"));
    let field = |name: &str| -> u64 {
        status
            .lines()
            .find_map(|line| line.strip_prefix(name))
            .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap_or_else(|| panic!("no {name} in {path}:\n{status}"))
    };
    ProcMemory {
        rss_kib: field("VmRSS:"),
        hwm_kib: field("VmHWM:"),
    }
}

/// Warns when the binary is older than the sources it was built from.
fn warn_if_stale(binary: &Path) {
    fn newest(path: &Path) -> Option<SystemTime> {
        let meta = std::fs::metadata(path).ok()?;
        if meta.is_dir() {
            std::fs::read_dir(path)
                .ok()?
                .filter_map(|e| e.ok())
                .filter_map(|e| newest(&e.path()))
                .max()
        } else {
            meta.modified().ok()
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let sources = ["src", "Cargo.toml", "Cargo.lock"]
        .iter()
        .filter_map(|p| newest(&root.join(p)))
        .max();
    let built = std::fs::metadata(binary).and_then(|m| m.modified()).ok();
    if let (Some(sources), Some(built)) = (sources, built) {
        if sources > built {
            println!(
                "memory: WARNING: {} is older than the sources; rebuild it \
                 (`cargo build --release --bin mentor-bot`) for current numbers",
                binary.display()
            );
        }
    }
}
