//! The demo program the sandbox starts with, in Japanese and English: a program admin, three
//! mentors in different time zones and languages (with answers and hours), two mentees,
//! themes in every category, and a few booked and past 1on1s. Seeded through the bot's own
//! use cases, as a program office would create it.

use anyhow::Context;
use chrono::{DateTime, Duration, Utc};

use crate::app::admin::Actor;
use crate::app::App;
use crate::domain::availability::{Hours, Window};
use crate::domain::booking::RequestDraft;
use crate::domain::{QuestionDraft, ThemeDraft, UserId};

/// One demo person: Slack user id, name, IANA zone, Slack locale, role shown on the page.
pub struct Person {
    pub id: &'static str,
    pub name: &'static str,
    pub tz: &'static str,
    pub locale: &'static str,
    pub role: &'static str,
}

pub const ADMIN: &str = "UADMIN";
pub const PEOPLE: [Person; 6] = [
    Person {
        id: ADMIN,
        name: "山本 (事務局)",
        tz: "Asia/Tokyo",
        locale: "ja-JP",
        role: "admin",
    },
    Person {
        id: "UEMMA",
        name: "Emma",
        tz: "America/New_York",
        locale: "en-US",
        role: "mentor",
    },
    Person {
        id: "UTANAKA",
        name: "田中",
        tz: "Asia/Tokyo",
        locale: "ja-JP",
        role: "mentor",
    },
    Person {
        id: "ULUKAS",
        name: "Lukas",
        tz: "Europe/Berlin",
        locale: "en-GB",
        role: "mentor",
    },
    Person {
        id: "USATO",
        name: "佐藤",
        tz: "Asia/Tokyo",
        locale: "ja-JP",
        role: "mentee",
    },
    Person {
        id: "UBEN",
        name: "Ben",
        tz: "Europe/London",
        locale: "en-GB",
        role: "mentee",
    },
];

/// A theme: name, category, description, then (question, whose answer, answer) for mentors.
struct DemoTheme {
    name: &'static str,
    category: &'static str,
    description: &'static str,
    question: &'static str,
    mentors: &'static [(&'static str, &'static str)],
}

const THEMES: &[DemoTheme] = &[
    DemoTheme {
        name: "育休からの復帰",
        category: "programs",
        description: "育児休業から復帰した経験を話せます。",
        question: "復帰について話せること",
        mentors: &[
            (
                "UEMMA",
                "育休から復帰して時短勤務で2年。チームへの伝え方と保育園の両立について話せます。",
            ),
            (
                "UTANAKA",
                "育休を半年取得しました。男性の育休取得の進め方を話せます。",
            ),
        ],
    },
    DemoTheme {
        name: "中途入社1年目",
        category: "tenure",
        description: "Joined mid-career within the last year / 中途入社して1年以内",
        question: "What helped you settle in?",
        mentors: &[(
            "ULUKAS",
            "Moved from a start-up in Berlin; onboarding buddies and asking early helped most.",
        )],
    },
    DemoTheme {
        name: "DX project",
        category: "work",
        description: "Project theme: DX / プロジェクトテーマ: DX",
        question: "Which project did you lead?",
        mentors: &[(
            "ULUKAS",
            "Led the move of our order system to the cloud (18 months, 12 people).",
        )],
    },
    DemoTheme {
        name: "TOEIC 900",
        category: "non_work",
        description: "TOEICのスコアアップと英語学習の続け方",
        question: "どのように勉強しましたか",
        mentors: &[(
            "UTANAKA",
            "毎朝30分のシャドーイングを1年続けて650点から905点になりました。",
        )],
    },
    DemoTheme {
        name: "海外赴任",
        category: "programs",
        description: "Overseas posting / 海外赴任の準備と生活",
        question: "Where were you posted?",
        mentors: &[(
            "UEMMA",
            "Three years in Tokyo from New York, with family. Visas, schools and work style.",
        )],
    },
    DemoTheme {
        name: "フットサル部",
        category: "other",
        description: "社内フットサル部の活動 / In-house futsal club",
        question: "活動について",
        mentors: &[("UTANAKA", "毎週木曜に活動しています。初心者歓迎です。")],
    },
];

/// Creates the demo program at `now` (the sandbox clock) through the use cases.
pub async fn seed(app: &App, now: DateTime<Utc>) -> anyhow::Result<()> {
    let mut themes = Vec::new();
    for demo in THEMES {
        let draft = ThemeDraft::parse(demo.name, Some(demo.category), demo.description)
            .map_err(|e| anyhow::anyhow!("demo theme {}: {e:?}", demo.name))?;
        let theme = app.create_theme(&Actor::Cli, draft, now).await?;
        let question = QuestionDraft::parse(demo.question, Some("text"), "", false)
            .map_err(|e| anyhow::anyhow!("demo question: {e:?}"))?;
        let question = app.add_question(&Actor::Cli, theme, question, now).await?;
        let mentors: Vec<UserId> = demo.mentors.iter().map(|(m, _)| uid(m)).collect();
        app.certify(&Actor::Cli, theme, mentors, now).await?;
        for (mentor, answer) in demo.mentors {
            app.save_answers(
                &uid(mentor),
                theme,
                vec![(question, answer.to_string())],
                true,
                now,
            )
            .await?;
        }
        themes.push(theme);
    }
    for (mentor, start, end) in [("UEMMA", 9, 12), ("UTANAKA", 13, 17), ("ULUKAS", 10, 16)] {
        let hours = Hours {
            windows: (0..7)
                .map(|day| Window {
                    day,
                    start: start * 60,
                    end: end * 60,
                })
                .collect(),
            slot_minutes: 60,
            notice_hours: 0,
            horizon_days: 21,
            ..Hours::default()
        };
        app.save_hours(&uid(mentor), hours, now).await?;
    }
    // A past 1on1 (booked and held two weeks ago) and an upcoming confirmed one.
    let past = now - Duration::days(14);
    book(
        app,
        "UBEN",
        "ULUKAS",
        themes[1],
        "career",
        "listen",
        "First weeks here",
        past,
        true,
    )
    .await?;
    book(
        app,
        "USATO",
        "UTANAKA",
        themes[3],
        "skills",
        "advice",
        "TOEICの勉強法を相談したいです",
        now,
        true,
    )
    .await?;
    Ok(())
}

/// Requests the mentor's first free slot after `at` (as the mentee) and, when `accept`,
/// accepts it (as the mentor).
#[allow(clippy::too_many_arguments)]
async fn book(
    app: &App,
    mentee: &str,
    mentor: &str,
    theme: i64,
    topic: &str,
    response: &str,
    note: &str,
    at: DateTime<Utc>,
    accept: bool,
) -> anyhow::Result<()> {
    let (mentee, mentor) = (uid(mentee), uid(mentor));
    let slot = app
        .free_slots(&mentor, at)
        .await?
        .into_iter()
        .nth(1)
        .context("the demo mentor has a free slot")?;
    let draft = RequestDraft::parse(
        Some(&slot.start.timestamp().to_string()),
        Some(topic),
        "",
        Some(response),
        note,
        &[],
    )
    .map_err(|e| anyhow::anyhow!("demo request: {e:?}"))?;
    let (one, _) = app
        .request_one_on_one(&mentee, &mentor, theme, draft, at)
        .await
        .map_err(|e| anyhow::anyhow!("demo request: {e:?}"))?;
    if accept {
        app.accept_request(&mentor, one.id, at)
            .await
            .map_err(|e| anyhow::anyhow!("demo accept: {e:?}"))?;
    }
    Ok(())
}

fn uid(id: &str) -> UserId {
    UserId::parse(id).expect("demo ids are Slack user ids")
}
