// class-transformer keeps its decorators' metadata in this module and does not export it from its index (its
// package has no `exports` map, so Node resolves the path); the types ship under `types/`.
declare module 'class-transformer/cjs/storage.js' {
  export { defaultMetadataStorage } from 'class-transformer/types/storage.js';
}
