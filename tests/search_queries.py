"""Finnish words a reader types into the search box, and the page that must
come first. Inflected forms of words the guideline uses in another form,
plus base forms of words it only uses inflected. Shared by the browser test
(tests/test_browser_search.py) and the benchmark (bench/search_recall.py)."""

INFLECTED_QUERIES = [
    ("salassapitovelvollisuuden", "salassapitovelvollisuus/"),
    ("virkaprofiileissa", "kaupungin-edustajana/"),
    ("Naantali", "kaupungin-edustajana/"),
    ("lojaliteettivelvollisuudesta", "salassapitovelvollisuus/"),
    ("sananvapaudesta", "salassapitovelvollisuus/"),
    ("luottamuksellisuuden", "salassapitovelvollisuus/"),
    ("julkisuuskuvasta", "salassapitovelvollisuus/"),
    ("sähköpostiosoitteella", "yksityishenkilona/"),
    ("esimies", "yksityishenkilona/"),
    ("viranhaltijoille", "yksityishenkilona/"),
    ("huhuista", "yksityishenkilona/"),
    ("strategiaan", "yksityishenkilona/"),
    ("rekisteröityminen", "yksityishenkilona/"),
    ("suunnitelmaan", "kaupungin-edustajana/"),
    ("kohderyhmät", "kaupungin-edustajana/"),
    ("Instagramissa", "kaupungin-edustajana/"),
    ("tiedotteisiin", "kaupungin-edustajana/"),
    ("tapahtumamarkkinoinnissa", ""),
    ("asiakaspalautteesta", ""),
    ("työvälineenä", ""),
    ("Yammerissa", ""),
    ("kuntalaisille", ""),
]
