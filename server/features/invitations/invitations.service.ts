import { Types, trusted, type Connection } from 'mongoose';
import { ConflictError, NotFoundError, ValidationError } from '../../lib/errors';
import { DEFAULT_LOCALE, localeOfCountry, translator, type Locale } from '../../lib/i18n';
import type { Mailer } from '../../lib/mailer';
import type { Role } from '../../lib/policy';
import type { AuditService } from '../audit';
import type { NetworkService } from '../network';
import { generateSecret, hashToken } from '../tokens';
import { MIN_PASSWORD_LENGTH, normaliseEmail, type User, type UsersService } from '../users';
import { invitationsModels, type AccountTokenDoc, type AccountTokenKind } from './invitations.model';

const INVITATION_TTL_MS = 7 * 24 * 3600 * 1000;
const RESET_TTL_MS = 3600 * 1000;

export type InvitationRequest = { email: string; name: string; role: Role; city?: string | undefined };

/** What a valid link may show before it is used (never the secret or its hash). */
export type PendingInvitation = Readonly<{
  email: string;
  name: string;
  role: Role;
  city: string | undefined;
  expiresAt: Date;
}>;
export type PendingReset = Readonly<{ email: string; expiresAt: Date }>;

export type InvitationsService = ReturnType<typeof createInvitationsService>;

type Deps = { users: UsersService; audit: AuditService; network: NetworkService; mailer: Mailer; baseUrl: string };

const INVALID_LINK = 'invitations.error.invalid_link';

export function createInvitationsService(connection: Connection, deps: Deps) {
  const { AccountToken } = invitationsModels(connection);
  const linkFor = (kind: AccountTokenKind, secret: string) =>
    `${deps.baseUrl}${kind === 'invitation' ? '/invitations/' : '/password/reset/'}${secret}`;

  // Usable: neither spent, replaced nor expired. The hash is looked up, so timing reveals nothing of the secret.
  const usableFilter = (kind: AccountTokenKind, secret: string) => ({
    kind,
    tokenHash: hashToken(secret),
    usedAt: null,
    supersededAt: null,
    expiresAt: trusted({ $gt: new Date() }),
  });

  /** A new link for an address and purpose replaces the older unused ones, so only the newest works. */
  async function issue(fields: Omit<AccountTokenDoc, '_id' | 'tokenHash' | 'createdAt' | 'expiresAt'>, ttlMs: number) {
    await AccountToken.updateMany(
      { kind: fields.kind, email: fields.email, usedAt: null, supersededAt: null },
      { $set: { supersededAt: new Date() } },
    );
    const secret = generateSecret();
    const doc = await AccountToken.create({
      ...fields,
      tokenHash: hashToken(secret),
      expiresAt: new Date(Date.now() + ttlMs),
    });
    return { id: doc._id.toHexString(), link: linkFor(fields.kind, secret), expiresAt: doc.expiresAt };
  }

  /** Marks the link used in one atomic step: of two simultaneous uses, only one gets the document. */
  async function claim(kind: AccountTokenKind, secret: string): Promise<AccountTokenDoc> {
    const doc = await AccountToken.findOneAndUpdate(
      usableFilter(kind, secret),
      { $set: { usedAt: new Date() } },
      { returnDocument: 'after' },
    ).lean<AccountTokenDoc>();
    if (!doc) throw new NotFoundError(INVALID_LINK);
    return doc;
  }

  // Used when the work after a claim fails, so the person can try the same link again.
  const release = (id: Types.ObjectId) => AccountToken.updateOne({ _id: id }, { $unset: { usedAt: 1 } });

  const findUsable = (kind: AccountTokenKind, secret: string) =>
    AccountToken.findOne(usableFilter(kind, secret)).lean<AccountTokenDoc>();

  function assertPassword(password: string) {
    if (password.length < MIN_PASSWORD_LENGTH) {
      throw new ValidationError('error.message.validation', { password: ['password.error.too_short'] });
    }
  }


  return {
    /** The link to pass on, and whether it was also e-mailed. */
    async invite(
      input: InvitationRequest,
      inviter: User,
      ip: string | undefined,
      locale: Locale = DEFAULT_LOCALE,
    ): Promise<{ link: string; mailed: boolean; expiresAt: Date }> {
      const email = normaliseEmail(input.email);
      const city = input.role === 'partner' ? input.city : undefined;
      const partnerCity = city ? await deps.network.findCity(city) : undefined;
      if (input.role === 'partner' && !partnerCity) {
        throw new ValidationError('error.message.validation', { city: ['invitations.error.city_required'] });
      }
      if (await deps.users.findByEmail(email)) {
        throw new ValidationError('error.message.validation', { email: ['invitations.error.email_taken'] });
      }
      const { id, link, expiresAt } = await issue(
        {
          kind: 'invitation',
          email,
          name: input.name,
          role: input.role,
          city,
          invitedBy: new Types.ObjectId(inviter.id),
        },
        INVITATION_TTL_MS,
      );
      let mailed = false;
      if (deps.mailer.enabled) {
        // An unreachable mail server must not lose the invitation: the inviter then gets the link to pass on.
        // A partner reads it in their city's language; anyone else in the inviter's. English follows either way.
        const mailLocale = localeOfCountry(partnerCity?.country) ?? locale;
        mailed = await deps.mailer.send(invitationMail(mailLocale, email, input.name, inviter.name, link)).then(
          () => true,
          () => false,
        );
      }
      await deps.audit.record({
        action: 'users.invited',
        actor: inviter,
        target: { type: 'invitation', id, label: email },
        ip,
        details: { role: input.role, ...(city ? { city } : {}), mailed },
      });
      return { link, mailed, expiresAt };
    },

    async findInvitation(secret: string): Promise<PendingInvitation | undefined> {
      const doc = await findUsable('invitation', secret);
      if (!doc?.role) return undefined;
      return { email: doc.email, name: doc.name ?? '', role: doc.role, city: doc.city, expiresAt: doc.expiresAt };
    },

    async acceptInvitation(
      secret: string,
      input: { name?: string | undefined; password: string },
      ip: string | undefined,
    ): Promise<User> {
      assertPassword(input.password);
      const doc = await claim('invitation', secret);
      let user: User;
      try {
        user = await deps.users.create({
          name: input.name ?? doc.name ?? doc.email,
          email: doc.email,
          role: doc.role ?? 'planner',
          city: doc.city,
          password: input.password,
        });
      } catch (err) {
        await release(doc._id);
        if (err instanceof ConflictError) throw new ConflictError('invitations.error.account_exists', 'account_exists');
        throw err;
      }
      await deps.audit.record({
        action: 'users.invitation-accepted',
        actor: user,
        target: { type: 'user', id: user.id, label: user.email },
        ip,
        details: {
          role: user.role,
          ...(user.city ? { city: user.city } : {}),
          invitedBy: doc.invitedBy?.toHexString(),
        },
      });
      return user;
    },

    /**
     * Answers nothing: the caller shows the same page whatever happened, so nobody learns which
     * addresses have accounts. Without mail configured no link is made; the request is only recorded
     * for the administrators, who give out reset links themselves.
     */
    async requestPasswordReset(email: string, ip: string | undefined, locale: Locale = DEFAULT_LOCALE): Promise<void> {
      const address = normaliseEmail(email);
      const user = await deps.users.findByEmail(address);
      const matched = user?.active === true;
      if (user && matched && deps.mailer.enabled) {
        const { link } = await issue(
          { kind: 'password-reset', email: user.email, userId: new Types.ObjectId(user.id) },
          RESET_TTL_MS,
        );
        deps.mailer.sendInBackground(resetMail(locale, user.email, link));
      }
      await deps.audit.record({
        action: 'auth.password-reset-requested',
        ip,
        ...(user && matched ? { target: { type: 'user', id: user.id, label: user.email } } : {}),
        details: { email: address, matched, mailed: matched && deps.mailer.enabled },
      });
    },

    /** For an administrator to pass on by hand (the only way when the site cannot send mail). */
    async createResetLinkFor(userId: string, admin: User): Promise<{ link: string; expiresAt: Date }> {
      const user = await deps.users.findById(userId);
      if (!user?.active) throw new NotFoundError();
      const { link, expiresAt } = await issue(
        { kind: 'password-reset', email: user.email, userId: new Types.ObjectId(user.id) },
        RESET_TTL_MS,
      );
      await deps.audit.record({
        action: 'auth.password-reset-requested',
        actor: admin,
        target: { type: 'user', id: user.id, label: user.email },
        details: { via: 'admin' },
      });
      return { link, expiresAt };
    },

    async findPasswordReset(secret: string): Promise<PendingReset | undefined> {
      const doc = await findUsable('password-reset', secret);
      return doc ? { email: doc.email, expiresAt: doc.expiresAt } : undefined;
    },

    /** Setting the password moves passwordChangedAt, which signs out every session from before. */
    async resetPassword(secret: string, password: string, ip: string | undefined): Promise<User> {
      assertPassword(password);
      const doc = await claim('password-reset', secret);
      const user = doc.userId ? await deps.users.findById(doc.userId.toHexString()) : undefined;
      if (!user?.active) throw new NotFoundError(INVALID_LINK);
      try {
        await deps.users.setPassword(user.id, password);
      } catch (err) {
        await release(doc._id);
        throw err;
      }
      await AccountToken.updateMany(
        { kind: 'password-reset', email: doc.email, usedAt: null, supersededAt: null },
        { $set: { supersededAt: new Date() } },
      );
      await deps.audit.record({
        action: 'auth.password-reset',
        actor: user,
        target: { type: 'user', id: user.id, label: user.email },
        ip,
      });
      return user;
    },
  };
}

/** The mail's languages: the reader's, then English for whoever else handles the mailbox. */
function mailLocales(locale: Locale): Locale[] {
  return locale === DEFAULT_LOCALE ? [locale] : [locale, DEFAULT_LOCALE];
}

function bilingual(locale: Locale, subjectKey: string, part: (t: ReturnType<typeof translator>) => string[]) {
  const locales = mailLocales(locale);
  return {
    subject: locales.map((l) => translator(l)(subjectKey)).join(' / '),
    text: locales.map((l) => part(translator(l)).join('\n')).join('\n\n—\n\n'),
  };
}

function resetMail(locale: Locale, email: string, link: string) {
  return {
    to: email,
    ...bilingual(locale, 'mail.reset.subject', (t) => [t('mail.reset.body'), '', link, '', t('mail.reset.ignore')]),
  };
}

function invitationMail(locale: Locale, email: string, name: string, inviterName: string, link: string) {
  return {
    to: email,
    ...bilingual(locale, 'mail.invitation.subject', (t) => [
      t('mail.invitation.greeting', { name }),
      '',
      t('mail.invitation.body', { inviter: inviterName }),
      '',
      link,
    ]),
  };
}
