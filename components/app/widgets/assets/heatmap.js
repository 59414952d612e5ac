// The matrix heatmap: a table of buttons built from the spec of components/render/heatmap_spec.py.
// Every string from the data is set as text (textContent, title, aria-label), never as HTML.
// A click, or Enter / Space on a focused cell, sends the cell's key to Python as `cell`.

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

export default function ({ data, parentElement, setTriggerValue }) {
  // One root, kept across reruns: the parent also holds the component's <style>, which must stay.
  let root = parentElement.querySelector(":scope > .atlas-heatmap");
  if (!root) root = parentElement.appendChild(element("div", "atlas-heatmap"));
  // Each rerun redraws the table; keep keyboard focus on the cell that had it.
  const focused = root.querySelector(".atlas-heatmap-cell:focus");
  root.classList.toggle("atlas-heatmap-large", Boolean(data.large));
  const scroller = element("div", "atlas-heatmap-scroll");
  scroller.appendChild(table(data, (key) => setTriggerValue("cell", key)));
  root.replaceChildren(legend(data), scroller);
  if (focused) {
    const again = [...root.querySelectorAll(".atlas-heatmap-cell")].find((b) => b.dataset.key === focused.dataset.key);
    if (again) again.focus();
  }
}
