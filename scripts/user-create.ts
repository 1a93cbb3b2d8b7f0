import readline from 'node:readline';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import dotenv from 'dotenv';
import { z } from 'zod';
import { createAuditService } from '../server/features/audit';
import { createNetworkService } from '../server/features/network';
import { createUsersService, MIN_PASSWORD_LENGTH, type User } from '../server/features/users';
import { ConfigError, loadConfig } from '../server/lib/config';
import { connectMongo, type Connection } from '../server/lib/db';
import { ConflictError, ValidationError } from '../server/lib/errors';
import { ROLES, type Role } from '../server/lib/policy';

const USAGE = `Creates an account directly in the database (for the first administrator, or when nobody can invite).

Usage:
  npm run user:create -- --email <address> --name "<full name>" --role <${ROLES.join('|')}> [--city <slug>] [--password <password>]

The password comes from --password, else the NEW_USER_PASSWORD environment variable, else it is asked
for (hidden) when run in a terminal. Prefer the prompt or the variable: a --password stays in the shell history.
--city is required for partners and is the slug of a network city (daugavpils, kaunas, lodz, …).
MONGODB_URI must point at the server's database (the .env file is read, as the server does).`;

/** A problem the person running the command can fix; shown as is, without a stack. */
export class UserCreateError extends Error {}

export type UserCreateInput = { email: string; name: string; role: Role; city?: string | undefined; password: string };

export type UserCreateIo = {
  env: NodeJS.ProcessEnv;
  out: (line: string) => void;
  err: (line: string) => void;
  /** Present only on an interactive terminal: reads a line without echoing it. */
  readSecret?: ((prompt: string) => Promise<string>) | undefined;
};

const argsSchema = z
  .object({
    email: z
      .string({ error: '--email is required' })
      .trim()
      .toLowerCase()
      .pipe(z.email({ error: '--email must be an e-mail address' })),
    name: z
      .string({ error: '--name is required' })
      .trim()
      .min(1, '--name is required')
      .max(120, '--name is too long (120 characters at most)'),
    role: z.enum(ROLES, { error: `--role must be one of: ${ROLES.join(', ')}` }),
    city: z.string().trim().toLowerCase().optional(),
  })
  .superRefine((args, ctx) => {
    if (args.role === 'partner' && !args.city)
      ctx.addIssue({ code: 'custom', message: '--city is required for a partner' });
    if (args.role !== 'partner' && args.city) ctx.addIssue({ code: 'custom', message: '--city is only for partners' });
  });

/**
 * The core: creates the account through the users service and audits it. Also used by the tests,
 * against their own database, so nothing is spawned.
 */
export async function createUserWith(connection: Connection, input: UserCreateInput): Promise<User> {
  const network = createNetworkService(connection);
  const users = createUsersService(connection, { network });
  const audit = createAuditService(connection);
  // A database the server has never started on has no cities yet; the reference data is idempotent.
  await network.ensureReferenceData();
  if (input.role === 'partner' && !(input.city && (await network.findCity(input.city)))) {
    const slugs = (await network.listCities()).map((c) => c.slug);
    throw new UserCreateError(`Unknown city "${input.city ?? ''}": use one of ${slugs.join(', ')}`);
  }
  let user: User;
  try {
    user = await users.create(input);
  } catch (err) {
    if (err instanceof ConflictError)
      throw new UserCreateError(`A user with the e-mail address ${input.email} already exists.`);
    if (err instanceof ValidationError) {
      throw new UserCreateError(
        `The user is not valid: ${Object.entries(err.fields)
          .map(([f, m]) => `${f} (${m.join(', ')})`)
          .join('; ')}`,
      );
    }
    throw err;
  }
  await audit.record({
    action: 'users.created',
    target: { type: 'user', id: user.id, label: user.email },
    details: { role: user.role, ...(user.city ? { city: user.city } : {}), via: 'user:create' },
  });
  return user;
}

async function passwordFrom(given: string | undefined, io: UserCreateIo): Promise<string> {
  let password = given ?? io.env.NEW_USER_PASSWORD;
  if (password === undefined || password === '') {
    if (!io.readSecret) {
      throw new UserCreateError(
        'No password: give --password, set NEW_USER_PASSWORD, or run the command in a terminal to be asked.',
      );
    }
    password = await io.readSecret('Password: ');
    if ((await io.readSecret('Password again: ')) !== password)
      throw new UserCreateError('The two passwords are not the same.');
  }
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new UserCreateError(`The password must be at least ${MIN_PASSWORD_LENGTH} characters long.`);
  }
  return password;
}

/** The whole command, given its arguments; answers the process exit code instead of exiting. */
export async function runUserCreate(argv: string[], io: UserCreateIo): Promise<number> {
  let connection: Connection | undefined;
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        email: { type: 'string' },
        name: { type: 'string' },
        role: { type: 'string' },
        city: { type: 'string' },
        password: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    });
    if (values.help) {
      io.out(USAGE);
      return 0;
    }
    const parsed = argsSchema.safeParse(values);
    if (!parsed.success) throw new UserCreateError(parsed.error.issues.map((i) => i.message).join('\n'));
    const config = loadConfig(io.env);
    if (!config.mongodbUri) {
      throw new UserCreateError(
        'MONGODB_URI is not set. This command writes to the database the server uses; without MONGODB_URI the server ' +
          'runs its own embedded MongoDB, which only the running server opens. Set MONGODB_URI, or start the server with ' +
          'ADMIN_EMAIL and ADMIN_PASSWORD for the first administrator and invite everyone else from /admin/users/invite.',
      );
    }
    const password = await passwordFrom(values.password, io);
    connection = await connectMongo(config.mongodbUri);
    const user = await createUserWith(connection, { ...parsed.data, password });
    io.out(
      `Created ${user.role} ${user.name} <${user.email}>${user.city ? ` (${user.city})` : ''} with id ${user.id} in database "${connection.name}".`,
    );
    return 0;
  } catch (err) {
    if (err instanceof UserCreateError || err instanceof ConfigError) io.err(err.message);
    else if (err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS'))
      io.err(`${err.message}\n\n${USAGE}`);
    else io.err(`Could not create the user: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  } finally {
    await connection?.close();
  }
}

/** Reads a line from the terminal without showing what is typed. */
function readHidden(prompt: string): Promise<string> {
  // readline echoes each keystroke to its output: give it one that discards everything. The prompt
  // goes out only once the terminal is in raw mode, so nothing typed early is echoed by the terminal.
  const silent = new Writable({ write: (_chunk, _encoding, done) => done() });
  const rl = readline.createInterface({ input: process.stdin, output: silent, terminal: true });
  process.stdout.write(prompt);
  return new Promise((resolve, reject) => {
    rl.on('SIGINT', () => {
      rl.close();
      reject(new UserCreateError('\nCancelled.'));
    });
    rl.question('', (answer) => {
      rl.close();
      process.stdout.write('\n');
      resolve(answer);
    });
  });
}

if (require.main === module) {
  dotenv.config({ quiet: true });
  void runUserCreate(process.argv.slice(2), {
    env: process.env,
    out: (line) => console.log(line),
    err: (line) => console.error(line),
    readSecret: process.stdin.isTTY ? readHidden : undefined,
  }).then((code) => {
    process.exitCode = code;
  });
}
