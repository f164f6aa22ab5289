//! `docs --out DIR` and `docs --check DIR`.

use std::io::Write;
use std::path::Path;

use block_core::export::docs::Site;
use block_core::registry::Registry;

use super::Failure;

pub(super) fn write(
    registry: &Registry,
    folder: &Path,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let site = Site::generate(registry);
    site.write(folder).map_err(|error| {
        Failure::internal(format!(
            "{}: cannot write the docs: {error}",
            folder.display()
        ))
    })?;
    writeln!(
        out,
        "wrote {} pages under {}",
        site.pages().len(),
        folder.display()
    )
    .map_err(Failure::internal)
}

pub(super) fn check(
    registry: &Registry,
    folder: Option<&Path>,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let Some(folder) = folder else {
        return Err(Failure::invalid(
            "give `--out DIR` to write the docs or `--check DIR` to check them",
        ));
    };
    let stale = Site::generate(registry).check(folder).map_err(|error| {
        Failure::internal(format!(
            "{}: cannot read the docs: {error}",
            folder.display()
        ))
    })?;
    if stale.is_empty() {
        return writeln!(out, "{} is up to date", folder.display()).map_err(Failure::internal);
    }
    let lines: Vec<String> = stale
        .iter()
        .map(|item| format!("{}/{item}", folder.display()))
        .collect();
    Err(Failure::stale(format!(
        "{}\nthe docs are stale: run `blocks docs --out {}` and commit the result",
        lines.join("\n"),
        folder.display()
    )))
}
