// Stance Atlas, static edition: draws the matrix, its evidence, the changes, the sources and the
// codebook from window.STANCE_ATLAS (data.js) and, once the matrix is drawn, window.STANCE_ATLAS_EVIDENCE
// (evidence.js, the quotes and sources). No framework, no network, nothing from elsewhere.
// Every string from the data is set as text (textContent, createTextNode, title, aria-label),
// never as HTML; a link's address is set only when it parses as http(s).
"use strict";

(function () {
  const FORMAT = 1;
  const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December"];
  const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
  const CELL_KEY = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}:[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

  const byId = (id) => document.getElementById(id);

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function add(parent, tag, className, text) {
    return parent.appendChild(el(tag, className, text));
  }

  function safeLink(value) {
    if (typeof value !== "string") return null;
    try {
      const url = new URL(value); // no base: a relative or scheme-less address throws
      return (url.protocol === "http:" || url.protocol === "https:") && url.host ? url.href : null;
    } catch (error) {
      return null;
    }
  }

  function link(parent, text, href, label) {
    const safe = safeLink(href);
    if (!safe) return null;
    const anchor = add(parent, "a", "", text);
    anchor.href = safe;
    anchor.rel = "noopener noreferrer";
    if (label) anchor.setAttribute("aria-label", label);
    return anchor;
  }

  // Dates are ISO strings (YYYY-MM-DD), compared as text, as in the data.
  function isDay(text) {
    const match = typeof text === "string" && ISO_DAY.exec(text);
    if (!match) return false;
    const [year, month, day] = match.slice(1).map(Number);
    const date = new Date(Date.UTC(year, month - 1, day));
    return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  }

  function daysInMonth(year, month) {
    const date = new Date(Date.UTC(2000, month, 0));
    date.setUTCFullYear(year, month, 0);
    return date.getUTCDate();
  }

  function pad(value, width) {
    return String(value).padStart(width, "0");
  }

  // The same day `months` earlier, clamped to the month's end (tables/matrix.py months_before).
  function monthsBefore(day, months) {
    const [year, month, date] = day.split("-").map(Number);
    const total = year * 12 + (month - 1) - months;
    const newYear = Math.floor(total / 12);
    const newMonth = total - newYear * 12 + 1;
    const newDay = Math.min(date, daysInMonth(newYear, newMonth));
    return `${pad(newYear, 4)}-${pad(newMonth, 2)}-${pad(newDay, 2)}`;
  }

  function longDate(day) {
    const [year, month, date] = day.split("-").map(Number);
    return `${date} ${MONTHS[month - 1]} ${year}`;
  }

  function monthYear(day) {
    const [year, month] = day.split("-").map(Number);
    return `${MONTHS[month - 1]} ${year}`;
  }

  function plural(count, word) {
    return `${count} ${word}${count === 1 ? "" : "s"}`;
  }

  function fail(message) {
    const notice = el("p", "notice", message);
    const main = byId("main");
    main.insertBefore(notice, main.firstChild);
  }

  const data = window.STANCE_ATLAS;
  if (!data || data.format !== FORMAT) {
    fail("The atlas data (data.js) is missing or from another version of Stance Atlas: rebuild the atlas.");
    return;
  }

  const countries = new Map(data.countries.map((country) => [country.id, country]));
  const issues = new Map(data.issues.map((issue) => [issue.id, issue]));
  // The quotes, summaries and sources come from evidence.js, read once the matrix is on screen.
  let evidenceLoaded = false;
  let sourceIndex = new Map();
  let sources = new Map();
  const cellKey = (countryId, issueId) => `${countryId}:${issueId}`;

  // Each cell's positions, oldest first; on one date the later in the file wins, as in the Python tables.
  const byCell = new Map();
  for (const position of data.positions) {
    const key = cellKey(position.country, position.issue);
    if (!byCell.has(key)) byCell.set(key, []);
    byCell.get(key).push(position);
  }
  for (const list of byCell.values()) list.sort((a, b) => (a.asOf < b.asOf ? -1 : a.asOf > b.asOf ? 1 : 0));

  function inForce(key, day) {
    return inForceWithPrevious(key, day)[0];
  }

  // [the position in force on `day`, the one before it in that cell] (either may be null).
  function inForceWithPrevious(key, day) {
    let chosen = null;
    let previous = null;
    for (const position of byCell.get(key) || []) {
      if (position.asOf > day) break;
      previous = chosen;
      chosen = position;
    }
    return [chosen, previous];
  }

  // The newest evidence said on or before `day` (tables/matrix.py last_evidenced), or null.
  function lastEvidenced(position, day) {
    let newest = null;
    for (const said of position ? position.evidenceDays : []) if (said <= day) newest = said;
    return newest;
  }

  // The matrix in force on `day`: what one cell shows (look, its note, words for screen readers).
  function cellView(countryId, issueId, day) {
    const key = cellKey(countryId, issueId);
    const [position, previous] = inForceWithPrevious(key, day);
    const look = position || data.empty;
    const newest = lastEvidenced(position, day);
    const stale = newest !== null && newest < monthsBefore(day, data.staleAfterMonths);
    const changed = Boolean(position) && position.asOf === day && (!previous || previous.stance !== position.stance);
    const notes = [];
    if (changed) notes.push("▲ changed");
    if (stale) notes.push(`last evidenced ${monthYear(newest)}`);
    const parts = [`${countries.get(countryId).name} on ${issues.get(issueId).name}: ${look.text}`];
    if (position && position.confidenceLevel) parts.push(`${position.confidenceLevel} confidence`);
    if (position) parts.push(`in force since ${position.asOf}`);
    parts.push(plural(position ? position.quoteCount : 0, "quote"));
    if (changed) parts.push("changed on this date");
    if (stale) parts.push(`stale: last evidenced ${monthYear(newest)}`);
    return { key, position, look, stale, changed, newest, note: notes.join(" · "), describe: parts.join("; ") };
  }

  const state = { day: data.range.initial, cell: null };
  const buttons = new Map();
  const dateInput = byId("as-of");
  const slider = byId("change-slider");
  const earlier = byId("previous-change");
  const later = byId("next-change");

  function drawHeader() {
    document.title = `${data.title} · Stance Atlas`;
    byId("title").textContent = data.title;
    const description = byId("description");
    if (data.description) description.textContent = data.description;
    else description.remove();
    byId("stale-months").textContent = String(data.staleAfterMonths);
  }

  function drawLegend() {
    const legend = byId("legend");
    for (const level of data.scale) {
      const item = add(legend, "li", "", level.text);
      item.style.background = level.fill;
      item.style.color = level.ink;
    }
    const empty = add(legend, "li", "legend-empty", "No stance / no evidence");
    empty.style.background = data.empty.fill;
    empty.style.color = data.empty.ink;
  }

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
    markChanges();
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

  function quoteCard(parent, quote) {
    const card = add(parent, "figure", "quote");
    add(add(card, "blockquote"), "p", "", `“${quote.quote}”`);
    const caption = add(card, "figcaption");
    const who = [quote.speaker, quote.voice];
    if (quote.saidOn) who.push(`said ${quote.saidOn}`);
    add(caption, "p", "quote-speaker", who.join(" · "));
    const source = sources.get(quote.source);
    const line = add(caption, "p", "quote-source");
    line.appendChild(document.createTextNode("Source: "));
    if (source) {
      const jump = add(line, "a", "", source.title);
      jump.href = `#source-${sourceIndex.get(quote.source) + 1}`;
      const rest = [source.author, source.publisher, source.date, source.kind].filter(Boolean);
      if (rest.length) line.appendChild(document.createTextNode(` · ${rest.join(" · ")}`));
    } else {
      line.appendChild(document.createTextNode(quote.source));
    }
    if (quote.note) add(caption, "p", "quote-note", `Note: ${quote.note}`);
    const foot = add(caption, "p", "quote-foot");
    add(foot, "span", quote.verified ? "badge badge-ok" : "badge", quote.verification);
    foot.appendChild(document.createTextNode(" "));
    const opened = link(foot, "Open the source at this quote", quote.link,
      `Open the source at this quote (${source ? source.title : quote.source}), on the web`);
    if (!opened) add(foot, "span", "muted", "No link: the source has no web address");
  }

  function drawHistory(parent, key) {
    add(parent, "h4", "", "Stance history");
    const list = byCell.get(key) || [];
    if (!list.length) {
      add(parent, "p", "muted", "No position is recorded for this cell.");
      return;
    }
    const current = inForce(key, state.day);
    const steps = add(parent, "ol", "history");
    for (const position of list) {
      const item = add(steps, "li", position === current ? "is-current" : position.asOf > state.day ? "is-later" : "");
      add(item, "span", "history-date", position.asOf);
      const words = [position.stanceText];
      if (position.confidenceLevel) words.push(`${position.confidenceLevel} confidence`);
      item.appendChild(document.createTextNode(` ${words.join(", ")}`));
      if (position === current) add(item, "span", "history-tag", `in force on ${state.day}`);
      else if (position.asOf > state.day) add(item, "span", "history-tag", "after the chosen date");
    }
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
      drawHistory(body, state.cell);
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
    drawHistory(add(columns, "div"), state.cell);
    const quotes = add(columns, "div");
    add(quotes, "h4", "", position.quotes.length ? `Quotes (${position.quotes.length})` : "Quotes");
    if (!position.quotes.length) add(quotes, "p", "muted", "No quotes: the summary explains why no stance is coded.");
    for (const quote of position.quotes) quoteCard(quotes, quote);
  }

  // ---- changes, sources, codebook, citation

  const changeRows = [];

  function drawChanges() {
    const body = byId("changes-body");
    const intro = byId("changes-intro");
    if (!data.changes.length) {
      intro.textContent = "No stance has changed in this data file.";
      return;
    }
    intro.textContent = `${plural(data.changes.length, "change")} of stance, oldest first. A cell's first ` +
      "position is where its record starts, not a change; a new position with the same stance is not a change " +
      "either. Choose a date to see the matrix on that day, with the cell that changed opened.";
    for (const change of data.changes) {
      const row = add(body, "tr");
      const show = add(add(row, "td"), "button", "link-button", change.date);
      show.type = "button";
      show.setAttribute("aria-label", `Show the matrix on ${longDate(change.date)}, with ${change.country} · ` +
        `${change.issue} opened`);
      show.addEventListener("click", () => {
        setDay(change.date);
        choose(cellKey(change.countryId, change.issueId), { show: true });
      });
      add(row, "td", "", change.country);
      add(row, "td", "", change.issue);
      add(row, "td", "", change.from);
      add(row, "td", "", change.to);
      add(row, "td", "", change.direction);
      changeRows.push({ row, date: change.date });
    }
  }

  function markChanges() {
    for (const { row, date } of changeRows) row.classList.toggle("is-later", date > state.day);
  }

  function drawSources() {
    byId("sources-intro").textContent = `${plural(data.sources.length, "source")}, in the order of the data file. ` +
      "Each names the cells whose quotes it holds.";
    const list = byId("sources-list");
    data.sources.forEach((source, index) => {
      const item = add(list, "li", "source");
      item.id = `source-${index + 1}`;
      add(item, "p", "source-title", source.title);
      const line = add(item, "p", "", [source.author, source.publisher, source.date, source.kind].filter(Boolean).join(" · "));
      line.appendChild(document.createTextNode(" · "));
      if (!link(line, "Open the source", source.url, `Open the source: ${source.title}, on the web`)) {
        add(line, "span", "muted", "no web address");
      }
      const cited = source.citedBy.length ? `Cited for ${source.citedBy.join("; ")}` : "Not cited by any cell";
      add(item, "p", "muted", `${cited}. ${plural(source.quotes, "quote")}: ${source.status}.`);
    });
  }

  // The methodology is the project's own text, converted and escaped by the builder into a
  // <template>: it is moved onto the page as it is, never parsed from a string.
  function drawMethodology() {
    const text = byId("methodology-text");
    if (text) byId("methodology-prose").replaceChildren(text.content.cloneNode(true));
  }

  function drawCodebook() {
    const holder = byId("codebook");
    for (const issue of data.issues) {
      add(holder, "h4", "", issue.name);
      add(holder, "p", "", issue.question);
      if (issue.note) add(holder, "p", "muted", issue.note);
      const scroll = add(holder, "div", "table-scroll");
      scroll.tabIndex = 0; // a keyboard can scroll it on a narrow screen
      scroll.setAttribute("role", "region");
      scroll.setAttribute("aria-label", `Codebook: ${issue.name}`);
      const grid = add(scroll, "table", "list codebook");
      add(grid, "caption", "visually-hidden", `Codebook: ${issue.name}`);
      const head = add(add(grid, "thead"), "tr");
      for (const name of ["Stance", "What it means on this issue"]) add(head, "th", "", name).scope = "col";
      const body = add(grid, "tbody");
      for (const level of issue.levels) {
        const row = add(body, "tr");
        add(row, "th", "", level.stance).scope = "row";
        add(row, "td", level.text ? "" : "muted", level.text || "Not defined for this issue");
      }
    }
  }

  function drawCitation() {
    const here = safeLink(location.href.split("#")[0]) || location.href.split("#")[0];
    const cite = (style) => (data.citations[style] || []).join(here);
    byId("citation").textContent = cite("APA");
    byId("citation-chicago").textContent = cite("Chicago");
    byId("citation-bibtex").textContent = cite("BibTeX");
    byId("edition").textContent = `Data edition: ${data.file}, ${data.edition.label} (sha256 ${data.edition.digest}). ` +
      `Atlas built on ${longDate(data.built)}.`;
  }

  // ---- evidence.js: the quotes, summaries and sources, in the order of the positions

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
  drawHeader();
  drawLegend();
  drawMatrix();
  drawDateControl();
  setDay(state.day);
  recall();
  window.addEventListener("hashchange", recall);
  requestAnimationFrame(() => setTimeout(() => {
    drawMethodology();
    drawChanges();
    drawCodebook();
    drawCitation();
    markChanges();
    loadEvidence(() => {
      if (evidenceLoaded) drawSources();
      if (state.cell) drawEvidence();
      document.documentElement.dataset.atlasReady = "true";
    });
  }, 0));
})();
