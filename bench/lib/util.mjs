export { summarize, measure, round } from './stats.mjs';
export { prng } from './inputs.mjs';
