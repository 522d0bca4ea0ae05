"""Operations on accounts that change more than one row."""

from django.db import transaction


@transaction.atomic
def delete_account(*, user):
    """Delete a candidate's account at their request.

    1. Delete the user. Their e-mail addresses, authenticator apps and recovery
       codes (allauth) and their applications go with it (on_delete=CASCADE).

    Staff accounts are closed by their trust, not here (accounts.views).
    Application data that a trust must keep for its reports will be
    anonymised here, before step 1, rather than deleted.
    """
    user.delete()
