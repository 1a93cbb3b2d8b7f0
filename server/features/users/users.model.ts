import { Schema, type Connection, type Types } from 'mongoose';
import { modelOn } from '../../lib/models';
import { ROLES, type Role } from '../../lib/policy';

export type UserDoc = {
  _id: Types.ObjectId;
  name: string;
  /** Stored lower-cased: addresses are compared case-insensitively and the unique index sees one form. */
  email: string;
  role: Role;
  city?: string;
  active: boolean;
  passwordHash?: string;
  passwordChangedAt?: Date;
  lastSignInAt?: Date;
  createdAt: Date;
  updatedAt: Date;
};

const userSchema = new Schema<UserDoc>(
  {
    name: { type: String, required: true, trim: true, maxlength: 120 },
    email: { type: String, required: true, lowercase: true, trim: true, unique: true, maxlength: 254 },
    role: { type: String, required: true, enum: ROLES },
    city: {
      type: String,
      required: function (this: UserDoc) {
        return this.role === 'partner';
      },
    },
    active: { type: Boolean, default: true },
    passwordHash: { type: String, select: false },
    passwordChangedAt: { type: Date },
    lastSignInAt: { type: Date },
  },
  { timestamps: true },
);

export function usersModels(connection: Connection) {
  return { User: modelOn(connection, 'User', userSchema) };
}
