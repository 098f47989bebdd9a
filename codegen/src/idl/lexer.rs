//! Tokens of the Smithy IDL, each with its 1-based line and column.
//!
//! Lexing stops at the first malformed token (unclosed string, bad number, stray character):
//! it becomes an [`Tok::Invalid`] token, and the parser reports it when it gets there, so an
//! earlier grammar error is still reported first, as Smithy's own parser does.

use super::node::{parse_quoted, parse_text_block};

/// What a token is.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Tok {
    /// Spaces and tabs.
    Space,
    Newline,
    Comma,
    /// `// …` up to and including the line break.
    Comment,
    /// `/// …`: the text after the slashes (one leading space removed).
    DocComment(String),
    At,
    Dollar,
    Pound,
    Dot,
    Colon,
    /// `:=`
    Walrus,
    Equal,
    LBrace,
    RBrace,
    LBracket,
    RBracket,
    LParen,
    RParen,
    Identifier(String),
    /// A quoted string, escapes already applied.
    Str(String),
    /// A text block, indentation and escapes already applied.
    TextBlock(String),
    Number(serde_json::Number),
    /// A malformed token; the message says what is wrong.
    Invalid(String),
    Eof,
}

/// A token and where it starts.
#[derive(Debug, Clone)]
pub(super) struct Token {
    pub tok: Tok,
    pub line: usize,
    pub column: usize,
    /// The source text of the token (for messages).
    pub text: String,
}

impl Token {
    /// How messages name the token, e.g. `IDENTIFIER('apply')` or `EOF`.
    pub fn describe(&self) -> String {
        let name = match &self.tok {
            Tok::Space => "SPACE",
            Tok::Newline => "NEWLINE",
            Tok::Comma => "COMMA",
            Tok::Comment => "COMMENT",
            Tok::DocComment(_) => "DOC_COMMENT",
            Tok::At => "AT",
            Tok::Dollar => "DOLLAR",
            Tok::Pound => "POUND",
            Tok::Dot => "DOT",
            Tok::Colon => "COLON",
            Tok::Walrus => "WALRUS",
            Tok::Equal => "EQUAL",
            Tok::LBrace => "LBRACE",
            Tok::RBrace => "RBRACE",
            Tok::LBracket => "LBRACKET",
            Tok::RBracket => "RBRACKET",
            Tok::LParen => "LPAREN",
            Tok::RParen => "RPAREN",
            Tok::Identifier(_) => "IDENTIFIER",
            Tok::Str(_) => "STRING",
            Tok::TextBlock(_) => "TEXT_BLOCK",
            Tok::Number(_) => "NUMBER",
            Tok::Invalid(_) => "ERROR",
            Tok::Eof => return "EOF".to_owned(),
        };
        format!("{name}('{}')", shorten(&self.text).escape_debug())
    }
}

/// Keeps messages readable when a token is long (a text block, a long comment).
fn shorten(text: &str) -> String {
    const LIMIT: usize = 40;
    if text.chars().count() > LIMIT {
        format!("{}…", text.chars().take(LIMIT).collect::<String>())
    } else {
        text.to_owned()
    }
}

/// Splits `source` into tokens; the last one is [`Tok::Eof`] or [`Tok::Invalid`].
pub(super) fn tokenize(source: &str) -> Vec<Token> {
    // A byte order mark some editors write is not part of the model.
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    let mut lexer = Lexer {
        chars: source.char_indices().collect(),
        source,
        pos: 0,
        line: 1,
        column: 1,
    };
    let mut tokens = Vec::new();
    loop {
        let token = lexer.next_token();
        let last = matches!(token.tok, Tok::Eof | Tok::Invalid(_));
        tokens.push(token);
        if last {
            return tokens;
        }
    }
}

struct Lexer<'a> {
    chars: Vec<(usize, char)>,
    source: &'a str,
    /// Index into `chars`.
    pos: usize,
    line: usize,
    column: usize,
}

impl Lexer<'_> {
    fn peek(&self, ahead: usize) -> Option<char> {
        self.chars.get(self.pos + ahead).map(|(_, c)| *c)
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek(0)?;
        self.pos += 1;
        if c == '\n' {
            self.line += 1;
            self.column = 1;
        } else {
            self.column += 1;
        }
        Some(c)
    }

    fn offset(&self, index: usize) -> usize {
        self.chars
            .get(index)
            .map_or(self.source.len(), |(offset, _)| *offset)
    }

    fn text_since(&self, start: usize) -> &str {
        self.source
            .get(self.offset(start)..self.offset(self.pos))
            .unwrap_or("")
    }

    fn next_token(&mut self) -> Token {
        let (start, line, column) = (self.pos, self.line, self.column);
        let tok = self.scan();
        // An invalid token is reported where the problem is found (e.g. at EOF for an
        // unclosed string), which the scan leaves in `invalid_at`.
        let (line, column) = match &tok {
            (Tok::Invalid(_), Some(at)) => *at,
            _ => (line, column),
        };
        Token {
            text: self.text_since(start).to_owned(),
            tok: tok.0,
            line,
            column,
        }
    }

    /// Scans one token; an invalid token may carry the position to report instead of its start.
    fn scan(&mut self) -> (Tok, Option<(usize, usize)>) {
        let Some(c) = self.peek(0) else {
            return (Tok::Eof, None);
        };
        let start = (self.line, self.column);
        let single = |lexer: &mut Self, tok: Tok| {
            lexer.bump();
            (tok, None)
        };
        match c {
            ' ' | '\t' => {
                while matches!(self.peek(0), Some(' ' | '\t')) {
                    self.bump();
                }
                (Tok::Space, None)
            }
            '\n' => single(self, Tok::Newline),
            '\r' if self.peek(1) == Some('\n') => {
                self.bump();
                single(self, Tok::Newline)
            }
            ',' => single(self, Tok::Comma),
            '@' => single(self, Tok::At),
            '$' => single(self, Tok::Dollar),
            '#' => single(self, Tok::Pound),
            '.' => single(self, Tok::Dot),
            '=' => single(self, Tok::Equal),
            '{' => single(self, Tok::LBrace),
            '}' => single(self, Tok::RBrace),
            '[' => single(self, Tok::LBracket),
            ']' => single(self, Tok::RBracket),
            '(' => single(self, Tok::LParen),
            ')' => single(self, Tok::RParen),
            ':' if self.peek(1) == Some('=') => {
                self.bump();
                single(self, Tok::Walrus)
            }
            ':' => single(self, Tok::Colon),
            '/' if self.peek(1) == Some('/') => (self.comment(), None),
            '"' => self.string(),
            '-' | '0'..='9' => self.number(start),
            c if c.is_ascii_alphabetic() || c == '_' => {
                let from = self.pos;
                while self.peek(0) == Some('_') {
                    self.bump();
                }
                // An identifier needs a letter or digit after its leading underscores.
                if !self.peek(0).is_some_and(|c| c.is_ascii_alphanumeric()) {
                    let found = self.peek(0).map_or("[EOF]".to_owned(), |c| c.to_string());
                    let at = (self.line, self.column);
                    return (
                        Tok::Invalid(format!(
                            "Expected a valid identifier character, but found '{found}'"
                        )),
                        Some(at),
                    );
                }
                while self
                    .peek(0)
                    .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
                {
                    self.bump();
                }
                (Tok::Identifier(self.text_since(from).to_owned()), None)
            }
            other => (
                Tok::Invalid(format!("Unexpected character: {other:?}")),
                Some(start),
            ),
        }
    }

    fn comment(&mut self) -> Tok {
        let doc = self.peek(2) == Some('/') && self.peek(3) != Some('/');
        let from = self.pos;
        while let Some(c) = self.bump() {
            if c == '\n' {
                break;
            }
        }
        if !doc {
            return Tok::Comment;
        }
        let text = self.text_since(from);
        let body = text.get(3..).unwrap_or("");
        let body = body.strip_suffix('\n').unwrap_or(body);
        let body = body.strip_suffix('\r').unwrap_or(body);
        Tok::DocComment(body.strip_prefix(' ').unwrap_or(body).to_owned())
    }

    fn string(&mut self) -> (Tok, Option<(usize, usize)>) {
        let start = (self.line, self.column);
        let block = self.peek(1) == Some('"') && self.peek(2) == Some('"');
        let quotes = if block { 3 } else { 1 };
        for _ in 0..quotes {
            self.bump();
        }
        let body_from = self.pos;
        loop {
            match self.peek(0) {
                None => {
                    let at = (self.line, self.column);
                    return (
                        Tok::Invalid("Expected: '\"', but found '[EOF]'".to_owned()),
                        Some(at),
                    );
                }
                Some('\\') => {
                    self.bump();
                    self.bump();
                }
                Some('"') if !block => break,
                Some('"') if self.peek(1) == Some('"') && self.peek(2) == Some('"') => break,
                Some(_) => {
                    self.bump();
                }
            }
        }
        let raw = self.text_since(body_from).to_owned();
        for _ in 0..quotes {
            self.bump();
        }
        let parsed = if block {
            parse_text_block(&raw)
                .map(Tok::TextBlock)
                .map_err(|e| format!("Error parsing text block: {e}"))
        } else {
            parse_quoted(&raw)
                .map(Tok::Str)
                .map_err(|e| format!("Error parsing quoted string: {e}"))
        };
        match parsed {
            Ok(tok) => (tok, None),
            Err(message) => (Tok::Invalid(message), Some(start)),
        }
    }

    fn number(&mut self, start: (usize, usize)) -> (Tok, Option<(usize, usize)>) {
        let from = self.pos;
        let invalid = |lexer: &Self, why: &str| {
            let text = lexer.text_since(from);
            (
                Tok::Invalid(format!("Invalid number '{text}': {why}")),
                Some(start),
            )
        };
        let digits = |lexer: &mut Self| {
            let mut any = false;
            while lexer.peek(0).is_some_and(|c| c.is_ascii_digit()) {
                lexer.bump();
                any = true;
            }
            any
        };
        let mut float = false;
        if self.peek(0) == Some('-') {
            self.bump();
        }
        if !digits(self) {
            return invalid(self, "'-' must be followed by a digit");
        }
        if self.peek(0) == Some('.') {
            self.bump();
            float = true;
            if !digits(self) {
                return invalid(self, "'.' must be followed by a digit");
            }
        }
        if matches!(self.peek(0), Some('e' | 'E')) {
            self.bump();
            float = true;
            if matches!(self.peek(0), Some('+' | '-')) {
                self.bump();
            }
            if !digits(self) {
                return invalid(self, "'e', '+', and '-' must be followed by a digit");
            }
        }
        let text = self.text_since(from);
        let number = if float {
            text.parse::<f64>()
                .ok()
                .and_then(serde_json::Number::from_f64)
        } else if let Ok(n) = text.parse::<i64>() {
            Some(n.into())
        } else if let Ok(n) = text.parse::<u64>() {
            Some(n.into())
        } else {
            text.parse::<f64>()
                .ok()
                .and_then(serde_json::Number::from_f64)
        };
        match number {
            Some(number) => (Tok::Number(number), None),
            None => invalid(self, "out of the range of a 64-bit floating point number"),
        }
    }
}
