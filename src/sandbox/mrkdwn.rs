//! Slack's mrkdwn as HTML for the sandbox page: bold, italic, strike, code, links, quotes,
//! lists, `<@U…>` as names and common emoji shortcodes. Everything else is text: what a person
//! typed (a name such as `<script>`) is escaped, never markup.

/// A person's display name by user id, for `<@U…>` mentions.
pub type Names<'a> = &'a dyn Fn(&str) -> Option<String>;

/// mrkdwn text as HTML.
pub fn to_html(text: &str, names: Names) -> String {
    let mut out = String::new();
    for (i, part) in text.split("```").enumerate() {
        if i % 2 == 1 {
            out.push_str("<pre>");
            out.push_str(&escape_slack(part.trim_matches('\n')));
            out.push_str("</pre>");
        } else {
            out.push_str(&lines(part, names));
        }
    }
    out
}

/// Plain text (a `plain_text` object) as HTML: escaped, with emoji shortcodes when `emoji`.
pub fn plain(text: &str, emoji: bool) -> String {
    if !emoji {
        return escape(text);
    }
    let mut out = String::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == ':' {
            if let Some((glyph, end)) = shortcode(&chars, i) {
                out.push_str(glyph);
                i = end + 1;
                continue;
            }
        }
        out.push_str(&escape(&chars[i].to_string()));
        i += 1;
    }
    out
}

/// HTML-escapes text (element content and attribute values).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Lines with quotes (`>`) and list items (`•`, `-`, `1.`) as blocks, the rest joined by breaks.
fn lines(text: &str, names: Names) -> String {
    let mut out = String::new();
    let mut list: Option<&str> = None;
    let mut first = true;
    for line in text.split('\n') {
        let (kind, body) = line_kind(line);
        if list != kind.filter(|k| *k != "blockquote") && list.is_some() {
            out.push_str(if list == Some("ol") { "</ol>" } else { "</ul>" });
            list = None;
        }
        match kind {
            Some("blockquote") => {
                out.push_str("<blockquote>");
                out.push_str(&inline(body, names));
                out.push_str("</blockquote>");
            }
            Some(tag) => {
                if list.is_none() {
                    out.push_str(if tag == "ol" { "<ol>" } else { "<ul>" });
                    list = Some(tag);
                }
                out.push_str("<li>");
                out.push_str(&inline(body, names));
                out.push_str("</li>");
            }
            None => {
                if !first && !out.ends_with("</blockquote>") && !out.ends_with("</ul>") {
                    out.push_str("<br>");
                }
                out.push_str(&inline(line, names));
            }
        }
        first = false;
    }
    if let Some(tag) = list {
        out.push_str(if tag == "ol" { "</ol>" } else { "</ul>" });
    }
    out
}

fn line_kind(line: &str) -> (Option<&'static str>, &str) {
    for quote in ["&gt; ", "> ", "&gt;", ">"] {
        if let Some(rest) = line.strip_prefix(quote) {
            return (Some("blockquote"), rest);
        }
    }
    for bullet in ["• ", "- ", "◦ "] {
        if let Some(rest) = line.strip_prefix(bullet) {
            return (Some("ul"), rest);
        }
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 {
        if let Some(rest) = line[digits..].strip_prefix(". ") {
            return (Some("ol"), rest);
        }
    }
    (None, line)
}

fn inline(text: &str, names: Names) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '`' => {
                if let Some(end) = find(&chars, i + 1, '`') {
                    let inner: String = chars[i + 1..end].iter().collect();
                    out.push_str("<code>");
                    out.push_str(&escape_slack(&inner));
                    out.push_str("</code>");
                    i = end + 1;
                    continue;
                }
            }
            '<' => {
                if let Some(end) = find(&chars, i + 1, '>') {
                    let inner: String = chars[i + 1..end].iter().collect();
                    out.push_str(&control(&inner, names));
                    i = end + 1;
                    continue;
                }
            }
            '*' | '_' | '~' => {
                if let Some(end) = closing(&chars, i) {
                    let inner: String = chars[i + 1..end].iter().collect();
                    let tag = match c {
                        '*' => "b",
                        '_' => "i",
                        _ => "s",
                    };
                    out.push_str(&format!("<{tag}>{}</{tag}>", inline(&inner, names)));
                    i = end + 1;
                    continue;
                }
            }
            ':' => {
                if let Some((glyph, end)) = shortcode(&chars, i) {
                    out.push_str(glyph);
                    i = end + 1;
                    continue;
                }
            }
            '&' => {
                let rest: String = chars[i..chars.len().min(i + 5)].iter().collect();
                if let Some(entity) = ["&lt;", "&gt;", "&amp;"]
                    .into_iter()
                    .find(|e| rest.starts_with(e))
                {
                    out.push_str(entity);
                    i += entity.chars().count();
                    continue;
                }
            }
            _ => {}
        }
        out.push_str(&escape(&c.to_string()));
        i += 1;
    }
    out
}

fn find(chars: &[char], from: usize, wanted: char) -> Option<usize> {
    (from..chars.len()).find(|&j| chars[j] == wanted)
}

/// The closing marker of `*bold*`, `_italic_` or `~strike~` opened at `open`: at a word
/// boundary on both ends, with no space just inside.
fn closing(chars: &[char], open: usize) -> Option<usize> {
    let marker = chars[open];
    let before_ok = open == 0 || !chars[open - 1].is_alphanumeric();
    let first = *chars.get(open + 1)?;
    if !before_ok || first.is_whitespace() || first == marker {
        return None;
    }
    (open + 2..chars.len()).find(|&j| {
        chars[j] == marker
            && !chars[j - 1].is_whitespace()
            && chars.get(j + 1).is_none_or(|n| !n.is_alphanumeric())
    })
}

/// Slack's escaped text (`&lt;` `&gt;` `&amp;` kept, anything else escaped), for code.
fn escape_slack(text: &str) -> String {
    let decoded = text
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    escape(&decoded)
}

/// `<…>`: a mention, channel, special mention or link; anything else is shown as typed.
fn control(inner: &str, names: Names) -> String {
    let (target, label) = match inner.split_once('|') {
        Some((t, l)) => (t, Some(l)),
        None => (inner, None),
    };
    if let Some(id) = target.strip_prefix('@') {
        let name = names(id).unwrap_or_else(|| id.to_string());
        return format!("<span class=\"mention\">@{}</span>", escape(&name));
    }
    if let Some(id) = target.strip_prefix('#') {
        return format!(
            "<span class=\"mention\">#{}</span>",
            escape(label.unwrap_or(id))
        );
    }
    if let Some(special) = target.strip_prefix('!') {
        let shown = label
            .map(str::to_string)
            .unwrap_or_else(|| format!("@{}", special.split('^').next().unwrap_or(special)));
        return format!("<span class=\"mention\">{}</span>", escape_slack(&shown));
    }
    let is_link = ["http://", "https://", "mailto:"]
        .iter()
        .any(|scheme| target.starts_with(scheme));
    if is_link {
        let shown = match label {
            Some(l) => inline(l, names),
            None => escape_slack(target),
        };
        let href = escape(&target.replace("&amp;", "&"));
        return format!("<a href=\"{href}\" target=\"_blank\" rel=\"noopener\">{shown}</a>");
    }
    format!("&lt;{}&gt;", escape_slack(inner))
}

/// `:name:` starting at `open`: the emoji and the index of the closing colon.
fn shortcode(chars: &[char], open: usize) -> Option<(&'static str, usize)> {
    let end = (open + 1..chars.len().min(open + 40)).find(|&j| chars[j] == ':')?;
    let name: String = chars[open + 1..end].iter().collect();
    let valid = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "_+-".contains(c));
    if !valid {
        return None;
    }
    super::emoji::EMOJI
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, glyph)| (*glyph, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(id: &str) -> Option<String> {
        match id {
            "UEMMA" => Some("Emma".into()),
            "UBAD" => Some("<script>alert(1)</script>".into()),
            _ => None,
        }
    }

    fn html(text: &str) -> String {
        to_html(text, &names)
    }

    #[test]
    fn a_name_like_script_shows_as_text_never_as_html() {
        let out = html("Hello <@UBAD>");
        assert_eq!(
            out,
            "Hello <span class=\"mention\">@&lt;script&gt;alert(1)&lt;/script&gt;</span>"
        );
        assert!(!out.contains("<script"));
    }

    #[test]
    fn raw_and_slack_escaped_markup_in_text_stay_text() {
        assert_eq!(html("&lt;script&gt;"), "&lt;script&gt;");
        assert_eq!(html("<script>"), "&lt;script&gt;");
        assert_eq!(html("a & b \"q\""), "a &amp; b &quot;q&quot;");
        assert_eq!(plain("<b>x</b> :tada:", true), "&lt;b&gt;x&lt;/b&gt; 🎉");
        assert_eq!(plain(":tada:", false), ":tada:");
    }

    #[test]
    fn bold_italic_strike_and_code() {
        assert_eq!(
            html("*bold* _it_ ~gone~"),
            "<b>bold</b> <i>it</i> <s>gone</s>"
        );
        assert_eq!(
            html("`*not bold* <x>`"),
            "<code>*not bold* &lt;x&gt;</code>"
        );
        assert_eq!(html("```a\n<b>```"), "<pre>a\n&lt;b&gt;</pre>");
        assert_eq!(html("2*3*4 snake_case_name"), "2*3*4 snake_case_name");
        assert_eq!(html("*確定* しました"), "<b>確定</b> しました");
    }

    #[test]
    fn links_mentions_and_only_safe_schemes() {
        assert_eq!(
            html("<https://example.com/?a=1&amp;b=2|the *site*>"),
            "<a href=\"https://example.com/?a=1&amp;b=2\" target=\"_blank\" rel=\"noopener\">the <b>site</b></a>"
        );
        assert_eq!(html("<@UEMMA>"), "<span class=\"mention\">@Emma</span>");
        assert_eq!(
            html("<@UNKNOWN>"),
            "<span class=\"mention\">@UNKNOWN</span>"
        );
        assert_eq!(html("<!here>"), "<span class=\"mention\">@here</span>");
        assert_eq!(
            html("<javascript:alert(1)|click>"),
            "&lt;javascript:alert(1)|click&gt;"
        );
    }

    #[test]
    fn quotes_lists_and_line_breaks() {
        assert_eq!(
            html("top\n&gt; quoted\n• one\n• two\nend"),
            "top<blockquote>quoted</blockquote><ul><li>one</li><li>two</li></ul>end"
        );
        assert_eq!(html("1. a\n2. b"), "<ol><li>a</li><li>b</li></ol>");
        assert_eq!(html("a\nb"), "a<br>b");
    }

    #[test]
    fn emoji_shortcodes_and_unknown_ones() {
        assert_eq!(
            html(":wave: hi :not_an_emoji: 10:30"),
            "👋 hi :not_an_emoji: 10:30"
        );
    }
}
