// Prints a set of version indices as the simplest range that selects exactly
// those of the versions that exist: "any", "1.2.0", "^1.2.0", ">=1.2.0 <1.5.0",
// joined with "||" for several intervals. This is what keeps explanations free
// of pubgrub's raw "<1 | >1, <2 | >2…" holes.

type Triple = [number, number, number];

function triple(v: string): Triple {
  const m = /^v?(\d+)\.(\d+)\.(\d+)/.exec(v);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [0, 0, 0];
}

function cmp(a: Triple, b: Triple): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

function caretUpper(t: Triple): Triple {
  if (t[0] > 0) return [t[0] + 1, 0, 0];
  if (t[1] > 0) return [0, t[1] + 1, 0];
  return [0, 0, t[2] + 1];
}

function interval(versions: string[], lo: number, hi: number): string {
  const n = versions.length;
  if (lo <= 0 && hi >= n) return "";
  if (hi === lo + 1) return versions[lo]!;
  if (lo > 0 || lo === 0) {
    const first = versions[lo]!;
    const up = caretUpper(triple(first));
    const lastInside = cmp(triple(versions[hi - 1]!), up) < 0;
    const nextOutside = hi >= n || cmp(triple(versions[hi]!), up) >= 0;
    // A caret only reads well when it starts at the range's first version.
    if (lastInside && nextOutside && (lo > 0 || hi < n) && !/-/.test(first)) return `^${first}`;
  }
  const parts: string[] = [];
  if (lo > 0) parts.push(`>=${versions[lo]}`);
  if (hi < n) parts.push(`<${versions[hi]}`);
  return parts.join(" ");
}

/** Simplest range text for index intervals [[lo, hi), …] over `versions`; "" means every version. */
export function simplifyRange(versions: string[], intervals: [number, number][]): string {
  if (intervals.length === 0) return "<none>";
  return intervals.map(([lo, hi]) => interval(versions, lo, hi)).join(" || ");
}
