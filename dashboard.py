"""GGU Portfoliodashboard: the frame (page config, language, shared year filter, demo banner,
navigation). Start with `make run` or `streamlit run dashboard.py`."""
import streamlit as st

from ggu import config, db, i18n
from ggu import formatting as fmt
from ggu.i18n import t
from ggu.snapshots import DataError, Store, schema_version

st.set_page_config(page_title="GGU Portfoliodashboard", page_icon="📊", layout="wide")

# Language: from the URL (?lang=en, checked against the allow-list) on a session's first run,
# then from the switch; kept in the URL so that a shared link keeps it.
if "lang" not in st.session_state:
    wanted = st.query_params.get("lang")
    st.session_state["lang"] = wanted if wanted in i18n.LANGS else config.setting("lang")
with st.sidebar:
    st.selectbox(t("lang.label", lang=st.session_state["lang"]), i18n.LANGS, key="lang",
                 format_func={"nl": "Nederlands", "en": "English"}.get)
i18n.set_lang(st.session_state["lang"])
st.query_params["lang"] = i18n.lang()

try:
    meta = db.query("meta").iloc[0]
    problem = None if meta["schema_version"] == schema_version() else \
        t("app.outdated", snapshot=meta["snapshot_id"])
except DataError as error:
    problem = t("app.no_data") if Store().current_id() is None else \
        t("app.data_error", error=error)
if problem:
    st.title(t("app.title"))
    st.error(problem)
    st.stop()
years = db.query("years")["year"].tolist()

with st.sidebar:
    st.selectbox(t("filter.year"), years, key="jaar", bind="query-params",
                 help=t("filter.year_help"))
    st.caption(t("app.snapshot", snapshot=meta["snapshot_id"], as_of=fmt.date(meta["as_of_date"])))

if meta["is_demo"]:
    st.warning(t("app.demo_banner"), icon=":material/science:")

pages = [
    st.Page("pages/overzicht.py", title=t("nav.overview"), icon=":material/dashboard:",
            url_path="overzicht", default=True),
]
st.navigation(pages).run()
