/**
 * graphql-js quotes what the caller sent in its input errors: a whole `input` object (a child's name, a
 * narrative, clinical notes) when one of its fields is missing or unknown, the value a scalar refused, a
 * literal of the operation, a token it could not parse. The caller has just sent it, but a 400's body is
 * what client apps, proxies and error trackers keep, and DESIGN.md lets no personal data reach a client it
 * did not come from the database for. So these messages keep what the caller needs to mend the request (the
 * variable, the path, the type expected, the field missing) and lose the value.
 */
export function withoutEchoedValues(code: unknown, message: string): string {
  if (code === 'BAD_USER_INPUT' && message.startsWith('Variable "$')) return variableMessage(message);
  if (code === 'GRAPHQL_VALIDATION_FAILED') return literalMessage(message) ?? message;
  if (code === 'GRAPHQL_PARSE_FAILED') return message.replace(TOKEN_WITH_VALUE, '$1');
  return message;
}

/** A quoted string as graphql-js prints one, escapes included. */
const QUOTED = String.raw`"(?:[^"\\]|\\.)*"`;

/** The lexer names a token by its kind and, for these kinds, its text: `Unexpected Name "Otieno"`. */
const TOKEN_WITH_VALUE = new RegExp(String.raw`\b(Name|String|BlockString|Int|Float) ${QUOTED}`, 'g');

/** Variable coercion: `Variable "$input" got invalid value <value>[ at "input.path"]; <reason>`. */
function variableMessage(message: string): string {
  const variable = /^Variable "\$(\w+)" got invalid value /.exec(message);
  // "of required type … was not provided", "must not be null": no value in them.
  if (!variable) return message;
  const name = variable[1];
  // The last ` at "<path>"; ` naming this variable: an inspected string's own quotes are escaped.
  const paths = [...message.matchAll(new RegExp(String.raw` at "(${name}(?:[.[][\w\]]*)*)"; `, 'g'))];
  const at = paths.at(-1);
  return `Variable "$${name}" got an invalid value${at ? ` at "${at[1]}"` : ''}: ${reasonWithoutValue(message, at ? (at.index ?? 0) + at[0].length - 2 : 0)}`;
}

/**
 * The reason follows the value after "; ", but a printed value may hold "; " itself: the first "; " after
 * `from` whose remainder reads as a reason graphql-js gives is the one.
 */
function reasonWithoutValue(message: string, from: number): string {
  for (let at = message.indexOf('; ', from); at !== -1; at = message.indexOf('; ', at + 2)) {
    const reason = message.slice(at + 2);
    const field = /^Field "(\w+)" (?:of required type "([\w![\]]+)" was not provided|is not defined by type "(\w+)")\./.exec(reason);
    if (field) return field[0];
    const literal = literalMessage(reason);
    if (literal) return literal;
  }
  return 'not a value of the type expected there.';
}

/** The messages that print a literal or a refused value, reduced to the type expected. */
function literalMessage(message: string): string | null {
  const type =
    /^Expected value of type "([\w![\]]+)", found /.exec(message)?.[1] ??
    new RegExp(String.raw`^Value ${QUOTED} does not exist in "(\w+)" enum\.`).exec(message)?.[1] ??
    /^(?:Enum "(\w+)"|(\w+)) cannot represent /.exec(message)?.slice(1).find(Boolean);
  return type ? `Expected value of type "${type}".` : null;
}
