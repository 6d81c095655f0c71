/* Scenario files for the native host (scenario.h). The checks, their order and
   their messages follow bindings/scenario.ts, so both hosts report the same
   first error; the encodings follow bindings/session.ts and scenario-scan.ts. */
#include "scenario.h"
#include "wire.h"
#include "hash.h"
#include "cairn-constants.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>

#define NO_NODE UINT32_MAX

/* ---- an index over one object's own keys (or a list's strings) ---------- */

static void index_build(const jdoc *d, uint32_t obj, jindex *ix) {
  memset(ix, 0, sizeof *ix);
  if (obj == NO_NODE) return;
  jmember *m;
  uint32_t n;
  if (d->nodes[obj].type == J_OBJECT) n = json_members(d, obj, &m);
  else if (d->nodes[obj].type == J_ARRAY) { /* a list of strings: each element is its own key and value */
    n = d->nodes[obj].len;
    m = malloc((n ? n : 1) * sizeof *m);
    if (!m) abort();
    for (uint32_t k = 0, i = obj + 1; k < n; k++, i = d->nodes[i].end) m[k].key = m[k].value = i;
  } else return;
  uint32_t size = 16;
  while (size < 2 * n) size <<= 1;
  ix->keys = malloc((n ? n : 1) * sizeof *ix->keys);
  ix->values = malloc((n ? n : 1) * sizeof *ix->values);
  ix->slots = malloc(size * sizeof *ix->slots);
  if (!ix->keys || !ix->values || !ix->slots) abort();
  memset(ix->slots, 0xff, size * sizeof *ix->slots);
  ix->mask = size - 1;
  ix->count = n;
  for (uint32_t i = 0; i < n; i++) {
    ix->keys[i] = m[i].key;
    ix->values[i] = m[i].value;
    char *scratch;
    uint32_t l;
    const char *p = json_str(d, m[i].key, &l, &scratch);
    uint32_t h = cairn_hash(p, l) & ix->mask;
    while (ix->slots[h] != NO_NODE) h = (h + 1) & ix->mask; /* unique after json_members; a list may repeat (harmless) */
    ix->slots[h] = i;
    free(scratch);
  }
  free(m);
}

static uint32_t index_get(const jdoc *d, const jindex *ix, const char *name, uint32_t len) {
  if (!ix->slots) return NO_NODE;
  uint32_t h = cairn_hash(name, len) & ix->mask;
  while (ix->slots[h] != NO_NODE) {
    uint32_t i = ix->slots[h];
    char *scratch;
    uint32_t l;
    const char *p = json_str(d, ix->keys[i], &l, &scratch);
    int eq = l == len && memcmp(p, name, len) == 0;
    free(scratch);
    if (eq) return ix->values[i];
    h = (h + 1) & ix->mask;
  }
  return NO_NODE;
}

static void index_free(jindex *ix) {
  free(ix->keys); free(ix->values); free(ix->slots);
  memset(ix, 0, sizeof *ix);
}

/* ---- checks --------------------------------------------------------------- */

typedef struct {
  const jdoc *d;
  scenario_error *err;
} checker;

static void describe(const jdoc *d, uint32_t node, char *out, size_t cap) {
  const jnode *x = &d->nodes[node];
  switch (x->type) {
    case J_NULL: snprintf(out, cap, "null"); break;
    case J_ARRAY: snprintf(out, cap, "a list"); break;
    case J_OBJECT: snprintf(out, cap, "an object"); break;
    case J_TRUE: snprintf(out, cap, "boolean true"); break;
    case J_FALSE: snprintf(out, cap, "boolean false"); break;
    case J_NUMBER: snprintf(out, cap, "number %.*s", (int)x->len, d->text + x->start); break;
    default: snprintf(out, cap, "string \"%.*s\"", (int)(x->len > 200 ? 200 : x->len), d->text + x->start);
  }
}

static int failf(checker *c, const char *path, const char *hint, const char *fmt, ...) {
  scenario_error *e = c->err;
  e->code = "E_SCENARIO";
  snprintf(e->path, sizeof e->path, "%s", path);
  e->hint = hint;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(e->message, sizeof e->message, fmt, ap);
  va_end(ap);
  return -1;
}

/* `${path}.${key}` */
static void join(char *out, size_t cap, const char *path, const jdoc *d, uint32_t key) {
  char *scratch;
  uint32_t l;
  const char *p = json_str(d, key, &l, &scratch);
  snprintf(out, cap, "%s.%.*s", path, (int)l, p);
  free(scratch);
}

/* Where a value is: a chain of segments on the C stack, printed as a field path
   (`registry.a.1.0.0.b`, `yanked.a[2]`) only when the value is wrong. Building
   the string for every value was half the time of reading a large scenario. */
typedef struct seg {
  const struct seg *up;
  const char *name; /* a top-level field, or NULL */
  uint32_t key;     /* a member's key node, when name is NULL and index < 0 */
  int32_t index;    /* a list position, or -1 */
} seg;
#define FIELD(n) (&(const seg){ NULL, (n), 0, -1 })

static void render(const jdoc *d, const seg *s, char *out, size_t cap) {
  if (s->up) render(d, s->up, out, cap);
  else out[0] = 0;
  size_t l = strlen(out);
  if (s->name) snprintf(out + l, cap - l, "%s", s->name);
  else if (s->index >= 0) snprintf(out + l, cap - l, "[%d]", s->index);
  else {
    char *scratch;
    uint32_t kl;
    const char *p = json_str(d, s->key, &kl, &scratch);
    snprintf(out + l, cap - l, ".%.*s", (int)kl, p);
    free(scratch);
  }
}

static int want(checker *c, uint32_t node, jtype type, const seg *at, const char *what) {
  if (c->d->nodes[node].type == type) return 0;
  char path[512], found[256];
  render(c->d, at, path, sizeof path);
  describe(c->d, node, found, sizeof found);
  return failf(c, path, NULL, "`%s` must be %s, found %s", path, what, found);
}
static int want_obj(checker *c, uint32_t node, const seg *at) { return want(c, node, J_OBJECT, at, "an object"); }
static int want_str(checker *c, uint32_t node, const seg *at) { return want(c, node, J_STRING, at, "a string"); }

/* For every member of the object at node (which must be an object): fn(member, where). */
typedef int (*member_fn)(checker *c, uint32_t value, const seg *at);

static int each(checker *c, uint32_t node, const seg *at, member_fn fn) {
  if (want_obj(c, node, at)) return -1;
  jmember *m;
  uint32_t n = json_members(c->d, node, &m);
  int rc = 0;
  for (uint32_t i = 0; i < n && rc == 0; i++) {
    seg sub = { at, NULL, m[i].key, -1 };
    rc = fn(c, m[i].value, &sub);
  }
  free(m);
  return rc;
}

static int check_str(checker *c, uint32_t v, const seg *at) { return want_str(c, v, at); }
static int check_deps(checker *c, uint32_t v, const seg *at) { return each(c, v, at, check_str); }
static int check_str_list(checker *c, uint32_t v, const seg *at) {
  if (want(c, v, J_ARRAY, at, "a list of strings")) return -1;
  uint32_t i = v + 1;
  for (uint32_t k = 0; k < c->d->nodes[v].len; k++) {
    seg sub = { at, NULL, 0, (int32_t)k };
    if (want_str(c, i, &sub)) return -1;
    i = c->d->nodes[i].end;
  }
  return 0;
}
static int check_versions(checker *c, uint32_t v, const seg *at) { return each(c, v, at, check_deps); }
static int check_feature_map(checker *c, uint32_t v, const seg *at) { return each(c, v, at, check_deps); }
static int check_features_pkg(checker *c, uint32_t v, const seg *at) { return each(c, v, at, check_feature_map); }
static int check_dep_feature_map(checker *c, uint32_t v, const seg *at) { return each(c, v, at, check_str_list); }
static int check_dep_features_pkg(checker *c, uint32_t v, const seg *at) { return each(c, v, at, check_dep_feature_map); }

static const char *const ENUM_KEYS[] = { "prerelease", "versions", "policy", "cycles", "missing_feature" };
static const char *const ENUM_VALUES[][3] = {
  { "npm", "include", "fallback" }, { "highest", "lowest", NULL }, { "single", "cargo", NULL },
  { "allow", "forbid", NULL }, { "ignore", "error", NULL },
};
static const uint32_t ENUM_OPT[] = { OPT_PRERELEASE, OPT_VERSIONS, OPT_POLICY, OPT_CYCLES, OPT_MISSING_FEATURE };

static int check_options(checker *c, uint32_t node, uint32_t *max_steps) {
  if (want_obj(c, node, FIELD("options"))) return -1;
  jmember *m;
  uint32_t n = json_members(c->d, node, &m);
  char path[512], found[256];
  for (uint32_t i = 0; i < n; i++) {
    join(path, sizeof path, "options", c->d, m[i].key);
    const char *k = path + 8;
    if (!json_str_eq(c->d, m[i].key, k)) k = "\x01"; /* NUL or truncation inside the key: matches no option */
    uint32_t v = m[i].value;
    const jnode *x = &c->d->nodes[v];
    int known = 0;
    for (int e = 0; e < 5; e++) {
      if (strcmp(k, ENUM_KEYS[e]) != 0) continue;
      known = 1;
      int ok = 0;
      for (int a = 0; a < 3 && ENUM_VALUES[e][a]; a++) ok |= x->type == J_STRING && json_str_eq(c->d, v, ENUM_VALUES[e][a]);
      if (!ok) {
        char allowed[128] = "";
        for (int a = 0; a < 3 && ENUM_VALUES[e][a]; a++)
          snprintf(allowed + strlen(allowed), sizeof allowed - strlen(allowed), "%s\"%s\"", a ? ", " : "", ENUM_VALUES[e][a]);
        describe(c->d, v, found, sizeof found);
        free(m);
        return failf(c, path, NULL, "`%s` must be one of %s, found %s", path, allowed, found);
      }
    }
    if (known) continue;
    if (strcmp(k, "exact_only") == 0) {
      if (x->type != J_TRUE && x->type != J_FALSE) {
        describe(c->d, v, found, sizeof found);
        free(m);
        return failf(c, path, NULL, "`options.exact_only` must be true or false, found %s", found);
      }
    } else if (strcmp(k, "max_steps") == 0) {
      double num = x->type == J_NUMBER ? strtod(c->d->text + x->start, NULL) : -1;
      if (x->type != J_NUMBER || num < 0 || num != floor(num) || !isfinite(num)) {
        describe(c->d, v, found, sizeof found);
        free(m);
        return failf(c, path, NULL, "`options.max_steps` must be a non-negative integer, found %s", found);
      }
      *max_steps = num > 4294967295.0 ? 0xffffffffu : (uint32_t)num;
    } else {
      free(m);
      return failf(c, path, "known options: prerelease, versions, policy, cycles, missing_feature, exact_only, max_steps",
                   "unknown option `%s`", path + 8);
    }
  }
  free(m);
  return 0;
}

int scenario_load(scenario *s, const char *text, size_t size, scenario_error *err) {
  memset(s, 0, sizeof *s);
  memset(err, 0, sizeof *err);
  checker c = { &s->doc, err };
  /* A UTF-8 byte order mark is skipped, as the bindings' TextDecoder does. */
  if (size >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0) { text += 3; size -= 3; }
  if (json_parse(&s->doc, text, size) != 0) {
    err->code = "E_SCENARIO";
    json_line_col(&s->doc, s->doc.err_offset, &err->line, &err->col);
    if (s->doc.err_found[0]) snprintf(err->message, sizeof err->message, "not valid JSON: %s, found %s", s->doc.err, s->doc.err_found);
    else snprintf(err->message, sizeof err->message, "not valid JSON: %s, but the text ends", s->doc.err);
    err->hint = "a scenario is a JSON object with `registry` and `root` (docs/SCENARIO.md)";
    return -1;
  }
  const jdoc *d = &s->doc;
  if (want_obj(&c, 0, FIELD("(top level)"))) return -1;
  uint32_t *fields[] = { &s->registry, &s->root, &s->root_dev, &s->overrides, &s->locked, &s->yanked, &s->features,
                         &s->root_features, &s->dep_features, &s->target_deps, &s->root_target_deps, &s->options,
                         &s->root_name, &s->root_version, &s->target };
  const char *names[] = { "registry", "root", "root_dev", "overrides", "locked", "yanked", "features", "root_features",
                          "dep_features", "target_deps", "root_target_deps", "options", "root_name", "root_version", "target" };
  for (unsigned i = 0; i < sizeof fields / sizeof *fields; i++) *fields[i] = NO_NODE;
  jmember *top;
  uint32_t n = json_members(d, 0, &top);
  for (uint32_t i = 0; i < n; i++)
    for (unsigned f = 0; f < sizeof fields / sizeof *fields; f++)
      if (json_str_eq(d, top[i].key, names[f])) *fields[f] = top[i].value;
  free(top);
  if (s->registry == NO_NODE)
    return failf(&c, "registry", "add `\"registry\": {}` (packages → versions → dependencies)", "the scenario has no `registry`");
  if (s->root == NO_NODE) return failf(&c, "root", "add `\"root\": {\"pkg\": \"^1.0.0\"}`", "the scenario has no `root`");
  if (each(&c, s->registry, FIELD("registry"), check_versions)) return -1;
  if (check_deps(&c, s->root, FIELD("root"))) return -1;
  if (s->root_dev != NO_NODE && check_deps(&c, s->root_dev, FIELD("root_dev"))) return -1;
  if (s->overrides != NO_NODE && check_deps(&c, s->overrides, FIELD("overrides"))) return -1;
  if (s->locked != NO_NODE && check_deps(&c, s->locked, FIELD("locked"))) return -1;
  if (s->root_name != NO_NODE && want_str(&c, s->root_name, FIELD("root_name"))) return -1;
  if (s->root_version != NO_NODE && want_str(&c, s->root_version, FIELD("root_version"))) return -1;
  if (s->target != NO_NODE && want_str(&c, s->target, FIELD("target"))) return -1;
  if (s->yanked != NO_NODE && each(&c, s->yanked, FIELD("yanked"), check_str_list)) return -1;
  if (s->root_features != NO_NODE && each(&c, s->root_features, FIELD("root_features"), check_str_list)) return -1;
  if (s->features != NO_NODE && each(&c, s->features, FIELD("features"), check_features_pkg)) return -1;
  if (s->dep_features != NO_NODE && each(&c, s->dep_features, FIELD("dep_features"), check_dep_features_pkg)) return -1;
  if (s->target_deps != NO_NODE && each(&c, s->target_deps, FIELD("target_deps"), check_features_pkg)) return -1;
  if (s->root_target_deps != NO_NODE && each(&c, s->root_target_deps, FIELD("root_target_deps"), check_deps)) return -1;
  if (s->options != NO_NODE && check_options(&c, s->options, &s->max_steps)) return -1;
  index_build(d, s->registry, &s->packages);
  index_build(d, s->yanked, &s->yanked_ix);
  index_build(d, s->features, &s->features_ix);
  index_build(d, s->dep_features, &s->dep_features_ix);
  index_build(d, s->target_deps, &s->target_deps_ix);
  return 0;
}

void scenario_free(scenario *s) {
  index_free(&s->packages); index_free(&s->yanked_ix); index_free(&s->features_ix);
  index_free(&s->dep_features_ix); index_free(&s->target_deps_ix);
  json_free(&s->doc);
}

/* ---- encoding --------------------------------------------------------------- */

static uint32_t put_str(wire_writer *w, const jdoc *d, uint32_t node) {
  char *scratch;
  uint32_t l;
  const char *p = json_str(d, node, &l, &scratch);
  uint32_t i = wire_str(w, p, l);
  free(scratch);
  return i;
}

/* The value of a key given as a node of another document object, through its
   index (a linear scan per lookup was quadratic: versions × entries). */
static uint32_t get_by_node(const jdoc *d, const jindex *ix, uint32_t key) {
  if (!ix || !ix->slots) return NO_NODE;
  char *scratch;
  uint32_t l;
  const char *p = json_str(d, key, &l, &scratch);
  uint32_t found = index_get(d, ix, p, l);
  free(scratch);
  return found;
}

static void put_str_list(wire_writer *w, const jdoc *d, uint32_t list) {
  if (list == NO_NODE) { wire_word(w, 0); return; }
  wire_word(w, d->nodes[list].len);
  uint32_t i = list + 1;
  for (uint32_t k = 0; k < d->nodes[list].len; k++) {
    wire_word(w, put_str(w, d, i));
    i = d->nodes[i].end;
  }
}

/* Dependency records of one {dep: range} object; returns how many. `kind` is
   written after `when` in root dependencies (NO_KIND in metadata); `features`
   maps a dependency to the features requested of it. */
#define NO_KIND UINT32_MAX
static uint32_t put_deps(wire_writer *w, const jdoc *d, uint32_t deps, uint32_t when, uint32_t kind, const jindex *features) {
  jmember *m;
  uint32_t n = json_members(d, deps, &m);
  for (uint32_t i = 0; i < n; i++) {
    wire_word(w, put_str(w, d, m[i].key));
    wire_word(w, put_str(w, d, m[i].value));
    wire_word(w, when == NO_NODE ? NONE : put_str(w, d, when));
    if (kind != NO_KIND) wire_word(w, kind);
    if (!features) wire_word(w, 0);
    else put_str_list(w, d, get_by_node(d, features, m[i].key));
  }
  free(m);
  return n;
}

static const uint32_t *option_value(const scenario *s, const char *key, uint32_t *out) {
  uint32_t v = json_get(&s->doc, s->options, key);
  if (v == NO_NODE) return NULL;
  for (int e = 0; e < 5; e++) {
    if (strcmp(key, ENUM_KEYS[e]) != 0) continue;
    for (uint32_t a = 0; a < 3 && ENUM_VALUES[e][a]; a++)
      if (json_str_eq(&s->doc, v, ENUM_VALUES[e][a])) { *out = a; return out; }
  }
  return NULL;
}

uint8_t *scenario_request(const scenario *s, uint32_t budget, uint32_t *len) {
  const jdoc *d = &s->doc;
  wire_writer w;
  wire_init(&w);
  uint32_t pairs[32][2], np = 0, v;
  if (s->options != NO_NODE) {
    for (int e = 0; e < 5; e++)
      if (option_value(s, ENUM_KEYS[e], &v)) { pairs[np][0] = ENUM_OPT[e]; pairs[np++][1] = v; }
    uint32_t x = json_get(d, s->options, "exact_only");
    if (x != NO_NODE && d->nodes[x].type == J_TRUE) { pairs[np][0] = OPT_EXACT_ONLY; pairs[np++][1] = 1; }
  }
  if (budget) { pairs[np][0] = OPT_MAX_STEPS; pairs[np++][1] = budget; }
  if (s->root_name != NO_NODE) { pairs[np][0] = OPT_ROOT_NAME; pairs[np++][1] = put_str(&w, d, s->root_name); }
  if (s->root_version != NO_NODE) { pairs[np][0] = OPT_ROOT_VERSION; pairs[np++][1] = put_str(&w, d, s->root_version); }
  if (s->target != NO_NODE) { pairs[np][0] = OPT_TARGET; pairs[np++][1] = put_str(&w, d, s->target); }
  wire_word(&w, np);
  for (uint32_t i = 0; i < np; i++) { wire_word(&w, pairs[i][0]); wire_word(&w, pairs[i][1]); }

  /* root, root_dev, then root_target_deps; each with the root's features of it */
  uint32_t count = wire_reserve(&w);
  jindex rf, *rfp = NULL;
  if (s->root_features != NO_NODE) { index_build(d, s->root_features, &rf); rfp = &rf; }
  uint32_t nd = put_deps(&w, d, s->root, NO_NODE, DEP_NORMAL, rfp);
  if (s->root_dev != NO_NODE) nd += put_deps(&w, d, s->root_dev, NO_NODE, DEP_DEV, rfp);
  if (s->root_target_deps != NO_NODE) {
    jmember *tm;
    uint32_t nt = json_members(d, s->root_target_deps, &tm);
    for (uint32_t i = 0; i < nt; i++) nd += put_deps(&w, d, tm[i].value, tm[i].key, DEP_NORMAL, rfp);
    free(tm);
  }
  if (rfp) index_free(rfp);
  wire_set(&w, count, nd);
  uint32_t lists[2] = { s->overrides, s->locked };
  for (int k = 0; k < 2; k++) {
    if (lists[k] == NO_NODE) { wire_word(&w, 0); continue; }
    jmember *m;
    uint32_t n = json_members(d, lists[k], &m);
    wire_word(&w, n);
    for (uint32_t i = 0; i < n; i++) { wire_word(&w, put_str(&w, d, m[i].key)); wire_word(&w, put_str(&w, d, m[i].value)); }
    free(m);
  }
  return wire_finish(&w, KIND_SESSION_REQUEST, len);
}

static int list_has(const jdoc *d, const jindex *list, uint32_t version_key) {
  return get_by_node(d, list, version_key) != NO_NODE;
}

uint8_t *scenario_metadata(const scenario *s, const char *const *names, const uint32_t *lens, uint32_t count, uint32_t *len) {
  const jdoc *d = &s->doc;
  wire_writer w;
  wire_init(&w);
  wire_word(&w, count);
  for (uint32_t p = 0; p < count; p++) {
    wire_word(&w, wire_str(&w, names[p], lens[p]));
    uint32_t versions = index_get(d, &s->packages, names[p], lens[p]);
    wire_word(&w, versions != NO_NODE);
    if (versions == NO_NODE) { wire_word(&w, 0); continue; }
    uint32_t yanked = index_get(d, &s->yanked_ix, names[p], lens[p]);
    uint32_t features = index_get(d, &s->features_ix, names[p], lens[p]);
    uint32_t targets = index_get(d, &s->target_deps_ix, names[p], lens[p]);
    uint32_t dep_features = index_get(d, &s->dep_features_ix, names[p], lens[p]);
    jindex yx, fx, tx, dfx; /* per package, once: lookups by version are O(1) */
    index_build(d, yanked, &yx); index_build(d, features, &fx);
    index_build(d, targets, &tx); index_build(d, dep_features, &dfx);
    jmember *vs;
    uint32_t nv = json_members(d, versions, &vs);
    wire_word(&w, nv);
    for (uint32_t i = 0; i < nv; i++) {
      wire_word(&w, put_str(&w, d, vs[i].key));
      wire_word(&w, list_has(d, &yx, vs[i].key) ? VERSION_YANKED : 0);
      uint32_t df = get_by_node(d, &dfx, vs[i].key);
      uint32_t t = get_by_node(d, &tx, vs[i].key);
      jindex dfi, *dfp = NULL;
      if (df != NO_NODE) { index_build(d, df, &dfi); dfp = &dfi; }
      uint32_t dep_count = wire_reserve(&w);
      uint32_t nd = put_deps(&w, d, vs[i].value, NO_NODE, NO_KIND, dfp);
      if (t != NO_NODE) {
        jmember *tm;
        uint32_t nt = json_members(d, t, &tm);
        for (uint32_t k = 0; k < nt; k++) nd += put_deps(&w, d, tm[k].value, tm[k].key, NO_KIND, dfp);
        free(tm);
      }
      if (dfp) index_free(dfp);
      wire_set(&w, dep_count, nd);
      uint32_t f = get_by_node(d, &fx, vs[i].key);
      if (f == NO_NODE) { wire_word(&w, 0); continue; }
      jmember *fm;
      uint32_t nf = json_members(d, f, &fm);
      wire_word(&w, nf);
      for (uint32_t k = 0; k < nf; k++) {
        wire_word(&w, put_str(&w, d, fm[k].key));
        uint32_t c = wire_reserve(&w);
        wire_set(&w, c, put_deps(&w, d, fm[k].value, NO_NODE, NO_KIND, NULL));
      }
      free(fm);
    }
    free(vs);
    index_free(&yx); index_free(&fx); index_free(&tx); index_free(&dfx);
  }
  return wire_finish(&w, KIND_METADATA, len);
}
