import pino, { type Logger } from 'pino';

export type { Logger };

const redact = {
  paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]', '*.password', '*.token'],
  censor: '[redacted]',
};

export function createLogger(level: string, name = 'decode-kb'): Logger {
  return pino({ name, level, redact });
}

/** For tests and scripts that must stay quiet unless LOG_LEVEL asks otherwise. */
export const silentLogger: Logger = pino({ level: 'silent' });
