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
  // The lexer names the token last, by kind and text, and prints the text unescaped: all after the kind goes.
  if (code === 'GRAPHQL_PARSE_FAILED') return message.replace(/\b(Name|String|BlockString|Int|Float) "[\s\S]*$/, '$1.');
  return message;
}

/**
 * Past this length a message is not searched for its path and reason: one is as long as the input it prints
 * (up to the gateway's 256 kB body, once per error), and a hostile one must not cost the gateway seconds. The
 * search is linear; 128 kB covers a whole case's input (up to 45,000 characters of free text) as printed.
 */
const MAX_SEARCHED_LENGTH = 128 * 1024;

/**
 * The scalars whose refusals read "<Scalar> cannot represent …": named, so that a word of the caller's text
 * that happens to precede " cannot represent " in a printed value is never taken for a type and echoed.
 */
const SCALARS = ['String', 'Int', 'Float', 'Boolean', 'ID', 'Kes', 'DateTimeISO', 'DateTime'].join('|');

/** The reasons graphql-js gives that hold no value of the caller's, and the ones reduced to their type. */
const REASON = new RegExp(
  [
    String.raw`(Field "\w+" (?:of required type "[\w![\]]+" was not provided|is not defined by type "\w+")\.)`,
    String.raw`(Expected non-nullable type "[\w![\]]+" not to be null\.)`,
    String.raw`(Expected type "\w+" to be an object\.)`,
    String.raw`(?:Expected (?:value of )?type "([\w![\]]+)")`,
    String.raw`(?:Value "(?:[^"\\]|\\.)*" does not exist in "(\w+)" enum)`,
    String.raw`(?:(?:Enum "(\w+)"|(${SCALARS})) cannot represent )`,
  ].join('|'),
);

/** Variable coercion: `Variable "$input" got invalid value <value>[ at "input.path"]; <reason>`. */
function variableMessage(message: string): string {
  const variable = /^Variable "\$(\w+)" got invalid value /.exec(message);
  // "of required type … was not provided", "must not be null": no value in them.
  if (!variable) return message;
  const name = variable[1];
  const cut = `Variable "$${name}" got an invalid value`;
  if (message.length > MAX_SEARCHED_LENGTH) return `${cut}: not a value of the type expected there.`;
  // The last ` at "<path>"; ` naming this variable (an inspected string's own quotes are escaped), then the
  // first reason graphql-js gives after it: a printed value may hold "; " itself.
  const at = [...message.matchAll(new RegExp(String.raw` at "(${name}(?:[.[][\w\]]*)*)"; `, 'g'))].at(-1);
  const after = message.slice(at ? (at.index ?? 0) + at[0].length - 2 : 0);
  const reason = new RegExp(String.raw`; (?:${REASON.source})`).exec(after);
  return `${cut}${at ? ` at "${at[1]}"` : ''}: ${reason ? reasonText(reason.slice(1)) : 'not a value of the type expected there.'}`;
}

/** The groups of REASON: the first three are kept as they are, the others name a type. */
function reasonText(groups: ReadonlyArray<string | undefined>): string {
  const kept = groups.slice(0, 3).find(Boolean);
  if (kept) return kept;
  return `Expected value of type "${groups.slice(3).find(Boolean)}".`;
}

/** The messages that print a literal or a refused value, reduced to the type expected (anchored: no search). */
function literalMessage(message: string): string | null {
  const reason = new RegExp(String.raw`^(?:${REASON.source})`).exec(message);
  return reason ? reasonText(reason.slice(1)) : null;
}
