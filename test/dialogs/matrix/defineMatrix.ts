import known from './knownFailures.json';
import type { PromptDefinition } from '../../../dialogs/prompts/PromptDefinition';
import type { Fixture } from './runMatrix';
import { matrixCells } from './runMatrix';

const KNOWN: Readonly<Record<string, string>> = known.cells;

/** Registers a service's matrix cells as jest tests; cells listed in knownFailures.json run as test.failing. */
/** `extra`: questions no service lists but its flows ask (binding's, asked inside every service that needs an identity). */
export function defineMatrix(service: string, fixtures: Readonly<Record<string, Fixture>>, extra: readonly PromptDefinition[] = []): void {
  describe(`prompt × act matrix: ${service}`, () => {
    for (const cell of matrixCells(service, fixtures, extra)) {
      if (KNOWN[cell.name]) it.failing(`${cell.name} (known: ${KNOWN[cell.name]})`, cell.run);
      else it(cell.name, cell.run);
    }
  });
}
