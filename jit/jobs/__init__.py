"""Background jobs with visible progress: a `job` table, a runner (a thread in the web process by
default, RQ workers over Redis when `JIT_REDIS_URL` is set), and owner-only status/result pages."""
