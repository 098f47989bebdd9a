//! Runs every `smithy.rules#endpointTests` case of the official Cognito Identity Provider model
//! against the endpoint rules engine.
//!
//! The model lives in the shared data folder (`$SHARED_DIR`, else `<workspace>/../shared`), which
//! is never copied into this repository. Without it the test says loudly that it skipped.

use std::collections::BTreeMap;

use serde_json::Value;
use smithy_runtime::endpoint::{Endpoint, ParamValue, Params, RuleSet};

const MODEL: &str = "models/cognito-identity-provider.json";
const SERVICE: &str = "com.amazonaws.cognitoidentityprovider#AWSCognitoIdentityProviderService";

#[test]
fn cognito_endpoint_test_cases() {
    let Some(shared) = test_support::shared_dir("endpoint cases") else {
        return;
    };
    let model_path = shared.join(MODEL);
    let text = std::fs::read_to_string(&model_path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", model_path.display()));
    let model: Value = serde_json::from_str(&text).expect("model is JSON");
    let traits = &model["shapes"][SERVICE]["traits"];

    let rule_set = RuleSet::from_json(&traits["smithy.rules#endpointRuleSet"])
        .unwrap_or_else(|e| panic!("rule set should load: {e}"));
    let cases = traits["smithy.rules#endpointTests"]["testCases"]
        .as_array()
        .expect("endpointTests has testCases");
    assert!(
        !cases.is_empty(),
        "the model should have endpoint test cases"
    );

    let mut passed = 0;
    for case in cases {
        let documentation = case["documentation"]
            .as_str()
            .unwrap_or("(undocumented case)");
        match run_case(&rule_set, case) {
            Ok(()) => passed += 1,
            Err(why) => println!("FAILED: {documentation}: {why}"),
        }
    }

    let summary = format!("endpoint cases: {passed}/{} passed", cases.len());
    println!("{summary}");
    eprintln!("{summary}");
    assert_eq!(passed, cases.len(), "{summary}");
}

/// Runs one test case; the error explains the mismatch.
fn run_case(rule_set: &RuleSet, case: &Value) -> Result<(), String> {
    let params = params_from_json(case.get("params"))?;
    let expect = &case["expect"];
    let result = rule_set.resolve(&params);
    match (expect.get("error"), expect.get("endpoint"), result) {
        (Some(expected), _, Err(error)) => {
            let expected = expected.as_str().ok_or("expect.error is not a string")?;
            if error.to_string() == expected {
                Ok(())
            } else {
                Err(format!(
                    "expected error {expected:?}, got error {:?}",
                    error.to_string()
                ))
            }
        }
        (Some(expected), _, Ok(endpoint)) => Err(format!(
            "expected error {expected}, got endpoint {}",
            endpoint.url
        )),
        (None, Some(expected), Ok(endpoint)) => compare_endpoint(expected, &endpoint),
        (None, Some(_), Err(error)) => Err(format!("expected an endpoint, got error {error:?}")),
        (None, None, _) => Err("case expects neither an endpoint nor an error".to_owned()),
    }
}

fn params_from_json(params: Option<&Value>) -> Result<Params, String> {
    let Some(params) = params else {
        return Ok(Params::new());
    };
    let fields = params.as_object().ok_or("params is not an object")?;
    fields
        .iter()
        .try_fold(Params::new(), |params, (name, value)| {
            let value = match value {
                Value::String(s) => ParamValue::String(s.clone()),
                Value::Bool(b) => ParamValue::Bool(*b),
                Value::Array(items) => ParamValue::StringArray(
                    items
                        .iter()
                        .map(|item| item.as_str().map(str::to_owned))
                        .collect::<Option<_>>()
                        .ok_or_else(|| format!("param {name} has a non-string element"))?,
                ),
                other => return Err(format!("param {name} has unsupported value {other}")),
            };
            Ok(params.with(name.clone(), value))
        })
}

fn compare_endpoint(expected: &Value, actual: &Endpoint) -> Result<(), String> {
    let url = expected["url"]
        .as_str()
        .ok_or("expect.endpoint.url is missing")?;
    if actual.url != url {
        return Err(format!("expected url {url}, got {}", actual.url));
    }
    let expected_headers: BTreeMap<String, Vec<String>> = match expected.get("headers") {
        Some(headers) => serde_json::from_value(headers.clone())
            .map_err(|e| format!("expect.endpoint.headers: {e}"))?,
        None => BTreeMap::new(),
    };
    if actual.headers != expected_headers {
        return Err(format!(
            "expected headers {expected_headers:?}, got {:?}",
            actual.headers
        ));
    }
    let expected_properties = expected
        .get("properties")
        .cloned()
        .unwrap_or_else(|| Value::Object(Default::default()));
    let actual_properties = Value::Object(actual.properties.clone());
    if actual_properties != expected_properties {
        return Err(format!(
            "expected properties {expected_properties}, got {actual_properties}"
        ));
    }
    Ok(())
}
