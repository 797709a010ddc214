/** Minimal flag parser: `--name value`, repeated flags collect, `--flag` alone is true. */
export interface ParsedArgs {
  command: string | undefined;
  flags: Map<string, string[]>;
  switches: Set<string>;
}

export function parseArgs(argv: readonly string[], valueFlags: readonly string[]): ParsedArgs {
  const flags = new Map<string, string[]>();
  const switches = new Set<string>();
  let command: string | undefined;
  for (let i = 0; i < argv.length; i += 1) {
    const a = argv[i];
    if (a.startsWith('--')) {
      const name = a.slice(2);
      if (valueFlags.includes(name)) {
        const v = argv[i + 1];
        if (v === undefined || v.startsWith('--')) throw new Error(`--${name} needs a value`);
        flags.set(name, [...(flags.get(name) ?? []), v]);
        i += 1;
      } else {
        switches.add(name);
      }
    } else if (command === undefined) {
      command = a;
    } else {
      throw new Error(`unexpected argument "${a}"`);
    }
  }
  return { command, flags, switches };
}
