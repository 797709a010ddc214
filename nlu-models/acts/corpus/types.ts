import type { ConfirmAct, ConfirmPurpose } from '../types';

/** One reply to a yes/no question. `purpose` is set when the act depends on what was asked (「取消吧」). */
export interface ActExample {
  text: string;
  act: ConfirmAct;
  purpose?: ConfirmPurpose;
}

/** A dialogue-act corpus file (training: <locale>.json, held-out: <locale>.test.json). */
export interface ActCorpus {
  locale: string;
  description?: string;
  examples: ActExample[];
}
