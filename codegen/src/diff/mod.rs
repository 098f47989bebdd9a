//! Semantic diff of two Smithy models: what changed, how serious it is in Smithy's terms
//! (ERROR, DANGER, WARNING, NOTE), and what it means for the Rust API of a generated crate.
//!
//! The diff works on the resolved [`Model`] rather than on raw JSON: mixins and `apply` are
//! already flattened, references resolved, and every trait is still there as raw JSON
//! ([`crate::model::Traits::raw`]), so nothing the evaluators need is lost and a model split
//! differently across files compares equal.
//!
//! Each concern is one evaluator module; they all read a `Context` and push [`Event`]s;
//! `rust_impact` then annotates events using the generator's own IR of both models.
//!
//! ```no_run
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use smithy_codegen::diff::{diff, DiffOptions, Format, Scope, Severity};
//! use smithy_codegen::model::Model;
//! let old = Model::load(&std::fs::read_to_string("old.json")?)?;
//! let new = Model::load(&std::fs::read_to_string("new.json")?)?;
//! let options = DiffOptions {
//!     scopes: vec![Scope::operations(["GetUser", "UpdateUserAttributes"])],
//!     ignore_docs: true,
//! };
//! let report = diff(&old, &new, &options)?;
//! print!("{}", report.render(Format::Markdown));
//! if report.at_or_above(Severity::Error) > 0 {
//!     std::process::exit(1);
//! }
//! # Ok(()) }
//! ```

mod auth;
mod constraints;
mod endpoint_rules;
mod enums;
mod errors;
mod events;
mod members;
mod nullability;
mod operations;
mod report;
mod rust_impact;
mod scope;
mod shapes;
mod trait_rules;
mod traits;

pub use events::{Change, Event, Severity};
pub use report::Format;
pub use scope::Scope;

use crate::model::{Member, Model, Shape, ShapeId};
use std::fmt;

/// What to compare and how.
#[derive(Debug, Clone, Default)]
pub struct DiffOptions {
    /// Operation sets to restrict the diff to (their closures); empty compares every shape.
    pub scopes: Vec<Scope>,
    /// Leave documentation and examples out (for models whose prose differs on purpose).
    pub ignore_docs: bool,
}

/// Why a diff could not be computed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiffError {
    message: String,
}

impl DiffError {
    pub(crate) fn new(message: impl Into<String>) -> DiffError {
        DiffError {
            message: message.into(),
        }
    }
}

impl fmt::Display for DiffError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DiffError {}

/// The result of a diff: every event, ordered by shape id, then severity (most serious
/// first), then event id.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DiffReport {
    /// The events.
    pub events: Vec<Event>,
}

impl DiffReport {
    /// The most serious severity reported, if anything changed.
    pub fn max_severity(&self) -> Option<Severity> {
        self.events.iter().map(|e| e.severity).max()
    }

    /// Events at `threshold` or above.
    pub fn at_or_above(&self, threshold: Severity) -> usize {
        self.events
            .iter()
            .filter(|e| e.severity >= threshold)
            .count()
    }

    /// Number of events of one severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.events
            .iter()
            .filter(|e| e.severity == severity)
            .count()
    }

    /// The report rendered in `format`.
    pub fn render(&self, format: Format) -> String {
        report::render(self, format)
    }
}

/// Compares `old` with `new`.
pub fn diff(old: &Model, new: &Model, options: &DiffOptions) -> Result<DiffReport, DiffError> {
    let scope = scope::resolve(old, new, &options.scopes)?;
    let cx = Context {
        old,
        new,
        scope,
        ignore_docs: options.ignore_docs,
    };
    let mut events = Vec::new();
    shapes::evaluate(&cx, &mut events);
    members::evaluate(&cx, &mut events);
    traits::evaluate(&cx, &mut events);
    nullability::evaluate(&cx, &mut events);
    constraints::evaluate(&cx, &mut events);
    enums::evaluate(&cx, &mut events);
    errors::evaluate(&cx, &mut events);
    operations::evaluate(&cx, &mut events);
    auth::evaluate(&cx, &mut events);
    endpoint_rules::evaluate(&cx, &mut events);
    rust_impact::annotate(&cx, &options.scopes, &mut events);
    events.sort_by(|a, b| {
        (
            a.shape.to_string(),
            std::cmp::Reverse(a.severity),
            &a.id,
            &a.message,
        )
            .cmp(&(
                b.shape.to_string(),
                std::cmp::Reverse(b.severity),
                &b.id,
                &b.message,
            ))
    });
    events.dedup();
    Ok(DiffReport { events })
}

/// What every evaluator reads: both models and which shapes are in scope.
pub(crate) struct Context<'a> {
    pub old: &'a Model,
    pub new: &'a Model,
    /// Non-prelude shapes the selected operations reach in each model; `None` compares
    /// every non-prelude shape.
    pub scope: Option<scope::Reach>,
    pub ignore_docs: bool,
}

impl Context<'_> {
    /// Whether a shape (or a member's container) is compared.
    pub fn in_scope(&self, id: &ShapeId) -> bool {
        let id = id.without_member();
        if Model::is_prelude(&id) {
            return false;
        }
        self.scope.as_ref().is_none_or(|scope| scope.contains(&id))
    }

    /// Whether the selected operations reach `id` in the old and in the new model (always
    /// `(true, true)` without a scope).
    pub fn reached(&self, id: &ShapeId) -> (bool, bool) {
        match &self.scope {
            None => (true, true),
            Some(reach) => (reach.old.contains(id), reach.new.contains(id)),
        }
    }

    /// Shapes in scope present in both models, in id order.
    pub fn changed(&self) -> impl Iterator<Item = (&Shape, &Shape)> {
        self.old.shapes().filter_map(move |old| {
            if !self.in_scope(&old.id) {
                return None;
            }
            self.new.shape(&old.id).map(|new| (old, new))
        })
    }

    /// Shapes in scope only in the new model.
    pub fn added(&self) -> impl Iterator<Item = &Shape> {
        self.new
            .shapes()
            .filter(move |s| self.in_scope(&s.id) && self.old.shape(&s.id).is_none())
    }

    /// Shapes in scope only in the old model.
    pub fn removed(&self) -> impl Iterator<Item = &Shape> {
        self.old
            .shapes()
            .filter(move |s| self.in_scope(&s.id) && self.new.shape(&s.id).is_none())
    }
}

/// Members present in both shapes, paired by name, in the new shape's order.
pub(crate) fn common_members<'a>(old: &'a Shape, new: &'a Shape) -> Vec<(&'a Member, &'a Member)> {
    let old_members = old.members();
    new.members()
        .into_iter()
        .filter_map(|n| {
            old_members
                .iter()
                .find(|o| o.name == n.name)
                .map(|o| (*o, n))
        })
        .collect()
}

/// A short JSON rendering of a trait value for messages (long values are cut).
pub(crate) fn brief(value: &serde_json::Value) -> String {
    const LIMIT: usize = 160;
    let text = value.to_string();
    if text.chars().count() <= LIMIT {
        return format!("`{text}`");
    }
    let cut: String = text.chars().take(LIMIT).collect();
    format!("`{cut}…` ({} characters)", text.len())
}

/// The service a scope refers to in `model` (`None` if the model has no such service).
pub fn scope_service(model: &Model, scope: &Scope) -> Result<Option<ShapeId>, DiffError> {
    scope::service_of(model, scope)
}

/// The operation ids of `scope` present in `model`.
pub fn scope_operations(model: &Model, scope: &Scope) -> Result<Vec<ShapeId>, DiffError> {
    scope::operations_in(model, scope)
}
