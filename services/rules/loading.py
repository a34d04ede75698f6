"""Reading a rules file: YAML to checked, compiled Rules, or a RulesError that names the
line and key of every problem so whoever edited the file can fix it."""

from __future__ import annotations

import hashlib
import re
from datetime import timedelta
from pathlib import Path
from typing import Any

import yaml
from marshmallow import ValidationError

from services.rules.matching import WordList
from services.rules.model import (
    Allocation,
    Classification,
    CompletenessCheck,
    Condition,
    FlagInfo,
    Match,
    QualityCheck,
    Rules,
    Signal,
    Target,
    Words,
)
from services.rules.schema import RulesDocumentSchema, Vocabulary, duration_minutes

DEFAULT_RULES_PATH = Path(__file__).resolve().parent / "default_rules.yaml"
# A rules file is a few hundred lines; anything far larger is a mistake, not rules.
MAX_RULES_BYTES = 1024 * 1024


class RulesError(Exception):
    """The rules are not valid; `problems` lists each as "line N, key: what is wrong"."""

    def __init__(self, source: str, problems: list[str]) -> None:
        super().__init__("The triage rules in " + source + " are not valid:\n  - " + "\n  - ".join(problems))
        self.source = source
        self.problems = problems


class _StrictLoader(yaml.SafeLoader):
    """Safe YAML that refuses a key given twice in one mapping (YAML would keep the last
    silently), and reads yes, no, on and off as words: answers are often "yes" or "no"."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _value in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"the key {key!r} is given twice", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


_StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_StrictLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def load_rules_file(path: Path | str, vocabulary: Vocabulary | None = None) -> Rules:
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise RulesError(path.name, [f"the file cannot be read ({error.strerror})"]) from error
    return load_rules_text(raw, source=path.name, vocabulary=vocabulary)


def load_rules_text(raw: bytes | str, *, source: str, vocabulary: Vocabulary | None = None) -> Rules:
    """Parse, check and compile a rules document."""
    data = raw.encode() if isinstance(raw, str) else raw
    if len(data) > MAX_RULES_BYTES:
        raise RulesError(source, [f"the file is larger than {MAX_RULES_BYTES // 1024} KB"])
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise RulesError(source, ["the file is not UTF-8 text"]) from error
    loader = _StrictLoader(text)
    try:
        node = loader.get_single_node()
        document = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else "the file"
        raise RulesError(source, [f"{where}: not valid YAML ({getattr(error, 'problem', None) or error})"]) from error
    finally:
        loader.dispose()
    if not isinstance(document, dict):
        raise RulesError(source, ["line 1: the file must be a YAML mapping (keys and values)"])
    try:
        checked = RulesDocumentSchema(vocabulary=vocabulary).load(document)
    except ValidationError as error:
        raise RulesError(source, _describe(error.normalized_messages(), node)) from error
    return _compile(checked, hashlib.sha256(data).hexdigest())


def _describe(messages: Any, root: yaml.Node) -> list[str]:
    """Each message as "line N, path.to[key]: message", in file order."""
    found: list[tuple[int, str]] = []

    def walk(tree: Any, path: tuple[Any, ...]) -> None:
        if isinstance(tree, dict):
            for key, sub in tree.items():
                walk(sub, (*path, key))
        elif isinstance(tree, list):
            for message in tree:
                if isinstance(message, (dict, list)):
                    walk(message, path)
                else:
                    found.append((_line_of(root, path), f"{_render(path)}: {message}"))

    walk(messages, ())
    return [f"line {line}, {text}" for line, text in sorted(found, key=lambda pair: pair[0])]


def _render(path: tuple[Any, ...]) -> str:
    shown = ""
    for part in path:
        if part in ("_schema", "value", "key"):
            continue
        shown += f"[{part}]" if isinstance(part, int) else (f".{part}" if shown else str(part))
    return shown or "the file"


def _line_of(node: yaml.Node, path: tuple[Any, ...]) -> int:
    """The line of the deepest node along `path` (a missing key points at its parent)."""
    for part in path:
        if isinstance(node, yaml.MappingNode):
            child = next((value for key, value in node.value if key.value == str(part)), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            child = node.value[part]
        else:
            child = None
        if child is None:
            continue
        node = child
    return node.start_mark.line + 1


def _words(raw: dict[str, str]) -> Words:
    return Words(en=raw["en"], cy=raw["cy"])


def _match(raw: dict[str, Any]) -> Match:
    def optional(key: str) -> frozenset[str] | None:
        return frozenset(raw[key]) if key in raw else None

    conditions = tuple(
        Condition(
            field=item["field"],
            any_of=frozenset(item["any_of"]) if "any_of" in item else None,
            none_of=frozenset(item["none_of"]) if "none_of" in item else None,
            missing=item.get("missing"),
            at_least=item.get("at_least"),
            below=item.get("below"),
            age_at_least=item.get("age_at_least"),
            age_below=item.get("age_below"),
        )
        for item in raw.get("answers", ())
    )
    words = raw.get("words")
    return Match(
        services=optional("services"),
        not_services=optional("not_services"),
        answers=conditions,
        flags=optional("flags"),
        words=WordList(words["en"], words["cy"]) if words else None,
    )


def _compile(doc: dict[str, Any], sha256: str) -> Rules:
    flags = {name: FlagInfo(weight=raw["weight"], label=_words(raw["label"])) for name, raw in doc["flags"].items()}
    return Rules(
        sha256=sha256,
        text_fields=tuple(doc["text_fields"]),
        flags=flags,
        units={name: _words(raw) for name, raw in doc["units"].items()},
        default_unit=doc["default_unit"],
        signals=tuple(
            Signal(id=raw["id"], flag=raw["flag"], weight=raw.get("weight", flags[raw["flag"]].weight),
                   reason=_words(raw["reason"]), match=_match(raw["match"]))
            for raw in doc["signals"]
        ),
        quality=tuple(QualityCheck(id=raw["id"], reason=_words(raw["reason"]), match=_match(raw["match"]))
                      for raw in doc["quality"]),
        classification=tuple(
            Classification(id=raw["id"], incident_category=raw["incident_category"], crime_class=raw["crime_class"],
                           match=_match(raw["match"]))
            for raw in doc["classification"]
        ),
        allocation=tuple(Allocation(id=raw["id"], unit=raw["unit"], match=_match(raw["match"])) for raw in doc["allocation"]),
        completeness=tuple(
            CompletenessCheck(id=raw["id"], reason=_words(raw["reason"]), question=_words(raw["question"]),
                              match=_match(raw["match"]))
            for raw in doc["completeness"]
        ),
        targets={
            key: Target(target=timedelta(minutes=duration_minutes(raw["target"])),
                        warn_before=timedelta(minutes=duration_minutes(raw["warn_before"])))
            for key, raw in doc["targets"].items()
        },
    )
