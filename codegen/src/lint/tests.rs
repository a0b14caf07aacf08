//! Lint tests live here (table-driven, inline specs).
