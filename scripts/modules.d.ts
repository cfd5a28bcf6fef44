// Types for the two packages the scripts use that ship none, as far as the scripts use them.

declare module 'compression' {
  import type { IncomingMessage, ServerResponse } from 'node:http';
  type Middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;
  interface Options {
    /** Bytes below which an answer is sent as it is. */
    threshold?: number;
    /** zlib options for brotli, where the package supports it. */
    brotli?: { params?: Record<number, number> };
    filter?: (req: IncomingMessage, res: ServerResponse) => boolean;
  }
  function compression(options?: Options): Middleware;
  namespace compression {
    /** The default filter: compressible Content-Type and no Cache-Control: no-transform. */
    function filter(req: IncomingMessage, res: ServerResponse): boolean;
  }
  export default compression;
}

declare module 'stopword' {
  /** English stop words. */
  export const eng: string[];
}
