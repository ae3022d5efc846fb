// The cold start page's `?empty` mode (bench/cold-start.html): a module that fetches and
// instantiates an empty .wasm (bench/empty.wasm, the 8-byte header) the way the package's
// browser entry instantiates speclint's, so the page times the import, the fetch and the
// instantiation with no code to compile or run.
export async function load() {
  const { instance } = await WebAssembly.instantiateStreaming(fetch('/bench/empty.wasm'));
  return instance;
}
