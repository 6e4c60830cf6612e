//! The results dialog shows what the use case decided: figures, hidden groups, and the
//! admins-only parts only when present.

use chrono::Utc;

use super::results_dialog;
use crate::app::surveys::results::{
    LowScore, QuestionResult, QuestionSummary, SurveyResults, TrendRow,
};
use crate::domain::{Lang, UserId};
use crate::i18n::t;

fn results(admin: bool) -> SurveyResults {
    SurveyResults {
        survey_id: 1,
        title: "Pulse".into(),
        sent: 4,
        answered: 3,
        response_percent: Some(75),
        distribution: Some([0, 1, 0, 1, 1]),
        by_month: vec![TrendRow {
            label: "2026-11".into(),
            answered: 3,
            average_tenths: Some(37),
        }],
        by_theme: vec![TrendRow {
            label: "Career".into(),
            answered: 2,
            average_tenths: None,
        }],
        questions: vec![
            QuestionResult {
                text: "How useful?".into(),
                answered: 3,
                summary: QuestionSummary::Average(42),
            },
            QuestionResult {
                text: "Format".into(),
                answered: 2,
                summary: QuestionSummary::Hidden,
            },
        ],
        free_text: admin.then(|| vec![("Anything else?".into(), vec!["More time".into()])]),
        low_scores: admin.then(|| {
            vec![LowScore {
                user: UserId::parse("U2CERLKJA").unwrap(),
                growth: 2,
                occurs_at: Utc::now(),
            }]
        }),
        low_growth: 2,
    }
}

#[test]
fn results_show_figures_hide_small_groups_and_keep_private_parts_for_admins() {
    let admin = results_dialog(Lang::En, &results(true)).to_string();
    for shown in ["75", "3.7", "4.2", "How useful?", "More time", "U2CERLKJA"] {
        assert!(admin.contains(shown), "{shown} in {admin}");
    }
    assert!(admin.contains(&t(Lang::En, "survey-results-hidden")));
    let advisor = results_dialog(Lang::En, &results(false)).to_string();
    assert!(advisor.contains("3.7"), "{advisor}");
    assert!(
        !advisor.contains("More time"),
        "free text is for admins: {advisor}"
    );
    assert!(
        !advisor.contains("U2CERLKJA"),
        "named low scores are for admins: {advisor}"
    );
}
