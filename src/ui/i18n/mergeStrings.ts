type Tree = { [key: string]: string | Tree };

/** Areas merged into one dictionary, the way i18next's deep addResourceBundle merges them. */
export function mergeStrings(...parts: object[]): object {
  const out: Tree = {};
  const into = (target: Tree, source: Tree) => {
    for (const [k, v] of Object.entries(source)) {
      if (typeof v === 'string') target[k] = v;
      else into((target[k] ??= {}) as Tree, v);
    }
  };
  for (const p of parts) into(out, p as Tree);
  return out;
}
