"""The offers' settings refuse values they cannot use, naming the variable."""

import pytest

from tests.test_settings import run_manage


@pytest.mark.parametrize("value", ["7,3", "0,3", "soon", ""])
def test_reference_chase_days_must_be_working_days_in_order(value):
    result = run_manage("check", env_overrides={"REFERENCE_CHASE_DAYS": value})

    assert result.returncode != 0
    assert "REFERENCE_CHASE_DAYS must be working days in increasing order, like 3,7." in result.stderr


def test_document_max_bytes_must_be_a_sensible_size():
    result = run_manage("check", env_overrides={"DOCUMENT_MAX_BYTES": "10"})

    assert result.returncode != 0
    assert "DOCUMENT_MAX_BYTES must be at least 1024." in result.stderr
