#!/usr/bin/env python3
"""Generate src/alliancegraph/data/states.json.

ISO 3166-1 codes and official names come from pycountry; everything pycountry
does not carry (journalistic names, aliases, demonyms, capitals, organs,
Wikidata ids, capital coordinates, UN M49 region) is hand-curated in the
tables below.  The output is deterministic: running

    .venv/bin/python tools/generate_states.py

rewrites states.json byte-identically as long as this file and the installed
pycountry version are unchanged.  See src/alliancegraph/data/SOURCES.md.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pycountry

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "alliancegraph" / "data" / "states.json"

# --------------------------------------------------------------------------
# UN M49 geographic regions.  For Africa and the Americas the more specific
# M49 *intermediate* region is used (e.g. "Western Africa", "South America");
# elsewhere the M49 sub-region.  Taiwan and Kosovo, which M49 does not list
# separately, are placed in the sub-region that contains them.
# --------------------------------------------------------------------------
REGIONS = {
    "Northern Africa": "DZA EGY LBY MAR SDN TUN",
    "Eastern Africa": "BDI COM DJI ERI ETH KEN MDG MWI MUS MOZ RWA SYC SOM SSD UGA TZA ZMB ZWE",
    "Middle Africa": "AGO CMR CAF TCD COG COD GNQ GAB STP",
    "Southern Africa": "BWA SWZ LSO NAM ZAF",
    "Western Africa": "BEN BFA CPV CIV GMB GHA GIN GNB LBR MLI MRT NER NGA SEN SLE TGO",
    "Caribbean": "ATG BHS BRB CUB DMA DOM GRD HTI JAM KNA LCA VCT TTO",
    "Central America": "BLZ CRI SLV GTM HND MEX NIC PAN",
    "South America": "ARG BOL BRA CHL COL ECU GUY PRY PER SUR URY VEN",
    "Northern America": "CAN USA",
    "Central Asia": "KAZ KGZ TJK TKM UZB",
    "Eastern Asia": "CHN JPN PRK KOR MNG TWN",
    "South-eastern Asia": "BRN KHM IDN LAO MYS MMR PHL SGP THA TLS VNM",
    "Southern Asia": "AFG BGD BTN IND IRN MDV NPL PAK LKA",
    "Western Asia": "ARM AZE BHR CYP GEO IRQ ISR JOR KWT LBN OMN QAT SAU PSE SYR TUR ARE YEM",
    "Eastern Europe": "BLR BGR CZE HUN POL MDA ROU RUS SVK UKR",
    "Northern Europe": "DNK EST FIN ISL IRL LVA LTU NOR SWE GBR",
    "Southern Europe": "ALB AND BIH HRV GRC VAT ITA MLT MNE MKD PRT SMR SRB SVN ESP XKX",
    "Western Europe": "AUT BEL FRA DEU LIE LUX MCO NLD CHE",
    "Australia and New Zealand": "AUS NZL",
    "Melanesia": "FJI PNG SLB VUT",
    "Micronesia": "KIR MHL FSM NRU PLW",
    "Polynesia": "WSM TON TUV",
}

# Sovereign states that are not UN member states (observers / partially recognised).
NON_UN = {"TWN", "XKX", "PSE", "VAT"}

# Entities missing from pycountry (Kosovo uses the user-assigned code XK / XKX).
NOT_IN_PYCOUNTRY = {"XKX": {"alpha2": "XK", "official_name": "Republic of Kosovo"}}

# Official names where pycountry has none, or one journalists would not recognise.
OFFICIAL_OVERRIDES = {
    "KOR": "Republic of Korea",
    "COD": "Democratic Republic of the Congo",
    "PSE": "State of Palestine",
    "TWN": "Republic of China",
    "VAT": "Holy See",
    "FSM": "Federated States of Micronesia",
    "TZA": "United Republic of Tanzania",
}

STATES: list[dict] = []


def S(sid, name, q, ll, dm=(), cap=(), al=(), wk=(), org=()):
    """One hand-curated row: id, journalistic name, Wikidata QID, capital (lat, lon),
    demonyms, capitals/seats of government, aliases, weak aliases, organs."""
    STATES.append(
        {"id": sid, "name": name, "wikidata": q, "ll": ll, "demonyms": list(dm),
         "capitals": list(cap), "aliases": list(al), "weak": list(wk), "organs": list(org)}
    )


# fmt: off
# ---------------------------------------------------------------- Africa
S("DZA", "Algeria", "Q262", (36.7529, 3.0420), ["Algerian", "Algerians"], ["Algiers"])
S("EGY", "Egypt", "Q79", (30.0444, 31.2357), ["Egyptian", "Egyptians"], ["Cairo"], ["Arab Republic of Egypt"])
S("LBY", "Libya", "Q1016", (32.8872, 13.1913), ["Libyan", "Libyans"], ["Tripoli"])
S("MAR", "Morocco", "Q1028", (34.0209, -6.8416), ["Moroccan", "Moroccans"], ["Rabat"])
S("SDN", "Sudan", "Q1049", (15.5007, 32.5599), ["Sudanese"], ["Khartoum", "Port Sudan"])
S("TUN", "Tunisia", "Q948", (36.8065, 10.1815), ["Tunisian", "Tunisians"], ["Tunis"])
S("BDI", "Burundi", "Q967", (-3.4271, 29.9246), ["Burundian", "Burundians"], ["Gitega", "Bujumbura"])
S("COM", "Comoros", "Q970", (-11.7172, 43.2473), ["Comorian", "Comorians"], ["Moroni"])
S("DJI", "Djibouti", "Q977", (11.5721, 43.1456), ["Djiboutian", "Djiboutians"], ["Djibouti City"])
S("ERI", "Eritrea", "Q986", (15.3229, 38.9251), ["Eritrean", "Eritreans"], ["Asmara"])
S("ETH", "Ethiopia", "Q115", (8.9806, 38.7578), ["Ethiopian", "Ethiopians"], ["Addis Ababa"])
S("KEN", "Kenya", "Q114", (-1.2921, 36.8219), ["Kenyan", "Kenyans"], ["Nairobi"])
S("MDG", "Madagascar", "Q1019", (-18.8792, 47.5079), ["Malagasy"], ["Antananarivo"])
S("MWI", "Malawi", "Q1020", (-13.9626, 33.7741), ["Malawian", "Malawians"], ["Lilongwe"])
S("MUS", "Mauritius", "Q1027", (-20.1609, 57.5012), ["Mauritian", "Mauritians"], ["Port Louis"])
S("MOZ", "Mozambique", "Q1029", (-25.9692, 32.5732), ["Mozambican", "Mozambicans"], ["Maputo"])
S("RWA", "Rwanda", "Q1037", (-1.9441, 30.0619), ["Rwandan", "Rwandans"], ["Kigali"])
S("SYC", "Seychelles", "Q1042", (-4.6191, 55.4513), ["Seychellois"], [], wk=["Victoria"])
S("SOM", "Somalia", "Q1045", (2.0469, 45.3182), ["Somali", "Somalis"], ["Mogadishu"])
S("SSD", "South Sudan", "Q958", (4.8594, 31.5713), ["South Sudanese"], ["Juba"])
S("UGA", "Uganda", "Q1036", (0.3476, 32.5825), ["Ugandan", "Ugandans"], ["Kampala"])
S("TZA", "Tanzania", "Q924", (-6.1630, 35.7516), ["Tanzanian", "Tanzanians"], ["Dodoma", "Dar es Salaam"])
S("ZMB", "Zambia", "Q953", (-15.3875, 28.3228), ["Zambian", "Zambians"], ["Lusaka"])
S("ZWE", "Zimbabwe", "Q954", (-17.8252, 31.0335), ["Zimbabwean", "Zimbabweans"], ["Harare"])
S("AGO", "Angola", "Q916", (-8.8390, 13.2894), ["Angolan", "Angolans"], ["Luanda"])
S("CMR", "Cameroon", "Q1009", (3.8480, 11.5021), ["Cameroonian", "Cameroonians"], ["Yaoundé", "Yaounde"])
S("CAF", "Central African Republic", "Q929", (4.3947, 18.5582), [], ["Bangui"])
S("TCD", "Chad", "Q657", (12.1348, 15.0557), ["Chadian", "Chadians"], ["N'Djamena", "Ndjamena"], wk=["Chad"])
S("COG", "Republic of the Congo", "Q971", (-4.2634, 15.2429), [], ["Brazzaville"],
  ["Republic of Congo", "Congo-Brazzaville", "Congo Republic"], wk=["Congo"])
S("COD", "Democratic Republic of the Congo", "Q974", (-4.4419, 15.2663), [], ["Kinshasa"],
  ["Democratic Republic of Congo", "DR Congo", "DRC", "D.R. Congo", "Congo-Kinshasa"], wk=["Congo"])
S("GNQ", "Equatorial Guinea", "Q983", (3.7504, 8.7371), ["Equatoguinean", "Equatorial Guinean", "Equatorial Guineans"], ["Malabo"])
S("GAB", "Gabon", "Q1000", (0.4162, 9.4673), ["Gabonese"], ["Libreville"])
S("STP", "São Tomé and Príncipe", "Q1039", (0.3302, 6.7333), ["Santomean", "Santomeans"], [],
  ["Sao Tome and Principe", "São Tomé e Príncipe"])
S("BWA", "Botswana", "Q963", (-24.6282, 25.9231), ["Motswana", "Batswana"], ["Gaborone"])
S("SWZ", "Eswatini", "Q1050", (-26.3054, 31.1367), ["Swazi", "Swazis", "Emaswati"], ["Mbabane", "Lobamba"], ["Swaziland"])
S("LSO", "Lesotho", "Q1013", (-29.3142, 27.4833), ["Basotho", "Mosotho"], ["Maseru"])
S("NAM", "Namibia", "Q1030", (-22.5609, 17.0658), ["Namibian", "Namibians"], ["Windhoek"])
S("ZAF", "South Africa", "Q258", (-25.7479, 28.2293), ["South African", "South Africans"], ["Pretoria", "Cape Town"],
  org=["Union Buildings"])
S("BEN", "Benin", "Q962", (6.4969, 2.6289), ["Beninese"], ["Porto-Novo", "Cotonou"])
S("BFA", "Burkina Faso", "Q965", (12.3714, -1.5197), ["Burkinabe", "Burkinabè"], ["Ouagadougou"])
S("CPV", "Cape Verde", "Q1011", (14.9331, -23.5133), ["Cape Verdean", "Cape Verdeans"], ["Praia"])
S("CIV", "Ivory Coast", "Q1008", (6.8276, -5.2893), ["Ivorian", "Ivorians"], ["Yamoussoukro", "Abidjan"],
  ["Côte d'Ivoire", "Cote d'Ivoire", "Côte d’Ivoire"])
S("GMB", "Gambia", "Q1005", (13.4549, -16.5790), ["Gambian", "Gambians"], ["Banjul"], ["The Gambia"])
S("GHA", "Ghana", "Q117", (5.6037, -0.1870), ["Ghanaian", "Ghanaians"], ["Accra"])
S("GIN", "Guinea", "Q1006", (9.6412, -13.5784), ["Guinean", "Guineans"], ["Conakry"], ["Guinea-Conakry"])
S("GNB", "Guinea-Bissau", "Q1007", (11.8817, -15.6178), ["Bissau-Guinean", "Bissau-Guineans"], ["Bissau"], ["Guinea Bissau"])
S("LBR", "Liberia", "Q1014", (6.3133, -10.8014), ["Liberian", "Liberians"], ["Monrovia"])
S("MLI", "Mali", "Q912", (12.6392, -8.0029), ["Malian", "Malians"], ["Bamako"])
S("MRT", "Mauritania", "Q1025", (18.0735, -15.9582), ["Mauritanian", "Mauritanians"], ["Nouakchott"])
S("NER", "Niger", "Q1032", (13.5116, 2.1254), ["Nigerien", "Nigeriens"], ["Niamey"])
S("NGA", "Nigeria", "Q1033", (9.0765, 7.3986), ["Nigerian", "Nigerians"], ["Abuja"])
S("SEN", "Senegal", "Q1041", (14.6928, -17.4467), ["Senegalese"], ["Dakar"])
S("SLE", "Sierra Leone", "Q1044", (8.4657, -13.2317), ["Sierra Leonean", "Sierra Leoneans"], ["Freetown"])
S("TGO", "Togo", "Q945", (6.1725, 1.2314), ["Togolese"], ["Lomé", "Lome"])
# ---------------------------------------------------------------- Americas
S("ATG", "Antigua and Barbuda", "Q781", (17.1274, -61.8468), ["Antiguan", "Antiguans"], [], ["Antigua"], wk=["St. John's"])
S("BHS", "Bahamas", "Q778", (25.0480, -77.3554), ["Bahamian", "Bahamians"], ["Nassau"], ["The Bahamas"])
S("BRB", "Barbados", "Q244", (13.1132, -59.5988), ["Barbadian", "Barbadians", "Bajan"], ["Bridgetown"])
S("CUB", "Cuba", "Q241", (23.1136, -82.3666), ["Cuban", "Cubans"], ["Havana"])
S("DMA", "Dominica", "Q784", (15.3092, -61.3794), [], ["Roseau"], ["Commonwealth of Dominica"])
S("DOM", "Dominican Republic", "Q786", (18.4861, -69.9312), ["Dominican", "Dominicans"], ["Santo Domingo"])
S("GRD", "Grenada", "Q769", (12.0561, -61.7488), ["Grenadian", "Grenadians"], [], wk=["St. George's"])
S("HTI", "Haiti", "Q790", (18.5944, -72.3074), ["Haitian", "Haitians"], ["Port-au-Prince"])
S("JAM", "Jamaica", "Q766", (18.0179, -76.8099), ["Jamaican", "Jamaicans"], [], wk=["Kingston"])
S("KNA", "Saint Kitts and Nevis", "Q763", (17.3026, -62.7177), ["Kittitian", "Kittitians", "Nevisian"], ["Basseterre"],
  ["St Kitts and Nevis", "St. Kitts and Nevis", "St Kitts", "St. Kitts"])
S("LCA", "Saint Lucia", "Q760", (14.0101, -60.9875), ["Saint Lucian", "Saint Lucians", "St Lucian"], ["Castries"],
  ["St Lucia", "St. Lucia"])
S("VCT", "Saint Vincent and the Grenadines", "Q757", (13.1600, -61.2248), ["Vincentian", "Vincentians"], ["Kingstown"],
  ["St Vincent and the Grenadines", "St. Vincent and the Grenadines", "St Vincent", "St. Vincent"])
S("TTO", "Trinidad and Tobago", "Q754", (10.6549, -61.5019), ["Trinidadian", "Trinidadians", "Tobagonian"], ["Port of Spain"],
  ["Trinidad & Tobago", "Trinidad"])
S("BLZ", "Belize", "Q242", (17.2510, -88.7590), ["Belizean", "Belizeans"], ["Belmopan"])
S("CRI", "Costa Rica", "Q800", (9.9281, -84.0907), ["Costa Rican", "Costa Ricans"], [], wk=["San José", "San Jose"])
S("SLV", "El Salvador", "Q792", (13.6929, -89.2182), ["Salvadoran", "Salvadorans", "Salvadorean"], ["San Salvador"])
S("GTM", "Guatemala", "Q774", (14.6349, -90.5069), ["Guatemalan", "Guatemalans"], ["Guatemala City"])
S("HND", "Honduras", "Q783", (14.0723, -87.1921), ["Honduran", "Hondurans"], ["Tegucigalpa"])
S("MEX", "Mexico", "Q96", (19.4326, -99.1332), ["Mexican", "Mexicans"], ["Mexico City"], ["United Mexican States"],
  org=["Los Pinos", "Palacio Nacional"])
S("NIC", "Nicaragua", "Q811", (12.1150, -86.2362), ["Nicaraguan", "Nicaraguans"], ["Managua"])
S("PAN", "Panama", "Q804", (8.9824, -79.5199), ["Panamanian", "Panamanians"], ["Panama City"])
S("ARG", "Argentina", "Q414", (-34.6037, -58.3816), ["Argentine", "Argentines", "Argentinian", "Argentinians"],
  ["Buenos Aires"], org=["Casa Rosada"])
S("BOL", "Bolivia", "Q750", (-19.0196, -65.2619), ["Bolivian", "Bolivians"], ["La Paz"], wk=["Sucre"])
S("BRA", "Brazil", "Q155", (-15.7942, -47.8822), ["Brazilian", "Brazilians"], ["Brasília", "Brasilia"],
  ["Federative Republic of Brazil"], org=["Itamaraty", "Planalto", "Palácio do Planalto"])
S("CHL", "Chile", "Q298", (-33.4489, -70.6693), ["Chilean", "Chileans"], ["Santiago"], org=["La Moneda"])
S("COL", "Colombia", "Q739", (4.7110, -74.0721), ["Colombian", "Colombians"], ["Bogotá", "Bogota"])
S("ECU", "Ecuador", "Q736", (-0.1807, -78.4678), ["Ecuadorian", "Ecuadorians", "Ecuadorean"], ["Quito"])
S("GUY", "Guyana", "Q734", (6.8013, -58.1551), ["Guyanese"], [], wk=["Georgetown"])
S("PRY", "Paraguay", "Q733", (-25.2637, -57.5759), ["Paraguayan", "Paraguayans"], ["Asunción", "Asuncion"])
S("PER", "Peru", "Q419", (-12.0464, -77.0428), ["Peruvian", "Peruvians"], ["Lima"])
S("SUR", "Suriname", "Q730", (5.8520, -55.2038), ["Surinamese"], ["Paramaribo"], ["Surinam"])
S("URY", "Uruguay", "Q77", (-34.9011, -56.1645), ["Uruguayan", "Uruguayans"], ["Montevideo"])
S("VEN", "Venezuela", "Q717", (10.4806, -66.9036), ["Venezuelan", "Venezuelans"], ["Caracas"], org=["Miraflores Palace"])
S("CAN", "Canada", "Q16", (45.4215, -75.6972), ["Canadian", "Canadians"], ["Ottawa"],
  org=["Parliament Hill", "Rideau Hall", "Global Affairs Canada", "Canadian Armed Forces"])
S("USA", "United States", "Q30", (38.9072, -77.0369), ["American", "Americans"], ["Washington", "Washington, D.C.", "Washington D.C.", "Washington, DC"],
  ["United States of America", "U.S.", "US", "U.S.A.", "USA", "America"],
  org=["Pentagon", "White House", "Oval Office", "State Department", "U.S. State Department", "US State Department",
       "Department of State", "Department of Defense", "Department of War", "Capitol Hill", "U.S. Congress", "US Congress",
       "U.S. military", "US military", "U.S. Navy", "US Navy", "U.S. Army", "US Army", "U.S. Air Force", "US Air Force",
       "U.S. Marine Corps", "INDOPACOM", "Indo-Pacific Command", "U.S. Indo-Pacific Command", "CENTCOM",
       "Central Intelligence Agency", "CIA"])
# ---------------------------------------------------------------- Asia
S("KAZ", "Kazakhstan", "Q232", (51.1605, 71.4704), ["Kazakh", "Kazakhs", "Kazakhstani"], ["Astana"], ["Kazakstan"], org=["Akorda"])
S("KGZ", "Kyrgyzstan", "Q813", (42.8746, 74.5698), ["Kyrgyz", "Kyrgyzstani"], ["Bishkek"])
S("TJK", "Tajikistan", "Q863", (38.5598, 68.7870), ["Tajik", "Tajiks", "Tajikistani"], ["Dushanbe"])
S("TKM", "Turkmenistan", "Q874", (37.9601, 58.3261), ["Turkmen"], ["Ashgabat"])
S("UZB", "Uzbekistan", "Q265", (41.2995, 69.2401), ["Uzbek", "Uzbeks"], ["Tashkent"])
S("CHN", "China", "Q148", (39.9042, 116.4074), ["Chinese"], ["Beijing"],
  ["PRC", "P.R.C.", "People's Republic of China", "mainland China", "Mainland China"],
  org=["PLA", "People's Liberation Army", "PLA Navy", "PLA Air Force", "PLA Rocket Force", "Zhongnanhai",
       "Chinese Communist Party", "CCP", "Communist Party of China", "Central Military Commission",
       "Ministry of State Security", "China Coast Guard", "People's Armed Police", "Great Hall of the People",
       "National People's Congress", "Eastern Theater Command", "Southern Theater Command"])
S("JPN", "Japan", "Q17", (35.6895, 139.6917), ["Japanese"], ["Tokyo"], ["Nippon"],
  org=["Self-Defense Forces", "Japan Self-Defense Forces", "JSDF", "SDF", "Maritime Self-Defense Force", "JMSDF",
       "Ground Self-Defense Force", "JGSDF", "Air Self-Defense Force", "JASDF", "Kantei", "Kasumigaseki",
       "National Diet", "Japan Coast Guard"])
S("PRK", "North Korea", "Q423", (39.0392, 125.7625), ["North Korean", "North Koreans"], ["Pyongyang"],
  ["DPRK", "D.P.R.K.", "Democratic People's Republic of Korea"],
  org=["Korean People's Army", "KPA", "Workers' Party of Korea", "WPK"])
S("KOR", "South Korea", "Q884", (37.5665, 126.9780), ["South Korean", "South Koreans"], ["Seoul"],
  ["Republic of Korea", "ROK", "Korea", "S. Korea"],
  org=["Blue House", "Cheong Wa Dae", "ROK Armed Forces", "Republic of Korea Navy", "Republic of Korea Army"])
S("MNG", "Mongolia", "Q711", (47.8864, 106.9057), ["Mongolian", "Mongolians"], ["Ulaanbaatar", "Ulan Bator"])
S("TWN", "Taiwan", "Q865", (25.0330, 121.5654), ["Taiwanese"], ["Taipei"],
  ["Republic of China", "ROC", "Chinese Taipei", "Formosa"],
  org=["Legislative Yuan", "Executive Yuan", "Mainland Affairs Council", "ROC Armed Forces"])
S("BRN", "Brunei", "Q921", (4.9031, 114.9398), ["Bruneian", "Bruneians"], ["Bandar Seri Begawan"], ["Brunei Darussalam"])
S("KHM", "Cambodia", "Q424", (11.5449, 104.8922), ["Cambodian", "Cambodians", "Khmer"], ["Phnom Penh"], ["Kampuchea"])
S("IDN", "Indonesia", "Q252", (-6.2088, 106.8456), ["Indonesian", "Indonesians"], ["Jakarta"],
  org=["TNI", "Istana Merdeka"])
S("LAO", "Laos", "Q819", (17.9757, 102.6331), ["Lao", "Laotian", "Laotians"], ["Vientiane"], ["Lao PDR"])
S("MYS", "Malaysia", "Q833", (3.1390, 101.6869), ["Malaysian", "Malaysians"], ["Kuala Lumpur", "Putrajaya"],
  org=["Wisma Putra"])
S("MMR", "Myanmar", "Q836", (19.7633, 96.0785), ["Burmese"], ["Naypyidaw", "Naypyitaw", "Nay Pyi Taw"], ["Burma"],
  org=["Tatmadaw"])
S("PHL", "Philippines", "Q928", (14.5995, 120.9842), ["Philippine", "Filipino", "Filipinos", "Filipina"], ["Manila"],
  ["Republic of the Philippines"],
  org=["Malacañang", "Malacanang", "Malacañang Palace", "Armed Forces of the Philippines", "Philippine Coast Guard"])
S("SGP", "Singapore", "Q334", (1.2801, 103.8509), ["Singaporean", "Singaporeans"], [], ["Republic of Singapore"],
  org=["Istana", "MINDEF", "Singapore Armed Forces"])
S("THA", "Thailand", "Q869", (13.7563, 100.5018), ["Thai", "Thais"], ["Bangkok"], ["Kingdom of Thailand", "Siam"])
S("TLS", "East Timor", "Q574", (-8.5569, 125.5603), ["Timorese", "East Timorese"], ["Dili"], ["Timor-Leste", "Timor Leste"])
S("VNM", "Vietnam", "Q881", (21.0278, 105.8342), ["Vietnamese"], ["Hanoi"], ["Viet Nam"])
S("AFG", "Afghanistan", "Q889", (34.5553, 69.2075), ["Afghan", "Afghans"], ["Kabul"], ["Islamic Emirate of Afghanistan"])
S("BGD", "Bangladesh", "Q902", (23.8103, 90.4125), ["Bangladeshi", "Bangladeshis"], ["Dhaka"])
S("BTN", "Bhutan", "Q917", (27.4728, 89.6393), ["Bhutanese"], ["Thimphu"])
S("IND", "India", "Q668", (28.6139, 77.2090), ["Indian", "Indians"], ["New Delhi", "Delhi"], ["Republic of India", "Bharat"],
  org=["Ministry of External Affairs", "MEA", "South Block", "Raisina Hill", "Indian Army", "Indian Navy",
       "Indian Air Force", "Lok Sabha", "Rajya Sabha", "Research and Analysis Wing", "R&AW"])
S("IRN", "Iran", "Q794", (35.6892, 51.3890), ["Iranian", "Iranians"], ["Tehran"], ["Islamic Republic of Iran"],
  wk=["Islamic Republic"],
  org=["IRGC", "Islamic Revolutionary Guard Corps", "Revolutionary Guards", "Quds Force"])
S("MDV", "Maldives", "Q826", (4.1755, 73.5093), ["Maldivian", "Maldivians"], ["Malé"], wk=["Male"])
S("NPL", "Nepal", "Q837", (27.7172, 85.3240), ["Nepali", "Nepalese", "Nepalis"], ["Kathmandu"])
S("PAK", "Pakistan", "Q843", (33.6844, 73.0479), ["Pakistani", "Pakistanis"], ["Islamabad"], ["Islamic Republic of Pakistan"],
  org=["ISI", "Inter-Services Intelligence", "Pakistan Army"])
S("LKA", "Sri Lanka", "Q854", (6.8941, 79.9025), ["Sri Lankan", "Sri Lankans"], ["Sri Jayawardenepura Kotte", "Colombo"])
S("ARM", "Armenia", "Q399", (40.1792, 44.4991), ["Armenian", "Armenians"], ["Yerevan"])
S("AZE", "Azerbaijan", "Q227", (40.4093, 49.8671), ["Azerbaijani", "Azerbaijanis", "Azeri", "Azeris"], ["Baku"])
S("BHR", "Bahrain", "Q398", (26.2285, 50.5860), ["Bahraini", "Bahrainis"], ["Manama"])
S("CYP", "Cyprus", "Q229", (35.1856, 33.3823), ["Cypriot", "Cypriots"], ["Nicosia"])
S("GEO", "Georgia", "Q230", (41.7151, 44.8271), ["Georgian", "Georgians"], ["Tbilisi"], ["Sakartvelo"], wk=["Georgia"])
S("IRQ", "Iraq", "Q796", (33.3152, 44.3661), ["Iraqi", "Iraqis"], ["Baghdad"])
S("ISR", "Israel", "Q801", (31.7683, 35.2137), ["Israeli", "Israelis"], ["Jerusalem", "Tel Aviv"], ["State of Israel"],
  org=["Knesset", "IDF", "Israel Defense Forces", "Israel Defence Forces", "Mossad", "Shin Bet"])
S("JOR", "Jordan", "Q810", (31.9454, 35.9284), ["Jordanian", "Jordanians"], ["Amman"], ["Hashemite Kingdom of Jordan"],
  wk=["Jordan"])
S("KWT", "Kuwait", "Q817", (29.3759, 47.9774), ["Kuwaiti", "Kuwaitis"], ["Kuwait City"])
S("LBN", "Lebanon", "Q822", (33.8938, 35.5018), ["Lebanese"], ["Beirut"])
S("OMN", "Oman", "Q842", (23.5880, 58.3829), ["Omani", "Omanis"], ["Muscat"], ["Sultanate of Oman"])
S("QAT", "Qatar", "Q846", (25.2854, 51.5310), ["Qatari", "Qataris"], ["Doha"])
S("SAU", "Saudi Arabia", "Q851", (24.7136, 46.6753), ["Saudi", "Saudis", "Saudi Arabian", "Saudi Arabians"], ["Riyadh"],
  ["Kingdom of Saudi Arabia", "KSA"])
S("PSE", "Palestine", "Q219060", (31.9038, 35.2034), ["Palestinian", "Palestinians"], ["Ramallah"], ["State of Palestine"],
  org=["Palestinian Authority", "Palestine Liberation Organization", "PLO"])
S("SYR", "Syria", "Q858", (33.5138, 36.2765), ["Syrian", "Syrians"], ["Damascus"])
S("TUR", "Turkey", "Q43", (39.9334, 32.8597), ["Turkish", "Turk", "Turks"], ["Ankara"], ["Türkiye", "Turkiye"],
  org=["Turkish Armed Forces"])
S("ARE", "United Arab Emirates", "Q878", (24.4539, 54.3773), ["Emirati", "Emiratis"], ["Abu Dhabi"], ["UAE", "U.A.E."],
  wk=["Emirates"])
S("YEM", "Yemen", "Q805", (15.3694, 44.1910), ["Yemeni", "Yemenis"], ["Sanaa", "Sana'a", "Aden"])
# ---------------------------------------------------------------- Europe
S("BLR", "Belarus", "Q184", (53.9045, 27.5615), ["Belarusian", "Belarusians"], ["Minsk"], ["Republic of Belarus", "Byelorussia"])
S("BGR", "Bulgaria", "Q219", (42.6977, 23.3219), ["Bulgarian", "Bulgarians"], ["Sofia"])
S("CZE", "Czech Republic", "Q213", (50.0755, 14.4378), ["Czech", "Czechs"], ["Prague"], ["Czechia"])
S("HUN", "Hungary", "Q28", (47.4979, 19.0402), ["Hungarian", "Hungarians"], ["Budapest"])
S("POL", "Poland", "Q36", (52.2297, 21.0122), ["Polish", "Pole", "Poles"], ["Warsaw"], ["Republic of Poland"], org=["Sejm"])
S("MDA", "Moldova", "Q217", (47.0105, 28.8638), ["Moldovan", "Moldovans"], ["Chișinău", "Chisinau"])
S("ROU", "Romania", "Q218", (44.4268, 26.1025), ["Romanian", "Romanians"], ["Bucharest"])
S("RUS", "Russia", "Q159", (55.7558, 37.6173), ["Russian", "Russians"], ["Moscow"], ["Russian Federation"],
  org=["Kremlin", "State Duma", "Duma", "FSB", "GRU", "SVR", "Russian Armed Forces"])
S("SVK", "Slovakia", "Q214", (48.1486, 17.1077), ["Slovak", "Slovaks", "Slovakian"], ["Bratislava"], ["Slovak Republic"])
S("UKR", "Ukraine", "Q212", (50.4501, 30.5234), ["Ukrainian", "Ukrainians"], ["Kyiv", "Kiev"],
  org=["Verkhovna Rada", "Bankova", "SBU", "Armed Forces of Ukraine"])
S("DNK", "Denmark", "Q35", (55.6761, 12.5683), ["Danish", "Dane", "Danes"], ["Copenhagen"], ["Kingdom of Denmark"],
  org=["Folketing"])
S("EST", "Estonia", "Q191", (59.4370, 24.7536), ["Estonian", "Estonians"], ["Tallinn"], org=["Riigikogu"])
S("FIN", "Finland", "Q33", (60.1699, 24.9384), ["Finnish", "Finn", "Finns"], ["Helsinki"], org=["Eduskunta"])
S("ISL", "Iceland", "Q189", (64.1466, -21.9426), ["Icelandic", "Icelander", "Icelanders"], ["Reykjavík", "Reykjavik"])
S("IRL", "Ireland", "Q27", (53.3498, -6.2603), ["Irish"], ["Dublin"], ["Republic of Ireland", "Éire"], org=["Dáil", "Dail"])
S("LVA", "Latvia", "Q211", (56.9496, 24.1052), ["Latvian", "Latvians"], ["Riga"], org=["Saeima"])
S("LTU", "Lithuania", "Q37", (54.6872, 25.2797), ["Lithuanian", "Lithuanians"], ["Vilnius"], org=["Seimas"])
S("NOR", "Norway", "Q20", (59.9139, 10.7522), ["Norwegian", "Norwegians"], ["Oslo"], org=["Storting"])
S("SWE", "Sweden", "Q34", (59.3293, 18.0686), ["Swedish", "Swede", "Swedes"], ["Stockholm"], org=["Riksdag"])
S("GBR", "United Kingdom", "Q145", (51.5074, -0.1278), ["British", "Briton", "Britons"], ["London"],
  ["Britain", "Great Britain", "UK", "U.K."],
  org=["Downing Street", "Whitehall", "Westminster", "Foreign Office", "Foreign, Commonwealth and Development Office",
       "FCDO", "Royal Navy", "Royal Air Force", "RAF", "British Army", "MI6", "MI5", "GCHQ"])
S("ALB", "Albania", "Q222", (41.3275, 19.8187), ["Albanian", "Albanians"], ["Tirana"])
S("AND", "Andorra", "Q228", (42.5063, 1.5218), ["Andorran", "Andorrans"], ["Andorra la Vella"])
S("BIH", "Bosnia and Herzegovina", "Q225", (43.8563, 18.4131), ["Bosnian", "Bosnians"], ["Sarajevo"],
  ["Bosnia", "Bosnia-Herzegovina", "BiH"])
S("HRV", "Croatia", "Q224", (45.8150, 15.9819), ["Croatian", "Croatians", "Croat", "Croats"], ["Zagreb"])
S("GRC", "Greece", "Q41", (37.9838, 23.7275), ["Greek", "Greeks"], ["Athens"], ["Hellenic Republic"])
S("VAT", "Holy See", "Q159583", (41.9029, 12.4534), [], [], ["Vatican", "Vatican City", "Vatican City State"],
  org=["Apostolic Palace", "Roman Curia"])
S("ITA", "Italy", "Q38", (41.9028, 12.4964), ["Italian", "Italians"], ["Rome"], ["Italian Republic"],
  org=["Palazzo Chigi", "Farnesina", "Quirinale"])
S("MLT", "Malta", "Q233", (35.8989, 14.5146), ["Maltese"], ["Valletta"])
S("MNE", "Montenegro", "Q236", (42.4304, 19.2594), ["Montenegrin", "Montenegrins"], ["Podgorica"])
S("MKD", "North Macedonia", "Q221", (41.9973, 21.4280), ["Macedonian", "Macedonians", "North Macedonian"], ["Skopje"],
  wk=["Macedonia"])
S("PRT", "Portugal", "Q45", (38.7223, -9.1393), ["Portuguese"], ["Lisbon"])
S("SMR", "San Marino", "Q238", (43.9356, 12.4473), ["Sammarinese"], [])
S("SRB", "Serbia", "Q403", (44.7866, 20.4489), ["Serbian", "Serbians", "Serb", "Serbs"], ["Belgrade"])
S("SVN", "Slovenia", "Q215", (46.0569, 14.5058), ["Slovenian", "Slovenians", "Slovene", "Slovenes"], ["Ljubljana"])
S("ESP", "Spain", "Q29", (40.4168, -3.7038), ["Spanish", "Spaniard", "Spaniards"], ["Madrid"], ["Kingdom of Spain"],
  org=["Moncloa", "La Moncloa"])
S("XKX", "Kosovo", "Q1246", (42.6629, 21.1655), ["Kosovar", "Kosovars", "Kosovan", "Kosovans"], ["Pristina", "Prishtina"],
  ["Republic of Kosovo"])
S("AUT", "Austria", "Q40", (48.2082, 16.3738), ["Austrian", "Austrians"], ["Vienna"], ["Republic of Austria"],
  org=["Ballhausplatz"])
S("BEL", "Belgium", "Q31", (50.8503, 4.3517), ["Belgian", "Belgians"], ["Brussels"], ["Kingdom of Belgium"])
S("FRA", "France", "Q142", (48.8566, 2.3522), ["French", "Frenchman", "Frenchwoman"], ["Paris"], ["French Republic"],
  org=["Élysée", "Elysee", "Élysée Palace", "Elysee Palace", "Quai d'Orsay", "Matignon", "DGSE"])
S("DEU", "Germany", "Q183", (52.5200, 13.4050), ["German", "Germans"], ["Berlin"], ["Federal Republic of Germany"],
  org=["Bundeswehr", "Bundestag", "Auswärtiges Amt", "BND"])
S("LIE", "Liechtenstein", "Q347", (47.1410, 9.5209), ["Liechtensteiner", "Liechtensteiners"], ["Vaduz"])
S("LUX", "Luxembourg", "Q32", (49.6116, 6.1319), ["Luxembourgish", "Luxembourger", "Luxembourgers"], ["Luxembourg City"],
  ["Grand Duchy of Luxembourg"])
S("MCO", "Monaco", "Q235", (43.7384, 7.4246), ["Monegasque", "Monégasque"], [], ["Principality of Monaco"])
S("NLD", "Netherlands", "Q29999", (52.3676, 4.9041), ["Dutch", "Dutchman", "Dutchwoman"], ["Amsterdam", "The Hague"],
  ["Holland"], org=["Binnenhof"])
S("CHE", "Switzerland", "Q39", (46.9480, 7.4474), ["Swiss"], ["Bern", "Berne"], ["Swiss Confederation"])
# ---------------------------------------------------------------- Oceania
S("AUS", "Australia", "Q408", (-35.2809, 149.1300), ["Australian", "Australians"], ["Canberra"], ["Commonwealth of Australia"],
  org=["Australian Defence Force", "ADF", "Department of Foreign Affairs and Trade", "DFAT", "ASIO", "ASIS",
       "Royal Australian Navy", "Royal Australian Air Force"])
S("NZL", "New Zealand", "Q664", (-41.2865, 174.7762), ["New Zealander", "New Zealanders", "Kiwi", "Kiwis"], ["Wellington"],
  ["NZ", "Aotearoa"], org=["NZDF", "New Zealand Defence Force", "MFAT"])
S("FJI", "Fiji", "Q712", (-18.1248, 178.4501), ["Fijian", "Fijians"], ["Suva"])
S("PNG", "Papua New Guinea", "Q691", (-9.4438, 147.1803), ["Papua New Guinean", "Papua New Guineans"], ["Port Moresby"], ["PNG"])
S("SLB", "Solomon Islands", "Q685", (-9.4456, 159.9729), ["Solomon Islander", "Solomon Islanders"], ["Honiara"])
S("VUT", "Vanuatu", "Q686", (-17.7333, 168.3273), ["Ni-Vanuatu"], ["Port Vila"])
S("KIR", "Kiribati", "Q710", (1.3290, 172.9790), ["I-Kiribati"], ["South Tarawa", "Tarawa"])
S("MHL", "Marshall Islands", "Q709", (7.1164, 171.1858), ["Marshallese"], ["Majuro"])
S("FSM", "Micronesia", "Q702", (6.9147, 158.1610), ["Micronesian", "Micronesians"], ["Palikir"], ["FSM"], wk=["Micronesia"])
S("NRU", "Nauru", "Q697", (-0.5467, 166.9211), ["Nauruan", "Nauruans"], ["Yaren"])
S("PLW", "Palau", "Q695", (7.5004, 134.6243), ["Palauan", "Palauans"], ["Ngerulmud"])
S("WSM", "Samoa", "Q683", (-13.8507, -171.7514), ["Samoan", "Samoans"], ["Apia"], ["Independent State of Samoa"])
S("TON", "Tonga", "Q678", (-21.1393, -175.2049), ["Tongan", "Tongans"], ["Nukuʻalofa", "Nuku'alofa", "Nukualofa"])
S("TUV", "Tuvalu", "Q672", (-8.5201, 179.1981), ["Tuvaluan", "Tuvaluans"], ["Funafuti"])
# fmt: on


def pycountry_forms(sid: str) -> tuple[str, str, list[str]]:
    """Return (alpha2, official_name, extra alias forms) for a state id."""
    if sid in NOT_IN_PYCOUNTRY:
        extra = NOT_IN_PYCOUNTRY[sid]
        return extra["alpha2"], extra["official_name"], []
    c = pycountry.countries.get(alpha_3=sid)
    if c is None:
        sys.exit(f"{sid}: not an ISO 3166-1 alpha-3 code known to pycountry")
    official = OFFICIAL_OVERRIDES.get(sid) or getattr(c, "official_name", None) or c.name
    official = re.sub(r"^the ", "", official)
    if "," in official or "(" in official:
        sys.exit(f"{sid}: pycountry official name {official!r} needs an override")
    forms = [official, c.name, getattr(c, "common_name", None) or ""]
    forms = [f for f in forms if f and "," not in f and "(" not in f]
    return c.alpha_2, official, forms


def dedupe(seq):
    seen, out = set(), []
    for x in seq:
        if x not in seen:
            seen.add(x)
            out.append(x)
    return out


def build() -> dict:
    region_of = {}
    for region, ids in REGIONS.items():
        for sid in ids.split():
            if sid in region_of:
                sys.exit(f"{sid} in two regions")
            region_of[sid] = region
    rows = []
    for st in STATES:
        sid = st["id"]
        alpha2, official, forms = pycountry_forms(sid)
        weak = dedupe(st["weak"])
        aliases = [a for a in dedupe(st["aliases"] + forms) if a != st["name"] and a not in weak]
        lat, lon = st["ll"]
        rows.append({
            "id": sid,
            "alpha2": alpha2,
            "name": st["name"],
            "official_name": official,
            "aliases": aliases,
            "weak_aliases": weak,
            "demonyms": dedupe(st["demonyms"]),
            "capitals": dedupe(st["capitals"]),
            "organs": dedupe(st["organs"]),
            "wikidata": st["wikidata"],
            "capital_coordinates": [round(lat, 4), round(lon, 4)],
            "region": region_of[sid],
            "un_member": sid not in NON_UN,
        })
    rows.sort(key=lambda r: r["id"])
    if len(rows) != len({r["id"] for r in rows}):
        sys.exit("duplicate state id")
    missing = set(region_of) - {r["id"] for r in rows}
    if missing:
        sys.exit(f"regions list states without rows: {sorted(missing)}")
    return {
        "source": "Generated by tools/generate_states.py: ISO 3166-1 codes and official names from pycountry, "
                  "other fields hand-curated and checked against public Wikidata-derived country tables (see SOURCES.md)",
        "states": rows,
    }


def main() -> None:
    data = build()
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {len(data['states'])} states to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
