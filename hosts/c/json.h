/*
 * A JSON reader for the native host: one pass over the bytes builds a flat
 * "tape" of nodes (no allocation per value, strings stay slices of the input),
 * so an 11.5 MB scenario is read in tens of milliseconds. Objects keep their
 * members in order; json_members() gives them with JavaScript's semantics
 * (a repeated key keeps its first position and its last value; array-index
 * keys first, ascending), so this host reads a scenario exactly as the
 * TypeScript bindings do.
 */
#ifndef CAIRN_JSON_H
#define CAIRN_JSON_H
#include <stddef.h>
#include <stdint.h>

typedef enum { J_NULL, J_FALSE, J_TRUE, J_NUMBER, J_STRING, J_ARRAY, J_OBJECT } jtype;
enum { JSON_ESCAPES = 1, JSON_BAD_UTF8 = 2 };

typedef struct {
  uint8_t type;   /* jtype */
  uint8_t esc;    /* J_STRING: JSON_ESCAPES and/or JSON_BAD_UTF8 — the raw slice needs decoding */
  uint32_t start; /* byte offset: first byte inside the quotes, of the number, or of the bracket */
  uint32_t len;   /* J_STRING/J_NUMBER: raw byte length; containers: member count (pairs for objects) */
  uint32_t end;   /* index of the first node after this value's subtree */
} jnode;

typedef struct {
  const char *text;
  size_t size;
  jnode *nodes;
  uint32_t count, cap;
  /* the first error: byte offset and message (static text) */
  size_t err_offset;
  const char *err;
  char err_found[16];
} jdoc;

/* Parses the whole text; 0 on success, -1 with doc->err / err_offset set. */
int json_parse(jdoc *doc, const char *text, size_t size);
void json_free(jdoc *doc);
/* 1-based line and column of a byte offset */
void json_line_col(const jdoc *doc, size_t offset, unsigned *line, unsigned *col);

/* A string value as bytes: a slice of the input when it has no escapes,
   otherwise an unescaped copy in *scratch (malloc'd, the caller frees it). */
const char *json_str(const jdoc *doc, uint32_t node, uint32_t *len, char **scratch);
/* 1 when the string node equals the NUL-terminated key */
int json_str_eq(const jdoc *doc, uint32_t node, const char *key);

typedef struct { uint32_t key, value; } jmember;
/* Members of an object as JavaScript sees them (see above); returns the count,
   *out is malloc'd (the caller frees it). */
uint32_t json_members(const jdoc *doc, uint32_t obj, jmember **out);
/* A canonical array index ("0", "17"; not "017", not 2^32-1 or more), which
   JavaScript orders before other keys: 1 and its value, or 0. */
int json_array_index(const char *p, uint32_t len, uint64_t *value);
/* The value of `key` in an object (the last one when repeated), or UINT32_MAX. */
uint32_t json_get(const jdoc *doc, uint32_t obj, const char *key);

#endif
