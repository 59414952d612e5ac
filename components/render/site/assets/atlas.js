// Stance Atlas, static edition: draws the matrix, its evidence, the changes, the sources and the
// codebook from window.STANCE_ATLAS (data.js) and, once the matrix is drawn, window.STANCE_ATLAS_EVIDENCE
// (evidence.js, the quotes and sources). No framework, no network, nothing from elsewhere.
// Every string from the data is set as text (atlas-kit.js makes the elements), never as HTML.
// Loaded after atlas-kit.js (elements, links, dates), atlas-cells.js (the matrix on a day) and
// atlas-lists.js (the parts drawn from one piece of data each).
"use strict";

(function () {
  const FORMAT = 1;
  const CELL_KEY = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}:[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
  const { byId, add, isDay, longDate, monthYear, plural, fail } = window.AtlasKit;
  const lists = window.AtlasLists;

  const data = window.STANCE_ATLAS;
  if (!data || data.format !== FORMAT) {
    fail("The atlas data (data.js) is missing or from another version of Stance Atlas: rebuild the atlas.");
    return;
  }

  const { countries, issues, cellKey, byCell, inForce, cellView } = window.AtlasCells.cellsOf(data);
  // The quotes, summaries and sources come from evidence.js, read once the matrix is on screen.
  let evidenceLoaded = false;
  let sourceIndex = new Map();
  let sources = new Map();
  let changeRows = []; // drawn after the matrix's first frame

  const state = { day: data.range.initial, cell: null };
  const buttons = new Map();
  const dateInput = byId("as-of");
  const slider = byId("change-slider");
  const earlier = byId("previous-change");
  const later = byId("next-change");

  function drawMatrix() {
    const head = byId("matrix-head");
    for (const issue of data.issues) {
      const cell = add(head, "th", "", issue.name);
      cell.scope = "col";
    }
    const body = byId("matrix-body");
    byId("matrix-table").style.setProperty("--columns", String(data.issues.length));
    for (const country of data.countries) {
      const row = add(body, "tr");
      add(row, "th", "", country.name).scope = "row";
      for (const issue of data.issues) {
        const button = add(add(row, "td"), "button", "cell");
        button.type = "button";
        button.dataset.key = cellKey(country.id, issue.id);
        button.setAttribute("aria-controls", "evidence");
        button.setAttribute("aria-pressed", "false");
        add(button, "span", "cell-stance");
        add(button, "span", "cell-confidence");
        add(button, "span", "cell-note");
        button.addEventListener("click", () => {
          choose(button.dataset.key === state.cell ? null : button.dataset.key, { show: true });
        });
        buttons.set(button.dataset.key, { button, country: country.id, issue: issue.id });
      }
    }
  }

  function updateMatrix() {
    for (const { button, country, issue } of buttons.values()) {
      const view = cellView(country, issue, state.day);
      const [stance, confidence, note] = button.children;
      stance.textContent = view.look.text;
      confidence.textContent = view.look.glyph || "";
      note.textContent = view.note;
      button.style.background = view.look.fill;
      button.style.color = view.look.ink;
      button.classList.toggle("is-stale", view.stale);
      button.classList.toggle("is-changed", view.changed);
      button.classList.toggle("is-empty", !view.position);
      button.title = view.describe;
      button.setAttribute("aria-label", view.describe);
      button.setAttribute("aria-pressed", view.key === state.cell ? "true" : "false");
    }
    byId("matrix-heading").textContent = `The matrix on ${longDate(state.day)}`;
    byId("matrix-caption").textContent = `Stances in force on ${longDate(state.day)}: countries in rows, ` +
      "issues in columns. Each cell is a button that shows the quotes behind it.";
  }

  // ---- the date control: a date input and a slider over the dates when a stance was recorded

  function changeIndex(day) {
    let index = 0;
    data.dates.forEach((date, i) => {
      if (date <= day) index = i;
    });
    return index;
  }

  function setDay(day, { fromSlider = false } = {}) {
    if (!isDay(day)) return;
    if (day < data.range.min) day = data.range.min;
    if (day > data.range.max) day = data.range.max;
    state.day = day;
    if (dateInput.value !== day) dateInput.value = day;
    if (data.dates.length) {
      const index = changeIndex(day);
      if (!fromSlider) slider.value = String(index);
      const exact = data.dates[index] === day ? "" : `, the last recorded date on or before ${longDate(day)}`;
      slider.setAttribute("aria-valuetext", `${longDate(data.dates[index])}${exact}`);
    }
    earlier.disabled = !data.dates.some((date) => date < day);
    later.disabled = !data.dates.some((date) => date > day);
    updateMatrix();
    if (state.cell) drawEvidence();
    lists.markChanges(changeRows, day);
    byId("as-of-status").textContent = `Showing the stances in force on ${longDate(day)}.`;
  }

  function drawDateControl() {
    dateInput.min = data.range.min;
    dateInput.max = data.range.max;
    slider.max = String(Math.max(data.dates.length - 1, 0));
    slider.disabled = data.dates.length < 2;
    const onDate = () => {
      if (dateInput.value && isDay(dateInput.value) && dateInput.value !== state.day) {
        setDay(dateInput.value);
        remember();
      }
    };
    dateInput.addEventListener("input", onDate);
    dateInput.addEventListener("change", onDate);
    slider.addEventListener("input", () => {
      const day = data.dates[Number(slider.value)];
      if (day && day !== state.day) {
        setDay(day, { fromSlider: true });
        remember();
      }
    });
    earlier.addEventListener("click", () => {
      const previous = data.dates.filter((date) => date < state.day).pop();
      if (previous) {
        setDay(previous);
        remember();
      }
    });
    later.addEventListener("click", () => {
      const next = data.dates.find((date) => date > state.day);
      if (next) {
        setDay(next);
        remember();
      }
    });
  }

  // ---- the evidence of the chosen cell

  // `show`: the reader chose the cell, so the evidence is brought into view and its heading
  // takes the focus (its "Back to the matrix" button returns it to the cell).
  function choose(key, { show = false } = {}) {
    state.cell = key && buttons.has(key) ? key : null;
    for (const [other, { button }] of buttons) button.setAttribute("aria-pressed", other === state.cell ? "true" : "false");
    drawEvidence();
    remember();
    if (show && state.cell) {
      byId("evidence").scrollIntoView({ block: "start" });
      byId("evidence-heading").focus({ preventScroll: true });
    }
  }

  function backToMatrix() {
    const cell = state.cell && buttons.get(state.cell);
    if (!cell) return;
    cell.button.scrollIntoView({ block: "center" });
    cell.button.focus({ preventScroll: true });
  }

  function drawEvidence() {
    const heading = byId("evidence-heading");
    const hint = byId("evidence-hint");
    const body = byId("evidence-body");
    const status = byId("evidence-status");
    body.replaceChildren();
    if (!state.cell) {
      heading.textContent = "Evidence";
      hint.hidden = false;
      status.textContent = "";
      return;
    }
    hint.hidden = true;
    const { country, issue } = buttons.get(state.cell);
    const view = cellView(country, issue, state.day);
    const title = `${countries.get(country).name} · ${issues.get(issue).name}`;
    heading.textContent = `${title} — ${view.position ? view.position.stanceText : view.look.text}`;
    status.textContent = `Showing the evidence for ${title} on ${longDate(state.day)}.`;
    const back = add(body, "button", "step back", "▲ Back to the matrix");
    back.type = "button";
    back.addEventListener("click", backToMatrix);
    if (!view.position) {
      add(body, "p", "", `No evidence: no position is recorded for this cell as of ${state.day}.`);
      drawHistory(body);
      return;
    }
    const position = view.position;
    const meta = [`On ${longDate(state.day)}: in force since ${position.asOf}`];
    if (position.confidence) meta.push(position.confidence);
    meta.push(plural(position.quoteCount, "quote"));
    add(body, "p", "evidence-meta", meta.join(" · "));
    if (view.stale) {
      add(body, "p", "stale-note", `Stale: last evidenced ${monthYear(view.newest)}, more than ` +
        `${data.staleAfterMonths} months before ${longDate(state.day)}. The stance may have moved since.`);
    }
    if (!evidenceLoaded) {
      add(body, "p", "muted", "Reading the quotes…");
      return;
    }
    add(body, "p", "evidence-summary", position.summary);
    const columns = add(body, "div", "evidence-columns");
    drawHistory(add(columns, "div"));
    const quotes = add(columns, "div");
    add(quotes, "h4", "", position.quotes.length ? `Quotes (${position.quotes.length})` : "Quotes");
    if (!position.quotes.length) add(quotes, "p", "muted", "No quotes: the summary explains why no stance is coded.");
    for (const quote of position.quotes) {
      lists.quoteCard(quotes, quote, sources.get(quote.source), sourceIndex.get(quote.source) + 1);
    }
  }

  function drawHistory(parent) {
    lists.drawHistory(parent, byCell.get(state.cell) || [], inForce(state.cell, state.day), state.day);
  }

  function showChange(change) {
    setDay(change.date);
    choose(cellKey(change.countryId, change.issueId), { show: true });
  }

  function loadEvidence(done) {
    const script = document.createElement("script");
    script.src = "evidence.js";
    script.addEventListener("load", () => {
      const evidence = window.STANCE_ATLAS_EVIDENCE;
      if (!evidence || evidence.positions.length !== data.positions.length) {
        fail("The quotes (evidence.js) do not belong to this atlas's data.js: rebuild the atlas.");
      } else {
        evidence.positions.forEach((extra, index) => Object.assign(data.positions[index], extra));
        data.sources = evidence.sources;
        sourceIndex = new Map(data.sources.map((source, index) => [source.id, index]));
        sources = new Map(data.sources.map((source) => [source.id, source]));
        evidenceLoaded = true;
      }
      done();
    });
    script.addEventListener("error", () => {
      fail("The quotes and sources (evidence.js) could not be read: keep the atlas's files together.");
      done();
    });
    document.head.appendChild(script);
  }

  // ---- the view in the address (#as_of=YYYY-MM-DD&cell=JP:quad), so a copied link reopens it

  function remember() {
    const params = new URLSearchParams();
    params.set("as_of", state.day);
    if (state.cell) params.set("cell", state.cell);
    try {
      history.replaceState(null, "", `#${params.toString()}`);
    } catch (error) {
      // a browser may refuse to rewrite the address of a local file: the view still works, the address stays
    }
  }

  function recall() {
    const params = new URLSearchParams(location.hash.replace(/^#/, ""));
    const day = params.get("as_of");
    const key = params.get("cell");
    if (!day && !key) return false;
    if (day && isDay(day)) setDay(day);
    if (key && CELL_KEY.test(key) && buttons.has(key)) choose(key);
    return true;
  }

  // The matrix first, so it is on screen at the first frame; the methodology and the long lists
  // below it follow once that frame is drawn.
  lists.drawHeader(data);
  lists.drawLegend(data.scale, data.empty);
  drawMatrix();
  drawDateControl();
  setDay(state.day);
  recall();
  window.addEventListener("hashchange", recall);
  requestAnimationFrame(() => setTimeout(() => {
    lists.drawMethodology();
    changeRows = lists.drawChanges(data.changes, showChange);
    lists.drawCodebook(data.issues);
    lists.drawCitation(data);
    lists.markChanges(changeRows, state.day);
    loadEvidence(() => {
      if (evidenceLoaded) lists.drawSources(data.sources);
      if (state.cell) drawEvidence();
      document.documentElement.dataset.atlasReady = "true";
    });
  }, 0));
})();
