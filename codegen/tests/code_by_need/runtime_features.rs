//! The generated `Cargo.toml` turns on exactly the runtime features its operations need:
//! `rest-json` only for a restJson1 service, `sigv4` only with a signed operation, `gzip` only
//! with `@requestCompression`, `paginator` only with `@paginated`. A crate of unsigned, plain
//! awsJson operations builds none of them.

use smithy_codegen::model::Model;
use smithy_codegen::{Generator, Settings};

/// One service, one operation per feature, plus an unsigned plain one.
const MODEL: &str = r#"{
  "smithy": "2.0",
  "shapes": {
    "example#Svc": {
      "type": "service",
      "version": "2024-01-01",
      "operations": [
        {"target": "example#Plain"},
        {"target": "example#Signed"},
        {"target": "example#Compressed"},
        {"target": "example#Paged"}
      ],
      "traits": {
        "aws.api#service": {"sdkId": "Svc"},
        "aws.auth#sigv4": {"name": "svc"},
        "aws.protocols#awsJson1_1": {}
      }
    },
    "example#Plain": {
      "type": "operation",
      "input": {"target": "example#Page"},
      "output": {"target": "example#Page"},
      "traits": {"smithy.api#auth": []}
    },
    "example#Signed": {
      "type": "operation",
      "input": {"target": "example#Page"},
      "output": {"target": "example#Page"}
    },
    "example#Compressed": {
      "type": "operation",
      "input": {"target": "example#Page"},
      "output": {"target": "example#Page"},
      "traits": {
        "smithy.api#auth": [],
        "smithy.api#requestCompression": {"encodings": ["gzip"]}
      }
    },
    "example#Paged": {
      "type": "operation",
      "input": {"target": "example#Page"},
      "output": {"target": "example#Page"},
      "traits": {
        "smithy.api#auth": [],
        "smithy.api#paginated": {"inputToken": "Token", "outputToken": "Token"}
      }
    },
    "example#Page": {
      "type": "structure",
      "members": {"Token": {"target": "smithy.api#String"}}
    }
  }
}"#;

/// The `features = [...]` of the `smithy-runtime` dependency in the generated `Cargo.toml`.
fn runtime_features(operations: &[&str]) -> Vec<String> {
    runtime_features_of(MODEL, operations)
}

fn runtime_features_of(model: &str, operations: &[&str]) -> Vec<String> {
    let model = Model::load(model).expect("the test model loads");
    let generated = Generator::new(model)
        .operations(operations.iter().copied())
        .settings(Settings::default().package_name("svc"))
        .generate()
        .unwrap_or_else(|e| panic!("generating {operations:?}: {e}"));
    let cargo_toml = &generated.files[std::path::Path::new("Cargo.toml")];
    let line = cargo_toml
        .lines()
        .find(|line| line.starts_with("smithy-runtime = "))
        .unwrap_or_else(|| panic!("no smithy-runtime dependency in\n{cargo_toml}"));
    assert!(
        line.contains("default-features = false"),
        "runtime defaults must stay off: {line}"
    );
    // No list at all when nothing is needed.
    let list = line
        .split_once("features = [")
        .and_then(|(_, rest)| rest.split_once(']'))
        .map_or("", |(list, _)| list);
    list.split(',')
        .map(|item| item.trim().trim_matches('"').to_owned())
        .filter(|item| !item.is_empty())
        .collect()
}

#[test]
fn unsigned_plain_operations_need_no_runtime_feature() {
    assert_eq!(runtime_features(&["Plain"]), Vec::<String>::new());
}

#[test]
fn each_feature_follows_its_trait() {
    assert_eq!(runtime_features(&["Plain", "Signed"]), ["sigv4"]);
    assert_eq!(runtime_features(&["Compressed"]), ["gzip"]);
    assert_eq!(runtime_features(&["Paged"]), ["paginator"]);
    assert_eq!(
        runtime_features(&["Plain", "Signed", "Compressed", "Paged"]),
        ["sigv4", "gzip", "paginator"]
    );
}

/// A restJson1 service with an unsigned and a signed operation.
const REST_JSON_MODEL: &str = r#"{
  "smithy": "2.0",
  "shapes": {
    "example#Svc": {
      "type": "service",
      "version": "2024-01-01",
      "operations": [{"target": "example#Plain"}, {"target": "example#Signed"}],
      "traits": {
        "aws.api#service": {"sdkId": "Svc"},
        "aws.auth#sigv4": {"name": "svc"},
        "aws.protocols#restJson1": {}
      }
    },
    "example#Plain": {
      "type": "operation",
      "traits": {"smithy.api#auth": [], "smithy.api#http": {"method": "GET", "uri": "/plain"}}
    },
    "example#Signed": {
      "type": "operation",
      "traits": {"smithy.api#http": {"method": "GET", "uri": "/signed"}}
    }
  }
}"#;

#[test]
fn a_rest_json_service_gets_the_rest_json_module() {
    assert_eq!(
        runtime_features_of(REST_JSON_MODEL, &["Plain"]),
        ["rest-json"]
    );
    assert_eq!(
        runtime_features_of(REST_JSON_MODEL, &["Plain", "Signed"]),
        ["rest-json", "sigv4"]
    );
}
