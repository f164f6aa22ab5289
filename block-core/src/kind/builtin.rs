//! The built-in catalogue. Names match the reference engine for interop;
//! descriptions are this project's own.
//!
//! Each constant is named after its kind in upper case (`*` is
//! [`WILDCARD`]): `#[block(kind = "secret")]` expands to [`SECRET`].

use super::Kind;

macro_rules! catalogue {
    ($($constant:ident = $name:literal, $type:literal, $description:literal;)+) => {
        $(
            #[doc = $description]
            pub const $constant: Kind = Kind {
                name: $name,
                description: $description,
                docs: $description,
                serialised_type: $type,
            };
        )+

        /// Every built-in kind, in catalogue order.
        pub static ALL: &[&Kind] = &[$(&$constant),+];
    };
}

catalogue! {
    WILDCARD = "*", "any", "Any value: a wildcard that connects with every kind.";
    BOOLEAN = "boolean", "boolean", "A true or false flag.";
    INTEGER = "integer", "integer", "A whole number.";
    FLOAT = "float", "number", "A floating-point number.";
    FLOAT_ZERO_TO_ONE = "float_zero_to_one", "number", "A number between 0 and 1, such as a confidence threshold.";
    STRING = "string", "string", "A piece of text.";
    LIST_OF_VALUES = "list_of_values", "array", "A list of values of any kind.";
    DICTIONARY = "dictionary", "object", "A map from text keys to values.";
    SECRET = "secret", "string", "A credential or other sensitive text; masked wherever results are shown.";
    TIMESTAMP = "timestamp", "string", "A point in time, serialised in ISO 8601 form.";
    BYTES = "bytes", "string", "Raw bytes, serialised as base64 text.";
    LANGUAGE_MODEL_OUTPUT = "language_model_output", "string", "The raw text answer of a large language model.";
    ROBOFLOW_API_KEY = "roboflow_api_key", "string", "An API key for the Roboflow platform.";
    ROBOFLOW_MODEL_ID = "roboflow_model_id", "string", "The identifier of a model hosted on the Roboflow platform.";
    ROBOFLOW_PROJECT = "roboflow_project", "string", "The name of a project on the Roboflow platform.";
    IMAGE = "image", "object", "An image together with its metadata.";
    IMAGE_METADATA = "image_metadata", "object", "Facts about an image: size, origin and parent.";
    PARENT_ID = "parent_id", "string", "The identifier of the image a crop or prediction came from.";
    PREDICTION_TYPE = "prediction_type", "string", "The name of the task a prediction answers, e.g. object detection.";
    INFERENCE_ID = "inference_id", "string", "The identifier of one model inference.";
    TOP_CLASS = "top_class", "string", "The most likely class of a classification.";
    OBJECT_DETECTION_PREDICTION = "object_detection_prediction", "object", "Bounding boxes with classes and confidences.";
    CLASSIFICATION_PREDICTION = "classification_prediction", "object", "The classes of an image with their confidences.";
    ZONE = "zone", "array", "A polygon given as a list of points.";
    RGB_COLOR = "rgb_color", "array", "A colour given as red, green and blue values.";
    EMBEDDING = "embedding", "array", "A vector of numbers that represents an image or a text.";
}
