/* The wire format (docs/ABI.md, "Wire format"). */
#include "wire.h"
#include <stdlib.h>
#include <string.h>
#include "hash.h"
#include "cairn-constants.h"

#define MAGIC 0x4E524143u
#define NONE 0xffffffffu

static void *grow(void *p, uint32_t *cap, uint64_t need, size_t item) {
  if (need <= *cap) return p;
  uint64_t c = *cap ? *cap : 64;
  while (c < need) c *= 2;
  if (c * item > 2ull * MAX_MESSAGE_BYTES) c = need; /* no doubling past the cap */
  if (need * item > MAX_MESSAGE_BYTES) return NULL;
  void *q = realloc(p, (size_t)(c * item));
  if (!q) abort(); /* out of memory: nothing sensible to answer */
  *cap = (uint32_t)c;
  return q;
}

void wire_init(wire_writer *w) {
  memset(w, 0, sizeof *w);
  w->mask = 255;
  w->table = malloc(256 * sizeof *w->table);
  if (!w->table) abort();
  memset(w->table, 0xff, 256 * sizeof *w->table);
}

static void rehash(wire_writer *w) {
  uint32_t size = (w->mask + 1) * 2;
  uint32_t *t = malloc(size * sizeof *t);
  if (!t) abort();
  memset(t, 0xff, size * sizeof *t);
  for (uint32_t i = 0; i < w->nstr; i++) {
    uint32_t h = cairn_hash(w->blob + w->offs[i], w->lens[i]) & (size - 1);
    while (t[h] != NONE) h = (h + 1) & (size - 1);
    t[h] = i;
  }
  free(w->table);
  w->table = t;
  w->mask = size - 1;
}

uint32_t wire_str(wire_writer *w, const char *s, uint32_t len) {
  if (w->failed) return 0;
  uint32_t h = cairn_hash(s, len) & w->mask;
  while (w->table[h] != NONE) {
    uint32_t i = w->table[h];
    if (w->lens[i] == len && memcmp(w->blob + w->offs[i], s, len) == 0) return i;
    h = (h + 1) & w->mask;
  }
  if (w->nstr + 1 > w->cap_str) { /* offs and lens share one capacity */
    uint32_t cap = w->cap_str;
    uint32_t *o = grow(w->offs, &cap, (uint64_t)w->nstr + 1, sizeof *w->offs);
    if (!o) { w->failed = 1; return 0; }
    w->offs = o;
    uint32_t *l = grow(w->lens, &w->cap_str, (uint64_t)w->nstr + 1, sizeof *w->lens);
    if (!l) { w->failed = 1; return 0; }
    w->lens = l;
  }
  char *blob = grow(w->blob, &w->blob_cap, (uint64_t)w->blob_len + len + 1, 1);
  if (!blob) { w->failed = 1; return 0; }
  w->blob = blob;
  uint32_t i = w->nstr++;
  memcpy(w->blob + w->blob_len, s, len);
  w->offs[i] = w->blob_len;
  w->lens[i] = len;
  w->blob_len += len;
  w->table[h] = i;
  if (w->nstr * 2 > w->mask) rehash(w);
  return i;
}

void wire_word(wire_writer *w, uint32_t v) {
  if (w->failed) return;
  uint32_t *p = grow(w->words, &w->cap_words, (uint64_t)w->nwords + 1, sizeof *w->words);
  if (!p) { w->failed = 1; return; }
  w->words = p;
  w->words[w->nwords++] = v;
}

uint32_t wire_reserve(wire_writer *w) {
  wire_word(w, 0);
  return w->failed ? UINT32_MAX : w->nwords - 1;
}

void wire_set(wire_writer *w, uint32_t at, uint32_t v) { if (!w->failed && at < w->nwords) w->words[at] = v; }

static void put32(uint8_t *p, uint32_t v) {
  p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); p[2] = (uint8_t)(v >> 16); p[3] = (uint8_t)(v >> 24);
}
static uint32_t get32(const uint8_t *p) {
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* Releases a writer: wire_finish does, with or without a message. */
static void wire_free(wire_writer *w) {
  free(w->blob); free(w->offs); free(w->lens); free(w->table); free(w->words);
  memset(w, 0, sizeof *w);
}

uint8_t *wire_finish(wire_writer *w, uint16_t kind, uint32_t *len) {
  size_t n = 16 + 8 * (size_t)w->nstr + 4 * (size_t)w->nwords + w->blob_len;
  if (w->failed || n > MAX_MESSAGE_BYTES) { *len = 0; wire_free(w); return NULL; } /* too large */
  uint8_t *out = malloc(n), *p = out + 16;
  if (!out) abort();
  put32(out, MAGIC);
  out[4] = 1; out[5] = 0; /* wire format version 1 */
  out[6] = (uint8_t)kind; out[7] = (uint8_t)(kind >> 8);
  put32(out + 8, w->nstr);
  put32(out + 12, w->nwords);
  for (uint32_t i = 0; i < w->nstr; i++, p += 8) { put32(p, w->offs[i]); put32(p + 4, w->lens[i]); }
  for (uint32_t i = 0; i < w->nwords; i++, p += 4) put32(p, w->words[i]);
  if (w->blob_len) memcpy(p, w->blob, w->blob_len);
  *len = (uint32_t)n;
  wire_free(w);
  return out;
}


int wire_read(wire_reader *r, const uint8_t *b, uint32_t len) {
  memset(r, 0, sizeof *r);
  if (len < 16 || get32(b) != MAGIC) return -1;
  r->b = b;
  r->len = len;
  r->kind = (uint16_t)(b[6] | b[7] << 8);
  r->nstr = get32(b + 8);
  r->nwords = get32(b + 12);
  if ((uint64_t)16 + 8ull * r->nstr + 4ull * r->nwords > len) return -1;
  return 0;
}

uint32_t wire_next(wire_reader *r) {
  if (r->pos >= r->nwords) return 0;
  return get32(r->b + 16 + 8 * r->nstr + 4 * r->pos++);
}

int wire_more(const wire_reader *r) { return r->pos < r->nwords; }

const char *wire_string(const wire_reader *r, uint32_t i, uint32_t *len) {
  *len = 0;
  if (i >= r->nstr) return "";
  uint32_t off = get32(r->b + 16 + 8 * i), l = get32(r->b + 16 + 8 * i + 4);
  uint64_t base = 16 + 8ull * r->nstr + 4ull * r->nwords;
  if (base + off + l > r->len) return "";
  *len = l;
  return (const char *)r->b + base + off;
}
