//! The Webhook Sink, by version, and the HTTP request its versions send.

mod request;
pub mod v1;
