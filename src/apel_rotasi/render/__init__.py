"""Renderers: plain rows in, a table, CSV, JSON, XLSX, ICS or HTML out."""
