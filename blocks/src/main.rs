//! `blocks`: run and check workflows, and inspect and export the blocks of
//! this library.

use std::process::ExitCode;

fn main() -> ExitCode {
    blocks::cli::run_process()
}
