"""nhsuk.converters: URL parts match ASCII only, and ids fit a PostgreSQL integer."""

import re

import pytest

from nhsuk.converters import (
    ApplicantCodeConverter,
    IdConverter,
    OdsCodeConverter,
    ReferenceConverter,
    WordConverter,
)


def matches(converter, text):
    return re.fullmatch(converter.regex, text) is not None


@pytest.mark.parametrize("text", ["1", "42", "2147483647"])
def test_id_converter_takes_ascii_digits(text):
    assert matches(IdConverter, text)
    assert IdConverter().to_python(text) == int(text)


@pytest.mark.parametrize("text", ["0", "007", "\x00", "1\x00", "²", "1²", "١", "٣٢", "-1", "1.5", "", "12345678901"])
def test_id_converter_refuses_anything_else(text):
    assert not matches(IdConverter, text)


def test_id_converter_refuses_a_number_too_big_for_postgresql():
    assert matches(IdConverter, "2147483648")
    with pytest.raises(ValueError):
        IdConverter().to_python("2147483648")


def test_id_converter_writes_the_number():
    assert IdConverter().to_url(42) == "42"


@pytest.mark.parametrize("text", ["C9365-25-0249", "C9365-25-0249-2", "C1000-26-0001"])
def test_reference_converter_takes_nhs_jobs_references(text):
    assert matches(ReferenceConverter, text)
    assert ReferenceConverter().to_python(text) == text


@pytest.mark.parametrize(
    "text", ["c9365-25-0249", "C9365-25-0249\x00", "\x00", "C9365-25-０249", "C9365-25-٠٢٤٩", "feed", "2147483648", ""]
)
def test_reference_converter_refuses_anything_else(text):
    assert not matches(ReferenceConverter, text)


@pytest.mark.parametrize("text", ["RWP", "RJ2", "r1a"])
def test_ods_code_converter_takes_ascii_letters_and_digits(text):
    assert matches(OdsCodeConverter, text)


@pytest.mark.parametrize("text", ["R\x00", "RW²", "RJ٢", "ÄBC", "R-1", "ABCDEFGHIJK"])
def test_ods_code_converter_refuses_anything_else(text):
    assert not matches(OdsCodeConverter, text)


@pytest.mark.parametrize("text", ["A0001", "A0007", "A12345"])
def test_applicant_code_converter_takes_codes(text):
    assert matches(ApplicantCodeConverter, text)


@pytest.mark.parametrize("text", ["A²", "A١", "A٠٠٠١", "A000١", "A1", "a0001", "A0001\x00", "B0001"])
def test_applicant_code_converter_refuses_anything_else(text):
    assert not matches(ApplicantCodeConverter, text)


@pytest.mark.parametrize("text", ["pages", "vacancies"])
def test_word_converter_takes_lowercase_words(text):
    assert matches(WordConverter, text)


@pytest.mark.parametrize("text", ["pages\x00", "páges", "Pages", "1"])
def test_word_converter_refuses_anything_else(text):
    assert not matches(WordConverter, text)
