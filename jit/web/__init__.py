"""Web plumbing shared by the blueprints: request context, deny-by-default, errors, locale."""
