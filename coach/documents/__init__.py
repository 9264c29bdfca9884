"""What is printed or exported: the handout, the report, Markdown, iCalendar, figures, charts.

Imports files and the domain; never the live terminal.
"""
