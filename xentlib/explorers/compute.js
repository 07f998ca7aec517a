// The loss explorer's numbers computed in the page (float64), so a move is painted in the frame of the key
// press; the kernel's answer (xentlib, state.py) then replaces them and stays the truth. Pure functions,
// the same formulas as xentlib's cross_entropy; tests/explorers/test_compute_js.py runs them in Node
// against xentlib on thousands of random states. controls.py prepends this file to controls.js.

// For one row: m = max_c z_c and r = log sum_c exp(z_c - m), so logsumexp(z) = m + r (xentlib's row_stats).
export function rowStats(row) {
  const m = Math.max(...row);
  let total = 0;
  for (const v of row) total += Math.exp(v - m);
  return { m, r: Math.log(total), total };
}

// p = softmax(z) per row, -log p of the true class, each sample's loss with label smoothing eps, and the
// loss reduced (mean, sum or none), in xentlib's order of operations: -log p_y = r - (z_y - m), never
// (m + r) - z_y, which cancels; the smoothed loss (1 - eps) nll + eps/C (C r + sum_c (m - z_c)).
export function lossState(logits, labels, eps, reduction) {
  const probabilities = [], nll = [], perSample = [];
  logits.forEach((row, i) => {
    const { m, r, total } = rowStats(row);
    probabilities.push(row.map((v) => Math.exp(v - m) / total));
    const own = r - (row[labels[i]] - m);
    nll.push(own);
    const shifts = -row.reduce((sum, v) => sum + (v - m), 0);
    perSample.push(eps ? (1 - eps) * own + (eps / row.length) * (row.length * r + shifts) : own);
  });
  const total = perSample.reduce((a, b) => a + b, 0);
  const loss = { mean: total / perSample.length, sum: total, none: perSample }[reduction];
  return { probabilities, nll, perSample, loss };
}

// Python's repr of a float: the shortest text that reads back as the same float64, in Python's notation
// (1e-05, 0.0001, 1.0, 1e+16), so the page shows what the kernel would.
export function pyRepr(x) {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const [mantissa, power] = x.toExponential().split("e"); // shortest round-trip digits
  const exp = Number(power), sign = x < 0 ? "-" : "";
  const digits = mantissa.replace("-", "").replace(".", "");
  if (exp >= 16 || exp < -4) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${m}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
  }
  if (exp < 0) return `${sign}0.${"0".repeat(-exp - 1)}${digits}`;
  const whole = digits.slice(0, exp + 1).padEnd(exp + 1, "0");
  return `${sign}${whole}.${digits.slice(exp + 1) || "0"}`;
}

// The loss readout's value as loss_text writes it: one float, or [l_0, l_1, ...] for reduction "none".
export function lossText(loss) {
  return Array.isArray(loss) ? `[${loss.map(pyRepr).join(", ")}]` : pyRepr(loss);
}

// The softmax explorer: p = softmax(z') with z' = z * (scale / T), beside softmax_naive(z') = exp(z') /
// sum exp(z'), which gives nan once an exp overflows, as in xentlib.explorers.state.softmax_state.
export function softmaxState(logits, temperature, scale) {
  const factor = scale / temperature;
  const scaled = logits.map((v) => v * factor);
  const { m, total } = rowStats(scaled);
  const probabilities = scaled.map((v) => Math.exp(v - m) / total);
  const exps = scaled.map(Math.exp);
  const sum = exps.reduce((a, b) => a + b, 0);
  return { scaled, probabilities, naive: exps.map((v) => v / sum) };
}

// Python's format(x, ".6g"): 6 significant digits, trailing zeros dropped, 1e-05 and 1e+06 notation.
export function pyG6(x) {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  if (x === 0) return Object.is(x, -0) ? "-0" : "0";
  const [mantissa, power] = x.toExponential(5).split("e");
  const exp = Number(power);
  const trim = (s) => (s.includes(".") ? s.replace(/0+$/, "").replace(/\.$/, "") : s);
  if (exp < -4 || exp >= 6) {
    return `${trim(mantissa)}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
  }
  return trim(x.toFixed(5 - exp));
}

// The note under the softmax table: why softmax_naive agrees, is nan (exp overflows: inf / inf; every exp
// underflows: 0 / 0) or silently 0 (the sum overflows), in the words html.py gives (data-xent-words).
export function naiveNote(scaled, words) {
  const exps = scaled.map(Math.exp);
  const kind = exps.some((v) => !Number.isFinite(v)) ? "overflows"
    : !Number.isFinite(exps.reduce((a, b) => a + b, 0)) ? "sum_overflows"
    : exps.every((v) => v === 0) ? "underflows" : "agrees";
  const top = `max z' = ${pyG6(Math.max(...scaled))}`;
  const text = words[kind].replace("{top}", top);
  return { text: kind === "agrees" ? text : `${text} ${words.fix}`, bad: kind !== "agrees" };
}

// softmax of one row, as rowStats computes it: exp(z_c - m) / sum_k exp(z_k - m).
export function softmaxRow(row) {
  const { m, total } = rowStats(row);
  return row.map((v) => Math.exp(v - m) / total);
}

// numpy.linspace(x0, x1, count): k * step + x0, the last value exactly x1.
export function linspace(x0, x1, count) {
  const step = (x1 - x0) / (count - 1);
  return Array.from({ length: count }, (_, k) => (k === count - 1 ? x1 : k * step + x0));
}

// d/dz of sum_c (p_c - q_c)^2 with p = softmax(z): 2 p_c (d_c - sum_k d_k p_k), d = p - q (gradient.py).
export function squaredErrorGrad(p, q) {
  const d = p.map((v, c) => v - q[c]);
  const s = d.reduce((sum, v, c) => sum + v * p[c], 0);
  return p.map((v, c) => 2 * v * (d[c] - s));
}

// The gradient explorer (xentlib/explorers/gradient.py): one sample's p = softmax(z), the target
// q = (1 - eps) onehot(y) + eps / C, the loss, dL/dz = p - q in xentlib's order ((p_c - (1 - eps) [c = y])
// - eps / C), its length, and the push on z_y of cross-entropy and of the squared error over a grid of z_y.
export function gradientState(logits, label, eps, x0, x1, count) {
  const C = logits.length;
  const q = logits.map((_, c) => (1 - eps) * (c === label ? 1 : 0) + eps / C);
  const ceGrad = (p) => p.map((v, c) => v - (c === label ? 1 - eps : 0) - eps / C);
  const probabilities = softmaxRow(logits);
  const gradient = ceGrad(probabilities);
  const grid = linspace(x0, x1, count);
  const ce = [], se = [];
  for (const g of grid) {
    const row = logits.slice();
    row[label] = g;
    const p = softmaxRow(row);
    ce.push(-ceGrad(p)[label]);
    se.push(-squaredErrorGrad(p, q)[label]);
  }
  return {
    probabilities, target: q, gradient, push: gradient.map((v) => -v),
    loss: lossState([logits], [label], eps, "mean").loss,
    norm: Math.sqrt(gradient.reduce((sum, v) => sum + v * v, 0)),
    squaredErrorGradient: squaredErrorGrad(probabilities, q), grid, cePush: ce, sePush: se,
  };
}

// The training explorer (xentlib/explorers/training.py, xentlib.training.gradient_step): one step of
// gradient descent for logits = X W + b, in xentlib's order of operations: G = exp(z - m) * ((1 / N) /
// sum) minus (1 - eps) / N at the label and eps / C / N everywhere, W - lr X^T G, b - lr sum_i G_i.
export function trainingStep(x, y, w, b, lr, eps) {
  const N = x.length, C = b.length, scale = 1 / N;
  const z = x.map((row) => b.map((bc, c) => row.reduce((s, v, d) => s + v * w[d][c], 0) + bc));
  const loss = lossState(z, y, eps, "mean").loss;
  const g = z.map((row, i) => {
    const { m, total } = rowStats(row);
    const f = scale / total;
    return row.map((v, c) => {
      let value = Math.exp(v - m) * f;
      if (c === y[i]) value -= (1 - eps) * scale;
      if (eps) value -= eps / C * scale;
      return value;
    });
  });
  const column = (c, weightOf) => g.reduce((s, row, i) => s + weightOf(i) * row[c], 0);
  return {
    loss,
    w: w.map((wd, d) => wd.map((v, c) => v - lr * column(c, (i) => x[i][d]))),
    b: b.map((v, c) => v - lr * column(c, () => 1)),
  };
}

// A run's parameters and losses up to `steps`, continuing `run` (a cache: {params, losses}) if given.
export function trainingRun(x, y, wUnit, initScale, lr, eps, steps, run = null) {
  const C = wUnit[0].length;
  const r = run ?? { params: [{ w: wUnit.map((row) => row.map((v) => initScale * v)), b: new Array(C).fill(0) }],
                     losses: [] };
  while (r.losses.length <= steps) {
    const { w, b } = r.params[r.params.length - 1];
    const next = trainingStep(x, y, w, b, lr, eps);
    r.losses.push(next.loss);
    r.params.push({ w: next.w, b: next.b });
  }
  return r;
}

// Fraction of points whose largest logit (the first, on a tie, as numpy.argmax) is their label.
export function trainingAccuracy(x, y, w, b) {
  let right = 0;
  x.forEach((row, i) => {
    const z = b.map((bc, c) => row.reduce((s, v, d) => s + v * w[d][c], 0) + bc);
    if (z.indexOf(Math.max(...z)) === y[i]) right += 1;
  });
  return right / x.length;
}

// Per class c, the box [x0, x1] x [y0, y1] clipped by (w_c - w_k) . x + (b_c - b_k) >= 0 for every k != c
// (Sutherland-Hodgman), as training.py's region_polygons.
export function regionPolygons(w, b, box) {
  const [x0, x1, y0, y1] = box;
  const clip = (corners, a0, a1, d) => {
    const out = [];
    corners.forEach(([px, py], k) => {
      const [qx, qy] = corners[(k + 1) % corners.length];
      const fp = a0 * px + a1 * py + d, fq = a0 * qx + a1 * qy + d;
      if (fp >= 0) out.push([px, py]);
      if ((fp >= 0) !== (fq >= 0)) {
        const t = fp / (fp - fq);
        out.push([px + t * (qx - px), py + t * (qy - py)]);
      }
    });
    return out;
  };
  return b.map((_, c) => {
    let corners = [[x0, y0], [x1, y0], [x1, y1], [x0, y1]];
    b.forEach((__, k) => {
      if (k !== c && corners.length) corners = clip(corners, w[0][c] - w[0][k], w[1][c] - w[1][k], b[c] - b[k]);
    });
    return corners;
  });
}

// The loss chart's top: the first of `tops` above 1.15 max(initial loss, log C) (training.py axis_top).
export function axisTop(initialLoss, numClasses, tops) {
  const need = 1.15 * Math.max(initialLoss, Math.log(numClasses));
  return tops.find((t) => t >= need) ?? tops[tops.length - 1];
}

// The information explorer (xentlib/explorers/information.py): q and p from weights (w / sum w), and in
// nats or bits H(q) = -sum q log q, H(q, p) = -sum q log p, KL(q || p) = sum (q log q - q log p) and
// KL(p || q), with 0 log anything = 0, as xentlib.information computes them.
export function informationState(targetWeights, modelWeights, units) {
  const scale = units === "bits" ? 1 / Math.log(2) : 1;
  const normalised = (w) => { const total = w.reduce((a, b) => a + b, 0); return w.map((v) => v / total); };
  const q = normalised(targetWeights), p = normalised(modelWeights);
  const pLogQ = (a, b) => a.map((v, c) => (v > 0 ? v * Math.log(b[c]) : 0));
  const sum = (values) => values.reduce((a, b) => a + b, 0);
  const kl = (a, b) => { const own = pLogQ(a, a), cross = pLogQ(a, b); return sum(own.map((v, c) => v - cross[c])) * scale; };
  return {
    target: q, model: p,
    entropy: -sum(pLogQ(q, q)) * scale + 0, crossEntropy: -sum(pLogQ(q, p)) * scale + 0,
    kl: kl(q, p), reverseKl: kl(p, q),
  };
}
