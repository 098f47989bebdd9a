//! `aws.partition`: the AWS partition a region belongs to.
//!
//! The table lives in `partitions.json` next to this file and is parsed (regexes compiled) once
//! per process. A region is looked up in each partition's explicit region list first, then
//! matched against each partition's `regionRegex` in table order; a region that matches nothing
//! falls back to the `aws` partition, as AWS SDKs do, so new commercial regions keep working.

use std::sync::OnceLock;

use regress::Regex;
use serde_json::{Map, Value as Json};

use super::error::EndpointError;
use super::value::{record, Value};

const PARTITIONS_JSON: &str = include_str!("partitions.json");

/// The partition used for regions no entry claims.
const FALLBACK_PARTITION: &str = "aws";

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
                .find(|partition| partition.region_regex.find(region).is_some())
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

/// Reads the table, refusing fields it does not know so that a table update that adds one is
/// noticed rather than silently ignored.
fn load(json: &str) -> Result<Vec<Partition>, String> {
    let file: Json = serde_json::from_str(json).map_err(|e| e.to_string())?;
    let file = fields(&file, "the table", &["partitions"])?;
    let entries = file
        .get("partitions")
        .and_then(Json::as_array)
        .ok_or("the table has no `partitions` array")?;
    entries.iter().map(partition).collect()
}

fn partition(entry: &Json) -> Result<Partition, String> {
    let entry = fields(
        entry,
        "a partition",
        &["id", "regionRegex", "regions", "outputs"],
    )?;
    let id = text(entry, "id", "a partition")?;
    let at = format!("partition `{id}`");
    let region_regex = Regex::new(&text(entry, "regionRegex", &at)?)
        .map_err(|e| format!("regionRegex of `{id}`: {e}"))?;
    let regions = entry
        .get("regions")
        .and_then(Json::as_array)
        .ok_or_else(|| format!("{at} has no `regions` array"))?
        .iter()
        .map(|region| {
            region
                .as_str()
                .map(str::to_owned)
                .ok_or_else(|| format!("{at}: region `{region}` is not a string"))
        })
        .collect::<Result<_, String>>()?;
    let outputs_at = format!("the outputs of {at}");
    let outputs = fields(
        entry.get("outputs").unwrap_or(&Json::Null),
        &outputs_at,
        &[
            "name",
            "dnsSuffix",
            "dualStackDnsSuffix",
            "supportsFIPS",
            "supportsDualStack",
            "implicitGlobalRegion",
        ],
    )?;
    let string = |key: &str| text(outputs, key, &outputs_at).map(Value::String);
    let flag = |key: &str| {
        outputs
            .get(key)
            .and_then(Json::as_bool)
            .map(Value::Bool)
            .ok_or_else(|| format!("{outputs_at}: `{key}` must be a boolean"))
    };
    Ok(Partition {
        outputs: record([
            ("name", string("name")?),
            ("dnsSuffix", string("dnsSuffix")?),
            ("dualStackDnsSuffix", string("dualStackDnsSuffix")?),
            ("supportsFIPS", flag("supportsFIPS")?),
            ("supportsDualStack", flag("supportsDualStack")?),
            ("implicitGlobalRegion", string("implicitGlobalRegion")?),
        ]),
        id,
        region_regex,
        regions,
    })
}

/// `json` as an object with exactly the keys `known` (all of them required).
fn fields<'a>(json: &'a Json, at: &str, known: &[&str]) -> Result<&'a Map<String, Json>, String> {
    let object = json
        .as_object()
        .ok_or_else(|| format!("{at} must be an object"))?;
    if let Some(unknown) = object.keys().find(|key| !known.contains(&key.as_str())) {
        return Err(format!("{at} has an unknown field `{unknown}`"));
    }
    if let Some(missing) = known.iter().find(|key| !object.contains_key(**key)) {
        return Err(format!("{at} has no `{missing}`"));
    }
    Ok(object)
}

fn text(object: &Map<String, Json>, key: &str, at: &str) -> Result<String, String> {
    object
        .get(key)
        .and_then(Json::as_str)
        .map(str::to_owned)
        .ok_or_else(|| format!("{at}: `{key}` must be a string"))
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
        let good = r#"{"partitions": [{"id": "x", "regionRegex": "^x$", "regions": ["x-1"], "outputs": {"name": "x", "dnsSuffix": "", "dualStackDnsSuffix": "", "supportsFIPS": true, "supportsDualStack": true, "implicitGlobalRegion": ""}}]}"#;
        assert!(load(good).is_ok());
        let unknown = good.replace(r#""regions""#, r#""extra": 1, "regions""#);
        assert!(load(&unknown)
            .err()
            .unwrap_or_default()
            .contains("unknown field `extra`"));
        let missing = good.replace(r#""supportsFIPS": true, "#, "");
        assert!(load(&missing)
            .err()
            .unwrap_or_default()
            .contains("supportsFIPS"));
    }
}
