/**
 * V8's wording for a syntax error in a user file, found by parsing the file with acorn (host side).
 *
 * QuickJS reports syntax errors in its own words (`unexpected token in expression: ';'`, `expecting ';'`);
 * Node prints V8's (`Unexpected token ';'`, `Unexpected identifier 'b'`), and the runtime interface client
 * wraps that text into `Runtime.UserCodeSyntaxError` (`SyntaxError: <V8 message>`, src/UserFunction.js of
 * https://github.com/aws/aws-lambda-nodejs-runtime-interface-client). Acorn finds the same first error V8
 * does for common mistakes; this module names it as V8 would. Each rule is held to a capture of Node 22
 * (tests/engine/sandbox/fixtures/v8-syntax-errors.json, made by scripts/capture-v8-traces.mjs); V8's
 * message templates: https://github.com/v8/v8/blob/main/src/common/message-template.h
 */
import { parse, tokenizer, type Token as AcornToken } from 'acorn';

/** Acorn's token; its typings leave out `value` (the name, number or string it read). */
type Token = AcornToken & { value?: unknown };

/** A V8 syntax error: message and 1-based line and column of the token V8 points at. */
export interface V8SyntaxError {
  message: string;
  line: number;
  column: number;
}

/** How Node compiles the file: as a CommonJS function body (`script`) or as an ES module. */
export type SyntaxGoal = 'cjs' | 'esm';

interface AcornError extends SyntaxError {
  pos: number;
  raisedAt?: number;
}

function isAcornError(e: unknown): e is AcornError {
  return e instanceof SyntaxError && typeof (e as Partial<AcornError>).pos === 'number';
}

function positionOf(source: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < source.length; i++) {
    if (source.charCodeAt(i) === 10) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: offset - start + 1 };
}

/** Tokens before `pos` and the token that starts at or after it (null at the end of the text). */
function tokensAround(source: string, goal: SyntaxGoal, pos: number): { before: Token[]; at: Token | null } {
  const before: Token[] = [];
  try {
    const t = tokenizer(source, { ecmaVersion: 'latest', sourceType: goal === 'esm' ? 'module' : 'script', allowHashBang: true });
    for (;;) {
      const tok: Token = t.getToken();
      if (tok.type.label === 'eof') return { before, at: null };
      if (tok.start >= pos) return { before, at: tok };
      before.push(tok);
    }
  } catch {
    return { before, at: null };
  }
}

/** `(` opened and not closed before `pos` whose previous token makes it a call's argument list. */
function inCallArguments(before: Token[]): boolean {
  const open: Token[] = [];
  for (let i = 0; i < before.length; i++) {
    const l = before[i]!.type.label;
    if (l === '(' || l === '[' || l === '{' || l === '${') open.push(before[i]!);
    else if (l === ')' || l === ']' || l === '}') open.pop();
  }
  const top = open[open.length - 1];
  if (!top || top.type.label !== '(') return false;
  const prev = before[before.indexOf(top) - 1];
  if (!prev) return false;
  // A callee ends with a name, `)`, `]` or a template; `if (`, `while (`, `function f(` are not calls.
  if (prev.type.label === 'name') {
    const beforePrev = before[before.indexOf(top) - 2];
    return !(beforePrev && beforePrev.type.label === 'function');
  }
  return prev.type.label === ')' || prev.type.label === ']' || prev.type.label === 'template' || prev.type.label === '`';
}

/** V8's text for the token it did not expect (message-template.h kUnexpectedToken…). */
function unexpected(tok: Token | null, source: string): string {
  if (!tok) return 'Unexpected end of input';
  const label = tok.type.label;
  if (label === 'name') return `Unexpected identifier '${String(tok.value)}'`;
  if (label === 'num' || label === 'bigint') return 'Unexpected number';
  if (label === 'string') return 'Unexpected string';
  if (label === 'template' || label === '`') return 'Unexpected template string';
  if (label === 'regexp') return 'Unexpected regular expression';
  if (label === 'privateId') return `Unexpected identifier '#${String(tok.value)}'`;
  return `Unexpected token '${source.slice(tok.start, tok.end)}'`;
}

/**
 * V8's message and position for the first syntax error of `source` compiled as `goal`, or null when acorn
 * parses it (then the simulator keeps QuickJS's text) or the error is not one of the mapped kinds.
 */
export function findV8SyntaxError(source: string, goal: SyntaxGoal): V8SyntaxError | null {
  try {
    parse(source, {
      ecmaVersion: 'latest',
      sourceType: goal === 'esm' ? 'module' : 'script',
      allowReturnOutsideFunction: goal === 'cjs', // a CommonJS file is a function body
      allowHashBang: true,
    });
    return null;
  } catch (e) {
    if (!isAcornError(e)) return null;
    const text = e.message.replace(/ \(\d+:\d+\)$/, '');
    const at = (message: string, offset = e.pos): V8SyntaxError => ({ message, ...positionOf(source, offset) });
    let m: RegExpExecArray | null;
    if ((m = /^Identifier '(.+)' has already been declared$/.exec(text))) return at(`Identifier '${m[1]}' has already been declared`);
    if (/^Unterminated string constant$/.test(text) || /^Unexpected character /.test(text)) return at('Invalid or unexpected token');
    if (/^Unterminated template$/.test(text)) return at('Unexpected end of input', source.length);
    if (/^Unterminated regular expression$/.test(text)) return at('Invalid regular expression: missing /');
    if (/^'return' outside of function$/.test(text)) return at('Illegal return statement');
    if (/^Cannot use keyword 'await' outside an async function$/.test(text)) {
      // In a module `await` is a reserved word; in a script V8 explains where await is allowed.
      return at(goal === 'esm' ? 'Unexpected reserved word' : 'await is only valid in async functions and the top level bodies of modules');
    }
    if (/^The keyword '.+' is reserved$/.test(text) || /^let is disallowed as a lexically bound name$/.test(text)) {
      return at('Unexpected strict mode reserved word');
    }
    if (/^Complex binding patterns require an initialization value$/.test(text)) return at('Missing initializer in destructuring declaration');
    if (text !== 'Unexpected token') return null;

    const { before, at: tok } = tokensAround(source, goal, e.pos);
    const last = before[before.length - 1];
    const prev = before[before.length - 2];
    // `const a;`: V8 points at the name (kDeclarationMissingInitializer).
    if (last && last.type.label === 'name' && prev && prev.type.label === 'const') return at('Missing initializer in const declaration', last.start);
    // `const { a };` / `let [a];` (kDeclarationMissingInitializer, destructuring).
    if (last && (last.type.label === '}' || last.type.label === ']')) {
      let depth = 0;
      for (let i = before.length - 1; i >= 0; i--) {
        const l = before[i]!.type.label;
        if (l === '}' || l === ']') depth++;
        else if (l === '{' || l === '[') depth--;
        if (depth === 0) {
          const kw = before[i - 1];
          if (kw && (kw.type.label === 'const' || kw.type.label === 'var' || (kw.type.label === 'name' && kw.value === 'let'))) {
            return at('Missing initializer in destructuring declaration', before[i]!.start);
          }
          break;
        }
      }
    }
    // `await x` in a plain function of a script: acorn reads `await` as a name.
    if (goal === 'cjs' && last && last.type.label === 'name' && last.value === 'await') {
      return at('await is only valid in async functions and the top level bodies of modules', last.start);
    }
    if (tok && inCallArguments(before) && tok.type.label !== ')' && tok.type.label !== ',') return at('missing ) after argument list', tok.start);
    return at(unexpected(tok, source), tok ? tok.start : source.length);
  }
}
