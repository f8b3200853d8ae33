"""Data layer: the CSV files in this folder, their schema, loading, validation and selection."""
