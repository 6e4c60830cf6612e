//! Forms as every channel submits them: raw input in, a valid value or field errors out. The
//! rules (limits, what an empty week means) are decided here once; a channel maps its own
//! input ids to these fields and the errors back to its ids.

use chrono::NaiveDate;

use super::errors::{Message, UserError};
use crate::domain::availability::{parse_day, Cap, Hours, SLOT_LENGTHS};
use crate::domain::{
    Field, FieldError, FieldErrors, QuestionDraft, Role, ThemeDraft, ThemeName, UserId,
};

/// What the hours form offers: how many weeks ahead mentees may book, the minimum notice in
/// hours, and the caps per week or month.
pub const HORIZON_WEEKS: [u32; 6] = [1, 2, 3, 4, 6, 8];
pub const NOTICE_HOURS: [u32; 7] = [0, 2, 4, 12, 24, 48, 72];
pub const CAP_COUNTS: [u32; 8] = [1, 2, 3, 4, 5, 6, 8, 10];

/// How far ahead mentees may book, in days.
pub const HORIZON_DAYS: std::ops::RangeInclusive<u32> = 1..=90;
/// The longest minimum notice, in hours (two weeks).
pub const MAX_NOTICE_HOURS: u32 = 336;

/// The hours form as submitted. Choices are the option values the form offered (`"30"`,
/// `"week:4"`, `"none"`); a value that is missing or not offered falls back to the default.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HoursInput {
    /// Monday first, as typed: `10:00-12:00, 14:00-15:30`.
    pub days: [String; 7],
    pub slot_minutes: Option<String>,
    pub horizon_days: Option<String>,
    pub notice_hours: Option<String>,
    pub cap: Option<String>,
    pub away_until: Option<NaiveDate>,
    pub auto_accept: bool,
}

/// A field of the hours form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HoursField {
    /// 0 = Monday.
    Day(u8),
}

impl HoursInput {
    /// The hours, or an error for each weekday whose text is wrong (an empty week is an
    /// error on Monday).
    pub fn validate(&self) -> Result<Hours, Vec<(HoursField, Message)>> {
        let defaults = Hours::default();
        let number = |v: &Option<String>| v.as_deref().and_then(|v| v.parse::<u32>().ok());
        let slot_minutes = number(&self.slot_minutes)
            .filter(|m| SLOT_LENGTHS.contains(m))
            .unwrap_or(defaults.slot_minutes);
        let mut errors = Vec::new();
        let mut windows = Vec::new();
        for (day, text) in (0..7u8).zip(&self.days) {
            match parse_day(day, text, slot_minutes) {
                Ok(mut list) => windows.append(&mut list),
                Err(e) => errors.push((HoursField::Day(day), e.message())),
            }
        }
        if errors.is_empty() && windows.is_empty() {
            errors.push((HoursField::Day(0), Message::new("hours-error-empty")));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Hours {
            windows,
            slot_minutes,
            horizon_days: number(&self.horizon_days)
                .filter(|d| HORIZON_DAYS.contains(d))
                .unwrap_or(defaults.horizon_days),
            notice_hours: number(&self.notice_hours)
                .filter(|h| *h <= MAX_NOTICE_HOURS)
                .unwrap_or(defaults.notice_hours),
            cap: self.cap.as_deref().and_then(parse_cap),
            away_until: self.away_until,
            auto_accept: self.auto_accept,
        })
    }
}

/// A cap as the form offers it: `week:N`, `month:N` (N > 0); anything else is no cap.
pub fn parse_cap(value: &str) -> Option<Cap> {
    let (period, n) = value.split_once(':')?;
    let n: u32 = n.parse().ok().filter(|n| *n > 0)?;
    match period {
        "week" => Some(Cap::PerWeek(n)),
        "month" => Some(Cap::PerMonth(n)),
        _ => None,
    }
}

/// The form value of a cap (the inverse of [`parse_cap`]).
pub fn cap_value(cap: Option<Cap>) -> String {
    match cap {
        None => "none".to_string(),
        Some(Cap::PerWeek(n)) => format!("week:{n}"),
        Some(Cap::PerMonth(n)) => format!("month:{n}"),
    }
}

// ---- The program office's forms (issue 9) ----

/// A topic fits in a select option.
pub const TOPIC_NAME_MAX: usize = 75;

/// A field of an admin form; a channel maps each to its own input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AdminField {
    ThemeName,
    ThemeCategory,
    ThemeDescription,
    QuestionLabel,
    QuestionKind,
    QuestionOptions,
    CertifyUsers,
    RoleUser,
    TopicName,
    ImportFile,
}

/// Field errors of an admin form, each a catalog message.
pub type AdminFieldErrors = Vec<(AdminField, Message)>;

impl From<Field> for AdminField {
    fn from(field: Field) -> Self {
        match field {
            Field::ThemeName => AdminField::ThemeName,
            Field::ThemeCategory => AdminField::ThemeCategory,
            Field::ThemeDescription => AdminField::ThemeDescription,
            Field::QuestionLabel => AdminField::QuestionLabel,
            Field::QuestionKind => AdminField::QuestionKind,
            Field::QuestionOptions => AdminField::QuestionOptions,
            Field::TopicName => AdminField::TopicName,
        }
    }
}

/// A use case's field errors (a duplicate name, a topic's rules) as form field errors.
pub fn admin_field_errors(errors: &FieldErrors) -> AdminFieldErrors {
    errors
        .iter()
        .map(|(field, error)| (AdminField::from(*field), error.message()))
        .collect()
}

/// The theme form as submitted (`category`: the option value chosen).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ThemeInput {
    pub name: String,
    pub category: Option<String>,
    pub description: String,
}

impl ThemeInput {
    pub fn validate(&self) -> Result<ThemeDraft, AdminFieldErrors> {
        ThemeDraft::parse(&self.name, self.category.as_deref(), &self.description)
            .map_err(|e| admin_field_errors(&e))
    }
}

/// The question form as submitted (`kind`: `text` or `choice`; `options`: one per line).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QuestionInput {
    pub label: String,
    pub kind: Option<String>,
    pub options: String,
    pub required: bool,
}

impl QuestionInput {
    pub fn validate(&self) -> Result<QuestionDraft, AdminFieldErrors> {
        QuestionDraft::parse(
            &self.label,
            self.kind.as_deref(),
            &self.options,
            self.required,
        )
        .map_err(|e| admin_field_errors(&e))
    }
}

/// The certify form as submitted: the people picked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CertifyInput {
    pub users: Vec<UserId>,
}

impl CertifyInput {
    /// The people to certify, each once, in the order picked; nobody picked is an error.
    pub fn validate(&self) -> Result<Vec<UserId>, AdminFieldErrors> {
        let mut users: Vec<UserId> = Vec::new();
        for user in &self.users {
            if !users.contains(user) {
                users.push(user.clone());
            }
        }
        if users.is_empty() {
            return Err(vec![(
                AdminField::CertifyUsers,
                FieldError::Empty.message(),
            )]);
        }
        Ok(users)
    }
}

/// The grant-a-role form as submitted (`role`: the option value chosen).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RoleInput {
    pub user: Option<UserId>,
    pub role: Option<String>,
}

impl RoleInput {
    /// The person and a role granted by hand (admin or advisor); anything missing is an
    /// error on the person, whom the form asks for first.
    pub fn validate(&self) -> Result<(UserId, Role), AdminFieldErrors> {
        let role = self
            .role
            .as_deref()
            .and_then(Role::parse)
            .filter(|r| matches!(r, Role::Admin | Role::Advisor));
        match (&self.user, role) {
            (Some(user), Some(role)) => Ok((user.clone(), role)),
            _ => Err(vec![(AdminField::RoleUser, FieldError::Empty.message())]),
        }
    }
}

/// The add-a-topic and rename-a-topic forms as submitted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TopicInput {
    pub name: String,
}

impl TopicInput {
    pub fn validate(&self) -> Result<ThemeName, AdminFieldErrors> {
        parse_topic_name(&self.name).map_err(|e| vec![(AdminField::TopicName, e.message())])
    }
}

/// A topic name: a theme name's rules, short enough for a select option.
pub fn parse_topic_name(raw: &str) -> Result<ThemeName, FieldError> {
    let name = ThemeName::parse(raw)?;
    if name.as_str().chars().count() > TOPIC_NAME_MAX {
        return Err(FieldError::TooLong {
            max: TOPIC_NAME_MAX,
        });
    }
    Ok(name)
}

/// The import form as submitted: the uploaded files' ids and the theme typed, if any.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportInput {
    pub files: Vec<String>,
    pub theme: String,
}

/// What to import: one uploaded file, for the theme given (else the file's theme column).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportRequest {
    pub file: String,
    pub theme: Option<String>,
}

impl ImportInput {
    pub fn validate(&self) -> Result<ImportRequest, AdminFieldErrors> {
        let Some(file) = self.files.first() else {
            return Err(vec![(AdminField::ImportFile, FieldError::Empty.message())]);
        };
        let theme = Some(self.theme.trim())
            .filter(|t| !t.is_empty())
            .map(|_| self.theme.clone());
        Ok(ImportRequest {
            file: file.clone(),
            theme,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(days: &[(usize, &str)]) -> HoursInput {
        let mut input = HoursInput::default();
        for (day, text) in days {
            input.days[*day] = text.to_string();
        }
        input
    }

    #[test]
    fn each_wrong_day_is_its_own_field_error_and_nothing_is_returned() {
        let errors = input(&[(1, "12:00-10:00"), (3, "lunch"), (4, "10:00-11:00")])
            .validate()
            .unwrap_err();
        let fields: Vec<_> = errors.iter().map(|(f, _)| *f).collect();
        assert_eq!(fields, [HoursField::Day(1), HoursField::Day(3)]);
        assert_eq!(errors[0].1.key, "hours-error-order");
        assert_eq!(errors[1].1.key, "hours-error-unreadable");
    }

    #[test]
    fn an_empty_week_is_an_error_on_monday() {
        let errors = input(&[]).validate().unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].0, HoursField::Day(0));
        assert_eq!(errors[0].1.key, "hours-error-empty");
    }

    #[test]
    fn choices_outside_what_the_form_offers_fall_back_to_the_defaults() {
        let defaults = Hours::default();
        let mut form = input(&[(0, "10:00-12:00")]);
        form.slot_minutes = Some("7".into());
        form.horizon_days = Some("365".into());
        form.notice_hours = Some("1000".into());
        form.cap = Some("year:3".into());
        let hours = form.validate().unwrap();
        assert_eq!(hours.slot_minutes, defaults.slot_minutes);
        assert_eq!(hours.horizon_days, defaults.horizon_days);
        assert_eq!(hours.notice_hours, defaults.notice_hours);
        assert_eq!(hours.cap, None);

        form.slot_minutes = Some("60".into());
        form.horizon_days = Some("90".into());
        form.notice_hours = Some("336".into());
        form.cap = Some("month:4".into());
        form.auto_accept = true;
        let hours = form.validate().unwrap();
        assert_eq!(
            (hours.slot_minutes, hours.horizon_days, hours.notice_hours),
            (60, 90, 336)
        );
        assert_eq!(hours.cap, Some(Cap::PerMonth(4)));
        assert!(hours.auto_accept);
    }

    #[test]
    fn every_choice_the_form_offers_is_accepted_as_it_is() {
        let mut form = input(&[(0, "10:00-12:00")]);
        for weeks in HORIZON_WEEKS {
            form.horizon_days = Some((weeks * 7).to_string());
            assert_eq!(form.validate().unwrap().horizon_days, weeks * 7);
        }
        for hours in NOTICE_HOURS {
            form.notice_hours = Some(hours.to_string());
            assert_eq!(form.validate().unwrap().notice_hours, hours);
        }
        for n in CAP_COUNTS {
            form.cap = Some(cap_value(Some(Cap::PerWeek(n))));
            assert_eq!(form.validate().unwrap().cap, Some(Cap::PerWeek(n)));
        }
    }

    #[test]
    fn cap_values_round_trip() {
        for cap in [None, Some(Cap::PerWeek(2)), Some(Cap::PerMonth(10))] {
            assert_eq!(parse_cap(&cap_value(cap)), cap);
        }
        assert_eq!(parse_cap("week:0"), None);
    }

    fn uid(id: &str) -> UserId {
        UserId::parse(id).unwrap()
    }

    #[test]
    fn a_theme_form_with_no_name_and_no_category_has_two_field_errors() {
        let errors = ThemeInput::default().validate().unwrap_err();
        let fields: Vec<_> = errors.iter().map(|(f, _)| *f).collect();
        assert_eq!(fields, [AdminField::ThemeName, AdminField::ThemeCategory]);
        assert!(errors.iter().all(|(_, m)| m.key == "field-empty"));
        let ok = ThemeInput {
            name: " 育休 ".into(),
            category: Some("other".into()),
            description: String::new(),
        }
        .validate();
        assert_eq!(
            ok.map(|d| d.name.as_str().to_string()).ok().as_deref(),
            Some("育休")
        );
    }

    #[test]
    fn a_choice_question_without_options_is_an_error_on_its_options() {
        let errors = QuestionInput {
            label: "Which?".into(),
            kind: Some("choice".into()),
            options: String::new(),
            required: true,
        }
        .validate()
        .unwrap_err();
        assert_eq!(errors[0].0, AdminField::QuestionOptions);
    }

    #[test]
    fn certifying_nobody_is_an_error_and_a_person_picked_twice_counts_once() {
        let errors = CertifyInput::default().validate().unwrap_err();
        assert_eq!(errors[0].0, AdminField::CertifyUsers);
        assert_eq!(errors[0].1.key, "field-empty");
        let users = CertifyInput {
            users: vec![uid("UA"), uid("UB"), uid("UA")],
        }
        .validate()
        .unwrap();
        assert_eq!(users, [uid("UA"), uid("UB")]);
    }

    #[test]
    fn a_role_is_granted_only_with_a_person_and_a_grantable_role() {
        let input = |user: Option<&str>, role: Option<&str>| RoleInput {
            user: user.map(uid),
            role: role.map(str::to_string),
        };
        assert_eq!(
            input(Some("UA"), Some("advisor")).validate().unwrap(),
            (uid("UA"), Role::Advisor)
        );
        for bad in [
            input(None, Some("admin")),
            input(Some("UA"), None),
            input(Some("UA"), Some("mentor")),
            input(Some("UA"), Some("owner")),
        ] {
            let errors = bad.validate().unwrap_err();
            assert_eq!(errors[0].0, AdminField::RoleUser, "{bad:?}");
        }
    }

    #[test]
    fn a_topic_name_is_a_theme_name_that_fits_a_select_option() {
        let topic = |name: &str| TopicInput { name: name.into() }.validate();
        assert_eq!(topic("  新規  事業 ").unwrap().as_str(), "新規 事業");
        assert_eq!(topic(" ").unwrap_err()[0].1.key, "field-empty");
        let long = topic(&"長".repeat(TOPIC_NAME_MAX + 1)).unwrap_err();
        assert_eq!(long[0].0, AdminField::TopicName);
        assert_eq!(long[0].1.key, "field-too-long");
        assert!(topic(&"長".repeat(TOPIC_NAME_MAX)).is_ok());
    }

    #[test]
    fn an_import_needs_a_file_and_a_blank_theme_means_the_files_own() {
        let errors = ImportInput::default().validate().unwrap_err();
        assert_eq!(errors[0].0, AdminField::ImportFile);
        let request = ImportInput {
            files: vec!["F1".into()],
            theme: "  ".into(),
        }
        .validate()
        .unwrap();
        assert_eq!(
            request,
            ImportRequest {
                file: "F1".into(),
                theme: None
            }
        );
    }

    #[test]
    fn a_duplicate_name_from_the_use_case_is_an_error_on_its_field() {
        let errors = admin_field_errors(&vec![(
            Field::TopicName,
            FieldError::DuplicateName {
                existing: "x".into(),
            },
        )]);
        assert_eq!(errors[0].0, AdminField::TopicName);
        assert_eq!(errors[0].1.key, "field-duplicate-name");
    }
}
