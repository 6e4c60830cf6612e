//! Tests of teams::auth against the strict fake Microsoft (crate fake-teams) on loopback.
