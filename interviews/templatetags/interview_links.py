"""Links to the interview pages from pages of the apps below interviews (the
vacancy page), which may not import interviews (DESIGN.md: dependencies run
one way): the template asks here whether the user may open them."""

from django import template

from ..scoring import sees_interview_scores

register = template.Library()


@register.simple_tag
def may_open_interview_scores(user, vacancy):
    """Whether the user may open the vacancy's list of candidates to score;
    the link is not shown to anyone it would answer 404."""
    return sees_interview_scores(user, vacancy)
