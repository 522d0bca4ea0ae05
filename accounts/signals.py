"""What accounts tells the apps above it. accounts imports none of them
(DESIGN.md: dependencies run one way); an app that keeps data about a person
connects here instead."""

from django.dispatch import Signal

# Sent with `user` by accounts.services.delete_account, inside its transaction
# and before the user row goes, so a receiver can still read the user's rows and
# a failing receiver rolls the deletion back. candidates connects to it (its
# apps.py) to delete drafts and keep the applications a trust received.
account_deleting = Signal()
