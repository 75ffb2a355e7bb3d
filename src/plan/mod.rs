//! Everything about one plan file, from bytes to a typed plan: the model, loading (bytes -> TOML
//! tree with spans -> schema -> typed plan), the JSON Schema, timescales, rating scales, source
//! positions and the `Finding` every job reports in.
//!
//! May use: nothing else in the crate. Does no I/O beyond the bytes it is handed and reads no
//! clock; every other job builds on it.

pub mod escape;
pub mod finding;
pub mod fix;
pub mod load;
pub mod model;
pub mod position;
pub mod rating;
pub mod schema;
pub mod shape;
pub mod source;
pub mod timescale;
pub mod tomljson;
pub mod valid;
pub mod words;
