//! `Validate` impls: the model's `@length`, `@pattern` and `@range` checked before a
//! request is sent, recursing into nested structures, unions, lists and maps.

use super::runtime::{VALIDATION_PATTERN, VALIDATION_VALIDATE, VALIDATION_VALIDATOR};
use super::tokens::ident;
use crate::ir::{Constraints, FieldIr, PatternIr, RustType, StructIr, UnionIr};
use proc_macro2::TokenStream;
use quote::quote;

/// `Validate` for a structure.
pub fn struct_validate(s: &StructIr) -> TokenStream {
    let name = ident(&s.name);
    let checks: Vec<TokenStream> = s.fields.iter().filter_map(field_check).collect();
    if s.sensitive && !checks.is_empty() {
        return validate_impl(
            &name,
            vec![in_sensitive_scope(true, quote! { #(#checks)* })],
        );
    }
    validate_impl(&name, checks)
}

/// `Validate` for a union.
pub fn union_validate(u: &UnionIr) -> TokenStream {
    let name = ident(&u.name);
    let arms: Vec<(proc_macro2::Ident, TokenStream)> = u
        .variants
        .iter()
        .filter_map(|v| {
            let ty = v.ty.as_ref()?;
            let check = value_check(ty, &v.constraints, v.sensitive, quote! { value })?;
            let check = in_sensitive_scope((v.sensitive || u.sensitive) && has_paths(ty), check);
            let variant = ident(&v.ident);
            let member = &v.member;
            Some((
                variant,
                quote! { validator.member(#member, |validator| { #check }) },
            ))
        })
        .collect();
    if arms.is_empty() {
        return validate_impl(&name, Vec::new());
    }
    if let [(variant, check)] = arms.as_slice() {
        // One checked member: `if let` (a one-arm `match` is a clippy warning).
        return validate_impl(
            &name,
            vec![quote! { if let #name::#variant(value) = self { #check } }],
        );
    }
    let arms = arms
        .iter()
        .map(|(variant, check)| quote! { #name::#variant(value) => #check, });
    validate_impl(
        &name,
        vec![quote! {
            #[allow(unreachable_patterns)]
            match self {
                #(#arms)*
                _ => {}
            }
        }],
    )
}

fn validate_impl(name: &proc_macro2::Ident, checks: Vec<TokenStream>) -> TokenStream {
    let param = if checks.is_empty() {
        quote! { _validator }
    } else {
        quote! { validator }
    };
    quote! {
        impl #VALIDATION_VALIDATE for #name {
            fn validate_into(&self, #param: &mut #VALIDATION_VALIDATOR) {
                #(#checks)*
            }
        }
    }
}

fn field_check(f: &FieldIr) -> Option<TokenStream> {
    let field = ident(&f.ident);
    let member = &f.member;
    let check = value_check(&f.ty, &f.constraints, f.sensitive, quote! { value })
        .map(|check| in_sensitive_scope(f.sensitive && has_paths(&f.ty), check));
    match (f.optional, check) {
        (true, Some(check)) => Some(quote! {
            if let ::std::option::Option::Some(value) = &self.#field {
                validator.member(#member, |validator| { #check });
            }
        }),
        (false, Some(check)) => Some(quote! {
            {
                let value = &self.#field;
                validator.member(#member, |validator| { #check });
            }
        }),
        (_, None) => None,
    }
}

/// Wraps `check` so that, when `sensitive`, nothing it finds echoes a value or a map key
/// (nested structures included, whose own members may not be marked sensitive).
fn in_sensitive_scope(sensitive: bool, check: TokenStream) -> TokenStream {
    if sensitive {
        quote! { validator.sensitive(|validator| { #check }); }
    } else {
        check
    }
}

/// Whether checks of a value of type `ty` can reach nested members or map keys (scalars get
/// their sensitivity through the `sensitive` argument of each check instead).
fn has_paths(ty: &RustType) -> bool {
    matches!(
        ty,
        RustType::List { .. }
            | RustType::Map { .. }
            | RustType::Named {
                kind: crate::ir::NamedKind::Struct | crate::ir::NamedKind::Union,
                ..
            }
    )
}

/// Checks for one value (`value` is an expression of type `&T`), or `None` when nothing
/// can be wrong with it.
fn value_check(
    ty: &RustType,
    constraints: &Constraints,
    sensitive: bool,
    value: TokenStream,
) -> Option<TokenStream> {
    let mut checks = Vec::new();
    if let Some((min, max)) = constraints.length {
        let (min, max) = (option_u64(min), option_u64(max));
        let measured = match ty {
            RustType::String | RustType::BigNumber => {
                Some(quote! { validator.str_length(#value, #min, #max); })
            }
            RustType::Blob => {
                Some(quote! { validator.length(#value.as_bytes().len(), #min, #max); })
            }
            RustType::List { .. } | RustType::Map { .. } => {
                Some(quote! { validator.length(#value.len(), #min, #max); })
            }
            _ => None,
        };
        checks.extend(measured);
    }
    if let Some(pattern) = &constraints.pattern {
        if matches!(ty, RustType::String) {
            let compiled = pattern_value(pattern);
            checks.push(quote! {
                {
                    static PATTERN: #VALIDATION_PATTERN = #compiled;
                    validator.pattern(#value, &PATTERN, #sensitive);
                }
            });
        }
    }
    if let Some((min, max)) = constraints.range {
        let (min, max) = (option_f64(min), option_f64(max));
        let as_f64 = match ty {
            RustType::I8 | RustType::I16 | RustType::I32 | RustType::F32 => {
                Some(quote! { f64::from(*#value) })
            }
            RustType::I64 => Some(quote! { *#value as f64 }),
            RustType::F64 => Some(quote! { *#value }),
            _ => None,
        };
        if let Some(as_f64) = as_f64 {
            checks.push(quote! { validator.range(#as_f64, #min, #max, #sensitive); });
        }
    }
    match ty {
        RustType::Named {
            kind: crate::ir::NamedKind::Struct | crate::ir::NamedKind::Union,
            ..
        } => {
            checks.push(quote! { #VALIDATION_VALIDATE::validate_into(#value, validator); });
        }
        RustType::List {
            item,
            sparse,
            item_constraints,
            item_sensitive,
        } => {
            if let Some(inner) =
                value_check(item, item_constraints, *item_sensitive, quote! { item })
                    .map(|inner| in_sensitive_scope(*item_sensitive && has_paths(item), inner))
            {
                if *sparse {
                    checks.push(quote! {
                        validator.items(#value, |validator, item| {
                            if let ::std::option::Option::Some(item) = item { #inner }
                        });
                    });
                } else {
                    checks.push(quote! { validator.items(#value, |validator, item| { #inner }); });
                }
            }
        }
        RustType::Map {
            value: value_ty,
            sparse,
            key_constraints,
            value_constraints,
            value_sensitive,
            key_sensitive,
        } => {
            let key_check = value_check(
                &RustType::String,
                key_constraints,
                *key_sensitive,
                quote! { key },
            );
            let value_check = value_check(
                value_ty,
                value_constraints,
                *value_sensitive,
                quote! { item },
            )
            .map(|check| in_sensitive_scope(*value_sensitive && has_paths(value_ty), check));
            if key_check.is_some() || value_check.is_some() {
                let key_check = key_check.unwrap_or_default();
                let value_check = match (value_check, sparse) {
                    (Some(check), true) => {
                        quote! { if let ::std::option::Option::Some(item) = item { #check } }
                    }
                    (Some(check), false) => check,
                    (None, _) => quote! {},
                };
                let entries = quote! {
                    validator.entries(#value.iter(), |validator, key, item| {
                        let _ = (&key, &item);
                        #key_check
                        #value_check
                    });
                };
                // Sensitive keys must not show up in the path of any violation inside.
                checks.push(in_sensitive_scope(*key_sensitive, entries));
            }
        }
        _ => {}
    }
    if checks.is_empty() {
        None
    } else {
        Some(quote! { #(#checks)* })
    }
}

/// The runtime `Pattern`: as written when the model's text is already ECMAScript, else with
/// its translation (see `ir::pattern`).
fn pattern_value(pattern: &PatternIr) -> TokenStream {
    let model = &pattern.model;
    let ecma = &pattern.ecma.source;
    let flags = &pattern.ecma.flags;
    if *ecma == *model && flags == "uv" {
        quote! { #VALIDATION_PATTERN::new(#model) }
    } else {
        quote! { #VALIDATION_PATTERN::translated(#model, #ecma, #flags) }
    }
}

fn option_u64(value: Option<u64>) -> TokenStream {
    match value {
        Some(v) => quote! { ::std::option::Option::Some(#v) },
        None => quote! { ::std::option::Option::None },
    }
}

fn option_f64(value: Option<f64>) -> TokenStream {
    match value {
        Some(v) => quote! { ::std::option::Option::Some(#v) },
        None => quote! { ::std::option::Option::None },
    }
}
