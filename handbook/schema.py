"""Editors' data checked against its JSON Schema (handbook/schemas/), kept
with the code rather than beside the data so that an editor cannot loosen
what the data may be,
the same schema that VS Code and other editors use while typing (each YAML
file names it on its first line). jsonschema does the checking; this module
only turns its findings into Finnish. A message written into the schema
(patternErrorMessage, errorMessage) is used as it is."""

import json
from pathlib import Path

import jsonschema
import referencing

TYPE_NAMES = {"string": "tekstiä", "array": "luettelo (jokainen kohta alkaa viivalla -)",
              "object": "kenttiä (nimi: arvo)", "boolean": "kyllä/ei-arvo (true tai false)",
              "integer": "kokonaisluku", "number": "luku"}


SCHEMAS = Path(__file__).resolve().parent / "schemas"


def validator(name):
    """A validator for handbook/schemas/<name>.schema.json, with its sibling
    schemas reachable by their file names."""
    schemas = {path.name: json.loads(path.read_text(encoding="utf-8"))
               for path in SCHEMAS.glob("*.schema.json")}
    registry = referencing.Registry().with_resources(
        (file_name, referencing.Resource.from_contents(schema))
        for file_name, schema in schemas.items())
    schema = schemas[f"{name}.schema.json"]
    return jsonschema.Draft202012Validator(schema, registry=registry)


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
            path += (next(key for key in error.instance if key not in allowed),)  # the first unknown
        found.append((lines.of(*path) or 0, path, finnish(error)))
    found.sort(key=lambda entry: entry[0])
    seen = set()
    for line, path, message in found:
        if (path, message) not in seen:
            seen.add((path, message))
            problems.add(file, message, line or None, describe(path))


def finnish(error):
    """One jsonschema error as a Finnish message for an editor."""
    keyword = error.validator
    name = _field_name(error)
    written = _written(error, keyword)
    if written:
        return written
    if keyword == "required":
        # jsonschema gives one error per missing field; naming them all in
        # each keeps a second missing field from being lost to the de-duplication
        missing = [field for field in error.validator_value if field not in error.instance]
        if len(missing) > 1:
            return f"kentät {', '.join(map(repr, missing))} puuttuvat; lisää ne"
        return f"kenttä '{missing[0]}' puuttuu; lisää se"
    if keyword == "additionalProperties":
        allowed = list(error.schema.get("properties", {}))
        unknown = [field for field in error.instance if field not in allowed]
        return (f"tuntematon kenttä {', '.join(map(repr, unknown))} (sallitut: "
                f"{', '.join(allowed)}); tarkista kirjoitusasu ja sisennys")
    if keyword == "type":
        return f"kentän '{name}' pitää olla {TYPE_NAMES[error.validator_value]}"
    if keyword in ("minLength", "pattern") and error.validator_value in (1, "\\S"):
        return f"kenttä '{name}' on tyhjä; kirjoita siihen teksti"
    if keyword == "minItems" and error.validator_value == 1:
        return f"kenttä '{name}' on tyhjä; lisää ainakin yksi kohta (rivi alkaa viivalla -)"
    if keyword == "minItems":
        return f"kentässä '{name}' pitää olla vähintään {error.validator_value} kohtaa"
    if keyword == "enum":
        return (f"kentän '{name}' arvo '{error.instance}' ei käy (sallitut: "
                f"{', '.join(map(str, error.validator_value))})")
    if keyword in ("minimum", "maximum"):
        schema = error.schema
        return f"kentän '{name}' pitää olla {schema.get('minimum')}–{schema.get('maximum')}"
    if keyword == "not":
        return f"kenttä '{name}' ei kuulu tähän; poista se"
    return f"kentän '{name}' arvo ei kelpaa: {error.schema.get('description', '')}".rstrip(": ")


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
