//! The recursive-descent parser: tokens to [`FileSyntax`], following the Smithy IDL 2.0
//! grammar, including where it requires spaces (`SP`), any whitespace (`WS`: spaces, line
//! breaks, commas, comments) or a line break (`BR`).

use super::error::IdlError;
use super::lexer::{Tok, Token};
use super::node::Node;
use super::syntax::{
    ApplySyntax, Body, FileSyntax, IdRef, MemberSyntax, OperationSyntax, Pos, ShapeSyntax,
    TraitApp, TraitList,
};
use std::collections::HashSet;

/// Nesting deeper than this (node values, inline structures) is refused rather than risking
/// the stack on hostile input.
const MAX_DEPTH: usize = 64;

const VALUE_START: &str =
    "one of STRING('\"'), TEXT_BLOCK('\"\"\"'), NUMBER, IDENTIFIER, LBRACE('{'), LBRACKET('[')";

pub(super) struct Parser<'a> {
    tokens: &'a [Token],
    index: usize,
    file: &'a str,
    /// Doc comment lines seen since the last significant token.
    docs: Vec<String>,
    depth: usize,
    syntax: FileSyntax,
    input_suffix: String,
    output_suffix: String,
}

type Result<T> = std::result::Result<T, IdlError>;

fn pos(token: &Token) -> Pos {
    Pos {
        line: token.line,
        column: token.column,
    }
}

fn is_ws(tok: &Tok) -> bool {
    matches!(
        tok,
        Tok::Space | Tok::Newline | Tok::Comma | Tok::Comment | Tok::DocComment(_)
    )
}

impl<'a> Parser<'a> {
    pub fn new(tokens: &'a [Token], file: &'a str) -> Self {
        Parser {
            tokens,
            index: 0,
            file,
            docs: Vec::new(),
            depth: 0,
            syntax: FileSyntax::default(),
            input_suffix: "Input".to_owned(),
            output_suffix: "Output".to_owned(),
        }
    }

    // ----- token access -------------------------------------------------------------------

    /// The current token; a malformed one is reported here.
    fn cur(&self) -> Result<&'a Token> {
        let tokens: &'a [Token] = self.tokens;
        let token = tokens
            .get(self.index)
            .or_else(|| tokens.last())
            .ok_or_else(|| IdlError::new(self.file, 1, 1, "empty token stream"))?;
        if let Tok::Invalid(message) = &token.tok {
            return Err(IdlError::new(
                self.file,
                token.line,
                token.column,
                message.clone(),
            ));
        }
        Ok(token)
    }

    fn advance(&mut self) {
        if let Some(token) = self.tokens.get(self.index) {
            match &token.tok {
                Tok::Eof => return,
                Tok::DocComment(text) => self.docs.push(text.clone()),
                tok if is_ws(tok) => {}
                _ => self.docs.clear(),
            }
        }
        self.index += 1;
    }

    fn error_at(&self, token: &Token, message: impl Into<String>) -> IdlError {
        IdlError::new(self.file, token.line, token.column, message)
    }

    fn error_pos(&self, pos: Pos, message: impl Into<String>) -> IdlError {
        IdlError::new(self.file, pos.line, pos.column, message)
    }

    fn expected(&self, what: &str) -> IdlError {
        match self.cur() {
            Ok(token) => self.error_at(
                token,
                format!("Expected {what} but found {}", token.describe()),
            ),
            Err(error) => error,
        }
    }

    fn is(&self, tok: &Tok) -> bool {
        self.cur().is_ok_and(|t| t.tok == *tok)
    }

    fn is_keyword(&self, word: &str) -> bool {
        self.cur()
            .is_ok_and(|t| matches!(&t.tok, Tok::Identifier(w) if w == word))
    }

    fn expect(&mut self, tok: Tok, what: &str) -> Result<&'a Token> {
        let token = self.cur()?;
        if token.tok != tok {
            return Err(self.expected(what));
        }
        self.advance();
        Ok(token)
    }

    fn identifier(&mut self) -> Result<(String, Pos)> {
        let token = self.cur()?;
        match &token.tok {
            Tok::Identifier(name) => {
                self.advance();
                Ok((name.clone(), pos(token)))
            }
            _ => Err(self.expected("IDENTIFIER")),
        }
    }

    // ----- whitespace ---------------------------------------------------------------------

    fn sp(&mut self) -> Result<()> {
        while self.cur()?.tok == Tok::Space {
            self.advance();
        }
        Ok(())
    }

    fn ws(&mut self) -> Result<()> {
        while is_ws(&self.cur()?.tok) {
            self.advance();
        }
        Ok(())
    }

    fn expect_sp(&mut self) -> Result<()> {
        if self.cur()?.tok != Tok::Space {
            return Err(self.expected("SPACE(' ')"));
        }
        self.sp()
    }

    fn expect_ws(&mut self) -> Result<()> {
        let token = self.cur()?;
        if !is_ws(&token.tok) {
            return Err(self.error_at(
                token,
                format!(
                    "Expected one or more whitespace characters, but found {}",
                    token.describe()
                ),
            ));
        }
        self.ws()
    }

    /// A line break (or a comment, which ends with one, or the end of the file).
    fn br(&mut self) -> Result<()> {
        self.sp()?;
        let token = self.cur()?;
        match token.tok {
            // A doc comment ending the line documents nothing.
            Tok::DocComment(_) => {
                self.advance();
                self.docs.clear();
                self.ws()
            }
            Tok::Newline | Tok::Comment | Tok::Eof => self.ws(),
            _ => Err(self.error_at(
                token,
                format!("Expected a line break, but found {}", token.describe()),
            )),
        }
    }

    // ----- file ---------------------------------------------------------------------------

    pub fn parse(mut self) -> Result<FileSyntax> {
        self.ws()?;
        self.control_section()?;
        self.metadata_section()?;
        if self.is(&Tok::Eof) {
            return Ok(self.syntax);
        }
        if !self.is_keyword("namespace") {
            return Err(self.expected("a namespace definition"));
        }
        self.advance();
        self.expect_sp()?;
        let namespace = self.namespace()?;
        self.syntax.namespace = Some(namespace);
        self.br()?;
        while self.is_keyword("use") {
            self.advance();
            self.expect_sp()?;
            let start = pos(self.cur()?);
            let mut text = self.namespace()?;
            self.expect(Tok::Pound, "POUND('#')")?;
            let (name, _) = self.identifier()?;
            text.push('#');
            text.push_str(&name);
            if self.is(&Tok::Dollar) {
                return Err(self.error_pos(start, "Use statements cannot use members"));
            }
            self.syntax.uses.push(IdRef { text, pos: start });
            self.br()?;
        }
        while !self.is(&Tok::Eof) {
            self.statement()?;
        }
        Ok(self.syntax)
    }

    fn control_section(&mut self) -> Result<()> {
        let mut seen: Vec<String> = Vec::new();
        while self.is(&Tok::Dollar) {
            self.advance();
            let key = self.object_key()?;
            self.sp()?;
            self.expect(Tok::Colon, "COLON(':')")?;
            self.sp()?;
            let value_token = self.cur()?;
            let value = self.node_value()?;
            if seen.contains(&key) {
                return Err(
                    self.error_at(value_token, format!("Duplicate control statement `{key}`"))
                );
            }
            seen.push(key.clone());
            let text = match &value {
                Node::String(text) => Some(text.clone()),
                _ => None,
            };
            match key.as_str() {
                "version" => match text.as_deref() {
                    Some(v @ ("1" | "1.0" | "2" | "2.0")) => {
                        self.syntax.version = Some(v.to_owned());
                    }
                    Some(other) => {
                        // Reported just after the value, where Smithy reports it.
                        let after = self.cur()?;
                        return Err(self.error_at(
                            after,
                            format!("Unsupported Smithy version number: {other}"),
                        ));
                    }
                    None => {
                        return Err(self.error_at(
                            value_token,
                            format!(
                                "The $version control statement must have a string value, \
                                 but found {}",
                                value_token.text
                            ),
                        ))
                    }
                },
                "operationInputSuffix" | "operationOutputSuffix" => {
                    let valid = text.as_deref().is_some_and(|t| {
                        !t.is_empty() && t.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                    });
                    let Some(suffix) = text.filter(|_| valid) else {
                        return Err(self.error_at(
                            value_token,
                            format!(
                                "The ${key} control statement must be a string of letters, \
                                 digits and underscores (it ends shape names)"
                            ),
                        ));
                    };
                    if key == "operationInputSuffix" {
                        self.input_suffix = suffix;
                    } else {
                        self.output_suffix = suffix;
                    }
                }
                // Unknown control statements are allowed (Smithy warns about them).
                _ => {}
            }
            self.br()?;
        }
        Ok(())
    }

    fn metadata_section(&mut self) -> Result<()> {
        while self.is_keyword("metadata") {
            self.advance();
            self.expect_sp()?;
            let key_token = self.cur()?;
            let key = self.object_key()?;
            self.sp()?;
            self.expect(Tok::Equal, "EQUAL('=')")?;
            self.sp()?;
            let value = self.node_value()?;
            self.syntax.metadata.push((key, value, pos(key_token)));
            self.br()?;
        }
        Ok(())
    }

    fn namespace(&mut self) -> Result<String> {
        let (mut namespace, _) = self.identifier()?;
        while self.is(&Tok::Dot) {
            self.advance();
            let (part, _) = self.identifier()?;
            namespace.push('.');
            namespace.push_str(&part);
        }
        Ok(namespace)
    }

    /// `Identifier ("." Identifier)* ["#" Identifier] ["$" Identifier]`; a namespace needs `#`.
    fn shape_id(&mut self) -> Result<IdRef> {
        let start = pos(self.cur()?);
        let (mut text, _) = self.identifier()?;
        let mut dotted = false;
        while self.is(&Tok::Dot) {
            self.advance();
            let (part, _) = self.identifier()?;
            text.push('.');
            text.push_str(&part);
            dotted = true;
        }
        if dotted && !self.is(&Tok::Pound) {
            return Err(self.expected("POUND('#')"));
        }
        if self.is(&Tok::Pound) {
            self.advance();
            let (name, _) = self.identifier()?;
            text.push('#');
            text.push_str(&name);
        }
        if self.is(&Tok::Dollar) {
            self.advance();
            let (member, _) = self.identifier()?;
            text.push('$');
            text.push_str(&member);
        }
        Ok(IdRef { text, pos: start })
    }

    fn object_key(&mut self) -> Result<String> {
        let token = self.cur()?;
        match &token.tok {
            Tok::Identifier(name) => {
                self.advance();
                Ok(name.clone())
            }
            Tok::Str(text) => {
                self.advance();
                Ok(text.clone())
            }
            _ => Err(self.expected("IDENTIFIER")),
        }
    }

    // ----- node values --------------------------------------------------------------------

    fn enter(&mut self) -> Result<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            let token = self.cur()?;
            return Err(self.error_at(
                token,
                format!("Values nested more than {MAX_DEPTH} levels deep are not supported"),
            ));
        }
        Ok(())
    }

    fn node_value(&mut self) -> Result<Node> {
        let token = self.cur()?;
        match &token.tok {
            Tok::Str(text) | Tok::TextBlock(text) => {
                self.advance();
                Ok(Node::String(text.clone()))
            }
            Tok::Number(number) => {
                self.advance();
                Ok(Node::Number(number.clone()))
            }
            Tok::Identifier(word) if word == "true" || word == "false" || word == "null" => {
                // A keyword only when the identifier does not go on as a shape id.
                let id = self.shape_id()?;
                Ok(match id.text.as_str() {
                    "true" => Node::Bool(true),
                    "false" => Node::Bool(false),
                    "null" => Node::Null,
                    _ => Node::ShapeId(id.text, id.pos.line, id.pos.column),
                })
            }
            Tok::Identifier(_) => {
                let id = self.shape_id()?;
                Ok(Node::ShapeId(id.text, id.pos.line, id.pos.column))
            }
            Tok::LBracket => {
                self.enter()?;
                self.advance();
                self.ws()?;
                let mut items = Vec::new();
                while !self.is(&Tok::RBracket) {
                    items.push(self.node_value()?);
                    self.ws()?;
                }
                self.advance();
                self.depth -= 1;
                Ok(Node::Array(items))
            }
            Tok::LBrace => {
                self.enter()?;
                self.advance();
                self.ws()?;
                let mut entries = Vec::new();
                let mut seen = HashSet::new();
                loop {
                    let token = self.cur()?;
                    match &token.tok {
                        Tok::RBrace => break,
                        Tok::Identifier(_) | Tok::Str(_) => {}
                        _ => {
                            return Err(
                                self.expected("one of RBRACE('}'), STRING('\"'), IDENTIFIER;")
                            )
                        }
                    }
                    let entry = self.key_value(&mut seen)?;
                    entries.push(entry);
                    self.ws()?;
                }
                self.advance();
                self.depth -= 1;
                Ok(Node::Object(entries))
            }
            _ => Err(self.expected(&format!("{VALUE_START};"))),
        }
    }

    /// `key [WS] ":" [WS] value`; `seen` holds the keys before it in the same object.
    fn key_value(&mut self, seen: &mut HashSet<String>) -> Result<(String, Node)> {
        let key_token = self.cur()?;
        let key = self.object_key()?;
        if !seen.insert(key.clone()) {
            return Err(self.error_at(key_token, format!("Duplicate object key `{key}`")));
        }
        self.ws()?;
        self.expect(Tok::Colon, "COLON(':')")?;
        self.ws()?;
        let value = self.node_value()?;
        Ok((key, value))
    }

    // ----- traits -------------------------------------------------------------------------

    /// Doc comments seen just before, then `@trait` statements.
    fn trait_statements(&mut self) -> Result<TraitList> {
        let docs = std::mem::take(&mut self.docs);
        let docs = (!docs.is_empty()).then(|| docs.join("\n"));
        let mut traits = Vec::new();
        while self.is(&Tok::At) {
            traits.push(self.single_trait()?);
            self.ws()?;
        }
        Ok(TraitList { docs, traits })
    }

    /// `@id` or `@id(…)`, nothing after it.
    fn single_trait(&mut self) -> Result<TraitApp> {
        self.advance();
        let id = self.shape_id()?;
        if id.text.contains('$') {
            return Err(self.error_pos(id.pos, "A trait id cannot name a member"));
        }
        let value = if self.is(&Tok::LParen) {
            self.advance();
            self.ws()?;
            self.trait_body()?
        } else {
            None
        };
        Ok(TraitApp { id, value })
    }

    /// After `(`: nothing, `key: value` pairs, or one node value; then `)`.
    fn trait_body(&mut self) -> Result<Option<Node>> {
        if self.is(&Tok::RParen) {
            self.advance();
            return Ok(None);
        }
        let structured =
            matches!(self.cur()?.tok, Tok::Identifier(_) | Tok::Str(_)) && self.colon_follows();
        let value = if structured {
            self.enter()?;
            let mut entries = Vec::new();
            let mut seen = HashSet::new();
            while !self.is(&Tok::RParen) {
                if !matches!(self.cur()?.tok, Tok::Identifier(_) | Tok::Str(_)) {
                    return Err(self.expected("one of IDENTIFIER, STRING('\"');"));
                }
                let entry = self.key_value(&mut seen)?;
                entries.push(entry);
                self.ws()?;
            }
            self.depth -= 1;
            Node::Object(entries)
        } else {
            let value = self.node_value()?;
            self.ws()?;
            if !self.is(&Tok::RParen) {
                return Err(self.expected("RPAREN(')')"));
            }
            value
        };
        self.advance();
        Ok(Some(value))
    }

    /// Whether the token after the current one (past whitespace) is a colon.
    fn colon_follows(&self) -> bool {
        self.tokens
            .iter()
            .skip(self.index + 1)
            .find(|t| !is_ws(&t.tok))
            .is_some_and(|t| t.tok == Tok::Colon)
    }

    // ----- statements ---------------------------------------------------------------------

    fn statement(&mut self) -> Result<()> {
        let traits = self.trait_statements()?;
        let token = self.cur()?;
        let Tok::Identifier(word) = &token.tok else {
            return Err(self.expected("IDENTIFIER"));
        };
        if word == "apply" {
            if !traits.traits.is_empty() {
                return Err(self.error_at(token, "Traits applied to apply statement"));
            }
            return self.apply();
        }
        let Some(type_name) = shape_type(word) else {
            return Err(self.error_at(token, format!("Unknown shape type: {word}")));
        };
        let type_pos = pos(token);
        let v1 = self.syntax.is_v1();
        if v1 && matches!(type_name, "enum" | "intEnum") {
            return Err(self.error_pos(
                type_pos,
                format!("{type_name} shapes cannot be used in Smithy version 1.0"),
            ));
        }
        if !v1 && type_name == "set" {
            return Err(self.error_pos(
                type_pos,
                "set shapes cannot be used in Smithy version 2.0 (use a list with @uniqueItems)",
            ));
        }
        self.advance();
        self.expect_sp()?;
        let (name, name_pos) = self.identifier()?;
        let shape = match type_name {
            "structure" | "union" | "list" | "set" | "map" | "enum" | "intEnum" => {
                self.sp()?;
                let resource =
                    if self.is_keyword("for") && type_name != "enum" && type_name != "intEnum" {
                        Some(self.for_resource()?)
                    } else {
                        None
                    };
                let mixins = self.mixins()?;
                self.ws()?;
                let members = if matches!(type_name, "enum" | "intEnum") {
                    self.enum_members()?
                } else {
                    self.members()?
                };
                ShapeSyntax {
                    type_name,
                    name,
                    pos: name_pos,
                    traits,
                    mixins,
                    body: Body::Members { members, resource },
                }
            }
            "service" | "resource" => {
                self.sp()?;
                let mixins = self.mixins()?;
                self.ws()?;
                if !self.is(&Tok::LBrace) {
                    return Err(self.expected("LBRACE('{')"));
                }
                let Node::Object(entries) = self.node_value()? else {
                    return Err(self.error_pos(name_pos, "expected a property object"));
                };
                ShapeSyntax {
                    type_name,
                    name,
                    pos: name_pos,
                    traits,
                    mixins,
                    body: Body::Entity(entries),
                }
            }
            "operation" => {
                self.sp()?;
                let mixins = self.mixins()?;
                self.ws()?;
                let body = self.operation_body(&name)?;
                ShapeSyntax {
                    type_name,
                    name,
                    pos: name_pos,
                    traits,
                    mixins,
                    body: Body::Operation(body),
                }
            }
            _ => {
                self.sp()?;
                let mixins = self.mixins()?;
                ShapeSyntax {
                    type_name,
                    name,
                    pos: name_pos,
                    traits,
                    mixins,
                    body: Body::Simple,
                }
            }
        };
        self.syntax.shapes.push(shape);
        self.br()
    }

    fn for_resource(&mut self) -> Result<IdRef> {
        let token = self.cur()?;
        if self.syntax.is_v1() {
            return Err(self.error_at(
                token,
                "Structures can only be bound to resources with Smithy version 2 or later. \
                 Attempted to bind a structure to a resource with version `1.0`.",
            ));
        }
        self.advance();
        self.expect_sp()?;
        let id = self.shape_id()?;
        self.sp()?;
        Ok(id)
    }

    /// `with [A B]`, on the same line as what it follows.
    fn mixins(&mut self) -> Result<Vec<IdRef>> {
        if !self.is_keyword("with") {
            return Ok(Vec::new());
        }
        let token = self.cur()?;
        if self.syntax.is_v1() {
            return Err(self.error_at(
                token,
                "Mixins can only be used with Smithy version 2 or later. Attempted to use \
                 mixins with version `1.0`.",
            ));
        }
        self.advance();
        self.ws()?;
        self.expect(Tok::LBracket, "LBRACKET('[')")?;
        self.ws()?;
        let mut ids = vec![self.shape_id()?];
        self.ws()?;
        while !self.is(&Tok::RBracket) {
            ids.push(self.shape_id()?);
            self.ws()?;
        }
        self.advance();
        self.sp()?;
        Ok(ids)
    }

    fn members(&mut self) -> Result<Vec<MemberSyntax>> {
        self.enter()?;
        self.expect(Tok::LBrace, "LBRACE('{')")?;
        self.ws()?;
        let mut members: Vec<MemberSyntax> = Vec::new();
        let mut seen = HashSet::new();
        while !self.is(&Tok::RBrace) {
            let traits = self.trait_statements()?;
            let token = self.cur()?;
            let (name, name_pos, target) = if token.tok == Tok::Dollar {
                if self.syntax.is_v1() {
                    return Err(self.error_at(
                        token,
                        "Members can only elide targets in IDL version 2 or later",
                    ));
                }
                self.advance();
                let (name, _) = self.identifier()?;
                (name, pos(token), None)
            } else {
                let (name, name_pos) = self.identifier()?;
                self.sp()?;
                self.expect(Tok::Colon, "COLON(':')")?;
                self.sp()?;
                (name, name_pos, Some(self.shape_id()?))
            };
            if !seen.insert(name.clone()) {
                return Err(
                    self.error_pos(name_pos, format!("Found conflicting member name, `{name}`"))
                );
            }
            self.sp()?;
            let value = self.value_assignment("@default assignment")?;
            members.push(MemberSyntax {
                name,
                pos: name_pos,
                traits,
                target,
                value,
            });
            self.ws()?;
        }
        self.advance();
        self.depth -= 1;
        Ok(members)
    }

    /// `= value` then a line break, when the next token is `=`.
    fn value_assignment(&mut self, what: &str) -> Result<Option<(Node, Pos)>> {
        if !self.is(&Tok::Equal) {
            return Ok(None);
        }
        let token = self.cur()?;
        if self.syntax.is_v1() {
            return Err(self.error_at(
                token,
                format!("{what} is only supported in IDL version 2 or later"),
            ));
        }
        self.advance();
        self.sp()?;
        let value_pos = pos(self.cur()?);
        let value = self.node_value()?;
        self.sp()?;
        if self.is(&Tok::Comma) {
            self.advance();
        }
        self.br()?;
        Ok(Some((value, value_pos)))
    }

    fn enum_members(&mut self) -> Result<Vec<MemberSyntax>> {
        self.expect(Tok::LBrace, "LBRACE('{')")?;
        self.ws()?;
        let mut members: Vec<MemberSyntax> = Vec::new();
        let mut seen = HashSet::new();
        while !self.is(&Tok::RBrace) {
            let traits = self.trait_statements()?;
            let (name, name_pos) = self.identifier()?;
            if !seen.insert(name.clone()) {
                return Err(
                    self.error_pos(name_pos, format!("Found conflicting member name, `{name}`"))
                );
            }
            self.sp()?;
            let value = self.value_assignment("enum value assignment")?;
            members.push(MemberSyntax {
                name,
                pos: name_pos,
                traits,
                target: None,
                value,
            });
            self.ws()?;
        }
        self.advance();
        Ok(members)
    }

    fn operation_body(&mut self, operation: &str) -> Result<OperationSyntax> {
        self.expect(Tok::LBrace, "LBRACE('{')")?;
        self.ws()?;
        let mut body = OperationSyntax::default();
        while !self.is(&Tok::RBrace) {
            let token = self.cur()?;
            let (key, _) = self.identifier()?;
            let namespace = self.syntax.namespace.clone().unwrap_or_default();
            let duplicate = |what: &str| {
                format!("Duplicate operation {what} property for `{namespace}#{operation}`")
            };
            match key.as_str() {
                "input" | "output" => {
                    let already = if key == "input" {
                        body.input.is_some()
                    } else {
                        body.output.is_some()
                    };
                    if already {
                        return Err(self.error_at(token, duplicate(&key)));
                    }
                    self.ws()?;
                    let target = if self.is(&Tok::Walrus) {
                        self.inline_structure(operation, &key, token)?
                    } else {
                        self.expect(Tok::Colon, "COLON(':')")?;
                        self.ws()?;
                        self.shape_id()?
                    };
                    if key == "input" {
                        body.input = Some(target);
                    } else {
                        body.output = Some(target);
                    }
                }
                "errors" => {
                    if body.errors.is_some() {
                        return Err(self.error_at(token, duplicate("errors")));
                    }
                    self.ws()?;
                    self.expect(Tok::Colon, "COLON(':')")?;
                    self.ws()?;
                    self.expect(Tok::LBracket, "LBRACKET('[')")?;
                    self.ws()?;
                    let mut errors = Vec::new();
                    while !self.is(&Tok::RBracket) {
                        errors.push(self.shape_id()?);
                        self.ws()?;
                    }
                    self.advance();
                    body.errors = Some(errors);
                }
                other => {
                    let namespace = self.syntax.namespace.clone().unwrap_or_default();
                    return Err(self.error_at(
                        token,
                        format!(
                            "Unknown property {other} for {namespace}#{operation} \
                             (expected input, output or errors)"
                        ),
                    ));
                }
            }
            if !self.is(&Tok::RBrace) {
                self.expect_ws()?;
            }
        }
        self.advance();
        Ok(body)
    }

    /// `:= [traits] [for R] [with [...]] { members }`: a new structure named after the operation.
    fn inline_structure(&mut self, operation: &str, key: &str, at: &Token) -> Result<IdRef> {
        let walrus = self.cur()?;
        if self.syntax.is_v1() {
            return Err(self.error_at(
                walrus,
                "Inlined operation inputs and outputs can only be used with Smithy version 2 \
                 or later. Attempted to use inlined IO with version `1.0`.",
            ));
        }
        self.advance();
        self.ws()?;
        let mut traits = self.trait_statements()?;
        let resource = if self.is_keyword("for") {
            Some(self.for_resource()?)
        } else {
            None
        };
        let mixins = self.mixins()?;
        self.ws()?;
        let members = self.members()?;
        let (suffix, marker) = if key == "input" {
            (self.input_suffix.clone(), "input")
        } else {
            (self.output_suffix.clone(), "output")
        };
        traits.traits.push(TraitApp {
            id: IdRef {
                text: format!("smithy.api#{marker}"),
                pos: pos(at),
            },
            value: None,
        });
        let name = format!("{operation}{suffix}");
        self.syntax.shapes.push(ShapeSyntax {
            type_name: "structure",
            name: name.clone(),
            pos: pos(at),
            traits,
            mixins,
            body: Body::Members { members, resource },
        });
        Ok(IdRef {
            text: name,
            pos: pos(at),
        })
    }

    fn apply(&mut self) -> Result<()> {
        self.advance();
        self.expect_sp()?;
        let target = self.shape_id()?;
        self.expect_ws()?;
        let traits = if self.is(&Tok::At) {
            vec![self.single_trait()?]
        } else if self.is(&Tok::LBrace) {
            self.advance();
            self.ws()?;
            let list = self.trait_statements()?;
            self.expect(Tok::RBrace, "RBRACE('}')")?;
            list.traits
        } else {
            return Err(self.expected("one of AT('@'), LBRACE('{');"));
        };
        self.syntax.applies.push(ApplySyntax { target, traits });
        self.br()
    }
}

/// The AST type name for a shape keyword of the IDL.
fn shape_type(word: &str) -> Option<&'static str> {
    crate::ast::SHAPE_TYPES
        .iter()
        .copied()
        .find(|t| *t == word && !matches!(*t, "member" | "apply"))
}
