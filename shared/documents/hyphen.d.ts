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
