/* FNV-1a from a per-process seed, with a final mix (hash.h). The seed needs no
   OS entropy API (portable to any C host): the clock and where the stack and
   the code were placed differ between runs, which is all the tables need. */
#include "hash.h"
#include <stddef.h>
#include <time.h>

static uint32_t seed;

static uint32_t mix(uint32_t h) {
  h ^= h >> 16; h *= 0x85ebca6bu; h ^= h >> 13; h *= 0xc2b2ae35u; h ^= h >> 16;
  return h;
}

static uint32_t make_seed(void) {
  int local;
  uint64_t x = (uint64_t)(uintptr_t)&local ^ (uint64_t)(uintptr_t)&seed << 7 ^ (uint64_t)time(NULL) << 21 ^ (uint64_t)clock();
  return mix((uint32_t)x ^ (uint32_t)(x >> 32)) | 1;
}

uint32_t cairn_hash(const char *p, uint32_t len) {
  if (!seed) seed = make_seed();
  uint32_t h = 2166136261u ^ seed;
  for (uint32_t i = 0; i < len; i++) h = (h ^ (uint8_t)p[i]) * 16777619u;
  return mix(h);
}
