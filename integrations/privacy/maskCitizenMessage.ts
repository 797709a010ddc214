import { maskBareCode } from './maskBareCode';
import { maskName } from './maskName';

/**
 * A citizen's message as transcripts and the misunderstood inbox keep it, before the store's maskPii: the name
 * typed at binding as 李*, anything with digits typed at the code prompt as ******, codes elsewhere as maskBareCode does.
 */
export function maskCitizenMessage(text: string, known?: 'name' | 'code'): string {
  if (known === 'name') return maskName(text);
  if (known === 'code' && /\d/.test(text)) return '*'.repeat(6);
  return maskBareCode(text);
}
