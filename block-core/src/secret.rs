//! A secret text: redacted in `Debug` and `Display`, zeroed on drop, and
//! serialised masked unless the caller asks for it revealed.

use std::fmt;

use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// What every masked secret looks like wherever it is shown.
pub const MASK: &str = "********";

/// A credential or other sensitive text.
///
/// The text is kept in memory that is zeroed when the value is dropped.
/// Formatting and serialising show [`MASK`]; [`Secret::expose`] gives the
/// text to code that must use it, and [`Secret::revealed`] serialises it in
/// clear for a caller that explicitly asked.
#[derive(Clone)]
pub struct Secret(SecretString);

impl Secret {
    /// Wraps a text as a secret.
    #[must_use]
    pub fn new(text: impl Into<String>) -> Self {
        Self(SecretString::from(text.into()))
    }

    /// The text in clear, for the code that must send or compare it.
    #[must_use]
    pub fn expose(&self) -> &str {
        self.0.expose_secret()
    }

    /// A view that serialises the text in clear.
    #[must_use]
    pub fn revealed(&self) -> Revealed<'_> {
        Revealed(self)
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Secret({MASK})")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(MASK)
    }
}

impl PartialEq for Secret {
    fn eq(&self, other: &Self) -> bool {
        self.expose() == other.expose()
    }
}

impl Serialize for Secret {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(MASK)
    }
}

impl<'de> Deserialize<'de> for Secret {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Self::new)
    }
}

impl From<String> for Secret {
    fn from(text: String) -> Self {
        Self::new(text)
    }
}

/// A secret that serialises in clear; made by [`Secret::revealed`].
pub struct Revealed<'a>(&'a Secret);

impl fmt::Debug for Revealed<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Revealed").field(self.0).finish()
    }
}

impl Serialize for Revealed<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.0.expose())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_shows_the_text_unless_revealed() {
        let secret = Secret::new("canary-1234");
        assert_eq!(format!("{secret}"), MASK);
        assert_eq!(format!("{secret:?}"), "Secret(********)");
        assert_eq!(
            format!("{:?}", secret.revealed()),
            "Revealed(Secret(********))"
        );
        assert_eq!(serde_json::to_string(&secret).unwrap(), "\"********\"");
        assert_eq!(
            serde_json::to_string(&secret.revealed()).unwrap(),
            "\"canary-1234\""
        );
        assert_eq!(secret.expose(), "canary-1234");
    }
}
