"""What vacancies tells the apps above it. vacancies imports none of them
(DESIGN.md: dependencies run one way); an app that must react connects here."""

from django.dispatch import Signal

# Sent after commit by vacancies.advert_changes.change_closing_time, with
# `vacancy_id`, `old_closing_at` and `new_closing_at`, when a live advert's
# closing time moves. candidates connects to it (its apps.py) to e-mail every
# candidate with a draft for the vacancy. After commit, so no e-mail tells of
# a change that rolled back.
closing_time_changed = Signal()
