"""The demo trusts, sites, adverts and users that `manage.py seed_demo` writes.

The two vacancies are real adverts from NHS Jobs: Worcestershire Acute Hospitals'
Directorate Manager (posted 30 December 2025) and Lewisham and Greenwich's imaging
directorate manager (January 2026). Their text is kept word for word, with these
changes only:

- the scrape's Unicode hyphens (U+2010, U+2011) are plain hyphens, so that a search
  for "on-call" or "non-clinical" finds them;
- the one real e-mail address is an example.org address (DESIGN.md: no demo
  e-mail may reach a real person), and every invented contact is at example.org;
- the Lewisham advert's "·" bullets are "* " lines like Worcestershire's, its typo
  "thatthe" is "that the", and numbers the scrape added (criteria 15-48,
  aspirations 10-14) are dropped or restarted at 1.

Conventions for text fields: paragraphs are separated by a blank line, a bullet is
a line starting with "* ", a numbered item a line starting with "1. ".

Values marked DEMO are not in the adverts: they are plausible choices so that the
demo has every field a real vacancy has.
"""

import datetime
from decimal import Decimal

ORGANISATIONS = [
    {
        "ods_code": "RWP",
        "name": "Worcestershire Acute Hospitals NHS Trust",
        "short_name": "",
        "employer_code": "C9365",
        "address_line_1": "Charles Hastings Way",
        "address_line_2": "",
        "town": "Worcester",
        "county": "Worcestershire",
        "postcode": "WR5 1DD",
        "website": "https://www.worcsacute.nhs.uk/",
        # The advert's "About us", less the 4ward behaviours, which are the values.
        "about": (
            "Our purpose is simple – Putting Patients First. We are looking for exceptional colleagues who can help "
            "us achieve this. Worcestershire Acute Hospitals NHS Trust is a large acute and specialised hospital "
            "trust that provides a range of local acute services to the residents of Worcestershire and more "
            "specialised services to a larger population in Herefordshire and beyond. The Trust operates "
            "hospital-based services from three sites in Kidderminster, Redditch and Worcester.\n\n"
            "Our workforce is nearly 6,800 strong, and our caring staff are recognised as providing good and "
            "outstanding patient-centred care. We are committed to recruiting the best people to work with us to "
            "achieve our Vision – working in partnership to provide the best healthcare for our communities, leading "
            "and supporting our teams to move 4ward. Our 4ward behaviours, which we ask all staff to demonstrate, "
            "underpin our everyday work and remain firmly at the heart of all we do.\n\n"
            "Better never stops, and our Clinical Services Strategy provides a clear future vision for our Trust, "
            "our hospitals, our services and our role in the wider health and care system.\n\n"
            "We are proud to have achieved Timewise accreditation – this means we are committed to embedding "
            "flexible working within our organisation as a flex positive employer."
        ),
        # The 4ward behaviours "which we ask all staff to demonstrate".
        "values": (
            "* Best services for local people\n"
            "* Best experience of care and best outcomes for our patients\n"
            "* Best use of resources\n"
            "* Best people"
        ),
        # Latitude and longitude are approximate, from public maps.
        "sites": [
            {
                "name": "Worcestershire Royal Hospital",
                "address_line_1": "Charles Hastings Way",
                "address_line_2": "",
                "town": "Worcester",
                "county": "Worcestershire",
                "postcode": "WR5 1DD",
                "latitude": Decimal("52.191700"),
                "longitude": Decimal("-2.183200"),
            },
            {
                "name": "The Alexandra Hospital",
                "address_line_1": "Woodrow Drive",
                "address_line_2": "",
                "town": "Redditch",
                "county": "Worcestershire",
                "postcode": "B98 7UB",
                "latitude": Decimal("52.286900"),
                "longitude": Decimal("-1.914300"),
            },
            {
                "name": "Kidderminster General Hospital",
                "address_line_1": "Bewdley Road",
                "address_line_2": "",
                "town": "Kidderminster",
                "county": "Worcestershire",
                "postcode": "DY11 6RJ",
                "latitude": Decimal("52.384200"),
                "longitude": Decimal("-2.262700"),
            },
        ],
    },
    {
        "ods_code": "RJ2",
        "name": "Lewisham and Greenwich NHS Trust",
        "short_name": "LGT",
        # DEMO: the advert does not show the trust's NHS Jobs employer code.
        "employer_code": "C9472",
        # University Hospital Lewisham, the trust's headquarters.
        "address_line_1": "Lewisham High Street",
        "address_line_2": "",
        "town": "London",
        "county": "",
        "postcode": "SE13 6LH",
        "website": "https://www.lewishamandgreenwich.nhs.uk/",
        "about": (
            "Lewisham and Greenwich NHS Trust, (LGT), is a community-focused provider of local and acute care, "
            "delivering high-quality services to over one million people living across the London boroughs of "
            "Lewisham, Greenwich, and Bexley. We provide whole-life care and are here to support our communities to "
            "live healthier lives as well as taking care of them when they need us the most.\n\n"
            "Employing almost 7,500 colleagues, affectionately known as Team LGT, we provide services at Queen "
            "Elizabeth Hospital in Woolwich, University Hospital Lewisham, and at over a dozen community settings in "
            "Lewisham. We also provide some services at Queen Mary’s Hospital in Sidcup.\n\n"
            "We have recently launched our new vision and values to mark the LGT10 – the tenth anniversary of our "
            "Trust forming in 2013. Our trust vision is to be exceptional. In the quality of our patient care; our "
            "support for colleagues; and in the difference we make through our partnerships and in our communities.\n\n"
            "To achieve this we value Respect, Compassion, and Inclusion; Being accountable over staying "
            "comfortable; Listening over always knowing best; and Succeeding together over achieving alone.\n\n"
            "Our hospitals and community sites provide a wide range of inpatient and outpatient services, as well as "
            "emergency and planned care. The Trust is rated as “good” or “outstanding” in over three-quarters of the "
            "services inspected by the Care Quality Commission.\n\n"
            "Every year our work includes performing 10,000 procedures in our theatres; bringing seven and a half "
            "thousand new lives into the world; carrying out 570,000 visits to patients in their homes or "
            "communities and providing emergency care for more than 300,000 patients arriving in our busy Urgent and "
            "Emergency Departments.\n\n"
            "LGT is a centre for the education and training of medical students enrolled with King’s College "
            "London’s GKT School of Medical Education. We are a training centre for nurses, midwives and allied "
            "health professionals. We are pioneering new roles that will support the changing needs of our patients "
            "and are one of the largest employers of physician associates in the country.\n\n"
            "We are committed to working with our partners to deliver the best outcomes for our local communities. "
            "This means playing an active role in the South East London Integrated Care System (ICS), and in formal "
            "partnerships including the South East London Acute Provider Collaborative, provider partnerships with "
            "our local mental health trusts and borough-based boards of the ICS in Bexley, Greenwich and Lewisham."
        ),
        "values": (
            "Respect, Compassion, and Inclusion; Being accountable over staying comfortable; Listening over always "
            "knowing best; and Succeeding together over achieving alone."
        ),
        "sites": [
            {
                "name": "Queen Elizabeth Hospital",
                "address_line_1": "Stadium Road",
                "address_line_2": "Woolwich",
                "town": "London",
                "county": "",
                "postcode": "SE18 4QH",
                "latitude": Decimal("51.480200"),
                "longitude": Decimal("0.056000"),
            },
            {
                "name": "University Hospital Lewisham",
                "address_line_1": "Lewisham High Street",
                "address_line_2": "",
                "town": "London",
                "county": "",
                "postcode": "SE13 6LH",
                "latitude": Decimal("51.452400"),
                "longitude": Decimal("-0.018700"),
            },
        ],
    },
]

# People are named by e-mail address (see USERS); sites by name within the trust.
# date_posted, closing_at and interview_date are the advert's own dates; seed_demo
# moves them forward by whole weeks when closing_at has passed. closing_at is the
# wall-clock time in Europe/London.
VACANCIES = [
    {
        "reference": "C9365-25-0249-2",
        "organisation": "RWP",
        "sites": ["Worcestershire Royal Hospital", "The Alexandra Hospital", "Kidderminster General Hospital"],
        "created_by": "recruiter@example.org",
        "approved_by": "approver@example.org",
        "hiring_manager": "hiring.manager@example.org",
        "panel_members": ["panel.member@example.org"],
        "date_posted": datetime.date(2025, 12, 30),
        # DEMO: the advert gives no closing date; three weeks is usual for NHS Jobs.
        "closing_at": datetime.datetime(2026, 1, 19, 23, 59),
        "interview_date": None,
        "fields": {
            "title": "Directorate Manager",
            "directorate": "Specialised Clinical Services Division – Ophthalmology and Rheumatology",
            "staff_group": "administrative_clerical",
            "pay_scheme": "afc",
            "band": "8b",
            "salary_from": Decimal("64455"),
            "salary_to": Decimal("74896"),
            "salary_period": "year",
            "salary_text": "",
            "contract_type": "permanent",
            "contract_length": "",
            "full_time": True,
            "part_time": False,
            "flexible_working": True,
            "job_share": False,
            "home_or_hybrid": False,
            "hours_per_week": Decimal("37.5"),
            "job_summary": (
                "Worcestershire Acute Hospitals NHS Trust seeks an experienced Directorate Manager to enhance the "
                "management structure within the Specialised Clinical Services Division. This is an exciting time to "
                "join SCSD where you will be responsible for the management of Ophthalmology and Rheumatology "
                "services in conjunction with the Clinical Leads and Matron for the departments. Both services are "
                "high performing specialties and you will be expected to take the lead role in delivering the key "
                "objectives and targets relating to business, finance, performance, risk management and governance.\n\n"
                "We are looking for an innovative leader who can demonstrate enthusiasm and commitment to leading "
                "clinical services, as well as experience of pro-active management to achieve key performance "
                "targets, service improvement and business, financial and workforce planning. This post is based at "
                "Worcestershire Royal Hospital and travel across the county is essential. The post holder will "
                "participate in the Trust wide management on-call rota."
            ),
            "main_duties": (
                "The post holder will ensure that the Directorate and its services meet their quality, activity and "
                "financial targets. The post holder will work with the Clinical Director, Director of Operations, "
                "Divisional Director, and Matron(s) to assist in the planning, objective-setting and change "
                "management within both the Directorate and the Division as a whole. The post holder will be "
                "required to proactively engage in service transformation and development, responding to changing "
                "environments, working with commissioning colleagues to ensure that the service is fit for purpose "
                "and meets the changing needs of the population."
            ),
            # The advert's "About us" is the trust's own about text and values, shown
            # on every vacancy of the trust; this advert adds nothing of its own.
            "about_us": "",
            "additional_information": "",
            # "Disclosure and Barring Service Check"
            "applicant_requirements": (
                "This post is subject to the Rehabilitation of Offenders Act (Exceptions Order) 1975 and requires a "
                "submission for Disclosure to the Disclosure and Barring Service (formerly CRB) to check for any "
                "previous criminal convictions."
            ),
            "may_close_early": False,
            "application_cap": None,
            # The advert asks for a DBS disclosure without naming the level. A
            # directorate manager works on wards and in clinics with patients but
            # gives no care, so not regulated activity: standard.
            "dbs_level": "standard",
            "sponsorship_offered": False,
            "sponsorship_note": "",
            "offers_disability_confident": False,
            "offers_expanded_guaranteed_interview": True,
            # "Improving Diversity and Inclusive Recruitment". The person specification
            # repeats this as an "(Essential)" heading; it is the scheme, not a criterion.
            # The real contact's nhs.net address is replaced with an example.org one.
            "guaranteed_interview_note": (
                "As part of the Trust's aim to improve diversity across the Trust, positive action is being taken "
                "and all applications for this post from BAME, Disabled and LGBT+ candidates can request to be "
                "considered under an expanded Guaranteed Interview Scheme if they meet the minimum criteria "
                "specified in the person specification for this role. Applicants will be prompted in the application "
                "form to declare if they wish to be considered under this scheme and their response will be visible "
                "to the Shortlisting Panel.\n\n"
                "If you have any queries about the expanded Guaranteed Interview Scheme, please contact Rob Saunders "
                "(HR Manager – Recruitment) in confidence via email robert.saunders@example.org."
            ),
            # DEMO contact for enquiries: the advert names none. It is the demo hiring manager.
            "contact_name": "Helen Marsh",
            "contact_job_title": "Divisional Director of Operations, Specialised Clinical Services",
            "contact_email": "hiring.manager@example.org",
            "contact_phone": "",
        },
        # "Job responsibilities"
        "responsibility_sections": [
            {
                "heading": "General Duties – Performance",
                "items": [
                    (
                        "Ensure operational performance of the Directorate’s services meets agreed objectives and "
                        "targets."
                    ),
                    (
                        "Collaborate with the Director of Operations, Clinical Directors and Matron/Senior Nurses to "
                        "set and deliver the Directorate objectives in line with Divisional and Corporate targets."
                    ),
                    (
                        "Manage and deliver income and expenditure (I&E) balance on the budget devolved within the "
                        "Directorate."
                    ),
                    (
                        "Plan and monitor performance against all activity targets and service objectives; ensure "
                        "national and local waiting-time and booking targets are met."
                    ),
                    (
                        "Maintain highest levels of cleanliness in clinical areas in alignment with the Trust’s "
                        "Infection Control policy."
                    ),
                    (
                        "Coordinate with Cancer Services Team to monitor and deliver targets associated with the NHS "
                        "Cancer Plan."
                    ),
                    "Prepare for Cancer Peer Review, external QA audits, CQC inspections, etc.",
                    (
                        "Take responsibility for compliance with the Trust complaints procedure; identify and "
                        "implement action plans."
                    ),
                    "Ensure compliance with Health & Safety and CNST/NHSLA standards; implement action plans.",
                ],
            },
            {
                "heading": "Financial Management",
                "items": [
                    "Accountable for delivery of income and expenditure (I&E) balance for the Directorate.",
                    (
                        "Maintain an effective performance management system in partnership with the Directorate "
                        "Finance Manager."
                    ),
                    "Develop and present business cases to the Divisional Team.",
                    (
                        "Participate in pricing and costing, relating patient activity by diagnostic condition to "
                        "expenditure."
                    ),
                    "Ensure compliance with Standing Financial Instructions (SFI).",
                ],
            },
            {
                "heading": "Business / Policy / Planning",
                "items": [
                    "Deliver annual capacity and business planning for the Directorate.",
                    (
                        "Support Clinical Directors, Matrons/Ward Managers, Departmental Managers and other key "
                        "personnel in strategic review and action planning."
                    ),
                    "Develop innovative methods of income generation and financial control.",
                    (
                        "Draft business cases/briefing documents for submission to senior Advisory Groups, Trust "
                        "Board, Integrated Governance Committee, etc."
                    ),
                    (
                        "Ensure review and update of policies/procedures and working practices; contribute to Trust "
                        "wide policy updates."
                    ),
                    "Implement outcomes from submitted papers/reports.",
                    "Undertake project work as directed.",
                ],
            },
            {
                "heading": "Service Transformation and Development",
                "items": [
                    "Lead Directorate clinical teams in service redesign.",
                    (
                        "Advise Divisional Team on the development and implementation of strategies responding to "
                        "key national initiatives."
                    ),
                    "Stay aware of relevant service/technological developments; evaluate opportunities.",
                    "Keep abreast of national developments and strategies across specialties.",
                    (
                        "Work with Commissioning colleagues to maximise opportunities to meet joint CIP and QIPP "
                        "requirements."
                    ),
                    "Identify opportunities for service improvement and development.",
                ],
            },
            {
                "heading": "People Management",
                "items": [
                    "Motivate and take line management responsibility for all non-clinical and nursing staff.",
                    "Ensure implementation of Trust HR policies.",
                    "Recruit, induct, train and develop non-clinical staff; ensure robust appraisals.",
                    "Ensure Junior Doctor compliance with European Working Time Directive.",
                    "Review workforce plans with heads of department, corporate staff group leads and HR.",
                    "Maintain effective communication channels.",
                    "Develop partnership framework with staff representatives.",
                ],
            },
            {
                "heading": "Governance",
                "items": [
                    "Develop strategy to enhance quality standards.",
                    "Establish mechanisms to monitor achievement and take action if underperformance.",
                    "Coordinate, implement and review quality initiatives.",
                    "Implement changes in clinical practice as required.",
                    "Identify opportunities for change that improve or assist clinical practice.",
                    "Ensure risk management and quality assurance policies are compliant with Trust policy.",
                ],
            },
            {
                "heading": "Corporate & On Call Duties",
                "items": [
                    "Participate in the Trust’s management on-call rota.",
                    "Investigate/hear internal staff grievances/complaints from other Divisions as required.",
                ],
            },
        ],
        "criteria": [
            # Person Specification – Qualifications (Essential)
            {
                "category": "qualifications",
                "heading": "",
                "is_essential": True,
                "items": [
                    "First degree or professional academic qualification.",
                    "Relevant Management qualification or equivalent.",
                    "Master’s degree and/or equivalent experience.",
                ],
            },
            # Desirable: an experience criterion, but the advert lists it under Qualifications, so it stays there.
            {
                "category": "qualifications",
                "heading": "",
                "is_essential": False,
                "items": [
                    "Experience in Ophthalmology or/and Rheumatology services.",
                ],
            },
            # Personal Qualities (Essential)
            {
                "category": "personal_qualities",
                "heading": "",
                "is_essential": True,
                "items": [
                    "Pragmatic diplomatic management of situations and processes.",
                    "Displays strong motivation and commitment to success.",
                    "Ownership of personal development.",
                    "Resilience to work with competing demands and maintain high quality work.",
                ],
            },
            # Experience (Essential)
            {
                "category": "experience",
                "heading": "",
                "is_essential": True,
                "items": [
                    "Senior management experience in an acute setting.",
                    "Proven record of pro-active management to achieve key performance targets.",
                    (
                        "Demonstrable experience of service re-design, business planning and change management "
                        "initiatives."
                    ),
                    (
                        "Track record of effective financial management including delivery of efficiency savings, "
                        "income and expenditure targets."
                    ),
                    "Experience managing and building multi-professional teams to respond to operational issues.",
                ],
            },
            # Desirable
            {
                "category": "experience",
                "heading": "",
                "is_essential": False,
                "items": [
                    "Experience and knowledge of National Peer Review.",
                ],
            },
            # Skills / Knowledge (Essential): the same heading as the category in other words, so no heading of its own.
            {
                "category": "skills_knowledge",
                "heading": "",
                "is_essential": True,
                "items": [
                    (
                        "Ability to analyse issues and make judgements across general management subjects (Finance, "
                        "HR, quality, environment and external issues)."
                    ),
                    "Excellent communication skills – formal and informal presentations, adaptable style.",
                    (
                        "Effective working relationships and partnerships across professional groups/divisional "
                        "boundaries."
                    ),
                    "Well-developed IT skills for complex performance management information.",
                    "Negotiation skills.",
                    "Rapid grasp of new ideas/concepts.",
                    "Influence and motivation of staff to deliver targets.",
                    (
                        "Critical analysis and interpretation of complex management and patient information/data "
                        "sets."
                    ),
                    (
                        "Participation in strategic management processes and application (financial and workforce "
                        "planning)."
                    ),
                    (
                        "Comprehensive understanding of national and local cancer strategies and translation into "
                        "local services."
                    ),
                    "Knowledge of NHS financial flows and service planning impact.",
                    "Competence in employment law and good HR management practice.",
                    "Knowledge of national strategies/policy concerning patient care and national plans.",
                    "Understanding of clinical and corporate governance agenda and the role of the CQC.",
                    "Knowledge of inspection and regulation environment.",
                ],
            },
        ],
    },
    {
        # DEMO: the advert gives no reference; this one follows the NHS Jobs pattern
        # with the demo employer code.
        "reference": "C9472-26-0031",
        "organisation": "RJ2",
        "sites": ["Queen Elizabeth Hospital", "University Hospital Lewisham"],
        "created_by": "lgt.recruiter@example.org",
        "approved_by": "lgt.recruiter@example.org",
        "hiring_manager": None,
        "panel_members": [],
        # DEMO: the advert gives neither date posted nor closing date.
        "date_posted": datetime.date(2026, 1, 26),
        "closing_at": datetime.datetime(2026, 2, 9, 23, 59),
        # "PLEASE NOTE: Interview date 24th February 2026"
        "interview_date": datetime.date(2026, 2, 24),
        "fields": {
            # The scraped advert has no title line; it speaks of "a visionary imaging
            # leader" accountable for the Imaging Directorate.
            "title": "Imaging Directorate Manager",
            "directorate": "Imaging",
            "staff_group": "administrative_clerical",
            "pay_scheme": "afc",
            # DEMO: band, salary (entry to top of band 8c, 2025/26), contract and hours.
            "band": "8c",
            "salary_from": Decimal("76965"),
            "salary_to": Decimal("88682"),
            "salary_period": "year",
            "salary_text": "",
            "contract_type": "permanent",
            "contract_length": "",
            "full_time": True,
            "part_time": False,
            "flexible_working": False,
            "job_share": False,
            "home_or_hybrid": False,
            "hours_per_week": Decimal("37.5"),
            "job_summary": (
                "Are you a visionary imaging leader ready to drive innovation, elevate patient care, and shape the "
                "future of diagnostic services across a major NHS Trust? This is your opportunity to step into a "
                "high-impact role at the heart of a dynamic, ambitious organisation.\n\n"
                "We are seeking an experienced and credible senior leader to provide operational, strategic and "
                "financial leadership within the complex Imaging environment. The post holder will be responsible "
                "for delivering high-quality, safe and effective services, ensuring performance against agreed "
                "objectives, and supporting the Trust’s wider strategic priorities.\n\n"
                "This role requires a professional who can work collaboratively with clinical and managerial "
                "colleagues, demonstrate strong governance and financial control, and lead service improvement in "
                "line with organisational values. The successful candidate will bring sound judgement, resilience, "
                "and the ability to operate effectively at senior level within a changing healthcare system.\n\n"
                "Imaging is central to modern healthcare — and you’ll be at the forefront of ensuring our services "
                "are safe, efficient, compassionate and future-focused. You’ll influence Trust-wide strategy, drive "
                "service transformation, and champion excellence across a diverse, talented workforce.\n\n"
                "This is your chance to make a measurable difference to patient experience, clinical quality, and "
                "the development of imaging services across the organisation"
            ),
            "main_duties": (
                "1. Holding overall accountability for the operational performance of Imaging services, including "
                "quality, safety, access standards, clinical governance and patient experience.\n"
                "2. Leading performance management arrangements to ensure delivery against agreed activity, access, "
                "quality and financial targets, taking corrective action where required.\n"
                "3. Leading the development of business cases, service plans and performance reports, providing "
                "assurance to Divisional and Executive leadership.\n"
                "4. Managing and developing senior clinical and managerial leaders, ensuring effective workforce "
                "planning, performance appraisal, and compliance with Trust workforce policies.\n"
                "5. Maintaining robust financial control\n"
                "6. Ensuring effective risk management, clinical governance and business continuity arrangements "
                "across the service, including the investigation and management of serious incidents and complaints.\n"
                "7. Contributing to divisional and Trust-wide strategic initiatives, supporting service redesign, "
                "innovation and system-wide collaboration.\n"
                "8. Acting as a senior Trust representative with internal and external stakeholders, including "
                "commissioners, partner organisations and regulatory bodies.\n"
                "9. Deputising for the Divisional Director of Operations as required and participating in the senior "
                "manager on-call rota."
            ),
            # "Working for our organisation"
            "about_us": (
                "Our people are our greatest asset. When we feel supported and happy at work, this positivity "
                "reaches those very people we are here for, the patients. Engaged employees perform at their best "
                "and our Equality, Diversity & Inclusion (EDI) initiatives contribute to cultivate a culture of "
                "engagement. We have four staff networks, a corporate EDI Team and a suite of programmes and events "
                "which aim to insert the 5 aspirations:\n\n"
                "1. Improving representation at senior levels of staff with disabilities, from black, Asian, and "
                "ethnic minorities background, identify as LGBTQ+ and women, through improved recruitment and "
                "leadership development\n"
                "2. Widening access (anchor institution) and employability\n"
                "3. Improving the experience of staff with disability\n"
                "4. Improving the EDI literacy and confidence of trust staff through training and development\n"
                "5. Making equalities mainstream"
            ),
            "additional_information": (
                "We reserve the right to close the post before the stated closing date, please apply early. We do "
                "not contact applicants with the outcome of the shortlisting. If you have been shortlisted, you will "
                "receive an invite to an assessment day or interview.\n\n"
                "As a local employer and anchor institution we work closely with our community to recruit locally "
                "and we welcome applications from the widest variety of people to ensure our workforce are "
                "reflective of the local communities which we serve. We encourage all suitable candidates to apply "
                "including if you are Black, Asian or other ethnic minorities, live with a disability (visible or "
                "not) or are LGBT+. We have a number of active staff networks including Disability, LGBT+, "
                "Multicultural Inclusion and Women’s staff networks to bring staff together and celebrate diversity "
                "across our whole workforce."
            ),
            "applicant_requirements": (
                "The postholder will have access to vulnerable people in the course of their normal duties and as "
                "such this post is subject to the Rehabilitation of Offenders Act 1974 (Exceptions) Order 1975 "
                "(Amendment) (England and Wales) Order 2020 and as such it will be necessary for a submission for "
                "Disclosure to be made to the Disclosure and Barring Service to check for any previous criminal "
                "convictions."
            ),
            # "We reserve the right to close the post before the stated closing date"
            "may_close_early": True,
            "application_cap": None,
            # "access to vulnerable people in the course of their normal duties" is the
            # wording of the enhanced check; a manager gives no care, so not the barred lists.
            "dbs_level": "enhanced",
            "sponsorship_offered": True,
            "sponsorship_note": (
                "Please note that sponsorship under the Skilled Worker route is subject to Trust allocation and UK "
                "Visas and Immigration (UKVI) approval."
            ),
            "offers_disability_confident": False,
            "offers_expanded_guaranteed_interview": False,
            "guaranteed_interview_note": "",
            # "We do not contact applicants with the outcome of the shortlisting."
            "send_not_shortlisted_emails": False,
            # DEMO contact for enquiries: the advert names none; the post deputises for
            # the Divisional Director of Operations.
            "contact_name": "Daniel Okafor",
            "contact_job_title": "Divisional Director of Operations",
            "contact_email": "daniel.okafor@example.org",
            "contact_phone": "",
        },
        # "Detailed job description and main responsibilities"
        "responsibility_sections": [
            {
                "heading": "Performance management",
                "items": [
                    (
                        "Ensure the delivery of agreed performance indicators for the Directorate in relation to "
                        "clinical outcomes, clinical efficiency and service line reporting."
                    ),
                    (
                        "Ensure the Directorate has clearly defined performance objectives supported by a management "
                        "regime to deliver continuous improvement."
                    ),
                    (
                        "Develop and implement effective reporting arrangements to accurately record and monitor "
                        "performance against targets and to pro-actively manage any variances."
                    ),
                    (
                        "Provide regular reports of performance trends and service specific analysis to the Chief "
                        "Operating Officer and other Executive Directors with assurance that appropriate follow up "
                        "actions will be completed."
                    ),
                    (
                        "Lead on and oversee drafting and presentation of high-quality business cases, position "
                        "papers and service plans for the Directorate."
                    ),
                    (
                        "Lead the development of the annual Service Business Plan in conjunction with the Divisional "
                        "Director of Operations, Service Leads and divisional managerial staff. Lead on specific "
                        "elements of the divisional plan as defined by the Divisional Director of Operations."
                    ),
                    (
                        "Hold Lead Clinicians, Lead Nurses and Service Managers to account for delivery of their "
                        "objectives through regular performance and service review meetings."
                    ),
                    (
                        "Deal directly with key external stakeholders including local ICB’s and Place teams, other "
                        "external agencies and contractors as required."
                    ),
                    "Participate in the Trust Manager on-call rota.",
                ],
            },
            {
                "heading": "People management",
                "items": [
                    (
                        "Monitor compliance within the directorate with Trust-wide staff management policies and "
                        "procedures and take remedial action with accountable managers where shortfalls occur."
                    ),
                    (
                        "Line manage, coach and develop Lead Clinicians, Lead Nurses and Service Managers and "
                        "conduct their annual performance appraisal in conjunction with, respectively, the lead "
                        "clinician and lead nurse."
                    ),
                    (
                        "Ensure that managers have been trained in core workforce policies and are competent to deal "
                        "with first line workforce issues."
                    ),
                    (
                        "Ensure that all staff have annual appraisals and Personal Development Plans that support "
                        "the Trust’s excellence agenda."
                    ),
                    (
                        "Ensure that staff are deployed cost-effectively and controls are in place to meet key "
                        "workforce performance indicators on bank and agency, sickness absence reduction, turnover, "
                        "etc."
                    ),
                    (
                        "Take a proactive approach towards tackling HR issues including recruitment and retention, "
                        "labour utilisation and skill mix."
                    ),
                    (
                        "Ensure that appropriate action is taken to deal with issues of staff discipline, grievance, "
                        "poor performance and sickness, up to and including dismissal."
                    ),
                    (
                        "Manage and lead in a way that ensures respect and inclusion of all groups of staff, "
                        "patients and carers."
                    ),
                ],
            },
            {
                "heading": "Financial management",
                "items": [
                    "Act as an authorising signatory for capital and revenue budgets within agreed limits.",
                    "Ensure compliance with financial procedures and the Trust’s Standing Financial Instructions.",
                    "Ensure the achievement of key deadlines for financial reporting and planning.",
                    (
                        "Work with the Finance Business Partner in developing and engaging clinicians and managers "
                        "in a collaborative approach to financial management."
                    ),
                    "Ensure that the Directorate is achieving its agreed activity and access targets.",
                    (
                        "Work with key stakeholders and partners to maximise the cost improvement programme agenda "
                        "and meet levels of saving commitment allocated to the service."
                    ),
                    (
                        "Monitor activity and income against plan, reporting regularly to the Divisional Director of "
                        "Operations and enacting remedies where performance deviates from the plan."
                    ),
                ],
            },
            {
                "heading": "Risk and clinical governance",
                "items": [
                    (
                        "Manage the implementation of systems, control processes and risk management arrangements to "
                        "support monitoring of compliance with clinical governance standards, other Trust-wide "
                        "policies and processes and best practice requirements."
                    ),
                    (
                        "Respond to urgent or serious patient complaints ensuring immediate risk management, and "
                        "where possible defusing complaints by satisfying the complainant with the actions taken."
                    ),
                    (
                        "As a Trust Senior Manager carry out management investigations into clinical incidents and "
                        "staff management issues as requested, and to act as presenting manager or chair meetings "
                        "held under the Trust workforce policies."
                    ),
                    (
                        "Support, alongside the Lead Nurse and other clinical staff, root cause analyses and trend "
                        "analyses of all complaints and adverse incidents."
                    ),
                    "Take responsibility for business continuity of the services within the Directorate.",
                    (
                        "Ensure the Division provides high quality pathways and services and is responsive to the "
                        "needs of patients, carers, service users and General Practitioners."
                    ),
                    "Put the interest of patients / service users at the heart of all managerial decisions.",
                ],
            },
            {
                "heading": "Strategy and service improvement",
                "items": [
                    (
                        "Support the Divisional Director of Operations in identifying both new opportunities for the "
                        "individual services within the Directorate, arising from changes in the external "
                        "environment or internal innovation, and potential threats and ways to respond to them."
                    ),
                    (
                        "Challenge existing practices, ensuring that progressive solutions, which take into account "
                        "models of best practice, are incorporated into service plans."
                    ),
                    (
                        "Support clinicians to re-design services to deliver improved clinical outcomes for "
                        "patients, reduce waiting times and use resources more efficiently."
                    ),
                    (
                        "Manage service improvement projects within the Directorate and contribute to Trust-wide and "
                        "Divisional service improvement projects within agreed timeframes and financial targets."
                    ),
                ],
            },
        ],
        # Every criterion of this advert is essential.
        "criteria": [
            # Person specification, items 15-18: degrees, NHS knowledge and CPD
            {
                "category": "qualifications",
                "heading": "Qualifications and knowledge",
                "is_essential": True,
                "items": [
                    "First degree or equivalent",
                    "Evidence of other specialist knowledge at higher degree or master’s level",
                    (
                        "Extensive knowledge of the NHS in the acute sector with up-to-date knowledge of patient "
                        "services"
                    ),
                    "Evidence of CPD",
                ],
            },
            # Experience
            {
                "category": "experience",
                "heading": "",
                "is_essential": True,
                "items": [
                    (
                        "Significant experience in clinical service management at a senior level in a large, complex "
                        "acute hospital or community service environment"
                    ),
                    (
                        "Demonstrable success in delivering large scale change projects/programs with and through "
                        "management and clinical teams"
                    ),
                    "Track record of financial delivery",
                    "A good understanding of the changing NHS environment",
                    "Track record in writing complex cases and policies",
                    "Experience of managing and deciding on complex employment issues",
                ],
            },
            # Working with Others
            {
                "category": "skills_knowledge",
                "heading": "Working with others",
                "is_essential": True,
                "items": [
                    (
                        "Highly developed leadership and influencing skills with the ability to enthuse, motivate "
                        "and involve individuals and teams, and have them understand the Trust’s and your "
                        "performance expectations"
                    ),
                    (
                        "Able to network and collaborate constructively with internal and external partners to "
                        "deliver and improve services"
                    ),
                    "Able to lead a team, and to adopt a team approach to deliver and improve services",
                    "Excellent inter-personal and communications skills and the ability to direct when required",
                    (
                        "Engages effectively across boundaries, while operating in partnership with stakeholders "
                        "towards a shared vision"
                    ),
                    "Able to act with integrity, and to value respect and promote equality and diversity",
                ],
            },
            # Managing Services
            {
                "category": "skills_knowledge",
                "heading": "Managing services",
                "is_essential": True,
                "items": [
                    (
                        "Able to think and plan strategically, tactically and creatively, and to prioritise work "
                        "programs in the face of competing demands"
                    ),
                    "Able to manage and deliver services within resources",
                    "Able to critically analyse and interpret complex financial and clinical data sets",
                    (
                        "Able to effectively manage performance by holding themselves and others to account for "
                        "service outcomes"
                    ),
                    "Able to actively contribute to plans to achieve service goals",
                    "Manage people, by providing direction, reviewing performance, and motivating others",
                    (
                        "Able to ensure patient safety by assessing and managing risk associated with service "
                        "developments"
                    ),
                    "Able to facilitate transformation and change to improve services",
                ],
            },
            # Skills
            {
                "category": "skills_knowledge",
                "heading": "",
                "is_essential": True,
                "items": [
                    (
                        "Able to demonstrate sound political judgement and astuteness in understanding the contexts "
                        "for change"
                    ),
                    (
                        "Ability to analyse highly complex problems and to develop practical and workable solutions "
                        "using knowledge and evidence"
                    ),
                    "Able to make sound decisions using all available evidence, and evaluate their impact",
                    (
                        "Excellent IT skills, including the ability to create and handle large documents using Word "
                        "processing skills, producing spread sheets and analysis for presentation at meetings and "
                        "Board level events"
                    ),
                ],
            },
            # Personal Qualities
            {
                "category": "personal_qualities",
                "heading": "",
                "is_essential": True,
                "items": [
                    (
                        "Demonstrate insight into own limitations and abilities and actively seek support and advice "
                        "when required"
                    ),
                    (
                        "Able to manage themselves by organising and managing themselves while taking into account "
                        "the needs and priorities of others"
                    ),
                    (
                        "High level of work organisation, self-motivation, drive for performance and improvement, "
                        "and flexibility in approach and attitude"
                    ),
                    (
                        "Has the drive and energy to make things happen – frequently goes \"above and beyond\" the "
                        "call of duty"
                    ),
                    "Thinks and solves problems creatively",
                    "High level of attention to detail",
                ],
            },
        ],
    },
]

# DEMO users, all at example.org. "label" is the role printed in the table of
# sign-ins; memberships name the trust by ODS code.
USERS = [
    {
        "email": "recruiter@example.org",
        "full_name": "Rachel Evans",
        "label": "recruiter (Worcestershire)",
        "memberships": [{"organisation": "RWP", "role": "recruiter"}],
    },
    {
        # A second recruiter, so that one can send a vacancy for approval and another approve it.
        "email": "approver@example.org",
        "full_name": "Amir Shah",
        "label": "approving recruiter (Worcestershire)",
        "memberships": [{"organisation": "RWP", "role": "recruiter"}],
    },
    {
        "email": "hiring.manager@example.org",
        "full_name": "Helen Marsh",
        "label": "hiring manager (Worcestershire)",
        "memberships": [{"organisation": "RWP", "role": "hiring_manager"}],
    },
    {
        "email": "panel.member@example.org",
        "full_name": "Priya Nair",
        "label": "panel member (Worcestershire)",
        "memberships": [{"organisation": "RWP", "role": "hiring_manager"}],
    },
    {
        "email": "lgt.recruiter@example.org",
        "full_name": "Grace Adeyemi",
        "label": "recruiter (Lewisham and Greenwich)",
        "memberships": [{"organisation": "RJ2", "role": "recruiter"}],
    },
    {
        "email": "candidate@example.org",
        "full_name": "Sam Taylor",
        "label": "candidate",
        "memberships": [],
    },
    {
        # Django admin, for support only.
        "email": "admin@example.org",
        "full_name": "Alex Morgan",
        "label": "superuser (/admin/)",
        "is_staff": True,
        "is_superuser": True,
        "memberships": [],
    },
]
