"""Who runs a vacancy's interviews: asked by the services that only they may
call and by the pages that only they may see."""

from organisations.models import Membership


def manages_interviews(user, vacancy):
    """Whether the user runs the vacancy's interviews: a recruiter of its
    trust, or its hiring manager. The one place this rule lives."""
    if user.pk == vacancy.hiring_manager_id:
        return True
    return Membership.objects.role_of(user, vacancy.organisation_id) == Membership.Role.RECRUITER
