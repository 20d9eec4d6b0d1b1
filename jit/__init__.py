"""SafeBorders JIT Toolkit."""
