"""The e-mails shortlisting writes to candidates when the shortlist is
complete (candidates.emails: each a ((placeholder)) template a trust may reword)."""

from django.utils.translation import gettext_lazy as _

from candidates.emails import CandidateEmail, register, send_to_candidate

# The outcome e-mails (shortlisted, not shortlisted) are sent by
# scoring.complete_shortlisting, which picks them by outcome.
SHORTLISTED = register(
    CandidateEmail(
        key="shortlisting.shortlisted",
        label=_("Shortlisted for interview"),
        subject=_("You have been shortlisted: ((vacancy_title))"),
        body=_(
            "Dear ((candidate_name)),\n\n"
            "Thank you for applying for ((vacancy_title)) (((reference))).\n\n"
            "We are pleased to tell you that you have been shortlisted for interview. "
            "We will contact you soon with the interview details.\n\n"
            "You can see your application at ((link))\n\n"
            "((trust))\n"
        ),
    )
)

NOT_SHORTLISTED = register(
    CandidateEmail(
        key="shortlisting.not_shortlisted",
        label=_("Not shortlisted"),
        subject=_("Your application for ((vacancy_title))"),
        body=_(
            "Dear ((candidate_name)),\n\n"
            "Thank you for applying for ((vacancy_title)) (((reference))).\n\n"
            "We are sorry to tell you that you have not been shortlisted for interview this time. "
            "Thank you for your interest in working with us.\n\n"
            "((trust))\n"
        ),
        can_switch_off=True,
    )
)

# A trust may choose not to tell reserves (can_switch_off): they hear when
# they are invited to interview.
RESERVE = register(
    CandidateEmail(
        key="shortlisting.reserve",
        label=_("On the reserve list"),
        subject=_("Your application for ((vacancy_title)): reserve list"),
        body=_(
            "Dear ((candidate_name)),\n\n"
            "Thank you for applying for ((vacancy_title)) (((reference))) at ((trust)).\n\n"
            "You have not been shortlisted for interview for now, but you are on our reserve list. "
            "If a place comes up before the vacancy is filled, we will invite you to interview.\n\n"
            "((trust))\n"
        ),
        can_switch_off=True,
    )
)


def tell_reserve(application):
    """E-mail a candidate that they are on the vacancy's reserve list."""
    return send_to_candidate(application=application, email=RESERVE)
