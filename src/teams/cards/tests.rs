//! Unit tests of the cards: content in both languages, actions round-trip, schema-valid.
