//! Current Time, by version.

pub mod v1;
