//! Keeping the user-info of endpoint URLs (`https://user:password@host`) out of every
//! message, `Debug` output and request: it is never sent, and printed as `***@`.

use std::borrow::Cow;

/// What the user-info of a URL prints as.
const USER_INFO_PLACEHOLDER: &str = "***";

/// `url` with any user-info replaced by `***`; other text is left as it is.
pub(crate) fn url_without_user_info(url: &str) -> Cow<'_, str> {
    let Some(scheme_end) = url.find("://") else {
        return Cow::Borrowed(url);
    };
    let authority_start = scheme_end + 3;
    let rest = &url[authority_start..];
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    match rest[..authority_end].rfind('@') {
        Some(at) => Cow::Owned(format!(
            "{}{USER_INFO_PLACEHOLDER}{}",
            &url[..authority_start],
            &rest[at..]
        )),
        None => Cow::Borrowed(url),
    }
}

/// [`url_without_user_info`] for an `http::Uri`.
pub(crate) fn uri_without_user_info(uri: &http::Uri) -> String {
    url_without_user_info(&uri.to_string()).into_owned()
}

/// `url` with its user-info removed entirely (what is sent on the wire).
pub(crate) fn strip_user_info(url: &str) -> Cow<'_, str> {
    let Some(scheme_end) = url.find("://") else {
        return Cow::Borrowed(url);
    };
    let authority_start = scheme_end + 3;
    let rest = &url[authority_start..];
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    match rest[..authority_end].rfind('@') {
        Some(at) => Cow::Owned(format!("{}{}", &url[..authority_start], &rest[at + 1..])),
        None => Cow::Borrowed(url),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_info_is_masked_or_stripped_and_other_urls_are_untouched() {
        let url = "http://user:PASSWORD@127.0.0.1:9229/base?x=a@b";
        assert_eq!(
            url_without_user_info(url),
            "http://***@127.0.0.1:9229/base?x=a@b"
        );
        assert_eq!(strip_user_info(url), "http://127.0.0.1:9229/base?x=a@b");
        for plain in ["https://example.com/a@b", "not a url", "http://h:1"] {
            assert_eq!(url_without_user_info(plain), plain);
            assert_eq!(strip_user_info(plain), plain);
        }
    }
}
