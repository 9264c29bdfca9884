"""Everything that reads or writes a file: paths, durable writes, sessions, library, programmes.

Imports the domain; draws nothing (no rich, typer or fpdf).
"""
