"""Generate ``country_names.json``: ITU Member States with their names in the six languages.

Run ``python -m extractors.data.build_countries`` after upgrading pycountry. The names come from
pycountry (English short/official/common names and its gettext catalogs for ar, es, fr, ru, zh)
plus the hand-written ``SUPPLEMENT`` below: the forms letters actually print (official styles,
ITU short names, older names, adjectival forms) that the ISO catalogs lack.
"""

from __future__ import annotations

import gettext
import json
import re
from pathlib import Path

import pycountry

OUT = Path(__file__).with_name("country_names.json")

NOT_ITU_MEMBERS = frozenset(
    "ABW AIA ALA ASM ATA ATF BES BLM BMU BVT CCK COK CUW CXR CYM ESH FLK FRO GGY GIB GLP GRL "
    "GUF GUM HKG HMD IMN IOT JEY MAC MAF MNP MSR MTQ MYT NCL NFK NIU PCN PRI PSE PYF REU SGS "
    "SHN SJM SPM SXM TCA TKL TWN UMI VGB VIR WLF".split()
)
"""ISO 3166-1 entries that are not ITU Member States (territories, Palestine, Taiwan ...).
ITU's 194 Member States are the 193 UN members plus the Vatican City State."""

LOCALES = {"ar": "ar", "es": "es", "fr": "fr", "ru": "ru", "zh": "zh_CN"}

DISPLAY = {
    "BOL": "Bolivia (Plurinational State of)",
    "COD": "Democratic Republic of the Congo",
    "FSM": "Micronesia",
    "IRN": "Iran (Islamic Republic of)",
    "KOR": "Korea (Republic of)",
    "MDA": "Moldova",
    "PRK": "Democratic People's Republic of Korea",
    "TZA": "Tanzania",
    "VAT": "Vatican",
    "VEN": "Venezuela",
    "TUR": "Türkiye",
}
"""English display names in ITU's style where ISO inverts the name ('Korea, Republic of')."""

SUPPLEMENT: dict[str, list[str]] = {
    # English forms
    "GBR": ["United Kingdom", "UK", "Great Britain", "Britain", "United Kingdom of Great Britain and Northern Ireland",
            "Royaume-Uni", "Reino Unido", "Великобритания", "المملكة المتحدة", "英国", "大不列颠及北爱尔兰联合王国"],
    "USA": ["United States", "United States of America", "USA", "U.S.A.", "U.S.", "US Government", "Etats-Unis", "Estados Unidos",
            "Соединенные Штаты Америки", "США", "الولايات المتحدة الأمريكية", "美国", "美利坚合众国"],
    "RUS": ["Russia", "Russian Federation", "Россия", "Российская Федерация", "Russie", "Rusia", "روسيا",
            "الاتحاد الروسي", "俄罗斯", "俄罗斯联邦"],
    "KOR": ["Republic of Korea", "South Korea", "Korea (Republic of)", "République de Corée", "República de Corea",
            "Республика Корея", "جمهورية كوريا", "韩国", "大韩民国"],
    "PRK": ["Democratic People's Republic of Korea", "DPRK", "North Korea", "Корейская Народно-Демократическая Республика",
            "朝鲜", "جمهورية كوريا الشعبية الديمقراطية"],
    "IRN": ["Iran", "Islamic Republic of Iran", "Iran (Islamic Republic of)", "République islamique d'Iran",
            "República Islámica del Irán", "Исламская Республика Иран", "جمهورية إيران الإسلامية", "伊朗", "伊朗伊斯兰共和国"],
    "TUR": ["Türkiye", "Turkey", "Republic of Türkiye", "Turquie", "Turquía", "Турция", "Турецкая Республика",
            "تركيا", "الجمهورية التركية", "土耳其"],
    "CZE": ["Czech Republic", "Czechia", "République tchèque", "Tchéquie", "República Checa", "Чешская Республика", "Чехия", "捷克"],
    "CIV": ["Côte d'Ivoire", "Ivory Coast", "République de Côte d'Ivoire", "Кот-д'Ивуар", "كوت ديفوار", "科特迪瓦"],
    "CPV": ["Cabo Verde", "Cape Verde", "Кабо-Верде", "佛得角"],
    "SWZ": ["Eswatini", "Kingdom of Eswatini", "Swaziland", "Эсватини", "إسواتيني", "斯威士兰"],
    "MKD": ["North Macedonia", "Republic of North Macedonia", "Macédoine du Nord", "Macedonia del Norte",
            "Северная Македония", "مقدونيا الشمالية", "北马其顿"],
    "MMR": ["Myanmar", "Burma", "Republic of the Union of Myanmar", "Мьянма", "ميانمار", "缅甸"],
    "LAO": ["Lao PDR", "Laos", "Lao People's Democratic Republic", "République démocratique populaire lao",
            "Лаосская Народно-Демократическая Республика", "老挝"],
    "VNM": ["Viet Nam", "Vietnam", "Socialist Republic of Viet Nam", "Вьетнам", "فيتنام", "越南"],
    "SYR": ["Syria", "Syrian Arab Republic", "République arabe syrienne", "República Árabe Siria",
            "Сирийская Арабская Республика", "سوريا", "سورية", "الجمهورية العربية السورية", "叙利亚"],
    "VAT": ["Vatican", "Vatican City", "Vatican City State", "Holy See", "Saint-Siège", "Cité du Vatican",
            "Santa Sede", "Ciudad del Vaticano", "Ватикан", "Святой Престол", "الفاتيكان", "الكرسي الرسولي", "梵蒂冈", "教廷"],
    "TZA": ["Tanzania", "United Republic of Tanzania", "Tanzanie", "Танзания", "تنزانيا", "坦桑尼亚"],
    "BRN": ["Brunei", "Brunei Darussalam", "Бруней", "بروناي", "文莱"],
    "TLS": ["Timor-Leste", "East Timor", "Тимор-Лесте", "تيمور الشرقية", "东帝汶"],
    "COD": ["DR Congo", "DRC", "RDC", "Democratic Republic of the Congo", "République démocratique du Congo",
            "República Democrática del Congo", "Демократическая Республика Конго", "جمهورية الكونغو الديمقراطية", "刚果民主共和国"],
    "COG": ["Republic of the Congo", "Congo-Brazzaville", "République du Congo", "República del Congo", "Республика Конго", "刚果共和国"],
    "GMB": ["The Gambia", "Gambia"],
    "BHS": ["The Bahamas", "Bahamas"],
    "NLD": ["Netherlands", "Kingdom of the Netherlands", "The Netherlands", "Pays-Bas", "Países Bajos", "Нидерланды", "هولندا", "荷兰"],
    "KGZ": ["Kyrgyzstan", "Kyrgyz Republic", "Кыргызская Республика", "Кыргызстан", "Киргизия", "قيرغيزستان", "吉尔吉斯斯坦"],
    "BLR": ["Belarus", "Republic of Belarus", "Беларусь", "Республика Беларусь", "بيلاروس", "白俄罗斯"],
    "MDA": ["Moldova", "Republic of Moldova", "Молдова", "Республика Молдова", "مولدوفا", "摩尔多瓦"],
    "CUB": ["Кубы", "Республики Куба"],
    "KAZ": ["Kazakhstan", "Республика Казахстан", "Казахстан", "哈萨克斯坦"],
    "UZB": ["Узбекистан", "Республика Узбекистан"],
    "TJK": ["Таджикистан", "Республика Таджикистан"],
    "TKM": ["Туркменистан"],
    "AZE": ["Азербайджан", "Азербайджанская Республика"],
    "ARM": ["Армения", "Республика Армения"],
    "CHN": ["China", "People's Republic of China", "中国", "中华人民共和国", "Chine", "Китай", "Китайская Народная Республика", "الصين"],
    "SGP": ["新加坡", "新加坡共和国", "Republic of Singapore"],
    "MYS": ["马来西亚", "Malaysia"],
    "JPN": ["日本", "日本国"],
    "PHL": ["Philippines", "Republic of the Philippines"],
    "BOL": ["Bolivia", "Plurinational State of Bolivia", "Estado Plurinacional de Bolivia"],
    "VEN": ["Venezuela", "Bolivarian Republic of Venezuela", "República Bolivariana de Venezuela"],
    "MEX": ["México", "Estados Unidos Mexicanos"],
    "FSM": ["Micronesia", "Federated States of Micronesia"],
    "STP": ["Sao Tome and Principe", "São Tomé and Príncipe", "São Tomé-et-Príncipe"],
    "KNA": ["Saint Kitts and Nevis", "St Kitts and Nevis"],
    "LCA": ["Saint Lucia", "St Lucia"],
    "VCT": ["Saint Vincent and the Grenadines", "St Vincent and the Grenadines"],
    "CHE": ["Switzerland", "Swiss Confederation", "Confédération suisse", "Schweizerische Eidgenossenschaft",
            "Confederazione Svizzera", "Confederación Suiza", "Швейцария", "سويسرا", "瑞士"],
    "DEU": ["Federal Republic of Germany", "Bundesrepublik Deutschland", "Deutschland"],
    "AUT": ["Österreich", "Republik Österreich"],
    "ITA": ["Repubblica Italiana", "Italia"],
    "BRA": ["Brasil", "República Federativa do Brasil"],
    "PRT": ["República Portuguesa"],
    # The Arab states' official styles and usual short forms (Arabic letterheads print these)
    "DZA": ["الجمهورية الجزائرية الديمقراطية الشعبية", "الجزائر", "République algérienne démocratique et populaire", "Algérie"],
    "BHR": ["مملكة البحرين", "البحرين"],
    "COM": ["جمهورية القمر المتحدة", "جزر القمر", "Union des Comores", "Comores"],
    "DJI": ["جمهورية جيبوتي", "جيبوتي"],
    "EGY": ["جمهورية مصر العربية", "مصر", "Arab Republic of Egypt", "Египта"],
    "IRQ": ["جمهورية العراق", "العراق"],
    "JOR": ["المملكة الأردنية الهاشمية", "الأردن", "Hashemite Kingdom of Jordan"],
    "KWT": ["دولة الكويت", "الكويت", "State of Kuwait"],
    "LBN": ["الجمهورية اللبنانية", "لبنان", "Lebanese Republic", "République libanaise"],
    "LBY": ["دولة ليبيا", "ليبيا", "State of Libya"],
    "MRT": ["الجمهورية الإسلامية الموريتانية", "موريتانيا", "République islamique de Mauritanie"],
    "MAR": ["المملكة المغربية", "المغرب", "Royaume du Maroc", "Kingdom of Morocco"],
    "OMN": ["سلطنة عمان", "حكومة عمان", "Sultanate of Oman", "Sultanat d'Oman"],
    "QAT": ["دولة قطر", "قطر", "State of Qatar"],
    "SAU": ["المملكة العربية السعودية", "السعودية", "Kingdom of Saudi Arabia"],
    "SOM": ["جمهورية الصومال الفيدرالية", "الصومال", "Federal Republic of Somalia"],
    "SDN": ["جمهورية السودان", "السودان"],
    "SSD": ["جنوب السودان", "جمهورية جنوب السودان"],
    "TUN": ["الجمهورية التونسية", "تونس", "République tunisienne"],
    "ARE": ["دولة الإمارات العربية المتحدة", "الإمارات العربية المتحدة", "الإمارات", "UAE"],
    "YEM": ["الجمهورية اليمنية", "اليمن", "Republic of Yemen"],
    # French adjectival styles ("République gabonaise", "Gouvernement malgache")
    "MDG": ["République malgache", "Gouvernement malgache", "Repoblikan'i Madagasikara"],
    "FRA": ["République française", "Gouvernement français"],
    "GAB": ["République gabonaise", "Gouvernement gabonais"],
    "TGO": ["République togolaise", "Gouvernement togolais"],
    "SEN": ["République du Sénégal", "Gouvernement sénégalais"],
    "MLI": ["République du Mali", "Gouvernement malien"],
    "BFA": ["Burkina Faso", "Gouvernement burkinabè"],
    "NER": ["République du Niger", "Gouvernement nigérien"],
    "CMR": ["République du Cameroun", "Gouvernement camerounais"],
    "BEN": ["République du Bénin", "Gouvernement béninois"],
    "GIN": ["République de Guinée", "Gouvernement guinéen"],
    "TCD": ["République du Tchad", "Gouvernement tchadien"],
    "HTI": ["République d'Haïti", "Gouvernement haïtien"],
    "BDI": ["République du Burundi", "Gouvernement burundais"],
    "RWA": ["République du Rwanda", "Gouvernement rwandais"],
    "MCO": ["Principauté de Monaco", "Gouvernement princier"],
    "LUX": ["Grand-Duché de Luxembourg", "Gouvernement luxembourgeois"],
    "MUS": ["République de Maurice", "Gouvernement de Maurice", "Île Maurice", "Gouvernement mauricien"],
    "BEL": ["Royaume de Belgique", "Gouvernement belge"],
}

ITU_SHORT_NAMES = {
    "KOR": "Korea (Rep. of)", "COG": "Congo (Rep. of the)", "LAO": "Lao P.D.R.", "MDA": "Moldova (Republic of)",
    "NLD": "Netherlands (Kingdom of the)", "PRK": "Dem. People's Rep. of Korea", "COD": "Dem. Rep. of the Congo",
    "GMB": "Gambia (Republic of the)", "BHS": "Bahamas (Commonwealth of the)", "IRN": "Iran (Islamic Republic of)",
    "BOL": "Bolivia (Plurinational State of)", "FSM": "Micronesia (Federated States of)", "SYR": "Syrian Arab Republic",
    "TZA": "Tanzania (United Republic of)", "VEN": "Venezuela (Bolivarian Republic of)", "VAT": "Vatican City State",
}
"""How ITU's own list of Member States spells the names ISO inverts."""

ARABIC_ADJECTIVES = {
    "TUN": "التونسية", "EGY": "المصرية", "JOR": "الأردنية", "MAR": "المغربية", "LBN": "اللبنانية",
    "IRQ": "العراقية", "DZA": "الجزائرية", "YEM": "اليمنية", "SDN": "السودانية", "LBY": "الليبية",
    "SYR": "السورية", "QAT": "القطرية", "KWT": "الكويتية", "BHR": "البحرينية", "ARE": "الإماراتية",
    "OMN": "العمانية", "MRT": "الموريتانية", "SOM": "الصومالية", "DJI": "الجيبوتية",
}
"""Arabic adjectival forms of the Arab states ('الحكومة التونسية', 'الجمهورية اللبنانية')."""

GENERIC = re.compile(r"^(?:the|of|republic|república|république|state|kingdom|federation|union|islands?|"
                     r"de|du|del|des|la|le|el|of the|\W)+$", re.IGNORECASE)
"""A form made only of generic words ('Republic of') names no country."""

AMBIGUOUS = {"عمان", "Maurice"}
"""Names that are also cities, people or parts of other names: kept only as parts of longer forms
('Sultanate of Oman') so that Amman is not Oman and Mr Maurice not Mauritius. Heads shared by
several states ('Congo', 'Korea') are dropped by ``build`` itself."""


_OF = (" of", " of the", " de", " del", " du", " des", " d'", "de l'")


def _uninvert(name: str) -> list[str]:
    """All forms of an inverted name.

    'Korea, Republic of' -> 'Republic of Korea', 'Korea'; 'Iran (Islamic Republic of)' -> itself,
    'Islamic Republic of Iran', 'Iran'; 'Holy See (Vatican City State)' -> itself and both parts.
    """
    paren = re.match(r"^(.*?)\s*\((.*)\)\s*$", name)
    if paren:
        head, inner = paren.groups()
        return [name, head, f"{inner} {head}".replace("' ", "'") if inner.endswith(_OF) else inner]
    for sep in (", ", "، "):
        if sep in name:
            head, tail = name.split(sep, 1)
            return [head, f"{tail} {head}".replace("' ", "'") if tail.endswith(_OF) else tail]
    return [name]


def build() -> dict[str, dict[str, object]]:
    catalogs = {lang: gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[loc])
                for lang, loc in LOCALES.items()}
    raw: dict[str, set[str]] = {}
    for c in pycountry.countries:
        if c.alpha_3 in NOT_ITU_MEMBERS:
            continue
        english = [c.name, getattr(c, "official_name", None), getattr(c, "common_name", None)]
        names = {n for n in english if n}
        for cat in catalogs.values():
            names |= {cat.gettext(n) for n in english if n}
        extra = [*SUPPLEMENT.get(c.alpha_3, []), *ARABIC_ADJECTIVES.get(c.alpha_3, "").split()]
        raw[c.alpha_3] = names | set(extra) | {n for n in (DISPLAY.get(c.alpha_3), ITU_SHORT_NAMES.get(c.alpha_3)) if n}
    # Uninvert; a head shared by several states ("Korea", "Congo") stays only with the state whose
    # whole name it is ("Congo" is the Republic of the Congo), else it is dropped.
    forms = {code: {f.strip() for n in names for f in _uninvert(n) if f.strip()} for code, names in raw.items()}
    owners: dict[str, set[str]] = {}
    for code, names in forms.items():
        for n in names:
            owners.setdefault(n.casefold(), set()).add(code)
    for name, codes in owners.items():
        whole = {code for code in codes if name in {n.casefold() for n in raw[code]}}
        if len(codes) > 1 and len(whole) == 1:
            owners[name] = whole
    out: dict[str, dict[str, object]] = {}
    for code in sorted(forms):
        state = pycountry.countries.get(alpha_3=code)
        assert state is not None  # every code was taken from pycountry above
        kept = sorted(n for n in forms[code]
                      if owners[n.casefold()] == {code} and n not in AMBIGUOUS
                      and len(n) >= 2 and not GENERIC.match(n))
        out[code] = {"name": DISPLAY.get(code, state.name), "alpha2": state.alpha_2, "names": kept}
    return out


def main() -> None:
    data = build()
    assert len(data) == 194, len(data)
    OUT.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({len(data)} Member States)")


if __name__ == "__main__":
    main()
