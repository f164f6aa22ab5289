//! A vault step feeding a webhook header: the loopback server receives the
//! real value, while the printed results and any error show it masked.

use std::path::Path;
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use block_tests::run_cli;
use serde_json::{Value, json};

/// A server on 127.0.0.1 that answers `status` to at most one request and
/// reports the `Authorization` header it received.
fn server(status: u16) -> (String, mpsc::Receiver<Option<String>>) {
    let server = tiny_http::Server::http("127.0.0.1:0").unwrap();
    let address = format!("http://{}/hook", server.server_addr().to_ip().unwrap());
    let (sender, receiver) = mpsc::channel();
    thread::spawn(move || {
        if let Ok(Some(request)) = server.recv_timeout(Duration::from_secs(10)) {
            let header = request
                .headers()
                .iter()
                .find(|header| header.field.equiv("Authorization"))
                .map(|header| header.value.to_string());
            let _ = sender.send(header);
            let _ = request.respond(tiny_http::Response::empty(status));
        }
    });
    (address, receiver)
}

fn workflow(file_name: &str) -> tempfile::NamedTempFile {
    // The example reads WEBHOOK_TOKEN; setting a variable needs `unsafe`,
    // which the workspace forbids, so this copy reads PATH, always set.
    let example = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../examples")
        .join(file_name);
    let text = std::fs::read_to_string(example)
        .unwrap()
        .replace("WEBHOOK_TOKEN", "PATH")
        .replace("webhook_token", "path");
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), text).unwrap();
    file
}

#[test]
fn the_secret_reaches_the_server_in_clear_and_is_masked_everywhere_else() {
    let secret = std::env::var("PATH").unwrap();
    let file = workflow("secret_webhook.json");
    let (url, received) = server(200);
    let block_tests::CliRun { code, out, err } = run_cli(&[
        "run",
        file.path().to_str().unwrap(),
        "--allow-env",
        "PATH",
        "--param",
        &format!("url={url}"),
    ]);
    assert_eq!(code, 0, "{err}");
    let header = received.recv_timeout(Duration::from_secs(10)).unwrap();
    assert_eq!(
        header.as_deref(),
        Some(secret.as_str()),
        "the server gets the real value"
    );
    assert!(
        !out.contains(&secret) && !err.contains(&secret),
        "nothing printed shows it"
    );
    let results: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(results[0]["token"], json!("********"));
    assert_eq!(
        results[0]["delivery"]["error_status"],
        json!(false),
        "status flags stay visible"
    );
}

#[test]
fn a_failing_delivery_shows_no_secret_either() {
    let secret = std::env::var("PATH").unwrap();
    let file = workflow("secret_webhook.json");
    let (url, received) = server(500);
    let block_tests::CliRun { code, out, err } = run_cli(&[
        "run",
        file.path().to_str().unwrap(),
        "--allow-env",
        "PATH",
        "--param",
        &format!("url={url}"),
    ]);
    assert_eq!(
        code, 0,
        "a failed delivery is an output, as in the reference: {err}"
    );
    assert!(
        received
            .recv_timeout(Duration::from_secs(10))
            .unwrap()
            .is_some()
    );
    assert!(!out.contains(&secret) && !err.contains(&secret));
    let results: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(results[0]["delivery"]["error_status"], json!(true));
    let revealed = run_cli(&[
        "run",
        file.path().to_str().unwrap(),
        "--allow-env",
        "PATH",
        "--param",
        "url=http://127.0.0.1:9/x",
        "--reveal-secrets",
    ]);
    let results: Value = serde_json::from_str(&revealed.out).unwrap();
    assert_eq!(
        results[0]["token"],
        json!(secret),
        "--reveal-secrets prints it"
    );
}
