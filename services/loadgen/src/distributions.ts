// Continuous distributions used by mutilate's Facebook workloads (Atikoglu et al.,
// SIGMETRICS 2012), sampled by inverse transform so that a single uniform draw
// maps to one value (and a hash of a key index maps to that key's fixed size).

import type { Rng } from "./rng.ts";

export interface Distribution {
  readonly name: string;
  /** The analytic mean (Infinity when it does not exist). */
  readonly mean: number;
  /** Inverse CDF: the value below which a fraction u of the mass lies, u in (0, 1). */
  quantile(u: number): number;
  sample(rng: Rng): number;
}

export class Fixed implements Distribution {
  readonly name: string;
  readonly mean: number;
  constructor(value: number) {
    this.mean = value;
    this.name = `fixed(${value})`;
  }
  quantile(): number {
    return this.mean;
  }
  sample(): number {
    return this.mean;
  }
}

export class Exponential implements Distribution {
  readonly name: string;
  readonly mean: number;
  constructor(mean: number) {
    this.mean = mean;
    this.name = `exponential(mean=${mean})`;
  }
  quantile(u: number): number {
    return -Math.log1p(-u) * this.mean;
  }
  sample(rng: Rng): number {
    return this.quantile(rng.next());
  }
}

/** Generalized Pareto: F(x) = 1 - (1 + shape (x - loc) / scale)^(-1/shape). */
export class GPareto implements Distribution {
  readonly name: string;
  readonly mean: number;
  readonly loc: number;
  readonly scale: number;
  readonly shape: number;
  constructor(loc: number, scale: number, shape: number) {
    if (!(scale > 0)) throw new RangeError(`GPareto scale must be > 0, got ${scale}`);
    this.loc = loc;
    this.scale = scale;
    this.shape = shape;
    this.mean = shape < 1 ? loc + scale / (1 - shape) : Infinity;
    this.name = `gpareto(${loc}, ${scale}, ${shape})`;
  }
  quantile(u: number): number {
    if (this.shape === 0) return this.loc - this.scale * Math.log1p(-u);
    return this.loc + (this.scale * (Math.pow(1 - u, -this.shape) - 1)) / this.shape;
  }
  sample(rng: Rng): number {
    return this.quantile(rng.next());
  }
}

/** Generalized extreme value: F(x) = exp(-(1 + shape (x - loc) / scale)^(-1/shape)). */
export class Gev implements Distribution {
  readonly name: string;
  readonly mean: number;
  readonly loc: number;
  readonly scale: number;
  readonly shape: number;
  constructor(loc: number, scale: number, shape: number) {
    if (!(scale > 0)) throw new RangeError(`GEV scale must be > 0, got ${scale}`);
    this.loc = loc;
    this.scale = scale;
    this.shape = shape;
    const eulerGamma = 0.5772156649015329;
    if (shape === 0) this.mean = loc + scale * eulerGamma;
    else this.mean = shape < 1 ? loc + (scale * (gamma(1 - shape) - 1)) / shape : Infinity;
    this.name = `gev(${loc}, ${scale}, ${shape})`;
  }
  quantile(u: number): number {
    const y = -Math.log(u);
    if (this.shape === 0) return this.loc - this.scale * Math.log(y);
    return this.loc + (this.scale * (Math.pow(y, -this.shape) - 1)) / this.shape;
  }
  sample(rng: Rng): number {
    return this.quantile(rng.next());
  }
}

/** Point masses for small values with a continuous tail for the rest (mutilate's "Discrete"). */
export class DiscreteWithTail implements Distribution {
  readonly name: string;
  readonly mean: number;
  private readonly values: Float64Array;
  private readonly cumulative: Float64Array;
  private readonly tail: Distribution;
  private readonly massInTable: number;
  constructor(table: ReadonlyArray<readonly [value: number, probability: number]>, tail: Distribution) {
    this.values = new Float64Array(table.length);
    this.cumulative = new Float64Array(table.length);
    let sum = 0;
    let weighted = 0;
    table.forEach(([value, p], i) => {
      sum += p;
      weighted += value * p;
      this.values[i] = value;
      this.cumulative[i] = sum;
    });
    if (sum > 1 + 1e-9) throw new RangeError(`table probabilities sum to ${sum} > 1`);
    this.massInTable = sum;
    this.tail = tail;
    this.mean = weighted + (1 - sum) * tail.mean;
    this.name = `discrete(${table.length} points)+${tail.name}`;
  }
  quantile(u: number): number {
    if (u < this.massInTable) {
      for (let i = 0; i < this.cumulative.length; i++) if (u < this.cumulative[i]) return this.values[i];
    }
    return this.tail.quantile((u - this.massInTable) / (1 - this.massInTable));
  }
  sample(rng: Rng): number {
    return this.quantile(rng.next());
  }
}

/** The same shape with every value multiplied so that the mean becomes `mean` (mutilate's set_lambda). */
export class Rescaled implements Distribution {
  readonly name: string;
  readonly mean: number;
  private readonly base: Distribution;
  private readonly factor: number;
  constructor(base: Distribution, mean: number) {
    if (!(base.mean > 0 && Number.isFinite(base.mean))) throw new RangeError(`cannot rescale ${base.name}`);
    this.base = base;
    this.factor = mean / base.mean;
    this.mean = mean;
    this.name = `${base.name} scaled to mean ${mean}`;
  }
  quantile(u: number): number {
    return this.base.quantile(u) * this.factor;
  }
  sample(rng: Rng): number {
    return this.base.sample(rng) * this.factor;
  }
}

// The Facebook ETC fits that mutilate names fb_key, fb_value and fb_ia.
export const FB_KEY_SIZE = new Gev(30.7984, 8.20449, 0.078688);
export const FB_VALUE_SIZE = new DiscreteWithTail(
  [
    [0, 0.00536],
    [1, 0.00047],
    [2, 0.1782],
    [3, 0.09239],
    [4, 0.00018],
    [5, 0.0274],
    [6, 0.00065],
    [7, 0.00606],
    [8, 0.00023],
    [9, 0.00837],
    [10, 0.00837],
    [11, 0.08989],
    [12, 0.00092],
    [13, 0.00326],
    [14, 0.0198],
  ],
  new GPareto(15, 214.476, 0.348238),
);
/** Inter-arrival gaps in microseconds at Facebook's measured rate; rescale to the target rate. */
export const FB_INTER_ARRIVAL = new GPareto(0, 16.0292, 0.154971);

export type InterArrivalKind = "exponential" | "fb_ia" | "fixed";

/** Inter-arrival gaps (microseconds) with mean `meanUs`, in the shape named by `kind`. */
export function interArrival(kind: InterArrivalKind, meanUs: number): Distribution {
  switch (kind) {
    case "exponential":
      return new Exponential(meanUs);
    case "fb_ia":
      return new Rescaled(FB_INTER_ARRIVAL, meanUs);
    case "fixed":
      return new Fixed(meanUs);
  }
}

/** Lanczos approximation of the gamma function (g = 7, 9 terms), for the GEV mean. */
export function gamma(x: number): number {
  if (x < 0.5) return Math.PI / (Math.sin(Math.PI * x) * gamma(1 - x));
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  const z = x - 1;
  let a = c[0];
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += c[i] / (z + i);
  return Math.sqrt(2 * Math.PI) * Math.pow(t, z + 0.5) * Math.exp(-t) * a;
}
