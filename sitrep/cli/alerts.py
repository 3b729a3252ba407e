"""`sitrep alerts`: periods in which violence by an actor, or in a place, rises well above its
own baseline, each with the milestones near it (the rule: `sitrep.analysis.alerts`)."""

from __future__ import annotations

from datetime import date

import click

from sitrep.analysis.alerts import VIOLENT_TYPES, AlertRule, alerts
from sitrep.analysis.timeline_query import PERIODS
from sitrep.cli.context import AppContext, Day, json_option, pass_app
from sitrep.cli.render import console, emit_json, print_table
from sitrep.model.vocab import PLOVER_TYPES

_DEFAULT = AlertRule()


@click.command("alerts")
@click.option("--by", type=click.Choice(PERIODS), default="month", show_default=True,
              help="Judge weeks or calendar months.")
@click.option("--actor", help="Only the series of the canonical actors named so (part of a name, or a "
                              "pack id).")
@click.option("--place", help="Only the series of the provinces (part of the name) or country (code) "
                              "named so.")
@click.option("--type", "types", multiple=True, type=click.Choice(PLOVER_TYPES, case_sensitive=False),
              help=f"The types that count as violence (repeatable; default {', '.join(VIOLENT_TYPES)}).")
@click.option("--since", type=Day(), help="Judge from this date (YYYY, YYYY-MM, YYYY-MM-DD).")
@click.option("--until", type=Day(last=True), help="Judge up to this date.")
@click.option("--window", type=click.IntRange(min=1), default=_DEFAULT.window, show_default=True,
              help="Periods in the trailing baseline.")
@click.option("--alpha", type=click.FloatRange(0, 1, min_open=True, max_open=True), default=_DEFAULT.alpha,
              show_default=True, help="Alert when P(count this high | baseline) is below this.")
@click.option("--min-count", type=click.IntRange(min=1), default=_DEFAULT.min_count, show_default=True,
              help="Fewer incidents than this in a period is never an alert.")
@json_option
@pass_app
def alerts_command(app: AppContext, by: str, actor: str | None, place: str | None, types: tuple[str, ...],
                   since: date | None, until: date | None, window: int, alpha: float, min_count: int,
                   as_json: bool) -> None:
    """Escalation alerts: periods where an actor's or a place's violent incidents rise well above
    that series' own baseline, with how far each is from your milestones.

    The rule: baseline = mean of the previous WINDOW periods (at least 4 of them, floored at 0.5);
    alert when the count is at least MIN-COUNT and P(X >= count) < ALPHA, X Poisson (or negative
    binomial with the window's variance, when the window is overdispersed)."""
    rule = AlertRule(window=window, min_history=min(_DEFAULT.min_history, window), alpha=alpha,
                     min_count=min_count)
    report = alerts(app.store, by=by, actor=actor, place=place, types=types or VIOLENT_TYPES,
                    since=since, until=until, rule=rule)
    if as_json:
        emit_json(report)
        return
    span = (f"{report.first.isoformat()} to {report.last.isoformat()}" if report.first and report.last
            else "no dated incident")
    periods = f"{report.periods} {by}{'' if report.periods == 1 else 's'}"
    console.print(f"{report.series} series ({', '.join(report.types)}), {periods}, {span}; "
                  f"alert when P(X >= count | baseline) < {rule.alpha:g} and count >= {rule.min_count}")
    print_table(f"{len(report.alerts)} alert{'' if len(report.alerts) == 1 else 's'}",
                [by, "series", "name", "incidents", "baseline", "p", "test", "milestones"],
                [[a.period, a.kind, a.series, a.count, f"{a.baseline:.2f}", f"{a.p_value:.2g}", a.test,
                  a.near] for a in report.alerts])
    if report.periods <= rule.min_history:
        console.print(f"(a {by} is judged after {rule.min_history} {by}s of history: "
                      f"{report.periods} is too few to judge any)")


COMMANDS = [alerts_command]
