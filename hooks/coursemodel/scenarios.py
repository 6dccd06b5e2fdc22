"""Scenario fields: a short situation, what the learner might do, and a coach's comment on each choice.

A scenario is practice with feedback. The learner picks one option (stored
like a `choice`: the option's `id`, or the slug of its text) and reads what a
coach would say about it. Its keys and limits come from `formats.py`, like
every other field type; errors are `path:line: what is wrong; what is allowed`.
"""

from __future__ import annotations

from .errors import AuthorError, LineDict, check_keys, kind_of, require_list, require_text
from .formats import ID_RE, ID_RULE, SCENARIO_OPTION_KEYS, SCENARIO_OPTIONS
from .model import Choice, Field
from .text import slugify

OPTION_HINT = '`- {text: "What you might do", comment: "What a coach would say about it"}`'


def parse_scenario(one: Field, data: LineDict, shown: str) -> None:
    """Read a scenario's `situation` and `options` into `one`.

    Its answer is practice, the learner's own: no message or plan line needs to
    use it, so it is private without saying so (and `private` is not one of its keys).
    """
    one.situation = require_text(
        data, "situation", shown, f"a scenario needs a `situation`: two to four sentences (field `{one.id}`)"
    ).strip()
    values = require_list(data, "options", shown, f"a scenario needs `options`: {OPTION_HINT}")
    low, high = SCENARIO_OPTIONS
    if not low <= len(values) <= high:
        problem = f"the scenario has {len(values)} option{'' if len(values) == 1 else 's'}"
        raise AuthorError(shown, data.line_of("options"), problem, f"from {low} to {high}")
    one.options = [parse_option(values[index], values.line_of(index), shown) for index in range(len(values))]
    check_option_slugs(one.options, shown)
    one.private = True


def parse_option(value: object, line: int, shown: str) -> Choice:
    """Read one option: `{text, comment}` and an optional `id` (its stored value)."""
    if not isinstance(value, LineDict):
        raise AuthorError(
            shown, line, f"each scenario option must be a mapping, not {kind_of(value)}", OPTION_HINT
        )
    check_keys(value, SCENARIO_OPTION_KEYS, shown, "in a scenario option")
    text = " ".join(require_text(value, "text", shown, "each option needs its `text`").split())
    comment = require_text(value, "comment", shown, "each option needs a coach's `comment` on it")
    comment = " ".join(comment.split())
    if "id" not in value:
        return Choice(text, slugify(text), value.line_of("text"), comment)
    choice_id = value["id"]
    if not isinstance(choice_id, str) or not ID_RE.match(choice_id):
        raise AuthorError(shown, value.line_of("id"), f"the option id `{choice_id}` is not valid", ID_RULE)
    return Choice(text, choice_id, value.line_of("id"), comment)


def check_option_slugs(options: list[Choice], shown: str) -> None:
    """Check that options make distinct, non-empty stored values (answers are stored by them)."""
    seen: dict[str, Choice] = {}
    for option in options:
        if not option.slug:
            raise AuthorError(
                shown,
                option.line,
                f"`{option.text}` has no letters or digits to name its answer by",
                "include a letter or digit, or give the option an `id`",
            )
        if option.slug in seen:
            first = seen[option.slug]
            raise AuthorError(
                shown,
                option.line,
                f"option `{option.text}` is stored as `{option.slug}`, "
                f"like `{first.text}` (line {first.line})",
                "give each option its own `id`, or texts that differ by a letter or digit",
            )
        seen[option.slug] = option
