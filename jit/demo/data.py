"""Demo data. Every person and case here is fictional.

JIT 1 is modelled on the Romanian-French forced-criminality case of the country report (parents
who trained children under 14 to pickpocket in Paris; Eurojust-funded). JIT 2 (Romania-Germany-
Italy, a "loverboy" sexual exploitation case) exists so that tests can prove JIT 1's members
never see its data. Usernames are a contract: outside scripts log in with them (issue 2).
"""

from __future__ import annotations

from jit.accounts.models import OrganisationKind as K
from jit.accounts.models import TeamRole as R

ORGANISATIONS = (
    ("DIICOT - Serviciul Teritorial Iași (fictional demo)", "RO", K.PROSECUTION),
    ("Parquet de Paris - section mineurs (fictional demo)", "FR", K.PROSECUTION),
    ("Poliția Română - DCCO Iași (fictional demo)", "RO", K.POLICE),
    ("Brigade de protection des mineurs, Paris (fictional demo)", "FR", K.POLICE),
    ("Asociația Drum Sigur Acasă (fictional demo NGO)", "RO", K.NGO),
    ("Staatsanwaltschaft München I (fictional demo)", "DE", K.PROSECUTION),
    ("Polizia di Stato - Squadra Mobile Milano (fictional demo)", "IT", K.POLICE),
    ("DIICOT - Serviciul Teritorial Timișoara (fictional demo)", "RO", K.PROSECUTION),
)

# username, display name, organisation index, preferred language
USERS = (
    ("ro.prosecutor", "Andreea Munteanu", 0, "ro"),
    ("fr.prosecutor", "Claire Dubreuil", 1, "fr"),
    ("ro.liaison", "Mihai Ciobanu", 2, "ro"),
    ("fr.liaison", "Julien Marchetti", 3, "fr"),
    ("ro.ngo", "Ioana Străjescu", 4, "ro"),
    ("ro.dpo", "Radu Enache", 0, "ro"),
    ("ro.lead", "Cristina Vlădescu", 0, "ro"),
    ("de.prosecutor", "Katrin Oberhuber", 5, "de"),
    ("it.liaison", "Marco Ferrante", 6, "it"),
    ("ro.prosecutor2", "Bogdan Lăzărescu", 7, "ro"),
)

# reference, name, parties, start offset (days before load), length in days, eurojust support
TEAMS = (
    (
        "JIT-RO-FR-2026-01",
        "Operation Pont Neuf: children forced to pickpocket in Paris",
        "RO,FR",
        120,
        730,
        True,
    ),
    (
        "JIT-RO-DE-IT-2026-02",
        "Operation Lantern: sexual exploitation by a 'loverboy'",
        "RO,DE,IT",
        60,
        540,
        True,
    ),
)

# username, team index, role
MEMBERSHIPS = (
    ("ro.prosecutor", 0, R.PROSECUTOR),
    ("fr.prosecutor", 0, R.PROSECUTOR),
    ("ro.liaison", 0, R.LIAISON_OFFICER),
    ("fr.liaison", 0, R.LIAISON_OFFICER),
    ("ro.ngo", 0, R.NGO_COORDINATOR),
    ("ro.dpo", 0, R.DATA_PROTECTION_OFFICER),
    ("ro.lead", 0, R.JIT_LEAD),
    ("de.prosecutor", 1, R.PROSECUTOR),
    ("it.liaison", 1, R.LIAISON_OFFICER),
    ("ro.prosecutor2", 1, R.PROSECUTOR),
    ("ro.prosecutor2", 1, R.JIT_LEAD),
)
