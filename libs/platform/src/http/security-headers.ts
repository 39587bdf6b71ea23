import helmet from 'helmet';

/**
 * helmet's protective headers on every service. The content security policy allows only
 * this origin's scripts; styles may be inline because the API documentation page (Swagger
 * UI) sets some, and images may be data: URLs (its icons).
 */
export function securityHeaders() {
  return helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
      },
    },
  });
}
