// Transpiles our TypeScript, and those dependencies that are published as ES modules only (feelin, and
// some of Fastify's helpers), to CommonJS for Jest's module loader. Node 20.19+ loads such packages
// natively at run time; Jest does not. CommonJS files from node_modules pass through untouched.
const swcJest = require('@swc/jest');

const ESM_SYNTAX = /^\s*(import\s*[\w*{'"]|export\s)/m;

module.exports = {
  createTransformer(options) {
    const swc = swcJest.createTransformer(options);
    return {
      canInstrument: false,
      process(source, filename, jestOptions) {
        if (filename.includes('/node_modules/') && !ESM_SYNTAX.test(source)) return { code: source };
        return swc.process(source, filename, jestOptions);
      },
      getCacheKey(source, filename, jestOptions) {
        return swc.getCacheKey(source, filename, jestOptions);
      },
    };
  },
};
