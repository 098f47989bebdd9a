//! Smithy's AWS protocol compliance cases, run against crates this project generates.
//!
//! For each service under test the suite generates a crate (all operations) and one Rust
//! test per client case of `smithy.test#httpRequestTests` / `smithy.test#httpResponseTests`,
//! runs `cargo test` in it, and reports one line per protocol. The pieces:
//!
//! * [`cases`] reads the cases from the model's raw traits;
//! * [`values`] turns a case's `params` into Rust expressions using the generated builders;
//! * [`render`] writes the test file (and the support module it uses);
//! * [`libtest`] reads the outcome of every test back from `cargo test`'s output;
//! * [`known`] reads `known-failures.toml`;
//! * [`Summary`] tallies the outcomes per protocol.

#![warn(missing_docs)]

pub mod cases;
pub mod known;
pub mod libtest;
pub mod render;
pub mod values;

use cases::Kind;
use known::KnownFailure;
use smithy_codegen::model::{Model, ShapeId, ShapeKind};
use smithy_codegen::{Generator, Settings};
use std::collections::BTreeMap;

/// A service whose cases run in a crate of their own.
#[derive(Debug, Clone, Copy)]
pub struct ServiceUnderTest {
    /// The service shape id.
    pub service: &'static str,
    /// Package name of the generated crate.
    pub package: &'static str,
}

/// Every service whose client cases make up the awsJson1_1, awsJson1_0 and restJson1 suites.
pub const SERVICES: &[ServiceUnderTest] = &[
    ServiceUnderTest {
        service: "aws.protocoltests.json#JsonProtocol",
        package: "protocol-test-json-protocol",
    },
    ServiceUnderTest {
        service: "com.amazonaws.machinelearning#AmazonML_20141212",
        package: "protocol-test-machine-learning",
    },
    ServiceUnderTest {
        service: "aws.protocoltests.json10#JsonRpc10",
        package: "protocol-test-json-rpc10",
    },
    ServiceUnderTest {
        service: "aws.protocoltests.json10#QueryCompatibleJsonRpc10",
        package: "protocol-test-query-compatible-json-rpc10",
    },
    ServiceUnderTest {
        service: "aws.protocoltests.restjson#RestJson",
        package: "protocol-test-rest-json",
    },
    ServiceUnderTest {
        service: "aws.protocoltests.restjson.validation#RestJsonValidation",
        package: "protocol-test-rest-json-validation",
    },
    ServiceUnderTest {
        service: "com.amazonaws.apigateway#BackplaneControlService",
        package: "protocol-test-api-gateway",
    },
    ServiceUnderTest {
        service: "com.amazonaws.glacier#Glacier",
        package: "protocol-test-glacier",
    },
];

/// Where the suite model comes from: Smithy's IDL sources (the default) or the JSON AST
/// built from them (`PROTOCOL_TESTS_MODEL=json`); `tests/idl_matches_json.rs` checks that the
/// two give the same cases and closures.
pub fn suite_model(shared: &std::path::Path) -> Result<(Model, String), String> {
    let source = std::env::var("PROTOCOL_TESTS_MODEL").unwrap_or_else(|_| "idl".to_owned());
    match source.as_str() {
        "json" => {
            let path = shared.join("protocol-tests/smithy-aws-protocol-tests.json");
            let text = std::fs::read_to_string(&path)
                .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            let model = Model::load(&text).map_err(|e| format!("{}: {e}", path.display()))?;
            Ok((model, path.display().to_string()))
        }
        "idl" => {
            let smithy = shared.join("smithy");
            let paths = [smithy.join("aws-protocol-tests"), smithy.join("traits")];
            let model = Model::load_paths(&paths).map_err(|e| e.to_string())?;
            Ok((model, format!("{} (IDL)", paths[0].display())))
        }
        other => Err(format!(
            "PROTOCOL_TESTS_MODEL is `{other}`; expected `idl` (the default) or `json`"
        )),
    }
}

/// The protocols reported, in order, as (trait id, summary label).
pub const PROTOCOLS: &[(&str, &str)] = &[
    ("aws.protocols#awsJson1_1", "awsJson1_1"),
    ("aws.protocols#awsJson1_0", "awsJson1_0"),
    ("aws.protocols#restJson1", "restJson1"),
];

/// One service's generated crate and test file, ready to be written.
pub struct PreparedService {
    /// The service.
    pub service: ShapeId,
    /// The protocol trait id.
    pub protocol: String,
    /// Package name.
    pub package: String,
    /// Generator configured for every operation of the service.
    pub generator: Generator,
    /// Files to add to the crate: the tests and their support module.
    pub extra_files: Vec<(String, String)>,
    /// Which test runs which case.
    pub tests: Vec<(String, Kind, String)>,
}

/// Reads the cases of one service and renders its tests.
pub fn prepare(model: &Model, under_test: &ServiceUnderTest) -> Result<PreparedService, String> {
    let service = ShapeId::parse(under_test.service).map_err(|e| e.to_string())?;
    let protocol = cases::service_protocol(model, &service)?;
    let cases = cases::service_cases(model, &service)?;
    let generator = Generator::new(model.clone())
        .service(service.clone())
        .operations(generated_operations(model, &service)?)
        .settings(
            Settings::default()
                .package_name(under_test.package)
                .model_source("Smithy's AWS protocol test models"),
        );
    let ir = generator.lower().map_err(|e| e.to_string())?;
    let krate = under_test.package.replace('-', "_");
    let rendered = render::render(&ir, &krate, &cases)?;
    Ok(PreparedService {
        service,
        protocol,
        package: under_test.package.to_owned(),
        generator,
        extra_files: vec![
            (render::TESTS_PATH.to_owned(), rendered.source),
            (
                render::SUPPORT_PATH.to_owned(),
                render::SUPPORT_SOURCE.to_owned(),
            ),
        ],
        tests: rendered.tests,
    })
}

/// Every operation of the service except those with an event stream, which the generator
/// does not support yet. The suites have no client case on such an operation; if one ever
/// appears, rendering fails loudly because its operation is missing.
fn generated_operations(model: &Model, service: &ShapeId) -> Result<Vec<String>, String> {
    let streaming = ShapeId::new("smithy.api", "streaming");
    let is_event_stream = |structure: &ShapeId| {
        model.shape(structure).is_some_and(|shape| {
            shape.members().iter().any(|member| {
                model.shape(&member.target).is_some_and(|target| {
                    matches!(target.kind, ShapeKind::Union(_))
                        && target.traits.raw.contains_key(&streaming)
                })
            })
        })
    };
    let operations = model.operation_ids(service).map_err(|e| e.to_string())?;
    Ok(operations
        .into_iter()
        .filter(|id| match model.shape(id).map(|shape| &shape.kind) {
            Some(ShapeKind::Operation(op)) => {
                !is_event_stream(&op.input) && !is_event_stream(&op.output)
            }
            _ => true,
        })
        .map(|id| id.name().to_owned())
        .collect())
}

/// The result of one case.
#[derive(Debug, Clone)]
pub struct CaseResult {
    /// Protocol trait id.
    pub protocol: String,
    /// Request or response.
    pub kind: Kind,
    /// Case id.
    pub id: String,
    /// Whether its test passed.
    pub passed: bool,
    /// What the failing test printed (or why it did not run).
    pub output: String,
    /// The known-failures entry naming it, if any.
    pub known: Option<KnownFailure>,
}

/// Outcomes of a service's tests, matched to its cases.
pub fn results(
    prepared: &PreparedService,
    report: &libtest::Report,
    build_failure: Option<&str>,
    known: &[KnownFailure],
) -> Vec<CaseResult> {
    prepared
        .tests
        .iter()
        .map(|(path, kind, id)| {
            let outcome = report.outcomes.get(path);
            let passed = outcome == Some(&libtest::Outcome::Passed);
            let output = match outcome {
                Some(libtest::Outcome::Passed) => String::new(),
                Some(libtest::Outcome::Failed) => report
                    .failure_output
                    .get(path)
                    .map(|text| without_backtrace(text))
                    .unwrap_or_else(|| "failed without output".to_owned()),
                Some(libtest::Outcome::Ignored) => "ignored".to_owned(),
                None => match build_failure {
                    Some(_) => "did not run: the crate's tests did not build".to_owned(),
                    None => "did not run: libtest did not report it".to_owned(),
                },
            };
            CaseResult {
                protocol: prepared.protocol.clone(),
                kind: *kind,
                id: id.clone(),
                passed,
                output,
                known: known.iter().find(|k| k.matches(id, *kind)).cloned(),
            }
        })
        .collect()
}

/// A failing test's output up to its backtrace (which only shows the harness).
fn without_backtrace(text: &str) -> String {
    text.lines()
        .take_while(|line| !line.starts_with("stack backtrace:") && !line.starts_with("note: "))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Per-protocol tallies.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    /// Results by protocol trait id.
    pub by_protocol: BTreeMap<String, Vec<CaseResult>>,
}

impl Summary {
    /// Adds results.
    pub fn add(&mut self, results: Vec<CaseResult>) {
        for result in results {
            self.by_protocol
                .entry(result.protocol.clone())
                .or_default()
                .push(result);
        }
    }

    /// The summary line of a protocol, e.g. `awsJson1_1: 119/119 passed`, with known
    /// failures named after it.
    pub fn line(&self, protocol: &str, label: &str) -> String {
        let results = self
            .by_protocol
            .get(protocol)
            .map(Vec::as_slice)
            .unwrap_or_default();
        let passed = results.iter().filter(|r| r.passed).count();
        let mut line = format!("{label}: {passed}/{} passed", results.len());
        let known: Vec<&str> = results
            .iter()
            .filter(|r| !r.passed && r.known.is_some())
            .map(|r| r.id.as_str())
            .collect();
        if !known.is_empty() {
            line.push_str(&format!(
                " ({} known failure{}: {})",
                known.len(),
                if known.len() == 1 { "" } else { "s" },
                known.join(", ")
            ));
        }
        line
    }

    /// Failures not listed as known, and known failures that now pass (the list must be
    /// kept honest), as readable paragraphs.
    pub fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        for result in self.by_protocol.values().flatten() {
            match (&result.known, result.passed) {
                (None, false) => problems.push(format!(
                    "{} {} case `{}`: {}",
                    cases::protocol_name(&result.protocol),
                    result.kind.as_str(),
                    result.id,
                    result.output.trim()
                )),
                (Some(_), true) => problems.push(format!(
                    "{} case `{}` passes but is listed in known-failures.toml: remove it",
                    result.kind.as_str(),
                    result.id
                )),
                _ => {}
            }
        }
        problems
    }
}
