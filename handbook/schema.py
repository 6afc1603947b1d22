"""Editors' data checked against its JSON Schema (handbook/schemas/), kept
with the code rather than beside the data so that an editor cannot loosen
what the data may be,
the same schema that VS Code and other editors use while typing (each YAML
file names it on its first line). jsonschema does the checking; this module
only turns its findings into Finnish. A message written into the schema
(patternErrorMessage, errorMessage) is used as it is."""

import json
import re
from pathlib import Path

import jsonschema
import referencing

from handbook.problems import did_you_mean

TYPE_NAMES = {
    "string": "tekstiä",
    "array": "luettelo (jokainen kohta alkaa viivalla -)",
    "object": "kenttiä (nimi: arvo)",
    "boolean": "kyllä/ei-arvo (true tai false)",
    "integer": "kokonaisluku",
    "number": "luku",
}


SCHEMAS = Path(__file__).resolve().parent / "schemas"


def validator(name):
    """A validator for handbook/schemas/<name>.schema.json, with its sibling
    schemas reachable by their file names."""
    schemas = {
        path.name: json.loads(path.read_text(encoding="utf-8"))
        for path in SCHEMAS.glob("*.schema.json")
    }
    registry = referencing.Registry().with_resources(
        (file_name, referencing.Resource.from_contents(schema))
        for file_name, schema in schemas.items()
    )
    schema = schemas[f"{name}.schema.json"]
    return jsonschema.Draft202012Validator(schema, registry=registry)


def markdown_fields(name):
    """The names of the fields of handbook/schemas/<name>.schema.json that
    hold editors' Markdown text: those whose schema is the shared
    "#/$defs/text" (checklists.schema.json)."""
    found = set()

    def walk(node):
        if isinstance(node, dict):
            for key, value in (node.get("properties") or {}).items():
                if isinstance(value, dict) and value.get("$ref", "").endswith("#/$defs/text"):
                    found.add(key)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8")))
    return found


def check(validator, data, lines, file, problems, describe):
    """Every schema error in data added to problems, in file order.
    describe(path) names the item a path is in ("kysely 'x', kysymys 'y'")."""
    found = []
    for error in validator.iter_errors(data):
        path = tuple(error.absolute_path)
        if "propertyNames" in error.relative_schema_path:
            path += (error.instance,)  # a name that is not allowed: point at the name itself
        elif error.validator == "additionalProperties":
            allowed = error.schema.get("properties", {})
            path += (
                next(key for key in error.instance if key not in allowed),
            )  # the first unknown
        found.append((lines.of(*path) or 0, path, finnish(error)))
    found.sort(key=lambda entry: entry[0])
    seen = set()
    for line, path, message in found:
        if (path, message) not in seen:
            seen.add((path, message))
            problems.add(file, message, line or None, describe(path))


def finnish(error):
    """One jsonschema error as a Finnish message for an editor: the schema's
    own words if it has them, else this module's for the keyword."""
    written = _written(error, error.validator)
    if written:
        return written
    name = _field_name(error)
    message = KEYWORDS.get(error.validator, _other)(error, name)
    return message or _other(error, name)


def _required(error, name):
    # jsonschema gives one error per missing field; naming them all in
    # each keeps a second missing field from being lost to the de-duplication
    missing = [field for field in error.validator_value if field not in error.instance]
    if len(missing) > 1:
        return f"kentät {', '.join(map(repr, missing))} puuttuvat; lisää ne"
    return f"kenttä '{missing[0]}' puuttuu; lisää se"


def _additional(error, name):
    allowed = list(error.schema.get("properties", {}))
    unknown = [field for field in error.instance if field not in allowed]
    meant = did_you_mean(unknown[0], allowed) if len(unknown) == 1 else ""
    fix = meant or "; tarkista kirjoitusasu ja sisennys"
    return (
        f"tuntematon kenttä {', '.join(map(repr, unknown))} (sallitut: {', '.join(allowed)}){fix}"
    )


def _type(error, name):
    wanted = error.validator_value
    message = f"kentän '{name}' pitää olla {TYPE_NAMES[wanted]}"
    if wanted in ("integer", "number") and isinstance(error.instance, str):
        message += _number_in_text(error.instance, wanted, name)
    return message


# A text that holds one number: "80 %", "12 kpl", "noin 80", "0,5", "80"
ONE_NUMBER = re.compile(r"(\D*?)([+-]?\d+(?:[.,]\d+)?)(\D*)")


def _number_in_text(text, wanted, name):
    """How to write as a number a text that holds one ("80 %" for
    pass_mark: 80), or "" if it holds none or one that does not fit."""
    found = ONE_NUMBER.fullmatch(text.strip())
    if not found:
        return ""
    before, written, after = found.groups()
    if wanted == "integer" and re.search("[.,]", written):
        return ""  # "80,5": no whole number to offer
    number = written.replace(",", ".").lstrip("+")
    if before.strip() or after.strip():
        return f"; kirjoita pelkkä luku ilman yksikköä tai muuta tekstiä: {name}: {number}"
    if "," in written:
        return f"; kirjoita desimaalit pisteellä: {name}: {number}"
    return f"; kirjoita luku ilman lainausmerkkejä: {name}: {number}"


def _empty_text(error, name):
    if error.validator_value in (1, "\\S"):
        return f"kenttä '{name}' on tyhjä; kirjoita siihen teksti"
    return None


def _min_items(error, name):
    if error.validator_value == 1:
        return f"kenttä '{name}' on tyhjä; lisää ainakin yksi kohta (rivi alkaa viivalla -)"
    return f"kentässä '{name}' pitää olla vähintään {error.validator_value} kohtaa"


def _range(error, name):
    return f"kentän '{name}' pitää olla {error.schema.get('minimum')}–{error.schema.get('maximum')}"


def _other(error, name):
    return f"kentän '{name}' arvo ei kelpaa: {error.schema.get('description', '')}".rstrip(": ")


KEYWORDS = {
    "required": _required,
    "additionalProperties": _additional,
    "type": _type,
    "minLength": _empty_text,
    "pattern": _empty_text,
    "minItems": _min_items,
    "enum": lambda error, name: (
        f"kentän '{name}' arvo '{error.instance}' ei käy (sallitut: "
        f"{', '.join(map(str, error.validator_value))})"
        + (
            did_you_mean(error.instance, map(str, error.validator_value))
            if isinstance(error.instance, str)
            else ""
        )
    ),
    "minimum": _range,
    "maximum": _range,
    "not": lambda error, name: f"kenttä '{name}' ei kuulu tähän; poista se",
}


def _written(error, keyword):
    """The schema's own Finnish message for this failure: patternErrorMessage
    beside a pattern, or errorMessage (a text, or one per keyword) in the
    schema object where the check failed."""
    schema = error.schema if isinstance(error.schema, dict) else {}
    if keyword == "pattern" and "patternErrorMessage" in schema:
        return schema["patternErrorMessage"]
    written = schema.get("errorMessage")
    if isinstance(written, dict):
        return written.get(keyword)
    return written


def _field_name(error):
    """The field the error is about: the last key on its path."""
    keys = [part for part in error.absolute_path if isinstance(part, str)]
    return keys[-1] if keys else ""
