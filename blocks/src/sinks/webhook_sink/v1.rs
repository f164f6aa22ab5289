//! `roboflow_core/webhook_sink@v1`: sends a workflow's data to an HTTP endpoint, with a
//! timeout, a cooldown and an optional background send.
//!
//! Values flow to the server in clear, secrets included: that is the point of a header such as
//! `Authorization`. Nothing the block reports (outputs, errors) ever contains a value or the
//! URL: messages name the host and the step that failed, never the path or the query, which may
//! carry a token.
//!
//! A failed send is an output (`error_status: true` and a `message`), as the reference returns
//! it; only inputs that cannot be read are errors.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::marker::PhantomData;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use block_core::{Block, Context, Input, Inputs, Outputs, Problem, Run, RunError, Value};
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize};

use super::request::{Request, Resolved, header_name, parse_url, send, timeout};

/// How many background sends of one step may be in flight at once; more are reported as errors
/// rather than piling up threads.
const MAX_IN_FLIGHT: usize = 64;

/// The **Webhook Sink** sends data from a workflow to an HTTP endpoint.
///
/// Each run makes one `GET`, `POST` or `PUT` request to `url`, built from the step's maps,
/// whose values are literals or references to other steps' outputs and to workflow inputs:
///
/// * `query_parameters` are added to the URL (`?api_key=...`); a list repeats the parameter;
/// * `headers` are sent as request headers; a secret, such as a token from a secrets provider,
///   is sent as it is;
/// * `json_payload` becomes a JSON object body;
/// * `form_data` becomes a form body (`application/x-www-form-urlencoded`);
/// * `multi_part_encoded_files` becomes a `multipart/form-data` body, one file per entry,
///   together with the `form_data` fields.
///
/// When several body maps are given, files win over form data, and form data over the JSON
/// payload. Texts are sent as they are; numbers, flags, lists and objects as their JSON text;
/// `null` entries are left out (except in the JSON payload).
///
/// ### Timeout
///
/// `request_timeout` bounds the whole request, from connecting to reading the answer. A server
/// that does not answer in time is reported with `error_status: true`.
///
/// ### Cooldown
///
/// After a request, the step sends nothing for `cooldown_seconds` (5 by default; `0` turns the
/// cooldown off): runs in that time report `throttling_status: true`.
///
/// ### Fire and forget
///
/// With `fire_and_forget` (the default), the request is sent in the background and the step
/// returns at once; `error_status` then only reports problems found before sending. Turn it off
/// to see the server's answer, for example while debugging.
///
/// ### Disabling the sink
///
/// `disable_sink` turns the step off for a run, for example from a workflow input.
///
/// ### Operations
///
/// The `*_operations` properties of the reference engine apply its query language to values
/// before they are sent. This engine does not support that language: they accept only empty
/// maps.
#[derive(Debug, Block)]
#[block(
    id = "roboflow_core/webhook_sink@v1",
    name = "Webhook Sink",
    block_type = "sink",
    license = "Apache-2.0",
    section = "data_storage",
    icon = "fal fa-webhook",
    ui = { "blockPriority": 1, "popular": true },
    engine = ">=1.3.0,<2.0.0",
    output(name = "error_status", kind = "boolean"),
    output(name = "throttling_status", kind = "boolean"),
    output(name = "message", kind = "string")
)]
pub struct WebhookSink {
    /// The URL the request is sent to; it may come from a secret.
    #[block(kind = ["string", "secret"], examples = ["https://example.com/webhook"])]
    pub url: Input<String>,
    /// The HTTP method of the request.
    #[block(examples = ["POST"])]
    pub method: Method,
    /// Parameters added to the URL's query.
    #[block(
        kind = [
            "string", "integer", "float", "roboflow_model_id", "roboflow_project",
            "roboflow_api_key", "float_zero_to_one", "list_of_values", "boolean", "top_class",
            "secret"
        ],
        default = {},
        examples = [{ "api_key": "$inputs.api_key" }]
    )]
    pub query_parameters: BTreeMap<String, Input<Literal<QueryShape>>>,
    /// Headers of the request.
    #[block(
        kind = [
            "string", "integer", "float", "roboflow_model_id", "roboflow_project",
            "roboflow_api_key", "float_zero_to_one", "boolean", "top_class", "secret"
        ],
        default = {},
        examples = [{ "api_key": "$inputs.api_key" }]
    )]
    pub headers: BTreeMap<String, Input<Literal<HeaderShape>>>,
    /// Fields of the JSON object sent as the request body.
    #[block(kind = "*", default = {}, examples = [{ "field": "$steps.model.predictions" }])]
    pub json_payload: BTreeMap<String, Input<Literal<PayloadShape>>>,
    /// Not supported here: must be empty. In the reference engine, query-language operations
    /// applied to `json_payload` values.
    #[block(default = {})]
    pub json_payload_operations: BTreeMap<String, Vec<serde_json::Value>>,
    /// Files sent in a multipart body, by field name.
    #[block(kind = "*", default = {}, examples = [{ "image": "$steps.visualization.image" }])]
    pub multi_part_encoded_files: BTreeMap<String, Input<Literal<PayloadShape>>>,
    /// Not supported here: must be empty. In the reference engine, query-language operations
    /// applied to `multi_part_encoded_files` values.
    #[block(default = {})]
    pub multi_part_encoded_files_operations: BTreeMap<String, Vec<serde_json::Value>>,
    /// Fields sent as a form body.
    #[block(kind = "*", default = {}, examples = [{ "field": "$inputs.field_value" }])]
    pub form_data: BTreeMap<String, Input<Literal<PayloadShape>>>,
    /// Not supported here: must be empty. In the reference engine, query-language operations
    /// applied to `form_data` values.
    #[block(default = {})]
    pub form_data_operations: BTreeMap<String, Vec<serde_json::Value>>,
    /// How many seconds the whole request may take.
    #[block(default = 2, examples = ["$inputs.request_timeout", 10], minimum = 1, maximum = 3600)]
    pub request_timeout: Input<u64>,
    /// Whether to send in the background and return at once, without the server's answer.
    #[block(default = true, examples = ["$inputs.fire_and_forget", true])]
    pub fire_and_forget: Input<bool>,
    /// Whether to send nothing in this run.
    #[block(default = false, examples = [false, "$inputs.disable_email_notifications"])]
    pub disable_sink: Input<bool>,
    /// How many seconds to wait after a request before the next one may be sent.
    #[block(
        default = 5,
        examples = ["$inputs.cooldown_seconds", 10],
        schema = { "always_visible": true }
    )]
    pub cooldown_seconds: Input<u64>,
    /// When the last request was started, for the cooldown.
    #[block(skip)]
    last_sent: Mutex<Option<Instant>>,
    /// How many background sends are running.
    #[block(skip)]
    in_flight: Arc<AtomicUsize>,
}

/// The HTTP method of the request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "UPPERCASE")]
pub enum Method {
    Get,
    Post,
    Put,
}

/// A literal value written in a step, restricted to the JSON types of `S`: the reference's
/// unions of string, number, boolean, integer and (for some maps) lists and objects. `null` is
/// never a literal.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(transparent)]
pub struct Literal<S> {
    json: serde_json::Value,
    #[serde(skip)]
    shape: PhantomData<fn() -> S>,
}

/// The JSON types a map's literal values may have.
pub trait Shape {
    /// The schema alternatives, in the reference's order.
    fn alternatives() -> serde_json::Value;
    /// Whether a literal has one of those types.
    fn accepts(json: &serde_json::Value) -> bool;
    /// What a literal may be, for an error message.
    const EXPECTED: &'static str;
}

/// Header values: a text, a number or a flag.
#[derive(Debug)]
pub enum HeaderShape {}

/// Query parameters: a text, a number, a flag, or a list of them.
#[derive(Debug)]
pub enum QueryShape {}

/// Body values: any JSON value but `null`.
#[derive(Debug)]
pub enum PayloadShape {}

fn is_scalar(json: &serde_json::Value) -> bool {
    json.is_string() || json.is_number() || json.is_boolean()
}

impl Shape for HeaderShape {
    fn alternatives() -> serde_json::Value {
        serde_json::json!([
            { "type": "string" },
            { "type": "number" },
            { "type": "boolean" },
            { "type": "integer" }
        ])
    }

    fn accepts(json: &serde_json::Value) -> bool {
        is_scalar(json)
    }

    const EXPECTED: &'static str = "a text, a number or a boolean";
}

impl Shape for QueryShape {
    fn alternatives() -> serde_json::Value {
        let scalars = serde_json::json!([
            { "type": "string" },
            { "type": "number" },
            { "type": "integer" },
            { "type": "boolean" }
        ]);
        serde_json::json!([
            { "type": "string" },
            { "type": "number" },
            { "type": "boolean" },
            { "type": "integer" },
            { "type": "array", "items": { "anyOf": scalars } }
        ])
    }

    fn accepts(json: &serde_json::Value) -> bool {
        match json {
            serde_json::Value::Array(items) => items.iter().all(is_scalar),
            other => is_scalar(other),
        }
    }

    const EXPECTED: &'static str = "a text, a number, a boolean or a list of them";
}

impl Shape for PayloadShape {
    fn alternatives() -> serde_json::Value {
        serde_json::json!([
            { "type": "string" },
            { "type": "number" },
            { "type": "boolean" },
            { "type": "integer" },
            { "type": "object", "additionalProperties": true },
            { "type": "array", "items": {} }
        ])
    }

    fn accepts(json: &serde_json::Value) -> bool {
        !json.is_null()
    }

    const EXPECTED: &'static str = "a text, a number, a boolean, an object or a list";
}

impl<S> Literal<S> {
    /// The literal as JSON.
    #[must_use]
    pub fn json(&self) -> &serde_json::Value {
        &self.json
    }
}

impl<'de, S: Shape> Deserialize<'de> for Literal<S> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let json = serde_json::Value::deserialize(deserializer)?;
        if !S::accepts(&json) {
            return Err(serde::de::Error::custom(format!(
                "expected {} or a reference such as `$inputs.name`",
                S::EXPECTED
            )));
        }
        Ok(Self {
            json,
            shape: PhantomData,
        })
    }
}

impl<S: Shape> JsonSchema for Literal<S> {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "Literal".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "anyOf": S::alternatives() })
    }
}

impl Run for WebhookSink {
    /// Refuses query-language operations, and literal settings that could never be sent.
    fn check(&self, _context: &Context) -> Vec<Problem> {
        let mut problems = Vec::new();
        for (property, operations) in [
            ("json_payload_operations", &self.json_payload_operations),
            (
                "multi_part_encoded_files_operations",
                &self.multi_part_encoded_files_operations,
            ),
            ("form_data_operations", &self.form_data_operations),
        ] {
            problems.extend(operations.keys().map(|key| {
                Problem::new(
                    format!("/{property}/{}", pointer_token(key)),
                    format!(
                        "`{property}` holds operations of the reference engine's query language \
                         (UQL), which is not supported here: leave `{property}` empty (`{{}}`); \
                         the values are then sent as they are"
                    ),
                )
            }));
        }
        if let Input::Literal(url) = &self.url
            && let Err(message) = parse_url(url)
        {
            problems.push(Problem::new("/url", message));
        }
        for name in self.headers.keys() {
            if let Err(message) = header_name(name) {
                problems.push(Problem::new(
                    format!("/headers/{}", pointer_token(name)),
                    message,
                ));
            }
        }
        if let Input::Literal(seconds) = self.request_timeout
            && let Err(message) = timeout(seconds)
        {
            problems.push(Problem::new("/request_timeout", message));
        }
        problems
    }

    /// Sends the request, now or in the background, unless the sink is disabled or cooling
    /// down.
    fn run(&self, inputs: &Inputs<'_>, _context: &Context) -> Result<Outputs, RunError> {
        if self.disable_sink.get(inputs)? {
            return Ok(outcome(false, false, "not sent: `disable_sink` is true"));
        }
        let request = match self.resolve(inputs)?.into_request(self.method) {
            Ok(request) => request,
            Err(message) => return Ok(outcome(true, false, message)),
        };
        let cooldown = Duration::from_secs(self.cooldown_seconds.get(inputs)?);
        if !self.claim(cooldown) {
            let message = format!(
                "not sent: the cooldown of {} s after the previous request has not passed",
                cooldown.as_secs()
            );
            return Ok(outcome(false, true, message));
        }
        if self.fire_and_forget.get(inputs)? {
            return Ok(self.send_in_background(request));
        }
        Ok(match send(&request) {
            Ok(message) => outcome(false, false, message),
            Err(message) => outcome(true, false, message),
        })
    }
}

impl WebhookSink {
    /// Reads every property the request is made of.
    fn resolve(&self, inputs: &Inputs<'_>) -> Result<Resolved, RunError> {
        Ok(Resolved {
            url: self.url.get(inputs)?,
            timeout_seconds: self.request_timeout.get(inputs)?,
            query: resolve(&self.query_parameters, inputs)?,
            headers: resolve(&self.headers, inputs)?,
            json_payload: resolve(&self.json_payload, inputs)?,
            files: resolve(&self.multi_part_encoded_files, inputs)?,
            form: resolve(&self.form_data, inputs)?,
        })
    }

    /// Starts a cooldown period unless one is running; false when throttled.
    fn claim(&self, cooldown: Duration) -> bool {
        let mut last = self
            .last_sent
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if last.is_some_and(|last| last.elapsed() < cooldown) {
            return false;
        }
        *last = Some(Instant::now());
        true
    }

    /// Sends on a thread of its own and reports at once.
    fn send_in_background(&self, request: Request) -> Outputs {
        let host = request.host.clone();
        let Some(slot) = InFlight::take(&self.in_flight) else {
            let message = format!(
                "not sent to `{host}`: {MAX_IN_FLIGHT} background requests of this step are \
                 still running; lower the rate or turn `fire_and_forget` off"
            );
            return outcome(true, false, message);
        };
        let started = std::thread::Builder::new()
            .name("webhook_sink".to_owned())
            .spawn(move || {
                let _slot = slot;
                // Nobody waits for the answer: fire and forget.
                let _ = send(&request);
            });
        match started {
            Ok(_) => outcome(
                false,
                false,
                format!(
                    "sending to `{host}` in the background: `fire_and_forget` is true, so the \
                     server's answer is not reported"
                ),
            ),
            Err(error) => outcome(
                true,
                false,
                format!(
                    "not sent to `{host}`: no background thread could start ({})",
                    error.kind()
                ),
            ),
        }
    }
}

/// One running background send; frees its place when dropped, even if the send panics.
struct InFlight(Arc<AtomicUsize>);

impl InFlight {
    fn take(count: &Arc<AtomicUsize>) -> Option<Self> {
        count
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |running| {
                (running < MAX_IN_FLIGHT).then_some(running + 1)
            })
            .ok()
            .map(|_| Self(Arc::clone(count)))
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

/// Each map entry's value in clear, for sending.
fn resolve<S>(
    map: &BTreeMap<String, Input<Literal<S>>>,
    inputs: &Inputs<'_>,
) -> Result<Vec<(String, serde_json::Value)>, RunError> {
    map.iter()
        .map(|(name, input)| Ok((name.clone(), input.value(inputs)?.expose())))
        .collect()
}

/// A JSON pointer token for a map key.
fn pointer_token(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

fn outcome(error_status: bool, throttling_status: bool, message: impl Into<String>) -> Outputs {
    Outputs::new()
        .with_flag("error_status", error_status)
        .with_flag("throttling_status", throttling_status)
        .with("message", Value::json(message.into().into()))
}
