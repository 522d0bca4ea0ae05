"""Views by audience: public.py for candidates and the public, the manage
package for staff."""
