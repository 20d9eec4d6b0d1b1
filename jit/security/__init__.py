"""Security: browser sessions, API tokens, CSRF, throttling, headers and the access policy."""
