import { createUserWith, runUserCreate, type UserCreateIo } from '../../scripts/user-create';
import { signedInAgent } from '../support/factories';
import { createTestContext, testEngines, type TestContext } from '../support/test-context';

let ctx: TestContext;
let databaseUri: string;

const PASSWORD = 'a sturdy admin password';

beforeAll(async () => {
  ctx = await createTestContext();
  // The command connects by URI like the server does; point it at this file's own database.
  const [base = '', query] = testEngines().mongoUri.split('?');
  databaseUri = `${base.replace(/\/?$/, '/')}${ctx.db.name}${query ? `?${query}` : ''}`;
});

afterAll(async () => {
  await ctx.close();
});

/** Runs the command as the CLI would, with its output captured. */
async function run(argv: string[], env: NodeJS.ProcessEnv = {}, readSecret?: UserCreateIo['readSecret']) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runUserCreate(argv, {
    env: { MONGODB_URI: databaseUri, ...env },
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    readSecret,
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('user:create', () => {
  it('when the core is called with a new administrator, then the account exists, can sign in and is audited', async () => {
    const user = await createUserWith(ctx.db, {
      email: 'First.Admin@Example.test',
      name: 'First Admin',
      role: 'admin',
      password: PASSWORD,
    });

    expect(user).toMatchObject({ email: 'first.admin@example.test', role: 'admin', active: true });
    await signedInAgent(ctx.app, user, PASSWORD);
    const audit = await ctx.db.collection('auditevents').findOne({ action: 'users.created', targetId: user.id });
    expect(audit).toMatchObject({
      targetLabel: 'first.admin@example.test',
      details: { role: 'admin', via: 'user:create' },
    });
  });

  it('when run with arguments and NEW_USER_PASSWORD, then it reports the new partner and exits 0', async () => {
    const res = await run(
      ['--email', 'partner.cli@example.test', '--name', 'Cuenca Partner', '--role', 'partner', '--city', 'cuenca'],
      {
        NEW_USER_PASSWORD: PASSWORD,
      },
    );

    expect(res).toMatchObject({ code: 0, err: '' });
    expect(res.out).toContain('Created partner Cuenca Partner <partner.cli@example.test> (cuenca)');
    expect(res.out).toContain(`in database "${ctx.db.name}"`);
    expect(await ctx.services.users.findByEmail('partner.cli@example.test')).toMatchObject({
      role: 'partner',
      city: 'cuenca',
    });
  });

  it('when the password is asked for on a terminal, then it is read twice and must match', async () => {
    const answers = [PASSWORD, PASSWORD, PASSWORD, 'something different'];
    const readSecret = () => Promise.resolve(answers.shift() ?? '');

    const ok = await run(
      ['--email', 'prompted@example.test', '--name', 'Prompted', '--role', 'planner'],
      {},
      readSecret,
    );
    const mismatch = await run(
      ['--email', 'mismatch@example.test', '--name', 'Mismatch', '--role', 'planner'],
      {},
      readSecret,
    );

    expect(ok.code).toBe(0);
    expect(mismatch).toMatchObject({ code: 1, err: 'The two passwords are not the same.' });
    expect(await ctx.services.users.findByEmail('mismatch@example.test')).toBeUndefined();
  });

  it.each([
    [['--email', 'x@example.test', '--name', 'X', '--role', 'partner'], {}, '--city is required for a partner'],
    [
      ['--email', 'x@example.test', '--name', 'X', '--role', 'partner', '--city', 'atlantis'],
      {},
      'Unknown city "atlantis": use one of daugavpils, kaunas',
    ],
    [
      ['--email', 'x@example.test', '--name', 'X', '--role', 'planner', '--city', 'kaunas'],
      {},
      '--city is only for partners',
    ],
    [
      ['--email', 'x@example.test', '--name', 'X', '--role', 'emperor'],
      {},
      '--role must be one of: partner, planner, coordinator, admin',
    ],
    [['--email', 'not-an-address', '--name', 'X', '--role', 'planner'], {}, '--email must be an e-mail address'],
    [['--email', 'x@example.test', '--role', 'planner'], {}, '--name is required'],
    [
      ['--email', 'x@example.test', '--name', 'X', '--role', 'planner', '--password', 'short'],
      {},
      'at least 10 characters',
    ],
    [
      ['--email', 'x@example.test', '--name', 'X', '--role', 'planner'],
      { NEW_USER_PASSWORD: '' },
      'No password: give --password, set NEW_USER_PASSWORD',
    ],
    [
      ['--email', 'x@example.test', '--name', 'X', '--role', 'planner', '--colour', 'blue'],
      {},
      "Unknown option '--colour'",
    ],
    [['--email', 'x@example.test', '--name', 'X', '--role', 'planner'], { MONGODB_URI: '' }, 'MONGODB_URI is not set'],
    [
      ['--email', 'x@example.test', '--name', 'X', '--role', 'planner'],
      { MONGODB_URI: 'postgres://nope' },
      'MONGODB_URI must start with mongodb://',
    ],
  ])(
    'when run with %p and environment %p, then it exits 1 saying %p and creates nobody',
    async (argv, env, message) => {
      const res = await run(argv, { NEW_USER_PASSWORD: PASSWORD, ...env });

      expect(res.code).toBe(1);
      expect(res.err).toContain(message);
      expect(await ctx.services.users.findByEmail('x@example.test')).toBeUndefined();
    },
  );

  it('when the address already has an account, then it exits 1 saying so', async () => {
    await run(['--email', 'twice.cli@example.test', '--name', 'Once', '--role', 'planner'], {
      NEW_USER_PASSWORD: PASSWORD,
    });

    const res = await run(['--email', 'TWICE.cli@example.test', '--name', 'Twice', '--role', 'planner'], {
      NEW_USER_PASSWORD: PASSWORD,
    });

    expect(res).toMatchObject({
      code: 1,
      err: 'A user with the e-mail address twice.cli@example.test already exists.',
    });
    expect(await ctx.db.collection('users').countDocuments({ email: 'twice.cli@example.test' })).toBe(1);
  });

  it('when asked for help, then it prints the usage and exits 0', async () => {
    const res = await run(['--help']);

    expect(res.code).toBe(0);
    expect(res.out).toContain('npm run user:create -- --email <address>');
  });
});
