//! A plain-text listing of a [`CrateIr`], one line per item, for snapshot tests and for
//! eyeballing what the lowering decided: every Rust name, the type of every field (with
//! `Option`/`Box` spelled out), constraints and sensitivity. Documentation is left out (the
//! generated-file snapshots show it), so a docs edit does not churn IR snapshots.
//!
//! The output is deterministic: it follows the IR's own order (operations by name, types and
//! errors by shape id, members in model order).

use super::*;
use std::fmt::Write;

/// Renders `ir` as text.
pub fn render(ir: &CrateIr) -> String {
    let mut out = String::new();
    let service = &ir.service;
    line(&mut out, 0, format!("package {}", ir.package_name));
    let mut header = format!(
        "service {} name={} sdk_id={:?} protocol={}",
        service.id,
        service.name,
        service.sdk_id,
        match service.protocol {
            Protocol::AwsJson1_0 => "awsJson1_0",
            Protocol::AwsJson1_1 => "awsJson1_1",
            Protocol::RestJson1 => "restJson1",
        }
    );
    if let Some(signing) = &service.signing_name {
        let _ = write!(header, " signing_name={signing}");
    }
    if service.query_compatible {
        header.push_str(" query_compatible");
    }
    if service.endpoint_rule_set.is_some() {
        header.push_str(" endpoint_rules");
    }
    line(&mut out, 0, header);

    for op in &ir.operations {
        out.push('\n');
        operation(&mut out, op);
    }
    if !ir.types.is_empty() {
        out.push_str("\ntypes\n");
        for ty in ir.types.values() {
            match ty {
                TypeIr::Struct(s) => structure(&mut out, 1, s),
                TypeIr::Union(u) => union(&mut out, u),
                TypeIr::Enum(e) => enumeration(&mut out, "enum", e, false),
                TypeIr::IntEnum(e) => enumeration(&mut out, "int_enum", e, true),
            }
        }
    }
    if !ir.errors.is_empty() {
        out.push_str("\nerrors\n");
        for error in ir.errors.values() {
            structure(&mut out, 1, error);
        }
    }
    if let Some(http) = &ir.http {
        http_bindings(&mut out, http);
    }
    out
}

/// The HTTP bindings of an HTTP-bound protocol: per operation the request line and where
/// each member travels, then the error structures' bound members.
fn http_bindings(out: &mut String, http: &super::http_bindings::HttpIr) {
    use super::http_bindings::PathSegment;
    out.push_str("\nhttp\n");
    let c = &http.customizations;
    for (name, value) in &c.fixed_headers {
        line(out, 1, format!("every request: header {name}: {value}"));
    }
    for (member, value) in &c.label_defaults {
        line(
            out,
            1,
            format!("every request: empty label {member} = {value:?}"),
        );
    }
    if c.glacier_checksums {
        line(out, 1, "every request: glacier checksums on blob payloads");
    }
    for (id, op) in &http.operations {
        let mut pattern: String = op
            .path
            .iter()
            .map(|segment| match segment {
                PathSegment::Literal(text) => text.clone(),
                PathSegment::Label { member, greedy } => {
                    format!("{{{member}{}}}", if *greedy { "+" } else { "" })
                }
            })
            .collect();
        for (i, (name, value)) in op.literal_query.iter().enumerate() {
            pattern.push(if i == 0 { '?' } else { '&' });
            pattern.push_str(name);
            if let Some(value) = value {
                let _ = write!(pattern, "={value}");
            }
        }
        let checksum = if op.checksum_required {
            " content-md5"
        } else {
            ""
        };
        line(
            out,
            1,
            format!(
                "{} {} {pattern} -> {}{checksum}",
                id.name(),
                op.method,
                op.success_code
            ),
        );
        for (side, bindings) in [("in", &op.input), ("out", &op.output)] {
            for (member, location) in &bindings.members {
                line(
                    out,
                    2,
                    format!("{side} {member}: {}", location_text(location)),
                );
            }
        }
    }
    for (id, bindings) in &http.errors {
        let bound: Vec<_> = bindings
            .members
            .iter()
            .filter(|(_, location)| {
                !matches!(location, super::http_bindings::Location::Body { .. })
            })
            .collect();
        if !bound.is_empty() {
            line(out, 1, format!("error {}", id.name()));
            for (member, location) in bound {
                line(out, 2, format!("{member}: {}", location_text(location)));
            }
        }
    }
}

/// A member's location; a timestamp format is shown only where it differs from the
/// location's default (`date-time` in labels and queries, `http-date` in headers).
fn location_text(location: &super::http_bindings::Location) -> String {
    use super::http_bindings::{Location, PayloadKind};
    use crate::model::TimestampFormat;
    let format = |format: TimestampFormat, default: TimestampFormat| {
        if format == default {
            String::new()
        } else {
            format!(" ({})", timestamp_format_text(format))
        }
    };
    match location {
        Location::Label {
            greedy,
            timestamp_format,
        } => format!(
            "label{}{}",
            if *greedy { " greedy" } else { "" },
            format(*timestamp_format, TimestampFormat::DateTime)
        ),
        Location::Query {
            name,
            timestamp_format,
        } => format!(
            "query {name}{}",
            format(*timestamp_format, TimestampFormat::DateTime)
        ),
        Location::QueryParams => "query params".to_owned(),
        Location::Header {
            name,
            timestamp_format,
            base64,
        } => format!(
            "header {name}{}{}",
            format(*timestamp_format, TimestampFormat::HttpDate),
            if *base64 { " base64" } else { "" }
        ),
        Location::PrefixHeaders { prefix } => format!("prefix headers {prefix:?}"),
        Location::ResponseCode => "status code".to_owned(),
        Location::Body { json_name } => format!("body {json_name:?}"),
        Location::Payload(kind) => match kind {
            PayloadKind::Blob {
                streaming,
                media_type,
                ..
            } => format!(
                "payload blob{}{}",
                if *streaming { " streaming" } else { "" },
                media_type
                    .as_deref()
                    .map(|m| format!(" {m}"))
                    .unwrap_or_default()
            ),
            PayloadKind::String { media_type } => format!(
                "payload string{}",
                media_type
                    .as_deref()
                    .map(|m| format!(" {m}"))
                    .unwrap_or_default()
            ),
            PayloadKind::Enum => "payload enum".to_owned(),
            PayloadKind::Structure => "payload structure".to_owned(),
            PayloadKind::Union => "payload union".to_owned(),
            PayloadKind::Document => "payload document".to_owned(),
        },
    }
}

fn timestamp_format_text(format: crate::model::TimestampFormat) -> &'static str {
    match format {
        crate::model::TimestampFormat::DateTime => "date-time",
        crate::model::TimestampFormat::HttpDate => "http-date",
        crate::model::TimestampFormat::EpochSeconds => "epoch-seconds",
    }
}

fn line(out: &mut String, indent: usize, text: impl AsRef<str>) {
    for _ in 0..indent {
        out.push_str("  ");
    }
    out.push_str(text.as_ref());
    out.push('\n');
}

fn deprecated_flag(deprecation: &Option<Deprecation>) -> String {
    match deprecation {
        None => String::new(),
        Some(d) => {
            let mut text = " deprecated".to_owned();
            if let Some(since) = &d.since {
                let _ = write!(text, "(since {since})");
            }
            text
        }
    }
}

fn operation(out: &mut String, op: &OperationIr) {
    let mut head = format!(
        "operation {} ({}) module={} error_enum={} auth={}",
        op.name,
        op.id,
        op.module,
        op.error_enum,
        if op.anonymous { "anonymous" } else { "sigv4" }
    );
    if let Some(prefix) = &op.host_prefix {
        let _ = write!(head, " host_prefix={:?}", prefix.template);
    }
    if !op.request_compression.is_empty() {
        let _ = write!(head, " compression={}", op.request_compression.join(","));
    }
    head.push_str(&deprecated_flag(&op.deprecated));
    line(out, 0, head);
    let mut names = format!("marker={} fluent={}", op.marker, op.fluent_builder);
    if op.pagination.is_some() {
        let _ = write!(names, " paginator={}", op.paginator);
    }
    line(out, 1, names);
    if let Some(field) = &op.endpoint_override {
        line(out, 1, format!("endpoint_override={}", field.member));
    }
    if let Some(p) = &op.pagination {
        let mut text = format!(
            "paginated input_token={} output_token={}",
            p.input_token.ident,
            path_text(&p.output_token)
        );
        if let Some(items) = &p.items {
            let mut item = type_text(&items.item);
            if items.sparse {
                item = format!("Option<{item}>");
            }
            let _ = write!(text, " items={}: {item}", path_text(&items.path));
        }
        if let Some(size) = &p.page_size {
            let _ = write!(
                text,
                " page_size={}: {}",
                size.field.ident,
                type_text(&size.ty)
            );
        }
        line(out, 1, text);
    }
    if op.errors.is_empty() {
        line(out, 1, "errors: none");
    } else {
        let errors: Vec<String> = op
            .errors
            .iter()
            .map(|e| format!("{}({}) {}", e.variant, e.shape.name(), e.is_method))
            .collect();
        line(out, 1, format!("errors: {}", errors.join(", ")));
    }
    structure(out, 1, &op.input);
    structure(out, 1, &op.output);
}

/// `a.b.c` (field idents).
fn path_text(path: &[PathStep]) -> String {
    path.iter()
        .map(|step| step.ident.as_str())
        .collect::<Vec<_>>()
        .join(".")
}

fn structure(out: &mut String, indent: usize, s: &StructIr) {
    let role = match s.role {
        StructRole::Data => "struct".to_owned(),
        StructRole::Input => "input".to_owned(),
        StructRole::Output => "output".to_owned(),
        StructRole::Error { fault, http_status } => {
            let fault = match fault {
                crate::model::ErrorFault::Client => "client",
                crate::model::ErrorFault::Server => "server",
            };
            match http_status {
                Some(status) => format!("error({fault}, {status}, code={})", s.wire_name),
                None => format!("error({fault}, code={})", s.wire_name),
            }
        }
    };
    let mut head = format!("{role} {} ({}) builder={}", s.name, s.id, s.builder);
    if s.sensitive {
        head.push_str(" sensitive");
    }
    head.push_str(&deprecated_flag(&s.deprecated));
    line(out, indent, head);
    for f in &s.fields {
        line(out, indent + 1, field(f));
    }
}

fn field(f: &FieldIr) -> String {
    let mut ty = type_text(&f.ty);
    if f.boxed {
        ty = format!("Box<{ty}>");
    }
    if f.optional {
        ty = format!("Option<{ty}>");
    }
    let mut text = format!("{}: {ty} = {:?}", f.ident, f.member);
    if f.required {
        text.push_str(" required");
    }
    if let Some(default) = &f.default {
        let _ = write!(text, " default={}", default_text(default));
    }
    if f.sensitive {
        text.push_str(" sensitive");
    }
    if f.idempotency_token {
        text.push_str(" idempotency_token");
    }
    if f.host_label {
        text.push_str(" host_label");
    }
    text.push_str(&constraints_text(&f.constraints));
    text.push_str(&deprecated_flag(&f.deprecated));
    text
}

/// A default as model-like text (`5`, `"text"`, `[]`, a timestamp as seconds[.nanos]).
fn default_text(default: &DefaultValue) -> String {
    match default {
        DefaultValue::String(s) | DefaultValue::Enum(s) => format!("{s:?}"),
        DefaultValue::Bool(b) => b.to_string(),
        DefaultValue::Integer(n) => n.to_string(),
        DefaultValue::IntEnum(n) => n.to_string(),
        DefaultValue::Float(f) => format!("{f:?}"),
        DefaultValue::Blob(bytes) => format!("blob({} bytes)", bytes.len()),
        DefaultValue::Timestamp { secs, nanos: 0 } => format!("timestamp({secs})"),
        DefaultValue::Timestamp { secs, nanos } => format!("timestamp({secs}.{nanos:09})"),
        DefaultValue::Document(value) => value.to_string(),
        DefaultValue::EmptyList => "[]".to_owned(),
        DefaultValue::EmptyMap => "{}".to_owned(),
    }
}

fn union(out: &mut String, u: &UnionIr) {
    let mut head = format!("union {} ({})", u.name, u.id);
    if u.sensitive {
        head.push_str(" sensitive");
    }
    head.push_str(&deprecated_flag(&u.deprecated));
    line(out, 1, head);
    for v in &u.variants {
        let (payload, methods) = match &v.ty {
            None => (String::new(), v.is_method.clone()),
            Some(ty) => {
                let ty = type_text(ty);
                let ty = if v.boxed { format!("Box<{ty}>") } else { ty };
                (
                    format!("({ty})"),
                    format!("{}/{}", v.is_method, v.as_method),
                )
            }
        };
        let mut text = format!("{}{payload} = {:?} methods={methods}", v.ident, v.member);
        if v.sensitive {
            text.push_str(" sensitive");
        }
        text.push_str(&constraints_text(&v.constraints));
        line(out, 2, text);
    }
    line(out, 2, "Unknown(String) = <any other member>");
}

fn enumeration(out: &mut String, kind: &str, e: &EnumIr, int: bool) {
    let mut head = format!("{kind} {} ({})", e.name, e.id);
    if e.sensitive {
        head.push_str(" sensitive");
    }
    head.push_str(&deprecated_flag(&e.deprecated));
    line(out, 1, head);
    for value in &e.values {
        let wire = if int {
            value.int.to_string()
        } else {
            format!("{:?}", value.string)
        };
        let mut text = format!("{} = {wire}", value.ident);
        text.push_str(&deprecated_flag(&value.deprecated));
        line(out, 2, text);
    }
    let unknown = if int { "i32" } else { "String" };
    line(out, 2, format!("Unknown({unknown}) = <any other value>"));
}

/// The value type as written in Rust, shortened (`String`, `Vec<T>`, `types::Name`).
fn type_text(ty: &RustType) -> String {
    match ty {
        RustType::String => "String".to_owned(),
        RustType::Bool => "bool".to_owned(),
        RustType::I8 => "i8".to_owned(),
        RustType::I16 => "i16".to_owned(),
        RustType::I32 => "i32".to_owned(),
        RustType::I64 => "i64".to_owned(),
        RustType::F32 => "f32".to_owned(),
        RustType::F64 => "f64".to_owned(),
        RustType::BigNumber => "String /* big number */".to_owned(),
        RustType::Blob => "Blob".to_owned(),
        RustType::ByteStream => "ByteStream".to_owned(),
        RustType::Timestamp(format) => format!("DateTime /* {format:?} */"),
        RustType::Document => "Document".to_owned(),
        RustType::Named { name, kind, .. } => {
            let kind = match kind {
                NamedKind::Struct => "struct",
                NamedKind::Union => "union",
                NamedKind::Enum => "enum",
                NamedKind::IntEnum => "int_enum",
            };
            format!("types::{name} /* {kind} */")
        }
        RustType::List {
            item,
            sparse,
            item_constraints,
            item_sensitive,
        } => {
            let mut item_text = type_text(item);
            if *sparse {
                item_text = format!("Option<{item_text}>");
            }
            item_text.push_str(&inner_flags(item_constraints, *item_sensitive));
            format!("Vec<{item_text}>")
        }
        RustType::Map {
            value,
            sparse,
            key_constraints,
            value_constraints,
            value_sensitive,
            key_sensitive,
        } => {
            let mut key_text = "String".to_owned();
            key_text.push_str(&inner_flags(key_constraints, *key_sensitive));
            let mut value_text = type_text(value);
            if *sparse {
                value_text = format!("Option<{value_text}>");
            }
            value_text.push_str(&inner_flags(value_constraints, *value_sensitive));
            format!("HashMap<{key_text}, {value_text}>")
        }
    }
}

/// Constraints and sensitivity of a list item or map key/value, as a trailing comment.
fn inner_flags(constraints: &Constraints, sensitive: bool) -> String {
    let mut flags = constraints_text(constraints);
    if sensitive {
        flags.push_str(" sensitive");
    }
    if flags.is_empty() {
        flags
    } else {
        format!(" /*{flags} */")
    }
}

fn constraints_text(c: &Constraints) -> String {
    let mut text = String::new();
    if let Some((min, max)) = c.length {
        let _ = write!(text, " length({})", bounds(min, max));
    }
    if let Some((min, max)) = c.range {
        let _ = write!(text, " range({})", bounds(min, max));
    }
    if let Some(pattern) = &c.pattern {
        let _ = write!(text, " pattern({:?})", pattern.model);
    }
    text
}

fn bounds<T: std::fmt::Display>(min: Option<T>, max: Option<T>) -> String {
    let min = min.map(|m| m.to_string()).unwrap_or_default();
    match max {
        Some(max) => format!("{min}..={max}"),
        None => format!("{min}.."),
    }
}
