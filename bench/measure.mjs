// Timing helpers shared by the Node harnesses.

/**
 * Median wall time (ms) of `f`, with the run count: one warm-up call, then calls until at
 * least `minRuns` ran and `budgetMs` passed (at most `maxRuns`: a 20 KB check gets the whole
 * second, about 2,000 runs, so a burst of load on this shared machine moves the median less). A first call slower than
 * `slowMs` counts as a run instead of a warm-up and stops there, once `minRuns` allows, so a
 * 50-second markdownlint pass is not repeated for minutes (the contender's code is warm from
 * the smaller inputs by then).
 */
export function median(f, { minRuns = 10, budgetMs = 1000, maxRuns = 2000, slowMs = Infinity, slowRuns = 1 } = {}) {
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

/**
 * Medians of two functions timed in alternating blocks (a block of `a` calls, then a block of
 * `b` calls, `blocks` times over; each block runs for about `blockMs`, at least one call), so a
 * change of load on this shared machine during the measurement falls on both alike and their
 * ratio holds, while each block still runs warm, with its own code and data in the caches.
 * Returns `[{ms, runs}, {ms, runs}, spread]`: the medians over all calls, and `spread`, the
 * quartiles `{ lo, hi }` of the per-block ratio (b's block median ÷ a's, i.e. a's throughput
 * as a fraction of b's) over the block pairs, so a reader can see how far load moved the ratio.
 */
export function pairedMedian(a, b, { blocks = 10, blockMs = 100 } = {}) {
  globalThis.gc?.();
  a();
  b();
  const times = [[], []];
  const blockMedians = [[], []];
  for (let k = 0; k < blocks; k++) {
    [a, b].forEach((f, j) => {
      const block = [];
      const start = performance.now();
      do block.push(time(f));
      while (performance.now() - start < blockMs);
      blockMedians[j].push(medianOf(block));
      times[j].push(...block);
    });
  }
  const ratios = blockMedians[1].map((bm, k) => bm / blockMedians[0][k]).sort((x, y) => x - y);
  const q = (f) => ratios[Math.min(ratios.length - 1, Math.floor(f * (ratios.length - 1) + 0.5))];
  return [...times.map((t) => ({ ms: medianOf(t), runs: t.length })), { lo: q(0.25), hi: q(0.75) }];
}

function medianOf(values) {
  const t = [...values].sort((x, y) => x - y);
  return t[t.length >> 1];
}
