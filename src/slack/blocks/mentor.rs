//! Block Kit for mentors: the setup form, the card mentees see, the hours form and the
//! mentor's part of the App Home. Pure functions.

use std::collections::HashMap;

use chrono::NaiveDate;
use chrono_tz::Tz;
use slack_morphism::prelude::*;

use crate::app::actions::{Action, Form, MentorAction, MentorForm};
use crate::app::errors::UserError;
use crate::app::forms::{cap_value, CAP_COUNTS, HORIZON_WEEKS, NOTICE_HOURS};
use crate::app::mentor::{HoursScreen, MentorCard, SetupScreen, StatusChange};
use crate::app::screens::MentorHome;
use crate::domain::availability::{Cap, Hours, WindowError, SLOT_LENGTHS};
use crate::domain::{CertStatus, Lang, QuestionKind, Reader};
use crate::i18n::{t, t_args, t_with};
use crate::slack::blocks::admin::category_name;
use crate::slack::blocks::kit::{self, input, option, text_option};
use crate::slack::blocks::render::message_text;
use crate::slack::blocks::render::{
    button, buttons, context, divider, escape, local_time, section,
};

/// Input block ids (each input's action id is the same string).
pub mod inputs {
    pub const START: &str = "setup.start";
    pub const SLOT: &str = "hours.slot";
    pub const HORIZON: &str = "hours.horizon";
    pub const NOTICE: &str = "hours.notice";
    pub const CAP: &str = "hours.cap";
    pub const AWAY: &str = "hours.away";
    pub const AUTO: &str = "hours.auto";

    pub fn answer(question_id: i64) -> String {
        format!("answer.{question_id}")
    }

    pub fn day(day: u8) -> String {
        format!("hours.day.{day}")
    }
}

fn modal(
    lang: Lang,
    title_key: &str,
    form: MentorForm,
    blocks: Vec<SlackBlock>,
    submit: bool,
) -> SlackView {
    kit::modal(
        lang,
        title_key,
        &Form::Mentor(form),
        blocks,
        submit.then_some("button-save-plain"),
    )
}

fn select(
    block: &str,
    options: Vec<SlackBlockChoiceItem<SlackBlockPlainTextOnly>>,
    initial: Option<&str>,
) -> SlackInputBlockElement {
    kit::static_select(block, options, initial).into()
}

pub fn status_name(lang: Lang, status: CertStatus) -> String {
    t(lang, &format!("status-{}", status.as_str()))
}

/// The theme's questions with the mentor's answers. Every input is optional for Slack, so a
/// draft can be saved; the server refuses to start with required ones missing, keyed to them.
/// `start_ticked`: whether "Start mentoring this theme" is ticked when the form opens.
pub fn setup_form(lang: Lang, screen: &SetupScreen) -> SlackView {
    let (mt, start_ticked) = (&screen.theme, screen.start_ticked);
    let name = escape(&mt.theme.name);
    let intro = if mt.questions.is_empty() {
        "setup-no-questions"
    } else {
        "setup-intro"
    };
    let mut blocks: Vec<SlackBlock> = vec![section(
        "setup.intro",
        t_args(lang, intro, &[("theme", &name)]),
    )];
    for (q, answer) in mt.questions.iter().take(90) {
        let block = inputs::answer(q.id);
        let mut label = q.label.clone();
        if q.required {
            label = format!("{label} {}", t(lang, "setup-required-suffix-plain"));
        }
        let element: SlackInputBlockElement = match &q.kind {
            QuestionKind::Text => {
                let mut e = SlackBlockPlainTextInputElement::new()
                    .with_action_id(block.clone().into())
                    .with_multiline(true)
                    .with_max_length(3000);
                if let Some(a) = answer.as_deref().filter(|a| !a.is_empty()) {
                    e = e.with_initial_value(a.chars().take(3000).collect());
                }
                e.into()
            }
            QuestionKind::Choice(options) => {
                let items = options
                    .iter()
                    .map(|o| option(o.clone(), o.clone()))
                    .collect();
                select(&block, items, answer.as_deref())
            }
        };
        blocks.push(input(&block, label, element).with_optional(true).into());
    }
    let start = text_option(t(lang, "setup-start-option-plain"), "start");
    let mut checkbox =
        SlackBlockCheckboxesElement::new(vec![start.clone()]).with_action_id(inputs::START.into());
    if start_ticked {
        checkbox = checkbox.with_initial_options(vec![start]);
    }
    blocks.push(
        input(
            inputs::START,
            t(lang, "setup-start-label-plain"),
            checkbox.into(),
        )
        .with_optional(true)
        .into(),
    );
    modal(
        lang,
        "setup-title-plain",
        MentorForm::Setup { theme: mt.theme.id },
        blocks,
        true,
    )
}

/// `response_action: errors` for a refused start: each missing required question.
pub fn missing_errors(lang: Lang, missing: &[i64]) -> HashMap<String, String> {
    missing
        .iter()
        .map(|id| (inputs::answer(*id), t(lang, "setup-missing")))
        .collect()
}

/// The button for a mentor action; *Stop* hides the mentor, so it asks first.
fn mentor_button(lang: Lang, action: MentorAction) -> SlackActionBlockElement {
    let key = match action {
        MentorAction::Setup { .. } => "button-setup-plain",
        MentorAction::Answers { .. } => "button-setup-answers-plain",
        MentorAction::Start { .. } => "button-start-plain",
        MentorAction::Preview { .. } => "button-preview-plain",
        MentorAction::Pause { .. } => "button-pause-plain",
        MentorAction::Resume { .. } => "button-resume-plain",
        MentorAction::Stop { .. } => "button-stop-plain",
        MentorAction::Hours => "button-hours-plain",
    };
    let b = button(&Action::Mentor(action), &t(lang, key));
    if !matches!(action, MentorAction::Stop { .. }) {
        return SlackActionBlockElement::Button(b);
    }
    SlackActionBlockElement::Button(b.with_style(SlackBlockButtonStyle::Danger).with_confirm(
        SlackBlockConfirmItem::new(
            pt!(t(lang, "stop-confirm-title-plain")),
            SlackBlockText::Plain(SlackBlockPlainText::new(t(lang, "stop-confirm-text-plain"))),
            pt!(t(lang, "button-stop-plain")),
            pt!(t(lang, "button-cancel-plain")),
        ),
    ))
}

/// The card as mentees see it: name, started themes with answers, next free slot.
pub fn card_blocks(card: &MentorCard, reader: &Reader, prefix: &str) -> Vec<SlackBlock> {
    let lang = reader.lang;
    let mut blocks = vec![section(
        &format!("{prefix}.name"),
        format!("*<@{}>*", card.mentor),
    )];
    for (i, mt) in card.themes.iter().enumerate().take(8) {
        let mut text = t_args(
            lang,
            "card-theme",
            &[
                ("theme", &escape(&mt.theme.name)),
                ("category", &category_name(lang, mt.theme.category)),
            ],
        );
        for (q, answer) in &mt.questions {
            if let Some(answer) = answer {
                text.push_str(&format!("\n_{}_\n{}", escape(&q.label), escape(answer)));
            }
        }
        blocks.push(section(&format!("{prefix}.theme.{i}"), text));
    }
    let slot = match card.next_slot {
        Some(at) => t_args(lang, "card-next-slot", &[("time", &local_time(reader, at))]),
        None => t(lang, "card-no-slot"),
    };
    blocks.push(context(&format!("{prefix}.slot"), slot));
    blocks
}

/// What saving the setup did, with the card when the theme is now visible.
pub fn setup_result(
    lang: Lang,
    theme: &str,
    change: StatusChange,
    card: &MentorCard,
    reader: &Reader,
) -> SlackView {
    let status = change.after;
    let key = match status {
        CertStatus::Started => "setup-started",
        CertStatus::NeedsAnswers => "setup-needs",
        CertStatus::Paused => "setup-saved-paused",
        _ if change.stopped() => "setup-stopped",
        _ => "setup-draft",
    };
    let mut blocks = vec![section(
        "setup.result",
        t_args(lang, key, &[("theme", &escape(theme))]),
    )];
    if status == CertStatus::Started {
        blocks.push(divider("setup.divider"));
        blocks.extend(card_blocks(card, reader, "card"));
    }
    modal(
        lang,
        "setup-saved-title-plain",
        MentorForm::Notice,
        blocks,
        false,
    )
}

/// The card preview (from the App Home).
pub fn preview(card: &MentorCard, reader: &Reader) -> SlackView {
    let lang = reader.lang;
    let mut blocks = vec![section("preview.intro", t(lang, "preview-intro"))];
    if card.themes.is_empty() {
        blocks = vec![section("preview.none", t(lang, "preview-none"))];
    } else {
        blocks.push(divider("preview.divider"));
        blocks.extend(card_blocks(card, reader, "card"));
    }
    modal(
        lang,
        "preview-title-plain",
        MentorForm::Notice,
        blocks,
        false,
    )
}

/// A one-message modal for mentors.
pub fn notice(lang: Lang, text: String) -> SlackView {
    modal(
        lang,
        "setup-title-plain",
        MentorForm::Notice,
        vec![section("notice", text)],
        false,
    )
}

fn day_windows(hours: &Hours, day: u8) -> String {
    hours
        .windows
        .iter()
        .filter(|w| w.day == day)
        .map(|w| w.label().replace('–', "-"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The hours form: one line per weekday, then the rules.
pub fn hours_form(lang: Lang, screen: &HoursScreen) -> SlackView {
    let (hours, tz) = (&screen.hours, screen.tz);
    let mut blocks: Vec<SlackBlock> = vec![section(
        "hours.intro",
        t_args(lang, "hours-intro", &[("tz", tz.name())]),
    )];
    for day in 0..7u8 {
        let block = inputs::day(day);
        let mut e = SlackBlockPlainTextInputElement::new()
            .with_action_id(block.clone().into())
            .with_max_length(200);
        let current = day_windows(hours, day);
        if !current.is_empty() {
            e = e.with_initial_value(current);
        }
        blocks.push(
            input(&block, t(lang, &format!("day-{day}-plain")), e.into())
                .with_optional(true)
                .with_hint(pt!(t(lang, "hours-day-hint-plain")))
                .into(),
        );
    }
    let n = |key: &str, n: u32| t_with(lang, key, &[("n", n.into())]);
    let slots = SLOT_LENGTHS
        .iter()
        .map(|m| option(n("hours-minutes-plain", *m), m.to_string()))
        .collect();
    blocks.push(
        input(
            inputs::SLOT,
            t(lang, "hours-slot-label-plain"),
            select(inputs::SLOT, slots, Some(&hours.slot_minutes.to_string())),
        )
        .into(),
    );
    let horizons = HORIZON_WEEKS
        .iter()
        .map(|w| option(n("hours-weeks-plain", *w), (w * 7).to_string()))
        .collect();
    blocks.push(
        input(
            inputs::HORIZON,
            t(lang, "hours-horizon-label-plain"),
            select(
                inputs::HORIZON,
                horizons,
                Some(&hours.horizon_days.to_string()),
            ),
        )
        .into(),
    );
    let notices = NOTICE_HOURS
        .iter()
        .map(|h| {
            let label = if *h >= 24 && h % 24 == 0 {
                n("hours-notice-days-plain", h / 24)
            } else {
                n("hours-notice-hours-plain", *h)
            };
            option(label, h.to_string())
        })
        .collect();
    blocks.push(
        input(
            inputs::NOTICE,
            t(lang, "hours-notice-label-plain"),
            select(
                inputs::NOTICE,
                notices,
                Some(&hours.notice_hours.to_string()),
            ),
        )
        .into(),
    );
    let mut caps = vec![option(t(lang, "hours-cap-none-plain"), cap_value(None))];
    caps.extend(CAP_COUNTS.iter().map(|c| {
        option(
            n("hours-cap-week-plain", *c),
            cap_value(Some(Cap::PerWeek(*c))),
        )
    }));
    caps.extend(CAP_COUNTS.iter().map(|c| {
        option(
            n("hours-cap-month-plain", *c),
            cap_value(Some(Cap::PerMonth(*c))),
        )
    }));
    let current_cap = cap_value(hours.cap);
    blocks.push(
        input(
            inputs::CAP,
            t(lang, "hours-cap-label-plain"),
            select(inputs::CAP, caps, Some(&current_cap)),
        )
        .into(),
    );
    let mut away = SlackBlockDatePickerElement::new().with_action_id(inputs::AWAY.into());
    if let Some(date) = hours.away_until {
        away = away.with_initial_date(date.format("%Y-%m-%d").to_string());
    }
    blocks.push(
        input(inputs::AWAY, t(lang, "hours-away-label-plain"), away.into())
            .with_optional(true)
            .into(),
    );
    let auto = text_option(t(lang, "hours-auto-option-plain"), "auto");
    let mut auto_box =
        SlackBlockCheckboxesElement::new(vec![auto.clone()]).with_action_id(inputs::AUTO.into());
    if hours.auto_accept {
        auto_box = auto_box.with_initial_options(vec![auto]);
    }
    blocks.push(
        input(
            inputs::AUTO,
            t(lang, "hours-auto-label-plain"),
            auto_box.into(),
        )
        .with_optional(true)
        .into(),
    );
    modal(lang, "hours-title-plain", MentorForm::Hours, blocks, true)
}

/// A window error as the mentor reads it.
pub fn window_error(lang: Lang, error: &WindowError) -> String {
    message_text(lang, &error.message())
}

/// One line summing up the hours, for the App Home.
pub fn hours_summary(lang: Lang, hours: &Hours, tz: Tz) -> String {
    let windows = (0..7u8)
        .filter_map(|day| {
            let list = day_windows(hours, day);
            (!list.is_empty()).then(|| format!("{} {list}", t(lang, &format!("weekday-{day}"))))
        })
        .collect::<Vec<_>>()
        .join(" · ");
    let cap = match hours.cap {
        None => String::new(),
        Some(Cap::PerWeek(c)) => t_with(lang, "home-hours-cap-week", &[("count", c.into())]),
        Some(Cap::PerMonth(c)) => t_with(lang, "home-hours-cap-month", &[("count", c.into())]),
    };
    let away = hours
        .away_until
        .map(|d: NaiveDate| {
            t_args(
                lang,
                "home-hours-away",
                &[("date", &d.format("%Y-%m-%d").to_string())],
            )
        })
        .unwrap_or_default();
    let auto = if hours.auto_accept {
        t(lang, "home-hours-auto")
    } else {
        String::new()
    };
    let rules = t_with(
        lang,
        "home-hours-rules",
        &[
            ("slot", hours.slot_minutes.into()),
            ("horizon", hours.horizon_days.into()),
            ("notice", hours.notice_hours.into()),
            ("cap", (&cap).into()),
            ("away", (&away).into()),
            ("auto", (&auto).into()),
        ],
    );
    format!(
        "{}\n{rules}",
        t_args(
            lang,
            "home-hours",
            &[("tz", tz.name()), ("windows", &windows)]
        )
    )
}

/// The mentor's part of the App Home, as `app::screens` decided it: each theme with its
/// buttons, then the hours.
pub fn home_blocks(lang: Lang, home: &MentorHome, tz: Tz) -> Vec<SlackBlock> {
    let mut blocks = vec![
        divider("home.mentor.divider"),
        section("home.mentor", t(lang, "home-mentor-header")),
    ];
    for row in &home.themes {
        let mt = &row.theme;
        let id = mt.theme.id;
        let text = if mt.theme.archived {
            // Archived by the program office: mentees do not see it, nothing to do here.
            t_args(
                lang,
                "home-mentor-theme-archived",
                &[("theme", &escape(&mt.theme.name))],
            )
        } else {
            t_args(
                lang,
                "home-mentor-theme",
                &[
                    ("theme", &escape(&mt.theme.name)),
                    ("status", &status_name(lang, mt.status)),
                ],
            )
        };
        blocks.push(section(&format!("home.mentor.theme.{id}"), text));
        if row.actions.is_empty() {
            continue;
        }
        let elements = row
            .actions
            .iter()
            .map(|action| mentor_button(lang, *action))
            .collect();
        blocks.push(
            SlackActionsBlock::new(elements)
                .with_block_id(format!("home.mentor.actions.{id}").into())
                .into(),
        );
    }
    if home.more_themes > 0 {
        blocks.push(context(
            "home.mentor.more",
            t_with(lang, "home-more", &[("count", home.more_themes.into())]),
        ));
    }
    let (hours, hours_saved) = (&home.hours, home.hours_saved);
    let summary = if hours_saved {
        hours_summary(lang, hours, tz)
    } else {
        t(lang, "home-hours-none")
    };
    blocks.push(section("home.mentor.hours", summary));
    blocks.push(buttons(
        "home.mentor.hours.actions",
        vec![(
            Action::Mentor(MentorAction::Hours),
            t(lang, "button-hours-plain"),
        )],
    ));
    blocks
}
