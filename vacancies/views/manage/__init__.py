"""Staff pages under /manage/, a module for each job: the dashboard; a
vacancy's page and preview; the steps that write a draft; the builders of its
responsibilities and person specification; and the moves of its lifecycle,
one confirmation page each. manage_urls.py names them all.

Who may do what (DESIGN.md, "Every object a page shows belongs to ... a vacancy
their role covers; otherwise the answer is 404"):
- recruiters of the vacancy's trust see, change and move it (but never approve
  their own: Vacancy.may_be_approved_by);
- hiring managers and panel members see the vacancies they are on: the page,
  its history and the preview, and nothing else;
- everyone else gets 404.

Forms validate; these views save them or call vacancies.services, which takes
every lock and opens every transaction. The services' refusals
(TransitionNotAllowed) are shown in the NHS.UK error summary.
"""
