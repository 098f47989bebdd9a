//! The Smithy `timestamp` type and its three text forms.
//!
//! [`DateTime`] is an instant in UTC, kept as whole seconds since the Unix epoch plus a
//! nanosecond remainder. [`TimestampFormat`] names the wire forms Smithy's `@timestampFormat`
//! trait can ask for; [`DateTime::parse`] and [`DateTime::fmt`] convert between them.
//!
//! Calendar arithmetic is done here with the proleptic Gregorian calendar (every year follows
//! today's leap-year rule, back to year 0), and leap seconds are not counted, as in Unix time.

use std::fmt;
use std::str::FromStr;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

const NANOS_PER_SEC: u32 = 1_000_000_000;
const SECS_PER_DAY: i64 = 86_400;

/// An instant in time, at nanosecond resolution, with no time zone attached (it is UTC).
///
/// Stored as whole seconds since 1970-01-01T00:00:00Z (negative before it) plus a count of
/// nanoseconds in `0..1_000_000_000` that is always added, so half a second before the epoch is
/// `secs = -1, subsec_nanos = 500_000_000`. Ordering, equality and hashing follow the instant.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DateTime {
    secs: i64,
    nanos: u32,
}

/// The text forms a Smithy timestamp can take on the wire (the `@timestampFormat` trait).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TimestampFormat {
    /// `epoch-seconds`: seconds since the Unix epoch as a decimal number, with an optional
    /// fraction, e.g. `1515531081.123`.
    EpochSeconds,
    /// `date-time`: an RFC 3339 date-time, e.g. `1985-04-12T23:20:50.52Z`. Written in UTC with
    /// `Z`; read with any numeric offset.
    DateTime,
    /// `http-date`: the IMF-fixdate of RFC 9110, e.g. `Tue, 29 Apr 2014 18:30:38 GMT`.
    HttpDate,
}

impl TimestampFormat {
    /// The name Smithy models use for this format: `epoch-seconds`, `date-time` or `http-date`.
    pub fn as_str(self) -> &'static str {
        match self {
            TimestampFormat::EpochSeconds => "epoch-seconds",
            TimestampFormat::DateTime => "date-time",
            TimestampFormat::HttpDate => "http-date",
        }
    }
}

impl fmt::Display for TimestampFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl DateTime {
    /// The Unix epoch, 1970-01-01T00:00:00Z.
    pub const UNIX_EPOCH: DateTime = DateTime { secs: 0, nanos: 0 };

    /// The instant `secs` whole seconds after (or, if negative, before) the Unix epoch.
    pub const fn from_secs(secs: i64) -> Self {
        DateTime { secs, nanos: 0 }
    }

    /// The instant `millis` milliseconds after (or, if negative, before) the Unix epoch.
    pub const fn from_millis(millis: i64) -> Self {
        DateTime {
            secs: millis.div_euclid(1000),
            // rem_euclid is in 0..1000, so the product fits and is below one second.
            nanos: millis.rem_euclid(1000) as u32 * 1_000_000,
        }
    }

    /// The instant `secs` seconds plus `nanos` nanoseconds after the Unix epoch.
    ///
    /// `nanos` is always added, also when `secs` is negative. A `nanos` of one second or more is
    /// carried into the seconds (saturating at the largest representable instant).
    pub const fn from_secs_and_nanos(secs: i64, nanos: u32) -> Self {
        if nanos < NANOS_PER_SEC {
            DateTime { secs, nanos }
        } else {
            DateTime {
                secs: secs.saturating_add((nanos / NANOS_PER_SEC) as i64),
                nanos: nanos % NANOS_PER_SEC,
            }
        }
    }

    /// The instant a (possibly fractional) number of seconds after the Unix epoch, as found in
    /// JSON bodies using `epoch-seconds`.
    ///
    /// The number is read through its shortest decimal form, the one that prints for it, so
    /// `946845296.123` gives exactly 123 milliseconds rather than the binary approximation's
    /// `...122999906` nanoseconds; digits past the ninth decimal are rounded to the nearest
    /// nanosecond. NaN, infinities and values whose seconds do not fit an `i64` are refused.
    pub fn from_fractional_secs(secs: f64) -> Result<Self, DateTimeParseError> {
        let error = |reason: &str| DateTimeParseError {
            format: TimestampFormat::EpochSeconds,
            input: truncate_input(&secs.to_string()),
            reason: reason.to_owned(),
        };
        if !secs.is_finite() {
            return Err(error("not a finite number"));
        }
        // 2^63: anything this large or larger cannot have its seconds in an i64.
        if secs.abs() >= (1u64 << 63) as f64 {
            return Err(error("out of the range of representable timestamps"));
        }
        // `Display` for f64 prints the shortest decimal that reads back as the same f64, and
        // never uses exponent notation, so this is plain `-?digits(.digits)?`.
        parse_decimal(&secs.to_string()).map_err(|reason| error(&reason))
    }

    /// Whole seconds since the Unix epoch, rounded down (towards the past).
    pub const fn secs(&self) -> i64 {
        self.secs
    }

    /// Nanoseconds to add to [`secs`](Self::secs); always below one billion.
    pub const fn subsec_nanos(&self) -> u32 {
        self.nanos
    }

    /// Seconds since the Unix epoch as an `f64`, e.g. `1515531081.123`.
    ///
    /// The result is the `f64` nearest to the exact decimal value, so a timestamp with
    /// millisecond precision prints back as the same three decimals. Precision is that of
    /// `f64`: about a microsecond for present-day instants.
    pub fn as_fractional_secs(&self) -> f64 {
        if self.nanos == 0 {
            return self.secs as f64;
        }
        // Parsing the exact decimal text rounds once, correctly; adding two f64s would not.
        self.epoch_seconds_text()
            .parse()
            .unwrap_or_else(|_| self.secs as f64 + f64::from(self.nanos) / 1e9)
    }

    /// Reads a timestamp written in the given format.
    ///
    /// * `DateTime`: RFC 3339, `YYYY-MM-DDThh:mm:ss[.fraction](Z|±hh:mm)`. `t` and `z` may be
    ///   lowercase; an offset is applied to give UTC; the fraction may have any number of
    ///   digits (rounded to the nearest nanosecond); a leap second `:60` counts as the first
    ///   second of the next minute. Other ISO 8601 shapes (no offset, basic format, a space
    ///   instead of `T`, missing seconds) are refused.
    /// * `HttpDate`: IMF-fixdate, `Www, DD Mon YYYY hh:mm:ss GMT`, with optional fractional
    ///   seconds before ` GMT`. Day and month names are matched without regard to case, and
    ///   the day name is not checked against the date.
    /// * `EpochSeconds`: `-?digits[.digits]`, e.g. `1515531081` or `1515531081.1234`; an
    ///   exponent (`1.5e9`) is also read. `NaN`, `Infinity`, hex and the like are refused.
    ///
    /// No surrounding whitespace is allowed.
    pub fn parse(text: &str, format: TimestampFormat) -> Result<Self, DateTimeParseError> {
        let result = match format {
            TimestampFormat::DateTime => parse_rfc3339(text),
            TimestampFormat::HttpDate => parse_http_date(text),
            TimestampFormat::EpochSeconds => parse_epoch_seconds(text),
        };
        result.map_err(|reason| DateTimeParseError {
            format,
            input: truncate_input(text),
            reason,
        })
    }

    /// Writes the timestamp in the given format.
    ///
    /// * `DateTime`: `2000-01-02T20:34:56Z`, or with a fraction trimmed of trailing zeros when
    ///   there is one (`2000-01-02T20:34:56.123Z`).
    /// * `HttpDate`: `Sun, 02 Jan 2000 20:34:56 GMT`; when the milliseconds are not zero they are
    ///   written too, as Smithy allows (`Sun, 02 Jan 2000 20:34:56.123 GMT`), and anything finer
    ///   is dropped.
    /// * `EpochSeconds`: `946845296`, or `946845296.123` with the fraction trimmed of trailing
    ///   zeros (full nanosecond precision is kept).
    ///
    /// Years 0000 to 9999 are written with four digits; beyond that range (which the text
    /// formats cannot express and [`parse`](Self::parse) will not read back) the year is written
    /// ISO 8601 style with a sign, e.g. `+10000` or `-0001`.
    pub fn fmt(&self, format: TimestampFormat) -> String {
        match format {
            TimestampFormat::DateTime => self.rfc3339_text(),
            TimestampFormat::HttpDate => self.http_date_text(),
            TimestampFormat::EpochSeconds => self.epoch_seconds_text(),
        }
    }

    fn rfc3339_text(&self) -> String {
        let parts = CivilTime::from_secs(self.secs);
        let mut out = format!(
            "{}-{:02}-{:02}T{:02}:{:02}:{:02}",
            year_text(parts.year),
            parts.month,
            parts.day,
            parts.hour,
            parts.minute,
            parts.second
        );
        if self.nanos != 0 {
            out.push('.');
            out.push_str(&fraction_digits(self.nanos));
        }
        out.push('Z');
        out
    }

    fn http_date_text(&self) -> String {
        let parts = CivilTime::from_secs(self.secs);
        let mut out = format!(
            "{}, {:02} {} {} {:02}:{:02}:{:02}",
            WEEKDAYS[parts.weekday as usize],
            parts.day,
            MONTHS[parts.month as usize - 1],
            year_text(parts.year),
            parts.hour,
            parts.minute,
            parts.second
        );
        let millis = self.nanos / 1_000_000;
        if millis != 0 {
            out.push_str(&format!(".{millis:03}"));
        }
        out.push_str(" GMT");
        out
    }

    fn epoch_seconds_text(&self) -> String {
        if self.nanos == 0 {
            return self.secs.to_string();
        }
        // Spell the value as sign, whole part and fraction of its magnitude.
        let (sign, whole, fraction) = if self.secs < 0 {
            (
                "-",
                (self.secs + 1).unsigned_abs(),
                NANOS_PER_SEC - self.nanos,
            )
        } else {
            ("", self.secs.unsigned_abs(), self.nanos)
        };
        format!("{sign}{whole}.{}", fraction_digits(fraction))
    }
}

impl fmt::Display for DateTime {
    /// Writes the RFC 3339 `date-time` form, e.g. `2000-01-02T20:34:56.123Z`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.rfc3339_text())
    }
}

impl FromStr for DateTime {
    type Err = DateTimeParseError;

    /// Reads the RFC 3339 `date-time` form; see [`DateTime::parse`].
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        DateTime::parse(text, TimestampFormat::DateTime)
    }
}

impl From<SystemTime> for DateTime {
    fn from(time: SystemTime) -> Self {
        match time.duration_since(UNIX_EPOCH) {
            Ok(after) => DateTime {
                secs: i64::try_from(after.as_secs()).unwrap_or(i64::MAX),
                nanos: after.subsec_nanos(),
            },
            Err(err) => {
                let before = err.duration();
                let secs = i64::try_from(before.as_secs()).map_or(i64::MIN, |s| -s);
                if before.subsec_nanos() == 0 {
                    DateTime { secs, nanos: 0 }
                } else {
                    DateTime {
                        secs: secs.saturating_sub(1),
                        nanos: NANOS_PER_SEC - before.subsec_nanos(),
                    }
                }
            }
        }
    }
}

impl TryFrom<DateTime> for SystemTime {
    type Error = SystemTimeRangeError;

    /// Fails when the platform's `SystemTime` cannot hold the instant.
    fn try_from(time: DateTime) -> Result<Self, Self::Error> {
        let whole = if time.secs >= 0 {
            UNIX_EPOCH.checked_add(Duration::from_secs(time.secs.unsigned_abs()))
        } else {
            UNIX_EPOCH.checked_sub(Duration::from_secs(time.secs.unsigned_abs()))
        };
        whole
            .and_then(|t| t.checked_add(Duration::from_nanos(u64::from(time.nanos))))
            .ok_or(SystemTimeRangeError { time })
    }
}

/// Returned by [`DateTime::parse`] and [`DateTime::from_fractional_secs`] when the input is not
/// a valid timestamp; its message names the format, the input and what was wrong with it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateTimeParseError {
    format: TimestampFormat,
    input: String,
    reason: String,
}

impl DateTimeParseError {
    /// The format the input was read as.
    pub fn format(&self) -> TimestampFormat {
        self.format
    }
}

impl fmt::Display for DateTimeParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid {} timestamp {:?}: {}",
            self.format, self.input, self.reason
        )
    }
}

impl std::error::Error for DateTimeParseError {}

/// Returned when a [`DateTime`] lies outside what the platform's [`SystemTime`] can hold.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SystemTimeRangeError {
    time: DateTime,
}

impl fmt::Display for SystemTimeRangeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "timestamp {} seconds from the Unix epoch is outside the range of SystemTime",
            self.time.epoch_seconds_text()
        )
    }
}

impl std::error::Error for SystemTimeRangeError {}

// ---------------------------------------------------------------------------------------------
// Calendar arithmetic
// ---------------------------------------------------------------------------------------------

const WEEKDAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Days from 1970-01-01 to the given proleptic Gregorian date (Howard Hinnant's
/// `days_from_civil`). `month` is 1..=12 and `day` 1..=31.
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    // Count years from March, so that the leap day is the last day of the counted year.
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400; // 0..=399
    let month_from_march = i64::from((month + 9) % 12); // March = 0
    let day_of_year = (153 * month_from_march + 2) / 5 + i64::from(day) - 1; // 0..=365
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The proleptic Gregorian date `days` days after 1970-01-01, as (year, month, day); the
/// inverse of [`days_from_civil`].
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let days = days + 719_468; // now counted from 0000-03-01
    let era = days.div_euclid(146_097);
    let day_of_era = days - era * 146_097; // 0..=146096
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153; // 0..=11
    let day = (day_of_year - (153 * month_from_march + 2) / 5 + 1) as u32;
    let month = if month_from_march < 10 {
        month_from_march + 3
    } else {
        month_from_march - 9
    } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

fn is_leap_year(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if is_leap_year(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// A UTC instant broken into calendar fields (seconds resolution).
struct CivilTime {
    year: i64,
    month: u32,
    day: u32,
    hour: u32,
    minute: u32,
    second: u32,
    /// 0 = Sunday.
    weekday: u32,
}

impl CivilTime {
    fn from_secs(secs: i64) -> Self {
        let days = secs.div_euclid(SECS_PER_DAY);
        let second_of_day = secs.rem_euclid(SECS_PER_DAY) as u32;
        let (year, month, day) = civil_from_days(days);
        CivilTime {
            year,
            month,
            day,
            hour: second_of_day / 3600,
            minute: second_of_day / 60 % 60,
            second: second_of_day % 60,
            // 1970-01-01 was a Thursday.
            weekday: (days + 4).rem_euclid(7) as u32,
        }
    }
}

fn year_text(year: i64) -> String {
    if (0..=9999).contains(&year) {
        format!("{year:04}")
    } else if year > 9999 {
        format!("+{year}")
    } else {
        format!("-{:04}", year.unsigned_abs())
    }
}

/// Nanoseconds (1..1e9) as decimal fraction digits without trailing zeros.
fn fraction_digits(nanos: u32) -> String {
    let digits = format!("{nanos:09}");
    digits.trim_end_matches('0').to_owned()
}

/// Keeps error messages bounded when a caller feeds in something huge.
fn truncate_input(text: &str) -> String {
    const LIMIT: usize = 64;
    match text.char_indices().nth(LIMIT) {
        Some((cut, _)) => format!("{}...", &text[..cut]),
        None => text.to_owned(),
    }
}

// ---------------------------------------------------------------------------------------------
// Parsing
// ---------------------------------------------------------------------------------------------

/// A forward-only reader over ASCII text with messages that say where it went wrong.
struct Cursor<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn new(text: &'a str) -> Self {
        Cursor {
            bytes: text.as_bytes(),
            pos: 0,
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn found(&self) -> String {
        match self.peek() {
            None => "the end of the text".to_owned(),
            Some(b) if b.is_ascii_graphic() || b == b' ' => format!("{:?}", char::from(b)),
            Some(b) => format!("byte 0x{b:02x}"),
        }
    }

    fn fail<T>(&self, expected: &str) -> Result<T, String> {
        Err(format!(
            "expected {expected} at offset {} but found {}",
            self.pos,
            self.found()
        ))
    }

    /// Consumes `byte` (compared without regard to ASCII case).
    fn expect(&mut self, byte: u8, expected: &str) -> Result<(), String> {
        match self.peek() {
            Some(b) if b.eq_ignore_ascii_case(&byte) => {
                self.pos += 1;
                Ok(())
            }
            _ => self.fail(expected),
        }
    }

    /// Consumes exactly `count` ASCII digits and returns their value.
    fn digits(&mut self, count: usize, what: &str) -> Result<u32, String> {
        let mut value = 0u32;
        for _ in 0..count {
            match self.peek() {
                Some(b @ b'0'..=b'9') => {
                    value = value * 10 + u32::from(b - b'0');
                    self.pos += 1;
                }
                _ => return self.fail(&format!("{count} digits of {what}")),
            }
        }
        Ok(value)
    }

    /// Consumes one or more digits following a `.` and returns them rounded to nanoseconds,
    /// together with a carry of one second when rounding reaches a whole second.
    fn fraction(&mut self) -> Result<(u32, bool), String> {
        let start = self.pos;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.pos += 1;
        }
        if self.pos == start {
            return self.fail("digits of fractional seconds after '.'");
        }
        Ok(round_fraction(&self.bytes[start..self.pos]))
    }

    /// Consumes `len` ASCII letters and returns the index of the one of `names` they spell,
    /// ignoring case.
    fn name(&mut self, names: &[&str], what: &str) -> Result<usize, String> {
        let len = names[0].len();
        let word = self.bytes.get(self.pos..self.pos + len);
        match word.and_then(|w| {
            names
                .iter()
                .position(|n| n.as_bytes().eq_ignore_ascii_case(w))
        }) {
            Some(index) => {
                self.pos += len;
                Ok(index)
            }
            None => self.fail(what),
        }
    }

    fn end(&self) -> Result<(), String> {
        if self.pos == self.bytes.len() {
            Ok(())
        } else {
            self.fail("the end of the text")
        }
    }
}

/// Turns decimal fraction digits into nanoseconds, rounding half up at the tenth digit. The flag
/// is set when the rounding carries into a whole second (the nanoseconds are then 0).
fn round_fraction(digits: &[u8]) -> (u32, bool) {
    let mut nanos = 0u32;
    for i in 0..9 {
        let digit = digits.get(i).map_or(0, |d| u32::from(d - b'0'));
        nanos = nanos * 10 + digit;
    }
    if digits.get(9).is_some_and(|d| *d >= b'5') {
        nanos += 1;
        if nanos == NANOS_PER_SEC {
            return (0, true);
        }
    }
    (nanos, false)
}

/// Seconds since the epoch for a calendar date and time of day, checking every field's range.
fn checked_civil_secs(
    year: i64,
    month: u32,
    day: u32,
    hour: u32,
    minute: u32,
    second: u32,
) -> Result<i64, String> {
    if !(1..=12).contains(&month) {
        return Err(format!("month {month} is not between 01 and 12"));
    }
    let month_days = days_in_month(year, month);
    if day == 0 || day > month_days {
        return Err(format!(
            "day {day} does not exist in {} {year:04}",
            MONTHS[month as usize - 1]
        ));
    }
    if hour > 23 {
        return Err(format!("hour {hour} is not between 00 and 23"));
    }
    if minute > 59 {
        return Err(format!("minute {minute} is not between 00 and 59"));
    }
    if second > 60 {
        return Err(format!("second {second} is not between 00 and 60"));
    }
    let time_of_day = i64::from(hour * 3600 + minute * 60 + second);
    Ok(days_from_civil(year, month, day) * SECS_PER_DAY + time_of_day)
}

fn parse_rfc3339(text: &str) -> Result<DateTime, String> {
    let mut c = Cursor::new(text);
    let year = c.digits(4, "the year")?;
    c.expect(b'-', "'-' after the year")?;
    let month = c.digits(2, "the month")?;
    c.expect(b'-', "'-' after the month")?;
    let day = c.digits(2, "the day")?;
    c.expect(b'T', "'T' between date and time")?;
    let hour = c.digits(2, "the hour")?;
    c.expect(b':', "':' after the hour")?;
    let minute = c.digits(2, "the minute")?;
    c.expect(b':', "':' after the minute")?;
    let second = c.digits(2, "the second")?;
    let (nanos, carry) = if c.peek() == Some(b'.') {
        c.pos += 1;
        c.fraction()?
    } else {
        (0, false)
    };
    let offset_secs = match c.peek() {
        Some(b'Z' | b'z') => {
            c.pos += 1;
            0
        }
        Some(sign @ (b'+' | b'-')) => {
            c.pos += 1;
            let offset_hour = c.digits(2, "the offset hours")?;
            c.expect(b':', "':' in the UTC offset")?;
            let offset_minute = c.digits(2, "the offset minutes")?;
            if offset_hour > 23 || offset_minute > 59 {
                return Err(format!(
                    "UTC offset {offset_hour:02}:{offset_minute:02} is out of range"
                ));
            }
            let magnitude = i64::from(offset_hour * 3600 + offset_minute * 60);
            if sign == b'-' {
                -magnitude
            } else {
                magnitude
            }
        }
        _ => return c.fail("'Z' or a UTC offset such as '+01:00'"),
    };
    c.end()?;
    let local = checked_civil_secs(i64::from(year), month, day, hour, minute, second)?;
    // Local time = UTC + offset, so UTC = local - offset. The range is far inside i64.
    Ok(DateTime::from_secs_and_nanos(
        local - offset_secs + i64::from(carry),
        nanos,
    ))
}

fn parse_http_date(text: &str) -> Result<DateTime, String> {
    let mut c = Cursor::new(text);
    c.name(&WEEKDAYS, "a day name such as 'Tue'")?;
    c.expect(b',', "',' after the day name")?;
    c.expect(b' ', "' ' after the day name")?;
    let day = c.digits(2, "the day")?;
    c.expect(b' ', "' ' after the day")?;
    let month = c.name(&MONTHS, "a month name such as 'Apr'")? as u32 + 1;
    c.expect(b' ', "' ' after the month")?;
    let year = c.digits(4, "the year")?;
    c.expect(b' ', "' ' after the year")?;
    let hour = c.digits(2, "the hour")?;
    c.expect(b':', "':' after the hour")?;
    let minute = c.digits(2, "the minute")?;
    c.expect(b':', "':' after the minute")?;
    let second = c.digits(2, "the second")?;
    let (nanos, carry) = if c.peek() == Some(b'.') {
        c.pos += 1;
        c.fraction()?
    } else {
        (0, false)
    };
    c.expect(b' ', "' GMT'")?;
    c.name(&["GMT"], "'GMT'")?;
    c.end()?;
    let secs = checked_civil_secs(i64::from(year), month, day, hour, minute, second)?;
    Ok(DateTime::from_secs_and_nanos(
        secs + i64::from(carry),
        nanos,
    ))
}

fn parse_epoch_seconds(text: &str) -> Result<DateTime, String> {
    let has_exponent = text.bytes().any(|b| b == b'e' || b == b'E');
    let plain_chars = text
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'-' | b'+' | b'.' | b'e' | b'E'));
    if has_exponent && plain_chars && text.starts_with(|ch: char| ch == '-' || ch.is_ascii_digit())
    {
        let value: f64 = text
            .parse()
            .map_err(|_| "not a decimal number".to_owned())?;
        if !value.is_finite() {
            return Err("out of the range of representable timestamps".to_owned());
        }
        return DateTime::from_fractional_secs(value).map_err(|err| err.reason);
    }
    parse_decimal(text)
}

/// Reads `-?digits(.digits)?` exactly, rounding the fraction to nanoseconds.
fn parse_decimal(text: &str) -> Result<DateTime, String> {
    let mut c = Cursor::new(text);
    let negative = c.peek() == Some(b'-');
    if negative {
        c.pos += 1;
    }
    let start = c.pos;
    // Accumulated in i128 and checked so no input can overflow: beyond 2^63 we stop.
    let mut whole: i128 = 0;
    while let Some(b @ b'0'..=b'9') = c.peek() {
        whole = whole * 10 + i128::from(b - b'0');
        if whole > i128::from(i64::MAX) + 1 {
            return Err("out of the range of representable timestamps".to_owned());
        }
        c.pos += 1;
    }
    if c.pos == start {
        return c.fail("a decimal number of seconds");
    }
    let (nanos, carry) = if c.peek() == Some(b'.') {
        c.pos += 1;
        c.fraction()?
    } else {
        (0, false)
    };
    c.end()?;
    let whole = whole + i128::from(carry);
    let (secs, nanos) = match (negative, nanos) {
        (false, _) => (whole, nanos),
        (true, 0) => (-whole, 0),
        (true, _) => (-whole - 1, NANOS_PER_SEC - nanos),
    };
    let secs = i64::try_from(secs)
        .map_err(|_| "out of the range of representable timestamps".to_owned())?;
    Ok(DateTime { secs, nanos })
}

#[cfg(test)]
mod tests {
    use super::*;

    const FORMATS: [TimestampFormat; 3] = [
        TimestampFormat::EpochSeconds,
        TimestampFormat::DateTime,
        TimestampFormat::HttpDate,
    ];

    fn dt(secs: i64, nanos: u32) -> DateTime {
        DateTime::from_secs_and_nanos(secs, nanos)
    }

    fn parse(text: &str, format: TimestampFormat) -> DateTime {
        DateTime::parse(text, format).unwrap_or_else(|err| panic!("{err}"))
    }

    #[test]
    fn constructors_normalize() {
        assert_eq!(DateTime::from_secs(5), dt(5, 0));
        assert_eq!(DateTime::from_millis(1_500), dt(1, 500_000_000));
        assert_eq!(DateTime::from_millis(-1), dt(-1, 999_000_000));
        assert_eq!(DateTime::from_millis(-1_000), dt(-1, 0));
        assert_eq!(DateTime::from_millis(-1_500), dt(-2, 500_000_000));
        assert_eq!(dt(1, 2_500_000_000), dt(3, 500_000_000));
        assert_eq!(dt(i64::MAX, u32::MAX).secs(), i64::MAX);
        assert_eq!(DateTime::default(), DateTime::UNIX_EPOCH);
        assert_eq!(dt(-1, 5).secs(), -1);
        assert_eq!(dt(-1, 5).subsec_nanos(), 5);
    }

    #[test]
    fn ordering_follows_the_instant() {
        let mut times = vec![dt(1, 0), dt(-1, 999_999_999), dt(-1, 0), dt(0, 1), dt(0, 0)];
        times.sort();
        assert_eq!(
            times,
            vec![dt(-1, 0), dt(-1, 999_999_999), dt(0, 0), dt(0, 1), dt(1, 0)]
        );
    }

    #[test]
    fn fractional_secs_in() {
        assert_eq!(
            DateTime::from_fractional_secs(946_845_296.123).unwrap(),
            dt(946_845_296, 123_000_000)
        );
        assert_eq!(
            DateTime::from_fractional_secs(1_515_531_081.123_4).unwrap(),
            dt(1_515_531_081, 123_400_000)
        );
        assert_eq!(
            DateTime::from_fractional_secs(-0.5).unwrap(),
            dt(-1, 500_000_000)
        );
        assert_eq!(DateTime::from_fractional_secs(-1.0).unwrap(), dt(-1, 0));
        assert_eq!(DateTime::from_fractional_secs(-0.0).unwrap(), dt(0, 0));
        assert_eq!(
            DateTime::from_fractional_secs(0.1).unwrap(),
            dt(0, 100_000_000)
        );
        // Digits past nanoseconds round to nearest, carrying into the seconds.
        assert_eq!(
            DateTime::from_fractional_secs(0.123_456_789_6).unwrap(),
            dt(0, 123_456_790)
        );
        assert_eq!(
            DateTime::from_fractional_secs(0.999_999_999_9).unwrap(),
            dt(1, 0)
        );
        assert_eq!(
            DateTime::from_fractional_secs(-0.999_999_999_9).unwrap(),
            dt(-1, 0)
        );
        assert_eq!(
            DateTime::from_fractional_secs(1e-12).unwrap(),
            DateTime::UNIX_EPOCH
        );
        assert_eq!(
            DateTime::from_fractional_secs(-9.2e18).unwrap().secs(),
            -9_200_000_000_000_000_000
        );
    }

    #[test]
    fn fractional_secs_rejects_bad_numbers() {
        for bad in [
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            1e19,
            -1e19,
            9.3e18,
            f64::MAX,
        ] {
            let err = DateTime::from_fractional_secs(bad).unwrap_err();
            assert_eq!(err.format(), TimestampFormat::EpochSeconds);
            let message = err.to_string();
            assert!(
                message.starts_with("invalid epoch-seconds timestamp"),
                "{message}"
            );
        }
        let message = DateTime::from_fractional_secs(f64::NAN)
            .unwrap_err()
            .to_string();
        assert!(message.contains("not a finite number"), "{message}");
    }

    #[test]
    fn fractional_secs_out() {
        assert_eq!(
            dt(946_845_296, 123_000_000).as_fractional_secs(),
            946_845_296.123
        );
        assert_eq!(dt(-1, 500_000_000).as_fractional_secs(), -0.5);
        assert_eq!(dt(-2, 0).as_fractional_secs(), -2.0);
        assert_eq!(dt(0, 1).as_fractional_secs(), 1e-9);
        assert_eq!(
            dt(1_515_531_081, 123_400_000).as_fractional_secs(),
            1_515_531_081.123_4
        );
        for millis in [-1_234_567_890_123i64, -1, 0, 1, 999, 1_700_000_000_001] {
            let time = DateTime::from_millis(millis);
            assert_eq!(
                DateTime::from_fractional_secs(time.as_fractional_secs()).unwrap(),
                time
            );
        }
    }

    #[test]
    fn system_time_round_trip() {
        for time in [
            dt(0, 0),
            dt(1_700_000_000, 123_456_789),
            dt(-1, 1),
            dt(-86_400 * 365, 999_999_999),
        ] {
            let system = SystemTime::try_from(time).unwrap();
            assert_eq!(DateTime::from(system), time);
        }
        let system = UNIX_EPOCH - Duration::from_millis(1_500);
        assert_eq!(DateTime::from(system), dt(-2, 500_000_000));
        let system = UNIX_EPOCH + Duration::new(10, 7);
        assert_eq!(DateTime::from(system), dt(10, 7));
        let now = SystemTime::now();
        assert_eq!(SystemTime::try_from(DateTime::from(now)).unwrap(), now);
        // Whether the extremes fit depends on the platform; either way nothing panics and what
        // converts, converts back.
        for time in [dt(i64::MAX, 999_999_999), dt(i64::MIN, 0), dt(i64::MIN, 1)] {
            match SystemTime::try_from(time) {
                Ok(system) => assert_eq!(DateTime::from(system), time),
                Err(err) => {
                    assert!(
                        err.to_string().contains("outside the range of SystemTime"),
                        "{err}"
                    )
                }
            }
        }
    }

    #[test]
    fn formats_known_instants() {
        let cases: &[(DateTime, &str, &str, &str)] = &[
            (
                dt(0, 0),
                "0",
                "1970-01-01T00:00:00Z",
                "Thu, 01 Jan 1970 00:00:00 GMT",
            ),
            (
                dt(1_398_796_238, 0),
                "1398796238",
                "2014-04-29T18:30:38Z",
                "Tue, 29 Apr 2014 18:30:38 GMT",
            ),
            (
                dt(946_845_296, 123_000_000),
                "946845296.123",
                "2000-01-02T20:34:56.123Z",
                "Sun, 02 Jan 2000 20:34:56.123 GMT",
            ),
            (
                dt(1_515_531_081, 123_400_000),
                "1515531081.1234",
                "2018-01-09T20:51:21.1234Z",
                "Tue, 09 Jan 2018 20:51:21.123 GMT",
            ),
            (
                dt(-1, 0),
                "-1",
                "1969-12-31T23:59:59Z",
                "Wed, 31 Dec 1969 23:59:59 GMT",
            ),
            (
                dt(-1, 500_000_000),
                "-0.5",
                "1969-12-31T23:59:59.5Z",
                "Wed, 31 Dec 1969 23:59:59.500 GMT",
            ),
            (
                dt(-86_401, 1),
                "-86400.999999999",
                "1969-12-30T23:59:59.000000001Z",
                "Tue, 30 Dec 1969 23:59:59 GMT",
            ),
            (
                dt(951_782_400, 0),
                "951782400",
                "2000-02-29T00:00:00Z",
                "Tue, 29 Feb 2000 00:00:00 GMT",
            ),
            (
                dt(-62_135_596_800, 0),
                "-62135596800",
                "0001-01-01T00:00:00Z",
                "Mon, 01 Jan 0001 00:00:00 GMT",
            ),
            (
                dt(253_402_300_799, 999_000_000),
                "253402300799.999",
                "9999-12-31T23:59:59.999Z",
                "Fri, 31 Dec 9999 23:59:59.999 GMT",
            ),
        ];
        for (time, epoch, rfc3339, http) in cases {
            assert_eq!(time.fmt(TimestampFormat::EpochSeconds), *epoch);
            assert_eq!(time.fmt(TimestampFormat::DateTime), *rfc3339);
            assert_eq!(time.fmt(TimestampFormat::HttpDate), *http);
            assert_eq!(time.to_string(), *rfc3339);
            // And back again (http-date keeps milliseconds only).
            assert_eq!(parse(epoch, TimestampFormat::EpochSeconds), *time);
            assert_eq!(parse(rfc3339, TimestampFormat::DateTime), *time);
            assert_eq!(rfc3339.parse::<DateTime>().unwrap(), *time);
            let millis_only = dt(time.secs(), time.subsec_nanos() / 1_000_000 * 1_000_000);
            assert_eq!(parse(http, TimestampFormat::HttpDate), millis_only);
        }
    }

    #[test]
    fn formats_years_outside_four_digits_without_panicking() {
        assert_eq!(dt(253_402_300_800, 0).to_string(), "+10000-01-01T00:00:00Z");
        assert_eq!(dt(-62_135_596_801, 0).to_string(), "0000-12-31T23:59:59Z");
        assert_eq!(dt(-62_167_219_201, 0).to_string(), "-0001-12-31T23:59:59Z");
        for time in [dt(i64::MIN, 0), dt(i64::MAX, 999_999_999), dt(i64::MIN, 1)] {
            for format in FORMATS {
                let _ = time.fmt(format);
            }
            let _ = time.as_fractional_secs();
        }
        assert_eq!(
            dt(i64::MIN, 0).fmt(TimestampFormat::EpochSeconds),
            i64::MIN.to_string()
        );
        assert_eq!(
            dt(i64::MIN, 1).fmt(TimestampFormat::EpochSeconds),
            "-9223372036854775807.999999999"
        );
        assert_eq!(
            parse(
                "-9223372036854775807.999999999",
                TimestampFormat::EpochSeconds
            ),
            dt(i64::MIN, 1)
        );
        assert_eq!(
            parse("-9223372036854775808", TimestampFormat::EpochSeconds),
            dt(i64::MIN, 0)
        );
        assert!(DateTime::parse("-9223372036854775808.5", TimestampFormat::EpochSeconds).is_err());
        assert!(DateTime::parse("9223372036854775808", TimestampFormat::EpochSeconds).is_err());
    }

    #[test]
    fn calendar_functions_agree_everywhere_in_years_1_to_9999() {
        let first = days_from_civil(1, 1, 1);
        let last = days_from_civil(9999, 12, 31);
        assert_eq!(first, -719_162);
        assert_eq!(last, 2_932_896);
        let (mut year, mut month, mut day) = (1i64, 1u32, 1u32);
        for days in first..=last {
            assert_eq!(civil_from_days(days), (year, month, day));
            assert_eq!(days_from_civil(year, month, day), days);
            day += 1;
            if day > days_in_month(year, month) {
                day = 1;
                month += 1;
                if month > 12 {
                    month = 1;
                    year += 1;
                }
            }
        }
    }

    #[test]
    fn text_round_trips_across_years_1_to_9999() {
        let first = days_from_civil(1, 1, 1) * SECS_PER_DAY;
        let last = days_from_civil(9999, 12, 31) * SECS_PER_DAY + SECS_PER_DAY - 1;
        let mut secs = first;
        let mut step = 0u32;
        while secs <= last {
            step += 1;
            let time = dt(secs, (step % 1000) * 1_000_000);
            for format in FORMATS {
                assert_eq!(parse(&time.fmt(format), format), time, "{format}");
            }
            // A prime stride visits every time of day and day of the week over the range.
            secs += 86_400 * 37 + 7_919;
        }
        assert_eq!(
            parse("9999-12-31T23:59:59.999999999Z", TimestampFormat::DateTime).secs(),
            last
        );
        assert_eq!(
            parse("0001-01-01T00:00:00Z", TimestampFormat::DateTime).secs(),
            first
        );
    }

    #[test]
    fn leap_years() {
        for (text, ok) in [
            ("2000-02-29T00:00:00Z", true),
            ("2024-02-29T12:00:00Z", true),
            ("1600-02-29T00:00:00Z", true),
            ("0004-02-29T00:00:00Z", true),
            ("1900-02-29T00:00:00Z", false),
            ("2023-02-29T00:00:00Z", false),
            ("2100-02-29T00:00:00Z", false),
            ("2024-02-30T00:00:00Z", false),
            ("2024-04-31T00:00:00Z", false),
        ] {
            assert_eq!(
                DateTime::parse(text, TimestampFormat::DateTime).is_ok(),
                ok,
                "{text}"
            );
        }
        assert_eq!(
            parse("2024-03-01T00:00:00Z", TimestampFormat::DateTime).secs()
                - parse("2024-02-28T00:00:00Z", TimestampFormat::DateTime).secs(),
            2 * 86_400
        );
        assert_eq!(
            parse("2023-03-01T00:00:00Z", TimestampFormat::DateTime).secs()
                - parse("2023-02-28T00:00:00Z", TimestampFormat::DateTime).secs(),
            86_400
        );
        assert_eq!(
            parse("Thu, 29 Feb 2024 00:00:00 GMT", TimestampFormat::HttpDate).to_string(),
            "2024-02-29T00:00:00Z"
        );
        assert!(
            DateTime::parse("Mon, 29 Feb 2100 00:00:00 GMT", TimestampFormat::HttpDate).is_err()
        );
    }

    #[test]
    fn rfc3339_offsets_and_case() {
        let utc = parse("2019-12-16T23:48:18Z", TimestampFormat::DateTime);
        assert_eq!(utc, DateTime::from_secs(1_576_540_098));
        for text in [
            "2019-12-16T22:48:18-01:00",
            "2019-12-17T00:48:18+01:00",
            "2019-12-16t23:48:18z",
            "2019-12-16T23:48:18+00:00",
            "2019-12-16T23:48:18-00:00",
            "2019-12-17T13:48:18+14:00",
            "2019-12-16T11:18:18-12:30",
        ] {
            assert_eq!(parse(text, TimestampFormat::DateTime), utc, "{text}");
        }
        // An offset can move the date across a year boundary.
        assert_eq!(
            parse("1970-01-01T00:30:00+01:00", TimestampFormat::DateTime),
            DateTime::from_secs(-1_800)
        );
    }

    #[test]
    fn rfc3339_fractions() {
        let base = 946_845_296;
        for (fraction, nanos, carry) in [
            ("1", 100_000_000, 0),
            ("123", 123_000_000, 0),
            ("000000001", 1, 0),
            ("1234567894", 123_456_789, 0),
            ("1234567895", 123_456_790, 0),
            ("12345678949999", 123_456_789, 0),
            ("9999999995", 0, 1),
            ("000", 0, 0),
            ("0000000000000000000000000000000000000000001", 0, 0),
        ] {
            let text = format!("2000-01-02T20:34:56.{fraction}Z");
            assert_eq!(
                parse(&text, TimestampFormat::DateTime),
                dt(base + carry, nanos),
                "{text}"
            );
        }
        // Rounding carries across midnight at the end of a year.
        assert_eq!(
            parse("1999-12-31T23:59:59.9999999999Z", TimestampFormat::DateTime).to_string(),
            "2000-01-01T00:00:00Z"
        );
        // A leap second is read as the first second of the next minute.
        assert_eq!(
            parse("2016-12-31T23:59:60Z", TimestampFormat::DateTime).to_string(),
            "2017-01-01T00:00:00Z"
        );
    }

    #[test]
    fn rfc3339_rejects_other_shapes() {
        // The Smithy malformed-timestamp protocol tests plus a few more.
        for bad in [
            "1996-12-19T16:39:57+00",
            "1996-12-19T16:39:57+00Z",
            "1996-12-19T16:39:57",
            "1996-12-19T163957",
            "19961219T163957Z",
            "19961219T163957",
            "19961219T16:39:57Z",
            "19961219T16:39:57",
            "1996-12-19T16:39Z",
            "1996-12-19T16:39",
            "1996-12-19T1639",
            "1996-12-19T16Z",
            "1996-12-19T16",
            "1996-12-19 16:39:57Z",
            "2011-12-03T10:15:30+01:00[Europe/Paris]",
            "Tue, 29 Apr 2014 18:30:38 GMT",
            "1515531081.1234",
            "1515531081",
            "",
            "1996-12-19T16:39:57.Z",
            "1996-13-19T16:39:57Z",
            "1996-00-19T16:39:57Z",
            "1996-12-00T16:39:57Z",
            "1996-12-19T24:00:00Z",
            "1996-12-19T23:60:00Z",
            "1996-12-19T23:59:61Z",
            "1996-12-19T16:39:57+24:00",
            "1996-12-19T16:39:57+01:60",
            " 1996-12-19T16:39:57Z",
            "1996-12-19T16:39:57Z ",
            "+1996-12-19T16:39:57Z",
            "١٩٩٦-12-19T16:39:57Z",
        ] {
            let err = DateTime::parse(bad, TimestampFormat::DateTime).unwrap_err();
            assert_eq!(err.format(), TimestampFormat::DateTime);
            assert!(
                err.to_string().starts_with("invalid date-time timestamp"),
                "{err}"
            );
        }
        let err = DateTime::parse("1996-12-19 16:39:57Z", TimestampFormat::DateTime).unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid date-time timestamp \"1996-12-19 16:39:57Z\": expected 'T' between date and \
             time at offset 10 but found ' '"
        );
        let err = DateTime::parse("2023-02-29T00:00:00Z", TimestampFormat::DateTime).unwrap_err();
        assert!(
            err.to_string()
                .ends_with("day 29 does not exist in Feb 2023"),
            "{err}"
        );
        let long = "9".repeat(500);
        let err = DateTime::parse(&long, TimestampFormat::DateTime).unwrap_err();
        assert!(err.to_string().len() < 200);
    }

    #[test]
    fn http_date_parsing() {
        assert_eq!(
            parse("Tue, 29 Apr 2014 18:30:38 GMT", TimestampFormat::HttpDate),
            DateTime::from_secs(1_398_796_238)
        );
        assert_eq!(
            parse(
                "Sun, 02 Jan 2000 20:34:56.000 GMT",
                TimestampFormat::HttpDate
            ),
            DateTime::from_secs(946_845_296)
        );
        assert_eq!(
            parse(
                "Sun, 02 Jan 2000 20:34:56.123456 GMT",
                TimestampFormat::HttpDate
            ),
            dt(946_845_296, 123_456_000)
        );
        assert_eq!(
            parse("tue, 29 APR 2014 18:30:38 gmt", TimestampFormat::HttpDate),
            DateTime::from_secs(1_398_796_238)
        );
        // The day name is not checked against the date.
        assert_eq!(
            parse("Mon, 29 Apr 2014 18:30:38 GMT", TimestampFormat::HttpDate),
            DateTime::from_secs(1_398_796_238)
        );
        for bad in [
            "Tue, 29 Apr 2014 18:30:38",
            "Tue, 29 Apr 2014 18:30:38 UTC",
            "Tue, 29 Apr 2014 18:30:38 GMT ",
            "Tue, 29 Apr 14 18:30:38 GMT",
            "Tue, 9 Apr 2014 18:30:38 GMT",
            "Tue 29 Apr 2014 18:30:38 GMT",
            "Tuesday, 29-Apr-14 18:30:38 GMT",
            "Tue Apr 29 18:30:38 2014",
            "Tue, 29 Foo 2014 18:30:38 GMT",
            "Xyz, 29 Apr 2014 18:30:38 GMT",
            "Tue, 31 Apr 2014 18:30:38 GMT",
            "Tue, 29 Apr 2014 18:30:38. GMT",
            "Tue, 29 Apr 2014 25:30:38 GMT",
            "2014-04-29T18:30:38Z",
            "1398796238",
            "Tu",
            "",
        ] {
            let err = DateTime::parse(bad, TimestampFormat::HttpDate).unwrap_err();
            assert!(
                err.to_string().starts_with("invalid http-date timestamp"),
                "{err}"
            );
        }
    }

    #[test]
    fn epoch_seconds_parsing() {
        for (text, time) in [
            ("0", dt(0, 0)),
            ("-0", dt(0, 0)),
            ("1515531081", dt(1_515_531_081, 0)),
            ("1515531081.1234", dt(1_515_531_081, 123_400_000)),
            ("1515531081.000", dt(1_515_531_081, 0)),
            ("-1.25", dt(-2, 750_000_000)),
            ("-0.000000001", dt(-1, 999_999_999)),
            ("0.0000000005", dt(0, 1)),
            ("0.0000000004", dt(0, 0)),
            ("1.9999999999", dt(2, 0)),
            ("-1.9999999999", dt(-2, 0)),
            ("007", dt(7, 0)),
            ("1.5e9", dt(1_500_000_000, 0)),
            ("1E3", dt(1_000, 0)),
        ] {
            assert_eq!(parse(text, TimestampFormat::EpochSeconds), time, "{text}");
        }
        // The Smithy malformed-timestamp protocol tests plus a few more.
        for bad in [
            "true",
            "1515531081ABC",
            "0x42",
            "1515531081.123.456",
            "Infinity",
            "-Infinity",
            "NaN",
            "inf",
            "1e400",
            "",
            "-",
            ".5",
            "1.",
            "+1",
            " 1",
            "1 ",
            "1985-04-12T23:20:50.52Z",
            "Tue, 29 Apr 2014 18:30:38 GMT",
            "99999999999999999999999999999999999999999999999999",
        ] {
            let err = DateTime::parse(bad, TimestampFormat::EpochSeconds).unwrap_err();
            assert!(
                err.to_string()
                    .starts_with("invalid epoch-seconds timestamp"),
                "{err}"
            );
        }
    }

    #[test]
    fn timestamp_format_names() {
        assert_eq!(TimestampFormat::EpochSeconds.to_string(), "epoch-seconds");
        assert_eq!(TimestampFormat::DateTime.as_str(), "date-time");
        assert_eq!(TimestampFormat::HttpDate.as_str(), "http-date");
    }
}
