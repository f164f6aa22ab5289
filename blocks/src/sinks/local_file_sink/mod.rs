//! The Local File Sink, by version.

pub mod v1;
