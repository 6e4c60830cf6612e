//! The `/mentor` sub-command language: what a typed text asks for.

/// A sub-command the bot understands. Later features add theirs here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SubCommand {
    Help,
    Home,
    /// The program office's console (admins only; checked when used).
    Admin,
    /// A mentor's preferred 1on1 hours (mentors only; checked when used).
    Hours,
    /// Find a mentor (the rest of the text is the search words).
    Find,
    /// Look back on past 1on1s, with one person when named (`/mentor history @person`).
    History,
    /// Turn one's nudges off or on (`nudges off` / `nudges on`; alone, says which).
    Nudges,
    /// A mentor's own insight by topic x expected response (mentors; checked when used).
    Insight,
    /// The program's analytics (admins, and advisors for their themes; checked when used).
    Stats,
    /// Turn surveys sent to everyone who opted in on or off (`survey on` / `survey off`).
    Survey,
}

impl SubCommand {
    pub const ALL: [SubCommand; 10] = [
        SubCommand::Help,
        SubCommand::Find,
        SubCommand::Home,
        SubCommand::Hours,
        SubCommand::Admin,
        SubCommand::History,
        SubCommand::Nudges,
        SubCommand::Insight,
        SubCommand::Stats,
        SubCommand::Survey,
    ];

    /// The English word users type; Japanese aliases are accepted too.
    pub fn word(self) -> &'static str {
        match self {
            SubCommand::Help => "help",
            SubCommand::Home => "home",
            SubCommand::Admin => "admin",
            SubCommand::Hours => "hours",
            SubCommand::Find => "find",
            SubCommand::History => "history",
            SubCommand::Nudges => "nudges",
            SubCommand::Insight => "insight",
            SubCommand::Stats => "stats",
            SubCommand::Survey => "survey",
        }
    }

    fn aliases(self) -> &'static [&'static str] {
        match self {
            SubCommand::Help => &["help", "ヘルプ", "?", "？", "使い方"],
            SubCommand::Home => &["home", "ホーム"],
            SubCommand::Admin => &["admin", "管理", "事務局"],
            SubCommand::Hours => &["hours", "時間", "希望時間"],
            SubCommand::Find => &["find", "search", "探す", "検索"],
            SubCommand::History => &["history", "振り返り", "ふりかえり", "履歴"],
            SubCommand::Nudges => &["nudges", "nudge", "リマインド", "通知"],
            SubCommand::Insight => &["insight", "インサイト", "ふりかえり分析"],
            SubCommand::Stats => &["stats", "統計", "分析"],
            SubCommand::Survey => &["survey", "surveys", "サーベイ", "アンケート"],
        }
    }
}

/// What the text after `/mentor` asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Run {
        sub: SubCommand,
        args: String,
    },
    /// A word we do not know, with the closest sub-command when one is near.
    Unknown {
        word: String,
        suggestion: Option<SubCommand>,
    },
}

impl Command {
    /// Parses the slash-command text. Empty text is help. Full-width spaces (which Japanese
    /// input methods type) separate words like ASCII ones.
    pub fn parse(text: &str) -> Command {
        let text = text.replace('\u{3000}', " ");
        let mut words = text.split_whitespace();
        let Some(first) = words.next() else {
            return Command::Run {
                sub: SubCommand::Help,
                args: String::new(),
            };
        };
        let args = words.collect::<Vec<_>>().join(" ");
        let lowered = first.to_lowercase();
        for sub in SubCommand::ALL {
            if sub.aliases().contains(&lowered.as_str()) {
                return Command::Run { sub, args };
            }
        }
        let suggestion = SubCommand::ALL
            .into_iter()
            .map(|sub| (sub, strsim::damerau_levenshtein(&lowered, sub.word())))
            .filter(|(sub, distance)| *distance <= sub.word().len() / 2)
            .min_by_key(|(_, distance)| *distance)
            .map(|(sub, _)| sub);
        Command::Unknown {
            word: first.chars().take(40).collect(),
            suggestion,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_text_and_help_words_show_help() {
        for text in ["", "  ", "help", "HELP", "ヘルプ", "？"] {
            assert_eq!(
                Command::parse(text),
                Command::Run {
                    sub: SubCommand::Help,
                    args: String::new()
                },
                "{text:?}"
            );
        }
    }

    #[test]
    fn full_width_spaces_separate_words() {
        assert_eq!(
            Command::parse("ホーム\u{3000}extra"),
            Command::Run {
                sub: SubCommand::Home,
                args: "extra".into()
            }
        );
    }

    #[test]
    fn a_typo_gets_a_suggestion_and_nonsense_gets_none() {
        assert_eq!(
            Command::parse("hlep"),
            Command::Unknown {
                word: "hlep".into(),
                suggestion: Some(SubCommand::Help)
            }
        );
        assert_eq!(
            Command::parse("xyzzy now"),
            Command::Unknown {
                word: "xyzzy".into(),
                suggestion: None
            }
        );
    }
}
