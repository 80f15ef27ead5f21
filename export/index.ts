// The public surface of export/.
export { exportJsonRulesEngine, registerKaopingExtensions } from './json-rules-engine.js';
export type { EngineLike } from './json-rules-engine.js';
