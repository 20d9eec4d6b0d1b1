"""Evidence and warrant requests: instrument catalog, draft rules and the CLI."""
