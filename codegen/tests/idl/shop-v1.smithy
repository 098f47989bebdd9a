// Smithy IDL 1.0: sets, @box, no mixins or inline input.
$version: "1.0"

namespace example.legacy

@box
integer MaybeCount

integer Count

set Tags {
    member: String
}

structure Legacy {
    maybe: MaybeCount,
    count: Count,
    @box
    boxedCount: Count,
    total: Integer,
    flag: PrimitiveBoolean,
    tags: Tags,
    @deprecated(message: "use tags", since: "1.0")
    label: String,
}
