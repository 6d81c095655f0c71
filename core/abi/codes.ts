// Status and error codes the core returns. This file is plain TypeScript that
// both asc (core) and tsc/esbuild (bindings) compile, so each number is defined
// exactly once. The bindings map the numbers to the stable string names
// (the constant names below) and to the hints in bindings/errors.ts; every code
// is documented in docs/ERRORS.md (a test keeps the three in step).

// Result statuses (result_status of a handle).
export const STATUS_OK = 0;
export const STATUS_ERROR = 1;
export const STATUS_NEEDS_METADATA = 2;
export const STATUS_NO_SOLUTION = 3;
export const STATUS_LIMIT_REACHED = 4;

// Error codes carried in an error payload (STATUS_ERROR).
export const E_WIRE_FORMAT = 100;
export const E_ABI_VERSION = 101;
export const E_BAD_HANDLE = 102;
export const E_INPUT_TOO_LARGE = 103;
export const E_INVALID_VERSION = 110;
export const E_INVALID_VERSION_REQ = 111;
export const E_VERSION_NOT_EXACT = 112;
export const E_BAD_OPTION = 120;
export const E_UNKNOWN_PACKAGE = 121;
export const E_DUPLICATE_VERSION = 122;
export const E_STEP_LIMIT = 130;
export const E_CANCELLED = 131;
export const E_INVALID_PATH = 140; // tree1_hash: an entry's path breaks the tree1 rules
