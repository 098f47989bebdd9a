//! Token streams to source text with prettyplease, behind a header naming the generator.

use proc_macro2::TokenStream;

/// Formats a whole file. Fails (instead of writing broken code) if the emitter produced
/// tokens that do not parse as a Rust file.
pub fn format_file(tokens: TokenStream, header: &str) -> Result<String, String> {
    let file: syn::File =
        syn::parse2(tokens).map_err(|e| format!("generated code does not parse: {e}"))?;
    Ok(format!("{header}{}", prettyplease::unparse(&file)))
}
