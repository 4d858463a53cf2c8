"""The only stateful layer: one DuckDB file per workspace, and the use cases on it."""
