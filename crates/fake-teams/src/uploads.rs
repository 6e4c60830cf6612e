//! Files the bot gives through Teams' consent flow (msteams-docs `bots-filesv4.md`): the file
//! consent and file info cards are checked when sent; [`FakeTeams::allow_upload`] plays the user
//! pressing Allow (an upload session on this server, `PUT /upload/{id}`, whose `uploadInfo`
//! the test puts in a `fileConsent/invoke`); the session takes exactly one PUT of the offered
//! size and keeps the bytes for the test to read.

use crate::{FakeTeams, Inner, User};
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};
use std::collections::{HashMap, VecDeque};
use std::sync::Arc;

pub(crate) const CONSENT: &str = "application/vnd.microsoft.teams.card.file.consent";
pub(crate) const INFO: &str = "application/vnd.microsoft.teams.card.file.info";

/// The upload sessions opened by Allow, and the failures asked for.
#[derive(Default)]
pub(crate) struct Uploads {
    sessions: HashMap<String, Session>,
    fail_next: VecDeque<u16>,
    next: u64,
}

struct Session {
    name: String,
    size: u64,
    bytes: Option<Vec<u8>>,
    puts: usize,
}

/// A file a session received (or is waiting for).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Upload {
    pub name: String,
    /// The bytes of the one accepted PUT, once it came.
    pub bytes: Option<Vec<u8>>,
    /// Every PUT the session was sent, refused ones included.
    pub puts: usize,
}

/// Checks a file consent or file info attachment like Teams; other content types pass.
pub(crate) fn check_attachment(content_type: &str, attachment: &Value) -> Result<(), String> {
    let content = attachment.get("content").unwrap_or(&Value::Null);
    let text = |v: Option<&Value>| v.and_then(Value::as_str).is_some_and(|s| !s.is_empty());
    match content_type {
        CONSENT => {
            if !text(attachment.get("name")) {
                return Err("file consent card: no file name".into());
            }
            let size = content.get("sizeInBytes").and_then(Value::as_u64);
            if size.unwrap_or(0) == 0 {
                return Err("file consent card: sizeInBytes is not a positive integer".into());
            }
            for context in ["acceptContext", "declineContext"] {
                if !content.get(context).is_some_and(Value::is_object) {
                    return Err(format!("file consent card: {context} is not an object"));
                }
            }
            Ok(())
        }
        INFO => {
            if !text(attachment.get("contentUrl")) {
                return Err("file info card: no contentUrl".into());
            }
            for field in ["uniqueId", "fileType"] {
                if !text(content.get(field)) {
                    return Err(format!("file info card: no {field}"));
                }
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

/// `PUT /upload/{id}`: one PUT per session, its Content-Range matching the body and the size
/// offered, no bearer token (the URL is the credential).
pub(crate) async fn put_upload(
    State(inner): State<Arc<Inner>>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let mut uploads = inner.uploads();
    let Some(session) = uploads.sessions.get(&id).map(|s| s.size) else {
        drop(uploads);
        inner.reject(format!("PUT /upload/{id}: 404 no such upload session"));
        return StatusCode::NOT_FOUND.into_response();
    };
    if let Some(session) = uploads.sessions.get_mut(&id) {
        session.puts += 1;
    }
    if let Some(status) = uploads.fail_next.pop_front() {
        return StatusCode::from_u16(status)
            .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
            .into_response();
    }
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    let n = body.len() as u64;
    let refusal = if header("authorization").is_some() {
        Some((
            StatusCode::BAD_REQUEST,
            "a bearer token was sent to the upload URL".to_string(),
        ))
    } else if uploads.sessions[&id].bytes.is_some() {
        Some((
            StatusCode::CONFLICT,
            "the session already has its file".into(),
        ))
    } else if n != session {
        Some((
            StatusCode::BAD_REQUEST,
            format!("{n} bytes sent, {session} offered"),
        ))
    } else if n == 0 || header("content-range") != Some(&format!("bytes 0-{}/{n}", n - 1)) {
        Some((
            StatusCode::BAD_REQUEST,
            format!(
                "Content-Range {:?} does not cover {n} bytes",
                header("content-range")
            ),
        ))
    } else if header("content-length") != Some(&n.to_string()) {
        Some((
            StatusCode::BAD_REQUEST,
            "Content-Length is not the body's".into(),
        ))
    } else {
        None
    };
    if let Some((status, why)) = refusal {
        drop(uploads);
        inner.reject(format!("PUT /upload/{id}: {} {why}", status.as_u16()));
        return (
            status,
            Json(json!({"error": {"code": "invalidRequest", "message": why}})),
        )
            .into_response();
    }
    let session = uploads.sessions.get_mut(&id).expect("checked above");
    session.bytes = Some(body.to_vec());
    let name = session.name.clone();
    (
        StatusCode::CREATED,
        Json(json!({"id": id, "name": name, "size": n})),
    )
        .into_response()
}

impl FakeTeams {
    /// The user presses Allow on the file consent card sent as activity `consent_activity_id`:
    /// an upload session for that file is opened, and its `uploadInfo` returned for the test's
    /// `fileConsent/invoke`.
    pub fn allow_upload(&self, consent_activity_id: &str) -> Value {
        let offer = self
            .sent()
            .into_iter()
            .find(|s| s.activity_id == consent_activity_id && !s.updated)
            .unwrap_or_else(|| panic!("fake Teams: no activity {consent_activity_id}"));
        let card = &offer.activity["attachments"][0];
        assert_eq!(
            card["contentType"], CONSENT,
            "not a file consent card: {card}"
        );
        let name = card["name"].as_str().unwrap_or_default().to_string();
        let size = card["content"]["sizeInBytes"].as_u64().unwrap_or_default();
        let mut uploads = self.inner.uploads();
        uploads.next += 1;
        let id = format!("s{}", uploads.next);
        uploads.sessions.insert(
            id.clone(),
            Session {
                name: name.clone(),
                size,
                bytes: None,
                puts: 0,
            },
        );
        let file_type = name
            .rsplit_once('.')
            .map(|(_, e)| e)
            .unwrap_or("")
            .to_string();
        json!({
            "contentUrl": format!("{}/files/{id}/{name}", self.inner.base),
            "name": name,
            "uploadUrl": format!("{}/upload/{id}", self.inner.base),
            "uniqueId": format!("fake-{id}"),
            "fileType": file_type,
        })
    }

    /// `invoke` `fileConsent/invoke`: `user` pressed `action` (`accept` / `decline`) on the file
    /// consent card sent as `consent_activity_id`, whose context was `context`.
    pub fn file_consent(
        &self,
        user: &User,
        consent_activity_id: &str,
        action: &str,
        context: &Value,
        upload_info: Option<Value>,
    ) -> Value {
        let mut activity = self.message(user, "");
        activity["type"] = json!("invoke");
        activity["name"] = json!("fileConsent/invoke");
        activity["replyToId"] = json!(consent_activity_id);
        if let Some(fields) = activity.as_object_mut() {
            fields.remove("text");
            fields.remove("textFormat");
        }
        let mut value = json!({"type": "fileUpload", "action": action, "context": context});
        if let Some(info) = upload_info {
            value["uploadInfo"] = info;
        }
        activity["value"] = value;
        activity
    }

    /// Every upload session, by the file's name (in the order opened).
    pub fn uploads(&self) -> Vec<Upload> {
        let uploads = self.inner.uploads();
        let mut ids: Vec<&String> = uploads.sessions.keys().collect();
        ids.sort_by_key(|id| id[1..].parse::<u64>().unwrap_or(0));
        ids.into_iter()
            .map(|id| {
                let s = &uploads.sessions[id];
                Upload {
                    name: s.name.clone(),
                    bytes: s.bytes.clone(),
                    puts: s.puts,
                }
            })
            .collect()
    }

    /// Fails the next `times` upload PUTs with `status` (500, 503…).
    pub fn fail_next_upload(&self, status: u16, times: usize) {
        let mut uploads = self.inner.uploads();
        uploads.fail_next.extend(std::iter::repeat_n(status, times));
    }
}
