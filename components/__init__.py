"""Stance Atlas: the data core (schema, loader, verifier, tables), charts and pages."""
