//! A mentor's certification for a theme, as use cases pass it around.

use super::{CertStatus, UserId};

/// A certification (a `certifications` row).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Certification {
    pub id: i64,
    pub theme_id: i64,
    pub user: UserId,
    pub status: CertStatus,
    /// Bumped when someone revoked is certified again, so the new certification is told anew.
    pub generation: i64,
}

/// What certifying someone did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Certified {
    /// Newly certified (or certified again after a revocation): tell them.
    New { id: i64, generation: i64 },
    /// Already certified: nothing changes, nothing is sent.
    Already { id: i64 },
}
