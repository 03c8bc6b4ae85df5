/**
 * The Lambda task of the model import ASL: definitionSubstitutions key -> handler file
 * (functions/<name>-handler.ts), as for the lifecycle (see lifecycle-functions.ts).
 */
export const IMPORT_FUNCTIONS = {
  ImportChunkFunctionArn: 'import-chunk',
} as const;

export const IMPORT_STATE_MACHINE_NAME = 'model-import';
export const IMPORT_ASL_PATH = new URL('./model-import.asl.json', import.meta.url);
