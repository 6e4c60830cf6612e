//! The end-to-end tests, as one test binary (one link instead of one per file): the real bot
//! on port 0 against the strict fake Slack (`fake_slack`), with signed requests and a real
//! SQLite file, plus the CLI, the manifest and the catalogs.
#![forbid(unsafe_code)]

mod admin;
mod after;
mod booking;
mod booking_slack;
mod catalog_keys;
mod cli;
mod delivery;
mod find;
mod find_presses;
mod fixtures;
mod import;
mod insight;
mod manifest;
mod memo;
mod memo_limits;
mod memo_surfaces;
mod memo_todos;
mod mentor;
mod nudges;
mod render_limits;
mod sandbox;
mod sandbox_browser;
mod series;
mod series_slack;
mod slack_requests;
mod socket_mode;
mod support;
mod teams;
mod teams_after;
mod teams_commands;
mod teams_delivery;
mod teams_insight;
mod teams_memo;
mod teams_ops;
mod teams_survey;
mod upload;
// Surveys (issue 11).
mod surveys;
mod surveys_edit;
mod surveys_opt_in;
mod surveys_slack;
mod surveys_threshold;
// Teams: a series asked for in the request dialog.
mod teams_series;
// Teams: a mentor's own setup.
mod teams_mentor;
// Teams: the program office's console.
mod teams_admin;
mod teams_admin2;
mod teams_survey_admin;
// Teams: CSV import by attaching the file in the personal chat.
mod teams_files_in;
// Teams: advisors reach survey results from their stats.
mod teams_advisor;
// Teams: a booking and a series across a daylight-saving change.
mod teams_dst;
// Teams: files given through the consent flow (survey exports).
mod teams_files_out;
// Slack: advisors reach survey results from their stats.
mod advisor_surveys_slack;
