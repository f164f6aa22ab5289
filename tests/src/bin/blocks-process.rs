//! The `blocks` command line as its binary runs it (the same single call),
//! built with the tests, for those that must run it as a child process to
//! give it an environment of its own.

use std::process::ExitCode;

fn main() -> ExitCode {
    blocks::cli::run_process()
}
