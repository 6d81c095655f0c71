/*
 * A non-JavaScript host for the cairn core: drives a whole resolution through
 * the documented ABI (docs/ABI.md, "Resolution sessions") using the C code that
 * wasm2c generates from build/cairn.wasm. It encodes the wire messages itself,
 * answers the core's metadata requests from a registry file, and prints the
 * outcome. test/hosts/c-host.test.ts builds it and checks it against solve().
 *
 * Registry file: tab-separated lines
 *   root <TAB> dep <TAB> range [<TAB> dep <TAB> range ...]
 *   pkg  <TAB> name <TAB> version [<TAB> dep <TAB> range ...]
 * Output: "solved" then "name version" lines, or "no-solution" then the
 * packages of the derivation tree, or "error <code> <message>".
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cairn.h"
#include "wasm-rt-impl.h"

#define NONE 0xffffffffu
enum { KIND_SESSION_REQUEST = 10, KIND_METADATA = 11 };
enum { STATUS_OK = 0, STATUS_ERROR = 1, STATUS_NEEDS = 2, STATUS_NO_SOLUTION = 3, STATUS_LIMIT = 4 };

/* ---- registry file ---------------------------------------------------- */
#define MAXF 64
typedef struct { int n; char *f[MAXF]; } line_t;
static line_t lines[4096];
static int nlines;

static void load(const char *path) {
  FILE *fp = fopen(path, "r");
  if (!fp) { perror(path); exit(2); }
  static char buf[1 << 16];
  while (fgets(buf, sizeof buf, fp)) {
    buf[strcspn(buf, "\r\n")] = 0;
    if (!buf[0]) continue;
    line_t *l = &lines[nlines++];
    l->n = 0;
    char *s = strdup(buf), *tok;
    while ((tok = strsep(&s, "\t")) && l->n < MAXF) l->f[l->n++] = tok;
  }
  fclose(fp);
}

/* ---- wire writer: string table + u32 words ---------------------------- */
typedef struct { const char **s; uint32_t ns, cs; uint32_t *w; uint32_t nw, cw; } wire_t;

static uint32_t wstr(wire_t *x, const char *s) {
  for (uint32_t i = 0; i < x->ns; i++) if (strcmp(x->s[i], s) == 0) return i;
  if (x->ns == x->cs) { x->cs = x->cs ? x->cs * 2 : 16; x->s = realloc(x->s, x->cs * sizeof *x->s); }
  x->s[x->ns] = s;
  return x->ns++;
}
static void word(wire_t *x, uint32_t v) {
  if (x->nw == x->cw) { x->cw = x->cw ? x->cw * 2 : 64; x->w = realloc(x->w, x->cw * sizeof *x->w); }
  x->w[x->nw++] = v;
}
static void put32(uint8_t *p, uint32_t v) { p[0] = v; p[1] = v >> 8; p[2] = v >> 16; p[3] = v >> 24; }
static uint32_t get32(const uint8_t *p) { return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24; }

static uint8_t *finish(wire_t *x, uint16_t kind, uint32_t *len) {
  uint32_t blob = 0;
  for (uint32_t i = 0; i < x->ns; i++) blob += strlen(x->s[i]);
  *len = 16 + 8 * x->ns + 4 * x->nw + blob;
  uint8_t *out = malloc(*len), *p = out + 16;
  put32(out, 0x4E524143u);
  out[4] = 1; out[5] = 0;                 /* wire format version 1 */
  out[6] = kind & 0xff; out[7] = kind >> 8;
  put32(out + 8, x->ns);
  put32(out + 12, x->nw);
  uint32_t off = 0;
  for (uint32_t i = 0; i < x->ns; i++) { uint32_t l = strlen(x->s[i]); put32(p, off); put32(p + 4, l); p += 8; off += l; }
  for (uint32_t i = 0; i < x->nw; i++) { put32(p, x->w[i]); p += 4; }
  for (uint32_t i = 0; i < x->ns; i++) { uint32_t l = strlen(x->s[i]); memcpy(p, x->s[i], l); p += l; }
  free(x->s); free(x->w);
  memset(x, 0, sizeof *x);
  return out;
}

/* ---- wire reader over a result ---------------------------------------- */
typedef struct { const uint8_t *b; uint32_t ns, nw, pos; } reader_t;
static reader_t reader(const uint8_t *b) { reader_t r = { b, get32(b + 8), get32(b + 12), 0 }; return r; }
static uint32_t next(reader_t *r) { return r->pos < r->nw ? get32(r->b + 16 + 8 * r->ns + 4 * r->pos++) : 0; }
static void str(reader_t *r, uint32_t i, char *out, size_t cap) {
  uint32_t off = get32(r->b + 16 + 8 * i), len = get32(r->b + 16 + 8 * i + 4);
  if (len >= cap) len = cap - 1;
  memcpy(out, r->b + 16 + 8 * r->ns + 4 * r->nw + off, len);
  out[len] = 0;
}

/* ---- the core --------------------------------------------------------- */
static Z_cairn_instance_t core;

static uint32_t call_with_input(int which, uint8_t *msg, uint32_t len, uint32_t arg) {
  uint32_t ptr = Z_cairnZ_alloc(&core, len);
  memcpy(Z_cairnZ_memory(&core)->data + ptr, msg, len); /* re-read data: memory may have grown */
  uint32_t h = which == 0 ? Z_cairnZ_session_new(&core, ptr, len) : Z_cairnZ_session_feed(&core, ptr, len, arg);
  Z_cairnZ_dealloc(&core, ptr);
  free(msg);
  return h;
}

/* Copy a result out of core memory and free it. */
static uint8_t *take(uint32_t h, uint32_t *status) {
  *status = Z_cairnZ_result_status(&core, h);
  uint32_t p = Z_cairnZ_result_ptr(&core, h), n = Z_cairnZ_result_len(&core, h);
  uint8_t *copy = malloc(n ? n : 1);
  memcpy(copy, Z_cairnZ_memory(&core)->data + p, n);
  Z_cairnZ_result_free(&core, h);
  return copy;
}

static int print_error(const uint8_t *b) {
  reader_t r = reader(b);
  char msg[1024];
  uint32_t code = next(&r); next(&r);
  str(&r, next(&r), msg, sizeof msg);
  printf("error %u %s\n", code, msg);
  return 3;
}

static int run(void) {
  wire_t w = {0};
  uint32_t len, status;
  /* Request: options, root dependencies, overrides, locked. */
  word(&w, 0);
  int nroot = 0;
  for (int i = 0; i < nlines; i++) if (!strcmp(lines[i].f[0], "root")) nroot += (lines[i].n - 1) / 2;
  word(&w, nroot);
  for (int i = 0; i < nlines; i++) {
    if (strcmp(lines[i].f[0], "root")) continue;
    for (int k = 1; k + 1 < lines[i].n; k += 2) {
      word(&w, wstr(&w, lines[i].f[k])); word(&w, wstr(&w, lines[i].f[k + 1]));
      word(&w, NONE); word(&w, 0); word(&w, 0);
    }
  }
  word(&w, 0); word(&w, 0);
  uint8_t *msg = finish(&w, KIND_SESSION_REQUEST, &len);
  uint8_t *res = take(call_with_input(0, msg, len, 0), &status);
  if (status != STATUS_OK) return print_error(res);
  reader_t r = reader(res);
  uint32_t session = next(&r);
  free(res);

  for (int round = 0; round < 1000; round++) {
    res = take(Z_cairnZ_session_run(&core, session, 0), &status);
    r = reader(res);
    if (status == STATUS_ERROR) return print_error(res);
    for (int k = 0; k < 4; k++) next(&r); /* stats */
    if (status == STATUS_OK) {
      printf("solved\n");
      uint32_t n = next(&r);
      char name[256], ver[256];
      for (uint32_t i = 0; i < n; i++) { str(&r, next(&r), name, sizeof name); str(&r, next(&r), ver, sizeof ver); printf("%s %s\n", name, ver); }
      free(res);
      Z_cairnZ_session_free(&core, session);
      return 0;
    }
    if (status == STATUS_NO_SOLUTION) {
      printf("no-solution\n");
      uint32_t n = next(&r);
      char name[256];
      for (uint32_t i = 0; i < n; i++) {
        str(&r, next(&r), name, sizeof name);
        uint32_t kind = next(&r); next(&r); next(&r);
        uint32_t vc = next(&r);
        for (uint32_t k = 0; k < vc; k++) next(&r);
        if (kind != 1) printf("%s\n", name); /* kind 1 = the root */
      }
      free(res);
      return 1;
    }
    if (status != STATUS_NEEDS) { printf("status %u\n", status); return 4; }
    /* Answer the metadata request from the registry file. */
    uint32_t n = next(&r);
    static char names[256][256];
    for (uint32_t i = 0; i < n && i < 256; i++) str(&r, next(&r), names[i], sizeof names[i]);
    free(res);
    wire_t m = {0};
    word(&m, n);
    for (uint32_t i = 0; i < n; i++) {
      int count = 0;
      for (int k = 0; k < nlines; k++) if (!strcmp(lines[k].f[0], "pkg") && !strcmp(lines[k].f[1], names[i])) count++;
      word(&m, wstr(&m, names[i]));
      word(&m, count > 0);
      word(&m, count);
      for (int k = 0; k < nlines; k++) {
        line_t *l = &lines[k];
        if (strcmp(l->f[0], "pkg") || strcmp(l->f[1], names[i])) continue;
        word(&m, wstr(&m, l->f[2]));
        word(&m, 0); /* flags */
        word(&m, (l->n - 3) / 2);
        for (int d = 3; d + 1 < l->n; d += 2) {
          word(&m, wstr(&m, l->f[d])); word(&m, wstr(&m, l->f[d + 1])); word(&m, NONE); word(&m, 0);
        }
        word(&m, 0); /* features */
      }
    }
    msg = finish(&m, KIND_METADATA, &len);
    res = take(call_with_input(1, msg, len, session), &status);
    if (status != STATUS_OK) return print_error(res);
    free(res);
  }
  return 4;
}

int main(int argc, char **argv) {
  if (argc < 2) { fprintf(stderr, "usage: %s REGISTRY.tsv\n", argv[0]); return 2; }
  load(argv[1]);
  wasm_rt_init();
  Z_cairn_init_module();
  Z_cairn_instantiate(&core);
  int rc;
  wasm_rt_trap_t trap = wasm_rt_impl_try();
  if (trap) {
    /* A trap is a bug in cairn; the instance must not be used again. */
    uint32_t p = Z_cairnZ_last_error_ptr(&core), n = Z_cairnZ_last_error_len(&core);
    printf("trap %s: %.*s\n", wasm_rt_strerror(trap), (int)n, (const char *)Z_cairnZ_memory(&core)->data + p);
    return 70;
  }
  rc = run();
  Z_cairn_free(&core);
  wasm_rt_free();
  return rc;
}
