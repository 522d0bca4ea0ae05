"""Invented but realistic NHS trusts, sites and adverts, from a seeded random
generator: the same run after run. Titles, bands, staff groups and wording
follow what NHS Jobs carries, so that keyword frequencies (many nurses, few
orthoptists) and filter selectivities look like the real board's."""

import random

# Town, postcode area, latitude, longitude: places across England for trusts.
TOWNS = [
    ("Worcester", "WR", 52.19, -2.22), ("Birmingham", "B", 52.48, -1.90), ("Coventry", "CV", 52.41, -1.51),
    ("Leicester", "LE", 52.64, -1.13), ("Nottingham", "NG", 52.95, -1.15), ("Derby", "DE", 52.92, -1.48),
    ("Sheffield", "S", 53.38, -1.47), ("Leeds", "LS", 53.80, -1.55), ("Bradford", "BD", 53.80, -1.75),
    ("York", "YO", 53.96, -1.08), ("Hull", "HU", 53.74, -0.33), ("Manchester", "M", 53.48, -2.24),
    ("Liverpool", "L", 53.41, -2.98), ("Preston", "PR", 53.76, -2.70), ("Lancaster", "LA", 54.05, -2.80),
    ("Carlisle", "CA", 54.89, -2.93), ("Newcastle", "NE", 54.97, -1.61), ("Sunderland", "SR", 54.91, -1.38),
    ("Durham", "DH", 54.78, -1.57), ("Middlesbrough", "TS", 54.57, -1.23), ("Stoke-on-Trent", "ST", 53.00, -2.18),
    ("Shrewsbury", "SY", 52.71, -2.75), ("Hereford", "HR", 52.06, -2.72), ("Gloucester", "GL", 51.86, -2.24),
    ("Bristol", "BS", 51.45, -2.59), ("Bath", "BA", 51.38, -2.36), ("Exeter", "EX", 50.72, -3.53),
    ("Plymouth", "PL", 50.38, -4.14), ("Truro", "TR", 50.26, -5.05), ("Taunton", "TA", 51.02, -3.10),
    ("Bournemouth", "BH", 50.72, -1.88), ("Southampton", "SO", 50.90, -1.40), ("Portsmouth", "PO", 50.82, -1.09),
    ("Brighton", "BN", 50.82, -0.14), ("Canterbury", "CT", 51.28, 1.08), ("Maidstone", "ME", 51.27, 0.52),
    ("Guildford", "GU", 51.24, -0.57), ("Reading", "RG", 51.45, -0.97), ("Oxford", "OX", 51.75, -1.26),
    ("Milton Keynes", "MK", 52.04, -0.76), ("Northampton", "NN", 52.24, -0.90), ("Cambridge", "CB", 52.21, 0.12),
    ("Norwich", "NR", 52.63, 1.30), ("Ipswich", "IP", 52.06, 1.16), ("Colchester", "CO", 51.89, 0.90),
    ("Chelmsford", "CM", 51.74, 0.47), ("Luton", "LU", 51.88, -0.42), ("Peterborough", "PE", 52.57, -0.24),
    ("Lincoln", "LN", 53.23, -0.54), ("Woolwich", "SE", 51.49, 0.07),
]
TRUST_KINDS = [
    "Hospitals NHS Trust", "Teaching Hospitals NHS Foundation Trust",
    "Community Healthcare NHS Trust", "and District NHS Foundation Trust",
]
SITE_KINDS = ["General Hospital", "Royal Infirmary", "Community Hospital", "Health Centre", "Treatment Centre"]

# title, staff group, pay scheme, bands (or None for medical), how common (weight)
ROLES = [
    ("Staff Nurse", "nursing_midwifery", "afc", ["5"], 30),
    ("Registered Nurse", "nursing_midwifery", "afc", ["5"], 12),
    ("Senior Staff Nurse", "nursing_midwifery", "afc", ["6"], 10),
    ("Ward Sister", "nursing_midwifery", "afc", ["7"], 5),
    ("Clinical Nurse Specialist", "nursing_midwifery", "afc", ["6", "7"], 6),
    ("Advanced Nurse Practitioner", "nursing_midwifery", "afc", ["7", "8a"], 4),
    ("Community Nurse", "nursing_midwifery", "afc", ["5", "6"], 6),
    ("Mental Health Nurse", "nursing_midwifery", "afc", ["5", "6"], 6),
    ("Paediatric Nurse", "nursing_midwifery", "afc", ["5", "6"], 4),
    ("Theatre Nurse", "nursing_midwifery", "afc", ["5", "6"], 4),
    ("Midwife", "nursing_midwifery", "afc", ["5", "6"], 6),
    ("Matron", "nursing_midwifery", "afc", ["8a"], 2),
    ("Healthcare Assistant", "additional_clinical", "afc", ["2", "3"], 20),
    ("Maternity Support Worker", "additional_clinical", "afc", ["3"], 3),
    ("Nursing Associate", "additional_clinical", "afc", ["4"], 5),
    ("Phlebotomist", "additional_clinical", "afc", ["2", "3"], 3),
    ("Physiotherapist", "allied_health", "afc", ["5", "6"], 6),
    ("Occupational Therapist", "allied_health", "afc", ["5", "6"], 5),
    ("Diagnostic Radiographer", "allied_health", "afc", ["5", "6"], 4),
    ("Speech and Language Therapist", "allied_health", "afc", ["5", "6", "7"], 2),
    ("Dietitian", "allied_health", "afc", ["5", "6"], 2),
    ("Paramedic", "allied_health", "afc", ["5", "6"], 2),
    ("Orthoptist", "allied_health", "afc", ["5", "6"], 1),
    ("Podiatrist", "allied_health", "afc", ["5", "6"], 1),
    ("Pharmacist", "add_prof_sci_tech", "afc", ["6", "7", "8a"], 4),
    ("Pharmacy Technician", "add_prof_sci_tech", "afc", ["4", "5"], 3),
    ("Clinical Psychologist", "add_prof_sci_tech", "afc", ["7", "8a", "8b"], 2),
    ("Operating Department Practitioner", "add_prof_sci_tech", "afc", ["5", "6"], 2),
    ("Biomedical Scientist", "healthcare_scientists", "afc", ["5", "6", "7"], 3),
    ("Clinical Physiologist", "healthcare_scientists", "afc", ["5", "6"], 1),
    ("Medical Secretary", "administrative_clerical", "afc", ["3", "4"], 8),
    ("Receptionist", "administrative_clerical", "afc", ["2", "3"], 6),
    ("Administrator", "administrative_clerical", "afc", ["3", "4"], 8),
    ("Ward Clerk", "administrative_clerical", "afc", ["2"], 3),
    ("Finance Officer", "administrative_clerical", "afc", ["4", "5"], 2),
    ("HR Advisor", "administrative_clerical", "afc", ["5", "6"], 2),
    ("Project Manager", "administrative_clerical", "afc", ["7", "8a"], 2),
    ("Service Manager", "administrative_clerical", "afc", ["8a", "8b"], 2),
    ("Directorate Manager", "administrative_clerical", "afc", ["8b", "8c"], 1),
    ("Digital Systems Analyst", "administrative_clerical", "afc", ["5", "6", "7"], 2),
    ("Porter", "estates_ancillary", "afc", ["2"], 5),
    ("Domestic Assistant", "estates_ancillary", "afc", ["2"], 5),
    ("Catering Assistant", "estates_ancillary", "afc", ["2"], 2),
    ("Estates Electrician", "estates_ancillary", "afc", ["4", "5"], 1),
    ("Consultant", "medical_dental", "medical_dental", None, 6),
    ("Specialty Doctor", "medical_dental", "medical_dental", None, 4),
    ("Clinical Fellow", "medical_dental", "medical_dental", None, 3),
    ("Specialty Registrar", "medical_dental", "medical_dental", None, 2),
]
SPECIALTIES = [
    "Acute Medicine", "Emergency Medicine", "General Surgery", "Orthopaedics", "Cardiology", "Respiratory",
    "Stroke", "Elderly Care", "Paediatrics", "Neonatal", "Maternity", "Oncology", "Haematology", "Renal",
    "Gastroenterology", "Diabetes and Endocrinology", "Ophthalmology", "Rheumatology", "Dermatology", "Urology",
    "Critical Care", "Theatres", "Anaesthetics", "Radiology", "Pathology", "Pharmacy", "Outpatients",
    "Community Services", "Mental Health", "Learning Disabilities", "Neurology", "Palliative Care",
    "Finance", "Workforce", "Digital", "Estates and Facilities",
]
SUMMARY_SENTENCES = [
    "We are looking for an enthusiastic {title} to join our {specialty} team at {site}.",
    "This is an exciting opportunity for a {title} who wants to develop their career in {specialty}.",
    "{trust} is proud of its friendly, supportive teams and its commitment to continuous improvement.",
    "You will work as part of a multidisciplinary team delivering safe, compassionate, patient-centred care.",
    "The post offers protected time for learning, preceptorship and clinical supervision.",
    "Applications are welcome from newly qualified staff as well as experienced practitioners.",
    "Our {specialty} service sees patients from across {town} and the surrounding area.",
    "We support flexible working and will consider requests for a range of shift patterns.",
    "You will be supported to complete competencies and to take part in audit and quality improvement.",
    "Join a service rated good by the Care Quality Commission, with a strong record of staff development.",
    "The successful candidate will have excellent communication skills and a commitment to our values.",
    "The department has recently invested in new equipment and an electronic patient record.",
    "Relocation support may be available for candidates moving to {town}.",
    "We welcome applications from internationally educated professionals.",
    "You will help us reduce waiting times and improve outcomes for patients in {specialty}.",
]
DUTY_SENTENCES = [
    "Assess, plan, implement and evaluate care for patients in {specialty}.",
    "Maintain accurate and contemporaneous records in line with trust policy.",
    "Supervise and support students, apprentices and junior colleagues.",
    "Take part in the on-call rota and cover across sites when needed.",
    "Communicate sensitively with patients, relatives and carers.",
    "Work within professional codes of conduct and safeguarding procedures.",
    "Contribute to audit, service improvement and the development of clinical guidelines.",
    "Manage a caseload and prioritise workload effectively.",
    "Order and check stock, equipment and supplies for the department.",
    "Administer medicines safely and in line with the medicines management policy.",
    "Attend team meetings, training and annual appraisal.",
    "Deliver health promotion and education to patients and the public.",
    "Monitor budgets and report on activity, performance and risk.",
    "Handle enquiries, book appointments and keep the patient administration system up to date.",
    "Escalate concerns about deteriorating patients promptly.",
]
TEAMS = ["ward", "clinic", "unit", "department", "service"]


def trusts(count):
    """(name, ods_code, employer_code, town, county-less address, sites) for each trust."""
    rows = []
    for index in range(count):
        town, area, lat, lon = TOWNS[index % len(TOWNS)]
        kind = TRUST_KINDS[index // len(TOWNS) % len(TRUST_KINDS)]
        rng = random.Random(f"trust-{index}")
        sites = []
        for number in range(3):
            district = f"{area}{rng.randint(1, 20)}"
            sites.append({
                "name": f"{town} {SITE_KINDS[(index + number) % len(SITE_KINDS)]}" + (f" {number + 1}" if number else ""),
                "town": town,
                "postcode": f"{district} {rng.randint(1, 9)}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}",
                "latitude": round(lat + rng.uniform(-0.15, 0.15), 6),
                "longitude": round(lon + rng.uniform(-0.2, 0.2), 6),
            })
        rows.append({
            "name": f"{town} {kind}" + (f" {index // (len(TOWNS) * len(TRUST_KINDS)) + 1}" if index >= len(TOWNS) * len(TRUST_KINDS) else ""),
            "ods_code": f"R{index:03d}",
            "employer_code": f"C{2000 + index}",
            "town": town,
            "postcode": sites[0]["postcode"],
            "sites": sites,
        })
    return rows


def advert(rng, *, trust_name, town, site_name):
    """The wording of one advert: title, directorate, summary and duties."""
    title, staff_group, pay_scheme, bands, _ = rng.choices(ROLES, weights=[role[4] for role in ROLES])[0]
    specialty = rng.choice(SPECIALTIES)
    if pay_scheme == "medical_dental" or rng.random() < 0.3:
        title = f"{title} in {specialty}" if pay_scheme == "medical_dental" else f"{title} – {specialty}"
    words = {"title": title.split(" – ")[0], "specialty": specialty, "trust": trust_name, "town": town,
             "site": site_name, "team": rng.choice(TEAMS)}
    summary = " ".join(sentence.format(**words) for sentence in rng.sample(SUMMARY_SENTENCES, rng.randint(4, 7)))
    duties = "\n".join("* " + sentence.format(**words) for sentence in rng.sample(DUTY_SENTENCES, rng.randint(5, 8)))
    return {
        "title": title,
        "directorate": specialty,
        "staff_group": staff_group,
        "pay_scheme": pay_scheme,
        "band": rng.choice(bands) if bands else "",
        "job_summary": summary,
        "main_duties": "The post holder will:\n" + duties,
    }
