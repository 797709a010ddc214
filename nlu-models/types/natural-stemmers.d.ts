// natural 8.0.1 ships types for its index only; the sub-module import keeps start-up fast
// (the full index takes ~1.5 s to load), so describe the piece we use.
declare module 'natural/lib/natural/stemmers/porter_stemmer' {
  /** natural's English Porter stemmer (the stemmers index loads every language's: ~180 ms more at start-up). */
  const PorterStemmer: { stem(token: string): string };
  export = PorterStemmer;
}

declare module 'natural/lib/natural/distance/dice_coefficient' {
  /** Sørensen–Dice coefficient of the two strings' character bigrams (0 to 1). */
  function diceCoefficient(a: string, b: string): number;
  export = diceCoefficient;
}
