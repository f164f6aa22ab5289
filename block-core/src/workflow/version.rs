//! Which workflow versions this engine runs, and which blocks run on it.

use std::collections::HashMap;

use semver::{Version, VersionReq};

use crate::registry::{Entry, Registry};

use super::definition::shorten;

/// This engine's version: the version of the reference's Execution Engine
/// whose behaviour it follows. Each block's `engine` range must include it.
pub const ENGINE_VERSION: Version = Version::new(1, 6, 0);

/// The workflow `version`s this engine runs.
pub const SUPPORTED_VERSIONS: &str = ">=1.0.0, <2.0.0";

/// Checks a workflow's `version`; the error says what would be valid.
pub(crate) fn check_workflow(version: &str) -> Result<(), String> {
    let Some(parsed) = lenient(version) else {
        return Err(format!(
            "`{}` is not a version: write one such as \"1.0.0\"",
            shorten(version)
        ));
    };
    if supported().matches(&parsed) {
        return Ok(());
    }
    Err(format!(
        "this engine ({ENGINE_VERSION}) runs workflows of versions {SUPPORTED_VERSIONS}, and `{}` is outside them: write a 1.x version such as \"1.0.0\"",
        shorten(version)
    ))
}

/// The supported range, parsed from the constant that documents it.
fn supported() -> VersionReq {
    VersionReq::parse(SUPPORTED_VERSIONS).unwrap_or(VersionReq::STAR)
}

/// A version as the reference accepts it: `1`, `1.0` and `1.0.0` alike.
fn lenient(text: &str) -> Option<Version> {
    let text = text.trim();
    if let Ok(version) = Version::parse(text) {
        return Some(version);
    }
    let parts: Vec<u64> = text
        .split('.')
        .map(|part| part.parse().ok())
        .collect::<Option<_>>()?;
    match parts.as_slice() {
        [major] => Some(Version::new(*major, 0, 0)),
        [major, minor] => Some(Version::new(*major, *minor, 0)),
        _ => None,
    }
}

/// Whether each block type runs on this engine, decided once per type.
#[derive(Debug, Default)]
pub(crate) struct BlockVersions {
    verdicts: HashMap<&'static str, Result<(), String>>,
}

impl BlockVersions {
    /// `Ok` when the block with identifier `type_id` and engine range `range`
    /// runs on this engine; else why not, naming a compatible version of the
    /// same block when the registry has one.
    pub(crate) fn check(
        &mut self,
        type_id: &'static str,
        range: &'static str,
        registry: &Registry,
    ) -> Result<(), &str> {
        let verdict = self
            .verdicts
            .entry(type_id)
            .or_insert_with(|| verdict(type_id, range, registry));
        verdict.as_ref().copied().map_err(String::as_str)
    }
}

fn verdict(type_id: &str, range: &str, registry: &Registry) -> Result<(), String> {
    let Ok(requirement) = VersionReq::parse(range) else {
        return Err(format!(
            "`{type_id}` declares the engine range `{range}`, which is not a semver range; the block must be fixed to declare one such as \">=1.0.0, <2.0.0\""
        ));
    };
    if requirement.matches(&ENGINE_VERSION) {
        return Ok(());
    }
    let family = type_id
        .rsplit_once('@')
        .map_or(type_id, |(family, _)| family);
    let alternative = registry.entries().map(Entry::metadata).find(|other| {
        other.family() == family
            && other.type_id != type_id
            && VersionReq::parse(other.engine).is_ok_and(|req| req.matches(&ENGINE_VERSION))
    });
    let hint = alternative.map_or_else(
        || "; no version of this block in the registry runs on it".to_owned(),
        |other| format!("; use `{}`, which does", other.type_id),
    );
    Err(format!(
        "`{type_id}` runs on engine versions `{range}`, and this engine is {ENGINE_VERSION}{hint}"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_of_the_reference_are_accepted() {
        for version in ["1", "1.0", "1.0.0", "1.5.2", "1.9.0"] {
            assert_eq!(check_workflow(version), Ok(()), "{version}");
        }
    }

    #[test]
    fn other_versions_say_what_would_be_valid() {
        let error = check_workflow("2.0.0").unwrap_err();
        assert!(
            error.contains(">=1.0.0, <2.0.0") && error.contains("\"1.0.0\""),
            "{error}"
        );
        let error = check_workflow("one").unwrap_err();
        assert!(error.contains("not a version"), "{error}");
        assert!(check_workflow("0.9").is_err());
    }
}
