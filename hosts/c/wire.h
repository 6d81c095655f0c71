/*
 * The wire format of docs/ABI.md from C: a writer (string table with
 * interning, u32 words) for requests and metadata, and a reader for the
 * core's results. Equal strings get one index per message, as the ABI asks.
 */
#ifndef CAIRN_WIRE_H
#define CAIRN_WIRE_H
#include <stdint.h>

typedef struct {
  char *blob;          /* every distinct string's bytes, back to back */
  uint32_t blob_len, blob_cap;
  uint32_t *offs, *lens; /* per string index */
  uint32_t nstr, cap_str;
  uint32_t *table;     /* open addressing: string index or UINT32_MAX */
  uint32_t mask;
  uint32_t *words;
  uint32_t nwords, cap_words;
  int failed;          /* a message would exceed MAX_MESSAGE_BYTES (core/solver/protocol.ts): wire_finish returns NULL */
} wire_writer;

void wire_init(wire_writer *w);
uint32_t wire_str(wire_writer *w, const char *s, uint32_t len);
void wire_word(wire_writer *w, uint32_t v);
uint32_t wire_reserve(wire_writer *w);
void wire_set(wire_writer *w, uint32_t at, uint32_t v);
/* The finished message (malloc'd), or NULL when it is too large for the core; the writer is
   released either way (wire_init it to write another). */
uint8_t *wire_finish(wire_writer *w, uint16_t kind, uint32_t *len);

typedef struct {
  const uint8_t *b;
  uint32_t len, nstr, nwords, pos;
  uint16_t kind;
} wire_reader;

/* 0, or -1 when the bytes are not a well-formed message */
int wire_read(wire_reader *r, const uint8_t *b, uint32_t len);
/* the next word, 0 past the end */
uint32_t wire_next(wire_reader *r);
int wire_more(const wire_reader *r);
/* string i's bytes (not NUL-terminated); "" for a bad index */
const char *wire_string(const wire_reader *r, uint32_t i, uint32_t *len);

#endif
