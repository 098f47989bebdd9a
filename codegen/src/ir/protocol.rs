//! Which wire protocol a service speaks, and whether this generator supports it.
//!
//! A service names its protocols with traits (`aws.protocols#awsJson1_1`, …). Checking this
//! first lets a model in an unsupported protocol be refused with the one message that
//! matters, before anything else in it is looked at.

use super::Protocol;
use crate::model::{Model, Shape, ShapeId};

/// The protocols generated crates can speak, by trait id.
pub const SUPPORTED: &[(&str, Protocol)] = &[
    // In order of preference, for a service that lists several.
    ("aws.protocols#awsJson1_1", Protocol::AwsJson1_1),
    ("aws.protocols#awsJson1_0", Protocol::AwsJson1_0),
    ("aws.protocols#restJson1", Protocol::RestJson1),
];

/// Protocol traits defined by Smithy and AWS (a model may define more with
/// `@protocolDefinition`).
const KNOWN: &[&str] = &[
    "aws.protocols#awsJson1_0",
    "aws.protocols#awsJson1_1",
    "aws.protocols#restJson1",
    "aws.protocols#restXml",
    "aws.protocols#awsQuery",
    "aws.protocols#ec2Query",
    "smithy.protocols#rpcv2Cbor",
    "smithy.protocols#rpcv2Json",
];

/// The service's protocol, or the message refusing it: the protocols it has and the ones
/// supported.
pub fn service_protocol(model: &Model, service: &Shape) -> Result<Protocol, String> {
    let declared: Vec<&ShapeId> = service
        .traits
        .raw
        .keys()
        .filter(|id| is_protocol_trait(model, id))
        .collect();
    for (trait_id, protocol) in SUPPORTED {
        if declared.iter().any(|id| id.to_string() == *trait_id) {
            return Ok(*protocol);
        }
    }
    let supported = SUPPORTED
        .iter()
        .map(|(id, _)| format!("`{id}`"))
        .collect::<Vec<_>>()
        .join(", ");
    Err(match declared.as_slice() {
        [] => format!(
            "unsupported protocol: the service `{}` has no protocol trait; this generator supports {supported}",
            service.id
        ),
        found => format!(
            "unsupported protocol: the service `{}` uses {}, which this generator does not support yet; it supports {supported}",
            service.id,
            found
                .iter()
                .map(|id| format!("`{id}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    })
}

fn is_protocol_trait(model: &Model, id: &ShapeId) -> bool {
    let text = id.to_string();
    KNOWN.contains(&text.as_str())
        || model.shape(id).is_some_and(|definition| {
            definition
                .traits
                .raw
                .contains_key(&ShapeId::new("smithy.api", "protocolDefinition"))
        })
}
