/** Entity names of the understanding contract (DESIGN.md §3). */
export type EntityName =
  | 'plate_number'
  | 'id_number'
  | 'vin'
  | 'decision_number'
  | 'exam_subject'
  | 'date'
  | 'phone'
  | 'amount';

/**
 * One entity found in an utterance. `start`/`end` are offsets (UTF-16 code units, as String#slice
 * uses them; end exclusive) into the normalised text, `text` is the matched surface form and
 * `value` the normalised value.
 */
export interface ExtractedEntity {
  entity: EntityName;
  value: string;
  start: number;
  end: number;
  text: string;
}
