"""The whole guideline is on the site, sentence by sentence, in correct
Finnish: nothing dropped, and nothing left of the OCR."""

import re

import pytest

from helpers import PAGES, page_text

# Every sentence of ../shared/seed/000_5a5bd457bafb7305.txt, restored, with
# the page that must carry it. List items are sentences of their own.
GUIDELINE = {
    "": [
        "Ohjeita sosiaalisen median käyttöön",
        "Naantalin kaupunki",
        "Viestinnän kanavat ovat monipuolistuneet ja yhä merkittävämpi osa viestinnästä käydään sosiaalisessa mediassa.",
        "Suhtaudumme positiivisesti sen tuomiin mahdollisuuksiin ja mukanaolomme on aktiivista.",
        "Somen käyttö voi liittyä esim. tapahtumamarkkinointiin, kuntalaisten informointiin ja asiakaspalautteen keräämiseen.",
        "Sosiaalinen media on vuorovaikutteinen työväline, johon asiakkaatkin voivat osallistua.",
        "Sen avulla pystymme tavoittamaan yhä suurempia asiakasmääriä ja yleisöä, jotka muuten jäisivät saavuttamatta.",
        "Some vaatii läsnäoloa, vastauksia kysymyksiin ja reagointia kommentteihin tuoden samalla vaatimuksia henkilöstön asiakaspalvelutaitoihin.",
        "Toimintatavat vaativat jatkuvaa arviointia ja muutosvalmiutta.",
        "Sosiaalisen median sovelluksia voimme käyttää myös työvälineinä (kuten Messenger, WhatsApp, Yammer, blogit, YouTube).",
        "Monet ammattiverkostot käyttävät sosiaalista mediaa työvälineenä, eli perustetaan esim. Yammeriin työryhmän työtila.",
    ],
    "kaupungin-edustajana/": [
        "Kaupungin edustajana sosiaalisessa mediassa",
        "Sosiaalisen median käytölle pitää olla selvät tavoitteet.",
        "Pääasiallisesti käytämme ”virkaprofiileja”, joita hallinnoi useampi henkilö.",
        "Yhteisenä profiilinamme on ”Naantali”.",
        "Kaupungin virkaprofiilit voivat olla joko",
        "pysyväluonteisia (toimialan, vastuu- tai palvelualueen, yksikön, työryhmän jne. virkaprofiili) tai",
        "määräaikaisia (tapahtuma tai hanke).",
        "Kaupungin nimissä on tällä hetkellä Facebook- ja Instagram- ja Pinterest-sivut, joiden sisällön ylläpitäjät ovat määritelty.",
        "Käyttöön voidaan luoda myös muita sivuja, mikäli niille on selkeät perusteet (esim. erityinen kohderyhmä).",
        "Uuteen some-tiliin vaaditaan kirjallinen suunnitelma, joka käsitellään yhdessä kaupungin viestinnästä vastaavien kanssa.",
        "Suunnitelmassa pitää käydä ilmi seuraavat seikat:",
        "Miksi tili perustetaan?",
        "Mikä on kohderyhmä?",
        "Kuka ylläpitää ja miten?",
        "Sivustoja ei kannata perustaa, jos profiilin päivittämiseen ei ole aikaa.",
        "Päivityksissä kannattaa hyödyntää myös muita viestintäkanavia, kuten jo olemassa olevia verkkosivujen tiedotteita ja uutisia.",
        "Mikäli profiilisi jostain syystä täytyy lopettaa, ilmoita siitä tarpeeksi ajoissa ja ohjaa käyttäjät korvaavaan palveluun.",
        "Jos haluat käyttää sosiaalista mediaa työssäsi, ota yhteyttä viestintään, joka auttaa myös asiaan liittyvissä kysymyksissä.",
    ],
    "yksityishenkilona/": [
        "Yksityishenkilönä sosiaalisessa mediassa",
        "Muista viestiessäsi seuraavat asiat:",
        "Käytä aina harkintaa ja varovaisuutta päivityksissäsi",
        "Henkilökohtaiset profiilit päivitetään vapaa-ajalla!",
        "Mikäli asiantuntijana (kaupungin työntekijänä/viranhaltijana) otat kantaa omaa alaasi koskeviin kysymyksiin ja keskusteluihin, tulee sinun muistaa pitää ne kunnan yleisten linjausten ja strategian mukaisia.",
        "Työaikana et voi osallistua aktiivisesti someen yksityishenkilönä",
        "Kaupungin sähköpostiosoitetta saa käyttää rekisteröitymiseen vain työsi puolesta.",
        "Some-keskusteluihin osallistumista tulisi tarkoin harkita, kun on kyse omasta työstäsi tai työnantajaasi liittyvistä asioista.",
        "Mieti päivityksiä tehdessäsi, voidaanko kuvia ja tekstejä tulkita kaupungin työntekijän/viranhaltijan asemalle sopimattomaksi.",
        "Virastojen johtajat vastaavat omien toimialojensa viestinnästä.",
        "Jos havaitset sosiaalisessa mediassa ns. perätöntä viestintää, joka koskee työnantajaa, on niistä hyvä kertoa esimiehelle.",
        "Asiallisesti tiedottamalla voimme osaltamme katkaista perättömiltä huhuilta siivet ja tarjota ajantasaista ja luotettavaa tietoa.",
    ],
    "salassapitovelvollisuus/": [
        "Muista salassapitovelvollisuus",
        "Muista, että salassapitovelvollisuus sitoo myös vapaa-aikana.",
        "Vaikka sananvapaus on olemassa, pidä mielessä työntekijän lojaliteettivelvollisuus työnantajaa kohtaan myös työn ulkopuolella.",
        "Sosiaalisessa mediassa esiintyminen ei saa vaarantaa tietojen luottamuksellisuutta ja kaupungin julkisuuskuvaa.",
    ],
}

# Forms the OCR produced (../shared/seed/README.md gives the first ones)
OCR_RESIDUE = ["kayttéon", "yleis64a", "Tydbaikana", "kayttaa", "tyontekijan",
               "tyévalineena", "henkild", "Kaytté6n", "myds", "viestinnasta",
               "paivityksissasi", "esiintymien", "¢", "é", "“"]


def site_text(site):
    return " ".join(page_text(site, path) for path, _ in PAGES)


@pytest.mark.parametrize("path", list(GUIDELINE))
def test_every_sentence_of_the_guideline_is_on_its_page(site, path):
    text = page_text(site, path)
    missing = [sentence for sentence in GUIDELINE[path] if sentence not in text]
    assert missing == []


@pytest.mark.parametrize("residue", OCR_RESIDUE)
def test_no_ocr_residue(site, residue):
    assert residue not in site_text(site)


def test_no_word_is_written_without_its_umlauts(site):
    """A word with ä or ö must not also appear folded to a and o
    (käyttää / kayttaa), which is what the OCR did everywhere."""
    words = set(re.findall(r"\w+", site_text(site).lower()))
    folded = {w.translate(str.maketrans("äöå", "aoa")) for w in words if re.search("[äöå]", w)}
    assert sorted(words & folded) == []


def test_no_digit_inside_a_word(site):
    assert re.findall(r"[^\W\d_]+\d+[^\W\d_]+", site_text(site)) == []


def test_printable_handbook_holds_every_sentence_in_order(site):
    text = page_text(site, "koko-ohje/")
    positions = [text.find(sentence) for path in GUIDELINE for sentence in GUIDELINE[path][1:]]
    assert -1 not in positions
    assert positions == sorted(positions)


def test_printable_handbook_carries_version_and_date(site):
    text = page_text(site, "koko-ohje/")
    assert re.search(r"Ohjeen versio \d+\.\d+, muutettu viimeksi \d{1,2}\.\d{1,2}\.\d{4}\.", text)
