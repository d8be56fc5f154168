"""GGU Portfoliodashboard: the frame (page config, language, shared year filter, demo banner,
navigation). Start with `make run` (`streamlit run app.py`: with the warm-up) or
`streamlit run dashboard.py`."""
import streamlit as st

from ggu.web import warmup

warmup.wait()   # served by app.py: the server's warm-up imports the modules below first
from ggu import config, i18n, store  # noqa: E402
from ggu.i18n import formats as fmt  # noqa: E402
from ggu.i18n import t  # noqa: E402
from ggu.ingest import provenance  # noqa: E402
from ggu.store import DataError, Store, schema  # noqa: E402
from ggu.store.snapshots import DAMAGED_POINTER  # noqa: E402
from ggu.web import auth, blocks, data, parts, url  # noqa: E402

st.set_page_config(page_title="GGU Portfoliodashboard", page_icon="📊", layout="wide")

# URL state (?lang=en&jaar=2024): read once per session against an allow-list, written back on
# every run, so that a shared link reproduces the view and it survives page switches.
default_lang = config.setting("lang") if config.setting("lang") in i18n.LANGS else "nl"
with st.sidebar:
    st.selectbox(t("lang.label", lang="nl"), i18n.LANGS,
                 key=url.state("lang", list(i18n.LANGS), default_lang),
                 format_func={"nl": "Nederlands", "en": "English"}.get)
i18n.set_lang(st.session_state["lang"])
url.write("lang", i18n.lang(), default=default_lang)
blocks.accessibility(i18n.lang())
if auth.login_required_everywhere() and auth.gate(lead=t("auth.required"), need="lezer") is None:
    st.stop()   # GGU_REQUIRE_LOGIN=true: every page behind the login (any role)
auth.sidebar()   # who is logged in with which role; log in (OIDC) or out

broken, meta, problem = None, None, None   # broken: the last good snapshot read instead
try:
    store.pin()   # one snapshot for the whole run, even if an import moves the pointer meanwhile
    data.begin_run()
    parts.remember()   # the language and the snapshot, for a part of the page that reruns alone
    broken = store.fallback()
    meta = data.query("meta").iloc[0]
    if meta["schema_version"] != schema.version():
        problem = t("app.outdated", snapshot=meta["snapshot_id"])
except DataError as error:
    if Store().current_id() is not None:
        problem = t("app.data_error", error=error)
if broken is not None:
    st.warning(t("sec.fallback_pointer" if broken.wanted == DAMAGED_POINTER else "sec.fallback",
                 wanted=broken.wanted, used=broken.id), icon=":material/warning:")
if problem:
    st.title(t("app.title"))
    st.error(problem)
    st.stop()

beheer = st.Page("pages/beheer.py", title=t("nav.beheer"),
                 icon=":material/admin_panel_settings:", url_path="beheer")
years = data.query("years")["year"].tolist() if meta is not None else []
if not years:   # no data yet, or started afresh: Beheer only, where the first file is loaded
    st.info(t("app.start_empty"), icon=":material/upload_file:")
    st.navigation([beheer]).run()
    st.stop()

with st.sidebar:
    st.selectbox(t("filter.year"), years, key=url.state("jaar", years, years[0]),
                 help=t("filter.year_help"))
    url.write("jaar", st.session_state["jaar"], default=years[0])
    st.caption(t("app.snapshot", snapshot=meta["snapshot_id"], as_of=fmt.date(meta["as_of_date"])))

if meta["is_demo"]:   # while any demo figure remains; which sheets hold loaded ones, if any
    loaded = provenance.loaded_parts(meta["loaded_json"])
    st.warning(t("app.demo_banner") + (" " + t("app.demo_loaded", parts="; ".join(loaded))
                                       if loaded else ""), icon=":material/science:")

pages = [
    st.Page("pages/overzicht.py", title=t("nav.overview"), icon=":material/dashboard:",
            url_path="overzicht", default=True),
    st.Page("pages/portfolio.py", title=t("nav.portfolio"), icon=":material/view_list:",
            url_path="portfolio"),
    st.Page("pages/doelen.py", title=t("nav.goals"), icon=":material/flag:",
            url_path="doelen"),
    st.Page("pages/uitgaven.py", title=t("nav.spending"), icon=":material/account_tree:",
            url_path="uitgaven"),
    st.Page("pages/bijdragen.py", title=t("nav.contributions"), icon=":material/payments:",
            url_path="bijdragen"),
    st.Page("pages/planning.py", title=t("nav.planning"), icon=":material/event_note:",
            url_path="planning"),
    st.Page("pages/rapport.py", title=t("nav.report"), icon=":material/slideshow:",
            url_path="rapport"),
    st.Page("pages/besluiten.py", title=t("nav.decisions"), icon=":material/gavel:",
            url_path="besluiten"),
    beheer,
]
try:
    st.navigation(pages).run()
finally:
    blocks.snapshot_marker(data.snapshots_read())   # which snapshot(s) it read, for load tests
