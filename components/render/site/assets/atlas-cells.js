// Stance Atlas, static edition: the matrix in force on a day, worked out from data.js as the
// Python tables do (tables/matrix.py): each cell's positions oldest first, the position in force,
// whether it changed that day and whether its evidence is stale. No drawing here.
"use strict";

(function () {
  const { monthsBefore, monthYear, plural } = window.AtlasKit;

  function cellsOf(data) {
    const countries = new Map(data.countries.map((country) => [country.id, country]));
    const issues = new Map(data.issues.map((issue) => [issue.id, issue]));
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

    return { countries, issues, cellKey, byCell, inForce, cellView };
  }

  window.AtlasCells = Object.freeze({ cellsOf });
})();
