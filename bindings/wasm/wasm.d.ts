// esbuild's `binary` loader (bundles) and the vitest plugin in vitest.config.ts
// both turn a `.wasm` import into its bytes.
declare module "*.wasm" {
  const bytes: Uint8Array<ArrayBuffer>;
  export default bytes;
}
