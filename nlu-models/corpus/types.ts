/** One intent of an NLP.js-format corpus file; `tests` are held out from training. */
export interface CorpusIntent {
  intent: string;
  description?: string;
  utterances: string[];
  tests?: string[];
  answers?: string[];
}

/** An NLP.js-format corpus file (https://github.com/axa-group/nlp.js corpus JSON), one per language and domain. */
export interface Corpus {
  name: string;
  locale: string;
  /**
   * Set on a file that adds another way of writing the language (e.g. "pinyin": zh-CN typed as toneless pinyin) to
   * intents whose home is another file: its intents are merged with theirs, and such files are listed last.
   */
  variant?: string;
  data: CorpusIntent[];
}
