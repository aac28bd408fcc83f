"""`tacitus clean`: show what the cleaning rules do to a file's extracted text."""

from __future__ import annotations

import click

from tacitus.clean import CleanResult, clean_field, clean_text, load_rules
from tacitus.cli import cli
from tacitus.ingest import IngestOptions, Skip, read_documents


def explain_lines(origin: str, result: CleanResult) -> list[str]:
    """One line per removal (origin:line, kind, rule, text) and one per replacement rule used."""
    lines = [f"# {origin}"]
    for removal in sorted(result.removals, key=lambda removal: removal.line):
        lines.append(f"{origin}:{removal.line}\t{removal.kind}\t{removal.rule}\t{removal.text!r}")
    for rule, count in sorted(result.replacements.items()):
        lines.append(f"{origin}\treplace\t{rule}\t{count} time(s)")
    return lines


@cli.command("clean")
@click.argument("file")
@click.option(
    "--explain", is_flag=True, help="List every removal with its rule and line instead of the text."
)
@click.option(
    "--rules",
    "rules_path",
    default=None,
    help="Cleaning rules file replacing the packaged patterns.toml.",
)
def clean_cli(file: str, explain: bool, rules_path: str | None) -> None:
    """Clean the text extracted from FILE (any format `tacitus ingest` reads) and print it.

    \b
    Example:
        tacitus clean --explain scraped_article.txt
    """
    rules = load_rules(rules_path)
    for document in read_documents([file], options=IngestOptions(languages=frozenset())):
        if isinstance(document, Skip):
            click.echo(f"{document.origin}\tskipped\t{document.reason}\t{document.detail}", err=True)
            continue
        result = clean_text(document.text, title=document.title, rules=rules)
        for name in ("source", "author", "url", "id"):  # counted as ingestion cleans them
            clean_field(getattr(document, name), rules, result.replacements)
        if explain:
            click.echo("\n".join(explain_lines(document.origin, result)))
        else:
            click.echo(result.text)
