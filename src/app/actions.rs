//! What a person can press or submit, as typed values: every button, menu choice and select
//! is an [`Action`], every modal (with the context it carries) is a [`Form`]. A chat platform
//! encodes these into its own ids (Slack: `slack::actions`) and parses them back once, at the
//! edge; everything past that matches on the enums.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::{Role, UserId};

/// A button press, overflow-menu choice or dispatched select.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Home(HomeAction),
    Admin(AdminAction),
    Mentor(MentorAction),
    Booking(BookingAction),
    Memo(MemoAction),
    Series(SeriesAction),
    Nudge(NudgeAction),
    Insight(InsightAction),
    Survey(SurveyAction),
}

/// The App Home's own buttons.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HomeAction {
    Help,
    Refresh,
    /// Opens the admin console.
    AdminConsole,
}

/// The program office's console and its child modals.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AdminAction {
    NewTheme,
    OpenImport,
    OpenRoles,
    OpenTopics,
    /// Show (true) or hide archived themes in the console.
    ShowArchived(bool),
    /// A page of the console (0-based).
    Page(usize),
    /// A choice in a theme's menu.
    Theme {
        theme: i64,
        op: ThemeOp,
    },
    AddQuestion {
        theme: i64,
    },
    /// A choice in a question's menu (the theme is the questions modal's).
    Question {
        question: i64,
        op: QuestionOp,
    },
    /// A choice in a custom topic's menu.
    Topic {
        topic: i64,
        op: TopicOp,
    },
    RevokeCertification {
        theme: i64,
        mentor: UserId,
    },
    RevokeRole {
        role: Role,
        user: UserId,
    },
    /// The console's "Auto-share" (自動共有) button: who also receives held 1on1s' summaries.
    OpenAutoShare,
    /// Remove one auto-share rule (its recipient gets nothing more).
    RemoveAutoShare {
        rule: i64,
    },
    /// Teams: import the CSV file just previewed (the file's link travels beside the action).
    ConfirmImport,
    /// Teams: leave the previewed CSV file unimported.
    CancelImport,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ThemeOp {
    Edit,
    Questions,
    Certify,
    Archive,
    Restore,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuestionOp {
    Edit,
    Up,
    Down,
    Remove,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TopicOp {
    Rename,
    Retire,
}

/// A mentor's buttons, in the certification DM and on the App Home.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MentorAction {
    /// "Set up" in the certification DM: one click starts a theme without questions.
    Setup {
        theme: i64,
    },
    /// "Answers" on the Home: always opens the form, never changes the status by itself.
    Answers {
        theme: i64,
    },
    /// "Start" on the Home, for a theme not (or no longer) mentored.
    Start {
        theme: i64,
    },
    Preview {
        theme: i64,
    },
    Pause {
        theme: i64,
    },
    Resume {
        theme: i64,
    },
    Stop {
        theme: i64,
    },
    Hours,
}

/// Finding mentors and the buttons on 1on1s.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BookingAction {
    Find,
    NewSearch,
    /// A page of search results (0-based).
    Page(usize),
    Request {
        mentor: UserId,
        theme: i64,
    },
    /// Another day chosen in a request or reschedule form.
    PickDay(NaiveDate),
    Accept {
        one_on_one: i64,
    },
    Decline {
        one_on_one: i64,
    },
    Cancel {
        one_on_one: i64,
    },
    Reschedule {
        one_on_one: i64,
    },
    /// "Book the next 1on1": the request form for the same mentor and theme, prefilled from
    /// this 1on1 (only its mentee may use it).
    BookNext {
        one_on_one: i64,
    },
    /// The mentee's "How was it?" (opens the rating form).
    Rate {
        one_on_one: i64,
    },
    /// The mentor says the 1on1 was held (`true`) or not held.
    MarkHeld {
        one_on_one: i64,
        held: bool,
    },
}

/// The mentor's buttons on a series request DM (issue 10): one decision for every occurrence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeriesAction {
    Accept { series: i64 },
    Decline { series: i64 },
}

/// Nudges (issue 10): anyone turns theirs off or on; the office opens their settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NudgeAction {
    Off,
    On,
    /// Opens the program office's nudge settings (admins only; checked when saved).
    Settings,
}

/// A modal, with what it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Form {
    Help,
    Admin(AdminForm, AdminCtx),
    Mentor(MentorForm),
    Booking(BookingForm),
    Memo(MemoForm),
    Nudge(NudgeForm),
    Insight(InsightForm),
    Survey(SurveyForm),
}

/// Surveys (issue 11): the office's list, new survey, results and pause; a recipient's Answer.
/// Every permission is checked by the use case, whoever pressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SurveyAction {
    /// Opens the list of surveys (admin console).
    List,
    /// Opens the form for a new survey.
    New,
    Results {
        survey: i64,
    },
    Preview {
        survey: i64,
    },
    Pause {
        survey: i64,
        paused: bool,
    },
    /// Opens the answer form of a run (in the recipient's DM).
    Answer {
        run: i64,
    },
    /// Sends the admin the CSV exports (answers, 1on1 statistics) in their DM.
    Export {
        survey: i64,
    },
    /// Opens the survey's form prefilled, to edit it (admins only).
    Edit {
        survey: i64,
    },
}

/// The survey modals (issue 11).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SurveyForm {
    /// The office's form for a new survey.
    Define,
    /// A recipient's answers to a run.
    Answer { run: i64 },
    /// A read-only modal (results, preview, a notice).
    Done,
    /// The office's form editing an existing survey.
    Edit { survey: i64 },
}

/// The nudge modals (issue 10).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NudgeForm {
    /// The office's settings: weeks without a 1on1 before a mentee is nudged.
    Settings,
}

/// The admin modals; they all carry an [`AdminCtx`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AdminForm {
    Console,
    Theme,
    Questions,
    Question,
    Certify,
    /// What certifying did.
    CertifyDone,
    Roles,
    Import,
    Topics,
    TopicRename,
    Notice,
    /// The auto-share rules, with the form that adds one.
    AutoShare,
}

/// What an admin modal is about. Never trusted for permissions: every action checks the role
/// again.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminCtx {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub theme: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub question: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub topic: Option<i64>,
    /// The view to refresh after this one is submitted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    #[serde(default)]
    pub page: usize,
    #[serde(default)]
    pub archived: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MentorForm {
    Setup {
        theme: i64,
    },
    Hours,
    /// A one-message modal (results, refusals, the card preview).
    Notice,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BookingForm {
    Find,
    Results(FindCtx),
    /// `version` counts redraws: the time select gets a new id each time.
    Request {
        mentor: UserId,
        theme: i64,
        version: u32,
    },
    Decline {
        one_on_one: i64,
    },
    Reschedule {
        one_on_one: i64,
        version: u32,
    },
    /// A one-message modal.
    Done,
    /// The mentee's rating of a 1on1.
    Rate {
        one_on_one: i64,
    },
}

/// Search state carried in the results view.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct FindCtx {
    #[serde(default)]
    pub words: String,
    #[serde(default)]
    pub theme: Option<i64>,
    #[serde(default)]
    pub page: usize,
}

/// Memos, TODOs and looking back (every one checked again by the use case: a forged id gets
/// a refusal, never someone else's memo).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MemoAction {
    /// Opens the memo of a 1on1 (shared entries, your private memo, TODOs).
    Open {
        one_on_one: i64,
    },
    /// Opens one shared entry for editing.
    EditEntry {
        entry: i64,
    },
    /// Opens the new-TODO form of a 1on1.
    AddTodo {
        one_on_one: i64,
    },
    TodoDone {
        todo: i64,
    },
    TodoDelete {
        todo: i64,
    },
    /// A page (0-based) of past 1on1s, with one partner or everyone.
    History {
        partner: Option<UserId>,
        page: usize,
    },
}

/// The memo modals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MemoForm {
    /// The memo of a 1on1: submitting adds a shared entry and saves the private memo.
    Memo {
        one_on_one: i64,
    },
    Entry {
        entry: i64,
    },
    Todo {
        one_on_one: i64,
    },
    History,
    /// A one-message modal.
    Notice,
}

/// One of every action and every form, for round-trip tests of each platform's encoding.
/// The `match` in [`variant`] lists every variant, so a new one does not compile until it is
/// given a number there, and the test then fails until it has an example here.
/// Mentor insight, tips and program analytics (issue 11): who may see or do each is checked
/// by the use case (`app::insight`), never by which buttons were shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InsightAction {
    /// A mentor's own insight by topic x expected response.
    Mine,
    /// The program's analytics (admins; advisors within their themes), for one theme or all.
    Stats { theme: Option<i64> },
    /// Opens the form for a tip to other mentors.
    WriteTip,
    /// The office hides a tip.
    HideTip { tip: i64 },
    /// Opens an advisor's scope of themes (admins, from the Roles modal).
    Scope { advisor: UserId },
}

/// The insight modals.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InsightForm {
    /// A read-only insight or analytics modal.
    View,
    Tip,
    Scope {
        advisor: UserId,
    },
}

#[cfg(test)]
pub(crate) mod examples {
    use super::*;

    fn user(id: &str) -> UserId {
        UserId::parse(id).expect("a valid user id")
    }

    pub fn actions() -> Vec<Action> {
        use Action::{Admin, Booking, Home, Mentor};
        let day = NaiveDate::from_ymd_opt(2026, 3, 3).expect("a date");
        vec![
            Home(HomeAction::Help),
            Home(HomeAction::Refresh),
            Home(HomeAction::AdminConsole),
            Admin(AdminAction::NewTheme),
            Admin(AdminAction::OpenImport),
            Admin(AdminAction::OpenRoles),
            Admin(AdminAction::OpenTopics),
            Admin(AdminAction::ShowArchived(true)),
            Admin(AdminAction::ShowArchived(false)),
            Admin(AdminAction::Page(0)),
            Admin(AdminAction::Page(12)),
            Admin(AdminAction::Theme {
                theme: 7,
                op: ThemeOp::Edit,
            }),
            Admin(AdminAction::Theme {
                theme: 7,
                op: ThemeOp::Questions,
            }),
            Admin(AdminAction::Theme {
                theme: 7,
                op: ThemeOp::Certify,
            }),
            Admin(AdminAction::Theme {
                theme: 7,
                op: ThemeOp::Archive,
            }),
            Admin(AdminAction::Theme {
                theme: 7,
                op: ThemeOp::Restore,
            }),
            Admin(AdminAction::AddQuestion { theme: 7 }),
            Admin(AdminAction::Question {
                question: 9,
                op: QuestionOp::Edit,
            }),
            Admin(AdminAction::Question {
                question: 9,
                op: QuestionOp::Up,
            }),
            Admin(AdminAction::Question {
                question: 9,
                op: QuestionOp::Down,
            }),
            Admin(AdminAction::Question {
                question: 9,
                op: QuestionOp::Remove,
            }),
            Admin(AdminAction::Topic {
                topic: 3,
                op: TopicOp::Rename,
            }),
            Admin(AdminAction::Topic {
                topic: 3,
                op: TopicOp::Retire,
            }),
            Admin(AdminAction::RevokeCertification {
                theme: 7,
                mentor: user("UEN"),
            }),
            Admin(AdminAction::RevokeRole {
                role: Role::Admin,
                user: user("W0123456789"),
            }),
            Admin(AdminAction::RevokeRole {
                role: Role::Mentor,
                user: user("UEN"),
            }),
            Mentor(MentorAction::Setup { theme: 7 }),
            Mentor(MentorAction::Answers { theme: 7 }),
            Mentor(MentorAction::Start { theme: 7 }),
            Mentor(MentorAction::Preview { theme: 7 }),
            Mentor(MentorAction::Pause { theme: 7 }),
            Mentor(MentorAction::Resume { theme: 7 }),
            Mentor(MentorAction::Stop { theme: 7 }),
            Mentor(MentorAction::Hours),
            Booking(BookingAction::Find),
            Booking(BookingAction::NewSearch),
            Booking(BookingAction::Page(2)),
            Booking(BookingAction::Request {
                mentor: user("UEN"),
                theme: 7,
            }),
            Booking(BookingAction::PickDay(day)),
            Booking(BookingAction::Accept { one_on_one: 41 }),
            Booking(BookingAction::Decline { one_on_one: 41 }),
            Booking(BookingAction::Cancel { one_on_one: 41 }),
            Booking(BookingAction::Reschedule { one_on_one: 41 }),
            Admin(AdminAction::OpenAutoShare),
            Admin(AdminAction::RemoveAutoShare { rule: 5 }),
            Booking(BookingAction::BookNext { one_on_one: 41 }),
            Booking(BookingAction::Rate { one_on_one: 41 }),
            Booking(BookingAction::MarkHeld {
                one_on_one: 41,
                held: true,
            }),
            Booking(BookingAction::MarkHeld {
                one_on_one: 41,
                held: false,
            }),
            Action::Memo(MemoAction::Open { one_on_one: 41 }),
            Action::Memo(MemoAction::EditEntry { entry: 5 }),
            Action::Memo(MemoAction::AddTodo { one_on_one: 41 }),
            Action::Memo(MemoAction::TodoDone { todo: 6 }),
            Action::Memo(MemoAction::TodoDelete { todo: 6 }),
            Action::Memo(MemoAction::History {
                partner: Some(user("UEN")),
                page: 2,
            }),
            Action::Memo(MemoAction::History {
                partner: None,
                page: 0,
            }),
            Action::Series(SeriesAction::Accept { series: 5 }),
            Action::Series(SeriesAction::Decline { series: 5 }),
            Action::Nudge(NudgeAction::Off),
            Action::Nudge(NudgeAction::On),
            Action::Nudge(NudgeAction::Settings),
            Action::Insight(InsightAction::Mine),
            Action::Insight(InsightAction::Stats { theme: None }),
            Action::Insight(InsightAction::Stats { theme: Some(7) }),
            Action::Insight(InsightAction::WriteTip),
            Action::Insight(InsightAction::HideTip { tip: 4 }),
            Action::Insight(InsightAction::Scope {
                advisor: user("UEN"),
            }),
            Action::Survey(SurveyAction::List),
            Action::Survey(SurveyAction::New),
            Action::Survey(SurveyAction::Results { survey: 3 }),
            Action::Survey(SurveyAction::Preview { survey: 3 }),
            Action::Survey(SurveyAction::Pause {
                survey: 3,
                paused: true,
            }),
            Action::Survey(SurveyAction::Pause {
                survey: 3,
                paused: false,
            }),
            Action::Survey(SurveyAction::Answer { run: 12 }),
            Action::Survey(SurveyAction::Export { survey: 3 }),
            Action::Survey(SurveyAction::Edit { survey: 3 }),
            Admin(AdminAction::ConfirmImport),
            Admin(AdminAction::CancelImport),
        ]
    }

    pub fn forms() -> Vec<Form> {
        let ctx = AdminCtx {
            theme: Some(7),
            question: Some(9),
            topic: Some(3),
            parent: Some("V123".into()),
            page: 2,
            archived: true,
        };
        let mut forms = vec![Form::Help];
        for form in [
            AdminForm::Console,
            AdminForm::Theme,
            AdminForm::Questions,
            AdminForm::Question,
            AdminForm::Certify,
            AdminForm::CertifyDone,
            AdminForm::Roles,
            AdminForm::Import,
            AdminForm::Topics,
            AdminForm::TopicRename,
            AdminForm::Notice,
            AdminForm::AutoShare,
        ] {
            forms.push(Form::Admin(form, ctx.clone()));
            forms.push(Form::Admin(form, AdminCtx::default()));
        }
        forms.extend([
            Form::Mentor(MentorForm::Setup { theme: 7 }),
            Form::Mentor(MentorForm::Hours),
            Form::Mentor(MentorForm::Notice),
            Form::Booking(BookingForm::Find),
            Form::Booking(BookingForm::Results(FindCtx {
                words: "育休 \"quoted\"".into(),
                theme: Some(7),
                page: 3,
            })),
            Form::Booking(BookingForm::Results(FindCtx::default())),
            Form::Booking(BookingForm::Request {
                mentor: user("UEN"),
                theme: 7,
                version: 2,
            }),
            Form::Booking(BookingForm::Decline { one_on_one: 41 }),
            Form::Booking(BookingForm::Reschedule {
                one_on_one: 41,
                version: 1,
            }),
            Form::Booking(BookingForm::Done),
            Form::Booking(BookingForm::Rate { one_on_one: 41 }),
            Form::Memo(MemoForm::Memo { one_on_one: 41 }),
            Form::Memo(MemoForm::Entry { entry: 5 }),
            Form::Memo(MemoForm::Todo { one_on_one: 41 }),
            Form::Memo(MemoForm::History),
            Form::Memo(MemoForm::Notice),
            Form::Nudge(NudgeForm::Settings),
            Form::Insight(InsightForm::View),
            Form::Insight(InsightForm::Tip),
            Form::Insight(InsightForm::Scope {
                advisor: user("UEN"),
            }),
            Form::Survey(SurveyForm::Define),
            Form::Survey(SurveyForm::Answer { run: 12 }),
            Form::Survey(SurveyForm::Done),
            Form::Survey(SurveyForm::Edit { survey: 3 }),
        ]);
        forms
    }

    /// A number per variant (payloads ignored); no wildcard arm, on purpose.
    pub fn variant(action: &Action) -> usize {
        match action {
            Action::Home(HomeAction::Help) => 0,
            Action::Home(HomeAction::Refresh) => 1,
            Action::Home(HomeAction::AdminConsole) => 2,
            Action::Admin(a) => match a {
                AdminAction::NewTheme => 3,
                AdminAction::OpenImport => 4,
                AdminAction::OpenRoles => 5,
                AdminAction::OpenTopics => 6,
                AdminAction::ShowArchived(_) => 7,
                AdminAction::Page(_) => 8,
                AdminAction::Theme { op, .. } => match op {
                    ThemeOp::Edit => 9,
                    ThemeOp::Questions => 10,
                    ThemeOp::Certify => 11,
                    ThemeOp::Archive => 12,
                    ThemeOp::Restore => 13,
                },
                AdminAction::AddQuestion { .. } => 14,
                AdminAction::Question { op, .. } => match op {
                    QuestionOp::Edit => 15,
                    QuestionOp::Up => 16,
                    QuestionOp::Down => 17,
                    QuestionOp::Remove => 18,
                },
                AdminAction::Topic { op, .. } => match op {
                    TopicOp::Rename => 19,
                    TopicOp::Retire => 20,
                },
                AdminAction::RevokeCertification { .. } => 21,
                AdminAction::RevokeRole { .. } => 22,
                AdminAction::OpenAutoShare => 40,
                AdminAction::RemoveAutoShare { .. } => 41,
                AdminAction::ConfirmImport => 69,
                AdminAction::CancelImport => 70,
            },
            Action::Mentor(m) => match m {
                MentorAction::Setup { .. } => 23,
                MentorAction::Answers { .. } => 24,
                MentorAction::Start { .. } => 25,
                MentorAction::Preview { .. } => 26,
                MentorAction::Pause { .. } => 27,
                MentorAction::Resume { .. } => 28,
                MentorAction::Stop { .. } => 29,
                MentorAction::Hours => 30,
            },
            Action::Booking(b) => match b {
                BookingAction::Find => 31,
                BookingAction::NewSearch => 32,
                BookingAction::Page(_) => 33,
                BookingAction::Request { .. } => 34,
                BookingAction::PickDay(_) => 35,
                BookingAction::Accept { .. } => 36,
                BookingAction::Decline { .. } => 37,
                BookingAction::Cancel { .. } => 38,
                BookingAction::Reschedule { .. } => 39,
                BookingAction::BookNext { .. } => 42,
                BookingAction::Rate { .. } => 43,
                BookingAction::MarkHeld { .. } => 44,
            },
            Action::Memo(m) => match m {
                MemoAction::Open { .. } => 45,
                MemoAction::EditEntry { .. } => 46,
                MemoAction::AddTodo { .. } => 47,
                MemoAction::TodoDone { .. } => 48,
                MemoAction::TodoDelete { .. } => 49,
                MemoAction::History { .. } => 50,
            },
            Action::Series(SeriesAction::Accept { .. }) => 51,
            Action::Series(SeriesAction::Decline { .. }) => 52,
            Action::Nudge(NudgeAction::Off) => 53,
            Action::Nudge(NudgeAction::On) => 54,
            Action::Nudge(NudgeAction::Settings) => 55,
            Action::Insight(i) => match i {
                InsightAction::Mine => 56,
                InsightAction::Stats { .. } => 57,
                InsightAction::WriteTip => 58,
                InsightAction::HideTip { .. } => 59,
                InsightAction::Scope { .. } => 60,
            },
            Action::Survey(s) => match s {
                SurveyAction::List => 61,
                SurveyAction::New => 62,
                SurveyAction::Results { .. } => 63,
                SurveyAction::Preview { .. } => 64,
                SurveyAction::Pause { .. } => 65,
                SurveyAction::Answer { .. } => 66,
                SurveyAction::Export { .. } => 67,
                SurveyAction::Edit { .. } => 68,
            },
        }
    }

    /// As [`variant`], for forms.
    pub fn form_variant(form: &Form) -> usize {
        match form {
            Form::Help => 0,
            Form::Admin(f, _) => match f {
                AdminForm::Console => 1,
                AdminForm::Theme => 2,
                AdminForm::Questions => 3,
                AdminForm::Question => 4,
                AdminForm::Certify => 5,
                AdminForm::CertifyDone => 6,
                AdminForm::Roles => 7,
                AdminForm::Import => 8,
                AdminForm::Topics => 9,
                AdminForm::TopicRename => 10,
                AdminForm::Notice => 11,
                AdminForm::AutoShare => 21,
            },
            Form::Mentor(f) => match f {
                MentorForm::Setup { .. } => 12,
                MentorForm::Hours => 13,
                MentorForm::Notice => 14,
            },
            Form::Booking(f) => match f {
                BookingForm::Find => 15,
                BookingForm::Results(_) => 16,
                BookingForm::Request { .. } => 17,
                BookingForm::Decline { .. } => 18,
                BookingForm::Reschedule { .. } => 19,
                BookingForm::Done => 20,
                BookingForm::Rate { .. } => 22,
            },
            Form::Memo(f) => match f {
                MemoForm::Memo { .. } => 23,
                MemoForm::Entry { .. } => 24,
                MemoForm::Todo { .. } => 25,
                MemoForm::History => 26,
                MemoForm::Notice => 27,
            },
            Form::Nudge(NudgeForm::Settings) => 28,
            Form::Insight(f) => match f {
                InsightForm::View => 29,
                InsightForm::Tip => 30,
                InsightForm::Scope { .. } => 31,
            },
            Form::Survey(f) => match f {
                SurveyForm::Define => 32,
                SurveyForm::Answer { .. } => 33,
                SurveyForm::Done => 34,
                SurveyForm::Edit { .. } => 35,
            },
        }
    }

    #[test]
    fn every_action_and_form_variant_has_an_example() {
        let mut seen: Vec<usize> = actions().iter().map(variant).collect();
        seen.sort();
        seen.dedup();
        assert_eq!(seen, (0..=70).collect::<Vec<_>>());
        let mut seen: Vec<usize> = forms().iter().map(form_variant).collect();
        seen.sort();
        seen.dedup();
        assert_eq!(seen, (0..=35).collect::<Vec<_>>());
    }
}
