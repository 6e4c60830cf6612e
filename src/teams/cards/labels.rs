//! What each action's button says on a card, which buttons open a dialog (`task/fetch`) and
//! which are the card's main one.

use crate::app::actions::{
    Action, BookingAction, HomeAction, InsightAction, MemoAction, MentorAction, NudgeAction,
    SeriesAction, SurveyAction,
};
use crate::domain::Lang;
use crate::i18n::t;

/// A button's usual label. A destructive action says what it does in its title (cards have no
/// confirm dialogs): "Cancel the 1on1 (both are told)".
pub fn label(lang: Lang, action: &Action) -> String {
    t(lang, key(action))
}

fn key(action: &Action) -> &'static str {
    match action {
        Action::Home(HomeAction::Help) => "button-help-plain",
        Action::Home(HomeAction::Refresh) => "button-refresh-plain",
        Action::Home(HomeAction::AdminConsole) => "button-admin-console-plain",
        Action::Admin(_) => "teams-button-open",
        Action::Mentor(mentor) => match mentor {
            MentorAction::Setup { .. } => "button-setup-plain",
            MentorAction::Answers { .. } => "button-setup-answers-plain",
            MentorAction::Start { .. } => "button-start-plain",
            MentorAction::Preview { .. } => "button-preview-plain",
            MentorAction::Pause { .. } => "button-pause-plain",
            MentorAction::Resume { .. } => "button-resume-plain",
            MentorAction::Stop { .. } => "teams-button-stop",
            MentorAction::Hours => "button-hours-plain",
        },
        Action::Booking(booking) => match booking {
            BookingAction::Find => "button-find-plain",
            BookingAction::NewSearch => "button-new-search-plain",
            BookingAction::Page(_) => "button-next-plain",
            BookingAction::Request { .. } => "teams-button-request",
            BookingAction::PickDay(_) => "teams-button-open",
            BookingAction::Accept { .. } => "button-accept-plain",
            BookingAction::Decline { .. } => "button-decline-plain",
            BookingAction::Cancel { .. } => "teams-button-cancel-1on1",
            BookingAction::Reschedule { .. } => "button-reschedule-plain",
            BookingAction::BookNext { .. } => "button-book-next-plain",
            BookingAction::Rate { .. } => "button-rate-plain",
            BookingAction::MarkHeld { held: true, .. } => "button-held-plain",
            BookingAction::MarkHeld { held: false, .. } => "button-not-held-plain",
        },
        Action::Memo(memo) => match memo {
            MemoAction::Open { .. } => "button-memo-plain",
            MemoAction::EditEntry { .. } => "button-memo-edit-plain",
            MemoAction::AddTodo { .. } => "button-todo-add-plain",
            MemoAction::TodoDone { .. } => "button-todo-done-plain",
            MemoAction::TodoDelete { .. } => "button-todo-delete-plain",
            MemoAction::History { .. } => "button-history-plain",
        },
        Action::Series(SeriesAction::Accept { .. }) => "button-series-accept-plain",
        Action::Series(SeriesAction::Decline { .. }) => "button-series-decline-plain",
        Action::Nudge(NudgeAction::Off) => "button-nudges-off-plain",
        Action::Nudge(NudgeAction::On) => "button-nudges-on-plain",
        Action::Nudge(NudgeAction::Settings) => "button-nudge-settings-plain",
        Action::Insight(insight) => match insight {
            InsightAction::Mine => "button-insight-mine-plain",
            InsightAction::Stats { theme: None } => "button-insight-stats-plain",
            InsightAction::Stats { theme: Some(_) } => "button-insight-theme-plain",
            InsightAction::WriteTip => "button-insight-tip-plain",
            InsightAction::HideTip { .. } => "button-insight-hide-plain",
            InsightAction::Scope { .. } => "button-insight-scope-plain",
        },
        Action::Survey(survey) => match survey {
            SurveyAction::List => "button-surveys-plain",
            SurveyAction::New => "button-survey-new-plain",
            SurveyAction::Results { .. } => "button-survey-results-plain",
            SurveyAction::Preview { .. } => "button-survey-preview-plain",
            SurveyAction::Pause { paused: true, .. } => "button-survey-pause-plain",
            SurveyAction::Pause { paused: false, .. } => "button-survey-resume-plain",
            SurveyAction::Answer { .. } => "button-survey-answer-plain",
            SurveyAction::Export { .. } => "button-survey-export-plain",
            SurveyAction::Edit { .. } => "button-survey-edit-plain",
        },
    }
}

/// Whether pressing `action` opens a form: such a button is an `Action.Submit` with
/// `msteams.type = "task/fetch"`, and the bot answers with the dialog. Everything else is an
/// `Action.Execute` whose answer replaces the card.
pub fn opens_dialog(action: &Action) -> bool {
    match action {
        Action::Home(home) => !matches!(home, HomeAction::Refresh),
        Action::Admin(_) => true,
        Action::Mentor(mentor) => matches!(
            mentor,
            MentorAction::Setup { .. }
                | MentorAction::Answers { .. }
                | MentorAction::Preview { .. }
                | MentorAction::Hours
        ),
        Action::Booking(booking) => matches!(
            booking,
            BookingAction::Request { .. }
                | BookingAction::Decline { .. }
                | BookingAction::Reschedule { .. }
                | BookingAction::BookNext { .. }
                | BookingAction::Rate { .. }
        ),
        Action::Memo(memo) => !matches!(
            memo,
            MemoAction::TodoDone { .. } | MemoAction::TodoDelete { .. }
        ),
        Action::Series(_) => false,
        Action::Nudge(nudge) => matches!(nudge, NudgeAction::Settings),
        Action::Insight(insight) => !matches!(insight, InsightAction::HideTip { .. }),
        Action::Survey(survey) => !matches!(
            survey,
            SurveyAction::Pause { .. } | SurveyAction::Export { .. }
        ),
    }
}

/// The card's main action, drawn as a positive button.
pub fn is_primary(action: &Action) -> bool {
    matches!(
        action,
        Action::Booking(
            BookingAction::Accept { .. }
                | BookingAction::Find
                | BookingAction::Request { .. }
                | BookingAction::Rate { .. }
                | BookingAction::MarkHeld { held: true, .. }
        ) | Action::Series(SeriesAction::Accept { .. })
    )
}
