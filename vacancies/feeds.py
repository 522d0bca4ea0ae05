"""Atom feeds of newly published vacancies: all of them at /jobs/feed/, and one
trust's at /trusts/<ODS code>/jobs/feed/. Only vacancies a candidate can apply
for now appear, newest first."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from nhsuk.formats import public_url
from organisations.models import Organisation

from .models import Vacancy
from .templatetags.advert import advert_text

ENTRIES = 50


class NewVacanciesFeed(Feed):
    feed_type = Atom1Feed

    def title(self):
        return _("New jobs – %(service)s") % {"service": settings.SITE_NAME}

    def subtitle(self):
        return _("Jobs newly published by NHS trusts, newest first")

    def link(self):
        return public_url(reverse("vacancies:search") + "?" + urlencode({"sort": "newest"}))

    def feed_url(self):
        return public_url(reverse("vacancies:vacancy_feed"))

    def vacancies(self):
        return (
            Vacancy.objects.visible_to_public()
            .open_for_applications()
            .select_related("organisation")
            .order_by("-published_at", "-pk")
        )

    def items(self):
        return self.vacancies()[:ENTRIES]

    def item_title(self, vacancy):
        return vacancy.title

    def item_description(self, vacancy):
        closing = timezone.localtime(vacancy.closing_at)
        facts = format_html(
            "<p>{}<br>{}<br>{}</p>\n",
            vacancy.organisation.name,
            vacancy.salary_display,
            _("Closing date: %(date)s") % {"date": f"{closing.day} {closing:%B %Y}"},
        )
        return facts + advert_text(vacancy.job_summary)

    def item_link(self, vacancy):
        return public_url(vacancy.get_absolute_url())

    def item_pubdate(self, vacancy):
        return vacancy.published_at

    def item_updateddate(self, vacancy):
        return vacancy.updated_at

    def item_author_name(self, vacancy):
        return vacancy.organisation.name

    def item_categories(self, vacancy):
        return [label for label in (vacancy.get_band_display() if vacancy.band else "", vacancy.get_staff_group_display()) if label]


class TrustVacanciesFeed(NewVacanciesFeed):
    def get_object(self, request, ods_code):
        return get_object_or_404(Organisation, ods_code=ods_code)

    def title(self, organisation):
        return _("New jobs at %(trust)s – %(service)s") % {"trust": organisation.name, "service": settings.SITE_NAME}

    def subtitle(self, organisation):
        return _("Jobs newly published by %(trust)s, newest first") % {"trust": organisation.name}

    def link(self, organisation):
        return public_url(reverse("vacancies:search") + "?" + urlencode({"trust": organisation.ods_code, "sort": "newest"}))

    def feed_url(self, organisation):
        return public_url(reverse("vacancies:trust_vacancy_feed", kwargs={"ods_code": organisation.ods_code}))

    def items(self, organisation):
        return self.vacancies().filter(organisation=organisation)[:ENTRIES]
