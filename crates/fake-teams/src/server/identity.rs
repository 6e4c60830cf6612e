//! The identity side of the fake: OpenID metadata + JWKS (counted) and the Entra ID token
//! endpoint (client credentials, checked field by field; opaque access tokens).

use super::{failure_response, take_failure, Shared};
use crate::Call;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::{Form, Json};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::time::{Duration, Instant};

pub(super) async fn metadata(State(inner): Shared) -> Json<Value> {
    inner.lock().metadata_requests += 1;
    Json(json!({
        "issuer": crate::tokens::ISSUER,
        "authorization_endpoint": "https://invalid.botframework.com",
        "jwks_uri": format!("{}/v1/.well-known/keys", inner.base),
        "id_token_signing_alg_values_supported": ["RS256"],
        "token_endpoint_auth_methods_supported": ["private_key_jwt"],
    }))
}

pub(super) async fn keys(State(inner): Shared) -> Response {
    let (with_unlisted, failure) = {
        let mut state = inner.lock();
        state.jwks_requests += 1;
        let failure = take_failure(&mut state.failures, Call::Keys);
        (state.unlisted_published, failure)
    };
    match failure {
        Some(failure) => failure_response(failure),
        None => Json(inner.keys.jwks(with_unlisted)).into_response(),
    }
}

fn oauth_error(status: StatusCode, error: &str, description: &str) -> Response {
    (
        status,
        Json(json!({ "error": error, "error_description": description })),
    )
        .into_response()
}

pub(super) async fn token(
    State(inner): Shared,
    Path(tenant): Path<String>,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    let failure = {
        let mut state = inner.lock();
        state.token_requests += 1;
        take_failure(&mut state.failures, Call::Token)
    };
    if let Some(failure) = failure {
        return failure_response(failure);
    }
    let config = &inner.config;
    let field = |name: &str| form.get(name).map(String::as_str).unwrap_or("");
    let refusal = if tenant != config.tenant_id {
        Some((StatusCode::BAD_REQUEST, "invalid_tenant", "unknown tenant"))
    } else if field("grant_type") != "client_credentials" {
        Some((
            StatusCode::BAD_REQUEST,
            "unsupported_grant_type",
            "grant_type must be client_credentials",
        ))
    } else if field("client_id") != config.app_id {
        Some((
            StatusCode::BAD_REQUEST,
            "unauthorized_client",
            "unknown client_id",
        ))
    } else if field("client_secret") != config.app_password {
        Some((
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            "invalid client secret",
        ))
    } else if field("scope") != "https://api.botframework.com/.default" {
        Some((
            StatusCode::BAD_REQUEST,
            "invalid_scope",
            "scope must be https://api.botframework.com/.default",
        ))
    } else {
        None
    };
    if let Some((status, error, description)) = refusal {
        inner.reject(format!("token: {error}: {description}"));
        return oauth_error(status, error, description);
    }
    let mut state = inner.lock();
    let lifetime = state.token_lifetime_secs;
    let access_token = format!("fake-teams-access-{}", state.token_requests);
    state.access_tokens.insert(
        access_token.clone(),
        Instant::now() + Duration::from_secs(lifetime),
    );
    Json(json!({
        "token_type": "Bearer",
        "expires_in": lifetime,
        "ext_expires_in": lifetime,
        "access_token": access_token,
    }))
    .into_response()
}
