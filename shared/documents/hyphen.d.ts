declare module 'hyphen/hyphen.js' {
  type Patterns = readonly unknown[];
  interface Options {
    hyphenChar?: string;
    minWordLength?: number;
    html?: boolean;
  }
  const createHyphenator: (patterns: Patterns, options?: Options) => (text: string) => string;
  export default createHyphenator;
}

declare module 'hyphen/patterns/id.js' {
  const patterns: readonly unknown[];
  export default patterns;
}

declare module 'hyphen/patterns/en-us.js' {
  const patterns: readonly unknown[];
  export default patterns;
}
