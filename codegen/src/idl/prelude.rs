//! Names of the shapes in Smithy's prelude (`smithy.api`): relative ids that are not defined
//! in the file's namespace resolve to these. Only the names matter here (and which trait
//! shapes are lists, so that `@tags` with no value becomes `[]`); the value shapes themselves
//! are built into the model loader.

/// Every shape of the prelude (value shapes, trait definitions and their helper shapes).
#[rustfmt::skip]
const NAMES: &[&str] = &[
    "AuthTraitReference", "BigDecimal", "BigInteger", "Blob", "Boolean", "Byte", "ClosureId",
    "CommonMark", "Document", "Double", "EnumConstantBodyName", "EnumDefinition", "Example",
    "ExampleError", "Float", "HttpApiKeyLocations", "IdempotentErrors", "Identifier", "Integer",
    "LocalMixinTrait", "LocalMixinTraitList", "Long", "Namespaces", "NonEmptyString",
    "NonEmptyStringList", "NonEmptyStringMap", "PrimitiveBoolean", "PrimitiveByte",
    "PrimitiveDouble", "PrimitiveFloat", "PrimitiveInteger", "PrimitiveLong", "PrimitiveShort",
    "Reference", "Renames", "RequestCompressionEncodingsList", "Severity", "ShapeClosure",
    "ShapeClosures", "Short", "String", "StructurallyExclusive", "Timestamp", "TraitChangeType",
    "TraitDiffRule", "TraitDiffRules", "TraitShapeId", "TraitShapeIdList", "TraitValidator",
    "Unit", "addedDefault", "auth", "authDefinition", "box", "clientOptional", "cors", "default",
    "deprecated", "documentation", "endpoint", "enum", "enumValue", "error", "eventHeader",
    "eventPayload", "examples", "externalDocumentation", "hostLabel", "http", "httpApiKeyAuth",
    "httpBasicAuth", "httpBearerAuth", "httpChecksumRequired", "httpDigestAuth", "httpError",
    "httpHeader", "httpLabel", "httpPayload", "httpPrefixHeaders", "httpQuery",
    "httpQueryParams", "httpResponseCode", "idRef", "idempotencyToken", "idempotent", "input",
    "internal", "jsonName", "length", "longPoll", "mediaType", "metadata", "mixin",
    "nestedProperties", "noReplace", "notProperty", "optionalAuth", "output", "paginated",
    "pattern", "private", "property", "protocolDefinition", "range", "readonly", "recommended",
    "references", "requestCompression", "required", "requiresLength", "resourceIdentifier",
    "retryable", "sensitive", "since", "sparse", "streaming", "suppress", "tags",
    "timestampFormat", "title", "trait", "traitValidators", "uniqueItems", "unitType",
    "unstable", "xmlAttribute", "xmlFlattened", "xmlName", "xmlNamespace",
];

/// Prelude shapes that are lists.
#[rustfmt::skip]
const LISTS: &[&str] = &[
    "IdempotentErrors", "LocalMixinTraitList", "Namespaces", "NonEmptyStringList",
    "RequestCompressionEncodingsList", "ShapeClosures", "TraitDiffRules", "TraitShapeIdList",
    "auth", "enum", "examples", "references", "suppress", "tags",
];

/// Whether the prelude defines `name`.
pub(super) fn has(name: &str) -> bool {
    NAMES.contains(&name)
}

/// Whether the prelude shape `name` is a list.
pub(super) fn is_list(name: &str) -> bool {
    LISTS.contains(&name)
}
