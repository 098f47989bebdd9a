//! Macros generated crates call instead of spelling out the same impls for every operation.

/// Implements `Display`, `std::error::Error`, [`ProvideErrorMetadata`] and the conversion into
/// the service-wide error for an operation's error enum.
///
/// The enum must have one tuple variant per listed error, holding that error structure, plus
/// `Unhandled(UnhandledError)`. Each entry maps the enum's variant to the variant of the
/// service-wide error that holds the same structure. Generated code calls this; it is not
/// meant to be called by hand.
///
/// [`ProvideErrorMetadata`]: crate::error::ProvideErrorMetadata
#[doc(hidden)]
#[macro_export]
macro_rules! operation_error_impls {
    ($name:ident => $service:ty { $($variant:ident => $service_variant:ident),* $(,)? }) => {
        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                match self {
                    $($name::$variant(e) => ::std::fmt::Display::fmt(e, f),)*
                    $name::Unhandled(e) => ::std::fmt::Display::fmt(e, f),
                }
            }
        }

        impl ::std::error::Error for $name {
            fn source(&self) -> ::std::option::Option<&(dyn ::std::error::Error + 'static)> {
                match self {
                    $($name::$variant(e) => ::std::option::Option::Some(e),)*
                    $name::Unhandled(e) => ::std::option::Option::Some(e),
                }
            }
        }

        impl $crate::error::ProvideErrorMetadata for $name {
            fn meta(&self) -> &$crate::error::ErrorMetadata {
                match self {
                    $($name::$variant(e) => $crate::error::ProvideErrorMetadata::meta(e),)*
                    $name::Unhandled(e) => $crate::error::ProvideErrorMetadata::meta(e),
                }
            }

            fn meta_mut(&mut self) -> &mut $crate::error::ErrorMetadata {
                match self {
                    $($name::$variant(e) => $crate::error::ProvideErrorMetadata::meta_mut(e),)*
                    $name::Unhandled(e) => $crate::error::ProvideErrorMetadata::meta_mut(e),
                }
            }

            fn fault(&self) -> $crate::error::Fault {
                match self {
                    $($name::$variant(e) => $crate::error::ProvideErrorMetadata::fault(e),)*
                    $name::Unhandled(e) => $crate::error::ProvideErrorMetadata::fault(e),
                }
            }
        }

        impl ::std::convert::From<$name> for $service {
            fn from(error: $name) -> Self {
                match error {
                    $($name::$variant(e) => Self::$service_variant(e),)*
                    $name::Unhandled(e) => Self::Unhandled(e),
                }
            }
        }
    };
}

/// Implements `Display`, `std::error::Error` and [`ProvideErrorMetadata`] for a modelled error
/// structure whose metadata lives in a `_meta: ErrorMetadata` field.
///
/// `Display` prints the error code, then the service's message when there is one. Generated
/// code calls this; it is not meant to be called by hand.
///
/// [`ProvideErrorMetadata`]: crate::error::ProvideErrorMetadata
#[doc(hidden)]
#[macro_export]
macro_rules! error_struct_impls {
    ($name:ident, $code:literal, $fault:ident) => {
        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str($code)?;
                if let ::std::option::Option::Some(message) = self._meta.message() {
                    ::std::write!(f, ": {message}")?;
                }
                ::std::result::Result::Ok(())
            }
        }

        impl ::std::error::Error for $name {}

        impl $crate::error::ProvideErrorMetadata for $name {
            fn meta(&self) -> &$crate::error::ErrorMetadata {
                &self._meta
            }

            fn meta_mut(&mut self) -> &mut $crate::error::ErrorMetadata {
                &mut self._meta
            }

            fn fault(&self) -> $crate::error::Fault {
                $crate::error::Fault::$fault
            }
        }
    };
}
