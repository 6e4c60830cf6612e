//! The admin view models, decided without any platform.

use super::*;

fn uid(id: &str) -> UserId {
    UserId::parse(id).unwrap()
}

fn theme(id: i64, archived: bool) -> Theme {
    Theme {
        id,
        name: format!("theme {id}"),
        category: Category::NonWork,
        description: String::new(),
        archived,
    }
}

fn question(id: i64) -> Question {
    Question {
        id,
        theme_id: 1,
        position: id,
        label: format!("q{id}"),
        kind: QuestionKind::Text,
        required: false,
        revision: 1,
    }
}

#[test]
fn the_consoles_middle_page_with_archived_shown_offers_both_pages_and_hiding_them() {
    let counts = MentorCounts::default();
    let screen = ConsoleScreen::decide(ThemePage {
        themes: vec![(theme(11, true), counts), (theme(12, false), counts)],
        page: 1,
        pages: 3,
        total: 25,
        include_archived: true,
    });
    assert_eq!(screen.total, 25);
    assert_eq!(
        screen.actions.last(),
        Some(&AdminAction::ShowArchived(false))
    );
    let paging = screen.paging.as_ref().unwrap();
    assert_eq!((paging.page, paging.pages), (1, 3));
    assert_eq!(paging.actions, [AdminAction::Page(0), AdminAction::Page(2)]);
    assert_eq!(screen.page(), 1);
    assert_eq!(screen.themes.len(), 2);
}

#[test]
fn a_console_of_one_page_has_no_paging_and_offers_showing_archived() {
    let screen = ConsoleScreen::decide(ThemePage {
        themes: vec![],
        page: 0,
        pages: 1,
        total: 0,
        include_archived: false,
    });
    assert_eq!(screen.paging, None);
    assert_eq!(
        screen.actions.last(),
        Some(&AdminAction::ShowArchived(true))
    );
    let last = ConsoleScreen::decide(ThemePage {
        themes: vec![],
        page: 2,
        pages: 3,
        total: 21,
        include_archived: false,
    });
    assert_eq!(last.paging.unwrap().actions, [AdminAction::Page(1)]);
}

#[test]
fn an_archived_themes_menu_offers_restore_and_a_live_ones_archive() {
    let ops = |archived| -> Vec<ThemeOp> {
        theme_menu(&theme(7, archived))
            .into_iter()
            .map(|a| match a {
                AdminAction::Theme { theme: 7, op } => op,
                other => panic!("{other:?}"),
            })
            .collect()
    };
    use ThemeOp::*;
    assert_eq!(ops(false), [Edit, Questions, Certify, Archive]);
    assert_eq!(ops(true), [Edit, Questions, Certify, Restore]);
}

#[test]
fn questions_move_only_where_they_can() {
    let screen = QuestionsScreen::decide(theme(1, false), (1..=3).map(question).collect());
    let ops: Vec<Vec<QuestionOp>> = screen
        .questions
        .iter()
        .map(|row| {
            row.menu
                .iter()
                .map(|a| match a {
                    AdminAction::Question { op, .. } => *op,
                    other => panic!("{other:?}"),
                })
                .collect()
        })
        .collect();
    use QuestionOp::*;
    assert_eq!(
        ops,
        [
            vec![Edit, Down, Remove],
            vec![Edit, Up, Down, Remove],
            vec![Edit, Up, Remove],
        ]
    );
    assert_eq!(screen.questions[2].number, 3);
    assert_eq!(screen.actions, [AdminAction::AddQuestion { theme: 1 }]);
    let one = QuestionsScreen::decide(theme(1, false), vec![question(1)]);
    assert_eq!(one.questions[0].menu.len(), 2);
}

#[test]
fn a_theme_with_many_questions_lists_what_a_modal_holds() {
    let screen = QuestionsScreen::decide(theme(1, false), (1..=120).map(question).collect());
    assert_eq!(screen.questions.len(), QUESTIONS_SHOWN);
    // The last one shown can still move down: there are more after it.
    assert!(screen.questions[QUESTIONS_SHOWN - 1]
        .menu
        .iter()
        .any(|a| matches!(
            a,
            AdminAction::Question {
                op: QuestionOp::Down,
                ..
            }
        )));
}

#[test]
fn the_roles_list_marks_configured_admins_and_the_readers_own_admin_role_not_revocable() {
    let holders = vec![
        (uid("UCONF"), Role::Admin, true),
        (uid("UME"), Role::Admin, false),
        (uid("UME"), Role::Advisor, false),
        (uid("UOTHER"), Role::Admin, false),
    ];
    let screen = RolesScreen::decide(holders, Some(&uid("UME")), None);
    let notes: Vec<_> = screen.holders.iter().map(|r| r.note).collect();
    assert_eq!(
        notes,
        [Some(RoleNote::Configured), Some(RoleNote::Own), None, None]
    );
    assert_eq!(screen.holders[0].revoke, None);
    assert_eq!(screen.holders[1].revoke, None);
    assert_eq!(
        screen.holders[2].revoke,
        Some(AdminAction::RevokeRole {
            role: Role::Advisor,
            user: uid("UME")
        })
    );
    assert!(screen.holders[3].revoke.is_some());
    assert_eq!(screen.grantable, [Role::Admin, Role::Advisor]);
}

#[test]
fn the_certify_screen_counts_every_mentor_and_lists_forty() {
    let mentors: Vec<_> = (0..50)
        .map(|i| {
            let status = match i % 3 {
                0 => CertStatus::Started,
                1 => CertStatus::Certified,
                _ => CertStatus::Paused,
            };
            (uid(&format!("U{i:04}")), status)
        })
        .collect();
    let screen = CertifyScreen::decide(theme(3, false), mentors);
    assert_eq!(screen.counts.certified, 50);
    assert_eq!(screen.counts.started, 17);
    assert_eq!(screen.counts.waiting, 17);
    assert_eq!(screen.mentors.len(), MENTORS_SHOWN);
    assert_eq!(screen.more_mentors, 10);
    assert_eq!(
        screen.mentors[0].revoke,
        AdminAction::RevokeCertification {
            theme: 3,
            mentor: uid("U0000")
        }
    );
}

#[test]
fn each_topic_offers_rename_and_retire_and_at_most_ninety_are_listed() {
    let screen = TopicsScreen::decide((0..100).map(|i| (i, format!("t{i}"))).collect(), None);
    assert_eq!(screen.topics.len(), TOPICS_SHOWN);
    assert_eq!(
        screen.topics[0].menu,
        [
            AdminAction::Topic {
                topic: 0,
                op: TopicOp::Rename
            },
            AdminAction::Topic {
                topic: 0,
                op: TopicOp::Retire
            }
        ]
    );
}

#[test]
fn an_edited_choice_question_starts_on_choice() {
    let mut q = question(1);
    q.kind = QuestionKind::Choice(vec!["a".into(), "b".into()]);
    assert_eq!(QuestionFormScreen::decide(1, Some(q)).kind, "choice");
    assert_eq!(QuestionFormScreen::decide(1, None).kind, "text");
}
