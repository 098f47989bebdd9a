$version: "2.0"
$operationInputSuffix: "Request"

metadata owners = ["shop-team"]
metadata limits = { maxItems: 100, ratio: 0.5, enabled: true, parent: null }

namespace example.shop

use aws.protocols#awsJson1_1

/// The shop: orders and their items.
@awsJson1_1
@title("Example Shop")
service Shop {
    version: "2024-01-01"
    resources: [Order]
    operations: [Ping]
    errors: [ShopError]
}

resource Order {
    identifiers: { orderId: OrderId }
    properties: { status: OrderStatus, items: Items }
    read: GetOrder
    create: CreateOrder
}

@readonly
operation GetOrder {
    input := for Order {
        @required
        $orderId
    }
    output := for Order with [Audited] {
        @required
        $orderId

        $status

        $items
    }
    errors: [NoSuchOrder]
}

operation CreateOrder {
    input := {
        @required
        items: Items

        note: Note = "none"
    }
    output: CreateOrderOutput
}

structure CreateOrderOutput {
    @required
    orderId: OrderId
}

operation Ping {}

@mixin
structure Audited {
    /// When the order last changed.
    @timestampFormat("date-time")
    changedAt: Timestamp
}

@pattern("^[a-z0-9-]+$")
@length(min: 1, max: 36)
string OrderId

@documentation("""
    Free text attached to an order.
      Indented lines keep their extra indentation.
    """)
string Note

enum OrderStatus {
    PENDING
    SHIPPED = "shipped"
    @deprecated(since: "2024")
    LOST = "lost"
}

intEnum Priority {
    LOW = 1
    HIGH = 2
}

list Items {
    member: Item
}

structure Item {
    @required
    sku: String

    @range(min: 1, max: 99)
    quantity: Integer = 1

    priority: Priority

    attributes: Attributes
}

map Attributes {
    key: String
    value: Document
}

union Payment {
    card: String
    voucher: Blob
}

@error("client")
@httpError(404)
structure NoSuchOrder {
    message: String
}

@error("server")
structure ShopError {
    message: String
}

apply Item$sku @documentation("Stock keeping unit.")

apply Payment {
    @documentation("How an order is paid.")
    @tags(["payments"])
}
