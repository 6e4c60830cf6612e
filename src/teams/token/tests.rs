//! Tests of teams::token against the strict fake Microsoft (crate fake-teams) on loopback.
