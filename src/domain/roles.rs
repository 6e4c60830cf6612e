//! Roles in the mentoring program. Everyone is a mentee; the others are granted.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Admin,
    Advisor,
    Mentor,
    Mentee,
}

impl Role {
    /// The roles stored in the database (mentee is implicit).
    pub const GRANTED: [Role; 3] = [Role::Admin, Role::Advisor, Role::Mentor];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Advisor => "advisor",
            Role::Mentor => "mentor",
            Role::Mentee => "mentee",
        }
    }

    pub fn parse(value: &str) -> Option<Role> {
        match value {
            "admin" => Some(Role::Admin),
            "advisor" => Some(Role::Advisor),
            "mentor" => Some(Role::Mentor),
            "mentee" => Some(Role::Mentee),
            _ => None,
        }
    }
}

/// What one person is in the program.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Roles {
    pub admin: bool,
    pub advisor: bool,
    pub mentor: bool,
}

impl Roles {
    pub fn from_granted(granted: impl IntoIterator<Item = Role>, configured_admin: bool) -> Self {
        let mut roles = Roles {
            admin: configured_admin,
            ..Roles::default()
        };
        for role in granted {
            match role {
                Role::Admin => roles.admin = true,
                Role::Advisor => roles.advisor = true,
                Role::Mentor => roles.mentor = true,
                Role::Mentee => {}
            }
        }
        roles
    }

    pub fn has(&self, role: Role) -> bool {
        match role {
            Role::Admin => self.admin,
            Role::Advisor => self.advisor,
            Role::Mentor => self.mentor,
            Role::Mentee => true,
        }
    }

    /// Every role held, most privileged first; always ends with mentee.
    pub fn list(&self) -> Vec<Role> {
        [Role::Admin, Role::Advisor, Role::Mentor, Role::Mentee]
            .into_iter()
            .filter(|r| self.has(*r))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn everyone_is_a_mentee_and_configured_admins_are_admins() {
        assert_eq!(Roles::default().list(), vec![Role::Mentee]);
        let r = Roles::from_granted([Role::Mentor], true);
        assert_eq!(r.list(), vec![Role::Admin, Role::Mentor, Role::Mentee]);
        for role in Role::GRANTED {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
    }
}
