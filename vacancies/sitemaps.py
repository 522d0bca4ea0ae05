"""sitemap.xml for search engines: an index of two sections, the public pages
and every vacancy a candidate can apply for now (in pages of 50,000, the most
a sitemap may list). Internal, restricted, draft and closed vacancies are never
listed.

Every address is on SITE_URL: Django's sitemaps take the host from the
request, whose Host header the client chooses."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import SitemapIndexItem, x_robots_tag
from django.db.models import Max
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

from nhsuk.formats import public_url

from .models import Vacancy


class PublicSitemap(Sitemap):
    changefreq = "daily"

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc


class PagesSitemap(PublicSitemap):
    def items(self):
        return [
            "vacancies:home",
            "vacancies:search",
            "pages:accessibility_statement",
            "pages:privacy_notice",
            "pages:contact",
        ]

    def location(self, name):
        return reverse(name)


class VacancySitemap(PublicSitemap):
    def items(self):
        return Vacancy.objects.visible_to_public().open_for_applications().only("reference", "updated_at").order_by("pk")

    def lastmod(self, vacancy):
        return vacancy.updated_at

    def get_latest_lastmod(self):
        # One aggregate, not every vacancy loaded to find the latest.
        return self.items().aggregate(latest=Max("updated_at"))["latest"]


SITEMAPS = {"pages": PagesSitemap, "vacancies": VacancySitemap}


@x_robots_tag
@require_safe
def sitemap_index(request):
    """/sitemap.xml: each section's sitemap, with a page of it for every 50,000
    entries. Django's own index view is this, but on the request's host."""
    entries = []
    for section, sitemap_class in SITEMAPS.items():
        sitemap = sitemap_class()
        url = public_url(reverse("sitemap_section", kwargs={"section": section}))
        lastmod = sitemap.get_latest_lastmod()
        entries.append(SitemapIndexItem(url, lastmod))
        entries.extend(SitemapIndexItem(f"{url}?p={page}", lastmod) for page in range(2, sitemap.paginator.num_pages + 1))
    return TemplateResponse(request, "sitemap_index.xml", {"sitemaps": entries}, content_type="application/xml")
