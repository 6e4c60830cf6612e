//! The Connector→bot JWTs the fake signs with its test-only RSA keys, and the JWKS it publishes.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use jsonwebtoken::jwk::{AlgorithmParameters, Jwk};
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde_json::{json, Value};

/// Which of the fake's test keys signs a token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SigningKey {
    /// Listed in the JWKS, endorsed for `msteams`.
    Msteams,
    /// Listed in the JWKS, endorsed for `webchat` only.
    Webchat,
    /// Not in the JWKS (an unknown `kid`) until `FakeTeams::publish_unlisted_key`.
    Unlisted,
}

/// How a token is signed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenAlg {
    /// What Microsoft does.
    Rs256,
    /// `alg: none`, no signature.
    None,
    /// HS256 with the signing key's public PEM as the HMAC secret (the classic key-confusion attack).
    Hs256WithPublicKey,
}

/// Every knob of a Connector→bot token the negative tests need. `TokenSpec::new(service_url)` is
/// a valid token; change one field to make it wrong.
#[derive(Clone, Debug)]
pub struct TokenSpec {
    /// The `serviceurl` claim; `None` leaves it out.
    pub service_url: Option<String>,
    /// `None`: the fake's issuer (`https://api.botframework.com`).
    pub issuer: Option<String>,
    /// `None`: the app id.
    pub audience: Option<String>,
    pub key: SigningKey,
    pub alg: TokenAlg,
    /// `exp` = now + this (negative: already expired).
    pub expires_in_secs: i64,
    /// `nbf` = now + this.
    pub not_before_secs: i64,
}

impl TokenSpec {
    pub fn new(service_url: &str) -> Self {
        Self {
            service_url: Some(service_url.to_string()),
            issuer: None,
            audience: None,
            key: SigningKey::Msteams,
            alg: TokenAlg::Rs256,
            expires_in_secs: 3600,
            not_before_secs: -60,
        }
    }
}

pub(crate) const ISSUER: &str = "https://api.botframework.com";

struct TestKey {
    kid: &'static str,
    private: EncodingKey,
    public_pem: &'static str,
    endorsements: &'static [&'static str],
    n: String,
    e: String,
}

pub(crate) struct Keys {
    msteams: TestKey,
    webchat: TestKey,
    unlisted: TestKey,
}

fn test_key(
    kid: &'static str,
    private_pem: &'static str,
    public_pem: &'static str,
    endorsements: &'static [&'static str],
) -> TestKey {
    let private =
        EncodingKey::from_rsa_pem(private_pem.as_bytes()).expect("fake Teams: test key PEM");
    let jwk = Jwk::from_encoding_key(&private, Algorithm::RS256).expect("fake Teams: test key JWK");
    let AlgorithmParameters::RSA(rsa) = jwk.algorithm else {
        panic!("fake Teams: test key is not RSA");
    };
    TestKey {
        kid,
        private,
        public_pem,
        endorsements,
        n: rsa.n,
        e: rsa.e,
    }
}

impl Keys {
    pub(crate) fn load() -> Self {
        Self {
            msteams: test_key(
                "fake-teams-test-msteams",
                include_str!("../keys/TEST-ONLY-msteams.pem"),
                include_str!("../keys/TEST-ONLY-msteams.pub.pem"),
                &["msteams"],
            ),
            webchat: test_key(
                "fake-teams-test-webchat",
                include_str!("../keys/TEST-ONLY-webchat.pem"),
                include_str!("../keys/TEST-ONLY-webchat.pub.pem"),
                &["webchat"],
            ),
            unlisted: test_key(
                "fake-teams-test-unlisted",
                include_str!("../keys/TEST-ONLY-unlisted.pem"),
                include_str!("../keys/TEST-ONLY-unlisted.pub.pem"),
                &["msteams"],
            ),
        }
    }

    fn key(&self, which: SigningKey) -> &TestKey {
        match which {
            SigningKey::Msteams => &self.msteams,
            SigningKey::Webchat => &self.webchat,
            SigningKey::Unlisted => &self.unlisted,
        }
    }

    /// The keys document (`jwks_uri`), with Microsoft's `endorsements` extension.
    pub(crate) fn jwks(&self, with_unlisted: bool) -> Value {
        let mut listed = vec![&self.msteams, &self.webchat];
        if with_unlisted {
            listed.push(&self.unlisted);
        }
        let keys: Vec<Value> = listed
            .into_iter()
            .map(|k| {
                json!({
                    "kty": "RSA", "use": "sig", "kid": k.kid, "n": k.n, "e": k.e,
                    "endorsements": k.endorsements,
                })
            })
            .collect();
        json!({ "keys": keys })
    }

    pub(crate) fn mint(&self, spec: &TokenSpec, app_id: &str) -> String {
        let key = self.key(spec.key);
        let now = chrono::Utc::now().timestamp();
        let mut claims = json!({
            "iss": spec.issuer.clone().unwrap_or_else(|| ISSUER.to_string()),
            "aud": spec.audience.clone().unwrap_or_else(|| app_id.to_string()),
            "exp": now + spec.expires_in_secs,
            "nbf": now + spec.not_before_secs,
        });
        if let Some(url) = &spec.service_url {
            claims["serviceurl"] = json!(url);
        }
        match spec.alg {
            TokenAlg::Rs256 => {
                let mut header = Header::new(Algorithm::RS256);
                header.kid = Some(key.kid.to_string());
                jsonwebtoken::encode(&header, &claims, &key.private).expect("fake Teams: sign")
            }
            TokenAlg::Hs256WithPublicKey => {
                let mut header = Header::new(Algorithm::HS256);
                header.kid = Some(key.kid.to_string());
                let secret = EncodingKey::from_secret(key.public_pem.as_bytes());
                jsonwebtoken::encode(&header, &claims, &secret).expect("fake Teams: sign HS256")
            }
            TokenAlg::None => {
                let header = json!({ "alg": "none", "typ": "JWT", "kid": key.kid });
                format!(
                    "{}.{}.",
                    URL_SAFE_NO_PAD.encode(header.to_string()),
                    URL_SAFE_NO_PAD.encode(claims.to_string())
                )
            }
        }
    }
}
