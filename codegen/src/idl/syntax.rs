//! What the parser produces for one file: statements with their positions, shape ids still
//! as written (resolved later, when every file's shapes are known).

use super::node::Node;

/// A 1-based line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Pos {
    pub line: usize,
    pub column: usize,
}

/// A shape id as written (relative or absolute) and where.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct IdRef {
    pub text: String,
    pub pos: Pos,
}

/// One trait application: `@id` or `@id(value)`; `None` when no value was given.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct TraitApp {
    pub id: IdRef,
    pub value: Option<Node>,
}

/// Doc comment text (becomes `smithy.api#documentation`) and the traits that follow it.
#[derive(Debug, Clone, PartialEq, Default)]
pub(super) struct TraitList {
    pub docs: Option<String>,
    pub traits: Vec<TraitApp>,
}

/// One member: `name: Target`, `$name` (target elided) or an enum member `NAME = value`.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct MemberSyntax {
    pub name: String,
    pub pos: Pos,
    pub traits: TraitList,
    /// `None` when the target is elided (`$name`) or for enum members.
    pub target: Option<IdRef>,
    /// `= value`: a default for structure members, the value of enum members.
    pub value: Option<(Node, Pos)>,
}

/// The type-specific part of a shape statement.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Body {
    /// Simple types (by AST type name).
    Simple,
    /// `structure`, `union`, `list`, `set`, `map`, `enum`, `intEnum`.
    Members {
        members: Vec<MemberSyntax>,
        /// `for Resource`.
        resource: Option<IdRef>,
    },
    /// `service` and `resource`: the property object (keys and values, in order).
    Entity(Vec<(String, Node)>),
    Operation(OperationSyntax),
}

/// Operation properties; inline input/output structures become shapes of their own.
#[derive(Debug, Clone, PartialEq, Default)]
pub(super) struct OperationSyntax {
    pub input: Option<IdRef>,
    pub output: Option<IdRef>,
    pub errors: Option<Vec<IdRef>>,
}

/// A shape statement.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct ShapeSyntax {
    /// AST type name (`structure`, `intEnum`, …).
    pub type_name: &'static str,
    pub name: String,
    pub pos: Pos,
    pub traits: TraitList,
    pub mixins: Vec<IdRef>,
    pub body: Body,
}

/// `apply Target @trait` or `apply Target { @a @b }`.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct ApplySyntax {
    pub target: IdRef,
    pub traits: Vec<TraitApp>,
}

/// One parsed file.
#[derive(Debug, Clone, PartialEq, Default)]
pub(super) struct FileSyntax {
    /// `$version` as written, when given.
    pub version: Option<String>,
    pub metadata: Vec<(String, Node, Pos)>,
    pub namespace: Option<String>,
    /// `use` statements: absolute ids and where.
    pub uses: Vec<IdRef>,
    pub shapes: Vec<ShapeSyntax>,
    pub applies: Vec<ApplySyntax>,
}

impl FileSyntax {
    /// Whether the file is Smithy IDL 1.0 (the default when `$version` is absent).
    pub fn is_v1(&self) -> bool {
        matches!(self.version.as_deref(), None | Some("1" | "1.0"))
    }
}
