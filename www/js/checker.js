// The page's side of the worker: promise-based requests, and checks scheduled so that only the
// newest text is ever waiting (typing fast never queues a backlog of stale checks).

export class CheckerWorker {
  constructor(url) {
    this.worker = new Worker(url, { type: 'module' });
    this.nextId = 1;
    this.pending = new Map();
    this.loaded = new Promise((resolve, reject) => {
      this.pending.set(0, { resolve, reject });
      this.worker.addEventListener('error', (e) => {
        const err = new Error(`The checker failed to start${e.message ? `: ${e.message}` : ''}`);
        for (const p of this.pending.values()) p.reject(err);
        this.pending.clear();
        this.failed = err;
      });
    });
    this.worker.addEventListener('message', ({ data }) => {
      const p = this.pending.get(data.id);
      if (!p) return;
      if (data.part) {
        // A report's findings ahead of its reply (worker.js), each part in its own short task.
        (p.parts ??= []).push(data.part);
        return;
      }
      this.pending.delete(data.id);
      if (!data.ok) p.reject(new Error(data.error));
      else {
        if (p.parts) data.result.report.findings = p.parts.flat().concat(data.result.report.findings);
        p.resolve(data.result);
      }
    });
  }

  async request(type, payload = {}) {
    await this.loaded; // the worker's module (and the .wasm) must have loaded first
    if (this.failed) throw this.failed;
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, type, ...payload });
    });
  }
}

/**
 * Debounced checking of an editor's text. `getRequest()` returns {text, version, template};
 * `onResult({version, result, error})` receives every answer (possibly for an older version).
 */
export class Scheduler {
  constructor(worker, getRequest, onResult) {
    this.worker = worker;
    this.getRequest = getRequest;
    this.onResult = onResult;
    this.timer = 0;
    this.inFlight = false;
    this.again = false;
    this.lastMs = 0;
    this.waiters = [];
    this.lastVersion = -1;
    this.lastKey = null;
  }

  /** Check soon: after a pause that grows with how long checks take (big documents). */
  schedule() {
    clearTimeout(this.timer);
    const delay = Math.min(600, Math.max(120, this.lastMs * 2));
    this.timer = setTimeout(() => this.run(), delay);
  }

  /** Check now (the template changed, a file was loaded). */
  now() {
    clearTimeout(this.timer);
    this.lastKey = null;
    this.run();
  }

  /** Resolves with the result for the current text, checking first if needed. */
  fresh() {
    const { version, key } = this.getRequest();
    if (!this.inFlight && this.lastVersion === version && this.lastKey === key && this.lastResult) return Promise.resolve(this.lastResult);
    return new Promise((resolve, reject) => {
      this.waiters.push({ version, resolve, reject });
      if (!this.inFlight) this.now();
    });
  }

  async run() {
    if (this.inFlight) {
      this.again = true;
      return;
    }
    const req = this.getRequest();
    if (!req) return;
    this.inFlight = true;
    let result = null;
    let error = null;
    try {
      result = await this.worker.request('check', { text: req.text, template: req.template });
      this.lastMs = result.ms;
    } catch (e) {
      error = e;
    }
    this.inFlight = false;
    this.lastVersion = req.version;
    this.lastKey = req.key;
    this.lastResult = error ? null : { version: req.version, result };
    this.onResult({ version: req.version, result, error });
    const current = this.getRequest();
    const done = [];
    this.waiters = this.waiters.filter((w) => {
      if (current.version === req.version && current.key === req.key) {
        done.push(w);
        return false;
      }
      return true;
    });
    for (const w of done) (error ? w.reject(error) : w.resolve({ version: req.version, result }));
    if (this.again || this.waiters.length) {
      this.again = false;
      this.run();
    }
  }
}
