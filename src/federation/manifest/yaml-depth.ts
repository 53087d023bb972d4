import { Parser } from 'yaml';

/**
 * How deeply the collections of a YAML (or JSON) text nest, counted on the `yaml` package's
 * concrete syntax tree, which its parser builds with an explicit stack. The composer
 * (`parseDocument`, `parse`) recurses once per level instead, so `[[[[...` or `- - - ...` thousands
 * deep would exhaust the call stack, and V8 may then abort the whole process (for example when a
 * regular expression is compiled near the stack limit) rather than throw. Callers refuse a text
 * whose depth is over their limit BEFORE composing it. Linear in the text; stops counting at
 * `limit + 1`.
 */
export function yamlNestingDepth(text: string, limit: number): number {
  let max = 0;
  for (const token of new Parser().parse(text)) {
    const stack: [unknown, number][] = [[token, 0]];
    while (stack.length > 0) {
      const [node, parentDepth] = stack.pop()!;
      if (node === null || typeof node !== 'object') continue;
      // block-map, block-seq and flow-collection tokens carry `items`: one nesting level each.
      const depth = Array.isArray((node as { items?: unknown }).items) ? parentDepth + 1 : parentDepth;
      if (depth > max) {
        max = depth;
        if (max > limit) return max;
      }
      for (const child of Object.values(node)) if (child !== null && typeof child === 'object') stack.push([child, depth]);
    }
  }
  return max;
}

/** The nesting depth beyond which no samlfed YAML input is composed (well below the stack's reach). */
export const YAML_MAX_NESTING = 64;
