// class-transformer ships the metadata store without typings for its deep import path.
declare module 'class-transformer/cjs/storage' {
  export const defaultMetadataStorage: {
    findExposeMetadata(
      target: abstract new (...args: never[]) => unknown,
      propertyName: string,
    ): { options: { name?: string } } | undefined;
    findTypeMetadata(target: abstract new (...args: never[]) => unknown, propertyName: string): { typeFunction(): unknown } | undefined;
  };
}
