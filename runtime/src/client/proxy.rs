//! Which requests go through a proxy: none unless the application says so. Proxies are set
//! explicitly ([`ProxyConfig::all`], [`http`](ProxyConfig::http),
//! [`https`](ProxyConfig::https)) or, only after an explicit opt-in, read from the
//! `HTTP_PROXY`/`HTTPS_PROXY`/`ALL_PROXY`/`NO_PROXY` variables ([`ProxyConfig::from_env`]).
//! Loopback destinations (`localhost`, `127.0.0.0/8`, `::1`) never go through a proxy, so a
//! local emulator's traffic, tokens included, stays on the machine.

use std::fmt;
use std::net::IpAddr;
use std::sync::Arc;

use hyper_util::client::proxy::matcher::{Intercept, Matcher};

/// Where the default transport sends requests through a proxy (default: nowhere).
///
/// Only `http://` proxies are supported: plain-HTTP requests are sent to them in absolute
/// form, HTTPS requests through an HTTP `CONNECT` tunnel (the proxy sees the host name, not
/// the traffic). User-info in a proxy URL (`http://user:password@proxy:3128`) becomes a
/// `Proxy-Authorization` header and is never printed.
///
/// ```
/// use smithy_runtime::client::ProxyConfig;
///
/// // Everything except loopback and internal hosts through one proxy:
/// let proxy = ProxyConfig::all("http://proxy.internal:3128").no_proxy("internal.example.com");
/// // Or what the environment says, because the application asked for it:
/// let from_env = ProxyConfig::from_env();
/// # let _ = (proxy, from_env);
/// ```
#[derive(Clone, Default)]
pub struct ProxyConfig {
    rules: Option<Rules>,
}

#[derive(Clone, Default)]
struct Rules {
    all: String,
    http: String,
    https: String,
    no: String,
    from_env: bool,
    matcher: Option<Arc<Matcher>>,
}

/// How one request travels.
pub(crate) enum Route {
    Direct,
    Proxy(Intercept),
    /// The proxy for this destination is not an `http://` one; the request must fail rather
    /// than silently bypass it.
    Unsupported,
}

impl ProxyConfig {
    /// No proxy at all (the default).
    pub fn none() -> ProxyConfig {
        ProxyConfig::default()
    }

    /// Every request (except loopback and `no_proxy` hosts) through `proxy_url`.
    pub fn all(proxy_url: impl Into<String>) -> ProxyConfig {
        ProxyConfig::explicit(|rules| rules.all = proxy_url.into())
    }

    /// Plain-HTTP requests through `proxy_url` (combine with [`https`](ProxyConfig::https)).
    pub fn http(self, proxy_url: impl Into<String>) -> ProxyConfig {
        self.edit(|rules| rules.http = proxy_url.into())
    }

    /// HTTPS requests through `proxy_url`.
    pub fn https(self, proxy_url: impl Into<String>) -> ProxyConfig {
        self.edit(|rules| rules.https = proxy_url.into())
    }

    /// Hosts that bypass the proxy, in `NO_PROXY` syntax: comma-separated domains (each
    /// also matching its subdomains), IP addresses or CIDR ranges, or `*` for all.
    pub fn no_proxy(self, hosts: impl Into<String>) -> ProxyConfig {
        self.edit(|rules| rules.no = hosts.into())
    }

    /// The proxies the environment names: `HTTPS_PROXY`, `HTTP_PROXY`, `ALL_PROXY` (or their
    /// lower-case forms), minus the hosts in `NO_PROXY`, read once, now. This is an explicit
    /// opt-in: without it the environment is never consulted. As elsewhere, loopback
    /// destinations are never proxied, and in a CGI program (`REQUEST_METHOD` set) the
    /// variables are ignored, since `HTTP_PROXY` may then come from a request header. The
    /// variables are the whole configuration: builder methods called on the result start an
    /// explicit configuration instead.
    pub fn from_env() -> ProxyConfig {
        ProxyConfig {
            rules: Some(Rules {
                from_env: true,
                matcher: Some(Arc::new(Matcher::from_env())),
                ..Rules::default()
            }),
        }
    }

    fn explicit(set: impl FnOnce(&mut Rules)) -> ProxyConfig {
        ProxyConfig::none().edit(set)
    }

    fn edit(mut self, set: impl FnOnce(&mut Rules)) -> ProxyConfig {
        // An environment-based configuration is replaced, not silently half-edited.
        let mut rules = self
            .rules
            .take()
            .filter(|rules| !rules.from_env)
            .unwrap_or_default();
        set(&mut rules);
        if !rules.from_env {
            rules.matcher = Some(Arc::new(
                Matcher::builder()
                    .all(rules.all.clone())
                    .http(rules.http.clone())
                    .https(rules.https.clone())
                    .no(rules.no.clone())
                    .build(),
            ));
        }
        self.rules = Some(rules);
        self
    }

    /// Whether any proxy may be used.
    pub fn is_enabled(&self) -> bool {
        self.rules.is_some()
    }

    /// How a request to `destination` travels.
    pub(crate) fn route(&self, destination: &http::Uri) -> Route {
        let Some(matcher) = self.rules.as_ref().and_then(|r| r.matcher.as_ref()) else {
            return Route::Direct;
        };
        if destination.host().is_none_or(is_loopback) {
            return Route::Direct;
        }
        match matcher.intercept(destination) {
            Some(proxy) if proxy.uri().scheme() == Some(&http::uri::Scheme::HTTP) => {
                Route::Proxy(proxy)
            }
            Some(_) => Route::Unsupported,
            None => Route::Direct,
        }
    }

    /// Checks explicitly given proxy URLs: each must be `http://host[:port]` (the scheme may
    /// be left out). Errors never repeat the user-info.
    pub(crate) fn check(&self) -> Result<(), String> {
        let Some(rules) = self.rules.as_ref().filter(|r| !r.from_env) else {
            return Ok(());
        };
        for url in [&rules.all, &rules.http, &rules.https] {
            if url.is_empty() {
                continue;
            }
            let shown = super::redact::url_without_user_info(url);
            let uri: http::Uri = url
                .parse()
                .map_err(|_| format!("the proxy URL `{shown}` is not a valid URL"))?;
            let scheme_ok = matches!(uri.scheme_str(), None | Some("http"));
            if !scheme_ok || uri.authority().is_none() {
                return Err(format!(
                    "the proxy URL `{shown}` must be an http:// proxy with a host, e.g. \
                     `http://proxy.internal:3128` (https:// and SOCKS proxies are not supported)"
                ));
            }
        }
        Ok(())
    }
}

fn is_loopback(host: &str) -> bool {
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    bare.eq_ignore_ascii_case("localhost")
        || bare.to_ascii_lowercase().ends_with(".localhost")
        || bare.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

impl fmt::Debug for ProxyConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let redact = |url: &str| super::redact::url_without_user_info(url).into_owned();
        match &self.rules {
            None => f.write_str("ProxyConfig::none()"),
            Some(rules) if rules.from_env => f.write_str("ProxyConfig::from_env()"),
            Some(rules) => f
                .debug_struct("ProxyConfig")
                .field("all", &redact(&rules.all))
                .field("http", &redact(&rules.http))
                .field("https", &redact(&rules.https))
                .field("no_proxy", &rules.no)
                .finish(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn proxied(config: &ProxyConfig, url: &str) -> bool {
        matches!(
            config.route(&url.parse().expect("a valid URL")),
            Route::Proxy(_)
        )
    }

    #[test]
    fn only_configured_non_loopback_destinations_are_proxied() {
        let none = ProxyConfig::none();
        assert!(!proxied(
            &none,
            "https://cognito-idp.eu-west-1.amazonaws.com/"
        ));
        let all = ProxyConfig::all("http://user:SECRET@10.0.0.1:3128").no_proxy("internal.test");
        assert!(proxied(
            &all,
            "https://cognito-idp.eu-west-1.amazonaws.com/"
        ));
        assert!(proxied(&all, "http://example.com/"));
        for direct in [
            "http://127.0.0.1:9229/",
            "http://localhost:9229/",
            "http://[::1]:9229/",
            "https://api.internal.test/",
        ] {
            assert!(!proxied(&all, direct), "{direct}");
        }
        let debug = format!("{all:?}");
        assert!(
            !debug.contains("SECRET") && debug.contains("***@10.0.0.1"),
            "{debug}"
        );
        assert!(all.check().is_ok());
        let socks = ProxyConfig::all("socks5://user:SECRET@10.0.0.1:1080");
        let error = socks.check().expect_err("SOCKS is not supported");
        assert!(
            !error.contains("SECRET") && error.contains("SOCKS"),
            "{error}"
        );
        let https_only = ProxyConfig::none().https("http://10.0.0.1:3128");
        assert!(proxied(&https_only, "https://example.com/"));
        assert!(!proxied(&https_only, "http://example.com/"));
    }
}
