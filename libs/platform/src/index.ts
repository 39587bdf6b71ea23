export * from './config/service-config';
export * from './auth/roles';
export * from './auth/access.guard';
export * from './http/validation';
export * from './http/mongo-error.filter';
export * from './http/paging';
export * from './health/health.controller';
export * from './service';
