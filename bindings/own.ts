// Lookups in records that came from JSON or TOML: a key such as
// "constructor" or "toString" is data there, never Object.prototype's.

/** `o[k]` if `o` has `k` as its own property, else undefined (also for an absent `o`). */
export function own<T>(o: Record<string, T> | undefined | null, k: string): T | undefined {
  return o != null && Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined;
}

/** `o[k] = v` as an own property, "__proto__" included (a plain assignment would set the prototype). */
export function setOwn<T>(o: Record<string, T>, k: string, v: T): void {
  if (k === "__proto__") Object.defineProperty(o, k, { value: v, writable: true, enumerable: true, configurable: true });
  else o[k] = v;
}
