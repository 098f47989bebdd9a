// Smithy IDL 1.0: sets, @box, no mixins or inline input.
$version: "1.0"

namespace example.legacy

@box
integer MaybeCount

set Tags {
    member: String
}

structure Legacy {
    count: MaybeCount,
    tags: Tags,
    @deprecated(message: "use tags", since: "1.0")
    label: String,
}
