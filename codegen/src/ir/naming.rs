//! Every Rust identifier the generator emits is chosen here: case conversion, keyword
//! escaping, and collision avoidance. Emitters never build identifiers themselves.

use heck::{ToSnakeCase, ToUpperCamelCase};
use std::collections::BTreeSet;

/// Keywords that can be written as raw identifiers (`r#type`).
const RAW_KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "dyn", "else", "enum", "extern", "false",
    "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub",
    "ref", "return", "static", "struct", "trait", "true", "type", "unsafe", "use", "where",
    "while", "abstract", "become", "box", "do", "final", "macro", "override", "priv", "try",
    "typeof", "unsized", "virtual", "yield",
];

/// Keywords that cannot be raw identifiers at all.
const NON_RAW_KEYWORDS: &[&str] = &["self", "Self", "super", "crate", "_"];

/// A snake_case identifier for a field, method or module, as it must be written in code
/// (`r#type` for keywords, `self_` where raw identifiers are not allowed).
pub fn snake_ident(name: &str) -> String {
    escape_keyword(&to_snake(name))
}

/// The plain snake_case form, without keyword escaping (for composing names like `set_type`).
pub fn to_snake(name: &str) -> String {
    let snake = name.to_snake_case();
    if snake.is_empty() {
        "value".to_owned()
    } else if snake.starts_with(|c: char| c.is_ascii_digit()) {
        format!("n{snake}")
    } else {
        snake
    }
}

/// An UpperCamelCase identifier for a type or variant (`MFAOptionType` → `MfaOptionType`).
pub fn camel_ident(name: &str) -> String {
    let camel = name.to_upper_camel_case();
    let camel = if camel.is_empty() {
        "Value".to_owned()
    } else if camel.starts_with(|c: char| c.is_ascii_digit()) {
        format!("N{camel}")
    } else {
        camel
    };
    if camel == "Self" {
        "SelfValue".to_owned()
    } else {
        camel
    }
}

/// Escapes a snake_case word that is a keyword.
pub fn escape_keyword(word: &str) -> String {
    if NON_RAW_KEYWORDS.contains(&word) {
        format!("{word}_")
    } else if RAW_KEYWORDS.contains(&word) {
        format!("r#{word}")
    } else {
        word.to_owned()
    }
}

/// The identifier without a raw prefix (`r#type` → `type`), for composing longer names.
pub fn unraw(ident: &str) -> &str {
    ident.strip_prefix("r#").unwrap_or(ident)
}

/// Hands out unique identifiers within one scope (a module, a struct's fields, an enum's
/// variants). A name already taken gets the first free numeric suffix, in allocation order,
/// so results are deterministic.
#[derive(Debug, Default, Clone)]
pub struct Scope {
    taken: BTreeSet<String>,
}

impl Scope {
    /// A scope whose `reserved` names can never be handed out.
    pub fn with_reserved(reserved: &[&str]) -> Scope {
        Scope {
            taken: reserved.iter().map(|name| (*name).to_owned()).collect(),
        }
    }

    /// Claims `wanted`, or `wanted` + `suffix` + a number when it is taken.
    pub fn claim(&mut self, wanted: &str, suffix: &str) -> String {
        self.claim_with(wanted, suffix, |_| Vec::new())
    }

    /// Like [`Scope::claim`], but a name is only handed out when the names derived from it
    /// by `companions` are free as well; all of them are then taken together. This is how a
    /// field claims its `set_x`/`get_x` methods, or a type its `XBuilder`.
    ///
    /// When `wanted` is taken, the suffix goes onto the name without any trailing `_` left
    /// by keyword escaping (`self_` becomes `self_value`, never `self__value`, which would
    /// trip the `non_snake_case` lint).
    pub fn claim_with(
        &mut self,
        wanted: &str,
        suffix: &str,
        companions: impl Fn(&str) -> Vec<String>,
    ) -> String {
        if self.try_take(unraw(wanted), &companions) {
            return wanted.to_owned();
        }
        let base = format!("{}{}", unraw(wanted).trim_end_matches('_'), suffix);
        let mut candidate = base.clone();
        let mut n = 2;
        while !self.try_take(&candidate, &companions) {
            candidate = format!("{base}{n}");
            n += 1;
        }
        candidate
    }

    /// Takes `name` and its companions if none of them is taken yet.
    fn try_take(&mut self, name: &str, companions: &impl Fn(&str) -> Vec<String>) -> bool {
        let mut all = companions(name);
        all.push(name.to_owned());
        let distinct: BTreeSet<&String> = all.iter().collect();
        if distinct.len() != all.len() || all.iter().any(|n| self.taken.contains(n)) {
            return false;
        }
        self.taken.extend(all);
        true
    }
}

/// The builder method setting a field (to an `Option`): `set_<base>`.
pub fn setter_name(ident: &str) -> String {
    format!("set_{}", method_base(ident))
}

/// The builder method reading a field: `get_<base>`.
pub fn getter_name(ident: &str) -> String {
    format!("get_{}", method_base(ident))
}

/// The base used to compose a field's method names (`set_<base>`, `get_<base>`): its ident
/// without the raw prefix or the `_` that escapes `self`, `crate` and `super`.
pub fn method_base(ident: &str) -> &str {
    unraw(ident).trim_end_matches('_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_acronyms_and_keywords() {
        assert_eq!(camel_ident("MFAOptionType"), "MfaOptionType");
        assert_eq!(camel_ident("SMSMfaSettingsType"), "SmsMfaSettingsType");
        assert_eq!(camel_ident("ADMIN_NO_SRP_AUTH"), "AdminNoSrpAuth");
        assert_eq!(snake_ident("type"), "r#type");
        assert_eq!(snake_ident("self"), "self_");
        assert_eq!(snake_ident("MFAOptions"), "mfa_options");
        assert_eq!(snake_ident("SMSMfaSettings"), "sms_mfa_settings");
        assert_eq!(camel_ident("Self"), "SelfValue");
    }

    #[test]
    fn scope_suffixes_collisions() {
        let mut scope = Scope::with_reserved(&["builder"]);
        assert_eq!(scope.claim("foo_bar", "_"), "foo_bar");
        assert_eq!(scope.claim("foo_bar", "_"), "foo_bar_");
        assert_eq!(scope.claim("foo_bar", "_"), "foo_bar_2");
        assert_eq!(scope.claim("builder", "_value"), "builder_value");
        assert_eq!(scope.claim("r#type", "_value"), "r#type");
        assert_eq!(scope.claim("r#type", "_value"), "type_value");
    }

    #[test]
    fn suffix_never_doubles_an_underscore() {
        let mut scope = Scope::default();
        assert_eq!(scope.claim("self_", "_value"), "self_");
        assert_eq!(scope.claim("self_", "_value"), "self_value");
        assert_eq!(scope.claim("self_", "_value"), "self_value2");
    }

    #[test]
    fn companions_are_claimed_together() {
        let accessors = |name: &str| {
            let base = method_base(name);
            vec![format!("set_{base}"), format!("get_{base}")]
        };
        let mut scope = Scope::with_reserved(&["build"]);
        assert_eq!(scope.claim_with("set_foo", "_value", accessors), "set_foo");
        // `foo` would need `set_foo`, which is already a field's name.
        assert_eq!(scope.claim_with("foo", "_value", accessors), "foo_value");

        let mut scope = Scope::default();
        assert_eq!(scope.claim_with("self_", "_value", accessors), "self_");
        assert_eq!(scope.claim_with("self_", "_value", accessors), "self_value");

        let mut scope = Scope::default();
        assert_eq!(scope.claim_with("self_", "_value", accessors), "self_");
        // A field named `get_self` would clash with the getter of `self`.
        assert_eq!(
            scope.claim_with("get_self", "_value", accessors),
            "get_self_value"
        );

        let builders = |name: &str| vec![format!("{name}Builder")];
        let mut types = Scope::default();
        assert_eq!(types.claim_with("Thing", "Shape", builders), "Thing");
        assert_eq!(
            types.claim_with("ThingBuilder", "Shape", builders),
            "ThingBuilderShape"
        );
    }
}
