// Resolves the `@jobfair/<lib>` imports of the compiled services (tsc keeps path aliases as written).
// Usage: node -r ./deploy/register-paths.js dist/apps/<app>/src/main.js
const path = require('path');
const { register } = require('tsconfig-paths');

register({
  baseUrl: process.env.JOBFAIR_DIST ?? path.join(__dirname, '..', 'dist'),
  paths: { '@jobfair/*': ['libs/*/src'] },
});
