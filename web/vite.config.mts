import { defineConfig } from 'vite';

// Built by `npm run build` into dist/web, which the Nest server serves at `/`.
export default defineConfig({
  base: '/',
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    rollupOptions: {
      // TanStack Query marks its hooks "use client" for React Server Components; the screens are all client-side
      onwarn: (warning, warn) => warning.code === 'MODULE_LEVEL_DIRECTIVE' || warn(warning),
    },
  },
  // `npm run web:dev`: the screens with hot reload, the API of a server started with `npm start`
  server: {
    port: 5173,
    proxy: Object.fromEntries(
      [
        '/auth',
        '/users',
        '/organizations',
        '/sites',
        '/locations',
        '/seizures',
        '/items',
        '/scan',
        '/ledger',
        '/transfers',
        '/printers',
        '/print-jobs',
        '/labels',
        '/checkouts',
        '/audits',
        '/statistics',
        '/health',
      ].map((prefix) => [prefix, 'http://127.0.0.1:3000']),
    ),
  },
});
