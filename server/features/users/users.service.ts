import { hash as argonHash, verify as argonVerify, type Algorithm } from '@node-rs/argon2';
import { Types, type Connection } from 'mongoose';
import { isDuplicateKey } from '../../lib/db';
import { ConflictError, NotFoundError, ValidationError } from '../../lib/errors';
import type { Actor, Role } from '../../lib/policy';
import type { NetworkService } from '../network';
import { usersModels, type UserDoc } from './users.model';

export const MIN_PASSWORD_LENGTH = 10;

export type User = Readonly<{
  id: string;
  name: string;
  email: string;
  role: Role;
  city: string | undefined;
  active: boolean;
  lastSignInAt: Date | undefined;
  passwordChangedAt: Date | undefined;
  createdAt: Date;
}>;

export type NewUser = { name: string; email: string; role: Role; city?: string | undefined; password: string };

const toUser = (doc: Omit<UserDoc, 'passwordHash'>): User => ({
  id: doc._id.toHexString(),
  name: doc.name,
  email: doc.email,
  role: doc.role,
  city: doc.city,
  active: doc.active,
  lastSignInAt: doc.lastSignInAt,
  passwordChangedAt: doc.passwordChangedAt,
  createdAt: doc.createdAt,
});

export const toActor = (user: User): Actor => ({ id: user.id, role: user.role, city: user.city });

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

// argon2id with the library's OWASP-recommended defaults; a prebuilt N-API binding, so no compiler is needed.
// Algorithm is a const enum that is not emitted at run time, so its value is spelled out: 2 = Argon2id.
const ARGON2ID = 2 as Algorithm;
const hashPassword = (password: string) => argonHash(password, { algorithm: ARGON2ID });

// A constant-time-ish answer for unknown accounts: hashing a dummy keeps sign-in timing from revealing who exists.
let dummyHash: Promise<string> | undefined;

export type UsersService = ReturnType<typeof createUsersService>;

export function createUsersService(connection: Connection, deps: { network: NetworkService }) {
  const { User } = usersModels(connection);

  async function assertValidCity(role: Role, city: string | undefined) {
    if (role !== 'partner') return;
    if (!city || !(await deps.network.findCity(city))) {
      throw new ValidationError('error.message.validation', { city: ['users.error.city_required'] });
    }
  }

  function assertPassword(password: string) {
    if (password.length < MIN_PASSWORD_LENGTH) {
      throw new ValidationError('error.message.validation', { password: ['users.error.password_too_short'] });
    }
  }

  return {
    async create(input: NewUser): Promise<User> {
      assertPassword(input.password);
      await assertValidCity(input.role, input.city);
      try {
        const doc = await User.create({
          name: input.name,
          email: normaliseEmail(input.email),
          role: input.role,
          city: input.role === 'partner' ? input.city : undefined,
          active: true,
          passwordHash: await hashPassword(input.password),
          passwordChangedAt: new Date(),
        });
        return toUser(doc.toObject());
      } catch (err) {
        if (isDuplicateKey(err)) throw new ConflictError('users.error.email_taken', 'email_taken');
        throw err;
      }
    },

    async findById(id: string): Promise<User | undefined> {
      if (!Types.ObjectId.isValid(id)) return undefined;
      const doc = await User.findById(id).lean<UserDoc>();
      return doc ? toUser(doc) : undefined;
    },

    async findByEmail(email: string): Promise<User | undefined> {
      const doc = await User.findOne({ email: normaliseEmail(email) }).lean<UserDoc>();
      return doc ? toUser(doc) : undefined;
    },

    /** The user for these credentials, or undefined; never says which part was wrong. */
    async verifyCredentials(email: string, password: string): Promise<User | undefined> {
      const doc = await User.findOne({ email: normaliseEmail(email) })
        .select('+passwordHash')
        .lean<UserDoc>();
      if (!doc?.passwordHash) {
        dummyHash ??= hashPassword('not-a-real-password');
        await argonVerify(await dummyHash, password).catch(() => false);
        return undefined;
      }
      const ok = await argonVerify(doc.passwordHash, password).catch(() => false);
      return ok && doc.active ? toUser(doc) : undefined;
    },

    async recordSignIn(id: string): Promise<void> {
      await User.updateOne({ _id: id }, { $set: { lastSignInAt: new Date() } });
    },

    async setPassword(id: string, password: string): Promise<void> {
      assertPassword(password);
      const hash = await hashPassword(password);
      const res = await User.updateOne({ _id: id }, { $set: { passwordHash: hash, passwordChangedAt: new Date() } });
      if (res.matchedCount === 0) throw new NotFoundError();
    },

    async changeRole(id: string, role: Role, city: string | undefined): Promise<User> {
      await assertValidCity(role, city);
      const update = role === 'partner' ? { $set: { role, city } } : { $set: { role }, $unset: { city: 1 } };
      const doc = await User.findByIdAndUpdate(id, update, {
        returnDocument: 'after',
        runValidators: true,
      }).lean<UserDoc>();
      if (!doc) throw new NotFoundError();
      return toUser(doc);
    },

    async setActive(id: string, active: boolean): Promise<User> {
      const doc = await User.findByIdAndUpdate(id, { $set: { active } }, { returnDocument: 'after' }).lean<UserDoc>();
      if (!doc) throw new NotFoundError();
      return toUser(doc);
    },

    async list(filter: { role?: Role | undefined; active?: boolean | undefined } = {}): Promise<User[]> {
      const query: Record<string, unknown> = {};
      if (filter.role) query.role = filter.role;
      if (filter.active !== undefined) query.active = filter.active;
      const docs = await User.find(query).sort({ role: 1, name: 1 }).lean<UserDoc[]>();
      return docs.map(toUser);
    },

    async adminExists(): Promise<boolean> {
      return (await User.countDocuments({ role: 'admin' })) > 0;
    },
  };
}
