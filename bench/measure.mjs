// Timing helpers shared by the Node harnesses.

/**
 * Median wall time (ms) of `f`, with the run count: one warm-up call, then calls until at
 * least `minRuns` ran and `budgetMs` passed (at most `maxRuns`). A first call slower than
 * `slowMs` counts as a run instead of a warm-up and stops there, once `minRuns` allows, so a
 * 50-second markdownlint pass is not repeated for minutes (the contender's code is warm from
 * the smaller inputs by then).
 */
export function median(f, { minRuns = 10, budgetMs = 1000, maxRuns = 200, slowMs = Infinity, slowRuns = 1 } = {}) {
  globalThis.gc?.();
  const times = [];
  let t = performance.now();
  f();
  const first = performance.now() - t;
  if (first > slowMs) {
    times.push(first);
    while (times.length < slowRuns) times.push(time(f));
  } else {
    const start = performance.now();
    while (times.length < minRuns || (performance.now() - start < budgetMs && times.length < maxRuns)) {
      times.push(time(f));
    }
  }
  times.sort((a, b) => a - b);
  return { ms: times[times.length >> 1], runs: times.length };
}

function time(f) {
  const t = performance.now();
  f();
  return performance.now() - t;
}

export const mbps = (bytes, ms) => bytes / 1e3 / ms;
