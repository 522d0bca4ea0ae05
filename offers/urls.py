"""Offer pages: namespace "offers". Staff pages under
/manage/vacancies/<reference>/offers/, the candidate's under
/applications/<id>/offer/, the referee's under /references/<id>/?t=<token> (recruitment/urls.py
includes this at the root)."""

from django.urls import path

from .views import candidate, common, referee, staff

app_name = "offers"

offers = "manage/vacancies/<reference:reference>/offers/"
offer = f"{offers}<id:offer_id>/"
mine = "applications/<id:application_id>/offer/"
link = "references/<id:reference_id>/"

urlpatterns = [
    path(offers, staff.offer_list, name="offer_list"),
    path(f"{offers}new/<id:application_id>/", staff.offer_create, name="offer_create"),
    path(offer, staff.offer_detail, name="offer_detail"),
    path(f"{offer}references/", staff.references_request, name="references_request"),
    path(f"{offer}references/<id:reference_id>/", staff.reference_review, name="reference_review"),
    path(f"{offer}checks/<id:check_id>/", staff.check_update, name="check_update"),
    path(f"{offer}unconditional/", staff.offer_unconditional, name="offer_unconditional"),
    path("offer-documents/<id:document_id>/", common.document_download, name="document_download"),
    path(mine, candidate.candidate_offer, name="candidate_offer"),
    path(f"{mine}accept/", candidate.candidate_accept, name="candidate_accept"),
    path(f"{mine}decline/", candidate.candidate_decline, name="candidate_decline"),
    path(f"{mine}checks/<id:check_id>/share-code/", candidate.candidate_share_code, name="candidate_share_code"),
    path(f"{mine}checks/<id:check_id>/", candidate.candidate_check, name="candidate_check"),
    path(f"{mine}start-date/", candidate.candidate_confirm_start, name="candidate_confirm_start"),
    path("references/thanks/", referee.reference_thanks, name="reference_thanks"),
    path(link, referee.reference_form, name="reference_form"),
    path(f"{link}decline/", referee.reference_decline, name="reference_decline"),
]
