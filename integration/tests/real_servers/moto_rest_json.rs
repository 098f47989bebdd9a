//! A restJson1 client against a real peer: Amazon Managed Service for Prometheus (`amp`) as
//! moto serves it. The client is generated at test time from the official model in
//! `../shared/models/aws/amp.json` (four operations) into `target/generated/amp-flow`, and a
//! small driver program beside it runs create → describe → list (paginated, two per page) →
//! delete against moto, then checks that describing a deleted workspace is the modelled
//! `ResourceNotFoundException` with its body members.

use integration_tests::generated_crate::{cargo_ok, generate_crate, shared_dir, workspace_root};
use integration_tests::servers::Moto;
use smithy_codegen::model::Model;
use smithy_codegen::{Generator, Settings};

/// The driver program: takes moto's endpoint as its argument and prints one line per step.
const FLOW: &str = r#####"//! create → describe → list (paginated) → delete against moto (written by integration/tests/moto_rest_json.rs).

use amp::operation::describe_workspace::DescribeWorkspaceError;
use amp::runtime::client::{Credentials, InMemoryTransport};
use amp::runtime::error::{ProvideErrorMetadata, SdkError};
use amp::{Client, Config};

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let endpoint = std::env::args().nth(1).expect("usage: amp-flow <endpoint>");
    let config = Config::builder()
        .endpoint_url(endpoint)
        .region("us-east-1")
        .credentials_provider(Credentials::new("AKIDEXAMPLE", "moto-secret", None))
        .build()
        .expect("config");
    let client = Client::new(config);

    let mut created = Vec::new();
    for alias in ["alpha", "beta", "gamma"] {
        let output = client
            .create_workspace()
            .alias(alias)
            .send()
            .await
            .unwrap_or_else(|e| panic!("CreateWorkspace {alias}: {e:?}"));
        assert!(!output.workspace_id().is_empty(), "CreateWorkspace returned no id");
        assert!(output.arn().contains(output.workspace_id()), "arn {} lacks the id", output.arn());
        created.push(output.workspace_id().to_owned());
    }
    println!("created {}", created.len());

    let described = client
        .describe_workspace()
        .workspace_id(&created[1])
        .send()
        .await
        .unwrap_or_else(|e| panic!("DescribeWorkspace: {e:?}"));
    assert_eq!(described.workspace().workspace_id(), created[1]);
    assert_eq!(described.workspace().alias(), Some("beta"));
    println!("described {}", described.workspace().workspace_id());

    let pages: Vec<_> = client
        .list_workspaces()
        .max_results(2)
        .into_paginator()
        .pages()
        .try_collect()
        .await
        .unwrap_or_else(|e| panic!("ListWorkspaces: {e:?}"));
    let mut listed: Vec<String> = pages
        .iter()
        .flat_map(|page| page.workspaces().iter().map(|w| w.workspace_id().to_owned()))
        .collect();
    assert!(pages.len() >= 2, "3 workspaces at 2 per page need 2 pages, got {}", pages.len());
    assert!(pages.iter().all(|page| page.workspaces().len() <= 2), "a page exceeded maxResults");
    listed.sort();
    let mut expected = created.clone();
    expected.sort();
    assert_eq!(listed, expected);
    println!("listed {} in {} pages", listed.len(), pages.len());

    for id in &created {
        client
            .delete_workspace()
            .workspace_id(id)
            .send()
            .await
            .unwrap_or_else(|e| panic!("DeleteWorkspace {id}: {e:?}"));
    }
    println!("deleted {}", created.len());

    let error = client
        .describe_workspace()
        .workspace_id(&created[0])
        .send()
        .await
        .expect_err("a deleted workspace must not be found");
    let SdkError::Service(DescribeWorkspaceError::ResourceNotFoundException(not_found)) = &error else {
        panic!("expected the modelled ResourceNotFoundException, got {error:?}");
    };
    assert_eq!(not_found.resource_id(), created[0]);
    assert_eq!(not_found.resource_type(), "AWS::APS::Workspace");
    assert_eq!(not_found.meta().http_status(), Some(404));
    assert_eq!(not_found.code(), Some("ResourceNotFoundException"));
    println!("not found: {}", not_found.message());

    // A bare 404 (no error code, no body, as a proxy might send) still maps to the one
    // modelled error with `@httpError(404)`.
    let canned = InMemoryTransport::new().with_response(
        amp::runtime::http::Response::builder()
            .status(404)
            .body(Vec::new())
            .expect("response"),
    );
    let offline = Client::new(
        Config::builder()
            .endpoint_url("http://127.0.0.1:9")
            .region("us-east-1")
            .credentials_provider(Credentials::new("AKIDEXAMPLE", "moto-secret", None))
            .http_transport(canned)
            .build()
            .expect("config"),
    );
    let error = offline
        .describe_workspace()
        .workspace_id("ws-gone")
        .send()
        .await
        .expect_err("a 404 is an error");
    assert!(
        matches!(&error, SdkError::Service(DescribeWorkspaceError::ResourceNotFoundException(_))),
        "a bare 404 should be ResourceNotFoundException, got {error:?}"
    );
    println!("bare 404: ResourceNotFoundException");
    println!("amp flow: ok");
}
"#####;

/// The driver crate's manifest: the generated client and a tokio runtime for `main`.
fn driver_manifest() -> String {
    String::from(
        r#"# Written by integration/tests/moto_rest_json.rs.
[package]
name = "amp-flow-driver"
version = "0.1.0"
edition = "2021"
publish = false

[dependencies]
amp = { path = "../amp-flow" }
tokio = { version = "1", features = ["rt", "macros"] }

[workspace]
"#,
    )
}

fn write_if_changed(path: &std::path::Path, text: &str) {
    if std::fs::read_to_string(path).ok().as_deref() != Some(text) {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("{}: {e}", parent.display()));
        }
        std::fs::write(path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    }
}

#[test]
fn amp_create_describe_list_delete_and_not_found_against_moto() {
    // Prints a SKIPPED line when ../shared is missing, and fails instead when `CI` is set.
    let Some(shared) = shared_dir("moto_rest_json") else {
        return;
    };
    let json = std::fs::read_to_string(shared.join("models/aws/amp.json"))
        .unwrap_or_else(|e| panic!("reading amp.json: {e}"));
    let model = Model::load(&json).unwrap_or_else(|e| panic!("loading amp.json: {e}"));
    let generator = Generator::new(model)
        .settings(Settings::default().package_name("amp"))
        .operations([
            "CreateWorkspace",
            "DescribeWorkspace",
            "ListWorkspaces",
            "DeleteWorkspace",
        ]);
    generate_crate("amp-flow", generator, &[]).unwrap_or_else(|e| panic!("{e}"));

    let driver = workspace_root().join("target/generated/amp-flow-driver");
    write_if_changed(&driver.join("Cargo.toml"), &driver_manifest());
    write_if_changed(&driver.join("src/main.rs"), FLOW);
    // The workspace's lock file pins the driver's dependencies (tokio, the runtime's) to the
    // versions tested here; cargo drops the entries the driver does not use.
    if let Ok(lock) = std::fs::read_to_string(workspace_root().join("Cargo.lock")) {
        if !driver.join("Cargo.lock").is_file() {
            write_if_changed(&driver.join("Cargo.lock"), &lock);
        }
    }
    // Build before starting the server so moto's lifetime covers only the calls.
    cargo_ok(&driver, &["build", "--quiet"]).unwrap_or_else(|e| panic!("{e}"));

    let server = Moto::start().unwrap_or_else(|e| panic!("moto could not be started: {e}"));
    let run = cargo_ok(&driver, &["run", "--quiet", "--", &server.endpoint()]);
    let run = run.unwrap_or_else(|e| panic!("{e}\nmoto said:\n{}", server.output().stderr));
    print!("{}", run.stdout);
    assert!(run.stdout.contains("amp flow: ok"), "{}", run.stdout);
}
