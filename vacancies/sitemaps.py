"""sitemap.xml for search engines: an index of two sections, the public pages
and every vacancy a candidate can apply for now (in pages of 50,000, the most
a sitemap may list). Internal, restricted, draft and closed vacancies are never
listed."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from .models import Vacancy


class PagesSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return ["vacancies:home", "vacancies:search"]

    def location(self, name):
        return reverse(name)


class VacancySitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return Vacancy.objects.visible_to_public().open_for_applications().only("reference", "updated_at").order_by("pk")

    def lastmod(self, vacancy):
        return vacancy.updated_at

    def get_latest_lastmod(self):
        # One aggregate, not every vacancy loaded to find the latest.
        return self.items().aggregate(latest=Max("updated_at"))["latest"]


SITEMAPS = {"pages": PagesSitemap, "vacancies": VacancySitemap}
