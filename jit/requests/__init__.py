"""Evidence and warrant requests: instrument catalog, draft rules, the CLI, and the drafting
wizard, lifecycle and documents of a JIT's requests (issue 3)."""
