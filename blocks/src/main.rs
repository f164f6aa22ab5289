//! `blocks`: list, inspect and export the blocks of this library.

use std::process::ExitCode;

fn main() -> ExitCode {
    let stdout = &mut std::io::stdout().lock();
    let stderr = &mut std::io::stderr().lock();
    ExitCode::from(blocks::cli::main(std::env::args_os(), stdout, stderr))
}
