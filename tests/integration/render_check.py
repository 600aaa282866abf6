#!/usr/bin/env python3
"""render_check.py SCHEMA IN OUT: reads the YAML (or JSON) document IN that `coras render` printed,
checks that it is exactly one document, validates it against tests/integration/schemas/SCHEMA.json
(JSON Schema draft 7, with common.json for shared definitions), and writes it to OUT as JSON for
json_query. Exits 1 naming the first violation."""
import json
import os
import sys

import jsonschema
import yaml

schema_name, source, target = sys.argv[1:4]
schema_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "schemas")
with open(source, encoding="utf-8") as f:
    documents = list(yaml.safe_load_all(f))
if len(documents) != 1 or not isinstance(documents[0], dict):
    sys.exit(f"{source}: expected one YAML mapping, got {len(documents)} documents")
document = documents[0]
store = {}
for name in os.listdir(schema_dir):
    with open(os.path.join(schema_dir, name), encoding="utf-8") as f:
        store[name] = json.load(f)
schema = store[schema_name + ".json"]
resolver = jsonschema.RefResolver(base_uri=schema_name + ".json", referrer=schema, store=store)
validator = jsonschema.Draft7Validator(schema, resolver=resolver)
errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
if errors:
    error = errors[0]
    path = "/".join(str(p) for p in error.absolute_path)
    sys.exit(f"{source}: not a valid {schema_name}: at /{path}: {error.message}")
with open(target, "w", encoding="utf-8") as f:
    json.dump(document, f)
