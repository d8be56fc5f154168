"""The demo data set ("voorbeelddata"): deterministic, invented around the public GGU figures.

Public figures used as they are: the fund size per year, the 50/20/30 norm, the contribution
per inhabitant, the CBS municipality figures of 2023 and 2024 and the CBS CPI series (data/seed/).
Everything else (items, budgets, spending, goals, indicators) is invented. A demo simplification:
the 2023 municipal division is used for 2018-2022 and the 2024 division for 2025-2026, with the
inhabitants scaled proportionally to the national totals of those years.
"""
from __future__ import annotations

import calendar
import datetime as dt
import hashlib
from decimal import Decimal

import numpy as np
import pandas as pd

from ggu import config
from ggu.snapshots import Store

AS_OF = dt.date(2026, 10, 31)
FIRST_YEAR = 2018
LAST_YEAR = 2026
YEARS = range(FIRST_YEAR, LAST_YEAR + 1)
SEED = 2026

# Budget of activities per year, all funding sources (public order of magnitude), in euro.
BUDGET_TOTAL_EUR = {2018: 52_300_000, 2019: 52_300_000, 2020: 55_000_000, 2021: 55_800_000,
                    2022: 56_600_000, 2023: 57_300_000, 2024: 58_000_000, 2025: 58_400_000,
                    2026: 58_900_000}
# Part of it from the Rijk and other sources; the rest (fonds_ggu) stays within 3% of the
# contributions. From 2024 on the contributions leave less room than €6M.
OTHER_SOURCES_EUR = {2018: 10_200_000, 2019: 9_900_000, 2020: 11_750_000, 2021: 11_200_000,
                     2022: 10_000_000, 2023: 7_000_000, 2024: 5_600_000, 2025: 4_900_000,
                     2026: 4_300_000}
# Actual split of the budget, % structureel / meerjarig / kortcyclisch (norm 50/20/30 ± 2.0).
CATEGORY_SHARE_PCT = {2018: (49, 21, 30), 2019: (51, 19, 30), 2020: (52, 20, 28),
                      2021: (50, 22, 28), 2022: (52, 19, 29), 2023: (51, 20, 29),
                      2024: (53, 18, 29), 2025: (52, 19, 29), 2026: (54, 17, 29)}
NATIONAL_INHABITANTS = {2018: 17_181_084, 2019: 17_282_163, 2020: 17_407_585,
                        2021: 17_475_415, 2022: 17_590_672, 2025: 18_044_027, 2026: 18_130_000}
RATE_PER_INHABITANT_EUR = {2018: "2.45", 2019: "2.45", 2020: "2.48", 2021: "2.55", 2022: "2.65",
                           2023: "2.85", 2024: "3.00", 2025: "3.05", 2026: "3.10"}

GOALS = [  # goal_id, name, description
    ("D1", "Veilige en betrouwbare informatievoorziening",
     "Gemeenten zijn digitaal weerbaar en hun netwerk en gegevens zijn goed beveiligd."),
    ("D2", "Samen organiseren: minder dubbel werk",
     "Wat gemeenten samen beter kunnen doen, organiseren zij één keer voor iedereen."),
    ("D3", "Gegevens bij de bron (Common Ground)",
     "Gegevens worden bij de bron bevraagd in plaats van gekopieerd, via open standaarden."),
    ("D4", "Betere dienstverlening aan inwoners en ondernemers",
     "Inwoners en ondernemers worden digitaal, toegankelijk en transparant geholpen."),
    ("D5", "Sterk sociaal domein",
     "De informatievoorziening in Wmo, Jeugd en Participatie is eenvoudig en betrouwbaar."),
]
STALE_GOAL = "D2"  # its monitor is being revised: no measurement after 2025-06-30

INDICATORS = [  # id, name, unit, baseline, year, target, year, direction, months apart, pace
    ("D1.1", "Gemeenten die voldoen aan de BIO-normen (ENSIA)", "%",
     61, 2019, 90, 2026, "hoger", 6, 1.05),
    ("D1.2", "Gemeenten aangesloten op GGI-Veilig", "aantal gemeenten",
     40, 2021, 320, 2027, "hoger", 3, 0.85),
    ("D1.3", "Doorlooptijd afhandeling kwetsbaarheidsmelding IBD", "dagen",
     14, 2020, 5, 2026, "lager", 3, 1.0),
    ("D2.1", "Gemeenten die deelnemen aan gezamenlijke inkoop", "aantal gemeenten",
     180, 2020, 300, 2027, "hoger", 6, 0.95),
    ("D2.2", "Actieve gezamenlijke raamovereenkomsten", "aantal",
     12, 2019, 30, 2026, "hoger", 6, 0.6),
    ("D3.1", "Gemeenten die de BRP bevragen via Haal Centraal", "aantal gemeenten",
     5, 2020, 250, 2027, "hoger", 3, 1.1),
    ("D3.2", "Applicaties in de Softwarecatalogus met ZGW API's", "aantal",
     40, 2020, 400, 2026, "hoger", 3, 0.8),
    ("D3.3", "Gemiddeld aantal kopieën van basisregistraties per gemeente", "aantal",
     9, 2021, 3, 2028, "lager", 6, 0.5),
    ("D4.1", "Gemeentewebsites die voldoen aan de toegankelijkheidseisen", "%",
     28, 2020, 75, 2026, "hoger", 3, 0.55),
    ("D4.2", "Waardering digitale dienstverlening door inwoners", "rapportcijfer",
     6.6, 2019, 7.5, 2026, "hoger", 6, 1.0),
    ("D4.3", "Gemeenten met raadsinformatie in Open Raadsinformatie", "aantal gemeenten",
     90, 2019, 300, 2026, "hoger", 6, 1.05),
    ("D5.1", "iWmo/iJw-berichten die in één keer goed verwerkt worden", "%",
     88, 2019, 97, 2026, "hoger", 3, 0.9),
    ("D5.2", "Doorlooptijd toewijzing jeugdhulp", "dagen",
     42, 2021, 28, 2027, "lager", 6, 0.7),
]

# Owners are VNG teams, never persons.
IBD = "VNG Realisatie – team IBD"
GGI = "VNG Realisatie – team GGI"
INKOOP = "VNG Realisatie – team Inkoop en Contractmanagement"
KETEN = "VNG Realisatie – Ketenbureau i-Sociaal Domein"
DATA = "VNG Realisatie – team Data en Informatie"
ARCH = "VNG Realisatie – team Architectuur en Standaarden"
CG = "VNG Realisatie – team Common Ground"
DIENST = "VNG Realisatie – team Dienstverlening"
VEILIG = "VNG Realisatie – team Digitale Veiligheid"
INFO = "VNG Realisatie – team Informatiebeleid"
SOCIAAL = "VNG – team Sociaal Domein"
OMGW = "VNG – team Omgevingswet"
SAMEN = "VNG – programma Samen Organiseren"

# The themes.
VEIL, INFRA = "Informatieveiligheid", "Infrastructuur en netwerk"
STAND, SD = "Standaarden en architectuur", "Sociaal domein"
DI, DV, IC = "Data en informatie", "Dienstverlening", "Inkoop en contractbeheer"

# item_id, name, kind, category, theme, goal, owner, start, end, status, phase,
# relative size, seasonality, cost profile, status reason
ITEMS = [
    # -- structureel: early start, mostly no end
    ("IBD", "Informatiebeveiligingsdienst (IBD)", "dienst", "structureel", VEIL, "D1", IBD,
     2013, None, "groen", "beheer", 4.5, "vlak", "veiligheid",
     "De dienstverlening verloopt volgens plan; alle gemeenten ontvangen de dreigingsberichten."),
    ("GGI-NET", "GGI-Netwerk", "dienst", "structureel", INFRA, "D1", GGI,
     2019, None, "oranje", "beheer", 4.0, "kwartaal", "infra",
     "De aansluiting van de laatste gemeenten loopt achter op de planning."),
    ("GGI-VEILIG", "GGI-Veilig", "dienst", "structureel", VEIL, "D1", GGI,
     2020, None, "rood", "beheer", 3.0, "jan", "infra",
     "De licentiekosten liggen na de nieuwe aanbesteding ruim boven de begroting."),
    ("GT", "Gemeentelijke Telecommunicatie", "dienst", "structureel", INFRA, "D2", INKOOP,
     2016, None, "oranje", "beheer", 2.0, "vlak", "inkoop",
     "Door het uitfaseren van 2G en 3G zijn extra migraties bij gemeenten nodig."),
    ("KISD", "Ketenbureau i-Sociaal Domein", "dienst", "structureel", SD, "D5", KETEN,
     2015, None, "oranje", "beheer", 2.5, "vlak", "team",
     "De vervanging van het berichtenportaal loopt vertraging op."),
    ("WSJG", "Waarstaatjegemeente", "product", "structureel", DI, "D4", DATA,
     2012, None, "groen", "beheer", 1.0, "vlak", "product",
     "De nieuwe dashboards zijn op tijd opgeleverd."),
    ("ENSIA", "ENSIA", "dienst", "structureel", VEIL, "D1", IBD,
     2017, None, "oranje", "beheer", 1.0, "kwartaal", "team",
     "Een deel van de gemeenten diende de verantwoording na de termijn in."),
    ("GEMMA", "GEMMA", "standaard", "structureel", STAND, "D3", ARCH,
     2009, None, "groen", "beheer", 1.5, "vlak", "standaard",
     "Een nieuwe release van de referentiearchitectuur is gepubliceerd."),
    ("SWC", "Softwarecatalogus", "product", "structureel", STAND, "D3", ARCH,
     2014, None, "oranje", "beheer", 0.8, "vlak", "product",
     "De vernieuwing van het platform vraagt meer tijd dan gepland."),
    ("ZGW", "ZGW API-standaarden", "standaard", "structureel", STAND, "D3", ARCH,
     2019, None, "oranje", "beheer", 1.0, "vlak", "standaard",
     "Leveranciers nemen versie 1.5 van de standaarden trager over dan gepland."),
    ("STUF", "StUF-standaarden", "standaard", "structureel", STAND, "D3", ARCH,
     2008, 2024, "groen", "afgerond", 0.7, "vlak", "standaard",
     "Het beheer is beëindigd; de opvolging loopt via de migratie naar API's."),
    ("IWMO", "iWmo/iJw berichtenstandaarden", "standaard", "structureel", SD, "D5", KETEN,
     2015, None, "groen", "beheer", 1.3, "vlak", "standaard",
     "De releases voor 2026 zijn tijdig gepubliceerd."),
    ("CSZ", "Contractbeheer specialistische zorg", "dienst", "structureel", IC, "D5", INKOOP,
     2015, None, "rood", "beheer", 1.2, "kwartaal", "inkoop",
     "De onderhandelingen met aanbieders over de tarieven lopen uit en kosten extra inzet."),
    ("WOZ", "WOZ-datacenter", "dienst", "structureel", DI, "D3", DATA,
     2016, None, "oranje", "beheer", 0.8, "jan", "infra",
     "Het contract met de leverancier loopt af en moet opnieuw worden aanbesteed."),
    ("GGB", "Gemeentelijke Gegevensbank", "product", "structureel", DI, "D4", DATA,
     2017, None, "groen", "beheer", 0.7, "vlak", "product",
     "De gegevensbank is bijgewerkt met de cijfers van 2025."),
    ("ORI", "Open Raadsinformatie", "product", "structureel", DV, "D4", DIENST,
     2018, None, "groen", "beheer", 0.7, "vlak", "product",
     "Het aantal aangesloten gemeenten groeit volgens plan."),
    ("VM", "Vendor management", "dienst", "structureel", IC, "D2", INKOOP,
     2016, None, "oranje", "beheer", 1.5, "vlak", "inkoop",
     "Twee grote leveranciers verhogen hun prijzen meer dan afgesproken."),
    ("GIBIT", "GIBIT inkoopvoorwaarden", "standaard", "structureel", IC, "D2", INKOOP,
     2016, None, "groen", "beheer", 0.65, "vlak", "inkoop",
     "De inkoopvoorwaarden zijn geactualiseerd en breed in gebruik."),
    ("DT", "Digitale toegankelijkheid", "dienst", "structureel", DV, "D4", DIENST,
     2018, None, "rood", "beheer", 0.7, "vlak", "team",
     "Minder dan de helft van de gemeentewebsites voldoet aan de toegankelijkheidseisen."),
    ("CG", "Common Ground", "programma", "structureel", STAND, "D3", CG,
     2019, None, "groen", "beheer", 2.0, "kwartaal", "programma",
     "Community en componentenlandschap ontwikkelen zich volgens de roadmap."),
    ("DIGV", "Digitale veiligheid", "programma", "structureel", VEIL, "D1", VEILIG,
     2018, None, "groen", "beheer", 2.0, "q4", "programma",
     "De activiteiten voor digitale weerbaarheid lopen volgens plan."),
    ("MSD", "Monitor Sociaal Domein", "product", "structureel", SD, "D5", SOCIAAL,
     2017, None, "oranje", "beheer", 0.7, "kwartaal", "product",
     "De halfjaarlijkse publicatie is een maand later verschenen dan gepland."),
    ("FGNET", "Kennisnetwerk privacy en FG's", "dienst", "structureel", VEIL, "D1", INFO,
     2018, None, "groen", "beheer", 0.65, "vlak", "team",
     "De netwerkbijeenkomsten worden goed bezocht."),
    # -- meerjarig: 2-5 years
    ("SO", "Samen Organiseren", "programma", "meerjarig", IC, "D2", SAMEN,
     2017, 2020, "groen", "afgerond", 1.6, "kwartaal", "programma",
     "Het programma is afgerond; de werkwijze is geborgd in de GGU."),
    ("DA2020", "Digitale Agenda 2020", "programma", "meerjarig", DV, "D4", DIENST,
     2017, 2020, "groen", "afgerond", 1.6, "q4", "programma",
     "Afgerond; de lopende projecten zijn overgedragen aan de GGU."),
    ("NLX", "NLX", "product", "meerjarig", STAND, "D3", CG,
     2018, 2021, "groen", "afgerond", 1.2, "vlak", "product",
     "Afgerond; opgevolgd door de FSC-standaard."),
    ("OMGW", "Omgevingswet ondersteuning", "programma", "meerjarig", DV, "D4", OMGW,
     2018, 2022, "oranje", "afgerond", 1.8, "kwartaal", "programma",
     "Afgerond met een beperkte overschrijding door het uitstel van de wet."),
    ("AANB-GGI", "Aanbesteding GGI-Netwerk", "programma", "meerjarig", INFRA, "D1", GGI,
     2018, 2019, "groen", "afgerond", 1.2, "vlak", "inkoop",
     "De aanbesteding is afgerond en het netwerk is gegund."),
    ("HC", "Haal Centraal", "programma", "meerjarig", STAND, "D3", CG,
     2019, 2023, "groen", "afgerond", 1.6, "vlak", "standaard",
     "Afgerond; de API's zijn overgedragen aan de bronhouders."),
    ("OZ", "Open Zaak", "product", "meerjarig", STAND, "D3", CG,
     2019, 2021, "groen", "afgerond", 1.0, "vlak", "product",
     "Afgerond; het product is overgedragen aan de community."),
    ("EDEPOT", "e-Depot", "product", "meerjarig", DI, "D4", INFO,
     2020, 2024, "rood", "implementatie", 1.0, "kwartaal", "product",
     "De einddatum is verstreken; de aansluiting van de laatste gemeenten is vertraagd."),
    ("HAVEN", "Haven", "standaard", "meerjarig", INFRA, "D3", CG,
     2020, 2023, "oranje", "afgerond", 0.9, "vlak", "standaard",
     "Afgerond; minder leveranciers passen de standaard toe dan beoogd."),
    ("SIG", "Signalen", "product", "meerjarig", DV, "D4", CG,
     2020, 2023, "oranje", "afgerond", 1.0, "vlak", "product",
     "Afgerond; de overdracht aan de gemeenten duurde langer dan gepland."),
    ("ZGW-IMPL", "Implementatie zaakgericht werken", "programma", "meerjarig", STAND, "D3", ARCH,
     2020, 2022, "groen", "afgerond", 0.9, "kwartaal", "programma",
     "Afgerond; de implementatiehandreiking is breed gebruikt."),
    ("OF", "Open Formulieren", "product", "meerjarig", DV, "D4", CG,
     2021, 2024, "groen", "afgerond", 0.9, "vlak", "product",
     "Afgerond; het product is overgedragen aan de community."),
    ("TCG", "Transitieprogramma Common Ground", "programma", "meerjarig", STAND, "D3", CG,
     2021, 2025, "rood", "implementatie", 1.8, "q4", "programma",
     "De einddatum is overschreden; de oplevering van de componenten schuift naar 2026."),
    ("ROG", "Regie op gegevens", "programma", "meerjarig", DI, "D3", DATA,
     2022, 2025, "oranje", "afgerond", 0.8, "vlak", "programma",
     "Afgerond met een kleinere scope; een deel is overgeheveld naar het Gegevenslandschap."),
    ("MIJN", "Mijn Services", "product", "meerjarig", DV, "D4", DIENST,
     2022, 2026, "oranje", "implementatie", 1.2, "vlak", "product",
     "Minder gemeenten sluiten aan dan gepland, waardoor de uitgaven achterblijven."),
    ("DVK", "Dataverkenner", "product", "meerjarig", DI, "D4", DATA,
     2022, 2025, "groen", "afgerond", 0.7, "vlak", "product",
     "Afgerond; de Dataverkenner is in beheer genomen."),
    ("FSC", "FSC-standaard (Federatieve Service Connectiviteit)", "standaard", "meerjarig", STAND,
     "D3", CG, 2023, 2026, "oranje", "implementatie", 0.9, "vlak", "standaard",
     "De standaard is vastgesteld, maar leveranciers passen hem later toe dan verwacht."),
    ("GGL", "Gegevenslandschap", "programma", "meerjarig", DI, "D3", DATA,
     2023, 2026, "oranje", "ontwikkeling", 0.8, "kwartaal", "programma",
     "De afstemming met de landelijke voorzieningen kost meer tijd dan voorzien."),
    ("DGSD", "Datagedreven werken sociaal domein", "programma", "meerjarig", SD, "D5", SOCIAAL,
     2023, 2026, "oranje", "implementatie", 0.8, "vlak", "programma",
     "Twee van de twaalf pilotregio's zijn later gestart dan gepland."),
    ("STUF-MIG", "Migratie StUF naar API's", "programma", "meerjarig", STAND, "D3", ARCH,
     2024, 2027, "rood", "ontwikkeling", 1.0, "kwartaal", "programma",
     "Leveranciers passen hun software later aan dan afgesproken; de planning is niet haalbaar."),
    ("DWG", "Programma digitale weerbaarheid", "programma", "meerjarig", VEIL, "D1", VEILIG,
     2025, 2028, "groen", "ontwikkeling", 1.2, "q4", "programma",
     "Het programmaplan is vastgesteld en de eerste regio's zijn gestart."),
    ("SOEV", "Soevereine cloud gemeenten", "programma", "meerjarig", INFRA, "D1", GGI,
     2026, 2029, "groen", "voorbereiding", 1.0, "kwartaal", "programma",
     "De verkenning en de aanbestedingsstrategie worden voorbereid."),
    # -- kortcyclisch: 1-2 years
    ("BIG", "Actualisatie BIG", "standaard", "kortcyclisch", VEIL, "D1", IBD,
     2017, 2018, "groen", "afgerond", 0.8, "vlak", "standaard",
     "Afgerond; de BIG is opgevolgd door de BIO."),
    ("AVG", "AVG-implementatie gemeenten", "programma", "kortcyclisch", VEIL, "D1", INFO,
     2017, 2018, "groen", "afgerond", 1.2, "q4", "programma",
     "Afgerond; alle gemeenten hebben een functionaris gegevensbescherming."),
    ("PRIV", "Privacyhandreikingen sociaal domein", "product", "kortcyclisch", SD, "D5", SOCIAAL,
     2018, 2019, "groen", "afgerond", 0.6, "vlak", "standaard",
     "Afgerond; de handreikingen zijn gepubliceerd."),
    ("SELECT", "Selectielijst archiefbescheiden", "standaard", "kortcyclisch", DI, "D4", INFO,
     2018, 2019, "groen", "afgerond", 0.5, "vlak", "standaard",
     "Afgerond; de selectielijst is vastgesteld."),
    ("EHERK", "Aanbesteding eHerkenning", "programma", "kortcyclisch", IC, "D2", INKOOP,
     2018, 2019, "groen", "afgerond", 0.8, "vlak", "inkoop",
     "Afgerond; de raamovereenkomst is gegund."),
    ("BENCH", "Benchmark ICT-kosten gemeenten", "product", "kortcyclisch", DI, "D2", DATA,
     2018, 2019, "groen", "afgerond", 0.6, "vlak", "product",
     "Afgerond; de benchmark is in Waarstaatjegemeente opgenomen."),
    ("BIO", "Invoering BIO", "programma", "kortcyclisch", VEIL, "D1", IBD,
     2019, 2020, "groen", "afgerond", 1.2, "q4", "programma",
     "Afgerond; de BIO is bij alle gemeenten ingevoerd."),
    ("BASISBEV", "Basisbeveiliging", "product", "kortcyclisch", VEIL, "D1", VEILIG,
     2019, 2020, "groen", "afgerond", 0.6, "vlak", "product",
     "Afgerond; de scans zijn overgedragen aan de IBD."),
    ("ABON", "Abonnementstarief Wmo: berichtaanpassing", "standaard", "kortcyclisch", SD, "D5",
     KETEN, 2019, 2020, "groen", "afgerond", 0.5, "vlak", "standaard",
     "Afgerond; de aangepaste berichten zijn in gebruik."),
    ("WVGGZ", "Gegevensuitwisseling Wet verplichte ggz", "standaard", "kortcyclisch", SD, "D5",
     KETEN, 2019, 2020, "groen", "afgerond", 0.5, "vlak", "standaard",
     "Afgerond; de gegevensuitwisseling werkt in alle regio's."),
    ("VROEG", "Vroegsignalering schulden", "programma", "kortcyclisch", SD, "D5", SOCIAAL,
     2020, 2021, "groen", "afgerond", 0.9, "kwartaal", "subsidie",
     "Afgerond; alle gemeenten kunnen signalen van vaste lasten-partners ontvangen."),
    ("TOZO", "Tozo-regeling: digitale aanvraag", "product", "kortcyclisch", SD, "D5", SOCIAAL,
     2020, 2021, "oranje", "afgerond", 1.0, "vlak", "product",
     "Afgerond; de kosten vielen hoger uit door de snelle invoering."),
    ("THUIS", "Thuiswerken en videovergaderen", "dienst", "kortcyclisch", INFRA, "D2", GGI,
     2020, 2020, "groen", "afgerond", 0.6, "vlak", "infra",
     "Afgerond; de tijdelijke voorzieningen zijn beëindigd."),
    ("MS-AANB", "Microsoft-aanbesteding gemeenten", "programma", "kortcyclisch", IC, "D2", INKOOP,
     2021, 2022, "groen", "afgerond", 0.8, "vlak", "inkoop",
     "Afgerond; het contract is gegund."),
    ("RANSOM", "Ransomware-weerbaarheid", "programma", "kortcyclisch", VEIL, "D1", VEILIG,
     2021, 2022, "groen", "afgerond", 1.0, "q4", "programma",
     "Afgerond; alle gemeenten hebben een herstelplan getest."),
    ("INBURG", "Gegevensuitwisseling Wet inburgering", "standaard", "kortcyclisch", SD, "D5",
     KETEN, 2021, 2022, "groen", "afgerond", 0.6, "vlak", "standaard",
     "Afgerond; de berichten zijn in productie."),
    ("TOESL", "Herstel toeslagenaffaire: gegevensuitwisseling", "dienst", "kortcyclisch", SD, "D5",
     SOCIAAL, 2021, 2022, "oranje", "afgerond", 0.9, "kwartaal", "subsidie",
     "Afgerond; er is minder uitgegeven doordat de landelijke regeling later startte."),
    ("VERK", "Verkiezingen: digitale uitslagverwerking", "product", "kortcyclisch", DV, "D4",
     DIENST, 2021, 2022, "groen", "afgerond", 0.5, "vlak", "product",
     "Afgerond; de software is bij de verkiezingen van 2022 gebruikt."),
    ("WOO", "Implementatie Wet open overheid", "programma", "kortcyclisch", DI, "D4", INFO,
     2022, 2023, "groen", "afgerond", 1.0, "kwartaal", "programma",
     "Afgerond; de handreikingen en het implementatieplan zijn opgeleverd."),
    ("WKB", "Gegevensuitwisseling Wet kwaliteitsborging", "standaard", "kortcyclisch", DV, "D4",
     OMGW, 2022, 2023, "groen", "afgerond", 0.5, "vlak", "standaard",
     "Afgerond; de koppeling met het Omgevingsloket werkt."),
    ("ENERGIE", "Uitvoering energietoeslag", "dienst", "kortcyclisch", SD, "D5", SOCIAAL,
     2022, 2023, "groen", "afgerond", 1.0, "kwartaal", "subsidie",
     "Afgerond; de toeslag is via de gemeenten uitgekeerd."),
    ("OEKR", "Opvang Oekraïense ontheemden: gegevensvoorziening", "dienst", "kortcyclisch", SD,
     "D5", SOCIAAL, 2022, 2023, "groen", "afgerond", 0.7, "vlak", "team",
     "Afgerond; de registratie is overgedragen aan de BRP."),
    ("CLOUD", "Cloudverkenning gemeenten", "programma", "kortcyclisch", INFRA, "D1", GGI,
     2023, 2024, "oranje", "afgerond", 0.6, "vlak", "programma",
     "Afgerond, maar de aanbevelingen zijn nog niet uitgewerkt."),
    ("ALGO", "Algoritmeregister", "product", "kortcyclisch", DI, "D4", DATA,
     2023, 2024, "groen", "afgerond", 0.6, "vlak", "product",
     "Afgerond; gemeenten publiceren hun algoritmen in het landelijke register."),
    ("WDO", "Implementatie Wet digitale overheid", "programma", "kortcyclisch", DV, "D4", DIENST,
     2023, 2024, "oranje", "afgerond", 0.9, "kwartaal", "programma",
     "Afgerond; er bleef budget over doordat de wet later in werking trad."),
    ("IPV6", "IPv6 en RPKI-versnelling", "programma", "kortcyclisch", INFRA, "D1", GGI,
     2023, 2023, "groen", "afgerond", 0.5, "vlak", "infra",
     "Afgerond; de meeste gemeenten zijn via IPv6 bereikbaar."),
    ("AI", "Handreiking AI en algoritmen", "product", "kortcyclisch", DI, "D3", DATA,
     2024, 2025, "groen", "afgerond", 0.6, "vlak", "standaard",
     "Afgerond; de handreiking is gepubliceerd."),
    ("DSTRAT", "Gemeentelijke datastrategie", "programma", "kortcyclisch", DI, "D3", DATA,
     2024, 2025, "groen", "afgerond", 0.7, "vlak", "programma",
     "Afgerond; de datastrategie is door de ALV vastgesteld."),
    ("INFOH", "Informatiehuishouding op orde", "programma", "kortcyclisch", DI, "D4", INFO,
     2024, 2025, "rood", "ontwikkeling", 0.8, "kwartaal", "programma",
     "De einddatum is verstreken en de handreiking is nog niet vastgesteld."),
    ("OW-NAZORG", "Omgevingswet nazorg", "dienst", "kortcyclisch", DV, "D4", OMGW,
     2024, 2025, "groen", "afgerond", 0.7, "vlak", "team",
     "Afgerond; de ondersteuning is overgedragen aan de regio's."),
    ("NIS2", "Voorbereiding Cyberbeveiligingswet (NIS2)", "programma", "kortcyclisch", VEIL, "D1",
     VEILIG, 2025, 2026, "rood", "implementatie", 1.0, "vlak", "programma",
     "Extra inhuur is nodig om gemeenten vóór de inwerkingtreding te ondersteunen."),
    ("INCL", "Digitale inclusie", "programma", "kortcyclisch", DV, "D4", DIENST,
     2025, 2026, "oranje", "implementatie", 0.8, "kwartaal", "subsidie",
     "De regionale aanpak is in negen van de twaalf provincies gestart."),
    ("EDI", "EDI-wallet verkenning gemeenten", "programma", "kortcyclisch", DV, "D4", DIENST,
     2026, 2027, "oranje", "voorbereiding", 0.7, "vlak", "programma",
     "De landelijke kaders voor de wallet zijn later beschikbaar dan verwacht."),
    ("PQC", "Post-quantumcryptografie verkenning", "programma", "kortcyclisch", VEIL, "D1", IBD,
     2026, 2026, "groen", "voorbereiding", 0.5, "vlak", "standaard",
     "De verkenning loopt volgens plan."),
    ("PIB", "Participatiewet in balans: gegevensuitwisseling", "standaard", "kortcyclisch", SD,
     "D5", KETEN, 2026, 2027, "oranje", "ontwikkeling", 0.7, "vlak", "standaard",
     "De wetgeving is nog niet definitief, waardoor de specificaties kunnen wijzigen."),
]
ITEM_COLUMNS = ["item_id", "name", "kind", "category", "theme", "goal_id", "owner", "start_year",
                "end_year", "status", "phase", "size", "season", "profile", "status_reason"]

# Items co-funded from other sources: (funding source, relative share of their budget).
COFUNDING = {
    "CG": ("rijk", 0.5), "HC": ("rijk", 0.6), "DIGV": ("rijk", 0.5), "TCG": ("rijk", 0.6),
    "OMGW": ("rijk", 0.6), "DA2020": ("rijk", 0.5), "NLX": ("rijk", 0.4), "DWG": ("rijk", 0.5),
    "AVG": ("rijk", 0.6), "BIO": ("rijk", 0.5), "VROEG": ("rijk", 0.6), "TOZO": ("rijk", 0.7),
    "TOESL": ("rijk", 0.7), "INBURG": ("rijk", 0.6), "WOO": ("rijk", 0.6),
    "ENERGIE": ("rijk", 0.7), "OEKR": ("rijk", 0.7), "WDO": ("rijk", 0.5), "ALGO": ("rijk", 0.5),
    "NIS2": ("rijk", 0.5), "EDI": ("rijk", 0.5),
    "KISD": ("overig", 0.3), "CSZ": ("overig", 0.3), "DT": ("overig", 0.3), "SO": ("overig", 0.3),
    "EHERK": ("overig", 0.4), "ORI": ("overig", 0.3), "INCL": ("overig", 0.4),
}

# Clear over- and underspends (realisation / budget); every other item-year is 82-108%.
SPECIAL_REALISATION = {
    ("GGI-VEILIG", 2026): 1.18, ("NIS2", 2026): 1.22, ("MIJN", 2026): 0.68, ("GGL", 2026): 0.74,
    ("CSZ", 2025): 1.13, ("INFOH", 2025): 0.72, ("SWC", 2024): 0.75, ("EDEPOT", 2023): 0.71,
    ("WDO", 2023): 0.70, ("OMGW", 2022): 1.14, ("IBD", 2022): 1.12, ("TOESL", 2021): 0.66,
    ("TOZO", 2020): 1.16, ("DA2020", 2019): 0.76, ("AVG", 2018): 1.15,
}

# Monthly spending pattern per kind of item (relative weights January..December).
SEASONS = {
    "vlak": [1.0] * 12,
    "q4": [1.0] * 9 + [1.3, 1.6, 3.0],
    "kwartaal": [0.5, 0.5, 2.0] * 4,
    "jan": [4.0] + [1.0] * 11,
}
COST_PROFILES = {  # cost type -> share of the item's spending
    "veiligheid": {"personeel": 0.45, "licenties": 0.2, "inhuur": 0.2, "advies": 0.15},
    "infra": {"hosting en beheer": 0.55, "licenties": 0.2, "personeel": 0.15, "advies": 0.1},
    "inkoop": {"personeel": 0.45, "advies": 0.4, "overig": 0.15},
    "team": {"personeel": 0.6, "inhuur": 0.25, "overig": 0.15},
    "standaard": {"personeel": 0.45, "inhuur": 0.4, "overig": 0.15},
    "product": {"inhuur": 0.4, "hosting en beheer": 0.3, "licenties": 0.15, "personeel": 0.15},
    "programma": {"inhuur": 0.45, "advies": 0.2, "bijdragen en subsidies": 0.2,
                  "personeel": 0.15},
    "subsidie": {"bijdragen en subsidies": 0.6, "inhuur": 0.25, "overig": 0.15},
}
PHRASES = {
    "personeel": ["Personeelskosten team", "Salariskosten", "Detachering medewerker"],
    "inhuur": ["Inhuur architectuur", "Inhuur projectleiding", "Inhuur ontwikkelaars",
               "Inhuur informatieanalyse", "Inhuur testcapaciteit"],
    "licenties": ["Licenties software", "Licentiekosten platform", "Abonnement tooling"],
    "hosting en beheer": ["Hosting en beheer", "Applicatiebeheer", "Netwerkdiensten",
                          "Beheer en onderhoud platform"],
    "advies": ["Juridisch advies", "Onderzoek en advies", "Security-audit", "Adviesopdracht"],
    "bijdragen en subsidies": ["Bijdrage pilotgemeenten", "Subsidie samenwerkingsverband",
                               "Bijdrage ketenpartner"],
    "overig": ["Bijeenkomsten en communicatie", "Reis- en verblijfkosten",
               "Opleiding en training"],
}
MONTHS_NL = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
             "september", "oktober", "november", "december"]

CLEAR_ORDER = ["measurement", "indicator", "contribution", "municipality", "spend", "budget",
               "item", "goal", "split_norm", "cpi", "exception_rule"]
TABLES = ["goal", "item", "budget", "spend", "indicator", "measurement", "municipality",
          "contribution", "split_norm", "cpi", "exception_rule"]

# The default exception rules (data: the College may change them): forecast overspend above 5%
# or above EUR 100k, forecast underspend above 15%, status red, end year passed while active.
EXCEPTION_RULES = [  # rule_id, metric, operator, threshold
    ("overschrijding_pct", "forecast_overspend_pct", ">", "5"),
    ("overschrijding_eur", "forecast_overspend_eur", ">", "100000"),
    ("onderbesteding_pct", "forecast_underspend_pct", ">", "15"),
    ("status_rood", "is_red", "=", "1"),
    ("einde_verstreken", "is_overdue", "=", "1"),
]


def _rng(part: int) -> np.random.Generator:
    """One independent, seeded stream per part, so changing one part leaves the others."""
    return np.random.default_rng([SEED, part])


def _split(total: int, weights) -> np.ndarray:
    """Split a whole number (cents, thousands) in proportion to weights, summing exactly."""
    w = np.asarray(weights, dtype=float)
    exact = total * w / w.sum()
    parts = np.floor(exact).astype(np.int64)
    short = int(total - parts.sum())
    parts[np.argsort(parts - exact, kind="stable")[:short]] += 1
    return parts


def _euro(cents) -> Decimal:
    return Decimal(int(cents)).scaleb(-2)


def _active_years(item) -> range:
    end = LAST_YEAR if pd.isna(item.end_year) else min(int(item.end_year), LAST_YEAR)
    return range(max(int(item.start_year), FIRST_YEAR), end + 1)


def _items() -> pd.DataFrame:
    items = pd.DataFrame(ITEMS, columns=ITEM_COLUMNS)
    items["end_year"] = items["end_year"].astype("Int64")
    return items


def _budget(items: pd.DataFrame) -> pd.DataFrame:
    """Budget per item, year and funding source: exact category and funding totals per year."""
    rng = _rng(1)
    rows = []
    for year in YEARS:
        total = {}
        for category, pct in zip(config.CATEGORIES, CATEGORY_SHARE_PCT[year]):
            active = [it for it in items.itertuples()
                      if it.category == category and year in _active_years(it)]
            weights = []
            for it in active:
                w = it.size * rng.lognormal(0, 0.05)
                if category != "structureel" and year == it.start_year != it.end_year:
                    w *= 0.7  # a start-up year
                weights.append(w)
            target = BUDGET_TOTAL_EUR[year] * pct // 100
            for it, k_eur in zip(active, _split(target // 1000, weights)):
                total[it.item_id] = int(k_eur) * 1000
        cofunded = [i for i in total if i in COFUNDING]
        capacity = [total[i] * COFUNDING[i][1] for i in cofunded]
        other = _split(OTHER_SOURCES_EUR[year] // 1000, capacity) * 1000
        other_by_item = dict(zip(cofunded, (int(x) for x in other)))
        for item_id, amount in total.items():
            extra = other_by_item.get(item_id, 0)
            assert extra <= 0.9 * amount, (item_id, year)  # the fund always pays a part
            rows.append((item_id, year, "fonds_ggu", amount - extra))
            if extra:
                rows.append((item_id, year, COFUNDING[item_id][0], extra))
    budget = pd.DataFrame(rows, columns=["item_id", "year", "funding_source", "budget_eur"])
    budget["budget_eur"] = [_euro(e * 100) for e in budget["budget_eur"]]
    return budget


def _realisation(budget_by_item: dict[str, int], year: int, rng) -> dict[str, float]:
    """Realisation ratio per item: the specials, the rest scaled to a year total of 95-98.5%."""
    ratio = {i: SPECIAL_REALISATION.get((i, year), rng.uniform(0.88, 1.04))
             for i in budget_by_item}
    normal = [i for i in ratio if (i, year) not in SPECIAL_REALISATION]
    goal = rng.uniform(0.95, 0.985) * sum(budget_by_item.values())
    fixed = sum(budget_by_item[i] * ratio[i] for i in ratio if i not in normal)
    scale = (goal - fixed) / sum(budget_by_item[i] * ratio[i] for i in normal)
    for i in normal:
        ratio[i] = float(np.clip(ratio[i] * scale, 0.82, 1.08))
    return ratio


def _spend(items: pd.DataFrame, budget: pd.DataFrame) -> pd.DataFrame:
    """Monthly transactions per item: item-specific seasonality, 1-5 per cost type and month."""
    rng = _rng(2)
    per_item_year = budget.assign(cents=[int(d * 100) for d in budget["budget_eur"]]) \
        .groupby(["year", "item_id"], sort=True)["cents"].sum()
    by_id = items.set_index("item_id")
    cols = {k: [] for k in ("item_id", "booking_date", "amount_eur", "cost_type", "description")}
    for year in YEARS:
        year_budget = per_item_year.loc[year]
        ordered = [i for i in items["item_id"] if i in year_budget.index]
        ratio = _realisation({i: int(year_budget[i]) for i in ordered}, year, rng)
        months = range(1, (AS_OF.month if year == AS_OF.year else 12) + 1)
        for item_id in ordered:
            item = by_id.loc[item_id]
            season = np.array(SEASONS[item.season]) * rng.lognormal(0, 0.08, 12)
            month_cents = _split(int(round(year_budget[item_id] * ratio[item_id])), season)
            profile = COST_PROFILES[item.profile]
            for month in months:
                shares = np.array(list(profile.values())) * rng.lognormal(0, 0.15, len(profile))
                last_day = calendar.monthrange(year, month)[1]
                for cost_type, cents in zip(profile, _split(month_cents[month - 1], shares)):
                    n = int(rng.integers(1, 6))
                    days = rng.integers(1, last_day + 1, n)
                    phrases = rng.integers(0, len(PHRASES[cost_type]), n)
                    for part, day, p in zip(_split(cents, rng.dirichlet([2.0] * n)), days, phrases):
                        cols["item_id"].append(item_id)
                        cols["booking_date"].append(dt.date(year, month, int(day)))
                        cols["amount_eur"].append(_euro(part))
                        cols["cost_type"].append(cost_type)
                        cols["description"].append(
                            f"{PHRASES[cost_type][p]} {MONTHS_NL[month - 1]} {year}")
    spend = pd.DataFrame(cols).sort_values(["booking_date", "item_id"], kind="stable")
    spend.insert(0, "tx_id", np.arange(1, len(spend) + 1, dtype=np.int64))
    return spend.reset_index(drop=True)


def _goals() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Goals, indicators and measurements on course, needing attention or behind."""
    rng = _rng(3)
    goal = pd.DataFrame([(g, n, d, k) for k, (g, n, d) in enumerate(GOALS, start=1)],
                        columns=["goal_id", "name", "description", "sort_order"])
    indicator = pd.DataFrame(
        [(i, i.split(".")[0], n, u, float(b), by, float(t), ty, d)
         for i, n, u, b, by, t, ty, d, _, _ in INDICATORS],
        columns=["indicator_id", "goal_id", "name", "unit", "baseline_value", "baseline_year",
                 "target_value", "target_year", "direction"])
    rows = []
    for ind_id, _, unit, base, b_year, target, t_year, _, months_apart, pace in INDICATORS:
        last = dt.date(2025, 6, 30) if ind_id.startswith(STALE_GOAL) else dt.date(2026, 9, 30)
        start, end = dt.date(b_year, 1, 1), dt.date(t_year, 12, 31)
        for year in range(b_year, last.year + 1):
            for month in range(months_apart, 13, months_apart):
                day = dt.date(year, month, calendar.monthrange(year, month)[1])
                if day > last:
                    break
                progress = pace * (day - start).days / (end - start).days
                value = base + progress * (target - base) + rng.normal(0, 0.02) * abs(target - base)
                if unit in ("aantal", "aantal gemeenten"):
                    value = float(max(0, min(342, round(value))))
                else:
                    value = round(min(max(value, 0.0), 100.0), 1)
                rows.append((ind_id, day, value))
    measurement = pd.DataFrame(rows, columns=["indicator_id", "measured_date", "value"])
    return goal, indicator, measurement


def _scale(inhabitants: pd.Series, total: int) -> pd.Series:
    """Integers proportional to inhabitants summing exactly to total (largest remainder)."""
    return pd.Series(_split(total, inhabitants.to_numpy()), index=inhabitants.index)


def _municipalities() -> tuple[pd.DataFrame, pd.DataFrame]:
    """Municipalities per year (seed 2023/2024, scaled otherwise) and their contributions."""
    rng = _rng(4)
    seed = {y: pd.read_csv(config.SEED_DIR / f"gemeenten_{y}.csv", dtype={"cbs_code": str})
            .rename(columns={"gemeentenaam": "name", "provincie": "province",
                             "inwoners": "inhabitants"}) for y in (2023, 2024)}
    frames = []
    for year in YEARS:
        base = seed[2023] if year <= 2023 else seed[2024]
        df = base[["cbs_code", "name", "province", "inhabitants"]].copy()
        if year in NATIONAL_INHABITANTS:
            df["inhabitants"] = _scale(df["inhabitants"], NATIONAL_INHABITANTS[year])
        df.insert(0, "year", year)
        frames.append(df)
    municipality = pd.concat(frames, ignore_index=True)
    municipality["inhabitants"] = municipality["inhabitants"].astype(np.int64)

    rows = []
    for year, group in municipality.groupby("year", sort=True):
        rate = Decimal(RATE_PER_INHABITANT_EUR[year])
        rate_cents = int(rate * 100)
        n = len(group)
        # a couple of late payments in earlier years; five July instalments still open now
        late = {int(x) for x in rng.choice(2 * n, size=2 + year % 2, replace=False)} \
            if year < AS_OF.year else set()
        unpaid = {int(x) for x in rng.choice(n, size=5, replace=False)} \
            if year == AS_OF.year else set()
        offsets = rng.integers(10, 50, (n, 2))
        for k, code in enumerate(group["cbs_code"]):
            # half the yearly amount per instalment, rounded half up to the cent
            cents = (int(group["inhabitants"].iloc[k]) * rate_cents + 1) // 2
            for j, instalment in enumerate(config.INSTALMENTS):
                paid = dt.date(year, 1 + 6 * j, 1) + dt.timedelta(days=int(offsets[k, j]))
                if 2 * k + j in late:
                    paid += dt.timedelta(days=int(rng.integers(60, 120)))
                if j == 1 and k in unpaid:
                    paid = None
                rows.append((year, code, instalment, rate, _euro(cents), paid))
    contribution = pd.DataFrame(rows, columns=["year", "cbs_code", "instalment",
                                               "rate_per_inhabitant_eur", "amount_eur",
                                               "paid_date"])
    return municipality, contribution


def _reference() -> tuple[pd.DataFrame, pd.DataFrame]:
    split_norm = pd.DataFrame(
        [(2018, c, Decimal(n), Decimal("2.0")) for c, n in zip(config.CATEGORIES, (50, 20, 30))],
        columns=["valid_from_year", "category", "norm_pct", "tolerance_pp"])
    cpi = pd.read_csv(config.SEED_DIR / "cpi_nl_jaarmutatie.csv",
                      dtype={"cpi_jaarmutatie_pct": str})
    cpi = pd.DataFrame({"year": cpi["jaar"].astype(np.int64),
                        "change_pct": [Decimal(v) for v in cpi["cpi_jaarmutatie_pct"]],
                        "source": cpi["bron"]})
    return split_norm, cpi


def build_tables() -> dict[str, pd.DataFrame]:
    """The demo data set: one frame per data table, columns as in schema.sql."""
    items = _items()
    budget = _budget(items)
    spend = _spend(items, budget)
    goal, indicator, measurement = _goals()
    municipality, contribution = _municipalities()
    split_norm, cpi = _reference()
    item = items.drop(columns=["size", "season", "profile"])[
        ["item_id", "name", "kind", "category", "theme", "goal_id", "owner", "start_year",
         "end_year", "status", "status_reason", "phase"]]
    return {"goal": goal, "item": item, "budget": budget, "spend": spend, "indicator": indicator,
            "measurement": measurement, "municipality": municipality,
            "contribution": contribution, "split_norm": split_norm, "cpi": cpi,
            "exception_rule": pd.DataFrame(
                [(r, m, o, Decimal(t), True) for r, m, o, t in EXCEPTION_RULES],
                columns=["rule_id", "metric", "operator", "threshold", "is_active"])}


def content_hash(tables: dict[str, pd.DataFrame]) -> str:
    """sha256 over every table as sorted CSV lines: equal for equal content."""
    h = hashlib.sha256()
    for name in sorted(tables):
        df = tables[name]
        lines = df.to_csv(index=False, header=False, lineterminator="\n").splitlines()
        h.update(f"## {name}\n{','.join(df.columns)}\n".encode())
        h.update("\n".join(sorted(lines)).encode())
    return h.hexdigest()


def _exact(df: pd.DataFrame) -> pd.DataFrame:
    """Decimal columns as text: DuckDB would infer a too narrow DECIMAL from a sample."""
    df = df.copy()
    for column in df.columns:
        if df[column].dtype == object and isinstance(df[column].iloc[0], Decimal):
            df[column] = df[column].map(str).astype(str)
    return df


def filler(tables: dict[str, pd.DataFrame]):
    def fill(con) -> dict[str, int]:
        """Replace the data tables by the demo frames (within the snapshot's transaction)."""
        for table in CLEAR_ORDER:
            con.execute(f"delete from {table}")
        rows = {}
        for table in TABLES:
            columns = [r[0] for r in con.execute(
                "select column_name from information_schema.columns "
                "where table_name = $t and table_catalog = current_database() "
                "order by ordinal_position", {"t": table}).fetchall()]
            con.register("demo_frame", _exact(tables[table][columns]))
            con.execute(f"insert into {table} select * from demo_frame")
            con.unregister("demo_frame")
            rows[table] = len(tables[table])
        return rows
    return fill


def build(data_dir=None, user: str = "demo") -> str | None:
    """Write the demo data set as a new snapshot; None when the current one already holds it
    (with this code's schema)."""
    store = Store(data_dir)
    tables = build_tables()
    digest = content_hash(tables)
    if store.current_id() is not None:
        meta = store.meta()
        if meta.get("content_sha256") == digest and meta.get("is_demo") == "true":
            return store.upgrade(user)  # same content: at most a schema upgrade
    return store.write(
        filler(tables), action="demo", user=user,
        meta={"is_demo": "true", "as_of_date": AS_OF.isoformat(), "source": "voorbeelddata",
              "content_sha256": digest},
        sha256=digest,
        message=f"Voorbeelddata {FIRST_YEAR}-{LAST_YEAR}, peildatum {AS_OF:%d-%m-%Y}",
    )
