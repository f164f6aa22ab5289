//! The formatter blocks against the reference interface (schema field by
//! field, outputs) and run directly: First Non Empty Or Default, JSON Parser
//! and Current Time.

use block_core::registry::Entry;
use block_core::testing::Values;
use block_core::value::Value as Flowing;
use block_core::{Block, Context, Outputs, Run, Secret};
use blocks::formatters::current_time::v1::CurrentTime;
use blocks::formatters::first_non_empty_or_default::v1::FirstNonEmptyOrDefault;
use blocks::formatters::json_parser::v1::JsonParser;
use serde_json::{Value, json};

const FIRST_NON_EMPTY: &str = "roboflow_core/first_non_empty_or_default@v1";
const JSON_PARSER: &str = "roboflow_core/json_parser@v1";
const CURRENT_TIME: &str = "roboflow_core/current_time@v1";

// ---------------------------------------------------------------------------
// The schema against the reference interface

fn reference(id: &str) -> Value {
    block_tests::reference_interface(id)
}

fn with_entry<T>(id: &str, check: impl FnOnce(&Entry) -> T) -> T {
    let registry = blocks::registry().unwrap();
    check(registry.get(id).expect("the block is registered"))
}

/// The names of a `kind` list: ours holds full kind objects, the reference
/// interface their names.
fn kind_names(kinds: &Value) -> Value {
    let names = kinds.as_array().into_iter().flatten();
    names
        .map(|kind| kind.get("name").unwrap_or(kind).clone())
        .collect()
}

/// Every place where `ours` differs from the reference's `expected`: the
/// same keys with the same values, where ours may add a `description` (the
/// reference's prose was removed) and a `kind` list is compared by names.
fn differences(expected: &Value, ours: &Value, path: &str) -> Vec<String> {
    match (expected, ours) {
        (Value::Object(expected), Value::Object(ours)) => {
            let mut found = Vec::new();
            for (key, value) in expected {
                let here = format!("{path}/{key}");
                match ours.get(key) {
                    None => found.push(format!("{here}: missing")),
                    Some(mine) if key == "kind" && kind_names(mine) != *value => {
                        found.push(format!("{here}: {} instead of {value}", kind_names(mine)));
                    }
                    Some(_) if key == "kind" => {}
                    Some(mine) => found.extend(differences(value, mine, &here)),
                }
            }
            let added = ours
                .keys()
                .filter(|key| !expected.contains_key(*key) && *key != "description");
            found.extend(added.map(|key| format!("{path}/{key}: not in the reference")));
            found
        }
        (Value::Array(expected), Value::Array(ours)) if expected.len() == ours.len() => expected
            .iter()
            .zip(ours)
            .enumerate()
            .flat_map(|(index, (expected, ours))| {
                differences(expected, ours, &format!("{path}/{index}"))
            })
            .collect(),
        _ if expected == ours => Vec::new(),
        _ => vec![format!("{path}: {ours} instead of {expected}")],
    }
}

/// The differences between a block's schema and outputs and the reference
/// interface, over every key the reference gives.
fn schema_differences(id: &str) -> Vec<String> {
    let reference = reference(id);
    with_entry(id, |entry| {
        let ours = entry.schema();
        let mut found = Vec::new();
        for key in [
            "block_type",
            "license",
            "name",
            "version",
            "type",
            "required",
            "ui_manifest",
            "properties",
        ] {
            found.extend(differences(&reference[key], &ours[key], &format!("/{key}")));
        }
        let order = |schema: &Value| -> Vec<String> {
            schema["properties"]
                .as_object()
                .map(|properties| properties.keys().cloned().collect())
                .unwrap_or_default()
        };
        if order(ours) != order(&reference) {
            found.push(format!("property order: {:?}", order(ours)));
        }
        let outputs: Vec<Value> = entry
            .class_outputs()
            .iter()
            .map(|output| json!({ "name": output.name, "kind": kind_names(&json!(output.kinds)) }))
            .collect();
        found.extend(differences(
            &reference["outputs"],
            &Value::Array(outputs),
            "/outputs",
        ));
        assert_eq!(
            ours["execution_engine_compatibility"],
            json!(">=1.3.0,<2.0.0"),
            "the reference's range for {id}"
        );
        found
    })
}

#[test]
fn first_non_empty_or_default_schema_matches_the_reference() {
    assert_eq!(schema_differences(FIRST_NON_EMPTY), Vec::<String>::new());
}

#[test]
fn json_parser_schema_matches_the_reference() {
    assert_eq!(schema_differences(JSON_PARSER), Vec::<String>::new());
}

#[test]
fn current_time_schema_matches_the_reference() {
    assert_eq!(schema_differences(CURRENT_TIME), Vec::<String>::new());
}

#[test]
fn schemas_are_valid_json_schema_2020_12_and_accept_example_steps() {
    let steps = [
        (
            FIRST_NON_EMPTY,
            json!({
                "type": "FirstNonEmptyOrDefault", "name": "s",
                "data": ["$steps.a.x"], "default": {}
            }),
        ),
        (
            JSON_PARSER,
            json!({
                "type": JSON_PARSER, "name": "s",
                "raw_json": "$steps.lmm.output", "expected_fields": ["a"]
            }),
        ),
        (
            CURRENT_TIME,
            json!({"type": CURRENT_TIME, "name": "s", "timezone": "Asia/Kathmandu"}),
        ),
    ];
    for (id, step) in steps {
        with_entry(id, |entry| {
            let schema = entry.schema();
            if let Err(error) = jsonschema::draft202012::meta::validate(schema) {
                panic!("{id} is not a 2020-12 schema: {error}");
            }
            assert!(jsonschema::draft202012::is_valid(schema, &step), "{id}");
            assert!(entry.block().parse(&step).is_ok(), "{id}");
        });
    }
}

#[test]
fn the_run_time_flags_match_the_reference() {
    let accepts = |id| with_entry(id, |entry| entry.metadata().accepts_empty_values);
    assert!(accepts(FIRST_NON_EMPTY));
    assert!(!accepts(JSON_PARSER));
    assert!(!accepts(CURRENT_TIME));
}

// ---------------------------------------------------------------------------
// Running a step

fn secret(text: &str) -> Flowing {
    Flowing::secret(Some(Secret::new(text)))
}

/// Runs `block` on `values`; the outputs and whether a secret was read.
fn run<B: Run>(block: &B, values: &Values) -> Result<(Outputs, bool), String> {
    values
        .run(block, &Context::default())
        .map_err(|error| error.to_string())
}

fn output(outputs: &Outputs, name: &str) -> Value {
    outputs.get(name).map_or(Value::Null, Flowing::expose)
}

fn step<B: Block>(id: &str, properties: Value) -> B {
    let mut step = json!({"type": id, "name": "s"});
    step.as_object_mut()
        .unwrap()
        .extend(properties.as_object().unwrap().clone());
    serde_json::from_value(step).unwrap()
}

// First Non Empty Or Default

fn first_non_empty(data: &[&str], default: Option<Value>) -> FirstNonEmptyOrDefault {
    let mut properties = json!({ "data": data });
    if let Some(default) = default {
        properties["default"] = default;
    }
    step(FIRST_NON_EMPTY, properties)
}

#[test]
fn the_first_value_that_is_not_null_is_passed_on() {
    let block = first_non_empty(
        &["$steps.a.x", "$steps.b.x", "$inputs.c"],
        Some(json!("N/A")),
    );
    let values = Values::default()
        .with("$steps.a.x", Flowing::null())
        .with("$steps.b.x", json!(0))
        .with("$inputs.c", json!("later"));
    let (outputs, read_secret) = run(&block, &values).unwrap();
    assert_eq!(
        output(&outputs, "output"),
        json!(0),
        "0 is a value, not empty"
    );
    assert!(!read_secret);
    for falsy in [json!(false), json!(""), json!([]), json!({})] {
        let values = Values::default()
            .with("$steps.a.x", falsy.clone())
            .with("$steps.b.x", json!(1));
        let (outputs, _) = run(&block, &values).unwrap();
        assert_eq!(output(&outputs, "output"), falsy);
    }
}

#[test]
fn when_every_value_is_null_the_default_is_passed_on() {
    let values = Values::default()
        .with("$steps.a.x", Flowing::null())
        .with("$steps.b.x", Flowing::null());
    let given = first_non_empty(&["$steps.a.x", "$steps.b.x"], Some(json!({"k": [1]})));
    let (outputs, _) = run(&given, &values).unwrap();
    assert_eq!(output(&outputs, "output"), json!({"k": [1]}));
    let omitted = first_non_empty(&["$steps.a.x"], None);
    assert_eq!(omitted.default, Value::Null);
    let (outputs, _) = run(&omitted, &values).unwrap();
    assert!(outputs.get("output").unwrap().is_null());
}

#[test]
fn a_secret_passed_on_stays_a_secret() {
    let block = first_non_empty(&["$steps.a.x", "$steps.vault.token"], None);
    let values = Values::default()
        .with("$steps.a.x", Flowing::null())
        .with("$steps.vault.token", secret("canary"));
    let (outputs, read_secret) = run(&block, &values).unwrap();
    let passed = outputs.get("output").unwrap();
    assert!(passed.is_tainted());
    assert!(read_secret);
    assert_eq!(passed.expose(), json!("canary"));
    assert_eq!(
        serde_json::to_value(passed.masked()).unwrap(),
        json!("********")
    );
}

#[test]
fn a_secret_listed_after_the_chosen_value_is_never_read() {
    let block = first_non_empty(&["$steps.a.x", "$steps.vault.token"], None);
    let values = Values::default()
        .with("$steps.a.x", json!("plain"))
        .with("$steps.vault.token", secret("canary"));
    let (outputs, read_secret) = run(&block, &values).unwrap();
    assert!(!outputs.get("output").unwrap().is_tainted());
    assert!(!read_secret);
}

#[test]
fn a_reference_without_a_value_is_an_error_naming_it() {
    let block = first_non_empty(&["$steps.a.x", "$steps.missing.x"], None);
    let values = Values::default().with("$steps.a.x", Flowing::null());
    let error = run(&block, &values).unwrap_err();
    assert!(error.contains("`$steps.missing.x`"), "{error}");
}

#[test]
fn data_needs_one_reference_and_takes_only_references() {
    with_entry(FIRST_NON_EMPTY, |entry| {
        let empty = json!({"type": FIRST_NON_EMPTY, "name": "s", "data": []});
        let error = entry.block().parse(&empty).err().unwrap();
        assert_eq!(error.pointer, "/data");
        let literal = json!({"type": FIRST_NON_EMPTY, "name": "s", "data": ["plain"]});
        assert_eq!(
            entry.block().parse(&literal).err().unwrap().pointer,
            "/data/0"
        );
    });
}

// JSON Parser

fn parser(raw_json: &str, fields: &[&str]) -> JsonParser {
    step(
        JSON_PARSER,
        json!({ "raw_json": raw_json, "expected_fields": fields }),
    )
}

/// Runs a parser on a literal text; the fields' values and `error_status`.
fn parse(raw_json: &str, fields: &[&str]) -> (Vec<Value>, bool) {
    let (outputs, _) = run(&parser(raw_json, fields), &Values::default()).unwrap();
    let values = fields.iter().map(|field| output(&outputs, field)).collect();
    let status = output(&outputs, "error_status");
    (values, status.as_bool().expect("error_status is a boolean"))
}

#[test]
fn plain_json_gives_each_expected_field() {
    let (values, error) = parse(
        r#"{"model_id": "yolov8n-640", "confidence": 0.4, "extra": 1}"#,
        &["model_id", "confidence"],
    );
    assert_eq!(values, [json!("yolov8n-640"), json!(0.4)]);
    assert!(!error);
}

#[test]
fn the_first_json_fence_is_parsed_in_any_letter_case() {
    let answer =
        "Here it is:\n```json\n{\"a\": 1, \"b\": [true]}\n```\nand again ```json {\"a\": 2} ```";
    assert_eq!(
        parse(answer, &["a", "b"]),
        (vec![json!(1), json!([true])], false)
    );
    let upper = "```JSON\n{\"a\": \"x\"}\n```";
    assert_eq!(parse(upper, &["a"]), (vec![json!("x")], false));
    let inline = "look: ```json{\"a\": null}```";
    assert_eq!(
        parse(inline, &["a"]),
        (vec![Value::Null], false),
        "present, though null"
    );
}

#[test]
fn a_bare_fence_is_parsed_when_the_whole_text_is_not_json() {
    let answer = "Sure.\n```python\nprint(1)\n```\n```\n{\"a\": 3}\n```\n";
    assert_eq!(parse(answer, &["a"]), (vec![json!(3)], false));
    let inside_a_string = r#"{"a": "```\n{\"a\": 4}\n```"}"#;
    assert_eq!(
        parse(inside_a_string, &["a"]).0,
        [json!("```\n{\"a\": 4}\n```")],
        "a document that is JSON as a whole is taken whole"
    );
}

#[test]
fn a_missing_field_is_null_and_sets_error_status() {
    let (values, error) = parse(r#"{"a": 1}"#, &["a", "b"]);
    assert_eq!(values, [json!(1), Value::Null]);
    assert!(error);
}

#[test]
fn text_that_is_not_a_json_object_sets_error_status() {
    for text in [
        "not json",
        "{\"a\": 1",
        "",
        "[\"a\"]",
        "\"a\"",
        "42",
        "null",
        "```json\n{\"a\": 1\n```",
        "```json\n[1]\n```",
    ] {
        assert_eq!(parse(text, &["a"]), (vec![Value::Null], true), "{text:?}");
    }
    assert_eq!(
        parse("{}", &[]),
        (vec![], false),
        "nothing expected, nothing missing"
    );
    assert_eq!(parse("[]", &[]), (vec![], true), "still not an object");
}

#[test]
fn no_text_makes_the_parser_panic() {
    let deep = "[".repeat(100_000);
    let texts = [
        "```",
        "```json",
        "``````json```",
        "```json é```",
        "é```\n",
        "```\n",
        "```\n{\"a\": 1}",
        "\u{feff}{\"a\": 1}",
        deep.as_str(),
    ];
    for text in texts {
        let (values, _) = parse(text, &["a"]);
        assert_eq!(values.len(), 1, "{text:?}");
    }
}

#[test]
fn error_status_is_reserved() {
    let block = parser("{}", &["a", "error_status"]);
    let problems = block.actual_outputs().unwrap_err();
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].pointer, "/expected_fields/1");
    assert!(
        problems[0].message.contains("reserved"),
        "{}",
        problems[0].message
    );
    let error = run(&block, &Values::default()).unwrap_err();
    assert!(error.contains("/expected_fields/1"), "{error}");
    let names: Vec<String> = parser("{}", &["a", "B"])
        .actual_outputs()
        .unwrap()
        .into_iter()
        .map(|output| output.name)
        .collect();
    assert_eq!(
        names,
        ["error_status", "a", "B"],
        "names are kept as written"
    );
}

#[test]
fn fields_parsed_from_a_secret_stay_masked() {
    let block: JsonParser = step(
        JSON_PARSER,
        json!({"raw_json": "$steps.vault.config", "expected_fields": ["token", "gone"]}),
    );
    let values = Values::default().with("$steps.vault.config", secret(r#"{"token": "canary"}"#));
    let (outputs, read_secret) = run(&block, &values).unwrap();
    assert!(read_secret);
    let token = outputs.get("token").unwrap();
    assert!(token.is_tainted());
    assert_eq!(token.expose(), json!("canary"));
    // A status flag says how parsing went, not what the secret holds.
    assert!(outputs.is_flag("error_status"));
    assert!(!outputs.get("error_status").unwrap().is_tainted());
    assert!(
        outputs.get("gone").unwrap().is_null(),
        "null carries nothing to hide"
    );
}

#[test]
fn a_reference_to_something_else_than_text_is_an_error_that_hides_the_value() {
    let block: JsonParser = step(
        JSON_PARSER,
        json!({"raw_json": "$steps.lmm.output", "expected_fields": ["a"]}),
    );
    let values = Values::default().with("$steps.lmm.output", json!({"a": "canary"}));
    let error = run(&block, &values).unwrap_err();
    assert!(
        error.contains("`$steps.lmm.output`") && error.contains("an object"),
        "{error}"
    );
    assert!(!error.contains("canary"), "{error}");
}

// Current Time

fn clock(timezone: Option<&str>) -> CurrentTime {
    let properties = timezone.map_or_else(|| json!({}), |zone| json!({ "timezone": zone }));
    step(CURRENT_TIME, properties)
}

/// The four outputs of one run, as text.
fn read_clock(block: &CurrentTime, values: &Values) -> Result<[String; 4], String> {
    let (outputs, _) = run(block, values)?;
    Ok(["timestamp", "iso_string", "date", "time"].map(|name| {
        output(&outputs, name)
            .as_str()
            .unwrap_or_else(|| panic!("`{name}` is text"))
            .to_owned()
    }))
}

/// Whether `text` has the shape of `pattern`, where `9` stands for a digit.
fn shaped(text: &str, pattern: &str) -> bool {
    text.len() == pattern.len()
        && text.chars().zip(pattern.chars()).all(|(c, p)| match p {
            '9' => c.is_ascii_digit(),
            _ => c == p,
        })
}

/// Checks the outputs' shapes and that they show one moment; returns the
/// UTC offset the ISO text ends with.
fn offset_of(readings: &[String; 4]) -> String {
    let [timestamp, iso, date, time] = readings;
    assert_eq!(timestamp, iso);
    assert!(shaped(date, "9999-99-99"), "{date}");
    assert!(shaped(time, "99:99:99"), "{time}");
    assert!(iso.starts_with(&format!("{date}T{time}")), "{iso}");
    let rest = &iso[date.len() + 1 + time.len()..];
    let offset = match rest.strip_prefix('.') {
        Some(fraction) => {
            assert!(shaped(&fraction[..6], "999999"), "{iso}");
            &fraction[6..]
        }
        None => rest,
    };
    assert!(
        shaped(offset, "+99:99") || shaped(offset, "-99:99"),
        "{iso}"
    );
    offset.to_owned()
}

#[test]
fn the_default_zone_is_utc() {
    let block = clock(None);
    assert!(block.check(&Context::default()).is_empty());
    let readings = read_clock(&block, &Values::default()).unwrap();
    assert_eq!(offset_of(&readings), "+00:00");
}

#[test]
fn listed_zones_read_with_their_offset() {
    for (zone, offset) in [
        ("Asia/Kathmandu", "+05:45"),
        ("Asia/Kolkata", "+05:30"),
        ("Etc/GMT+12", "-12:00"),
        ("Pacific/Kiritimati", "+14:00"),
    ] {
        let block = clock(Some(zone));
        assert!(block.check(&Context::default()).is_empty(), "{zone}");
        let readings = read_clock(&block, &Values::default()).unwrap();
        assert_eq!(offset_of(&readings), offset, "{zone}");
    }
}

#[test]
fn any_iana_zone_is_accepted_through_a_reference() {
    let block = clock(Some("$inputs.timezone"));
    assert!(block.check(&Context::default()).is_empty());
    let values = Values::default().with("$inputs.timezone", json!("Asia/Singapore"));
    let readings = read_clock(&block, &values).unwrap();
    assert_eq!(offset_of(&readings), "+08:00");
}

#[test]
fn an_unknown_zone_is_an_error_naming_it_with_a_valid_example() {
    let block = clock(Some("$inputs.timezone"));
    let values = Values::default().with("$inputs.timezone", json!("Mars/Olympus_Mons"));
    let error = read_clock(&block, &values).unwrap_err();
    assert!(error.contains("`Mars/Olympus_Mons`"), "{error}");
    assert!(error.contains("`Europe/Berlin`"), "{error}");
    let values = Values::default().with("$inputs.timezone", json!(3));
    let error = read_clock(&block, &values).unwrap_err();
    assert!(
        error.contains("`timezone`") && error.contains("`$inputs.timezone` holds a number"),
        "{error}"
    );
}

#[test]
fn a_zone_from_a_secret_is_never_shown_and_taints_the_time() {
    let block = clock(Some("$steps.vault.zone"));
    let values = Values::default().with("$steps.vault.zone", secret("canary"));
    let error = read_clock(&block, &values).unwrap_err();
    assert!(!error.contains("canary"), "{error}");
    assert!(error.contains("hidden"), "{error}");
    let values = Values::default().with("$steps.vault.zone", secret("Asia/Tokyo"));
    let (outputs, read_secret) = run(&block, &values).unwrap();
    assert!(read_secret);
    for (name, value) in outputs.into_map() {
        assert!(value.is_tainted(), "{name}");
    }
}

#[test]
fn a_zone_typed_into_the_step_must_be_listed() {
    with_entry(CURRENT_TIME, |entry| {
        let step = json!({"type": CURRENT_TIME, "name": "s", "timezone": "Europe/Paris"});
        let error = entry.block().parse(&step).err().unwrap();
        assert_eq!(error.pointer, "/timezone");
        assert!(
            error.message.contains("`Europe/Berlin`"),
            "{}",
            error.message
        );
        assert!(!jsonschema::draft202012::is_valid(entry.schema(), &step));
    });
}

#[test]
fn the_clock_outputs_have_the_reference_kinds() {
    let outputs = clock(None).actual_outputs().unwrap();
    let shown: Vec<(&str, &str)> = outputs
        .iter()
        .map(|output| (output.name.as_str(), output.kinds[0].name))
        .collect();
    assert_eq!(
        shown,
        [
            ("timestamp", "timestamp"),
            ("iso_string", "string"),
            ("date", "string"),
            ("time", "string")
        ]
    );
}
