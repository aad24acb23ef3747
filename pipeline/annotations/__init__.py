"""Gold annotations: loading, validation and conversion (Label Studio, spaCy DocBin)."""
