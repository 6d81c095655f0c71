/* The JSON tape reader of json.h: a strict RFC 8259 parser with an explicit
   stack (hostile nesting cannot overflow the C stack). */
#include "json.h"
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include "hash.h"

#define MAX_DEPTH 512

static int add(jdoc *d, uint8_t type, uint32_t start) {
  if (d->count == d->cap) {
    uint32_t cap = d->cap ? d->cap * 2 : 1024;
    jnode *n = realloc(d->nodes, (size_t)cap * sizeof *n);
    if (!n) return -1;
    d->nodes = n;
    d->cap = cap;
  }
  jnode *x = &d->nodes[d->count];
  x->type = type;
  x->esc = 0;
  x->start = start;
  x->len = 0;
  x->end = d->count + 1;
  return (int)d->count++;
}

static int fail(jdoc *d, size_t at, const char *what) {
  d->err = what;
  d->err_offset = at;
  if (at >= d->size) d->err_found[0] = 0;
  else {
    /* the character as JSON.stringify would quote it, as the bindings' message does */
    unsigned char c = (unsigned char)d->text[at];
    static const char short_escapes[] = "btn\0fr";
    if (c == '"' || c == '\\') snprintf(d->err_found, sizeof d->err_found, "\"\\%c\"", c);
    else if (c >= 8 && c <= 13 && c != 11) snprintf(d->err_found, sizeof d->err_found, "\"\\%c\"", short_escapes[c - 8]);
    else if (c < 0x20) snprintf(d->err_found, sizeof d->err_found, "\"\\u%04x\"", c);
    else {
      size_t n = c < 0x80 ? 1 : c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
      if (at + n > d->size) n = d->size - at;
      snprintf(d->err_found, sizeof d->err_found, "\"%.*s\"", (int)n, d->text + at);
    }
  }
  return -1;
}

static size_t ws(const char *t, size_t i, size_t n) {
  while (i < n && (t[i] == ' ' || t[i] == '\n' || t[i] == '\r' || t[i] == '\t')) i++;
  return i;
}

static int hexval(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/* The UTF-8 sequence at p (n bytes available): its length when it is valid,
   otherwise minus the length of its maximal invalid subpart, which a decoder
   replaces with one U+FFFD (the WHATWG rule TextDecoder follows). */
static int utf8_seq(const unsigned char *p, size_t n) {
  unsigned char b = p[0];
  if (b < 0x80) return 1;
  int need;
  unsigned char lo = 0x80, hi = 0xbf;
  if (b >= 0xc2 && b <= 0xdf) need = 1;
  else if (b >= 0xe0 && b <= 0xef) { need = 2; if (b == 0xe0) lo = 0xa0; if (b == 0xed) hi = 0x9f; }
  else if (b >= 0xf0 && b <= 0xf4) { need = 3; if (b == 0xf0) lo = 0x90; if (b == 0xf4) hi = 0x8f; }
  else return -1;
  for (int k = 1; k <= need; k++) {
    if ((size_t)k >= n || p[k] < lo || p[k] > hi) return -k;
    lo = 0x80;
    hi = 0xbf;
  }
  return need + 1;
}

/* Bytes a string's fast path steps over: ASCII from the space up, but the quote
   and the backslash (filled by json_parse). */
static uint8_t PLAIN[256];

/* A string starting at the quote at t[*pi]; leaves *pi after the closing quote. */
static int string(jdoc *d, size_t *pi) {
  const char *t = d->text;
  size_t n = d->size, i = *pi + 1;
  int node = add(d, J_STRING, (uint32_t)i);
  if (node < 0) return fail(d, i, "out of memory");
  uint8_t esc = 0;
  for (;;) {
    /* the common case: plain ASCII */
    while (i < n && PLAIN[(unsigned char)t[i]]) i++;
    if (i >= n) return fail(d, i, "expected the closing quote of a string");
    if (t[i] == '"') break;
    if ((unsigned char)t[i] >= 0x80) {
      int k = utf8_seq((const unsigned char *)t + i, n - i);
      if (k < 0) esc |= JSON_BAD_UTF8;
      i += (size_t)(k < 0 ? -k : k);
      continue;
    }
    if (t[i] != '\\') return fail(d, i, "a control character inside a string");
    esc |= JSON_ESCAPES;
    if (i + 1 >= n) return fail(d, i + 1, "expected an escape after a backslash");
    char c = t[i + 1];
    if (c == 'u') {
      for (int k = 2; k < 6; k++)
        if (i + k >= n || hexval(t[i + k]) < 0) return fail(d, i + k, "expected four hex digits after \\u");
      i += 6;
    } else if (strchr("\"\\/bfnrt", c) && c) {
      i += 2;
    } else {
      return fail(d, i + 1, "an unknown escape in a string");
    }
  }
  d->nodes[node].len = (uint32_t)(i - d->nodes[node].start);
  d->nodes[node].esc = esc;
  *pi = i + 1;
  return node;
}

/* The longest valid number at *pi (so "1." is the number 1 followed by a stray
   "."), as the bindings' error scanner reads it. */
static int number(jdoc *d, size_t *pi) {
  const char *t = d->text;
  size_t n = d->size, i = *pi, s = i;
#define DIGIT(k) ((k) < n && t[k] >= '0' && t[k] <= '9')
  if (t[i] == '-') i++;
  if (i < n && t[i] == '0') i++;
  else if (DIGIT(i) && t[i] != '0') while (DIGIT(i)) i++;
  else return fail(d, s, "expected a value");
  if (i < n && t[i] == '.' && DIGIT(i + 1)) {
    i += 2;
    while (DIGIT(i)) i++;
  }
  if (i < n && (t[i] == 'e' || t[i] == 'E')) {
    size_t j = i + 1;
    if (j < n && (t[j] == '+' || t[j] == '-')) j++;
    if (DIGIT(j)) {
      i = j;
      while (DIGIT(i)) i++;
    }
  }
#undef DIGIT
  int node = add(d, J_NUMBER, (uint32_t)s);
  if (node < 0) return fail(d, s, "out of memory");
  d->nodes[node].len = (uint32_t)(i - s);
  *pi = i;
  return node;
}

/* A member's key and its colon at *pi; leaves *pi at the value. */
static int key(jdoc *d, size_t *pi) {
  size_t i = *pi, n = d->size;
  if (i >= n || d->text[i] != '"') return fail(d, i, "expected a quoted key");
  if (string(d, &i) < 0) return -1;
  i = ws(d->text, i, n);
  if (i >= n || d->text[i] != ':') return fail(d, i, "expected ':' after a key");
  *pi = ws(d->text, i + 1, n);
  return 0;
}

int json_parse(jdoc *d, const char *t, size_t n) {
  memset(d, 0, sizeof *d);
  for (int c = 0x20; c < 0x80; c++) PLAIN[c] = c != '"' && c != '\\';
  d->text = t;
  d->size = n;
  if (n >= 0xfffffff0u) return fail(d, 0, "the text is larger than 4 GiB");
  uint32_t stack[MAX_DEPTH], members[MAX_DEPTH];
  int depth = 0;
  size_t i = ws(t, 0, n);
  for (;;) {
    /* a value at i */
    if (i >= n) return fail(d, i, "expected a value");
    char c = t[i];
    if (c == '{' || c == '[') {
      if (depth == MAX_DEPTH) return fail(d, i, "nesting deeper than 512 levels");
      int node = add(d, c == '{' ? J_OBJECT : J_ARRAY, (uint32_t)i);
      if (node < 0) return fail(d, i, "out of memory");
      stack[depth] = (uint32_t)node;
      members[depth++] = 0;
      i = ws(t, i + 1, n);
      if (i < n && t[i] == (c == '{' ? '}' : ']')) { i++; depth--; d->nodes[node].end = d->count; }
      else if (c == '{') {
        if (key(d, &i) < 0) return -1;
        continue;
      } else continue;
    } else if (c == '"') {
      if (string(d, &i) < 0) return -1;
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      if (number(d, &i) < 0) return -1;
    } else if (n - i >= 4 && memcmp(t + i, "true", 4) == 0) {
      if (add(d, J_TRUE, (uint32_t)i) < 0) return fail(d, i, "out of memory");
      i += 4;
    } else if (n - i >= 5 && memcmp(t + i, "false", 5) == 0) {
      if (add(d, J_FALSE, (uint32_t)i) < 0) return fail(d, i, "out of memory");
      i += 5;
    } else if (n - i >= 4 && memcmp(t + i, "null", 4) == 0) {
      if (add(d, J_NULL, (uint32_t)i) < 0) return fail(d, i, "out of memory");
      i += 4;
    } else {
      return fail(d, i, "expected a value");
    }
    /* after a value: close containers, or go on to the next member */
    for (;;) {
      if (depth == 0) {
        i = ws(t, i, n);
        if (i < n) return fail(d, i, "expected the end of the text");
        return 0;
      }
      uint32_t top = stack[depth - 1];
      int obj = d->nodes[top].type == J_OBJECT;
      members[depth - 1]++;
      i = ws(t, i, n);
      if (i < n && t[i] == ',') {
        i = ws(t, i + 1, n);
        if (obj && key(d, &i) < 0) return -1;
        break;
      }
      if (i < n && t[i] == (obj ? '}' : ']')) {
        i++;
        d->nodes[top].len = members[depth - 1];
        d->nodes[top].end = d->count;
        depth--;
        continue;
      }
      return fail(d, i, obj ? "expected ',' or '}'" : "expected ',' or ']'");
    }
  }
}

void json_free(jdoc *d) {
  free(d->nodes);
  d->nodes = NULL;
  d->count = d->cap = 0;
}

/* Columns count UTF-16 code units, as the bindings (and most editors' JavaScript
   tooling) do: one per character, two for one outside the Basic Multilingual Plane. */
void json_line_col(const jdoc *d, size_t offset, unsigned *line, unsigned *col) {
  unsigned l = 1, c = 1;
  for (size_t i = 0; i < offset && i < d->size; i++) {
    unsigned char b = (unsigned char)d->text[i];
    if (b == '\n') { l++; c = 1; }
    else if ((b & 0xc0) != 0x80) c += b >= 0xf0 ? 2 : 1;
  }
  *line = l;
  *col = c;
}

static size_t put_utf8(char *o, uint32_t cp) {
  if (cp < 0x80) { o[0] = (char)cp; return 1; }
  if (cp < 0x800) { o[0] = (char)(0xc0 | cp >> 6); o[1] = (char)(0x80 | (cp & 0x3f)); return 2; }
  if (cp < 0x10000) {
    o[0] = (char)(0xe0 | cp >> 12); o[1] = (char)(0x80 | ((cp >> 6) & 0x3f)); o[2] = (char)(0x80 | (cp & 0x3f));
    return 3;
  }
  o[0] = (char)(0xf0 | cp >> 18); o[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
  o[2] = (char)(0x80 | ((cp >> 6) & 0x3f)); o[3] = (char)(0x80 | (cp & 0x3f));
  return 4;
}

static uint32_t hex4(const char *p) {
  return (uint32_t)(hexval(p[0]) << 12 | hexval(p[1]) << 8 | hexval(p[2]) << 4 | hexval(p[3]));
}

/* Decodes a validated raw slice into o, which has room for decoded_cap()
   bytes: escapes are decoded; lone surrogates and invalid UTF-8 become U+FFFD,
   as they do when JavaScript decodes the file and encodes the string. */
static size_t unescape(const char *s, uint32_t len, char *o) {
  size_t k = 0;
  for (uint32_t i = 0; i < len;) {
    if ((unsigned char)s[i] >= 0x80) {
      int n = utf8_seq((const unsigned char *)s + i, len - i);
      if (n > 0) { memcpy(o + k, s + i, (size_t)n); k += (size_t)n; i += (uint32_t)n; }
      else { k += put_utf8(o + k, 0xfffd); i += (uint32_t)-n; }
      continue;
    }
    if (s[i] != '\\') { o[k++] = s[i++]; continue; }
    char c = s[i + 1];
    i += 2;
    switch (c) {
      case 'b': o[k++] = '\b'; break;
      case 'f': o[k++] = '\f'; break;
      case 'n': o[k++] = '\n'; break;
      case 'r': o[k++] = '\r'; break;
      case 't': o[k++] = '\t'; break;
      case 'u': {
        uint32_t cp = hex4(s + i);
        i += 4;
        if (cp >= 0xd800 && cp < 0xdc00 && i + 6 <= len && s[i] == '\\' && s[i + 1] == 'u') {
          uint32_t lo = hex4(s + i + 2);
          if (lo >= 0xdc00 && lo < 0xe000) { cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00); i += 6; }
        }
        if (cp >= 0xd800 && cp < 0xe000) cp = 0xfffd;
        k += put_utf8(o + k, cp);
        break;
      }
      default: o[k++] = c;
    }
  }
  o[k] = 0;
  return k;
}

/* Room for a decoded string: no escape is shorter than what it stands for,
   but one invalid byte becomes the three bytes of U+FFFD. */
static size_t decoded_cap(const jnode *x) {
  return (x->esc & JSON_BAD_UTF8 ? 3 * (size_t)x->len : (size_t)x->len) + 1;
}

const char *json_str(const jdoc *d, uint32_t node, uint32_t *len, char **scratch) {
  const jnode *x = &d->nodes[node];
  *scratch = NULL;
  if (!x->esc) { *len = x->len; return d->text + x->start; }
  char *o = malloc(decoded_cap(x));
  if (!o) abort(); /* "" would be a wrong answer, not an error */
  *len = (uint32_t)unescape(d->text + x->start, x->len, o);
  *scratch = o;
  return o;
}

int json_str_eq(const jdoc *d, uint32_t node, const char *key) {
  const jnode *x = &d->nodes[node];
  size_t kl = strlen(key);
  if (!x->esc) return x->len == kl && memcmp(d->text + x->start, key, kl) == 0;
  char *s = NULL;
  uint32_t l;
  const char *b = json_str(d, node, &l, &s);
  int eq = l == kl && memcmp(b, key, kl) == 0;
  free(s);
  return eq;
}

static int keys_equal(const jdoc *d, uint32_t a, uint32_t b) {
  const jnode *x = &d->nodes[a], *y = &d->nodes[b];
  if (!x->esc && !y->esc) return x->len == y->len && memcmp(d->text + x->start, d->text + y->start, x->len) == 0;
  char *sa, *sb;
  uint32_t la, lb;
  const char *pa = json_str(d, a, &la, &sa), *pb = json_str(d, b, &lb, &sb);
  int eq = la == lb && memcmp(pa, pb, la) == 0;
  free(sa);
  free(sb);
  return eq;
}

static uint32_t key_hash(const jdoc *d, uint32_t k) {
  char *s;
  uint32_t l;
  const char *p = json_str(d, k, &l, &s);
  uint32_t h = cairn_hash(p, l);
  free(s);
  return h;
}

int json_array_index(const char *p, uint32_t len, uint64_t *value) {
  if (len == 0 || len > 10 || (p[0] == '0' && len > 1)) return 0;
  uint64_t v = 0;
  for (uint32_t i = 0; i < len; i++) {
    if (p[i] < '0' || p[i] > '9') return 0;
    v = v * 10 + (uint64_t)(p[i] - '0');
  }
  if (v >= 0xffffffffull) return 0;
  *value = v;
  return 1;
}

static int array_index(const jdoc *d, uint32_t k, uint64_t *value) {
  char *scratch;
  uint32_t len;
  const char *p = json_str(d, k, &len, &scratch);
  int is = json_array_index(p, len, value);
  free(scratch);
  return is;
}

typedef struct { uint64_t v; jmember m; } index_key;
static int by_index(const void *a, const void *b) {
  uint64_t x = ((const index_key *)a)->v, y = ((const index_key *)b)->v;
  return x < y ? -1 : x > y; /* keys are distinct after de-duplication */
}

uint32_t json_members(const jdoc *d, uint32_t obj, jmember **out) {
  const jnode *o = &d->nodes[obj];
  uint32_t n = o->len, count = 0;
  jmember *m = malloc((n ? n : 1) * sizeof *m);
  if (!m) abort(); /* an empty answer would silently drop members */
  uint32_t *table = NULL, mask = 0;
  if (n > 16) {
    uint32_t size = 32;
    while (size < 2 * n) size <<= 1;
    table = malloc(size * sizeof *table);
    if (!table) abort(); /* the linear fallback is quadratic */
    { memset(table, 0xff, size * sizeof *table); mask = size - 1; }
  }
  uint32_t i = obj + 1;
  for (uint32_t k = 0; k < n; k++) {
    uint32_t key = i, value = i + 1;
    i = d->nodes[value].end;
    uint32_t found = UINT32_MAX;
    if (table) {
      uint32_t h = key_hash(d, key) & mask;
      while (table[h] != UINT32_MAX) {
        if (keys_equal(d, m[table[h]].key, key)) { found = table[h]; break; }
        h = (h + 1) & mask;
      }
      if (found == UINT32_MAX) table[h] = count;
    } else {
      for (uint32_t j = 0; j < count; j++)
        if (keys_equal(d, m[j].key, key)) { found = j; break; }
    }
    if (found != UINT32_MAX) m[found].value = value; /* first position, last value */
    else { m[count].key = key; m[count].value = value; count++; }
  }
  free(table);
  /* array-index keys first, ascending; then the others in order */
  uint32_t nidx = 0;
  for (uint32_t k = 0; k < count; k++) { uint64_t v; nidx += array_index(d, m[k].key, &v); }
  if (nidx > 0) {
    jmember *sorted = malloc(count * sizeof *sorted);
    index_key *idx = malloc(nidx * sizeof *idx);
    if (!sorted || !idx) abort(); /* not silently in the wrong order */
    uint32_t a = 0, b = nidx;
    for (uint32_t k = 0; k < count; k++) {
      uint64_t v;
      if (!array_index(d, m[k].key, &v)) { sorted[b++] = m[k]; continue; }
      idx[a].v = v;
      idx[a++].m = m[k];
    }
    qsort(idx, nidx, sizeof *idx, by_index);
    for (uint32_t k = 0; k < nidx; k++) sorted[k] = idx[k].m;
    free(m);
    free(idx);
    m = sorted;
  }
  *out = m;
  return count;
}

uint32_t json_get(const jdoc *d, uint32_t obj, const char *key) {
  const jnode *o = &d->nodes[obj];
  uint32_t found = UINT32_MAX, i = obj + 1;
  for (uint32_t k = 0; k < o->len; k++) {
    if (json_str_eq(d, i, key)) found = i + 1;
    i = d->nodes[i + 1].end;
  }
  return found;
}
