//! The HTTP request a webhook step sends: built from the step's resolved
//! values, encoded as the reference engine's HTTP library encodes it, and
//! sent with a timeout that bounds the whole exchange.
//!
//! Messages name the host and what failed, never the URL's path or query
//! nor any value sent: either may hold a token.

use std::time::Duration;

use ureq::http::{HeaderName, HeaderValue, Uri, header};

use super::v1::Method;

/// The longest `request_timeout` accepted, in seconds.
pub(super) const MAX_TIMEOUT_SECONDS: u64 = 3600;

/// The step's properties with every reference resolved, in clear. Holds
/// secrets, so it has no `Debug`.
pub(super) struct Resolved {
    pub(super) url: String,
    pub(super) timeout_seconds: u64,
    pub(super) query: Vec<(String, serde_json::Value)>,
    pub(super) headers: Vec<(String, serde_json::Value)>,
    pub(super) json_payload: Vec<(String, serde_json::Value)>,
    pub(super) files: Vec<(String, serde_json::Value)>,
    pub(super) form: Vec<(String, serde_json::Value)>,
}

/// The request a run sends. Holds secrets in clear, so it has no `Debug`.
pub(super) struct Request {
    method: Method,
    uri: Uri,
    /// The host (and port), the only part of the URL messages show.
    pub(super) host: String,
    query: Vec<(String, String)>,
    /// The step's headers, and the body's content type unless they set one.
    headers: Vec<(HeaderName, HeaderValue)>,
    body: Option<Vec<u8>>,
    timeout: Duration,
}

impl Resolved {
    /// The request to send, or why it cannot be sent.
    pub(super) fn into_request(self, method: Method) -> Result<Request, String> {
        let timeout = timeout(self.timeout_seconds)?;
        let (uri, host) = parse_url(&self.url)?;
        let mut headers = header_pairs(self.headers)?;
        let empty = self.json_payload.is_empty() && self.files.is_empty() && self.form.is_empty();
        // A GET carries a body only when the step gives one.
        let body = if method == Method::Get && empty {
            None
        } else {
            let (kind, bytes) = body(self.json_payload, &self.form, &self.files);
            if !headers.iter().any(|(name, _)| name == header::CONTENT_TYPE) {
                let kind = HeaderValue::from_str(&kind)
                    .map_err(|_| "the body's content type cannot be sent as a header".to_owned())?;
                headers.push((header::CONTENT_TYPE, kind));
            }
            Some(bytes)
        };
        Ok(Request {
            method,
            uri,
            host,
            query: pairs(self.query),
            headers,
            body,
            timeout,
        })
    }
}

/// Sends the request; the message names the host and what happened, never
/// the URL's path or query, nor any value sent.
pub(super) fn send(request: &Request) -> Result<String, String> {
    let config = ureq::Agent::config_builder()
        .timeout_global(Some(request.timeout))
        .http_status_as_error(true)
        .build();
    let agent = ureq::Agent::new_with_config(config);
    let uri = request.uri.clone();
    let body = request.body.as_deref().unwrap_or_default();
    let answer = match (request.method, &request.body) {
        (Method::Get, None) => prepare(agent.get(uri), request).call(),
        (Method::Get, Some(_)) => prepare(agent.get(uri).force_send_body(), request).send(body),
        (Method::Post, _) => prepare(agent.post(uri), request).send(body),
        (Method::Put, _) => prepare(agent.put(uri), request).send(body),
    };
    let host = &request.host;
    match answer {
        Ok(response) => Ok(format!(
            "sent to `{host}`: the server answered {}",
            response.status().as_u16()
        )),
        Err(error) => Err(format!(
            "the request to `{host}` failed: {}",
            failure(&error, request.timeout)
        )),
    }
}

/// Adds the query and the headers.
fn prepare<B>(mut builder: ureq::RequestBuilder<B>, request: &Request) -> ureq::RequestBuilder<B> {
    builder = builder.query_pairs(request.query.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    for (name, value) in &request.headers {
        builder = builder.header(name, value);
    }
    builder
}

/// What went wrong, in words that contain no URL and no value.
fn failure(error: &ureq::Error, timeout: Duration) -> String {
    use ureq::Error;
    match error {
        Error::StatusCode(code) => format!("the server answered with status {code}"),
        Error::Timeout(_) => format!(
            "no answer within {} s (`request_timeout`)",
            timeout.as_secs()
        ),
        Error::HostNotFound => "the host name could not be resolved".to_owned(),
        Error::Io(io) => format!("a network error: {}", io.kind()),
        Error::ConnectionFailed => "the connection could not be made".to_owned(),
        Error::TooManyRedirects | Error::RedirectFailed => {
            "the server's redirects could not be followed".to_owned()
        }
        Error::Tls(_) | Error::Pem(_) | Error::Rustls(_) | Error::TlsRequired => {
            "the TLS connection could not be established".to_owned()
        }
        Error::Protocol(_) | Error::LargeResponseHeader(..) => {
            "the server's answer is not valid HTTP".to_owned()
        }
        _ => "the request could not be made".to_owned(),
    }
}

/// The request URL, and its host (and port) for messages. Errors never
/// repeat the URL, which may hold a token.
pub(super) fn parse_url(url: &str) -> Result<(Uri, String), String> {
    let uri: Uri = url
        .trim()
        .parse()
        .map_err(|_| "`url` is not a valid URL: write it as `https://host/path`".to_owned())?;
    if !matches!(uri.scheme_str(), Some("http" | "https")) {
        return Err("`url` must start with `http://` or `https://`".to_owned());
    }
    let host = uri
        .host()
        .filter(|host| !host.is_empty())
        .ok_or_else(|| "`url` names no host: write it as `https://host/path`".to_owned())?;
    let host = match uri.port_u16() {
        Some(port) => format!("{host}:{port}"),
        None => host.to_owned(),
    };
    Ok((uri, host))
}

pub(super) fn timeout(seconds: u64) -> Result<Duration, String> {
    if (1..=MAX_TIMEOUT_SECONDS).contains(&seconds) {
        Ok(Duration::from_secs(seconds))
    } else {
        Err(format!(
            "`request_timeout` must be from 1 to {MAX_TIMEOUT_SECONDS} seconds, not {seconds}"
        ))
    }
}

pub(super) fn header_name(name: &str) -> Result<HeaderName, String> {
    HeaderName::from_bytes(name.as_bytes()).map_err(|_| {
        format!("`{name}` is not a valid HTTP header name: use letters, digits and `-`")
    })
}

/// A value as text: a text as it is, anything else as its JSON text;
/// `None` for `null`, which is left out.
fn text(json: &serde_json::Value) -> Option<String> {
    match json {
        serde_json::Value::Null => None,
        serde_json::Value::String(text) => Some(text.clone()),
        other => Some(other.to_string()),
    }
}

/// Name and text pairs; a list repeats its name once per element.
fn pairs(entries: Vec<(String, serde_json::Value)>) -> Vec<(String, String)> {
    let mut pairs = Vec::new();
    for (name, json) in entries {
        match json {
            serde_json::Value::Array(items) => pairs.extend(
                items
                    .iter()
                    .filter_map(text)
                    .map(|text| (name.clone(), text)),
            ),
            other => pairs.extend(text(&other).map(|text| (name, text))),
        }
    }
    pairs
}

/// Headers checked for HTTP; a message names a bad header, never its value.
fn header_pairs(
    entries: Vec<(String, serde_json::Value)>,
) -> Result<Vec<(HeaderName, HeaderValue)>, String> {
    let mut headers = Vec::new();
    for (name, json) in entries {
        let Some(text) = text(&json) else { continue };
        let key = header_name(&name)?;
        let value = HeaderValue::from_str(&text).map_err(|_| {
            format!(
                "header `{name}` cannot be sent: its value holds a line break or another \
                 character HTTP headers do not allow"
            )
        })?;
        headers.push((key, value));
    }
    Ok(headers)
}

/// The body, by the reference's precedence: files (with the form fields)
/// as multipart, else form fields, else the JSON payload.
fn body(
    json_payload: Vec<(String, serde_json::Value)>,
    form: &[(String, serde_json::Value)],
    files: &[(String, serde_json::Value)],
) -> (String, Vec<u8>) {
    if !files.is_empty() {
        return multipart(form, files);
    }
    if !form.is_empty() {
        let encoded = form_urlencoded(&pairs(form.to_vec()));
        return (
            "application/x-www-form-urlencoded".to_owned(),
            encoded.into_bytes(),
        );
    }
    let object: serde_json::Map<String, serde_json::Value> = json_payload.into_iter().collect();
    let bytes = serde_json::Value::Object(object).to_string().into_bytes();
    ("application/json".to_owned(), bytes)
}

const HEX: &[u8; 16] = b"0123456789ABCDEF";

/// `application/x-www-form-urlencoded` text of `pairs`.
fn form_urlencoded(pairs: &[(String, String)]) -> String {
    let encode = |text: &str| {
        let mut out = String::with_capacity(text.len());
        for byte in text.bytes() {
            match byte {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'*' => {
                    out.push(char::from(byte));
                }
                b' ' => out.push('+'),
                other => {
                    out.push('%');
                    out.push(char::from(HEX[usize::from(other >> 4)]));
                    out.push(char::from(HEX[usize::from(other & 0xF)]));
                }
            }
        }
        out
    };
    pairs
        .iter()
        .map(|(name, value)| format!("{}={}", encode(name), encode(value)))
        .collect::<Vec<_>>()
        .join("&")
}

/// A `multipart/form-data` body: the form fields, then one file part per
/// entry, named after its key.
fn multipart(
    form: &[(String, serde_json::Value)],
    files: &[(String, serde_json::Value)],
) -> (String, Vec<u8>) {
    let fields = pairs(form.to_vec());
    let files: Vec<(String, String)> = files
        .iter()
        .filter_map(|(name, json)| text(json).map(|text| (name.clone(), text)))
        .collect();
    let boundary = boundary(fields.iter().chain(&files).map(|(_, text)| text.as_str()));
    let mut body = Vec::new();
    for (name, value) in &fields {
        let disposition = format!("form-data; name=\"{}\"", quoted(name));
        part(&mut body, &boundary, &disposition, value);
    }
    for (name, content) in &files {
        let name = quoted(name);
        let disposition = format!("form-data; name=\"{name}\"; filename=\"{name}\"");
        part(&mut body, &boundary, &disposition, content);
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

fn part(body: &mut Vec<u8>, boundary: &str, disposition: &str, content: &str) {
    body.extend_from_slice(
        format!("--{boundary}\r\nContent-Disposition: {disposition}\r\n\r\n").as_bytes(),
    );
    body.extend_from_slice(content.as_bytes());
    body.extend_from_slice(b"\r\n");
}

/// A field name inside a quoted multipart parameter, escaped as HTML forms do.
fn quoted(name: &str) -> String {
    name.replace('"', "%22")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A boundary that occurs in none of the contents.
fn boundary<'a>(contents: impl Iterator<Item = &'a str> + Clone) -> String {
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_nanos());
    let mut counter = 0_u64;
    loop {
        let candidate = format!("----blocks-webhook-{seed:x}-{counter}");
        if !contents.clone().any(|content| content.contains(&candidate)) {
            return candidate;
        }
        counter = counter.wrapping_add(1);
    }
}
