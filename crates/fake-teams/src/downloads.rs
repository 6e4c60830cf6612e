//! Files a person attached in the personal chat, served as OneDrive serves them to a bot
//! (`supportsFiles`): a test registers bytes and gets the `file.download.info` attachment
//! Teams puts on the message. Its `downloadUrl` (`/download/{id}?token=…`) is pre-authorized:
//! no bearer token, but its own token, so a wrong or missing one is 401, an unknown id 404,
//! and a link the test expired 403.

use crate::{FakeTeams, Inner, User};
use axum::extract::{Path, State};
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::sync::Arc;

pub(crate) const CONTENT_TYPE: &str = "application/vnd.microsoft.teams.file.download.info";

/// The files registered, by id.
#[derive(Default)]
pub(crate) struct Files {
    files: HashMap<String, File>,
    next: u64,
}

struct File {
    bytes: Vec<u8>,
    token: String,
    expired: bool,
    /// GETs that reached this file, answered or refused.
    gets: usize,
}

/// A file attached in a test: its id and the attachment a message carries.
#[derive(Clone, Debug)]
pub struct AttachedFile {
    pub id: String,
    pub download_url: String,
    pub attachment: Value,
}

pub(crate) fn routes() -> Router<Arc<Inner>> {
    Router::new().route("/download/{id}", get(download))
}

async fn download(State(inner): State<Arc<Inner>>, Path(id): Path<String>, uri: Uri) -> Response {
    let token = uri
        .query()
        .unwrap_or_default()
        .split('&')
        .find_map(|pair| pair.strip_prefix("token="))
        .map(str::to_string);
    let mut state = inner.lock();
    let Some(file) = state.downloads.files.get_mut(&id) else {
        drop(state);
        inner.reject(format!("GET /download/{id}: 404 no such file"));
        return StatusCode::NOT_FOUND.into_response();
    };
    file.gets += 1;
    if token.as_deref() != Some(file.token.as_str()) {
        drop(state);
        inner.reject(format!("GET /download/{id}: 401 wrong or missing token"));
        return StatusCode::UNAUTHORIZED.into_response();
    }
    if file.expired {
        drop(state);
        inner.reject(format!("GET /download/{id}: 403 the link has expired"));
        return StatusCode::FORBIDDEN.into_response();
    }
    let bytes = file.bytes.clone();
    (
        StatusCode::OK,
        [("content-type", "application/octet-stream")],
        bytes,
    )
        .into_response()
}

impl FakeTeams {
    /// Registers `bytes` as a file named `name` in the sender's OneDrive; returns the
    /// attachment Teams would put on the message.
    pub fn attach_file(&self, name: &str, bytes: &[u8]) -> AttachedFile {
        let mut state = self.inner.lock();
        state.downloads.next += 1;
        let n = state.downloads.next;
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or_default();
        let id = format!("f{n}");
        let token = format!("tk{n}x{nanos:08x}");
        state.downloads.files.insert(
            id.clone(),
            File {
                bytes: bytes.to_vec(),
                token: token.clone(),
                expired: false,
                gets: 0,
            },
        );
        let download_url = format!("{}/download/{id}?token={token}", self.inner.base);
        let file_type = name.rsplit_once('.').map(|(_, e)| e).unwrap_or_default();
        let attachment = json!({
            "contentType": CONTENT_TYPE,
            "contentUrl": format!("https://contoso-my.sharepoint.com/personal/user/Documents/Microsoft Teams Chat Files/{name}"),
            "name": name,
            "content": {
                "downloadUrl": download_url,
                "uniqueId": id,
                "fileType": file_type,
            },
        });
        AttachedFile {
            id,
            download_url,
            attachment,
        }
    }

    /// Replaces a file's bytes (the person edited it in OneDrive); its link stays the same.
    pub fn replace_file(&self, id: &str, bytes: &[u8]) {
        if let Some(file) = self.inner.lock().downloads.files.get_mut(id) {
            file.bytes = bytes.to_vec();
        }
    }

    /// Expires a file's link: every GET from now on is 403.
    pub fn expire_download(&self, id: &str) {
        if let Some(file) = self.inner.lock().downloads.files.get_mut(id) {
            file.expired = true;
        }
    }

    /// GETs that reached file `id` (0 for an unknown id).
    pub fn download_gets(&self, id: &str) -> usize {
        self.inner
            .lock()
            .downloads
            .files
            .get(id)
            .map_or(0, |f| f.gets)
    }

    /// A message in the personal chat with `attachment` (and `text`, possibly empty).
    pub fn file_message(&self, user: &User, text: &str, attachment: &Value) -> Value {
        let mut activity = self.message(user, text);
        activity["attachments"] = json!([attachment]);
        activity
    }
}
