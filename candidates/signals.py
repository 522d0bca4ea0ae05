"""What candidates tells the apps above it. candidates imports none of them
(DESIGN.md: dependencies run one way); an app that keeps data about an
application connects here instead."""

from django.dispatch import Signal

# Sent with `application_ids` by services.anonymise_expired_applications,
# inside its transaction, before their personal information goes: a receiver
# deletes what it keeps of them (offers: the candidate's documents), and a
# failing receiver rolls the anonymising back, to be tried at the next run.
applications_anonymising = Signal()

# Sent with `application_id`, `actor` and `now` by services.withdraw_application,
# inside its transaction, after the application became withdrawn: a receiver
# lets go of what it held for the candidate (interviews: their booked slots,
# free at once for others), and a failing receiver rolls the withdrawal back.
application_withdrawn = Signal()
