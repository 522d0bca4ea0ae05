"""The `nhsuk` crispy-forms template pack (templates/nhsuk/) and the NHS.UK
date field (nhsuk/widgets.py): a plain Django form comes out as NHS.UK
components, with the error summary, inline errors and the answers kept."""

import datetime
from html.parser import HTMLParser

import pytest
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout
from django import forms
from django.http import HttpResponse
from django.template import engines
from django.urls import path

from nhsuk.layout import Field, Fieldset, Submit
from nhsuk.widgets import NHSDateField, NHSDateInput
from tests.browser_support import assert_accessible


class ApplicationForm(forms.Form):
    full_name = forms.CharField(
        label="Full name",
        max_length=20,
        help_text="As it appears on your passport",
        error_messages={"required": "Enter your full name", "max_length": "Full name must be 20 characters or fewer"},
    )
    supporting_information = forms.CharField(
        label="Supporting information",
        widget=forms.Textarea,
        max_length=50,
        help_text="Say how you meet the person specification",
        error_messages={
            "required": "Enter your supporting information",
            "max_length": "Supporting information must be 50 characters or fewer",
        },
    )
    working_pattern = forms.ChoiceField(
        label="Which working pattern do you want?",
        choices=[("full_time", "Full time"), ("part_time", "Part time")],
        widget=forms.RadioSelect,
        help_text="Select one option",
        error_messages={"required": "Select a working pattern"},
    )
    sites = forms.MultipleChoiceField(
        label="Where could you work?",
        choices=[("alexandra", "The Alexandra Hospital"), ("kidderminster", "Kidderminster General Hospital")],
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply",
        error_messages={"required": "Select at least one hospital"},
    )
    band = forms.ChoiceField(
        label="Band",
        choices=[("", "Choose a band"), ("5", "Band 5"), ("6", "Band 6")],
        error_messages={"required": "Select a band"},
    )
    available_from = NHSDateField(
        label="When could you start?",
        help_text="For example, 15 3 2026",
        error_messages={"required": "Enter the date you could start"},
    )
    declaration = forms.BooleanField(
        label="I confirm the information I have given is true",
        error_messages={"required": "Confirm the information you have given is true"},
    )


# Every field wrong: too long, too long, missing, missing, missing, 31 February, unticked.
BAD_DATA = {
    "full_name": "Alexandra Montgomery-Smith",
    "supporting_information": "I have led a directorate of 400 staff for six years.",
    "band": "",
    "available_from_day": "31",
    "available_from_month": "2",
    "available_from_year": "2025",
}

# Only the full name is wrong; every other answer is valid and must come back.
ONE_BAD_FIELD_DATA = {
    "full_name": "Alexandra Montgomery-Smith",
    "supporting_information": "Six years as a ward manager.",
    "working_pattern": "part_time",
    "sites": ["kidderminster"],
    "band": "6",
    "available_from_day": "5",
    "available_from_month": "3",
    "available_from_year": "2026",
    "declaration": "on",
}


def render(form, template="{% load crispy_forms_tags %}{% crispy form %}"):
    return engines["django"].from_string(template).render({"form": form})


def bound_form(data):
    form = ApplicationForm(data=data)
    form.is_valid()
    return form


# A small DOM from html.parser, enough to find elements and read their text.

VOID_ELEMENTS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Element:
    def __init__(self, tag, attrs, parent):
        self.tag = tag
        self.attrs = dict(attrs)
        self.parent = parent
        self.children = []

    @property
    def classes(self):
        return (self.attrs.get("class") or "").split()

    @property
    def text(self):
        return " ".join("".join(self._strings()).split())

    def _strings(self):
        for child in self.children:
            if isinstance(child, str):
                yield child
            else:
                yield from child._strings()

    def descendants(self):
        for child in self.children:
            if isinstance(child, Element):
                yield child
                yield from child.descendants()

    def find_all(self, tag=None, class_=None, **attrs):
        return [
            element
            for element in self.descendants()
            if (tag is None or element.tag == tag)
            and (class_ is None or class_ in element.classes)
            and all(element.attrs.get(name.replace("_", "-")) == value for name, value in attrs.items())
        ]

    def find(self, tag=None, class_=None, **attrs):
        found = self.find_all(tag, class_, **attrs)
        return found[0] if found else None

    def by_id(self, id_):
        return self.find(id=id_)

    def closest(self, class_):
        element = self.parent
        while element is not None and class_ not in element.classes:
            element = element.parent
        return element


class TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", [], None)
        self.current = self.root

    def handle_starttag(self, tag, attrs):
        element = Element(tag, attrs, self.current)
        self.current.children.append(element)
        if tag not in VOID_ELEMENTS:
            self.current = element

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Element(tag, attrs, self.current))

    def handle_endtag(self, tag):
        element = self.current
        while element is not self.root and element.tag != tag:
            element = element.parent
        if element is not self.root:
            self.current = element.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse(html):
    builder = TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


def group_of(page, control_id):
    """The nhsuk-form-group that holds a field (for a date box, the whole date's group)."""
    group = page.by_id(control_id).closest("nhsuk-form-group")
    while group.parent is not None and group.parent.closest("nhsuk-form-group") is not None:
        group = group.parent.closest("nhsuk-form-group")
    return group


# The error summary


def test_error_summary_says_there_is_a_problem_as_an_alert():
    page = parse(render(bound_form(BAD_DATA)))

    summary = page.find(class_="nhsuk-error-summary")

    assert summary.attrs["data-module"] == "nhsuk-error-summary"
    assert summary.find("div", role="alert") is not None
    assert summary.find("h2", class_="nhsuk-error-summary__heading").text == "There is a problem"


def test_error_summary_links_each_wrong_field_to_its_control():
    page = parse(render(bound_form(BAD_DATA)))

    links = page.find(class_="nhsuk-error-summary__list").find_all("a")

    assert [(link.attrs["href"], link.text) for link in links] == [
        ("#id_full_name", "Full name must be 20 characters or fewer"),
        ("#id_supporting_information", "Supporting information must be 50 characters or fewer"),
        ("#id_working_pattern", "Select a working pattern"),
        ("#id_sites", "Select at least one hospital"),
        ("#id_band", "Select a band"),
        ("#id_available_from_day", "Enter a real date"),
        ("#id_declaration", "Confirm the information you have given is true"),
    ]


def test_error_summary_links_land_on_an_input_of_the_page():
    page = parse(render(bound_form(BAD_DATA)))

    targets = [link.attrs["href"][1:] for link in page.find(class_="nhsuk-error-summary").find_all("a")]

    assert [page.by_id(target).tag for target in targets] == [
        "input", "textarea", "input", "input", "select", "input", "input"
    ]
    # The first radio and the first checkbox carry the field's id, as in NHS.UK markup.
    assert page.by_id("id_working_pattern").attrs["value"] == "full_time"
    assert page.by_id("id_sites").attrs["value"] == "alexandra"


def test_error_summary_lists_errors_about_the_whole_form_first_without_a_link():
    class DatesForm(forms.Form):
        start = NHSDateField(label="Start date")
        end = NHSDateField(label="End date")

        def clean(self):
            cleaned_data = super().clean()
            if cleaned_data.get("start") and cleaned_data.get("end") and cleaned_data["end"] < cleaned_data["start"]:
                raise forms.ValidationError("The end date must be after the start date")
            return cleaned_data

    form = DatesForm(
        data={
            **{"start_day": "10", "start_month": "3", "start_year": "2026"},
            **{"end_day": "1", "end_month": "3", "end_year": "2026"},
        }
    )
    form.is_valid()
    page = parse(render(form))

    items = page.find(class_="nhsuk-error-summary__list").find_all("li")

    assert [item.text for item in items] == ["The end date must be after the start date"]
    assert items[0].find("a") is None


def test_error_summary_links_to_the_date_box_that_is_missing():
    form = bound_form({**ONE_BAD_FIELD_DATA, "full_name": "Ada Lovelace", "available_from_month": ""})
    page = parse(render(form))

    links = page.find(class_="nhsuk-error-summary__list").find_all("a")

    assert [(link.attrs["href"], link.text) for link in links] == [
        ("#id_available_from_month", "The date must include a month")
    ]
    assert "nhsuk-input--error" in page.by_id("id_available_from_month").classes
    assert "nhsuk-input--error" not in page.by_id("id_available_from_day").classes
    assert "nhsuk-input--error" not in page.by_id("id_available_from_year").classes


def test_unbound_form_has_no_error_summary_and_no_error_messages():
    page = parse(render(ApplicationForm()))

    assert page.find(class_="nhsuk-error-summary") is None
    assert page.find_all(class_="nhsuk-error-message") == []
    assert page.find_all(class_="nhsuk-form-group--error") == []


def test_error_summary_included_at_the_top_of_the_page_is_not_drawn_again_by_crispy():
    html = render(
        bound_form(BAD_DATA),
        '{% load crispy_forms_tags %}{% include "nhsuk/error_summary.html" with form=form %}'
        "<h1>Apply for this job</h1>{% crispy form %}",
    )
    page = parse(html)

    assert len(page.find_all(class_="nhsuk-error-summary")) == 1
    assert html.index("nhsuk-error-summary") < html.index("<h1>")


# Inline errors


@pytest.mark.parametrize(
    ("control_id", "message"),
    [
        ("id_full_name", "Full name must be 20 characters or fewer"),
        ("id_supporting_information", "Supporting information must be 50 characters or fewer"),
        ("id_working_pattern", "Select a working pattern"),
        ("id_sites", "Select at least one hospital"),
        ("id_band", "Select a band"),
        ("id_available_from_day", "Enter a real date"),
        ("id_declaration", "Confirm the information you have given is true"),
    ],
)
def test_each_wrong_field_shows_its_error_message_in_its_form_group(control_id, message):
    page = parse(render(bound_form(BAD_DATA)))

    group = group_of(page, control_id)
    error = group.find(class_="nhsuk-error-message")

    assert "nhsuk-form-group--error" in group.classes
    assert error.text == f"Error: {message}"
    assert error.find(class_="nhsuk-u-visually-hidden").text == "Error:"


@pytest.mark.parametrize(
    ("control_id", "error_class"),
    [
        ("id_full_name", "nhsuk-input--error"),
        ("id_supporting_information", "nhsuk-textarea--error"),
        ("id_band", "nhsuk-select--error"),
        ("id_available_from_day", "nhsuk-input--error"),
    ],
)
def test_wrong_control_is_marked_with_the_error_style(control_id, error_class):
    page = parse(render(bound_form(BAD_DATA)))

    assert error_class in page.by_id(control_id).classes


@pytest.mark.parametrize(
    ("described_id", "describedby"),
    [
        ("id_full_name", "id_full_name_helptext id_full_name_error"),
        ("id_band", "id_band_error"),
        ("id_declaration", "id_declaration_error"),
    ],
)
def test_control_is_described_by_its_hint_and_error(described_id, describedby):
    page = parse(render(bound_form(BAD_DATA)))

    assert page.by_id(described_id).attrs["aria-describedby"] == describedby
    for id_ in describedby.split():
        assert page.by_id(id_) is not None


# Answers kept after an error


def test_typed_text_is_kept_after_an_error():
    page = parse(render(bound_form(BAD_DATA)))

    assert page.by_id("id_full_name").attrs["value"] == "Alexandra Montgomery-Smith"
    assert page.by_id("id_supporting_information").text == "I have led a directorate of 400 staff for six years."
    assert [page.by_id(f"id_available_from_{part}").attrs["value"] for part in ("day", "month", "year")] == [
        "31", "2", "2025"
    ]


def test_chosen_options_are_kept_after_an_error_elsewhere():
    page = parse(render(bound_form(ONE_BAD_FIELD_DATA)))

    radios = page.find_all("input", type="radio")
    boxes = page.find_all("input", type="checkbox")
    options = page.by_id("id_band").find_all("option")

    checked_radios = [radio.attrs["value"] for radio in radios if "checked" in radio.attrs]
    checked_boxes = [f"{box.attrs['name']}={box.attrs.get('value', '')}" for box in boxes if "checked" in box.attrs]
    selected = [option.attrs["value"] for option in options if "selected" in option.attrs]

    assert checked_radios == ["part_time"]
    assert checked_boxes == ["sites=kidderminster", "declaration="]
    assert selected == ["6"]
    assert page.by_id("id_supporting_information").text == "Six years as a ward manager."
    assert page.by_id("id_available_from_day").attrs["value"] == "5"


# Components


def test_hints_render_under_the_label_or_legend():
    page = parse(render(ApplicationForm()))

    assert page.by_id("id_full_name_helptext").text == "As it appears on your passport"
    assert "nhsuk-hint" in page.by_id("id_full_name_helptext").classes
    assert page.by_id("id_working_pattern_helptext").text == "Select one option"
    assert page.by_id("id_available_from_helptext").text == "For example, 15 3 2026"


@pytest.mark.parametrize(
    ("control_id", "legend", "fieldset_describedby"),
    [
        (
            "id_working_pattern",
            "Which working pattern do you want?",
            "id_working_pattern_helptext id_working_pattern_error",
        ),
        ("id_sites", "Where could you work?", "id_sites_helptext id_sites_error"),
        ("id_available_from_day", "When could you start?", "id_available_from_helptext id_available_from_error"),
    ],
)
def test_radios_checkboxes_and_dates_are_a_fieldset_with_the_question_as_legend(
    control_id, legend, fieldset_describedby
):
    page = parse(render(bound_form(BAD_DATA)))

    fieldset = group_of(page, control_id).find("fieldset", class_="nhsuk-fieldset")

    assert fieldset.find("legend", class_="nhsuk-fieldset__legend").text == legend
    assert fieldset.attrs["aria-describedby"] == fieldset_describedby
    assert page.by_id(control_id) in fieldset.descendants()


def test_radios_and_checkboxes_are_nhsuk_items_with_their_labels():
    page = parse(render(ApplicationForm()))

    radios = page.find(class_="nhsuk-radios")
    checkboxes = page.find(class_="nhsuk-checkboxes", data_module="nhsuk-checkboxes")

    assert radios.attrs["data-module"] == "nhsuk-radios"
    assert [(label.attrs["for"], label.text) for label in radios.find_all("label", class_="nhsuk-radios__label")] == [
        ("id_working_pattern", "Full time"),
        ("id_working_pattern-2", "Part time"),
    ]
    assert [(label.attrs["for"], label.text) for label in checkboxes.find_all("label")] == [
        ("id_sites", "The Alexandra Hospital"),
        ("id_sites-2", "Kidderminster General Hospital"),
    ]


def test_date_input_has_day_month_and_year_boxes_with_labels():
    page = parse(render(ApplicationForm()))

    date_input = page.by_id("id_available_from")
    boxes = date_input.find_all("input")

    assert "nhsuk-date-input" in date_input.classes
    assert [(box.attrs["name"], box.attrs["id"], box.attrs["inputmode"]) for box in boxes] == [
        ("available_from_day", "id_available_from_day", "numeric"),
        ("available_from_month", "id_available_from_month", "numeric"),
        ("available_from_year", "id_available_from_year", "numeric"),
    ]
    assert [label.text for label in date_input.find_all("label")] == ["Day", "Month", "Year"]
    assert "nhsuk-input--width-4" in boxes[2].classes


def test_textarea_with_max_length_is_a_character_count():
    page = parse(render(ApplicationForm()))

    group = group_of(page, "id_supporting_information")
    textarea = page.by_id("id_supporting_information")

    assert group.attrs["data-module"] == "nhsuk-character-count"
    assert group.attrs["data-maxlength"] == "50"
    assert textarea.classes == ["nhsuk-textarea", "nhsuk-js-character-count"]
    # No maxlength: people may type past the limit and see the count go red.
    assert "maxlength" not in textarea.attrs
    assert page.by_id("id_supporting_information-info").text == "You can enter up to 50 characters"
    assert textarea.attrs["aria-describedby"] == "id_supporting_information-info id_supporting_information_helptext"


def test_single_checkbox_is_an_nhsuk_checkbox_with_its_statement_as_label():
    page = parse(render(ApplicationForm()))

    checkbox = page.by_id("id_declaration")
    label = checkbox.closest("nhsuk-checkboxes__item").find("label")

    assert checkbox.classes == ["nhsuk-checkboxes__input"]
    assert label.text == "I confirm the information I have given is true"


def test_text_input_keeps_the_width_class_given_in_widget_attrs():
    class ReferenceForm(forms.Form):
        reference = forms.CharField(label="Reference", widget=forms.TextInput(attrs={"class": "nhsuk-input--width-10"}))

    page = parse(render(ReferenceForm(data={})))

    assert page.by_id("id_reference").classes == ["nhsuk-input", "nhsuk-input--width-10", "nhsuk-input--error"]


def test_crispy_filter_draws_the_same_components_without_a_form_tag():
    page = parse(render(bound_form(BAD_DATA), "{% load crispy_forms_tags %}{{ form|crispy }}"))

    assert page.find("form") is None
    assert page.find(class_="nhsuk-error-summary").find("h2").text == "There is a problem"
    assert len(page.find(class_="nhsuk-error-summary__list").find_all("a")) == 7
    assert page.by_id("id_full_name").attrs["value"] == "Alexandra Montgomery-Smith"


def test_crispy_tag_draws_a_post_form_that_the_browser_does_not_validate():
    page = parse(render(ApplicationForm()))

    form = page.find("form")

    assert form.attrs["method"] == "post"
    assert "novalidate" in form.attrs


# Layout objects (nhsuk/layout.py)


def test_field_layout_makes_the_label_the_page_heading():
    form = ApplicationForm()
    form.helper = FormHelper()
    form.helper.layout = Layout(Field("full_name", is_page_heading=True))
    page = parse(render(form, "{% load crispy_forms_tags %}{% crispy form form.helper %}"))

    heading = page.find("h1", class_="nhsuk-label-wrapper")

    assert heading.find("label").classes == ["nhsuk-label", "nhsuk-label--l"]
    assert heading.text == "Full name"


def test_field_layout_makes_the_legend_the_page_heading_and_radios_inline():
    form = ApplicationForm()
    form.helper = FormHelper()
    form.helper.layout = Layout(Field("working_pattern", is_page_heading=True, inline=True))
    page = parse(render(form, "{% load crispy_forms_tags %}{% crispy form form.helper %}"))

    legend = page.find("legend")

    assert legend.classes == ["nhsuk-fieldset__legend", "nhsuk-fieldset__legend--l"]
    assert legend.find("h1", class_="nhsuk-fieldset__heading").text == "Which working pattern do you want?"
    assert page.find(class_="nhsuk-radios").classes == ["nhsuk-radios", "nhsuk-radios--inline"]


def test_fieldset_layout_groups_fields_under_a_legend():
    form = ApplicationForm()
    form.helper = FormHelper()
    form.helper.layout = Layout(Fieldset("About you", "full_name", "band", legend_size="m"))
    page = parse(render(form, "{% load crispy_forms_tags %}{% crispy form form.helper %}"))

    fieldset = page.find("fieldset")

    assert fieldset.find("legend").classes == ["nhsuk-fieldset__legend", "nhsuk-fieldset__legend--m"]
    assert fieldset.find("legend").text == "About you"
    assert len(fieldset.find_all(class_="nhsuk-form-group")) == 2
    assert fieldset.by_id("id_full_name").tag == "input"
    assert fieldset.by_id("id_band").tag == "select"


def test_submit_layout_is_an_nhsuk_button():
    form = ApplicationForm()
    form.helper = FormHelper()
    form.helper.layout = Layout(
        "full_name", Submit("Save and continue"), Submit("Save as draft", "draft", secondary=True)
    )
    page = parse(render(form, "{% load crispy_forms_tags %}{% crispy form form.helper %}"))

    buttons = page.find_all("button")

    assert [(button.attrs["type"], button.classes, button.text) for button in buttons] == [
        ("submit", ["nhsuk-button"], "Save and continue"),
        ("submit", ["nhsuk-button", "nhsuk-button--secondary"], "Save as draft"),
    ]
    assert buttons[1].attrs["name"] == "draft"


# NHSDateField and NHSDateInput


class StartDateForm(forms.Form):
    start = NHSDateField(label="Start date")


def test_date_field_turns_day_month_and_year_into_a_date():
    form = StartDateForm(data={"start_day": "5", "start_month": "03", "start_year": "2025"})

    assert form.is_valid()
    assert form.cleaned_data["start"] == datetime.date(2025, 3, 5)


def test_date_field_accepts_a_month_name():
    form = StartDateForm(data={"start_day": "5", "start_month": "Sept", "start_year": "2025"})

    assert form.is_valid()
    assert form.cleaned_data["start"] == datetime.date(2025, 9, 5)


@pytest.mark.parametrize(
    ("day", "month", "year", "message"),
    [
        ("31", "2", "2025", "Enter a real date"),
        ("12", "13", "2025", "Enter a real date"),
        ("1st", "3", "2025", "Enter a real date"),
        ("5", "3", "25", "Year must include 4 numbers"),
        ("5", "", "2025", "The date must include a month"),
        ("", "", "2025", "The date must include a day and month"),
        ("", "", "", "Enter a date"),
    ],
)
def test_date_field_says_what_is_wrong(day, month, year, message):
    form = StartDateForm(data={"start_day": day, "start_month": month, "start_year": year})

    assert not form.is_valid()
    assert form.errors["start"] == [message]


def test_date_field_is_optional_when_not_required():
    class OptionalDateForm(forms.Form):
        end = NHSDateField(label="End date", required=False)

    form = OptionalDateForm(data={"end_day": "", "end_month": "", "end_year": ""})

    assert form.is_valid()
    assert form.cleaned_data["end"] is None


def test_date_input_shows_the_initial_date_in_its_boxes():
    page = parse(render(StartDateForm(initial={"start": datetime.date(2026, 1, 19)})))

    assert [page.by_id(f"id_start_{part}").attrs["value"] for part in ("day", "month", "year")] == ["19", "1", "2026"]


def test_date_input_offers_birthday_autocomplete_when_asked():
    class BirthForm(forms.Form):
        date_of_birth = NHSDateField(label="Date of birth", widget=NHSDateInput(autocomplete="bday"))

    page = parse(render(BirthForm()))

    assert [page.by_id(f"id_date_of_birth_{part}").attrs["autocomplete"] for part in ("day", "month", "year")] == [
        "bday-day", "bday-month", "bday-year"
    ]


# In a real browser: every component, in its error state, passes axe-core's
# WCAG 2.2 AA rules, and the NHS.UK scripts start (character count, error summary).


def application_page(request):
    form = bound_form(BAD_DATA)
    form.helper = FormHelper()
    form.helper.layout = Layout(*form.fields, Submit("Save and continue"))
    page = (
        '{% extends "base.html" %}{% load crispy_forms_tags %}{% block title %}Apply{% endblock %}'
        '{% block content %}{% include "nhsuk/error_summary.html" with form=form %}'
        "<h1>Apply for this job</h1>{% crispy form %}{% endblock %}"
    )
    return HttpResponse(engines["django"].from_string(page).render({"form": form}, request))


urlpatterns = [path("apply/", application_page)]


@pytest.mark.browser
@pytest.mark.urls(__name__)
def test_form_with_errors_passes_axe_and_its_scripts_run(page):
    page.goto("/apply/")
    page.wait_for_function(
        "document.querySelector('.nhsuk-character-count').hasAttribute('data-nhsuk-character-count-init')"
    )
    focused = page.evaluate("document.activeElement.className")
    count_message = page.locator(".nhsuk-character-count__status").inner_text()

    assert_accessible(page)
    assert focused == "nhsuk-error-summary"
    assert count_message == "You have 2 characters too many"
