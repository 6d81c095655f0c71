/*
 * The derivation tree of a failed resolution (docs/ABI.md, "Derivation tree"),
 * decoded from the core's answer: the packages it involves, and a plain
 * numbered rendering of its steps. (The Dart-pub-style prose with collapsed
 * chains is the TypeScript bindings' renderer; a native host gets the same
 * tree as data and says it plainly.)
 */
#ifndef CAIRN_TREE_H
#define CAIRN_TREE_H
#include <stdint.h>
#include <stddef.h>
#include "wire.h"

typedef struct { char *text; size_t len, cap; } strbuf;
void sb_add(strbuf *b, const char *s, size_t n);
void sb_printf(strbuf *b, const char *fmt, ...);

/* Reads the tree at r's position. Writes the sorted, distinct base names of
   the non-root packages it involves into *packages (malloc'd strings, count
   in *npackages) and the explanation into *explanation. 0, or -1 if the bytes
   are malformed. */
int tree_explain(wire_reader *r, char ***packages, uint32_t *npackages, strbuf *explanation);

#endif
