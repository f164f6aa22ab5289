//! Blocks that fetch secrets for other steps.

pub mod environment_secrets_store;
