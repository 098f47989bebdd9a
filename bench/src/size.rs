//! Section d: size of the stripped release binary of each consumer crate.

use crate::cargo::Cargo;
use crate::consumers::{Consumer, Crates};
use crate::options::Options;
use crate::report::{Figure, Report, Row, Target, Unit};

/// Builds every consumer in release mode and adds the size rows to `report`.
pub fn run(options: &Options, crates: &Crates, report: &mut Report) {
    if let Ok(aws) = &crates.aws {
        report.aws_version = aws.client_version.clone().or(report.aws_version.take());
    }
    let mut measure = |label: &str, consumer: &Result<Consumer, String>| {
        crate::progress(&format!("release build ({label})"));
        match consumer
            .as_ref()
            .map_err(String::clone)
            .and_then(|c| binary_size(options, c))
        {
            Ok(bytes) => {
                eprintln!("    {bytes} bytes");
                Figure::Value(bytes as f64)
            }
            Err(reason) => {
                report.fail(&format!("stripped release binary, {label}"), &reason);
                Figure::Failed
            }
        }
    };
    let ours_five = measure("ours, 5 operations", &crates.ours_five);
    let ours_all = measure("ours, whole service", &crates.ours_all);
    let theirs = measure("aws-sdk-cognitoidentityprovider", &crates.aws);
    let floor = measure("no SDK, hand-rolled", &crates.hand_rolled);
    let floor_regress = measure(
        "no SDK, hand-rolled, one @pattern checked with regress",
        &crates.hand_rolled_regress,
    );
    report.rows.push(Row {
        section: 'd',
        what: "stripped release binary calling UpdateUserAttributes, 5 operations".to_owned(),
        unit: Unit::Bytes,
        ours: ours_five,
        theirs: theirs.clone(),
        target: Some(Target::MaxRatio(0.35)),
    });
    report.rows.push(Row {
        section: 'd',
        what: "stripped release binary calling UpdateUserAttributes, whole service".to_owned(),
        unit: Unit::Bytes,
        ours: ours_all,
        theirs: theirs.clone(),
        target: None,
    });
    // What any binary making this call over the same HTTPS stack weighs: the request written
    // by hand (no validation, retries, endpoint rules, signing or errors). Our rows above
    // cannot go below it.
    report.rows.push(Row {
        section: 'd',
        what: "floor: the same call with no SDK, a JSON POST written by hand over hyper + rustls + serde_json (in the ours column)".to_owned(),
        unit: Unit::Bytes,
        ours: floor,
        theirs: theirs.clone(),
        target: None,
    });
    // The same plus one `@pattern` check: what the ECMAScript engine alone adds to any client
    // that validates patterns.
    report.rows.push(Row {
        section: 'd',
        what: "floor with validation: the hand-written call checking one @pattern with regress first (in the ours column)".to_owned(),
        unit: Unit::Bytes,
        ours: floor_regress,
        theirs,
        target: None,
    });
}

/// `cargo build --release` of `consumer`, then the size of its binary.
fn binary_size(options: &Options, consumer: &Consumer) -> Result<u64, String> {
    let target = options.work_dir.join("target-release");
    Cargo::new(&["build", "--release", "--offline"], &consumer.dir, &target).run()?;
    let binary =
        target
            .join("release")
            .join(format!("{}{}", consumer.bin, std::env::consts::EXE_SUFFIX));
    std::fs::metadata(&binary)
        .map(|m| m.len())
        .map_err(|e| format!("cannot stat the built binary {}: {e}", binary.display()))
}
