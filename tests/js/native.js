// The native side of the tests that compare the package with the Rust core: builds
// `examples/explain` (debug) and returns its executable, whose `--json` prints a Report exactly
// as serde_json serializes it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));

export function nativeBinary() {
  const build = spawnSync('cargo', ['build', '--quiet', '--example', 'explain', '--message-format=json'], { cwd: root, encoding: 'utf8' });
  assert.equal(build.status, 0, build.stderr);
  const artifact = build.stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l))
    .find((m) => m.reason === 'compiler-artifact' && m.target?.name === 'explain' && m.executable);
  assert.ok(artifact, 'cargo reported no explain executable');
  return artifact.executable;
}
