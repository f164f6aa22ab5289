//! JSON Parser, by version.

pub mod v1;
