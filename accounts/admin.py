from functools import wraps

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.decorators import login_required
from django.utils.translation import gettext as _

from .models import OutgoingEmail, User
from .two_factor import two_factor_redirect

# Support staff sign in to the Django admin on the service's own sign-in page,
# so they get its rate limit and two-factor authentication; the admin's own
# form would bypass both.
admin.site.login = login_required(admin.site.login)

_admin_view = admin.site.admin_view


def admin_view_with_two_factor(view, cacheable=False):
    """Every admin page (AdminSite.get_urls wraps each in admin_view): once
    the admin would let the user in, the staff pages' rule for two-factor
    authentication applies too. A superuser can do anything, so the admin
    needs it at least as much as /manage/ does."""
    protected = _admin_view(view, cacheable)

    @wraps(protected)
    def wrapper(request, *args, **kwargs):
        if admin.site.has_permission(request):
            two_factor_first = two_factor_redirect(
                request, why=_("The admin pages require two-factor authentication. Set it up to continue.")
            )
            if two_factor_first:
                return two_factor_first
        return protected(request, *args, **kwargs)

    return wrapper


# Before the admin's URLs are built (when the URLconf loads, after this module).
admin.site.admin_view = admin_view_with_two_factor


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_staff", "is_active", "date_joined"]
    search_fields = ["email", "full_name"]
    list_filter = ["is_staff", "is_superuser", "is_active"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Personal details", {"fields": ["full_name"]}),
        ("Permissions", {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]}),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "full_name", "password1", "password2"]}),
    ]


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(admin.ModelAdmin):
    """For support: was an e-mail sent, and if not, why. Read only."""

    list_display = ["subject", "recipients", "created_at", "sent_at", "attempts"]
    list_filter = [("sent_at", admin.EmptyFieldListFilter)]
    search_fields = ["subject", "to"]
    date_hierarchy = "created_at"
    fields = ["from_email", "to", "cc", "subject", "created_at", "sending_since", "sent_at", "attempts", "last_error"]
    readonly_fields = fields

    @admin.display(description="to")
    def recipients(self, obj):
        return ", ".join(obj.to)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
