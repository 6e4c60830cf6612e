//! Tests of teams::connector against the strict fake Microsoft (crate fake-teams) on loopback.
