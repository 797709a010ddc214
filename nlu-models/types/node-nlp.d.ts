// node-nlp 4 ships no type declarations; this covers the part the benchmark compares against.
declare module 'node-nlp' {
  export interface NlpManagerSettings {
    languages: string[];
    forceNER?: boolean;
    autoSave?: boolean;
    nlu?: { log?: boolean; useNoneFeature?: boolean };
  }
  export interface NlpProcessResult {
    intent: string;
    score: number;
  }
  export class NlpManager {
    constructor(settings: NlpManagerSettings);
    container: { register(name: string, item: unknown, isSingleton?: boolean): void };
    addDocument(locale: string, utterance: string, intent: string): void;
    train(): Promise<void>;
    process(locale: string, utterance: string): Promise<NlpProcessResult>;
  }
}
