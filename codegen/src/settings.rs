//! What the generated crate looks like from the outside: its package name, how it depends on
//! the runtime, whether it is a workspace of its own, and its file layout. Kept apart from
//! [`Generator`](crate::Generator), which only says what to generate (service, operations).

/// How the generated crate depends on the `smithy-runtime` crate.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum RuntimeDependency {
    /// A path from the generated crate's directory (relative or absolute), e.g. `../../runtime`
    /// inside this repository.
    Path(String),
    /// A published version requirement, e.g. `0.1`: the crate can live in any repository.
    Version(String),
}

impl RuntimeDependency {
    /// The `smithy-runtime = { … }` table contents (without the features).
    pub(crate) fn cargo_source(&self) -> String {
        match self {
            RuntimeDependency::Path(path) => {
                format!("path = {}", toml_string(&path.replace('\\', "/")))
            }
            RuntimeDependency::Version(version) => format!("version = {}", toml_string(version)),
        }
    }
}

/// How the generated files are laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Layout {
    /// A whole crate: `Cargo.toml`, `src/lib.rs` and one file per module.
    #[default]
    Crate,
    /// A single Rust file meant to be `include!`d at the root of a library crate (what a
    /// `build.rs` writes into `OUT_DIR`): every module inline, no crate attributes, the endpoint
    /// rules embedded. The including crate depends on `smithy-runtime` itself.
    IncludeFile,
}

/// Packaging settings of a generated crate.
///
/// ```
/// use smithy_codegen::{RuntimeDependency, Settings};
/// let settings = Settings::default()
///     .package_name("my-cognito")
///     .runtime(RuntimeDependency::Version("0.1".to_owned()))
///     .standalone_workspace(true);
/// assert_eq!(settings.get_package_name(), Some("my-cognito"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    package_name: Option<String>,
    runtime: RuntimeDependency,
    runtime_package: Option<String>,
    standalone_workspace: bool,
    model_source: String,
    layout: Layout,
}

impl Default for Settings {
    /// The package named after the service's SDK id, the runtime at `../../runtime` (a crate
    /// under `generated/` of this repository), part of the surrounding workspace, a whole crate.
    fn default() -> Settings {
        Settings {
            package_name: None,
            runtime: RuntimeDependency::Path("../../runtime".to_owned()),
            runtime_package: None,
            standalone_workspace: false,
            model_source: "a Smithy model".to_owned(),
            layout: Layout::Crate,
        }
    }
}

impl Settings {
    /// The Cargo package name (default: the service's SDK id in kebab case).
    pub fn package_name(mut self, name: impl Into<String>) -> Settings {
        self.package_name = Some(name.into());
        self
    }

    /// How the crate depends on `smithy-runtime`.
    pub fn runtime(mut self, runtime: RuntimeDependency) -> Settings {
        self.runtime = runtime;
        self
    }

    /// The runtime's Cargo package name when it is not `smithy-runtime` (a fork, or a copy
    /// published under another name). The dependency keeps the key `smithy-runtime`
    /// (`package = "<name>"`), so the generated code's `::smithy_runtime` paths still resolve.
    pub fn runtime_package(mut self, name: impl Into<String>) -> Settings {
        self.runtime_package = Some(name.into());
        self
    }

    /// Give the crate its own `[workspace]` table so it builds outside any workspace.
    pub fn standalone_workspace(mut self, standalone: bool) -> Settings {
        self.standalone_workspace = standalone;
        self
    }

    /// Where the model came from (shown in the generated header comment).
    pub fn model_source(mut self, source: impl Into<String>) -> Settings {
        self.model_source = source.into();
        self
    }

    /// The file layout.
    pub fn layout(mut self, layout: Layout) -> Settings {
        self.layout = layout;
        self
    }

    /// The package name, when set.
    pub fn get_package_name(&self) -> Option<&str> {
        self.package_name.as_deref()
    }

    /// The runtime dependency.
    pub fn get_runtime(&self) -> &RuntimeDependency {
        &self.runtime
    }

    /// The runtime's package name, when renamed.
    pub fn get_runtime_package(&self) -> Option<&str> {
        self.runtime_package.as_deref()
    }

    /// Whether the crate gets its own `[workspace]`.
    pub fn get_standalone_workspace(&self) -> bool {
        self.standalone_workspace
    }

    /// Where the model came from.
    pub fn get_model_source(&self) -> &str {
        &self.model_source
    }

    /// The file layout.
    pub fn get_layout(&self) -> Layout {
        self.layout
    }
}

/// A TOML basic string: quotes, backslashes and control characters escaped.
pub(crate) fn toml_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runtime_dependency_is_valid_toml() {
        assert_eq!(
            RuntimeDependency::Path("..\\runtime".to_owned()).cargo_source(),
            "path = \"../runtime\""
        );
        assert_eq!(
            RuntimeDependency::Version("0.1".to_owned()).cargo_source(),
            "version = \"0.1\""
        );
        assert_eq!(toml_string("a\"b\\c\n"), "\"a\\\"b\\\\c\\u000A\"");
    }
}
