//! Incoming requests: the Bot Framework JWT (RS256, keys from the OpenID metadata's JWKS).
