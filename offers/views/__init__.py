"""Offer pages, by audience: staff (recruiters of the trust), the candidate,
the referee (a token link, no account), and the document download they share."""
