//! The office's auto-share (自動共有) screen: who also receives the summary of each held 1on1,
//! per theme or per mentee, each rule removable, and the form that adds one.

use crate::app::actions::AdminAction;
use crate::app::errors::Message;
use crate::domain::{Theme, UserId};

/// How many rules the screen lists at most (a modal holds 100 blocks; the form takes some).
pub const SHARE_RULES_SHOWN: usize = 80;
/// How many themes the form's theme select offers (a select's limit).
pub const SHARE_THEMES_SHOWN: usize = 100;

/// The auto-share rules and the form to add one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AutoShareScreen {
    /// What the last change did.
    pub flash: Option<Message>,
    /// The themes a rule may name (not archived), at most [`SHARE_THEMES_SHOWN`].
    pub themes: Vec<(i64, String)>,
    /// At most [`SHARE_RULES_SHOWN`]: theme rules first, then mentee rules.
    pub rules: Vec<ShareRow>,
    /// The rules left out.
    pub more: usize,
}

/// One rule: whose 1on1s, who receives them, and its remove button.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShareRow {
    pub scope: ShareScopeView,
    pub recipient: UserId,
    pub remove: AdminAction,
}

/// Whose 1on1s a rule covers, as the screen names them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShareScopeView {
    /// Every 1on1 of this theme (by name).
    Theme(String),
    /// Every 1on1 of this mentee.
    Mentee(UserId),
}

impl AutoShareScreen {
    pub fn decide(
        themes: &[Theme],
        rules: Vec<crate::storage::auto_share::ShareRule>,
        flash: Option<Message>,
    ) -> Self {
        use crate::storage::auto_share::ShareScope;
        let more = rules.len().saturating_sub(SHARE_RULES_SHOWN);
        let rows = rules
            .into_iter()
            .take(SHARE_RULES_SHOWN)
            .map(|rule| ShareRow {
                scope: match rule.scope {
                    ShareScope::Theme(id) => ShareScopeView::Theme(
                        themes
                            .iter()
                            .find(|t| t.id == id)
                            .map(|t| t.name.clone())
                            .unwrap_or_else(|| format!("#{id}")),
                    ),
                    ShareScope::Mentee(user) => ShareScopeView::Mentee(user),
                },
                recipient: rule.recipient,
                remove: AdminAction::RemoveAutoShare { rule: rule.id },
            })
            .collect();
        Self {
            flash,
            themes: themes
                .iter()
                .filter(|t| !t.archived)
                .take(SHARE_THEMES_SHOWN)
                .map(|t| (t.id, t.name.clone()))
                .collect(),
            rules: rows,
            more,
        }
    }
}

/// A field of the add-a-rule form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShareField {
    /// A theme or a mentee: exactly one.
    Scope,
    Recipient,
}

/// The add-a-rule form as submitted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ShareInput {
    pub theme: Option<String>,
    pub mentee: Option<UserId>,
    pub recipient: Option<UserId>,
}

impl ShareInput {
    /// A valid rule, or each wrong field with its message.
    pub fn validate(
        self,
    ) -> Result<(crate::storage::auto_share::ShareScope, UserId), Vec<(ShareField, Message)>> {
        use crate::storage::auto_share::ShareScope;
        let theme = self.theme.as_deref().and_then(|t| t.parse::<i64>().ok());
        let mut errors = Vec::new();
        let scope = match (theme, self.mentee) {
            (Some(theme), None) => Some(ShareScope::Theme(theme)),
            (None, Some(mentee)) => Some(ShareScope::Mentee(mentee)),
            _ => {
                errors.push((ShareField::Scope, Message::new("share-scope-one")));
                None
            }
        };
        if self.recipient.is_none() {
            errors.push((
                ShareField::Recipient,
                Message::new("share-recipient-missing"),
            ));
        }
        if let (Some(ShareScope::Mentee(mentee)), Some(recipient)) = (&scope, &self.recipient) {
            if mentee == recipient {
                errors.push((ShareField::Recipient, Message::new("share-recipient-self")));
            }
        }
        match (scope, self.recipient) {
            (Some(scope), Some(recipient)) if errors.is_empty() => Ok((scope, recipient)),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::auto_share::{ShareRule, ShareScope};

    fn uid(id: &str) -> UserId {
        UserId::parse(id).unwrap()
    }

    #[test]
    fn a_rule_names_a_theme_or_a_mentee_and_a_recipient_other_than_the_mentee() {
        let ok = ShareInput {
            theme: Some("4".into()),
            mentee: None,
            recipient: Some(uid("UHR")),
        };
        assert_eq!(ok.validate(), Ok((ShareScope::Theme(4), uid("UHR"))));
        let both = ShareInput {
            theme: Some("4".into()),
            mentee: Some(uid("UME")),
            recipient: None,
        };
        let fields: Vec<ShareField> = both
            .validate()
            .unwrap_err()
            .into_iter()
            .map(|e| e.0)
            .collect();
        assert_eq!(fields, [ShareField::Scope, ShareField::Recipient]);
        let own = ShareInput {
            theme: None,
            mentee: Some(uid("UME")),
            recipient: Some(uid("UME")),
        };
        assert_eq!(own.validate().unwrap_err()[0].1.key, "share-recipient-self");
    }

    #[test]
    fn the_screen_lists_at_most_80_rules_each_with_its_remove_button() {
        let rules: Vec<ShareRule> = (0..85)
            .map(|i| ShareRule {
                id: i,
                scope: ShareScope::Mentee(uid("UME")),
                recipient: uid(&format!("UR{i}")),
            })
            .collect();
        let screen = AutoShareScreen::decide(&[], rules, None);
        assert_eq!((screen.rules.len(), screen.more), (SHARE_RULES_SHOWN, 5));
        assert_eq!(
            screen.rules[3].remove,
            AdminAction::RemoveAutoShare { rule: 3 }
        );
    }
}
