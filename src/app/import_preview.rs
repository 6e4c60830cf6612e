//! A CSV import's dry run, for a platform that asks the admin to confirm first (Teams): the
//! whole file checked exactly as `import_mentors` checks it, nothing imported, and what
//! importing it would do.

use chrono::{DateTime, Utc};

use super::admin::{Actor, AdminResult};
use super::import::{NoProgress, RowProblem};
use super::App;
use crate::domain::CertStatus;
use crate::storage::certifications;

/// What importing a clean file would do.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportPreview {
    pub rows: usize,
    /// Would be newly certified (each gets one DM).
    pub new: usize,
    /// Certified already: nothing changes for them but their answers.
    pub already: usize,
    /// Of all rows, how many are marked as already started.
    pub started: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PreviewOutcome {
    Ready(ImportPreview),
    /// Nothing can be imported: every problem, as the import would report them.
    Rejected(Vec<RowProblem>),
}

impl App {
    /// Checks `bytes` as an import would (admins only) and says what importing it would do.
    pub async fn preview_mentor_import(
        &self,
        actor: &Actor,
        bytes: Vec<u8>,
        theme: Option<String>,
        now: DateTime<Utc>,
    ) -> AdminResult<PreviewOutcome> {
        let clean = match self
            .check_import(actor, bytes, theme, &NoProgress, now)
            .await?
        {
            Ok(clean) => clean,
            Err(problems) => return Ok(PreviewOutcome::Rejected(problems)),
        };
        let rows: Vec<_> = clean
            .people()
            .map(|(user, theme, started)| (user.clone(), theme, started))
            .collect();
        let preview = self
            .db
            .read(move |c| -> anyhow::Result<_> {
                let mut preview = ImportPreview {
                    rows: rows.len(),
                    ..ImportPreview::default()
                };
                for (user, theme, started) in &rows {
                    preview.started += *started as usize;
                    let current = certifications::get_certification(c, *theme, user)?;
                    if current.is_some_and(|c| c.status != CertStatus::Revoked) {
                        preview.already += 1;
                    } else {
                        preview.new += 1;
                    }
                }
                Ok(preview)
            })
            .await?;
        Ok(PreviewOutcome::Ready(preview))
    }
}
