//! A dialog's inputs as Teams sends them read back into what the use cases take.

use super::*;
use crate::teams::cards::read::{
    decline_message, entered, find_ctx, hours_input, rating, slot_seconds, slot_start,
};

#[test]
fn a_submitted_hours_dialog_reads_back_as_the_hours_it_showed() {
    let data = json!({
        "mb_form": "mentor.hours",
        "d0": "10:00-12:00, 14:00-15:30", "d1": "", "d3": "19:00-20:00",
        "slot_minutes": "30", "horizon_days": "28", "notice_hours": "24",
        "cap": "week:4", "away_until": "2026-12-24", "auto_accept": "true",
    });
    let read = hours_input(&data).validate().unwrap();
    let expected = hours();
    assert_eq!(read, expected, "what the hours dialog showed");
    let off = hours_input(&json!({"d2": "9:00-10:00", "auto_accept": "false"}));
    assert!(!off.auto_accept);
    assert_eq!(off.away_until, None);
}

#[test]
fn a_submitted_request_reads_its_slot_as_the_draft_expects_and_keeps_what_was_entered() {
    let data = json!({
        "slot": "2026-12-07T01:00:00Z", "topic": "custom:3", "other": "",
        "response": "advice", "note": "よろしくお願いします", "every": "2", "count": "4",
    });
    let start = slot_start(&data).unwrap();
    assert_eq!(start.to_rfc3339(), "2026-12-07T01:00:00+00:00");
    assert_eq!(slot_seconds(&data), Some(start.timestamp().to_string()));
    let entered = entered(&data);
    assert_eq!(entered.topic.as_deref(), Some("custom:3"));
    assert_eq!(entered.note, "よろしくお願いします");
    assert_eq!(
        (entered.every.as_deref(), entered.count.as_str()),
        (Some("2"), "4")
    );
    // A forged slot is passed on as it is, so the draft refuses it; none is none.
    assert_eq!(slot_seconds(&json!({"slot": "soon"})), Some("soon".into()));
    assert_eq!(slot_seconds(&json!({"slot": ""})), None);
    let draft = crate::domain::booking::RequestDraft::parse(
        slot_seconds(&json!({"slot": "soon"})).as_deref(),
        Some("career"),
        "",
        Some("advice"),
        "",
        &[],
    );
    assert!(draft.is_err());
}

#[test]
fn the_search_rating_and_decline_read_their_inputs() {
    let ctx = find_ctx(&json!({"theme": "7", "words": "育休"}));
    assert_eq!(
        (ctx.theme, ctx.words.as_str(), ctx.page),
        (Some(7), "育休", 0)
    );
    assert_eq!(find_ctx(&json!({})).theme, None);
    assert_eq!(
        rating(&json!({"score": "4", "got": "partly", "comment": "良かった"})),
        (Some("4".into()), Some("partly".into()), "良かった".into())
    );
    assert_eq!(rating(&json!({})), (None, None, String::new()));
    assert_eq!(
        decline_message(&json!({"message": " 今月は難しいです "})).as_deref(),
        Some("今月は難しいです")
    );
    assert_eq!(decline_message(&json!({"message": ""})), None);
}
