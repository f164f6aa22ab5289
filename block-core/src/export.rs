//! What the registry exports for UI builders and documentation.

pub mod describe;
