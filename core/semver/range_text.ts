// Conjunction of two ranges as one range text: every comparator set of one
// joined with every set of the other ("*" or an empty set adds nothing).
// This is how a platform-specific requirement on a package the ordinary
// dependencies already name is folded in (the corpus's reference checker does
// the same): the two become one requirement, and node-semver's prerelease rule
// then applies to the joined set — `^1.0.0-beta.1` with `*` still admits
// 1.0.0-beta.1, where two separate requirements would not.
export function intersectRangeText(a: string, b: string): string {
  const sa = a.split("||");
  const sb = b.split("||");
  const out = new Array<string>();
  for (let i = 0; i < sa.length; i++) {
    let x = sa[i].trim();
    if (x.length == 0) x = "*";
    for (let k = 0; k < sb.length; k++) {
      let y = sb[k].trim();
      if (y.length == 0) y = "*";
      const s = x == "*" ? y : y == "*" ? x : x + " " + y;
      if (!out.includes(s)) out.push(s);
    }
  }
  return out.join(" || ");
}
