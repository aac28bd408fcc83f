"""`tacitus eval`: score the coder against a gold file."""

from __future__ import annotations

import json
from typing import Any

import click

from tacitus.cli import cli
from tacitus.cli.store_options import min_confidence_option


def _fmt_triples(triples: list[list[str]] | list[tuple[str, str, str]]) -> str:
    return " ".join("/".join(t) for t in triples) or "-"


def _summary_line(name: str, summary: dict[str, Any]) -> str:
    parts = [f"{name:<14} {summary['passed']:>4}/{summary['records']:<4} pass {summary['pass_rate']:.1%}"]
    if "exact" in summary:
        e, r = summary["exact"], summary["relaxed"]
        parts.append(f"exact P {e['precision']:.3f} R {e['recall']:.3f} F1 {e['f1']:.3f}")
        parts.append(f"relaxed P {r['precision']:.3f} R {r['recall']:.3f} F1 {r['f1']:.3f}")
    if "root_share" in summary:
        parts.append(f"code {summary['code_share']:.1%} root {summary['root_share']:.1%}")
    if "event_type_recall" in summary:
        parts.append(
            f"type recall {summary['event_type_recall']:.1%} "
            f"source-country {summary['source_country_agreement']:.1%} "
            f"target-country {summary['target_country_agreement']:.1%}"
        )
    return "  ".join(parts)


def _print_report(report: dict[str, Any], show_records: str) -> None:
    for record in report["records"]:
        if show_records == "none" or (show_records == "failed" and record["passed"]):
            continue
        mark = "PASS" if record["passed"] else ("ERROR" if record["error"] else "FAIL")
        want = (
            _fmt_triples(record["expected"])
            if record["expected"] is not None
            else (record["gold_code"] or record["gold_plover"])
        )
        line = f"{mark:<5} {record['id']:<22} want {want}  got {_fmt_triples(record['predicted'])}"
        click.echo(line + (f"  [{record['error']}]" if record["error"] else ""))
    click.echo("")
    for category, summary in report["categories"].items():
        click.echo(_summary_line(category, summary))
    click.echo(_summary_line("OVERALL", report["overall"]))
    click.echo(f"exceptions: {report['overall']['exceptions']}")
    click.echo(f"min confidence: {report['run']['min_confidence']:g}")


@cli.command("eval")
@click.argument("gold", type=click.Path(dir_okay=False))
@click.option(
    "--dictionaries", type=click.Path(file_okay=False), help="Dictionary directory (default: shipped set)."
)
@click.option("--model", help="spaCy model package or path (default: en_core_web_sm if installed).")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document (figures and every record).")
@click.option(
    "--records",
    "show_records",
    type=click.Choice(["all", "failed", "none"]),
    default="all",
    show_default=True,
    help="Which per-record lines to print before the figures.",
)
@min_confidence_option
def eval_cmd(
    gold: str,
    dictionaries: str | None,
    model: str | None,
    as_json: bool,
    show_records: str,
    min_confidence: float,
) -> None:
    """Code the texts of GOLD (JSONL) and score them.

    Prints one line per record, then pass rate, precision, recall and F1 on
    (source, target, code), exact and relaxed (country part of actor codes and
    two-digit root), per category. CAMEO-manual gold (only a `code`) reports the
    share of sentences with an event of that code and of that root; PLOVER gold
    reports event-type recall and actor-country agreement. Events below
    --min-confidence are scored as not coded (the default threshold, as users get
    them; --min-confidence 0 scores everything the coder produces).

    Example:

    \b
        tacitus eval gold/tabari_validation.jsonl \\
            --dictionaries gold/tabari_dictionaries
    """
    from tacitus.evaluate import evaluate

    scores, facts = evaluate(gold, dictionaries=dictionaries, model=model, min_confidence=min_confidence)
    report = {**scores.as_dict(), "run": facts}
    if as_json:
        click.echo(json.dumps(report, indent=1, sort_keys=True))
    else:
        _print_report(report, show_records)
