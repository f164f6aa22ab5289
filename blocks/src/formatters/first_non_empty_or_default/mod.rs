//! First Non Empty Or Default, by version.

pub mod v1;
