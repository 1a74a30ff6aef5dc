"""The `thoisu` command."""

from __future__ import annotations

import typer
from rich.console import Console

app = typer.Typer(help="Vietnamese news pages to event data.", no_args_is_help=True, add_completion=False)
eval_app = typer.Typer(help="Score thoisu against gold data, side by side with the tools users have today.")
app.add_typer(eval_app, name="eval")
console = Console()
err_console = Console(stderr=True)


if __name__ == "__main__":
    app()
