//! What a diff reports: one [`Event`] per change, with a Smithy-style severity and, when the
//! change touches a generated crate, what it means for that crate's Rust API.

use crate::model::ShapeId;
use std::fmt;

/// How serious a change is, in Smithy's diff terms (ordered from least to most serious).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Worth knowing; compatible.
    Note,
    /// Probably compatible, but look at it.
    Warning,
    /// Likely to break some clients or change behaviour in subtle ways.
    Danger,
    /// Breaks existing clients.
    Error,
}

impl Severity {
    /// The upper-case name Smithy uses (`ERROR`, `DANGER`, `WARNING`, `NOTE`).
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Note => "NOTE",
            Severity::Warning => "WARNING",
            Severity::Danger => "DANGER",
            Severity::Error => "ERROR",
        }
    }

    /// Parses a Smithy severity name (case-insensitive).
    pub fn parse(text: &str) -> Option<Severity> {
        match text.to_ascii_uppercase().as_str() {
            "NOTE" => Some(Severity::Note),
            "WARNING" => Some(Severity::Warning),
            "DANGER" => Some(Severity::Danger),
            "ERROR" => Some(Severity::Error),
            _ => None,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The structured kind of a change, which the Rust-API column is computed from.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// A shape appeared.
    ShapeAdded,
    /// A shape disappeared from the model.
    ShapeRemoved,
    /// A shape changed its type (`structure` → `union`, …).
    ShapeTypeChanged {
        /// Old type name.
        old: String,
        /// New type name.
        new: String,
    },
    /// A member was added to a structure or union.
    MemberAdded,
    /// A member was removed from a structure or union.
    MemberRemoved,
    /// A member now targets another shape.
    MemberTargetChanged,
    /// Members of a structure or union were reordered.
    MemberOrderChanged,
    /// `@required` / `@default` / `@clientOptional` (or `@input`) changed whether a member may
    /// be absent.
    NullabilityChanged,
    /// A member's `@default` value changed, appeared or disappeared.
    DefaultChanged,
    /// A trait was added, removed or changed (generic trait rules).
    TraitChanged {
        /// The trait id.
        trait_id: ShapeId,
    },
    /// `@length` or `@range` now rejects values it accepted.
    ConstraintTightened {
        /// The trait id.
        trait_id: ShapeId,
    },
    /// An enum value was added.
    EnumValueAdded {
        /// The wire value.
        value: String,
    },
    /// An enum value was removed.
    EnumValueRemoved {
        /// The wire value.
        value: String,
    },
    /// An enum value keeps its wire value under another member name.
    EnumValueRenamed {
        /// The wire value.
        value: String,
    },
    /// An error was added to an operation (directly or through the service).
    ErrorAdded {
        /// The operation.
        operation: ShapeId,
        /// The error structure.
        error: ShapeId,
    },
    /// An error was removed from an operation (directly or through the service).
    ErrorRemoved {
        /// The operation.
        operation: ShapeId,
        /// The error structure.
        error: ShapeId,
    },
    /// An operation binding was added to a service or resource.
    OperationBound {
        /// The operation.
        operation: ShapeId,
    },
    /// An operation binding was removed from a service or resource.
    OperationUnbound {
        /// The operation.
        operation: ShapeId,
    },
    /// A resource binding was added or removed.
    ResourceBindingChanged,
    /// An operation's input or output structure was replaced.
    OperationIoChanged,
    /// Who may call an operation changed (its effective auth schemes).
    AuthChanged {
        /// Old schemes (empty: anonymous).
        old: Vec<ShapeId>,
        /// New schemes (empty: anonymous).
        new: Vec<ShapeId>,
    },
    /// The endpoint rule set changed.
    EndpointRulesChanged,
    /// A service's `rename` map gives a shape another name.
    ShapeRenamed {
        /// The renamed shape.
        shape: ShapeId,
    },
}

/// One reported change.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// Event id in Smithy's style (`ChangedNullability.RemovedRequiredTrait`,
    /// `TraitBreakingChange.Update.smithy.api#jsonName`, …).
    pub id: String,
    /// How serious.
    pub severity: Severity,
    /// The shape or member the change is reported on.
    pub shape: ShapeId,
    /// What changed, in words.
    pub message: String,
    /// The structured kind of change.
    pub change: Change,
    /// What the change means for users of the generated crate, when it touches one.
    pub rust: Option<String>,
}

impl Event {
    /// A new event without a Rust-API note (filled later by `rust_impact`).
    pub fn new(
        id: impl Into<String>,
        severity: Severity,
        shape: &ShapeId,
        change: Change,
        message: impl Into<String>,
    ) -> Event {
        Event {
            id: id.into(),
            severity,
            shape: shape.clone(),
            message: message.into(),
            change,
            rust: None,
        }
    }
}
