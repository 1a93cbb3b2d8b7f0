import { DAUGAVPILS } from './practices/daugavpils';
import { DENMARK } from './practices/denmark';
import { GERMANY } from './practices/germany';
import { ITALY } from './practices/italy';
import { LATVIA_REMIGRATION } from './practices/latvia-remigration';
import { LITHUANIA } from './practices/lithuania';
import { POLAND } from './practices/poland';
import { ROMANIA } from './practices/romania';
import { SPAIN } from './practices/spain';
import type { DemoPractice } from './demo-types';

/**
 * The demo data set: practices from all eight network cities, written for this project from published facts
 * (documented ones, every figure with its year and source in demo-sources.ts) and clearly labelled
 * illustrations where the facts run out. Order is the network's city order.
 */
export const DEMO_PRACTICES: readonly DemoPractice[] = [
  ...LATVIA_REMIGRATION,
  ...DAUGAVPILS,
  ...LITHUANIA,
  ...POLAND,
  ...GERMANY,
  ...ROMANIA,
  ...ITALY,
  ...DENMARK,
  ...SPAIN,
];

/** Said wherever the set is loaded or shown, so nobody mistakes it for the network's own records. */
export const DEMO_NOTICE =
  'Demo data: practices written for the DeCoDe knowledge base from public sources; entries marked ' +
  '“Illustrative example” are illustrations, not documented practices.';
