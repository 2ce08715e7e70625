// Types for scripts/make-icons.mjs, for the tests written in TypeScript.
export declare const iconSizes: number[];
export declare function renderIcons(svgPath: string, outDir: string): string[];
