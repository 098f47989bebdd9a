//! Generates the client for two Cognito operations into `$OUT_DIR/cognito.rs`; `src/lib.rs`
//! includes it. Cargo reruns this when the model changes.

fn main() -> Result<(), Box<dyn std::error::Error>> {
    smithy_codegen::BuildScript::new("../../models/cognito-identity-provider.json")
        .operations(["GetUser", "UpdateUserAttributes"])
        .generate("cognito.rs")?;
    Ok(())
}
