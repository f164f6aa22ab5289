//! What the registry exports for UI builders and documentation.

pub mod connections;
pub mod describe;
pub mod docs;
