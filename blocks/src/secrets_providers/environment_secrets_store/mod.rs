//! The Environment Secrets Store, by version.

pub mod v1;
