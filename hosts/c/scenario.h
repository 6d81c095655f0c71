/*
 * Scenario files (docs/SCENARIO.md) for the native host: read and checked
 * with the bindings' rules and messages (bindings/scenario.ts), then encoded
 * as the session request and, package by package as the core asks, as
 * metadata (bindings/session.ts). The registry is indexed once; a package's
 * versions are encoded only when the resolver needs them.
 */
#ifndef CAIRN_SCENARIO_H
#define CAIRN_SCENARIO_H
#include <stdint.h>
#include "json.h"

/* name → value node of one JSON object (own keys, last value wins) */
typedef struct {
  uint32_t *keys, *values, *slots;
  uint32_t count, mask;
} jindex;

typedef struct {
  jdoc doc;
  uint32_t registry, root, root_dev, overrides, locked, yanked, features, root_features,
      dep_features, target_deps, root_target_deps, options, root_name, root_version, target;
  jindex packages, yanked_ix, features_ix, dep_features_ix, target_deps_ix;
  uint32_t max_steps; /* options.max_steps, 0 when absent */
} scenario;

typedef struct {
  const char *code;   /* E_SCENARIO */
  char message[768];
  char path[512];     /* field path, "" when none */
  const char *hint;   /* static text or NULL */
  unsigned line, col; /* 0 when none */
} scenario_error;

/* Parses and checks; 0, or -1 with *err filled. The text must outlive s. */
int scenario_load(scenario *s, const char *text, size_t size, scenario_error *err);
void scenario_free(scenario *s);
/* The session request (kind 10); budget 0 leaves the core's default. */
uint8_t *scenario_request(const scenario *s, uint32_t budget, uint32_t *len);
/* Metadata (kind 11) for the names the core asked for (a result's strings). */
uint8_t *scenario_metadata(const scenario *s, const char *const *names, const uint32_t *name_lens,
                           uint32_t count, uint32_t *len);

#endif
