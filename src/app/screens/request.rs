//! The request and reschedule forms: the slot picker, the topics and responses offered, what
//! the mentee entered, and what sending submits.

use chrono::NaiveDate;
use chrono_tz::Tz;

use crate::app::actions::BookingForm;
use crate::app::booking::RequestOptions;
use crate::app::screens::SlotPicker;
use crate::domain::availability::Slot;
use crate::domain::booking::{DEFAULT_TOPICS, NOTE_MAX, OTHER_TOPIC_MAX, RESPONSES};
use crate::domain::memo::Audience;
use crate::domain::{Theme, UserId};

/// How many of the program office's topics the request form offers at most: with the default
/// topics and "other" they fit one select (100 options).
pub const OFFICE_TOPICS_SHOWN: usize = 90;

/// What the mentee had entered in a request form, kept when the form is redrawn (another day
/// chosen, or the slot just taken).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Entered {
    /// The local day chosen in the slot picker.
    pub day: Option<NaiveDate>,
    /// The chosen topic's [`TopicChoice::value`].
    pub topic: Option<String>,
    pub other: String,
    pub response: Option<String>,
    pub note: String,
    /// The series fields (issue 10): how often (`None` or "once" for one 1on1), how many.
    pub every: Option<String>,
    pub count: String,
}

/// How a request or reschedule form is drawn: its `version` (0 when it opens, one more on
/// every redraw, see [`SlotPicker::version`]) and whether the time chosen was just taken.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Redraw {
    pub version: u32,
    pub slot_taken: bool,
}

impl Redraw {
    /// The next drawing of a form at `version`.
    pub fn after(version: u32, slot_taken: bool) -> Self {
        Self {
            version: version + 1,
            slot_taken,
        }
    }
}

/// A topic the request form offers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TopicChoice {
    /// One of [`DEFAULT_TOPICS`] (named by the catalogs).
    Default(&'static str),
    /// A topic the program office added.
    Office { id: i64, name: String },
    /// "Other": the mentee types it.
    Other,
}

impl TopicChoice {
    /// The value a form returns for this choice, as `RequestDraft::parse` reads it.
    pub fn value(&self) -> String {
        match self {
            TopicChoice::Default(key) => (*key).to_string(),
            TopicChoice::Office { id, .. } => format!("custom:{id}"),
            TopicChoice::Other => "other".to_string(),
        }
    }
}

/// The request form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestScreen {
    pub mentor: UserId,
    pub mentor_name: String,
    pub theme: Theme,
    /// The time the mentee chose was just taken: the form says so above the fresh times.
    pub slot_taken: bool,
    /// `None` when the mentor has no free slot: the form only says so.
    pub picker: Option<SlotPicker>,
    /// The default topics, then at most [`OFFICE_TOPICS_SHOWN`] office topics, then "other".
    pub topics: Vec<TopicChoice>,
    /// The office topics left out.
    pub more_topics: usize,
    /// The responses the mentee may hope for (named by the catalogs).
    pub responses: Vec<&'static str>,
    /// The longest "other" topic and note accepted.
    pub other_max: usize,
    pub note_max: usize,
    pub entered: Entered,
    /// What sending submits; `None` when there is nothing to send (no free slot).
    pub submit: Option<BookingForm>,
    /// After an earlier 1on1 of the pair on this theme: the next topic × response that seed
    /// 003's sequences suggest (see [`RequestScreen::follow_up`]).
    pub suggested: Option<(&'static str, &'static str)>,
    /// Who reads the note: it is the first entry of the shared memo.
    pub note_audience: Audience,
    /// The intervals (weeks) a series may have, and the most occurrences it may ask for.
    pub series_every: Vec<u32>,
    pub series_max: u32,
}

impl RequestScreen {
    /// The form for `options` in the reader's zone `tz`, keeping what was `entered`.
    pub fn decide(options: &RequestOptions, tz: Tz, entered: Entered, redraw: Redraw) -> Self {
        let Redraw {
            version,
            slot_taken,
        } = redraw;
        let picker = (!options.slots.is_empty())
            .then(|| SlotPicker::decide(&options.slots, tz, entered.day, version));
        let mut topics: Vec<TopicChoice> = DEFAULT_TOPICS
            .iter()
            .map(|k| TopicChoice::Default(k))
            .collect();
        topics.extend(
            options
                .custom_topics
                .iter()
                .take(OFFICE_TOPICS_SHOWN)
                .map(|(id, name)| TopicChoice::Office {
                    id: *id,
                    name: name.clone(),
                }),
        );
        topics.push(TopicChoice::Other);
        let submit = picker.as_ref().map(|_| BookingForm::Request {
            mentor: options.mentor.clone(),
            theme: options.theme.id,
            version,
        });
        Self {
            mentor: options.mentor.clone(),
            mentor_name: options.mentor_name.clone(),
            theme: options.theme.clone(),
            slot_taken,
            picker,
            topics,
            more_topics: options
                .custom_topics
                .len()
                .saturating_sub(OFFICE_TOPICS_SHOWN),
            responses: RESPONSES.to_vec(),
            other_max: OTHER_TOPIC_MAX,
            note_max: NOTE_MAX,
            note_audience: Audience::Shared {
                other: options.mentor.clone(),
                recipients: options.note_recipients.clone(),
            },
            entered,
            submit,
            suggested: None,
            series_every: crate::domain::series::EVERY_WEEKS.to_vec(),
            series_max: crate::domain::series::SERIES_MAX,
        }
    }

    /// After an earlier 1on1 of the pair on this theme (its topic key and expected response):
    /// that topic is offered first, and the suggested next topic × response is named.
    pub fn follow_up(&mut self, last: Option<(String, String)>) {
        let Some((topic, response)) = last else {
            return;
        };
        if let Some(at) = self.topics.iter().position(|t| t.value() == topic) {
            let last = self.topics.remove(at);
            self.topics.insert(0, last);
        }
        self.suggested = crate::domain::after::next_step(&topic, &response);
    }
}

/// The reschedule form: another free slot of the mentor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RescheduleScreen {
    pub one_on_one: i64,
    /// The time chosen was just taken: the form says so above the fresh times.
    pub slot_taken: bool,
    /// `None` when the mentor has no free slot: the form only says so.
    pub picker: Option<SlotPicker>,
    /// What saving submits; `None` when there is nothing to choose.
    pub submit: Option<BookingForm>,
}

impl RescheduleScreen {
    pub fn decide(
        one_on_one: i64,
        slots: &[Slot],
        tz: Tz,
        day: Option<NaiveDate>,
        redraw: Redraw,
    ) -> Self {
        let Redraw {
            version,
            slot_taken,
        } = redraw;
        let picker = (!slots.is_empty()).then(|| SlotPicker::decide(slots, tz, day, version));
        let submit = picker.as_ref().map(|_| BookingForm::Reschedule {
            one_on_one,
            version,
        });
        Self {
            one_on_one,
            slot_taken,
            picker,
            submit,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{DateTime, Duration, TimeZone, Utc};

    fn uid(id: &str) -> UserId {
        UserId::parse(id).unwrap()
    }

    fn at(hours: i64) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 1, 0, 0, 0).unwrap() + Duration::hours(hours)
    }

    fn slots(count: i64) -> Vec<Slot> {
        (0..count)
            .map(|i| Slot {
                start: at(i),
                end: at(i) + Duration::minutes(30),
            })
            .collect()
    }

    fn options(custom: usize, free: i64) -> RequestOptions {
        RequestOptions {
            note_recipients: Vec::new(),
            mentor: uid("UM"),
            mentor_name: "Mentor".into(),
            theme: crate::domain::Theme {
                id: 4,
                name: "T".into(),
                category: crate::domain::Category::Work,
                description: String::new(),
                archived: false,
            },
            slots: slots(free),
            custom_topics: (0..custom as i64)
                .map(|i| (i, format!("topic {i}")))
                .collect(),
        }
    }

    #[test]
    fn the_request_form_offers_the_defaults_then_90_office_topics_then_other() {
        let tokyo = chrono_tz::Asia::Tokyo;
        let form = RequestScreen::decide(
            &options(130, 3),
            tokyo,
            Entered::default(),
            Redraw::default(),
        );
        assert_eq!(
            form.topics.len(),
            DEFAULT_TOPICS.len() + OFFICE_TOPICS_SHOWN + 1
        );
        assert!(form.topics.len() <= 100, "one select holds them all");
        assert_eq!(form.topics[0], TopicChoice::Default("work_progress"));
        assert_eq!(
            form.topics[DEFAULT_TOPICS.len()],
            TopicChoice::Office {
                id: 0,
                name: "topic 0".into()
            }
        );
        assert_eq!(form.topics[DEFAULT_TOPICS.len() + 89].value(), "custom:89");
        assert_eq!(form.topics.last(), Some(&TopicChoice::Other));
        assert_eq!(form.more_topics, 40);
        assert_eq!(form.responses, RESPONSES);
        assert_eq!(
            form.submit,
            Some(BookingForm::Request {
                mentor: uid("UM"),
                theme: 4,
                version: 0
            })
        );

        let few =
            RequestScreen::decide(&options(2, 3), tokyo, Entered::default(), Redraw::default());
        assert_eq!(few.topics.len(), DEFAULT_TOPICS.len() + 3);
        assert_eq!(few.more_topics, 0);
    }

    #[test]
    fn a_redrawn_request_form_keeps_what_was_entered_and_says_the_time_was_taken() {
        let tokyo = chrono_tz::Asia::Tokyo;
        let entered = Entered {
            day: Some(at(30).with_timezone(&tokyo).date_naive()),
            topic: Some("custom:1".into()),
            other: String::new(),
            response: Some("listen".into()),
            note: "about my return".into(),
            every: Some("2".into()),
            count: "6".into(),
        };
        let form = RequestScreen::decide(
            &options(2, 48),
            tokyo,
            entered.clone(),
            Redraw::after(1, true),
        );
        assert!(form.slot_taken);
        assert_eq!(form.entered, entered);
        let picker = form.picker.unwrap();
        assert_eq!(picker.day, entered.day);
        assert_eq!(picker.version, 2);

        let none =
            RequestScreen::decide(&options(2, 0), tokyo, Entered::default(), Redraw::default());
        assert_eq!((none.picker, none.submit), (None, None), "nothing to send");
    }

    #[test]
    fn after_an_earlier_1on1_its_topic_comes_first_and_the_next_step_is_suggested() {
        let tokyo = chrono_tz::Asia::Tokyo;
        let mut form =
            RequestScreen::decide(&options(2, 3), tokyo, Entered::default(), Redraw::default());
        let count = form.topics.len();
        form.follow_up(Some(("skills".into(), "opinion".into())));
        assert_eq!(form.topics[0], TopicChoice::Default("skills"));
        assert_eq!(form.topics.len(), count, "moved, not added");
        assert_eq!(form.suggested, Some(("career", "think_together")));

        let mut office = form.clone();
        office.follow_up(Some(("custom:1".into(), "listen".into())));
        assert_eq!(office.topics[0].value(), "custom:1");
        assert_eq!(office.suggested, None, "no sequence continues from there");
    }

    #[test]
    fn the_reschedule_form_offers_the_free_slots_or_says_there_are_none() {
        let tokyo = chrono_tz::Asia::Tokyo;
        let form = RescheduleScreen::decide(7, &slots(3), tokyo, None, Redraw::after(0, false));
        assert_eq!(
            form.submit,
            Some(BookingForm::Reschedule {
                one_on_one: 7,
                version: 1
            })
        );
        assert_eq!(form.picker.unwrap().times.len(), 3);
        let none = RescheduleScreen::decide(7, &[], tokyo, None, Redraw::after(0, true));
        assert!(none.slot_taken && none.picker.is_none() && none.submit.is_none());
    }
}
