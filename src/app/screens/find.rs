//! Finding a mentor: the search form (a theme filter grouped by category, words) and a page of
//! results (cards, paging, a Request action per theme).

use crate::app::actions::{BookingAction, FindCtx};
use crate::app::mentor::MentorCard;
use crate::app::screens::CardView;
use crate::domain::{name_key, Category, Theme};

/// How many themes a filter lists at once (a select's limit); with more live themes the filter
/// becomes a type-ahead that lists the themes matching what was typed.
pub const FILTER_THEMES: usize = 100;
/// How many live themes the form lists in a static select; with more it is a type-ahead
/// (an external select). Every find modal carries the form, and 100 listed themes were half of
/// each modal's bytes (about 8 KB of 17 KB), sent and parsed on every search and page.
pub const LISTED_THEMES: usize = 12;
/// Cards per page of search results (each card is a few blocks; a modal holds 100).
pub const CARDS_PER_PAGE: usize = 5;
/// Request actions per card (one per theme; the rest of the card's themes are still shown).
pub const REQUESTS_PER_CARD: usize = 5;

/// The search form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FindScreen {
    pub filter: ThemeFilter,
    /// The words already typed (from `/mentor find <words>`).
    pub words: String,
}

/// How the theme filter offers the themes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ThemeFilter {
    /// No live theme: no filter.
    None,
    /// Every live theme (at most [`LISTED_THEMES`]), grouped by category.
    List(Vec<ThemeGroup>),
    /// More than [`LISTED_THEMES`]: the channel asks [`theme_groups`] with what was typed.
    TypeAhead,
}

/// Live themes of one category, by name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThemeGroup {
    pub category: Category,
    pub themes: Vec<Theme>,
}

impl FindScreen {
    pub fn decide(themes: &[Theme], words: &str) -> Self {
        let live = themes.iter().filter(|t| !t.archived).count();
        let filter = match live {
            0 => ThemeFilter::None,
            n if n > LISTED_THEMES => ThemeFilter::TypeAhead,
            _ => ThemeFilter::List(theme_groups(themes, "")),
        };
        Self {
            filter,
            words: words.to_string(),
        }
    }
}

/// Live themes grouped by category (empty groups left out), at most [`FILTER_THEMES`] in all;
/// only names containing `typed` (spaces and width ignored) when something was typed.
pub fn theme_groups(themes: &[Theme], typed: &str) -> Vec<ThemeGroup> {
    let needle = name_key(typed);
    let mut groups = Vec::new();
    let mut offered = 0;
    for category in Category::ALL {
        let listed: Vec<Theme> = themes
            .iter()
            .filter(|t| t.category == category && !t.archived)
            .filter(|t| needle.is_empty() || name_key(&t.name).contains(&needle))
            .take(FILTER_THEMES - offered)
            .cloned()
            .collect();
        offered += listed.len();
        if !listed.is_empty() {
            groups.push(ThemeGroup {
                category,
                themes: listed,
            });
        }
    }
    groups
}

/// One page of search results.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResultsScreen {
    /// The search, carried by the results so paging repeats it.
    pub search: FindCtx,
    /// The name of the theme filtered by, if any.
    pub theme_name: Option<String>,
    pub cards: Vec<ResultCard>,
    /// 0-based, within `0..pages`.
    pub page: usize,
    /// At least 1 (an empty search has one empty page); `None` when only the hits up to this
    /// page and one more were loaded, so the count is not known (a page costs one page).
    pub pages: Option<usize>,
    /// Paging in order: the previous page if any, the next page if any, a new search.
    pub actions: Vec<BookingAction>,
}

/// A mentor on a results page with a Request action per theme (at most
/// [`REQUESTS_PER_CARD`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResultCard {
    pub card: CardView,
    pub requests: Vec<RequestOffer>,
}

/// "Request" for one theme of a card.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestOffer {
    pub theme: String,
    pub action: BookingAction,
}

/// `/mentor find [words]`: the search form (to refine) above the first page of results.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FindResultsScreen {
    pub form: FindScreen,
    pub results: ResultsScreen,
}

impl ResultsScreen {
    /// The page `search.page` (clamped to the last page) of `hits`, every mentor who matches
    /// and can be requested, in the order found.
    /// The page of `hits` asked for by `search`. `all`: `hits` are every hit of the search;
    /// otherwise they are the hits up to the asked page and at least one more if there is one
    /// (enough to offer "next" without loading the rest).
    pub fn decide(
        search: FindCtx,
        theme_name: Option<String>,
        hits: &[MentorCard],
        all: bool,
    ) -> Self {
        let loaded_pages = hits.len().div_ceil(CARDS_PER_PAGE).max(1);
        let page = search.page.min(loaded_pages - 1);
        let shown: Vec<MentorCard> = hits
            .iter()
            .skip(page * CARDS_PER_PAGE)
            .take(CARDS_PER_PAGE)
            .cloned()
            .collect();
        let mut screen = Self::page(
            FindCtx { page, ..search },
            theme_name,
            &shown,
            page + 1 < loaded_pages,
        );
        screen.pages = all.then_some(loaded_pages);
        screen
    }

    /// The page `search.page` whose cards are `shown` (at most a page); `more`: a next page
    /// exists. The page count is known only on the last page.
    pub fn page(
        search: FindCtx,
        theme_name: Option<String>,
        shown: &[MentorCard],
        more: bool,
    ) -> Self {
        let page = search.page;
        let pages = (!more).then_some(page + 1);
        let cards = shown
            .iter()
            .take(CARDS_PER_PAGE)
            .map(|card| {
                let view = CardView::decide(card);
                // In the order the card shows its themes (grouped by shared answers).
                let requests = view
                    .answer_groups()
                    .iter()
                    .flat_map(|group| group.themes.iter())
                    .take(REQUESTS_PER_CARD)
                    .map(|theme| RequestOffer {
                        theme: theme.name.clone(),
                        action: BookingAction::Request {
                            mentor: card.mentor.clone(),
                            theme: theme.id,
                        },
                    })
                    .collect();
                ResultCard {
                    card: view,
                    requests,
                }
            })
            .collect();
        let mut actions = Vec::new();
        if page > 0 {
            actions.push(BookingAction::Page(page - 1));
        }
        if more {
            actions.push(BookingAction::Page(page + 1));
        }
        actions.push(BookingAction::NewSearch);
        Self {
            search: FindCtx { page, ..search },
            theme_name,
            cards,
            page,
            pages,
            actions,
        }
    }

    /// Whether a paging action goes back (so a channel labels it "previous", else "next").
    pub fn goes_back(&self, action: &BookingAction) -> bool {
        matches!(action, BookingAction::Page(p) if *p < self.page)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::screens::card::tests::card;

    fn theme(id: i64, category: Category, archived: bool) -> Theme {
        Theme {
            id,
            name: format!("Theme {id}"),
            category,
            description: String::new(),
            archived,
        }
    }

    fn search(page: usize) -> FindCtx {
        FindCtx {
            words: "leave".into(),
            theme: None,
            page,
        }
    }

    #[test]
    fn a_page_loaded_with_one_hit_more_offers_next_without_a_page_count() {
        // Page 2 of a large search: hits up to that page and one more were loaded.
        let loaded: Vec<MentorCard> = (0..11).map(|i| card(&format!("U{i:02}"), 1)).collect();
        let second = ResultsScreen::decide(search(1), None, &loaded, false);
        assert_eq!((second.page, second.pages), (1, None));
        assert_eq!(second.cards.len(), 5);
        assert_eq!(second.cards[0].card.mentor.as_str(), "U05");
        assert_eq!(
            second.actions,
            [
                BookingAction::Page(0),
                BookingAction::Page(2),
                BookingAction::NewSearch
            ]
        );
    }

    #[test]
    fn a_search_with_23_hits_has_five_pages_and_pages_back_and_forth() {
        let hits: Vec<MentorCard> = (0..23).map(|i| card(&format!("U{i:02}"), 2)).collect();

        let first = ResultsScreen::decide(search(0), None, &hits, true);
        assert_eq!((first.page, first.pages), (0, Some(5)), "page 1 of 5");
        assert_eq!(first.cards.len(), 5);
        assert_eq!(first.cards[0].card.mentor.as_str(), "U00");
        assert_eq!(
            first.actions,
            [BookingAction::Page(1), BookingAction::NewSearch],
            "no previous page, a next one"
        );
        assert_eq!(
            first.cards[0].requests[1],
            RequestOffer {
                theme: "Theme 2".into(),
                action: BookingAction::Request {
                    mentor: hits[0].mentor.clone(),
                    theme: 2,
                },
            }
        );

        let middle = ResultsScreen::decide(search(2), None, &hits, true);
        assert_eq!(
            middle.actions,
            [
                BookingAction::Page(1),
                BookingAction::Page(3),
                BookingAction::NewSearch
            ]
        );
        assert!(middle.goes_back(&BookingAction::Page(1)));
        assert!(!middle.goes_back(&BookingAction::Page(3)));
        assert_eq!(middle.cards[0].card.mentor.as_str(), "U10");

        let last = ResultsScreen::decide(search(4), None, &hits, true);
        assert_eq!((last.page, last.pages), (4, Some(5)));
        assert_eq!(last.cards.len(), 3, "page 5 has the last 3 of 23");
        assert_eq!(last.cards[2].card.mentor.as_str(), "U22");
        assert_eq!(
            last.actions,
            [BookingAction::Page(3), BookingAction::NewSearch]
        );
        assert_eq!(last.search, search(4), "the search is carried for paging");
    }

    #[test]
    fn a_page_past_the_end_shows_the_last_page_and_no_hits_one_empty_page() {
        let hits: Vec<MentorCard> = (0..7).map(|i| card(&format!("U{i}"), 1)).collect();
        let past = ResultsScreen::decide(search(9), None, &hits, true);
        assert_eq!((past.page, past.pages, past.cards.len()), (1, Some(2), 2));
        assert_eq!(past.search.page, 1);

        let none = ResultsScreen::decide(search(0), Some("T".into()), &[], true);
        assert_eq!((none.page, none.pages), (0, Some(1)));
        assert!(none.cards.is_empty());
        assert_eq!(none.actions, [BookingAction::NewSearch]);
    }

    #[test]
    fn a_card_offers_a_request_for_at_most_five_of_its_themes() {
        let hits = [card("UM", 8)];
        let page = ResultsScreen::decide(search(0), None, &hits, true);
        assert_eq!(page.cards[0].card.themes.len(), 8);
        assert_eq!(page.cards[0].requests.len(), REQUESTS_PER_CARD);
    }

    #[test]
    fn the_filter_lists_live_themes_by_category_until_there_are_too_many() {
        let mut themes = vec![
            theme(1, Category::Other, false),
            theme(2, Category::Tenure, false),
            theme(3, Category::Other, true),
            theme(4, Category::Other, false),
        ];
        let form = FindScreen::decide(&themes, "育休");
        assert_eq!(form.words, "育休");
        let ThemeFilter::List(groups) = form.filter else {
            panic!("a list")
        };
        let listed: Vec<(Category, Vec<i64>)> = groups
            .iter()
            .map(|g| (g.category, g.themes.iter().map(|t| t.id).collect()))
            .collect();
        assert_eq!(
            listed,
            [(Category::Tenure, vec![2]), (Category::Other, vec![1, 4])],
            "categories in their order, archived themes left out"
        );

        assert_eq!(
            FindScreen::decide(&[theme(3, Category::Work, true)], "").filter,
            ThemeFilter::None
        );

        let most_listed: Vec<Theme> = (0..LISTED_THEMES)
            .map(|i| theme(200 + i as i64, Category::Work, false))
            .collect();
        assert!(matches!(
            FindScreen::decide(&most_listed, "").filter,
            ThemeFilter::List(_)
        ));
        themes.extend((10..108).map(|i| theme(i, Category::Work, false)));
        assert_eq!(themes.iter().filter(|t| !t.archived).count(), 101);
        assert_eq!(
            FindScreen::decide(&themes, "").filter,
            ThemeFilter::TypeAhead
        );
        let all: usize = theme_groups(&themes, "")
            .iter()
            .map(|g| g.themes.len())
            .sum();
        assert_eq!(all, FILTER_THEMES, "a type-ahead answer lists at most 100");
        let typed = theme_groups(&themes, "theme10");
        let ids: Vec<i64> = typed.iter().flat_map(|g| &g.themes).map(|t| t.id).collect();
        assert_eq!(ids, [10, 100, 101, 102, 103, 104, 105, 106, 107]);
    }
}
