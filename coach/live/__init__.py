"""The live terminal: the session runner, screen, keys, cues, questions and the break loop.

Imports files and the domain; never the documents wing.
"""
