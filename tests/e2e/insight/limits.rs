//! The insight screens at their largest keep to Slack's Block Kit limits.

use super::*;

#[test]
fn insight_screens_fit_slacks_limits_at_their_largest() {
    use mentor_bot::app::screens::{
        Coverage, InsightScreen, ScopeForm, StatsData, StatsScreen, TipForm,
    };
    use mentor_bot::domain::insight::{Cell, RatingSums};
    use mentor_bot::domain::Lang;
    use mentor_bot::slack::blocks::insight as views;
    use mentor_bot::storage::insight::{MonthRow, ThemeRow};
    use mentor_bot::storage::tips::TipRow;
    use support::fake_slack::validate_blocks;

    let long = "長".repeat(100);
    let custom: Vec<(i64, String)> = (0..150).map(|i| (i, format!("{long}{i}"))).collect();
    let figures = RatingSums {
        ratings: 30,
        clarity_sum: 100,
        got_yes: 20,
    }
    .figures();
    let cells: Vec<Cell> = (0..40)
        .map(|i| Cell {
            topic: format!("custom:{i}"),
            response: "think_together".into(),
            mine: figures,
            program: figures,
        })
        .collect();
    let people: Vec<UserId> = (0..10).map(|i| uid(&format!("UPERSON{i}"))).collect();
    let data = StatsData {
        months: (0..6)
            .map(|i| MonthRow {
                month: format!("2026-0{i}"),
                requested: 1000,
                held: 1000,
                cancelled: 1000,
                expired: 1000,
            })
            .collect(),
        themes: (0..10)
            .map(|i| ThemeRow {
                id: i,
                name: long.clone(),
                category: "non_work".into(),
                requested: 1000,
                held: 1000,
                ratings: RatingSums {
                    ratings: 3,
                    clarity_sum: 12,
                    got_yes: 1,
                },
            })
            .collect(),
        categories: vec![("programs".into(), 1000, 1000); 5],
        load: people.iter().map(|p| (p.clone(), 1000)).collect(),
        at_cap: people.clone(),
        never_booked: (500, people.clone()),
        without_mentor: vec![long.clone(); 10],
        top: vec![("custom:1".into(), "think_together".into(), 1000); 3],
        first: (1000, 999, Some(123.45)),
        tips: (0..10)
            .map(|i| TipRow {
                id: i,
                author: uid("UEN"),
                topic: "custom:2".into(),
                response: "advice".into(),
                body: "あ".repeat(200),
                signed: true,
            })
            .collect(),
        custom_topics: custom.clone(),
    };
    for lang in [Lang::Ja, Lang::En] {
        let scope = ScopeForm {
            advisor: uid("UJA"),
            themes: (0..100).map(|i| (i, long.clone(), i % 2 == 0)).collect(),
        };
        for (restricted, coverage) in [
            (false, Coverage::All),
            (true, Coverage::Scope(100)),
            (false, Coverage::Theme(long.clone())),
        ] {
            let stats = StatsScreen::decide(data.clone(), coverage, restricted);
            let view = serde_json::to_value(views::stats_view(lang, &stats)).unwrap();
            validate_blocks(&view["blocks"], 100).unwrap_or_else(|e| panic!("{e}"));
        }
        for view in [
            views::insight_view(lang, &InsightScreen::decide(&cells, &custom)),
            views::tip_view(lang, &TipForm::decide(&custom)),
            views::scope_view(lang, &scope),
        ] {
            let view = serde_json::to_value(view).unwrap();
            validate_blocks(&view["blocks"], 100)
                .unwrap_or_else(|e| panic!("{e}: {}", view["callback_id"]));
        }
    }
}
