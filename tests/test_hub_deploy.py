"""The hub's Kubernetes values file (hub/k8s/values.yaml), checked as files: it is not deployed here.

Zero to JupyterHub cannot run on this machine, so the values are validated against the chart's
own schema (vendored in tests/data with its commit; every level of it refuses unknown keys) and
against the course's code: the traits it sets exist, and the URL, variables and file names are
the ones ``make hub`` uses.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from migration_course.hub.accounts import PARTICIPANT
from migration_course.hub.authenticator import CourseAuthenticator
from migration_course.hub.settings import DEFAULT_URLS, SERVER_SETTINGS_FILE, SETTINGS_ENV, sign_in_notice

REPO = Path(__file__).resolve().parent.parent
VALUES = REPO / "hub" / "k8s" / "values.yaml"
SCHEMA = REPO / "tests" / "data" / "z2jh-values.schema.json"


@pytest.fixture(scope="module")
def values() -> dict:
    return yaml.safe_load(VALUES.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft7Validator:
    return jsonschema.Draft7Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))


def test_values_match_the_charts_schema(values, validator):
    # Helm checks the values merged onto the chart's defaults, which supply the keys the schema
    # requires; here every key given must be known and of the right type.
    errors = [f"{'.'.join(map(str, e.path))}: {e.message}" for e in validator.iter_errors(values)
              if e.validator != "required"]
    assert errors == []


def test_the_schema_check_refuses_an_invented_key(values, validator):
    wrong = copy.deepcopy(values)
    wrong["singleuser"]["storage"]["exchangeVolume"] = "nbgrader-exchange"
    assert any("exchangeVolume" in e.message for e in validator.iter_errors(wrong))


def test_values_name_what_the_course_code_uses(values):
    auth = values["hub"]["config"]["CourseAuthenticator"]
    assert set(auth) <= set(CourseAuthenticator.class_trait_names(config=True))
    assert values["hub"]["config"]["JupyterHub"]["authenticator_class"] == (
        f"{CourseAuthenticator.__module__}.{CourseAuthenticator.__name__}")
    single = values["singleuser"]
    assert single["defaultUrl"] == DEFAULT_URLS[PARTICIPANT]
    settings_dir = single["extraEnv"]["JUPYTER_CONFIG_PATH"]
    assert single["extraEnv"][SETTINGS_ENV] == f"{settings_dir}/{SERVER_SETTINGS_FILE}"
    mounts = {m["mountPath"] for m in single["storage"]["extraVolumeMounts"]}
    assert settings_dir in mounts and "/srv/nbgrader/exchange" in mounts
    assert values["hub"]["templateVars"]["announcement_login"] == sign_in_notice()
