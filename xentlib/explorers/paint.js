// Painters of the gradient, training and information explorers: they repaint, in place, the HTML that
// the kernel draws (gradient.py, training.py, information.py) from numbers computed in the page
// (compute.js). The same painter serves a notebook (controls.js, before the kernel's view arrives) and a
// page without a kernel (static.js: the book, an HTML export). Elements are found by class; charts map
// numbers to pixels with the frame their svg carries (svg.py's Frame).

const ORANGE_FILL = "#c96a00", BLUE_FILL = "#3b82d6"; // html.py's colours
const fillIn = (template, fields) => template.replace(/\{(\w+)\}/g, (_, key) => String(fields[key]));
const signed4 = (x) => (x >= 0 ? "+" : "\u2212") + Math.abs(x).toFixed(4);
const frameOf = (svg) => JSON.parse(svg.dataset.frame);
const clampTo = (v, low, high) => Math.min(Math.max(v, low), high);
export function toPx(f, x) {
  return f.left + (clampTo(x, f.x0, f.x1) - f.x0) / (f.x1 - f.x0) * (f.width - f.left - f.right);
}
export function toPy(f, y) {
  return f.top + (f.y1 - clampTo(y, f.y0, f.y1)) / (f.y1 - f.y0) * (f.height - f.top - f.bottom);
}
export function pointsText(f, xs, ys) {
  return xs.map((x, k) => `${toPx(f, x).toFixed(2)},${toPy(f, ys[k]).toFixed(2)}`).join(" ");
}
const setText = (el, text) => { if (el && el.textContent !== text) el.textContent = text; };
const setAttrs = (el, attrs) => { if (el) for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v); };
// The readouts' numbers in full (Python's repr), where a test and the reconciliation read them.
const setKey = (root, key, value) => setText(root.querySelector(`[data-xent-key="${key}"]`), pyRepr(value));
export const shownKeys = (root) => Object.fromEntries(
  [...root.querySelectorAll("[data-xent-key]")].map((el) => [el.dataset.xentKey, Number(el.textContent)]));

// --- gradient ------------------------------------------------------------------------------------------
export const GRADIENT_POINTS = 201; // gradient.py CURVE_POINTS

export function computeGradient(root, s) {
  const curve = root.querySelector(".xent-grad-curve-chart");
  const f = curve ? frameOf(curve) : { x0: -10, x1: 10 };
  return gradientState(s.logits, s.label, s.smoothing, f.x0, f.x1, GRADIENT_POINTS);
}

export const gradientKeys = (r, s) => ({ loss: r.loss, push: r.push[s.label], norm: r.norm });

export function paintGradient(root, s, r, words) {
  const y = s.label;
  for (const [key, value] of Object.entries(gradientKeys(r, s))) setKey(root, key, value);
  const option = s.smoothing ? `, label_smoothing=${pyG6(s.smoothing)}` : "";
  setText(root.querySelector(".xent-grad-call"), `cross_entropy(z, y${option})`);
  setText(root.querySelector(".xent-grad-push-name"), words.push_true[y]);
  const bars = root.querySelector(".xent-pushes-chart");
  if (bars) {
    const f = frameOf(bars), zero = toPy(f, 0);
    r.push.forEach((push, c) => {
      const own = c === y, top = toPy(f, Math.max(push, 0)), height = Math.abs(toPy(f, push) - zero);
      const rect = bars.querySelector(`.xent-push[data-class="${c}"]`);
      setAttrs(rect, { y: top.toFixed(2), height: height.toFixed(2) });
      if (rect) {
        rect.style.fill = own ? ORANGE_FILL : BLUE_FILL;
        rect.classList.toggle("xent-true", own);
        setText(rect.querySelector("title"), pyRepr(push));
      }
      const value = bars.querySelector(`.xent-push-value[data-class="${c}"]`);
      setAttrs(value, { y: (push >= 0 ? top - 4 : top + height + 11).toFixed(2) });
      setText(value, signed4(push));
      const name = bars.querySelector(`.xent-class-label[data-class="${c}"]`);
      if (name) name.style.fontWeight = own ? "bold" : "normal";
      const mark = bars.querySelector(`.xent-true-mark[data-class="${c}"]`);
      if (mark) mark.style.visibility = own ? "visible" : "hidden";
    });
    bars.setAttribute("aria-label", fillIn(words.pushes, { values: r.push.map(signed4).join(", ") }));
  }
  const curve = root.querySelector(".xent-grad-curve-chart");
  if (curve) {
    const f = frameOf(curve), zy = s.logits[y];
    const ce = r.push[y], se = -r.squaredErrorGradient[y], x = toPx(f, zy).toFixed(2);
    setAttrs(curve.querySelector(".xent-ce-curve"), { points: pointsText(f, r.grid, r.cePush) });
    setAttrs(curve.querySelector(".xent-se-curve"), { points: pointsText(f, r.grid, r.sePush) });
    setAttrs(curve.querySelector(".xent-now-line"), { x1: x, x2: x });
    setAttrs(curve.querySelector(".xent-ce-point"), { cx: x, cy: toPy(f, ce).toFixed(2) });
    setAttrs(curve.querySelector(".xent-se-point"), {
      x: (toPx(f, zy) - 4).toFixed(2), y: (toPy(f, se) - 4).toFixed(2),
    });
    setText(curve.querySelector(".xent-axis-x"), words.curve_x[y]);
    curve.setAttribute("aria-label", fillIn(words.curve[y], { z: pyG6(zy), ce: signed4(ce), se: signed4(se) }));
  }
}

// --- training ------------------------------------------------------------------------------------------
// The run is kept on the explorer's element, so moving the step slider back and forth recomputes nothing.
export function computeTraining(root, s, data) {
  const key = JSON.stringify([s.learningRate, s.initScale, s.smoothing]);
  if (root.__xentRun?.key !== key) root.__xentRun = { key, run: null };
  const run = trainingRun(data.x, data.y, data.w_unit, s.initScale, s.learningRate, s.smoothing, s.steps,
    root.__xentRun.run);
  root.__xentRun.run = run;
  const { w, b } = run.params[s.steps];
  return {
    losses: run.losses.slice(0, s.steps + 1), loss: run.losses[s.steps],
    accuracy: trainingAccuracy(data.x, data.y, w, b), regions: regionPolygons(w, b, data.box),
    top: axisTop(run.losses[0], data.names.length, data.axis_tops),
  };
}

const tickText = (v) => pyG6(v).replace(/-/g, "\u2212");
const percent1 = (v) => `${(100 * v).toFixed(1)}%`;

export function paintTraining(root, s, r, words, data) {
  setKey(root, "loss", r.loss);
  setKey(root, "accuracy", r.accuracy);
  setText(root.querySelector(".xent-train-step"), fillIn(words.step, { steps: s.steps }));
  setText(root.querySelector(".xent-train-percent"), percent1(r.accuracy));
  const option = s.smoothing ? `, label_smoothing=${pyG6(s.smoothing)}` : "";
  setText(root.querySelector(".xent-train-call"),
    `lr=${pyG6(s.learningRate)}, W0 = ${pyG6(s.initScale)} * N(0, 1)${option}`);
  const plane = root.querySelector(".xent-regions-chart");
  if (plane) {
    const f = frameOf(plane);
    r.regions.forEach((corners, c) => {
      const region = plane.querySelector(`.xent-region[data-class="${c}"]`);
      setAttrs(region, { points: pointsText(f, corners.map((p) => p[0]), corners.map((p) => p[1])) });
    });
    plane.setAttribute("aria-label", fillIn(words.regions, { accuracy: percent1(r.accuracy),
      names: data.names.join(", ") }));
  }
  const curve = root.querySelector(".xent-train-curve-chart");
  if (curve) {
    let f = frameOf(curve);
    if (f.y1 !== r.top) { // another initial scale: the axis is relabelled, its lines stay where they are
      f = { ...f, y1: r.top };
      curve.dataset.frame = JSON.stringify(f);
      curve.querySelectorAll(".xent-ytick").forEach((tick) => {
        tick.textContent = tickText(r.top * Number(tick.dataset.k) / 4);
      });
      const logC = toPy(f, Math.log(data.names.length)).toFixed(2);
      setAttrs(curve.querySelector(".xent-log-c"), { y1: logC, y2: logC });
      setAttrs(curve.querySelector(".xent-log-c-label"), { y: (Number(logC) - 3).toFixed(2) });
    }
    const steps = r.losses.map((_, k) => k);
    setAttrs(curve.querySelector(".xent-loss-curve"), { points: pointsText(f, steps, r.losses) });
    curve.setAttribute("aria-label", fillIn(words.curve, { steps: s.steps, loss: r.loss.toFixed(4) }));
  }
}

// --- information ---------------------------------------------------------------------------------------
export const computeInformation = (root, s) => informationState(s.target, s.model, s.units);
const four = (x) => (Number.isFinite(x) ? x.toFixed(4) : "\u221e");

export function paintInformation(root, s, r, words) {
  setKey(root, "cross_entropy", r.crossEntropy);
  setKey(root, "entropy", r.entropy);
  setKey(root, "kl", r.kl);
  setKey(root, "reverse_kl", r.reverseKl);
  setText(root.querySelector(".xent-units-text"), s.units);
  const bars = root.querySelector(".xent-info-bars-chart");
  if (bars) {
    const f = frameOf(bars), bottom = toPy(f, 0);
    for (const [which, values] of [["q", r.target], ["p", r.model]]) {
      values.forEach((v, c) => {
        const top = toPy(f, v);
        const bar = bars.querySelector(`.xent-info-bar[data-which="${which}"][data-class="${c}"]`);
        setAttrs(bar, { y: top.toFixed(2), height: (bottom - top).toFixed(2) });
        setText(bar?.querySelector("title"), `${which} = ${pyRepr(v)}`);
        const text = bars.querySelector(`.xent-info-value[data-which="${which}"][data-class="${c}"]`);
        setAttrs(text, { y: (top - 3).toFixed(2) });
        setText(text, v.toFixed(2));
      });
    }
    bars.setAttribute("aria-label", fillIn(words.bars, { q: r.target.map((v) => v.toFixed(4)).join(", "),
      p: r.model.map((v) => v.toFixed(4)).join(", ") }));
  }
  const stack = root.querySelector(".xent-info-stack-chart");
  if (stack) {
    const logC = Math.log(r.target.length) * (s.units === "bits" ? 1 / Math.log(2) : 1);
    const end = 1.1 * Math.max(logC, Number.isFinite(r.crossEntropy) ? r.crossEntropy : logC);
    const f = { ...frameOf(stack), x1: end };
    stack.dataset.frame = JSON.stringify(f);
    const xH = toPx(f, r.entropy), xTotal = toPx(f, r.crossEntropy), xC = toPx(f, logC).toFixed(2);
    setAttrs(stack.querySelector(".xent-stack-h"), { width: (xH - f.left).toFixed(2) });
    setAttrs(stack.querySelector(".xent-stack-kl"), { x: xH.toFixed(2), width: (xTotal - xH).toFixed(2) });
    setText(stack.querySelector(".xent-stack-h-text"), `H(q) = ${four(r.entropy)}`);
    const klText = stack.querySelector(".xent-stack-kl-text");
    setAttrs(klText, { x: xTotal.toFixed(2) });
    setText(klText, `KL = ${four(r.kl)} \u2192 H(q, p) = ${four(r.crossEntropy)}`);
    setAttrs(stack.querySelector(".xent-stack-log-c"), { x1: xC, x2: xC });
    setAttrs(stack.querySelector(".xent-stack-log-c-text"), { x: xC });
    stack.setAttribute("aria-label", fillIn(words.stack, { h: four(r.entropy), kl: four(r.kl),
      total: four(r.crossEntropy), units: s.units }));
  }
}
