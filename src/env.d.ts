declare module 'virtual:cairn/articles' {
  const index: Record<string, import('./integrations/content-check').ArticleIndexEntry>;
  export default index;
}

declare module 'virtual:cairn/support' {
  const support: import('./lib/support-content').SupportContent;
  export default support;
}

declare module 'virtual:cairn/status-templates' {
  const templates: import('./lib/status-templates').StatusTemplates;
  export default templates;
}

declare namespace App {
  interface Locals {
    /** The signed-in staff member on /console routes (set by src/middleware.ts). */
    staff?: import('./server/session').StaffIdentity;
    /** Set by src/middleware.ts when the signed-in role may not open the requested section. */
    forbiddenSection?: import('./lib/console-rights').ConsoleSection | null;
  }
}
