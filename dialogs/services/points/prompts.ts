import type { PromptDefinition } from '../../prompts/PromptDefinition';

/**
 * The questions the points flow asks: none of its own (it answers at once; binding asks its questions in
 * dialogs/identity). Declared so every service lists its prompts the same way.
 */
export const POINTS_PROMPTS = {} as const satisfies Readonly<Record<string, PromptDefinition>>;
