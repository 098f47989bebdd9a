//! Bringing our own model in line with a newer official one, for the operations we generate.
//!
//! Every shape of the official closure of the selected operations replaces ours as a whole
//! (types, members, targets, every trait), except the prose: our documentation strings and
//! examples are kept. Shapes and members the official model documents but ours never did get
//! a placeholder documentation string and are listed, so their documentation gets written.
//! Shapes that left the closure are removed. The service keeps its own operation list (plus
//! any selected operation it lacked) and takes the official service traits.
//!
//! This works on the JSON AST (not the resolved model) so the written file keeps every
//! property, the order of shapes and traits, and our formatting conventions.

use crate::ast::Document;
use crate::diff::{self, DiffOptions, DiffReport, Scope};
use crate::model::{Model, ShapeId};
use serde_json::{Map, Value};
use std::collections::BTreeSet;
use std::fmt;

/// Traits whose text is ours, never copied from the official model.
const PROSE: &[&str] = &["smithy.api#documentation", "smithy.api#examples"];
const DOCUMENTATION: &str = "smithy.api#documentation";
/// Service traits not taken over: the endpoint test cases are test data, not API, and ours
/// leaves them out.
const SERVICE_SKIPPED: &[&str] = &["smithy.rules#endpointTests"];
/// The documentation given to newly synced shapes and members.
pub const PLACEHOLDER: &str =
    "TODO: write documentation (new in the official model; added by `cargo xtask sync-model`).";

/// Why syncing failed (nothing is written in that case).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncError {
    message: String,
}

impl SyncError {
    fn new(message: impl Into<String>) -> SyncError {
        SyncError {
            message: message.into(),
        }
    }
}

impl fmt::Display for SyncError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for SyncError {}

/// The result of a sync.
#[derive(Debug, Clone)]
pub struct SyncOutcome {
    /// Our model, updated, as pretty JSON (ends with a newline).
    pub json: String,
    /// Shapes and members that got the placeholder documentation.
    pub undocumented: Vec<ShapeId>,
    /// Shapes added to our model.
    pub added: Vec<ShapeId>,
    /// Shapes removed from our model (no longer in the official closure).
    pub removed: Vec<ShapeId>,
    /// What changed, ours before vs after, documentation ignored; `None` when our model did
    /// not load before syncing (see `note`).
    pub report: Option<DiffReport>,
    /// Why there is no report.
    pub note: Option<String>,
}

impl SyncOutcome {
    /// The diff report followed by the lists of added, removed and undocumented shapes, in
    /// `format` (JSON: one object with `report`, `added`, `removed`, `undocumented`, `note`).
    pub fn summary(&self, format: diff::Format) -> String {
        let ids =
            |ids: &[ShapeId]| -> Vec<String> { ids.iter().map(ToString::to_string).collect() };
        if format == diff::Format::Json {
            let report = self
                .report
                .as_ref()
                .and_then(|r| serde_json::from_str::<Value>(&r.render(format)).ok());
            let value = serde_json::json!({
                "report": report,
                "note": self.note,
                "added": ids(&self.added),
                "removed": ids(&self.removed),
                "undocumented": ids(&self.undocumented),
            });
            let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
            text.push('\n');
            return text;
        }
        let mut out = String::new();
        match (&self.report, &self.note) {
            (Some(report), _) => out.push_str(&report.render(format)),
            (None, Some(note)) => out.push_str(&format!("No diff report: {note}\n")),
            (None, None) => {}
        }
        let markdown = format == diff::Format::Markdown;
        let mut list = |title: &str, shapes: &[ShapeId]| {
            if shapes.is_empty() {
                return;
            }
            if markdown {
                out.push_str(&format!("\n**{title}** ({}):\n\n", shapes.len()));
            } else {
                out.push_str(&format!("{title} ({}):\n", shapes.len()));
            }
            for id in shapes {
                if markdown {
                    out.push_str(&format!("- `{id}`\n"));
                } else {
                    out.push_str(&format!("  {id}\n"));
                }
            }
        };
        list("Added shapes", &self.added);
        list("Removed shapes", &self.removed);
        list(
            "Documentation to write (placeholder inserted)",
            &self.undocumented,
        );
        out
    }
}

fn parse(what: &str, json: &str) -> Result<Document, SyncError> {
    Document::from_json(json).map_err(|e| SyncError::new(format!("{what} model: {e}")))
}

/// Syncs `ours_json` with `official_json` for the operations of `scopes`.
pub fn sync_model(
    ours_json: &str,
    official_json: &str,
    scopes: &[Scope],
) -> Result<SyncOutcome, SyncError> {
    if scopes.is_empty() {
        return Err(SyncError::new("no operations selected to sync"));
    }
    let mut ours = parse("our", ours_json)?;
    let official_doc = parse("the official", official_json)?;
    let official = Model::from_document(official_doc.clone())
        .map_err(|e| SyncError::new(format!("the official model: {e}")))?;
    let before = Model::from_document(ours.clone());

    // The official closure, and the services and operations it starts from.
    let mut closure: BTreeSet<ShapeId> = BTreeSet::new();
    let mut services: Vec<(ShapeId, Vec<ShapeId>)> = Vec::new();
    for scope in scopes {
        let service = diff::scope_service(&official, scope)
            .map_err(|e| SyncError::new(e.to_string()))?
            .ok_or_else(|| SyncError::new("the official model defines no service"))?;
        let operations =
            diff::scope_operations(&official, scope).map_err(|e| SyncError::new(e.to_string()))?;
        check_all_found(scope, &operations)?;
        let reached = official
            .service_closure(&service, &operations)
            .map_err(|e| SyncError::new(format!("the official model: {e}")))?;
        closure.extend(reached.without_prelude().cloned());
        services.push((service, operations));
    }

    let mut undocumented = Vec::new();
    let mut added = Vec::new();
    for id in &closure {
        let key = id.to_string();
        let official_shape = official_doc.shapes.get(&key).ok_or_else(|| {
            SyncError::new(format!(
                "`{id}` is in the official closure but not written as a shape of the official document (defined through `apply` or another file?)"
            ))
        })?;
        let official_value = to_value(official_shape)?;
        let ours_value = match ours.shapes.get(&key) {
            Some(shape) => Some(to_value(shape)?),
            None => {
                added.push(id.clone());
                None
            }
        };
        let merged = merge_shape(
            id,
            official_value,
            ours_value.as_ref(),
            &[],
            &mut undocumented,
        );
        let shape =
            serde_json::from_value(merged).map_err(|e| SyncError::new(format!("`{id}`: {e}")))?;
        ours.shapes.insert(key, shape);
    }

    for (service, operations) in &services {
        sync_service(
            &mut ours,
            &official_doc,
            service,
            operations,
            &mut undocumented,
        )?;
    }

    // Shapes that were in our closure and left the official one.
    let mut removed = Vec::new();
    if let Ok(before) = &before {
        for scope in scopes {
            let (Ok(Some(service)), Ok(operations)) = (
                diff::scope_service(before, scope),
                diff::scope_operations(before, scope),
            ) else {
                continue;
            };
            if let Ok(reached) = before.service_closure(&service, &operations) {
                for id in reached.without_prelude() {
                    if !closure.contains(id) && ours.shapes.shift_remove(&id.to_string()).is_some()
                    {
                        removed.push(id.clone());
                    }
                }
            }
        }
    }

    let mut json = serde_json::to_string_pretty(&ours)
        .map_err(|e| SyncError::new(format!("cannot write the synced model: {e}")))?;
    json.push('\n');
    let after = Model::load(&json)
        .map_err(|e| SyncError::new(format!("the synced model does not load: {e}")))?;
    let (report, note) = match &before {
        Ok(before) => {
            let options = DiffOptions {
                scopes: scopes.to_vec(),
                ignore_docs: true,
            };
            let report =
                diff::diff(before, &after, &options).map_err(|e| SyncError::new(e.to_string()))?;
            (Some(report), None)
        }
        Err(e) => (
            None,
            Some(format!("our model did not load before syncing: {e}")),
        ),
    };
    undocumented.sort();
    undocumented.dedup();
    Ok(SyncOutcome {
        json,
        undocumented,
        added,
        removed,
        report,
        note,
    })
}

fn check_all_found(scope: &Scope, found: &[ShapeId]) -> Result<(), SyncError> {
    if scope.operations.iter().any(|n| n == "*") {
        return Ok(());
    }
    for name in &scope.operations {
        if !found
            .iter()
            .any(|id| id.name() == name || id.to_string() == *name)
        {
            return Err(SyncError::new(format!(
                "operation `{name}` is not in the official model"
            )));
        }
    }
    Ok(())
}

fn to_value(shape: &crate::ast::Shape) -> Result<Value, SyncError> {
    serde_json::to_value(shape).map_err(|e| SyncError::new(e.to_string()))
}

/// The official shape with our prose: documentation and examples of the shape and of each
/// member come from ours; official prose is never copied (documentation where ours has none
/// becomes the placeholder, and is listed). Traits in `skip` are dropped.
fn merge_shape(
    id: &ShapeId,
    mut official: Value,
    ours: Option<&Value>,
    skip: &[&str],
    undocumented: &mut Vec<ShapeId>,
) -> Value {
    merge_traits(id, &mut official, ours, skip, undocumented);
    for slot in ["member", "key", "value"] {
        if let Some(member) = official.get_mut(slot) {
            let ours_member = ours.and_then(|o| o.get(slot));
            merge_traits(
                &id.with_member(slot),
                member,
                ours_member,
                &[],
                undocumented,
            );
        }
    }
    if let Some(Value::Object(members)) = official.get_mut("members") {
        for (name, member) in members.iter_mut() {
            let ours_member = ours
                .and_then(|o| o.get("members"))
                .and_then(|m| m.get(name));
            merge_traits(
                &id.with_member(name),
                member,
                ours_member,
                &[],
                undocumented,
            );
        }
    }
    official
}

fn merge_traits(
    id: &ShapeId,
    official: &mut Value,
    ours: Option<&Value>,
    skip: &[&str],
    undocumented: &mut Vec<ShapeId>,
) {
    let Some(object) = official.as_object_mut() else {
        return;
    };
    let ours_traits = ours
        .and_then(|o| o.get("traits"))
        .and_then(Value::as_object);
    let traits = object
        .entry("traits")
        .or_insert_with(|| Value::Object(Map::new()));
    let Some(traits) = traits.as_object_mut() else {
        return;
    };
    traits.retain(|name, _| !skip.contains(&name.as_str()));
    // Trait values can carry prose of their own (endpoint rule set parameters do).
    if let Some(ours_traits) = ours_traits {
        for (name, value) in traits.iter_mut() {
            if let Some(ours_value) = ours_traits.get(name) {
                keep_nested_documentation(value, ours_value);
            }
        }
    }
    for prose in PROSE {
        let official_has = traits.contains_key(*prose);
        match ours_traits.and_then(|t| t.get(*prose)) {
            // Keep ours, in the official position when there is one.
            Some(text) => {
                traits.insert((*prose).to_owned(), text.clone());
            }
            None if official_has && *prose == DOCUMENTATION => {
                traits.insert((*prose).to_owned(), Value::String(PLACEHOLDER.to_owned()));
                undocumented.push(id.clone());
            }
            None => {
                traits.remove(*prose);
            }
        }
    }
    if traits.is_empty() {
        object.remove("traits");
    }
}

/// Inside a trait value, `documentation` strings at the same path in ours replace the
/// official ones (objects are matched by key, arrays by index).
fn keep_nested_documentation(official: &mut Value, ours: &Value) {
    match (official, ours) {
        (Value::Object(official), Value::Object(ours)) => {
            for (key, value) in official.iter_mut() {
                let Some(ours_value) = ours.get(key) else {
                    continue;
                };
                if key == "documentation" && value.is_string() && ours_value.is_string() {
                    *value = ours_value.clone();
                } else {
                    keep_nested_documentation(value, ours_value);
                }
            }
        }
        (Value::Array(official), Value::Array(ours)) => {
            for (value, ours_value) in official.iter_mut().zip(ours) {
                keep_nested_documentation(value, ours_value);
            }
        }
        _ => {}
    }
}

/// Our service takes the official traits (our prose kept) and gains bindings for selected
/// operations it lacks; a service missing from ours is added with just those operations.
fn sync_service(
    ours: &mut Document,
    official: &Document,
    service: &ShapeId,
    operations: &[ShapeId],
    undocumented: &mut Vec<ShapeId>,
) -> Result<(), SyncError> {
    let key = service.to_string();
    let official_value = to_value(official.shapes.get(&key).ok_or_else(|| {
        SyncError::new(format!(
            "`{service}` is not written in the official document"
        ))
    })?)?;
    let ours_value = ours.shapes.get(&key).map(to_value).transpose()?;
    let mut merged = merge_shape(
        service,
        official_value,
        ours_value.as_ref(),
        SERVICE_SKIPPED,
        undocumented,
    );
    // Bindings: ours, plus the selected operations; resources stay as in ours.
    let mut bound: Vec<Value> = ours_value
        .as_ref()
        .and_then(|v| v.get("operations"))
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    for operation in operations {
        let target = Value::String(operation.to_string());
        if !bound.iter().any(|b| b.get("target") == Some(&target)) {
            let mut reference = Map::new();
            reference.insert("target".to_owned(), target);
            bound.push(Value::Object(reference));
        }
    }
    if let Some(object) = merged.as_object_mut() {
        object.insert("operations".to_owned(), Value::Array(bound));
        match ours_value.as_ref().and_then(|v| v.get("resources")) {
            Some(resources) => {
                object.insert("resources".to_owned(), resources.clone());
            }
            None => {
                object.remove("resources");
            }
        }
    }
    let shape =
        serde_json::from_value(merged).map_err(|e| SyncError::new(format!("`{service}`: {e}")))?;
    ours.shapes.insert(key, shape);
    Ok(())
}
