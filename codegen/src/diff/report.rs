//! Rendering a [`DiffReport`] as plain text (terminals, CI logs), JSON (tools) or Markdown
//! (changelogs, pull-request comments).

use super::{DiffReport, Event, Severity};
use serde_json::json;
use std::fmt::Write;

/// Output format of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One line per event, the Rust-API note indented below it.
    Text,
    /// `{"summary": {...}, "events": [...]}`.
    Json,
    /// A summary line and a table.
    Markdown,
}

impl Format {
    /// Parses `text`, `json` or `markdown`.
    pub fn parse(text: &str) -> Option<Format> {
        match text {
            "text" => Some(Format::Text),
            "json" => Some(Format::Json),
            "markdown" | "md" => Some(Format::Markdown),
            _ => None,
        }
    }
}

const ORDER: [Severity; 4] = [
    Severity::Error,
    Severity::Danger,
    Severity::Warning,
    Severity::Note,
];

pub(super) fn render(report: &DiffReport, format: Format) -> String {
    match format {
        Format::Text => text(report),
        Format::Json => json_text(report),
        Format::Markdown => markdown(report),
    }
}

fn summary(report: &DiffReport) -> String {
    if report.events.is_empty() {
        return "no changes".to_owned();
    }
    let counts: Vec<String> = ORDER
        .iter()
        .map(|s| (s, report.count(*s)))
        .filter(|(_, n)| *n > 0)
        .map(|(s, n)| format!("{n} {s}"))
        .collect();
    let total = report.events.len();
    let noun = if total == 1 { "change" } else { "changes" };
    format!("{total} {noun} ({})", counts.join(", "))
}

fn text(report: &DiffReport) -> String {
    let mut out = format!("Model diff: {}\n", summary(report));
    for event in &report.events {
        let _ = writeln!(
            out,
            "[{}] {}: {} | {}",
            event.severity, event.shape, event.message, event.id
        );
        if let Some(rust) = &event.rust {
            let _ = writeln!(out, "    Rust API: {rust}");
        }
    }
    out
}

fn json_text(report: &DiffReport) -> String {
    let events: Vec<serde_json::Value> = report.events.iter().map(event_json).collect();
    let mut counts = serde_json::Map::new();
    for severity in ORDER {
        counts.insert(severity.to_string(), json!(report.count(severity)));
    }
    let value = json!({
        "summary": {
            "total": report.events.len(),
            "bySeverity": counts,
            "maxSeverity": report.max_severity().map(|s| s.to_string()),
        },
        "events": events,
    });
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}

fn event_json(event: &Event) -> serde_json::Value {
    json!({
        "id": event.id,
        "severity": event.severity.to_string(),
        "shape": event.shape.to_string(),
        "message": event.message,
        "rust": event.rust,
    })
}

/// Markdown table cells: no line breaks, pipes escaped.
fn cell(text: &str) -> String {
    text.replace('\n', " ").replace('|', "\\|")
}

fn markdown(report: &DiffReport) -> String {
    let mut out = format!("### Model changes: {}\n", summary(report));
    if report.events.is_empty() {
        return out;
    }
    out.push_str("\n| Severity | Shape | Change | Rust API |\n|---|---|---|---|\n");
    for event in &report.events {
        let badge = match event.severity {
            Severity::Error => "**ERROR**",
            Severity::Danger => "**DANGER**",
            Severity::Warning => "WARNING",
            Severity::Note => "NOTE",
        };
        let _ = writeln!(
            out,
            "| {badge} | `{}` | {} <sub>{}</sub> | {} |",
            event.shape,
            cell(&event.message),
            cell(&event.id),
            event
                .rust
                .as_deref()
                .map(cell)
                .unwrap_or_else(|| "—".to_owned())
        );
    }
    out
}
