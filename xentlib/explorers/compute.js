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
