// Stance Atlas, static edition: the parts drawn from one piece of data each, with no state of their
// own: the header, the legend, a quote card, a cell's history, the changes, the sources, the
// methodology, the codebook and the citation. atlas.js decides when each is drawn and with what.
"use strict";

(function () {
  const { byId, add, safeLink, link, longDate, plural } = window.AtlasKit;

  function drawHeader(data) {
    document.title = `${data.title} · Stance Atlas`;
    byId("title").textContent = data.title;
    const description = byId("description");
    if (data.description) description.textContent = data.description;
    else description.remove();
    byId("stale-months").textContent = String(data.staleAfterMonths);
  }

  function drawLegend(scale, empty) {
    const legend = byId("legend");
    for (const level of scale) {
      const item = add(legend, "li", "", level.text);
      item.style.background = level.fill;
      item.style.color = level.ink;
    }
    const none = add(legend, "li", "legend-empty", "No stance / no evidence");
    none.style.background = empty.fill;
    none.style.color = empty.ink;
  }

  // `source` is the quote's source (undefined when evidence.js does not list it), `number` its place
  // in the list of sources, which the card links to.
  function quoteCard(parent, quote, source, number) {
    const card = add(parent, "figure", "quote");
    add(add(card, "blockquote"), "p", "", `“${quote.quote}”`);
    const caption = add(card, "figcaption");
    const who = [quote.speaker, quote.voice];
    if (quote.saidOn) who.push(`said ${quote.saidOn}`);
    add(caption, "p", "quote-speaker", who.join(" · "));
    const line = add(caption, "p", "quote-source");
    line.appendChild(document.createTextNode("Source: "));
    if (source) {
      const jump = add(line, "a", "", source.title);
      jump.href = `#source-${number}`;
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

  // A cell's positions (`list`, oldest first), marking the one in force on `day` and those after it.
  function drawHistory(parent, list, current, day) {
    add(parent, "h4", "", "Stance history");
    if (!list.length) {
      add(parent, "p", "muted", "No position is recorded for this cell.");
      return;
    }
    const steps = add(parent, "ol", "history");
    for (const position of list) {
      const item = add(steps, "li", position === current ? "is-current" : position.asOf > day ? "is-later" : "");
      add(item, "span", "history-date", position.asOf);
      const words = [position.stanceText];
      if (position.confidenceLevel) words.push(`${position.confidenceLevel} confidence`);
      item.appendChild(document.createTextNode(` ${words.join(", ")}`));
      if (position === current) add(item, "span", "history-tag", `in force on ${day}`);
      else if (position.asOf > day) add(item, "span", "history-tag", "after the chosen date");
    }
  }

  // The table of changes; `onShow(change)` opens the matrix on a change. Returns the rows with
  // their dates, for markChanges.
  function drawChanges(changes, onShow) {
    const body = byId("changes-body");
    const intro = byId("changes-intro");
    const rows = [];
    if (!changes.length) {
      intro.textContent = "No stance has changed in this data file.";
      return rows;
    }
    intro.textContent = `${plural(changes.length, "change")} of stance, oldest first. A cell's first ` +
      "position is where its record starts, not a change; a new position with the same stance is not a change " +
      "either. Choose a date to see the matrix on that day, with the cell that changed opened.";
    for (const change of changes) {
      const row = add(body, "tr");
      const show = add(add(row, "td"), "button", "link-button", change.date);
      show.type = "button";
      show.setAttribute("aria-label", `Show the matrix on ${longDate(change.date)}, with ${change.country} · ` +
        `${change.issue} opened`);
      show.addEventListener("click", () => onShow(change));
      add(row, "td", "", change.country);
      add(row, "td", "", change.issue);
      add(row, "td", "", change.from);
      add(row, "td", "", change.to);
      add(row, "td", "", change.direction);
      rows.push({ row, date: change.date });
    }
    return rows;
  }

  // Changes after `day` are greyed: they have not happened yet on the matrix shown.
  function markChanges(rows, day) {
    for (const { row, date } of rows) row.classList.toggle("is-later", date > day);
  }

  function drawSources(sources) {
    byId("sources-intro").textContent = `${plural(sources.length, "source")}, in the order of the data file. ` +
      "Each names the cells whose quotes it holds.";
    const list = byId("sources-list");
    sources.forEach((source, index) => {
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

  function drawCodebook(issues) {
    const holder = byId("codebook");
    for (const issue of issues) {
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

  // A citation names where the reader opened the atlas, unless the build gave its address.
  function drawCitation(data) {
    const here = safeLink(location.href.split("#")[0]) || location.href.split("#")[0];
    const cite = (style) => (data.citations[style] || []).join(here);
    byId("citation").textContent = cite("APA");
    byId("citation-chicago").textContent = cite("Chicago");
    byId("citation-bibtex").textContent = cite("BibTeX");
    byId("edition").textContent = `Data edition: ${data.file}, ${data.edition.label} (sha256 ${data.edition.digest}). ` +
      `Atlas built on ${longDate(data.built)}.`;
  }

  window.AtlasLists = Object.freeze({
    drawHeader, drawLegend, quoteCard, drawHistory, drawChanges, markChanges, drawSources, drawMethodology, drawCodebook, drawCitation,
  });
})();
