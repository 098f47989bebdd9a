//! Property tests of the restJson1 rules that see text from the network or from callers:
//! nothing panics on arbitrary input, and what the client writes reads back unchanged.

use proptest::prelude::*;
use smithy_runtime::rest_json::{body, errors, headers, text, uri};
use smithy_runtime::{DateTime, TimestampFormat};

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// Any list of header items (commas, quotes, backslashes, spaces inside) survives being
    /// joined into one header and split again, provided no item has leading or trailing
    /// whitespace outside quotes (which HTTP does not keep).
    #[test]
    fn header_lists_round_trip(items in proptest::collection::vec("[ -~]{0,12}", 1..6)) {
        let items: Vec<String> = items
            .into_iter()
            .map(|item| if item.trim() == item { item } else { format!("\"{item}") })
            .collect();
        let joined = headers::join_list(&items);
        let split = headers::split_list(&joined, "X-List").unwrap();
        // Items with surrounding whitespace were quoted above (a `"` forces quoting).
        prop_assert_eq!(split, items);
    }

    /// Arbitrary header text never panics the readers.
    #[test]
    fn header_readers_never_panic(value in "\\PC{0,40}") {
        let _ = headers::split_list(&value, "X-Any");
        let _ = headers::split_dates(&value);
        let _ = text::read_bool(&value, "X-Any");
        let _ = text::read_integer::<i64>(&value, "X-Any");
        let _ = text::read_double(&value, "X-Any");
        let _ = text::read_base64(&value, "X-Any");
        for format in [TimestampFormat::HttpDate, TimestampFormat::DateTime, TimestampFormat::EpochSeconds] {
            let _ = text::read_timestamp(&value, format, "X-Any");
        }
    }

    /// Timestamps in `http-date` lists split back into the same instants.
    #[test]
    fn http_date_lists_round_trip(secs in proptest::collection::vec(0i64..253_402_300_799, 1..5)) {
        let dates: Vec<String> = secs
            .iter()
            .map(|s| text::timestamp(&DateTime::from_secs(*s), TimestampFormat::HttpDate))
            .collect();
        let split = headers::split_dates(&headers::join_dates(&dates));
        prop_assert_eq!(split, dates);
    }

    /// Labels and query values are percent-encoded so the URL always parses, and the path
    /// never gains a segment from a plain label.
    #[test]
    fn any_label_and_query_value_gives_a_valid_url(label in "\\PC{1,20}", value in "\\PC{0,20}") {
        let mut path = uri::RequestPath::new();
        path.literal("/things/");
        path.label("id", &label).unwrap();
        path.query("q", &value);
        let url = path.to_uri("https://example.com", None).unwrap();
        prop_assert_eq!(url.path().matches('/').count(), 2);
    }

    /// Error responses with arbitrary bodies and error-type headers never panic, and the
    /// status is always kept.
    #[test]
    fn error_responses_never_panic(body in proptest::collection::vec(any::<u8>(), 0..64), code in "[ -~]{0,30}") {
        let response = http::Response::builder()
            .status(418)
            .header("x-amzn-errortype", code.as_str())
            .body(body.clone())
            .unwrap();
        let parsed = errors::parse_error(&response);
        prop_assert_eq!(parsed.meta.http_status(), Some(418));
        let _ = body::read_json(&body);
        let _ = body::read_text(&body);
    }
}
