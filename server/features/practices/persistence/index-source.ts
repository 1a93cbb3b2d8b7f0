import { mongoOutbox } from '../../../lib/search-outbox';
import type { IndexablePractice } from '../../search';
import { isListed, LISTED_FIELDS } from '../domain/listing';
import type { PracticeDoc, PracticesModels } from './practice-model';

/** A listed practice as the search index receives it: its published copy and the record's facts. */
function toIndexable(doc: PracticeDoc): IndexablePractice {
  // Listed means published (isListed): the working copy is never what the index holds.
  if (!doc.published) throw new Error(`practice ${doc._id.toHexString()} is listed without a published copy`);
  return {
    id: doc._id.toHexString(),
    revision: doc.revision,
    city: doc.city,
    cityName: doc.cityName,
    country: doc.country,
    publishedAt: doc.publishedAt,
    content: doc.published,
  };
}

/** The practices' search outbox: listed practices go to the index, anything else is removed from it. */
export const practicesOutbox = (models: PracticesModels) =>
  mongoOutbox<PracticeDoc, IndexablePractice>(models.Practice, {
    listed: isListed,
    listedFields: LISTED_FIELDS,
    toIndexable,
    // The working copy (the published content again, or a draft) and the attachments kept for undo.
    unread: ['working', 'removedAttachments'],
  });
