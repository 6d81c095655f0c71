/* The derivation tree for the native host (tree.h). Ranges are printed as the
   bindings print them (bindings/explain/ranges.ts): the simplest range over
   the versions that exist. */
#include "tree.h"
#include "cairn-constants.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void sb_add(strbuf *b, const char *s, size_t n) {
  if (b->len + n + 1 > b->cap) {
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + n + 1) cap *= 2;
    char *t = realloc(b->text, cap);
    if (!t) abort();
    b->text = t;
    b->cap = cap;
  }
  memcpy(b->text + b->len, s, n);
  b->len += n;
  b->text[b->len] = 0;
}

void sb_printf(strbuf *b, const char *fmt, ...) {
  char tmp[1024];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
  va_end(ap);
  if (n < 0) return;
  if ((size_t)n < sizeof tmp) { sb_add(b, tmp, (size_t)n); return; }
  char *big = malloc((size_t)n + 1);
  if (!big) abort();
  va_start(ap, fmt);
  vsnprintf(big, (size_t)n + 1, fmt, ap);
  va_end(ap);
  sb_add(b, big, (size_t)n);
  free(big);
}

typedef struct {
  char *name, *base, *label;
  uint32_t kind, nversions;
  char **versions;
} package_t;
typedef struct { uint32_t package, positive, nintervals; uint32_t *intervals; } term_t;
typedef struct { uint32_t cause, a, b, nterms; char *label; term_t *terms; } node_t;

static char *copy(const wire_reader *r, uint32_t i) {
  uint32_t l;
  const char *p = wire_string(r, i, &l);
  char *o = malloc((size_t)l + 1);
  if (!o) abort();
  memcpy(o, p, l);
  o[l] = 0;
  return o;
}

static void triple(const char *v, unsigned long t[3]) {
  t[0] = t[1] = t[2] = 0;
  if (*v == 'v') v++;
  for (int k = 0; k < 3; k++) {
    if (*v < '0' || *v > '9') { t[0] = t[1] = t[2] = 0; return; }
    t[k] = strtoul(v, (char **)&v, 10);
    if (k < 2) { if (*v != '.') { t[0] = t[1] = t[2] = 0; return; } v++; }
  }
}
static int cmp3(const unsigned long a[3], const unsigned long b[3]) {
  for (int k = 0; k < 3; k++) if (a[k] != b[k]) return a[k] < b[k] ? -1 : 1;
  return 0;
}

static void interval(strbuf *b, const package_t *p, uint32_t lo, uint32_t hi) {
  uint32_t n = p->nversions;
  if (hi > n) hi = n; /* half-open over the package's versions: never read versions[n] or past it */
  if (lo == 0 && hi >= n) return; /* every version: "" */
  if (hi == lo + 1 && lo < n) { sb_printf(b, "%s", p->versions[lo]); return; }
  if (lo < n && hi >= 1) {
    unsigned long first[3], up[3], last[3], next[3];
    triple(p->versions[lo], first);
    up[0] = first[0] > 0 ? first[0] + 1 : 0;
    up[1] = first[0] > 0 ? 0 : first[1] > 0 ? first[1] + 1 : 0;
    up[2] = first[0] > 0 || first[1] > 0 ? 0 : first[2] + 1;
    triple(p->versions[hi - 1], last);
    int last_inside = cmp3(last, up) < 0, next_outside = 1;
    if (hi < n) { triple(p->versions[hi], next); next_outside = cmp3(next, up) >= 0; }
    if (last_inside && next_outside && (lo > 0 || hi < n) && !strchr(p->versions[lo], '-')) {
      sb_printf(b, "^%s", p->versions[lo]);
      return;
    }
  }
  if (lo > 0 && lo < n) sb_printf(b, ">=%s", p->versions[lo]);
  if (hi < n) sb_printf(b, "%s<%s", lo > 0 ? " " : "", p->versions[hi]);
}

/* "name range" of a term, as the bindings name it */
static void term_text(strbuf *b, const package_t *pk, const term_t *t) {
  const package_t *p = &pk[t->package];
  const char *name = p->kind == PKG_LINE || p->kind == PKG_RANGE ? p->base : p->name;
  strbuf r = { 0 };
  if (t->nintervals == 0) sb_printf(&r, "<none>");
  for (uint32_t i = 0; i < t->nintervals; i++) {
    if (i) sb_printf(&r, " || ");
    interval(&r, p, t->intervals[2 * i], t->intervals[2 * i + 1]);
  }
  const char *range = r.len ? r.text : "";
  if (!r.len && p->kind == PKG_RANGE) range = p->label;
  char line[256] = "";
  if (!r.len && p->kind == PKG_LINE) {
    int dots = 0;
    for (const char *c = p->label; *c; c++) dots += *c == '.';
    snprintf(line, sizeof line, dots == 2 ? "%s" : "%s.x", p->label);
    range = line;
  }
  if (p->kind == PKG_ROOT) sb_printf(b, "the root");
  else if (*range) sb_printf(b, "%s %s", name, range);
  else sb_printf(b, "%s", name);
  free(r.text);
}

/* What an incompatibility says, in words. */
static void node_text(strbuf *b, const package_t *pk, uint32_t np, const node_t *n) {
  const term_t *t = n->terms;
  strbuf x = { 0 }, y = { 0 };
  if (n->nterms >= 1) term_text(&x, pk, &t[0]);
  if (n->nterms >= 2) term_text(&y, pk, &t[1]);
  const char *a = x.len ? x.text : "", *c = y.len ? y.text : "";
  switch (n->cause) {
    case CAUSE_ROOT: sb_printf(b, "the root is required"); break;
    case CAUSE_DEPENDENCY:
      if (n->nterms == 2) sb_printf(b, "%s depends on %s", a, c);
      else sb_printf(b, "%s depends on %s %s", a, n->a < np ? pk[n->a].name : "?", n->label);
      break;
    case CAUSE_NO_VERSIONS: sb_printf(b, "no versions of %s exist", a); break;
    case CAUSE_UNKNOWN_PACKAGE: sb_printf(b, "%s depends on %s, which doesn't exist", a, n->a < np ? pk[n->a].name : "?"); break;
    case CAUSE_DEP_NO_MATCH: sb_printf(b, "%s depends on %s %s, which matches no version", a, n->a < np ? pk[n->a].name : "?", n->label); break;
    case CAUSE_YANKED: sb_printf(b, "%s is yanked", a); break;
    case CAUSE_MISSING_FEATURE: sb_printf(b, "%s has no feature \"%s\"", a, n->label); break;
    case CAUSE_CYCLE: sb_printf(b, "%s%s%s form a dependency cycle", a, n->nterms > 1 ? " and " : "", c); break;
    case CAUSE_ROOT_VERSION: sb_printf(b, "%s depends on the root %s, which the root's version doesn't satisfy", a, n->label); break;
    default: {
      /* positive terms must not all hold with the negations of the others */
      uint32_t npos = 0, ipos = 0;
      for (uint32_t i = 0; i < n->nterms; i++) if (t[i].positive) { npos++; ipos = i; }
      if (n->nterms == 0 || (n->nterms == 1 && t[0].positive && pk[t[0].package].kind == PKG_ROOT)) {
        sb_printf(b, "version solving failed");
        break;
      }
      if (npos == 0) sb_printf(b, n->nterms > 1 ? "either " : "");
      else if (npos == 1) {
        term_text(b, pk, &t[ipos]);
        sb_printf(b, n->nterms == 1 ? " is forbidden" : " requires ");
      } else {
        for (uint32_t i = 0, k = 0; i < n->nterms; i++) {
          if (!t[i].positive) continue;
          sb_printf(b, k++ ? " and " : "");
          term_text(b, pk, &t[i]);
        }
        sb_printf(b, n->nterms == npos ? " are incompatible" : " together require ");
      }
      for (uint32_t i = 0, k = 0; i < n->nterms; i++) {
        if (t[i].positive) continue;
        sb_printf(b, k++ ? (npos ? " or " : " or ") : "");
        term_text(b, pk, &t[i]);
      }
      if (npos == 0 && n->nterms == 1) sb_printf(b, " is required");
    }
  }
  free(x.text);
  free(y.text);
}

static int by_name(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int tree_explain(wire_reader *r, char ***out_packages, uint32_t *out_count, strbuf *ex) {
  uint32_t np = wire_next(r);
  if (np > r->nwords) return -1;
  package_t *pk = calloc(np ? np : 1, sizeof *pk);
  for (uint32_t i = 0; i < np; i++) {
    pk[i].name = copy(r, wire_next(r));
    pk[i].kind = wire_next(r);
    pk[i].base = copy(r, wire_next(r));
    pk[i].label = copy(r, wire_next(r));
    pk[i].nversions = wire_next(r);
    if (pk[i].nversions > r->nwords) return -1;
    pk[i].versions = malloc((pk[i].nversions ? pk[i].nversions : 1) * sizeof(char *));
    for (uint32_t k = 0; k < pk[i].nversions; k++) pk[i].versions[k] = copy(r, wire_next(r));
  }
  uint32_t nn = wire_next(r);
  if (nn > r->nwords) return -1;
  node_t *nodes = calloc(nn ? nn : 1, sizeof *nodes);
  for (uint32_t i = 0; i < nn; i++) {
    node_t *n = &nodes[i];
    n->cause = wire_next(r);
    n->a = wire_next(r);
    n->b = wire_next(r);
    n->label = copy(r, wire_next(r));
    n->nterms = wire_next(r);
    if (n->nterms > r->nwords) return -1;
    n->terms = calloc(n->nterms ? n->nterms : 1, sizeof *n->terms);
    for (uint32_t k = 0; k < n->nterms; k++) {
      term_t *t = &n->terms[k];
      t->package = wire_next(r);
      t->positive = wire_next(r) == 1;
      t->nintervals = wire_next(r);
      if (t->package >= np || t->nintervals > r->nwords) return -1;
      t->intervals = malloc((t->nintervals ? 2 * (size_t)t->nintervals : 1) * sizeof(uint32_t));
      for (uint32_t j = 0; j < 2 * t->nintervals; j++) t->intervals[j] = wire_next(r);
    }
  }
  /* involved packages: the terms' packages and the targets of external causes */
  char **names = malloc((np ? np : 1) * sizeof *names);
  uint32_t count = 0;
  char *seen = calloc(np ? np : 1, 1);
  for (uint32_t i = 0; i < nn; i++) {
    for (uint32_t k = 0; k <= nodes[i].nterms; k++) {
      uint32_t p = k < nodes[i].nterms ? nodes[i].terms[k].package
                   : nodes[i].cause != CAUSE_DERIVED && nodes[i].a != NONE ? nodes[i].a : UINT32_MAX;
      if (p >= np || seen[p] || pk[p].kind == PKG_ROOT) continue;
      seen[p] = 1;
      int dup = 0;
      for (uint32_t j = 0; j < count; j++) dup |= strcmp(names[j], pk[p].base) == 0;
      if (!dup) names[count++] = strdup(pk[p].base);
    }
  }
  qsort(names, count, sizeof *names, by_name);
  *out_packages = names;
  *out_count = count;
  /* one numbered line per derived step, in order; external facts inline */
  uint32_t *number = calloc(nn ? nn : 1, sizeof *number), next = 1;
  for (uint32_t i = 0; i < nn; i++) {
    node_t *n = &nodes[i];
    if (n->cause != CAUSE_DERIVED || n->a >= nn || n->b >= nn) continue;
    int last = i + 1 == nn;
    size_t line_start = ex->len;
    sb_printf(ex, last ? "So, because " : "(%u) Because ", next);
    for (int side = 0; side < 2; side++) {
      uint32_t c = side ? n->b : n->a;
      /* ", and" after a relative clause ("…, which doesn't exist") */
      if (side) sb_printf(ex, strstr(ex->text + line_start, ", which") ? ", and " : " and ");
      if (nodes[c].cause == CAUSE_DERIVED && number[c]) sb_printf(ex, "(%u)", number[c]);
      else node_text(ex, pk, np, &nodes[c]);
    }
    sb_printf(ex, ", ");
    node_text(ex, pk, np, n);
    sb_printf(ex, last ? ".\n" : ".\n");
    if (!last) number[i] = next++;
  }
  if (nn > 0 && nodes[nn - 1].cause != CAUSE_DERIVED) {
    sb_printf(ex, "Because ");
    node_text(ex, pk, np, &nodes[nn - 1]);
    sb_printf(ex, ", version solving failed.\n");
  }
  if (ex->len && ex->text[ex->len - 1] == '\n') ex->text[--ex->len] = 0;
  free(number);
  free(seen);
  for (uint32_t i = 0; i < nn; i++) {
    for (uint32_t k = 0; k < nodes[i].nterms; k++) free(nodes[i].terms[k].intervals);
    free(nodes[i].terms);
    free(nodes[i].label);
  }
  free(nodes);
  for (uint32_t i = 0; i < np; i++) {
    for (uint32_t k = 0; k < pk[i].nversions; k++) free(pk[i].versions[k]);
    free(pk[i].versions); free(pk[i].name); free(pk[i].base); free(pk[i].label);
  }
  free(pk);
  return 0;
}
