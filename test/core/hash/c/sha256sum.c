/*
 * A non-JavaScript host for the core's hashing ABI (docs/ABI.md "Hashing"),
 * on the C that wasm2c generates from build/cairn.wasm. Prints lines like
 * sha256sum: "<hex>  <file>".
 *   sha256sum FILE...        one sha256 call per file through the window,
 *                            or init/update/final in window-sized chunks
 *   sha256sum --many FILE... all files in one sha256_many call (alloc'd blocks)
 *   sha256sum --tree NAME=FILE... tree1_hash of regular files; prints the root in hex
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cairn.h"
#include "wasm-rt-impl.h"

static Z_cairn_instance_t core;
#define MEM (Z_cairnZ_memory(&core)->data) /* re-read after every call: memory may move */

static uint8_t *slurp(const char *path, size_t *len) {
  FILE *fp = fopen(path, "rb");
  if (!fp) { perror(path); exit(2); }
  fseek(fp, 0, SEEK_END);
  *len = (size_t)ftell(fp);
  fseek(fp, 0, SEEK_SET);
  uint8_t *b = malloc(*len ? *len : 1);
  if (*len && fread(b, 1, *len, fp) != *len) { perror(path); exit(2); }
  fclose(fp);
  return b;
}

static void hex(const uint8_t *d, char *out) {
  for (int i = 0; i < 32; i++) sprintf(out + 2 * i, "%02x", d[i]);
}

static void put32(uint32_t at, uint32_t v) { memcpy(MEM + at, &v, 4); } /* wasm memory is little-endian, as is x86 */

static int one(int argc, char **argv) {
  uint32_t win = Z_cairnZ_hash_window(&core), cap = Z_cairnZ_hash_window_size(&core);
  uint32_t st = win, out = win + 128, data = win + 256, room = cap - 256;
  for (int i = 0; i < argc; i++) {
    size_t len;
    uint8_t *b = slurp(argv[i], &len);
    if (len <= room) {
      memcpy(MEM + data, b, len);
      Z_cairnZ_sha256(&core, data, (uint32_t)len, out);
    } else {
      Z_cairnZ_sha256_init(&core, st);
      for (size_t at = 0; at < len; at += room) {
        uint32_t n = (uint32_t)(len - at < room ? len - at : room);
        memcpy(MEM + data, b + at, n);
        if (Z_cairnZ_sha256_update(&core, st, data, n) != 0) return 3;
      }
      if (Z_cairnZ_sha256_final(&core, st, out) != 0) return 3;
    }
    char h[65];
    hex(MEM + out, h);
    printf("%s  %s\n", h, argv[i]);
    free(b);
  }
  return 0;
}

static int many(int argc, char **argv) {
  uint32_t desc = Z_cairnZ_alloc(&core, 8 * (uint32_t)argc + 8);
  uint32_t out = Z_cairnZ_alloc(&core, 32 * (uint32_t)argc + 32);
  for (int i = 0; i < argc; i++) {
    size_t len;
    uint8_t *b = slurp(argv[i], &len);
    uint32_t p = Z_cairnZ_alloc(&core, (uint32_t)len);
    memcpy(MEM + p, b, len);
    put32(desc + 8 * i, p);
    put32(desc + 8 * i + 4, (uint32_t)len);
    free(b);
  }
  Z_cairnZ_sha256_many(&core, desc, (uint32_t)argc, out);
  for (int i = 0; i < argc; i++) {
    char h[65];
    hex(MEM + out + 32 * i, h);
    printf("%s  %s\n", h, argv[i]);
  }
  return 0;
}

static int tree(int argc, char **argv) {
  uint32_t desc = Z_cairnZ_alloc(&core, 20 * (uint32_t)argc + 20);
  for (int i = 0; i < argc; i++) {
    char *eq = strchr(argv[i], '=');
    if (!eq) return 2;
    size_t plen = (size_t)(eq - argv[i]), len;
    uint8_t *b = slurp(eq + 1, &len);
    uint32_t pp = Z_cairnZ_alloc(&core, (uint32_t)plen), dp = Z_cairnZ_alloc(&core, (uint32_t)len);
    memcpy(MEM + pp, argv[i], plen);
    memcpy(MEM + dp, b, len);
    put32(desc + 20 * i, 0);
    put32(desc + 20 * i + 4, pp);
    put32(desc + 20 * i + 8, (uint32_t)plen);
    put32(desc + 20 * i + 12, dp);
    put32(desc + 20 * i + 16, (uint32_t)len);
    free(b);
  }
  uint32_t h = Z_cairnZ_tree1_hash(&core, desc, (uint32_t)argc);
  int status = (int)Z_cairnZ_result_status(&core, h);
  uint32_t p = Z_cairnZ_result_ptr(&core, h), n = Z_cairnZ_result_len(&core, h);
  if (status != 0) { printf("error\n"); return 1; }
  char hx[65];
  hex(MEM + p, hx);
  printf("%s\n%.*s", hx, (int)(n - 32), (const char *)MEM + p + 32);
  Z_cairnZ_result_free(&core, h);
  return 0;
}

int main(int argc, char **argv) {
  wasm_rt_init();
  Z_cairn_init_module();
  Z_cairn_instantiate(&core);
  int rc;
  wasm_rt_trap_t trap = wasm_rt_impl_try();
  if (trap != 0) {
    printf("trap %s\n", wasm_rt_strerror(trap));
    return 70;
  }
  if (argc > 1 && strcmp(argv[1], "--many") == 0) rc = many(argc - 2, argv + 2);
  else if (argc > 1 && strcmp(argv[1], "--tree") == 0) rc = tree(argc - 2, argv + 2);
  else rc = one(argc - 1, argv + 1);
  Z_cairn_free(&core);
  wasm_rt_free();
  return rc;
}
