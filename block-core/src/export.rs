//! What the registry exports for UI builders and documentation.

pub mod connections;
pub mod definition_schema;
pub mod describe;
pub mod dialect;
pub mod docs;
