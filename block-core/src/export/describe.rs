//! The describe document UI builders load: every block with its schema and
//! outputs, the kinds, which properties accept each kind, and the literal
//! properties, in the reference engine's shape. Everything is sorted, so
//! two runs print the same bytes.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::Value;

use crate::kind::{self, Kind};
use crate::output::{Output, OutputDecl};
use crate::property::Position;
use crate::registry::{Entry, Registry};

/// One block as the describe document shows it.
#[derive(Debug, Serialize)]
pub struct BlockDescription<'a> {
    /// The block's type identifier.
    pub manifest_type_identifier: &'static str,
    /// Older identifiers that still resolve to it.
    pub manifest_type_identifier_aliases: &'static [&'static str],
    /// The human name.
    pub human_friendly_block_name: &'static str,
    /// The full JSON schema of a step.
    pub block_schema: &'a Value,
    /// The class-level outputs (dynamic ones as `*`).
    pub outputs_manifest: Vec<Output>,
    /// The crate the block comes from.
    pub block_source: &'static str,
    /// The Rust path of the block's struct.
    pub fully_qualified_block_class_name: &'static str,
    /// The execution-engine versions the block works with.
    pub execution_engine_compatibility: &'static str,
    /// This project's addition: the dynamic outputs, declaratively (the
    /// list property they come from, the name rule and their kinds), so a
    /// UI can name a step's outputs without asking the engine.
    pub dynamic_outputs: Vec<DynamicOutputs>,
}

/// Dynamic outputs as the describe document shows them.
#[derive(Debug, Serialize)]
pub struct DynamicOutputs {
    /// The list property whose entries become outputs.
    pub source: &'static str,
    /// How an entry becomes an output name.
    pub name_rule: crate::output::NameRule,
    /// The kinds of the outputs.
    pub kind: &'static [&'static Kind],
}

/// A property that accepts references of one kind.
#[derive(Debug, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct KindConnection {
    /// The block.
    pub manifest_type_identifier: &'static str,
    /// The property.
    pub property_name: String,
    /// The property's description.
    pub property_description: String,
    /// What a reference there may point at (`any_data`, `step_output`, ...).
    pub compatible_element: String,
    /// Whether references stand for elements of a list.
    pub is_list_element: bool,
    /// Whether references stand for values of a map.
    pub is_dict_element: bool,
}

/// A property that takes a literal.
#[derive(Debug, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct PrimitiveConnection {
    /// The block.
    pub manifest_type_identifier: &'static str,
    /// The property.
    pub property_name: String,
    /// The property's description.
    pub property_description: String,
    /// The literal type, in the reference's notation.
    pub type_annotation: String,
}

/// The whole describe document.
#[derive(Debug, Serialize)]
pub struct Describe<'a> {
    /// Every block, sorted by identifier.
    pub blocks: Vec<BlockDescription<'a>>,
    /// Every kind, sorted by name.
    pub declared_kinds: Vec<&'static Kind>,
    /// For each kind name, the properties that accept it.
    pub kinds_connections: BTreeMap<&'static str, Vec<KindConnection>>,
    /// The properties that take literals.
    pub primitives_connections: Vec<PrimitiveConnection>,
}

impl<'a> BlockDescription<'a> {
    /// The description of one registered block.
    #[must_use]
    pub fn of(entry: &'a Entry) -> Self {
        let metadata = entry.metadata();
        Self {
            manifest_type_identifier: metadata.type_id,
            manifest_type_identifier_aliases: metadata.aliases,
            human_friendly_block_name: metadata.name,
            block_schema: entry.schema(),
            outputs_manifest: entry.class_outputs(),
            block_source: metadata.source,
            fully_qualified_block_class_name: metadata.rust_path,
            execution_engine_compatibility: metadata.engine,
            dynamic_outputs: dynamic_outputs(entry.block().outputs),
        }
    }
}

fn dynamic_outputs(decls: &[OutputDecl]) -> Vec<DynamicOutputs> {
    decls
        .iter()
        .filter_map(|decl| match *decl {
            OutputDecl::Dynamic {
                source,
                rule,
                kinds,
            } => Some(DynamicOutputs {
                source,
                name_rule: rule,
                kind: kinds,
            }),
            OutputDecl::Static { .. } => None,
        })
        .collect()
}

impl<'a> Describe<'a> {
    /// The document for `registry`.
    #[must_use]
    pub fn of(registry: &'a Registry) -> Self {
        let declared_kinds = kind::all();
        let mut kinds_connections: BTreeMap<&'static str, Vec<KindConnection>> = declared_kinds
            .iter()
            .map(|kind| (kind.name, Vec::new()))
            .collect();
        let mut primitives_connections = Vec::new();
        for entry in registry.entries() {
            add_kind_connections(entry, &mut kinds_connections);
            add_primitive_connections(entry, &mut primitives_connections);
        }
        for connections in kinds_connections.values_mut() {
            connections.sort();
        }
        primitives_connections.sort();
        Self {
            blocks: registry.entries().map(BlockDescription::of).collect(),
            declared_kinds,
            kinds_connections,
            primitives_connections,
        }
    }
}

fn add_kind_connections(
    entry: &Entry,
    connections: &mut BTreeMap<&'static str, Vec<KindConnection>>,
) {
    let id = entry.metadata().type_id;
    for slot in entry.reference_slots() {
        for kind_name in &slot.kinds {
            let Some(kind) = kind::lookup(kind_name) else {
                continue;
            };
            let connection = KindConnection {
                manifest_type_identifier: id,
                property_name: slot.property.clone(),
                property_description: slot.description.clone(),
                compatible_element: slot.selected_element.clone(),
                is_list_element: slot.position == Position::ListElement,
                is_dict_element: slot.position == Position::DictElement,
            };
            let list = connections.entry(kind.name).or_default();
            if !list.contains(&connection) {
                list.push(connection);
            }
        }
    }
}

fn add_primitive_connections(entry: &Entry, connections: &mut Vec<PrimitiveConnection>) {
    let id = entry.metadata().type_id;
    let schema = entry.schema();
    for row in entry.rows().iter().filter(|row| row.name != "name") {
        let property = &schema["properties"][row.name.as_str()];
        if !crate::property::accepts_literal(property) {
            continue;
        }
        connections.push(PrimitiveConnection {
            manifest_type_identifier: id,
            property_name: row.name.clone(),
            property_description: row.description.clone(),
            type_annotation: row.type_annotation.clone(),
        });
    }
}
