//! Text that came from outside the program (a service's error code or message, a caller's
//! input echoed in a validation message) is cut to a bounded length before it goes into an
//! error message or a log line, so a hostile or broken peer cannot make one error a megabyte.

use std::borrow::Cow;

/// The most bytes of untrusted text kept in one message; what is cut is counted instead.
pub const MAX_UNTRUSTED_TEXT: usize = 256;

/// `text` cut to at most [`MAX_UNTRUSTED_TEXT`] bytes (on a character boundary), with a note
/// of how many bytes were left out.
pub fn bounded(text: &str) -> Cow<'_, str> {
    bounded_to(text, MAX_UNTRUSTED_TEXT)
}

/// `text` cut to at most `max` bytes on a character boundary, with a note of what was cut.
pub fn bounded_to(text: &str, max: usize) -> Cow<'_, str> {
    if text.len() <= max {
        return Cow::Borrowed(text);
    }
    let mut cut = max;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    Cow::Owned(format!(
        "{}… ({} more bytes)",
        &text[..cut],
        text.len() - cut
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_text_is_kept_and_long_text_is_cut_on_a_char_boundary() {
        assert_eq!(bounded("ThrottlingException"), "ThrottlingException");
        let long = "é".repeat(1000);
        let cut = bounded(&long);
        assert!(cut.len() < MAX_UNTRUSTED_TEXT + 32, "{}", cut.len());
        assert!(cut.ends_with("… (1744 more bytes)"), "{cut}");
        assert_eq!(bounded_to("abcdef", 3), "abc… (3 more bytes)");
    }
}
