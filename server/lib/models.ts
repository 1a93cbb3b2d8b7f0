import type { Connection, Model, Schema } from 'mongoose';

/** Models are bound to a connection (not the global mongoose) so each app and each test file owns its database. */
export function modelOn<T>(connection: Connection, name: string, schema: Schema<T>): Model<T> {
  return (connection.models[name] as Model<T> | undefined) ?? connection.model<T>(name, schema);
}
