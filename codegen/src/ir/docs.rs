//! Model documentation (HTML in AWS models) to rustdoc Markdown.
//!
//! The conversion itself is done by `htmd`; what follows makes the result safe for rustdoc:
//! brackets that are not links would be read as broken intra-doc links, bare URLs warn,
//! and fenced blocks would be compiled as doctests.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::OnceLock;

/// How many distinct doc strings the per-thread cache keeps before starting afresh (bounds
/// memory should a model have more).
const CACHE_LIMIT: usize = 20_000;

/// Empties this thread's conversion cache when it starts and when it is dropped, so the cache
/// lives for one lowering and nothing stays behind in a long-running process.
pub(crate) struct CacheScope(());

impl CacheScope {
    pub(crate) fn start() -> CacheScope {
        CONVERTED.with(|cache| cache.borrow_mut().clear());
        CacheScope(())
    }
}

impl Drop for CacheScope {
    fn drop(&mut self) {
        CONVERTED.with(|cache| {
            let mut cache = cache.borrow_mut();
            cache.clear();
            cache.shrink_to_fit();
        });
    }
}

thread_local! {
    /// Converted docs by their HTML: models repeat the same text on many members (the whole
    /// Cognito model has far fewer distinct doc strings than documented members), and the HTML
    /// parse is the costly part of lowering.
    static CONVERTED: RefCell<HashMap<String, String>> = RefCell::new(HashMap::new());
}

/// Converts model documentation to Markdown fit for `///` comments. Plain text passes
/// through; the result is trimmed and has no trailing spaces. Each distinct text is
/// converted once per lowering (see [`CacheScope`]).
pub fn to_markdown(html: &str) -> String {
    if let Some(done) = CONVERTED.with(|cache| cache.borrow().get(html).cloned()) {
        return done;
    }
    let markdown = convert(html);
    CONVERTED.with(|cache| {
        let mut cache = cache.borrow_mut();
        if cache.len() >= CACHE_LIMIT {
            cache.clear();
        }
        cache.insert(html.to_owned(), markdown.clone());
    });
    markdown
}

fn convert(html: &str) -> String {
    // Tabs in doc comments are a clippy warning; four spaces render the same.
    let html = html.replace('\t', "    ");
    let html = html.as_str();
    let markdown = if html.contains('<') {
        converter()
            .convert(html)
            .unwrap_or_else(|_| html.to_owned())
    } else {
        html.to_owned()
    };
    let lines: Vec<String> = markdown
        .lines()
        .map(|line| line.trim_end().to_owned())
        .collect();
    let joined = collapse_blank_lines(&lines);
    let fenced = fence_as_text(&join_code_spans(&joined));
    escape_stray_brackets(&fence_bare_urls(&fenced))
        .trim()
        .to_owned()
}

fn converter() -> &'static htmd::HtmlToMarkdown {
    static CONVERTER: OnceLock<htmd::HtmlToMarkdown> = OnceLock::new();
    CONVERTER.get_or_init(|| {
        htmd::HtmlToMarkdown::builder()
            .skip_tags(vec!["script", "style"])
            .build()
    })
}

fn collapse_blank_lines(lines: &[String]) -> String {
    let mut out = String::new();
    let mut blank_run = 0;
    for line in lines {
        if line.trim().is_empty() {
            blank_run += 1;
            if blank_run > 1 {
                continue;
            }
            out.push('\n');
        } else {
            blank_run = 0;
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// A code span broken over lines (`<code>` with a newline in the HTML) is put back on one
/// line: the next line could otherwise start with `*` or `-` and read as a list item.
fn join_code_spans(markdown: &str) -> String {
    let mut lines: Vec<String> = Vec::new();
    let mut open = false;
    for line in markdown.lines() {
        let fence = line.trim_start().starts_with("```");
        match lines.last_mut() {
            Some(last) if open && !fence && !line.trim().is_empty() => {
                last.push(' ');
                last.push_str(line.trim_start());
            }
            _ => lines.push(line.to_owned()),
        }
        let current = lines.last().map(String::as_str).unwrap_or_default();
        open = !fence && !current.matches('`').count().is_multiple_of(2);
    }
    let mut out = lines.join("\n");
    out.push('\n');
    out
}

/// Code fences become ```` ```text ```` so rustdoc never tries to compile them, and no line is
/// indented enough to start an (executable) indented code block. List items keep their
/// nesting: a line is only pulled back to the content column of the list item it belongs to
/// (paragraphs and nested lists inside an item stay inside it).
fn fence_as_text(markdown: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    // Content columns of the list items open at this point, innermost last.
    let mut lists: Vec<usize> = Vec::new();
    for line in markdown.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") {
            if inside {
                out.push_str("```");
            } else {
                out.push_str("```text");
            }
            inside = !inside;
        } else if inside || trimmed.is_empty() {
            out.push_str(line);
        } else {
            let indent = line.len() - trimmed.len();
            while lists.last().is_some_and(|&column| column > indent) {
                lists.pop();
            }
            let column = lists.last().copied().unwrap_or(0);
            let indent = if indent >= column + 4 { column } else { indent };
            if let Some(width) = list_marker_width(trimmed) {
                lists.push(indent + width);
            }
            out.push_str(&" ".repeat(indent));
            out.push_str(trimmed);
        }
        out.push('\n');
    }
    if inside {
        out.push_str("```\n");
    }
    out
}

/// The width of a list marker and the spaces after it (`*   ` is 4, `1. ` is 3), if the line
/// starts a list item.
fn list_marker_width(line: &str) -> Option<usize> {
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    let marker = if line.starts_with(['*', '-', '+']) {
        1
    } else if (1..=9).contains(&digits) && line[digits..].starts_with(['.', ')']) {
        digits + 1
    } else {
        return None;
    };
    let spaces = line[marker..].chars().take_while(|&c| c == ' ').count();
    (spaces >= 1 || line.len() == marker).then_some(marker + spaces.clamp(1, 4))
}

/// Wraps bare `http(s)://` URLs in `<…>` so rustdoc renders them as links without warning.
fn fence_bare_urls(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut rest = markdown;
    while let Some(start) = rest.find("http") {
        let (before, candidate) = rest.split_at(start);
        out.push_str(before);
        let is_url = candidate.starts_with("http://") || candidate.starts_with("https://");
        let preceded_by = before.chars().last();
        let already_linked = matches!(preceded_by, Some('(') | Some('<') | Some('`'));
        let end = candidate
            .find(|c: char| c.is_whitespace() || matches!(c, ')' | '>' | '`' | '"'))
            .unwrap_or(candidate.len());
        if is_url && !already_linked {
            let url = candidate[..end].trim_end_matches(['.', ',', ';', ':']);
            out.push('<');
            out.push_str(url);
            out.push('>');
            rest = &candidate[url.len()..];
        } else {
            out.push_str(&candidate[..end.max(1)]);
            rest = &candidate[end.max(1)..];
        }
    }
    out.push_str(rest);
    out
}

/// Escapes `[` / `]` that do not open a Markdown link `[text](url)`, outside code spans.
fn escape_stray_brackets(markdown: &str) -> String {
    let chars: Vec<char> = markdown.chars().collect();
    let mut out = String::with_capacity(markdown.len());
    let mut in_code = false;
    let mut link_depth = 0usize;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '`' => {
                in_code = !in_code;
                out.push(c);
            }
            '\\' if i + 1 < chars.len() => {
                out.push(c);
                out.push(chars[i + 1]);
                i += 1;
            }
            '[' if !in_code => {
                if opens_link(&chars, i) {
                    link_depth += 1;
                    out.push('[');
                } else {
                    out.push_str("\\[");
                }
            }
            ']' if !in_code => {
                if link_depth > 0 && chars.get(i + 1) == Some(&'(') {
                    link_depth -= 1;
                    out.push(']');
                } else {
                    out.push_str("\\]");
                }
            }
            _ => out.push(c),
        }
        i += 1;
    }
    out
}

fn opens_link(chars: &[char], open: usize) -> bool {
    let mut depth = 0;
    for j in open..chars.len() {
        match chars[j] {
            '[' => depth += 1,
            ']' => {
                depth -= 1;
                if depth == 0 {
                    return chars.get(j + 1) == Some(&'(');
                }
            }
            '\n' if chars.get(j + 1) == Some(&'\n') => return false,
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::{convert, to_markdown, CONVERTED};

    #[test]
    fn repeated_text_is_converted_once_and_the_same() {
        let html = "<p>Repeated <b>member</b> docs [x].</p>";
        let first = to_markdown(html);
        assert!(CONVERTED.with(|cache| cache.borrow().get(html) == Some(&first)));
        assert_eq!(to_markdown(html), first);
        assert_eq!(convert(html), first);
        drop(super::CacheScope::start());
        assert!(CONVERTED.with(|cache| cache.borrow().is_empty()));
    }

    #[test]
    fn converts_paragraphs_code_and_links() {
        let md = to_markdown("<p>Use <code>custom:</code> names.</p><p>See <a href=\"https://example.com/x\">the guide</a>.</p>");
        assert_eq!(
            md,
            "Use `custom:` names.\n\nSee [the guide](https://example.com/x)."
        );
    }

    #[test]
    fn escapes_what_rustdoc_would_misread() {
        assert_eq!(to_markdown("a [b] c"), "a \\[b\\] c");
        assert_eq!(
            to_markdown("go to https://example.com now"),
            "go to <https://example.com> now"
        );
        assert_eq!(to_markdown("```\nx\n```"), "```text\nx\n```");
    }

    #[test]
    fn nested_lists_stay_lists() {
        let html = "<ul><li><p>First</p><p><code>a=1,\n          b=2</code></p></li>\
                    <li><p>Second</p><p>more</p><ul><li><p>nested</p><p>nested more</p></li></ul></li>\
                    <li><p>Third</p></li></ul><p>After</p>";
        assert_eq!(
            to_markdown(html),
            "*   First\n\n    `a=1, b=2`\n\n*   Second\n\n    more\n\n    *   nested\n\n        nested more\n*   Third\n\nAfter"
        );
    }

    #[test]
    fn code_spans_broken_over_lines_stay_on_one() {
        let html = "<p>Examples are <code>15 * ? * * *</code> and <code>0 12 * * ?\n   *</code> (noon).</p>";
        let markdown = to_markdown(html);
        assert_eq!(
            markdown,
            "Examples are `15 * ? * * *` and `0 12 * * ? *` (noon)."
        );
    }

    #[test]
    fn indented_text_outside_lists_is_not_code() {
        assert_eq!(to_markdown("<p>a</p>\n\n        <p>b</p>"), "a\n\nb");
        assert_eq!(to_markdown("tab\there"), "tab    here");
    }
}
