//! Teams: the help card lists exactly the commands that work when typed in Teams, each of them
//! answers with its own card, and the ones that stay in Slack for now say so.

use mentor_bot::domain::{Lang, SubCommand};
use mentor_bot::i18n::{t as tr, t_args};
use mentor_bot::teams::cards::{works_in_teams, TEAMS_COMMANDS};

use crate::support::teams::{card_of, card_text, kana, liam, teams_uid, TeamsBot};

/// The text of the latest card in the chat, once there are `count` of them.
async fn latest(t: &TeamsBot, user: &fake_teams::User, count: usize) -> String {
    crate::support::bot::eventually("the answer card", || t.chat(user).len() >= count).await;
    card_text(&card_of(t.chat(user).last().unwrap()))
}

#[tokio::test]
async fn help_lists_exactly_the_commands_that_work_in_teams_and_the_others_say_they_are_slack_only()
{
    let t = TeamsBot::start().await;
    let liam = t.installed(liam()).await;
    let kana = t.installed(kana()).await;
    // Kana mentors, so her help lists hours too.
    t.bot
        .started_mentor_with_hours(
            teams_uid(&kana).as_str(),
            "育休からの復帰",
            "programs",
            None,
        )
        .await;
    // Her certification DM first, so the help card is the latest one.
    crate::support::bot::eventually("the DMs are out", || {
        t.bot
            .count("SELECT COUNT(*) FROM outbox WHERE status IN ('pending', 'sending')")
            == 0
    })
    .await;

    let mut seen = t.chat(&kana).len();
    assert_eq!(t.say(&kana, "ヘルプ").await, 200);
    seen += 1;
    let help = latest(&t, &kana, seen).await;
    for sub in TEAMS_COMMANDS {
        let line = match sub {
            SubCommand::Home => tr(Lang::Ja, "teams-cmd-home"),
            SubCommand::Admin => tr(Lang::Ja, "teams-admin-cmd"),
            SubCommand::Insight | SubCommand::Stats => {
                tr(Lang::Ja, &format!("teams-insight-cmd-{}", sub.word()))
            }
            _ => tr(Lang::Ja, &format!("teams-more-cmd-{}", sub.word())),
        };
        let gist = line.split('—').nth(1).unwrap().trim().to_string();
        // Stats and admin are for the office (and advisors): a mentor's help leaves them out.
        let offered = !matches!(sub, SubCommand::Stats | SubCommand::Admin);
        assert_eq!(help.contains(&gist), offered, "{gist} in {help}");
    }
    assert!(
        !help.contains("- **admin**"),
        "admin is not offered to a non-admin: {help}"
    );

    // Every command that works answers with its own card; the rest say they are Slack-only.
    let mut seen = t.chat(&liam).len();
    for sub in SubCommand::ALL {
        if sub == SubCommand::Home {
            continue; // posts or refreshes the Home card through the outbox
        }
        assert_eq!(t.say(&liam, sub.word()).await, 200);
        seen += 1;
        let answer = latest(&t, &liam, seen).await;
        let not_yet = t_args(Lang::En, "teams-more-not-yet", &[("command", sub.word())]);
        let not_yet = not_yet.split(':').next().unwrap().replace('*', "");
        assert_eq!(
            answer.replace('*', "").contains(&not_yet),
            !works_in_teams(sub),
            "{} answered {answer}",
            sub.word()
        );
    }
    assert!(
        t.teams.rejections().is_empty(),
        "{:?}",
        t.teams.rejections()
    );
}
