/*
 * cairn-solve: the native way in. Resolves a scenario file (docs/SCENARIO.md)
 * with the cairn core compiled to C by wasm2c, no JavaScript engine involved:
 * the same core, the same session ABI (docs/ABI.md) and the same answers as
 * `cairn solve`, for hosts where Node is too heavy or absent, and as the
 * reference for embedding cairn in a toolchain written in C, Rust or Go.
 *
 *   cairn-solve FILE [--json] [--max-steps N]      (FILE may be - for stdin)
 *
 * Output and exit codes are those of `cairn solve` (docs/CLI.md); a failed
 * resolution is explained as numbered steps of the derivation tree.
 * Built by scripts/build-native.mjs (wasm2c + a C compiler).
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "cairn.h"
#include "wasm-rt-impl.h"
#include "cairn-constants.h"
#include "json.h"
#include "scenario.h"
#include "tree.h"
#include "wire.h"

static Z_cairn_instance_t core;
static int json_out;
static const char *file_name;

/* ---- output ---------------------------------------------------------------- */

static void json_string(strbuf *b, const char *s, size_t n) {
  sb_add(b, "\"", 1);
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == '"' || c == '\\') { char e[2] = { '\\', (char)c }; sb_add(b, e, 2); }
    else if (c == '\n') sb_add(b, "\\n", 2);
    else if (c == '\r') sb_add(b, "\\r", 2);
    else if (c == '\t') sb_add(b, "\\t", 2);
    else if (c == '\b') sb_add(b, "\\b", 2);
    else if (c == '\f') sb_add(b, "\\f", 2);
    else if (c < 0x20) sb_printf(b, "\\u%04x", c);
    else sb_add(b, (const char *)&c, 1);
  }
  sb_add(b, "\"", 1);
}

static int exit_of(const char *code) {
  for (size_t i = 0; i < sizeof CAIRN_ERRORS / sizeof *CAIRN_ERRORS; i++)
    if (strcmp(CAIRN_ERRORS[i].name, code) == 0) return CAIRN_ERRORS[i].exit;
  return 70;
}
static const char *hint_of(const char *code) {
  for (size_t i = 0; i < sizeof CAIRN_ERRORS / sizeof *CAIRN_ERRORS; i++)
    if (strcmp(CAIRN_ERRORS[i].name, code) == 0) return CAIRN_ERRORS[i].hint;
  return NULL;
}
static const char *name_of(uint32_t number) {
  for (size_t i = 0; i < sizeof CAIRN_ERRORS / sizeof *CAIRN_ERRORS; i++)
    if (CAIRN_ERRORS[i].number == number) return CAIRN_ERRORS[i].name;
  return "E_INTERNAL";
}

typedef struct {
  const char *code;
  const char *message;
  char **packages;
  uint32_t npackages;
  const char *path;   /* or NULL */
  unsigned line, col; /* 0: none */
  const char *hint;   /* or NULL */
  int with_file;
} failure;

/* Prints a failure as `cairn solve` does; returns the exit code. */
static int report(const failure *f) {
  const char *hint = f->hint ? f->hint : hint_of(f->code);
  if (json_out) {
    strbuf b = { 0 };
    sb_printf(&b, "{\"ok\":false,\"error\":{\"code\":\"%s\",\"message\":", f->code);
    json_string(&b, f->message, strlen(f->message));
    sb_printf(&b, ",\"packages\":[");
    for (uint32_t i = 0; i < f->npackages; i++) {
      if (i) sb_add(&b, ",", 1);
      json_string(&b, f->packages[i], strlen(f->packages[i]));
    }
    sb_add(&b, "]", 1);
    if (f->with_file) { sb_printf(&b, ",\"file\":"); json_string(&b, file_name, strlen(file_name)); }
    if (f->line) sb_printf(&b, ",\"line\":%u,\"column\":%u", f->line, f->col);
    if (f->path) { sb_printf(&b, ",\"path\":"); json_string(&b, f->path, strlen(f->path)); }
    if (f->hint) { sb_printf(&b, ",\"hint\":"); json_string(&b, f->hint, strlen(f->hint)); } /* as `cairn solve --json`: explicit hints only */
    sb_add(&b, "}}\n", 3);
    fwrite(b.text, 1, b.len, stdout);
    free(b.text);
  } else {
    fprintf(stderr, "error[%s]: ", f->code);
    if (f->with_file) {
      fprintf(stderr, "%s", file_name);
      if (f->line) fprintf(stderr, ":%u:%u", f->line, f->col);
      if (f->path) fprintf(stderr, ": %s", f->path);
      fprintf(stderr, ": ");
    } else if (f->path) fprintf(stderr, "%s: ", f->path);
    if (strcmp(f->code, "E_NO_SOLUTION") == 0) fprintf(stderr, "no solution found:\n\n%s\n\n", f->message);
    else fprintf(stderr, "%s\n", f->message);
    if (hint) fprintf(stderr, "hint: %s\n", hint);
  }
  return exit_of(f->code);
}

/* ---- the core -------------------------------------------------------------- */

static uint32_t call_with_input(int feed, const uint8_t *msg, uint32_t len, uint32_t session) {
  uint32_t ptr = Z_cairnZ_alloc(&core, len);
  memcpy(Z_cairnZ_memory(&core)->data + ptr, msg, len); /* memory->data is re-read: alloc may grow it */
  uint32_t h = feed ? Z_cairnZ_session_feed(&core, ptr, len, session) : Z_cairnZ_session_new(&core, ptr, len);
  Z_cairnZ_dealloc(&core, ptr);
  return h;
}

/* A result copied out of core memory (then freed in the core). */
static uint8_t *take(uint32_t h, uint32_t *status, uint32_t *len) {
  *status = Z_cairnZ_result_status(&core, h);
  uint32_t p = Z_cairnZ_result_ptr(&core, h);
  *len = Z_cairnZ_result_len(&core, h);
  uint8_t *copy = malloc(*len ? *len : 1);
  if (!copy) abort();
  memcpy(copy, Z_cairnZ_memory(&core)->data + p, *len);
  Z_cairnZ_result_free(&core, h);
  return copy;
}

/* Where a core input error points, as a scenario field path (bindings/solve.ts pathOf). */
static void path_of(const char *detail, uint32_t n, char *out, size_t cap) {
  const char *f[5];
  uint32_t fl[5], nf = 0, start = 0;
  for (uint32_t i = 0; i <= n && nf < 5; i++)
    if (i == n || detail[i] == '\t') { f[nf] = detail + start; fl[nf++] = i - start; start = i + 1; }
  out[0] = 0;
  if (nf == 4 && fl[0] == 3 && memcmp(f[0], "dep", 3) == 0)
    snprintf(out, cap, "registry.%.*s.%.*s.%.*s", (int)fl[1], f[1], (int)fl[2], f[2], (int)fl[3], f[3]);
  else if (nf == 2 && fl[0] == 4 && memcmp(f[0], "root", 4) == 0) snprintf(out, cap, "root.%.*s", (int)fl[1], f[1]);
  else if (nf == 3 && fl[0] == 7 && memcmp(f[0], "version", 7) == 0)
    snprintf(out, cap, "registry.%.*s.%.*s", (int)fl[1], f[1], (int)fl[2], f[2]);
  else if (n == 12 && memcmp(detail, "root_version", 12) == 0) snprintf(out, cap, "root_version");
}

static int core_error(const uint8_t *res, uint32_t len) {
  wire_reader r;
  if (wire_read(&r, res, len) != 0) {
    failure f = { .code = "E_INTERNAL", .message = "the core answered with a malformed error" };
    return report(&f);
  }
  uint32_t code = wire_next(&r);
  wire_next(&r); /* position */
  uint32_t ml, dl;
  const char *m = wire_string(&r, wire_next(&r), &ml);
  const char *d = wire_string(&r, wire_next(&r), &dl);
  char *message = strndup(m, ml), path[600];
  if (!message) abort();
  path_of(d, dl, path, sizeof path);
  failure f = { .code = name_of(code), .message = message, .path = path[0] ? path : NULL, .with_file = path[0] != 0 };
  int rc = report(&f);
  free(message);
  return rc;
}

static int solved(wire_reader *r, uint32_t decisions, uint32_t conflicts, double ms) {
  uint32_t n = wire_next(r);
  const char **names = malloc((n ? n : 1) * sizeof *names), **vers = malloc((n ? n : 1) * sizeof *vers);
  uint32_t *nl = malloc((n ? n : 1) * sizeof *nl), *vl = malloc((n ? n : 1) * sizeof *vl);
  for (uint32_t i = 0; i < n; i++) {
    names[i] = wire_string(r, wire_next(r), &nl[i]);
    vers[i] = wire_string(r, wire_next(r), &vl[i]);
  }
  /* pairs come sorted by name, then version; a name repeats under the cargo policy */
  uint32_t *group = malloc((n + 1) * sizeof *group), ng = 0;
  for (uint32_t i = 0; i < n;) {
    group[ng++] = i;
    uint32_t j = i + 1;
    while (j < n && nl[j] == nl[i] && memcmp(names[j], names[i], nl[i]) == 0) j++;
    i = j;
  }
  group[ng] = n;
  strbuf b = { 0 };
  if (json_out) {
    /* JSON.stringify prints array-index names ("0", "12") first, in numeric order */
    uint32_t *order = malloc((ng ? ng : 1) * sizeof *order), no = 0;
    uint64_t *key = malloc((ng ? ng : 1) * sizeof *key);
    for (uint32_t g = 0; g < ng; g++) {
      uint64_t v;
      if (!json_array_index(names[group[g]], nl[group[g]], &v)) continue;
      uint32_t k = no++;
      while (k > 0 && key[k - 1] > v) { key[k] = key[k - 1]; order[k] = order[k - 1]; k--; }
      key[k] = v;
      order[k] = g;
    }
    for (uint32_t g = 0; g < ng; g++) { uint64_t v; if (!json_array_index(names[group[g]], nl[group[g]], &v)) order[no++] = g; }
    sb_add(&b, "{\"ok\":true,\"solution\":{", 23);
    for (uint32_t o = 0; o < ng; o++) {
      uint32_t i = group[order[o]], j = group[order[o] + 1];
      if (o) sb_add(&b, ",", 1);
      json_string(&b, names[i], nl[i]);
      sb_add(&b, ":", 1);
      if (j - i > 1) sb_add(&b, "[", 1);
      for (uint32_t k = i; k < j; k++) {
        if (k > i) sb_add(&b, ",", 1);
        json_string(&b, vers[k], vl[k]);
      }
      if (j - i > 1) sb_add(&b, "]", 1);
    }
    sb_add(&b, "}}\n", 3);
    free(order);
    free(key);
  } else {
    for (uint32_t g = 0; g < ng; g++) {
      uint32_t i = group[g], j = group[g + 1];
      sb_add(&b, names[i], nl[i]);
      sb_add(&b, " ", 1);
      for (uint32_t k = i; k < j; k++) {
        if (k > i) sb_add(&b, ", ", 2);
        sb_add(&b, vers[k], vl[k]);
      }
      sb_add(&b, "\n", 1);
    }
  }
  uint32_t distinct = ng;
  free(group);
  if (b.len) fwrite(b.text, 1, b.len, stdout);
  fprintf(stderr, "resolved %u packages in %.1f ms (%u decisions, %u conflicts)\n", distinct, ms, decisions, conflicts);
  free(b.text);
  free(names); free(vers); free(nl); free(vl);
  return 0;
}

static double now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

/* A request or metadata message past MAX_MESSAGE_BYTES, as the bindings word it. */
static int too_large(void) {
  char m[256];
  snprintf(m, sizeof m, "a wire message would be larger than %u MiB", MAX_MESSAGE_BYTES >> 20);
  failure f = { .code = "E_INPUT_TOO_LARGE", .message = m };
  return report(&f);
}

static int resolve(const scenario *s, uint32_t budget, double started) {
  uint32_t len, status, rlen;
  uint8_t *msg = scenario_request(s, budget, &len);
  if (!msg) return too_large();
  uint8_t *res = take(call_with_input(0, msg, len, 0), &status, &rlen);
  free(msg);
  if (status != STATUS_OK) { int rc = core_error(res, rlen); free(res); return rc; }
  wire_reader r;
  wire_read(&r, res, rlen);
  uint32_t session = wire_next(&r);
  free(res);
  for (;;) {
    res = take(Z_cairnZ_session_run(&core, session, 0), &status, &rlen);
    if (status == STATUS_ERROR) { int rc = core_error(res, rlen); free(res); return rc; }
    if (wire_read(&r, res, rlen) != 0) { free(res); failure f = { .code = "E_INTERNAL", .message = "the core answered with a malformed message" }; return report(&f); }
    wire_next(&r); /* steps */
    uint32_t decisions = wire_next(&r), conflicts = wire_next(&r);
    wire_next(&r); /* derivations */
    int rc;
    if (status == STATUS_OK) {
      rc = solved(&r, decisions, conflicts, now_ms() - started);
    } else if (status == STATUS_NO_SOLUTION) {
      char **packages = NULL;
      uint32_t np = 0;
      strbuf ex = { 0 };
      if (tree_explain(&r, &packages, &np, &ex) != 0) {
        failure f = { .code = "E_INTERNAL", .message = "the core answered with a malformed derivation tree" };
        rc = report(&f);
      } else {
        failure f = { .code = "E_NO_SOLUTION", .message = ex.text ? ex.text : "version solving failed", .packages = packages, .npackages = np };
        rc = report(&f);
      }
      for (uint32_t i = 0; i < np; i++) free(packages[i]);
      free(packages);
      free(ex.text);
    } else if (status == STATUS_LIMIT_REACHED) {
      char m[256];
      snprintf(m, sizeof m, "the resolver spent its budget of %u steps (%u decisions, %u conflicts) without an answer",
               budget ? budget : DEFAULT_MAX_STEPS, decisions, conflicts);
      failure f = { .code = "E_STEP_LIMIT", .message = m, .hint = "raise the budget with --max-steps (options.max_steps), or pin some dependencies" };
      rc = report(&f);
    } else if (status == STATUS_NEEDS_METADATA) {
      uint32_t n = wire_next(&r);
      const char **names = malloc((n ? n : 1) * sizeof *names);
      uint32_t *lens = malloc((n ? n : 1) * sizeof *lens);
      for (uint32_t i = 0; i < n; i++) names[i] = wire_string(&r, wire_next(&r), &lens[i]);
      msg = scenario_metadata(s, names, lens, n, &len);
      free(names);
      free(lens);
      free(res);
      if (!msg) { Z_cairnZ_session_free(&core, session); return too_large(); }
      uint8_t *fed = take(call_with_input(1, msg, len, session), &status, &rlen);
      free(msg);
      if (status != STATUS_OK) { rc = core_error(fed, rlen); free(fed); return rc; }
      free(fed);
      continue;
    } else {
      failure f = { .code = "E_INTERNAL", .message = "the core answered with an unknown status" };
      rc = report(&f);
    }
    free(res);
    Z_cairnZ_session_free(&core, session);
    return rc;
  }
}

static char *read_all(const char *path, size_t *size) {
  FILE *fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
  if (!fp) return NULL;
  size_t cap = 1 << 16, n = 0;
  char *buf = malloc(cap);
  if (!buf) { if (fp != stdin) fclose(fp); errno = ENOMEM; return NULL; }
  for (;;) {
    if (n == cap) { cap *= 2; char *b = realloc(buf, cap); if (!b) { free(buf); return NULL; } buf = b; }
    size_t got = fread(buf + n, 1, cap - n, fp);
    n += got;
    if (got == 0) break;
  }
  int bad = ferror(fp);
  if (fp != stdin) fclose(fp);
  if (bad) { free(buf); return NULL; }
  *size = n;
  return buf;
}

static int usage(const char *message) {
  failure f = { .code = "E_USAGE", .message = message, .hint = "cairn-solve scenario.json [--json] [--max-steps N]" };
  return report(&f);
}

int main(int argc, char **argv) {
  static uint32_t max_steps = 0; /* static: lives across the setjmp of wasm_rt_impl_try */
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--json") == 0) json_out = 1;
    else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
      printf("usage: cairn-solve FILE [--json] [--max-steps N]\n\n"
             "  FILE          a scenario JSON file (docs/SCENARIO.md), or - for standard input\n"
             "  --json        print {\"ok\":true,\"solution\":{...}} or {\"ok\":false,\"error\":{...}}\n"
             "  --max-steps N stop with E_STEP_LIMIT after N solver steps\n");
      return 0;
    } else if (strcmp(argv[i], "--max-steps") == 0 || strncmp(argv[i], "--max-steps=", 12) == 0) {
      const char *v = argv[i][11] == '=' ? argv[i] + 12 : i + 1 < argc ? argv[++i] : NULL;
      char *end;
      errno = 0;
      unsigned long n = v ? strtoul(v, &end, 10) : 0;
      if (!v || !*v || *end || errno || n == 0 || n > 0xffffffffUL || v[0] == '-') {
        char m[256];
        snprintf(m, sizeof m, "--max-steps needs a positive integer, not `%s`", v ? v : "");
        return usage(m);
      }
      max_steps = (uint32_t)n;
    } else if (argv[i][0] == '-' && argv[i][1] == '-') {
      char m[256];
      snprintf(m, sizeof m, "unknown flag `%s`", argv[i]);
      return usage(m);
    } else if (file_name) {
      char m[256];
      snprintf(m, sizeof m, "unexpected argument `%s`", argv[i]);
      return usage(m);
    } else file_name = argv[i];
  }
  if (!file_name) return usage("`cairn-solve` needs a scenario file");
  double started = now_ms();
  size_t size = 0;
  char *text = read_all(file_name, &size);
  if (!text) {
    char m[512];
    snprintf(m, sizeof m, "cannot read the scenario: %s", errno == ENOENT ? "no such file" : strerror(errno));
    failure f = { .code = "E_IO", .message = m, .with_file = 1,
                  .hint = errno == ENOENT ? "check the path; `-` reads the scenario from standard input" : NULL };
    return report(&f);
  }
  scenario s;
  scenario_error err;
  if (scenario_load(&s, text, size, &err) != 0) {
    failure f = { .code = err.code, .message = err.message, .path = err.path[0] ? err.path : NULL,
                  .line = err.line, .col = err.col, .hint = err.hint, .with_file = 1 };
    int rc = report(&f);
    scenario_free(&s);
    free(text);
    return rc;
  }
  uint32_t budget = max_steps ? max_steps : s.max_steps ? s.max_steps : DEFAULT_MAX_STEPS;
  wasm_rt_init();
  Z_cairn_init_module();
  Z_cairn_instantiate(&core);
  int rc;
  wasm_rt_trap_t trap = wasm_rt_impl_try();
  if (trap) {
    /* A trap is a bug in cairn; the instance is not used again. */
    uint32_t p = Z_cairnZ_last_error_ptr(&core), n = Z_cairnZ_last_error_len(&core);
    char m[1024];
    snprintf(m, sizeof m, "the core trapped (%s): %.*s", wasm_rt_strerror(trap), (int)(n < 900 ? n : 900),
             (const char *)Z_cairnZ_memory(&core)->data + p);
    failure f = { .code = "E_CORE_TRAP", .message = m };
    return report(&f);
  }
  rc = resolve(&s, budget, started);
  fflush(stdout);
  /* The process ends here: the OS reclaims the instance and the tape at once. */
  return rc;
}
