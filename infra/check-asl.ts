/**
 * AWS's own Amazon States Language checker (amazon-states-language-service, the validator
 * behind the AWS Toolkit's ASL editor) over every workflows/*.asl.json: schema, state
 * references (Next, Default, StartAt), terminal states, field names and values.
 *
 *   npx tsx infra/check-asl.ts   (part of `npm run check`)
 *
 * Prints `file:line:column: severity: message` for each diagnostic and exits 1 if any.
 * The `${Name}` definition substitutions are replaced by plausible ARNs first, as
 * CloudFormation would (lines stay where they are; columns are those of the file).
 */
import { readdirSync, readFileSync, realpathSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { getLanguageService } from 'amazon-states-language-service';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { aslPlaceholders } from './asl.ts';
import { repoPath } from './paths.ts';

const REGION = 'ap-southeast-1';
const ACCOUNT = '123456789012';

/** A plausible value for a `${Name}` placeholder: a function or state machine ARN by its suffix. */
export function placeholderValue(key: string): string {
  const fn = /^(.+)FunctionArn$/.exec(key);
  if (fn) return `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${fn[1]}`;
  const machine = /^(.+)StateMachineArn$/.exec(key);
  if (machine) return `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:${machine[1]}`;
  return `placeholder-${key}`;
}

/** The text with its placeholders filled, and a map from its offsets back to the original's. */
function substitute(text: string): { text: string; originalOffset: (offset: number) => number } {
  const values = Object.fromEntries(aslPlaceholders(text).map((key) => [key, placeholderValue(key)]));
  // [start in result, end in result, start in original, end in original] of each replacement.
  const spans: Array<[number, number, number, number]> = [];
  let shift = 0;
  const result = text.replace(/\$\{([A-Za-z0-9_]+)\}/g, (match: string, key: string, offset: number) => {
    const value = values[key] ?? match;
    spans.push([offset + shift, offset + shift + value.length, offset, offset + match.length]);
    shift += value.length - match.length;
    return value;
  });
  const originalOffset = (offset: number): number => {
    let delta = 0;
    for (const [start, end, origStart, origEnd] of spans) {
      if (offset < start) break;
      if (offset < end) return origStart;
      delta = end - origEnd;
    }
    return offset - delta;
  };
  return { text: result, originalOffset };
}

export interface AslDiagnostic {
  readonly file: string;
  /** 1-based, in the file as written. */
  readonly line: number;
  readonly column: number;
  readonly severity: 'error' | 'warning' | 'information' | 'hint';
  readonly message: string;
}

/** LSP DiagnosticSeverity (the package's re-export of it is not visible to an ES module import). */
const SEVERITY: Record<number, AslDiagnostic['severity']> = { 1: 'error', 2: 'warning', 3: 'information', 4: 'hint' };

const service = getLanguageService({});

/** The checker's diagnostics for one ASL document (JSON syntax errors included). */
export async function checkAsl(text: string, file = 'state-machine.asl.json'): Promise<AslDiagnostic[]> {
  const { text: filled, originalOffset } = substitute(text);
  const document = TextDocument.create(pathToFileURL(file).href, 'json', 1, filled);
  const original = TextDocument.create(pathToFileURL(file).href, 'json', 1, text);
  const diagnostics = await service.doValidation(document, service.parseJSONDocument(document));
  return diagnostics.map((d) => {
    const at = original.positionAt(originalOffset(document.offsetAt(d.range.start)));
    return {
      file,
      line: at.line + 1,
      column: at.character + 1,
      severity: SEVERITY[d.severity ?? 1] ?? 'error',
      message: typeof d.message === 'string' ? d.message : d.message.value,
    };
  });
}

/** Every workflows/*.asl.json, by its path relative to the repository. */
export async function checkWorkflows(): Promise<AslDiagnostic[]> {
  const files = readdirSync(repoPath('workflows'))
    .filter((name) => name.endsWith('.asl.json'))
    .sort();
  const results = await Promise.all(
    files.map((name) => checkAsl(readFileSync(repoPath(`workflows/${name}`), 'utf8'), `workflows/${name}`)),
  );
  return results.flat();
}

export const formatDiagnostic = (d: AslDiagnostic): string => `${d.file}:${d.line}:${d.column}: ${d.severity}: ${d.message}`;

const invokedDirectly = process.argv[1] !== undefined && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
if (invokedDirectly) {
  const diagnostics = await checkWorkflows();
  for (const d of diagnostics) console.error(formatDiagnostic(d));
  if (diagnostics.length > 0) {
    console.error(`ASL check: ${diagnostics.length} problem(s)`);
    process.exit(1);
  }
  console.log('ASL check: every workflows/*.asl.json passes amazon-states-language-service');
}
