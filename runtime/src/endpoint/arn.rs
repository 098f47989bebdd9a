//! `aws.parseArn`: `arn:partition:service:region:account-id:resource`.

/// The parts of an ARN accepted by [`parse_arn`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Arn {
    pub(crate) partition: String,
    pub(crate) service: String,
    pub(crate) region: String,
    pub(crate) account_id: String,
    /// The resource part split on both `:` and `/`.
    pub(crate) resource_id: Vec<String>,
}

/// Parses `input`, or returns `None` when it is not an ARN. Region and account may be empty;
/// partition, service and resource may not.
pub(crate) fn parse_arn(input: &str) -> Option<Arn> {
    let mut fields = input.splitn(6, ':');
    let (prefix, partition, service, region, account_id, resource) = (
        fields.next()?,
        fields.next()?,
        fields.next()?,
        fields.next()?,
        fields.next()?,
        fields.next()?,
    );
    if prefix != "arn" || partition.is_empty() || service.is_empty() || resource.is_empty() {
        return None;
    }
    Some(Arn {
        partition: partition.to_owned(),
        service: service.to_owned(),
        region: region.to_owned(),
        account_id: account_id.to_owned(),
        resource_id: resource.split([':', '/']).map(str::to_owned).collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resource_is_split_on_colon_and_slash() {
        let arn = parse_arn("arn:aws:ec2:us-east-1:012345678910:vpc/vpc-0e98:x").unwrap();
        assert_eq!(arn.partition, "aws");
        assert_eq!(arn.service, "ec2");
        assert_eq!(arn.region, "us-east-1");
        assert_eq!(arn.account_id, "012345678910");
        assert_eq!(arn.resource_id, ["vpc", "vpc-0e98", "x"]);
    }

    #[test]
    fn region_and_account_may_be_empty() {
        let arn = parse_arn("arn:aws:s3:::bucket_name").unwrap();
        assert_eq!(arn.region, "");
        assert_eq!(arn.account_id, "");
        assert_eq!(arn.resource_id, ["bucket_name"]);
    }

    #[test]
    fn non_arns_are_rejected() {
        for bad in [
            "11111111-2222-3333-4444-555555555555",
            "arn:aws:s3:::",
            "arn::s3:::x",
            "arn:aws::::x",
            "urn:aws:s3:::x",
            "arn:aws:s3",
        ] {
            assert_eq!(parse_arn(bad), None, "{bad} should be rejected");
        }
    }
}
