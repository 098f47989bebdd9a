//! `xtask smithy-json` and `xtask codegen --model` on Smithy IDL: a small service written in
//! `.smithy` converts to the same JSON AST every time, that JSON loads to the same model as
//! the IDL, a crate is generated straight from the IDL directory, and a syntax error is
//! reported with its file, line and column.

use smithy_codegen::model::{Model, ShapeId};
use std::path::Path;
use std::process::{Command, Output};

const SERVICE: &str = r#"$version: "2.0"

namespace example.weather

use aws.protocols#awsJson1_1

/// Reports the weather.
@awsJson1_1
service Weather {
    version: "2024-01-01"
    operations: [GetForecast]
}

/// Today's forecast for a city.
@readonly
operation GetForecast {
    input := {
        /// The city.
        @required
        city: CityName
    }
    output := {
        summary: String
        @range(min: -100, max: 100)
        celsius: Integer = 0
    }
    errors: [UnknownCity]
}
"#;

const TYPES: &str = r#"$version: "2.0"

namespace example.weather

@length(min: 1, max: 64)
string CityName

@error("client")
structure UnknownCity {
    message: String
}
"#;

fn xtask(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .current_dir(dir)
        .args(args)
        .output()
        .expect("the xtask binary runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn idl_converts_to_json_and_generates_a_crate() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let model_dir = dir.path().join("model");
    std::fs::create_dir(&model_dir).unwrap();
    std::fs::write(model_dir.join("weather.smithy"), SERVICE).unwrap();
    std::fs::write(model_dir.join("types.smithy"), TYPES).unwrap();

    let mut outputs = Vec::new();
    for name in ["first.json", "second.json"] {
        let run = xtask(&["smithy-json", "model", "--out", name], dir.path());
        assert!(run.status.success(), "smithy-json failed: {}", stderr(&run));
        outputs.push(std::fs::read_to_string(dir.path().join(name)).unwrap());
    }
    assert_eq!(outputs[0], outputs[1], "the JSON AST is not deterministic");

    let from_json = Model::load(&outputs[0]).expect("the written JSON AST loads");
    let from_idl = Model::load_paths(std::slice::from_ref(&model_dir)).expect("the IDL loads");
    assert!(
        from_json.shapes().eq(from_idl.shapes()),
        "JSON and IDL models differ"
    );
    let input = ShapeId::parse("example.weather#GetForecastInput").unwrap();
    let shape = from_json.shape(&input).expect("the inline input structure");
    assert!(shape.traits.input, "inline input gets @input");
    let city = &shape.members()[0];
    assert_eq!(
        city.target,
        ShapeId::parse("example.weather#CityName").unwrap()
    );
    assert_eq!(city.traits.documentation.as_deref(), Some("The city."));

    let out = dir.path().join("crate");
    let run = xtask(
        &[
            "codegen",
            "--model",
            "model",
            "--ops",
            "*",
            "--out",
            "crate",
            "--package",
            "weather",
        ],
        dir.path(),
    );
    assert!(
        run.status.success(),
        "codegen from IDL failed: {}",
        stderr(&run)
    );
    let lib = std::fs::read_to_string(out.join("src/lib.rs")).expect("a generated lib.rs");
    assert!(
        lib.contains("Reports the weather"),
        "service docs reach the crate"
    );
}

#[test]
fn idl_syntax_errors_name_file_line_and_column() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    std::fs::write(
        dir.path().join("broken.smithy"),
        "$version: \"2.0\"\nnamespace example.weather\n\nstructure Forecast {\n    city String\n}\n",
    )
    .unwrap();
    let run = xtask(
        &["smithy-json", "broken.smithy", "--out", "out.json"],
        dir.path(),
    );
    assert!(!run.status.success());
    let message = stderr(&run);
    assert!(
        message.contains(
            "broken.smithy:5:10: syntax error: Expected COLON(':') but found IDENTIFIER('String')"
        ),
        "{message}"
    );
    assert!(
        !dir.path().join("out.json").exists(),
        "nothing is written on failure"
    );
}
