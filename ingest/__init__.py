"""Pure readers: a file (path or bytes + name) -> records + problems. No DuckDB, no Streamlit."""
