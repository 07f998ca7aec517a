// The loss explorer on a page without a kernel (the book, an HTML export): its snapshot comes alive. The
// snapshot (html.py) carries the explorer's state in data-xent-live; this script adds named, keyboard-
// friendly controls and recomputes every number in the page with compute.js (prepended to this file by
// tools/book.py and tools/export.py). Without scripts the snapshot stays as it is: a still picture.

const ORANGE = "#c96a00", BLUE = "#3b82d6"; // html.py's bar colours
const STEP = 0.1;
const round6 = (v) => Number(Number(v).toFixed(6));
const fill = (template, fields) => template.replace(/\{(\w+)\}/g, (_, key) => String(fields[key]));
const escapeHtml = (s) => String(s).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);

function range(label, value, low, high, onChange, step = STEP) {
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
    const moves = { ArrowRight: step, ArrowUp: step, ArrowLeft: -step, ArrowDown: -step, PageUp: 10 * step,
                    PageDown: -10 * step };
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
  row.xentSet = set; // for a play button
  row.xentValue = () => exact;
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
// A polite live region says the new readout after each move, as the notebook's explorers do.
function markLive(frame, words) {
  const title = frame.querySelector(".xent-snapshot-title");
  if (title) title.textContent = words;
  frame.setAttribute("aria-label", words);
  frame.classList.add("xent-page-live");
  const live = document.createElement("div");
  live.className = "xent-live-region";
  live.setAttribute("aria-live", "polite");
  live.setAttribute("aria-atomic", "true");
  live.style.cssText = "position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap";
  frame.append(live);
  const say = () => { live.textContent = readoutText(frame); };
  for (const kind of ["input", "change", "keydown"]) frame.addEventListener(kind, say);
}

// What a move changes, as a sentence: the readout's first line, or the softmax explorer's probabilities.
function readoutText(frame) {
  const value = frame.querySelector(".xent-loss-value");
  if (value) return value.closest("div").textContent.replace(/\s+/g, " ").trim();
  const bars = frame.querySelector(".xent-bars");
  const digits = [...frame.querySelectorAll(".xent-bars [role=listitem]")].map((item) => item.children[1]?.textContent);
  return `${bars?.getAttribute("aria-label") ?? ""} ${digits.join(", ")}`.trim();
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

// The gradient explorer: a sample's logits, its true class and label smoothing move; the readout, the
// pushes and the curve follow (paint.js, the painter the notebook uses).
function livenGradient(frame, data) {
  const state = { logits: data.logits.slice(), label: data.label, smoothing: data.smoothing };
  const [low, high] = data.bounds;
  const repaint = () => paintGradient(frame, state, computeGradient(frame, state), data.words);
  const controls = document.createElement("div");
  controls.className = "xent-page-controls";
  controls.append(
    menu(data.words.true_class, data.names, state.label, (k) => { state.label = Number(k); repaint(); }),
    range(data.words.label_smoothing, state.smoothing, 0, 1, (v) => { state.smoothing = v; repaint(); }),
  );
  data.logit_names.forEach((label, c) => {
    controls.append(range(label, state.logits[c], low, high, (v) => { state.logits[c] = v; repaint(); }));
  });
  frame.querySelector(".xent-grad-readout-view")?.after(controls);
  markLive(frame, data.words.page_live);
}

// The training explorer: the page trains the same model itself (the data and W's draw are in the snapshot)
// as the step slider moves or plays; the regions and the loss curve follow (paint.js).
function livenTraining(frame, data) {
  const state = { steps: data.steps, learningRate: data.learning_rate, initScale: data.init_scale,
                  smoothing: data.smoothing };
  const words = data.words;
  const repaint = () => paintTraining(frame, state, computeTraining(frame, state, data.data), words, data.data);
  const steps = range(words.steps, state.steps, 0, data.data.max_steps, (v) => { state.steps = v; repaint(); }, 1);
  const play = document.createElement("button");
  play.type = "button";
  let timer = null;
  const drawPlay = () => {
    play.textContent = timer === null ? `\u25b6 ${words.play}` : `\u23f8 ${words.pause}`;
    play.setAttribute("aria-pressed", String(timer !== null));
  };
  play.addEventListener("click", () => {
    if (timer !== null) { clearInterval(timer); timer = null; return drawPlay(); }
    if (steps.xentValue() >= data.data.max_steps) steps.xentSet(0);
    timer = setInterval(() => {
      if (steps.xentValue() >= data.data.max_steps) { clearInterval(timer); timer = null; return drawPlay(); }
      steps.xentSet(steps.xentValue() + 1);
    }, 60);
    drawPlay();
  });
  drawPlay();
  steps.append(play);
  const controls = document.createElement("div");
  controls.className = "xent-page-controls";
  const texts = (values) => values.map((v) => pyG6(v));
  controls.append(
    steps,
    menu(words.learning_rate, texts(data.learning_rates), data.learning_rates.indexOf(state.learningRate), (k) => {
      state.learningRate = data.learning_rates[Number(k)];
      repaint();
    }),
    menu(words.init_scale, texts(data.init_scales), data.init_scales.indexOf(state.initScale), (k) => {
      state.initScale = data.init_scales[Number(k)];
      repaint();
    }),
    range(words.label_smoothing, state.smoothing, 0, 1, (v) => { state.smoothing = v; repaint(); }),
  );
  frame.querySelector(".xent-train-readout-view")?.after(controls);
  markLive(frame, words.page_live);
}

// The information explorer: the weights of q and p and the units move; the readout and both charts follow.
function livenInformation(frame, data) {
  const state = { target: data.target.slice(), model: data.model.slice(), units: data.units };
  const some = (w) => w.some((v) => v > 0); // every weight 0 is no distribution: keep the last picture
  const repaint = () => {
    if (some(state.target) && some(state.model)) {
      paintInformation(frame, state, computeInformation(frame, state), data.words);
    }
  };
  const units = ["nats", "bits"];
  const controls = document.createElement("div");
  controls.className = "xent-page-controls";
  controls.append(menu(data.words.units, units, units.indexOf(state.units), (k) => {
    state.units = units[Number(k)];
    repaint();
  }));
  for (const [which, names] of [["target", data.target_names], ["model", data.model_names]]) {
    names.forEach((label, c) => {
      controls.append(range(label, state[which][c], 0, 1, (v) => { state[which][c] = v; repaint(); }, 0.01));
    });
  }
  frame.querySelector(".xent-info-readout-view")?.after(controls);
  markLive(frame, data.words.page_live);
}

const LIVEN = { softmax: livenSoftmax, gradient: livenGradient, training: livenTraining,
                information: livenInformation };
for (const frame of document.querySelectorAll(".xent-snapshot[data-xent-live]")) {
  try {
    const data = JSON.parse(frame.dataset.xentLive);
    if (data.kind in LIVEN) LIVEN[data.kind](frame, data);
    else liven(frame);
  } catch (error) {
    console.warn("xentlib: this explorer stays a snapshot", error); // the picture is still right
  }
}
