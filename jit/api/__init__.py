"""The JSON API under /api/v1: problem details, OpenAPI document."""
