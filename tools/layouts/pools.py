"""Text pools for the layout fixtures: realistic plan wording, written for these fixtures.

People are named by role only. Nothing here says an action is complete, withdrawn or done
unless it is meant to (the truth's status depends on it): see COMPLETE_TEXTS.
"""

PLACES = ["Northvale", "Eastbrook", "Kingsmere", "Westford", "Ashby Vale", "Hollin"]

TOPICS = {
    "crisis": {
        "plan": "{place} Mental Health Crisis Care Concordat Action Plan",
        "sections": [
            "Commissioning to allow earlier intervention and responsive crisis services",
            "Access to support before crisis point",
            "Urgent and emergency access to crisis care",
            "Quality of treatment and care when in crisis",
            "Recovery and staying well",
            "Governance and partnership working",
        ],
        "actions": [
            "Commission a 24/7 crisis telephone line for adults, with calls answered by mental health practitioners",
            "Map current crisis services and publish a single directory for GPs, police and ambulance crews",
            "Agree a joint protocol for Section 136 assessments between the police, the Trust and the acute hospital",
            "Extend street triage to weekends and bank holidays",
            "Reduce the use of police cells as a place of safety for under 18s to zero",
            "Set up a crisis café run with the voluntary sector as an alternative to A&E",
            "Train frontline police officers in mental health awareness",
            "Review the liaison psychiatry service against the Core 24 standard",
            "Introduce shared crisis plans that service users hold themselves",
            "Audit waiting times from referral to assessment by the home treatment team",
            "Agree transport arrangements so people detained under the Mental Health Act are not conveyed in police vehicles",
            "Develop a suicide prevention strategy with public health and the coroner's office",
            "Provide a single point of access for urgent referrals from primary care",
            "Ensure carers are offered an assessment of their own needs after a crisis",
            "Improve the recording of ethnicity in crisis referrals and report it quarterly",
            "Provide approved mental health professional cover out of hours across the county",
            "Pilot peer support workers in the crisis resolution team",
            "Develop a crisis pathway for people with a learning disability or autism",
            "Establish a monthly multi-agency review of repeat Section 136 detentions",
            "Publish an annual report on progress against the concordat to the Health and Wellbeing Board",
            "Include crisis response standards in every mental health service specification",
            "Agree information sharing arrangements between the ambulance service and the Trust",
            "Offer follow up within 7 days to everyone discharged from inpatient care",
            "Provide advice on housing and benefits through the recovery college",
        ],
    },
    "housing": {
        "plan": "{place} Homelessness and Rough Sleeping Action Plan",
        "sections": [
            "Preventing homelessness",
            "Ending rough sleeping",
            "Increasing the supply of affordable homes",
            "Improving standards in the private rented sector",
            "Supporting vulnerable households",
        ],
        "actions": [
            "Expand the tenancy sustainment service to private rented tenants",
            "Carry out a street count of rough sleepers every quarter and share the results with partners",
            "Open a winter night shelter with faith groups",
            "Introduce a landlord incentive scheme to secure 50 private lets a year",
            "Review the housing allocations policy and consult on changes",
            "Reduce the use of bed and breakfast for families to under 6 weeks",
            "Agree a hospital discharge protocol for people with no settled home",
            "Set up a multi-agency panel for people sleeping rough with complex needs",
            "Bring 100 empty homes back into use",
            "Licence houses in multiple occupation in the town centre wards",
            "Provide a housing advice surgery in each GP federation area",
            "Commission supported lodgings for care leavers aged 18 to 21",
            "Train frontline staff in the duty to refer",
            "Develop a domestic abuse housing pathway with the refuge provider",
            "Publish a tenancy strategy for registered providers",
            "Deliver 240 affordable homes through the local plan sites",
            "Carry out a stock condition survey of the private rented sector",
            "Agree a protocol with the prison service for people leaving custody",
            "Launch an online housing options tool for residents",
            "Review temporary accommodation costs and report options to Cabinet",
        ],
    },
    "safety": {
        "plan": "{place} Community Safety Partnership Plan",
        "sections": [
            "Reducing anti-social behaviour",
            "Tackling domestic abuse",
            "Reducing reoffending",
            "Safer roads and town centres",
            "Preventing exploitation",
        ],
        "actions": [
            "Hold monthly problem solving meetings for the five wards with the most anti-social behaviour",
            "Commission an independent domestic violence advisor at the acute hospital",
            "Deliver healthy relationships sessions in every secondary school",
            "Review the use of community protection notices",
            "Expand the integrated offender management cohort to include domestic abuse perpetrators",
            "Install new CCTV cameras in the bus station and review monitoring arrangements",
            "Run a night time economy scheme with licensed premises in the town centre",
            "Map the risk of child criminal exploitation and county lines activity",
            "Train taxi drivers to spot and report signs of exploitation",
            "Set up a multi-agency risk assessment conference for high risk victims",
            "Carry out a domestic homicide review and share the learning",
            "Deliver a speed awareness campaign near schools",
            "Agree a protocol for sharing information on hate crime",
            "Provide mentoring for young people at risk of entering the justice system",
            "Consult residents on priorities for the partnership",
            "Introduce a single case management system for anti-social behaviour",
            "Fund a target hardening scheme for repeat victims of burglary",
            "Publish a strategic assessment of crime and disorder each year",
        ],
    },
    "children": {
        "plan": "{place} Children's Services Improvement Plan",
        "sections": [
            "Early help",
            "Front door and assessment",
            "Children in need and child protection",
            "Children looked after",
            "Care leavers",
            "Workforce and practice quality",
        ],
        "actions": [
            "Launch a multi-agency safeguarding hub with police and health staff co-located",
            "Reduce social worker caseloads to an average of 18",
            "Introduce a practice framework based on signs of safety",
            "Audit 30 case files a month and report themes to the improvement board",
            "Ensure every child looked after has an up to date health assessment",
            "Recruit 20 more foster carers through a local campaign",
            "Offer every care leaver a personal adviser up to age 25",
            "Review the thresholds document with partners and publish it",
            "Set up a permanent team for children on the edge of care",
            "Improve the timeliness of initial child protection conferences",
            "Provide return home interviews within 72 hours for children who go missing",
            "Develop a sufficiency strategy for placements",
            "Introduce a corporate parenting pledge agreed by elected members",
            "Give care leavers council tax exemption until age 25",
            "Establish a social work academy for newly qualified staff",
            "Review the early help offer in children's centres",
            "Agree a joint protocol with housing for 16 and 17 year olds who are homeless",
            "Publish the local offer for care leavers on the council website",
            "Strengthen the voice of the child in assessments and plans",
            "Reduce reliance on agency social workers to below 15%",
        ],
    },
    "trust": {
        "plan": "{place} NHS Foundation Trust Quality Improvement Plan",
        "sections": [
            "Safe staffing",
            "Medicines management",
            "Patient experience",
            "Mental Health Act compliance",
            "Leadership and governance",
        ],
        "actions": [
            "Fill registered nurse vacancies on the acute wards through an international recruitment campaign",
            "Introduce a daily staffing huddle across all inpatient units",
            "Audit the storage of controlled drugs on every ward each month",
            "Replace paper prescription charts with electronic prescribing",
            "Act on the results of the community mental health survey",
            "Review the complaints process so responses are sent within 25 working days",
            "Make sure patients detained under the Act are told their rights and that this is recorded",
            "Train ward managers in the use of seclusion and its review",
            "Hold board walkabouts in every service twice a year",
            "Refresh the risk register and link it to the board assurance framework",
            "Improve the completeness of physical health checks for inpatients",
            "Introduce a ligature risk assessment tool and audit its use",
            "Set up a patient and carer reference group for the improvement plan",
            "Reduce the use of prone restraint",
            "Roll out a freedom to speak up guardian network",
            "Review mandatory training compliance with each directorate",
        ],
    },
    "council": {
        "plan": "{place} Borough Council Corporate Improvement Plan",
        "sections": [
            "Financial sustainability",
            "Customer access",
            "People and culture",
            "Governance",
        ],
        "actions": [
            "Agree a medium term financial strategy that closes the budget gap",
            "Move the top ten council services online with a single account for residents",
            "Review the scheme of delegation and the constitution",
            "Carry out a staff survey and publish the results with an action plan",
            "Introduce a new performance framework reported to Cabinet quarterly",
            "Review the council's commercial property portfolio",
            "Set up an audit committee training programme for members",
            "Reduce the average time to answer calls at the contact centre",
            "Refresh the corporate risk register with directorate input",
            "Agree a workforce strategy including apprenticeships",
            "Review all shared service arrangements with neighbouring councils",
            "Publish a transparency page for spending over £500",
        ],
    },
}

QUALIFIERS = [
    "across the county",
    "in the north locality",
    "for young people aged 16 to 25",
    "with the voluntary and community sector",
    "in the two town centres",
    "for older adults",
    "in partnership with primary care",
    "as a pilot in one district",
]

# Leads as bodies and roles. ONE_NAME_COMMAS hold a comma inside one name. No name holds " and ",
# " & ", " / " or ";": LAYOUTS.md splits leads there, so such a name would make the truth wrong.
BODIES = {
    "crisis": ["CCG", "Police", "Local Authority", "Mental Health Trust", "Ambulance Service",
               "Public Health", "Acute Trust", "Mind", "Healthwatch", "Crisis Team Manager",
               "Head of Mental Health Commissioning", "AMHP Service Lead"],
    "housing": ["Housing Options Manager", "Strategic Housing Lead", "Registered Providers",
                "Private Sector Housing Team", "Outreach Service", "Planning Policy Manager",
                "Revenues Team", "Adult Social Care", "Probation Service", "Shelter"],
    "safety": ["Community Safety Manager", "Police", "Fire Service", "Youth Offending Service",
               "Probation Service", "Licensing Team", "Domestic Abuse Coordinator", "Public Health",
               "Highways", "Trading Standards"],
    "children": ["Head of Children's Social Care", "Early Help Manager", "Designated Nurse",
                 "Police", "Virtual School Head", "Principal Social Worker", "Head of Commissioning",
                 "Leaving Care Team Manager", "Housing Options Manager", "Schools Forum"],
    "trust": ["Director of Nursing", "Chief Pharmacist", "Medical Director", "Head of Patient Experience",
              "Mental Health Act Manager", "Director of Workforce", "Company Secretary",
              "Head of Quality Governance", "Ward Managers", "Deputy Director of Nursing"],
    "council": ["Chief Finance Officer", "Head of Customer Services", "Monitoring Officer",
                "Head of HR", "Head of Performance", "Head of Property",
                "Director of Resources", "Audit Manager", "ICT Manager"],
}

ONE_NAME_COMMAS = [
    "Head of Nursing, City Council",
    "End of Life Forum, c/o HCCG",
    "Commissioning Manager, NHS Northvale CCG",
    "Chief Inspector, Neighbourhood Policing",
    "Service Manager, Adult Social Care",
    "Programme Lead, Public Health",
]

PARTNERS = ["Mind", "Samaritans", "Healthwatch", "Citizens Advice", "Age UK", "Shelter",
            "Victim Support", "Barnardo's", "Housing associations", "GP federations",
            "British Transport Police", "Youth Service"]

DUES_TEXT = ["March 2017", "Mar 17", "Sept 2016", "December 2016", "Q3 2016/17", "Q4 2016/17",
             "2016/17", "June 2016", "31/03/2017", "Ongoing", "June 2016 (& ongoing)",
             "TBC", "Jan 2017", "April 2017", "From Oct 2016", "Sep 16", "Dec\n2016",
             "Monthly with Sep 16 Review", "2017"]

REVISED_FORMS = ["Revised: {d}", "Revised to {d}", "New date: {d}", "Extended to {d}",
                 "Revised - {d}"]
REVISED_DATES = ["March 2017", "June 2017", "Sept 2017", "December 2017", "Q1 2017/18"]

OUTCOMES = [
    "Fewer people reaching crisis point",
    "People know where to go for help",
    "Shorter waits for assessment",
    "Better experience reported by service users and carers",
    "Partners share one picture of demand",
    "Reduced repeat incidents",
    "Staff feel confident to respond",
    "Money spent where it makes most difference",
    "Clear accountability for each part of the pathway",
    "Services joined up around the person",
    "Fewer complaints about the service",
    "Improved inspection rating",
]

NEXT_STEPS = [
    "Report to the board in the next quarter",
    "Agree funding for 2017/18",
    "Share findings with partners at the next forum",
    "Draft the business case",
    "Consult service users on the options",
    "Evaluate the pilot and decide whether to extend it",
    "Confirm leads for each workstream",
]

# Updates that are progress, never completion (see the module doc).
UPDATE_TEXTS = [
    "{n} staff trained so far; further sessions booked for {month}.",
    "Draft specification shared with partners; comments due by {month}.",
    "Working group met in {month} and agreed its terms of reference.",
    "Data for the last quarter shows {n}% of referrals seen within four hours.",
    "Funding bid submitted; the outcome is expected in {month}.",
    "Pilot running in two localities with positive early feedback from users.",
    "Progress slower than planned because of vacancies; recruitment is under way.",
    "Review of the current pathway under way with providers.",
    "Procurement timetable agreed and the tender goes out in {month}.",
    "Partners asked to nominate leads; two nominations still outstanding.",
    "Audit of {n} case files found good practice in most; an improvement plan is being drafted.",
    "Report going to the board in {month}.",
    "Options paper considered by the steering group; a preferred option will be costed.",
    "Task and finish group set up, chaired by the lead commissioner.",
    "Baseline figures collected; the first monitoring report is due in {month}.",
    "Consultation with service users and carers ran for six weeks and drew {n} responses.",
    "Joint workshop held with the police and the Trust; actions agreed for each agency.",
    "Awaiting the national guidance before going further.",
    "Recruitment to the two new posts is under way, with interviews in {month}.",
    "Scoping work started; the project brief is with the sponsor.",
]

FURTHER_TEXTS = [
    "Timescale moved because the provider asked for more time to recruit.",
    "New date agreed by the steering group after the funding decision slipped.",
    "Further delay while the national specification is revised.",
    "The board agreed the revised date at its last meeting.",
    "Partners need longer to agree the data sharing terms.",
]

COMPLETE_TEXTS = [
    "Action complete.",
    "Completed in May 2016.",
    "Complete.",
    "This action is now complete.",
    "Completed in March 2016; the new arrangements are monitored through the quarterly report.",
    "Action completed in September 2016.",
]

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
