declare module 'virtual:cairn/articles' {
  const index: Record<string, import('./integrations/content-check').ArticleIndexEntry>;
  export default index;
}

declare module '*.yaml?raw' {
  const source: string;
  export default source;
}

declare namespace App {
  interface Locals {
    /** The signed-in staff member on /console and /api/console routes (set by src/middleware.ts). */
    staff?: import('./server/session').StaffIdentity;
    /** Set by src/middleware.ts when the signed-in role may not open the requested section. */
    forbiddenSection?: import('./lib/console-rights').ConsoleSection | null;
  }
}
