export declare const SENTINEL: string;
export declare function hostileSpec(seed: number): Record<string, unknown>;
export declare function hostileSpecs(count: number, firstSeed?: number): Record<string, unknown>[];
