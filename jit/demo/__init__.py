"""The demo: two fictional JITs modelled on cases of the SafeBorders country report."""
