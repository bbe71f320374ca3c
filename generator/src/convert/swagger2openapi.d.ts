// swagger2openapi ships no types; this is the part of its API connectgen uses.
declare module 'swagger2openapi' {
  interface ConvertOptions {
    patch?: boolean;
    warnOnly?: boolean;
    warnProperty?: string;
    resolve?: boolean;
    direct?: boolean;
    source?: string;
    text?: string;
    targetVersion?: string;
  }
  interface ConvertResult {
    openapi: Record<string, unknown>;
    patches?: number;
  }
  export function convertObj(swagger: unknown, options: ConvertOptions): Promise<ConvertResult>;
  const _default: { convertObj: typeof convertObj };
  export default _default;
}
