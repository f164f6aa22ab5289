//! `blocks`: list, inspect and export the blocks of this library.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = blocks::cli::Cli::parse();
    match cli.run(&mut std::io::stdout().lock()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("{failure}");
            failure.exit_code()
        }
    }
}
