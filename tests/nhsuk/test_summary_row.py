"""One row of an NHS.UK summary list: templates/nhsuk/includes/summary_row.html
and the {% summary_row %} tag that draws it."""

import pytest
from django.template import TemplateSyntaxError, engines
from django.utils.safestring import mark_safe


def render(source, **context):
    return engines["django"].from_string("{% load nhsuk_tags %}" + source).render(context)


def include(**context):
    return engines["django"].get_template("nhsuk/includes/summary_row.html").render(context)


def squash(html):
    """The markup with the template's layout whitespace between tags taken out."""
    return "".join(line.strip() for line in html.splitlines())


def test_summary_row_without_a_link_has_a_key_and_a_value_only():
    html = render('{% summary_row "Reference" %}{{ reference }}{% endsummary_row %}', reference="C9365-26-0001")

    assert squash(html) == (
        '<div class="nhsuk-summary-list__row">'
        '<dt class="nhsuk-summary-list__key">Reference</dt>'
        '<dd class="nhsuk-summary-list__value">C9365-26-0001</dd>'
        "</div>"
    )


def test_summary_row_with_a_link_says_change_and_the_key_to_screen_readers():
    html = render(
        '{% summary_row "Job title" href=url %}{{ title }}{% endsummary_row %}',
        title="Staff Nurse",
        url="/manage/C9365-26-0001/details/",
    )

    assert squash(html) == (
        '<div class="nhsuk-summary-list__row">'
        '<dt class="nhsuk-summary-list__key">Job title</dt>'
        '<dd class="nhsuk-summary-list__value">Staff Nurse</dd>'
        '<dd class="nhsuk-summary-list__actions">'
        '<a href="/manage/C9365-26-0001/details/">Change<span class="nhsuk-u-visually-hidden"> job title</span></a>'
        "</dd>"
        "</div>"
    )


def test_summary_row_link_text_hidden_text_and_row_classes_can_be_given():
    html = render(
        '{% summary_row "Two-factor authentication" href="/2fa/" action="Set up" hidden="2FA"'
        ' classes="nhsuk-summary-list__row--no-border" %}Off{% endsummary_row %}'
    )

    assert '<div class="nhsuk-summary-list__row nhsuk-summary-list__row--no-border">' in html
    assert '<a href="/2fa/">Set up<span class="nhsuk-u-visually-hidden"> 2FA</span></a>' in html


def test_summary_row_value_may_be_html_written_in_the_tag():
    html = render(
        '{% summary_row "Panel" %}\n  {% for name in names %}{{ name }}{% if not forloop.last %}<br>{% endif %}{% endfor %}\n'
        "{% endsummary_row %}",
        names=["Ann <Lee>", "Bo Ray"],
    )

    assert '<dd class="nhsuk-summary-list__value">Ann &lt;Lee&gt;<br>Bo Ray</dd>' in html


def test_summary_row_shows_empty_as_a_hint_when_the_value_is_blank():
    blank = render('{% summary_row "Directorate" empty="Not answered" %} {{ directorate }} {% endsummary_row %}')
    given = render('{% summary_row "Directorate" empty="Not answered" %}Surgery{% endsummary_row %}')

    assert (
        '<dd class="nhsuk-summary-list__value"><span class="nhsuk-hint nhsuk-u-margin-bottom-0">Not answered</span></dd>'
        in blank
    )
    assert '<dd class="nhsuk-summary-list__value">Surgery</dd>' in given


def test_summary_row_escapes_the_key_and_the_values_it_is_given():
    html = render(
        '{% summary_row key href=url hidden=hidden %}{{ value }}{% endsummary_row %}',
        key="R&D <lead>",
        value="<script>alert(1)</script>",
        url='/x/?a=1&b="2"',
        hidden="<b>",
    )

    assert '<dt class="nhsuk-summary-list__key">R&amp;D &lt;lead&gt;</dt>' in html
    assert '<dd class="nhsuk-summary-list__value">&lt;script&gt;alert(1)&lt;/script&gt;</dd>' in html
    assert '<a href="/x/?a=1&amp;b=&quot;2&quot;">Change<span class="nhsuk-u-visually-hidden"> &lt;b&gt;</span></a>' in html


def test_summary_row_include_escapes_a_value_unless_it_is_marked_safe():
    plain = include(key="Contact", value="<a href='mailto:x@example.org'>x</a>")
    safe = include(key="Contact", value=mark_safe("<a href='mailto:x@example.org'>x</a>"))

    assert (
        '<dd class="nhsuk-summary-list__value">&lt;a href=&#x27;mailto:x@example.org&#x27;&gt;x&lt;/a&gt;</dd>'
        in plain
    )
    assert "<dd class=\"nhsuk-summary-list__value\"><a href='mailto:x@example.org'>x</a></dd>" in safe


def test_summary_row_include_shows_a_zero_value_when_no_empty_text_is_given():
    html = include(key="Applications", value=0)

    assert '<dd class="nhsuk-summary-list__value">0</dd>' in html


def test_summary_row_rejects_an_unknown_option():
    with pytest.raises(TemplateSyntaxError, match="only these options"):
        render('{% summary_row "Salary" link="/pay/" %}£1{% endsummary_row %}')
