/**
 * The items in their order, cut into runs in which no key repeats: each run can go in one multi-row statement
 * (an upsert cannot touch a row twice), and the runs one after another apply the items in the order they came.
 */
export function distinctRuns<T>(items: readonly T[], keyOf: (item: T) => string): T[][] {
  const runs: T[][] = [];
  let run: T[] = [];
  let keys = new Set<string>();
  for (const item of items) {
    const key = keyOf(item);
    if (keys.has(key)) {
      runs.push(run);
      run = [];
      keys = new Set();
    }
    run.push(item);
    keys.add(key);
  }
  if (run.length > 0) runs.push(run);
  return runs;
}
