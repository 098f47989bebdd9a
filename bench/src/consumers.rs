//! The tiny consumer crates that sections b (build time) and d (binary size) build: one
//! `main` that calls `UpdateUserAttributes` once with the default client and transport, on a
//! tokio current-thread runtime, against each of
//!
//! - ours, five operations: the checked-in `generated/cognito-identity-provider`;
//! - ours, whole service: generated from the official model into the work dir by
//!   `cargo xtask codegen --ops '*'`;
//! - theirs: `aws-sdk-cognitoidentityprovider = "1"` from crates.io with default features, its
//!   lockfile regenerated every run so the latest 1.x is measured;
//!
//! plus, for section d's floor, the same call written by hand over the lean stack below (no
//! SDK at all), and, for the marginal row of section b, two more (ours with five operations, theirs) whose
//! other dependencies are a lean HTTPS stack a program may already build — tokio, hyper 1,
//! hyper-util, hyper-rustls and rustls (ring, webpki roots), serde_json — with the client
//! behind the cargo feature `client`.
//!
//! `main` builds its tokio runtime by hand (no `#[tokio::main]`), so the consumers themselves
//! bring no proc-macro crate: what is measured is the client's dependency graph.
//!
//! Each consumer is its own workspace with `strip = true` in its release profile; dependencies
//! are fetched when it is written, so no timed build downloads anything.

use std::path::{Path, PathBuf};

use crate::cargo::{remove_dir, Cargo};
use crate::options::{repo_root, Options};

/// Where things are.
#[derive(Debug)]
pub struct Paths {
    /// The repository root.
    pub repo: PathBuf,
    /// The official Cognito model (may be missing: checked by [`Paths::official_model`]).
    model: PathBuf,
    /// The runner's scratch directory.
    pub work: PathBuf,
}

impl Paths {
    /// The paths for `options`.
    pub fn new(options: &Options) -> Result<Paths, String> {
        let repo = repo_root();
        if !repo.join("Cargo.toml").is_file() || !repo.join("codegen").is_dir() {
            return Err(format!(
                "{} does not look like the repository root (no Cargo.toml or codegen/); \
                 run the runner from its checkout",
                repo.display()
            ));
        }
        Ok(Paths {
            repo,
            model: options.model.clone(),
            work: options.work_dir.clone(),
        })
    }

    /// The official model, or why it is not there.
    pub fn official_model(&self) -> Result<&Path, String> {
        if self.model.is_file() {
            Ok(&self.model)
        } else {
            Err(format!(
                "the official Cognito model is not at {}; set SHARED_DIR or pass --model PATH",
                self.model.display()
            ))
        }
    }

    /// The repository's own Cognito model, from which the checked-in crate is generated.
    pub fn repo_model(&self) -> PathBuf {
        self.repo
            .join("models")
            .join("cognito-identity-provider.json")
    }
}

/// A consumer crate ready to build.
#[derive(Debug)]
pub struct Consumer {
    /// Its directory.
    pub dir: PathBuf,
    /// Its binary's name (= package name).
    pub bin: String,
    /// The client crate's version as resolved in its lockfile.
    pub client_version: Option<String>,
}

/// The three consumers; each may have failed to be set up.
#[derive(Debug)]
pub struct Crates {
    /// Against ours, five operations.
    pub ours_five: Result<Consumer, String>,
    /// Against ours, whole service.
    pub ours_all: Result<Consumer, String>,
    /// Against aws-sdk-cognitoidentityprovider.
    pub aws: Result<Consumer, String>,
    /// The lean HTTPS stack, plus ours (five operations) with `--features client`.
    pub ours_marginal: Result<Consumer, String>,
    /// The lean HTTPS stack, plus aws-sdk-cognitoidentityprovider with `--features client`.
    pub aws_marginal: Result<Consumer, String>,
    /// No SDK: the same call written by hand over the lean HTTPS stack (the size floor).
    pub hand_rolled: Result<Consumer, String>,
    /// The same, checking the access token against a `@pattern` with regress first.
    pub hand_rolled_regress: Result<Consumer, String>,
}

/// The consumer feature that adds the client to a marginal consumer.
pub const CLIENT_FEATURE: &str = "client";

/// The lean HTTPS stack of the marginal consumers (the floor the issue names), all built
/// before the client is added.
const LEAN_STACK: &str = "\
tokio = { version = \"1\", default-features = false, features = [\"rt\", \"time\", \"net\"] }
hyper = { version = \"1\", default-features = false, features = [\"client\", \"http1\"] }
hyper-util = { version = \"0.1\", default-features = false, features = [\"client-legacy\", \"http1\", \"tokio\"] }
hyper-rustls = { version = \"0.27\", default-features = false, features = [\"http1\", \"ring\", \"tls12\", \"webpki-roots\"] }
rustls = { version = \"0.23\", default-features = false, features = [\"ring\", \"std\", \"tls12\"] }
http = \"1\"
serde_json = \"1\"
";

/// The package name of our generated crate in every consumer.
const OURS_PACKAGE: &str = "cognito-identity-provider";
/// aws-sdk-rust's crate.
pub const AWS_PACKAGE: &str = "aws-sdk-cognitoidentityprovider";

/// Writes (and fetches the dependencies of) the three consumer crates.
pub fn prepare(paths: &Paths) -> Crates {
    let ours_five_dependency = format!(
        "{OURS_PACKAGE} = {{ path = {:?} }}",
        paths
            .repo
            .join("generated")
            .join("cognito-identity-provider")
            .display()
            .to_string()
    );
    let ours_five = write_consumer(
        paths,
        "consumer-ours-5",
        &plain_dependencies(&ours_five_dependency),
        OURS_MAIN,
        OURS_PACKAGE,
    );
    let ours_all = generate_whole_service(paths).and_then(|dir| {
        write_consumer(
            paths,
            "consumer-ours-all",
            &plain_dependencies(&format!(
                "{OURS_PACKAGE} = {{ path = {:?} }}",
                dir.display().to_string()
            )),
            OURS_MAIN,
            OURS_PACKAGE,
        )
    });
    let aws_dependency = format!("{AWS_PACKAGE} = \"1\"");
    let aws = write_consumer(
        paths,
        "consumer-aws",
        &plain_dependencies(&aws_dependency),
        AWS_MAIN,
        AWS_PACKAGE,
    );
    let ours_marginal = write_consumer(
        paths,
        "consumer-ours-5-marginal",
        &marginal_dependencies(&ours_five_dependency),
        &marginal_main(OURS_MAIN),
        OURS_PACKAGE,
    );
    let aws_marginal = write_consumer(
        paths,
        "consumer-aws-marginal",
        &marginal_dependencies(&aws_dependency),
        &marginal_main(AWS_MAIN),
        AWS_PACKAGE,
    );
    let hand_rolled = write_consumer(
        paths,
        "consumer-hand-rolled",
        &format!("[dependencies]\n{LEAN_STACK}{HAND_ROLLED_EXTRA}"),
        HAND_ROLLED_MAIN,
        "hyper",
    );
    let hand_rolled_regress = hand_rolled_main_with_pattern_check().and_then(|main| {
        write_consumer(
            paths,
            "consumer-hand-rolled-regress",
            &format!("[dependencies]\n{LEAN_STACK}{HAND_ROLLED_EXTRA}{REGRESS}"),
            &main,
            "regress",
        )
    });
    Crates {
        ours_five,
        ours_all,
        aws,
        ours_marginal,
        aws_marginal,
        hand_rolled,
        hand_rolled_regress,
    }
}

/// `[dependencies]` of a plain consumer: the client and the tokio runtime `main` uses.
fn plain_dependencies(client: &str) -> String {
    format!(
        "[dependencies]\n{client}\ntokio = {{ version = \"1\", default-features = false, features = [\"rt\"] }}\n"
    )
}

/// `[dependencies]` and `[features]` of a marginal consumer: the lean stack always, the client
/// only with the `client` feature.
fn marginal_dependencies(client: &str) -> String {
    format!(
        "[dependencies]\n{LEAN_STACK}{client_optional}\n\n[features]\n{CLIENT_FEATURE} = [\"dep:{package}\"]\n",
        client_optional = optional(client),
        package = client.split_whitespace().next().unwrap_or_default(),
    )
}

/// `name = "1"` or `name = { … }` made optional.
fn optional(dependency: &str) -> String {
    match dependency.split_once("= {") {
        Some((name, rest)) => format!("{name}= {{ optional = true,{rest}"),
        None => match dependency.split_once(" = ") {
            Some((name, version)) => format!("{name} = {{ version = {version}, optional = true }}"),
            None => dependency.to_owned(),
        },
    }
}

/// The client `main` behind the `client` feature; without it, `main` only touches the stack.
fn marginal_main(client_main: &str) -> String {
    let client = client_main
        .replace("//!", "//")
        .replace("fn main() {", "pub fn main() {");
    format!(
        "//! Builds the lean HTTPS stack; with `--features client`, calls UpdateUserAttributes.\n\n\
         #[cfg(feature = \"client\")]\n\
         mod with_client {{\n{client}}}\n\n\
         #[cfg(feature = \"client\")]\n\
         fn main() {{\n    with_client::main();\n}}\n\n\
         #[cfg(not(feature = \"client\"))]\n\
         fn main() {{\n    \
         let _ = serde_json::to_string(&serde_json::json!({{\"stack\": true}}));\n    \
         let _ = rustls::crypto::ring::default_provider();\n    \
         let _ = hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new());\n\
         }}\n"
    )
}

/// Generates the whole-service crate with the xtask into `<work>/ours-all-crate`.
fn generate_whole_service(paths: &Paths) -> Result<PathBuf, String> {
    let model = paths.official_model()?;
    let out = paths.work.join("ours-all-crate");
    remove_dir(&out)?;
    let model = model.display().to_string();
    let out_arg = out.display().to_string();
    Cargo::new(
        &[
            "run",
            "--quiet",
            "--release",
            "-p",
            "xtask",
            "--",
            "codegen",
            "--model",
            &model,
            "--ops",
            "*",
            "--out",
            &out_arg,
            "--package",
            OURS_PACKAGE,
        ],
        &paths.repo,
        &paths.work.join("target-xtask"),
    )
    .run()
    .map_err(|e| format!("generating the whole-service crate with the xtask: {e}"))?;
    Ok(out)
}

/// Writes one consumer crate, regenerates its lockfile and fetches its dependencies.
fn write_consumer(
    paths: &Paths,
    name: &str,
    dependencies: &str,
    main: &str,
    client_package: &str,
) -> Result<Consumer, String> {
    let dir = paths.work.join(name);
    let manifest = format!(
        "# Written by the bench runner (bench/src/consumers.rs); rewritten every run.\n\
         [package]\n\
         name = \"{name}\"\n\
         version = \"0.1.0\"\n\
         edition = \"2021\"\n\
         publish = false\n\
         \n\
         [workspace]\n\
         \n\
         {dependencies}\n\
         [profile.release]\n\
         strip = true\n"
    );
    let write = |path: PathBuf, text: &str| {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
    };
    write(dir.join("Cargo.toml"), &manifest)?;
    write(dir.join("src").join("main.rs"), main)?;
    let lock = dir.join("Cargo.lock");
    if lock.exists() {
        std::fs::remove_file(&lock)
            .map_err(|e| format!("cannot remove {}: {e}", lock.display()))?;
    }
    Cargo::new(&["fetch"], &dir, &paths.work.join("target-fetch"))
        .run()
        .map_err(|e| format!("fetching the dependencies of {name}: {e}"))?;
    let client_version = std::fs::read_to_string(&lock)
        .ok()
        .and_then(|text| locked_version(&text, client_package));
    Ok(Consumer {
        dir,
        bin: name.to_owned(),
        client_version,
    })
}

/// The version of `package` in a `Cargo.lock`.
pub fn locked_version(lock: &str, package: &str) -> Option<String> {
    let wanted = format!("name = \"{package}\"");
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == wanted {
            let version = lines.next()?.trim();
            return version
                .strip_prefix("version = \"")
                .and_then(|v| v.strip_suffix('"'))
                .map(str::to_owned);
        }
    }
    None
}

/// `main` of the consumers of our crates.
const OURS_MAIN: &str = r#"//! Calls UpdateUserAttributes once with the default client (default transport).
use cognito_identity_provider::types::AttributeType;
use cognito_identity_provider::{Client, Config};

fn main() {
    match tokio::runtime::Builder::new_current_thread().enable_all().build() {
        Ok(runtime) => runtime.block_on(call()),
        Err(error) => eprintln!("{error}"),
    }
}

async fn call() {
    let config = match Config::builder().region("us-east-1").build() {
        Ok(config) => config,
        Err(error) => return eprintln!("{error}"),
    };
    let client = Client::new(config);
    let attribute = match AttributeType::builder().name("email").value("user@example.com").build() {
        Ok(attribute) => attribute,
        Err(error) => return eprintln!("{error}"),
    };
    let token = std::env::args().nth(1).unwrap_or_default();
    match client.update_user_attributes().user_attributes(attribute).access_token(token).send().await {
        Ok(output) => println!("{:?}", output.code_delivery_details_list()),
        Err(error) => eprintln!("{error}"),
    }
}
"#;

/// What the hand-rolled consumer needs besides the lean stack: a request body type.
const HAND_ROLLED_EXTRA: &str = "\
http-body-util = \"0.1\"
bytes = \"1\"
";

/// regress as the runtime uses it (the ECMAScript engine behind `@pattern` checks).
const REGRESS: &str =
    "regress = { version = \"0.12\", default-features = false, features = [\"std\"] }\n";

/// What the hand-rolled consumer with a pattern check runs before the call: the access token
/// checked against the model's `@pattern` of `TokenModelType`.
const PATTERN_CHECK: &str = r#"    let token = std::env::args().nth(1).unwrap_or_default();
    let pattern = regress::Regex::with_flags(r"^[A-Za-z0-9\-_\=\.]+$", "uv");
    if pattern.map_or(true, |regex| regex.find(&token).is_none()) {
        return eprintln!("the access token does not match the model's pattern");
    }
"#;

/// [`HAND_ROLLED_MAIN`] with [`PATTERN_CHECK`] in place of its token line.
fn hand_rolled_main_with_pattern_check() -> Result<String, String> {
    const TOKEN_LINE: &str = "    let token = std::env::args().nth(1).unwrap_or_default();\n";
    if !HAND_ROLLED_MAIN.contains(TOKEN_LINE) {
        return Err("the hand-rolled consumer's main has no token line to check".to_owned());
    }
    Ok(HAND_ROLLED_MAIN.replace(TOKEN_LINE, PATTERN_CHECK))
}

/// `main` of the hand-rolled consumer: the same call with no SDK, a JSON POST written by hand.
const HAND_ROLLED_MAIN: &str = r#"//! Calls UpdateUserAttributes by hand: a JSON POST over hyper and rustls, the response read
//! with serde_json. No SDK, no validation, no retries: the floor of a binary making this call.
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;

fn main() {
    match tokio::runtime::Builder::new_current_thread().enable_all().build() {
        Ok(runtime) => runtime.block_on(call()),
        Err(error) => eprintln!("{error}"),
    }
}

async fn call() {
    let connector = hyper_rustls::HttpsConnectorBuilder::new()
        .with_webpki_roots()
        .https_only()
        .enable_http1()
        .build();
    let client: Client<_, Full<bytes::Bytes>> =
        Client::builder(TokioExecutor::new()).build(connector);
    let token = std::env::args().nth(1).unwrap_or_default();
    let body = serde_json::json!({
        "AccessToken": token,
        "UserAttributes": [{"Name": "email", "Value": "user@example.com"}],
    });
    let request = match http::Request::post("https://cognito-idp.us-east-1.amazonaws.com/")
        .header("content-type", "application/x-amz-json-1.1")
        .header("x-amz-target", "AWSCognitoIdentityProviderService.UpdateUserAttributes")
        .body(Full::new(bytes::Bytes::from(body.to_string())))
    {
        Ok(request) => request,
        Err(error) => return eprintln!("{error}"),
    };
    let response = match client.request(request).await {
        Ok(response) => response,
        Err(error) => return eprintln!("{error}"),
    };
    let bytes = match response.into_body().collect().await {
        Ok(collected) => collected.to_bytes(),
        Err(error) => return eprintln!("{error}"),
    };
    match serde_json::from_slice::<serde_json::Value>(&bytes) {
        Ok(value) => println!("{:?}", value.get("CodeDeliveryDetailsList")),
        Err(error) => eprintln!("{error}"),
    }
}
"#;

/// `main` of the aws-sdk consumer.
const AWS_MAIN: &str = r#"//! Calls UpdateUserAttributes once with the default client (default HTTPS client).
use aws_sdk_cognitoidentityprovider::config::{BehaviorVersion, Region};
use aws_sdk_cognitoidentityprovider::types::AttributeType;
use aws_sdk_cognitoidentityprovider::{Client, Config};

fn main() {
    match tokio::runtime::Builder::new_current_thread().enable_all().build() {
        Ok(runtime) => runtime.block_on(call()),
        Err(error) => eprintln!("{error}"),
    }
}

async fn call() {
    let config = Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .build();
    let client = Client::from_conf(config);
    let attribute = match AttributeType::builder().name("email").value("user@example.com").build() {
        Ok(attribute) => attribute,
        Err(error) => return eprintln!("{error}"),
    };
    let token = std::env::args().nth(1).unwrap_or_default();
    match client.update_user_attributes().user_attributes(attribute).access_token(token).send().await {
        Ok(output) => println!("{:?}", output.code_delivery_details_list()),
        Err(error) => eprintln!("{error}"),
    }
}
"#;

#[cfg(test)]
mod tests {
    use super::{
        hand_rolled_main_with_pattern_check, locked_version, marginal_dependencies, optional,
    };

    #[test]
    fn the_pattern_floor_checks_the_token_before_the_call() {
        let main = hand_rolled_main_with_pattern_check().unwrap();
        let check = main.find("regress::Regex::with_flags").unwrap();
        let call = main.find("client.request(request)").unwrap();
        assert!(check < call, "{main}");
        assert_eq!(main.matches("let token =").count(), 1, "{main}");
    }

    #[test]
    fn makes_the_client_optional() {
        assert_eq!(
            optional("a = { path = \"/x\" }"),
            "a = { optional = true, path = \"/x\" }"
        );
        assert_eq!(
            optional("b = \"1\""),
            "b = { version = \"1\", optional = true }"
        );
        let manifest = marginal_dependencies("b = \"1\"");
        assert!(manifest.contains("client = [\"dep:b\"]"), "{manifest}");
        assert!(manifest.contains("hyper-rustls"), "{manifest}");
    }

    #[test]
    fn reads_a_locked_version() {
        let lock = "[[package]]\nname = \"aws-sdk-cognitoidentityprovider\"\nversion = \"1.2.3\"\n";
        assert_eq!(
            locked_version(lock, "aws-sdk-cognitoidentityprovider").as_deref(),
            Some("1.2.3")
        );
        assert_eq!(locked_version(lock, "tokio"), None);
    }
}
