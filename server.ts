/**
 * The production (and development) server: express with the React Router request
 * handler, compression, immutable caching of hashed assets, security headers
 * with a per-response CSP nonce, a same-origin check on form posts, and a
 * graceful shutdown on SIGTERM.
 *
 *   npm start        build, then serve the production build
 *   npm run dev      serve through Vite with hot reload
 *
 * `npm run build` bundles this file into build/server.js, which production
 * runs with plain node: no TypeScript loader in the serving process (its
 * module hooks run in a thread of their own and cost about 60 MB).
 */
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "react-router";
import compression from "compression";
import express, { type NextFunction, type Request, type Response } from "express";

const dev = process.argv.includes("--dev");
// Demo data is for a plain `npm start`; a deployment that says NODE_ENV=production gets none unless it asks.
process.env.CAMPUS_DEMO ??= process.env.NODE_ENV === "production" ? "0" : "1";
process.env.NODE_ENV = dev ? "development" : "production";

// Imported only now, after NODE_ENV is set: React chooses its development or production build when first loaded,
// and a static import would load it (through react-router) before the line above ran: pages then rendered with
// React's development build, at about twice the cost.
const { createRequestHandler, RouterContextProvider } = await import("react-router");
const { getEnv } = await import("./app/env.server.ts");
const { admission } = await import("./app/server/admission.server.ts");
const { CROSS_SITE_REFUSAL, isForeignOrigin } = await import("./app/server/origin.server.ts");
const { hasBody, limitsFor, LONGEST_BODY_MS, readBody } = await import("./app/server/bodies.server.ts");
const { clientAddress } = await import("./app/server/client-address.server.ts");
const { perAddressLimit } = await import("./app/server/per-address.server.ts");
const { refuse } = await import("./app/server/refusals.server.ts");
const { createExpressHandler } = await import("./app/server/request-handler.server.ts");
const { answerInLane, attemptsPost } = await import("./app/server/attempts-lane.server.ts");
const env = getEnv();
const log = (...args: unknown[]) => env.logLevel !== "silent" && env.logLevel !== "error" && console.log(...args);

type Lifecycle = {
  startup: () => Promise<import("./app/server/lifecycle.server.ts").StartupReport>;
  /** Stops housekeeping and closes the database (asynchronous, or not: it is awaited either way). */
  shutdown: () => void | Promise<void>;
  contentChanged: () => Promise<{ compiled: number; problems: string[] }>;
  replyToAttempt: typeof import("./app/quizzes/attempts-reply.server.ts").replyToAttempt;
  getDb: typeof import("./app/db/client.server.ts").getDb;
};

const app = express();
const perAddress = perAddressLimit(env.maxRequestsPerAddress);
/**
 * Every request, in this order (decision 0016):
 * 1. one address may have only so many requests open at once (429 past it);
 * 2. a body is read whole, bounded in size and time (413, 408), before anything else is spent on it;
 * 3. quiz answers sent with JavaScript take their turn with pages and actions (admission control) and are answered
 *    in a lane of their own (app/server/attempts-lane.server.ts, decision 0017): a class submitting together is the
 *    burst this server must absorb;
 * 4. everything else is the express app's: security headers, the cross-site refusal, static files, admission control
 *    (pages and actions take turns), and the React Router handler.
 */
const server = http.createServer(async (req, res) => {
  const address = clientAddress(req);
  if (!perAddress.enter(address, res)) return refuse(req, res, { status: 429, reason: "too-many-open", address });
  if (hasBody(req.method)) {
    const body = await readBody(req, limitsFor(req.url));
    if (!body.ok) return refuse(req, res, { status: body.status, reason: body.reason, address });
  }
  const attempt = attemptsPost(req);
  if (!attempt) return app(req, res);
  pages(req, res, () => {
    void answerInLane(req, res, attempt, {
      publicUrl: env.publicUrl,
      // In development the function comes from the current build, so an edit to it applies at once.
      reply: async () => ((viteDevServer ? (await loadBuild()).entry.module : lifecycle) as unknown as Lifecycle).replyToAttempt,
    });
  });
});
// A client gets this long to send its headers, and its whole request (the slowest body allowed, and a little
// more); an idle kept-alive connection is closed after KEEP_ALIVE_SECONDS. Node's defaults are 60 s, 300 s and 5 s.
server.headersTimeout = 20_000;
server.requestTimeout = LONGEST_BODY_MS + 10_000;
server.keepAliveTimeout = env.keepAliveSeconds * 1000;

// In development, Vite's hot-reload socket shares the app's own port (no second port to be busy or blocked).
const viteDevServer = dev ? await import("vite").then((vite) => vite.createServer({ server: { middlewareMode: true, hmr: { server } } })) : undefined;

async function loadBuild(): Promise<ServerBuild> {
  if (viteDevServer) return (await viteDevServer.ssrLoadModule("virtual:react-router/server-build")) as ServerBuild;
  // Resolved from the working directory, so that this file works both as server.ts and bundled as build/server.js.
  return (await import(pathToFileURL(path.resolve("build/server/index.js")).href)) as ServerBuild;
}

const lifecycle = (await loadBuild()).entry.module as unknown as Lifecycle;
const report = await lifecycle.startup();

if (viteDevServer) {
  // Trainers' live preview: a save under content/ recompiles that module and open pages refresh their data.
  let timer: NodeJS.Timeout | undefined;
  // Reloads run one after another, so a slow one can never overwrite the result of a later save.
  let reloading: Promise<void> = Promise.resolve();
  const reload = async () => {
    const entry = (await loadBuild()).entry.module as unknown as Lifecycle;
    const result = await entry.contentChanged();
    log(`content: ${result.compiled} module(s) recompiled`);
    for (const p of result.problems) log(`content: ${p}`);
    viteDevServer.ws.send({ type: "custom", event: "campus:content-changed", data: { problems: result.problems.length } });
  };
  fs.watch(env.contentDir, { recursive: true }, () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      reloading = reloading.then(reload).catch((error) => console.error(`content reload: ${(error as Error).message}`));
    }, 80);
  });
}

app.disable("x-powered-by");
// A co-op office server often sits behind a local reverse proxy.
app.set("trust proxy", "loopback");

app.use((req: Request, res: Response, next: NextFunction) => {
  const nonce = crypto.randomBytes(16).toString("base64");
  res.locals.cspNonce = nonce;
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
  res.setHeader("X-Frame-Options", "DENY");
  res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
  res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()");
  if (!dev) {
    res.setHeader(
      "Content-Security-Policy",
      [
        "default-src 'self'",
        `script-src 'self' 'nonce-${nonce}'`,
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "media-src 'self'",
        "manifest-src 'self'",
        "worker-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'self'",
        "object-src 'none'",
      ].join("; "),
    );
    if (req.secure) res.setHeader("Strict-Transport-Security", "max-age=31536000");
  }
  next();
});

/** A form posted from another site is refused (app/server/origin.server.ts). */
app.use((req: Request, res: Response, next: NextFunction) => {
  if (["GET", "HEAD", "OPTIONS"].includes(req.method)) return next();
  if (isForeignOrigin(req.get("Origin"), req.get("host"), env.publicUrl)) {
    res.status(403).type("text/plain").send(CROSS_SITE_REFUSAL);
    return;
  }
  next();
});

app.use(compression());

// /certificates/<code>.pdf is served by the resource route /certificates/<code>/pdf.
// The request handler reads originalUrl, so both are rewritten.
app.get(/^\/certificates\/([A-Za-z0-9-]+)\.pdf$/, (req: Request, _res: Response, next: NextFunction) => {
  req.url = req.originalUrl = `/certificates/${req.params[0]}/pdf`;
  next();
});

if (viteDevServer) {
  app.use(viteDevServer.middlewares);
} else {
  app.use(precompressed(path.resolve("build/client")));
  app.use("/assets", express.static(path.resolve("build/client/assets"), { immutable: true, maxAge: "1y", index: false }));
  // The few files at the top of build/client (favicon, manifest, service worker, offline page) all have an
  // extension; pages never do, so they skip the file-system lookup a static handler makes for every request.
  const files = express.static(path.resolve("build/client"), { maxAge: "1h", index: false });
  app.use((req: Request, res: Response, next: NextFunction) => (/\.[a-z0-9]+$/i.test(req.path) ? files(req, res, next) : next()));
}

/**
 * The Brotli and gzip copies `npm run build` wrote (scripts/precompress.mjs),
 * sent as they are to browsers that accept them: smaller than on-the-fly gzip
 * and no compression work per request. Only files listed at start are served.
 */
function precompressed(root: string) {
  const known = new Set<string>();
  for (const entry of fs.readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && /\.(br|gz)$/.test(entry.name))
      known.add(
        `/${path
          .relative(root, path.join(entry.parentPath ?? entry.path, entry.name))
          .split(path.sep)
          .join("/")}`,
      );
  }
  const suffix = { br: ".br", gzip: ".gz" } as const;
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== "GET" && req.method !== "HEAD") return next();
    // Brotli first whenever the browser accepts it (browsers list gzip first, with the same weight).
    const encoding = (["br", "gzip"] as const).find((e) => known.has(req.path + suffix[e]) && req.acceptsEncodings(e) === e);
    if (!encoding) return next();
    const immutable = req.path.startsWith("/assets/");
    res.setHeader("Content-Encoding", encoding);
    res.setHeader("Vary", "Accept-Encoding");
    res.type(path.extname(req.path));
    res.sendFile(path.join(root, req.path + suffix[encoding]), { immutable, maxAge: immutable ? "1y" : "1h" }, (error) => error && next(error));
  };
}

// Pages and actions take turns (static files above do not); see app/server/admission.server.ts. Forms that check
// or set a password have a lane of their own: a password hash takes a tenth of a second of a core (on purpose), and
// thirty sign-ups at once must not take the places that pages need. A password is hashed two at a time in any case
// (app/auth/passwords.server.ts).
const exempt = (url: string) => url.startsWith("/healthz") || url.startsWith("/dashboard/export");
const pages = admission({ limit: env.maxConcurrentRequests, queue: env.maxQueuedRequests, exempt });
const passwords = admission({ limit: 2, queue: 64, exempt });
const PASSWORD_FORMS = /^\/(?:login|signup|set-password|settings)(?:\.data)?(?:\?|$)/;
app.use((req: Request, res: Response, next: NextFunction) =>
  (req.method === "POST" && PASSWORD_FORMS.test(req.originalUrl) ? passwords : pages)(req, res, next),
);

const build = viteDevServer ? undefined : await loadBuild();
const handlers = new WeakMap<ServerBuild, ReturnType<typeof createRequestHandler>>();
const handlerFor = (b: ServerBuild) => {
  let h = handlers.get(b);
  // Cross-site posts are refused by one rule, ours, above (app/server/origin.server.ts: the request's own host or
  // PUBLIC_URL's). React Router 7 checks an action's Origin against request.url on its own, which behind a proxy
  // (another Host, or http inside and https outside) would be a second rule that disagrees: it is told every
  // origin that reaches it was let through already.
  if (!h) handlers.set(b, (h = createRequestHandler({ ...b, allowedActionOrigins: ["**"] }, dev ? "development" : "production")));
  return h;
};
app.all(
  "*",
  createExpressHandler({
    handle: async () => handlerFor(build ?? (await loadBuild())),
    // The request's context for middleware, loaders and actions, with what only the server knows (app/context.ts).
    getLoadContext: (req, res) =>
      Object.assign(new RouterContextProvider(), {
        cspNonce: res.locals.cspNonce as string,
        clientAddress: clientAddress(req),
        db: lifecycle.getDb(),
      }),
  }),
);

// A learner who closes the page or loses the connection halfway through a download is not a server
// fault: the response is simply abandoned, without a stack trace in the log for each one.
app.use((error: unknown, req: Request, res: Response, next: NextFunction) => {
  if (res.destroyed || req.destroyed) return;
  next(error);
});

server.listen(env.port, env.host, () => {
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : env.port;
  log(`Co-op Campus ${dev ? "(development)" : ""} listening on http://localhost:${port}`);
  log(`Database: ${report.databasePath}`);
  log(`Catalog: ${report.courses} course(s); ${report.catalog.compiled} module(s) compiled, ${report.catalog.cached} from cache, in ${report.catalog.ms} ms`);
  for (const p of report.problems) log(`content: ${p}`);
  const { sessions, passwordCodes, loginCounters, auditEntries } = report.tidied;
  if (sessions + passwordCodes + loginCounters + auditEntries > 0) {
    log(
      `Housekeeping: removed ${sessions} expired session(s), ${passwordCodes} spent one-time code(s), ${loginCounters} stale log-in counter(s), ${auditEntries} old audit log entr${auditEntries === 1 ? "y" : "ies"}.`,
    );
  }
  if (report.issuerProblem) console.error(`\n*** CERTIFICATES: ${report.issuerProblem}\n`);
  if (report.demo) {
    log("Demo mode is on (CAMPUS_DEMO=0 or NODE_ENV=production turns it off).");
    if (report.demoAccounts) {
      log("Demo accounts were created. Their passwords are shown this once; note them now:");
      for (const a of report.demoAccounts) log(`  ${a.role.padEnd(12)} ${a.email.padEnd(36)} ${a.password}`);
    } else log("The database already holds data: no demo data was added.");
  }
});

let closing = false;
function close(signal: string) {
  if (closing) return;
  closing = true;
  log(`${signal}: finishing open requests, then stopping.`);
  server.close(async () => {
    await lifecycle.shutdown();
    void viteDevServer?.close();
    process.exit(0);
  });
  server.closeIdleConnections();
  setTimeout(() => {
    console.error("Requests still open after 10 s: stopping anyway.");
    // Not awaited: a request still open may hold a transaction that the shutdown would wait for.
    void lifecycle.shutdown();
    process.exit(1);
  }, 10_000).unref();
}
process.on("SIGTERM", () => close("SIGTERM"));
process.on("SIGINT", () => close("SIGINT"));
