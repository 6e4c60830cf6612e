//! A survey's CSV exports (UTF-8 with a BOM, so Excel reads Japanese correctly), queued as
//! outbox rows to the admin who asked and made from the database when sent, then shared in
//! their DM through the platform's file upload (the key in the file name, so a restart never
//! shares one twice).

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use super::chart::{ChartLabels, ChartMonth};
use super::SurveyError;
use crate::app::admin::Actor;
use crate::app::errors::Message;
use crate::app::outbox as queue;
use crate::app::ports::Outgoing;
use crate::app::App;
use crate::domain::survey::{ExportKind, MIN_GROUP};
use crate::domain::{Notice, OutboxKey};
use crate::storage::surveys as store;

/// Excel reads a CSV as UTF-8 only when it starts with this.
pub const BOM: &str = "\u{feff}";
/// The outcomes counted in the 1on1 statistics, as stored.
pub const STATUSES: [&str; 5] = ["requested", "confirmed", "declined", "cancelled", "expired"];

impl App {
    /// Queues both CSV exports of `survey` and its chart to the admin's DM (admins only).
    pub async fn export_survey(
        &self,
        actor: &Actor,
        survey: i64,
        now: DateTime<Utc>,
    ) -> Result<(), SurveyError> {
        self.require_survey_admin(actor).await?;
        let Actor::User(user) = actor.clone() else {
            return Err(SurveyError::NotAdmin);
        };
        let exists = self
            .db
            .read(move |c| store::get_survey(c, survey))
            .await?
            .is_some();
        if !exists {
            return Err(SurveyError::NotFound);
        }
        self.db
            .write(move |tx| -> anyhow::Result<()> {
                for kind in [
                    ExportKind::Answers,
                    ExportKind::OneOnOnes,
                    ExportKind::Chart,
                ] {
                    let key = OutboxKey::SurveyExport {
                        survey,
                        kind: kind.as_str(),
                        user: user.clone(),
                        at_ms: now.timestamp_millis(),
                    };
                    let notice = Notice::SurveyExport {
                        survey_id: survey,
                        kind,
                    };
                    queue::queue_dm(tx, key, &user, notice, now)?;
                }
                Ok(())
            })
            .await?;
        self.wake_delivery();
        Ok(())
    }

    /// The file a `SurveyExport` notice stands for, made now; `None` for any other notice.
    pub(crate) async fn resolve_survey_export(
        &self,
        notice: &Notice,
        recipient: &crate::domain::UserId,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Option<Outgoing>> {
        let Notice::SurveyExport { survey_id, kind } = notice else {
            return Ok(None);
        };
        if *kind == ExportKind::Chart {
            return self.survey_chart(*survey_id, recipient, now).await;
        }
        let (survey, kind) = (*survey_id, *kind);
        let tz = self.settings.default_tz;
        let file = self
            .db
            .read(move |c| -> anyhow::Result<_> {
                let Some(row) = store::get_survey(c, survey)? else {
                    return Ok(None);
                };
                let bytes = match kind {
                    ExportKind::Answers => {
                        let questions = store::list_questions_with_answered(c, survey)?;
                        let recipients = store::list_recipients(c, survey)?;
                        let answers = store::list_answers(c, survey)?;
                        let names = super::results::theme_names(c, &recipients)?;
                        answers_csv(&questions, &recipients, &answers, &names)?
                    }
                    ExportKind::OneOnOnes | ExportKind::Chart => {
                        one_on_ones_csv(&store::list_one_on_one_outcomes(c)?, tz)?
                    }
                };
                Ok(Some((row.id, bytes)))
            })
            .await?;
        let Some((id, bytes)) = file else {
            return Ok(None);
        };
        let (name, comment) = match kind {
            ExportKind::Answers => (
                format!("survey-{id}-answers.csv"),
                "survey-export-answers-comment",
            ),
            ExportKind::OneOnOnes | ExportKind::Chart => (
                "1on1-statistics.csv".to_string(),
                "survey-export-one-on-ones-comment",
            ),
        };
        Ok(Some(Outgoing::File {
            title: name.clone(),
            file_name: name,
            bytes,
            comment: Message::new(comment),
        }))
    }
}

impl App {
    /// The survey's chart for `recipient`, labelled in their language; `None` (and logged)
    /// when the survey is gone or the font cannot be read.
    async fn survey_chart(
        &self,
        survey: i64,
        recipient: &crate::domain::UserId,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Option<Outgoing>> {
        let lang = self.reader(&self.profile(recipient, now).await?).lang;
        let results = match self
            .survey_results_in(survey, &super::results::SurveyScope::All, false)
            .await
        {
            Ok(results) => results,
            Err(SurveyError::Internal(e)) => return Err(e),
            Err(_) => return Ok(None),
        };
        let tz = self.settings.default_tz;
        let outcomes = self.db.read(store::list_one_on_one_outcomes).await?;
        let mut months: BTreeMap<String, ChartMonth> = BTreeMap::new();
        fn month(months: &mut BTreeMap<String, ChartMonth>, label: String) -> &mut ChartMonth {
            months.entry(label.clone()).or_insert(ChartMonth {
                month: label,
                growth_tenths: None,
                held: 0,
            })
        }
        for row in &results.by_month {
            month(&mut months, row.label.clone()).growth_tenths = row.average_tenths;
        }
        for (start, _, _) in outcomes.iter().filter(|o| o.2 == "confirmed") {
            month(
                &mut months,
                start.with_timezone(&tz).format("%Y-%m").to_string(),
            )
            .held += 1;
        }
        let months: Vec<ChartMonth> = months.into_values().collect();
        let labels = ChartLabels {
            title: results.title.clone(),
            growth: crate::i18n::t(lang, "survey-chart-growth"),
            held: crate::i18n::t(lang, "survey-chart-held"),
        };
        let bytes = match super::chart::png(&months, &labels) {
            Ok(bytes) => bytes,
            Err(e) => {
                tracing::error!(survey, error = %e, "could not draw the survey chart");
                return Ok(None);
            }
        };
        let name = format!("survey-{survey}-chart.png");
        Ok(Some(Outgoing::File {
            title: name.clone(),
            file_name: name,
            bytes,
            comment: Message::new("survey-export-chart-comment"),
        }))
    }
}

fn finish(writer: csv::Writer<Vec<u8>>) -> anyhow::Result<Vec<u8>> {
    let body = writer
        .into_inner()
        .map_err(|e| anyhow::anyhow!("write CSV: {e}"))?;
    let mut bytes = BOM.as_bytes().to_vec();
    bytes.extend(body);
    Ok(bytes)
}

/// One row per recipient and run: run, person, theme, growth feeling, when answered, then one
/// column per custom question (the text it was answered under).
pub fn answers_csv(
    questions: &[store::QuestionRow],
    recipients: &[store::RecipientRow],
    answers: &[store::AnswerRow],
    theme_names: &BTreeMap<i64, String>,
) -> anyhow::Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header = vec![
        "run".to_string(),
        "user_id".into(),
        "theme".into(),
        "growth".into(),
        "answered_at".into(),
    ];
    header.extend(questions.iter().map(|q| q.def.text.clone()));
    w.write_record(&header)?;
    for r in recipients {
        let mut row = vec![
            r.occurs_at
                .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            r.user.to_string(),
            r.theme_id
                .and_then(|t| theme_names.get(&t).cloned())
                .unwrap_or_default(),
            r.growth.map(|g| g.to_string()).unwrap_or_default(),
            r.answered_at
                .map(|a| a.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
                .unwrap_or_default(),
        ];
        row.extend(questions.iter().map(|q| {
            answers
                .iter()
                .find(|a| a.run_id == r.run_id && a.user == r.user && a.question_id == q.id)
                .map(|a| a.value.clone())
                .unwrap_or_default()
        }));
        w.write_record(&row)?;
    }
    finish(w)
}

/// 1on1s per month (in the workspace's zone) and theme, by outcome; a count of 1 or 2 is
/// written `<3` so no small group stands out.
pub fn one_on_ones_csv(
    rows: &[(DateTime<Utc>, String, String)],
    tz: chrono_tz::Tz,
) -> anyhow::Result<Vec<u8>> {
    let mut groups: BTreeMap<(String, String), [usize; 5]> = BTreeMap::new();
    for (start, theme, status) in rows {
        let month = start.with_timezone(&tz).format("%Y-%m").to_string();
        let counts = groups.entry((month, theme.clone())).or_default();
        if let Some(i) = STATUSES.iter().position(|s| s == status) {
            counts[i] += 1;
        }
    }
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header = vec!["month", "theme"];
    header.extend(STATUSES);
    w.write_record(&header)?;
    for ((month, theme), counts) in groups {
        let mut row = vec![month, theme];
        row.extend(counts.iter().map(|n| shown_count(*n)));
        w.write_record(&row)?;
    }
    finish(w)
}

/// A count as the export shows it: `<3` for 1 or 2.
pub fn shown_count(n: usize) -> String {
    if n > 0 && n < MIN_GROUP {
        format!("<{MIN_GROUP}")
    } else {
        n.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_of_one_or_two_are_hidden_and_three_is_shown() {
        assert_eq!(
            [0, 1, 2, 3, 10].map(shown_count),
            ["0", "<3", "<3", "3", "10"].map(String::from)
        );
    }
}
