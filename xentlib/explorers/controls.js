// Front end of xentlib/explorers/controls.py (anywidget): native, labelled controls for the explorers.
// kind "slider": <input type=range> + <input type=number>, both named, value text as the kernel shows it.
// kind "choice": a radio group (the checked option is exposed natively).
// kind "view":   HTML from the kernel, plus an optional polite live region for a short announcement.

let uid = 0;
const nextId = (prefix) => `${prefix}-${++uid}-${Math.random().toString(36).slice(2, 7)}`;

// Shortest decimal text of v rounded to d digits, like Python's repr(round(v, d)); "\u2212" is not used
// in inputs (a number input needs "-").
const roundTo = (v, d) => Number(Number(v).toFixed(d));

// Keys our inputs handle themselves. Jupyter Notebook 8 binds the arrow keys to command-mode shortcuts in
// the capture phase on the document, before a focused input sees them; a capture listener on window runs
// first: it lets the input handle its key and keeps it from the notebook's shortcuts. Only our inputs.
const RANGE_KEYS = new Set(["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "PageUp", "PageDown", "Home", "End"]);
const BOX_KEYS = new Set([...RANGE_KEYS, "Enter"]);
if (!window.__xentlibKeys) {
  window.__xentlibKeys = true;
  window.addEventListener("keydown", (event) => {
    const target = event.target;
    if (!(target instanceof HTMLInputElement) || !target.closest(".xent-anywidget")) return;
    if (target.type === "range" && RANGE_KEYS.has(event.key) && target.xentKey) {
      target.xentKey(event);
      event.stopPropagation();
    } else if (target.type === "number" && BOX_KEYS.has(event.key)) {
      event.stopPropagation(); // the box's own caret moves and Enter applies the value
    }
  }, true);
}
const text = (v, d) => String(roundTo(v, d));

// One frame: when a control of a loss explorer moves, the page recomputes what the explorer shows
// (compute.js, prepended to this file) and paints it in the same task as the key press; the kernel's
// views (xentlib) replace it when they arrive and stay the truth. Controls announce a move with a
// bubbling "xent-input" event; one listener on window serves every explorer on the page.
const numberIn = (el, prefix) =>
  Number([...el.classList].find((c) => c.startsWith(prefix))?.slice(prefix.length));

function readLossExplorer(root) {
  const logits = [];
  for (const el of root.querySelectorAll(".xent-logit")) {
    const i = numberIn(el, "xent-sample-"), c = numberIn(el, "xent-class-");
    (logits[i] ||= [])[c] = Number(el.dataset.xentValue);
  }
  const labels = [...root.querySelectorAll(".xent-label select")].map((s) => s.selectedIndex);
  const smoothing = Number(root.querySelector(".xent-smoothing")?.dataset.xentValue ?? NaN);
  const reduction = root.querySelector(".xent-reduction input:checked")?.value;
  const width = logits[0]?.length;
  const valid = logits.length > 0 && labels.length === logits.length && reduction
    && smoothing >= 0 && smoothing <= 1
    && logits.every((row, i) => row && row.length === width && row.every(Number.isFinite)
      && labels[i] >= 0 && labels[i] < width);
  return valid ? { logits, labels, smoothing, reduction } : null; // else: the kernel answers alone
}

function paintLossExplorer(root) {
  const state = readLossExplorer(root);
  if (state === null) return;
  const { probabilities, nll, perSample, loss } = lossState(state.logits, state.labels, state.smoothing,
    state.reduction);
  const value = root.querySelector(".xent-loss .xent-loss-value");
  if (value) value.textContent = lossText(loss);
  const terms = root.querySelector(".xent-loss .xent-loss-terms");
  const four = perSample.map((v) => v.toFixed(4));
  const written = {
    mean: `(${four.join(" + ")}) / ${four.length}`, sum: four.join(" + "), none: four.join(", "),
  };
  if (terms) terms.textContent = written[state.reduction];
  probabilities.forEach((row, i) => {
    const sample = root.querySelector(`.xent-sample-view.xent-sample-${i}`);
    if (!sample) return;
    paintBars(sample, row);
    const own = sample.querySelector(".xent-nll");
    if (own) own.textContent = pyRepr(nll[i]);
    const smoothed = sample.querySelector(".xent-sample-loss");
    if (smoothed) smoothed.textContent = pyRepr(perSample[i]);
  });
}

function paintBars(view, probabilities) {
  probabilities.forEach((p, c) => {
    const bar = view?.querySelector(`.xent-bar[data-class="${c}"]`);
    if (!bar) return;
    bar.style.height = `${(100 * p).toFixed(6)}%`;
    bar.title = pyRepr(p);
    const digits = bar.closest("[role=listitem]")?.children[1];
    if (digits) digits.textContent = p.toFixed(4);
  });
}

function readSoftmaxExplorer(root) {
  const logits = [];
  for (const el of root.querySelectorAll(".xent-logit")) {
    logits[numberIn(el, "xent-class-")] = Number(el.dataset.xentValue);
  }
  const temperature = Number(root.querySelector(".xent-temperature")?.dataset.xentValue);
  const scale = Number(root.querySelector(".xent-scale")?.dataset.xentValue);
  const valid = temperature > 0 && Number.isFinite(scale) && logits.every(Number.isFinite);
  return valid ? { logits, temperature, scale } : null; // else: the kernel answers alone
}

function paintSoftmaxExplorer(root) {
  const state = readSoftmaxExplorer(root);
  if (state === null) return;
  const { logits } = state;
  const { scaled, probabilities, naive } = softmaxState(logits, state.temperature, state.scale);
  paintBars(root.querySelector(".xent-bars-view"), probabilities);
  root.querySelectorAll(".xent-probabilities tbody tr").forEach((row, c) => {
    const cells = row.querySelectorAll("td");
    if (cells.length < 4 || c >= logits.length) return;
    cells[0].textContent = pyG6(logits[c]);
    cells[1].textContent = pyG6(scaled[c]);
    cells[2].textContent = pyRepr(probabilities[c]);
    cells[3].textContent = pyRepr(naive[c]);
    cells[3].style.color = Number.isFinite(naive[c]) ? "" : "var(--jp-error-color1, #c62828)";
  });
  const note = root.querySelector(".xent-probabilities .xent-overflow[data-xent-words]");
  if (note) { // the note follows in the same frame: the table and the note never disagree
    const { text, bad } = naiveNote(scaled, JSON.parse(note.dataset.xentWords));
    note.textContent = text;
    note.style.color = bad ? "var(--jp-error-color1, #c62828)" : "";
  }
}

// When a view from the kernel arrives, it may answer an older move (rapid moves overtake the kernel):
// if what it shows is not what the controls on the page give, repaint from the controls at once. A view
// for the current controls agrees with the page's computation (to 1e-12) and stays as xentlib wrote it.
const near = (a, b) => Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b));
function reconcile(root) {
  if (root.classList.contains("xent-loss-explorer")) {
    const state = readLossExplorer(root);
    if (state === null) return;
    const { nll, loss } = lossState(state.logits, state.labels, state.smoothing, state.reduction);
    const shown = root.querySelector(".xent-loss .xent-loss-value")?.textContent ?? "";
    const values = shown.replace(/[[\]]/g, "").split(",").map(Number);
    const wanted = Array.isArray(loss) ? loss : [loss];
    const samples = [...root.querySelectorAll(".xent-sample-view .xent-nll")].map((e) => Number(e.textContent));
    const fresh = values.length === wanted.length && values.every((v, k) => near(v, wanted[k]))
      && samples.every((v, i) => near(v, nll[i]));
    if (!fresh) paintLossExplorer(root);
  } else if (root.classList.contains("xent-softmax-explorer")) {
    const state = readSoftmaxExplorer(root);
    if (state === null) return;
    const { probabilities } = softmaxState(state.logits, state.temperature, state.scale);
    const shown = [...root.querySelectorAll(".xent-probabilities td.xent-p")].map((e) => Number(e.textContent));
    const fresh = shown.length === probabilities.length && shown.every((v, c) => near(v, probabilities[c]));
    if (!fresh) paintSoftmaxExplorer(root);
  }
}

// The gradient, training and information explorers (paint.js): read the controls, compute, paint. A view
// from the kernel carries the controls' values it answers (data-xent-stamp); a view for older values is
// repainted from the controls at once, a view for the current ones stays exactly as xentlib wrote it.
const wordsOf = (root) => {
  const holder = root.querySelector("[data-xent-words]");
  return holder ? JSON.parse(holder.dataset.xentWords) : null;
};
const valueOf = (root, css) => Number(root.querySelector(css)?.dataset.xentValue ?? NaN);
function logitsOf(root, css = ".xent-logit") {
  const logits = [];
  for (const el of root.querySelectorAll(css)) logits[numberIn(el, "xent-class-")] = Number(el.dataset.xentValue);
  return logits;
}
function readGradientExplorer(root) {
  const logits = logitsOf(root);
  const label = [...root.querySelectorAll(".xent-label-choice input")].findIndex((input) => input.checked);
  const smoothing = valueOf(root, ".xent-smoothing");
  const valid = logits.length > 1 && logits.every(Number.isFinite) && label >= 0 && label < logits.length
    && smoothing >= 0 && smoothing <= 1;
  return valid ? { logits, label, smoothing } : null;
}
function readTrainingExplorer(root) {
  const steps = valueOf(root, ".xent-steps"), learningRate = valueOf(root, ".xent-lr");
  const initScale = valueOf(root, ".xent-init"), smoothing = valueOf(root, ".xent-smoothing");
  const data = trainingData(root);
  const valid = data && Number.isInteger(steps) && steps >= 0 && steps <= data.max_steps && learningRate > 0
    && initScale > 0 && smoothing >= 0 && smoothing <= 1;
  return valid ? { steps, learningRate, initScale, smoothing } : null;
}
function trainingData(root) { // the points and W's draw, sent once by the kernel (parsed once)
  if (!root.__xentTrain) {
    const holder = root.querySelector("[data-xent-train]");
    if (holder) root.__xentTrain = JSON.parse(holder.dataset.xentTrain);
  }
  return root.__xentTrain ?? null;
}
function readInformationExplorer(root) {
  const target = logitsOf(root, ".xent-target-weight"), model = logitsOf(root, ".xent-model-weight");
  const units = root.querySelector(".xent-units input:checked")?.value;
  const ok = (w) => w.length > 1 && w.every((v) => Number.isFinite(v) && v >= 0) && w.some((v) => v > 0);
  return ok(target) && ok(model) && target.length === model.length && units ? { target, model, units } : null;
}
const PAINTED = {
  "xent-gradient-explorer": {
    read: readGradientExplorer, compute: computeGradient, paint: paintGradient,
    stamp: (s) => [s.logits, s.label, s.smoothing],
  },
  "xent-training-explorer": {
    read: readTrainingExplorer,
    compute: (root, s) => computeTraining(root, s, trainingData(root)),
    paint: (root, s, r, words) => paintTraining(root, s, r, words, trainingData(root)),
    stamp: (s) => [s.learningRate, s.initScale, s.smoothing, s.steps],
  },
  "xent-information-explorer": {
    read: readInformationExplorer, compute: computeInformation, paint: paintInformation,
    stamp: (s) => [s.target, s.model, s.units],
  },
};
const kindOf = (root) => Object.entries(PAINTED).find(([css]) => root.classList.contains(css))?.[1];
function paintPainted(root) {
  const kind = kindOf(root), words = wordsOf(root);
  const state = kind && kind.read(root);
  if (state && words) kind.paint(root, state, kind.compute(root, state), words);
}
const sameValues = (a, b) => JSON.stringify(a) === JSON.stringify(b); // both parsed from the same floats
function reconcilePainted(root, body) {
  const kind = kindOf(root), state = kind && kind.read(root);
  const stamp = body.querySelector("[data-xent-stamp]")?.dataset.xentStamp;
  if (state && stamp !== undefined && !sameValues(JSON.parse(stamp), kind.stamp(state))) paintPainted(root);
}

if (!window.__xentlibPaint) {
  window.__xentlibPaint = true;
  const paint = (event) => {
    const loss = event.target.closest?.(".xent-loss-explorer");
    if (loss) paintLossExplorer(loss);
    const softmax = event.target.closest?.(".xent-softmax-explorer");
    if (softmax) paintSoftmaxExplorer(softmax);
    const painted = event.target.closest?.(".xent-explorer");
    if (painted && kindOf(painted)) paintPainted(painted);
  };
  window.addEventListener("xent-input", paint);
  // a sample's true-class menu (an ipywidgets Dropdown): the loss and -log p follow at once
  window.addEventListener("change", (event) => event.target.matches?.(".xent-label select") && paint(event));
}
const announce = (el) => el.dispatchEvent(new CustomEvent("xent-input", { bubbles: true }));

function slider({ model, el }) {
  const choices = () => model.get("choices");
  const texts = () => model.get("choice_texts");
  const isChoice = () => choices().length > 0;
  const id = nextId("xent-range");
  const row = document.createElement("div");
  row.className = "xent-control xent-slider-control";
  const name = document.createElement("label");
  name.className = "xent-control-name";
  name.htmlFor = id;
  const range = document.createElement("input");
  range.type = "range";
  range.id = id;
  range.className = "xent-range";
  const number = document.createElement("input");
  number.type = "number";
  number.className = "xent-number";
  number.step = "any";
  const shown = document.createElement("output");
  shown.className = "xent-choice-text";
  shown.htmlFor = id;
  row.append(name, range, isChoice() ? shown : number);
  el.append(row);
  // With a play label: a button that moves the value up by one step at a time, until the end or a press.
  let timer = null;
  const play = document.createElement("button");
  const stop = () => { clearInterval(timer); timer = null; drawPlay(); };
  const drawPlay = () => {
    play.textContent = timer === null ? `\u25b6 ${model.get("play_label")}` : `\u23f8 ${model.get("pause_label")}`;
    play.setAttribute("aria-pressed", String(timer !== null));
  };
  if (model.get("play_label")) {
    play.type = "button";
    play.className = "xent-play";
    play.addEventListener("click", () => {
      if (timer !== null) return stop();
      if (model.get("value") >= Number(range.max)) send(Number(range.min)); // from the start again
      timer = setInterval(() => {
        const next = roundTo(model.get("value") + model.get("step"), model.get("decimals"));
        if (next > Number(range.max)) return stop();
        send(next);
      }, 60);
      drawPlay();
    });
    drawPlay();
    row.append(play);
  }

  const valueText = (v) => {
    if (isChoice()) return texts()[Math.max(0, choices().indexOf(v))];
    return text(v, model.get("decimals"));
  };
  const draw = () => {
    const v = model.get("value");
    name.textContent = model.get("description");
    range.setAttribute("aria-label", model.get("label"));
    if (isChoice()) {
      range.min = 0;
      range.max = choices().length - 1;
      range.step = 1;
      range.value = Math.max(0, choices().indexOf(v));
    } else {
      range.min = Math.min(model.get("min"), v);
      range.max = Math.max(model.get("max"), v);
      range.step = model.get("step");
      range.value = v;
      number.setAttribute("aria-label", `${model.get("label")}${model.get("exact_suffix")}`);
      // Not while the learner types in the box, unless the kernel put back another value than the one
      // sent (a refused entry, such as label smoothing 2.5): the box then shows what the kernel kept.
      if (document.activeElement !== number || v !== sent) number.value = valueText(v);
      number.removeAttribute("aria-invalid");
    }
    range.setAttribute("aria-valuetext", valueText(v));
    shown.textContent = valueText(v);
    el.dataset.xentValue = String(v); // the exact value, for the page's own computation
  };
  let sent = null; // the last value this page sent
  const send = (v) => {
    sent = v;
    model.set("value", v);
    model.save_changes();
    draw();
    announce(el);
  };
  const clamp = (v) => Math.min(Math.max(v, Number(range.min)), Number(range.max));
  // One arrow press moves the exact value by `step` (0.093 -> 0.193), not to the next multiple of it.
  range.xentKey = (event) => {
    const choice = isChoice();
    const step = choice ? 1 : model.get("step");
    const v = choice ? Number(range.value) : model.get("value");
    const moves = {
      ArrowRight: v + step, ArrowUp: v + step, ArrowLeft: v - step, ArrowDown: v - step,
      PageUp: v + 10 * step, PageDown: v - 10 * step, Home: Number(range.min), End: Number(range.max),
    };
    if (!(event.key in moves)) return;
    event.preventDefault();
    const next = clamp(moves[event.key]);
    send(choice ? choices()[Math.round(next)] : roundTo(next, model.get("decimals")));
  };
  range.addEventListener("input", () => {
    const v = Number(range.value);
    send(isChoice() ? choices()[v] : roundTo(v, model.get("decimals")));
  });
  number.addEventListener("change", () => {
    const v = Number(number.value.replace(/\u2212/g, "-"));
    if (number.value.trim() === "" || !Number.isFinite(v)) {
      number.setAttribute("aria-invalid", "true");
      return;
    }
    send(roundTo(v, model.get("decimals")));
  });
  number.addEventListener("blur", draw);
  model.on("change", draw);
  draw();
  return () => { clearInterval(timer); model.off("change", draw); };
}

function choice({ model, el }) {
  const group = document.createElement("fieldset");
  group.className = "xent-control xent-choice";
  const legend = document.createElement("legend");
  legend.className = "xent-control-name";
  group.append(legend);
  const name = nextId("xent-choice");
  const inputs = model.get("options").map((option) => {
    const label = document.createElement("label");
    label.className = "xent-choice-option";
    const input = document.createElement("input");
    input.type = "radio";
    input.name = name;
    input.value = option;
    input.addEventListener("change", () => {
      if (!input.checked) return;
      model.set("value", option);
      model.save_changes();
      announce(el);
    });
    label.append(input, document.createTextNode(option));
    group.append(label);
    return input;
  });
  el.append(group);
  const draw = () => {
    legend.textContent = model.get("description");
    for (const input of inputs) input.checked = input.value === model.get("value");
  };
  model.on("change", draw);
  draw();
  return () => model.off("change", draw);
}

function view({ model, el }) {
  const body = document.createElement("div");
  body.className = "xent-view-body";
  const live = document.createElement("div");
  live.className = "xent-visually-hidden";
  live.setAttribute("aria-live", "polite");
  live.setAttribute("aria-atomic", "true");
  el.append(body, live);
  const drawBody = () => {
    body.innerHTML = model.get("value");
    const root = el.closest(".xent-explorer");
    if (root && kindOf(root)) reconcilePainted(root, body);
    else if (root) reconcile(root);
  };
  const drawLive = () => { live.textContent = model.get("live"); };
  model.on("change:value", drawBody);
  model.on("change:live", drawLive);
  drawBody();
  return () => { model.off("change:value", drawBody); model.off("change:live", drawLive); };
}

export default {
  render(context) {
    const kind = context.model.get("kind");
    context.el.classList.add("xent-anywidget");
    return { slider, choice, view }[kind](context);
  },
};
