"""Word pools for the blind ("unseen") layout fixtures.

Every action text here was written for these fixtures; people are roles, never names.
"""

CHILDREN = {
    "Priority 1: Get the front door right so that children receive the right help at the right time": [
        "Publish a revised threshold document agreed by every partner on the safeguarding board",
        "Bring the MASH screening team under a single practice manager with daily triage huddles",
        "Audit a monthly sample of contacts that led to no further action and share the learning",
        "Train school designated safeguarding leads in the new consent and referral guidance",
        "Put a senior social worker in the police referral unit three days a week",
        "Replace the paper referral form with an online form that routes to the duty team",
        "Agree a single performance report for the front door, reviewed weekly by the Head of Service",
    ],
    "Priority 2: Assessments and plans that make a difference for children in need and subject to protection plans": [
        "Introduce a practice standard that every assessment records the child's own words",
        "Reduce social worker caseloads in the assessment teams to no more than 20 children",
        "Run monthly dip-sample audits of child protection plans with feedback to each worker",
        "Make sure core groups meet within ten working days of every initial conference",
        "Introduce SMART plan templates in the case management system",
        "Develop a neglect toolkit and train all locality staff in its use",
        "Review every child subject to a plan for more than 18 months",
        "Strengthen management oversight recorded on case files at least monthly",
    ],
    "Priority 3: Children looked after and care leavers": [
        "Ensure every child looked after has an up to date health assessment",
        "Recruit twelve additional in-house foster carers, including for teenagers",
        "Offer every care leaver a personal adviser by their 16th birthday",
        "Refresh the pledge to children in care with the Children in Care Council",
        "Improve the timeliness of personal education plans in the virtual school",
        "Review placement sufficiency and publish a new sufficiency statement",
        "Secure suitable accommodation options for care leavers aged 18 to 21",
    ],
    "Priority 4: A stable, skilled and well supported workforce": [
        "Launch a recruitment campaign for permanent experienced social workers",
        "Bring agency staff use below 15% of the frontline establishment",
        "Establish an Academy for newly qualified social workers in their first year",
        "Provide reflective group supervision for every team each month",
        "Refresh the workforce development plan with the Principal Social Worker",
        "Carry out an annual social work health check and act on its findings",
    ],
    "Priority 5: Leadership, management and governance": [
        "Set up an Improvement Board with an independent chair reporting to the Chief Executive",
        "Give elected members a quarterly performance briefing on children's social care",
        "Strengthen the quality assurance framework and publish a quarterly learning report",
        "Align the LSCB business plan with the improvement plan priorities",
        "Hold a practice week in which senior leaders observe frontline work",
        "Commission an external peer review at the mid-point of the plan",
    ],
}

CHILD_LEADS = [
    "Head of Service, Children in Care", "Assistant Director Safeguarding", "Principal Social Worker",
    "MASH Practice Manager", "Head of Early Help", "Workforce Development Manager",
    "Virtual School Head", "Designated Nurse for Looked After Children", "Head of Quality Assurance",
    "Director of Children's Services", "Fostering Service Manager", "Independent Chair, LSCB",
    "Leaving Care Team Manager", "HR Business Partner", "Detective Inspector, Public Protection",
]

CHILD_MEASURES = [
    "Re-referral rate below 20%", "90% of assessments completed within 45 working days",
    "Audits graded good or better rise to 70%", "Caseloads within the agreed range",
    "Fewer contacts progressing to no further action", "Children say they were listened to",
    "Every plan has a named outcome and a date", "Health assessments in time for 95% of children",
    "Agency rate below 15%", "Board minutes show challenge and follow-through",
]

ICB = {
    "Expand access to perinatal mental health care": [
        "Recruit to the specialist community perinatal team in line with the funded model",
        "Extend the perinatal offer to 24 months after birth",
        "Introduce maternal mental health services for birth trauma and loss",
        "Agree pathways with maternity units for women with severe mental illness",
        "Offer assessment and signposting to partners of women in the service",
        "Report access rates to the ICB quality committee each quarter",
    ],
    "Children and young people's mental health": [
        "Roll out mental health support teams to two further school clusters",
        "Cut waits for the eating disorder service to four weeks for routine cases",
        "Commission a 24/7 crisis line for under-18s with the voluntary sector",
        "Pilot a drop-in offer for 16 to 25 year olds in the town centre hub",
        "Publish a refreshed local transformation plan for children and young people",
        "Agree joint funding for the neurodiversity assessment backlog",
        "Train primary care networks in the CYP referral pathway",
    ],
    "Adult community mental health": [
        "Move all primary care networks onto the integrated community model",
        "Recruit mental health practitioners under the ARRS scheme in every PCN",
        "Agree a single assessment for adults with complex emotional needs",
        "Increase annual physical health checks for people with severe mental illness",
        "Develop peer support roles in each community team",
        "Replace the CPA with the personalised care framework",
    ],
    "Talking therapies": [
        "Increase the number of people starting treatment each quarter",
        "Embed employment advisers in every talking therapies team",
        "Launch digital therapy options for people waiting for their first session",
        "Improve recovery rates for older adults and ethnic minority groups",
        "Re-procure the long-term conditions pathway",
        "Reduce waits between first and second appointment to below 90 days",
    ],
    "Crisis and acute care": [
        "Open a crisis alternative safe haven in each place",
        "Make NHS 111 option 2 the single point of access for mental health crisis",
        "Eliminate inappropriate out of area placements for adult acute beds",
        "Commission mental health response vehicles with the ambulance service",
        "Introduce a discharge coordinator on every acute ward",
        "Agree a joint protocol for people detained under section 136",
        "Report length of stay and readmission rates monthly to the ICB board",
    ],
    "Dementia and older people": [
        "Raise the dementia diagnosis rate to the national ambition",
        "Offer post-diagnostic support within six weeks of diagnosis",
        "Extend the care home liaison service to nursing homes",
        "Agree a shared care protocol for dementia medicines with GPs",
        "Train domiciliary care staff in dementia awareness",
    ],
    "Suicide prevention and bereavement": [
        "Fund a bereavement support service for people affected by suicide",
        "Run a real-time surveillance system with the police and coroner",
        "Deliver suicide awareness training to frontline primary care staff",
        "Target self-harm prevention at young men in construction and farming",
        "Refresh the multi-agency suicide prevention strategy",
    ],
}

ICB_LEADS = [
    "Director of Mental Health Commissioning", "Head of MH Contracts", "Deputy Chief Nurse",
    "Clinical Lead for Mental Health", "Head of Children's Commissioning", "Perinatal Network Manager",
    "Programme Manager, MH Transformation", "Associate Director of Primary Care",
    "Public Health Consultant", "Head of Finance, Mental Health", "Medical Director, MH Trust",
]

CSP = {
    "Tackling serious violence and exploitation": [
        "Map county lines activity with the police intelligence team and share a monthly profile",
        "Deliver exploitation awareness sessions to taxi drivers and hotel staff",
        "Set up a multi-agency child exploitation panel that meets fortnightly",
        "Place youth workers in the emergency department at weekend peak times",
        "Fund a knife crime education programme in every secondary school",
        "Agree information sharing for young people at risk of exploitation",
        "Run weapons sweeps in parks with the neighbourhood teams",
        "Commission a mentoring service for young people released from custody",
        "Map and disrupt locations used for cuckooing of vulnerable adults",
        "Produce a serious violence strategic needs assessment",
    ],
    "Domestic abuse": [
        "Recommission the independent domestic violence advocate service",
        "Introduce Operation Encompass notifications to all schools",
        "Train housing officers to spot and respond to domestic abuse",
        "Increase refuge capacity for women with complex needs",
        "Run a perpetrator programme pilot with probation",
        "Review MARAC referral rates from health partners",
        "Publish domestic homicide review learning to frontline staff",
        "Launch a campaign on coercive control during the World Cup",
        "Set up a specialist court listing for domestic abuse cases",
    ],
    "Anti-social behaviour and neighbourhood crime": [
        "Use community protection notices consistently across the borough",
        "Install redeployable CCTV at repeat ASB hotspots",
        "Hold quarterly community triggers reviews with an independent chair",
        "Deliver target hardening to repeat burglary victims",
        "Run a diversionary sports programme in the school holidays",
        "Review the public spaces protection order for the town centre",
        "Improve the reporting route for ASB through the council website",
        "Tackle off-road motorbike nuisance with joint operations",
        "Provide a single case management system for ASB across partners",
        "Work with landlords to tackle ASB in houses in multiple occupation",
    ],
    "Reducing reoffending": [
        "Set up an integrated offender management hub in the police station",
        "Secure housing pathways for prison leavers on the day of release",
        "Provide drug and alcohol treatment slots for people on community orders",
        "Launch a women's centre offer as an alternative to short sentences",
        "Expand restorative justice to shoplifting and criminal damage",
        "Agree employment support with the job centre for people on licence",
        "Review the youth offending service's prevention offer",
        "Run a pilot of sobriety tags for alcohol related offences",
    ],
    "Hate crime and community cohesion": [
        "Set up third-party reporting centres in libraries and faith settings",
        "Train front desk staff to record hate incidents",
        "Hold a hate crime awareness week every October",
        "Deliver Prevent awareness training to council staff",
        "Produce a community tension monitoring report each month",
        "Fund community projects that bring new and settled residents together",
    ],
    "Road safety and the night-time economy": [
        "Extend the street pastors scheme to Thursday nights",
        "Achieve Purple Flag status for the town centre",
        "Run drink-drive enforcement campaigns in summer and December",
        "Review licensing conditions for late night venues with repeat incidents",
        "Provide a safe space and medical triage point on Saturday nights",
    ],
}

CSP_LEADS = [
    "Community Safety Manager", "Neighbourhood Policing Inspector", "Head of Housing Options",
    "Youth Offending Service Manager", "Domestic Abuse Coordinator", "Licensing Manager",
    "Probation Head of Service", "Public Health Principal", "ASB Team Leader",
    "Prevent Coordinator", "Chief Inspector, Partnerships", "Integrated Offender Management Lead",
]
CSP_PARTNERS = [
    "Police", "Probation", "Youth Offending Service", "Fire and Rescue Service", "Housing",
    "Public Health", "Schools", "Licensing", "Victim Support", "Clinical Commissioning Group",
]

HWB = {
    "Start Well – every child has the best start in life": [
        "Increase uptake of the healthy child programme two-year review",
        "Promote breastfeeding in the six areas with the lowest rates",
        "Reduce smoking in pregnancy through a specialist midwife offer",
        "Improve school readiness through targeted early years places",
        "Deliver oral health training to early years settings",
        "Raise childhood immunisation uptake to 95%",
        "Offer parenting support to families at the first sign of need",
    ],
    "Live Well – people make healthy choices and stay well": [
        "Commission an integrated healthy lifestyles service",
        "Increase the number of NHS Health Checks offered and taken up",
        "Launch a workplace health charter with local employers",
        "Reduce alcohol related hospital admissions through identification and brief advice",
        "Expand social prescribing in every GP practice",
        "Develop a physical activity plan with the leisure trust",
        "Target stop smoking support at routine and manual workers",
    ],
    "Age Well – older people live independently for longer": [
        "Reduce falls admissions through a community strength and balance offer",
        "Tackle loneliness with a befriending network led by the voluntary sector",
        "Increase the uptake of flu vaccination in over 65s",
        "Give carers an assessment and a break within three months of asking",
        "Expand dementia friendly communities to every market town",
        "Join up hospital discharge through a single discharge team",
    ],
    "Healthy Places – homes, work and neighbourhoods that support health": [
        "Include a health impact assessment in major planning applications",
        "Improve cold homes through the affordable warmth scheme",
        "Restrict new hot food takeaways near schools",
        "Create active travel routes linking estates to the town centre",
        "Improve air quality monitoring near schools on main roads",
        "Tackle fuel poverty through energy advice in GP surgeries",
    ],
}
HWB_LEADS = [
    "County Council Public Health", "Wealdshire CCG", "District Councils", "Leisure Trust",
    "Community Health Trust", "Voluntary Action Wealdshire", "Healthwatch Wealdshire",
    "Adult Social Care", "Planning Policy Team", "Acute Hospital Trust",
]

GP = {
    "Access": [
        "Offer evening and weekend appointments from the locality hub",
        "Introduce online consultation in every practice",
        "Review the telephone system so that no caller waits more than ten minutes",
        "Publish each practice's appointment availability on its website",
        "Train reception teams in care navigation",
    ],
    "Workforce": [
        "Recruit a shared clinical pharmacist across the four practices",
        "Support two practice nurses to become advanced nurse practitioners",
        "Set up a locality bank of sessional GPs",
        "Offer protected learning time every quarter",
        "Develop a physician associate placement scheme with the university",
    ],
    "Estates and technology": [
        "Agree the business case for the new health centre at the old library site",
        "Give all clinicians shared access to records across the locality",
        "Replace ageing computers in the three smallest practices",
        "Provide wifi for patients in every waiting room",
    ],
    "Quality": [
        "Agree a common approach to medicines review for care home residents",
        "Reduce variation in referral rates through peer review",
        "Run a locality audit of antibiotic prescribing",
        "Share learning from significant events at the locality meeting",
        "Bring all practices to a good CQC rating",
    ],
}
GP_LEADS = [
    "Locality Clinical Director", "Practice Manager Lead", "CCG Primary Care Team",
    "Federation Operations Manager", "Medicines Optimisation Lead", "IT Facilitator",
    "Estates Manager, NHS Property Services", "Practice Nurse Lead",
]

ASC = {
    "Front door and prevention": [
        "Introduce a three conversations model at the front door",
        "Expand the community connectors service to every neighbourhood",
        "Offer assistive technology at first contact",
        "Redesign the information and advice pages on the council website",
        "Set up a carers' hub with the voluntary sector",
        "Reduce the number of contacts that result in a long-term service",
    ],
    "Reablement and hospital discharge": [
        "Increase reablement capacity by 30% through new recruitment",
        "Introduce discharge to assess for all pathway 1 patients",
        "Agree a trusted assessor arrangement with care homes",
        "Measure outcomes at 91 days after discharge for every reablement episode",
        "Set up a seven-day brokerage team",
        "Commission bridging care for people waiting for long-term home care",
    ],
    "Commissioning and market shaping": [
        "Publish a market position statement for older people's care",
        "Move home care onto a zoned contract model",
        "Agree a fair cost of care with providers",
        "Commission additional extra care housing units",
        "Review day opportunities for adults with learning disabilities",
        "Introduce an electronic call monitoring system for home care",
        "Develop a provider quality dashboard shared with the CCG",
    ],
    "Workforce and practice": [
        "Introduce strengths-based practice training for all assessors",
        "Recruit to vacant occupational therapist posts",
        "Launch a care academy with the local college",
        "Cut the waiting list for Care Act assessments by half",
        "Roll out mobile working devices to community teams",
        "Audit case files against the practice framework each quarter",
    ],
    "Finance and systems": [
        "Deliver the savings target for the transformation programme",
        "Implement the new adult social care case management system",
        "Automate financial assessments for home care",
        "Review direct payment rates and the support offer",
        "Reconcile the Better Care Fund pooled budget monthly",
        "Introduce a single performance scorecard for the directorate",
    ],
    "Learning disability and autism": [
        "Move people with learning disabilities out of hospital settings",
        "Increase supported employment for adults with learning disabilities",
        "Develop an all-age autism strategy",
        "Commission specialist supported living for people with complex needs",
        "Offer annual health checks to every adult on the register",
    ],
}
ASC_LEADS = [
    "Head of Commissioning", "Head of Finance", "Principal OT", "Reablement Manager",
    "Assistant Director Adult Social Care", "Head of Operations", "Programme Manager",
    "Systems Lead", "Learning Disability Service Manager", "Workforce Lead",
]

SEND = {
    "Area for improvement 1: The timeliness and quality of education, health and care (EHC) plans": [
        "Clear the backlog of overdue EHC needs assessments",
        "Introduce a quality assurance panel for draft EHC plans with health and care representation",
        "Train caseworkers in writing outcomes that are specific and measurable",
        "Agree a service level agreement for health advice within six weeks",
        "Make sure annual reviews lead to amended plans within four weeks",
    ],
    "Area for improvement 2: Joint commissioning between education, health and care": [
        "Establish a SEND joint commissioning group with pooled budget arrangements",
        "Commission speech and language therapy jointly for schools and the NHS",
        "Carry out a sufficiency review of specialist school places",
        "Agree a designated clinical officer role with protected time",
        "Produce a joint needs assessment for children with SEND",
        "Reduce waiting times for autism diagnosis",
    ],
    "Area for improvement 3: Co-production with parents, carers and young people": [
        "Fund the parent carer forum to take part in every strategic board",
        "Rewrite the local offer website with families",
        "Hold termly listening events with young people with SEND",
        "Introduce a complaints and feedback tracker shared with the forum",
        "Survey families about their experience of EHC assessment",
    ],
}
SEND_LEADS = [
    "Head of SEND", "Designated Clinical Officer", "Principal Educational Psychologist",
    "SEND Casework Manager", "Joint Commissioning Manager", "Parent Carer Forum",
    "Head of Children's Commissioning, CCG", "Assistant Director Education",
]

PLACE = {
    "Highways": [
        "Resurface the priority road network under the asset management plan",
        "Replace street lighting lanterns with LED units",
        "Introduce a pothole repair guarantee of 28 days",
        "Deliver the winter gritting service review",
        "Complete the bridge strengthening programme",
        "Implement the 20mph zones around schools",
    ],
    "Waste and Recycling": [
        "Introduce weekly food waste collections",
        "Roll out recycling bins to flats above shops",
        "Procure a new household waste recycling centre contract",
        "Reduce fly-tipping through enforcement patrols",
        "Increase the recycling rate to 50%",
        "Review the garden waste subscription charges",
    ],
    "Planning": [
        "Adopt the local plan following examination",
        "Determine 80% of minor applications within eight weeks",
        "Publish a design guide for householder extensions",
        "Update the community infrastructure levy charging schedule",
        "Digitise historic planning records",
        "Complete conservation area appraisals for three villages",
    ],
    "Regeneration": [
        "Secure funding for the town centre masterplan",
        "Bring forward the former depot site for housing",
        "Deliver the high street shop front grant scheme",
        "Open the business incubation centre",
        "Agree a delivery partner for the riverside quarter",
        "Support the market to move into the refurbished hall",
    ],
    "Parks and Open Spaces": [
        "Achieve Green Flag status for two more parks",
        "Refurbish three children's play areas",
        "Adopt a tree planting strategy",
        "Transfer the bowling greens to community clubs",
        "Improve access paths in the country park",
        "Set up friends of parks groups in every ward",
    ],
}
PLACE_LEADS = [
    "Highways Asset Manager", "Senior Engineer", "Waste Services Manager", "Recycling Officer",
    "Planning Policy Manager", "Development Management Lead", "Regeneration Manager",
    "Economic Development Officer", "Parks Manager", "Green Spaces Officer",
]

SUICIDE = {
    "Reduce the risk of suicide in key high-risk groups": [
        "Deliver suicide awareness training to staff who work with men in mid-life",
        "Agree a pathway from the emergency department for people who self-harm",
        "Work with the prison to review safer custody arrangements",
        "Target support at farmers and agricultural workers",
        "Offer follow-up within 72 hours of discharge from mental health wards",
        "Train debt advisers to recognise suicide risk",
    ],
    "Tailor approaches to improve mental health in specific groups": [
        "Provide mental health first aid training to secondary school staff",
        "Support the university's student wellbeing strategy",
        "Develop a resilience programme for looked after children",
        "Work with employers to promote workplace mental health",
        "Set up peer support groups for older people living alone",
    ],
    "Reduce access to the means of suicide": [
        "Review the safety of the multi-storey car parks with their owners",
        "Install signage and crisis line details at the railway station",
        "Audit medicine prescribing of high-risk quantities with GPs",
        "Agree a response plan for locations of concern",
        "Work with Network Rail on the level crossing near the bypass",
    ],
    "Support those bereaved or affected by suicide": [
        "Commission a postvention service for families bereaved by suicide",
        "Give every bereaved family the Help is at Hand guide",
        "Provide a school response protocol after a suspected suicide",
        "Offer support to staff who discover a death",
    ],
    "Improve data and monitoring": [
        "Set up real-time surveillance of suspected suicides with the police",
        "Carry out an annual audit of coroner's records",
        "Produce a suicide prevention profile for the health and wellbeing board",
        "Share learning from serious incident reviews across providers",
        "Monitor self-harm admissions by age and area",
        "Publish an annual report on the plan's progress",
    ],
}
SUICIDE_LEADS = [
    "Public Health Consultant, County Council", "Coroner's Officer", "Police", "CCG",
    "Mental Health Trust", "Samaritans branch director", "LA", "Network Rail", "University",
    "Acute Trust Liaison Psychiatry", "Prison Healthcare Lead", "Farming Community Network",
]

STP = {
    "Prevention at scale": [
        "Scale up the diabetes prevention programme", "Deliver brief alcohol advice in acute settings",
        "Commission a single stop smoking offer across the footprint", "Extend health checks to deprived wards",
        "Roll out making every contact count training", "Target hypertension case finding in pharmacies",
        "Develop a joint obesity pathway", "Agree a shared prevention outcome framework",
        "Pilot weight management for people with learning disabilities", "Run a flu campaign for health and care staff",
    ],
    "Primary and community care": [
        "Form multi-disciplinary teams around every GP cluster", "Commission an extended access hub in each place",
        "Move district nursing onto neighbourhood teams", "Introduce a single point of access for community services",
        "Deliver the care home vanguard model across the footprint", "Set up anticipatory care plans for frail patients",
        "Agree a shared care record across practices", "Recruit clinical pharmacists into practices",
        "Develop integrated respiratory teams", "Review community hospital bed use",
    ],
    "Urgent and emergency care": [
        "Open an urgent treatment centre at the community hospital", "Stream patients at the emergency department front door",
        "Introduce ambulatory emergency care seven days a week", "Agree a single directory of services",
        "Reduce delayed transfers of care to below 3.5%", "Implement SAFER patient flow on medical wards",
        "Expand NHS 111 clinical advice", "Put a GP in the ambulance control room",
        "Deliver winter escalation plans for every partner", "Agree a frailty unit at the acute hospital",
    ],
    "Planned care": [
        "Introduce referral management for musculoskeletal services", "Offer advice and guidance in five specialties",
        "Consolidate orthopaedic surgery on one site", "Reduce outpatient follow-ups by 20%",
        "Introduce virtual fracture clinics", "Agree common thresholds for procedures of limited value",
        "Review ophthalmology pathways with community optometrists", "Deliver one-stop clinics for breast symptoms",
        "Develop a shared waiting list across providers", "Launch patient-initiated follow-up for stable patients",
    ],
    "Mental health": [
        "Commission a core 24 liaison psychiatry service", "Increase talking therapies access to 19%",
        "Eliminate out of area placements", "Extend early intervention in psychosis to all ages",
        "Agree a crisis café in each place", "Provide perinatal mental health in the community",
        "Improve physical health checks for people with SMI", "Reduce waits for CAMHS assessment",
        "Develop individual placement and support", "Review section 136 suite capacity",
    ],
    "Workforce": [
        "Agree a single workforce plan for the footprint", "Launch a joint recruitment campaign for nurses",
        "Introduce nursing associate training posts", "Develop a shared bank across trusts",
        "Offer rotational posts across primary and secondary care", "Reduce agency spend below the cap",
        "Promote apprenticeships in health and care", "Run a staff health and wellbeing programme",
        "Agree passporting of mandatory training", "Develop leadership programmes for system leaders",
    ],
    "Digital and estates": [
        "Deliver the local digital roadmap", "Give clinicians access to the shared care record",
        "Agree a single estates strategy", "Dispose of surplus NHS estate", "Roll out e-referrals to all specialties",
        "Introduce online GP consultations", "Provide wifi across health and care buildings",
        "Agree shared office bases for integrated teams", "Implement electronic prescribing in acute wards",
        "Develop a population health analytics platform",
    ],
}
STP_LEADS = [
    "Director of Strategy, Acute Trust", "STP Programme Director", "Chief Officer, Riverside CCG",
    "Director of Public Health", "Medical Director, Community Trust", "Director of Nursing",
    "Chief Information Officer", "Director of Estates", "Workforce Director", "Head of Urgent Care",
    "Director of Adult Services", "Clinical Chair, Wealdshire CCG",
]

PROGRESS = [
    "Task and finish group set up and has met twice; terms of reference agreed.",
    "Draft proposal circulated to partners for comment; feedback due by the end of the month.",
    "Recruitment under way; two of three posts filled and the third out to advert.",
    "Baseline data collected and shared with the steering group.",
    "Pilot running in two areas; early feedback from staff is positive.",
    "Funding agreed in principle; business case to go to the next board.",
    "Training sessions booked; 40 staff attended so far.",
    "Delayed by vacancies in the team; recovery plan agreed with the lead.",
    "Work re-scoped following the service review; revised plan to the next board.",
    "Specification written and procurement timetable agreed.",
    "Partners have signed the information sharing agreement; first data received.",
    "Progress slower than planned because of winter pressures; new date proposed.",
    "Scoping meeting held; project plan to be presented next quarter.",
    "Consultation closed with 230 responses; analysis under way.",
    "Performance report now produced monthly and reviewed by the senior team.",
    "Evaluation commissioned from the university; interim findings expected in the spring.",
]
TRAPS = [
    "Draft completed; awaiting sign-off at the next board.",
    "Not yet complete: the second phase depends on recruitment.",
    "Phase one completed; phase two started in the new year.",
]

BCF = {
    "Scheme 1: Integrated locality teams": [
        "Co-locate social workers, district nurses and therapists in each locality base",
        "Agree a single referral form for locality teams",
        "Hold weekly multi-disciplinary meetings for people at high risk of admission",
        "Introduce a shared care plan visible to GPs, community and social care staff",
        "Train locality staff in strengths-based conversations",
        "Measure emergency admissions for the top 2% at risk",
        "Extend locality teams to evenings and weekends",
    ],
    "Scheme 2: Hospital discharge and intermediate care": [
        "Set up a single point of access for intermediate care",
        "Commission step-down beds in two care homes",
        "Introduce a home first approach for pathway 1 discharges",
        "Fund a voluntary sector settle-home service",
        "Publish a daily delayed transfers of care sitrep shared by all partners",
        "Review the equipment service contract",
        "Agree a joint discharge policy with the acute trust",
    ],
    "Scheme 3: Carers and prevention": [
        "Offer carers' breaks funded through the pooled budget",
        "Increase disabled facilities grant spend and cut waiting times",
        "Commission a falls prevention service",
        "Expand the community equipment and assistive technology offer",
        "Fund an information and advice service for self-funders",
        "Deliver a winter warmth scheme for frail older people",
        "Provide befriending for people discharged home alone",
    ],
    "Scheme 4: Enablers": [
        "Use the NHS number as the primary identifier in social care records",
        "Agree a data sharing agreement between the council and the CCG",
        "Produce monthly BCF metrics for the Health and Wellbeing Board",
        "Review the section 75 agreement for 2018/19",
        "Develop a joint workforce plan for integrated teams",
        "Evaluate the schemes and recommend which to keep",
        "Agree a risk share for non-elective activity",
    ],
}
BCF_LEADS = [
    "BCF Programme Manager", "Head of Integrated Care", "Locality Manager (North)",
    "Discharge Lead, Acute Trust", "Carers Lead", "Head of Housing Renewal", "Head of Performance",
    "Finance Manager, CCG", "Commissioning Manager, Adults",
]
BCF_SUPPORT = [
    "Community Trust", "Adult Social Care", "Acute Trust", "District Councils", "Voluntary sector",
    "GP practices", "CCG", "Housing",
]

HRA = {
    "Prevention and early intervention": [
        "Set up the duty to refer with every public authority in the district",
        "Train front-line staff in the new prevention duty",
        "Introduce personalised housing plans for every applicant",
        "Launch an online self-assessment and advice tool",
        "Work with private landlords to prevent evictions",
        "Set up a tenancy sustainment service for young people",
    ],
    "Accommodation": [
        "Increase the supply of temporary accommodation within the district",
        "End the use of bed and breakfast for families",
        "Develop a private rented sector access scheme with deposit guarantees",
        "Agree a move-on protocol with supported housing providers",
        "Review the allocations policy in light of the new duties",
        "Commission a night shelter for the winter months",
    ],
    "Systems and resources": [
        "Procure a case management system that records the new statutory data",
        "Restructure the housing options team to meet the new duties",
        "Agree how the new burdens funding will be spent",
        "Publish revised letters and decision templates",
        "Set up quarterly reporting to the portfolio holder",
    ],
    "Partnerships": [
        "Hold a homelessness forum with partners each quarter",
        "Agree a hospital discharge protocol for people with no home",
        "Work with the prison and probation on release planning",
        "Sign a joint protocol with children's services for 16 and 17 year olds",
        "Agree a rough sleeper outreach service with neighbouring councils",
    ],
}
HRA_LEADS = [
    "Housing Options Manager", "Homelessness Prevention Officer", "Private Sector Housing Manager",
    "Head of Housing", "Allocations Team Leader", "Rough Sleeper Coordinator", "Systems Officer",
    "Temporary Accommodation Officer",
]
