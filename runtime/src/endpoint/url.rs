//! `parseURL`: the small URL grammar endpoint rules need, without a general URL library.
//!
//! Only `http` and `https` URLs with no query and no fragment are accepted. The authority is kept
//! as written (port included), host names are not validated as DNS labels, and the path is
//! returned both verbatim and normalised to start and end with `/`.

use std::net::{Ipv4Addr, Ipv6Addr};

/// The parts of a URL accepted by [`parse_url`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ParsedUrl {
    pub(crate) scheme: String,
    pub(crate) authority: String,
    pub(crate) path: String,
    pub(crate) normalized_path: String,
    pub(crate) is_ip: bool,
}

/// Parses `input`, or returns `None` when it is not a URL the rules language accepts.
pub(crate) fn parse_url(input: &str) -> Option<ParsedUrl> {
    let (scheme, rest) = input.split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return None;
    }
    // Rule sets append paths to the URL; a query or fragment would end up in the wrong place.
    if rest.contains(['?', '#']) {
        return None;
    }
    let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    if path.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return None;
    }
    let is_ip = parse_authority(authority)?;
    Some(ParsedUrl {
        scheme,
        authority: authority.to_owned(),
        path: path.to_owned(),
        normalized_path: normalize_path(path),
        is_ip,
    })
}

/// Checks `host[:port]` (host possibly a bracketed IPv6 address); returns whether the host is an
/// IP address. User info (`user@`) is rejected rather than silently dropped.
fn parse_authority(authority: &str) -> Option<bool> {
    if let Some(bracketed) = authority.strip_prefix('[') {
        let (address, after) = bracketed.split_once(']')?;
        address.parse::<Ipv6Addr>().ok()?;
        if !after.is_empty() {
            parse_port(after.strip_prefix(':')?)?;
        }
        return Some(true);
    }
    let host = match authority.split_once(':') {
        Some((host, port)) => {
            parse_port(port)?;
            host
        }
        None => authority,
    };
    let host_char_ok = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_' | '~');
    if host.is_empty() || !host.chars().all(host_char_ok) {
        return None;
    }
    Some(host.parse::<Ipv4Addr>().is_ok())
}

fn parse_port(port: &str) -> Option<u16> {
    if port.is_empty() || !port.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    port.parse().ok()
}

fn normalize_path(path: &str) -> String {
    let mut normalized = String::with_capacity(path.len() + 2);
    if !path.starts_with('/') {
        normalized.push('/');
    }
    normalized.push_str(path);
    if !normalized.ends_with('/') {
        normalized.push('/');
    }
    normalized
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(input: &str) -> ParsedUrl {
        parse_url(input).unwrap_or_else(|| panic!("{input} should parse"))
    }

    #[test]
    fn host_only_url_has_empty_path_and_root_normalized_path() {
        let url = parsed("https://example.com");
        assert_eq!(url.scheme, "https");
        assert_eq!(url.authority, "example.com");
        assert_eq!(url.path, "");
        assert_eq!(url.normalized_path, "/");
        assert!(!url.is_ip);
    }

    #[test]
    fn port_and_path_are_kept() {
        let url = parsed("http://example.com:8000/foo/bar");
        assert_eq!(url.authority, "example.com:8000");
        assert_eq!(url.path, "/foo/bar");
        assert_eq!(url.normalized_path, "/foo/bar/");
        assert_eq!(parsed("https://example.com/").normalized_path, "/");
    }

    #[test]
    fn ip_addresses_are_recognised() {
        assert!(parsed("http://192.168.1.1:1234/foo/").is_ip);
        let v6 = parsed("https://[2001:db8:85a3:8d3:1319:8a2e:370:7348]:443");
        assert!(v6.is_ip);
        assert_eq!(v6.authority, "[2001:db8:85a3:8d3:1319:8a2e:370:7348]:443");
        assert!(!parsed("https://999.999.abc.blah").is_ip);
        assert!(!parsed("http://99_ab-.com").is_ip);
    }

    #[test]
    fn unsupported_urls_are_rejected() {
        for bad in [
            "acbd://example.com",
            "https://example.com/path?query1=foo",
            "https://example.com#frag",
            "http://abc.com:a/foo",
            "http://abc.com:/foo",
            "http://abc.com:99999",
            "https://",
            "https://user@example.com",
            "https://[::1",
            "https://[not-ip]",
            "https://exa mple.com",
            "example.com",
        ] {
            assert_eq!(parse_url(bad), None, "{bad} should be rejected");
        }
    }
}
