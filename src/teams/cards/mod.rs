//! Adaptive Cards 1.5 drawn from the shared view models (app::screens), one function per screen.
