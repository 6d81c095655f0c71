/*
 * The hash of the native host's tables (JSON members, the scenario's indexes,
 * the wire writer's string interning). Keys come from the scenario file, so
 * the hash is seeded per process: a file built to make every key collide
 * would otherwise turn each table quadratic. Only lookups use it; no output
 * depends on the seed.
 */
#ifndef CAIRN_HASH_H
#define CAIRN_HASH_H
#include <stdint.h>

uint32_t cairn_hash(const char *p, uint32_t len);

#endif
