"""Offline machine translation: engine contract, argos adapter, glossary, placeholders, pipeline.

Importing this package imports nothing heavy: argostranslate is loaded only by
jit.translation.argos, on first use.
"""
