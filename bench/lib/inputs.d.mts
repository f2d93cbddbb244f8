// Types for inputs.mjs where TypeScript code imports it (the integration suite's perf test).
export declare const SIZES: { label: string; bytes: number }[];
/** A small deterministic PRNG (mulberry32): the same seed gives the same sequence in [0, 1). */
export declare function prng(seed: number): () => number;
export declare function generateReport(seed: number, targetChars: number): string;
export declare function fitTo(unit: string, bytes: number): string;
export declare function sources(root: string): unknown;
export declare function buildInputs(root: string, sizes?: { label: string; bytes: number }[]): unknown;
