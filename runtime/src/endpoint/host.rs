//! Host-name checks: `isValidHostLabel` and `aws.isVirtualHostableS3Bucket`.

use std::net::Ipv4Addr;

/// An RFC 1123 host label: 1 to 63 ASCII letters, digits and hyphens, starting with a letter or
/// digit. With `allow_subdomains`, several such labels joined by single dots.
pub(crate) fn is_valid_host_label(label: &str, allow_subdomains: bool) -> bool {
    if allow_subdomains {
        label.split('.').all(is_single_host_label)
    } else {
        is_single_host_label(label)
    }
}

fn is_single_host_label(label: &str) -> bool {
    (1..=63).contains(&label.len())
        && label.starts_with(|c: char| c.is_ascii_alphanumeric())
        && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

/// Whether `bucket` can be used as the leading label(s) of a virtual-hosted S3 host name:
/// 3 to 63 characters of lower-case letters, digits and hyphens (and dots, only when
/// `allow_subdomains`), starting and ending with a letter or digit, with no label that starts or
/// ends with a hyphen, and not shaped like an IPv4 address.
pub(crate) fn is_virtual_hostable_s3_bucket(bucket: &str, allow_subdomains: bool) -> bool {
    let allowed = |c: char| {
        c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || (allow_subdomains && c == '.')
    };
    let edge = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit();
    (3..=63).contains(&bucket.len())
        && bucket.chars().all(allowed)
        && bucket.starts_with(edge)
        && bucket.ends_with(edge)
        && is_valid_host_label(bucket, allow_subdomains)
        // Labels may end with '-' for isValidHostLabel, but not inside a bucket name.
        && !bucket.contains("-.")
        && !looks_like_ipv4(bucket)
}

fn looks_like_ipv4(text: &str) -> bool {
    text.parse::<Ipv4Addr>().is_ok()
        || (text.split('.').count() == 4
            && text
                .split('.')
                .all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_digit())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_labels() {
        assert!(is_valid_host_label("us-east-1", false));
        assert!(is_valid_host_label("3aws4", false));
        assert!(!is_valid_host_label("part1.part2", false));
        assert!(is_valid_host_label("part1.part2", true));
        for bad in [
            "",
            "part1 part2",
            "part1.",
            "part1..part2",
            "part1.-part2",
            "-a",
        ] {
            assert!(
                !is_valid_host_label(bad, true),
                "{bad:?} should be rejected"
            );
        }
        assert!(!is_valid_host_label(&"a".repeat(64), false));
        assert!(is_valid_host_label(&"a".repeat(63), false));
    }

    #[test]
    fn virtual_hostable_buckets() {
        assert!(is_virtual_hostable_s3_bucket("bucket-name", false));
        assert!(is_virtual_hostable_s3_bucket("bucket-with-number-1", false));
        assert!(!is_virtual_hostable_s3_bucket("bucket.name", false));
        assert!(is_virtual_hostable_s3_bucket("bucket.name", true));
        assert!(is_virtual_hostable_s3_bucket(
            "bucket.name.multiple.dots1",
            true
        ));
        for bad in [
            "BucketName",
            "bucket_name",
            "-bucket-name",
            "bucket-name-",
            "aa",
            ".bucket-name",
            "bucket-name.",
            "192.168.5.4",
            "bucket-.name",
            "bucket.-name",
        ] {
            assert!(
                !is_virtual_hostable_s3_bucket(bad, true),
                "{bad:?} should be rejected"
            );
        }
        assert!(!is_virtual_hostable_s3_bucket(&"a".repeat(64), false));
    }
}
