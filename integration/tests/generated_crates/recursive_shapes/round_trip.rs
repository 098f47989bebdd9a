//! Added to the crate generated from `codegen/tests/models/recursive.json` by
//! `integration/tests/generated_crates/recursive_shapes.rs`: deep values of every recursive shape, built
//! with the builders and sent through JSON and through the operation's wire format.

use recursive_shapes::operation::echo::{Echo, EchoInput};
use recursive_shapes::runtime::json::{parse_body, FromJson, ToJson};
use recursive_shapes::runtime::operation::{Operation, RequestContext};
use recursive_shapes::types::{Expr, ExprPair, Node, Ping, Pong};
use std::collections::HashMap;

/// Writes `value` as JSON text, parses the text back and reads it as a `T`.
fn through_json<T: ToJson + FromJson>(value: &T) -> T {
    let text = value.to_json().to_string();
    let parsed = parse_body(text.as_bytes()).expect("our own JSON parses");
    T::from_json(&parsed).expect("our own JSON reads back")
}

/// A node whose `next` chain is `depth` long, each with a child and a named entry.
fn chain(depth: usize) -> Node {
    let mut node = Node::new(format!("n{depth}"));
    for level in (0..depth).rev() {
        node = Node::builder()
            .label(format!("n{level}"))
            .next(node)
            .children(Node::new(format!("child-of-{level}")))
            .by_name("leaf", Node::new(format!("leaf-of-{level}")))
            .build()
            .expect("the label is set");
    }
    node
}

#[test]
fn a_structure_reaching_itself_directly_through_a_list_and_through_a_map() {
    let tree = Node::builder()
        .label("root")
        .next(
            Node::builder()
                .label("second")
                .next(Node::new("third"))
                .build()
                .unwrap(),
        )
        .children(
            Node::builder()
                .label("kid")
                .children(Node::new("grandkid"))
                .by_name("pet", Node::new("rex"))
                .build()
                .unwrap(),
        )
        .children(Node::new("kid2"))
        .by_name(
            "alias",
            Node::builder()
                .label("a")
                .next(Node::new("b"))
                .build()
                .unwrap(),
        )
        .build()
        .unwrap();
    let json = tree.to_json();
    assert_eq!(json["next"]["next"]["label"], "third");
    assert_eq!(json["children"][0]["byName"]["pet"]["label"], "rex");
    assert_eq!(json["byName"]["alias"]["next"]["label"], "b");
    let back = through_json(&tree);
    assert_eq!(back, tree);
    assert_eq!(
        back.next().and_then(Node::next).map(Node::label),
        Some("third")
    );
    assert_eq!(back.children().map(<[Node]>::len), Some(2));
    let by_name: Option<&HashMap<String, Node>> = back.by_name();
    assert_eq!(
        by_name.and_then(|m| m.get("alias")).map(Node::label),
        Some("a")
    );
}

#[test]
fn a_mutually_recursive_pair() {
    let mut ping = Ping::builder().count(0).build();
    for i in 1..=30 {
        let pong = Pong::builder().count(2 * i - 1).ping(ping).build();
        ping = Ping::builder().count(2 * i).pong(pong).build();
    }
    let back = through_json(&ping);
    assert_eq!(back, ping);
    // Walk down: counts alternate between the two shapes all the way to the bottom.
    let mut expected = 60;
    let mut current = Some(&back);
    while let Some(p) = current {
        assert_eq!(p.count(), Some(expected));
        current = p.pong().and_then(|pong| {
            assert_eq!(pong.count(), Some(expected - 1));
            pong.ping()
        });
        expected -= 2;
    }
    assert_eq!(expected, -2, "the whole depth was read");
}

#[test]
fn a_union_reaching_itself_directly_through_a_list_a_map_and_a_structure() {
    let mut named = HashMap::new();
    named.insert("x".to_owned(), Expr::Literal(3));
    named.insert(
        "y".to_owned(),
        Expr::Negate(Box::new(Expr::Sum(vec![
            Expr::Literal(1),
            Expr::Literal(2),
        ]))),
    );
    let expr = Expr::Sum(vec![
        Expr::Negate(Box::new(Expr::Negate(Box::new(Expr::Literal(7))))),
        Expr::Named(named),
        Expr::Pair(Box::new(ExprPair::new(
            Expr::Literal(4),
            Expr::Pair(Box::new(ExprPair::new(Expr::Literal(5), Expr::Sum(vec![])))),
        ))),
    ]);
    let json = expr.to_json();
    assert_eq!(json["sum"][0]["negate"]["negate"]["literal"], 7);
    assert_eq!(
        json["sum"][1]["named"]["y"]["negate"]["sum"][1]["literal"],
        2
    );
    assert_eq!(
        json["sum"][2]["pair"]["right"]["pair"]["left"]["literal"],
        5
    );
    let back = through_json(&expr);
    assert_eq!(back, expr);
    let pair = back.as_sum().unwrap()[2].as_pair().unwrap();
    assert_eq!(pair.left(), &Expr::Literal(4));
    assert!(pair.right().is_pair());
}

/// A chain that fits the JSON depth limit reads back; one twice as deep is refused with a
/// typed error instead of recursing without bound.
#[test]
fn depth_is_bounded_by_the_json_parser_not_the_stack() {
    // Each link adds one object level: 60 links is 61 levels.
    let fits = chain(60);
    assert_eq!(through_json(&fits), fits);

    let too_deep = chain(200);
    let text = too_deep.to_json().to_string();
    let error = parse_body(text.as_bytes()).expect_err("200 levels is too deep");
    assert!(error.message().contains("levels deep"), "{error}");
}

/// The operation's own serializer and deserializer: the request body sent back as the
/// response body yields the same values.
#[test]
fn the_wire_format_round_trips_recursive_values() {
    let input = EchoInput::builder()
        .node(chain(5))
        .ping(
            Ping::builder()
                .pong(
                    Pong::builder()
                        .ping(Ping::builder().count(1).build())
                        .build(),
                )
                .build(),
        )
        .expr(Expr::Negate(Box::new(Expr::Sum(vec![Expr::Literal(1)]))))
        .build();
    let token = || "token".to_owned();
    let context = RequestContext {
        endpoint: "http://127.0.0.1:1",
        idempotency_token: &token,
    };
    let request = Echo::serialize(&input, &context).expect("the input serializes");
    let response = http_response(request.body().clone());
    let output = Echo::deserialize(&response).expect("the echoed body reads");
    assert_eq!(output.node(), input.node());
    assert_eq!(output.ping(), input.ping());
    assert_eq!(output.expr(), input.expr());
}

fn http_response(body: Vec<u8>) -> recursive_shapes::runtime::http::Response<Vec<u8>> {
    recursive_shapes::runtime::http::Response::builder()
        .status(200)
        .body(body)
        .unwrap()
}

/// Members a response leaves out take their zero value; a union with no member set is an
/// error that names where it was.
#[test]
fn missing_and_empty_recursive_members() {
    let text = br#"{"next":{"children":[{}]},"byName":{"k":{"label":"v"}}}"#;
    let node = Node::from_json(&parse_body(text).unwrap()).expect("reads");
    assert_eq!(node.label(), "");
    assert_eq!(node.next().unwrap().children().unwrap()[0].label(), "");
    assert_eq!(node.by_name().unwrap()["k"].label(), "v");

    let text = br#"{"sum":[{"literal":1},{"pair":{"left":{"literal":2},"right":{}}}]}"#;
    let error = Expr::from_json(&parse_body(text).unwrap()).expect_err("an empty union");
    assert_eq!(error.path(), "sum[1].pair.right");
}
