//! `aws.partition`: the AWS partition a region belongs to.
//!
//! The table lives in `partitions.json` next to this file and is parsed (regexes compiled) once
//! per process. A region is looked up in each partition's explicit region list first, then
//! matched against each partition's `regionRegex` in table order; a region that matches nothing
//! falls back to the `aws` partition, as AWS SDKs do, so new commercial regions keep working.

use std::sync::OnceLock;

use regex::Regex;
use serde::Deserialize;

use super::error::EndpointError;
use super::value::{record, Value};

const PARTITIONS_JSON: &str = include_str!("partitions.json");

/// The partition used for regions no entry claims.
const FALLBACK_PARTITION: &str = "aws";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PartitionsFile {
    partitions: Vec<PartitionEntry>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct PartitionEntry {
    id: String,
    region_regex: String,
    regions: Vec<String>,
    outputs: PartitionOutputs,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct PartitionOutputs {
    name: String,
    dns_suffix: String,
    dual_stack_dns_suffix: String,
    #[serde(rename = "supportsFIPS")]
    supports_fips: bool,
    supports_dual_stack: bool,
    implicit_global_region: String,
}

struct Partition {
    id: String,
    region_regex: Regex,
    regions: Vec<String>,
    /// The record `aws.partition` returns, built once.
    outputs: Value,
}

/// The partition record for `region` (`name`, `dnsSuffix`, `dualStackDnsSuffix`,
/// `supportsFIPS`, `supportsDualStack`, `implicitGlobalRegion`).
pub(crate) fn partition_for(region: &str) -> Result<Option<Value>, EndpointError> {
    let table = partitions()?;
    let found = table
        .iter()
        .find(|partition| partition.regions.iter().any(|known| known == region))
        .or_else(|| {
            table
                .iter()
                .find(|partition| partition.region_regex.is_match(region))
        })
        .or_else(|| {
            table
                .iter()
                .find(|partition| partition.id == FALLBACK_PARTITION)
        });
    Ok(found.map(|partition| partition.outputs.clone()))
}

fn partitions() -> Result<&'static [Partition], EndpointError> {
    static TABLE: OnceLock<Result<Vec<Partition>, String>> = OnceLock::new();
    TABLE
        .get_or_init(|| load(PARTITIONS_JSON))
        .as_deref()
        .map_err(|message| {
            EndpointError::invalid_rule_set(format!("built-in partition table: {message}"))
        })
}

fn load(json: &str) -> Result<Vec<Partition>, String> {
    let file: PartitionsFile = serde_json::from_str(json).map_err(|e| e.to_string())?;
    file.partitions
        .into_iter()
        .map(|entry| {
            let region_regex = Regex::new(&entry.region_regex)
                .map_err(|e| format!("regionRegex of `{}`: {e}", entry.id))?;
            let outputs = entry.outputs;
            Ok(Partition {
                id: entry.id,
                region_regex,
                regions: entry.regions,
                outputs: record([
                    ("name", Value::String(outputs.name)),
                    ("dnsSuffix", Value::String(outputs.dns_suffix)),
                    (
                        "dualStackDnsSuffix",
                        Value::String(outputs.dual_stack_dns_suffix),
                    ),
                    ("supportsFIPS", Value::Bool(outputs.supports_fips)),
                    (
                        "supportsDualStack",
                        Value::Bool(outputs.supports_dual_stack),
                    ),
                    (
                        "implicitGlobalRegion",
                        Value::String(outputs.implicit_global_region),
                    ),
                ]),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::endpoint::expr::PathSegment;

    fn attr(partition: &Value, key: &str) -> Value {
        partition
            .lookup(&[PathSegment::Key(key.to_owned())])
            .cloned()
            .unwrap_or_else(|| panic!("no {key}"))
    }

    fn name_of(region: &str) -> Value {
        let partition = partition_for(region).unwrap().unwrap();
        attr(&partition, "name")
    }

    #[test]
    fn table_loads_with_every_partition() {
        let ids: Vec<&str> = partitions()
            .unwrap()
            .iter()
            .map(|partition| partition.id.as_str())
            .collect();
        for id in [
            "aws",
            "aws-cn",
            "aws-us-gov",
            "aws-iso",
            "aws-iso-b",
            "aws-iso-e",
            "aws-iso-f",
            "aws-eusc",
        ] {
            assert!(ids.contains(&id), "missing {id}");
        }
    }

    #[test]
    fn regions_map_to_partitions() {
        let string = |s: &str| Value::String(s.to_owned());
        assert_eq!(name_of("us-east-1"), string("aws"));
        assert_eq!(name_of("cn-north-1"), string("aws-cn"));
        assert_eq!(name_of("us-gov-west-1"), string("aws-us-gov"));
        assert_eq!(name_of("us-iso-east-1"), string("aws-iso"));
        assert_eq!(name_of("us-isob-east-1"), string("aws-iso-b"));
        assert_eq!(name_of("eu-isoe-west-1"), string("aws-iso-e"));
        assert_eq!(name_of("us-isof-south-1"), string("aws-iso-f"));
        assert_eq!(name_of("eusc-de-east-1"), string("aws-eusc"));
        // Not listed, but matched by a pattern.
        assert_eq!(name_of("us-gov-north-9"), string("aws-us-gov"));
        assert_eq!(name_of("cn-south-7"), string("aws-cn"));
        // Matched by nothing: the commercial partition.
        assert_eq!(name_of("mars-east-1"), string("aws"));
    }

    #[test]
    fn outputs_carry_suffixes_and_capabilities() {
        let iso = partition_for("us-iso-east-1").unwrap().unwrap();
        assert_eq!(
            attr(&iso, "dnsSuffix"),
            Value::String("c2s.ic.gov".to_owned())
        );
        assert_eq!(attr(&iso, "supportsDualStack"), Value::Bool(false));
        assert_eq!(attr(&iso, "supportsFIPS"), Value::Bool(true));
    }

    #[test]
    fn malformed_table_is_an_error() {
        assert!(load("{").is_err());
        assert!(load(r#"{"partitions": [{"id": "x", "regionRegex": "(", "regions": [], "outputs": {"name": "x", "dnsSuffix": "", "dualStackDnsSuffix": "", "supportsFIPS": true, "supportsDualStack": true, "implicitGlobalRegion": ""}}]}"#).is_err());
    }
}
