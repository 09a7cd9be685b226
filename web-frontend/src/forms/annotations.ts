/**
 * Colab's form annotations, in Java: `int epochs = 5; //@param {type:"slider", min:1, max:20}`,
 * `String model = "cnn"; //@param ["cnn", "mlp"]`, `//@title ...` and `//@markdown ...`. Pure: the
 * browser's form and the job dialog read a cell's source through it, and write a field back with
 * {@link rewrite}, which changes only the literal. An annotation it cannot read stays plain code.
 *
 * @see https://colab.research.google.com/notebooks/forms.ipynb
 */

export type FieldType = 'slider' | 'number' | 'integer' | 'string' | 'boolean' | 'date' | 'dropdown';
export type FieldValue = string | number | boolean;

/** One `//@param` line: the declared variable, where its literal is, and the control it gets. */
export interface FormField {
  name: string;
  /** As declared (`int`, `double`, `String`, `var`); null for a bare assignment (`n = 3;`). */
  javaType: string | null;
  /** 0-based line of the cell. */
  line: number;
  /** The literal's span in the cell's source: `source.slice(from, to)` is `literal`. */
  from: number;
  to: number;
  literal: string;
  value: FieldValue;
  type: FieldType;
  min?: number;
  max?: number;
  step?: number;
  /** A dropdown's choices. */
  options?: FieldValue[];
  /** A dropdown that also takes a typed value (Colab's `allow-input`). */
  allowInput?: boolean;
  /** `{run: "auto"}`: any change re-runs the cell (sliders, dropdowns and checkboxes do anyway). */
  runAuto?: boolean;
}

export interface CellForm {
  title: string | null;
  markdown: string[];
  fields: FormField[];
}

const TYPES: readonly FieldType[] = ['slider', 'number', 'integer', 'string', 'boolean', 'date', 'dropdown'];
const STRING = String.raw`"(?:[^"\\\n]|\\.)*"`;
const NUMBER = String.raw`-?(?:\d[\d_]*(?:\.[\d_]*)?|\.\d[\d_]*)(?:[eE][+-]?\d+)?[lLfFdD]?`;
// [final] [Type] name = literal; //@param rest
const DECLARATION = new RegExp(
  String.raw`^(\s*(?:final\s+)?(?:([A-Za-z_$][\w$.]*(?:<[\w$.,<> ?]*>)?)\s+)?([A-Za-z_$][\w$]*)\s*=\s*)(${STRING}|${NUMBER}|true|false)\s*;\s*//\s*@param\b(.*)$`,
);
const TITLE = /^\s*\/\/\s*@title\b\s?(.*)$/;
const MARKDOWN = /^\s*\/\/\s*@markdown\b\s?(.*)$/;
const KEYWORDS = new Set(['return', 'new', 'throw', 'case', 'else', 'yield']);

/** A cell's form: its title, Markdown lines and fields, in source order (empty when it has none). */
export function parseForm(source: string): CellForm {
  const form: CellForm = { title: null, markdown: [], fields: [] };
  // Most cells have no form: one scan instead of a regex a line, on each keystroke.
  if (!/\/\/\s*@(param|title|markdown)/.test(source)) return form;
  let offset = 0;
  source.split('\n').forEach((raw, line) => {
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const title = TITLE.exec(text);
    const markdown = MARKDOWN.exec(text);
    if (title && form.title === null) form.title = title[1].replace(/\{[^}]*\}\s*$/, '').trim();
    else if (markdown) form.markdown.push(markdown[1]);
    else {
      const field = parseField(text, line, offset);
      if (field) form.fields.push(field);
    }
    offset += raw.length + 1;
  });
  return form;
}

function parseField(text: string, line: number, offset: number): FormField | null {
  const match = DECLARATION.exec(text);
  if (!match) return null;
  const [, before, javaType = null, name, literal, rest] = match;
  if (javaType && KEYWORDS.has(javaType)) return null;
  const value = literalValue(literal);
  if (value === null) return null;
  const annotation = parseAnnotation(rest);
  if (!annotation) return null;
  const from = offset + before.length;
  const field: FormField = { name, javaType, line, from, to: from + literal.length, literal, value, type: 'string' };
  return complete(field, annotation) ? field : null;
}

/** Fills in the type and options; false when they do not fit the literal (the line stays code). */
function complete(field: FormField, { list, options }: Annotation): boolean {
  const kind = typeof field.value;
  if (list) {
    if (list.length === 0) return false;
    field.type = 'dropdown';
    field.options = list;
    field.allowInput = options['allow-input'] === true;
  } else if (options.type === undefined) {
    // A bare `//@param`: the literal says which control.
    field.type = kind === 'boolean' ? 'boolean' : kind === 'string' ? 'string' : isIntegral(field) ? 'integer' : 'number';
  } else {
    if (typeof options.type !== 'string' || !TYPES.includes(options.type as FieldType) || options.type === 'dropdown') return false;
    field.type = options.type as FieldType;
  }
  if (options.run === 'auto') field.runAuto = true;
  switch (field.type) {
    case 'boolean':
      return kind === 'boolean';
    case 'string':
      return kind === 'string';
    case 'date':
      return kind === 'string' && /^(\d{4}-\d{2}-\d{2})?$/.test(field.value as string);
    case 'number':
    case 'integer':
      return kind === 'number';
    case 'slider': {
      const { min, max, step = 1 } = options;
      if (kind !== 'number' || typeof min !== 'number' || typeof max !== 'number' || typeof step !== 'number') return false;
      if (!(min < max) || !(step > 0)) return false;
      Object.assign(field, { min, max, step });
      return true;
    }
    case 'dropdown':
      // Each choice must be a value the variable can take.
      return field.options!.every((option) => typeof option === kind);
  }
}

function isIntegral(field: FormField): boolean {
  const type = field.javaType;
  if (type && /^(int|Integer|long|Long|short|Short|byte|Byte)$/.test(type)) return true;
  if (type && /^(double|Double|float|Float)$/.test(type)) return false;
  return /^-?[\d_]+[lL]?$/.test(field.literal);
}

/** A Java literal's value; null for one this does not read (a char, a hex number). */
export function literalValue(literal: string): FieldValue | null {
  if (literal === 'true' || literal === 'false') return literal === 'true';
  if (literal.startsWith('"')) return unescapeJava(literal.slice(1, -1));
  const value = Number(literal.replace(/_/g, '').replace(/[lLfFdD]$/, ''));
  return Number.isFinite(value) ? value : null;
}

function unescapeJava(body: string): string | null {
  let bad = false;
  const text = body.replace(/\\(u+[0-9a-fA-F]{4}|[0-7]{1,3}|.)/g, (_, escape: string) => {
    if (escape.startsWith('u')) return String.fromCharCode(parseInt(escape.replace(/^u+/, ''), 16));
    if (/^[0-7]/.test(escape)) return String.fromCharCode(parseInt(escape, 8));
    const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', s: ' ', '"': '"', "'": "'", '\\': '\\' };
    if (!(escape in simple)) bad = true;
    return simple[escape] ?? '';
  });
  return bad ? null : text;
}

interface Annotation {
  list: FieldValue[] | null;
  options: Record<string, FieldValue>;
}

/** What follows `@param`: an optional `[...]` of choices, then an optional `{key: value, ...}`. */
function parseAnnotation(rest: string): Annotation | null {
  const reader = new Reader(rest);
  let list: FieldValue[] | null = null;
  const options: Record<string, FieldValue> = {};
  if (reader.eat('[')) {
    list = [];
    while (!reader.eat(']')) {
      const value = reader.scalar();
      if (value === null) return null;
      list.push(value);
      if (!reader.eat(',') && !reader.peek(']')) return null;
    }
  }
  if (reader.eat('{')) {
    while (!reader.eat('}')) {
      const key = reader.key();
      if (key === null || !reader.eat(':')) return null;
      const value = reader.scalar();
      if (value === null) return null;
      options[key] = value;
      if (!reader.eat(',') && !reader.peek('}')) return null;
    }
  }
  return reader.atEnd() ? { list, options } : null;
}

/** Colab's option syntax, which is JavaScript's: keys bare or quoted, strings in either quote. */
class Reader {
  private at = 0;
  constructor(private readonly text: string) {}

  private skip(): void {
    while (this.at < this.text.length && /\s/.test(this.text[this.at])) this.at++;
  }

  peek(token: string): boolean {
    this.skip();
    return this.text.startsWith(token, this.at);
  }

  eat(token: string): boolean {
    if (!this.peek(token)) return false;
    this.at += token.length;
    return true;
  }

  atEnd(): boolean {
    this.skip();
    return this.at === this.text.length;
  }

  key(): string | null {
    this.skip();
    const quoted = this.quoted();
    if (quoted !== null) return quoted;
    const match = /^[A-Za-z_$][\w$-]*/.exec(this.text.slice(this.at));
    if (!match) return null;
    this.at += match[0].length;
    return match[0];
  }

  scalar(): FieldValue | null {
    this.skip();
    const quoted = this.quoted();
    if (quoted !== null) return quoted;
    const match = /^(?:true|false|-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)/.exec(this.text.slice(this.at));
    if (!match) return null;
    this.at += match[0].length;
    return match[0] === 'true' ? true : match[0] === 'false' ? false : Number(match[0]);
  }

  private quoted(): string | null {
    const quote = this.text[this.at];
    if (quote !== '"' && quote !== "'") return null;
    let value = '';
    for (let i = this.at + 1; i < this.text.length; i++) {
      const c = this.text[i];
      if (c === quote) {
        this.at = i + 1;
        return value;
      }
      if (c === '\\' && i + 1 < this.text.length) value += this.text[++i];
      else value += c;
    }
    return null;
  }
}

/**
 * `value` as a Java literal for `field`'s variable: a string quoted and escaped, a number as its
 * declared type reads it (`7` for an int, `7.0` for a double, the literal's `L` or `f` kept).
 * Null for a value the variable cannot take (text for an int, a fraction for a long, NaN).
 */
export function javaLiteral(field: FormField, value: FieldValue): string | null {
  if (typeof field.value === 'boolean') return typeof value === 'boolean' ? String(value) : null;
  if (typeof field.value === 'string') return typeof value === 'string' ? quoteJava(value) : null;
  if (typeof value !== 'number' || !Number.isFinite(value)) return null;
  const suffix = /[lLfFdD]$/.test(field.literal) ? field.literal.slice(-1) : '';
  if (isIntegral(field) && !/[fFdD]/.test(suffix)) {
    return Number.isInteger(value) ? `${value}${suffix}` : null;
  }
  let text = String(value);
  if (!/[.eE]/.test(text) && !suffix) text += '.0';
  // A fraction in a float needs the f (`float x = 0.5;` does not compile).
  if (!suffix && /^(float|Float)$/.test(field.javaType ?? '')) text += 'f';
  return text + suffix;
}

/**
 * A Java string literal. Control characters become octal escapes, never `\uXXXX`: javac reads those
 * before the literal, and a line break there would not compile (as JavaParameters on the server).
 */
export function quoteJava(text: string): string {
  let out = '"';
  for (const c of text) {
    const code = c.charCodeAt(0);
    if (c === '"') out += '\\"';
    else if (c === '\\') out += '\\\\';
    else if (c === '\n') out += '\\n';
    else if (c === '\r') out += '\\r';
    else if (c === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += `\\${code.toString(8).padStart(3, '0')}`;
    else out += c;
  }
  return out + '"';
}

/** The change that sets a field: its literal replaced, nothing else; null when the value does not fit. */
export function fieldChange(field: FormField, value: FieldValue): { from: number; to: number; insert: string } | null {
  const insert = javaLiteral(field, value);
  return insert === null ? null : { from: field.from, to: field.to, insert };
}

/** `source` with `field` set to `value`, byte for byte the same elsewhere; the same source when it does not fit. */
export function rewrite(source: string, field: FormField, value: FieldValue): string {
  const change = fieldChange(field, value);
  if (!change || source.slice(field.from, field.to) !== field.literal) return source;
  return source.slice(0, change.from) + change.insert + source.slice(change.to);
}

/** What a control's text means for `field`: a number for a numeric one, a boolean for a boolean one; null when it means nothing. */
export function coerce(field: FormField, text: string): FieldValue | null {
  if (typeof field.value === 'string') return text;
  if (typeof field.value === 'boolean') return text === 'true' ? true : text === 'false' ? false : null;
  const number = text.trim() === '' ? NaN : Number(text);
  return Number.isFinite(number) ? number : null;
}

/** The form fields of a notebook's code cells and their values (the first of each name): a job's parameters as the forms show them. */
export function formValues(sources: string[]): Record<string, FieldValue> {
  const values: Record<string, FieldValue> = {};
  for (const source of sources) {
    for (const field of parseForm(source).fields) if (!(field.name in values)) values[field.name] = field.value;
  }
  return values;
}
