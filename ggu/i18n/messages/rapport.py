"""Messages of the ALV report (page, presentation mode and the PDF, PowerPoint and HTML files)."""

NL = {
    "rp.fonts_missing": "De lettertypen voor de PDF ontbreken: installeer de Debian-pakketten fonts-liberation en fonts-dejavu-core (make run doet dat als root).",
    'nav.report': 'ALV-rapport',
    'rp.page_title': 'ALV-rapport {year}',
    'rp.page_lead': 'Het GGU-jaar in een paar dia\'s, uit dezelfde cijfers als het dashboard: '
                    'toon het op het grote scherm of download het als PDF, PowerPoint of HTML.',
    'rp.present': 'Presentatiemodus',
    'rp.present_help': 'Eén boodschap per dia in grote letters. Blader met de knoppen of met '
                       'de pijltjestoetsen ← en →.',
    'rp.prev': 'Vorige',
    'rp.next': 'Volgende',
    'rp.counter': 'Dia {n} van {total}',
    'rp.downloads': 'Downloaden',
    'rp.download_pdf': 'PDF (A4 liggend)',
    'rp.download_pptx': 'PowerPoint (.pptx)',
    'rp.download_html': 'HTML (één bestand, offline)',
    'rp.download_help': 'Het bestand wordt gemaakt als u klikt; de PDF duurt een paar seconden.',
    'rp.quality': 'De grafieken in de PDF worden met Chromium getekend. Ontbreekt Chromium op de '
                  'server, dan staat er een tabel in plaats van de grafiek. Voor de volledige '
                  'kwaliteit: installeer Chromium (`make chromium`) of gebruik op een andere '
                  'computer `python -m ggu report --year {year} --format pdf --out rapport.pdf`.',
    'rp.overview': 'Alle dia\'s',
    # The slides.
    'rp.doc_title': 'Het GGU-jaar {year}',
    'rp.doc_subtitle': 'Algemene Ledenvergadering · Fonds Gezamenlijke Gemeentelijke Uitvoering',
    'rp.doc_header': 'GGU · ALV-rapport {year}',
    'rp.demo': 'voorbeelddata',
    'rp.demo_note': 'Gemaakt met voorbeelddata: de cijfers zijn fictief.',
    'rp.as_of': 'Stand van de gegevens: {as_of}',
    'rp.made': 'Gemaakt op {date}',
    'rp.snapshot': 'Snapshot {snapshot}',
    'rp.page': 'Pagina {n} van {total}',
    'rp.partial': '{year} loopt nog: uitgaven en ontvangsten tot en met {as_of}.',
    'rp.fund_title': 'Het fonds in één getal: {total}',
    'rp.fund_lead': 'Begroting {year}: {fonds} uit het Fonds GGU, {rijk} van het Rijk en {overig} '
                    'overig. Besteed: {spent} ({pct}).',
    'rp.kpi_total': 'begroting {year}',
    'rp.kpi_rate': 'per inwoner',
    'rp.kpi_municipalities': 'gemeenten dragen bij',
    'rp.kpi_spent': 'besteed',
    'rp.split_native_share': 'Aandeel begroting',
    'rp.split_native_norm': 'Norm',
    'rp.goals_lead': 'Oordeel per doel (de zwakste indicator telt): {parts}.',
    'rp.goals_part': '{verdict}: {goals}',
    'rp.ind_lead': 'Voortgang van nulmeting naar streefwaarde, vergeleken met de tijd die '
                   'verstreken is. Laatste meting per indicator.',
    'rp.col_indicator': 'Indicator',
    'rp.col_goal': 'Doel',
    'rp.col_latest': 'Laatste meting',
    'rp.col_target': 'Streefwaarde',
    'rp.items_title': 'Wat opvalt in {year}',
    'rp.items_lead': 'De grootste projecten, de uitzonderingen, wat afliep en wat begon.',
    'rp.items_biggest': 'Grootste begroting',
    'rp.items_exceptions': 'Uitzonderingen (boven begroting, rood of verlopen)',
    'rp.items_finished': 'Afgerond in {year}',
    'rp.items_new': 'Gestart in {year}',
    'rp.items_none': 'Geen.',
    'rp.items_more': '… en nog {n}',
    'rp.contrib_title': 'Bijdragen {year}: {rate} per inwoner, samen {total}',
    'rp.contrib_lead': '{n} gemeenten met {inh} inwoners; ontvangen {received} van {total}.',
    'rp.contrib_chart': 'Bijdragen van gemeenten',
    'rp.whatif': 'Stel dat het tarief {rate} per inwoner is ({change} per inwoner): het fonds '
                 'wordt {fund} ({delta}).',
    'rp.whatif_table': 'Bij het huidige tarief: envelop per categorie volgens de norm tegenover '
                       'de begroting uit het fonds.',
    'rp.close_title': 'Bron en verantwoording',
    'rp.close_source': 'Gegevens: {source}, snapshot {snapshot}, stand {as_of}.',
    'rp.close_cbs': 'Bron inwoners: CBS.',
    'rp.close_same': 'Alle cijfers komen uit hetzelfde snapshot als het GGU Portfoliodashboard en '
                     'zijn na te rekenen met: python -m ggu summary --year {year}',
    'rp.close_made': 'Rapport gemaakt op {date}.',
    'rp.chart_fallback': 'Grafiek niet beschikbaar (Chromium ontbreekt); de cijfers staan in de '
                         'tabel. Installeer Chromium en maak het rapport opnieuw voor de grafiek.',
    'rp.table_for_chart': 'De cijfers van de grafiek',
}

EN = {
    "rp.fonts_missing": "The fonts for the PDF are missing: install the Debian packages fonts-liberation and fonts-dejavu-core (make run does this as root).",
    'nav.report': 'Assembly report',
    'rp.page_title': 'General assembly report {year}',
    'rp.page_lead': 'The GGU year in a few slides, from the same figures as the dashboard: show '
                    'it on the big screen or download it as PDF, PowerPoint or HTML.',
    'rp.present': 'Presentation mode',
    'rp.present_help': 'One message per slide in large type. Page with the buttons or with the '
                       'arrow keys ← and →.',
    'rp.prev': 'Previous',
    'rp.next': 'Next',
    'rp.counter': 'Slide {n} of {total}',
    'rp.downloads': 'Download',
    'rp.download_pdf': 'PDF (A4 landscape)',
    'rp.download_pptx': 'PowerPoint (.pptx)',
    'rp.download_html': 'HTML (one file, offline)',
    'rp.download_help': 'The file is made when you click; the PDF takes a few seconds.',
    'rp.quality': 'The PDF\'s charts are drawn with Chromium. Without Chromium on the server a '
                  'table takes the place of each chart. For full quality: install Chromium '
                  '(`make chromium`) or run `python -m ggu report --year {year} --format pdf '
                  '--out report.pdf` on another computer.',
    'rp.overview': 'All slides',
    'rp.doc_title': 'The GGU year {year}',
    'rp.doc_subtitle': 'General Assembly · Fund for Joint Municipal Implementation (GGU)',
    'rp.doc_header': 'GGU · General assembly report {year}',
    'rp.demo': 'sample data',
    'rp.demo_note': 'Made with sample data: the figures are fictitious.',
    'rp.as_of': 'Data as of {as_of}',
    'rp.made': 'Made on {date}',
    'rp.snapshot': 'Snapshot {snapshot}',
    'rp.page': 'Page {n} of {total}',
    'rp.partial': '{year} is still running: spending and receipts up to {as_of}.',
    'rp.fund_title': 'The fund in one number: {total}',
    'rp.fund_lead': 'Budget {year}: {fonds} from the GGU Fund, {rijk} from the national '
                    'government and {overig} other. Spent: {spent} ({pct}).',
    'rp.kpi_total': 'budget {year}',
    'rp.kpi_rate': 'per inhabitant',
    'rp.kpi_municipalities': 'municipalities contribute',
    'rp.kpi_spent': 'spent',
    'rp.split_native_share': 'Share of budget',
    'rp.split_native_norm': 'Norm',
    'rp.goals_lead': 'Verdict per goal (the weakest indicator counts): {parts}.',
    'rp.goals_part': '{verdict}: {goals}',
    'rp.ind_lead': 'Progress from baseline to target, compared with the time that has passed. '
                   'Latest measurement per indicator.',
    'rp.col_indicator': 'Indicator',
    'rp.col_goal': 'Goal',
    'rp.col_latest': 'Latest measurement',
    'rp.col_target': 'Target',
    'rp.items_title': 'What stands out in {year}',
    'rp.items_lead': 'The largest items, the exceptions, what ended and what began.',
    'rp.items_biggest': 'Largest budget',
    'rp.items_exceptions': 'Exceptions (over budget, red or overdue)',
    'rp.items_finished': 'Finished in {year}',
    'rp.items_new': 'Started in {year}',
    'rp.items_none': 'None.',
    'rp.items_more': '… and {n} more',
    'rp.contrib_title': 'Contributions {year}: {rate} per inhabitant, {total} in total',
    'rp.contrib_lead': '{n} municipalities with {inh} inhabitants; received {received} of {total}.',
    'rp.contrib_chart': 'Contributions of municipalities',
    'rp.whatif': 'Suppose the rate is {rate} per inhabitant ({change} per inhabitant): the fund '
                 'becomes {fund} ({delta}).',
    'rp.whatif_table': 'At the current rate: the envelope per category at the norm against the '
                       'budget from the fund.',
    'rp.close_title': 'Source and accountability',
    'rp.close_source': 'Data: {source}, snapshot {snapshot}, as of {as_of}.',
    'rp.close_cbs': 'Source of inhabitants: CBS (Statistics Netherlands).',
    'rp.close_same': 'Every figure comes from the same snapshot as the GGU Portfolio dashboard '
                     'and can be checked with: python -m ggu summary --year {year}',
    'rp.close_made': 'Report made on {date}.',
    'rp.chart_fallback': 'Chart not available (Chromium is missing); the figures are in the '
                         'table. Install Chromium and make the report again for the chart.',
    'rp.table_for_chart': 'The figures of the chart',
}
