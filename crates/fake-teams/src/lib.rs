//! A strict fake of Microsoft's side of a Teams bot, started by tests on loopback.
