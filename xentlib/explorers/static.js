// The loss explorer on a page without a kernel (the book, an HTML export): its snapshot comes alive. The
// snapshot (html.py) carries the explorer's state in data-xent-live; this script adds named, keyboard-
// friendly controls and recomputes every number in the page with compute.js (prepended to this file by
// tools/book.py and tools/export.py). Without scripts the snapshot stays as it is: a still picture.

const ORANGE = "#c96a00", BLUE = "#3b82d6"; // html.py's bar colours
const STEP = 0.1;
const round6 = (v) => Number(Number(v).toFixed(6));
const fill = (template, fields) => template.replace(/\{(\w+)\}/g, (_, key) => String(fields[key]));
const escapeHtml = (s) => String(s).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);

function range(label, value, low, high, onChange) {
  const row = document.createElement("label");
  row.className = "xent-page-control";
  const name = document.createElement("span");
  name.textContent = label;
  const input = document.createElement("input");
  input.type = "range";
  input.min = String(low);
  input.max = String(high);
  input.step = "any";
  input.value = String(value);
  input.setAttribute("aria-label", label);
  const shown = document.createElement("output");
  let exact = value;
  const set = (v) => {
    exact = round6(Math.min(Math.max(v, low), high));
    input.value = String(exact);
    input.setAttribute("aria-valuetext", String(exact));
    shown.textContent = String(exact);
    onChange(exact);
  };
  // One arrow press moves the exact value by STEP (0.093 -> 0.193), as the notebook's sliders do.
  input.addEventListener("keydown", (event) => {
    const moves = { ArrowRight: STEP, ArrowUp: STEP, ArrowLeft: -STEP, ArrowDown: -STEP, PageUp: 10 * STEP,
                    PageDown: -10 * STEP };
    if (event.key in moves) set(exact + moves[event.key]);
    else if (event.key === "Home") set(low);
    else if (event.key === "End") set(high);
    else return;
    event.preventDefault();
  });
  input.addEventListener("input", () => set(Number(input.value)));
  shown.textContent = String(value);
  input.setAttribute("aria-valuetext", String(value));
  row.append(name, input, shown);
  return row;
}

function menu(label, options, value, onChange) {
  const row = document.createElement("label");
  row.className = "xent-page-control";
  const name = document.createElement("span");
  name.textContent = label;
  const select = document.createElement("select");
  select.setAttribute("aria-label", label);
  options.forEach((text, k) => select.add(new Option(text, String(k), false, k === value)));
  select.addEventListener("change", () => onChange(select.value));
  row.append(name, select);
  return row;
}

// The snapshot's title and name say it is live now, and the class marks it (what the tests look for).
function markLive(frame, words) {
  const title = frame.querySelector(".xent-snapshot-title");
  if (title) title.textContent = words;
  frame.setAttribute("aria-label", words);
  frame.classList.add("xent-page-live");
}

function paintSample(sample, i, data, state, result) {
  const y = state.labels[i], words = data.words;
  const text = sample.firstElementChild;
  const parts = [
    escapeHtml(fill(words.sample_head, { i, name: data.names[y], p: result.probabilities[i][y].toFixed(4) })),
    escapeHtml(words.sample_nll).replace("{nll}", `<span class="xent-nll">${pyRepr(result.nll[i])}</span>`),
  ];
  if (state.smoothing) {
    const loss = `<span class="xent-sample-loss">${pyRepr(result.perSample[i])}</span>`;
    parts.push(escapeHtml(words.sample_smoothed).replace("{loss}", loss));
  }
  if (text) text.innerHTML = parts.join("<br>");
  sample.querySelectorAll("[role=listitem]").forEach((item, c) => {
    const bar = item.querySelector(".xent-bar");
    const p = result.probabilities[i][c], own = c === y;
    bar.style.height = `${(100 * p).toFixed(6)}%`;
    bar.style.background = own ? ORANGE : BLUE;
    bar.title = pyRepr(p);
    bar.classList.toggle("xent-true", own);
    item.children[1].textContent = p.toFixed(4);
    item.children[2].style.fontWeight = own ? "bold" : "";
    const mark = item.children[3];
    if (own && !mark) {
      const m = document.createElement("div");
      m.style.cssText = "font-size:0.85em;font-weight:bold";
      m.textContent = `\u2713 ${words.true_marker}`;
      item.append(m);
    } else if (!own && mark) mark.remove();
  });
}

function paint(frame, data, state) {
  const result = lossState(state.logits, state.labels, state.smoothing, state.reduction);
  const readout = frame.querySelector(".xent-loss-readout");
  const [line, terms, call] = readout ? readout.children : [];
  if (line) line.querySelector(".xent-loss-value").textContent = lossText(result.loss);
  const four = result.perSample.map((v) => v.toFixed(4));
  const written = { mean: `(${four.join(" + ")}) / ${four.length}`, sum: four.join(" + "), none: four.join(", ") };
  const eps = pyG6(state.smoothing);
  if (terms) {
    const smoothed = state.smoothing ? ` (${escapeHtml(fill(data.words.smoothed, { eps }))})` : "";
    terms.innerHTML = `= <span class="xent-loss-terms">${written[state.reduction]}</span>${smoothed}`;
  }
  const option = state.smoothing ? `, label_smoothing=${eps}` : "";
  if (call) call.textContent = `cross_entropy(z, y, reduction='${state.reduction}'${option})`;
  frame.querySelectorAll(".xent-sample[data-sample]").forEach((sample) => {
    paintSample(sample, Number(sample.dataset.sample), data, state, result);
  });
}

function liven(frame) {
  const data = JSON.parse(frame.dataset.xentLive);
  const state = { logits: data.logits.map((row) => row.slice()), labels: data.labels.slice(),
                  smoothing: data.smoothing, reduction: data.reduction };
  const [low, high] = data.bounds;
  const repaint = () => paint(frame, data, state);
  const options = document.createElement("div");
  options.className = "xent-page-controls";
  options.append(
    range(data.words.label_smoothing, state.smoothing, 0, 1, (v) => { state.smoothing = v; repaint(); }),
    menu(data.words.reduction, data.reductions, data.reductions.indexOf(state.reduction), (k) => {
      state.reduction = data.reductions[Number(k)];
      repaint();
    }),
  );
  frame.querySelector(".xent-loss-readout")?.after(options);
  frame.querySelectorAll(".xent-sample[data-sample]").forEach((sample) => {
    const i = Number(sample.dataset.sample);
    const controls = document.createElement("div");
    controls.className = "xent-page-controls";
    controls.append(menu(data.menu_names[i], data.names, state.labels[i], (k) => {
      state.labels[i] = Number(k);
      repaint();
    }));
    data.names.forEach((_, c) => {
      controls.append(range(data.logit_names[i][c], state.logits[i][c], low, high, (v) => {
        state.logits[i][c] = v;
        repaint();
      }));
    });
    sample.append(controls);
  });
  markLive(frame, data.words.live);
}

// The softmax explorer: the logits, the temperature and the scale move; the bars, the table and the note
// on softmax_naive follow (nan once exp overflows, as in the notebook).
function livenSoftmax(frame, data) {
  const state = { logits: data.logits.slice(), temperature: data.temperature, scale: data.scale };
  const [low, high] = data.bounds;
  const repaint = () => {
    const { scaled, probabilities, naive } = softmaxState(state.logits, state.temperature, state.scale);
    frame.querySelectorAll(".xent-bars-view [role=listitem]").forEach((item, c) => {
      const bar = item.querySelector(".xent-bar");
      bar.style.height = `${(100 * probabilities[c]).toFixed(6)}%`;
      bar.title = pyRepr(probabilities[c]);
      item.children[1].textContent = probabilities[c].toFixed(4);
    });
    frame.querySelectorAll(".xent-probabilities tbody tr").forEach((row, c) => {
      const cells = row.querySelectorAll("td");
      cells[0].textContent = pyG6(state.logits[c]);
      cells[1].textContent = pyG6(scaled[c]);
      cells[2].textContent = pyRepr(probabilities[c]);
      cells[3].textContent = pyRepr(naive[c]);
      cells[3].style.color = Number.isFinite(naive[c]) ? "" : "var(--jp-error-color1, #c62828)";
    });
    const note = frame.querySelector(".xent-overflow[data-xent-words]");
    if (note) {
      const { text, bad } = naiveNote(scaled, JSON.parse(note.dataset.xentWords));
      note.textContent = text;
      note.style.color = bad ? "var(--jp-error-color1, #c62828)" : "";
    }
    frame.dataset.xentProbabilities = probabilities.map(pyRepr).join(" ");
  };
  const controls = document.createElement("div");
  controls.className = "xent-page-controls";
  data.logit_names.forEach((label, c) => {
    controls.append(range(label, state.logits[c], low, high, (v) => { state.logits[c] = v; repaint(); }));
  });
  controls.append(
    range(data.words.temperature, state.temperature, 0.05, 10, (v) => { state.temperature = v; repaint(); }),
    menu(data.words.scale, data.scale_texts, data.scales.indexOf(state.scale), (k) => {
      state.scale = data.scales[Number(k)];
      repaint();
    }),
  );
  frame.querySelector(".xent-bars-view")?.after(controls);
  markLive(frame, data.words.live);
}

for (const frame of document.querySelectorAll(".xent-snapshot[data-xent-live]")) {
  try {
    const data = JSON.parse(frame.dataset.xentLive);
    if (data.kind === "softmax") livenSoftmax(frame, data);
    else liven(frame);
  } catch (error) {
    console.warn("xentlib: this explorer stays a snapshot", error); // the picture is still right
  }
}
