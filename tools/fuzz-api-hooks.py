"""Schemathesis hooks of `npm run fuzz:api` (tools/fuzz-api.sh passes this file as SCHEMATHESIS_HOOKS).

The API's rules that its OpenAPI 3.0 document cannot state in a schema (the fields' and the header's
descriptions say them instead). A schema-valid request refused for these reasons only is the API
keeping its rules, not a request it wrongly rejects; any other reason in the same answer still fails.
"""

import re

import schemathesis

# (method or None for any, path or None for any, status, one problem as the answer's message words it)
UNSTATEABLE = [
    # Comparisons between two fields: JSON Schema has none.
    ("POST", "/api/fairs", 400, r"endsAt: must be after startsAt"),
    (None, None, 400, r"(registration\.)?overseasHistory\.\d+\.to: must not be before from"),
    ("POST", "/api/seekers/duplicates/distinct", 400, r"b: must be another seeker than a"),
    ("POST", "/api/seekers/{id}/merge", 400, r"duplicateId: must be another seeker than the survivor"),
    ("POST", "/api/matching/runs", 400, r"shortlistsPerSeeker: only for a shortlist run \(shortlistRatio above 1\)"),
    ("POST", "/api/placements/{id}/status", 400, r"reason: only for a cancel \(status cancelled\)"),
    # Depends on the day it is asked.
    (None, None, 400, r"(registration\.)?birthDate: must not be in the future"),
    # Depends on who asks: staff name the employer, an employer's user posts for itself.
    ("POST", "/api/openings", 400, r"employerId: is required"),
    # Unique by one field of the items: uniqueItems compares whole items only.
    (None, None, 400, r"(registration\.)?consents: purpose \S+ appears more than once"),
    # A rule across requests: one Idempotency-Key is for one request only.
    ("POST", None, 422, r"Idempotency-Key .* was already used for a request with another body; .*"),
]


def _explained(method, path, status, problem):
    return any(
        rule_method in (None, method) and rule_path in (None, path) and rule_status == status and re.fullmatch(pattern, problem)
        for rule_method, rule_path, rule_status, pattern in UNSTATEABLE
    )


@schemathesis.hook
def filter_failure(context, failure, case, response):
    if failure.code != "ST202":  # "Schema-valid request rejected"
        return True
    try:
        message = response.json().get("message")
    except ValueError:
        return True
    problems = message if isinstance(message, list) else [message]
    method = case.operation.method.upper()
    return not all(isinstance(p, str) and _explained(method, case.operation.path, response.status_code, p) for p in problems)
