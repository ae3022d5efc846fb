// The benchmark's documents, built exactly as benches/throughput.rs builds them (same corpus
// order, same byte-length cuts, same generators), so the Node contenders and the native bench
// measure the same bytes. scripts/bench.sh compares the byte counts both sides print.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const strict = new TextDecoder('utf-8', { fatal: true });

/** The corpus directory: $SPECLINT_CORPUS, else ../shared/corpus next to the repository. */
export function corpusDir() {
  return process.env.SPECLINT_CORPUS ?? fileURLToPath(new URL('../../shared/corpus', import.meta.url));
}

/** Every *.md under real/, synthetic/ and pairs/, sorted by path, joined by a blank line; null when there are none. */
export function corpusText(dir = corpusDir()) {
  const files = [];
  for (const sub of ['real', 'synthetic', 'pairs']) {
    let names;
    try {
      names = readdirSync(join(dir, sub));
    } catch {
      continue;
    }
    for (const n of names) if (n.endsWith('.md')) files.push([sub, n]);
  }
  // Rust sorts PathBufs component by component, comparing bytes: the folder first, then the name.
  const cmp = (a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b));
  files.sort((a, b) => cmp(a[0], b[0]) || cmp(a[1], b[1]));
  const texts = [];
  for (const [sub, n] of files) {
    try {
      texts.push(strict.decode(readFileSync(join(dir, sub, n)))); // read_to_string skips non-UTF-8 files
    } catch {
      // unreadable or not UTF-8: skipped, as in the Rust bench
    }
  }
  const all = texts.join('\n\n');
  return all.length ? all : null;
}

/** Whole copies of `source` (each followed by a blank line) until `size` bytes, cut after the last newline within them. */
export function sized(source, size) {
  const unit = Buffer.from(source + '\n\n');
  const copies = Math.ceil(size / unit.length) || 1;
  const buf = Buffer.concat(Array(copies).fill(unit));
  const cut = buf.subarray(0, size).lastIndexOf(0x0a);
  return buf.subarray(0, Math.max(cut, 0) + 1).toString('utf8');
}

const range = (n, f) => Array.from({ length: n }, (_, i) => f(i)).join('');

/** [name, text] for every input, in the Rust bench's order; corpus inputs only when the corpus is there. */
export function inputs(corpus = corpusText()) {
  const list = [];
  if (corpus) {
    list.push(['typical 20 KB', sized(corpus, 20_000)]);
    list.push(['corpus 1 MB', sized(corpus, 1_000_000)]);
    list.push(['corpus 10 MB', sized(corpus, 10_000_000)]);
  }
  const mb = 1_000_000;
  list.push(['10,000-deep nested list', `${'- '.repeat(10_000)}item\n`]);
  list.push(['10,000-deep block quote', `${'> '.repeat(10_000)}deep\n`]);
  list.push(['100,000 unmatched [', `# Spec\n\n${'['.repeat(100_000)}\n`]);
  list.push(['a single 1 MB line', `# Spec\n\n${'word [Name] `code` x '.repeat(mb / 20)}\n`]);
  list.push(['50,000 headings', range(50_000, (i) => `## Section ${i}\n\ntext ${i}\n\n`)]);
  list.push([
    'table with 100,000 cells',
    `# T\n\n| a | b | c | d |\n|---|---|---|---|\n${range(25_000, (i) => `| ${i} | | x | [Name] |\n`)}`,
  ]);
  list.push(['10,000 HTML comments', `# T\n\n${range(10_000, (i) => `<!-- note ${i} -->\ntext\n`)}`]);
  return list;
}

export const bytes = (s) => Buffer.byteLength(s, 'utf8');
export const isCorpus = (name) => name.startsWith('typical') || name.startsWith('corpus');
