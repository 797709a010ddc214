/**
 * Multinomial logistic regression over sparse features (sublinear tf × idf, L2-normalised),
 * trained by seeded SGD with sparse updates. Small, deterministic, fast to train and to run.
 */
export interface SoftmaxTrainOptions {
  epochs: number;
  learningRate: number;
  /** L2 penalty applied to the weights a sample touches. */
  l2: number;
  /** Weight each sample by (largest class size / its class size)^balance; 0 = no balancing. */
  balance: number;
  seed: number;
}

export const DEFAULT_SOFTMAX_OPTIONS: SoftmaxTrainOptions = {
  epochs: 40,
  learningRate: 0.8,
  l2: 1e-5,
  balance: 0.5,
  seed: 7,
};

export interface SoftmaxModelJson {
  kind: 'softmax-regression';
  classes: string[];
  features: string[];
  idf: string;
  weights: string;
  bias: number[];
}

interface SparseVector {
  idx: Int32Array;
  val: Float32Array;
}

export interface Sample {
  features: string[];
  label: string;
}

/** Mulberry32: a tiny seeded generator so training is reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function toBase64(a: Float32Array): string {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
}

function fromBase64(s: string): Float32Array {
  const buf = Buffer.from(s, 'base64');
  const copy = new Uint8Array(buf.byteLength);
  copy.set(buf);
  return new Float32Array(copy.buffer);
}

export class SoftmaxRegression {
  private readonly index: Map<string, number>;

  private constructor(
    readonly classes: string[],
    private readonly features: string[],
    private readonly idf: Float32Array,
    private readonly weights: Float32Array,
    private readonly bias: Float64Array,
  ) {
    this.index = new Map(features.map((f, i) => [f, i]));
  }

  static train(samples: readonly Sample[], options: Partial<SoftmaxTrainOptions> = {}): SoftmaxRegression {
    const o = { ...DEFAULT_SOFTMAX_OPTIONS, ...options };
    if (samples.length === 0) throw new Error('SoftmaxRegression.train: no training samples');
    const classes = [...new Set(samples.map((s) => s.label))].sort();
    const classIndex = new Map(classes.map((c, i) => [c, i]));
    const df = new Map<string, number>();
    for (const s of samples) for (const f of new Set(s.features)) df.set(f, (df.get(f) ?? 0) + 1);
    const features = [...df.keys()].sort();
    const idf = new Float32Array(features.length);
    features.forEach((f, i) => { idf[i] = Math.log((1 + samples.length) / (1 + (df.get(f) ?? 0))) + 1; });
    const model = new SoftmaxRegression(
      classes, features, idf, new Float32Array(classes.length * features.length), new Float64Array(classes.length),
    );
    const vectors = samples.map((s) => model.vectorize(s.features));
    const labels = samples.map((s) => classIndex.get(s.label) ?? 0);
    const counts = new Array<number>(classes.length).fill(0);
    for (const y of labels) counts[y] += 1;
    const maxCount = Math.max(...counts);
    const sampleWeight = counts.map((c) => (maxCount / c) ** o.balance);
    const rand = seededRandom(o.seed);
    const order = samples.map((_, i) => i);
    const C = classes.length;
    const V = features.length;
    const W = model.weights;
    const b = model.bias;
    const probs = new Float64Array(C);
    let step = 0;
    const totalSteps = o.epochs * samples.length;
    for (let epoch = 0; epoch < o.epochs; epoch += 1) {
      for (let i = order.length - 1; i > 0; i -= 1) {
        const j = Math.floor(rand() * (i + 1));
        [order[i], order[j]] = [order[j], order[i]];
      }
      for (const n of order) {
        const lr = o.learningRate * (1 - step / totalSteps) + 0.01;
        step += 1;
        const x = vectors[n];
        model.scoresInto(x, probs);
        softmaxInPlace(probs);
        const w = sampleWeight[labels[n]];
        for (let c = 0; c < C; c += 1) {
          const g = (probs[c] - (c === labels[n] ? 1 : 0)) * w;
          const shrink = 1 - lr * o.l2;
          const base = c * V;
          for (let k = 0; k < x.idx.length; k += 1) {
            const at = base + x.idx[k];
            W[at] = W[at] * shrink - lr * g * x.val[k];
          }
          b[c] -= lr * g * 0.1;
        }
      }
    }
    return model;
  }

  static fromJSON(json: SoftmaxModelJson): SoftmaxRegression {
    return new SoftmaxRegression(
      json.classes, json.features, fromBase64(json.idf), fromBase64(json.weights), Float64Array.from(json.bias),
    );
  }

  toJSON(): SoftmaxModelJson {
    return {
      kind: 'softmax-regression',
      classes: this.classes,
      features: this.features,
      idf: toBase64(this.idf),
      weights: toBase64(this.weights),
      bias: Array.from(this.bias),
    };
  }

  /** Probability of every class, highest first. */
  predict(features: readonly string[]): Array<{ label: string; score: number }> {
    const probs = new Float64Array(this.classes.length);
    this.scoresInto(this.vectorize(features), probs);
    softmaxInPlace(probs);
    return this.classes
      .map((label, i) => ({ label, score: probs[i] }))
      .sort((a, b) => b.score - a.score);
  }

  private vectorize(features: readonly string[]): SparseVector {
    const tf = new Map<number, number>();
    for (const f of features) {
      const i = this.index.get(f);
      if (i !== undefined) tf.set(i, (tf.get(i) ?? 0) + 1);
    }
    const idx = Int32Array.from(tf.keys());
    const val = new Float32Array(idx.length);
    let norm = 0;
    idx.forEach((i, k) => {
      const v = (1 + Math.log(tf.get(i) ?? 1)) * this.idf[i];
      val[k] = v;
      norm += v * v;
    });
    norm = Math.sqrt(norm) || 1;
    for (let k = 0; k < val.length; k += 1) val[k] /= norm;
    return { idx, val };
  }

  private scoresInto(x: SparseVector, out: Float64Array): void {
    const V = this.features.length;
    for (let c = 0; c < this.classes.length; c += 1) {
      let s = this.bias[c];
      const base = c * V;
      for (let k = 0; k < x.idx.length; k += 1) s += this.weights[base + x.idx[k]] * x.val[k];
      out[c] = s;
    }
  }
}

function softmaxInPlace(v: Float64Array): void {
  let max = -Infinity;
  for (const x of v) if (x > max) max = x;
  let sum = 0;
  for (let i = 0; i < v.length; i += 1) { v[i] = Math.exp(v[i] - max); sum += v[i]; }
  for (let i = 0; i < v.length; i += 1) v[i] /= sum;
}
