"""Stance Atlas: configure, load the data once, route. Pages live in components/app/pages."""

import streamlit as st

from components import paths
from components.app import loaders as data
from components.app.collector import freeze_startup_objects
from components.app.context import AppContext
from components.app.pages import PAGES
from components.app.theme import palette
from components.app.widgets.cite import render_cite_menu
from components.app.widgets.error_page import render_error_page
from components.app.widgets.live_file import file_state, watch_data_file
from components.app.widgets.presentation import render_presentation
from components.app.widgets.sidebar import render_controls, render_summary

st.set_page_config(page_title="Stance Atlas", page_icon="🧭", layout="wide")

loaded = file_state(paths.data_path())  # before reading: a save during this run counts as a change
result = data.load_data(paths.data_path())
context = None
if result.ok:
    span = data.date_span(result.digest, result.dataset)
    as_of, present = render_controls(span)
    archive = paths.archive_path()
    context = AppContext(
        result=result,
        checks=tuple(data.load_checks(result.digest, str(archive) if archive else None, result.dataset)),
        archive=archive,
        palette=tuple(palette()),
        as_of=as_of,
        span=span,
        present=present,
    )
    render_summary(context)
freeze_startup_objects()


def _page(module, title):
    def run():
        if context is None:
            render_error_page(result)
            return
        module.render_page(context)
        render_cite_menu(context, title)
        if context.present:
            render_presentation(context)

    return run


navigation = st.navigation(
    [
        st.Page(_page(module, title), title=title, icon=icon, url_path=path, default=(i == 0))
        for i, (module, title, icon, path) in enumerate(PAGES)
    ],
    position="hidden" if context is not None and context.present else "sidebar",
)
try:
    navigation.run()
finally:
    # Last, so its 2 s timer starts once the page is sent: a tick landing during a slow first run
    # left the main area blank with the URL's query dropped (ten sessions on two cores). In
    # `finally`, so a page that raised still follows the file and shows the fix when it is saved.
    watch_data_file(paths.data_path(), loaded)
