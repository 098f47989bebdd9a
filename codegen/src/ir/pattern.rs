//! `@pattern` → an ECMAScript regular expression the runtime compiles with `regress`.
//!
//! Smithy defines patterns as ECMA-262 regular expressions, but AWS models are written by
//! services whose validators are often Java, and some patterns only make sense with Java's
//! rules. This module is the ONE place where those Java-isms are mapped to what the service
//! means. The output is compiled in ECMAScript "unicode sets" mode (the `v` flag): patterns
//! match Unicode code points, never UTF-16 halves, and classes may nest and intersect.
//!
//! | written in the model | understood as |
//! |---|---|
//! | `\uD800\uDC00` (a surrogate pair, also in ranges) | the supplementary code point (`\u{10000}`) |
//! | `\p{Print}`, `\p{Punct}`, `\p{Alnum}`, `\p{Alpha}`, `\p{Digit}`, `\p{Upper}`, `\p{Lower}`, `\p{Graph}`, `\p{Space}`, `\p{Blank}`, `\p{Cntrl}`, `\p{XDigit}`, `\p{ASCII}` | Java's POSIX classes, which are US-ASCII only (`\p{Print}` is `[\x20-\x7E]`) |
//! | `\p{LD}`, `\p{L1}` | Java's "letter or digit" (`[\p{L}\p{Nd}]`) and Latin-1 (`[\x00-\xFF]`) |
//! | `\p{IsL}`, `\p{IsLatin}`, `\p{javaLowerCase}`… | `Is` prefix dropped (category or script); `java…` classes are refused |
//! | `[a-z&&[^aeiou]]`, `[a-z[0-9]]` | class intersection and union (each operand made a nested class) |
//! | `-` next to a class escape in a set (`[\w-_]`) | a literal `-` (as in Java and in ECMA without the `u` flag) |
//! | `\_`, `\ `, `\#`, `\:`… (escaped characters that need no escape) | the character itself |
//! | a `{`, `}` or `]` that is not syntax | the literal character |
//! | `\A`, `\z`, `\Z` | `^`, `$`, `$` before an optional final line terminator |
//! | `\Q…\E` | the quoted characters |
//! | `\x{h…}`, `\e`, `\a` | the code point, ESC, BEL |
//! | `(?s)`, `(?i)`, `(?m)` at the start (after `^` at most) | the matching ECMAScript flag for the whole pattern |
//! | `(?i)` elsewhere (`(?!(?i)aws:)`) | a modifier group `(?i:…)` over the rest of the enclosing group |
//! | `\0nnn` (octal) | the code point |
//! | `x{3}+` (possessive exact count of one character) | `x{3}` (they match the same) |
//!
//! What has no faithful translation (other possessive quantifiers, atomic groups, flags other
//! than `i`, `m`, `s`, `java…` classes) is refused with a reason; the generator then leaves the member
//! unchecked and says so. Everything else is ECMAScript already: `\w`, `\d`, `\s`, `.` and `$`
//! keep their ECMAScript meaning (`\w` is ASCII only, `$` is the end of the input).

use std::fmt::Write as _;

/// A pattern as the runtime compiles it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EcmaPattern {
    /// ECMAScript source for `regress` in `v` mode.
    pub source: String,
    /// `regress` flags: always `uv` (code points, unicode sets), plus `i`, `m` or `s` from a leading inline flag group.
    pub flags: String,
}

/// Translates a model pattern and checks that `regress` compiles it; the error says why not.
/// The result is the cheapest expression that finds a match exactly when the model's does
/// (see [`search_form`]).
pub fn to_ecma(model: &str) -> Result<EcmaPattern, String> {
    let mut pattern = Translator::new(model).run()?;
    regress::Regex::with_flags(&pattern.source, pattern.flags.as_str()).map_err(|e| {
        format!(
            "the ECMAScript form `{}` does not compile: {e}",
            pattern.source
        )
    })?;
    if let Some(shorter) = search_form(&pattern.source) {
        pattern.source = shorter.to_owned();
    }
    Ok(pattern)
}

/// A pattern of one atom repeated once or more (`[\p{L}\p{N}]+`, `\S+`, `.+`), with no
/// anchor, finds a match exactly where the atom alone does: Smithy patterns are not
/// anchored, so a search for `X+` succeeds iff some character matches `X`. The atom alone
/// stops at the first such character instead of running over the whole value. (Most AWS
/// patterns are anchored, `^…$`, and keep their form.) Returns the atom, or `None` for any
/// other shape.
fn search_form(ecma: &str) -> Option<&str> {
    let atom = ecma.strip_suffix('+')?;
    // `\+` is a literal plus, not a quantifier.
    let escapes_before = atom.chars().rev().take_while(|&c| c == '\\').count();
    if escapes_before % 2 == 1 {
        return None;
    }
    is_one_atom(atom).then_some(atom)
}

/// Whether `text` is exactly one single-character atom: a class (nested classes allowed), a
/// property escape, a class escape (`\w`, `\S`…), an escaped punctuator, `.` or a literal.
fn is_one_atom(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    match chars.as_slice() {
        ['['] | [] => false,
        ['[', ..] => class_end(&chars) == Some(chars.len() - 1),
        ['\\', 'p' | 'P', '{', .., '}'] => !chars[3..chars.len() - 1].contains(&'}'),
        ['\\', escaped] => {
            matches!(escaped, 'w' | 'W' | 'd' | 'D' | 's' | 'S') || escaped.is_ascii_punctuation()
        }
        ['.'] => true,
        [single] => !SYNTAX.contains(*single),
        _ => false,
    }
}

/// The index of the `]` closing the class that opens at index 0, with nested classes and
/// escapes skipped.
fn class_end(chars: &[char]) -> Option<usize> {
    let mut depth = 0usize;
    let mut index = 0;
    while index < chars.len() {
        match chars[index] {
            '\\' => index += 1,
            '[' => depth += 1,
            ']' => {
                depth -= 1;
                if depth == 0 {
                    return Some(index);
                }
            }
            _ => {}
        }
        index += 1;
    }
    None
}

/// Characters that are syntax outside a class.
const SYNTAX: &str = "^$\\.*+?()[]{}|/";
/// Characters that must be escaped inside a `v`-mode class.
const CLASS_SYNTAX: &str = "()[]{}/-\\|";
/// Punctuators that `v` mode reserves inside a class when doubled (all may be escaped).
const CLASS_PUNCTUATORS: &str = "&!#$%*+,.:;<=>?@^`~";

/// One element of a character class.
enum ClassItem {
    /// A single code point (may start or end a range).
    Char(u32),
    /// Anything else, already in ECMAScript form (an escape like `\w`, a nested class).
    Set(String),
    /// A `-` not yet known to be a range operator.
    Dash,
    /// Java's `&&`.
    And,
}

struct Translator {
    chars: Vec<char>,
    pos: usize,
    out: String,
    flags: String,
    /// Whether the last thing emitted outside a class can take a quantifier.
    quantifiable: bool,
    /// Whether the last thing emitted was a quantifier (to spot Java's possessive `*+`).
    after_quantifier: bool,
    /// Whether that quantifier was an exact `{n}` on a one-character atom, where possessive
    /// and greedy match the same.
    exact_on_single: bool,
    /// Whether the last atom was one character (a literal, an escape, a class, `.`).
    single_atom: bool,
    /// Nesting depth of groups, and the depths at which a Java mid-pattern `(?i)` opened an
    /// ECMAScript modifier group `(?i:` that must close with its enclosing group.
    depth: usize,
    modifiers: Vec<usize>,
}

impl Translator {
    fn new(model: &str) -> Translator {
        Translator {
            chars: model.chars().collect(),
            pos: 0,
            out: String::new(),
            flags: "uv".to_owned(),
            quantifiable: false,
            after_quantifier: false,
            exact_on_single: false,
            single_atom: false,
            depth: 0,
            modifiers: Vec::new(),
        }
    }

    fn peek(&self, ahead: usize) -> Option<char> {
        self.chars.get(self.pos + ahead).copied()
    }

    fn rest_starts_with(&self, text: &str) -> bool {
        text.chars()
            .enumerate()
            .all(|(i, c)| self.peek(i) == Some(c))
    }

    fn run(mut self) -> Result<EcmaPattern, String> {
        while let Some(c) = self.peek(0) {
            let quantifier =
                matches!(c, '*' | '+' | '?') || (c == '{' && self.quantifier_len().is_some());
            if quantifier && self.after_quantifier && c == '+' {
                if self.exact_on_single {
                    // `x{3}+` matches exactly what `x{3}` does.
                    self.pos += 1;
                    self.after_quantifier = false;
                    continue;
                }
                return Err(
                    "possessive quantifiers (Java's `*+`, `++`, `?+`) have no ECMAScript form"
                        .to_owned(),
                );
            }
            let exact = c == '{'
                && self
                    .quantifier_len()
                    .is_some_and(|len| !self.chars[self.pos..self.pos + len].contains(&','));
            let single_before = self.single_atom;
            let lazy = c == '?' && self.after_quantifier;
            match c {
                '\\' => self.escape_outside()?,
                '[' => {
                    let class = self.class()?;
                    self.out.push_str(&class);
                    self.quantifiable = true;
                }
                '(' => self.group_open()?,
                ')' => {
                    self.pos += 1;
                    self.close_modifiers();
                    self.depth = self.depth.saturating_sub(1);
                    self.out.push(')');
                    self.quantifiable = true;
                }
                '{' => match self.quantifier_len() {
                    Some(len) if self.quantifiable => {
                        let text: String = self.chars[self.pos..self.pos + len].iter().collect();
                        self.out.push_str(&text);
                        self.pos += len;
                    }
                    _ => self.literal_outside('{'),
                },
                '}' | ']' => self.literal_outside(c),
                '*' | '+' | '?' => {
                    self.pos += 1;
                    self.out.push(c);
                }
                '^' | '$' | '|' => {
                    self.pos += 1;
                    self.out.push(c);
                    self.quantifiable = false;
                }
                '.' => {
                    self.pos += 1;
                    self.out.push('.');
                    self.quantifiable = true;
                }
                _ => {
                    self.pos += 1;
                    self.push_literal_outside(c as u32);
                }
            }
            self.after_quantifier = quantifier && !lazy;
            self.exact_on_single = quantifier && exact && single_before;
            self.single_atom = self.quantifiable && !matches!(c, ')' | '(');
            if quantifier {
                self.quantifiable = false;
            }
        }
        self.close_modifiers();
        Ok(EcmaPattern {
            source: self.out,
            flags: self.flags,
        })
    }

    /// Length of a `{n}`, `{n,}` or `{n,m}` quantifier at the current position.
    fn quantifier_len(&self) -> Option<usize> {
        let mut i = 1;
        let digits = |i: &mut usize| {
            let start = *i;
            while self.peek(*i).is_some_and(|c| c.is_ascii_digit()) {
                *i += 1;
            }
            *i > start
        };
        if !digits(&mut i) {
            return None;
        }
        if self.peek(i) == Some(',') {
            i += 1;
            digits(&mut i);
        }
        (self.peek(i) == Some('}')).then_some(i + 1)
    }

    fn literal_outside(&mut self, c: char) {
        self.pos += 1;
        self.push_literal_outside(c as u32);
    }

    fn push_literal_outside(&mut self, code: u32) {
        match char::from_u32(code) {
            Some(c) if SYNTAX.contains(c) => {
                self.out.push('\\');
                self.out.push(c);
            }
            Some(c) if !c.is_control() => self.out.push(c),
            _ => {
                let _ = write!(self.out, "\\u{{{code:X}}}");
            }
        }
        self.quantifiable = true;
    }

    /// `(`: groups, look-around, and Java inline flags.
    fn group_open(&mut self) -> Result<(), String> {
        self.quantifiable = false;
        if self.peek(1) != Some('?') {
            self.pos += 1;
            self.depth += 1;
            self.out.push('(');
            return Ok(());
        }
        let mut end = 2;
        while self
            .peek(end)
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '-')
        {
            end += 1;
        }
        if end > 2 && self.peek(end) == Some(')') {
            let flags: String = self.chars[self.pos + 2..self.pos + end].iter().collect();
            return self.inline_flags(&flags, end + 1);
        }
        if self.peek(2) == Some('>') {
            return Err("atomic groups (Java's `(?>…)`) have no ECMAScript form".to_owned());
        }
        self.pos += 1;
        self.depth += 1;
        self.out.push('(');
        Ok(())
    }

    /// Closes the modifier groups opened inside the group that is ending (or at the end).
    fn close_modifiers(&mut self) {
        while self.modifiers.last() == Some(&self.depth) {
            self.modifiers.pop();
            self.out.push(')');
        }
    }

    /// A Java `(?flags)` group. At the start it sets the pattern's flags; elsewhere it applies
    /// to the rest of its enclosing group, which an ECMAScript modifier group `(?i:…)` closed
    /// with that group expresses.
    fn inline_flags(&mut self, flags: &str, len: usize) -> Result<(), String> {
        let at_start = self.out.chars().all(|c| c == '^');
        if !at_start {
            if flags.is_empty() || !flags.chars().all(|c| matches!(c, 'i' | 'm' | 's' | '-')) {
                return Err(format!(
                    "the inline flag group `(?{flags})` has no ECMAScript form"
                ));
            }
            self.pos += len;
            self.out.push_str(&format!("(?{flags}:"));
            self.modifiers.push(self.depth);
            return Ok(());
        }
        for flag in flags.chars() {
            match flag {
                'i' | 'm' | 's' if !self.flags.contains(flag) => self.flags.push(flag),
                'i' | 'm' | 's' => {}
                other => {
                    return Err(format!(
                        "the inline flag `{other}` of `(?{flags})` has no ECMAScript form"
                    ))
                }
            }
        }
        self.pos += len;
        Ok(())
    }

    /// A `\` outside a class.
    fn escape_outside(&mut self) -> Result<(), String> {
        let Some(next) = self.peek(1) else {
            return Err("the pattern ends with a lone `\\`".to_owned());
        };
        self.quantifiable = true;
        match next {
            'A' => {
                self.pos += 2;
                self.out.push('^');
                self.quantifiable = false;
            }
            'z' => {
                self.pos += 2;
                self.out.push('$');
                self.quantifiable = false;
            }
            'Z' => {
                self.pos += 2;
                self.out
                    .push_str("(?=(?:\\r\\n|[\\n\\r\\u{85}\\u{2028}\\u{2029}])?$)");
                self.quantifiable = false;
            }
            'b' | 'B' => {
                self.pos += 2;
                self.out.push('\\');
                self.out.push(next);
                self.quantifiable = false;
            }
            'Q' => {
                self.pos += 2;
                while self.peek(0).is_some() && !self.rest_starts_with("\\E") {
                    let c = self.chars[self.pos];
                    self.pos += 1;
                    self.push_literal_outside(c as u32);
                }
                if self.rest_starts_with("\\E") {
                    self.pos += 2;
                }
            }
            'p' | 'P' => {
                let set = self.property()?;
                self.out.push_str(&set);
            }
            _ => match self.char_escape()? {
                Escaped::Char(code) => self.push_literal_outside(code),
                Escaped::Set(set) => self.out.push_str(&set),
            },
        }
        Ok(())
    }

    /// A `\p{…}` or `\P{…}` at the current position, in ECMAScript form. Inside a class a
    /// Java class becomes a nested class, which `v` mode allows.
    fn property(&mut self) -> Result<String, String> {
        let negated = self.peek(1) == Some('P');
        let (name, len) = if self.peek(2) == Some('{') {
            let mut end = 3;
            while self.peek(end).is_some_and(|c| c != '}') {
                end += 1;
            }
            if self.peek(end).is_none() {
                return Err("an unclosed `\\p{`".to_owned());
            }
            let name: String = self.chars[self.pos + 3..self.pos + end].iter().collect();
            (name, end + 1)
        } else {
            // Java's one-letter form, `\pL`.
            let Some(letter) = self.peek(2) else {
                return Err("a `\\p` without a property name".to_owned());
            };
            (letter.to_string(), 3)
        };
        self.pos += len;
        if let Some(ranges) = java_class(&name) {
            let caret = if negated { "^" } else { "" };
            return Ok(format!("[{caret}{ranges}]"));
        }
        if name.starts_with("java") {
            return Err(format!(
                "the Java-only class `\\p{{{name}}}` has no ECMAScript form"
            ));
        }
        if name.starts_with("In") && name.len() > 2 {
            return Err(format!(
                "the Unicode block `\\p{{{name}}}` has no ECMAScript form (ECMAScript knows scripts, not blocks)"
            ));
        }
        let name = match name.strip_prefix("Is") {
            Some(rest) if rest.len() <= 2 => rest.to_owned(),
            Some(rest) => format!("Script_Extensions={rest}"),
            None => name,
        };
        let p = if negated { 'P' } else { 'p' };
        Ok(format!("\\{p}{{{name}}}"))
    }

    /// An escape that stands for one character or a class (`\d`, `\u…`, `\.`), not `\p`.
    fn char_escape(&mut self) -> Result<Escaped, String> {
        let next = self.peek(1).unwrap_or('\\');
        self.pos += 2;
        Ok(match next {
            'd' | 'D' | 'w' | 'W' | 's' | 'S' => Escaped::Set(format!("\\{next}")),
            'n' => Escaped::Char(0x0A),
            'r' => Escaped::Char(0x0D),
            't' => Escaped::Char(0x09),
            'f' => Escaped::Char(0x0C),
            'v' => Escaped::Char(0x0B),
            'e' => Escaped::Char(0x1B),
            'a' => Escaped::Char(0x07),
            '0' if !self.peek(0).is_some_and(|c| c.is_ascii_digit()) => Escaped::Char(0),
            // Java's octal escape: `\0` and one to three octal digits (at most `\0377`).
            '0' => {
                let mut code = 0;
                let mut digits = 0;
                while let Some(d) = self.peek(0).and_then(|c| c.to_digit(8)) {
                    if digits == 3 || (digits == 2 && code > 0o37) {
                        break;
                    }
                    code = code * 8 + d;
                    digits += 1;
                    self.pos += 1;
                }
                if digits == 0 {
                    return Err("`\\0` followed by a digit that is not octal".to_owned());
                }
                Escaped::Char(code)
            }
            'u' => Escaped::Char(self.unicode_escape()?),
            'x' => Escaped::Char(self.hex_escape()?),
            'c' => {
                let Some(letter) = self.peek(0).filter(char::is_ascii_alphabetic) else {
                    return Err("`\\c` must be followed by a letter".to_owned());
                };
                self.pos += 1;
                Escaped::Char(letter as u32 % 32)
            }
            '1'..='9' => {
                // A backreference: keep its digits.
                let mut text = format!("\\{next}");
                while let Some(d) = self.peek(0).filter(char::is_ascii_digit) {
                    text.push(d);
                    self.pos += 1;
                }
                Escaped::Set(text)
            }
            'k' => {
                let mut text = "\\k".to_owned();
                while let Some(c) = self.peek(0) {
                    text.push(c);
                    self.pos += 1;
                    if c == '>' {
                        break;
                    }
                }
                Escaped::Set(text)
            }
            c if c.is_ascii_alphanumeric() => {
                return Err(format!("the escape `\\{c}` has no ECMAScript meaning"))
            }
            // Any other escaped character is itself (Java allows escaping any of them).
            c => Escaped::Char(c as u32),
        })
    }

    /// The hex digits of `\uXXXX` or `\u{…}` (after the `u`); a surrogate pair becomes the
    /// code point it encodes.
    fn unicode_escape(&mut self) -> Result<u32, String> {
        if self.peek(0) == Some('{') {
            return self.braced_hex();
        }
        let high = self.fixed_hex(4)?;
        if (0xD800..0xDC00).contains(&high) && self.rest_starts_with("\\u") {
            let saved = self.pos;
            self.pos += 2;
            match self.fixed_hex(4) {
                Ok(low) if (0xDC00..0xE000).contains(&low) => {
                    return Ok(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00));
                }
                _ => self.pos = saved,
            }
        }
        Ok(high)
    }

    fn hex_escape(&mut self) -> Result<u32, String> {
        if self.peek(0) == Some('{') {
            self.braced_hex()
        } else {
            self.fixed_hex(2)
        }
    }

    fn fixed_hex(&mut self, digits: usize) -> Result<u32, String> {
        let text: String = (0..digits).filter_map(|i| self.peek(i)).collect();
        if text.len() != digits || !text.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err(format!("a hex escape needs {digits} hex digits"));
        }
        self.pos += digits;
        u32::from_str_radix(&text, 16).map_err(|e| e.to_string())
    }

    fn braced_hex(&mut self) -> Result<u32, String> {
        let mut end = 1;
        while self.peek(end).is_some_and(|c| c.is_ascii_hexdigit()) {
            end += 1;
        }
        if self.peek(end) != Some('}') || end == 1 {
            return Err("a malformed `{…}` hex escape".to_owned());
        }
        let text: String = self.chars[self.pos + 1..self.pos + end].iter().collect();
        self.pos += end + 1;
        u32::from_str_radix(&text, 16)
            .ok()
            .filter(|&code| code <= 0x10FFFF)
            .ok_or_else(|| format!("`{text}` is not a code point"))
    }

    /// A whole class starting at `[`, in `v`-mode form.
    fn class(&mut self) -> Result<String, String> {
        self.pos += 1;
        let negated = self.peek(0) == Some('^');
        if negated {
            self.pos += 1;
        }
        let mut items = Vec::new();
        loop {
            let Some(c) = self.peek(0) else {
                return Err("an unclosed `[`".to_owned());
            };
            match c {
                ']' => {
                    self.pos += 1;
                    break;
                }
                '[' => {
                    let nested = self.class()?;
                    items.push(ClassItem::Set(nested));
                }
                '&' if self.peek(1) == Some('&') => {
                    self.pos += 2;
                    items.push(ClassItem::And);
                }
                '-' => {
                    self.pos += 1;
                    items.push(ClassItem::Dash);
                }
                '\\' if matches!(self.peek(1), Some('p' | 'P')) => {
                    let set = self.property()?;
                    items.push(ClassItem::Set(set));
                }
                '\\' if self.peek(1) == Some('b') => {
                    self.pos += 2;
                    items.push(ClassItem::Char(0x08));
                }
                '\\' if self.peek(1) == Some('Q') => {
                    self.pos += 2;
                    while self.peek(0).is_some() && !self.rest_starts_with("\\E") {
                        items.push(ClassItem::Char(self.chars[self.pos] as u32));
                        self.pos += 1;
                    }
                    if self.rest_starts_with("\\E") {
                        self.pos += 2;
                    }
                }
                '\\' => match self.char_escape()? {
                    Escaped::Char(code) => items.push(ClassItem::Char(code)),
                    Escaped::Set(set)
                        if set.starts_with("\\k")
                            || set[1..].starts_with(|c: char| c.is_ascii_digit()) =>
                    {
                        return Err(format!("`{set}` cannot appear in a class"))
                    }
                    Escaped::Set(set) => items.push(ClassItem::Set(set)),
                },
                _ => {
                    self.pos += 1;
                    items.push(ClassItem::Char(c as u32));
                }
            }
        }
        Ok(class_text(negated, &items))
    }
}

/// What a character escape stands for.
enum Escaped {
    Char(u32),
    Set(String),
}

/// The `v`-mode text of a class from its items: `-` between two characters is a range,
/// anywhere else a literal; Java's `&&` splits the class into intersected nested classes.
fn class_text(negated: bool, items: &[ClassItem]) -> String {
    let operands: Vec<&[ClassItem]> = items.split(|item| matches!(item, ClassItem::And)).collect();
    let caret = if negated { "^" } else { "" };
    if operands.len() == 1 {
        return format!("[{caret}{}]", union_text(items));
    }
    let parts: Vec<String> = operands
        .iter()
        .map(|operand| match operand {
            [ClassItem::Set(set)] if set.starts_with('[') || set.starts_with('\\') => set.clone(),
            other => format!("[{}]", union_text(other)),
        })
        .collect();
    format!("[{caret}{}]", parts.join("&&"))
}

fn union_text(items: &[ClassItem]) -> String {
    let mut out = String::new();
    let mut i = 0;
    while i < items.len() {
        match (&items[i], items.get(i + 1), items.get(i + 2)) {
            (ClassItem::Char(low), Some(ClassItem::Dash), Some(ClassItem::Char(high))) => {
                push_class_char(&mut out, *low);
                out.push('-');
                push_class_char(&mut out, *high);
                i += 3;
            }
            (item, _, _) => {
                match item {
                    ClassItem::Char(code) => push_class_char(&mut out, *code),
                    ClassItem::Set(set) => out.push_str(set),
                    ClassItem::Dash => out.push_str("\\-"),
                    ClassItem::And => out.push_str("&&"),
                }
                i += 1;
            }
        }
    }
    out
}

/// One literal character inside a `v`-mode class, escaped when it is syntax there or a
/// punctuator `v` mode reserves (escaping those is always allowed, and simpler than
/// tracking which neighbours would form a reserved pair).
fn push_class_char(out: &mut String, code: u32) {
    match char::from_u32(code) {
        Some(c) if CLASS_SYNTAX.contains(c) || CLASS_PUNCTUATORS.contains(c) => {
            out.push('\\');
            out.push(c);
        }
        Some(c) if (!c.is_control() && !c.is_whitespace()) || c == ' ' => out.push(c),
        _ => {
            let _ = write!(out, "\\u{{{code:X}}}");
        }
    }
}

/// Java's named classes that ECMAScript lacks, as class contents.
fn java_class(name: &str) -> Option<&'static str> {
    Some(match name {
        "Lower" => "a-z",
        "Upper" => "A-Z",
        "ASCII" => "\\x00-\\x7F",
        "Alpha" => "a-zA-Z",
        "Digit" => "0-9",
        "Alnum" => "a-zA-Z0-9",
        "Punct" => "\\!-\\/\\:-\\@\\[-\\`\\{-\\~",
        "Graph" => "\\!-\\~",
        "Print" => "\\x20-\\~",
        "Blank" => " \\t",
        "Cntrl" => "\\x00-\\x1F\\x7F",
        "XDigit" => "0-9a-fA-F",
        "Space" => " \\t\\n\\x0B\\f\\r",
        "LD" => "\\p{L}\\p{Nd}",
        "L1" => "\\x00-\\xFF",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether the model pattern, translated and compiled, finds a match in `text`.
    fn matches(model: &str, text: &str) -> bool {
        let pattern = to_ecma(model).unwrap_or_else(|e| panic!("{model}: {e}"));
        let regex = regress::Regex::with_flags(&pattern.source, pattern.flags.as_str())
            .unwrap_or_else(|e| panic!("{model}: {e}"));
        regex.find(text).is_some()
    }

    #[test]
    fn one_atom_repeated_is_searched_as_the_atom() {
        for (model, searched) in [
            (
                r"[\p{L}\p{M}\p{S}\p{N}\p{P}]+",
                r"[\p{L}\p{M}\p{S}\p{N}\p{P}]",
            ),
            (r"[A-Za-z0-9-_=.]+", r"[A-Za-z0-9\-_\=\.]"),
            (r"\S+", r"\S"),
            (r"\p{L}+", r"\p{L}"),
            (r".+", "."),
            ("a+", "a"),
            (r"[\w-_]+", r"[\w\-_]"),
        ] {
            assert_eq!(to_ecma(model).unwrap().source, searched, "{model}");
        }
        // Anything else keeps its form: anchors, sequences, groups, other quantifiers, an
        // escaped plus, a lazy plus.
        for model in [
            r"^[a-z]+$",
            r"^[a-z]+",
            r"[a-z]+$",
            r"[a-z][0-9]+",
            r"(ab)+",
            r"[a-z]*",
            r"a+?",
            r"\+",
            r"[a-z]|[0-9]+",
            r"[a-z]{1,5}",
        ] {
            let translated = Translator::new(model).run().unwrap().source;
            assert_eq!(to_ecma(model).unwrap().source, translated, "{model}");
        }
    }

    #[test]
    fn the_search_form_finds_exactly_what_the_pattern_finds() {
        let models = [
            r"[\p{L}\p{M}\p{S}\p{N}\p{P}]+",
            r"[A-Za-z0-9-_=.]+",
            r"\S+",
            r"[[a-z]--[aeiou]]+",
            r"\w+",
            ".+",
        ];
        let texts = [
            "",
            " ",
            "\n",
            "abc",
            "ÄÖü",
            "   x",
            "\u{1F600}",
            "aeiou",
            "b",
            "-",
            "==",
            "\t\t",
            "日本",
        ];
        for model in models {
            let full = Translator::new(model).run().unwrap();
            let full = regress::Regex::with_flags(&full.source, full.flags.as_str()).unwrap();
            for text in texts {
                assert_eq!(
                    matches(model, text),
                    full.find(text).is_some(),
                    "{model} on {text:?}"
                );
            }
        }
    }

    #[test]
    fn surrogate_pair_ranges_mean_supplementary_code_points() {
        let xml = r"^[\u0020-\uD7FF\uE000-\uFFFD\uD800\uDC00-\uDBFF\uDFFF\r\n\t]*$";
        assert!(matches(xml, "plain text\twith tab"));
        assert!(matches(xml, "emoji 😀 and 𝄞"));
        assert!(!matches(xml, "bell \u{7}"));
        assert!(!matches(xml, "\u{FFFE}"));
        let only_supplementary = r"^[\uD800\uDC00-\uDBFF\uDFFF]+$";
        assert!(matches(only_supplementary, "😀𝄞"));
        assert!(!matches(only_supplementary, "a"));
    }

    #[test]
    fn java_posix_classes_are_ascii() {
        assert!(matches(r"^\p{Print}+$", "Hello, world! ~"));
        assert!(!matches(r"^\p{Print}+$", "tab\there"));
        assert!(!matches(r"^\p{Print}+$", "café"));
        assert!(matches(
            r"^\p{Punct}+$",
            "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
        ));
        assert!(!matches(r"^\p{Punct}+$", "a"));
        assert!(!matches(r"^\p{Punct}+$", " "));
        assert!(matches(r"^\P{Digit}+$", "abc"));
        assert!(!matches(r"^\P{Digit}+$", "a1"));
    }

    #[test]
    fn java_letter_or_digit() {
        let pattern = r"^(\p{LD}|\p{Punct}| )+$";
        assert!(matches(pattern, "Ünïcödé 42 ok."));
        assert!(matches(pattern, "日本語"));
        assert!(!matches(pattern, "tab\t"));
        assert!(
            !matches(pattern, "²"),
            "superscript two is a number but not a decimal digit"
        );
    }

    #[test]
    fn class_intersection_and_union() {
        let pattern = r"^[\p{Print}&&[^|:/]]+$";
        assert!(matches(pattern, "name-1.txt"));
        assert!(!matches(pattern, "a|b"));
        assert!(!matches(pattern, "a:b"));
        assert!(!matches(pattern, "a/b"));
        assert!(!matches(pattern, "é"));
        assert!(matches(r"^[a-z&&[^aeiou]]+$", "xyz"));
        assert!(!matches(r"^[a-z&&[^aeiou]]+$", "xaz"));
        assert!(matches(r"^[a-c[x-z]]+$", "axbz"));
        assert!(!matches(r"^[a-c[x-z]]+$", "d"));
    }

    #[test]
    fn dash_next_to_a_class_escape_is_literal() {
        assert!(matches(r"^[\w-_]*$", "log-group_1"));
        assert!(!matches(r"^[\w-_]*$", "a b"));
        assert!(matches(r"^[a-zA-Z\d-_/]+$", "a-b_c/9"));
        assert!(!matches(r"^[a-zA-Z\d-_/]+$", "a.b"));
        assert!(matches(r"^[\w-]+$", "-"));
    }

    #[test]
    fn needless_escapes_are_the_character() {
        let pattern = r"^[a-zA-Z0-9\ \_\*\?\,\|\^\-\/\#\s\(\)\+]*$";
        assert!(matches(pattern, "a b_*?,|^-/#(+)"));
        assert!(!matches(pattern, "a.b"));
        assert!(matches(r"^\_\#\:$", "_#:"));
    }

    #[test]
    fn stray_braces_and_brackets_are_literal() {
        assert!(matches(r"^a{b}]$", "a{b}]"));
        assert!(matches(r"^a{2}$", "aa"));
        assert!(!matches(r"^a{2}$", "a{2}"));
    }

    #[test]
    fn java_anchors_and_quoting() {
        let ip = r"^\A(25[0-5]|2[0-4]\d|[0-1]?\d?\d)(\.(25[0-5]|2[0-4]\d|[0-1]?\d?\d)){3}\z$";
        assert!(matches(ip, "192.168.0.1"));
        assert!(!matches(ip, "192.168.0.1\n"));
        assert!(matches(r"^ab\Z", "ab\n"));
        assert!(!matches(r"^ab\Z", "ab\nc"));
        assert!(matches(r"^\Q[a]*\E$", "[a]*"));
        assert!(!matches(r"^\Q[a]*\E$", "a"));
    }

    #[test]
    fn leading_inline_flags() {
        assert!(matches(r"^(?s).+$", "two\nlines"));
        assert!(!matches(r"^.+$", "two\nlines"));
        assert!(matches(r"(?i)^abc$", "ABC"));
    }

    #[test]
    fn java_only_constructs_are_refused_with_a_reason() {
        let refused = |model: &str| to_ecma(model).err().unwrap_or_default();
        assert!(refused("a*+").contains("possessive"));
        assert!(refused("(?>a)").contains("atomic"));
        assert!(refused("a(?x)b").contains("no ECMAScript form"));
        assert!(refused("a{2,3}+").contains("possessive"));
        assert!(refused(r"\p{javaLowerCase}").contains("Java-only"));
        assert!(refused(r"\p{InGreek}").contains("block"));
        assert!(refused("[a").contains("unclosed"));
    }

    #[test]
    fn ecma_classes_are_ascii_and_dot_stops_at_line_ends() {
        assert!(matches(r"^[\w+]+$", "client_Id+1"));
        assert!(!matches(r"^[\w+]+$", "é"));
        assert!(!matches(r"^[\w+]+$", "日本語"));
        assert!(!matches(r"^\d+$", "٣"));
        assert!(matches(r"^\s+$", "\u{A0}\u{2003}\u{FEFF}"));
        assert!(!matches(r"^.$", "\n"));
        assert!(!matches(r"^.$", "\u{2028}"));
        assert!(matches(r"^.$", "😀"), "`.` is one code point");
        assert!(!matches(r"^abc$", "abc\n"), "`$` is the end of input only");
    }

    #[test]
    fn inline_flags_in_the_middle_apply_to_the_rest_of_their_group() {
        let pattern = r"^(?![^:\\]*/action/|(?i).*<script>.*</script>.*)[^:\\]+$";
        assert!(matches(pattern, "plain-name"));
        assert!(!matches(pattern, "a<SCRIPT>x</Script>"));
        assert!(!matches(pattern, "x/action/y"));
        let no_aws_prefix = r"^(?!(?i)(arn|aws):)[\p{L}\p{M}\p{S}\p{N}\p{P}]+$";
        assert!(matches(no_aws_prefix, "team:a"));
        assert!(!matches(no_aws_prefix, "AWS:a"));
        assert!(matches(r"a(?i)b", "aB"));
        assert!(!matches(r"a(?i)b", "AB"));
    }

    #[test]
    fn java_octal_escapes_and_exact_possessive_counts() {
        let pattern = r"^[^/:|\000-\037]+$";
        assert!(matches(pattern, "stream-1"));
        assert!(!matches(pattern, "tab\there"));
        assert!(!matches(pattern, "a/b"));
        assert!(matches(r"^[0-9A-Z]{2}+$", "A1"));
        assert!(!matches(r"^[0-9A-Z]{2}+$", "A1B"));
        assert!(matches(r"^\d{1}+:\d{12}+$", "1:123456789012"));
    }

    #[test]
    fn look_ahead_and_behind() {
        let no_trailing_dot = r"^[0-9A-Za-z\.\-_]*(?<!\.)$";
        assert!(matches(no_trailing_dot, "a.b"));
        assert!(!matches(no_trailing_dot, "a.b."));
        let not_d_prefix = r"^(?!D-|d-)([\da-zA-Z]+)([-]*[\da-zA-Z])*$";
        assert!(matches(not_d_prefix, "corp-1"));
        assert!(!matches(not_d_prefix, "d-123"));
    }

    #[test]
    fn wide_repetitions_compile() {
        assert!(matches(r"^[\w]{1,1011}$", "abc"));
        assert!(!matches(r"^[\w]{1,3}$", "abcd"));
    }

    #[test]
    fn plain_ecma_patterns_are_unchanged() {
        let pattern = r"^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$";
        assert_eq!(to_ecma(pattern).map(|p| p.source), Ok(pattern.to_owned()));
        assert!(matches(pattern, "Ünïcödé"));
        assert!(!matches(pattern, "a b"));
    }
}
