#!/usr/bin/env bash
# Ack latency of /mentor help over loopback and idle memory of the release binary.
# See benches/ack_latency.rs.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
cargo build --release --bin mentor-bot
MENTOR_BOT_BIN=target/release/mentor-bot cargo bench --bench ack_latency
cargo bench --bench import_csv
