// Batch hashing, scalar: `n` independent messages described by (u32 ptr,
// u32 len) pairs at `desc`; digest i goes to out + 32·i. One Wasm crossing for
// the whole batch is what makes many small digests cheap.
import { sha256Into } from "./sha256";

export function sha256ManyScalar(desc: usize, n: usize, out: usize): void {
  for (let i: usize = 0; i < n; i++) {
    const d = desc + (i << 3);
    sha256Into(<usize>load<u32>(d), <usize>load<u32>(d, 4), out + (i << 5));
  }
}
