//! The find benchmark's ceiling on this machine: a stand-in for the bot that does only the
//! I/O the benchmark asks of any system under test. It answers each slash command with an
//! empty 200 and sends one fixed modal (a file, e.g. the bot's own last modal as the fake
//! recorded it) to `views.open` with the command's trigger id, over a pooled keep-alive
//! connection like the bot's. No signature check, no database, no drawing.
//!
//! Whatever it reaches is the most any bot can reach in that harness and on that machine, since
//! the fake Web API and the load generator share its cores. `scripts/bench-find.sh ceiling`
//! runs it with the bot's modal and with one the size of the Bolt peers' listing.
//!
//! `cargo run --release --example bench_ceiling -- VIEW.json` with `MENTOR_BOT_ADDR` and
//! `SLACK_API_URL` as for the bot.

use std::sync::Arc;

use axum::{extract::State, routing::post, Router};
use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::{connect::HttpConnector, Client};
use hyper_util::rt::TokioExecutor;

struct Ceiling {
    client: Client<HttpConnector, Full<Bytes>>,
    url: hyper::Uri,
    /// `{"trigger_id":"` … `","view":VIEW}` around the trigger id.
    view: String,
    /// At most 64 `views.open` in flight, as the bot's find budget: past it the ack waits,
    /// so a closed loop of commands slows to what the fake answers instead of piling up.
    in_flight: Arc<tokio::sync::Semaphore>,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let path = std::env::args()
        .nth(1)
        .ok_or_else(|| anyhow::anyhow!("usage: bench_ceiling VIEW.json"))?;
    let view: serde_json::Value = serde_json::from_slice(&std::fs::read(&path)?)?;
    let view = view.get("view").cloned().unwrap_or(view);
    let addr = std::env::var("MENTOR_BOT_ADDR").unwrap_or_else(|_| "127.0.0.1:3000".into());
    let api = std::env::var("SLACK_API_URL")?;
    let state = Arc::new(Ceiling {
        client: Client::builder(TokioExecutor::new()).build({
            let mut connector = HttpConnector::new();
            connector.set_nodelay(true);
            connector
        }),
        url: format!("{api}views.open").parse()?,
        view: format!("\",\"view\":{view}}}"),
        in_flight: Arc::new(tokio::sync::Semaphore::new(64)),
    });
    let app = Router::new()
        .route("/slack/commands", post(command))
        .route("/healthz", axum::routing::get(|| async { "ok" }))
        .with_state(state);
    let listener = tokio::net::TcpListener::bind(&addr).await?;
    axum::serve(listener, app).await?;
    Ok(())
}

/// The empty ack at once; `views.open` after it.
async fn command(State(state): State<Arc<Ceiling>>, body: Bytes) {
    let trigger = form_urlencoded(&body, "trigger_id");
    let Ok(permit) = state.in_flight.clone().acquire_owned().await else {
        return;
    };
    tokio::spawn(async move {
        let _permit = permit;
        let Some(trigger) = trigger else { return };
        let body = format!("{{\"trigger_id\":\"{trigger}{}", state.view);
        let request = hyper::Request::post(state.url.clone())
            .header("content-type", "application/json; charset=utf-8")
            .header("authorization", "Bearer xoxb-ceiling")
            .body(Full::new(Bytes::from(body)))
            .expect("a valid request");
        if let Ok(response) = state.client.request(request).await {
            let answer = response.into_body().collect().await.map(|b| b.to_bytes());
            if !answer.is_ok_and(|b| b.starts_with(b"{\"ok\":true")) {
                eprintln!("views.open failed");
            }
        }
    });
}

fn form_urlencoded(body: &[u8], key: &str) -> Option<String> {
    serde_urlencoded::from_bytes::<Vec<(String, String)>>(body)
        .ok()?
        .into_iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v)
}
