"""crispy-forms layout objects for the `nhsuk` template pack.

A plain form needs none of these: `{% crispy form %}` and `{{ form|crispy }}`
already draw each field as its NHS.UK component. Use them for what a form
alone cannot say:

    self.helper = FormHelper()
    self.helper.layout = Layout(
        Field("full_name", label_size="l", is_page_heading=True),   # one question on the page
        Field("working_pattern", inline=True),                       # radios side by side
        Fieldset(_("What is your address?"), "line_1", "town", "postcode", legend_size="m"),
        Submit(_("Save and continue")),
    )
"""

from crispy_forms import layout
from crispy_forms.utils import TEMPLATE_PACK

LABEL_SIZES = ("s", "m", "l", "xl")


def _check_size(size):
    if size is not None and size not in LABEL_SIZES:
        raise ValueError(f"size must be one of {LABEL_SIZES}, not {size!r}")
    return size


class Field(layout.Field):
    """A field with the NHS.UK options for its label or legend.

    label_size: "s", "m", "l" or "xl" (the legend's, for radios, checkboxes and dates).
    is_page_heading: the label or legend is the page's <h1> (size "l" unless given).
    inline, small: the NHS.UK radios and checkboxes variants.
    Other keyword arguments become attributes of the control, as with crispy's Field;
    css_class="nhsuk-input--width-10" sets an input's width.
    """

    def __init__(self, *fields, label_size=None, is_page_heading=False, inline=False, small=False, **kwargs):
        super().__init__(*fields, **kwargs)
        self.nhsuk_context = {
            "label_size": _check_size(label_size),
            "is_page_heading": is_page_heading,
            "inline": inline,
            "small": small,
        }

    def render(self, form, context, template_pack=TEMPLATE_PACK, extra_context=None, **kwargs):
        extra_context = {**(extra_context or {}), **self.nhsuk_context}
        return super().render(form, context, template_pack=template_pack, extra_context=extra_context, **kwargs)


class Fieldset(layout.Fieldset):
    """Several fields under one legend, such as the lines of an address."""

    def __init__(self, legend, *fields, legend_size=None, is_page_heading=False, **kwargs):
        super().__init__(legend, *fields, **kwargs)
        self.legend_size = _check_size(legend_size) or ("l" if is_page_heading else None)
        self.is_page_heading = is_page_heading


class Submit(layout.Submit):
    """The NHS.UK button that submits the form: Submit(_("Save and continue")).

    name: sent with the form, for a page with more than one button.
    secondary, warning: the NHS.UK button variants.
    """

    field_classes = ""

    def __init__(self, text, name="", *, secondary=False, warning=False, **kwargs):
        super().__init__(name, text, **kwargs)
        if not name and not kwargs.get("css_id"):
            self.id = ""  # crispy would make "submit-id-", the same for every unnamed button
        if secondary:
            self.field_classes += " nhsuk-button--secondary"
        if warning:
            self.field_classes += " nhsuk-button--warning"
