//! Blocks that send a workflow's data out of it: to files, to servers.

pub mod local_file_sink;
pub mod webhook_sink;
