//! The registry: blocks from any linked crate, explicit registration, and
//! one identifier claimed twice.

use block_core::registry::RegistryError;
use block_core::{Block, BlockType, Context, Inputs, Outputs, Registry, Run, RunError};
use blocks::secrets_providers::environment_secrets_store::v1::EnvironmentSecretsStore;

/// Claims the env-secrets identifier a second time.
#[derive(Debug, Block)]
#[block(
    id = "roboflow_core/environment_secrets_store@v1",
    name = "Impostor",
    block_type = "formatter"
)]
pub struct Impostor {
    /// Anything.
    pub anything: Option<String>,
}

/// Claims an alias that another block uses as its identifier.
#[derive(Debug, Block)]
#[block(id = "tests/alias_thief@v1", name = "Alias Thief", block_type = "formatter", aliases = ["tests/impostor@v1"])]
pub struct AliasThief {
    /// Anything.
    pub anything: Option<String>,
}

/// Owns `tests/impostor@v1`.
#[derive(Debug, Block)]
#[block(id = "tests/impostor@v1", name = "Owner", block_type = "formatter")]
pub struct Owner {
    /// Anything.
    pub anything: Option<String>,
}

macro_rules! runs_nothing {
    ($($block:ty),*) => {$(
        impl Run for $block {
            fn run(&self, _: &Inputs<'_>, _: &Context) -> Result<Outputs, RunError> {
                Ok(Outputs::new())
            }
        }
    )*};
}

runs_nothing!(Impostor, AliasThief, Owner);

#[test]
fn explicit_registration_holds_exactly_the_given_blocks() {
    let registry = Registry::from_types([BlockType::of::<EnvironmentSecretsStore>()]).unwrap();
    let ids: Vec<&str> = registry.entries().map(|e| e.metadata().type_id).collect();
    assert_eq!(ids, ["roboflow_core/environment_secrets_store@v1"]);
    assert_eq!(
        registry
            .get(EnvironmentSecretsStore::METADATA.type_id)
            .unwrap()
            .metadata()
            .name,
        "Environment Secrets Store"
    );
}

#[test]
fn one_identifier_claimed_twice_names_both_blocks() {
    let error = Registry::from_types([
        BlockType::of::<EnvironmentSecretsStore>(),
        BlockType::of::<Impostor>(),
    ])
    .unwrap_err();
    let RegistryError::Duplicate { id, first, second } = &error else {
        panic!("{error}");
    };
    assert_eq!(id, "roboflow_core/environment_secrets_store@v1");
    assert!(
        first.ends_with("environment_secrets_store::v1::EnvironmentSecretsStore"),
        "{first}"
    );
    assert!(second.ends_with("registry::Impostor"), "{second}");
    assert!(error.to_string().contains(first) && error.to_string().contains(second));
}

#[test]
fn an_alias_may_not_take_another_blocks_identifier() {
    let error = Registry::from_types([BlockType::of::<Owner>(), BlockType::of::<AliasThief>()])
        .unwrap_err();
    assert!(error.to_string().contains("`tests/impostor@v1`"), "{error}");
}

#[test]
fn the_inventory_sees_every_linked_block_and_refuses_the_impostor() {
    // This test binary links two clashing pairs and a bad default, so the
    // global registry refuses one of them (inventory's order decides which).
    let error = Registry::from_inventory().unwrap_err().to_string();
    let names_a_pair = (error.contains("EnvironmentSecretsStore") && error.contains("Impostor"))
        || (error.contains("Owner") && error.contains("AliasThief"))
        || error.contains("BadDefault");
    assert!(names_a_pair, "{error}");
}

/// Declares a default its field cannot hold.
#[derive(Debug, Block)]
#[block(
    id = "tests/bad_default@v1",
    name = "Bad Default",
    block_type = "formatter"
)]
pub struct BadDefault {
    /// How many.
    #[block(default = "many")]
    pub count: u32,
}

runs_nothing!(BadDefault);

#[test]
fn a_default_that_does_not_fit_its_type_is_refused_at_registration() {
    let error = Registry::from_types([BlockType::of::<BadDefault>()])
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("BadDefault")
            && error.contains("the declared default of `count` does not fit its type"),
        "{error}"
    );
}
