// The matrix heatmap: a table of buttons built from the spec of components/render/heatmap_spec.py.
// Every string from the data is set as text (textContent, title, aria-label), never as HTML.
// A click, or Enter / Space on a focused cell, sends the cell's key to Python as `cell`; the step
// controls below the table send `step` ("previous", "next", "play", "year:YYYY").

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function legend(spec) {
  const list = element("ul", "atlas-heatmap-legend");
  list.setAttribute("aria-label", "Stance scale");
  for (const level of spec.legend) {
    const item = element("li", "", level.text);
    item.style.background = level.fill;
    item.style.color = level.ink;
    list.appendChild(item);
  }
  return list;
}

function cellButton(cell, send) {
  const button = element("button", "atlas-heatmap-cell");
  button.type = "button";
  button.dataset.key = cell.key;
  button.style.background = cell.fill;
  button.style.color = cell.ink;
  button.title = cell.describe;
  button.setAttribute("aria-label", cell.describe);
  button.setAttribute("aria-pressed", cell.selected ? "true" : "false");
  button.appendChild(element("span", "atlas-heatmap-stance", cell.label));
  if (cell.confidence) button.appendChild(element("span", "atlas-heatmap-confidence", cell.confidence));
  if (cell.note) button.appendChild(element("span", "atlas-heatmap-note", cell.note));
  button.classList.toggle("atlas-heatmap-stale", Boolean(cell.stale));
  button.classList.toggle("atlas-heatmap-changed", Boolean(cell.changed));
  button.addEventListener("click", () => send(cell.key));
  return button;
}

function table(spec, send) {
  const grid = element("table", "atlas-heatmap-table");
  grid.style.setProperty("--atlas-columns", String(spec.issues.length));
  if (spec.caption) grid.appendChild(element("caption", "atlas-heatmap-caption", spec.caption));
  const head = grid.appendChild(element("thead")).appendChild(element("tr"));
  head.appendChild(element("td"));
  for (const issue of spec.issues) head.appendChild(element("th", "", issue)).setAttribute("scope", "col");
  const body = grid.appendChild(element("tbody"));
  for (const row of spec.rows) {
    const line = body.appendChild(element("tr"));
    line.appendChild(element("th", "", row.country)).setAttribute("scope", "row");
    for (const cell of row.cells) line.appendChild(element("td")).appendChild(cellButton(cell, send));
  }
  return grid;
}

// The step controls, one row below the table: buttons and a year slider of the page's own
// look (Streamlit's theme variables), each press sent as a step.
const ICONS = { previous: "skip_previous", next: "skip_next", play: "play_arrow", pause: "pause" };

function stepButton(name, control, icon, send, primary) {
  const button = element("button", "atlas-step-button" + (primary ? " atlas-step-primary" : ""));
  button.type = "button";
  button.dataset.control = name;
  button.title = control.help;
  button.disabled = Boolean(control.disabled);
  button.appendChild(element("span", "atlas-step-icon", icon)).setAttribute("aria-hidden", "true");
  button.appendChild(element("span", "", control.label));
  button.addEventListener("click", () => send(name));
  return button;
}

function yearSlider(year, send) {
  const box = element("label", "atlas-step-year");
  box.title = year.help;
  const text = box.appendChild(element("span", "atlas-step-year-text", `${year.label}: ${year.value}`));
  const slider = box.appendChild(element("input"));
  slider.type = "range";
  slider.dataset.control = "year";
  slider.setAttribute("aria-label", year.label);
  Object.assign(slider, { min: year.first, max: year.last, step: 1, value: year.value });
  slider.addEventListener("input", () => (text.textContent = `${year.label}: ${slider.value}`));
  slider.addEventListener("change", () => send(`year:${slider.value}`));
  const ends = box.appendChild(element("span", "atlas-step-year-ends"));
  ends.setAttribute("aria-hidden", "true");
  ends.append(element("span", "", String(year.first)), element("span", "", String(year.last)));
  return box;
}

function stepControls(controls, send) {
  const row = element("div", "atlas-steps");
  row.setAttribute("role", "group");
  row.setAttribute("aria-label", "Step through time");
  const playing = controls.play.playing;
  row.append(
    stepButton("previous", controls.previous, ICONS.previous, send),
    yearSlider(controls.year, send),
    stepButton("next", controls.next, ICONS.next, send),
    stepButton("play", controls.play, playing ? ICONS.pause : ICONS.play, send, playing),
  );
  return row;
}

// Steps in time. In presentation mode the arrow keys step to the previous or next change; while
// playing, the next year is asked for only once this step has been drawn, so reruns never queue.
let sendStep = null;
let arrowsOn = false;
let playTimer = null;

function onArrow(event) {
  if (!arrowsOn || !sendStep || event.altKey || event.ctrlKey || event.metaKey) return;
  const target = event.target;
  if (target && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName))) return;
  if (event.key === "ArrowLeft") sendStep("previous");
  else if (event.key === "ArrowRight") sendStep("next");
  else return;
  event.preventDefault();
}

function followTime(step, send) {
  sendStep = send;
  if (!arrowsOn && step.keys) document.addEventListener("keydown", onArrow);
  if (arrowsOn && !step.keys) document.removeEventListener("keydown", onArrow);
  arrowsOn = Boolean(step.keys);
  clearTimeout(playTimer);
  playTimer = step.controls.play.playing ? setTimeout(() => send("tick"), step.delay) : null;
}

function stopFollowing() {
  document.removeEventListener("keydown", onArrow);
  arrowsOn = false;
  clearTimeout(playTimer);
  playTimer = null;
}

export default function ({ data, parentElement, setTriggerValue }) {
  // One root, kept across reruns: the parent also holds the component's <style>, which must stay.
  let root = parentElement.querySelector(":scope > .atlas-heatmap");
  if (!root) root = parentElement.appendChild(element("div", "atlas-heatmap"));
  // Each rerun redraws the table; keep keyboard focus on the cell or control that had it.
  const focused = root.querySelector(".atlas-heatmap-cell:focus, [data-control]:focus");
  root.classList.toggle("atlas-heatmap-large", Boolean(data.large));
  const scroller = element("div", "atlas-heatmap-scroll");
  scroller.appendChild(table(data, (key) => setTriggerValue("cell", key)));
  const step = (value) => setTriggerValue("step", value);
  root.replaceChildren(legend(data), scroller);
  if (data.step) {
    root.appendChild(stepControls(data.step.controls, step));
    followTime(data.step, step);
  }
  if (focused) {
    const same = (b) => (focused.dataset.key ? b.dataset.key === focused.dataset.key : b.dataset.control === focused.dataset.control);
    const again = [...root.querySelectorAll(".atlas-heatmap-cell, [data-control]")].find(same);
    if (again && !again.disabled) again.focus();
  }
  return stopFollowing; // on unmount (leaving the page): no arrow keys, no pending play step
}
