//! The block library.
