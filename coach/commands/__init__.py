"""One module per command or command group; coach.cli builds the Typer app from them."""
