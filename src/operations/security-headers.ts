import { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';

/** Where the OpenAPI UI is served (SwaggerModule.setup('api', ...)): its page and its assets. */
const isDocsUi = (path: string) => path === '/api' || path.startsWith('/api/');

/**
 * Helmet's headers on every answer (HSTS, nosniff, frame-ancestors 'none' via X-Frame-Options and CSP,
 * no Referer across origins...). The API itself needs no more than helmet's default CSP; the Swagger UI
 * at /api also runs inline script and style and loads data: images, so its pages get a CSP that allows
 * those. Neither asks the browser to upgrade to HTTPS: the server is also reached over plain HTTP on a
 * LAN, where an upgrade would break every asset.
 */
export const securityHeaders = (): RequestHandler => {
  const api = helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } });
  const docs = helmet({
    contentSecurityPolicy: {
      directives: {
        scriptSrc: ["'self'", "'unsafe-inline'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'https:'],
        upgradeInsecureRequests: null,
      },
    },
  });
  return (request: Request, response: Response, next: NextFunction) => (isDocsUi(request.path) ? docs : api)(request, response, next);
};
