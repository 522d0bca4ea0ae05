"""Error pages in the NHS.UK style. They render without a database query, so
they still work when the database is the thing that failed."""

from django.shortcuts import render
from django.views.decorators.csrf import requires_csrf_token


@requires_csrf_token
def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


@requires_csrf_token
def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


@requires_csrf_token
def server_error(request):
    return render(request, "500.html", status=500)
