// A data file: its parsed value (or, in a build that loads it as text, its text); read it with `dataOf` from ./data.
declare module "*.yaml" { const data: unknown; export default data; }
