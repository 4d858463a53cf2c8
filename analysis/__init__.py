"""Pure analysis: texts and vectors in, themes, labels, sentiment and trends out. No DuckDB, no Streamlit."""
