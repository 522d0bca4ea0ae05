"""Views by audience: public.py for candidates and the public, manage.py for staff."""
