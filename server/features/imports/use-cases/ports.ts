import type { Can } from '../../../lib/policy';
import type { NetworkService } from '../../network';
import type { PracticesService } from '../../practices';
import type { UsersService } from '../../users';
import type { VocabulariesService } from '../../vocabularies';

/** What imports need of other features: the practices' check and write path, and reference data for the template. */
export type ImportsDeps = {
  can: Can;
  practices: Pick<PracticesService, 'checkImport' | 'importPractice' | 'undoImport'>;
  users: Pick<UsersService, 'findById'>;
  network: Pick<NetworkService, 'listCities'>;
  vocabularies: Pick<VocabulariesService, 'all'>;
};
