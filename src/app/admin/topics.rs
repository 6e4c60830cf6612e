//! The topics mentees may pick besides the defaults: list, add, rename, retire.

use chrono::{DateTime, Utc};
use serde_json::json;

use super::{Actor, AdminError, AdminResult};
use crate::app::forms::parse_topic_name;
use crate::app::App;
use crate::domain::{Field, FieldError};
use crate::storage::bookings;

impl App {
    /// The admin-added topics mentees can choose (besides the defaults and "other").
    pub async fn custom_topics(&self, actor: &Actor) -> AdminResult<Vec<(i64, String)>> {
        self.require_admin(actor).await?;
        Ok(self.db.read(bookings::list_custom_topics).await?)
    }

    /// Adds a topic for requests; names are unique regardless of case, width and spaces.
    pub async fn add_topic(
        &self,
        actor: &Actor,
        name: &str,
        now: DateTime<Utc>,
    ) -> AdminResult<i64> {
        self.require_admin(actor).await?;
        let name =
            parse_topic_name(name).map_err(|e| AdminError::Invalid(vec![(Field::TopicName, e)]))?;
        let by = actor.label();
        self.admin_tx(actor, now, move |tx| {
            match bookings::insert_topic(tx, name.as_str(), &name.key(), &by, now)? {
                Ok(id) => Ok((
                    id,
                    "topic.add",
                    json!({"topic_id": id, "name": name.as_str()}),
                )),
                Err(existing) => Err(duplicate_topic(existing)),
            }
        })
        .await
    }

    /// Renames a topic. 1on1s requested with it keep the name it had then.
    pub async fn rename_topic(
        &self,
        actor: &Actor,
        id: i64,
        name: &str,
        now: DateTime<Utc>,
    ) -> AdminResult<()> {
        self.require_admin(actor).await?;
        let name =
            parse_topic_name(name).map_err(|e| AdminError::Invalid(vec![(Field::TopicName, e)]))?;
        self.admin_tx(actor, now, move |tx| {
            match bookings::update_topic_name(tx, id, name.as_str(), &name.key())? {
                Ok(true) => Ok((
                    (),
                    "topic.rename",
                    json!({"topic_id": id, "name": name.as_str()}),
                )),
                Ok(false) => Err(AdminError::NotFound),
                Err(existing) => Err(duplicate_topic(existing)),
            }
        })
        .await
    }

    /// Retires a topic: no longer offered to mentees; 1on1s that used it keep its name.
    pub async fn archive_topic(
        &self,
        actor: &Actor,
        id: i64,
        now: DateTime<Utc>,
    ) -> AdminResult<()> {
        self.admin_tx(actor, now, move |tx| {
            if !bookings::update_topic_archived(tx, id, now)? {
                return Err(AdminError::NotFound);
            }
            Ok(((), "topic.archive", json!({"topic_id": id})))
        })
        .await
    }
}

fn duplicate_topic(existing: String) -> AdminError {
    AdminError::Invalid(vec![(
        Field::TopicName,
        FieldError::DuplicateName { existing },
    )])
}
