declare module 'transform-pouch' {
  interface TransformConfig {
    incoming?: (doc: never) => unknown;
    outgoing?: (doc: never) => unknown;
  }
  const plugin: { transform(this: PouchDB.Database, config: TransformConfig): void };
  export default plugin;
}
