// The peers in table order; cairn first (every ratio is peer / cairn).
import { cairnCli, cairnInProcess, cairnNative } from './cairn.mjs';
import { elm } from './elm.mjs';
import { npm, pnpm } from './npm.mjs';
import { cargo } from './cargo.mjs';

export const PEERS = [cairnCli, cairnInProcess, cairnNative, elm, npm, pnpm, cargo];
