declare module 'virtual:cairn/articles' {
  const index: Record<string, import('./integrations/content-check').ArticleIndexEntry>;
  export default index;
}

declare module '*.yaml?raw' {
  const source: string;
  export default source;
}
