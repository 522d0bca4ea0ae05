"""Template helpers for the NHS.UK design system: the base layout and the
`nhsuk` crispy-forms template pack (templates/nhsuk/).

The pack's templates hold the NHS.UK markup; the decisions about a field (which
component it is, its ids, classes and aria-describedby) are made here, once,
so every component agrees on them.
"""

import html

from django import forms, template
from django.contrib.messages import constants as message_levels
from django.forms.formsets import BaseFormSet
from django.template.base import token_kwargs
from django.urls import NoReverseMatch, reverse
from django.utils.safestring import mark_safe

from nhsuk import formats
from nhsuk.widgets import DATE_PARTS, ERROR_PARTS_ATTR, NHSDateInput

register = template.Library()

# {{ vacancy.closing_at|nhs_time }}: 11:59pm, 9am, midday, midnight.
register.filter("nhs_time", formats.nhs_time, expects_localtime=True)
# {{ vacancy.get_absolute_url|public_url }}: on SITE_URL, whatever the request's Host.
register.filter("public_url", formats.public_url)

# Components of the same shape share a template.
FIELD_TEMPLATES = {
    "input": "nhsuk/fields/control.html",
    "textarea": "nhsuk/fields/control.html",
    "select": "nhsuk/fields/control.html",
    "character_count": "nhsuk/fields/character_count.html",
    "file": "nhsuk/fields/file.html",
    "checkbox": "nhsuk/fields/checkbox.html",
    "radios": "nhsuk/fields/choices.html",
    "checkboxes": "nhsuk/fields/choices.html",
    "date": "nhsuk/fields/date.html",
}


def field_kind(field):
    """The NHS.UK component that draws a bound field."""
    widget = field.field.widget
    if isinstance(widget, NHSDateInput):
        return "date"
    if isinstance(widget, forms.CheckboxSelectMultiple):  # a subclass of RadioSelect: test it first
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.Textarea):
        return "character_count" if getattr(field.field, "max_length", None) else "textarea"
    if isinstance(widget, forms.FileInput):
        return "file"
    return "input"


def field_id(field):
    """The id of the field's control, or of its first box or option."""
    return field.field.widget.attrs.get("id") or field.auto_id


def error_anchor(field):
    """Where the error summary's link for this field points: the control
    itself, the first option of radios and checkboxes, or the first date box
    that is wrong (the day box when all are)."""
    if field_kind(field) == "date":
        parts = date_error_parts(field) or DATE_PARTS
        return field.field.widget.id_for_label(field_id(field), parts[0])
    return field_id(field)


def date_error_parts(field):
    """The date boxes NHSDateField named as wrong, if it did."""
    for error in field.errors.as_data():
        if error.params and error.params.get("parts"):
            return tuple(error.params["parts"])
    return None


def join_classes(*classes):
    names = []
    for value in classes:
        for name in (value or "").split():
            if name not in names:
                names.append(name)
    return " ".join(names)


@register.simple_tag(takes_context=True)
def nhsuk_field(context, field):
    """Everything the pack's field templates need to draw one bound field.

    Reads what crispy-forms and our layout objects (nhsuk/layout.py) put in
    the context: form_show_errors, form_show_labels, wrapper_class, label_size,
    is_page_heading, inline and small.
    """
    kind = field_kind(field)
    id_ = field_id(field)
    errors = list(field.errors) if context.get("form_show_errors", True) else []
    label_size = context.get("label_size") or ("l" if context.get("is_page_heading") else None)

    info = {
        "kind": kind,
        "template": FIELD_TEMPLATES[kind],
        "id": id_,
        "label": field.label,
        "label_size": label_size,
        "label_hidden": not context.get("form_show_labels", True),
        "is_page_heading": bool(context.get("is_page_heading")),
        "hint": field.help_text,
        "hint_id": f"{id_}_helptext" if field.help_text else "",
        "errors": errors,
        "error_id": f"{id_}_error" if errors else "",
        "group_classes": join_classes(
            "nhsuk-form-group",
            "nhsuk-form-group--error" if errors else "",
            context.get("wrapper_class"),
            field.css_classes(),
        ),
    }
    if kind == "character_count":
        info["maxlength"] = field.field.max_length
        info["info_id"] = f"{id_}-info"  # the NHS.UK script looks for exactly "<textarea id>-info"
    # NHS.UK orders aria-describedby as: character count message, hint, error.
    info["describedby"] = " ".join(filter(None, [info.get("info_id"), info["hint_id"], info["error_id"]]))

    if kind in ("radios", "checkboxes"):
        module = "nhsuk-radios" if kind == "radios" else "nhsuk-checkboxes"
        info["module"] = module
        info["choices_classes"] = join_classes(
            module,
            f"{module}--inline" if context.get("inline") else "",
            f"{module}--small" if context.get("small") else "",
        )
        info["items"] = _choice_items(field, id_, f"{module}__input")
    else:
        info["widget"] = _render_widget(field, kind, info)
    return info


def _render_widget(field, kind, info):
    """The field's own control, with the NHS.UK classes added to any the widget has."""
    has_error = bool(info["errors"])
    own_classes = field.field.widget.attrs.get("class")
    attrs = {}
    if kind == "date":
        # The fieldset carries aria-describedby; the widget marks its own boxes.
        parts = date_error_parts(field) if has_error else ()
        if parts is not None:
            attrs[ERROR_PARTS_ATTR] = parts
        return field.as_widget(attrs=attrs)
    if kind == "checkbox":
        attrs["class"] = join_classes("nhsuk-checkboxes__input", own_classes)
    elif kind == "select":
        attrs["class"] = join_classes("nhsuk-select", own_classes, "nhsuk-select--error" if has_error else "")
    elif kind in ("textarea", "character_count"):
        attrs["class"] = join_classes(
            "nhsuk-textarea",
            "nhsuk-js-character-count" if kind == "character_count" else "",
            own_classes,
            "nhsuk-textarea--error" if has_error else "",
        )
        if kind == "character_count":
            # Let people type past the limit and see the count go red, rather
            # than have the browser silently cut off what they paste.
            attrs["maxlength"] = False
    elif kind == "file":
        attrs["class"] = join_classes("nhsuk-file-upload__input", own_classes)
    else:
        attrs["class"] = join_classes("nhsuk-input", own_classes, "nhsuk-input--error" if has_error else "")
    if info["describedby"]:
        attrs["aria-describedby"] = info["describedby"]
    return field.as_widget(attrs=attrs)


def _choice_items(field, id_, input_class):
    """Radios or checkboxes, each as its <input> and label text. The first
    option takes the field's own id, as in NHS.UK markup, so the error
    summary's link lands on it; the others are <id>-2, <id>-3..."""
    items = []
    for index, option in enumerate(field.subwidgets):
        data = option.data
        option_id = id_ if index == 0 else f"{id_}-{index + 1}"
        attrs = {
            "class": join_classes(input_class, data["attrs"].get("class")),
            "id": option_id,
            "name": data["name"],
            "type": data["type"],
            "value": "" if data["value"] is None else str(data["value"]),
        }
        attrs.update({key: value for key, value in data["attrs"].items() if key not in attrs})
        attrs["checked"] = bool(data["selected"])
        items.append({"id": option_id, "label": data["label"], "input": _input_tag(attrs)})
    return items


def _input_tag(attrs):
    """<input> with these attributes, as flatatt writes them (True: the name
    alone; False or None: left out), escaped with the standard library's
    html.escape, which Django's escape wraps: a question with a hundred
    options (interview times) draws each without Django's lazy-string checks."""
    parts = []
    for name, value in attrs.items():
        if value is True:
            parts.append(f" {name}")
        elif value is not False and value is not None:
            parts.append(f' {name}="{html.escape(str(value))}"')
    return mark_safe(f"<input{''.join(parts)}>")


@register.simple_tag
def nhsuk_error_summary_items(form):
    """The error summary's lines: errors about the whole form first, then one
    per error of each field, in the form's order, linking to the field. For a
    formset, its own errors, then each form's.

    Marks the form so a {% crispy %} further down the page does not draw a
    second summary."""
    form._nhsuk_error_summary_shown = True
    if isinstance(form, BaseFormSet):
        items = [{"text": error, "href": ""} for error in form.non_form_errors()]
        for each_form in form.forms:
            items += nhsuk_error_summary_items(each_form)
        return items
    items = [{"text": error, "href": ""} for error in form.non_field_errors()]
    for field in form:
        href = "" if field.is_hidden else f"#{error_anchor(field)}"
        items += [{"text": error, "href": href} for error in field.errors]
    return items


@register.filter
def nhsuk_error_summary_shown(form):
    return getattr(form, "_nhsuk_error_summary_shown", False)


@register.filter
def nhsuk_has_errors(form):
    """Whether a form or formset in the page's context has any error; pages
    with one start their <title> with "Error:"."""
    if isinstance(form, BaseFormSet):
        return form.is_bound and form.total_error_count() > 0
    return bool(getattr(form, "is_bound", False) and form.errors)


@register.filter
def nhsuk_button_classes(classes):
    """Keep only NHS.UK classes: crispy's own Submit and Button bring Bootstrap ones."""
    return " ".join(name for name in (classes or "").split() if name.startswith("nhsuk-"))


@register.simple_tag
def nhsuk_message_banners(messages):
    """Django messages as at most two notification banners: success, then the rest."""
    success = [message for message in messages if message.level == message_levels.SUCCESS]
    others = [message for message in messages if message.level != message_levels.SUCCESS]
    banners = []
    if success:
        banners.append({"success": True, "messages": success, "title_id": "notification-banner-success-title"})
    if others:
        banners.append({"success": False, "messages": others, "title_id": "notification-banner-important-title"})
    return banners


@register.simple_tag(takes_context=True)
def nhsuk_nav_items(context, *names_and_texts):
    """Header links from pairs of URL name and text:

        {% nhsuk_nav_items "vacancies:vacancy_search" _("Find a job") as nav_items %}

    A name that does not resolve (its page is not built yet) is left out.
    """
    if len(names_and_texts) % 2:
        raise template.TemplateSyntaxError("nhsuk_nav_items takes pairs of URL name and link text")
    request = context.get("request")
    path = request.path if request else ""
    items = []
    for name, text in zip(names_and_texts[::2], names_and_texts[1::2], strict=True):
        try:
            href = reverse(name)
        except NoReverseMatch:
            continue
        current = path == href
        active = not current and href != "/" and path.startswith(href)
        items.append({"href": href, "text": text, "current": current, "active": active})
    return items


SUMMARY_ROW_TEMPLATE = "nhsuk/includes/summary_row.html"
SUMMARY_ROW_OPTIONS = {"href", "action", "hidden", "empty", "classes"}


@register.tag
def summary_row(parser, token):
    """One row of an NHS.UK summary list, its value the tag's contents:

        {% summary_row _("Who can apply") href=change.details %}
          {{ vacancy.get_advertising_scope_display }}<br>...
        {% endsummary_row %}

    Options, all optional: href adds a link (action, its text, is "Change"
    unless given; hidden, what screen readers hear after it, is the key in
    lower case unless given); empty is shown as a hint when the contents are
    blank; classes are added to the row. templates/nhsuk/includes/summary_row.html
    holds the markup.
    """
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("summary_row takes the row's key: {% summary_row key option=value %}")
    key = parser.compile_filter(bits[1])
    rest = bits[2:]
    options = token_kwargs(rest, parser)  # takes the name=value bits off the front of rest
    if rest or not set(options) <= SUMMARY_ROW_OPTIONS:
        raise template.TemplateSyntaxError(
            f"summary_row takes a key, then only these options: {', '.join(sorted(SUMMARY_ROW_OPTIONS))}"
        )
    nodelist = parser.parse(("endsummary_row",))
    parser.delete_first_token()
    return SummaryRowNode(key, options, nodelist)


class SummaryRowNode(template.Node):
    def __init__(self, key, options, nodelist):
        self.key = key
        self.options = options
        self.nodelist = nodelist

    def render(self, context):
        row = {name: value.resolve(context) for name, value in self.options.items()}
        row["key"] = self.key.resolve(context)
        # The contents were escaped as they rendered; the surrounding whitespace
        # is only the template's layout, and blank contents show `empty`.
        row["value"] = mark_safe(self.nodelist.render(context).strip())
        row_template = context.template.engine.get_template(SUMMARY_ROW_TEMPLATE)
        return row_template.render(context.new(row))
