"""Accounts: organisations, users, teams (JITs) and memberships."""
