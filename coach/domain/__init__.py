"""The pure rules and models: exercises, programmes, timeline, engine, progression, warning signs.

No terminal, command line, documents or file formats, and no file is read or written here.
Everything above may import it; it imports only coach.errors and coach.i18n.
"""
