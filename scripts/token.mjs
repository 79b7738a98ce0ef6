// `npm run token -- --role POLICE_CPU --agency <uuid> --provider <uuid> --counties 047`: a development token
// signed with the JWT_SECRET of `npm start` (.data/secrets.json) or of the environment.
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { developmentSecrets, tokenSettings } from './lib/runtime.mjs';

const require = createRequire(import.meta.url);
let shared;
try {
  shared = require('@kinga/shared');
} catch {
  console.error('@kinga/shared is not built yet: run `npm run build` (or `npm start`) once first.');
  process.exit(2);
}
const { ALL_ROLES, DEMO_CALLERS, signDevelopmentToken } = shared;

const { values } = parseArgs({
  options: {
    role: { type: 'string' },
    demo: { type: 'boolean', default: false },
    sub: { type: 'string' },
    name: { type: 'string' },
    agency: { type: 'string' },
    provider: { type: 'string' },
    counties: { type: 'string' },
    expires: { type: 'string', default: '12h' },
    help: { type: 'boolean', default: false },
  },
});

if (values.help || !values.role) {
  console.log(`Usage: npm run token -- --role ROLE [--agency UUID] [--provider UUID] [--counties 047,001 | national] [--sub ID] [--name NAME] [--expires 12h]
       (--counties is required for DCS_OFFICER, DCS_SUPERVISOR, PROGRAMME_OFFICER and DIRECTORY_ADMIN: a county officer is national only when you say so)
       npm run token -- --role ROLE --demo     (the demo caller of that role, as npm start prints)
Roles: ${ALL_ROLES.join(', ')}`);
  process.exit(values.help ? 0 : 2);
}
if (!ALL_ROLES.includes(values.role)) {
  console.error(`Unknown role ${values.role}. Roles: ${ALL_ROLES.join(', ')}`);
  process.exit(2);
}
const claims = values.demo
  ? DEMO_CALLERS[values.role]
  : {
      sub: values.sub ?? `dev-${values.role.toLowerCase()}`,
      name: values.name ?? `Development ${values.role}`,
      role: values.role,
      ...(values.agency ? { agencyId: values.agency } : {}),
      ...(values.provider ? { providerId: values.provider } : {}),
      // Left out when not given, so the claims check refuses a county officer without counties.
      ...(values.counties === undefined
        ? {}
        : { counties: ['', 'national'].includes(values.counties) ? [] : values.counties.split(',').map((c) => c.trim()) }),
    };
try {
  console.log(signDevelopmentToken(claims, tokenSettings(developmentSecrets()), values.expires));
} catch (error) {
  console.error(`Cannot mint this token: ${error.issues?.map((issue) => issue.message).join('; ') ?? error.message}`);
  process.exit(2);
}
