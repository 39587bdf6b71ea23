import { Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { GatewayConfig } from '../gateway-config';

/** How long fetched service documents are reused; while one is missing, it is asked for sooner. */
const REFRESH_MS = 30000;
const RETRY_MISSING_MS = 2000;

type ServiceDocument = Pick<OpenAPIObject, 'paths' | 'components' | 'tags'>;

/**
 * One OpenAPI document for the one origin: the gateway's own routes plus each
 * service's document (generated there from its DTOs), with paths under `/api`.
 * Services are asked in the background, so the gateway starts whatever their state.
 */
export class MergedApiDocs {
  private readonly logger = new Logger(MergedApiDocs.name);
  private readonly fetched = new Map<string, ServiceDocument>();
  private lastFetch = 0;
  private readonly warned = new Set<string>();

  constructor(
    private readonly own: OpenAPIObject,
    private readonly services: Record<string, string>,
    /** The operators' token: in production a service shows its document only to its bearer. */
    private readonly token: string,
  ) {}

  document(): OpenAPIObject {
    if (Date.now() - this.lastFetch > REFRESH_MS) void this.refresh();
    const merged: OpenAPIObject = structuredClone(this.own);
    for (const doc of this.fetched.values()) {
      for (const [path, item] of Object.entries(doc.paths)) {
        if (!path.startsWith('/health')) merged.paths[`/api${path}`] = item;
      }
      merged.components = {
        ...merged.components,
        schemas: { ...merged.components?.schemas, ...doc.components?.schemas },
      };
      merged.tags = [...(merged.tags ?? []), ...(doc.tags ?? [])];
    }
    return merged;
  }

  /** Asks every service; while one is missing (still starting), asks again shortly, in the background. */
  async refresh(): Promise<void> {
    this.lastFetch = Date.now();
    await Promise.all(
      Object.entries(this.services).map(async ([name, url]) => {
        try {
          const response = await fetch(`${url}/docs-json`, {
            signal: AbortSignal.timeout(3000),
            headers: this.token ? { authorization: `Bearer ${this.token}` } : {},
          });
          if (response.ok) this.fetched.set(name, (await response.json()) as ServiceDocument);
        } catch (error) {
          // Said once per service: while it starts (or is not deployed) the retries stay quiet.
          if (!this.warned.has(name)) this.logger.warn(`API document of ${name} not available yet: ${(error as Error).message}`);
          this.warned.add(name);
        }
      }),
    );
    if (this.fetched.size < Object.keys(this.services).length) setTimeout(() => void this.refresh(), RETRY_MISSING_MS).unref();
  }
}

export function serveMergedDocs(app: NestExpressApplication, own: OpenAPIObject, config: GatewayConfig): void {
  const docs = new MergedApiDocs(
    own,
    // Every instance of a service serves the same document: the first one's is taken.
    Object.fromEntries(Object.entries(config.instances()).map(([name, urls]) => [name, urls[0]])),
    config.metricsToken,
  );
  void docs.refresh();
  SwaggerModule.setup('api/docs', app, own, {
    jsonDocumentUrl: 'api/docs-json',
    patchDocumentOnRequest: () => docs.document(),
  });
}
