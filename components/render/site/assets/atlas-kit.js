// Stance Atlas, static edition: the page's small toolkit. Elements are made with their text set
// as text, never as HTML; a link's address is set only when it parses as http(s); dates are ISO
// strings (YYYY-MM-DD), compared as text, as in the data. Read by atlas-cells.js, atlas-lists.js
// and atlas.js through window.AtlasKit.
"use strict";

(function () {
  const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December"];
  const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

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

  window.AtlasKit = Object.freeze({ byId, el, add, safeLink, link, isDay, monthsBefore, longDate, monthYear, plural, fail });
})();
