//! JSON code by role: a type gets a serializer only when an input reaches it and a parser only
//! when an output or error reaches it; the other direction is behind `json-round-trip`.

use smithy_codegen::model::Model;
use smithy_codegen::{Generator, Settings};

/// `Sent` is reached only from the input, `Received` only from the output, `Shared` from both.
const MODEL: &str = r#"{
  "smithy": "2.0",
  "shapes": {
    "example#Svc": {
      "type": "service",
      "version": "2024-01-01",
      "operations": [{"target": "example#Op"}],
      "traits": {"aws.api#service": {"sdkId": "Svc"}, "aws.protocols#awsJson1_1": {}}
    },
    "example#Op": {
      "type": "operation",
      "input": {"target": "example#OpInput"},
      "output": {"target": "example#OpOutput"},
      "traits": {"smithy.api#auth": []}
    },
    "example#OpInput": {
      "type": "structure",
      "members": {
        "Sent": {"target": "example#Sent"},
        "Shared": {"target": "example#Shared"}
      }
    },
    "example#OpOutput": {
      "type": "structure",
      "members": {
        "Received": {"target": "example#ReceivedList"},
        "Shared": {"target": "example#Shared"}
      }
    },
    "example#ReceivedList": {"type": "list", "member": {"target": "example#Received"}},
    "example#Sent": {"type": "structure", "members": {"A": {"target": "smithy.api#String"}}},
    "example#Received": {"type": "structure", "members": {"B": {"target": "smithy.api#String"}}},
    "example#Shared": {"type": "structure", "members": {"C": {"target": "smithy.api#String"}}}
  }
}"#;

const GATE: &str = "#[cfg(feature = \"json-round-trip\")]";

fn generated(path: &str) -> String {
    let model = Model::load(MODEL).expect("the test model loads");
    let crate_files = Generator::new(model)
        .settings(Settings::default().package_name("svc"))
        .generate()
        .expect("generation succeeds");
    crate_files.files[std::path::Path::new(path)].clone()
}

/// Whether the `impl <trait> for <ty>` in `text` is preceded by the feature gate.
fn gated(text: &str, trait_name: &str, ty: &str) -> bool {
    let needle = format!("::{trait_name} for {ty} {{");
    let at = text
        .find(&needle)
        .unwrap_or_else(|| panic!("no `{needle}` in the generated code"));
    let before = text[..at].trim_end();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let previous_line_end = before[..line_start].trim_end();
    previous_line_end.ends_with(GATE)
}

#[test]
fn data_types_get_the_directions_their_operations_need() {
    let types = generated("src/types.rs");
    assert!(!gated(&types, "ToJson", "Sent"));
    assert!(gated(&types, "FromJson", "Sent"));
    assert!(gated(&types, "Zero", "Sent"));

    assert!(gated(&types, "ToJson", "Received"));
    assert!(!gated(&types, "FromJson", "Received"));
    assert!(!gated(&types, "Zero", "Received"));

    for trait_name in ["ToJson", "FromJson", "Zero"] {
        assert!(
            !gated(&types, trait_name, "Shared"),
            "{trait_name} for Shared"
        );
    }
}

#[test]
fn inputs_write_and_outputs_read() {
    let op = generated("src/operation/op.rs");
    assert!(!gated(&op, "ToJson", "OpInput"));
    assert!(gated(&op, "FromJson", "OpInput"));
    assert!(gated(&op, "ToJson", "OpOutput"));
    assert!(!gated(&op, "FromJson", "OpOutput"));
    let manifest = generated("Cargo.toml");
    assert!(manifest.contains("\njson-round-trip = []\n"), "{manifest}");
}
