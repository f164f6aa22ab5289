#!/usr/bin/env bash
# The build cost of the derive: a generated crate of 200 block structs
# built with `#[derive(Block)]`, against the same structs with only
# `#[derive(serde::Deserialize, schemars::JsonSchema)]`; and the build of
# block-macros alone.
#
#   benches/derive_cost.sh          the generated crates, their dependencies
#                                   built once and shared (the fair part:
#                                   both depend on block-core for the field
#                                   types, so both build block-macros)
#   benches/derive_cost.sh --full   also each crate from an empty target
#                                   directory, dependencies included
#
# Debug builds (the edit-compile loop). Each crate is built REPEAT times
# (default 3) after `cargo clean -p`, alternating, and the fastest counts.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
out=target/derive-cost
count=200
repeat=${REPEAT:-3}
mkdir -p "$out"

# The fields of shape $2 (0 to 4) for variant $1 (`ours` keeps the
# `#[block]` attributes, `baseline` drops them).
fields() {
    local keep=$1
    attr() { [ "$keep" = ours ] && echo "    #[block($1)]"; true; }
    case $2 in
    0)
        echo "    /// The text to work on."; attr 'kind = ["string"], examples = ["$inputs.text", "hello"]'
        echo "    pub text: Input<String>,"
        echo "    /// How many times to repeat it."; attr 'minimum = 1, maximum = 100, examples = [3]'
        echo "    pub count: Option<u32>,"
        echo "    /// Whether to shout."; attr 'default = false'
        echo "    pub loud: bool," ;;
    1)
        echo "    /// Names of the values to fetch; each becomes an output."
        attr 'min_items = 1, examples = [["A", "B"]], dynamic_outputs(kind = "secret", names = "lowercase")'
        echo "    pub names: Vec<String>," ;;
    2)
        echo "    /// The values to pick from, in order."; attr 'kind = "*", min_items = 1'
        echo "    pub data: Vec<Ref>,"
        echo "    /// The value when none is set."; attr 'default = "none"'
        echo "    pub fallback: String," ;;
    3)
        echo "    /// Named values to combine."; attr 'kind = "*", default = {}'
        echo "    pub fields: BTreeMap<String, Input<serde_json::Value>>,"
        echo "    /// The threshold to keep a value."; attr 'kind = ["float_zero_to_one"], minimum = 0.0, maximum = 1.0, default = 0.5'
        echo "    pub threshold: Input<f64>," ;;
    4)
        echo "    /// Where to send."; attr 'kind = ["string", "secret"], examples = ["https://example.com"]'
        echo "    pub url: Input<String>,"
        echo "    /// How many times to try."; attr 'default = 3, minimum = 1, maximum = 10'
        echo "    pub retries: u8,"
        echo "    /// Headers to send."; attr 'kind = ["string", "secret"], default = {}'
        echo "    pub headers: BTreeMap<String, Input<String>>," ;;
    esac
}

# A crate of $count structs for variant $1.
generate() {
    local variant=$1 dir="$out/$1"
    mkdir -p "$dir/src"
    cat >"$dir/Cargo.toml" <<TOML
[workspace]

[package]
name = "derive-cost-$variant"
version = "0.1.0"
edition = "2024"
license = "Apache-2.0"
publish = false

[dependencies]
block-core = { path = "$root/block-core" }
serde = { version = "1", features = ["derive"] }
serde_json = { version = "1", features = ["preserve_order"] }
schemars = { version = "1.2", features = ["preserve_order"] }
TOML
    cp Cargo.lock "$dir/Cargo.lock"
    {
        echo "//! $count generated structs (benches/derive_cost.sh)."
        echo "#![allow(dead_code, missing_docs)]"
        echo "use std::collections::BTreeMap;"
        if [ "$variant" = ours ]; then
            echo "use block_core::{Block, Context, Input, Inputs, Outputs, Ref, Run, RunError};"
        else
            echo "use block_core::{Input, Ref};"
        fi
        for i in $(seq 0 $((count - 1))); do
            echo
            echo "/// Generated block number $i."
            echo "///"
            echo "/// It is one of $count generated blocks."
            if [ "$variant" = ours ]; then
                echo "#[derive(Debug, Block)]"
                echo "#[block(id = \"bench/generated_$i@v1\", name = \"Generated $i\", block_type = \"formatter\")]"
            else
                echo "#[derive(Debug, serde::Deserialize, schemars::JsonSchema)]"
            fi
            echo "pub struct Generated$i {"
            fields "$variant" $((i % 5))
            echo "}"
            if [ "$variant" = ours ]; then
                echo "impl Run for Generated$i {"
                echo "    fn run(&self, _: &Inputs<'_>, _: &Context) -> Result<Outputs, RunError> { Ok(Outputs::new()) }"
                echo "}"
            fi
        done
    } >"$dir/src/lib.rs"
}

# Seconds of one build of the crate in $1, its dependencies already built.
build_alone() {
    local dir=$1 target=$2 start end
    cargo clean --quiet --manifest-path "$dir/Cargo.toml" --target-dir "$target" -p "derive-cost-$(basename "$dir")"
    start=$(date +%s%N)
    cargo build --quiet --manifest-path "$dir/Cargo.toml" --target-dir "$target"
    end=$(date +%s%N)
    awk -v ns=$((end - start)) 'BEGIN { printf "%.2f", ns / 1e9 }'
}

# Seconds of a build of the crate in $1 from an empty target directory.
build_full() {
    local dir=$1 target="$out/full-$(basename "$1")" start end
    rm -rf "$target"
    start=$(date +%s%N)
    cargo build --quiet --manifest-path "$dir/Cargo.toml" --target-dir "$target"
    end=$(date +%s%N)
    rm -rf "$target"
    awk -v ns=$((end - start)) 'BEGIN { printf "%.2f", ns / 1e9 }'
}

fastest() { tr ' ' '\n' | sort -n | head -1; }

generate ours
generate baseline
shared="$out/target"
cargo build --quiet --manifest-path "$out/baseline/Cargo.toml" --target-dir "$shared"
cargo build --quiet --manifest-path "$out/ours/Cargo.toml" --target-dir "$shared"

ours=() baseline=()
for _ in $(seq "$repeat"); do
    ours+=("$(build_alone "$out/ours" "$shared")")
    baseline+=("$(build_alone "$out/baseline" "$shared")")
done
o=$(echo "${ours[*]}" | fastest)
b=$(echo "${baseline[*]}" | fastest)
echo "== $count structs, the crate alone (debug), seconds: ours ${ours[*]}; baseline ${baseline[*]}"
echo "fastest: ours $o s, serde + schemars $b s, ratio $(awk -v o="$o" -v b="$b" 'BEGIN { printf "%.2f", o / b }')"

# block-macros alone: from an empty target directory (syn, quote and
# proc-macro2 included), and the crate by itself.
macros="$out/block-macros"
rm -rf "$macros"
start=$(date +%s%N)
cargo build --quiet -p block-macros --target-dir "$macros"
end=$(date +%s%N)
echo "block-macros from empty (debug): $(awk -v ns=$((end - start)) 'BEGIN { printf "%.2f", ns / 1e9 }') s"
cargo clean --quiet -p block-macros --target-dir "$macros"
start=$(date +%s%N)
cargo build --quiet -p block-macros --target-dir "$macros"
end=$(date +%s%N)
echo "block-macros by itself (debug): $(awk -v ns=$((end - start)) 'BEGIN { printf "%.2f", ns / 1e9 }') s"
rm -rf "$macros"

if [ "${1:-}" = --full ]; then
    echo "== from an empty target directory, dependencies included (debug)"
    echo "ours $(build_full "$out/ours") s, serde + schemars $(build_full "$out/baseline") s"
fi
