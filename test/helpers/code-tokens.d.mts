export interface CodeHit {
  readonly file: string;
  readonly line: number;
  readonly text: string;
}
export declare function findIdentifierInCode(file: string, source: string, identifier: string): CodeHit[];
export declare function syntaxErrors(file: string, source: string): string[];
export declare function stringValues(file: string, source: string): string[];
