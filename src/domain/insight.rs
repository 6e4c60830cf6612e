//! Mentor insight, tips and program analytics as rules: the one minimum group size every
//! aggregate surface keeps to (so no mentee can be singled out), a cell's figures, the
//! strongest and weakest combinations, and what a tip may say.

/// The smallest group any aggregate shows: fewer ratings (or, for advisors, fewer 1on1s or
/// people) than this say "not enough ratings yet" instead of a figure.
pub const MIN_GROUP: i64 = 3;

/// How many tips by other mentors a pre-1on1 brief shows.
pub const TIPS_IN_BRIEF: usize = 3;

/// A tip's length limit, in characters.
pub const TIP_MAX: usize = 200;

/// Whether a group of `n` is large enough to be shown.
pub fn shown(n: i64) -> bool {
    n >= MIN_GROUP
}

/// A count as an advisor may see it: `None` for a group smaller than [`MIN_GROUP`] (zero is
/// shown: it singles nobody out).
pub fn advisor_count(n: i64) -> Option<i64> {
    (n == 0 || shown(n)).then_some(n)
}

/// Ratings summed over a group (a topic x response cell, a theme).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RatingSums {
    pub ratings: i64,
    pub clarity_sum: i64,
    /// Ratings that answered "yes, I got the response I hoped for".
    pub got_yes: i64,
}

/// What a large enough group shows: average スッキリ度 (tenths) and the "got it" rate (%).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Figures {
    pub ratings: i64,
    /// Average clarity × 10, rounded (42 reads "4.2").
    pub clarity_tenths: i64,
    pub got_percent: i64,
}

impl RatingSums {
    /// The figures, or `None` when fewer than [`MIN_GROUP`] ratings make up the group.
    pub fn figures(&self) -> Option<Figures> {
        if !shown(self.ratings) {
            return None;
        }
        let n = self.ratings;
        Some(Figures {
            ratings: n,
            clarity_tenths: (self.clarity_sum * 10 + n / 2) / n,
            got_percent: (self.got_yes * 100 + n / 2) / n,
        })
    }
}

/// One topic x expected response for one mentor: theirs beside the program's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    pub topic: String,
    pub response: String,
    pub mine: Option<Figures>,
    pub program: Option<Figures>,
}

/// The mentor's strongest and weakest combinations among the cells they have figures for
/// (clarity first, then the "got it" rate); `None` unless at least two cells are shown.
pub fn extremes(cells: &[Cell]) -> Option<(&Cell, &Cell)> {
    let mut shown: Vec<(&Cell, Figures)> = cells
        .iter()
        .filter_map(|c| c.mine.map(|f| (c, f)))
        .collect();
    if shown.len() < 2 {
        return None;
    }
    shown.sort_by_key(|(c, f)| {
        (
            std::cmp::Reverse(f.clarity_tenths),
            std::cmp::Reverse(f.got_percent),
            c.topic.clone(),
            c.response.clone(),
        )
    });
    Some((shown[0].0, shown[shown.len() - 1].0))
}

/// Why a tip cannot be saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TipError {
    Empty,
    TooLong,
    /// The topic or the response is not one the program offers.
    Unknown,
}

/// A tip as written: trimmed, not empty, at most [`TIP_MAX`] characters.
pub fn parse_tip(text: &str) -> Result<String, TipError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(TipError::Empty);
    }
    if text.chars().count() > TIP_MAX {
        return Err(TipError::TooLong);
    }
    Ok(text.to_string())
}

/// Which themes an analytics request covers: all, or some (an advisor's scope, or one theme).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    All,
    Themes(Vec<i64>),
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sums(ratings: i64, clarity_sum: i64, got_yes: i64) -> RatingSums {
        RatingSums {
            ratings,
            clarity_sum,
            got_yes,
        }
    }

    #[test]
    fn two_ratings_show_nothing_and_three_show_their_figures() {
        assert_eq!(sums(2, 10, 2).figures(), None);
        assert_eq!(
            sums(3, 13, 2).figures(),
            Some(Figures {
                ratings: 3,
                clarity_tenths: 43,
                got_percent: 67
            })
        );
        assert_eq!(advisor_count(2), None);
        assert_eq!(advisor_count(0), Some(0));
        assert_eq!(advisor_count(3), Some(3));
    }

    #[test]
    fn the_strongest_and_weakest_need_two_shown_cells() {
        let cell = |topic: &str, clarity: i64| Cell {
            topic: topic.into(),
            response: "listen".into(),
            mine: sums(3, clarity, 1).figures(),
            program: None,
        };
        let hidden = Cell {
            mine: None,
            ..cell("goals", 15)
        };
        assert!(extremes(&[cell("career", 12), hidden.clone()]).is_none());
        let cells = [cell("career", 12), hidden, cell("skills", 6)];
        let (best, worst) = extremes(&cells).unwrap();
        assert_eq!(
            (best.topic.as_str(), worst.topic.as_str()),
            ("career", "skills")
        );
    }

    #[test]
    fn a_tip_is_trimmed_and_limited() {
        assert_eq!(parse_tip("  ask why  "), Ok("ask why".into()));
        assert_eq!(parse_tip("   "), Err(TipError::Empty));
        assert_eq!(parse_tip(&"あ".repeat(TIP_MAX + 1)), Err(TipError::TooLong));
        assert!(parse_tip(&"あ".repeat(TIP_MAX)).is_ok());
    }
}
