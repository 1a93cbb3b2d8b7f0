// The reader's-language formatters are shared by every feature's pages: they live in server/lib.
export { formattersFor, type Formatters } from '../../../lib/formatters';
