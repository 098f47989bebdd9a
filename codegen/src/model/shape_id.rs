//! Absolute shape ids (`namespace#Name` or `namespace#Name$member`).

use std::fmt;

/// An absolute Smithy shape id. Ordered by its textual form so maps keyed by it iterate
/// deterministically.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ShapeId {
    namespace: String,
    name: String,
    member: Option<String>,
}

/// Why a string is not a valid absolute shape id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidShapeId {
    /// The rejected text.
    pub text: String,
    /// What is wrong with it.
    pub reason: &'static str,
}

impl fmt::Display for InvalidShapeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` is not an absolute shape id: {}",
            self.text, self.reason
        )
    }
}

impl std::error::Error for InvalidShapeId {}

impl ShapeId {
    /// Parses `namespace#Name` or `namespace#Name$member`.
    pub fn parse(text: &str) -> Result<ShapeId, InvalidShapeId> {
        let invalid = |reason| InvalidShapeId {
            text: text.to_owned(),
            reason,
        };
        let (namespace, rest) = text.split_once('#').ok_or_else(|| invalid("missing `#`"))?;
        let (name, member) = match rest.split_once('$') {
            Some((name, member)) => (name, Some(member)),
            None => (rest, None),
        };
        if namespace.is_empty() || !namespace.split('.').all(is_identifier) {
            return Err(invalid("the namespace must be dot-separated identifiers"));
        }
        if !is_identifier(name) {
            return Err(invalid("the shape name must be an identifier"));
        }
        if let Some(member) = member {
            if !is_identifier(member) {
                return Err(invalid("the member name must be an identifier"));
            }
        }
        Ok(ShapeId {
            namespace: namespace.to_owned(),
            name: name.to_owned(),
            member: member.map(str::to_owned),
        })
    }

    /// Builds an id from parts already known to be valid (used for the prelude).
    pub fn new(namespace: &str, name: &str) -> ShapeId {
        ShapeId {
            namespace: namespace.to_owned(),
            name: name.to_owned(),
            member: None,
        }
    }

    /// The namespace, e.g. `com.amazonaws.cognitoidentityprovider`.
    pub fn namespace(&self) -> &str {
        &self.namespace
    }

    /// The shape name, e.g. `UpdateUserAttributesRequest`.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The member name when this id points at a member.
    pub fn member(&self) -> Option<&str> {
        self.member.as_deref()
    }

    /// The id of a member of this shape.
    pub fn with_member(&self, member: &str) -> ShapeId {
        ShapeId {
            member: Some(member.to_owned()),
            ..self.without_member()
        }
    }

    /// The id of the enclosing shape (itself when it is not a member id).
    pub fn without_member(&self) -> ShapeId {
        ShapeId {
            namespace: self.namespace.clone(),
            name: self.name.clone(),
            member: None,
        }
    }
}

fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    let mut first = chars.next();
    // Smithy identifiers may start with underscores, but need a letter before any digit.
    while first == Some('_') {
        first = chars.next();
    }
    matches!(first, Some(c) if c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

impl fmt::Display for ShapeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}#{}", self.namespace, self.name)?;
        if let Some(member) = &self.member {
            write!(f, "${member}")?;
        }
        Ok(())
    }
}

impl fmt::Debug for ShapeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}
