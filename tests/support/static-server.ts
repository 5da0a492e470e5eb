// The browser tests serve sites with the product's own static server, the one `npm run preview` runs.
export { serveStatic, type StaticServer, type StaticServerOptions } from "../../src/preview/static-server.ts";
