import type { UnderstoodEntity } from '../../nlu-models/recognizer/Understanding';

/** Options every flow dialog accepts: entities already understood from the citizen's first message. */
export interface FlowOptions {
  entities?: readonly UnderstoodEntity[];
  /** The message that started the flow, for details the entities alone do not carry (「科目一过了，想约科目二下午」). */
  text?: string;
  /** Run as a side question in the middle of another flow: answer, do not start anything new (that flow resumes). */
  sideTrip?: boolean;
}

/** The first value of an entity among the pre-filled ones. */
export function entityValue(options: FlowOptions | undefined, entity: UnderstoodEntity['entity']): string | undefined {
  return options?.entities?.find((e) => e.entity === entity)?.value;
}
